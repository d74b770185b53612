#ifndef PERENNIAL_PATTERN_H
#define PERENNIAL_PATTERN_H

#include <stddef.h>

/*
 * A codebook pattern: a PCRE2 regular expression over UTF-8 text, caseless
 * unless it says otherwise with (?-i), JIT-compiled once and not changed
 * after, so any thread may search with it. The only module that includes
 * pcre2.h.
 */
struct pattern;
struct pattern_scratch;

/*
 * Compiles `expr`. Returns 0 and *out (freed with pattern_free), or -1 with
 * *error (malloc'd, freed by the caller) saying why and *error_offset the
 * byte of expr where PCRE2 stopped.
 */
int pattern_compile(struct pattern **out, const char *expr,
		    char **error, size_t *error_offset);

/*
 * What one note may spend on searching with patterns, which come from
 * perennial.yml and are not trusted: a pattern such as `(a|aa)+$` can
 * backtrack for millions of steps on a line of twenty letters.
 *
 * Cost is counted in PCRE2's match-limit steps. Each search gets a few
 * for nothing, more than a pattern that does not backtrack needs, so a
 * note costs at most a fixed amount per search, and so per paragraph. A
 * search that needs more is tried again with four times the limit, up to
 * a million, each try paid from the budget in full; one the budget cannot
 * pay for, or that needs more than a million, gives up. Searches after the
 * budget is spent still get their free steps.
 */
struct pattern_budget {
	unsigned long left;                 /* steps still to spend beyond the free ones */
	const struct pattern *gave_up;      /* the first pattern whose search gave up, or NULL */
	size_t gave_up_at;                  /* the byte of its subject that search started at */
	struct pattern_scratch *scratch;    /* what searches work in, made by the first */
};

/* About 25 to 90 ms of one core. */
#define PATTERN_NOTE_BUDGET 10000000UL
#define PATTERN_BUDGET_INIT { PATTERN_NOTE_BUDGET, NULL, 0, NULL }

/*
 * Frees what the budget's searches worked in. A budget serves one thread:
 * patterns themselves are shared by every thread.
 */
void pattern_budget_release(struct pattern_budget *budget);

/*
 * Finds the first match in subject[start..len), paid from `budget`.
 * Returns 1 and the match's byte range, 0 when there is none, and -1 when
 * the search gave up (budget->gave_up says which pattern did first): the
 * caller knows nothing of a match there. The subject is not checked for
 * UTF-8 again on each call (bytes that are not UTF-8 match nothing), so
 * finding every match in a text costs one pass over it.
 */
int pattern_match(const struct pattern *pattern, struct pattern_budget *budget,
		  const char *subject, size_t len, size_t start,
		  size_t *match_start, size_t *match_end);

/* What to tell whoever wrote a pattern that gave up. */
#define PATTERN_GAVE_UP_HINT \
	"a pattern that can match the same words in more than one way, such as " \
	"'(a|aa)+', tries every way before it fails: write it so that text matches one way"

/* The pattern as perennial.yml wrote it. */
const char *pattern_text(const struct pattern *pattern);

void pattern_free(struct pattern *pattern);

#endif
