#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "lsp.h"
#include "lsp_frame.h"
#include "parse_options.h"

static const struct cmd_usage S_usage = {
	"lsp",
	"lsp [--stdio]",
	"A language server for editors (the Language Server Protocol, over\n"
	"standard input and output): the findings of check on each open note\n"
	"as it is written, before it is saved. An editor starts it; see the\n"
	"README for each editor's few lines of configuration.",
};

/* Sends what the server said, framed: 0, or -1 when the client is gone. */
static int S_send(json_t *messages)
{
	struct strbuf frames = STRBUF_INIT;
	size_t i;
	json_t *message;
	json_array_foreach(messages, i, message) {
		char *text = json_dumps(message, JSON_COMPACT);
		lsp_frame_write(&frames, text, strlen(text));
		free(text);
	}
	int r = frames.len && (fwrite(frames.buf, 1, frames.len, stdout) != frames.len ||
			       fflush(stdout) != 0) ? -1 : 0;
	strbuf_release(&frames);
	return r;
}

/* Whether the client has sent more, to be read before the findings are made. */
static int S_more_waiting(void)
{
	struct pollfd in = { STDIN_FILENO, POLLIN, 0 };
	return poll(&in, 1, 0) > 0;
}

int cmd_lsp(int argc, char **argv)
{
	int stdio = 0;
	const struct opt opts[] = {
		OPT_BOOL("stdio", &stdio, "talk over standard input and output (always)"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;
	/* A client that goes away is an end like any, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	struct lsp_server *server = lsp_server_new();
	struct lsp_frame_reader reader = LSP_FRAME_READER_INIT;
	char bytes[65536];
	int go_on = 1;
	status = 1;   /* the client went away without exit */
	while (go_on) {
		ssize_t n = read(STDIN_FILENO, bytes, sizeof(bytes));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		lsp_frame_feed(&reader, bytes, (size_t)n);
		json_t *out = json_array();
		const char *body, *why;
		size_t len;
		enum lsp_frame_result r;
		while (go_on && (r = lsp_frame_next(&reader, &body, &len, &why)) != LSP_FRAME_MORE) {
			if (r == LSP_FRAME_BAD)
				lsp_server_bad_frame(why, out);
			else
				go_on = lsp_server_handle(server, body, len, out, &status);
		}
		/* A burst of changes is checked once, after its last. */
		if (go_on && !S_more_waiting())
			lsp_server_idle(server, out);
		if (S_send(out) < 0)
			go_on = 0;
		json_decref(out);
	}
	lsp_frame_release(&reader);
	lsp_server_free(server);
	return status;
}
