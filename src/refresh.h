#ifndef PERENNIAL_REFRESH_H
#define PERENNIAL_REFRESH_H

#include <pthread.h>
#include <stddef.h>

#include "index.h"
#include "repo.h"
#include "strlist.h"

struct config;
struct corpus;
struct history;
struct progress;
struct repo;
struct repo_entries;
struct source;

/* What bringing the index up to date took. */
struct refresh_stats {
	size_t notes;        /* notes in the working tree */
	size_t unchanged;    /* not read: size, time and inode as when indexed */
	size_t read;         /* read and hashed */
	size_t parsed;       /* read, and a blob the index did not know: parsed */
	size_t removed;      /* files gone since the last time */
};

/*
 * The notes of the working tree, listed and statted: all a refresh needs
 * of the file system. It runs in a thread of its own while the command
 * opens the repository and the index, which take as long.
 */
struct refresh_scan {
	const struct config *config;
	const char *root;
	struct strlist paths;          /* sorted, relative to the root */
	struct index_stat *stats;      /* one per path */
	unsigned char *state;          /* one per path, see refresh.c */
	int status;                    /* 0, or -1 when it failed (and said why) */
	int running;                   /* a thread is at it: refresh_scan_wait */
	pthread_t thread;
};

/*
 * Starts the scan of the notes under the notes folder of `root`; `config`
 * and `root` must outlive it. Release it with refresh_scan_release.
 */
void refresh_scan_start(struct refresh_scan *scan, const struct config *config, const char *root);

/* Waits for the scan to end: 0, or -1 when it failed (and said why). */
int refresh_scan_wait(struct refresh_scan *scan);

/* Waits for the scan, then frees what it holds. */
void refresh_scan_release(struct refresh_scan *scan);

/*
 * Parses the note in `src` (taking it), validates it, finds its theme
 * mentions and stores it all in the index under `blob`: what every way
 * into the index (the working tree, a commit's blobs) does with a note it
 * has not seen. Returns 0, or -1 with an error set (error.h).
 */
int refresh_put_note(struct index *ix, const struct config *config, const char *blob,
		     struct source *src);

/*
 * Makes sure the index holds every blob of `entries` (a commit's notes,
 * read through repo), parsing only those it has never seen, in one
 * transaction: the cache that serves the working tree serves any commit.
 * Returns 0, or -1 with an error set (error.h).
 */
int refresh_blobs(struct index *ix, const struct config *config, struct repo *repo,
		  const struct repo_entries *entries, struct progress *progress,
		  struct refresh_stats *stats);

/*
 * The history of the next steps at `rev` (history.h): the commits are
 * walked first (history_log_read), then the steps of every version they
 * name are read from the index, the versions it has never seen read from
 * git, parsed and stored on the way, and then the log is replayed
 * (history_build). A second run parses nothing, and the history of a
 * commit is kept in the index's cache. Returns 0 and *out (history_free),
 * or -1 with an error set (error.h).
 */
int refresh_history(struct history **out, struct index *ix, const struct config *config,
		    struct repo *repo, const char *rev, struct progress *progress);

/*
 * What dating a corpus's steps reads from git (refresh_date_steps): the
 * history of a revision and its notes. Read before the corpus is made, so
 * that what libgit2 keeps of the objects it read (up to 16 MiB of a pack's
 * delta bases) can be let go of first (repo_free).
 */
/*
 * The notes of `commit` (a hex id), as repo_list_commit lists them: the
 * listing is kept in the index's cache by the commit's id, so a second
 * run walks no tree. Returns 0 and *out (repo_entries_release), or -1 with
 * an error set (error.h).
 */
int refresh_list_commit(struct repo_entries *out, struct index *ix, const struct config *config,
			struct repo *repo, const char *commit);

struct refresh_dating {
	struct history *history;
	const struct repo_entries *at_rev;   /* the caller's, or listed */
	struct repo_entries listed;
};

#define REFRESH_DATING_INIT { NULL, NULL, REPO_ENTRIES_INIT }

/*
 * Reads the history of `rev` through the index, with a progress line, and
 * rev's notes: `at_rev` when the caller has listed them (they must outlive
 * out), else listed here. Returns 0 and fills out (refresh_dating_release),
 * or -1 with an error set (error.h).
 */
int refresh_read_dating(struct refresh_dating *out, struct index *ix, const struct config *config,
			struct repo *repo, const char *rev, const struct repo_entries *at_rev);

/*
 * Dates the done steps of `corpus` from what was read (corpus_date_steps);
 * the steps of a note edited since are paired with those of its version
 * at the revision (step_match.h), read from the index. Returns 0, or -1
 * with an error set.
 */
int refresh_date_steps(struct corpus *corpus, struct index *ix,
		       const struct refresh_dating *dating);

void refresh_dating_release(struct refresh_dating *dating);

/*
 * Brings the index up to date with a scan of `root`, in one transaction:
 * only files whose stat changed are read, and only contents the index
 * has never seen are parsed. Waits for the scan where it must. Returns 0,
 * or -1 with an error set (error.h).
 */
int refresh_worktree(struct index *ix, const struct config *config, const char *root,
		     struct refresh_scan *scan, struct progress *progress,
		     struct refresh_stats *stats);

#endif
