/* What an editor's client sends `perennial lsp`: framed messages, fed in pieces. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "lsp_frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lsp_frame_reader r = LSP_FRAME_READER_INIT;
	const char *bytes = (const char *)data, *body, *why;
	size_t len, handed = 0;

	/* The first byte says how the rest arrives: in pieces of 1 to 256 bytes. */
	size_t piece = size ? (size_t)data[0] + 1 : 1;
	for (size_t at = size ? 1 : 0; at < size; at += piece) {
		lsp_frame_feed(&r, bytes + at, size - at < piece ? size - at : piece);
		enum lsp_frame_result result;
		while ((result = lsp_frame_next(&r, &body, &len, &why)) != LSP_FRAME_MORE) {
			if (result == LSP_FRAME_MESSAGE) {
				/* No byte is handed out twice; all of a message may be read. */
				volatile unsigned char last = 0;
				for (size_t i = 0; i < len; i++)
					last = (unsigned char)body[i];
				(void)last;
				handed += len;
				if (handed > size)
					abort();
			} else if (!why || !*why) {
				abort();
			}
		}
		/* What is kept is one message and its headers at most. */
		if (lsp_frame_pending(&r) > LSP_FRAME_MAX_HEADERS + 4 + size)
			abort();
	}
	lsp_frame_release(&r);
	return 0;
}
