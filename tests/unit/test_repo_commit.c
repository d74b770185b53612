#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "repo.h"
#include "strbuf.h"

/*
 * repo_commit_files and repo_path_dirty against real repositories made by
 * the git CLI. Each test gets a fresh folder under /tmp:
 *
 *   base/repo/       the work tree's top (git init, branch main)
 *   base/repo/sub/   the notes root, for the tests that want one below the top
 *
 * The group runs with a HOME of its own and no system or global git
 * configuration (unit_git_isolate); the repository's own config has no
 * user, so each test says whether it sets one.
 */

/* Opens the repository of the notes root top/rel ("" for the top itself). */
static struct repo *S_open(const struct unit_git_repo *fx, const char *rel)
{
	struct repo *repo = NULL;
	char *root = *rel ? unit_path(fx->top, rel) : strdup(fx->top);

	assert_int_equal(repo_open(&repo, root), 0);
	free(root);
	return repo;
}

/* Sets the repository's user, as `git config user.name` would. */
static void S_set_user(const struct unit_git_repo *fx)
{
	unit_run(fx->top, "git config user.name 'Config User' && "
		 "git config user.email config@example.invalid");
}

/* top/rel holds exactly `want` (NULL: top/rel does not exist). */
#define assert_file(fx, rel, want) S_assert_file((fx), (rel), (want), __FILE__, __LINE__)

static void S_assert_file(const struct unit_git_repo *fx, const char *rel, const char *want,
			  const char *at_file, int at)
{
	char *got = unit_read(fx->top, rel);
	if (!want)
		_assert_true(got == NULL, "the file does not exist", at_file, at);
	else
		_assert_string_equal(got ? got : "(no file)", want, at_file, at);
	free(got);
}

/* What a git command prints, compared whole. */
#define assert_git(fx, want, ...) do { \
		char *got_ = unit_output((fx)->top, __VA_ARGS__); \
		assert_string_equal(got_, (want)); \
		free(got_); \
	} while (0)

