#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "date.h"
#include "diag_print.h"
#include "error.h"
#include "scaffold.h"
#include "strbuf.h"
#include "strlist.h"
#include "suggest.h"
#include "template.h"
#include "utf8.h"
#include "xalloc.h"

static const struct cli_usage S_usage = {
	"new",
	"new [--organizer ID] [--with ID,...] [--kind K] [--date D] TITLE",
	"Write a new note from the note template: the repository's own\n"
	"templates/note.md, or the built-in one, with the front matter filled in\n"
	"and the conversation questions as sections. It goes to\n"
	"NOTES/YYYY/MM/YYYY-MM-DD-ORGANIZER-SLUG.md, the slug made from the title\n"
	"(several words are joined with spaces). A file is never replaced: when\n"
	"the name is taken, -2, -3, ... is added. Prints the new file's path,\n"
	"so that 'vi \"$(perennial new TITLE)\"' opens it.",
	"    --organizer ID       who held the conversation, an id of the roster\n"
	"                         (default: the organizer, when the roster has one)\n"
	"    --with ID,...        who took part, by id; may be given again\n"
	"    --kind K             the kind of conversation (default: one-on-one)\n"
	"    --date D             the day it took place, YYYY-MM-DD (default: today)\n",
};

/* Adds the comma-separated ids of one --with; -1 after a usage error. */
static int S_add_with(struct strlist *with, const char *arg)
{
	const char *s = arg;
	for (;;) {
		size_t n = strcspn(s, ",");
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		char *id = xstrndup(s, n);
		if (!scaffold_id_ok(id)) {
			cli_usage_error(&S_usage, "--with '%s': '%s' is not a person id (letters, "
					"digits, '.', '-' and '_', such as maria-g)", arg, id);
			free(id);
			return -1;
		}
		size_t i = 0;
		while (i < with->len && strcmp(with->items[i], id) != 0)
			i++;
		if (i == with->len)
			strlist_add_owned(with, id);
		else
			free(id);
		s += strcspn(s, ",");
		if (!*s++)
			return 0;
	}
}

/* The organizer asked for, or the roster's only one; NULL after a usage error. */
static const char *S_organizer(const struct config *config, const char *asked)
{
	if (!config->norganizers) {
		error("the roster in %s has no organizers: add yourself under 'organizers:'",
		      CONFIG_FILE);
		return NULL;
	}
	if (!asked && config->norganizers == 1)
		return config->organizers[0].id;
	if (!asked) {
		struct strbuf ids = STRBUF_INIT;
		for (size_t i = 0; i < config->norganizers; i++)
			strbuf_addf(&ids, "%s%s", i ? ", " : "", config->organizers[i].id);
		cli_usage_error(&S_usage, "say who held the conversation with --organizer: "
				"one of %s", ids.buf);
		strbuf_release(&ids);
		return NULL;
	}
	if (config_organizer(config, asked))
		return asked;
	struct suggestion s;
	suggest_init(&s, asked);
	for (size_t i = 0; i < config->norganizers; i++)
		suggest_consider(&s, config->organizers[i].id);
	if (s.best)
		cli_usage_error(&S_usage, "unknown organizer '%s'; did you mean '%s'?", asked, s.best);
	else
		cli_usage_error(&S_usage, "unknown organizer '%s': not in the roster in %s",
				asked, CONFIG_FILE);
	return NULL;
}

/* The kind asked for, if the kind field allows it, or the default; NULL after an error. */
static const char *S_kind(const struct config *config, const char *asked)
{
	const struct field_def *kind = config_field(config, "kind");

	if (!asked)
		return scaffold_default_kind(config);
	if (!*asked || !kind || kind->type != FIELD_ENUM) {
		if (*asked && scaffold_id_ok(asked))
			return asked;
		cli_usage_error(&S_usage, "--kind '%s' is not a kind", asked);
		return NULL;
	}
	for (size_t i = 0; i < kind->nvalues; i++)
		if (strcmp(kind->values[i], asked) == 0)
			return asked;
	struct strbuf values = STRBUF_INIT;
	for (size_t i = 0; i < kind->nvalues; i++)
		strbuf_addf(&values, "%s%s", i ? ", " : "", kind->values[i]);
	const char *close = suggest_closest(asked, (const char *const *)kind->values, kind->nvalues);
	if (close)
		cli_usage_error(&S_usage, "--kind '%s' is not a kind; did you mean '%s'?", asked, close);
	else
		cli_usage_error(&S_usage, "--kind '%s' is not a kind: one of %s", asked, values.buf);
	strbuf_release(&values);
	return NULL;
}

