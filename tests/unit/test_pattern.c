#include "unit.h"

#include <stdlib.h>

#include "pattern.h"

static struct pattern *S_compile(const char *expr)
{
	struct pattern *pattern;
	char *error = NULL;
	size_t at = 0;

	assert_int_equal(pattern_compile(&pattern, expr, &error, &at), 0);
	assert_non_null(pattern);
	assert_null(error);
	return pattern;
}

/* The first match of expr in subject from `start`, as [from, to), or -1s. */
static void S_assert_match(const char *expr, const char *subject, size_t start,
			   long from, long to)
{
	struct pattern *pattern = S_compile(expr);
	size_t s = 99, e = 99;
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	int found = pattern_match(pattern, &budget, subject, strlen(subject), start, &s, &e);
	pattern_budget_release(&budget);

	if (from < 0) {
		assert_int_equal(found, 0);
	} else {
		assert_int_equal(found, 1);
		assert_int_equal(s, from);
		assert_int_equal(e, to);
	}
	pattern_free(pattern);
}

static void test_match(void **state)
{
	(void)state;
	S_assert_match("\\bdata (entry|culture|practices?)\\b",
		       "More data practices, less data entry.", 0, 5, 19);
	S_assert_match("\\bdata (entry|culture)\\b", "metadata entry", 0, -1, -1);
	S_assert_match("house", "no match here", 0, -1, -1);
}

static void test_start_offset(void **state)
{
	(void)state;
	S_assert_match("data", "data and data", 0, 0, 4);
	S_assert_match("data", "data and data", 1, 9, 13);
	S_assert_match("data", "data and data", 10, -1, -1);
	S_assert_match("data", "data", 4, -1, -1);
	S_assert_match("data", "data", 5, -1, -1);
	/* \b looks behind the start: "ata" inside "data" is no word. */
	S_assert_match("\\bata\\b", "data ata", 1, 5, 8);
}

static void test_caseless(void **state)
{
	(void)state;
	S_assert_match("data entry", "DATA Entry", 0, 0, 10);
	S_assert_match("(?-i)data entry", "DATA Entry", 0, -1, -1);
	S_assert_match("(?-i)data entry", "DATA Entry, data entry", 0, 12, 22);
}

static void test_utf8(void **state)
{
	(void)state;
	/* Caseless beyond ASCII, and byte offsets in the subject. */
	S_assert_match("économie", "L'ÉCONOMIE solidaire", 0, 2, 11);
	S_assert_match("\\bsolidarité\\b", "une solidarité forte", 0, 4, 15);
	/* \w knows letters beyond ASCII (PCRE2_UCP), so é is inside a word. */
	S_assert_match("\\bt\\b", "été t", 0, 6, 7);
	S_assert_match("^.$", "ü", 0, 0, 2);
	/* Starting inside a character, or after bytes that are not UTF-8, goes on from there. */
	S_assert_match("x", "üx", 1, 2, 3);
	S_assert_match("x", "\xff\xfe x", 0, 3, 4);
	S_assert_match("\\bx", "a\xffx", 0, 2, 3);
}

static void test_bad_pattern(void **state)
{
	struct pattern *pattern = (struct pattern *)&pattern;
	char *error = NULL;
	size_t at = 0;
	(void)state;

	assert_int_equal(pattern_compile(&pattern, "data (entry|culture", &error, &at), -1);
	assert_null(pattern);
	assert_string_equal(error, "missing closing parenthesis");
	assert_int_equal(at, 19);
	free(error);

	assert_int_equal(pattern_compile(&pattern, "ça[z-a]", &error, &at), -1);
	assert_string_equal(error, "range out of order in character class");
	assert_int_equal(at, 6);
	free(error);

	/* Invalid UTF-8 in the pattern itself. */
	assert_int_equal(pattern_compile(&pattern, "ab\xFF", &error, &at), -1);
	assert_non_null(strstr(error, "UTF-8"));
	assert_int_equal(at, 2);
	free(error);
}

/*
 * A search that does not backtrack costs the budget nothing; one that
 * backtracks a while is paid for; one that would go on without end gives
 * up, and once the budget is spent only searches that need no more than
 * their free steps still find anything.
 */
static void test_budget(void **state)
{
	struct pattern *word = S_compile("\\brent\\b");
	struct pattern *some = S_compile("a*a*a*a*c?$");
	struct pattern *endless = S_compile("(a|aa)+$");
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	static const char stuck[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
	size_t s, e;
	(void)state;

	static const char text[] = "We talked about rent, and then rent again.";
	assert_int_equal(pattern_match(word, &budget, text, strlen(text), 20, &s, &e), 1);
	assert_int_equal(s, 31);
	assert_int_equal(budget.left, PATTERN_NOTE_BUDGET);

	static const char hash[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa#";
	assert_int_equal(pattern_match(some, &budget, hash, strlen(hash), 0, &s, &e), 1);
	assert_true(budget.left < PATTERN_NOTE_BUDGET);
	assert_null(budget.gave_up);

	assert_int_equal(pattern_match(endless, &budget, stuck, strlen(stuck), 3, &s, &e), -1);
	assert_ptr_equal(budget.gave_up, endless);
	assert_int_equal(budget.gave_up_at, 3);
	assert_string_equal(pattern_text(endless), "(a|aa)+$");
	int searches = 1;
	while (budget.left >= 4000 && searches < 100) {
		assert_int_equal(pattern_match(endless, &budget, stuck, strlen(stuck), 0, &s, &e), -1);
		searches++;
	}
	assert_in_range(searches, 2, 20);
	assert_int_equal(budget.gave_up_at, 3);

	assert_int_equal(pattern_match(word, &budget, text, strlen(text), 0, &s, &e), 1);
	assert_int_equal(pattern_match(some, &budget, hash, strlen(hash), 0, &s, &e), -1);
	pattern_budget_release(&budget);
	pattern_budget_release(&budget);
	assert_null(budget.scratch);
	pattern_free(word);
	pattern_free(some);
	pattern_free(endless);
}

static void test_free_null(void **state)
{
	(void)state;
	pattern_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_start_offset),
		cmocka_unit_test(test_caseless),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_bad_pattern),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
