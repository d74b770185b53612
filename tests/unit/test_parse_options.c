#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse_options.h"
#include "strlist.h"

static const struct cmd_usage S_usage = {
	"try", "try [--flag] [--name N] [--day D] [--format F] [ARG...]", "A command to try.",
	NULL,  /* no actions */
};

struct values {
	int flag, verbose;
	const char *name;
	struct strlist many;
	struct opt_day day;
	enum cli_format format;
};

/* Parses the words of `line` (split at spaces) with one table of every type. */
static int S_parse(struct values *v, const char *line, int *status, char **printed)
{
	char *copy = strdup(line), *save = NULL;
	char *argv[32];
	int argc = 0;
	for (char *w = strtok_r(copy, " ", &save); w && argc < 31; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	memset(v, 0, sizeof(*v));
	v->format = CLI_FORMAT_TABLE;
	const struct opt opts[] = {
		OPT_BOOL("flag", &v->flag, "a flag"),
		OPT_BOOL_SHORT('v', "verbose", &v->verbose, "say more"),
		OPT_STRING("name", &v->name, "N", "a name"),
		OPT_STRINGS("many", &v->many, "M", "given again and again"),
		OPT_DAY("day", &v->day, "D", "a day"),
		OPT_FORMAT(&v->format, CLI_TABLE_JSON_CSV, "F", "table, json or csv"),
		OPT_END(),
	};
	struct unit_capture c;
	unit_capture_start(&c);
	int argi = parse_options(argc, argv, &S_usage, opts, status);
	*printed = unit_capture_printed(&c);
	/* Values point into argv: keep what the tests read. */
	v->name = v->name ? strdup(v->name) : NULL;
	v->day.text = v->day.text ? strdup(v->day.text) : NULL;
	free(copy);
	return argi;
}

static void S_release(struct values *v, char *printed)
{
	free((char *)v->name);
	free((char *)v->day.text);
	strlist_release(&v->many);
	free(printed);
}

static void test_every_type_and_operands_in_any_order(void **state)
{
	(void)state;
	struct values v;
	char *printed;
	int status = -1;
	int argi = S_parse(&v, "try first --flag --name=Ana --many a second --many b -v "
			   "--day 2020-05-12 --format json", &status, &printed);
	/* getopt_long moves the operands to the end. */
	assert_int_equal(argi, 12);
	assert_true(v.flag && v.verbose);
	assert_string_equal(v.name, "Ana");
	assert_int_equal(v.many.len, 2);
	assert_string_equal(v.many.items[1], "b");
	assert_string_equal(v.day.text, "2020-05-12");
	assert_int_equal(v.day.day.month, 5);
	assert_int_equal(v.format, CLI_FORMAT_JSON);
	assert_string_equal(printed, "");
	S_release(&v, printed);
}

static void test_unique_prefix_and_double_dash(void **state)
{
	(void)state;
	struct values v;
	char *printed;
	int status;
	int argi = S_parse(&v, "try --na Bo -- --flag", &status, &printed);
	assert_int_equal(argi, 4);
	assert_string_equal(v.name, "Bo");
	assert_false(v.flag);
	S_release(&v, printed);
}

static void test_mistakes_are_usage_errors(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "try --nope", "perennial try: unknown option '--nope'\n" },
		{ "try -x", "perennial try: unknown option '-x'\n" },
		{ "try --name", "perennial try: --name needs a value\n" },
		{ "try --flag=1", "perennial try: --flag takes no value\n" },
		{ "try --day 12/05/2020", "perennial try: --day wants YYYY-MM-DD, not '12/05/2020'\n" },
		{ "try --day 2020-02-30", "perennial try: --day 2020-02-30 is not a day\n" },
		{ "try --format xml", "perennial try: --format must be table, json or csv, not 'xml'\n" },
		{ "try -C /nonexistent/perennial-test", "perennial: error: cannot change to" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct values v;
		char *printed;
		int status = -1;
		if (S_parse(&v, cases[i][0], &status, &printed) != -1 || status != EXIT_TROUBLE ||
		    strncmp(printed, cases[i][1], strlen(cases[i][1])) != 0)
			fail_msg("'%s' printed '%s'", cases[i][0], printed);
		S_release(&v, printed);
	}
}

