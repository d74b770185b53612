#include "unit.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"
#include "notefile.h"
#include "worktree.h"

/*
 * Each test gets a fresh folder under /tmp:
 *
 *   base/repo/      the notes root (perennial.yml)
 *   base/outside/   where links that leave the root lead
 */
struct fixture {
	char *base;
	char *root;
	char *outside;
	char *cwd;          /* restored after the test */
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || !(fx->base = unit_tempdir("worktree")))
		return -1;
	fx->root = unit_path(fx->base, "repo");
	fx->outside = unit_path(fx->base, "outside");
	fx->cwd = getcwd(NULL, 0);
	if (!fx->cwd || mkdir(fx->root, 0755) < 0 || mkdir(fx->outside, 0755) < 0)
		return -1;
	unit_write(fx->root, "perennial.yml", "notes: notes\n");
	unit_write(fx->outside, "secret.md", "---\ntitle: not yours\n---\n");
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	if (chdir(fx->cwd) < 0)
		return -1;
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx->root);
	free(fx->outside);
	free(fx->cwd);
	free(fx);
	return 0;
}

static void S_chdir(const char *dir, const char *rel)
{
	char *path = *rel ? unit_path(dir, rel) : strdup(dir);
	assert_int_equal(chdir(path), 0);
	free(path);
}

/* A diagnostic about a whole file: an error at line 1, column 1. */
#define assert_file_diag(list, i, rule, file, message, hint) \
	unit_assert_diag((list), (i), (rule), DIAG_ERROR, (file), 1, 1, 0, (message), (hint), \
			 __FILE__, __LINE__)

#define OUTSIDE_MESSAGE "symbolic link leads outside the notes repository; not followed"
#define OUTSIDE_HINT "keep notes inside the repository, or copy the file in"

/* worktree_list of `folder` lists exactly the NULL-terminated `want`, silently. */
#define assert_listed(root, folder, want) \
	S_assert_listed((root), (folder), (want), __FILE__, __LINE__)

static void S_assert_listed(const char *root, const char *folder, const char *const *want,
			    const char *at_file, int at)
{
	struct strlist out = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	_assert_int_equal(worktree_list(&out, root, UNIT_NOTES(folder), folder, &diags), 0, at_file, at);
	unit_assert_strings(out.items, out.len, want, at_file, at);
	_assert_int_equal(diags.len, 0, at_file, at);
	strlist_release(&out);
	diag_list_release(&diags);
}

/* --- worktree_find_root --- */

static void test_find_root_walks_up_from_a_subfolder(void **state)
{
	struct fixture *fx = *state;
	char *out = NULL;

	unit_mkdir(fx->root, "notes/2020/05");
	char *start = unit_path(fx->root, "notes/2020/05");
	assert_int_equal(worktree_find_root(&out, start), 0);
	assert_string_equal(out, fx->root);
	free(out);
	free(start);

	assert_int_equal(worktree_find_root(&out, fx->root), 0);
	assert_string_equal(out, fx->root);
	free(out);
}

static void test_find_root_relative_start_gives_absolute_root(void **state)
{
	struct fixture *fx = *state;
	char *out = NULL;

	unit_mkdir(fx->root, "notes/2020");
	S_chdir(fx->root, "notes/2020");
	assert_int_equal(worktree_find_root(&out, "."), 0);
	assert_string_equal(out, fx->root);
	free(out);
	assert_int_equal(worktree_find_root(&out, "../.."), 0);
	assert_string_equal(out, fx->root);
	free(out);
}

static void test_find_root_nearest_wins(void **state)
{
	struct fixture *fx = *state;
	char *out = NULL;

	unit_write(fx->root, "notes/inner/perennial.yml", "notes: .\n");
	unit_mkdir(fx->root, "notes/inner/deep");
	char *start = unit_path(fx->root, "notes/inner/deep");
	char *want = unit_path(fx->root, "notes/inner");
	assert_int_equal(worktree_find_root(&out, start), 0);
	assert_string_equal(out, want);
	free(out);
	free(start);
	free(want);
}

