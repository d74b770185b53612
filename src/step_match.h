#ifndef PERENNIAL_STEP_MATCH_H
#define PERENNIAL_STEP_MATCH_H

#include <stddef.h>

/*
 * Which next step of one version of a note is which step of another: the
 * pairing the history of the steps (history.h) makes at every commit, and
 * the dating of a note edited since (corpus.h). Pure: strings in, numbers
 * out, no git, no index.
 *
 * Steps are paired in two rounds:
 *
 *  1. Same text. Two steps are the same when their keys are equal: the
 *     key is made once, when the note is parsed (md_step in markdown.h),
 *     from the step's words without its owner's `@id` and its `(due ...)`
 *     clause, without the emphasis marks `*`, `_`, `~` and backquotes,
 *     ASCII letters in lower case, runs of spaces as one, and spaces and
 *     `. , ; : ! ?` at the end removed. So `- [ ] @lisa-t Call *Ana* (due
 *     2020-06-01)` and `- [x] @maria-g call Ana.` are the same step.
 *     Identical steps in one note are paired in order, those in the same
 *     state first: of two open `Call Ana`, ticking the second ticks the
 *     second; a copy written above a done one is a new open step, and the
 *     done one stays done.
 *  2. Similar text. Of the steps left over on both sides, two are the same
 *     step when their owners do not differ (the same `@id`, or one has
 *     none) and they share more than half of their words (2 x shared > the
 *     words of both together), a word with one letter added, dropped,
 *     changed or swapped with the next counting as shared when both are at
 *     least three letters long. Only the first 16 words of a key count.
 *     Each new step, in order, takes the most similar old one (the first
 *     of equals). When more than 17 old steps are left over, a new step is
 *     compared only with the 17 nearest its own place in the note (as a
 *     share of the note's length), which keeps a note of thousands of
 *     steps cheap.
 *
 * So fixing a typo or rewording a little while ticking a step ticks that
 * step; rewriting it is removing one step and writing another.
 */

/*
 * What pairing reads of a step. Whoever makes an array of these owns its
 * strings (the index hands out malloc'd ones, freed with
 * step_match_steps_free; a corpus lends its own); step_match only reads.
 */
struct step_match_step {
	const char *key;      /* md_step's key */
	const char *owner;    /* NULL if none */
	int done;
};

#define STEP_MATCH_NONE ((size_t)-1)

/*
 * Pairs the steps of two versions of a note, `old` (nold of them) and
 * `new` (nnew): out[j], for each new step j, becomes the old step it
 * continues, or STEP_MATCH_NONE for a step written in the new version.
 * Each old step continues in at most one new step. `out` has room for
 * nnew numbers. O((nold + nnew) log) for round one, and at most 17
 * comparisons for each step left to round two.
 */
void step_match(size_t *out, const struct step_match_step *old, size_t nold,
		const struct step_match_step *new, size_t nnew);

/* Frees the strings of n steps and the array; takes NULL. */
void step_match_steps_free(struct step_match_step *steps, size_t n);

#endif
