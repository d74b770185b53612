#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "pages.h"

static void test_markdown_marks_are_escaped_and_lines_joined(void **state)
{
	(void)state;
	json_t *model = json_pack("{s:s, s:[s], s:{s:s, s:s, s:s, s:s}, s:i, s:b, s:n}",
		"title", "Rent | repairs *now* [x](http://e) #1 ~ok~ `code` !img \\ _u_",
		"quotes", "line one\nline two\r\nthree",
		"note", "link", "../notes/a_(b).md", "md", "2020-W21.md", "html", "2020-W21.html",
			"path", "notes/a_(b).md",
		"count", 3, "private", 1, "nothing");
	json_t *md = pages_markdown_model(model);

	assert_string_equal(json_string_value(json_object_get(md, "title")),
		"Rent \\| repairs \\*now\\* \\[x\\]\\(http://e\\) \\#1 \\~ok\\~ \\`code\\` \\!img "
		"\\\\ \\_u\\_");
	assert_string_equal(json_string_value(json_array_get(json_object_get(md, "quotes"), 0)),
			    "line one line two  three");
	json_t *note = json_object_get(md, "note");
	/* Link targets are names the report made, not words of a note. */
	assert_string_equal(json_string_value(json_object_get(note, "link")), "../notes/a_(b).md");
	assert_string_equal(json_string_value(json_object_get(note, "md")), "2020-W21.md");
	assert_string_equal(json_string_value(json_object_get(note, "html")), "2020-W21.html");
	/* A path shown as text is escaped like any text. */
	assert_string_equal(json_string_value(json_object_get(note, "path")), "notes/a\\_\\(b\\).md");
	assert_int_equal(json_integer_value(json_object_get(md, "count")), 3);
	assert_true(json_is_true(json_object_get(md, "private")));
	assert_true(json_is_null(json_object_get(md, "nothing")));
	/* A copy: the model itself is as it was. */
	assert_string_equal(json_string_value(json_array_get(json_object_get(model, "quotes"), 0)),
			    "line one\nline two\r\nthree");
	json_decref(md);
	json_decref(model);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_marks_are_escaped_and_lines_joined),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
