#ifndef PERENNIAL_WORKTREE_H
#define PERENNIAL_WORKTREE_H

#include <stddef.h>

#include "diag.h"

struct notefile_scope;
struct source;
struct strlist;

/*
 * Notes as files on disk, below the notes root. Paths handed out are
 * relative to the root and use '/'. Nothing is read from outside the root.
 * Symbolic links are never followed while walking: one that leads outside
 * the root is a diagnostic, one that stays inside is skipped, as what it
 * leads to is checked where it really is.
 */

/*
 * Finds the notes root: the nearest folder at or above `start` holding
 * perennial.yml. Returns 0 and *out (absolute, malloc'd), or -1 when there
 * is none (nothing is printed).
 */
int worktree_find_root(char **out, const char *start);

/*
 * Adds to `out` the root-relative path of every note of `scope`
 * (notefile.h) below the folder `dir` (root-relative, "" for the root
 * itself), skipping hidden entries. Links that lead outside the root, `dir`
 * itself included, and notes whose names are not UTF-8 are diagnostics in
 * diags. Returns 0, or -1 with an error set (error.h) when a folder cannot
 * be read.
 */
int worktree_list(struct strlist *out, const char *root, const struct notefile_scope *scope,
		  const char *dir, struct diag_list *diags);

/*
 * Resolves a path the user typed (relative to the current folder) to a
 * root-relative one in *out (malloc'd) and says whether it is a folder; a
 * link inside the root resolves to where it leads. Returns 0, 1 when it is
 * a link in the root leading outside it (a diagnostic is added, *out is the
 * link's path), or -1 with an error set (error.h) when it does not exist (a
 * dangling link included) or lies outside the root.
 */
int worktree_resolve(char **out, int *is_dir, const char *root, const char *arg,
		     struct diag_list *diags);

/*
 * The root-relative form of a path the user typed, worked out from its
 * text alone (it need not exist on disk: a staged or committed note may
 * not). Returns 0 and *out (malloc'd), or -1 with an error set (error.h) when
 * it lies outside the root.
 */
int worktree_relative(char **out, const char *root, const char *arg);

/*
 * The notes to check: `paths` gets those the user named in args (files as
 * they are, unless `ignore:` leaves them out or their names are not UTF-8;
 * a folder stands for the notes of `scope` below it, so `.` at the root
 * means the notes folder, not every Markdown file around it), and nothing
 * when there is no argument (all are asked: `all`, then); `all` gets every
 * note of `scope`. Both sorted.
 * Returns 0, or -1 with an error set (error.h).
 */
int worktree_select(struct strlist *paths, struct strlist *all, const char *root,
		    const struct notefile_scope *scope, char **args, int nargs,
		    struct diag_list *diags);

/*
 * Reads root/path into *out (freed with source_free; its path is `path`).
 * Returns 0, 1 when the file is not a note (larger than the limit, binary,
 * not a regular file, a link leading outside the root) and a diagnostic
 * says so, or -1 after an I/O error (error.h).
 */
int worktree_read(struct source **out, const char *root, const char *path,
		  struct diag_list *diags);

/* True if the absolute `path` is `root` or below it. */
int worktree_inside(const char *root, const char *path);

/*
 * Makes root/folder (root-relative), a part at a time, each found inside
 * the root before anything is made in it: a link on the way may lead
 * anywhere. Returns the folder's real path (malloc'd), or NULL with an error
 * set (error.h).
 */
char *worktree_make_folder(const char *root, const char *folder);

/*
 * Writes `bytes` as the file at the root-relative `path`, replacing the one
 * there (a new file renamed over it), making its folders inside the root.
 * A link or anything but a plain file at `path` is left alone and is an
 * error. Returns 0, or -1 with an error set (error.h).
 */
int worktree_write(const char *root, const char *path, const char *bytes, size_t len);

/*
 * The same in two steps (atomic_write.h): the bytes written beside the
 * name, which the file takes at worktree_write_finish, or not at all at
 * atomic_write_abandon. Each returns 0, or -1 with an error set.
 */
struct atomic_file;
int worktree_write_begin(struct atomic_file *out, const char *root, const char *path,
			 const char *bytes, size_t len);
int worktree_write_finish(struct atomic_file *f, const char *path);

/* mkdir -p of `path`, relative or absolute; 0, or -1 with errno set. */
int worktree_mkdirs(const char *path);

#endif
