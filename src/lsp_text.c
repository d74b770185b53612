#include "lsp_text.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

size_t lsp_text_line_start(const struct strbuf *text, size_t line)
{
	size_t at = 0;
	for (; line > 0 && at < text->len; line--) {
		const char *nl = memchr(text->buf + at, '\n', text->len - at);
		if (!nl)
			return text->len;
		at = (size_t)(nl - text->buf) + 1;
	}
	return at;
}

size_t lsp_text_line_end(const struct strbuf *text, size_t start)
{
	const char *nl = memchr(text->buf + start, '\n', text->len - start);
	size_t end = nl ? (size_t)(nl - text->buf) : text->len;
	return end > start && text->buf[end - 1] == '\r' ? end - 1 : end;
}

/* UTF-16 code units from `start` to the code point `column` (0-based) of its line. */
static size_t S_units(const struct strbuf *text, size_t start, size_t column)
{
	size_t end = lsp_text_line_end(text, start), units = 0;
	for (size_t at = start, n; at < end && column > 0; at += n, column--) {
		unsigned cp = utf8_decode(text->buf + at, end - at, &n);
		units += cp >= 0x10000 ? 2 : 1;
		if (!n)
			break;
	}
	return units;
}

size_t lsp_text_offset(const struct strbuf *text, size_t line, size_t character)
{
	size_t at = lsp_text_line_start(text, line), end = lsp_text_line_end(text, at);
	while (at < end && character > 0) {
		size_t n;
		unsigned cp = utf8_decode(text->buf + at, end - at, &n);
		size_t units = cp >= 0x10000 ? 2 : 1;
		if (!n || units > character)
			break;
		character -= units;
		at += n;
	}
	return at;
}

json_t *lsp_text_position(const struct strbuf *text, unsigned line, unsigned column)
{
	size_t l = line ? line - 1 : 0;
	size_t units = S_units(text, lsp_text_line_start(text, l), column ? column - 1 : 0);
	return json_pack("{s:I, s:I}", "line", (json_int_t)l, "character", (json_int_t)units);
}

/* The position of byte `offset`. */
static json_t *S_position_at(const struct strbuf *text, size_t offset)
{
	size_t line = 0, start = 0;
	if (offset > text->len)
		offset = text->len;
	for (size_t i = 0; i < offset; i++)
		if (text->buf[i] == '\n') {
			line++;
			start = i + 1;
		}
	size_t units = S_units(text, start, utf8_count(text->buf + start, offset - start));
	return json_pack("{s:I, s:I}", "line", (json_int_t)line, "character", (json_int_t)units);
}

json_t *lsp_text_range(const struct strbuf *text, size_t offset, size_t len)
{
	return json_pack("{s:o, s:o}", "start", S_position_at(text, offset),
			 "end", S_position_at(text, offset + len));
}

static int S_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *lsp_text_uri_path(const char *uri)
{
	static const char scheme[] = "file://";
	if (!uri || strncmp(uri, scheme, sizeof(scheme) - 1) != 0)
		return NULL;
	struct strbuf path = STRBUF_INIT;
	for (const char *p = uri + sizeof(scheme) - 1; *p; p++) {
		int hi, lo;
		if (*p == '%' && (hi = S_hex(p[1])) >= 0 && (lo = S_hex(p[2])) >= 0) {
			strbuf_addch(&path, (char)(hi * 16 + lo));
			p += 2;
		} else {
			strbuf_addch(&path, *p);
		}
	}
	/* A path with a NUL in it names no file. */
	if (path.len != strlen(path.buf) || path.buf[0] != '/') {
		strbuf_release(&path);
		return NULL;
	}
	return strbuf_detach(&path);
}

/* Appends `text` with every byte but RFC 3986's unreserved ones and `/` percent-encoded. */
static void S_encode(struct strbuf *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			strbuf_addch(out, (char)*p);
		else
			strbuf_addf(out, "%%%02X", *p);
	}
}

void lsp_text_uri(struct strbuf *out, const char *root, const char *path)
{
	strbuf_addstr(out, "file://");
	S_encode(out, root);
	strbuf_addch(out, '/');
	S_encode(out, path);
}