static void test_help_is_made_from_the_table(void **state)
{
	(void)state;
	FILE *out = tmpfile();
	const struct opt opts[] = {
		OPT_BOOL("flag", NULL, "a flag"),
		OPT_BOOL_SHORT('v', "verbose", NULL, "say more"),
		OPT_STRING("a-rather-long-name", NULL, "VALUE", "the help\nand its second line"),
		OPT_END(),
	};
	parse_options_usage(out, &S_usage, opts);
	rewind(out);
	char text[1024];
	size_t n = fread(text, 1, sizeof(text) - 1, out);
	text[n] = '\0';
	fclose(out);
	assert_string_equal(text,
		"usage: perennial try [--flag] [--name N] [--day D] [--format F] [ARG...]\n"
		"\n"
		"A command to try.\n"
		"\n"
		"options:\n"
		"    --flag               a flag\n"
		"    -v, --verbose        say more\n"
		"    --a-rather-long-name VALUE\n"
		"                         the help\n"
		"                         and its second line\n"
		"    -C DIR               run as if started in DIR\n"
		"    --help               show this help\n"
		"    --version            show the version\n");
}

static void test_help_and_version_end_the_command(void **state)
{
	(void)state;
	struct values v;
	char *printed;
	int status = -1;
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	FILE *out = tmpfile();
	dup2(fileno(out), STDOUT_FILENO);
	int argi = S_parse(&v, "try --nope-later --help", &status, &printed);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	fclose(out);
	/* An unknown option before --help is the first mistake getopt sees. */
	assert_int_equal(argi, -1);
	assert_int_equal(status, EXIT_TROUBLE);
	S_release(&v, printed);

	saved = dup(STDOUT_FILENO);
	out = tmpfile();
	dup2(fileno(out), STDOUT_FILENO);
	argi = S_parse(&v, "try --day bad --help", &status, &printed);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(out);
	char text[64] = "";
	assert_true(fread(text, 1, sizeof(text) - 1, out) > 0);
	fclose(out);
	/* --help wins over a value that is checked once all are read. */
	assert_int_equal(argi, -1);
	assert_int_equal(status, EXIT_OK);
	assert_memory_equal(text, "usage: perennial try", 20);
	assert_string_equal(printed, "");
	S_release(&v, printed);
}

static void test_options_only_refuses_operands(void **state)
{
	(void)state;
	char arg0[] = "try", arg1[] = "extra";
	char *argv[] = { arg0, arg1, NULL };
	const struct opt opts[] = { OPT_END() };
	struct unit_capture c;
	int status = -1;
	unit_capture_start(&c);
	assert_int_equal(parse_options_only(2, argv, &S_usage, opts, &status), -1);
	char *printed = unit_capture_printed(&c);
	assert_int_equal(status, EXIT_TROUBLE);
	assert_memory_equal(printed, "perennial try: try takes no arguments, only options ('extra')\n",
			    strlen("perennial try: try takes no arguments, only options ('extra')\n"));
	free(printed);
	assert_int_equal(parse_options_only(1, argv, &S_usage, opts, &status), 0);
}

/* An operand that looks like an option: where operands are taken, the way to give one is said. */
static void test_dash_operand_hint(void **state)
{
	(void)state;
	struct values v;
	char *printed;
	int status = -1;
	assert_int_equal(S_parse(&v, "try -30-days", &status, &printed), -1);
	assert_memory_equal(printed, "perennial try: unknown option '-3'\n"
			    "hint: put '--' before an argument that begins with '-', as in: "
			    "perennial try -- '-3...'\nusage: ",
			    strlen(printed) < 120 ? strlen(printed) : 120);
	S_release(&v, printed);

	char arg0[] = "try", arg1[] = "-x";
	char *argv[] = { arg0, arg1, NULL };
	const struct opt opts[] = { OPT_END() };
	struct unit_capture c;
	unit_capture_start(&c);
	assert_int_equal(parse_options_only(2, argv, &S_usage, opts, &status), -1);
	printed = unit_capture_printed(&c);
	assert_null(strstr(printed, "hint:"));
	free(printed);
}

/* A command with actions: its one operand is one of them, or a usage error says them. */
static const struct cmd_usage S_acting = {
	"act", "act add | remove | list", "A command with actions.",
	(const char *const[]){ "add", "remove", "list", NULL },
};