/* repo_commit_files with stderr caught into *printed (malloc'd). */
static int S_commit(struct repo *repo, char *id, const struct repo_file *files, size_t n,
		    const char *message, const struct repo_commit_options *opts, char **printed)
{
	struct unit_capture c;
	unit_capture_start(&c);
	int rc = repo_commit_files(id, repo, files, n, message, opts);
	*printed = unit_capture_stop(&c);
	return rc;
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

static const struct repo_file S_reports[] = {
	{ "reports/week.md", "# Week\n", 7 },
	{ "reports/index.md", "# Index\n", 8 },
};

/*
 * A repository with a commit that holds sub/notes/a.md and other.txt, and
 * then what a user has on the go: other.txt changed and staged, new.txt
 * added, sub/notes/a.md changed but not staged.
 */
static void S_busy_user(const struct unit_git_repo *fx)
{
	unit_write(fx->top, "sub/notes/a.md", "# A\n");
	unit_write(fx->top, "other.txt", "one\n");
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m first");
	unit_write(fx->top, "other.txt", "two\n");
	unit_write(fx->top, "new.txt", "new\n");
	unit_run(fx->top, "git add other.txt new.txt");
	unit_write(fx->top, "sub/notes/a.md", "# A, edited\n");
}

/* --- repo_commit_files --- */

static void test_commit_files_into_a_subfolder_root(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	char *first = unit_output(fx->top, "git rev-parse HEAD");
	struct repo *repo = S_open(fx, "sub");
	int rc = S_commit(repo, id, S_reports, 2, "Weekly report\n\nMade by perennial.", NULL,
			  &printed);
	assert_string_equal(printed, "");
	assert_int_equal(rc, 0);

	/* The commit: HEAD's tree plus the two files, on top of the old HEAD. */
	assert_git(fx, id, "git rev-parse HEAD");
	assert_git(fx, first, "git rev-parse HEAD~1");
	assert_git(fx, "sub/reports/index.md\nsub/reports/week.md",
		   "git diff-tree --no-commit-id --name-only -r HEAD");
	assert_git(fx, "Weekly report\n\nMade by perennial.\n", "git log -1 --format=%%B");
	assert_git(fx, "# Week", "git show HEAD:sub/reports/week.md");
	assert_git(fx, "100644", "git ls-tree HEAD sub/reports/week.md | cut -c1-6");
	assert_git(fx, "perennial: Weekly report", "git reflog -1 --format=%%gs HEAD");
	assert_git(fx, "perennial: Weekly report", "git reflog -1 --format=%%gs main");

	/* The user's work: still staged, or still only in the work tree, as it was. */
	assert_git(fx, "new.txt\nother.txt", "git diff --cached --name-only");
	assert_git(fx, "sub/notes/a.md", "git diff --name-only");
	assert_file(fx, "sub/notes/a.md", "# A, edited\n");
	assert_git(fx, "two", "git show :other.txt");

	/* The report files: written, and clean in the index and the work tree. */
	assert_file(fx, "sub/reports/week.md", "# Week\n");
	assert_file(fx, "sub/reports/index.md", "# Index\n");
	assert_git(fx, "", "git diff-files --name-only -- sub/reports");
	assert_git(fx, "", "git status --porcelain -- sub/reports");
	assert_git(fx, "", "git ls-files --others -- sub/reports");
	assert_git(fx, "", "ls -A sub/reports | grep -v '[.]md$' || true");
	free(printed);
	free(first);
	repo_free(repo);
}

static void test_commit_same_bytes_again_makes_no_commit(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], again[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	free(printed);
	assert_int_equal(S_commit(repo, again, S_reports, 2, "Report", NULL, &printed), 1);
	assert_string_equal(printed, "");
	assert_string_equal(again, id);
	assert_git(fx, id, "git rev-parse HEAD");
	assert_git(fx, "2", "git rev-list --count HEAD");
	free(printed);

	/* One file changed: one commit, with that file alone. */
	struct repo_file changed[] = { S_reports[0], { "reports/index.md", "# Index 2\n", 10 } };
	assert_int_equal(S_commit(repo, again, changed, 2, "Report", NULL, &printed), 0);
	assert_git(fx, "sub/reports/index.md", "git diff-tree --no-commit-id --name-only -r HEAD");
	assert_file(fx, "sub/reports/index.md", "# Index 2\n");
	assert_git(fx, "", "git status --porcelain -- sub/reports");
	free(printed);

	/* No files: nothing to do. */
	assert_int_equal(S_commit(repo, id, NULL, 0, "Report", NULL, &printed), 1);
	assert_string_equal(id, again);
	free(printed);
	repo_free(repo);
}

static void test_commit_refuses_a_report_edited_in_the_work_tree(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	free(printed);
	unit_write(fx->top, "sub/reports/index.md", "# Index, by hand\n");

	struct repo_file changed[] = { S_reports[0], { "reports/index.md", "# Index 2\n", 10 } };
	assert_int_equal(S_commit(repo, id, changed, 2, "Report", NULL, &printed), -1);
	assert_string_equal(printed, "perennial: error: reports/index.md has changes that are "
			    "not committed: not overwriting it (commit or discard them first)\n");
	assert_string_equal(id, "");
	assert_file(fx, "sub/reports/index.md", "# Index, by hand\n");
	assert_git(fx, "2", "git rev-list --count HEAD");
	assert_git(fx, "new.txt\nother.txt", "git diff --cached --name-only");
	free(printed);
	repo_free(repo);
}

static void test_commit_refuses_a_report_edited_in_the_index(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	free(printed);
	/* Staged, then the work tree put back: only the index holds the edit. */
	unit_write(fx->top, "sub/reports/week.md", "# Week, staged\n");
	unit_run(fx->top, "git add sub/reports/week.md");
	unit_write(fx->top, "sub/reports/week.md", "# Week\n");

	struct repo_file changed[] = { { "reports/week.md", "# Week 2\n", 9 } };
	assert_int_equal(S_commit(repo, id, changed, 1, "Report", NULL, &printed), -1);
	assert_non_null(strstr(printed, "reports/week.md has changes that are not committed"));
	assert_git(fx, "# Week, staged", "git show :sub/reports/week.md");
	assert_file(fx, "sub/reports/week.md", "# Week\n");
	free(printed);
	repo_free(repo);
}

static void test_commit_untracked_file_refused_unless_identical(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	unit_write(fx->top, "sub/reports/week.md", "# Mine\n");
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), -1);
	assert_string_equal(printed, "perennial: error: reports/week.md has changes that are "
			    "not committed: not overwriting it (commit or discard them first)\n");
	assert_file(fx, "sub/reports/week.md", "# Mine\n");
	assert_file(fx, "sub/reports/index.md", NULL);
	assert_git(fx, "1", "git rev-list --count HEAD");
	free(printed);

	/* The very bytes the report would write: nothing is lost. */
	unit_write(fx->top, "sub/reports/week.md", "# Week\n");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	assert_string_equal(printed, "");
	assert_git(fx, "", "git status --porcelain -- sub/reports");
	free(printed);
	repo_free(repo);
}

