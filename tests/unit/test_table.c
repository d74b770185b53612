#include "unit.h"

#include <stdlib.h>

#include "table.h"

enum format { TEXT, CSV, JSON, JSONL };

/* What a printer wrote, malloc'd; *ret is what it returned (0 for those that return nothing). */
static char *S_print(enum format format, const struct table *t, size_t width, int *ret)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	struct table_rows rows = table_rows(t);
	*ret = 0;
	switch (format) {
	case TEXT:
		table_print_text(f, &rows, width);
		break;
	case CSV:
		table_print_csv(f, &rows);
		break;
	case JSON:
		*ret = table_print_json(f, &rows);
		break;
	case JSONL:
		*ret = table_print_jsonl(f, &rows);
		break;
	}
	fclose(f);
	return text;
}

static void S_assert_prints(enum format format, const struct table *t, size_t width,
			    const char *want)
{
	int ret;
	char *got = S_print(format, t, width, &ret);
	assert_int_equal(ret, 0);
	assert_string_equal(got, want);
	free(got);
}

/* A table of two columns, a and b, and one row. */
static void S_table2(struct table *t, const char *a, const char *b, const char *x, const char *y)
{
	const char *columns[] = { a, b };
	const char *row[] = { x, y };
	table_set_columns(t, columns, 2);
	table_add_row(t, row);
}

static void test_cells_are_copies_and_null_stays_null(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	char column[] = "id";
	char cell[] = "n1";
	const char *columns[] = { column, "title" };
	const char *row[] = { cell, NULL };
	table_set_columns(&t, columns, 2);
	table_add_row(&t, row);
	column[0] = cell[0] = 'X';
	for (int i = 0; i < 20; i++)
		table_add_row(&t, row);
	assert_int_equal(t.nrows, 21);
	assert_string_equal(t.columns[0], "id");
	assert_string_equal(table_cell(&t, 0, 0), "n1");
	assert_null(table_cell(&t, 0, 1));
	assert_string_equal(table_cell(&t, 20, 0), "X1");
	table_release(&t);
	assert_null(t.columns);
	assert_null(t.cells);
	assert_int_equal(t.nrows, 0);
	table_release(&t);
}

static void test_text_aligns_by_characters_not_bytes(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	/* café is 4 characters wide, in 5 bytes. */
	S_table2(&t, "id", "title", "café", "Café au lait");
	table_add_row(&t, (const char *[]){ "é", "x" });
	S_assert_prints(TEXT, &t, 0,
			"id    title\n"
			"café  Café au lait\n"
			"é     x\n");
	table_release(&t);
}

static void test_text_aligns_by_columns_on_the_screen(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	/* 会議 and 🎉 take two columns a character; the combining accent none. */
	S_table2(&t, "title", "who", "\xE4\xBC\x9A\xE8\xAD\xB0", "a");
	table_add_row(&t, (const char *[]){ "\xF0\x9F\x8E\x89 party", "b" });
	table_add_row(&t, (const char *[]){ "Ine\xCC\x81s", "c" });
	S_assert_prints(TEXT, &t, 0,
			"title     who\n"
			"\xE4\xBC\x9A\xE8\xAD\xB0      a\n"
			"\xF0\x9F\x8E\x89 party  b\n"
			"Ine\xCC\x81s      c\n");
	table_release(&t);
}

static void test_text_cuts_a_wide_character_whole(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "k", "v", "1", "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE5\xB9\x95\xE5\x8F\xB0");
	table_add_row(&t, (const char *[]){ "2", "abcdefghijk" });
	/* 1 + 2 + 11 is 14; in 11, v keeps 8 columns: three wide characters, "…", and a space. */
	S_assert_prints(TEXT, &t, 11,
			"k  v\n"
			"1  \xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE2\x80\xA6\n"
			"2  abcdefg\xE2\x80\xA6\n");
	table_release(&t);
}

static void test_text_null_cells_are_blank_and_no_line_ends_in_spaces(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	const char *columns[] = { "a", "b", "c" };
	table_set_columns(&t, columns, 3);
	table_add_row(&t, (const char *[]){ "1", NULL, "33" });
	table_add_row(&t, (const char *[]){ "1111", "2", NULL });
	table_add_row(&t, (const char *[]){ NULL, NULL, NULL });
	S_assert_prints(TEXT, &t, 0,
			"a     b  c\n"
			"1        33\n"
			"1111  2\n"
			"\n");
	table_release(&t);
}

