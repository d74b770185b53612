#include "unit.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "notefile.h"
#include "progress.h"
#include "repo.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"

/*
 * Each test gets a fresh folder under /tmp, with a repository made by the
 * real git CLI:
 *
 *   base/repo/     the work tree's top (git init)
 *
 * The whole group runs with a HOME of its own and no system or global git
 * configuration (unit_git_isolate), so the machine's settings stay out.
 */

/* Opens the repository of the notes root top/rel ("" for the top itself). */
static struct repo *S_open(const struct unit_git_repo *fx, const char *rel)
{
	struct repo *repo = NULL;
	char *root = *rel ? unit_path(fx->top, rel) : strdup(fx->top);

	assert_int_equal(repo_open(&repo, root), 0);
	assert_non_null(repo);
	free(root);
	return repo;
}

/* Commits everything in the work tree, hooks or not. */
#define S_commit_all(fx, message) \
	unit_run((fx)->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q --no-verify -m '%s'", \
		 (message))

/*
 * The entries are exactly the NULL-terminated `want` paths, in order, and
 * each blob is the one git names for `spec` followed by the path joined
 * to `in_repo` (":" for the index, "HEAD:" for a commit); a NULL spec
 * leaves the blobs to the test.
 */
#define assert_entries(fx, entries, spec, in_repo, ...) \
	S_assert_entries((fx), (entries), (spec), (in_repo), (__VA_ARGS__), __FILE__, __LINE__)

static void S_assert_entries(const struct unit_git_repo *fx, const struct repo_entries *entries,
			     const char *spec, const char *in_repo,
			     const char *const *want, const char *at_file, int at)
{
	char **paths = calloc(entries->len + 1, sizeof(*paths));

	for (size_t i = 0; i < entries->len; i++)
		paths[i] = entries->items[i].path;
	unit_assert_strings(paths, entries->len, want, at_file, at);
	free(paths);
	for (size_t i = 0; spec && i < entries->len; i++) {
		char *blob = unit_output_at(at_file, at, fx->top, "git rev-parse '%s%s%s%s'", spec,
					    in_repo, *in_repo ? "/" : "", entries->items[i].path);
		_assert_string_equal(entries->items[i].blob, blob, at_file, at);
		free(blob);
	}
}

static char *S_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *S_format(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

/*
 * The n strings at first, first + step, ... joined with spaces into buf
 * (cut short if they do not fit). first may be anything when n is 0.
 */
static void S_join(char *buf, size_t size, size_t n, char *const *first, size_t step)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		const char *item = *(char *const *)((const char *)first + i * step);
		int w = snprintf(buf + used, size - used, "%s%s", i ? " " : "", item);
		used += w > 0 ? (size_t)w : 0;
	}
}

/* --- repo_open --- */

static void test_open_at_the_top(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo *repo = S_open(fx, "");
	char *git_dir = unit_path(fx->top, ".git");
	char *common = realpath(repo_common_dir(repo), NULL);

	assert_string_equal(repo_prefix(repo), "");
	assert_non_null(common);
	assert_string_equal(common, git_dir);
	free(common);
	free(git_dir);
	repo_free(repo);
}

static void test_open_in_a_subfolder(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_mkdir(fx->top, "team notes/2020");
	struct repo *repo = S_open(fx, "team notes/2020");
	assert_string_equal(repo_prefix(repo), "team notes/2020");
	repo_free(repo);
}

static void test_open_without_a_repository_fails(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo *repo = (struct repo *)fx;   /* must be reset to NULL */
	struct unit_capture c;

	/* Discovery walks up: nothing above the temporary folder may be a repository. */
	if (access("/tmp/.git", F_OK) == 0 || access("/.git", F_OK) == 0)
		skip();
	char *root = unit_path(fx->base, "elsewhere");
	unit_mkdir(fx->base, "elsewhere");
	unit_capture_start(&c);
	int rc = repo_open(&repo, root);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(repo);
	char *want = S_format("perennial: error: %s is not in a git repository\n", root);
	assert_string_equal(printed, want);
	free(want);
	free(printed);
	free(root);
}

static void test_open_bare_repository_fails(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo *repo = (struct repo *)fx;
	struct unit_capture c;

	unit_run(fx->base, UNIT_GIT " init -q --bare bare.git");
	char *root = unit_path(fx->base, "bare.git");
	unit_capture_start(&c);
	int rc = repo_open(&repo, root);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(repo);
	char *want = S_format("perennial: error: the repository of %s has no work tree\n", root);
	assert_string_equal(printed, want);
	free(want);
	free(printed);
	free(root);
}

/*
 * The work tree is where core.worktree says: a root beside it (even one
 * whose name begins like it) is outside it.
 */
static void test_open_root_outside_the_work_tree_fails(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo *repo = NULL;
	struct unit_capture c;

	unit_mkdir(fx->top, "tree/team");
	unit_mkdir(fx->top, "tree-2");
	char *tree = unit_path(fx->top, "tree");
	char *team = unit_path(fx->top, "tree/team");
	char *beside = unit_path(fx->top, "tree-2");
	unit_run(fx->top, "git config core.worktree '%s'", tree);

	assert_int_equal(repo_open(&repo, tree), 0);
	assert_string_equal(repo_prefix(repo), "");
	repo_free(repo);
	assert_int_equal(repo_open(&repo, team), 0);
	assert_string_equal(repo_prefix(repo), "team");
	repo_free(repo);

	repo = (struct repo *)fx;
	unit_capture_start(&c);
	int rc = repo_open(&repo, beside);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(repo);
	char *want = S_format("perennial: error: the notes root %s is not inside the work "
			      "tree of its repository\n", beside);
	assert_string_equal(printed, want);
	free(want);
	free(printed);
	free(tree);
	free(team);
	free(beside);
}

/*
 * repo.h: "GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE are honoured". git
 * exports GIT_WORK_TREE to hooks when it was given one (`git --work-tree=X
 * commit`, a bare repository of dotfiles): the hook must open that work
 * tree, not fail on every commit.
 */
static void test_open_honours_git_dir_and_git_work_tree(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo *repo = NULL;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	/* The repository's folder is elsewhere, as with a bare repository of dotfiles. */
	unit_run(fx->base, "mv repo/.git store.git");
	unit_write(fx->top, "team/notes/a.md", "a");
	char *git_dir = unit_path(fx->base, "store.git");
	char *team = unit_path(fx->top, "team");
	unit_run(fx->top, "git --git-dir='%s' --work-tree=. add -A", git_dir);
	assert_int_equal(setenv("GIT_DIR", git_dir, 1), 0);
	assert_int_equal(setenv("GIT_WORK_TREE", fx->top, 1), 0);

	int rc = repo_open(&repo, team);
	if (rc == 0) {
		assert_string_equal(repo_prefix(repo), "team");
		assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
		assert_entries(fx, &entries, NULL, "", (const char *const[]){ "notes/a.md", NULL });
		repo_entries_release(&entries);
	}
	repo_free(repo);
	free(git_dir);
	free(team);
	assert_int_equal(rc, 0);
}

/* The plain git folder of the notes root, where looking up finds it, is the one repo_open finds. */
static void S_assert_plain_is_opened(struct unit_git_repo *fx, const char *sub)
{
	char *root = unit_path(fx->top, sub), *plain = NULL;
	struct repo *repo = NULL;
	assert_int_equal(repo_plain_git_dir(&plain, root), 1);
	assert_int_equal(repo_open(&repo, root), 0);
	assert_string_equal(plain, repo_git_dir(repo));
	repo_free(repo);
	free(plain);
	free(root);
}

/* What git's other rules decide is left to repo_open: nothing is found. */
static void S_assert_not_plain(const char *root)
{
	char *plain = (char *)root;
	assert_int_equal(repo_plain_git_dir(&plain, root), 0);
	assert_null(plain);
}

static void test_plain_git_dir(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_mkdir(fx->top, "team/notes");
	S_assert_plain_is_opened(fx, "");
	S_assert_plain_is_opened(fx, "team/notes");

	/* GIT_DIR, as in some hooks. */
	char *top = unit_path(fx->top, "");
	assert_int_equal(setenv("GIT_DIR", ".git", 1), 0);
	S_assert_not_plain(top);
	unsetenv("GIT_DIR");

	/* A config that moves the work tree, or makes the repository bare. */
	unit_run(fx->top, UNIT_GIT " config core.worktree '%s'", top);
	S_assert_not_plain(top);
	unit_run(fx->top, UNIT_GIT " config --unset core.worktree");
	S_assert_plain_is_opened(fx, "");
	unit_run(fx->top, UNIT_GIT " config core.bare true");
	S_assert_not_plain(top);
	unit_run(fx->top, UNIT_GIT " config core.bare FALSE");
	S_assert_plain_is_opened(fx, "");

	/* A linked work tree's `.git` is a file; no repository at all. */
	unit_run(fx->top, UNIT_GIT " commit -q --allow-empty -m one && "
		 UNIT_GIT " worktree add -q ../linked -b side");
	char *linked = unit_path(fx->base, "linked");
	S_assert_not_plain(linked);
	unit_mkdir(fx->base, "elsewhere");
	char *elsewhere = unit_path(fx->base, "elsewhere");
	if (access("/tmp/.git", F_OK) != 0 && access("/.git", F_OK) != 0)
		S_assert_not_plain(elsewhere);
	free(linked);
	free(elsewhere);
	free(top);
}

/* --- repo_list_index --- */

static void test_list_index_only_md_files_below_the_folder_sorted(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/b.md", "b");
	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "notes/2020/05/c.md", "c");
	unit_write(fx->top, "notes/sub.md/z.md", "a folder named like a note is walked");
	unit_write(fx->top, "notes/c.txt", "not a note");
	unit_write(fx->top, "notes/a.md.bak", "not a note");
	unit_write(fx->top, "notes/README", "not a note");
	unit_write(fx->top, "notes.md", "beside the folder");
	unit_write(fx->top, "notes-old/d.md", "a folder whose name begins like it");
	unit_write(fx->top, "top.md", "outside the folder");
	unit_run(fx->top, "git add -A && chmod +x notes/b.md && git add --chmod=+x notes/b.md");

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "", (const char *const[]){
		"notes/2020/05/c.md", "notes/a.md", "notes/b.md", "notes/sub.md/z.md", NULL });
	repo_entries_release(&entries);
	assert_int_equal(entries.len, 0);
	assert_null(entries.items);
	repo_free(repo);
}

