#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "lsp_frame.h"
#include "xalloc.h"

/* The next message as a string (malloc'd), or NULL; `result` what the reader said. */
static char *S_next(struct lsp_frame_reader *r, enum lsp_frame_result *result, const char **why)
{
	const char *body = NULL;
	size_t len = 0;
	*why = NULL;
	*result = lsp_frame_next(r, &body, &len, why);
	return *result == LSP_FRAME_MESSAGE ? xstrndup(body, len) : NULL;
}

static void S_feed(struct lsp_frame_reader *r, const char *bytes)
{
	lsp_frame_feed(r, bytes, strlen(bytes));
}

static void assert_message(struct lsp_frame_reader *r, const char *want)
{
	enum lsp_frame_result result;
	const char *why;
	char *got = S_next(r, &result, &why);
	assert_int_equal(result, LSP_FRAME_MESSAGE);
	assert_string_equal(got, want);
	free(got);
}

static void assert_result(struct lsp_frame_reader *r, enum lsp_frame_result want,
			  const char *want_why)
{
	enum lsp_frame_result result;
	const char *why;
	char *got = S_next(r, &result, &why);
	assert_null(got);
	assert_int_equal(result, want);
	if (want_why)
		assert_string_equal(why, want_why);
}

static void test_messages_whole_and_in_pieces(void **state)
{
	(void)state;
	struct lsp_frame_reader r = LSP_FRAME_READER_INIT;

	/* Two at once; then one a byte at a time, with a Content-Type and odd case. */
	S_feed(&r, "Content-Length: 2\r\n\r\n{}Content-Length: 7\r\n\r\n[1,2,3]");
	assert_message(&r, "{}");
	assert_message(&r, "[1,2,3]");
	assert_result(&r, LSP_FRAME_MORE, NULL);
	const char *slow = "content-length:  4 \r\nContent-Type: application/vscode-jsonrpc;"
			   " charset=utf-8\r\n\r\nnull";
	for (size_t i = 0; slow[i]; i++) {
		assert_result(&r, LSP_FRAME_MORE, NULL);
		lsp_frame_feed(&r, slow + i, 1);
	}
	assert_message(&r, "null");
	assert_int_equal(lsp_frame_pending(&r), 0);

	/* A body with a NUL and CRLFs in it is the length the header says. */
	lsp_frame_feed(&r, "Content-Length: 5\r\n\r\na\0\r\n\r", 26);
	const char *body;
	size_t len;
	const char *why;
	assert_int_equal(lsp_frame_next(&r, &body, &len, &why), LSP_FRAME_MESSAGE);
	assert_int_equal(len, 5);
	assert_memory_equal(body, "a\0\r\n\r", 5);
	lsp_frame_release(&r);
}

static void test_bad_headers_are_passed_over(void **state)
{
	(void)state;
	struct lsp_frame_reader r = LSP_FRAME_READER_INIT;
	static const char *const bad[] = {
		"Content-Type: text/plain\r\n\r\n",            /* no length */
		"Content-Length: ten\r\n\r\n",                /* not digits */
		"Content-Length: 12x\r\n\r\n",
		"Content-Length:\r\n\r\n",
		"Content-Length: 2\r\nContent-Length: 2\r\n\r\n",   /* said twice */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		S_feed(&r, bad[i]);
		assert_result(&r, LSP_FRAME_BAD, "headers without a Content-Length of digits");
	}
	/* What follows is read as usual. */
	S_feed(&r, "Content-Length: 2\r\n\r\n{}");
	assert_message(&r, "{}");

	/* Headers that never end: passed over once there is more than headers may take. */
	char *endless = xmalloc(LSP_FRAME_MAX_HEADERS + 100);
	memset(endless, 'x', LSP_FRAME_MAX_HEADERS + 99);
	endless[LSP_FRAME_MAX_HEADERS + 99] = '\0';
	S_feed(&r, endless);
	assert_result(&r, LSP_FRAME_BAD, "headers without an end (a blank line)");
	assert_int_equal(lsp_frame_pending(&r), 0);
	free(endless);
	S_feed(&r, "Content-Length: 1\r\n\r\n1");
	assert_message(&r, "1");
	lsp_frame_release(&r);
}

static void test_too_large_is_passed_over_without_keeping_it(void **state)
{
	(void)state;
	struct lsp_frame_reader r = LSP_FRAME_READER_INIT;
	char header[64];
	size_t too_large = LSP_FRAME_MAX_BODY + (size_t)10;

	snprintf(header, sizeof(header), "Content-Length: %zu\r\n\r\nabc", too_large);
	S_feed(&r, header);
	assert_result(&r, LSP_FRAME_BAD, "a message larger than 64 MiB");
	/* Its body goes by in pieces and is not kept. */
	size_t chunk = 1 << 20;
	char *bytes = xcalloc(chunk, 1);
	for (size_t left = too_large - 3; left;) {
		size_t n = left < chunk ? left : chunk;
		lsp_frame_feed(&r, bytes, n);
		left -= n;
		assert_int_equal(lsp_frame_pending(&r), 0);
	}
	free(bytes);
	S_feed(&r, "Content-Length: 2\r\n\r\nok");
	assert_message(&r, "ok");

	/* A length of many digits is too large, not a number that wrapped around. */
	S_feed(&r, "Content-Length: 99999999999999999999999999999999\r\n\r\n");
	assert_result(&r, LSP_FRAME_BAD, "a message larger than 64 MiB");
	lsp_frame_release(&r);
}

static void test_write_frames_a_message(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	struct lsp_frame_reader r = LSP_FRAME_READER_INIT;

	lsp_frame_write(&out, "{\"id\":1}", 8);
	assert_string_equal(out.buf, "Content-Length: 8\r\n\r\n{\"id\":1}");
	lsp_frame_feed(&r, out.buf, out.len);
	assert_message(&r, "{\"id\":1}");
	strbuf_release(&out);
	lsp_frame_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages_whole_and_in_pieces),
		cmocka_unit_test(test_bad_headers_are_passed_over),
		cmocka_unit_test(test_too_large_is_passed_over_without_keeping_it),
		cmocka_unit_test(test_write_frames_a_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
