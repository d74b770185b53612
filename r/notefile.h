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
