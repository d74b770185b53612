#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "diag_print.h"
#include "source.h"

/* What a printer wrote, as a malloc'd string. */
static char *S_capture(int json, const struct diag_list *list, int color)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (json)
		diag_print_json(f, list);
	else
		diag_print_text(f, list, color);
	fclose(f);
	return text;
}

static void test_caret_under_span(void **state)
{
	(void)state;
	const char text[] = "---\norganizer: lisa_t\n---\n";
	struct source *src = source_new("notes/a.md", text, sizeof(text) - 1);
	struct diag_list list = DIAG_LIST_INIT;
	struct diag *d = diag_add(&list, src, DIAG_UNKNOWN_ORGANIZER, 15, 6,
				  "unknown organizer '%s'", "lisa_t");
	diag_hint(d, "did you mean '%s'?", "lisa-t");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 12);
	assert_int_equal(d->span, 6);
	char *out = S_capture(0, &list, 0);
	assert_string_equal(out,
		"notes/a.md:2:12: error: unknown organizer 'lisa_t' [unknown-organizer]\n"
		"    2 | organizer: lisa_t\n"
		"      |            ^~~~~~\n"
		"      = help: did you mean 'lisa-t'?\n");
	free(out);
	out = S_capture(1, &list, 0);
	assert_string_equal(out,
		"[\n  {\n    \"file\": \"notes/a.md\",\n    \"line\": 2,\n    \"column\": 12,\n"
		"    \"severity\": \"error\",\n    \"rule\": \"unknown-organizer\",\n"
		"    \"message\": \"unknown organizer 'lisa_t'\",\n"
		"    \"hint\": \"did you mean 'lisa-t'?\"\n  }\n]\n");
	free(out);
	diag_list_release(&list);
	source_free(src);
}

static void test_tabs_and_wide_characters_keep_the_caret_aligned(void **state)
{
	(void)state;
	const char text[] = "\tn\xC3\xA9: x\n";
	struct source *src = source_new("b.md", text, sizeof(text) - 1);
	struct diag_list list = DIAG_LIST_INIT;
	diag_add(&list, src, DIAG_YAML_SYNTAX, 6, 1, "bad");
	char *out = S_capture(0, &list, 0);
	assert_string_equal(out,
		"b.md:1:6: error: bad [yaml-syntax]\n"
		"    1 | \tn\xC3\xA9: x\n"
		"      | \t    ^\n");
	free(out);
	diag_list_release(&list);
	source_free(src);
}

static void test_caret_lines_up_after_wide_characters_and_under_them(void **state)
{
	(void)state;
	/* themes: [住宅, 🎉, housnig]: 住宅 and 🎉 push the caret three columns right. */
	const char text[] = "themes: [\xE4\xBD\x8F\xE5\xAE\x85, \xF0\x9F\x8E\x89, housnig]\n";
	struct source *src = source_new("c.md", text, sizeof(text) - 1);
	struct diag_list list = DIAG_LIST_INIT;
	/* housnig, at byte 23: column 17 (characters), after 19 columns on the screen. */
	diag_add(&list, src, DIAG_UNKNOWN_THEME, 23, 7, "unknown theme");
	/* 住宅, two characters four columns wide: four marks under it. */
	diag_add(&list, src, DIAG_UNKNOWN_THEME, 9, 6, "unknown theme");
	char *out = S_capture(0, &list, 0);
	assert_string_equal(out,
		"c.md:1:17: error: unknown theme [unknown-theme]\n"
		"    1 | themes: [\xE4\xBD\x8F\xE5\xAE\x85, \xF0\x9F\x8E\x89, housnig]\n"
		"      |                    ^~~~~~~\n"
		"c.md:1:10: error: unknown theme [unknown-theme]\n"
		"    1 | themes: [\xE4\xBD\x8F\xE5\xAE\x85, \xF0\x9F\x8E\x89, housnig]\n"
		"      |          ^~~~\n");
	free(out);
	diag_list_release(&list);
	source_free(src);
}

static void test_escape_sequences_and_bad_bytes_are_neutralized(void **state)
{
	(void)state;
	const char text[] = "a: \033]0;pwned\007\xFF\n";
	struct source *src = source_new("c\xFF.md", text, sizeof(text) - 1);
	struct diag_list list = DIAG_LIST_INIT;
	diag_add(&list, src, DIAG_YAML_SYNTAX, 3, 1, "value '%s'", "\033[2J");
	char *out = S_capture(0, &list, 0);
	assert_null(strchr(out, '\033'));
	assert_null(strchr(out, '\007'));
	assert_null(strchr(out, '\xFF'));
	free(out);
	out = S_capture(1, &list, 0);
	/* A file name prints as its bytes, escaped, never as a replacement character. */
	assert_non_null(strstr(out, "\"file\": \"c\\\\xff.md\""));
	free(out);
	out = S_capture(0, &list, 0);
	assert_non_null(strstr(out, "c\\xff.md:1:4: error:"));
	free(out);
	diag_list_release(&list);
	source_free(src);
}

static void test_color_only_when_asked(void **state)
{
	(void)state;
	struct source *src = source_new("d.md", "x\n", 2);
	struct diag_list list = DIAG_LIST_INIT;
	diag_add(&list, src, DIAG_DATE_MISMATCH, 0, 1, "w");
	char *plain = S_capture(0, &list, 0), *color = S_capture(0, &list, 1);
	assert_null(strchr(plain, '\033'));
	assert_non_null(strstr(color, "\033[1;35mwarning:"));
	free(plain);
	free(color);
	diag_list_release(&list);
	source_free(src);
}