static void test_commit_refuses_links(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	const struct repo_file file[] = { { "reports/week.md", "# Week\n", 7 } };

	S_set_user(fx);
	S_busy_user(fx);
	unit_mkdir(fx->base, "outside");
	struct repo *repo = S_open(fx, "sub");

	/* The file a link, even to identical bytes. */
	unit_write(fx->base, "outside/week.md", "# Week\n");
	unit_symlink("../../../outside/week.md", fx->top, "sub/reports/week.md");
	assert_int_equal(S_commit(repo, id, file, 1, "Report", NULL, &printed), -1);
	assert_string_equal(printed, "perennial: error: reports/week.md is not a plain file (a "
			    "link, a folder, a submodule, or inside one): not writing there\n");
	free(printed);
	char *rel = unit_path(fx->top, "sub/reports/week.md");
	unlink(rel);
	free(rel);

	/* A folder on the way a link: nothing is made through it. */
	repo_free(repo);
	unit_remove_tree(fx->top);
	assert_int_equal(mkdir(fx->top, 0755), 0);
	unit_run(fx->top, UNIT_GIT " init -q && " UNIT_GIT " commit -q --allow-empty -m first");
	S_set_user(fx);
	unit_mkdir(fx->top, "sub");
	unit_symlink("../../outside", fx->top, "sub/reports");
	repo = S_open(fx, "sub");
	assert_int_equal(repo_path_dirty(repo, "reports/new.md", "x", 1), 1);
	const struct repo_file fresh[] = { { "reports/new.md", "# New\n", 6 } };
	assert_int_equal(S_commit(repo, id, fresh, 1, "Report", NULL, &printed), -1);
	assert_non_null(strstr(printed, "reports/new.md is not a plain file"));
	free(printed);
	char *out = unit_path(fx->base, "outside/new.md");
	assert_int_equal(access(out, F_OK), -1);
	free(out);
	assert_git(fx, "1", "git rev-list --count HEAD");
	repo_free(repo);
}

static void test_commit_refuses_a_folder_in_head(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	unit_write(fx->top, "reports/week.md/a.md", "# A\n");
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m first");
	struct repo *repo = S_open(fx, "");
	const struct repo_file file[] = { { "reports/week.md", "# Week\n", 7 } };
	assert_int_equal(S_commit(repo, id, file, 1, "Report", NULL, &printed), -1);
	assert_non_null(strstr(printed, "reports/week.md is not a plain file"));
	free(printed);

	/* A file where a folder must go. */
	const struct repo_file below[] = { { "reports/week.md/a.md/b.md", "# B\n", 4 } };
	assert_int_equal(S_commit(repo, id, below, 1, "Report", NULL, &printed), -1);
	assert_non_null(strstr(printed, "is not a plain file"));
	free(printed);
	assert_git(fx, "1", "git rev-list --count HEAD");
	repo_free(repo);
}

