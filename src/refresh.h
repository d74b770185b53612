#ifndef PERENNIAL_REFRESH_H
#define PERENNIAL_REFRESH_H

#include <stddef.h>

struct config;
struct index;
struct progress;

/* What bringing the index up to date took. */
struct refresh_stats {
	size_t notes;        /* notes in the working tree */
	size_t unchanged;    /* not read: size, time and inode as when indexed */
	size_t read;         /* read and hashed */
	size_t parsed;       /* read, and a blob the index did not know: parsed */
	size_t removed;      /* files gone since the last time */
};

/*
 * Brings the index up to date with the notes under the notes folder of
 * `root`, in one transaction: only files that changed are read, and only
 * contents the index has never seen are parsed. Returns 0, or -1 after
 * printing an error.
 */
int refresh_worktree(struct index *ix, const struct config *config, const char *root,
		     struct progress *progress, struct refresh_stats *stats);

#endif
