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

#endif
