#include "credential.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "strbuf.h"
#include "xalloc.h"

extern char **environ;

/* What git may print at most: more is no credential, and is not kept. */
#define OUTPUT_MAX (64 * 1024)

static int S_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * The `len` bytes at s with %XX decoded, as git's credential_from_url
 * decodes them, malloc'd; NULL when the result holds a line break or a
 * NUL, which the protocol cannot carry (git refuses them too).
 */
static char *S_decode(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	int bad = 0;

	for (size_t i = 0; i < len; i++) {
		int hi = s[i] == '%' && i + 2 < len ? S_hex(s[i + 1]) : -1;
		int lo = hi >= 0 ? S_hex(s[i + 2]) : -1;
		char c = s[i];
		if (lo >= 0) {
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		bad |= c == '\n' || c == '\0';
		strbuf_addch(&sb, c);
	}
	char *out = strbuf_detach(&sb);
	if (bad) {
		free(out);
		return NULL;
	}
	return out;
}

int credential_from_url(struct credential *out, const char *url)
{
	const char *scheme_end = strstr(url, "://");
	struct credential c = CREDENTIAL_INIT;

	if (!scheme_end || scheme_end == url || strcspn(url, "/") < (size_t)(scheme_end - url))
		return -1;
	const char *authority = scheme_end + 3;
	size_t alen = strcspn(authority, "/");
	const char *at = NULL;
	for (size_t i = 0; i < alen; i++)
		if (authority[i] == '@')
			at = authority + i;
	const char *host = at ? at + 1 : authority;
	c.protocol = S_decode(url, (size_t)(scheme_end - url));
	c.host = S_decode(host, (size_t)(authority + alen - host));
	if (at)
		c.username = S_decode(authority, strcspn(authority, ":@"));
	/* git drops the slashes that end a path, and asks about none for "/". */
	const char *path = authority[alen] == '/' ? authority + alen + 1 : NULL;
	size_t plen = path ? strlen(path) : 0;
	while (plen && path[plen - 1] == '/')
		plen--;
	if (plen)
		c.path = S_decode(path, plen);
	if (!c.protocol || !c.host || !*c.host || (at && !c.username) || (plen && !c.path)) {
		credential_release(&c);
		return -1;
	}
	*out = c;
	return 0;
}

/* Whether the child is told not to prompt: see credential.h. */
static int S_no_prompt(void)
{
	return !isatty(STDIN_FILENO) && !getenv("GIT_TERMINAL_PROMPT");
}

/*
 * Runs `git [-C dir] credential ACTION` with `input` as its standard
 * input, what it prints into out and what it says of errors into err
 * (each cut at OUTPUT_MAX). Returns its exit status, or -1 with errno
 * when it could not be started, or when it was killed (errno 0).
 */
static int S_run(const char *dir, const char *action, const char *input, struct strbuf *out,
		 struct strbuf *err)
{
	int in[2] = { -1, -1 }, outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	const char *argv[6];
	size_t argc = 0, nenv = 0, sent = 0, len = strlen(input);
	posix_spawn_file_actions_t actions;
	pid_t pid = -1;
	int status = -1, saved = 0;

	argv[argc++] = "git";
	if (dir) {
		argv[argc++] = "-C";
		argv[argc++] = dir;
	}
	argv[argc++] = "credential";
	argv[argc++] = action;
	argv[argc] = NULL;
	while (environ[nenv])
		nenv++;
	char **env = xcalloc(nenv + 2, sizeof(*env));
	memcpy(env, environ, nenv * sizeof(*env));
	if (S_no_prompt())
		env[nenv] = "GIT_TERMINAL_PROMPT=0";

	/*
	 * Standard input is a socket so that a child that exits without
	 * reading it fails a send (MSG_NOSIGNAL), not this process with SIGPIPE.
	 */
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, in) < 0 || pipe(outp) < 0 || pipe(errp) < 0) {
		saved = errno;
		goto done;
	}
	/* Only the copies made below reach the child; these close when it starts. */
	int fds[6] = { in[0], in[1], outp[0], outp[1], errp[0], errp[1] };
	for (size_t i = 0; i < 6; i++)
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	fcntl(in[0], F_SETFL, O_NONBLOCK);
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, in[1], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&actions, outp[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, errp[1], STDERR_FILENO);
	int r = posix_spawnp(&pid, "git", &actions, NULL, (char *const *)argv, env);
	posix_spawn_file_actions_destroy(&actions);
	close(in[1]);
	close(outp[1]);
	close(errp[1]);
	in[1] = outp[1] = errp[1] = -1;
	if (r != 0) {
		saved = r;
		pid = -1;
		goto done;
	}

	struct pollfd polls[3] = {
		{ in[0], POLLOUT, 0 }, { outp[0], POLLIN, 0 }, { errp[0], POLLIN, 0 },
	};
	struct strbuf *sinks[3] = { NULL, out, err };
	if (len == 0) {
		close(in[0]);
		polls[0].fd = in[0] = -1;
	}
	while (polls[0].fd >= 0 || polls[1].fd >= 0 || polls[2].fd >= 0) {
		if (poll(polls, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (polls[0].fd >= 0 && polls[0].revents) {
			ssize_t n = send(in[0], input + sent, len - sent, MSG_NOSIGNAL);
			if (n > 0)
				sent += (size_t)n;
			if (sent == len || (n < 0 && errno != EAGAIN && errno != EINTR)) {
				close(in[0]);
				polls[0].fd = in[0] = -1;
			}
		}
		for (size_t i = 1; i < 3; i++) {
			if (polls[i].fd < 0 || !polls[i].revents)
				continue;
			char buf[4096];
			ssize_t n = read(polls[i].fd, buf, sizeof(buf));
			if (n > 0 && sinks[i]->len < OUTPUT_MAX)
				strbuf_add(sinks[i], buf, (size_t)n);
			else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
				close(polls[i].fd);
				polls[i].fd = -1;
			}
		}
	}
	outp[0] = polls[1].fd;
	errp[0] = polls[2].fd;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			saved = errno;
			break;
		}
	}
	if (saved == 0)
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	else
		status = -1;
