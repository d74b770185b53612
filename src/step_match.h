#ifndef PERENNIAL_STEP_MATCH_H
#define PERENNIAL_STEP_MATCH_H

#include <stddef.h>

/*
 * Which step of one version of a note is which step of the next: the rule
 * history.h spells out, on the steps alone. Pure: no git, no files, no
 * index; history.c walks the commits and asks this at each change.
 */
struct step_match_step {
	const char *key;         /* md_step's key: what versions are compared on */
	const char *owner;       /* NULL if none */
	int done;
};

#define STEP_MATCH_NONE ((size_t)-1)

/*
 * Pairs the steps of two versions: out[j] (room for nnew) becomes the
 * index of the old step that new step j continues, or STEP_MATCH_NONE for
 * a new step. Round one pairs identical keys in order, those in the same
 * state first, in O(n log n); round two compares each leftover new step
 * with the leftover old ones nearest its place (at most 17), by words.
 */
void step_match(size_t *out, const struct step_match_step *old, size_t nold,
		const struct step_match_step *new, size_t nnew);

/*
 * Whether two steps are one step edited: the same key, or similar enough
 * for round two (without its limit on how far apart they stand).
 */
int step_match_similar(const struct step_match_step *a, const struct step_match_step *b);

#endif