/*
 * Sorted by bytes, as repo_entries_find needs, even where git keeps its
 * index in another order (core.ignorecase sorts it without case).
 */
static void test_list_index_sorted_by_bytes_when_git_ignores_case(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_run(fx->top, "git config core.ignorecase true");
	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "notes/B.md", "B");
	unit_write(fx->top, "notes/c/d.md", "d");
	unit_write(fx->top, "notes/C.md", "C");
	unit_run(fx->top, "git add -A");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "", (const char *const[]){
		"notes/B.md", "notes/C.md", "notes/a.md", "notes/c/d.md", NULL });
	for (size_t i = 0; i < entries.len; i++)
		assert_ptr_equal(repo_entries_find(&entries, entries.items[i].path),
				 &entries.items[i]);
	repo_entries_release(&entries);
	repo_free(repo);
}

/* The index, not the working tree: an unstaged edit or an unstaged file changes nothing. */
static void test_list_index_sees_what_is_staged(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/a.md", "staged");
	unit_run(fx->top, "git add -A");
	unit_write(fx->top, "notes/a.md", "edited after git add");
	unit_write(fx->top, "notes/new.md", "never added");

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "", (const char *const[]){ "notes/a.md", NULL });
	char *staged = unit_output(fx->top, "printf staged | git hash-object --stdin");
	assert_string_equal(entries.items[0].blob, staged);
	free(staged);
	repo_entries_release(&entries);
	repo_free(repo);
}

static void test_list_index_adds_to_what_is_there(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "more/b.md", "b");
	unit_run(fx->top, "git add -A");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("more")), 0);
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "", (const char *const[]){
		"more/b.md", "notes/a.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);
}

/* Links (mode 120000) and submodules (mode 160000) are not notes, whatever their names. */
static void test_list_index_skips_links_and_submodules(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/a.md", "a");
	unit_symlink("a.md", fx->top, "notes/link.md");
	unit_symlink("../../outside.md", fx->top, "notes/out.md");
	unit_run(fx->top, "git add -A");
	S_commit_all(fx, "one");
	unit_run(fx->top, "git update-index --add --cacheinfo \"160000,$(git rev-parse HEAD),"
		 "notes/sub.md\"");
	char *modes = unit_output(fx->top, "git ls-files -s notes | cut -c1-6 | sort | "
				  "uniq -c | tr -s ' ' | tr '\\n' ,");
	assert_string_equal(modes, " 1 100644, 2 120000, 1 160000,");
	free(modes);

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "", (const char *const[]){ "notes/a.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);
}

/* The root is a subfolder: paths are relative to it, and nothing beside it is listed. */
static void test_list_index_root_in_a_subfolder(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "team/notes/a.md", "a");
	unit_write(fx->top, "team/notes/2020/b.md", "b");
	unit_write(fx->top, "team/top.md", "in the root, not in its notes folder");
	unit_write(fx->top, "notes/c.md", "the top's notes, not the root's");
	unit_write(fx->top, "team-b/notes/d.md", "a sibling whose name begins like it");
	unit_run(fx->top, "git add -A");

	struct repo *repo = S_open(fx, "team");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "team", (const char *const[]){
		"notes/2020/b.md", "notes/a.md", NULL });
	repo_entries_release(&entries);

	/* "" is the whole root. */
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("")), 0);
	assert_entries(fx, &entries, ":", "team", (const char *const[]){
		"notes/2020/b.md", "notes/a.md", "top.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);
}

/* A merge conflict leaves stages 1-3 and no stage 0: nothing is about to be committed there. */
static void test_list_index_skips_the_sides_of_a_conflict(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/a.md", "base\n");
	unit_write(fx->top, "notes/b.md", "b\n");
	S_commit_all(fx, "base");
	unit_run(fx->top, "git checkout -q -b side && echo side >notes/a.md && "
		 UNIT_GIT " commit -q -a -m side && git checkout -q main && "
		 "echo main >notes/a.md && " UNIT_GIT " commit -q -a -m main && "
		 "! " UNIT_GIT " merge -q side >/dev/null 2>&1");
	char *stages = unit_output(fx->top, "git ls-files -s notes/a.md | wc -l");
	assert_string_equal(stages, "3");
	free(stages);

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, ":", "", (const char *const[]){ "notes/b.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);
}

/*
 * GIT_INDEX_FILE names the index `git commit` is about to record (a
 * temporary one for `git commit -a` or `git commit PATH`): that one is read.
 */
static void test_list_index_honours_git_index_file(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;
	struct strlist staged = STRLIST_INIT;

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_all(fx, "one");
	unit_write(fx->top, "notes/alt.md", "only in the other index");
	unit_write(fx->top, "notes/main.md", "only in the usual index");
	unit_run(fx->top, "git add notes/main.md && GIT_INDEX_FILE=\"$PWD/../alt-index\" "
		 "git add notes/alt.md");

	char *alt = unit_path(fx->base, "alt-index");
	assert_int_equal(setenv("GIT_INDEX_FILE", alt, 1), 0);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_int_equal(repo_staged_changes(&staged, repo, UNIT_NOTES("notes"), NULL), 0);
	repo_free(repo);
	assert_int_equal(unsetenv("GIT_INDEX_FILE"), 0);
	free(alt);

	assert_strings(staged.items, staged.len, (const char *const[]){ "notes/alt.md", NULL });
	/* notes/a.md is not in that index: it is about to be deleted, and listed as such. */
	assert_entries(fx, &entries, NULL, "", (const char *const[]){ "notes/alt.md", NULL });
	char *blob = unit_output(fx->top, "git hash-object notes/alt.md");
	assert_string_equal(entries.items[0].blob, blob);
	free(blob);
	strlist_release(&staged);
	repo_entries_release(&entries);
}

/*
 * README: "Every .md file below the notes folder is a note; files and
 * folders whose names begin with . are skipped." `perennial check` skips
 * them in the working tree; the index and commits must agree, or the hook
 * stops a commit over a file `check` calls no note.
 */
static void test_list_skips_hidden_files_and_folders(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries index = REPO_ENTRIES_INIT, commit = REPO_ENTRIES_INIT;
	struct strlist staged = STRLIST_INIT;
	char listed[3][256];

	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "notes/.draft.md", "hidden");
	unit_write(fx->top, "notes/.trash/old.md", "in a hidden folder");
	unit_write(fx->top, "notes/2020/.wip/x.md", "in a hidden folder");
	unit_run(fx->top, "git add -A");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_staged_changes(&staged, repo, UNIT_NOTES("notes"), NULL), 0);
	repo_free(repo);
	S_commit_all(fx, "one");
	repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&index, repo, UNIT_NOTES("notes")), 0);
	assert_int_equal(repo_list_commit(&commit, repo, "HEAD", UNIT_NOTES("notes"), NULL), 0);
	repo_free(repo);

	/* Released before the asserts: a failure must not leak. */
	S_join(listed[0], sizeof(listed[0]), index.len, index.len ? &index.items->path : NULL,
	       sizeof(*index.items));
	S_join(listed[1], sizeof(listed[1]), commit.len, commit.len ? &commit.items->path : NULL,
	       sizeof(*commit.items));
	S_join(listed[2], sizeof(listed[2]), staged.len, staged.items, sizeof(*staged.items));
	strlist_release(&staged);
	repo_entries_release(&index);
	repo_entries_release(&commit);
	assert_string_equal(listed[0], "notes/a.md");
	assert_string_equal(listed[1], "notes/a.md");
	assert_string_equal(listed[2], "notes/a.md");
}

/* --- repo_list_commit --- */

static void test_list_commit_any_revision(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/a.md", "first");
	unit_write(fx->top, "notes/z.txt", "not a note");
	S_commit_all(fx, "one");
	char *first = unit_output(fx->top, "git rev-parse HEAD");
	unit_write(fx->top, "notes/a.md", "second");
	unit_write(fx->top, "notes/2020/b.md", "b");
	S_commit_all(fx, "two");
	/* Staged but not committed: no commit holds it. */
	unit_write(fx->top, "notes/c.md", "c");
	unit_run(fx->top, "git add -A");

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES("notes"), NULL), 0);
	assert_entries(fx, &entries, "HEAD:", "", (const char *const[]){
		"notes/2020/b.md", "notes/a.md", NULL });
	repo_entries_release(&entries);

	assert_int_equal(repo_list_commit(&entries, repo, "main", UNIT_NOTES("notes"), NULL), 0);
	assert_entries(fx, &entries, "main:", "", (const char *const[]){
		"notes/2020/b.md", "notes/a.md", NULL });
	repo_entries_release(&entries);

	assert_int_equal(repo_list_commit(&entries, repo, "HEAD~1", UNIT_NOTES("notes"), NULL), 0);
	assert_entries(fx, &entries, "HEAD~1:", "", (const char *const[]){ "notes/a.md", NULL });
	repo_entries_release(&entries);

	assert_int_equal(repo_list_commit(&entries, repo, first, UNIT_NOTES("notes"), NULL), 0);
	assert_entries(fx, &entries, "HEAD~1:", "", (const char *const[]){ "notes/a.md", NULL });
	char *blob = unit_output(fx->top, "printf first | git hash-object --stdin");
	assert_string_equal(entries.items[0].blob, blob);
	free(blob);
	repo_entries_release(&entries);
	free(first);
	repo_free(repo);
}

static void test_list_commit_without_the_notes_folder_is_empty(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "README.md", "no notes yet");
	S_commit_all(fx, "one");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES("notes"), NULL), 0);
	assert_int_equal(entries.len, 0);
	repo_free(repo);

	/* A file where the folder should be holds no notes either. */
	unit_write(fx->top, "notes", "a file");
	S_commit_all(fx, "two");
	repo = S_open(fx, "");
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES("notes"), NULL), 0);
	assert_int_equal(entries.len, 0);
	repo_entries_release(&entries);
	repo_free(repo);
}

/* --- repo_list_folder --- */

