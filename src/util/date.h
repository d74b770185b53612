#ifndef PERENNIAL_DATE_H
#define PERENNIAL_DATE_H

#include <stddef.h>

struct date {
	int year;
	int month;  /* 1..12 */
	int day;    /* 1..31 */
};

enum date_result {
	DATE_OK,
	DATE_BAD_FORMAT,   /* not YYYY-MM-DD */
	DATE_NOT_A_DAY,    /* 2020-13-45, 2021-02-30 */
};

/* Parses exactly `len` bytes of s as YYYY-MM-DD (year 1..9999). */
enum date_result date_parse(struct date *out, const char *s, size_t len);

int date_compare(const struct date *a, const struct date *b);

/* Today in the local time zone: 0, or -1 when the clock cannot say. */
int date_today(struct date *out);

/* Days since 1970-01-01 (negative before), and back: for differences and weeks. */
long date_to_days(const struct date *d);
struct date date_from_days(long days);

/* "YYYY-MM-DD" into out, which has room for DATE_SIZE bytes. */
#define DATE_SIZE 11
void date_format(char *out, const struct date *d);

/*
 * The ISO 8601 week: weeks start on Monday, and week 1 is the one with the
 * year's first Thursday, so 2021-01-03 is in 2020-W53.
 */
struct iso_week {
	int year;
	int week;   /* 1..53 */
};

#define ISO_WEEK_SIZE 9   /* "YYYY-Www" and a NUL */

struct iso_week date_iso_week(const struct date *d);
struct date iso_week_monday(const struct iso_week *w);
void iso_week_format(char *out, const struct iso_week *w);
/* Negative, 0 or positive as a is before, the same as or after b. */
int iso_week_compare(const struct iso_week *a, const struct iso_week *b);

/* Parses exactly "YYYY-Www" (a week the year has); 0, or -1 if it is not one. */
int iso_week_parse(struct iso_week *out, const char *s);

#endif
