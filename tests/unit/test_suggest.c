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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