static void test_list_folder_files_right_in_it(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist names = STRLIST_INIT;

	unit_write(fx->top, "root/reports/2020-W20.md", "a");
	unit_write(fx->top, "root/reports/index.html", "b");
	unit_write(fx->top, "root/reports/deeper/2020-W21.md", "c");
	S_commit_all(fx, "one");
	unit_run(fx->top, "ln -s index.html root/reports/link.html && " UNIT_GIT " add -A && "
		 UNIT_GIT " commit -q --no-verify -m two");
	unit_write(fx->top, "root/reports/2020-W22.md", "not committed");

	struct repo *repo = S_open(fx, "root");
	assert_int_equal(repo_list_folder(&names, repo, "HEAD", "reports"), 0);
	assert_int_equal(names.len, 2);
	assert_string_equal(names.items[0], "2020-W20.md");
	assert_string_equal(names.items[1], "index.html");
	strlist_release(&names);
	/* No such folder: nothing. No such revision: an error. */
	assert_int_equal(repo_list_folder(&names, repo, "HEAD", "nothing"), 0);
	assert_int_equal(names.len, 0);
	assert_int_equal(repo_list_folder(&names, repo, "no-such-branch", "reports"), -1);
	strlist_release(&names);
	repo_free(repo);
}

static void test_list_commit_unknown_revision_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;
	struct unit_capture c;

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_all(fx, "one");
	struct repo *repo = S_open(fx, "");
	unit_capture_start(&c);
	int rc = repo_list_commit(&entries, repo, "no-such-branch", UNIT_NOTES("notes"), NULL);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_int_equal(entries.len, 0);
	assert_non_null(strstr(printed, "perennial: error: no-such-branch: "));
	free(printed);

	unit_capture_start(&c);
	rc = repo_list_commit(&entries, repo, "HEAD~5", UNIT_NOTES("notes"), NULL);
	printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(printed, "perennial: error: HEAD~5: "));
	free(printed);
	repo_free(repo);
}

static void test_list_commit_on_an_unborn_branch_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;
	struct unit_capture c;

	struct repo *repo = S_open(fx, "");
	unit_capture_start(&c);
	int rc = repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES("notes"), NULL);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(printed, "perennial: error: HEAD: "));
	free(printed);
	repo_free(repo);
}

static void test_list_commit_skips_links_and_submodules(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "notes/x/b.md", "b");
	unit_symlink("a.md", fx->top, "notes/link.md");
	unit_symlink("x", fx->top, "notes/folder-link.md");
	S_commit_all(fx, "one");
	unit_run(fx->top, "git update-index --add --cacheinfo \"160000,$(git rev-parse HEAD),"
		 "notes/sub.md\" && " UNIT_GIT " commit -q --no-verify -m two");
	char *modes = unit_output(fx->top, "git ls-tree -r HEAD notes | cut -c1-6 | sort | "
				  "uniq -c | tr -s ' ' | tr '\\n' ,");
	assert_string_equal(modes, " 2 100644, 2 120000, 1 160000,");
	free(modes);

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES("notes"), NULL), 0);
	assert_entries(fx, &entries, "HEAD:", "", (const char *const[]){
		"notes/a.md", "notes/x/b.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);
}

static void test_list_commit_root_in_a_subfolder(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	unit_write(fx->top, "team/notes/a.md", "a");
	unit_write(fx->top, "team/notes/2020/b.md", "b");
	unit_write(fx->top, "team/top.md", "t");
	unit_write(fx->top, "notes/c.md", "c");
	unit_write(fx->top, "team-b/notes/d.md", "d");
	S_commit_all(fx, "one");

	struct repo *repo = S_open(fx, "team");
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES("notes"), NULL), 0);
	assert_entries(fx, &entries, "HEAD:", "team", (const char *const[]){
		"notes/2020/b.md", "notes/a.md", NULL });
	repo_entries_release(&entries);
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES(""), NULL), 0);
	assert_entries(fx, &entries, "HEAD:", "team", (const char *const[]){
		"notes/2020/b.md", "notes/a.md", "top.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);

	/* The top as the root, "" as the folder: the whole tree. */
	repo = S_open(fx, "");
	assert_int_equal(repo_list_commit(&entries, repo, "HEAD", UNIT_NOTES(""), NULL), 0);
	assert_entries(fx, &entries, "HEAD:", "", (const char *const[]){
		"notes/c.md", "team-b/notes/d.md", "team/notes/2020/b.md", "team/notes/a.md",
		"team/top.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);
}

/* --- repo_staged_changes --- */

static void test_staged_added_modified_renamed_not_deleted(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;

	unit_write(fx->top, "notes/modified.md", "before");
	unit_write(fx->top, "notes/deleted.md", "going");
	unit_write(fx->top, "notes/old-name.md", "moving, unchanged");
	unit_write(fx->top, "notes/same.md", "untouched");
	unit_write(fx->top, "notes/edited-not-staged.md", "before");
	unit_write(fx->top, "top.md", "outside the notes folder");
	S_commit_all(fx, "one");

	unit_write(fx->top, "notes/modified.md", "after");
	unit_write(fx->top, "notes/2020/added.md", "new");
	unit_write(fx->top, "notes/added.txt", "not a note");
	unit_write(fx->top, "top.md", "changed, outside the notes folder");
	unit_symlink("same.md", fx->top, "notes/link.md");
	unit_run(fx->top, "git add -A && git rm -q notes/deleted.md && "
		 "git mv notes/old-name.md notes/new-name.md");
	unit_write(fx->top, "notes/edited-not-staged.md", "after");
	unit_write(fx->top, "notes/untracked.md", "never added");

	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("notes"), NULL), 0);
	assert_strings(out.items, out.len, (const char *const[]){
		"notes/2020/added.md", "notes/modified.md", "notes/new-name.md", NULL });
	strlist_release(&out);
	repo_free(repo);
}

/* What the hook looks at beside the notes: perennial.yml and templates/, staged or not. */
static void test_staged_files_that_are_not_notes(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;
	static const char *const paths[] = { "perennial.yml", "templates" };

	unit_write(fx->top, "team/perennial.yml", "notes: notes\n");
	unit_write(fx->top, "team/templates/week.md", "{{week}}");
	unit_write(fx->top, "team/templates/index.md", "{{weeks}}");
	S_commit_all(fx, "one");
	struct repo *repo = S_open(fx, "team");
	assert_int_equal(repo_staged_files(&out, repo, paths, 2), 0);
	assert_int_equal(out.len, 0);

	unit_write(fx->top, "team/perennial.yml", "notes: notes\nreports: pages\n");
	unit_write(fx->top, "team/templates/week.md", "{{#week}}");
	unit_write(fx->top, "team/templates/.week.md.swp", "an editor's");
	unit_write(fx->top, "team/templates-old/week.md", "a sibling folder");
	unit_write(fx->top, "team/notes/a.md", "a note");
	unit_write(fx->top, "perennial.yml", "the top's, outside the root");
	unit_run(fx->top, "git add -A");
	unit_write(fx->top, "team/templates/index.md", "edited, not staged");
	repo_free(repo);
	repo = S_open(fx, "team");
	assert_int_equal(repo_staged_files(&out, repo, paths, 2), 0);
	assert_strings(out.items, out.len, (const char *const[]){
		"perennial.yml", "templates/week.md", NULL });
	strlist_release(&out);
	repo_free(repo);
}

static void test_staged_nothing_staged(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_all(fx, "one");
	unit_write(fx->top, "notes/a.md", "edited, not staged");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("notes"), NULL), 0);
	assert_int_equal(out.len, 0);
	repo_free(repo);
}

/* A file whose mode alone changed is recorded anew: it is listed too. */
static void test_staged_mode_change_is_a_change(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_all(fx, "one");
	unit_run(fx->top, "git update-index --chmod=+x notes/a.md");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("notes"), NULL), 0);
	assert_strings(out.items, out.len, (const char *const[]){ "notes/a.md", NULL });
	strlist_release(&out);
	repo_free(repo);
}

static void test_staged_on_an_unborn_branch_everything_is_new(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;

	unit_write(fx->top, "notes/b.md", "b");
	unit_write(fx->top, "notes/2020/a.md", "a");
	unit_write(fx->top, "perennial.yml", "notes: notes\n");
	unit_run(fx->top, "git add -A");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("notes"), NULL), 0);
	assert_strings(out.items, out.len, (const char *const[]){
		"notes/2020/a.md", "notes/b.md", NULL });
	strlist_release(&out);
	repo_free(repo);
}

static void test_staged_only_below_the_roots_notes_folder(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;

	unit_write(fx->top, "README.md", "r");
	S_commit_all(fx, "one");
	unit_write(fx->top, "team/notes/a.md", "a");
	unit_write(fx->top, "team/notes-old/b.md", "a sibling folder");
	unit_write(fx->top, "team/c.md", "in the root, not its notes folder");
	unit_write(fx->top, "notes/d.md", "the top's notes");
	unit_write(fx->top, "team-b/notes/e.md", "a sibling root");
	unit_run(fx->top, "git add -A");

	struct repo *repo = S_open(fx, "team");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("notes"), NULL), 0);
	assert_strings(out.items, out.len, (const char *const[]){ "notes/a.md", NULL });
	strlist_release(&out);
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES(""), NULL), 0);
	assert_strings(out.items, out.len, (const char *const[]){
		"c.md", "notes-old/b.md", "notes/a.md", NULL });
	strlist_release(&out);
	repo_free(repo);
}

/*
 * A folder name is a name, not a pattern: a root in `team [1]` (or a
 * notes folder `notes*`) still has its staged notes found. Were the folder
 * handed to git as a pathspec, `[1]` would match `1` and the hook would
 * let every broken note through.
 */
static void test_staged_folder_names_with_pattern_characters(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strlist out = STRLIST_INIT;
	char listed[2][256];

	unit_write(fx->top, "README.md", "r");
	S_commit_all(fx, "one");
	unit_write(fx->top, "team [1]/notes/a.md", "a");
	unit_write(fx->top, "team 1/notes/decoy.md", "what the pattern would match");
	unit_write(fx->top, "x/n*tes/b.md", "b");
	unit_write(fx->top, "x/notes/decoy.md", "what the pattern would match");
	unit_run(fx->top, "git add -A");

	struct repo *repo = S_open(fx, "team [1]");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("notes"), NULL), 0);
	S_join(listed[0], sizeof(listed[0]), out.len, out.items, sizeof(*out.items));
	strlist_release(&out);
	repo_free(repo);

	repo = S_open(fx, "x");
	assert_int_equal(repo_staged_changes(&out, repo, UNIT_NOTES("n*tes"), NULL), 0);
	S_join(listed[1], sizeof(listed[1]), out.len, out.items, sizeof(*out.items));
	strlist_release(&out);
	repo_free(repo);

	assert_string_equal(listed[0], "notes/a.md");
	assert_string_equal(listed[1], "n*tes/b.md");
}

/* --- repo_file_blob --- */

