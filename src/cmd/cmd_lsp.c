#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "error.h"
#include "lsp.h"
#include "lsp_frame.h"
#include "lsp_scan.h"
#include "parse_options.h"
#include "workspace.h"

static const struct cmd_usage S_usage = {
	"lsp",
	"lsp [--stdio | --scan]",
	"A language server for editors (the Language Server Protocol, over\n"
	"standard input and output): the findings of check on each open note\n"
	"as it is written, before it is saved. An editor starts it; see the\n"
	"README for each editor's few lines of configuration. With --scan, it\n"
	"writes what the server knows of the notes from the index (as LSP\n"
	"frames of JSON): the server runs it so, in a process of its own.",
	NULL,  /* no actions */
};

/* Sends `messages`, framed, on standard output: 0, or -1 when the reader is gone. */
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

/* A message of a scan, a frame on standard output (lsp_scan_send_fn): 0, or -1. */
static int S_scan_send(void *ctx, json_t *message)
{
	(void)ctx;
	json_t *frames = json_pack("[O]", message);
	int r = S_send(frames);
	json_decref(frames);
	return r;
}

/*
 * `lsp --scan`, the scan's own process: the notes as the index has them,
 * at once, then as it has them once brought up to date, which may wait
 * for another perennial updating it (the server answers from the first
 * meanwhile), each a frame on standard output.
 */
static int S_scan(void)
{
	struct workspace ws = WORKSPACE_INIT;
	if (cli_open(&ws, CLI_OPEN_CONFIG, NULL) < 0)
		return 1;
	/* An index that cannot be read as it is is made below, and read then. */
	size_t mark = error_mark();
	if (workspace_index_as_is(&ws) < 0 || lsp_scan_run(&ws, S_scan_send, NULL) < 0)
		error_forget_since(mark);
	int r = workspace_index(&ws, 0) == 0 && lsp_scan_run(&ws, S_scan_send, NULL) == 0 ? 0 : 1;
	cli_tell(&ws.mended);
	cli_print_errors();
	workspace_close(&ws);
	return r;
}

/* A scan under way in a process of its own: what it sends is read from fd. */
struct scan {
	pid_t pid;               /* 0: none under way */
	int fd;
	struct lsp_frame_reader frames;
};

/*
 * Starts a scan of the notes root `root`, this program run again as `lsp
 * --scan` there (a process with none of the server's memory); when none
 * can be started, there is none.
 */
static void S_scan_start(struct scan *scan, const char *root, struct lsp_server *server,
			 json_t *out)
{
	int pipefd[2];
	pid_t pid = -1;
	/*
	 * The program's path, read before it may be replaced: /proc/self/exe
	 * itself is valgrind under valgrind, and still this program (deleted,
	 * when it was upgraded since) otherwise.
	 */
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0 && pipe(pipefd) == 0) {
		/* Neither end is the scan's but as its output: none is left open in it. */
		fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
		fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
		self[len] = '\0';
		pid = fork();
		if (pid == 0) {
			/* The client's channel is the server's alone. */
			int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
			if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
			    dup2(pipefd[1], STDOUT_FILENO) < 0)
				_exit(127);
			execl(self, "perennial", "-C", root, "lsp", "--scan", (char *)NULL);
			execl("/proc/self/exe", "perennial", "-C", root, "lsp", "--scan", (char *)NULL);
			fprintf(stderr, "perennial lsp: cannot run %s to read the notes: %s\n", self,
				strerror(errno));
			_exit(127);
		}
		close(pipefd[1]);
		if (pid < 0)
			close(pipefd[0]);
	}
	if (pid < 0) {
		lsp_server_scan_end(server, out);
		return;
	}
	scan->pid = pid;
	scan->fd = pipefd[0];
	scan->frames = (struct lsp_frame_reader)LSP_FRAME_READER_INIT;
}

/* Waits for the scan's process, gone or going: it is not left a zombie. */
static void S_scan_reap(struct scan *scan)
{
	close(scan->fd);
	while (waitpid(scan->pid, NULL, 0) < 0 && errno == EINTR)
		;
	lsp_frame_release(&scan->frames);
	scan->pid = 0;
}

/* Reads what the scan sent; once it is over, the server is told so. */
static void S_scan_read(struct scan *scan, struct lsp_server *server, json_t *out)
{
	char bytes[65536];
	ssize_t n = read(scan->fd, bytes, sizeof(bytes));
	if (n < 0 && errno == EINTR)
		return;
	if (n > 0) {
		const char *body, *why;
		size_t len;
		enum lsp_frame_result r;
		lsp_frame_feed(&scan->frames, bytes, (size_t)n);
		while ((r = lsp_frame_next(&scan->frames, &body, &len, &why)) != LSP_FRAME_MORE)
			if (r == LSP_FRAME_MESSAGE)
				lsp_server_scanned(server, body, len);
		return;
	}
	S_scan_reap(scan);
	lsp_server_scan_end(server, out);
}

/* A scan still under way when the server ends is stopped: the index is left as it was. */
static void S_scan_stop(struct scan *scan)
{
	if (!scan->pid)
		return;
	kill(scan->pid, SIGTERM);
	S_scan_reap(scan);
}

int cmd_lsp(int argc, char **argv)
{
	int stdio = 0, scan_only = 0;
	const struct opt opts[] = {
		OPT_BOOL("stdio", &stdio, "talk over standard input and output (always)"),
		OPT_BOOL("scan", &scan_only, "write what the index says of the notes, and exit"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;
	if (scan_only)
		return S_scan();
	/* A client that goes away is an end like any, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	struct lsp_server *server = lsp_server_new();
	struct lsp_frame_reader reader = LSP_FRAME_READER_INIT;
	struct scan scan = { 0, -1, LSP_FRAME_READER_INIT };
	char bytes[65536];
	int go_on = 1;
	status = 1;   /* the client went away without exit */
	while (go_on) {
		struct pollfd fds[2] = { { STDIN_FILENO, POLLIN, 0 }, { scan.fd, POLLIN, 0 } };
		if (poll(fds, scan.pid ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		json_t *out = json_array();
		if (fds[0].revents) {
			ssize_t n = read(STDIN_FILENO, bytes, sizeof(bytes));
			if (n < 0 && errno == EINTR) {
				json_decref(out);
				continue;
			}
			if (n <= 0)
				go_on = 0;
			else
				lsp_frame_feed(&reader, bytes, (size_t)n);
		}
		const char *body, *why;
		size_t len;
		enum lsp_frame_result r;
		while (go_on && (r = lsp_frame_next(&reader, &body, &len, &why)) != LSP_FRAME_MORE) {
			if (r == LSP_FRAME_BAD)
				lsp_server_bad_frame(why, out);
			else
				go_on = lsp_server_handle(server, body, len, out, &status);
		}
		if (go_on && scan.pid && fds[1].revents)
			S_scan_read(&scan, server, out);
		const char *root;
		if (go_on && !scan.pid && (root = lsp_server_scan_start(server, out)))
			S_scan_start(&scan, root, server, out);
		/* A burst of changes is checked once, after its last. */
		if (go_on && !S_more_waiting())
			lsp_server_idle(server, out);
		if (S_send(out) < 0)
			go_on = 0;
		json_decref(out);
	}
	S_scan_stop(&scan);
	lsp_frame_release(&reader);
	lsp_server_free(server);
	return status;
}