static void test_commit_refuses_bad_paths_and_an_empty_message(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	static const char *const bad[] = {
		"", "/etc/x.md", "../x.md", "a/../x.md", "a//x.md", "a/", "./x.md", ".git/x",
		"a/.GIT/x",
	};

	S_set_user(fx);
	unit_run(fx->top, UNIT_GIT " commit -q --allow-empty -m first");
	struct repo *repo = S_open(fx, "");
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const struct repo_file file[] = { { bad[i], "x", 1 } };
		assert_int_equal(S_commit(repo, id, file, 1, "Report", NULL, &printed), -1);
		assert_non_null(strstr(printed, "perennial: error: "));
		free(printed);
	}
	repo_free(repo);
	unit_mkdir(fx->top, "sub");
	repo = S_open(fx, "sub");
	const struct repo_file twice[] = { { "a.md", "x", 1 }, { "b.md", "", 0 }, { "a.md", "y", 1 } };
	assert_int_equal(S_commit(repo, id, twice, 3, "Report", NULL, &printed), -1);
	assert_string_equal(printed, "perennial: error: the file a.md is given twice\n");
	free(printed);
	assert_int_equal(S_commit(repo, id, twice, 2, "  \n\n", NULL, &printed), -1);
	assert_string_equal(printed, "perennial: error: the commit message is empty\n");
	free(printed);
	assert_git(fx, "1", "git rev-list --count HEAD");
	assert_git(fx, "", "git status --porcelain");
	repo_free(repo);
}

static void test_commit_detached_head_refused(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	unit_run(fx->top, "git checkout -q --detach");
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), -1);
	assert_string_equal(printed,
			    "perennial: error: HEAD is detached: check out a branch to commit to\n");
	assert_file(fx, "sub/reports/week.md", NULL);
	free(printed);
	repo_free(repo);
}

static void test_commit_on_an_unborn_branch_makes_the_first_commit(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	unit_write(fx->top, "staged.txt", "mine\n");
	unit_run(fx->top, "git add staged.txt");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_head_unborn(repo), 1);
	assert_int_equal(S_commit(repo, id, S_reports, 2, "First report", NULL, &printed), 0);
	assert_string_equal(printed, "");
	assert_git(fx, id, "git rev-parse main");
	assert_git(fx, "1", "git rev-list --count HEAD");
	assert_git(fx, "reports/index.md\nreports/week.md", "git ls-tree -r --name-only HEAD");
	assert_git(fx, "staged.txt", "git diff --cached --name-only");
	assert_git(fx, "A  staged.txt", "git status --porcelain");
	free(printed);
	repo_free(repo);
}

/* What before_move runs: a commit made by git between reading HEAD and moving it. */
static void S_race(void *arg)
{
	unit_run((const char *)arg, UNIT_GIT " commit -q --no-verify --allow-empty --only -m race");
}

static void test_commit_loses_the_race_cleanly(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	struct repo_commit_options opts = { .before_move = S_race };

	S_set_user(fx);
	S_busy_user(fx);
	opts.arg = fx->top;
	char *index_before = unit_output(fx->top, "git ls-files -s");
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", &opts, &printed), -1);
	assert_string_equal(printed, "perennial: error: the branch main moved while the report "
			    "was made: nothing was committed; run it again\n");
	assert_string_equal(id, "");
	assert_git(fx, "race", "git log -1 --format=%%s");
	assert_git(fx, "2", "git rev-list --count HEAD");
	assert_file(fx, "sub/reports/week.md", NULL);
	assert_file(fx, "sub/reports/index.md", NULL);
	assert_git(fx, index_before, "git ls-files -s");
	assert_git(fx, "new.txt\nother.txt", "git diff --cached --name-only");
	free(printed);

	/* Run again, it goes through on top of the racing commit. */
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	assert_git(fx, "race", "git log -1 --format=%%s HEAD~1");
	free(printed);
	free(index_before);
	repo_free(repo);
}