/* parse_options of S_acting over the words of `line`: the index of the action, or -1. */
static int S_act(const char *line, int *status, char **printed)
{
	char *copy = strdup(line), *save = NULL, *argv[8];
	int argc = 0, flag = 0;
	for (char *w = strtok_r(copy, " ", &save); w && argc < 7; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	const struct opt opts[] = { OPT_BOOL("flag", &flag, "a flag"), OPT_END() };
	struct unit_capture c;
	unit_capture_start(&c);
	int argi = parse_options(argc, argv, &S_acting, opts, status);
	*printed = unit_capture_printed(&c);
	free(copy);
	return argi;
}

static void test_actions_one_operand_among_them(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		int argi;
		const char *said;
	} cases[] = {
		{ "act add", 1, "" },
		{ "act --flag list", 2, "" },
		{ "act remove --flag", 2, "" },  /* getopt puts the operands last */
		{ "act -- list", 2, "" },
		{ "act", -1, "perennial act: say add, remove or list\nusage: perennial act add" },
		{ "act --flag", -1, "perennial act: say add, remove or list\n" },
		{ "act add list", -1, "perennial act: say add, remove or list\n" },
		{ "act ad", -1, "perennial act: unknown action 'ad': say add, remove or list\n" },
		{ "act --nope frob", -1, "perennial act: unknown option '--nope'\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *printed;
		int status = -1;
		int argi = S_act(cases[i].line, &status, &printed);
		if (argi != cases[i].argi || (argi < 0 && status != EXIT_TROUBLE) ||
		    strncmp(printed, cases[i].said, strlen(cases[i].said)) != 0 ||
		    (!*cases[i].said && *printed))
			fail_msg("'%s': %d, status %d, printed '%s'", cases[i].line, argi, status,
				 printed);
		free(printed);
	}

	/* Completion is handed them with the table. */
	struct opt_table table = OPT_TABLE_INIT;
	char *printed;
	int status = -1;
	parse_options_capture(&table);
	assert_int_equal(S_act("act frob", &status, &printed), -1);
	assert_int_equal(status, EXIT_OK);
	assert_string_equal(printed, "");
	assert_ptr_equal(table.actions, S_acting.actions);
	opt_table_release(&table);
	free(printed);
	assert_null(table.actions);
}

/* The table of S_parse, with no place for values: what completion reads. */
static const struct opt S_opts[] = {
	OPT_BOOL("flag", NULL, "a flag"),
	OPT_BOOL_SHORT('v', "verbose", NULL, "say more"),
	OPT_STRING("name", NULL, "N", "a name"),
	OPT_STRINGS("many", NULL, "M", "given again and again"),
	OPT_DAY("day", NULL, "D", "a day"),
	OPT_FORMAT(NULL, CLI_TABLE_JSON_CSV, "F", "table, json or csv"),
	OPT_END(),
};

/* A command's table is copied for completion, and the command ends unread and silent. */
static void test_capture_copies_the_table_and_ends_the_command(void **state)
{
	(void)state;
	struct values v;
	struct opt_table table = OPT_TABLE_INIT;
	char *printed;
	int status = -1;

	parse_options_capture(&table);
	assert_int_equal(S_parse(&v, "try --flag --help --day bad", &status, &printed), -1);
	assert_int_equal(status, EXIT_OK);
	assert_string_equal(printed, "");
	assert_false(v.flag);
	assert_int_equal(table.operands, 1);
	assert_null(table.actions);
	size_t n = 0;
	for (; table.opts[n].type != OPT_END; n++) {
		assert_string_equal(table.opts[n].name, S_opts[n].name);
		assert_int_equal(table.opts[n].type, S_opts[n].type);
		assert_null(table.opts[n].value);
	}
	assert_int_equal(n, 6);
	assert_int_equal(table.opts[5].formats, CLI_TABLE_JSON_CSV);
	opt_table_release(&table);
	S_release(&v, printed);

	/* Taken once: the next command parses. */
	assert_int_equal(S_parse(&v, "try --flag", &status, &printed), 2);
	assert_true(v.flag);
	S_release(&v, printed);

	char arg0[] = "try";
	char *argv[] = { arg0, NULL };
	parse_options_capture(&table);
	assert_int_equal(parse_options_only(1, argv, &S_usage, S_opts, &status), -1);
	assert_int_equal(status, EXIT_OK);
	assert_int_equal(table.operands, 0);
	opt_table_release(&table);
}

/*
 * The words of `line` split at '|', an empty one kept (the last word is
 * the one being completed, often empty), read by parse_options_complete.
 */
static void S_complete(struct opt_completion *c, char *copy, char **argv, const char *line)
{
	int argc = 0;
	strcpy(copy, line);
	for (char *w = copy;; w++) {
		argv[argc++] = w;
		w = strchr(w, '|');
		if (!w)
			break;
		*w = '\0';
	}
	parse_options_complete(c, argc, argv, S_opts);
}

static void test_complete_says_what_the_word_is(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		enum opt_completing what;
		const char *opt, *typed, *dir;
	} cases[] = {
		{ "try|", OPT_COMPLETING_OPERAND, NULL, "", NULL },
		{ "try|--", OPT_COMPLETING_NAME, NULL, "--", NULL },
		{ "try|-", OPT_COMPLETING_NAME, NULL, "-", NULL },
		{ "try|--name|", OPT_COMPLETING_VALUE, "name", "", NULL },
		{ "try|--na|B", OPT_COMPLETING_VALUE, "name", "B", NULL },
		{ "try|--name=B", OPT_COMPLETING_VALUE, "name", "B", NULL },
		{ "try|--format|j", OPT_COMPLETING_VALUE, "format", "j", NULL },
		{ "try|--flag=", OPT_COMPLETING_NAME, NULL, "--flag=", NULL },
		{ "try|--flag|", OPT_COMPLETING_OPERAND, NULL, "", NULL },
		{ "try|--name|x|", OPT_COMPLETING_OPERAND, NULL, "", NULL },
		{ "try|--day=2020-05-01|", OPT_COMPLETING_OPERAND, NULL, "", NULL },
		{ "try|--m|x|--f", OPT_COMPLETING_NAME, NULL, "--f", NULL },
		{ "try|-C|", OPT_COMPLETING_DIR, NULL, "", NULL },
		{ "try|-C|there|--name|", OPT_COMPLETING_VALUE, "name", "", "there" },
		{ "try|-Cthere|-v|", OPT_COMPLETING_OPERAND, NULL, "", "there" },
		{ "try|a|--|--na", OPT_COMPLETING_OPERAND, NULL, "--na", NULL },
		{ "try|--nope|", OPT_COMPLETING_OPERAND, NULL, "", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char copy[64], *argv[16];
		struct opt_completion c;
		S_complete(&c, copy, argv, cases[i].line);
		if (c.what != cases[i].what || strcmp(c.typed, cases[i].typed) != 0 ||
		    (c.opt ? !cases[i].opt || strcmp(c.opt->name, cases[i].opt) != 0 : !!cases[i].opt) ||
		    (c.dir ? !cases[i].dir || strcmp(c.dir, cases[i].dir) != 0 : !!cases[i].dir))
			fail_msg("'%s': %d --%s '%s' -C %s", cases[i].line, (int)c.what,
				 c.opt ? c.opt->name : "", c.typed, c.dir ? c.dir : "");
	}
}

/* How many operands come before the word: a command with actions completes the first. */
static void test_complete_counts_the_operands_before(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		int operands;
	} cases[] = {
		{ "try|", 0 },
		{ "try|--flag|-v|", 0 },
		{ "try|--name|x|--day=2020-05-01|", 0 },
		{ "try|-C|there|a", 0 },
		{ "try|a|", 1 },
		{ "try|a|--name|x|b|--", 2 },
		{ "try|-|", 1 },
		{ "try|--|--flag|", 1 },
		{ "try|a|--|--|b", 2 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char copy[64], *argv[16];
		struct opt_completion c;
		S_complete(&c, copy, argv, cases[i].line);
		if (c.operands != cases[i].operands)
			fail_msg("'%s': %d operands before", cases[i].line, c.operands);
	}
}

static void test_names_and_values_to_offer(void **state)
{
	(void)state;
	struct strlist words = STRLIST_INIT;

	parse_options_names(&words, S_opts);
	assert_strings(words.items, words.len, (const char *[]){ "--flag", "--verbose", "--name",
		"--many", "--day", "--format", "-C", "--help", "--version", NULL });
	strlist_release(&words);
	parse_options_values(&words, &S_opts[5]);
	assert_strings(words.items, words.len, (const char *[]){ "table", "json", "csv", NULL });
	parse_options_values(&words, &S_opts[2]);
	assert_int_equal(words.len, 3);
	strlist_release(&words);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dash_operand_hint),
		cmocka_unit_test(test_every_type_and_operands_in_any_order),
		cmocka_unit_test(test_unique_prefix_and_double_dash),
		cmocka_unit_test(test_mistakes_are_usage_errors),
		cmocka_unit_test(test_help_is_made_from_the_table),
		cmocka_unit_test(test_help_and_version_end_the_command),
		cmocka_unit_test(test_options_only_refuses_operands),
		cmocka_unit_test(test_actions_one_operand_among_them),
		cmocka_unit_test(test_capture_copies_the_table_and_ends_the_command),
		cmocka_unit_test(test_complete_says_what_the_word_is),
		cmocka_unit_test(test_complete_counts_the_operands_before),
		cmocka_unit_test(test_names_and_values_to_offer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
