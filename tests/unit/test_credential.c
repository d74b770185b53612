#include "unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "credential.h"
#include "strbuf.h"

/*
 * The URL's parts as the helpers are asked about them, and the protocol
 * spoken with a helper of the test's own (a shell function that records
 * what git hands it), all with a HOME of the group's own (unit_git_isolate).
 */

#define assert_from_url(url, protocol, host, path, username) \
	S_assert_from_url((url), (protocol), (host), (path), (username), __FILE__, __LINE__)

static void S_assert_field(const char *got, const char *want, const char *at_file, int at)
{
	if (!want)
		_assert_true(got == NULL, "NULL", at_file, at);
	else
		_assert_string_equal(got ? got : "(null)", want, at_file, at);
}

static void S_assert_from_url(const char *url, const char *protocol, const char *host,
			      const char *path, const char *username, const char *at_file, int at)
{
	struct credential c = CREDENTIAL_INIT;
	_assert_int_equal(credential_from_url(&c, url), 0, at_file, at);
	S_assert_field(c.protocol, protocol, at_file, at);
	S_assert_field(c.host, host, at_file, at);
	S_assert_field(c.path, path, at_file, at);
	S_assert_field(c.username, username, at_file, at);
	_assert_true(c.password == NULL, "no password", at_file, at);
	credential_release(&c);
}

static void test_from_url(void **state)
{
	(void)state;
	assert_from_url("https://example.org/team/notes.git", "https", "example.org",
			"team/notes.git", NULL);
	assert_from_url("http://127.0.0.1:8080/notes.git/", "http", "127.0.0.1:8080",
			"notes.git", NULL);
	assert_from_url("https://ann@example.org", "https", "example.org", NULL, "ann");
	assert_from_url("https://ann:secret@example.org/", "https", "example.org", NULL, "ann");
	assert_from_url("https://ann%40home@example.org/a%20b", "https", "example.org", "a b",
			"ann@home");
	assert_from_url("ssh://git@example.org:22/x", "ssh", "example.org:22", "x", "git");

	/* No scheme: a path or an scp-like address, which no helper is asked about. */
	struct credential c = CREDENTIAL_INIT;
	assert_int_equal(credential_from_url(&c, "/srv/notes"), -1);
	assert_int_equal(credential_from_url(&c, "git@example.org:notes.git"), -1);
	assert_int_equal(credential_from_url(&c, "a/b://c"), -1);
	assert_int_equal(credential_from_url(&c, "https:///no-host"), -1);
	/* A line break would be a line of the request. */
	assert_int_equal(credential_from_url(&c, "https://example.org/a%0Ahost=evil"), -1);
	assert_int_equal(credential_from_url(&c, "https://a%0a@example.org/"), -1);
	assert_null(c.protocol);
}

/* git's configuration for the tests below: one helper, which appends what it is given to log. */
static char *S_configure_helper(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	char *log = unit_path(dir, "helper.log");
	strbuf_addf(&sb, "[credential]\n\thelper = \"!f() { echo \\\"== $1\\\" >>'%s'; "
		    "cat >>'%s'; if [ \\\"$1\\\" = get ]; then echo username=ann; "
		    "echo password=right; fi; }; f\"\n", log, log);
	unit_write(dir, "gitconfig", sb.buf);
	char *config = unit_path(dir, "gitconfig");
	assert_int_equal(setenv("GIT_CONFIG_GLOBAL", config, 1), 0);
	free(config);
	strbuf_release(&sb);
	return log;
}

static void test_fill_approve_reject(void **state)
{
	(void)state;
	struct credential c = CREDENTIAL_INIT;
	struct unit_capture cap;
	char *dir = unit_tempdir("credential");
	char *log = S_configure_helper(dir);

	assert_int_equal(credential_from_url(&c, "https://example.org:8443/team/notes.git"), 0);
	unit_capture_start(&cap);
	int rc = credential_fill(&c, dir);
	char *printed = unit_capture_stop(&cap);
	assert_int_equal(rc, 0);
	assert_string_equal(printed, "");
	free(printed);
	assert_string_equal(c.username, "ann");
	assert_string_equal(c.password, "right");
	credential_approve(&c, dir);
	credential_reject(&c, dir);

	/* git drops the path of an http URL unless credential.useHttpPath says otherwise. */
	char *said = unit_read(dir, "helper.log");
	assert_string_equal(said, "== get\nprotocol=https\nhost=example.org:8443\n"
			    "== store\nprotocol=https\nhost=example.org:8443\nusername=ann\n"
			    "password=right\n"
			    "== erase\nprotocol=https\nhost=example.org:8443\nusername=ann\n"
			    "password=right\n");
	free(said);
	credential_release(&c);
	assert_null(c.password);

	/* The user of the URL is asked about. */
	unlink(log);
	assert_int_equal(credential_from_url(&c, "http://bob@example.org/x"), 0);
	assert_int_equal(credential_fill(&c, NULL), 0);
	said = unit_read(dir, "helper.log");
	assert_string_equal(said, "== get\nprotocol=http\nhost=example.org\nusername=bob\n");
	free(said);
	credential_release(&c);

	assert_int_equal(setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1), 0);
	unit_remove_tree(dir);
	free(log);
	free(dir);
}

/*
 * No helper, and standard input no terminal: git is told not to prompt,
 * though the user did not say, and fails at once with its reason.
 */
static void test_fill_without_a_helper_does_not_prompt(void **state)
{
	(void)state;
	struct credential c = CREDENTIAL_INIT;
	struct unit_capture cap;
	int saved = dup(STDIN_FILENO), null = open("/dev/null", O_RDONLY);
	char *prompt = getenv("GIT_TERMINAL_PROMPT");

	prompt = prompt ? strdup(prompt) : NULL;
	assert_true(saved >= 0 && null >= 0);
	assert_int_equal(dup2(null, STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(unsetenv("GIT_TERMINAL_PROMPT"), 0);
	assert_int_equal(credential_from_url(&c, "https://example.org/x"), 0);
	unit_capture_start(&cap);
	int rc = credential_fill(&c, NULL);
	char *printed = unit_capture_stop(&cap);
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(null);
	if (prompt)
		setenv("GIT_TERMINAL_PROMPT", prompt, 1);
	free(prompt);
	assert_int_equal(rc, -1);
	assert_string_equal(printed, "perennial: error: no user name and password for "
			    "https://example.org from git's credential helpers (git credential "
			    "fill: could not read Username for 'https://example.org': terminal "
			    "prompts disabled)\n");
	assert_null(c.username);
	assert_null(c.password);
	free(printed);
	/* Nothing found, nothing to tell. */
	credential_approve(&c, NULL);
	credential_reject(&c, NULL);
	credential_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_url),
		cmocka_unit_test(test_fill_approve_reject),
		cmocka_unit_test(test_fill_without_a_helper_does_not_prompt),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
