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