static void test_file_blob_of_a_commit_and_of_the_index(void **state)
{
	struct unit_git_repo *fx = *state;
	char committed[REPO_BLOB_ID_SIZE], staged[REPO_BLOB_ID_SIZE], blob[REPO_BLOB_ID_SIZE];

	unit_write(fx->top, "team/perennial.yml", "one");
	S_commit_all(fx, "one");
	unit_write(fx->top, "team/perennial.yml", "two");
	unit_write(fx->top, "team/new.yml", "new");
	unit_run(fx->top, "git add -A");
	repo_hash_blob(committed, "one", 3);
	repo_hash_blob(staged, "two", 3);

	struct repo *repo = S_open(fx, "team");
	assert_int_equal(repo_file_blob(blob, repo, "HEAD", "perennial.yml"), 1);
	assert_string_equal(blob, committed);
	assert_int_equal(repo_file_blob(blob, repo, NULL, "perennial.yml"), 1);
	assert_string_equal(blob, staged);
	assert_int_equal(repo_file_blob(blob, repo, "HEAD", "new.yml"), 0);
	assert_int_equal(repo_file_blob(blob, repo, NULL, "new.yml"), 1);
	assert_int_equal(repo_file_blob(blob, repo, NULL, "absent.yml"), 0);
	repo_free(repo);
}

/* --- repo_read_blob --- */

static void test_read_blob_gives_the_bytes(void **state)
{
	struct unit_git_repo *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	static const char text[] = "---\ntitle: x\n---\r\nbody\n";

	unit_write(fx->top, "notes/a.md", text);
	char *blob = unit_output(fx->top, "git hash-object -w notes/a.md");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_read_blob(&src, repo, blob, "notes/a.md", &diags), 0);
	assert_non_null(src);
	assert_string_equal(src->path, "notes/a.md");
	assert_int_equal(src->len, sizeof(text) - 1);
	assert_memory_equal(src->bytes, text, sizeof(text) - 1);
	assert_int_equal(src->bytes[src->len], '\0');
	assert_int_equal(diags.len, 0);
	source_free(src);
	free(blob);

	/* An empty blob is an empty note, not a missing one. */
	blob = unit_output(fx->top, "git hash-object -w --stdin </dev/null");
	assert_int_equal(repo_read_blob(&src, repo, blob, "notes/empty.md", &diags), 0);
	assert_non_null(src);
	assert_int_equal(src->len, 0);
	assert_int_equal(diags.len, 0);
	source_free(src);
	free(blob);
	repo_free(repo);
}

static void test_read_blob_at_the_limit_is_read(void **state)
{
	struct unit_git_repo *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;

	char *blob = unit_output(fx->top, "head -c %d /dev/zero | tr '\\000' a | "
				 "git hash-object -w --stdin", NOTE_MAX_SIZE);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_read_blob(&src, repo, blob, "notes/big.md", &diags), 0);
	assert_non_null(src);
	assert_int_equal(src->len, NOTE_MAX_SIZE);
	assert_int_equal(diags.len, 0);
	source_free(src);
	free(blob);
	repo_free(repo);
}

/*
 * Over the limit, the blob's header alone decides: its body is never
 * inflated. To show it, the end of the loose object is damaged so that
 * loading it fails (git itself cannot read it): only a reader that stops
 * at the header can answer with the diagnostic.
 */
static void test_read_blob_over_the_limit_is_refused_unloaded(void **state)
{
	struct unit_git_repo *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;   /* must be reset to NULL */
	struct unit_capture c;

	char *blob = unit_output(fx->top, "head -c %d /dev/zero | tr '\\000' a | "
				 "git hash-object -w --stdin", NOTE_MAX_SIZE + 1);
	unit_run(fx->top, "f=.git/objects/$(echo %.2s)/$(echo %s | cut -c3-) && chmod u+w $f && "
		 "size=$(wc -c <$f) && printf XXXXXXXXXXXXXXXX | "
		 "dd of=$f bs=1 seek=$((size - 16)) conv=notrunc 2>/dev/null", blob, blob);
	assert_int_not_equal(unit_sh(fx->top, "git cat-file blob %s >/dev/null 2>&1", blob), 0);

	struct repo *repo = S_open(fx, "");
	unit_capture_start(&c);
	int rc = repo_read_blob(&src, repo, blob, "notes/huge.md", &diags);
	char *printed = unit_capture_stop(&c);
	assert_string_equal(printed, "");
	assert_int_equal(rc, 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	/* The wording is notefile's (test_notefile.c); here, that it is this diagnostic. */
	assert_diag_in(&diags, 0, DIAG_FILE_TOO_LARGE, "notes/huge.md", 1, 1, 0,
		       UNIT_ANY, UNIT_ANY);
	diag_list_release(&diags);
	free(printed);
	free(blob);
	repo_free(repo);
}

static void test_read_blob_with_a_nul_is_binary(void **state)
{
	struct unit_git_repo *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;

	char *blob = unit_output(fx->top, "printf -- '---\\ntitle: x\\n---\\nend\\000tail' | "
				 "git hash-object -w --stdin");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_read_blob(&src, repo, blob, "notes/bin.md", &diags), 1);
	assert_null(src);
	assert_int_equal(diags.len, 1);
	assert_diag_in(&diags, 0, DIAG_BINARY_FILE, "notes/bin.md", 1, 1, 0, UNIT_ANY, UNIT_ANY);
	diag_list_release(&diags);
	free(blob);
	repo_free(repo);
}

static void test_read_blob_missing_or_malformed_id_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = (struct source *)&diags;
	struct unit_capture c;

	struct repo *repo = S_open(fx, "");
	unit_capture_start(&c);
	int rc = repo_read_blob(&src, repo, "0123456789012345678901234567890123456789",
				"notes/gone.md", &diags);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(src);
	assert_int_equal(diags.len, 0);
	assert_non_null(strstr(printed, "perennial: error: notes/gone.md: "));
	free(printed);

	src = (struct source *)&diags;
	unit_capture_start(&c);
	rc = repo_read_blob(&src, repo, "not-an-id", "notes/bad.md", &diags);
	printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_null(src);
	assert_int_equal(diags.len, 0);
	assert_non_null(strstr(printed, "perennial: error: notes/bad.md: "));
	free(printed);
	repo_free(repo);
}

/* --- repo_walk_history --- */

/* Commits with a fixed author date (git's format, with its offset), hooks or not. */
#define S_commit_at(fx, date) \
	unit_run((fx)->top, UNIT_GIT " add -A && GIT_AUTHOR_DATE='%s' GIT_COMMITTER_DATE='%s' " \
		 UNIT_GIT " commit -q --no-verify --allow-empty -m 'at %s'", (date), (date), (date))

/*
 * What the walk reported, one line per commit: its day, then each change
 * as +path (added), ~path (changed) or -path (removed). The blobs of each
 * change are checked against what git says the commit and its parent hold.
 */
struct S_log {
	const struct unit_git_repo *fx;
	const char *prefix;        /* the notes root below the top, with '/' or "" */
	struct strbuf text;
	size_t calls;
	int stop_at;               /* return 7 from this call (1-based); 0 never */
	int bad_blob;
};

static int S_log_commit(void *arg, const struct repo_commit *commit)
{
	struct S_log *log = arg;

	log->calls++;
	strbuf_addf(&log->text, "%s", commit->day);
	for (size_t i = 0; i < commit->nchanges; i++) {
		const struct repo_change *c = &commit->changes[i];
		char kind = !c->old_blob[0] ? '+' : !c->new_blob[0] ? '-' : '~';
		strbuf_addf(&log->text, " %c%s", kind, c->path);
		/* git's own view: the file's blob in the commit and its parent, if a file is there. */
		const char *const sides[2][2] = { { "^", c->old_blob }, { "", c->new_blob } };
		for (int k = 0; k < 2; k++) {
			char *blob = unit_output(log->fx->top, "{ git ls-tree '%s%s' -- '%s%s' "
						 "2>/dev/null || true; } | awk '$1 == \"100644\" || "
						 "$1 == \"100755\" { print $3 }'", commit->id,
						 sides[k][0], log->prefix, c->path);
			if (strcmp(blob, sides[k][1]) != 0)
				log->bad_blob = 1;
			free(blob);
		}
	}
	strbuf_addch(&log->text, '\n');
	return log->stop_at && (size_t)log->stop_at == log->calls ? 7 : 0;
}

/* The log of `rev` for folder `dir` of the root top/rel; the walk must succeed. */
static char *S_walk_log(const struct unit_git_repo *fx, const char *rel, const char *rev,
			const char *dir)
{
	struct S_log log = { fx, "", STRBUF_INIT, 0, 0, 0 };
	char *prefix = *rel ? S_format("%s/", rel) : strdup("");
	struct repo *repo = S_open(fx, rel);

	log.prefix = prefix;
	int rc = repo_walk_history(repo, rev, UNIT_NOTES(dir), S_log_commit, &log);
	repo_free(repo);
	free(prefix);
	char *text = strbuf_detach(&log.text);
	assert_int_equal(rc, 0);
	assert_false(log.bad_blob);
	return text;
}

static void test_walk_history_oldest_first_notes_only(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "notes/b.md", "b");
	unit_write(fx->top, "notes/x.txt", "not a note");
	unit_write(fx->top, "notes/.hidden.md", "hidden");
	S_commit_at(fx, "2020-05-12T10:00:00+00:00");
	unit_write(fx->top, "notes/a.md", "a2");
	unit_run(fx->top, "git rm -q notes/b.md");
	unit_write(fx->top, "notes/2020/05/c.md", "c");
	S_commit_at(fx, "2020-05-13T10:00:00+00:00");
	unit_write(fx->top, "README.md", "only outside");
	unit_write(fx->top, "notes/x.txt", "still not a note");
	unit_write(fx->top, "notes/.hidden.md", "hidden still");
	S_commit_at(fx, "2020-05-14T10:00:00+00:00");
	S_commit_at(fx, "2020-05-15T10:00:00+00:00");
	/* The mode alone: the same note. */
	unit_run(fx->top, "chmod +x notes/a.md");
	S_commit_at(fx, "2020-05-16T10:00:00+00:00");
	/* A note turned into a link is gone; a note turned into a folder too. */
	unit_run(fx->top, "rm notes/a.md && ln -s 2020 notes/a.md && rm notes/2020/05/c.md && "
		 "mkdir notes/2020/05/c.md");
	unit_write(fx->top, "notes/2020/05/c.md/d.md", "d");
	S_commit_at(fx, "2020-05-17T10:00:00+00:00");

	char *log = S_walk_log(fx, "", "HEAD", "notes");
	assert_string_equal(log,
			    "2020-05-12 +notes/a.md +notes/b.md\n"
			    "2020-05-13 +notes/2020/05/c.md ~notes/a.md -notes/b.md\n"
			    "2020-05-17 -notes/2020/05/c.md +notes/2020/05/c.md/d.md -notes/a.md\n");
	free(log);

	/* An older revision ends there. */
	log = S_walk_log(fx, "", "HEAD~3", "notes");
	assert_string_equal(log,
			    "2020-05-12 +notes/a.md +notes/b.md\n"
			    "2020-05-13 +notes/2020/05/c.md ~notes/a.md -notes/b.md\n");
	free(log);
}

