#ifndef PERENNIAL_PII_H
#define PERENNIAL_PII_H

#include <stddef.h>

struct pattern;
struct pattern_budget;

/*
 * Personal details that must not travel from a note into a report: the
 * built-in detectors (`phone`, `email`) and the patterns a repository adds
 * under privacy.pii_patterns. The config makes them once (config.h); check
 * warns where they match (validate.h), and the privacy pass never quotes
 * a paragraph that holds one (privacy.h).
 */
struct pii_detector {
	char *name;                /* "phone", "email", or the repository's name */
	struct pattern *pattern;
	/*
	 * For a built-in one: whether text (NUL-terminated at len) may hold a
	 * match at all, far cheaper than the pattern and asked first, as most
	 * notes hold none; NULL: it may.
	 */
	int (*may_hold)(const char *text, size_t len);
};

/*
 * Makes the built-in detector `name` into out (freed with
 * pii_detector_release). Returns 0, or -1 when there is no such detector.
 */
int pii_builtin(struct pii_detector *out, const char *name);

/* Frees what d holds (a repository's own detector too). */
void pii_detector_release(struct pii_detector *d);

/*
 * The first match of any detector in text[from, len), paid from `budget`
 * (pattern.h): returns the index of the detector and sets *start and *end,
 * or returns -1 when none matches. A detector that gave up matched nothing
 * and is budget->gave_up: what it looks for may be there.
 */
long pii_find(const struct pii_detector *detectors, size_t n, struct pattern_budget *budget,
	      const char *text, size_t len, size_t from, size_t *start, size_t *end);

#endif
