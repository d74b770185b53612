#ifndef PERENNIAL_LSP_FRAME_H
#define PERENNIAL_LSP_FRAME_H

#include <stddef.h>

#include "strbuf.h"

/*
 * The base protocol of the Language Server Protocol: each message is
 * headers (`Content-Length: N`, perhaps `Content-Type: ...`, each ending in
 * CRLF), a blank line, then N bytes of JSON. A reader is fed bytes as they
 * arrive and hands out whole messages. What cannot be read is said, and
 * passed over: the reader never holds more than one message and its
 * headers, however the bytes come.
 */

#define LSP_FRAME_MAX_HEADERS 4096         /* bytes of one message's headers */
#define LSP_FRAME_MAX_BODY (64u << 20)     /* bytes of one message */

struct lsp_frame_reader {
	struct strbuf buf;       /* bytes fed and not handed out yet, from `start` */
	size_t start;
	size_t skip;             /* bytes of a message too large still to pass over */
};

#define LSP_FRAME_READER_INIT { STRBUF_INIT, 0, 0 }

/* Adds bytes read from the client. */
void lsp_frame_feed(struct lsp_frame_reader *r, const char *bytes, size_t len);

enum lsp_frame_result {
	LSP_FRAME_MORE,          /* no whole message yet: feed more */
	LSP_FRAME_MESSAGE,       /* *body and *len, valid until the reader is next used */
	LSP_FRAME_BAD,           /* *why says what was passed over */
};

/* The next message of what was fed. */
enum lsp_frame_result lsp_frame_next(struct lsp_frame_reader *r, const char **body, size_t *len,
				     const char **why);

/* Bytes fed and not yet handed out: what the client left when it went away. */
size_t lsp_frame_pending(const struct lsp_frame_reader *r);

void lsp_frame_release(struct lsp_frame_reader *r);

/* Appends `json` framed: its header, then it. */
void lsp_frame_write(struct strbuf *out, const char *json, size_t len);

#endif
