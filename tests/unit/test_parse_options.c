#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse_options.h"
#include "strlist.h"

static const struct cmd_usage S_usage = {
	"try", "try [--flag] [--name N] [--day D] [--format F] [ARG...]", "A command to try.",
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
