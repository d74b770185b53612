#include "unit.h"

#include "date.h"

static enum date_result S_parse(const char *s)
{
	struct date d;
	return date_parse(&d, s, strlen(s));
}

static void test_date_parse(void **state)
{
	(void)state;
	struct date d;
	assert_int_equal(date_parse(&d, "2020-05-12", 10), DATE_OK);
	assert_int_equal(d.year, 2020);
	assert_int_equal(d.month, 5);
	assert_int_equal(d.day, 12);
	assert_int_equal(S_parse("2020-02-29"), DATE_OK);
	assert_int_equal(S_parse("2000-02-29"), DATE_OK);
	assert_int_equal(S_parse("1900-02-29"), DATE_NOT_A_DAY);
	assert_int_equal(S_parse("2021-02-29"), DATE_NOT_A_DAY);
	assert_int_equal(S_parse("2020-02-30"), DATE_NOT_A_DAY);
	assert_int_equal(S_parse("2020-13-45"), DATE_NOT_A_DAY);
	assert_int_equal(S_parse("2020-00-10"), DATE_NOT_A_DAY);
	assert_int_equal(S_parse("2020-04-31"), DATE_NOT_A_DAY);
	assert_int_equal(S_parse("2020-5-12"), DATE_BAD_FORMAT);
	assert_int_equal(S_parse("2020-05-12T10:00"), DATE_BAD_FORMAT);
	assert_int_equal(S_parse("May 12"), DATE_BAD_FORMAT);
	assert_int_equal(S_parse(""), DATE_BAD_FORMAT);
}

static void test_date_compare(void **state)
{
	(void)state;
	struct date a = { 2020, 5, 12 }, b = { 2020, 6, 1 };
	assert_true(date_compare(&a, &b) < 0);
	assert_true(date_compare(&b, &a) > 0);
	assert_int_equal(date_compare(&a, &a), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
