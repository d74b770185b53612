#ifndef PERENNIAL_PATTERN_H
#define PERENNIAL_PATTERN_H

#include <stddef.h>

/*
 * A codebook pattern: a PCRE2 regular expression over UTF-8 text, caseless
 * unless it says otherwise with (?-i), JIT-compiled once. The only module
 * that includes pcre2.h.
 */
struct pattern;

/*
 * Compiles `expr`. Returns 0 and *out (freed with pattern_free), or -1 with
 * *error (malloc'd, freed by the caller) saying why and *error_offset the
 * byte of expr where PCRE2 stopped.
 */
int pattern_compile(struct pattern **out, const char *expr,
		    char **error, size_t *error_offset);

/*
 * Finds the first match in subject[start..len). Returns 1 and the match's
 * byte range, 0 when there is none. The subject is not checked for UTF-8
 * again on each call (bytes that are not UTF-8 match nothing), so
 * finding every match in a text costs one pass over it.
 */
int pattern_match(const struct pattern *pattern, const char *subject,
		  size_t len, size_t start, size_t *match_start, size_t *match_end);

void pattern_free(struct pattern *pattern);

#endif