/* The day is the author's: in their offset, not UTC, and not the committer's. */
static void test_walk_history_days_in_the_authors_offset(void **state)
{
	struct unit_git_repo *fx = *state;
	static const char *const dates[][2] = {
		{ "2020-05-20T23:30:00-07:00", "2020-05-20" },   /* UTC: the 21st */
		{ "2020-05-22T01:30:00+09:00", "2020-05-22" },   /* UTC: the 21st */
		{ "2020-12-31T23:59:59-12:00", "2020-12-31" },
		{ "2021-01-01T00:00:00+14:00", "2021-01-01" },
		{ "2020-02-29T12:00:00+00:00", "2020-02-29" },
		{ "1970-01-01T00:00:00+00:00", "1970-01-01" },
		{ "2096-03-01T00:30:00+01:00", "2096-03-01" },
	};
	struct strbuf want = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		char name[32];
		snprintf(name, sizeof(name), "notes/%zu.md", i);
		unit_write(fx->top, name, "x");
		S_commit_at(fx, dates[i][0]);
		strbuf_addf(&want, "%s +%s\n", dates[i][1], name);
	}
	/* A committer on another day changes nothing. */
	unit_write(fx->top, "notes/late.md", "x");
	unit_run(fx->top, UNIT_GIT " add -A && GIT_AUTHOR_DATE='2020-06-01T10:00:00+00:00' "
		 "GIT_COMMITTER_DATE='2020-07-09T10:00:00+00:00' " UNIT_GIT
		 " commit -q --no-verify -m late");
	strbuf_addstr(&want, "2020-06-01 +notes/late.md\n");

	char *log = S_walk_log(fx, "", "HEAD", "notes");
	assert_string_equal(log, want.buf);
	free(log);
	strbuf_release(&want);
}

/* A date no calendar can print (a hostile or broken commit) gives no day, and no failure. */
static void test_walk_history_date_out_of_range(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_write(fx->top, "notes/a.md", "a");
	unit_run(fx->top, UNIT_GIT " add -A && tree=$(git write-tree) && "
		 "c=$(printf 'tree %%s\\nauthor t <t@x> 99999999999999 +0000\\n"
		 "committer t <t@x> 99999999999999 +0000\\n\\nfar\\n' $tree | "
		 "git hash-object -t commit -w --stdin) && git update-ref refs/heads/main $c");
	char *log = S_walk_log(fx, "", "HEAD", "notes");
	assert_string_equal(log, " +notes/a.md\n");
	free(log);
}

/* Along first parents: a merge brings its branch's changes at once; the branch's own commits are not walked. */
static void test_walk_history_first_parent(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_at(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q -b side");
	unit_write(fx->top, "notes/b.md", "b");
	S_commit_at(fx, "2020-05-13T10:00:00+00:00");
	unit_write(fx->top, "notes/b.md", "b2");
	S_commit_at(fx, "2020-05-14T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q main");
	unit_write(fx->top, "notes/a.md", "a2");
	S_commit_at(fx, "2020-05-15T10:00:00+00:00");
	unit_run(fx->top, "GIT_AUTHOR_DATE='2020-05-16T10:00:00+00:00' "
		 "GIT_COMMITTER_DATE='2020-05-16T10:00:00+00:00' "
		 UNIT_GIT " merge -q --no-ff --no-edit side");

	char *log = S_walk_log(fx, "", "HEAD", "notes");
	assert_string_equal(log,
			    "2020-05-12 +notes/a.md\n"
			    "2020-05-15 ~notes/a.md\n"
			    "2020-05-16 +notes/b.md\n");
	free(log);
	log = S_walk_log(fx, "", "side", "notes");
	assert_string_equal(log,
			    "2020-05-12 +notes/a.md\n"
			    "2020-05-13 +notes/b.md\n"
			    "2020-05-14 ~notes/b.md\n");
	free(log);
}

static void test_walk_history_root_in_a_subfolder(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_write(fx->top, "team/notes/a.md", "a");
	unit_write(fx->top, "team/top.md", "t");
	unit_write(fx->top, "notes/c.md", "c");
	unit_write(fx->top, "team-b/notes/d.md", "d");
	S_commit_at(fx, "2020-05-12T10:00:00+00:00");
	unit_write(fx->top, "notes/c.md", "c2");
	S_commit_at(fx, "2020-05-13T10:00:00+00:00");
	unit_run(fx->top, "git rm -q -r team/notes");
	S_commit_at(fx, "2020-05-14T10:00:00+00:00");

	char *log = S_walk_log(fx, "team", "HEAD", "notes");
	assert_string_equal(log, "2020-05-12 +notes/a.md\n2020-05-14 -notes/a.md\n");
	free(log);
	log = S_walk_log(fx, "team", "HEAD", "");
	assert_string_equal(log, "2020-05-12 +notes/a.md +top.md\n2020-05-14 -notes/a.md\n");
	free(log);
}

static void test_walk_history_stops_when_the_callback_says(void **state)
{
	struct unit_git_repo *fx = *state;
	struct S_log log = { fx, "", STRBUF_INIT, 0, 1, 0 };

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_at(fx, "2020-05-12T10:00:00+00:00");
	unit_write(fx->top, "notes/a.md", "a2");
	S_commit_at(fx, "2020-05-13T10:00:00+00:00");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_walk_history(repo, "HEAD", UNIT_NOTES("notes"), S_log_commit, &log), 7);
	assert_int_equal(log.calls, 1);
	strbuf_release(&log.text);
	repo_free(repo);
}

static void test_walk_history_unknown_or_unborn_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct S_log log = { fx, "", STRBUF_INIT, 0, 0, 0 };
	struct unit_capture c;

	struct repo *repo = S_open(fx, "");
	unit_capture_start(&c);
	int rc = repo_walk_history(repo, "HEAD", UNIT_NOTES("notes"), S_log_commit, &log);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(printed, "perennial: error: HEAD: "));
	free(printed);

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_at(fx, "2020-05-12T10:00:00+00:00");
	unit_capture_start(&c);
	rc = repo_walk_history(repo, "no-such-branch", UNIT_NOTES("notes"), S_log_commit, &log);
	printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(printed, "perennial: error: no-such-branch: "));
	free(printed);
	assert_int_equal(log.calls, 0);
	strbuf_release(&log.text);
	repo_free(repo);
}

/* --- repo_entries_find --- */

static void test_entries_find(void **state)
{
	struct unit_git_repo *fx = *state;
	struct repo_entries entries = REPO_ENTRIES_INIT;

	assert_null(repo_entries_find(&entries, "notes/a.md"));
	unit_write(fx->top, "notes/a.md", "a");
	unit_write(fx->top, "notes/b.md", "b");
	unit_write(fx->top, "notes/2020/c.md", "c");
	unit_run(fx->top, "git add -A");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_int_equal(entries.len, 3);
	for (size_t i = 0; i < entries.len; i++)
		assert_ptr_equal(repo_entries_find(&entries, entries.items[i].path),
				 &entries.items[i]);
	const struct repo_entry *b = repo_entries_find(&entries, "notes/b.md");
	assert_non_null(b);
	char *blob = unit_output(fx->top, "git rev-parse :notes/b.md");
	assert_string_equal(b->blob, blob);
	free(blob);
	assert_null(repo_entries_find(&entries, "notes/b"));
	assert_null(repo_entries_find(&entries, "notes/b.md.bak"));
	assert_null(repo_entries_find(&entries, "b.md"));
	assert_null(repo_entries_find(&entries, ""));
	assert_null(repo_entries_find(&entries, "zzz"));
	repo_entries_release(&entries);
	repo_free(repo);
}

/* --- repo_hooks_dir --- */

static void S_assert_hooks_dir(struct repo *repo, const char *want, const char *at_file, int at)
{
	char *out = NULL;
	_assert_int_equal(repo_hooks_dir(&out, repo), 0, at_file, at);
	_assert_true(out != NULL, "a folder", at_file, at);
	_assert_string_equal(out, want, at_file, at);
	free(out);
}

#define assert_hooks_dir(repo, want) S_assert_hooks_dir((repo), (want), __FILE__, __LINE__)

static void test_hooks_dir_default(void **state)
{
	struct unit_git_repo *fx = *state;
	char *want = unit_path(fx->top, ".git/hooks");

	unit_mkdir(fx->top, "team");
	struct repo *repo = S_open(fx, "");
	assert_hooks_dir(repo, want);
	repo_free(repo);
	repo = S_open(fx, "team");
	assert_hooks_dir(repo, want);
	repo_free(repo);
	free(want);
}

static void test_hooks_dir_core_hookspath_absolute(void **state)
{
	struct unit_git_repo *fx = *state;
	char *want = unit_path(fx->base, "shared hooks");

	unit_run(fx->top, "git config core.hooksPath '%s'", want);
	unit_mkdir(fx->top, "team");
	struct repo *repo = S_open(fx, "team");
	assert_hooks_dir(repo, want);
	repo_free(repo);
	free(want);
}

/* Relative to where git runs hooks: the work tree's top, whatever the notes root. */
static void test_hooks_dir_core_hookspath_relative(void **state)
{
	struct unit_git_repo *fx = *state;
	char *want = unit_path(fx->top, "tools/hooks");

	unit_run(fx->top, "git config core.hooksPath tools/hooks");
	unit_mkdir(fx->top, "team/notes");
	struct repo *repo = S_open(fx, "team/notes");
	assert_hooks_dir(repo, want);
	repo_free(repo);
	free(want);
}

