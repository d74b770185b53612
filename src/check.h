#ifndef PERENNIAL_CHECK_H
#define PERENNIAL_CHECK_H

#include <stddef.h>

#include "diag.h"

struct config;
struct idcache;
struct progress;
struct repo;
struct repo_entries;
struct source;
struct strlist;
struct workspace;

/*
 * `perennial check`: reads, parses and validates each note in `paths`, then
 * finds ids shared by two notes. `all` is every note of the repository: the
 * ids of those not in `paths` are read as well, so a duplicate is found
 * whichever of the two files is checked. Both lists are root-relative and
 * sorted. Findings are added to diags, unsorted. Each returns the number of
 * notes checked, or -1 with an error set (error.h).
 */

/* Notes as files below the notes root. */
long check_worktree(const struct config *config, const char *root,
		    const struct strlist *paths, const struct strlist *all,
		    struct progress *progress, struct diag_list *diags);

/*
 * Notes as git blobs, `entries` being all of them (the index or a commit).
 * What the id rule needs of a note not in `paths` comes from `ids` when it
 * knows the blob, and is added to it otherwise.
 */
long check_repo(const struct config *config, struct repo *repo,
		const struct repo_entries *entries, const struct strlist *paths,
		struct idcache *ids, struct progress *progress, struct diag_list *diags);

/*
 * The other notes of the repository, as an editor's server knows them:
 * `paths_with` sets *paths to those that may have `id`, in path order,
 * and returns how many (what it knows may be out of date: each is read
 * again, as it is now, by `read`, which returns 0 with *out, or else an
 * error set, for a note gone since).
 */
struct check_others {
	size_t (*paths_with)(void *ctx, const char *id, const char *const **paths);
	int (*read)(void *ctx, const char *path, struct source **out, struct diag_list *diags);
	void *ctx;
};

/*
 * One note as an editor holds it, `len` bytes of `text` at the
 * root-relative `path`: read, parsed and validated as check_worktree would
 * the file, its id checked against those of `others` (NULL: none), its
 * text standing for the file's.
 */
void check_text(const struct config *config, const char *path, const char *text, size_t len,
		const struct check_others *others, struct diag_list *diags);

/* What `perennial check` and the hook ask for. */
struct check_request {
	int staged;            /* what is staged for the next commit */
	const char *rev;       /* else the notes of this commit; NULL: the working tree */
	char **args;           /* files and folders to check (all the notes with none) */
	int nargs;
};

/*
 * Checks the notes of the open workspace that `request` names: files
 * through check_worktree; the staged index or a commit through check_repo,
 * with the id cache in the git folder, the workspace being opened with
 * workspace_open_git for them. A commit of the index is checked as it
 * would land: its staged notes, every note when perennial.yml is staged,
 * and its staged templates. Returns the number of notes checked, or -1
 * with an error set (error.h).
 */
long check_run(const struct check_request *request, struct workspace *ws,
	       struct diag_list *diags);

#endif
