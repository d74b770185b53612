#include "lsp_frame.h"

#include <string.h>
#include <strings.h>

void lsp_frame_feed(struct lsp_frame_reader *r, const char *bytes, size_t len)
{
	/* The rest of a message too large to keep is passed over as it comes. */
	size_t passed = len < r->skip ? len : r->skip;
	r->skip -= passed;
	bytes += passed;
	len -= passed;
	if (!len)
		return;
	/* What was handed out goes before more is kept. */
	if (r->start && r->start == r->buf.len) {
		strbuf_reset(&r->buf);
		r->start = 0;
	} else if (r->start > LSP_FRAME_MAX_HEADERS) {
		memmove(r->buf.buf, r->buf.buf + r->start, r->buf.len - r->start);
		strbuf_setlen(&r->buf, r->buf.len - r->start);
		r->start = 0;
	}
	strbuf_add(&r->buf, bytes, len);
}

size_t lsp_frame_pending(const struct lsp_frame_reader *r)
{
	return r->buf.len - r->start;
}

/*
 * The body's length the header block at `at` names (`n` bytes, without
 * the blank line): 0, or -1 when it names none, or more than one.
 */
static int S_content_length(const char *at, size_t n, size_t *length)
{
	static const char name[] = "content-length:";
	int found = 0;
	for (size_t i = 0; i < n;) {
		const char *line = at + i;
		const char *end = memchr(line, '\r', n - i);
		size_t len = end ? (size_t)(end - line) : n - i;
		if (len >= sizeof(name) - 1 && strncasecmp(line, name, sizeof(name) - 1) == 0) {
			size_t value = 0, k = sizeof(name) - 1;
			int digits = 0;
			while (k < len && line[k] == ' ')
				k++;
			/* Past the largest, it stays past it, however many digits follow. */
			for (; k < len && line[k] >= '0' && line[k] <= '9'; k++, digits++)
				if (value <= LSP_FRAME_MAX_BODY)
					value = value * 10 + (size_t)(line[k] - '0');
			while (k < len && line[k] == ' ')
				k++;
			if (!digits || k != len || found)
				return -1;
			*length = value;
			found = 1;
		}
		i += len + 2;   /* past the CRLF */
	}
	return found ? 0 : -1;
}

enum lsp_frame_result lsp_frame_next(struct lsp_frame_reader *r, const char **body, size_t *len,
				     const char **why)
{
	const char *at = r->buf.buf + r->start;
	size_t have = r->buf.len - r->start;
	const char *blank = NULL;

	for (size_t i = 0; i + 3 < have && i < LSP_FRAME_MAX_HEADERS; i++)
		if (memcmp(at + i, "\r\n\r\n", 4) == 0) {
			blank = at + i;
			break;
		}
	if (!blank) {
		if (have < LSP_FRAME_MAX_HEADERS + 4)
			return LSP_FRAME_MORE;
		/* No end to the headers in sight: all of it is passed over. */
		r->start = r->buf.len;
		*why = "headers without an end (a blank line)";
		return LSP_FRAME_BAD;
	}
	size_t headers = (size_t)(blank - at), length;
	if (S_content_length(at, headers, &length) < 0) {
		r->start += headers + 4;
		*why = "headers without a Content-Length of digits";
		return LSP_FRAME_BAD;
	}
	if (length > LSP_FRAME_MAX_BODY) {
		size_t kept = have - headers - 4;
		size_t passed = kept < length ? kept : length;
		r->start += headers + 4 + passed;
		r->skip = length - passed;
		*why = "a message larger than 64 MiB";
		return LSP_FRAME_BAD;
	}
	if (have - headers - 4 < length)
		return LSP_FRAME_MORE;
	*body = blank + 4;
	*len = length;
	r->start += headers + 4 + length;
	return LSP_FRAME_MESSAGE;
}

void lsp_frame_release(struct lsp_frame_reader *r)
{
	strbuf_release(&r->buf);
	r->start = r->skip = 0;
}

void lsp_frame_write(struct strbuf *out, const char *json, size_t len)
{
	strbuf_addf(out, "Content-Length: %zu\r\n\r\n", len);
	strbuf_add(out, json, len);
}