static void test_sort_and_count(void **state)
{
	(void)state;
	struct source *a = source_new("a.md", "1\n2\n3\n", 6);
	struct source *b = source_new("b.md", "1\n", 2);
	struct diag_list list = DIAG_LIST_INIT;
	diag_add(&list, b, DIAG_YAML_SYNTAX, 0, 1, "b1");
	diag_add(&list, a, DIAG_DATE_MISMATCH, 4, 1, "a3");
	diag_add(&list, a, DIAG_YAML_SYNTAX, 2, 1, "a2");
	diag_list_sort(&list);
	assert_string_equal(list.items[0].message, "a2");
	assert_string_equal(list.items[1].message, "a3");
	assert_string_equal(list.items[2].message, "b1");
	assert_int_equal(diag_list_count(&list, DIAG_ERROR), 2);
	assert_int_equal(diag_list_count(&list, DIAG_WARNING), 1);
	assert_string_equal(diag_rule_id(DIAG_DATE_MISMATCH), "date-mismatch");
	diag_list_release(&list);
	source_free(a);
	source_free(b);
}

static void test_span_across_lines_stops_at_line_end(void **state)
{
	(void)state;
	struct source *src = source_new("e.md", "ab\ncd\n", 6);
	struct diag_list list = DIAG_LIST_INIT;
	struct diag *d = diag_add(&list, src, DIAG_YAML_SYNTAX, 1, 4, "x");
	assert_int_equal(d->column, 2);
	assert_int_equal(d->span, 1);
	diag_list_release(&list);
	source_free(src);
}

static void test_take_moves_everything_and_accepts_an_empty_list(void **state)
{
	(void)state;
	struct source *src = source_new("f.md", "x\n", 2);
	struct diag_list all = DIAG_LIST_INIT, some = DIAG_LIST_INIT, none = DIAG_LIST_INIT;
	diag_add(&some, src, DIAG_YAML_SYNTAX, 0, 1, "one");
	diag_list_take(&all, &none);
	assert_int_equal(all.len, 0);
	diag_list_take(&all, &some);
	assert_int_equal(all.len, 1);
	assert_int_equal(some.len, 0);
	assert_string_equal(all.items[0].message, "one");
	diag_list_release(&all);
	diag_list_release(&some);
	source_free(src);
}

static void test_did_you_mean_is_a_hint_and_a_fix(void **state)
{
	(void)state;
	struct source *src = source_new("f.md", "lisa_t\n", 7);
	struct diag_list list = DIAG_LIST_INIT;
	diag_hint_closest(diag_add(&list, src, DIAG_UNKNOWN_ORGANIZER, 0, 6, "unknown"), "lisa-t",
			  "not used");
	diag_hint_closest(diag_add(&list, src, DIAG_UNKNOWN_ORGANIZER, 0, 6, "unknown"), NULL,
			  "add it to the roster");
	assert_string_equal(list.items[0].hint, "did you mean 'lisa-t'?");
	assert_string_equal(list.items[0].fix, "lisa-t");
	assert_string_equal(list.items[1].hint, "add it to the roster");
	assert_null(list.items[1].fix);
	diag_fix(&list.items[1], "#%s", "housing");   /* replaced, and freed with the list */
	diag_fix(&list.items[1], "#%s", "rent");
	assert_string_equal(list.items[1].fix, "#rent");
	diag_fix(NULL, "%s", "nothing");
	diag_list_release(&list);
	source_free(src);
}

static void test_every_rule_is_described_in_the_readme(void **state)
{
	(void)state;
	for (int r = 0; r < DIAG_RULE_COUNT; r++) {
		const char *text = diag_rule_description((enum diag_rule)r);
		if (!text)
			fail_msg("README.md's table of rules has no row for %s",
				 diag_rule_id((enum diag_rule)r));
		assert_true(*text);
	}
	/* And each row is a rule, with its severity. */
	assert_int_equal(diag_rule_ndocs, DIAG_RULE_COUNT);
	for (size_t i = 0; i < diag_rule_ndocs; i++) {
		int r = 0;
		while (r < DIAG_RULE_COUNT && strcmp(diag_rule_id((enum diag_rule)r),
						     diag_rule_docs[i].id) != 0)
			r++;
		if (r == DIAG_RULE_COUNT)
			fail_msg("README.md describes '%s', which is no rule", diag_rule_docs[i].id);
		assert_int_equal(diag_rule_docs[i].severity, diag_rule_severity((enum diag_rule)r));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caret_under_span),
		cmocka_unit_test(test_tabs_and_wide_characters_keep_the_caret_aligned),
		cmocka_unit_test(test_caret_lines_up_after_wide_characters_and_under_them),
		cmocka_unit_test(test_escape_sequences_and_bad_bytes_are_neutralized),
		cmocka_unit_test(test_color_only_when_asked),
		cmocka_unit_test(test_sort_and_count),
		cmocka_unit_test(test_span_across_lines_stops_at_line_end),
		cmocka_unit_test(test_take_moves_everything_and_accepts_an_empty_list),
		cmocka_unit_test(test_did_you_mean_is_a_hint_and_a_fix),
		cmocka_unit_test(test_every_rule_is_described_in_the_readme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
