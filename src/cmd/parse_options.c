#include "parse_options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "strlist.h"
#include "xalloc.h"

#define HELP_COLUMN 25   /* where help lines start: `    --name VALUE` fits before */

/* getopt_long's value for the options every command has, past any table index. */
enum { S_DIR = 'C', S_HELP = 0x10000, S_VERSION };

static const char *const S_format_names[] = { "table", "json", "csv", "jsonl" };

static void S_help_line(FILE *out, const char *flag, const char *help)
{
	int width = fprintf(out, "    %s", flag);
	for (const char *line = help; line;) {
		const char *end = strchr(line, '\n');
		if (width >= HELP_COLUMN - 1) {
			fputc('\n', out);
			width = 0;
		}
		fprintf(out, "%*s%.*s\n", HELP_COLUMN - width, "",
			end ? (int)(end - line) : (int)strlen(line), line);
		width = 0;
		line = end ? end + 1 : NULL;
	}
}

void parse_options_usage(FILE *out, const struct cmd_usage *usage, const struct opt *opts)
{
	struct strbuf flag = STRBUF_INIT;

	fprintf(out, "usage: perennial %s\n\n%s\n", usage->synopsis, usage->summary);
	if (opts[0].type != OPT_END)
		fputs("\noptions:\n", out);
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		strbuf_reset(&flag);
		if (o->short_name)
			strbuf_addf(&flag, "-%c, ", o->short_name);
		strbuf_addf(&flag, "--%s", o->name);
		if (o->value_name)
			strbuf_addf(&flag, " %s", o->value_name);
		S_help_line(out, flag.buf, o->help);
	}
	S_help_line(out, "-C DIR", "run as if started in DIR");
	S_help_line(out, "--help", "show this help");
	S_help_line(out, "--version", "show the version");
	strbuf_release(&flag);
}

int usage_error(const struct cmd_usage *usage, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "perennial %s: ", usage->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: perennial %s\n", usage->synopsis);
	fprintf(stderr, "See 'perennial %s --help'.\n", usage->name);
	return EXIT_TROUBLE;
}

/*
 * What getopt_long's '?' or ':' was about, said plainly. A command that
 * takes `operands` may have been given one that begins with '-' (a title,
 * a query): the way to give it is said too.
 */
static int S_option_error(const struct cmd_usage *usage, int c, char **argv,
			  const struct option *options, int operands)
{
	const char *word = argv[optind - 1];
	if (optopt) {
		/* A short option, or a long one whose value is optopt. */
		for (const struct option *o = options; o->name; o++)
			if (o->val == optopt && strncmp(word, "--", 2) == 0)
				return usage_error(usage, c == ':' ? "--%s needs a value"
						   : "--%s takes no value", o->name);
		if (c == '?' && operands)
			return usage_error(usage, "unknown option '-%c'\n"
					   "hint: put '--' before an argument that begins with '-',"
					   " as in: perennial %s -- '-%c...'", optopt, usage->name, optopt);
		return usage_error(usage, c == ':' ? "-%c needs a value" : "unknown option '-%c'",
				   optopt);
	}
	return usage_error(usage, "unknown option '%s'", word);
}

static int S_day(const struct cmd_usage *usage, const struct opt *o, const char *text)
{
	struct opt_day *day = o->value;
	day->text = text;
	switch (date_parse(&day->day, text, strlen(text))) {
	case DATE_OK:
		return 0;
	case DATE_NOT_A_DAY:
		return usage_error(usage, "--%s %s is not a day", o->name, text);
	case DATE_BAD_FORMAT:
		break;
	}
	return usage_error(usage, "--%s wants YYYY-MM-DD, not '%s'", o->name, text);
}

int opt_format(const struct cmd_usage *usage, const char *text, unsigned formats,
	       enum cli_format *out)
{
	struct strbuf choices = STRBUF_INIT;
	size_t n = sizeof(S_format_names) / sizeof(*S_format_names), allowed = 0, seen = 0;