static void test_find_root_ignores_a_folder_named_like_the_config(void **state)
{
	struct fixture *fx = *state;
	char *out = NULL;

	unit_mkdir(fx->root, "notes/perennial.yml");
	char *start = unit_path(fx->root, "notes");
	assert_int_equal(worktree_find_root(&out, start), 0);
	assert_string_equal(out, fx->root);
	free(out);
	free(start);
}

static void test_find_root_fails_without_config(void **state)
{
	struct fixture *fx = *state;
	char *out = (char *)"untouched";
	struct unit_capture c;

	/* base/outside has no perennial.yml, and neither has /tmp nor /. */
	if (access("/tmp/perennial.yml", F_OK) == 0 || access("/perennial.yml", F_OK) == 0)
		skip();
	unit_mkdir(fx->outside, "a/b");
	char *start = unit_path(fx->outside, "a/b");
	unit_capture_start(&c);
	int rc = worktree_find_root(&out, start);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(out);
	assert_string_equal(printed, "");  /* "nothing is printed" */
	free(printed);
	free(start);

	char *missing = unit_path(fx->root, "no/such/folder");
	out = (char *)"untouched";
	assert_int_equal(worktree_find_root(&out, missing), -1);
	assert_null(out);
	free(missing);
}

/* --- worktree_list --- */

static void test_list_finds_notes_recursively_sorted(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = {
		"notes/2020/05/2020-05-12-b.md",
		"notes/2020/06/c.md",
		"notes/A.md",
		"notes/a.md",
		"notes/sub.md/z.md",   /* a folder whose name ends in .md is walked */
		NULL,
	};

	unit_write(fx->root, "notes/a.md", "a");
	unit_write(fx->root, "notes/A.md", "A");
	unit_write(fx->root, "notes/2020/06/c.md", "c");
	unit_write(fx->root, "notes/2020/05/2020-05-12-b.md", "b");
	unit_write(fx->root, "notes/sub.md/z.md", "z");
	unit_write(fx->root, "notes/c.txt", "not a note");
	unit_write(fx->root, "notes/a.md.bak", "not a note");
	unit_write(fx->root, "notes/README", "not a note");
	unit_write(fx->root, "notes/.md", "hidden, and only an extension");
	unit_write(fx->root, "notes/.draft.md", "hidden");
	unit_write(fx->root, "notes/.git/x.md", "hidden folder");
	unit_write(fx->root, "notes/2020/.trash/y.md", "hidden folder");
	unit_write(fx->root, "top.md", "outside the notes folder");
	unit_mkdir(fx->root, "notes/empty");

	assert_listed(fx->root, "notes", want);
}

static void test_list_from_the_root_has_no_leading_slash(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = { "notes/a.md", "top.md", NULL };

	unit_write(fx->root, "notes/a.md", "a");
	unit_write(fx->root, "top.md", "t");
	unit_write(fx->root, ".github/x.md", "hidden");
	assert_listed(fx->root, "", want);
}

/* --- worktree_select --- */

