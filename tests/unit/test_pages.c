#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "strbuf.h"

/* s escaped for a Markdown page, compared with want. */
#define assert_markdown(s, want) do { \
	struct strbuf sb_ = STRBUF_INIT; \
	pages_escape_markdown(&sb_, (s), strlen(s)); \
	assert_string_equal(strbuf_str(&sb_), (want)); \
	strbuf_release(&sb_); \
} while (0)

static void test_words_stay_as_they_are(void **state)
{
	(void)state;
	/* Markdown, not HTML: no entities. */
	assert_markdown("don't say \"never\" — it's 5 > 3, Tom & Jerry!", "don't say \"never\" — it's 5 > 3, Tom & Jerry!");
	assert_markdown("(see page 2) #housing 100% done.", "(see page 2) #housing 100% done.");
	assert_markdown("", "");
}

static void test_marks_are_escaped(void **state)
{
	(void)state;
	assert_markdown("Rent | repairs *now* [x](http://e) ~ok~ `code` ![img] \\ _u_",
		"Rent \\| repairs \\*now\\* \\[x\\](http://e) \\~ok\\~ \\`code\\` !\\[img\\] \\\\ \\_u\\_");
	/* No raw HTML, no entity, no autolink. */
	assert_markdown("<script>alert(1)</script> &amp; &#39; <http://e>",
		"\\<script>alert(1)\\</script> \\&amp; \\&#39; \\<http://e>");
}

static void test_nothing_begins_a_block(void **state)
{
	(void)state;
	assert_markdown("# not a heading", "\\# not a heading");
	assert_markdown("> not a quote", "\\> not a quote");
	assert_markdown("- not a list", "\\- not a list");
	assert_markdown("+ not a list", "\\+ not a list");
	assert_markdown("=== not a line", "\\=== not a line");
	assert_markdown("2020. not a list", "2020\\. not a list");
	assert_markdown("3) not a list", "3\\) not a list");
	/* Only at the start: inside a line they are words. */
	assert_markdown("a - b # c > d 3. e", "a - b # c > d 3. e");
	assert_markdown("2020-05-12", "2020-05-12");
}

static void test_one_line_without_outer_space(void **state)
{
	(void)state;
	assert_markdown("  line one\nline two\r\n\r\n  three\t ", "line one line two three");
	/* Trimmed first: a value indented as code is not code. */
	assert_markdown("\n    # deep", "\\# deep");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_stay_as_they_are),
		cmocka_unit_test(test_marks_are_escaped),
		cmocka_unit_test(test_nothing_begins_a_block),
		cmocka_unit_test(test_one_line_without_outer_space),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
