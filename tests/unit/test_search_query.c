#include "unit.h"

#include <string.h>

#include "search_query.h"
#include "strbuf.h"

/* `query` reads as `want`. */
static void S_reads(const char *query, const char *want)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	int r = search_query_parse(&out, query, &why);
	if (r != 0)
		fail_msg("'%s': %s", query, strbuf_str(&why));
	assert_string_equal(strbuf_str(&out), want);
	strbuf_release(&out);
	strbuf_release(&why);
}

/* `query` cannot be read, and the reason is `want`. */
static void S_refused(const char *query, const char *want)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	assert_int_equal(search_query_parse(&out, query, &why), 1);
	assert_string_equal(strbuf_str(&why), want);
	strbuf_release(&out);
	strbuf_release(&why);
}

static void test_words_and_phrases_are_quoted(void **state)
{
	(void)state;
	S_reads("rent", "\"rent\"");
	S_reads("  rent   repairs ", "\"rent\" AND \"repairs\"");
	S_reads("\"heads and hearts\"", "\"heads and hearts\"");
	/* What the index would read as syntax is words, as people mean it. */
	S_reads("maria-g", "\"maria-g\"");
	S_reads("data-entry", "\"data-entry\"");
	S_reads("don't 10:30 C++", "\"don't\" AND \"10:30\" AND \"C++\"");
	S_reads("NEAR(rent mold)", "\"NEAR\" AND ( \"rent\" AND \"mold\" )");
	S_reads("Inés", "\"Inés\"");
	/* Lower case operators are words. */
	S_reads("rent or mold", "\"rent\" AND \"or\" AND \"mold\"");
}

static void test_prefixes_operators_brackets_and_columns(void **state)
{
	(void)state;
	S_reads("relation*", "\"relation\"*");
	S_reads("\"floor captain\"*", "\"floor captain\"*");
	S_reads("co-op*", "\"co-op\"*");
	S_reads("rent OR repairs", "\"rent\" OR \"repairs\"");
	S_reads("rent NOT repairs", "\"rent\" NOT \"repairs\"");
	S_reads("rent AND NOT repairs", "\"rent\" NOT \"repairs\"");
	S_reads("(rent OR mold) AND tenants", "( \"rent\" OR \"mold\" ) AND \"tenants\"");
	S_reads("title:training", "title: \"training\"");
	S_reads("Title:training body:rent*", "title: \"training\" AND body: \"rent\"*");
	/* Side by side is AND, next to brackets too, and after NOT as people read it. */
	S_reads("rent NOT mold repairs", "\"rent\" NOT \"mold\" AND \"repairs\"");
	S_reads("(rent) (mold)", "( \"rent\" ) AND ( \"mold\" )");
	S_reads("title: \"house meeting\"", "title: \"house meeting\"");
	S_reads("title:(rent OR mold)", "title: ( \"rent\" OR \"mold\" )");
	S_reads("rent AND title:mold", "\"rent\" AND title: \"mold\"");
}

static void test_marks_alone_are_left_out(void **state)
{
	(void)state;
	S_reads("rent & mold", "\"rent\" AND \"mold\"");
	S_reads("rent - mold \xE2\x80\x94 \"\"", "\"rent\" AND \"mold\"");
	S_refused("& -", "there is no word to search for in '& -'");
	S_refused("\"\"", "there is no word to search for in '\"\"'");
	S_refused("   ", "there is no word to search for in '   '");
}

static void test_what_cannot_be_read_is_said_in_the_query_s_words(void **state)
{
	(void)state;
	S_refused("NOT rent", "NOT needs words before it: 'rent NOT repairs' finds the notes"
		  " with rent and without repairs");
	S_refused("(NOT rent)", "NOT needs words before it: 'rent NOT repairs' finds the notes"
		  " with rent and without repairs");
	S_refused("OR rent", "OR needs words before it, as in 'rent OR repairs'");
	S_refused("mold AND", "AND needs words after it, as in 'rent AND repairs'");
	S_refused("(mold OR)", "OR needs words after it, as in 'rent OR repairs'");
	S_refused("rent AND OR mold", "OR right after AND: put words between them");
	S_refused("\"unterminated", "the double quote before 'unterminated' is not closed: a"
		  " phrase goes between two, as in \"heads and hearts\"");
	S_refused("(rent OR mold", "a bracket '(' is not closed: add a ')'");
	S_refused("rent)", "a bracket ')' closes no '('");
	S_refused("rent ()", "the brackets '()' hold no words");
	S_refused("titel:rent", "'titel:' is not a part of a note; did you mean 'title:'?");
	S_refused("nosuchcolumn:rent", "'nosuchcolumn:' is not a part of a note (title: or"
		  " body:); to search for 'nosuchcolumn:rent' as it is, put it in double quotes");
	S_refused("title:", "'title:' needs a word after it, as in title:training");
	S_refused("title: OR rent", "'title:' needs a word after it, as in title:training");
	S_refused("title: body:rent", "'title:' needs a word after it, as in title:training");
	S_refused("(title:)", "'title:' needs a word after it, as in title:training");
	S_refused("rent *", "a * goes right after a word or a phrase, as in relation*");
	S_refused("rel*ation", "'rel*ation': a * goes at the end of a word, as in relation*");
	S_refused("caf\xC3", "the query is not UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_phrases_are_quoted),
		cmocka_unit_test(test_prefixes_operators_brackets_and_columns),
		cmocka_unit_test(test_marks_alone_are_left_out),
		cmocka_unit_test(test_what_cannot_be_read_is_said_in_the_query_s_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