static void test_text_shrinks_the_widest_column_with_an_ellipsis(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "id", "summary", "n1", "the meeting moved to the big room");
	/* 2 + 2 + 33 is 37; in 20, summary keeps 16 characters, the last one "…". */
	S_assert_prints(TEXT, &t, 20,
			"id  summary\n"
			"n1  the meeting mov…\n");
	/* It fits: nothing is cut. */
	S_assert_prints(TEXT, &t, 37,
			"id  summary\n"
			"n1  the meeting moved to the big room\n");
	table_release(&t);
}

static void test_text_cuts_between_characters(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "k", "v", "1", "éééééééééééé");
	/* 1 + 2 + 12 is 15; in 11, v keeps 8 characters: seven é and "…". */
	S_assert_prints(TEXT, &t, 11,
			"k  v\n"
			"1  ééééééé…\n");
	table_release(&t);
}

static void test_text_shares_the_cut_and_stops_at_eight(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	const char *columns[] = { "n", "first column header", "second column header" };
	table_set_columns(&t, columns, 3);
	table_add_row(&t, (const char *[]){ "1", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ" });
	/* 1 + 2 + 11 + 2 + 11 is 27: both wide columns give up room alike. */
	S_assert_prints(TEXT, &t, 27,
			"n  first colu…  second col…\n"
			"1  abcdefghij…  ABCDEFGHIJ…\n");
	/* Too narrow for 8 each: they stay at 8, the line is longer than asked. */
	S_assert_prints(TEXT, &t, 10,
			"n  first c…  second …\n"
			"1  abcdefg…  ABCDEFG…\n");
	table_release(&t);
}

static void test_text_neutralizes_control_characters(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "a\x1b[2Jb", "c", "line\none\ttab\r\n", "\x1b]0;title\x07x\xff\xe2\x80\xaey");
	S_assert_prints(TEXT, &t, 0,
			"a\xef\xbf\xbd[2Jb          c\n"
			"line one tab    \xef\xbf\xbd]0;title\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbdy\n");
	table_release(&t);
}

static void test_csv_quotes_what_it_must_and_ends_lines_with_crlf(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "name", "note, with comma", "plain", "say \"hi\"");
	table_add_row(&t, (const char *[]){ "two\nlines", "cr\rhere" });
	table_add_row(&t, (const char *[]){ NULL, "" });
	table_add_row(&t, (const char *[]){ " spaced ", "caf\xc3\xa9\xff" });
	table_add_row(&t, (const char *[]){ "bell\a", "esc\x1b[31m" });
	S_assert_prints(CSV, &t, 0,
			"name,\"note, with comma\"\r\n"
			"plain,\"say \"\"hi\"\"\"\r\n"
			"\"two\nlines\",\"cr\rhere\"\r\n"
			",\r\n"
			/* What is not UTF-8, and control characters, as a terminal shows them. */
			" spaced ,caf\xc3\xa9\xef\xbf\xbd\r\n"
			"bell\xef\xbf\xbd,esc\xef\xbf\xbd[31m\r\n");
	table_release(&t);
}

static void test_json_is_an_array_of_objects_in_column_order(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "zeta", "alpha", "1", NULL);
	table_add_row(&t, (const char *[]){ "two\nlines \"q\"", "é" });
	S_assert_prints(JSON, &t, 0,
			"[\n"
			"  {\n"
			"    \"zeta\": \"1\",\n"
			"    \"alpha\": null\n"
			"  },\n"
			"  {\n"
			"    \"zeta\": \"two\\nlines \\\"q\\\"\",\n"
			"    \"alpha\": \"é\"\n"
			"  }\n"
			"]\n");
	table_release(&t);
}

static void test_json_of_no_rows_is_an_empty_array(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	const char *columns[] = { "a" };
	table_set_columns(&t, columns, 1);
	S_assert_prints(JSON, &t, 0, "[]\n");
	S_assert_prints(JSONL, &t, 0, "");
	S_assert_prints(TEXT, &t, 0, "a\n");
	S_assert_prints(CSV, &t, 0, "a\r\n");
	table_release(&t);
}

