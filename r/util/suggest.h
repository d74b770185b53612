#ifndef PERENNIAL_SUGGEST_H
#define PERENNIAL_SUGGEST_H

#include <stddef.h>

/*
 * "Did you mean": the candidate closest to `word` by edit distance (with
 * transpositions, and `_`, `-`, ` ` and case counted as nearly equal; a
 * candidate that is `word` plus a `-suffix` counts as close too), or
 * NULL when none is close enough to be a likely typo. Ties go to the first
 * candidate. The result points into candidates.
 */
const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t ncandidates);

/* The same, a candidate at a time, for names that are not in one array. */
struct suggestion {
	const char *word;
	const char *best;      /* the closest so far, or NULL */
	int distance;
	int limit;
};

void suggest_init(struct suggestion *s, const char *word);
void suggest_consider(struct suggestion *s, const char *candidate);

#endif