done:
	for (size_t i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (outp[i] >= 0)
			close(outp[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	free(env);
	errno = saved;
	return pid < 0 ? -1 : status;
}

/* The request git's credential commands read: the URL's parts, then an empty line. */
static void S_request(struct strbuf *sb, const struct credential *c)
{
	strbuf_addf(sb, "protocol=%s\nhost=%s\n", c->protocol, c->host);
	if (c->path)
		strbuf_addf(sb, "path=%s\n", c->path);
	if (c->username)
		strbuf_addf(sb, "username=%s\n", c->username);
	strbuf_addch(sb, '\n');
}

/* The value of `key=` in lines of key=value, malloc'd, or NULL. */
static char *S_value(const char *text, const char *key)
{
	size_t klen = strlen(key);
	for (const char *line = text; *line; ) {
		size_t n = strcspn(line, "\n");
		if (n > klen && strncmp(line, key, klen) == 0 && line[klen] == '=')
			return xstrndup(line + klen + 1, n - klen - 1);
		line += n + (line[n] == '\n');
	}
	return NULL;
}

/* The last line git wrote of its errors, less "fatal: ", for a message; "" for none. */
static void S_last_line(struct strbuf *sb)
{
	while (sb->len && (sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\r'))
		strbuf_setlen(sb, sb->len - 1);
	const char *nl = sb->len ? strrchr(strbuf_str(sb), '\n') : NULL;
	const char *line = nl ? nl + 1 : strbuf_str(sb);
	if (strncmp(line, "fatal: ", 7) == 0 || strncmp(line, "error: ", 7) == 0)
		line += 7;
	char *copy = xstrdup(line);
	strbuf_reset(sb);
	strbuf_addstr(sb, copy);
	free(copy);
}

int credential_fill(struct credential *c, const char *dir)
{
	struct strbuf request = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT;
	int ret = -1;

	S_request(&request, c);
	int status = S_run(dir, "fill", request.buf, &out, &err);
	int cause = errno;
	S_last_line(&err);
	if (status < 0 && cause) {
		error_set("cannot run git credential fill: %s", strerror(cause));
	} else if (status != 0) {
		error_set("no user name and password for %s://%s from git's credential helpers "
			  "(git credential fill: %s)", c->protocol, c->host,
			  err.len ? err.buf : "failed");
	} else {
		char *user = S_value(strbuf_str(&out), "username");
		char *password = S_value(strbuf_str(&out), "password");
		if (!user || !password) {
			error_set("git credential fill gave no %s for %s://%s",
				  user ? "password" : "user name", c->protocol, c->host);
			free(user);
			free(password);
		} else {
			free(c->username);
			free(c->password);
			free(c->answer);
			c->username = user;
			c->password = password;
			c->answer = strbuf_detach(&out);
			ret = 0;
		}
	}
	if (out.buf)
		explicit_bzero(out.buf, out.len);
	strbuf_release(&request);
	strbuf_release(&out);
	strbuf_release(&err);
	return ret;
}

/* approve or reject: git's reply to fill, as it was, and the line that ends it. */
static void S_tell(const struct credential *c, const char *dir, const char *action)
{
	struct strbuf request = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT;
	if (!c->answer)
		return;
	strbuf_addstr(&request, c->answer);
	if (request.len && request.buf[request.len - 1] != '\n')
		strbuf_addch(&request, '\n');
	strbuf_addch(&request, '\n');
	S_run(dir, action, request.buf, &out, &err);
	explicit_bzero(request.buf, request.len);
	strbuf_release(&request);
	strbuf_release(&out);
	strbuf_release(&err);
}

void credential_approve(const struct credential *c, const char *dir)
{
	S_tell(c, dir, "approve");
}

void credential_reject(const struct credential *c, const char *dir)
{
	S_tell(c, dir, "reject");
}

/* Frees a string that may hold a secret, its bytes cleared first. */
static void S_free_secret(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	free(s);
}

void credential_release(struct credential *c)
{
	free(c->protocol);
	free(c->host);
	free(c->path);
	free(c->username);
	S_free_secret(c->password);
	S_free_secret(c->answer);
	*c = (struct credential)CREDENTIAL_INIT;
}
