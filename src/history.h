#ifndef PERENNIAL_HISTORY_H
#define PERENNIAL_HISTORY_H

#include <stddef.h>

#include "repo.h"
#include "strmap.h"

struct step_match_step;

/*
 * When each next step was opened and done, read from the git history of
 * the notes: the commit that ticked a step gives the day it was done.
 *
 * The history is the first-parent history of a revision (`git log
 * --first-parent`), oldest first: on a branch that merges others, a step
 * ticked on a merged branch is done on the day of the merge commit. A day
 * is the commit's author date, in the time zone the author committed in.
 *
 * It is made in three steps, and data flows one way through them:
 *
 *  1. history_log_read walks the commits (git) into a history_log: which
 *     commit changed which note from which blob to which, and the list of
 *     every blob those changes name, each with a path that had it.
 *  2. The caller sets the steps of each of those blobs
 *     (history_log_set_steps), as the index holds them: refresh.c parses
 *     the blobs the index has never seen.
 *  3. history_build replays the log, pairing each note's steps with those
 *     of its version before (step_match.h). It reads nothing but the log.
 *
 * Which step is which across edits
 * --------------------------------
 * A step belongs to its note file. When a commit moves a note to another
 * path without changing a byte (`git mv`), its steps keep their history;
 * a note moved and edited in the same commit is a new note, and its steps
 * start afresh (as if written in that commit). Between two consecutive
 * versions of a note, steps are paired as step_match.h says.
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

/* --- The log: what the commits did to the notes --- */

#define HISTORY_NO_BLOB ((size_t)-1)

struct history_change {
	size_t path;          /* its number in the log's paths */
	size_t old_blob;      /* number in the log's blobs; HISTORY_NO_BLOB: the commit adds it */
	size_t new_blob;      /* HISTORY_NO_BLOB: the commit removes it */
};

struct history_log_commit {
	struct history_commit commit;
	size_t changes;       /* where its changes start in the log's changes */
	size_t nchanges;      /* in the order of the tree */
};

/* A version of a note: one for each of the log's blobs, by number. */
struct history_version {
	size_t path;                     /* a path that had it, to read it by */
	struct step_match_step *steps;   /* owned by the log; none until set */
	size_t nsteps;
};

struct history_log {
	struct history_log_commit *commits;   /* oldest first */
	size_t ncommits;
	struct history_change *changes;
	size_t nchanges;
	struct strmap paths;                  /* every path a change names */
	struct strmap blobs;                  /* every blob a change names */
	struct history_version *versions;     /* one for each of blobs */
	size_t caps[3];                       /* room in commits, changes, versions */
};

#define HISTORY_LOG_INIT { NULL, 0, NULL, 0, STRMAP_INIT, STRMAP_INIT, NULL, { 0, 0, 0 } }

/*
 * Reads into *out (released first: HISTORY_LOG_INIT or a log) the commits
 * of the first-parent history of `rev` that add, change or remove a note
 * of `notes` (repo_walk_history), oldest first.
 * No blob is read. Returns 0, or -1 with an error set (error.h) (an unknown
 * revision, a missing object) with *out released.
 */
int history_log_read(struct history_log *out, struct repo *repo, const char *rev,
		     const struct notefile_scope *notes);

/*
 * Appends a commit to the log, then a change to the last commit appended:
 * what history_log_read does for each commit, for a log made by hand. A
 * blob that is NULL or "" is none.
 */
void history_log_add_commit(struct history_log *log, const char *id, const char *day);
void history_log_add_change(struct history_log *log, const char *path, const char *old_blob,
			    const char *new_blob);

/*
 * Gives blob number `blob` its steps, in the note's order: the log takes
 * `steps` (malloc'd, as index_blob_steps makes them) and frees them. A blob
 * given none (no steps, or no note: binary, too large) has none.
 */
void history_log_set_steps(struct history_log *log, size_t blob, struct step_match_step *steps,
			   size_t nsteps);

/* Frees what the log holds and leaves it HISTORY_LOG_INIT. */
void history_log_release(struct history_log *log);

/*
 * The history of the steps the log's notes hold after its last commit:
 * one history_step for each step of each note there, in the order of its
 * version's steps. Reads only the log; *out is freed with history_free.
 */
void history_build(struct history **out, const struct history_log *log);

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