/* `~/` is the home folder, as git reads it. */
static void test_hooks_dir_core_hookspath_home(void **state)
{
	struct unit_git_repo *fx = *state;
	char *want = unit_path(getenv("HOME"), "hooks");

	unit_run(fx->top, "git config core.hooksPath '~/hooks'");
	struct repo *repo = S_open(fx, "");
	assert_hooks_dir(repo, want);
	repo_free(repo);
	free(want);
}

/* A linked work tree (git worktree add) runs the hooks of the repository it shares. */
static void test_hooks_dir_linked_worktree_shares_the_main_hooks(void **state)
{
	struct unit_git_repo *fx = *state;
	char *want = unit_path(fx->top, ".git/hooks");
	char *git_dir = unit_path(fx->top, ".git");

	unit_write(fx->top, "notes/a.md", "a");
	S_commit_all(fx, "one");
	unit_run(fx->top, "git worktree add -q ../linked -b side");
	char *linked = unit_path(fx->base, "linked");

	struct repo *repo = NULL;
	assert_int_equal(repo_open(&repo, linked), 0);
	assert_string_equal(repo_prefix(repo), "");
	char *common = realpath(repo_common_dir(repo), NULL);
	assert_non_null(common);
	assert_string_equal(common, git_dir);
	free(common);
	assert_hooks_dir(repo, want);

	/* Its index is its own. */
	struct repo_entries entries = REPO_ENTRIES_INIT;
	unit_write(linked, "notes/only-linked.md", "x");
	unit_run(linked, "git add -A");
	repo_free(repo);
	assert_int_equal(repo_open(&repo, linked), 0);
	assert_int_equal(repo_list_index(&entries, repo, UNIT_NOTES("notes")), 0);
	assert_entries(fx, &entries, NULL, "", (const char *const[]){
		"notes/a.md", "notes/only-linked.md", NULL });
	repo_entries_release(&entries);
	repo_free(repo);

	/* A relative hooksPath is relative to the top of the work tree git runs hooks in. */
	unit_run(fx->top, "git config core.hooksPath hooks-here");
	char *relative = unit_path(linked, "hooks-here");
	assert_int_equal(repo_open(&repo, linked), 0);
	assert_hooks_dir(repo, relative);
	repo_free(repo);
	free(relative);
	free(linked);
	free(git_dir);
	free(want);
}

/* --- repo_fetch and repo_commit_day --- */

/*
 * A chapter's repository beside the network's, base/chapter: main with
 * two commits (the second dated in California), a branch `side`, a tag
 * v1. Returns its path, malloc'd.
 */
static char *S_chapter(const struct unit_git_repo *fx)
{
	char *dir = unit_path(fx->base, "chapter");

	unit_mkdir(fx->base, "chapter");
	unit_run(dir, UNIT_GIT " init -q && " UNIT_GIT " commit -q --allow-empty -m one && "
		 UNIT_GIT " tag -a v1 -m v1 && " UNIT_GIT " branch side");
	unit_write(dir, "notes/a.md", "a");
	unit_run(dir, UNIT_GIT " add -A && GIT_AUTHOR_DATE='2024-03-09T23:30:00-08:00' "
		 UNIT_GIT " commit -q -m two");
	return dir;
}

/* The network's own history: one commit on main. */
static void S_network_commit(const struct unit_git_repo *fx)
{
	unit_write(fx->top, "perennial.yml", "network: yes\n");
	S_commit_all(fx, "network");
}

/* What `git rev-parse rev` says in dir, malloc'd. */
static char *S_rev(const char *dir, const char *rev)
{
	return unit_output(dir, "git rev-parse --verify -q '%s'", rev);
}

/* Every ref of the repository at dir, a line each, and whether FETCH_HEAD is there. */
static char *S_refs(const char *dir)
{
	return unit_output(dir, "git for-each-ref --format='%%(refname)'; "
			   "test -e .git/FETCH_HEAD && echo FETCH_HEAD; true");
}

/* repo_fetch, its errors caught: they must be none when it returns 0. */
static int S_fetch(char *id, struct repo *repo, const char *url, const char *branch,
		   const char *ref, char **printed)
{
	struct unit_capture c;
	unit_capture_start(&c);
	int rc = repo_fetch(id, repo, url, branch, ref, "fetching");
	*printed = unit_capture_stop(&c);
	if (rc == 0)
		assert_string_equal(*printed, "");
	return rc;
}

