#ifndef PERENNIAL_HISTORY_H
#define PERENNIAL_HISTORY_H

#include <stddef.h>

#include "repo.h"

struct md_step;

/*
 * When each next step was opened and done, read from the git history of
 * the notes: the commit that ticked a step gives the day it was done.
 *
 * The history is the first-parent history of a revision (`git log
 * --first-parent`), oldest first: on a branch that merges others, a step
 * ticked on a merged branch is done on the day of the merge commit. A day
 * is the commit's author date, in the time zone the author committed in.
 *
 * Which step is which across edits
 * --------------------------------
 * A step belongs to its note file. When a commit moves a note to another
 * path without changing a byte (`git mv`), its steps keep their history;
 * a note moved and edited in the same commit is a new note, and its steps
 * start afresh (as if written in that commit).
 *
 * Between two consecutive versions of a note, steps are paired in two
 * rounds:
 *
 *  1. Same text. A step's key (markdown.h, computed when the note is
 *     parsed) is its text without the owner's `@id` that leads it (and a
 *     `,` or `:` after it), without its `(due ...)` clause in any case,
 *     without the emphasis marks `*`, `_`, `~` and backquotes, with ASCII
 *     letters in lower case, runs of spaces as one, and spaces and the
 *     punctuation `. , ; : ! ?` at the end removed. So `- [ ] @lisa-t Call *Ana* (due 2020-06-01)` and
 *     `- [x] @maria-g call Ana.` are the same step. Identical steps in one
 *     note are paired in order, those in the same state first: of two open
 *     `Call Ana`, ticking the second ticks the second; a copy written above
 *     a done one is a new open step, and the done one stays done.
 *  2. Similar text. Of the steps left over on both sides, two are the same
 *     step when their owners do not differ (the same `@id`, or one has none)
 *     and they share more than half of their words (2 x shared > the words
 *     of both together), a word with one letter added, dropped, changed or
 *     swapped with the next counting as shared when both are at least three
 *     letters long. Only the first 16 words of a step count. Each new step,
 *     in order, takes the most similar old one (the first of equals). When
 *     more than 17 old steps are left over, a new step is compared only
 *     with the 17 nearest its own place in the note (as a share of the
 *     note's length), which keeps a note of thousands of steps cheap.
 *
 * So fixing a typo or rewording a little while ticking a step ticks that
 * step; rewriting it is removing one step and writing another. The
 * pairing itself is step_match.h's; this module walks the commits.
 */

struct history_commit {
	char id[REPO_BLOB_ID_SIZE];      /* hex commit id */
	char day[REPO_DAY_SIZE];         /* the author's day (repo_commit); may be "" */
};

enum history_state {
	HISTORY_OPEN,        /* open at the revision */
	HISTORY_TICKED,      /* done, and `ticked` is the commit that ticked it */
	HISTORY_BORN_DONE,   /* done since it first appeared: no commit ticked it */
};

struct history_step {
	const char *path;                      /* the note, root-relative; owned by the history */
	size_t index;                          /* the step's place among its note's steps */
	enum history_state state;
	const struct history_commit *appeared; /* the commit that first held it */
	const struct history_commit *opened;   /* the first commit it was open in; NULL if never */
	/*
	 * HISTORY_TICKED: the commit in which it last turned from open to done
	 * (it has stayed done since); NULL otherwise. A step ticked, then
	 * unticked, is open.
	 */
	const struct history_commit *ticked;
};

struct history {
	struct history_step *steps;      /* every step at the revision, by path, then index */
	size_t nsteps;
	struct history_commit *commits;  /* the commits that changed notes, oldest first */
	size_t ncommits;
	char **paths;                    /* what steps' paths point to */
	size_t npaths;
};

/*
 * The steps of a version of a note, for history_build: sets *steps and
 * *nsteps (none is fine) and returns 0; returns 1 for a blob that is no
 * note (too large, binary: it has no steps); returns -1 with an
 * error set, which stops history_build. The steps stay the caller's and must
 * stay valid until the next call or until history_build returns, so a
 * cache can hand out what it holds. history_build reads a step's text,
 * done and owner, and asks once for each distinct blob, with the path of
 * a note that has it.
 */
typedef int history_steps_fn(void *arg, const char *path, const char *blob,
			     const struct md_step **steps, size_t *nsteps);

/*
 * The history of the steps in the notes below the root-relative folder
 * `dir` at revision `rev` (see repo_walk_history): one history_step for
 * each step of each note there, in the order steps_of gives them for the
 * note's blob at `rev`. Returns 0 and *out (freed with history_free), or
 * -1 after an error was set (by git or by steps_of) and *out NULL.
 */
int history_build(struct history **out, struct repo *repo, const char *rev, const char *dir,
		  history_steps_fn *steps_of, void *arg);

/* Step `index` of the note at `path`, or NULL. */
const struct history_step *history_find(const struct history *history, const char *path,
					size_t index);

void history_free(struct history *history);

/*
 * The history as bytes to keep (in a cache) and back: history_encode
 * returns them malloc'd, their length in *len; history_decode returns 0
 * and *out (history_free), or -1 for bytes it did not make (nothing is
 * printed: the caller builds the history afresh).
 */
char *history_encode(const struct history *history, size_t *len);
int history_decode(struct history **out, const char *bytes, size_t len);


#endif
