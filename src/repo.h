#ifndef PERENNIAL_REPO_H
#define PERENNIAL_REPO_H

#include <stddef.h>

#include "diag.h"

struct source;
struct strlist;

/*
 * The git repository that holds the notes root: its index, its commits
 * and their blobs. The only module that includes git2.h. Paths handed out
 * are relative to the notes root, which may be a subfolder of the work tree.
 *
 * The repository is found as git finds it: GIT_DIR, GIT_WORK_TREE and
 * GIT_INDEX_FILE are honoured, so a hook validates the very index that
 * `git commit` is about to record (a temporary one for `git commit -a`).
 */
struct repo;

#define REPO_BLOB_ID_SIZE 41   /* 40 hex digits and a NUL */

/* A note file as git holds it. */
struct repo_entry {
	char *path;                       /* root-relative */
	char blob[REPO_BLOB_ID_SIZE];     /* hex object id */
};

struct repo_entries {
	struct repo_entry *items;         /* sorted by path */
	size_t len;
	size_t cap;
};

#define REPO_ENTRIES_INIT { NULL, 0, 0 }

/*
 * Opens the repository whose work tree holds the notes root `root` (an
 * absolute path). Returns 0 and *out (freed with repo_free), or -1 after
 * printing an error (no repository, a bare one, the root outside it).
 */
int repo_open(struct repo **out, const char *root);

void repo_free(struct repo *repo);

/*
 * Adds every `.md` file below the root-relative folder `dir` in the index
 * (repo_list_index) or in the tree of a commit (repo_list_commit; `rev` is
 * any revision git understands: HEAD~1, a branch, a commit id). Links and
 * submodules are not notes. Returns 0, or -1 after printing an error.
 */
int repo_list_index(struct repo *repo, const char *dir, struct repo_entries *out);
int repo_list_commit(struct repo *repo, const char *rev, const char *dir,
		     struct repo_entries *out);

/*
 * The root-relative paths of the files below `dir` that the index adds or
 * changes against HEAD (against nothing on a branch with no commit yet):
 * added, modified, renamed and copied files, not deleted ones. Returns 0,
 * or -1 after printing an error.
 */
int repo_staged_changes(struct repo *repo, const char *dir, struct strlist *out);

/*
 * Reads blob `blob` into *out as a source named `path` (freed with
 * source_free). Returns 0, 1 when it is not a note (too large, binary) and
 * a diagnostic says so, or -1 after printing an error.
 */
int repo_read_blob(struct repo *repo, const char *blob, const char *path,
		   struct source **out, struct diag_list *diags);

/* A note file that a commit added, changed or removed. */
struct repo_change {
	char *path;                          /* root-relative */
	char old_blob[REPO_BLOB_ID_SIZE];    /* before the commit; "" when it adds the note */
	char new_blob[REPO_BLOB_ID_SIZE];    /* after it; "" when it removes the note */
};

#define REPO_DAY_SIZE 11   /* YYYY-MM-DD and a NUL */

/* One commit of a first-parent history, as repo_walk_history reports it. */
struct repo_commit {
	char id[REPO_BLOB_ID_SIZE];          /* hex commit id */
	/*
	 * The author's calendar day, YYYY-MM-DD, in the time zone offset the
	 * author's date was recorded with (a commit made at 23:30 in
	 * California is on that day, not on the next day in UTC); "" for a
	 * date outside the years 1 to 9999.
	 */
	char day[REPO_DAY_SIZE];
	const struct repo_change *changes;   /* owned by the walk, valid during the call */
	size_t nchanges;
};

/*
 * Walks the history of `rev` oldest first along first parents (the commits
 * `git log --first-parent --reverse rev` shows) and calls fn with each
 * commit that adds, changes or removes a note below the root-relative
 * folder `dir`, compared with its first parent (with nothing for a root
 * commit). Notes are the files repo_list_commit lists; a note that turns
 * into a link or a folder is removed, and one whose mode alone changes is
 * unchanged. A file moved is removed at one path and added at the other.
 * Changes come in the order of the tree, a commit's changes in one call.
 *
 * Only folders whose tree differs from the parent's are read, so a walk
 * costs what the commits change, not the size of the notes folder.
 * Returns 0; what fn returns when that is not 0 (the walk stops there);
 * or -1 after printing an error (an unknown revision, a missing object).
 */
int repo_walk_history(struct repo *repo, const char *rev, const char *dir,
		      int (*fn)(void *arg, const struct repo_commit *commit), void *arg);

/*
 * The id of the commit `rev` names (a branch, a tag, HEAD~2), into id
 * (REPO_BLOB_ID_SIZE bytes). Returns 0, or -1 after printing an error.
 */
int repo_resolve(struct repo *repo, const char *rev, char *id);

/* True when HEAD has no commit yet (a repository just made). */
int repo_head_unborn(struct repo *repo);

/*
 * The blob of the root-relative `path` in `commit`, into blob: 1 when it
 * is a file there, 0 when it is not (or is a link or a folder), -1 after
 * printing an error. Read it with repo_read_blob.
 */
int repo_file_blob(struct repo *repo, const char *commit, const char *path, char *blob);

/* The blob id git would give these bytes (`git hash-object`), into blob. */
void repo_hash_blob(const char *bytes, size_t len, char *blob);

/* The repository's own folder (`.git`, or a linked work tree's), owned by repo. */
const char *repo_git_dir(const struct repo *repo);

/* The entry for `path` in sorted entries, or NULL. */
const struct repo_entry *repo_entries_find(const struct repo_entries *entries,
					   const char *path);

void repo_entries_release(struct repo_entries *entries);

/* The notes root relative to the top of the work tree: "" or "sample-notes". */
const char *repo_prefix(const struct repo *repo);

/*
 * The folder shared by all work trees of the repository, where perennial
 * keeps its caches (`.git` for most repositories). Owned by repo.
 */
const char *repo_common_dir(const struct repo *repo);

/*
 * The folder git runs hooks from: core.hooksPath, or `hooks` in the common
 * folder. Returns 0 and *out (malloc'd, absolute), or -1 after an error.
 */
int repo_hooks_dir(struct repo *repo, char **out);

#endif