	for (size_t i = 0; i < n; i++) {
		if (!(formats & (1u << i)))
			continue;
		allowed++;
		if (strcmp(text, S_format_names[i]) == 0) {
			*out = (enum cli_format)i;
			return 0;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (formats & (1u << i))
			strbuf_addf(&choices, "%s%s", seen++ == 0 ? "" : seen == allowed ? " or " : ", ",
				    S_format_names[i]);
	usage_error(usage, "--format must be %s, not '%s'", choices.buf, text);
	strbuf_release(&choices);
	return EXIT_TROUBLE;
}

int opt_known_scanned(const struct cmd_usage *usage, const char *name,
		      const struct known_scan *scan)
{
	struct strbuf why = STRBUF_INIT;
	int status = known_scan_end(&why, scan) ? 0 : usage_error(usage, "--%s %s", name, why.buf);
	strbuf_release(&why);
	return status;
}

int opt_known(const struct cmd_usage *usage, const struct opt_known *filters, size_t n,
	      const struct corpus *corpus, const struct config *config)
{
	struct strbuf why = STRBUF_INIT;
	int status = 0;
	for (size_t i = 0; i < n && !status; i++)
		if (filters[i].value && !known_check(&why, corpus, config, filters[i].kind,
						     filters[i].value))
			status = usage_error(usage, "--%s %s", filters[i].name, why.buf);
	strbuf_release(&why);
	return status;
}

static struct opt_table *S_capture;

void parse_options_capture(struct opt_table *into)
{
	S_capture = into;
}

void opt_table_release(struct opt_table *table)
{
	free(table->opts);
	*table = (struct opt_table)OPT_TABLE_INIT;
}

/* Copies opts, `n` of them, into the table parse_options_capture was given, and lets go of it. */
static void S_capture_table(const struct opt *opts, size_t n, int operands,
			    const char *const *actions)
{
	S_capture->opts = xcalloc(n + 1, sizeof(*opts));
	memcpy(S_capture->opts, opts, (n + 1) * sizeof(*opts));
	for (size_t i = 0; i < n; i++)
		S_capture->opts[i].value = NULL;
	S_capture->operands = operands;
	S_capture->actions = actions;
	S_capture = NULL;
}

/*
 * The entry `--NAME` stands for, NAME being `len` bytes, as getopt_long
 * finds it: the option of that name, else the one option it begins the
 * name of; NULL for none, for more than one, and for --help and --version.
 */
static const struct opt *S_long(const struct opt *opts, const char *name, size_t len)
{
	const struct opt *found = NULL;
	size_t begun = 0;
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (!o->name[len])
			return o;
		found = o;
		begun++;
	}
	return begun == 1 ? found : NULL;
}

static const struct opt *S_short(const struct opt *opts, char c)
{
	for (const struct opt *o = opts; o->type != OPT_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

void parse_options_complete(struct opt_completion *out, int argc, char **argv,
			    const struct opt *opts)
{
	const char *word = argv[argc - 1];
	const struct opt *pending = NULL;   /* the option the next word is the value of */
	int dir_pending = 0, operands_only = 0;

	*out = (struct opt_completion){ OPT_COMPLETING_OPERAND, NULL, word, NULL, 0 };
	for (int i = 1; i < argc - 1; i++) {
		const char *w = argv[i];
		if (dir_pending) {
			out->dir = w;
			dir_pending = 0;
		} else if (pending) {
			pending = NULL;
		} else if (operands_only || w[0] != '-' || !w[1]) {
			out->operands++;
		} else if (strcmp(w, "--") == 0) {
			operands_only = 1;
		} else if (w[1] == '-') {
			const char *eq = strchr(w, '=');
			const struct opt *o = S_long(opts, w + 2, eq ? (size_t)(eq - w - 2) : strlen(w + 2));
			if (o && o->type != OPT_BOOL && !eq)
				pending = o;
		} else {
			/* Short options, maybe several in one word; a value ends it. */
			for (const char *c = w + 1; *c; c++) {
				const struct opt *o = S_short(opts, *c);
				if (*c == S_DIR) {
					out->dir = c[1] ? c + 1 : out->dir;
					dir_pending = !c[1];
					break;
				}
				if (o && o->type != OPT_BOOL) {
					pending = c[1] ? NULL : o;
					break;
				}
			}
		}
	}
	if (dir_pending) {
		out->what = OPT_COMPLETING_DIR;
	} else if (pending) {
		out->what = OPT_COMPLETING_VALUE;
		out->opt = pending;
	} else if (!operands_only && word[0] == '-') {
		const char *eq = strchr(word, '=');
		const struct opt *o = eq && word[1] == '-'
			? S_long(opts, word + 2, (size_t)(eq - word - 2)) : NULL;
		out->what = o && o->type != OPT_BOOL ? OPT_COMPLETING_VALUE : OPT_COMPLETING_NAME;
		out->opt = out->what == OPT_COMPLETING_VALUE ? o : NULL;
		out->typed = out->opt ? eq + 1 : word;
	}
}

void parse_options_names(struct strlist *out, const struct opt *opts)
{
	struct strbuf name = STRBUF_INIT;
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "--%s", o->name);
		strlist_add(out, name.buf);
	}
	strlist_add(out, "-C");
	strlist_add(out, "--help");
	strlist_add(out, "--version");
	strbuf_release(&name);
}

void parse_options_values(struct strlist *out, const struct opt *o)
{
	for (size_t i = 0; i < sizeof(S_format_names) / sizeof(*S_format_names); i++)
		if (o->type == OPT_FORMAT && (o->formats & (1u << i)))
			strlist_add(out, S_format_names[i]);
}

/* Takes the value of option o, as far as it can be taken before all are read. */
static void S_take(const struct opt *o, const char *value, const char **later)
{
	switch (o->type) {
	case OPT_BOOL: *(int *)o->value = 1; break;
	case OPT_STRING: *(const char **)o->value = value; break;
	case OPT_STRINGS: strlist_add(o->value, value); break;
	case OPT_DAY:
	case OPT_FORMAT: *later = value; break;
	case OPT_END: break;
	}
}

/*
 * The operands from argv[argi] on as a command with actions takes them:
 * one, among usage->actions. 0, or EXIT_TROUBLE after a usage error.
 */
static int S_action(const struct cmd_usage *usage, int argc, char **argv, int argi)
{
	const char *const *actions = usage->actions;
	struct strbuf say = STRBUF_INIT;
	int status;

	for (size_t i = 0; argi + 1 == argc && actions[i]; i++)
		if (strcmp(actions[i], argv[argi]) == 0)
			return 0;
	strbuf_addstr(&say, "say ");
	for (size_t i = 0; actions[i]; i++)
		strbuf_addf(&say, "%s%s", !i ? "" : actions[i + 1] ? ", " : " or ", actions[i]);
	if (argi + 1 == argc)
		status = usage_error(usage, "unknown action '%s': %s", argv[argi], say.buf);
	else
		status = usage_error(usage, "%s", say.buf);
	strbuf_release(&say);
	return status;
}

static int S_parse(int argc, char **argv, const struct cmd_usage *usage, const struct opt *opts,
		   int *status, int operands)
{
	size_t n = 0;
	while (opts[n].type != OPT_END)
		n++;
	if (S_capture) {
		S_capture_table(opts, n, operands, operands ? usage->actions : NULL);
		*status = EXIT_OK;
		return -1;
	}
	struct option *options = xcalloc(n + 3, sizeof(*options));
	const char **later = xcalloc(n + 1, sizeof(*later));
	struct strbuf shorts = STRBUF_INIT;
	const char *dir = NULL;
	int c, argi = -1;

	strbuf_addstr(&shorts, ":C:");
	for (size_t i = 0; i < n; i++) {
		int takes_value = opts[i].type != OPT_BOOL;
		options[i] = (struct option){ opts[i].name,
			takes_value ? required_argument : no_argument, NULL, (int)i + 256 };
		if (opts[i].short_name)
			strbuf_addf(&shorts, "%c%s", opts[i].short_name, takes_value ? ":" : "");
	}
	options[n] = (struct option){ "help", no_argument, NULL, S_HELP };
	options[n + 1] = (struct option){ "version", no_argument, NULL, S_VERSION };

	*status = EXIT_TROUBLE;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, shorts.buf, options, NULL)) != -1) {
		for (size_t i = 0; i < n; i++)
			if (opts[i].short_name && c == opts[i].short_name)
				c = (int)i + 256;
		if (c == S_DIR) {
			dir = optarg;
		} else if (c == S_HELP) {
			parse_options_usage(stdout, usage, opts);
			*status = EXIT_OK;
			goto done;
		} else if (c == S_VERSION) {
			cli_print_version();
			*status = EXIT_OK;
			goto done;
		} else if (c >= 256 && (size_t)(c - 256) < n) {
			S_take(&opts[c - 256], optarg, &later[c - 256]);
		} else {
			S_option_error(usage, c, argv, options, operands);
			goto done;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!later[i])
			continue;
		if (opts[i].type == OPT_DAY ? S_day(usage, &opts[i], later[i]) != 0
		    : opt_format(usage, later[i], opts[i].formats, opts[i].value) != 0)
			goto done;
	}
	if (operands && usage->actions && S_action(usage, argc, argv, optind) != 0)
		goto done;
	if (cli_chdir(dir) < 0)
		goto done;
	argi = optind;
done:
	free(options);
	free(later);
	strbuf_release(&shorts);
	return argi;
}

int parse_options(int argc, char **argv, const struct cmd_usage *usage, const struct opt *opts,
		  int *status)
{
	return S_parse(argc, argv, usage, opts, status, 1);
}

int parse_options_only(int argc, char **argv, const struct cmd_usage *usage,
		       const struct opt *opts, int *status)
{
	int argi = S_parse(argc, argv, usage, opts, status, 0);
	if (argi < 0)
		return -1;
	if (argi != argc) {
		*status = usage_error(usage, "%s takes no arguments, only options ('%s')",
				      usage->name, argv[argi]);
		return -1;
	}
	return 0;
}
