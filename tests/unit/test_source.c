#include "unit.h"

#include "source.h"
#include "utf8.h"
#include "strbuf.h"

static void test_lines_lf_crlf_cr(void **state)
{
	(void)state;
	struct source *src = source_new("a.md", "one\r\ntwo\nthree\rfour", 20);
	assert_int_equal(src->nlines, 4);
	assert_int_equal(source_line_of(src, 0), 1);
	assert_int_equal(source_line_of(src, 5), 2);
	assert_int_equal(source_line_of(src, 9), 3);
	assert_int_equal(source_line_of(src, 15), 4);
	assert_int_equal(source_line_end(src, 1), 3);
	assert_int_equal(source_line_end(src, 3), 14);
	assert_int_equal(source_line_end(src, 4), 20);
	source_free(src);
}

static void test_columns_count_characters_not_bom(void **state)
{
	(void)state;
	const char text[] = "\xEF\xBB\xBFti: Caf\xC3\xA9 x\nb";
	struct source *src = source_new("a.md", text, sizeof(text) - 1);
	unsigned line, col;
	assert_int_equal(src->bom, 3);
	source_position(src, 3, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	/* 'x' follows "ti: Café " (9 characters, 10 bytes) */
	source_position(src, 3 + 10, &line, &col);
	assert_int_equal(col, 10);
	assert_int_equal(source_line_start(src, 1), 3);
	assert_int_equal(source_line_start(src, 2), sizeof(text) - 2);
	source_free(src);
}

static void test_utf8_invalid_offset(void **state)
{
	(void)state;
	assert_int_equal(utf8_invalid_offset("caf\xC3\xA9", 5), 5);
	assert_int_equal(utf8_invalid_offset("caf\xE9!", 5), 3);
	assert_int_equal(utf8_invalid_offset("\xED\xA0\x80", 3), 0); /* a surrogate */
	assert_int_equal(utf8_invalid_offset("\xC0\xAF", 2), 0);     /* overlong */
	assert_int_equal(utf8_invalid_offset("ab\xF0\x9F\x98", 5), 2); /* cut short */
	assert_int_equal(utf8_count("Z\xC3\xAB\xE2\x80\x94", 6), 3);
}

static void test_utf8_printable(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	utf8_append_printable(&sb, "a\033[31m\tb\xE9\xC2\x9B", 11);
	assert_string_equal(sb.buf, "a\xEF\xBF\xBD[31m\tb\xEF\xBF\xBD\xEF\xBF\xBD");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_lf_crlf_cr),
		cmocka_unit_test(test_columns_count_characters_not_bom),
		cmocka_unit_test(test_utf8_invalid_offset),
		cmocka_unit_test(test_utf8_printable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
