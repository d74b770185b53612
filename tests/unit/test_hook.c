#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hook.h"
#include "strbuf.h"

/*
 * Each test gets a fresh folder under /tmp:
 *
 *   base/hooks/   the hooks folder (made by the tests that need it)
 */
struct fixture {
	char *base;
	char *hooks;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || !(fx->base = unit_tempdir("hook")))
		return -1;
	fx->hooks = unit_path(fx->base, "hooks");
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx->hooks);
	free(fx);
	return 0;
}

#define FOREIGN "#!/bin/sh\n# lint-staged, somebody else's\nexec npx lint-staged\n"
#define FOREIGN_2 "#!/usr/bin/env bash\nmake fmt-check\n"

/* dir/name holds exactly `want` (NULL: there is no such file). */
#define assert_file(dir, name, want) S_assert_file((dir), (name), (want), __FILE__, __LINE__)

static void S_assert_file(const char *dir, const char *name, const char *want,
			  const char *at_file, int at)
{
	char *got = unit_read(dir, name);
	if (!want) {
		_assert_true(got == NULL, name, at_file, at);
	} else {
		_assert_true(got != NULL, name, at_file, at);
		_assert_string_equal(got, want, at_file, at);
	}
	free(got);
}

static mode_t S_mode(const char *dir, const char *name)
{
	struct stat st;
	char *path = unit_path(dir, name);
	assert_int_equal(stat(path, &st), 0);
	free(path);
	return st.st_mode & 07777;
}

/* The names in dir, sorted, one a line. */
static char *S_listing(const char *dir)
{
	return unit_output(dir, "ls -A | sort");
}

/* --- hook_script --- */

static void test_script_runs_the_binary_in_the_notes_root(void **state)
{
	(void)state;
	char *script = hook_script("/usr/local/bin/perennial", "sample-notes");

	/* The marker line says it is ours: it never changes (hook.c). */
	assert_memory_equal(script, "#!/bin/sh\n# perennial pre-commit hook", 36);
	/* The rest are comments, then these three lines, the last last. */
	const char *code = strstr(script, "\nperennial=");
	assert_non_null(code);
	for (const char *p = script; p < code; p = strchr(p, '\n') + 1)
		assert_int_equal(*p, '#');
	assert_string_equal(code + 1,
		"perennial='/usr/local/bin/perennial'\n"
		"test -x \"$perennial\" || perennial=perennial\n"
		"exec \"$perennial\" -C 'sample-notes' hook run\n");
	free(script);

	/* The top of the work tree is ".". */
	script = hook_script("/usr/bin/perennial", "");
	assert_non_null(strstr(script, "\nexec \"$perennial\" -C '.' hook run\n"));
	free(script);
}

/*
 * Paths with blanks, single quotes, `$`, backquotes and backslashes reach
 * perennial as they are: the script passes `sh -n`, and run, it hands the
 * binary exactly these words.
 */
static void test_script_quotes_awkward_paths(void **state)
{
	struct fixture *fx = *state;
	static const char bin_rel[] = "it's my \"tools\"/$HOME `x` \\n/perennial";
	static const char prefix[] = "team notes/o'brien's $(rm -rf) `q`\\";
	static const char fake[] =
		"#!/bin/sh\n"
		"for a; do printf '[%s]\\n' \"$a\"; done >\"$ARGS_OUT\"\n"
		"printf '%s\\n' \"$0\" >>\"$ARGS_OUT\"\n";

	char *binary = unit_path(fx->base, bin_rel);
	unit_write(fx->base, bin_rel, fake);
	assert_int_equal(chmod(binary, 0755), 0);
	char *script = hook_script(binary, prefix);
	unit_write(fx->base, "pre-commit", script);

	/* The lines as they must read. */
	assert_non_null(strstr(script, "\nperennial='"));
	assert_non_null(strstr(script, "/it'\\''s my \"tools\"/$HOME `x` \\n/perennial'\n"));
	assert_non_null(strstr(script, "\nexec \"$perennial\" -C "
			       "'team notes/o'\\''brien'\\''s $(rm -rf) `q`\\' hook run\n"));
	unit_run(fx->base, "sh -n pre-commit");

	/* Run, from a folder where a `perennial` on PATH would be the wrong one. */
	unit_write(fx->base, "decoy/perennial", "#!/bin/sh\necho decoy >\"$ARGS_OUT\"\n");
	unit_run(fx->base, "chmod +x decoy/perennial && PATH=\"$PWD/decoy:$PATH\" "
		 "ARGS_OUT=\"$PWD/args\" sh pre-commit");
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "[-C]\n[%s]\n[hook]\n[run]\n%s\n", prefix, binary);
	assert_file(fx->base, "args", strbuf_str(&want));
	strbuf_release(&want);
	free(script);
	free(binary);
}