static void test_jsonl_is_one_compact_object_per_line(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "id", "tags", "n1", "a\nb");
	table_add_row(&t, (const char *[]){ "n2", NULL });
	S_assert_prints(JSONL, &t, 0,
			"{\"id\":\"n1\",\"tags\":\"a\\nb\"}\n"
			"{\"id\":\"n2\",\"tags\":null}\n");
	table_release(&t);
}

static void test_json_writes_a_column_of_numbers_as_numbers(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	const char *columns[] = { "person", "count", "line" };
	table_set_columns(&t, columns, 3);
	table_add_row(&t, (const char *[]){ "12", "3", "-4" });
	table_add_row(&t, (const char *[]){ "a", NULL, "(private note)" });
	table_add_row(&t, (const char *[]){ "b", "99999999999999999999", "7x" });
	table_set_number(&t, 1);
	table_set_number(&t, 2);
	/* Dropping a column keeps the others' kinds in place. */
	table_drop_column(&t, 0);
	S_assert_prints(JSONL, &t, 0,
			"{\"count\":3,\"line\":-4}\n"
			"{\"count\":null,\"line\":\"(private note)\"}\n"
			"{\"count\":\"99999999999999999999\",\"line\":\"7x\"}\n");
	S_assert_prints(CSV, &t, 0, "count,line\r\n3,-4\r\n,(private note)\r\n"
			"99999999999999999999,7x\r\n");
	/* A text column stays text, however it looks. */
	struct table u = TABLE_INIT;
	S_table2(&u, "date", "n", "2020", "1");
	S_assert_prints(JSONL, &u, 0, "{\"date\":\"2020\",\"n\":\"1\"}\n");
	table_release(&u);
	table_release(&t);
}

static void test_invalid_utf8_does_not_break_json(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	/* Only the string that holds a bad byte is changed. */
	S_table2(&t, "k\xc3", "v", "a\xffz\n", "ok\n");
	S_assert_prints(JSONL, &t, 0,
			"{\"k\xef\xbf\xbd\":\"a\xef\xbf\xbdz\xef\xbf\xbd\",\"v\":\"ok\\n\"}\n");
	S_assert_prints(JSON, &t, 0,
			"[\n"
			"  {\n"
			"    \"k\xef\xbf\xbd\": \"a\xef\xbf\xbdz\xef\xbf\xbd\",\n"
			"    \"v\": \"ok\\n\"\n"
			"  }\n"
			"]\n");
	table_release(&t);
}

static void test_json_reports_a_write_error(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	S_table2(&t, "a", "b", "1", "2");
	FILE *full = fopen("/dev/full", "w");
	struct table_rows rows = table_rows(&t);
	assert_non_null(full);
	assert_int_equal(table_print_json(full, &rows), -1);
	clearerr(full);
	assert_int_equal(table_print_jsonl(full, &rows), -1);
	fclose(full);
	table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_are_copies_and_null_stays_null),
		cmocka_unit_test(test_text_aligns_by_characters_not_bytes),
		cmocka_unit_test(test_text_aligns_by_columns_on_the_screen),
		cmocka_unit_test(test_text_cuts_a_wide_character_whole),
		cmocka_unit_test(test_text_null_cells_are_blank_and_no_line_ends_in_spaces),
		cmocka_unit_test(test_text_shrinks_the_widest_column_with_an_ellipsis),
		cmocka_unit_test(test_text_cuts_between_characters),
		cmocka_unit_test(test_text_shares_the_cut_and_stops_at_eight),
		cmocka_unit_test(test_text_neutralizes_control_characters),
		cmocka_unit_test(test_csv_quotes_what_it_must_and_ends_lines_with_crlf),
		cmocka_unit_test(test_json_is_an_array_of_objects_in_column_order),
		cmocka_unit_test(test_json_of_no_rows_is_an_empty_array),
		cmocka_unit_test(test_jsonl_is_one_compact_object_per_line),
		cmocka_unit_test(test_json_writes_a_column_of_numbers_as_numbers),
		cmocka_unit_test(test_invalid_utf8_does_not_break_json),
		cmocka_unit_test(test_json_reports_a_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
