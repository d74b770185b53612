#include "pii.h"

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
 *
 * The first character is matched before anything else, so that PCRE2
 * skips straight to where a number can start (notes are mostly letters):
 * the lookbehind after it looks at the character before it, and each
 * alternative then says, looking back, which character it began with.
 */
#define PHONE \
	"[+(0-9](?<![\\w+-][+(0-9])(?:" \
	"(?<=\\+)[0-9]{1,3}[ .-]?(?:\\([0-9]{1,4}\\)[ .-]?)?[0-9]{1,4}(?:[ .-][0-9]{2,5}){1,4}" \
	"|(?<=\\()[0-9]{3}\\)[ .-]?[0-9]{3}[ .-][0-9]{4}" \
	"|(?<=[0-9])[0-9]{2}([ .-])[0-9]{3}\\1[0-9]{4}" \
	"|(?<=0)[0-9]{2,4}[ -][0-9]{3,4}[ -]?[0-9]{3,4}" \
	")(?![\\w-])"

/* An address with a user, an '@' and a domain with a dot: `@lisa-t` is an owner, not one. */
#define EMAIL "(?<![\\w.%+-])[\\w.%+-]++@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}(?![\\w-])"

/*
 * Whether text may hold a number above, cheaply: a '+' or '(' before a
 * digit, or three digits, a separator and three more digits. Dates
 * (2020-05-12), times and counts do not, and most notes hold nothing
 * else with digits. strpbrk skips the letters far faster than a pattern.
 */
static int S_may_hold_phone(const char *text, size_t len)
{
	static const char digits[] = "0123456789";
	for (const char *p = text; (p = strpbrk(p, "+(0123456789")) && p < text + len;) {
		if (*p == '+' || *p == '(') {
			if (p[1] >= '0' && p[1] <= '9')
				return 1;
			p++;
			continue;
		}
		size_t run = strspn(p, digits);
		if (run >= 3 && p[run] && strchr(" .-", p[run]) && strspn(p + run + 1, digits) >= 3)
			return 1;
		p += run;
	}
	return 0;
}

/* The same for an address: an '@' right after a character a user name may end with. */
static int S_may_hold_email(const char *text, size_t len)
{
	for (const char *at = text; (at = memchr(at, '@', len - (size_t)(at - text))); at++)
		if (at > text && !strchr(" \t\r\n@()<>[]{}\"',;:", at[-1]))
			return 1;
	return 0;
}

static const struct {
	const char *name;
	const char *expr;
	int (*may_hold)(const char *text, size_t len);
} S_builtins[] = {
	{ "phone", PHONE, S_may_hold_phone },
	{ "email", EMAIL, S_may_hold_email },
};

/* Compiles one of the expressions above, which compile: test_pii says so. */
static struct pattern *S_compile(const char *expr)
{
	struct pattern *pattern;
	char *error;
	size_t at;
	if (pattern_compile(&pattern, expr, &error, &at) < 0)
		abort();
	return pattern;
}

int pii_builtin(struct pii_detector *out, const char *name)
{
	for (size_t i = 0; i < sizeof(S_builtins) / sizeof(*S_builtins); i++) {
		if (strcmp(S_builtins[i].name, name) != 0)
			continue;
		out->name = xstrdup(name);
		out->pattern = S_compile(S_builtins[i].expr);
		out->may_hold = S_builtins[i].may_hold;
		return 0;
	}
	return -1;
}

void pii_detector_release(struct pii_detector *d)
{
	free(d->name);
	pattern_free(d->pattern);
}

long pii_find(const struct pii_detector *detectors, size_t n, struct pattern_budget *budget,
	      const char *text, size_t len, size_t from, size_t *start, size_t *end)
{
	long found = -1;
	for (size_t i = 0; i < n && from <= len; i++) {
		size_t s, e;
		if (detectors[i].may_hold && !detectors[i].may_hold(text + from, len - from))
			continue;
		if (pattern_match(detectors[i].pattern, budget, text, len, from, &s, &e) == 1 &&
		    (found < 0 || s < *start)) {
			found = (long)i;
			*start = s;
			*end = e;
		}
	}
	return found;
}
