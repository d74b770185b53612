#ifndef PERENNIAL_SOURCE_H
#define PERENNIAL_SOURCE_H

#include <stddef.h>

/*
 * The bytes of one file (from disk or a git blob) and its line map. Every
 * position in the program is a byte offset into `bytes`; this module turns
 * offsets into the 1-based line and column the user sees in an editor:
 * a line ends at LF, CRLF or a lone CR, the column counts characters, and a
 * UTF-8 byte order mark takes no column.
 */
/* The UTF-8 byte order mark, which editors hide and parsers skip. */
#define SOURCE_BOM "\xEF\xBB\xBF"

struct source {
	char *path;       /* as printed in diagnostics: relative to the notes root */
	char *bytes;      /* NUL-terminated copy; len excludes the NUL */
	size_t len;
	size_t *lines;    /* byte offset where each line starts; lines[0] == 0 */
	size_t nlines;
	size_t bom;       /* 3 if the file starts with a UTF-8 byte order mark */
};

/* Copies path and bytes. Freed with source_free. */
struct source *source_new(const char *path, const char *bytes, size_t len);

/* Takes ownership of `bytes` (malloc'd, with room for one more byte). */
struct source *source_new_owned(const char *path, char *bytes, size_t len);

void source_free(struct source *src);

/* 1-based line holding the byte at `offset` (offset may equal len). */
unsigned source_line_of(const struct source *src, size_t offset);

/* 1-based line and column of `offset`. */
void source_position(const struct source *src, size_t offset,
		     unsigned *line, unsigned *column);

/* Offset where 1-based `line` starts, after the BOM on line 1. */
size_t source_line_start(const struct source *src, unsigned line);

/* Offset where `line`'s text ends, before its line break. */
size_t source_line_end(const struct source *src, unsigned line);

#endif
