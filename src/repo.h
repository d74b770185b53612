#ifndef PERENNIAL_REPO_H
#define PERENNIAL_REPO_H

#include <stddef.h>

#include "diag.h"

struct notefile_scope;
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
 * absolute path). Returns 0 and *out (freed with repo_free), or -1 with an error
 * set (error.h) (no repository, a bare one, the root outside it).
 */
int repo_open(struct repo **out, const char *root);

/*
 * The same repository, with paths relative to `prefix` ("" for the top of
 * the tree; NULL: the notes root's own): how a network reads a chapter's
 * commits, fetched into it, whose notes root is where the chapter says.
 */
int repo_open_at(struct repo **out, const char *root, const char *prefix);

void repo_free(struct repo *repo);

/*
 * Adds every note of `notes` (notefile.h) in the index (repo_list_index)
 * or in the tree of a commit (repo_list_commit; `rev` is any revision git
 * understands: HEAD~1, a branch, a commit id). Links and submodules are
 * not notes. A file that would be a note but for its name (not UTF-8) is
 * added to `misnamed` instead, when that is not NULL. Returns 0, or -1
 * with an error set (error.h).
 */
int repo_list_index(struct repo_entries *out, struct repo *repo,
		    const struct notefile_scope *notes);
int repo_list_commit(struct repo_entries *out, struct repo *repo, const char *rev,
		     const struct notefile_scope *notes, struct strlist *misnamed);

/*
 * Adds the names of the files (not links, folders or submodules) right in
 * the root-relative folder `dir` of `rev`'s tree, in the tree's order;
 * none when there is no such folder. Returns 0, or -1 with an error set
 * (error.h).
 */
int repo_list_folder(struct strlist *out, struct repo *repo, const char *rev, const char *dir);

/*
 * The root-relative paths of the notes of `notes` that the index adds or
 * changes against HEAD (against nothing on a branch with no commit yet):
 * added, modified, renamed and copied files, not deleted ones; misnamed
 * ones (as above) into `misnamed` when it is not NULL. Returns 0, or -1
 * with an error set (error.h).
 */
int repo_staged_changes(struct strlist *out, struct repo *repo,
			const struct notefile_scope *notes, struct strlist *misnamed);

/*
 * The same for files that are not notes: the root-relative paths among
 * `paths` (files, or folders for all below them) that the index adds or
 * changes, hidden ones left out. Returns 0, or -1 with an error set.
 */
int repo_staged_files(struct strlist *out, struct repo *repo, const char *const *paths,
		      size_t npaths);

/*
 * Reads blob `blob` into *out as a source named `path` (freed with
 * source_free). Returns 0, 1 when it is not a note (too large, binary) and
 * a diagnostic says so, or -1 with an error set (error.h).
 */
int repo_read_blob(struct source **out, struct repo *repo, const char *blob, const char *path,
		   struct diag_list *diags);

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
 * commit that adds, changes or removes a note of `notes`, compared with
 * its first parent (with nothing for a root commit). Notes are the files
 * repo_list_commit lists; a note that turns
 * into a link or a folder is removed, and one whose mode alone changes is
 * unchanged. A file moved is removed at one path and added at the other.
 * Changes come in the order of the tree, a commit's changes in one call.
 *
 * Only folders whose tree differs from the parent's are read, so a walk
 * costs what the commits change, not the size of the notes folder.
 * Returns 0; what fn returns when that is not 0 (the walk stops there);
 * or -1 with an error set (error.h) (an unknown revision, a missing object).
 */
int repo_walk_history(struct repo *repo, const char *rev, const struct notefile_scope *notes,
		      int (*fn)(void *arg, const struct repo_commit *commit), void *arg);

/*
 * The id of the commit `rev` names (a branch, a tag, HEAD~2), into id
 * (REPO_BLOB_ID_SIZE bytes). Returns 0, or -1 with an error set (error.h).
 */
int repo_resolve(char *id, struct repo *repo, const char *rev);

/*
 * The commit `rev` names: its hex id into id (REPO_BLOB_ID_SIZE bytes)
 * and its author's day into day (REPO_DAY_SIZE bytes), as struct
 * repo_commit has it (in the offset the author committed in; "" outside
 * the years 1 to 9999). Returns 0; 1 when rev names nothing (a chapter
 * not fetched yet), with id and day "" and no error set; or -1 with an
 * error set (error.h) (rev malformed, or naming something not a commit).
 */
int repo_commit_day(char *id, char *day, struct repo *repo, const char *rev);

/*
 * Fetches the branch `branch` of the repository at `url` into the ref
 * `ref` of this repository, forced (a rewritten branch is taken as it
 * is), as `git fetch URL +refs/heads/BRANCH:REF` does, and sets id
 * (REPO_BLOB_ID_SIZE bytes) to the hex id of the commit fetched. `url` is
 * whatever libgit2 reaches: an absolute path, file://, ssh (also
 * user@host:path), http(s); url.<base>.insteadOf applies. No tag is
 * fetched; FETCH_HEAD, HEAD and every other ref stay as they were. `ref`
 * is a full reference name below refs/, not a branch (refs/heads/...):
 * refs/perennial/chapters/NAME.
 *
 * Progress (objects received of all) goes through progress.h as `label`,
 * started once objects arrive, so that a credential prompt comes first.
 * Credentials are found as `git fetch` finds them, each kind tried once
 * (libgit2 would ask again and again): the ssh agent for ssh, with the
 * URL's user or "git"; for http(s), git's credential helpers (`git
 * credential fill`, then approve or reject: credential.h), then the
 * platform's single sign-on when the server offers Negotiate or NTLM.
 * Certificates are checked as libgit2 checks them.
 *
 * Returns 0, or -1 with an error set (error.h) and id "": `branch` or
 * `ref` not a valid name; "cannot reach URL: <libgit2's reason>" (for a
 * path: "no such folder", "it is not a git repository"); "URL has no
 * branch 'B'" with a likely one and the first few it has;
 * "authentication failed for URL: ..." and why; a failure while fetching.
 * A password in the URL is never repeated in a message.
 */