static void test_select_names_what_was_asked_and_lists_all(void **state)
{
	struct fixture *fx = *state;
	struct strlist paths = STRLIST_INIT, all = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	static const char *const every[] = { "notes/2020/b.md", "notes/2020/c.md", "notes/a.md",
					     NULL };
	unit_write(fx->root, "notes/a.md", "a");
	unit_write(fx->root, "notes/2020/b.md", "b");
	unit_write(fx->root, "notes/2020/c.md", "c");
	assert_int_equal(chdir(fx->root), 0);

	/* Nothing named: nothing in paths, every note in all (all are asked). */
	assert_int_equal(worktree_select(&paths, &all, fx->root, UNIT_NOTES("notes"), NULL, 0,
					 &diags), 0);
	assert_int_equal(paths.len, 0);
	unit_assert_strings(all.items, all.len, every, __FILE__, __LINE__);
	strlist_release(&all);

	/* A folder and a file: their notes, sorted, once; all the same. */
	char *args[] = { "notes/a.md", "notes/2020", "notes/2020/b.md" };
	static const char *const named[] = { "notes/2020/b.md", "notes/2020/c.md", "notes/a.md",
					     NULL };
	assert_int_equal(worktree_select(&paths, &all, fx->root, UNIT_NOTES("notes"), args, 3,
					 &diags), 0);
	unit_assert_strings(paths.items, paths.len, named, __FILE__, __LINE__);
	unit_assert_strings(all.items, all.len, every, __FILE__, __LINE__);
	assert_int_equal(diags.len, 0);
	strlist_release(&paths);
	strlist_release(&all);
}

static void test_list_adds_to_what_is_there_without_repeats(void **state)
{
	struct fixture *fx = *state;
	struct strlist out = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	static const char *const want[] = { "notes/a.md", "notes/b.md", "zzz.md", NULL };

	unit_write(fx->root, "notes/a.md", "a");
	unit_write(fx->root, "notes/b.md", "b");
	strlist_add(&out, "zzz.md");
	strlist_add(&out, "notes/a.md");
	assert_int_equal(worktree_list(&out, fx->root, UNIT_NOTES("notes"), "notes", &diags), 0);
	assert_strings(out.items, out.len, want);
	strlist_release(&out);
	diag_list_release(&diags);
}

static void test_list_missing_folder_is_an_error(void **state)
{
	struct fixture *fx = *state;
	struct strlist out = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct unit_capture c;

	unit_capture_start(&c);
	int rc = worktree_list(&out, fx->root, UNIT_NOTES("notes"), "notes", &diags);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_string_equal(printed,
			    "perennial: error: cannot read folder 'notes': No such file or directory\n");
	assert_int_equal(out.len, 0);
	assert_int_equal(diags.len, 0);
	free(printed);
	strlist_release(&out);
	diag_list_release(&diags);
}

