#include "pii.h"

#include <string.h>

#include "pattern.h"

/*
 * Phone numbers as people write them: North American (555) 123-4567,
 * 555-123-4567 and 555.123.4567; international +44 20 7946 0958 and
 * +52 (55) 1234 5678; national with a trunk 0, 020 7946 0958. Digits
 * glued to a letter, a digit or a '-' on either side are something else
 * (a date, an id, a count), and so is a run of digits with no separator.
 */
#define PHONE \
	"(?<![\\w+-])(?:" \
	"\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]\\d{2,5}){1,4}" \
	"|\\(\\d{3}\\)[ .-]?\\d{3}[ .-]\\d{4}" \
	"|\\d{3}([ .-])\\d{3}\\1\\d{4}" \
	"|0\\d{2,4}[ -]\\d{3,4}[ -]?\\d{3,4}" \
	")(?![\\w-])"

/* An address with a user, an '@' and a domain with a dot: `@lisa-t` is an owner, not one. */
#define EMAIL "(?<![\\w.%+-])[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}(?![\\w-])"

static const struct {
	const char *name;
	const char *expr;
} S_builtins[] = {
	{ "phone", PHONE },
	{ "email", EMAIL },
};

const char *pii_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(S_builtins) / sizeof(*S_builtins); i++)
		if (strcmp(S_builtins[i].name, name) == 0)
			return S_builtins[i].expr;
	return NULL;
}

long pii_find(const struct pii_detector *detectors, size_t n, const char *text, size_t len,
	      size_t from, size_t *start, size_t *end)
{
	long found = -1;
	for (size_t i = 0; i < n; i++) {
		size_t s, e;
		if (pattern_match(detectors[i].pattern, text, len, from, &s, &e) &&
		    (found < 0 || s < *start)) {
			found = (long)i;
			*start = s;
			*end = e;
		}
	}
	return found;
}
