#include "unit.h"

#include "suggest.h"

static void test_suggest(void **state)
{
	(void)state;
	const char *ids[] = { "lisa-t", "marco-r", "maria-g" };
	assert_string_equal(suggest_closest("lisa_t", ids, 3), "lisa-t");
	assert_string_equal(suggest_closest("lisat", ids, 3), "lisa-t");
	assert_string_equal(suggest_closest("lisa", ids, 3), "lisa-t");
	assert_string_equal(suggest_closest("Marco-R", ids, 3), "marco-r");
	assert_string_equal(suggest_closest("mraia-g", ids, 3), "maria-g");
	assert_null(suggest_closest("dee-w", ids, 3));
	assert_null(suggest_closest("x", ids, 0));
	const char *kinds[] = { "one-on-one", "house-meeting", "group", "training" };
	assert_string_equal(suggest_closest("one-to-one", kinds, 4), "one-on-one");
	assert_null(suggest_closest("phone call", kinds, 4));
}

static void test_suggestion_over_several_lists(void **state)
{
	(void)state;
	struct suggestion s;
	suggest_init(&s, "maria");
	suggest_consider(&s, "lisa-t");
	assert_null(s.best);
	suggest_consider(&s, "marco-r");
	suggest_consider(&s, "maria-g");
	assert_string_equal(s.best, "maria-g");
	suggest_consider(&s, "james-o");
	assert_string_equal(s.best, "maria-g");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_suggestion_over_several_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
