#include "pii.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "xalloc.h"

/*
 * Phone numbers as people write them: North American (555) 123-4567,
 * 555-123-4567 and 555.123.4567; international +44 20 7946 0958 and
 * +52 (55) 1234 5678; national with a trunk 0, 020 7946 0958. Digits
 * glued to a letter, a digit or a '-' on either side are something else
 * (a date, an id, a count), and so is a run of digits with no separator.
 * The lookahead first lets PCRE2 skip to the characters a number starts with.
 */
#define PHONE \
	"(?=[+(0-9])(?<![\\w+-])(?:" \
	"\\+[0-9]{1,3}[ .-]?(?:\\([0-9]{1,4}\\)[ .-]?)?[0-9]{1,4}(?:[ .-][0-9]{2,5}){1,4}" \
	"|\\([0-9]{3}\\)[ .-]?[0-9]{3}[ .-][0-9]{4}" \
	"|[0-9]{3}([ .-])[0-9]{3}\\1[0-9]{4}" \
	"|0[0-9]{2,4}[ -][0-9]{3,4}[ -]?[0-9]{3,4}" \
	")(?![\\w-])"

/* An address with a user, an '@' and a domain with a dot: `@lisa-t` is an owner, not one. */
#define EMAIL "(?<![\\w.%+-])[\\w.%+-]++@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}(?![\\w-])"

/*
 * Whether text may hold an address: an '@' right after a character a
 * user name ends with. Notes are full of `@owner`, with a space before.
 */
static int S_may_hold_email(const char *text, size_t len)
{
	for (const char *at = text; (at = memchr(at, '@', len - (size_t)(at - text))); at++) {
		unsigned char before = at > text ? (unsigned char)at[-1] : ' ';
		if (isalnum(before) || before >= 0x80 || (before && strchr("._%+-", before)))
			return 1;
	}
	return 0;
}

static const struct {
	const char *name;
	const char *expr;
	int (*may_match)(const char *text, size_t len);
} S_builtins[] = {
	{ "phone", PHONE, NULL },
	{ "email", EMAIL, S_may_hold_email },
};

int pii_builtin(struct pii_detector *out, const char *name)
{
	for (size_t i = 0; i < sizeof(S_builtins) / sizeof(*S_builtins); i++) {
		char *error;
		size_t at;
		if (strcmp(S_builtins[i].name, name) != 0)
			continue;
		/* The expressions above compile: test_pii says so. */
		if (pattern_compile(&out->pattern, S_builtins[i].expr, &error, &at) < 0)
			abort();
		out->name = xstrdup(name);
		out->may_match = S_builtins[i].may_match;
		return 0;
	}
	return -1;
}

long pii_find(const struct pii_detector *detectors, size_t n, const char *text, size_t len,
	      size_t from, size_t *start, size_t *end)
{
	long found = -1;
	for (size_t i = 0; i < n && from <= len; i++) {
		size_t s, e;
		if (detectors[i].may_match && !detectors[i].may_match(text + from, len - from))
			continue;
		if (pattern_match(detectors[i].pattern, text, len, from, &s, &e) &&
		    (found < 0 || s < *start)) {
			found = (long)i;
			*start = s;
			*end = e;
		}
	}
	return found;
}