static void test_fetch_from_a_path_and_a_file_url(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	char *chapter = S_chapter(fx);
	char *want = S_rev(chapter, "main");

	S_network_commit(fx);
	char *head = S_rev(fx->top, "HEAD");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_fetch(id, repo, chapter, "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	char *got = S_rev(fx->top, "refs/perennial/chapters/a");
	assert_string_equal(got, want);
	free(got);

	struct strbuf url = STRBUF_INIT;
	strbuf_addf(&url, "file://%s", chapter);
	char *side = S_rev(chapter, "side");
	assert_int_equal(S_fetch(id, repo, url.buf, "side", "refs/perennial/chapters/b",
				 &printed), 0);
	free(printed);
	assert_string_equal(id, side);

	/* No tag, no FETCH_HEAD, the network's branch and HEAD where they were. */
	char *refs = S_refs(fx->top);
	assert_string_equal(refs, "refs/heads/main\nrefs/perennial/chapters/a\n"
			    "refs/perennial/chapters/b");
	got = S_rev(fx->top, "HEAD");
	assert_string_equal(got, head);
	char *branch = unit_output(fx->top, "git symbolic-ref HEAD");
	assert_string_equal(branch, "refs/heads/main");
	char *status = unit_output(fx->top, "git status --porcelain");
	assert_string_equal(status, "");
	free(status);
	free(branch);
	free(got);
	free(refs);
	free(side);
	strbuf_release(&url);
	repo_free(repo);
	free(head);
	free(want);
	free(chapter);
}

/* What a fetch showed of its progress, through a display that records it. */
static struct {
	char label[32];
	int starts, updates, stops;
	size_t done, total;
} S_shown;

static struct progress *S_progress_start(const char *label)
{
	snprintf(S_shown.label, sizeof(S_shown.label), "%s", label);
	S_shown.starts++;
	return (struct progress *)&S_shown;
}

static void S_progress_update(struct progress *progress, size_t done, size_t total)
{
	assert_ptr_equal(progress, &S_shown);
	S_shown.updates++;
	S_shown.done = done;
	S_shown.total = total;
}

static void S_progress_stop(struct progress *progress)
{
	assert_ptr_equal(progress, &S_shown);
	S_shown.stops++;
}

static void test_fetch_shows_progress(void **state)
{
	static const struct progress_display display = {
		S_progress_start, S_progress_update, S_progress_stop,
	};
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	char *chapter = S_chapter(fx);

	memset(&S_shown, 0, sizeof(S_shown));
	progress_set_display(&display);
	struct repo *repo = S_open(fx, "");
	int rc = S_fetch(id, repo, chapter, "main", "refs/perennial/chapters/a", &printed);
	free(printed);
	assert_int_equal(rc, 0);
	assert_string_equal(S_shown.label, "fetching");
	assert_int_equal(S_shown.starts, 1);
	assert_int_equal(S_shown.stops, 1);
	assert_true(S_shown.updates > 0);
	assert_true(S_shown.total > 0);
	assert_int_equal(S_shown.done, S_shown.total);

	/* Nothing new: nothing to show, or a start and its stop. */
	memset(&S_shown, 0, sizeof(S_shown));
	rc = S_fetch(id, repo, chapter, "main", "refs/perennial/chapters/a", &printed);
	free(printed);
	progress_set_display(NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(S_shown.starts, S_shown.stops);
	repo_free(repo);
	free(chapter);
}

/* FETCH_HEAD is the user's own fetch's: left as it was (libgit2 1.5 would empty it). */
static void test_fetch_leaves_fetch_head_alone(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	char *chapter = S_chapter(fx);

	S_network_commit(fx);
	unit_run(fx->top, "git fetch -q %s side", chapter);
	char *before = unit_read(fx->top, ".git/FETCH_HEAD");
	assert_non_null(before);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_fetch(id, repo, chapter, "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	char *after = unit_read(fx->top, ".git/FETCH_HEAD");
	assert_string_equal(after, before);
	free(after);
	free(before);
	repo_free(repo);
	free(chapter);
}

/* A network just made, with no commit of its own, fetches as well and stays unborn. */
static void test_fetch_into_a_repository_with_no_commit(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	char *chapter = S_chapter(fx);
	char *want = S_rev(chapter, "main");

	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_fetch(id, repo, chapter, "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	assert_true(repo_head_unborn(repo));
	char *refs = S_refs(fx->top);
	assert_string_equal(refs, "refs/perennial/chapters/a");
	free(refs);
	repo_free(repo);
	free(want);
	free(chapter);
}

/* Again: a new commit moves the ref, so does a rewritten branch (forced), nothing new keeps it. */
static void test_fetch_again_moves_the_ref(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], first[REPO_BLOB_ID_SIZE], *printed;
	char *chapter = S_chapter(fx);
	const char *ref = "refs/perennial/chapters/a";

	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_fetch(first, repo, chapter, "main", ref, &printed), 0);
	free(printed);

	unit_write(chapter, "notes/b.md", "b");
	unit_run(chapter, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m three");
	char *want = S_rev(chapter, "main");
	assert_int_equal(S_fetch(id, repo, chapter, "main", ref, &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	assert_string_not_equal(id, first);
	char *got = S_rev(fx->top, ref);
	assert_string_equal(got, want);
	free(got);
	free(want);

	/* Rewritten: the new tip is not a descendant of the old one. */
	unit_run(chapter, UNIT_GIT " reset -q --hard HEAD~2 && " UNIT_GIT
		 " commit -q --allow-empty -m rewritten");
	want = S_rev(chapter, "main");
	assert_int_equal(S_fetch(id, repo, chapter, "main", ref, &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	got = S_rev(fx->top, ref);
	assert_string_equal(got, want);
	free(got);

	/* Nothing new: the same commit. */
	assert_int_equal(S_fetch(id, repo, chapter, "main", ref, &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	got = S_rev(fx->top, ref);
	assert_string_equal(got, want);
	free(got);
	free(want);
	repo_free(repo);
	free(chapter);
}

/* How many lines text has. */
static size_t S_count_lines(const char *text)
{
	size_t n = 0;
	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* What a failed fetch says, and that it leaves id "" and the ref alone. */
static void S_assert_fetch_fails(struct repo *repo, const char *url, const char *branch,
				 const char *ref, const char *want, const char *at_file, int at)
{
	char id[REPO_BLOB_ID_SIZE] = "x", *printed;
	int rc = S_fetch(id, repo, url, branch, ref, &printed);
	_assert_int_equal(rc, -1, at_file, at);
	_assert_string_equal(id, "", at_file, at);
	_assert_string_equal(printed, want, at_file, at);
	free(printed);
}

#define assert_fetch_fails(repo, url, branch, ref, want) \
	S_assert_fetch_fails((repo), (url), (branch), (ref), (want), __FILE__, __LINE__)

static void test_fetch_no_such_branch_names_what_there_is(void **state)
{
	struct unit_git_repo *fx = *state;
	char *chapter = S_chapter(fx);
	struct strbuf want = STRBUF_INIT;

	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	strbuf_addf(&want, "perennial: error: %s has no branch 'mian': did you mean 'main'? "
		    "(its branches: main, side)\n", chapter);
	assert_fetch_fails(repo, chapter, "mian", "refs/perennial/chapters/a", want.buf);
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: %s has no branch 'weekly' (its branches: "
		    "main, side)\n", chapter);
	assert_fetch_fails(repo, chapter, "weekly", "refs/perennial/chapters/a", want.buf);

	/* Many: the first few, and how many more. */
	unit_run(chapter, "for b in alpha beta gamma delta epsilon; do git branch $b; done");
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: %s has no branch 'weekly' (its branches: "
		    "alpha, beta, delta, epsilon, gamma and 2 more)\n", chapter);
	assert_fetch_fails(repo, chapter, "weekly", "refs/perennial/chapters/a", want.buf);

	/* A tag of that name is not a branch. */
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: %s has no branch 'v1' (its branches: "
		    "alpha, beta, delta, epsilon, gamma and 2 more)\n", chapter);
	assert_fetch_fails(repo, chapter, "v1", "refs/perennial/chapters/a", want.buf);

	/* An empty repository has none. */
	char *empty = unit_path(fx->base, "empty");
	unit_mkdir(fx->base, "empty");
	unit_run(empty, UNIT_GIT " init -q");
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: %s has no branch 'main': it has no branches at "
		    "all\n", empty);
	assert_fetch_fails(repo, empty, "main", "refs/perennial/chapters/a", want.buf);
	char *refs = S_refs(fx->top);
	assert_string_equal(refs, "refs/heads/main");
	free(refs);
	free(empty);
	strbuf_release(&want);
	repo_free(repo);
	free(chapter);
}

static void test_fetch_invalid_names_are_refused(void **state)
{
	struct unit_git_repo *fx = *state;
	char *chapter = S_chapter(fx);
	static const char *const branches[] = { "", "a..b", "two words", "end.lock", "x~1",
						"star*", "/lead", "trail/", "a b:c" };
	struct strbuf want = STRBUF_INIT;

	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	for (size_t i = 0; i < sizeof(branches) / sizeof(*branches); i++) {
		strbuf_reset(&want);
		strbuf_addf(&want, "perennial: error: '%s' is not a valid branch name\n",
			    branches[i]);
		assert_fetch_fails(repo, chapter, branches[i], "refs/perennial/chapters/a",
				   want.buf);
	}
	assert_fetch_fails(repo, chapter, "main", "chapters/a",
			   "perennial: error: 'chapters/a' is not a valid reference to fetch "
			   "into\n");
	assert_fetch_fails(repo, chapter, "main", "refs/perennial/chapters/a b",
			   "perennial: error: 'refs/perennial/chapters/a b' is not a valid "
			   "reference to fetch into\n");
	assert_fetch_fails(repo, chapter, "main", "refs/heads/main",
			   "perennial: error: 'refs/heads/main' is a branch of this repository: "
			   "a fetch never moves one\n");
	strbuf_release(&want);
	repo_free(repo);
	free(chapter);
}

static void test_fetch_unreachable_or_not_a_repository(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	struct strbuf url = STRBUF_INIT, want = STRBUF_INIT;
	const char *ref = "refs/perennial/chapters/a";

	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	unit_write(fx->base, "plain/readme.md", "not a repository");
	char *missing = unit_path(fx->base, "no-such-folder");
	char *plain = unit_path(fx->base, "plain");
	char *file = unit_path(fx->base, "plain/readme.md");

	/* Nothing there, as a path and as a file:// URL. */
	strbuf_addf(&want, "perennial: error: cannot reach %s: no such folder\n", missing);
	assert_fetch_fails(repo, missing, "main", ref, want.buf);
	strbuf_addf(&url, "file://%s", missing);
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: cannot reach %s: no such folder\n", url.buf);
	assert_fetch_fails(repo, url.buf, "main", ref, want.buf);

	/* A folder, and a file, that are no repository. */
	const char *const paths[] = { plain, file };
	for (size_t i = 0; i < 2; i++) {
		strbuf_reset(&want);
		strbuf_addf(&want, "perennial: error: cannot reach %s: it is not a git "
			    "repository\n", paths[i]);
		assert_fetch_fails(repo, paths[i], "main", ref, want.buf);
	}
	strbuf_reset(&url);
	strbuf_addf(&url, "file://%s", plain);
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: cannot reach %s: it is not a git repository\n",
		    url.buf);
	assert_fetch_fails(repo, url.buf, "main", ref, want.buf);

	/* A network address nobody listens at: libgit2's reason, on one line. */
	assert_int_equal(S_fetch(id, repo, "http://127.0.0.1:1/chapter.git", "main", ref,
				 &printed), -1);
	strbuf_reset(&want);
	strbuf_addstr(&want, "perennial: error: cannot reach http://127.0.0.1:1/chapter.git: ");
	assert_memory_equal(printed, want.buf, want.len);
	assert_true(strlen(printed) > want.len + 1);
	assert_int_equal(S_count_lines(printed), 1);
	free(printed);
	char *refs = S_refs(fx->top);
	assert_string_equal(refs, "refs/heads/main");
	free(refs);
	free(plain);
	free(file);
	free(missing);
	strbuf_release(&url);
	strbuf_release(&want);
	repo_free(repo);
}

/* url.<base>.insteadOf rewrites the URL as for git fetch, the longest prefix winning. */
static void test_fetch_honours_insteadof(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	char *chapter = S_chapter(fx);
	char *want = S_rev(chapter, "main");

	S_network_commit(fx);
	unit_run(fx->top, "git config url.%s/.insteadOf team: && "
		 "git config url.%s/nowhere/.insteadOf team:x", fx->base, fx->base);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_fetch(id, repo, "team:chapter", "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	/* The message names the URL as given. */
	assert_fetch_fails(repo, "team:xchapter", "main", "refs/perennial/chapters/a",
			   "perennial: error: cannot reach team:xchapter: no such folder\n");
	repo_free(repo);
	free(want);
	free(chapter);
}

/* A password in the URL never shows in a message. */
static void test_fetch_hides_a_password_of_the_url(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_fetch(id, repo, "http://ann:s3cret@127.0.0.1:1/chapter.git", "main",
				 "refs/perennial/chapters/a", &printed), -1);
	assert_non_null(strstr(printed, "cannot reach http://ann@127.0.0.1:1/chapter.git: "));
	assert_null(strstr(printed, "s3cret"));
	free(printed);
	repo_free(repo);
}

static void test_commit_day_of_a_fetched_ref(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], day[REPO_DAY_SIZE], *printed;
	char *chapter = S_chapter(fx);
	char *want = S_rev(chapter, "main");
	struct unit_capture c;

	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_commit_day(id, day, repo, "refs/perennial/chapters/a"), 1);
	assert_string_equal(id, "");
	assert_string_equal(day, "");
	assert_int_equal(S_fetch(id, repo, chapter, "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	memset(id, 'x', sizeof(id) - 1);
	/* 23:30 in California: the 9th, though UTC has the 10th. */
	assert_int_equal(repo_commit_day(id, day, repo, "refs/perennial/chapters/a"), 0);
	assert_string_equal(id, want);
	assert_string_equal(day, "2024-03-09");

	/* Something that is not a commit, and a malformed name: errors. */
	unit_capture_start(&c);
	int rc = repo_commit_day(id, day, repo, "HEAD^{tree}");
	printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(printed, "perennial: error: HEAD^{tree}: "));
	free(printed);
	unit_capture_start(&c);
	rc = repo_commit_day(id, day, repo, "refs/perennial/chapters/a@{");
	printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_string_equal(id, "");
	free(printed);
	repo_free(repo);
	free(want);
	free(chapter);
}

/* --- repo_fetch over HTTP, behind a password --- */

/*
 * A test of its own: base/served/chapter.git served by
 * tests/e2e/tools/git-http-server.py for the user ann, password "right",
 * and a HOME of its own (base/home) whose git configuration stores
 * credentials (credential.helper = store). Teardown stops the server and
 * puts the group's HOME back.
 */
struct S_http {
	struct unit_git_repo *fx;
	pid_t server;
	char *home;        /* base/home */
	char *saved_home;  /* the group's */
	char *log;         /* the server's requests, a line each */
	char *url;         /* http://127.0.0.1:PORT/chapter.git */
	char *origin;      /* http://127.0.0.1:PORT, as credentials are stored for it */
};

static int S_http_setup(void **state)
{
	struct S_http *h = calloc(1, sizeof(*h));
	void *fx = NULL;
	if (!h || unit_git_repo_setup(&fx) < 0)
		return -1;
	h->fx = fx;
	h->saved_home = strdup(getenv("HOME"));
	*state = h;
	return 0;
}

static int S_http_teardown(void **state)
{
	struct S_http *h = *state;
	void *fx = h->fx;

	if (h->server > 0) {
		kill(h->server, SIGTERM);
		while (waitpid(h->server, NULL, 0) < 0 && errno == EINTR)
			;
	}
	setenv("HOME", h->saved_home, 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	free(h->saved_home);
	free(h->home);
	free(h->log);
	free(h->url);
	free(h->origin);
	free(h);
	return unit_git_repo_teardown(&fx);
}

/* tests/e2e/tools/git-http-server.py, found from this file's own path as it was compiled. */
static char *S_server_script(void)
{
	const char *self = __FILE__;
	const char *unit = strstr(self, "unit/test_repo.c");
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, self, unit ? (size_t)(unit - self) : 0);
	strbuf_addstr(&sb, "e2e/tools/git-http-server.py");
	char *path = realpath(sb.buf, NULL);
	strbuf_release(&sb);
	return path;
}

/*
 * Serves a copy of a chapter (S_chapter) and sets HOME: 1, or 0 when
 * python3 or git-http-backend is missing (said on stdout: the test skips).
 */
static int S_http_start(struct S_http *h)
{
	struct unit_git_repo *fx = h->fx;
	char *script = S_server_script();
	char *backend = unit_output(fx->base, "echo \"$(git --exec-path)/git-http-backend\"");
	int fds[2];
	char line[64] = "";

	if (!script || access(backend, X_OK) != 0 || unit_sh(fx->base, "command -v python3 "
							 ">/dev/null") != 0) {
		print_message("skipped: needs python3, %s and git-http-backend (%s)\n",
			      script ? script : "tests/e2e/tools/git-http-server.py", backend);
		free(script);
		free(backend);
		return 0;
	}
	char *chapter = S_chapter(fx);
	unit_run(fx->base, "git clone -q --bare chapter served/chapter.git");
	char *served = unit_path(fx->base, "served");
	h->log = unit_path(fx->base, "requests.log");
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	h->server = fork();
	assert_true(h->server >= 0);
	if (h->server == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execlp("python3", "python3", script, "--log", h->log, served, "ann", "right",
		       (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	FILE *out = fdopen(fds[0], "r");
	assert_non_null(out);
	assert_non_null(fgets(line, sizeof(line), out));
	fclose(out);
	int port = atoi(line);
	assert_true(port > 0);

	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "http://127.0.0.1:%d", port);
	h->origin = strbuf_detach(&sb);
	strbuf_addf(&sb, "%s/chapter.git", h->origin);
	h->url = strbuf_detach(&sb);
	h->home = unit_path(fx->base, "home");
	unit_write(h->home, ".gitconfig", "[credential]\n\thelper = store\n");
	unit_write(h->home, ".git-credentials", "");
	char *config = unit_path(h->home, ".gitconfig");
	assert_int_equal(setenv("HOME", h->home, 1), 0);
	assert_int_equal(setenv("GIT_CONFIG_GLOBAL", config, 1), 0);
	free(config);
	free(served);
	free(chapter);
	free(script);
	free(backend);
	return 1;
}

/* Stores a password for the server, as `git credential approve` would have. */
static void S_store(const struct S_http *h, const char *password)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "http://ann:%s@%s\n", password, h->origin + strlen("http://"));
	unit_write(h->home, ".git-credentials", sb.buf);
	strbuf_release(&sb);
}

/* How many requests the server answered with `status` since the log was last read. */
static int S_answered(const struct S_http *h, int status)
{
	char *text = unit_read(h->fx->base, "requests.log");
	char suffix[8];
	int n = 0;

	snprintf(suffix, sizeof(suffix), " %d\n", status);
	for (const char *at = text ? text : ""; (at = strstr(at, suffix)) != NULL; at++)
		n++;
	free(text);
	unlink(h->log);
	return n;
}

static void test_fetch_over_http_with_a_stored_password(void **state)
{
	struct S_http *h = *state;
	struct unit_git_repo *fx = h->fx;
	char id[REPO_BLOB_ID_SIZE], *printed;

	if (!S_http_start(h))
		skip();
	char *chapter = unit_path(fx->base, "chapter");
	char *want = S_rev(chapter, "main");
	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	S_store(h, "right");
	assert_int_equal(S_fetch(id, repo, h->url, "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	char *got = S_rev(fx->top, "refs/perennial/chapters/a");
	assert_string_equal(got, want);
	free(got);
	/* Asked once without, then with the password; kept, as approved. */
	assert_int_equal(S_answered(h, 401), 1);
	char *stored = unit_read(h->home, ".git-credentials");
	assert_non_null(strstr(stored, "ann:right@"));
	free(stored);

	/* A wrong password in the URL is tried first, then the stored one. */
	struct strbuf url = STRBUF_INIT;
	strbuf_addf(&url, "http://ann:wrong@%s", h->url + strlen("http://"));
	unit_run(chapter, UNIT_GIT " commit -q --allow-empty -m three");
	free(want);
	want = S_rev(chapter, "main");
	unit_run(fx->base, "git -C chapter push -q ../served/chapter.git main");
	assert_int_equal(S_fetch(id, repo, url.buf, "main", "refs/perennial/chapters/a",
				 &printed), 0);
	free(printed);
	assert_string_equal(id, want);
	assert_int_equal(S_answered(h, 401), 2);

	/* A repository the server does not have. */
	strbuf_reset(&url);
	strbuf_addf(&url, "%s/nothing.git", h->origin);
	assert_int_equal(S_fetch(id, repo, url.buf, "main", "refs/perennial/chapters/b",
				 &printed), -1);
	struct strbuf expect = STRBUF_INIT;
	strbuf_addf(&expect, "perennial: error: cannot reach %s: ", url.buf);
	assert_memory_equal(printed, expect.buf, expect.len);
	assert_non_null(strstr(printed, "404"));
	free(printed);
	strbuf_release(&expect);
	strbuf_release(&url);
	repo_free(repo);
	free(want);
	free(chapter);
}

/* A refused password fails at once, and the helper forgets it; none at all fails too. */
static void test_fetch_over_http_wrong_or_no_password(void **state)
{
	struct S_http *h = *state;
	struct unit_git_repo *fx = h->fx;
	char id[REPO_BLOB_ID_SIZE], *printed;
	struct strbuf want = STRBUF_INIT;

	if (!S_http_start(h))
		skip();
	S_network_commit(fx);
	struct repo *repo = S_open(fx, "");
	S_store(h, "wrong");
	time_t start = time(NULL);
	assert_int_equal(S_fetch(id, repo, h->url, "main", "refs/perennial/chapters/a",
				 &printed), -1);
	assert_true(time(NULL) - start < 30);
	strbuf_addf(&want, "perennial: error: authentication failed for %s: the user name "
		    "'ann' and its password were refused\n", h->url);
	assert_string_equal(printed, want.buf);
	free(printed);
	assert_string_equal(id, "");
	/* Once without a password, once with the stored one: never again. */
	assert_int_equal(S_answered(h, 401), 2);
	char *stored = unit_read(h->home, ".git-credentials");
	assert_null(strstr(stored, "wrong"));
	free(stored);

	/* Nothing stored, and no terminal to ask on. */
	assert_int_equal(S_fetch(id, repo, h->url, "main", "refs/perennial/chapters/a",
				 &printed), -1);
	strbuf_reset(&want);
	strbuf_addf(&want, "perennial: error: no user name and password for %s from git's "
		    "credential helpers (git credential fill: could not read Username for '%s': "
		    "terminal prompts disabled)\n"
		    "perennial: error: authentication failed for %s: no user name and password "
		    "to give (store them with a git credential helper)\n",
		    h->origin, h->origin, h->url);
	assert_string_equal(printed, want.buf);
	free(printed);
	assert_int_equal(S_answered(h, 401), 1);
	char *refs = S_refs(fx->top);
	assert_string_equal(refs, "refs/heads/main");
	free(refs);
	strbuf_release(&want);
	repo_free(repo);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_git_repo_setup, unit_git_repo_teardown)
#define T_HTTP(name) cmocka_unit_test_setup_teardown(name, S_http_setup, S_http_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_at_the_top),
		T(test_open_in_a_subfolder),
		T(test_open_without_a_repository_fails),
		T(test_open_bare_repository_fails),
		T(test_open_root_outside_the_work_tree_fails),
		T(test_open_honours_git_dir_and_git_work_tree),
		T(test_plain_git_dir),
		T(test_list_index_only_md_files_below_the_folder_sorted),
		T(test_list_index_sorted_by_bytes_when_git_ignores_case),
		T(test_list_index_sees_what_is_staged),
		T(test_list_index_adds_to_what_is_there),
		T(test_list_index_skips_links_and_submodules),
		T(test_list_index_root_in_a_subfolder),
		T(test_list_index_skips_the_sides_of_a_conflict),
		T(test_list_index_honours_git_index_file),
		T(test_list_skips_hidden_files_and_folders),
		T(test_list_commit_any_revision),
		T(test_list_commit_without_the_notes_folder_is_empty),
		T(test_list_folder_files_right_in_it),
		T(test_list_commit_unknown_revision_is_an_error),
		T(test_list_commit_on_an_unborn_branch_is_an_error),
		T(test_list_commit_skips_links_and_submodules),
		T(test_list_commit_root_in_a_subfolder),
		T(test_staged_added_modified_renamed_not_deleted),
		T(test_staged_nothing_staged),
		T(test_staged_mode_change_is_a_change),
		T(test_staged_files_that_are_not_notes),
		T(test_file_blob_of_a_commit_and_of_the_index),
		T(test_staged_on_an_unborn_branch_everything_is_new),
		T(test_staged_only_below_the_roots_notes_folder),
		T(test_staged_folder_names_with_pattern_characters),
		T(test_read_blob_gives_the_bytes),
		T(test_read_blob_at_the_limit_is_read),
		T(test_read_blob_over_the_limit_is_refused_unloaded),
		T(test_read_blob_with_a_nul_is_binary),
		T(test_read_blob_missing_or_malformed_id_is_an_error),
		T(test_walk_history_oldest_first_notes_only),
		T(test_walk_history_days_in_the_authors_offset),
		T(test_walk_history_date_out_of_range),
		T(test_walk_history_first_parent),
		T(test_walk_history_root_in_a_subfolder),
		T(test_walk_history_stops_when_the_callback_says),
		T(test_walk_history_unknown_or_unborn_is_an_error),
		T(test_entries_find),
		T(test_hooks_dir_default),
		T(test_hooks_dir_core_hookspath_absolute),
		T(test_hooks_dir_core_hookspath_relative),
		T(test_hooks_dir_core_hookspath_home),
		T(test_hooks_dir_linked_worktree_shares_the_main_hooks),
		T(test_fetch_from_a_path_and_a_file_url),
		T(test_fetch_into_a_repository_with_no_commit),
		T(test_fetch_shows_progress),
		T(test_fetch_leaves_fetch_head_alone),
		T(test_fetch_again_moves_the_ref),
		T(test_fetch_no_such_branch_names_what_there_is),
		T(test_fetch_invalid_names_are_refused),
		T(test_fetch_unreachable_or_not_a_repository),
		T(test_fetch_honours_insteadof),
		T(test_fetch_hides_a_password_of_the_url),
		T(test_commit_day_of_a_fetched_ref),
		T_HTTP(test_fetch_over_http_with_a_stored_password),
		T_HTTP(test_fetch_over_http_wrong_or_no_password),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
