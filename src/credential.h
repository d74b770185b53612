#ifndef PERENNIAL_CREDENTIAL_H
#define PERENNIAL_CREDENTIAL_H

/*
 * A user name and password for a URL, found where `git fetch` finds them:
 * git's credential helpers (gitcredentials(7)), asked through `git
 * credential fill`, and told afterwards whether they worked (`approve`,
 * `reject`) so that a helper that stores passwords keeps or forgets them.
 * The protocol is git's documented text one over a child process; no
 * library is involved, so any helper the user configured takes part.
 *
 * When perennial's standard input is not a terminal (a hook, a language
 * server, a CI job) and GIT_TERMINAL_PROMPT is not set, the child gets
 * GIT_TERMINAL_PROMPT=0: a missing password then fails at once instead
 * of waiting for a prompt nobody sees. A user who sets it decides.
 */
struct credential {
	char *protocol;   /* "https" */
	char *host;       /* "example.org" or "example.org:8443" */
	char *path;       /* "team/notes.git", decoded; NULL for none */
	char *username;   /* from the URL, or what fill found; NULL when neither */
	char *password;   /* what fill found; NULL before */
	char *answer;     /* what fill printed, handed back to approve and reject as git does */
};

#define CREDENTIAL_INIT { NULL, NULL, NULL, NULL, NULL, NULL }

/*
 * The parts of `url` (scheme://[user[:password]@]host[:port][/path]) that
 * a helper is asked about, decoded as git decodes them (%XX), into *out:
 * 0, or -1 (nothing set, no error) when url has no scheme (a path, an
 * scp-like ssh address) or a part holds a line break. The password is
 * never taken from the URL: whoever uses it has tried it already.
 */
int credential_from_url(struct credential *out, const char *url);

/*
 * Runs `git credential fill` in the folder `dir` (whose repository's
 * configuration then applies, as for `git fetch` there; NULL: the current
 * folder) and sets c->username and c->password. Returns 0, or -1 with an
 * error set (error.h) saying why there are none (git's own words: no
 * helper had them and prompting was off, git is not installed).
 */
int credential_fill(struct credential *c, const char *dir);

/*
 * Tells the helpers that what credential_fill found worked (approve) or
 * was refused (reject: a helper that stores passwords forgets it). A
 * helper that fails is not an error, as it is none for git: nothing is
 * returned or said. Does nothing when fill found nothing.
 */
void credential_approve(const struct credential *c, const char *dir);
void credential_reject(const struct credential *c, const char *dir);

/* Frees the parts; c may be used again, as CREDENTIAL_INIT. */
void credential_release(struct credential *c);

#endif
