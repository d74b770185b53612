#ifndef PERENNIAL_LSP_TEXT_H
#define PERENNIAL_LSP_TEXT_H

#include <jansson.h>
#include <stddef.h>

#include "strbuf.h"

/*
 * Documents and places in their text as the Language Server Protocol
 * names them: a file by its `file:` URI, percent-encoded; a place by its
 * line from 0 and its character in UTF-16 code units (an emoji is two, a
 * CJK character one), against the byte offsets and the 1-based lines and
 * columns in characters that findings (diag.h) use. A line ends before its
 * LF or CRLF; a place past a line's end is its end.
 */

/* Where line `line` (0-based) starts: text->len past the last line. */
size_t lsp_text_line_start(const struct strbuf *text, size_t line);

/* Where the line that starts at `start` ends, before its break. */
size_t lsp_text_line_end(const struct strbuf *text, size_t start);

/* The byte offset of `character` UTF-16 units into `line`, at most its end. */
size_t lsp_text_offset(const struct strbuf *text, size_t line, size_t character);

/* An LSP Position of a finding's 1-based line and column in characters. */
json_t *lsp_text_position(const struct strbuf *text, unsigned line, unsigned column);

/* An LSP Range of `len` bytes at byte `offset`. */
json_t *lsp_text_range(const struct strbuf *text, size_t offset, size_t len);

/* The path a `file:` URI names, percent-decoded (malloc'd); NULL for any other. */
char *lsp_text_uri_path(const char *uri);

/* Appends the `file:` URI of `path` below the folder `root` (both unencoded) to out. */
void lsp_text_uri(struct strbuf *out, const char *root, const char *path);

#endif
