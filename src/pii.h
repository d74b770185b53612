#ifndef PERENNIAL_PII_H
#define PERENNIAL_PII_H

#include <stddef.h>

struct pattern;

/*
 * Personal details that must not travel from a note into a report: the
 * built-in detectors (`phone`, `email`) and the patterns a repository adds
 * under privacy.pii_patterns. The config compiles them once (config.h);
 * check warns where they match (validate.h), and the privacy pass never
 * quotes a paragraph that holds one (privacy.h).
 */
struct pii_detector {
	char *name;                /* "phone", "email", or the repository's name */
	struct pattern *pattern;
};

/* The PCRE2 expression of the built-in detector `name`, or NULL. */
const char *pii_builtin(const char *name);

/*
 * The first match of any detector in text[from, len): returns the index of
 * the detector and sets *start and *end, or returns -1 when none matches.
 */
long pii_find(const struct pii_detector *detectors, size_t n, const char *text, size_t len,
	      size_t from, size_t *start, size_t *end);

#endif