/* When the binary it names is gone (reinstalled elsewhere), `perennial` on PATH runs. */
static void test_script_falls_back_to_path(void **state)
{
	struct fixture *fx = *state;
	char *gone = unit_path(fx->base, "old place/perennial");
	char *script = hook_script(gone, "");

	unit_write(fx->base, "pre-commit", script);
	unit_write(fx->base, "bin/perennial",
		   "#!/bin/sh\nprintf 'from PATH:' >\"$ARGS_OUT\"; "
		   "printf ' %s' \"$@\" >>\"$ARGS_OUT\"\n");
	unit_run(fx->base, "chmod +x bin/perennial && PATH=\"$PWD/bin:$PATH\" "
		 "ARGS_OUT=\"$PWD/args\" sh pre-commit");
	assert_file(fx->base, "args", "from PATH: -C . hook run");
	free(script);
	free(gone);
}

/* --- hook_state, hook_path, hook_backup_path --- */

static void test_paths(void **state)
{
	(void)state;
	char *path = hook_path("/repo/.git/hooks");
	char *backup = hook_backup_path("/repo/.git/hooks");
	assert_string_equal(path, "/repo/.git/hooks/pre-commit");
	assert_string_equal(backup, "/repo/.git/hooks/pre-commit.perennial-backup");
	free(path);
	free(backup);
}

static void test_state(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");

	/* No folder, an empty folder, a folder with other hooks or only a backup. */
	assert_int_equal(hook_state(fx->hooks), HOOK_NONE);
	unit_mkdir(fx->base, "hooks");
	assert_int_equal(hook_state(fx->hooks), HOOK_NONE);
	unit_write(fx->hooks, "pre-commit.sample", FOREIGN);
	unit_write(fx->hooks, "pre-commit.perennial-backup", FOREIGN);
	unit_write(fx->hooks, "commit-msg", FOREIGN);
	assert_int_equal(hook_state(fx->hooks), HOOK_NONE);

	unit_write(fx->hooks, "pre-commit", script);
	assert_int_equal(hook_state(fx->hooks), HOOK_OURS);
	unit_write(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(hook_state(fx->hooks), HOOK_FOREIGN);
	unit_write(fx->hooks, "pre-commit", "");
	assert_int_equal(hook_state(fx->hooks), HOOK_FOREIGN);
	/* Somebody's hook that calls perennial, or mentions it further down, is theirs. */
	unit_write(fx->hooks, "pre-commit",
		   "#!/bin/sh\nset -e\n# perennial pre-commit hook: checks the notes\n"
		   "perennial hook run\n");
	assert_int_equal(hook_state(fx->hooks), HOOK_FOREIGN);
	unit_write(fx->hooks, "pre-commit", "# perennial pre-commit hook\n");
	assert_int_equal(hook_state(fx->hooks), HOOK_FOREIGN);
	free(script);
}

/* A folder where the hook file should be is in the way, not nothing. */
static void test_state_of_a_folder_named_pre_commit(void **state)
{
	struct fixture *fx = *state;

	unit_mkdir(fx->base, "hooks/pre-commit");
	assert_int_equal(hook_state(fx->hooks), HOOK_FOREIGN);
	assert_int_equal(hook_install(fx->hooks, "#!/bin/sh\n", 0), 1);
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_NOT_OURS);
	char *listing = unit_output(fx->hooks, "ls -A pre-commit");
	assert_string_equal(listing, "");
	free(listing);
}

/*
 * A link somebody made (`ln -s ../../tools/pre-commit .git/hooks/`) whose
 * target is not there yet (another branch, a tool not installed) is still
 * their hook: install must not replace it without --force.
 */
static void test_install_leaves_a_dangling_link_alone(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");
	char target[64];

	unit_symlink("../../tools/pre-commit", fx->base, "hooks/pre-commit");
	enum hook_state st = hook_state(fx->hooks);
	int rc = hook_install(fx->hooks, script, 0);
	char *path = unit_path(fx->hooks, "pre-commit");
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	target[n < 0 ? 0 : n] = '\0';
	free(path);
	free(script);
	assert_int_equal(st, HOOK_FOREIGN);
	assert_int_equal(rc, 1);
	assert_string_equal(target, "../../tools/pre-commit");
}

