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
	int found = pattern_match(pattern, subject, strlen(subject), start, &s, &e);

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
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