/* A commit made while the files were being made from HEAD: they are out of date. */
static void test_commit_refuses_files_made_from_an_older_head(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	struct repo_commit_options opts = { 0 };

	S_set_user(fx);
	S_busy_user(fx);
	char *made_from = unit_output(fx->top, "git rev-parse HEAD");
	unit_run(fx->top, UNIT_GIT " commit -q --no-verify --allow-empty -m later");
	opts.expected = made_from;
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", &opts, &printed), -1);
	assert_non_null(strstr(printed, "moved since the files were made from"));
	assert_git(fx, "later", "git log -1 --format=%%s");
	assert_file(fx, "sub/reports/week.md", NULL);
	free(printed);
	/* Made from HEAD as it is, they go in. */
	char *head = unit_output(fx->top, "git rev-parse HEAD");
	opts.expected = head;
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", &opts, &printed), 0);
	free(printed);
	free(head);
	free(made_from);
	repo_free(repo);
}

static void test_commit_loses_the_race_on_an_unborn_branch(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	struct repo_commit_options opts = { .before_move = S_race };

	S_set_user(fx);
	opts.arg = fx->top;
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", &opts, &printed), -1);
	assert_non_null(strstr(printed, "the branch main moved while the report was made"));
	assert_git(fx, "race", "git log --format=%%s");
	assert_file(fx, "reports/week.md", NULL);
	assert_git(fx, "", "git ls-files");
	free(printed);
	repo_free(repo);
}

static void test_commit_author_from_config_or_given(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	const struct repo_file one[] = { { "a.md", "1\n", 2 } };
	const struct repo_file two[] = { { "a.md", "2\n", 2 } };
	const struct repo_file three[] = { { "a.md", "3\n", 2 } };
	const struct repo_person ann = { "Ann Author", "ann@example.invalid" };
	const struct repo_person name_only = { "Bo", NULL };
	struct repo_commit_options opts = { .author = &ann };

	S_set_user(fx);
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_commit(repo, id, one, 1, "One", NULL, &printed), 0);
	free(printed);
	assert_git(fx, "Config User <config@example.invalid>", "git log -1 --format='%%an <%%ae>'");
	assert_git(fx, "Config User <config@example.invalid>", "git log -1 --format='%%cn <%%ce>'");

	assert_int_equal(S_commit(repo, id, two, 1, "Two", &opts, &printed), 0);
	free(printed);
	assert_git(fx, "Ann Author <ann@example.invalid>", "git log -1 --format='%%an <%%ae>'");
	assert_git(fx, "Config User <config@example.invalid>", "git log -1 --format='%%cn <%%ce>'");

	opts.author = &name_only;
	assert_int_equal(S_commit(repo, id, three, 1, "Three", &opts, &printed), 0);
	free(printed);
	assert_git(fx, "Bo <config@example.invalid>", "git log -1 --format='%%an <%%ae>'");
	repo_free(repo);
}

static void test_commit_without_a_user_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	const struct repo_file one[] = { { "a.md", "1\n", 2 } };
	const struct repo_person ann = { "Ann Author", "ann@example.invalid" };
	struct repo_commit_options opts = { .author = &ann };

	/* libgit2 reads /etc/gitconfig whatever GIT_CONFIG_NOSYSTEM says. */
	if (unit_sh(fx->top, "env -u GIT_CONFIG_NOSYSTEM git config --system user.email "
		    ">/dev/null") == 0)
		skip();
	struct repo *repo = S_open(fx, "");
	assert_int_equal(S_commit(repo, id, one, 1, "One", NULL, &printed), -1);
	assert_string_equal(printed, "perennial: error: no author for the commit: set user.name "
			    "and user.email (git config user.name 'Your Name'), or give an author\n");
	assert_int_equal(repo_head_unborn(repo), 1);
	assert_file(fx, "a.md", NULL);
	free(printed);

	/* Given an author, that author commits too. */
	assert_int_equal(S_commit(repo, id, one, 1, "One", &opts, &printed), 0);
	assert_git(fx, "Ann Author <ann@example.invalid>", "git log -1 --format='%%cn <%%ce>'");
	free(printed);
	repo_free(repo);
}