/* --- hook_install --- */

static void test_install_into_a_missing_folder_makes_it(void **state)
{
	struct fixture *fx = *state;
	char *dir = unit_path(fx->base, "deep/er/hooks");
	char *script = hook_script("/usr/bin/perennial", "notes root");

	assert_int_equal(hook_install(dir, script, 0), 0);
	assert_file(dir, "pre-commit", script);
	assert_int_equal(S_mode(dir, "pre-commit") & 0111, 0111);
	assert_int_equal(hook_state(dir), HOOK_OURS);
	char *listing = S_listing(dir);
	assert_string_equal(listing, "pre-commit");   /* no temporary file left */
	free(listing);
	free(script);
	free(dir);
}

/* Executable whatever the umask: git skips a hook it cannot run, silently. */
static void test_install_is_executable_under_a_strict_umask(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");

	unit_mkdir(fx->base, "hooks");   /* made first: a folder needs its x bit */
	mode_t old = umask(0177);
	int rc = hook_install(fx->hooks, script, 0);
	umask(old);
	assert_int_equal(rc, 0);
	assert_int_equal(S_mode(fx->hooks, "pre-commit") & 0100, 0100);
	unit_run(fx->hooks, "test -x pre-commit");
	free(script);
}

static void test_install_over_ours_replaces_it(void **state)
{
	struct fixture *fx = *state;
	char *old = hook_script("/old/perennial", "");
	char *new = hook_script("/new/perennial", "notes");

	assert_int_equal(hook_install(fx->hooks, old, 0), 0);
	unit_run(fx->hooks, "chmod 0644 pre-commit");
	assert_int_equal(hook_install(fx->hooks, new, 0), 0);
	assert_file(fx->hooks, "pre-commit", new);
	assert_int_equal(S_mode(fx->hooks, "pre-commit") & 0111, 0111);
	/* Ours is never kept as a backup. */
	assert_file(fx->hooks, "pre-commit.perennial-backup", NULL);
	free(old);
	free(new);
}

static void test_install_refuses_a_foreign_hook(void **state)
{
	struct fixture *fx = *state;
	struct unit_capture c;
	struct stat before, after;
	char *script = hook_script("/usr/bin/perennial", "");
	char *path = unit_path(fx->hooks, "pre-commit");

	unit_write(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(chmod(path, 0750), 0);
	unit_run(fx->hooks, "touch -d 2001-01-01T00:00:00 pre-commit");
	assert_int_equal(stat(path, &before), 0);

	unit_capture_start(&c);
	int rc = hook_install(fx->hooks, script, 0);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, 1);
	assert_string_equal(printed, "");   /* the caller says what to do */
	assert_file(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mtime, before.st_mtime);
	assert_int_equal(after.st_mode, before.st_mode);
	char *listing = S_listing(fx->hooks);
	assert_string_equal(listing, "pre-commit");   /* no backup, no temporary file */
	free(listing);
	free(printed);
	free(path);
	free(script);
}

static void test_install_force_keeps_the_foreign_hook(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");
	char *path = unit_path(fx->hooks, "pre-commit");

	unit_write(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(chmod(path, 0750), 0);
	assert_int_equal(hook_install(fx->hooks, script, 1), 0);
	assert_file(fx->hooks, "pre-commit", script);
	assert_int_equal(hook_state(fx->hooks), HOOK_OURS);
	assert_file(fx->hooks, "pre-commit.perennial-backup", FOREIGN);
	assert_int_equal(S_mode(fx->hooks, "pre-commit.perennial-backup"), 0750);

	/* Installing again over ours leaves the backup alone. */
	assert_int_equal(hook_install(fx->hooks, script, 1), 0);
	assert_int_equal(hook_install(fx->hooks, script, 0), 0);
	assert_file(fx->hooks, "pre-commit.perennial-backup", FOREIGN);
	free(path);
	free(script);
}

/*
 * DESIGN.md: the hook "never clobbers a foreign hook". After one --force,
 * somebody puts another hook of theirs in place; a second --force must not
 * cost the first one its backup: both hooks still exist somewhere in the
 * folder (or the install refuses).
 */
static void test_install_force_twice_loses_no_foreign_hook(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");

	unit_write(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(hook_install(fx->hooks, script, 1), 0);
	unit_write(fx->hooks, "pre-commit", FOREIGN_2);
	struct unit_capture c;
	unit_capture_start(&c);
	hook_install(fx->hooks, script, 1);
	char *printed = unit_capture_stop(&c);
	free(printed);
	free(script);
	assert_int_equal(unit_sh(fx->hooks, "grep -rlq lint-staged ."), 0);
	assert_int_equal(unit_sh(fx->hooks, "grep -rlq fmt-check ."), 0);
}

static void test_install_where_a_file_blocks_the_folder_is_an_error(void **state)
{
	struct fixture *fx = *state;
	struct unit_capture c;
	char *script = hook_script("/usr/bin/perennial", "");

	unit_write(fx->base, "hooks", "a file, not a folder");
	unit_capture_start(&c);
	int rc = hook_install(fx->hooks, script, 0);
	char *printed = unit_capture_stop(&c);
	int said = strstr(printed, "perennial: error: ") != NULL;
	free(printed);
	free(script);
	/* Not 1: that answer means "a foreign hook is in the way", and there is none. */
	assert_int_equal(rc, -1);
	assert_true(said);
	assert_file(fx->base, "hooks", "a file, not a folder");
}

/* --- hook_uninstall --- */

static void test_uninstall_removes_ours(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");

	unit_write(fx->hooks, "pre-commit.sample", FOREIGN);
	assert_int_equal(hook_install(fx->hooks, script, 0), 0);
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_REMOVED);
	assert_int_equal(hook_state(fx->hooks), HOOK_NONE);
	char *listing = S_listing(fx->hooks);
	assert_string_equal(listing, "pre-commit.sample");
	free(listing);
	/* Again: there is nothing of perennial's. */
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_ABSENT);
	free(script);
}

