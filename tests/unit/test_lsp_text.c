#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "lsp_text.h"

/* Line 0: "ab", CRLF; line 1: an emoji, a CJK character, "x"; line 2: none after the last LF. */
#define TEXT "ab\r\n\xF0\x9F\x98\x80\xE6\xBC\xA2x\n"

static void S_assert_at(json_t *position, json_int_t line, json_int_t character)
{
	assert_int_equal(json_integer_value(json_object_get(position, "line")), line);
	assert_int_equal(json_integer_value(json_object_get(position, "character")), character);
	json_decref(position);
}

static void test_lines_end_before_their_break(void **state)
{
	(void)state;
	struct strbuf text = STRBUF_INIT;
	strbuf_addstr(&text, TEXT);
	assert_int_equal(lsp_text_line_start(&text, 0), 0);
	assert_int_equal(lsp_text_line_end(&text, 0), 2);             /* before the CR */
	assert_int_equal(lsp_text_line_start(&text, 1), 4);
	assert_int_equal(lsp_text_line_end(&text, 4), 12);
	assert_int_equal(lsp_text_line_start(&text, 2), text.len);    /* the empty last line */
	assert_int_equal(lsp_text_line_start(&text, 9), text.len);    /* past the end */
	strbuf_release(&text);
}

static void test_utf16_units_both_ways(void **state)
{
	(void)state;
	struct strbuf text = STRBUF_INIT;
	strbuf_addstr(&text, TEXT);
	/* The emoji is two units, the CJK character one: x is at 3. */
	assert_int_equal(lsp_text_offset(&text, 1, 0), 4);
	assert_int_equal(lsp_text_offset(&text, 1, 2), 8);
	assert_int_equal(lsp_text_offset(&text, 1, 1), 4);   /* inside the emoji: before it */
	assert_int_equal(lsp_text_offset(&text, 1, 3), 11);
	assert_int_equal(lsp_text_offset(&text, 1, 99), 12); /* past the end: the end */
	assert_int_equal(lsp_text_offset(&text, 0, 5), 2);   /* never into the CRLF */
	/* A finding's column 3 (in characters) on line 2 is character 3. */
	S_assert_at(lsp_text_position(&text, 2, 3), 1, 3);
	S_assert_at(lsp_text_position(&text, 2, 1), 1, 0);
	json_t *range = lsp_text_range(&text, 11, 1);
	S_assert_at(json_incref(json_object_get(range, "start")), 1, 3);
	S_assert_at(json_incref(json_object_get(range, "end")), 1, 4);
	json_decref(range);
	strbuf_release(&text);
}

static void test_file_uris_both_ways(void **state)
{
	struct strbuf uri = STRBUF_INIT;
	(void)state;
	/* A space, a #, a % and a letter past ASCII: none stands as itself. */
	lsp_text_uri(&uri, "/tmp/a b", "notes/2020 x#1%\xC3\xA9.md");
	assert_string_equal(uri.buf, "file:///tmp/a%20b/notes/2020%20x%231%25%C3%A9.md");
	char *path = lsp_text_uri_path(uri.buf);
	assert_string_equal(path, "/tmp/a b/notes/2020 x#1%\xC3\xA9.md");
	free(path);
	strbuf_release(&uri);
	/* What is no file: path, or names no file. */
	assert_null(lsp_text_uri_path("http://example.org/a.md"));
	assert_null(lsp_text_uri_path("file://relative/a.md"));
	assert_null(lsp_text_uri_path("file:///a%00b.md"));
	assert_null(lsp_text_uri_path(NULL));
	path = lsp_text_uri_path("file:///a%2"); /* a % that is no escape stands as itself */
	assert_string_equal(path, "/a%2");
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_end_before_their_break),
		cmocka_unit_test(test_utf16_units_both_ways),
		cmocka_unit_test(test_file_uris_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