static void test_list_link_to_a_file_outside_is_a_diagnostic(void **state)
{
	struct fixture *fx = *state;
	struct strlist out = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	static const char *const want[] = { "notes/a.md", NULL };
	char *secret = unit_path(fx->outside, "secret.md");

	unit_write(fx->root, "notes/a.md", "a");
	unit_symlink(secret, fx->root, "notes/evil.md");                 /* absolute */
	unit_symlink("../../outside/secret.md", fx->root, "notes/rel.md"); /* relative */
	assert_int_equal(worktree_list(&out, fx->root, UNIT_NOTES("notes"), "notes", &diags), 0);
	assert_strings(out.items, out.len, want);
	diag_list_sort(&diags);
	assert_int_equal(diags.len, 2);
	assert_file_diag(&diags, 0, DIAG_SYMLINK_OUTSIDE, "notes/evil.md",
			 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	assert_file_diag(&diags, 1, DIAG_SYMLINK_OUTSIDE, "notes/rel.md",
			 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	free(secret);
	strlist_release(&out);
	diag_list_release(&diags);
}

static void test_list_link_to_a_folder_outside_is_a_diagnostic_not_walked(void **state)
{
	struct fixture *fx = *state;
	struct strlist out = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	unit_symlink(fx->outside, fx->root, "notes/ext");
	assert_int_equal(worktree_list(&out, fx->root, UNIT_NOTES("notes"), "notes", &diags), 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(diags.len, 1);
	assert_file_diag(&diags, 0, DIAG_SYMLINK_OUTSIDE, "notes/ext",
			 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	strlist_release(&out);
	diag_list_release(&diags);
}

static void test_list_link_outside_to_a_non_note_is_silent(void **state)
{
	struct fixture *fx = *state;
	static const char *const none[] = { NULL };
	char *target = unit_path(fx->outside, "photo.png");

	unit_write(fx->outside, "photo.png", "png");
	unit_symlink(target, fx->root, "notes/photo.png");
	free(target);
	assert_listed(fx->root, "notes", none);
}

static void test_list_link_inside_is_skipped_for_its_target(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = { "notes/2020/a.md", NULL };

	unit_write(fx->root, "notes/2020/a.md", "a");
	unit_symlink("2020/a.md", fx->root, "notes/link.md");
	/* Links inside lead to what is listed where it is, or to no note at all. */
	unit_symlink("2020", fx->root, "notes/folder.md");
	unit_write(fx->root, "other.txt", "x");
	unit_symlink("../other.txt", fx->root, "notes/other.md.txt");
	assert_listed(fx->root, "notes", want);
}

static void test_list_linked_folder_inside_is_not_walked(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = { "notes/2020/a.md", NULL };

	unit_write(fx->root, "notes/2020/a.md", "a");
	unit_symlink("2020", fx->root, "notes/current");
	unit_symlink("..", fx->root, "notes/2020/loop");   /* a cycle must not hang */
	assert_listed(fx->root, "notes", want);
}

static void test_list_dangling_link_is_not_listed(void **state)
{
	struct fixture *fx = *state;
	static const char *const none[] = { NULL };

	unit_symlink("nowhere.md", fx->root, "notes/dead.md");
	assert_listed(fx->root, "notes", none);
}

/*
 * The folder asked for is itself a link out of the root (`notes: notes` in
 * perennial.yml, with notes/ pointing elsewhere): nothing below it may be
 * listed, as nothing is read from outside the root.
 */
static void test_list_start_folder_linked_outside_is_not_walked(void **state)
{
	struct fixture *fx = *state;
	struct strlist out = STRLIST_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	unit_symlink(fx->outside, fx->root, "notes");
	worktree_list(&out, fx->root, UNIT_NOTES("notes"), "notes", &diags);
	size_t listed = out.len;
	for (size_t i = 0; i < out.len; i++)
		print_error("listed from outside the root: %s\n", out.items[i]);
	strlist_release(&out);  /* before the asserts: a failure must not leak */
	if (diags.len == 1)
		assert_file_diag(&diags, 0, DIAG_SYMLINK_OUTSIDE, "notes",
				 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	size_t ndiags = diags.len;
	diag_list_release(&diags);
	assert_int_equal(listed, 0);
	assert_int_equal(ndiags, 1);
}

/* --- worktree_resolve --- */

static void test_resolve_relative_paths_inside(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out;
	int is_dir;

	unit_write(fx->root, "notes/2020/a.md", "a");
	S_chdir(fx->root, "notes");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "2020/a.md", &diags), 0);
	assert_string_equal(out, "notes/2020/a.md");
	assert_false(is_dir);
	free(out);
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "./2020/../2020/a.md",
					  &diags), 0);
	assert_string_equal(out, "notes/2020/a.md");
	free(out);

	S_chdir(fx->root, "notes/2020");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "../../perennial.yml",
					  &diags), 0);
	assert_string_equal(out, "perennial.yml");
	assert_false(is_dir);
	free(out);

	/* An absolute path inside is fine too. */
	char *abs = unit_path(fx->root, "notes/2020/a.md");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, abs, &diags), 0);
	assert_string_equal(out, "notes/2020/a.md");
	free(out);
	free(abs);
	assert_int_equal(diags.len, 0);
}

