#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

static void S_map_lines(struct source *src)
{
	const char *s = src->bytes, *end = s + src->len;
	/* Most files have no CR at all: then memchr for LF alone is exact. */
	int has_cr = memchr(s, '\r', src->len) != NULL;
	size_t cap = 0;

	src->nlines = 0;
	XGROW(src->lines, cap, 1);
	src->lines[src->nlines++] = 0;
	for (const char *p = s; p < end; p++) {
		if (!has_cr) {
			p = memchr(p, '\n', (size_t)(end - p));
			if (!p)
				break;
		} else if (*p == '\r' && p + 1 < end && p[1] == '\n') {
			p++;
		} else if (*p != '\n' && *p != '\r') {
			continue;
		}
		XGROW(src->lines, cap, src->nlines + 1);
		src->lines[src->nlines++] = (size_t)(p + 1 - s);
	}
	src->bom = src->len >= 3 && memcmp(s, SOURCE_BOM, 3) == 0 ? 3 : 0;
}

struct source *source_new_owned(const char *path, char *bytes, size_t len)
{
	struct source *src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(path);
	src->bytes = bytes;
	src->bytes[len] = '\0';
	src->len = len;
	S_map_lines(src);
	return src;
}

struct source *source_new(const char *path, const char *bytes, size_t len)
{
	char *copy = xmalloc(len + 1);
	memcpy(copy, bytes, len);
	return source_new_owned(path, copy, len);
}

void source_free(struct source *src)
{
	if (!src)
		return;
	free(src->path);
	free(src->bytes);
	free(src->lines);
	free(src);
}

unsigned source_line_of(const struct source *src, size_t offset)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return (unsigned)lo + 1;
}

size_t source_line_start(const struct source *src, unsigned line)
{
	if (line < 1)
		line = 1;
	if (line > src->nlines)
		return src->len;
	return line == 1 ? src->bom : src->lines[line - 1];
}

size_t source_line_end(const struct source *src, unsigned line)
{
	if (line >= src->nlines)
		return src->len;
	size_t end = src->lines[line];
	if (end > 0 && src->bytes[end - 1] == '\n')
		end--;
	if (end > 0 && src->bytes[end - 1] == '\r')
		end--;
	return end;
}

void source_position(const struct source *src, size_t offset,
		     unsigned *line, unsigned *column)
{
	if (offset > src->len)
		offset = src->len;
	*line = source_line_of(src, offset);
	size_t start = source_line_start(src, *line);
	*column = offset > start
		? (unsigned)utf8_count(src->bytes + start, offset - start) + 1
		: 1;
}