/* Renders the note, writes it and prints its path; the exit status. */
static int S_write(const char *root, const struct config *config, const struct scaffold_note *note)
{
	struct template_set set = { .read = template_read_worktree, .ctx = (void *)root };
	struct strbuf text = STRBUF_INIT;
	struct strlist taken = STRLIST_INIT;
	char *folder = NULL, *stem = NULL, *path = NULL, *shown = NULL, *cwd = NULL;
	json_t *data = scaffold_note_data(config, note);
	int status = EXIT_TROUBLE;

	if (template_render(&text, &set, "note.md", data) < 0 ||
	    scaffold_taken_names(&taken, root, config->notes_dir) < 0)
		goto done;
	scaffold_note_place(&folder, &stem, config, note);
	if (scaffold_create(&path, root, folder, stem, &taken, text.buf ? text.buf : "",
			    text.len) < 0)
		goto done;
	cwd = getcwd(NULL, 0);
	shown = cwd ? scaffold_path_from(cwd, root, path) : NULL;
	printf("%s\n", shown ? shown : path);
	if (fflush(stdout) != 0 || ferror(stdout))
		error("cannot write the output");
	else
		status = EXIT_OK;
done:
	json_decref(data);
	strbuf_release(&text);
	strlist_release(&taken);
	free(folder);
	free(stem);
	free(path);
	free(shown);
	free(cwd);
	return status;
}

int cmd_new(int argc, char **argv)
{
	static const struct option options[] = {
		{ "organizer", required_argument, NULL, 'o' },
		{ "with", required_argument, NULL, 'w' },
		{ "kind", required_argument, NULL, 'k' },
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct scaffold_note note = { 0 };
	struct strlist with = STRLIST_INIT;
	struct strbuf title = STRBUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct config *config = NULL;
	const char *dir = NULL, *organizer = NULL, *kind = NULL, *day = NULL;
	char *root = NULL;
	int c, status = EXIT_TROUBLE;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'o': organizer = optarg; break;
		case 'w':
			if (S_add_with(&with, optarg) < 0)
				goto done;
			break;
		case 'k': kind = optarg; break;
		case 'd': day = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); status = EXIT_OK; goto done;
		case 'V': cli_print_version(); status = EXIT_OK; goto done;
		default: status = cli_option_error(&S_usage, c, argv, options); goto done;
		}
	}
	for (int i = optind; i < argc; i++)
		strbuf_addf(&title, "%s%s", i > optind ? " " : "", argv[i]);
	/* Blanks at either end are the shell's, not the title's. */
	const char *t = strbuf_str(&title);
	size_t start = strspn(t, " \t");
	while (title.len > start && (t[title.len - 1] == ' ' || t[title.len - 1] == '\t'))
		title.buf[--title.len] = '\0';
	if (!t[start]) {
		cli_usage_error(&S_usage, "the note needs a TITLE");
		goto done;
	}
	if (utf8_invalid_offset(t, title.len) != title.len) {
		cli_usage_error(&S_usage, "the title is not UTF-8");
		goto done;
	}
	for (size_t i = 0; i < title.len; i++) {
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7F) {
			cli_usage_error(&S_usage, "the title is one line, without control characters");
			goto done;
		}
	}
	if (day) {
		enum date_result r = date_parse(&note.date, day, strlen(day));
		if (r != DATE_OK) {
			cli_usage_error(&S_usage, r == DATE_NOT_A_DAY ? "--date %s is not a day"
					: "--date wants YYYY-MM-DD, not '%s'", day);
			goto done;
		}
	} else if (date_today(&note.date) < 0) {
		error("cannot tell today's date");
		goto done;
	}
	if (cli_chdir(dir) < 0)
		goto done;

	int r = cli_open_notes(&root, &config, &diags);
	diag_list_sort(&diags);
	diag_print_text(stderr, &diags, cli_color("auto", stderr));
	if (r < 0)
		goto done;
	note.title = t + start;
	note.participants = with.items;
	note.nparticipants = with.len;
	if (!(note.organizer = S_organizer(config, organizer)) ||
	    !(note.kind = S_kind(config, kind)))
		goto done;
	status = S_write(root, config, &note);
done:
	diag_list_release(&diags);
	config_free(config);
	free(root);
	strlist_release(&with);
	strbuf_release(&title);
	return status;
}