static void test_resolve_folders_set_the_flag(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out;
	int is_dir;

	unit_mkdir(fx->root, "notes/2020");
	S_chdir(fx->root, "");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "notes/2020", &diags), 0);
	assert_string_equal(out, "notes/2020");
	assert_true(is_dir);
	free(out);
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "notes/2020/", &diags), 0);
	assert_string_equal(out, "notes/2020");
	assert_true(is_dir);
	free(out);
	/* The root itself is "". */
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, ".", &diags), 0);
	assert_string_equal(out, "");
	assert_true(is_dir);
	free(out);
	S_chdir(fx->root, "notes/2020");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "../..", &diags), 0);
	assert_string_equal(out, "");
	assert_true(is_dir);
	free(out);
	assert_int_equal(diags.len, 0);
}

static void test_resolve_outside_the_root_fails(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out = (char *)"untouched";
	int is_dir = 7;
	struct unit_capture c;
	struct strbuf want = STRBUF_INIT;

	S_chdir(fx->root, "");
	unit_capture_start(&c);
	int rc = worktree_resolve(&out, &is_dir, fx->root, "../outside/secret.md", &diags);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(out);
	strbuf_addf(&want, "perennial: error: '../outside/secret.md' is outside the notes "
		    "repository (%s)\n", fx->root);
	assert_string_equal(printed, want.buf);
	free(printed);

	/* The parent of the root, and a sibling whose name starts like the root's. */
	unit_write(fx->base, "repo2/x.md", "x");
	char *sibling = unit_path(fx->base, "repo2/x.md");
	static const char *const others[] = { "..", "/" };
	unit_capture_start(&c);
	for (size_t i = 0; i < 2; i++) {
		out = (char *)"untouched";
		assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, others[i], &diags), -1);
		assert_null(out);
	}
	out = (char *)"untouched";
	rc = worktree_resolve(&out, &is_dir, fx->root, sibling, &diags);
	free(unit_capture_stop(&c));
	assert_int_equal(rc, -1);
	assert_null(out);
	assert_int_equal(diags.len, 0);
	free(sibling);
	strbuf_release(&want);
}

static void test_resolve_missing_fails(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out = (char *)"untouched";
	int is_dir;
	struct unit_capture c;

	S_chdir(fx->root, "");
	unit_capture_start(&c);
	int rc = worktree_resolve(&out, &is_dir, fx->root, "notes/nope.md", &diags);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(out);
	assert_string_equal(printed, "perennial: error: 'notes/nope.md' does not exist\n");
	assert_int_equal(diags.len, 0);
	free(printed);
}

static void test_resolve_link_outside_is_a_diagnostic(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out;
	int is_dir = 7;
	char *secret = unit_path(fx->outside, "secret.md");

	unit_symlink(secret, fx->root, "notes/evil.md");
	unit_symlink(fx->outside, fx->root, "notes/ext");
	S_chdir(fx->root, "notes");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "evil.md", &diags), 1);
	assert_string_equal(out, "notes/evil.md");
	assert_false(is_dir);
	free(out);
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "ext", &diags), 1);
	assert_string_equal(out, "notes/ext");
	free(out);
	assert_int_equal(diags.len, 2);
	assert_file_diag(&diags, 0, DIAG_SYMLINK_OUTSIDE, "notes/evil.md",
			 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	assert_file_diag(&diags, 1, DIAG_SYMLINK_OUTSIDE, "notes/ext",
			 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	free(secret);
	diag_list_release(&diags);
}

static void test_resolve_through_a_linked_folder_outside_fails(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out = (char *)"untouched";
	int is_dir;
	struct unit_capture c;

	unit_symlink(fx->outside, fx->root, "notes/ext");
	S_chdir(fx->root, "");
	unit_capture_start(&c);
	int rc = worktree_resolve(&out, &is_dir, fx->root, "notes/ext/secret.md", &diags);
	free(unit_capture_stop(&c));
	assert_int_equal(rc, -1);
	assert_null(out);
}

static void test_resolve_link_inside(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out;
	int is_dir;

	unit_write(fx->root, "notes/2020/a.md", "a");
	unit_symlink("2020/a.md", fx->root, "notes/link.md");
	unit_symlink("2020", fx->root, "notes/current");
	S_chdir(fx->root, "");
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "notes/link.md", &diags), 0);
	assert_string_equal(out, "notes/2020/a.md");
	assert_false(is_dir);
	free(out);
	/* A linked folder too is named where it is, so it is never walked twice. */
	assert_int_equal(worktree_resolve(&out, &is_dir, fx->root, "notes/current", &diags), 0);
	assert_string_equal(out, "notes/2020");
	assert_true(is_dir);
	free(out);
	assert_int_equal(diags.len, 0);
}

