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

static struct date S_day(const char *s)
{
	struct date d;
	assert_int_equal(date_parse(&d, s, strlen(s)), DATE_OK);
	return d;
}

static void test_days_round_trip(void **state)
{
	(void)state;
	struct date d = S_day("1970-01-01");
	assert_int_equal(date_to_days(&d), 0);
	d = S_day("2020-03-01");
	assert_int_equal(date_to_days(&d), 18322);
	d = S_day("1969-12-31");
	assert_int_equal(date_to_days(&d), -1);
	/* Every day for 1,000 years comes back as itself, through leap years. */
	char out[DATE_SIZE];
	for (long days = -200000; days < 200000; days += 1) {
		struct date back = date_from_days(days);
		assert_int_equal(date_to_days(&back), days);
	}
	d = date_from_days(18322 - 1);
	date_format(out, &d);
	assert_string_equal(out, "2020-02-29");
}

static void test_iso_weeks(void **state)
{
	static const struct { const char *day, *week; } cases[] = {
		{ "2020-05-11", "2020-W20" },   /* a Monday */
		{ "2020-05-17", "2020-W20" },   /* its Sunday */
		{ "2020-05-18", "2020-W21" },
		{ "2021-01-03", "2020-W53" },   /* early January in last year's week */
		{ "2021-01-04", "2021-W01" },
		{ "2019-12-30", "2020-W01" },   /* late December in next year's week */
		{ "2018-12-31", "2019-W01" },
		{ "2016-01-01", "2015-W53" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct date d = S_day(cases[i].day);
		struct iso_week w = date_iso_week(&d);
		char out[ISO_WEEK_SIZE];
		iso_week_format(out, &w);
		assert_string_equal(out, cases[i].week);
	}
	struct iso_week w;
	char out[DATE_SIZE];
	assert_int_equal(iso_week_parse(&w, "2020-W53"), 0);
	struct date monday = iso_week_monday(&w);
	date_format(out, &monday);
	assert_string_equal(out, "2020-12-28");
	assert_int_equal(iso_week_parse(&w, "2020-W01"), 0);
	monday = iso_week_monday(&w);
	date_format(out, &monday);
	assert_string_equal(out, "2019-12-30");
	/* 2021 has no week 53; the format is exact. */
	assert_int_equal(iso_week_parse(&w, "2021-W53"), -1);
	assert_int_equal(iso_week_parse(&w, "2020-W00"), -1);
	assert_int_equal(iso_week_parse(&w, "2020-W5"), -1);
	assert_int_equal(iso_week_parse(&w, "2020W21"), -1);
	assert_int_equal(iso_week_parse(&w, "2020-w21"), -1);
	assert_int_equal(iso_week_parse(&w, "2020-W21x"), -1);
}

static void test_iso_week_compare(void **state)
{
	struct iso_week a = { 2020, 53 }, b = { 2021, 1 }, c = { 2021, 2 };
	(void)state;
	assert_true(iso_week_compare(&a, &b) < 0);
	assert_true(iso_week_compare(&c, &b) > 0);
	assert_int_equal(iso_week_compare(&b, &b), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_compare),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_iso_week_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
