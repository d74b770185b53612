#include "date.h"

static int S_digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int S_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

enum date_result date_parse(struct date *out, const char *s, size_t len)
{
	struct date d;
	if (len != 10 || s[4] != '-' || s[7] != '-' ||
	    S_digits(s, 4, &d.year) || S_digits(s + 5, 2, &d.month) ||
	    S_digits(s + 8, 2, &d.day))
		return DATE_BAD_FORMAT;
	if (d.year < 1 || d.month < 1 || d.month > 12 ||
	    d.day < 1 || d.day > S_days_in_month(d.year, d.month))
		return DATE_NOT_A_DAY;
	*out = d;
	return DATE_OK;
}

int date_compare(const struct date *a, const struct date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}