/*
 * A dangling link does not lead outside the root: it leads nowhere. The
 * contract's answer for that is -1, "does not exist", not symlink-outside.
 */
static void test_resolve_dangling_link_inside_does_not_exist(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	char *out = NULL;
	int is_dir;
	struct unit_capture c;

	unit_symlink("nowhere.md", fx->root, "notes/dead.md");
	S_chdir(fx->root, "");
	unit_capture_start(&c);
	int rc = worktree_resolve(&out, &is_dir, fx->root, "notes/dead.md", &diags);
	char *printed = unit_capture_stop(&c);
	int got_out = out != NULL, printed_something = *printed != '\0';
	size_t ndiags = diags.len;
	if (ndiags)
		print_error("diagnostic: %s [%s]\n", diags.items[0].message,
			    diag_rule_id(diags.items[0].rule));
	free(out);  /* before the asserts: a failure must not leak */
	free(printed);
	diag_list_release(&diags);
	assert_int_equal(rc, -1);
	assert_false(got_out);
	assert_true(printed_something);
	assert_int_equal(ndiags, 0);
}

/* --- worktree_read --- */

static void test_read_a_note(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	static const char text[] = "\xEF\xBB\xBF---\r\ntitle: Caf\xC3\xA9\r\n---\r\n";

	unit_write(fx->root, "notes/a.md", text);
	assert_int_equal(worktree_read(&src, fx->root, "notes/a.md", &diags), 0);
	assert_non_null(src);
	assert_string_equal(src->path, "notes/a.md");
	assert_int_equal(src->len, sizeof(text) - 1);
	assert_memory_equal(src->bytes, text, sizeof(text) - 1);
	assert_int_equal(src->bytes[src->len], '\0');
	assert_int_equal(src->bom, 3);
	assert_int_equal(src->nlines, 4);
	assert_int_equal(diags.len, 0);
	source_free(src);
}

static void test_read_empty_file(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;

	unit_write(fx->root, "notes/empty.md", "");
	assert_int_equal(worktree_read(&src, fx->root, "notes/empty.md", &diags), 0);
	assert_non_null(src);
	assert_int_equal(src->len, 0);
	assert_string_equal(src->bytes, "");
	assert_int_equal(diags.len, 0);
	source_free(src);
}

static void test_read_exactly_the_limit(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	char *bytes = malloc(NOTE_MAX_SIZE);

	assert_non_null(bytes);
	memset(bytes, 'a', NOTE_MAX_SIZE);
	unit_write_bytes(fx->root, "notes/big.md", bytes, NOTE_MAX_SIZE);
	assert_int_equal(worktree_read(&src, fx->root, "notes/big.md", &diags), 0);
	assert_non_null(src);
	assert_int_equal(src->len, NOTE_MAX_SIZE);
	assert_memory_equal(src->bytes, bytes, NOTE_MAX_SIZE);
	assert_int_equal(diags.len, 0);
	source_free(src);
	free(bytes);
}

