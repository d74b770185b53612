#ifndef PERENNIAL_NOTEFILE_H
#define PERENNIAL_NOTEFILE_H

#include <stddef.h>

#include "diag.h"

/*
 * What a file must be to be read as a note, wherever its bytes come from
 * (the working tree or a git blob): small enough, and text.
 */

/* Notes larger than this are refused unread. */
#define NOTE_MAX_SIZE (1024 * 1024)

/* 1 with a file-too-large diagnostic when size is over the limit, else 0. */
int notefile_refuse_size(struct diag_list *diags, const char *path, size_t size);

/* 1 with a binary-file diagnostic when the bytes hold a NUL, else 0. */
int notefile_refuse_bytes(struct diag_list *diags, const char *path,
			  const char *bytes, size_t len);

#endif
