#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* Howard Hinnant's days_from_civil: exact over the proleptic Gregorian calendar. */
long date_to_days(const struct date *d)
{
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

void date_format(char *out, const struct date *d)
{
	snprintf(out, DATE_SIZE, "%04u-%02u-%02u", (unsigned)d->year % 10000u,
		 (unsigned)d->month % 100u, (unsigned)d->day % 100u);
}

/* 0 for Monday .. 6 for Sunday; 1970-01-01 was a Thursday. */
static int S_weekday(long days)
{
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

struct iso_week date_iso_week(const struct date *d)
{
	long days = date_to_days(d);
	/* The week's Thursday decides its year. */
	long thursday = days - S_weekday(days) + 3;
	struct date t = date_from_days(thursday);
	struct date jan1 = { t.year, 1, 1 };
	struct iso_week w = { t.year, (int)((thursday - date_to_days(&jan1)) / 7 + 1) };
	return w;
}

struct date iso_week_monday(const struct iso_week *w)
{
	/* January 4th is always in week 1. */
	struct date jan4 = { w->year, 1, 4 };
	long days = date_to_days(&jan4);
	return date_from_days(days - S_weekday(days) + 7L * (w->week - 1));
}

void iso_week_format(char *out, const struct iso_week *w)
{
	snprintf(out, ISO_WEEK_SIZE, "%04u-W%02u", (unsigned)w->year % 10000u, (unsigned)w->week % 100u);
}

int iso_week_compare(const struct iso_week *a, const struct iso_week *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->week < b->week ? -1 : a->week > b->week;
}

int iso_week_parse(struct iso_week *out, const char *s)
{
	struct iso_week w;
	if (strlen(s) != 8 || s[4] != '-' || s[5] != 'W' ||
	    S_digits(s, 4, &w.year) || S_digits(s + 6, 2, &w.week) ||
	    w.year < 1 || w.week < 1 || w.week > 53)
		return -1;
	/* A year has week 53 only when its December 28th falls in it. */
	struct date dec28 = { w.year, 12, 28 };
	if (w.week > date_iso_week(&dec28).week)
		return -1;
	*out = w;
	return 0;
}

int date_today(struct date *out)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return -1;
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	return 0;
}