/* A sparse file of `size` bytes at root/rel. */
static void S_sparse(const char *root, const char *rel, off_t size)
{
	char *path = unit_path(root, rel);
	unit_mkdirs_for(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	close(fd);
	free(path);
}

static void test_read_over_the_limit_is_refused_unread(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;  /* must be reset to NULL */

	S_sparse(fx->root, "notes/huge.md", (off_t)3 * 1024 * 1024);
	assert_int_equal(worktree_read(&src, fx->root, "notes/huge.md", &diags), 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	assert_file_diag(&diags, 0, DIAG_FILE_TOO_LARGE, "notes/huge.md",
			 "file is 3072 KiB; perennial reads at most 1024 KiB",
			 "notes are small text files: split this one, or keep it elsewhere");
	diag_list_release(&diags);

	/* One byte over is over. */
	S_sparse(fx->root, "notes/over.md", (off_t)NOTE_MAX_SIZE + 1);
	assert_int_equal(worktree_read(&src, fx->root, "notes/over.md", &diags), 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	assert_string_equal(diag_rule_id(diags.items[0].rule), "file-too-large");
	diag_list_release(&diags);
}

static void test_read_nul_byte_is_binary(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;
	static const char bytes[] = "---\ntitle: x\n---\nend\0tail";

	unit_write_bytes(fx->root, "notes/bin.md", bytes, sizeof(bytes) - 1);
	assert_int_equal(worktree_read(&src, fx->root, "notes/bin.md", &diags), 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	assert_file_diag(&diags, 0, DIAG_BINARY_FILE, "notes/bin.md", "binary file, not text",
			 "notes and perennial.yml are text files; keep other files elsewhere");
	diag_list_release(&diags);
}

static void test_read_fifo_is_not_a_file_and_does_not_block(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;
	char *path = unit_path(fx->root, "notes/pipe.md");

	unit_mkdir(fx->root, "notes");
	assert_int_equal(mkfifo(path, 0644), 0);
	alarm(10);  /* a read that blocks fails the test instead of hanging it */
	int rc = worktree_read(&src, fx->root, "notes/pipe.md", &diags);
	alarm(0);
	assert_int_equal(rc, 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	assert_file_diag(&diags, 0, DIAG_NOT_A_FILE, "notes/pipe.md", "not a regular file", NULL);
	free(path);
	diag_list_release(&diags);
}

static void test_read_folder_is_not_a_file(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;

	unit_mkdir(fx->root, "notes/folder.md");
	assert_int_equal(worktree_read(&src, fx->root, "notes/folder.md", &diags), 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	assert_file_diag(&diags, 0, DIAG_NOT_A_FILE, "notes/folder.md", "not a regular file",
			 NULL);
	diag_list_release(&diags);
}

static void test_read_missing_is_an_io_error(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;
	struct unit_capture c;

	unit_capture_start(&c);
	int rc = worktree_read(&src, fx->root, "notes/gone.md", &diags);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(src);
	assert_int_equal(diags.len, 0);
	assert_string_equal(printed,
			    "perennial: error: cannot open 'notes/gone.md': No such file or directory\n");
	free(printed);
}

static void test_read_link_inside_reads_the_target(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;

	unit_write(fx->root, "notes/2020/a.md", "target\n");
	unit_symlink("2020/a.md", fx->root, "notes/link.md");
	assert_int_equal(worktree_read(&src, fx->root, "notes/link.md", &diags), 0);
	assert_non_null(src);
	assert_string_equal(src->path, "notes/link.md");
	assert_string_equal(src->bytes, "target\n");
	assert_int_equal(diags.len, 0);
	source_free(src);
}

/* "Nothing is read from outside the root", whoever hands in the path. */
static void test_read_link_outside_is_not_followed(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	char *secret = unit_path(fx->outside, "secret.md");

	unit_symlink(secret, fx->root, "notes/evil.md");
	free(secret);
	int rc = worktree_read(&src, fx->root, "notes/evil.md", &diags);
	int was_read = src != NULL;
	if (src)
		print_error("read from outside the root: %s", src->bytes);
	source_free(src);  /* before the asserts: a failure must not leak */
	if (diags.len == 1)
		assert_file_diag(&diags, 0, DIAG_SYMLINK_OUTSIDE, "notes/evil.md",
				 OUTSIDE_MESSAGE, OUTSIDE_HINT);
	size_t ndiags = diags.len;
	diag_list_release(&diags);
	assert_false(was_read);
	assert_int_equal(rc, 1);
	assert_int_equal(ndiags, 1);
}

static void test_write_makes_folders_and_replaces(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(worktree_write(fx->root, "reports/2020/W21.md", "one", 3), 0);
	char *got = unit_read(fx->root, "reports/2020/W21.md");
	assert_string_equal(got, "one");
	free(got);
	assert_int_equal(worktree_write(fx->root, "reports/2020/W21.md", "two!", 4), 0);
	got = unit_read(fx->root, "reports/2020/W21.md");
	assert_string_equal(got, "two!");
	free(got);
	/* No temporary file is left beside it. */
	char *folder = unit_path(fx->root, "reports/2020");
	char *listing = unit_output(folder, "ls -A");
	assert_string_equal(listing, "W21.md");
	free(listing);
	free(folder);
}

static void test_write_never_through_a_link(void **state)
{
	struct fixture *fx = *state;
	struct unit_capture cap;
	char *target = unit_path(fx->outside, "target.md");

	unit_write(fx->outside, "target.md", "theirs");
	unit_symlink(target, fx->root, "page.md");
	unit_symlink(fx->outside, fx->root, "reports");
	unit_capture_start(&cap);
	int file = worktree_write(fx->root, "page.md", "mine", 4);
	int folder = worktree_write(fx->root, "reports/page.md", "mine", 4);
	free(unit_capture_stop(&cap));
	assert_int_equal(file, -1);
	assert_int_equal(folder, -1);
	char *got = unit_read(fx->outside, "target.md");
	assert_string_equal(got, "theirs");
	free(got);
	assert_null(unit_read(fx->outside, "page.md"));
	free(target);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_find_root_walks_up_from_a_subfolder),
		T(test_find_root_relative_start_gives_absolute_root),
		T(test_find_root_nearest_wins),
		T(test_find_root_ignores_a_folder_named_like_the_config),
		T(test_find_root_fails_without_config),
		T(test_list_finds_notes_recursively_sorted),
		T(test_list_from_the_root_has_no_leading_slash),
		T(test_list_adds_to_what_is_there_without_repeats),
		T(test_select_names_what_was_asked_and_lists_all),
		T(test_list_missing_folder_is_an_error),
		T(test_list_link_to_a_file_outside_is_a_diagnostic),
		T(test_list_link_to_a_folder_outside_is_a_diagnostic_not_walked),
		T(test_list_link_outside_to_a_non_note_is_silent),
		T(test_list_link_inside_is_skipped_for_its_target),
		T(test_list_linked_folder_inside_is_not_walked),
		T(test_list_dangling_link_is_not_listed),
		T(test_list_start_folder_linked_outside_is_not_walked),
		T(test_resolve_relative_paths_inside),
		T(test_resolve_folders_set_the_flag),
		T(test_resolve_outside_the_root_fails),
		T(test_resolve_missing_fails),
		T(test_resolve_link_outside_is_a_diagnostic),
		T(test_resolve_through_a_linked_folder_outside_fails),
		T(test_resolve_link_inside),
		T(test_resolve_dangling_link_inside_does_not_exist),
		T(test_read_a_note),
		T(test_read_empty_file),
		T(test_read_exactly_the_limit),
		T(test_read_over_the_limit_is_refused_unread),
		T(test_read_nul_byte_is_binary),
		T(test_read_fifo_is_not_a_file_and_does_not_block),
		T(test_read_folder_is_not_a_file),
		T(test_read_missing_is_an_io_error),
		T(test_read_link_inside_reads_the_target),
		T(test_read_link_outside_is_not_followed),
		T(test_write_makes_folders_and_replaces),
		T(test_write_never_through_a_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
