#ifndef PERENNIAL_NOTEFILE_H
#define PERENNIAL_NOTEFILE_H

#include <stddef.h>

#include "diag.h"

/*
 * What a file must be to be read as a note, wherever its bytes come from
 * (the working tree or a git blob): small enough, and text.
 */

struct source;

/* The file name in a path: what follows the last '/'. */
const char *notefile_name(const char *path);

/* True for a name that ends in `.md` with something before it. */
int notefile_is_note_name(const char *path);

/*
 * Which files below the notes root are notes: the `*.md` files below the
 * notes folder `dir`, none of whose names below it begins with '.', that
 * no pattern of `ignore:` matches, and whose path is printable UTF-8. One
 * answer for the working tree, the index and every commit.
 */
struct notefile_scope {
	const char *dir;            /* root-relative; "" for the root itself */
	char *const *ignore;        /* glob patterns, relative to dir */
	size_t nignore;
};

enum notefile_kind {
	NOTEFILE_OTHER,             /* outside dir, hidden, or not named `*.md` */
	NOTEFILE_IGNORED,           /* matched by a pattern of `ignore:` */
	NOTEFILE_MISNAMED,          /* would be a note, but its path is not printable UTF-8 */
	NOTEFILE_NOTE,
};

/* What the root-relative `path` is in scope. */
enum notefile_kind notefile_classify(const struct notefile_scope *scope, const char *path);

/*
 * True when a pattern of scope->ignore matches the root-relative `path`
 * below scope->dir, as .gitignore matches: with fnmatch(3) and
 * FNM_PATHNAME, a pattern with no '/' against the name of the file or of
 * any folder on its way, one with a '/' against its path from dir (a '/'
 * in front only anchors it); a pattern ending in '/' matches folders
 * alone. A folder matched leaves out everything below it.
 */
int notefile_ignored(const struct notefile_scope *scope, const char *path);

/*
 * 1 with an invalid-file-name diagnostic when the root-relative `path` is
 * not printable UTF-8 (bytes of another encoding, control characters),
 * else 0. Such a file is never read as a note: its name could not be
 * printed as what it is, in a list, a report or a CSV file.
 */
int notefile_refuse_name(struct diag_list *diags, const char *path);

/*
 * 1 with an invalid-utf8 diagnostic at the first bad byte when the source
 * is not UTF-8, else 0. Nothing after that byte can be trusted.
 */
int notefile_refuse_encoding(struct diag_list *diags, const struct source *src);

/* Notes larger than this are refused unread. */
#define NOTE_MAX_SIZE (1024 * 1024)

/* 1 with a file-too-large diagnostic when size is over the limit, else 0. */
int notefile_refuse_size(struct diag_list *diags, const char *path, size_t size);

/* 1 with a binary-file diagnostic when the bytes hold a NUL, else 0. */
int notefile_refuse_bytes(struct diag_list *diags, const char *path,
			  const char *bytes, size_t len);

#endif