static void test_uninstall_puts_the_backup_back(void **state)
{
	struct fixture *fx = *state;
	char *script = hook_script("/usr/bin/perennial", "");
	char *path = unit_path(fx->hooks, "pre-commit");

	unit_write(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(chmod(path, 0750), 0);
	assert_int_equal(hook_install(fx->hooks, script, 1), 0);
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_RESTORED);
	assert_file(fx->hooks, "pre-commit", FOREIGN);
	assert_int_equal(S_mode(fx->hooks, "pre-commit"), 0750);
	assert_file(fx->hooks, "pre-commit.perennial-backup", NULL);
	assert_int_equal(hook_state(fx->hooks), HOOK_FOREIGN);
	/* The hook put back is theirs: a second uninstall leaves it. */
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_NOT_OURS);
	assert_file(fx->hooks, "pre-commit", FOREIGN);
	free(path);
	free(script);
}

static void test_uninstall_leaves_a_foreign_hook(void **state)
{
	struct fixture *fx = *state;
	struct unit_capture c;

	unit_write(fx->hooks, "pre-commit", FOREIGN);
	/* Even with a backup of ours lying about, theirs stays and so does the backup. */
	unit_write(fx->hooks, "pre-commit.perennial-backup", FOREIGN_2);
	unit_capture_start(&c);
	int rc = hook_uninstall(fx->hooks);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, HOOK_NOT_OURS);
	assert_string_equal(printed, "");
	assert_file(fx->hooks, "pre-commit", FOREIGN);
	assert_file(fx->hooks, "pre-commit.perennial-backup", FOREIGN_2);
	free(printed);
}

static void test_uninstall_without_a_hook(void **state)
{
	struct fixture *fx = *state;

	/* No folder at all, then an empty one: nothing to do, and nothing appears. */
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_ABSENT);
	assert_int_equal(access(fx->hooks, F_OK), -1);
	unit_mkdir(fx->base, "hooks");
	assert_int_equal(hook_uninstall(fx->hooks), HOOK_ABSENT);
	char *listing = S_listing(fx->hooks);
	assert_string_equal(listing, "");
	free(listing);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_script_runs_the_binary_in_the_notes_root),
		T(test_script_quotes_awkward_paths),
		T(test_script_falls_back_to_path),
		T(test_paths),
		T(test_state),
		T(test_state_of_a_folder_named_pre_commit),
		T(test_install_into_a_missing_folder_makes_it),
		T(test_install_is_executable_under_a_strict_umask),
		T(test_install_over_ours_replaces_it),
		T(test_install_refuses_a_foreign_hook),
		T(test_install_force_keeps_the_foreign_hook),
		T(test_install_force_twice_loses_no_foreign_hook),
		T(test_install_leaves_a_dangling_link_alone),
		T(test_install_where_a_file_blocks_the_folder_is_an_error),
		T(test_uninstall_removes_ours),
		T(test_uninstall_puts_the_backup_back),
		T(test_uninstall_leaves_a_foreign_hook),
		T(test_uninstall_without_a_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