/*
 * An index another git command holds is found before the branch moves:
 * nothing is committed or written, and once it is free a run goes through.
 */
static void test_commit_index_locked_changes_nothing(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;

	S_set_user(fx);
	S_busy_user(fx);
	struct repo *repo = S_open(fx, "sub");
	char *head_before = unit_output(fx->top, "git rev-parse HEAD");
	unit_run(fx->top, "touch .git/index.lock");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), -1);
	assert_string_equal(id, "");
	char *want = S_format("perennial: error: the git index is in use by another git command "
			      "(if none is running, remove %s/.git/index.lock)\n"
			      "perennial: error: nothing was committed\n", fx->top);
	assert_string_equal(printed, want);
	free(want);
	free(printed);
	assert_git(fx, head_before, "git rev-parse HEAD");
	assert_file(fx, "sub/reports/week.md", NULL);
	assert_git(fx, "", "ls -A sub/reports 2>/dev/null");

	unit_run(fx->top, "rm .git/index.lock");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	assert_git(fx, id, "git rev-parse HEAD");
	assert_file(fx, "sub/reports/week.md", "# Week\n");
	assert_git(fx, "", "git status --porcelain -- sub/reports");
	assert_git(fx, "new.txt\nother.txt", "git diff --cached --name-only");
	free(head_before);
	free(printed);
	repo_free(repo);
}

/* What before_move runs: the reports folder becomes a link to a folder outside. */
static void S_swap_for_a_link(void *arg)
{
	unit_run((const char *)arg, "rm -r sub/reports && mkdir ../outside && "
		 "ln -s ../../outside sub/reports");
}

static void test_commit_work_tree_blocked_says_how_to_finish(void **state)
{
	struct unit_git_repo *fx = *state;
	char id[REPO_BLOB_ID_SIZE], *printed;
	struct repo_commit_options opts = { .before_move = S_swap_for_a_link };
	struct repo_file changed[] = { S_reports[0], { "reports/index.md", "# Index 2\n", 10 } };

	S_set_user(fx);
	S_busy_user(fx);
	opts.arg = fx->top;
	struct repo *repo = S_open(fx, "sub");
	assert_int_equal(S_commit(repo, id, S_reports, 2, "Report", NULL, &printed), 0);
	free(printed);
	assert_int_equal(S_commit(repo, id, changed, 2, "Report", &opts, &printed), -1);
	assert_git(fx, id, "git rev-parse HEAD");
	/* The pages were written in the folder before it went: they go with it. */
	char *want = S_format("perennial: error: cannot write reports/week.md: No such file or "
			      "directory\n"
			      "perennial: error: the commit %s is made, but the work tree is not up "
			      "to date with it; once the cause is fixed, run: git -C '%s' checkout "
			      "HEAD -- 'sub/reports/week.md' 'sub/reports/index.md'\n", id, fx->top);
	assert_string_equal(printed, want);
	free(want);
	free(printed);
	char *outside = unit_path(fx->base, "outside");
	assert_int_equal(rmdir(outside), 0);   /* empty: nothing went through the link */
	free(outside);

	/* The command it gives does finish the job. */
	unit_run(fx->top, "rm sub/reports && git checkout HEAD -- "
		 "'sub/reports/week.md' 'sub/reports/index.md'");
	assert_file(fx, "sub/reports/index.md", "# Index 2\n");
	assert_git(fx, "", "git status --porcelain -- sub/reports");
	assert_git(fx, "new.txt\nother.txt", "git diff --cached --name-only");
	repo_free(repo);
}

/* --- repo_path_dirty --- */