int repo_fetch(char *id, struct repo *repo, const char *url, const char *branch,
	       const char *ref, const char *label);

/*
 * Points the ref `ref` (below refs/, not a branch) at the commit `id`
 * (hex), made or moved, or removes it when id is NULL (none: nothing to
 * do). Returns 0, or -1 with an error set (error.h).
 */
int repo_set_ref(struct repo *repo, const char *ref, const char *id);

/* True when HEAD has no commit yet (a repository just made). */
int repo_head_unborn(struct repo *repo);

/*
 * The blob of the root-relative `path` in the commit `rev` names, or
 * staged in the index when `rev` is NULL, into blob: 1 when it is a file
 * there, 0 when it is not (or is a link or a folder), -1 with an error
 * set (error.h). Read it with repo_read_blob.
 */
int repo_file_blob(char *blob, struct repo *repo, const char *rev, const char *path);

/* The blob id git would give these bytes (`git hash-object`), into blob. */
void repo_hash_blob(char *blob, const char *bytes, size_t len);

/*
 * True (1) when the root-relative `path` holds edits that are not
 * committed and that writing `bytes` there would lose: the index entry
 * differs from HEAD's file (a conflict, another blob or mode), or the work
 * tree's file, as git would record it, differs from HEAD's (a file that
 * HEAD lacks, untracked or not, is such an edit; so is anything on an
 * unborn branch). A version that already holds exactly `bytes` loses
 * nothing, and neither does a file missing from the index or the work
 * tree. A link, a folder or anything but a plain file at the path, or a
 * link or a file on the way to it, counts as an edit: nothing is ever
 * written through a link. 0 when writing is safe; -1 with an
 * error set (an invalid path, git failing).
 */
int repo_path_dirty(struct repo *repo, const char *path, const char *bytes, size_t len);

/* A file for repo_commit_files: its root-relative path and its bytes. */
struct repo_file {
	const char *path;
	const char *bytes;
	size_t len;
};

/* Who a commit is by; NULL fields come from git config. */
struct repo_person {
	const char *name;
	const char *email;
};

/*
 * "Name <email>" into its parts: out points into `who`, which gets NULs
 * where the parts end. Returns 0, or -1 (nothing set) when it is not of
 * that form.
 */
int repo_person_parse(struct repo_person *out, char *who);

struct repo_commit_options {
	/*
	 * The author; NULL, or a NULL field, takes author.name / user.name
	 * and author.email / user.email from git config. The committer is
	 * the configured user, or the author when none is configured.
	 */
	const struct repo_person *author;
	/*
	 * The hex id of the commit the files were made from: the branch must
	 * still point at it when this is called, else nothing is committed.
	 * NULL: wherever the branch points then.
	 */
	const char *expected;
	/*
	 * For tests: called with arg once the commit object is made, just
	 * before the branch moves, so a test can move the branch first.
	 */
	void (*before_move)(void *arg);
	void *arg;
};

/*
 * Records `files` as one commit on the branch HEAD names: the new tree is
 * HEAD's tree with these files (mode 100644) put in, folders made as
 * needed; what the index stages besides is neither read nor committed.
 * Refused before anything is written when HEAD is detached, a path is
 * invalid, given twice or a folder in HEAD, or repo_path_dirty says a
 * file has edits. The files are written beside their names in the work
 * tree first (never through a link; a failure, a full disk, leaves nothing
 * made); then the index entries of these paths alone are set to the new
 * blobs, other staged changes staying as they were (an index another git
 * command holds, or a full disk, leaves it as it was); the branch moves
 * only if it still points at the commit read (on an unborn branch: only if
 * it still does not exist), else the entries are put back; then the files
 * take their names. The reflog says "perennial: " and the message's first
 * line. `opts` may be NULL.
 *
 * Returns 0 and the new commit's id in id (REPO_BLOB_ID_SIZE bytes); 1
 * when the tree would not change, with no commit made, nothing written
 * and HEAD's id in id ("" on an unborn branch given no files); -1 with an error
 * set (error.h), with id "" unless the commit was made. When the
 * branch moved meanwhile, nothing is committed or written. When the files
 * cannot take their names after the branch moved, id is the commit's and
 * the error says which git command brings the work tree up to date.
 */
int repo_commit_files(char *id, struct repo *repo, const struct repo_file *files, size_t n,
		      const char *message, const struct repo_commit_options *opts);

/* The repository's own folder (`.git`, or a linked work tree's), owned by repo. */
const char *repo_git_dir(const struct repo *repo);

/*
 * The `.git` folder that repo_open would find for the notes root `root`
 * (absolute), found without starting libgit2, when finding it takes no
 * more than looking up from root: 1 and *out (malloc'd, ending in '/', as
 * repo_git_dir), the current user's own, on root's file system. 0 when
 * git's other rules may decide: GIT_DIR and its kin, a `.git` file (a
 * linked work tree, a submodule), another owner, another file system, a
 * config that sets core.worktree, core.bare or an include, no repository.
 * Then repo_open does.
 */
int repo_plain_git_dir(char **out, const char *root);

/* The entry for `path` in sorted entries, or NULL. */
const struct repo_entry *repo_entries_find(const struct repo_entries *entries,
					   const char *path);

/* Appends path and blob (hex), copied: entries added in path order stay sorted. */
void repo_entries_add(struct repo_entries *entries, const char *path, const char *blob);

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
int repo_hooks_dir(char **out, struct repo *repo);

#endif