static void test_path_dirty(void **state)
{
	struct unit_git_repo *fx = *state;

	/* Unborn: anything there is an edit, unless it is the bytes. */
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_path_dirty(repo, "a.md", "A\n", 2), 0);
	unit_write(fx->top, "a.md", "A\n");
	assert_int_equal(repo_path_dirty(repo, "a.md", "A\n", 2), 0);
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 1);
	unit_run(fx->top, "git add a.md");
	assert_int_equal(repo_path_dirty(repo, "a.md", "A\n", 2), 0);
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 1);

	/* Committed: clean, then edited, then put back. */
	unit_run(fx->top, UNIT_GIT " commit -q -m first");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 0);
	unit_write(fx->top, "a.md", "edited\n");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 1);
	assert_int_equal(repo_path_dirty(repo, "a.md", "edited\n", 7), 0);
	unit_write(fx->top, "a.md", "A\n");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 0);

	/* Deleted from the work tree, or from both: nothing to lose. */
	unit_run(fx->top, "rm a.md");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 0);
	unit_run(fx->top, "git rm -q --cached a.md");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 0);
	unit_run(fx->top, "git reset -q && git checkout -q -- a.md");

	/* A staged mode change is an edit. */
	unit_run(fx->top, "git update-index --chmod=+x a.md");
	assert_int_equal(repo_path_dirty(repo, "a.md", "A\n", 2), 1);
	unit_run(fx->top, "git reset -q");

	/* A conflict is an edit. */
	unit_run(fx->top, "git checkout -q -b side && echo side > a.md && "
		 UNIT_GIT " commit -q -am side && git checkout -q main && "
		 "echo main > a.md && " UNIT_GIT " commit -q -am main && "
		 "! " UNIT_GIT " merge -q side >/dev/null 2>&1");
	assert_int_equal(repo_path_dirty(repo, "a.md", "main\n", 5), 1);
	unit_run(fx->top, "git merge --abort");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 0);

	/* Folders and links are never plain files; bad paths are errors. */
	unit_mkdir(fx->top, "d.md");
	assert_int_equal(repo_path_dirty(repo, "d.md", "", 0), 1);
	unit_symlink("a.md", fx->top, "l.md");
	assert_int_equal(repo_path_dirty(repo, "l.md", "main\n", 5), 1);
	struct unit_capture c;
	unit_capture_start(&c);
	int rc = repo_path_dirty(repo, "../a.md", "", 0);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(rc, -1);
	assert_string_equal(printed, "perennial: error: '../a.md' is not a path inside the notes root\n");
	free(printed);
	repo_free(repo);
}

static void test_path_dirty_as_git_would_record_it(void **state)
{
	struct unit_git_repo *fx = *state;

	/* With core.autocrlf, a checkout holds CRLF that git records as LF. */
	unit_write(fx->top, "a.md", "A\n");
	unit_run(fx->top, "git add a.md && " UNIT_GIT " commit -q -m first && "
		 "git config core.autocrlf true");
	unit_write(fx->top, "a.md", "A\r\n");
	struct repo *repo = S_open(fx, "");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 0);
	unit_write(fx->top, "a.md", "A2\r\n");
	assert_int_equal(repo_path_dirty(repo, "a.md", "B\n", 2), 1);
	repo_free(repo);
}

#define T(f) cmocka_unit_test_setup_teardown(f, unit_git_repo_setup, unit_git_repo_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_commit_files_into_a_subfolder_root),
		T(test_commit_same_bytes_again_makes_no_commit),
		T(test_commit_refuses_a_report_edited_in_the_work_tree),
		T(test_commit_refuses_a_report_edited_in_the_index),
		T(test_commit_untracked_file_refused_unless_identical),
		T(test_commit_refuses_links),
		T(test_commit_refuses_a_folder_in_head),
		T(test_commit_refuses_bad_paths_and_an_empty_message),
		T(test_commit_detached_head_refused),
		T(test_commit_on_an_unborn_branch_makes_the_first_commit),
		T(test_commit_loses_the_race_cleanly),
		T(test_commit_refuses_files_made_from_an_older_head),
		T(test_commit_loses_the_race_on_an_unborn_branch),
		T(test_commit_author_from_config_or_given),
		T(test_commit_without_a_user_is_an_error),
		T(test_commit_index_locked_changes_nothing),
		T(test_commit_work_tree_blocked_says_how_to_finish),
		T(test_path_dirty),
		T(test_path_dirty_as_git_would_record_it),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
