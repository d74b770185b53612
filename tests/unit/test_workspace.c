#include "unit.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "index.h"
#include "refresh.h"
#include "repo.h"
#include "strbuf.h"
#include "workspace.h"

#define CONFIG "organizers:\n  lisa-t: { name: Lisa }\n"
#define NOTE(title, step) \
	"---\ntitle: " title "\ndate: 2020-05-12\norganizer: lisa-t\nkind: one-on-one\n---\n\n" \
	"## Next steps\n\n- [ ] @lisa-t " step "\n"

static void test_finds_the_root_from_a_subfolder(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	unit_write(fx->top, "perennial.yml", CONFIG);
	unit_write(fx->top, "notes/2020/a.md", NOTE("A", "Call Ana"));
	char *sub = unit_path(fx->top, "notes/2020");

	assert_int_equal(workspace_open(&ws, sub, &diags), 0);
	assert_string_equal(ws.root, fx->top);
	assert_non_null(ws.config);
	assert_null(ws.index);
	assert_int_equal(diags.len, 0);
	workspace_close(&ws);
	assert_null(ws.root);
	workspace_close(&ws);   /* closing twice is harmless */
	free(sub);
}

static void test_no_root_says_how_to_start_one(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct unit_capture c;

	unit_capture_start(&c);
	assert_int_equal(workspace_open(&ws, fx->top, &diags), -1);
	char *said = unit_capture_stop(&c);
	assert_non_null(strstr(said, "no perennial.yml here or in any folder above"));
	assert_non_null(strstr(said, "hint: run 'perennial init'"));
	assert_null(ws.root);
	free(said);
}

static void test_config_with_errors_gives_diagnostics_and_fails(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct unit_capture c;
	unit_write(fx->top, "perennial.yml", "organizers: [not, a, mapping]\n");

	unit_capture_start(&c);
	assert_int_equal(workspace_open(&ws, fx->top, &diags), -1);
	char *said = unit_capture_stop(&c);
	assert_string_equal(said, "perennial: error: perennial.yml has errors; fix them first\n");
	assert_true(diags.len > 0);
	assert_string_equal(diags.items[0].file, "perennial.yml");
	assert_null(ws.root);
	assert_null(ws.config);
	diag_list_release(&diags);
	free(said);
}

static void test_corpus_of_the_working_tree(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct corpus corpus;
	unit_write(fx->top, "perennial.yml", CONFIG);
	unit_write(fx->top, "notes/a.md", NOTE("A", "Call Ana"));
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");
	/* An edit not committed yet is in the corpus: the working tree is. */
	unit_write(fx->top, "notes/b.md", NOTE("B", "Book the hall (due 2020-05-20)"));

	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_corpus(&corpus, &ws, CORPUS_ALL), 0);
	assert_non_null(ws.index);
	assert_int_equal(ws.stats.notes, 2);
	assert_int_equal(ws.stats.parsed, 2);
	assert_int_equal(corpus.len, 2);
	assert_string_equal(corpus.notes[1].path, "notes/b.md");
	assert_int_equal(corpus.notes[1].nsteps, 1);
	assert_string_equal(corpus.notes[1].steps[0].words, "Book the hall");
	corpus_release(&corpus);
	workspace_close(&ws);

	/* Again: the index knows both, nothing is parsed. */
	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_index(&ws, 0), 0);
	assert_int_equal(ws.stats.parsed, 0);
	workspace_close(&ws);
	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_index(&ws, 1), 0);
	assert_int_equal(ws.stats.parsed, 2);
	workspace_close(&ws);
}

/* What the notes handed over one at a time showed, and how often the walk started. */
struct handed {
	size_t starts, notes, private_named, quotes;
};

static void S_start(void *ctx)
{
	struct handed *h = ctx;
	*h = (struct handed){ h->starts + 1, 0, 0, 0 };
}

static int S_each(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	struct handed *h = ctx;
	const char *text, *shown;
	h->notes++;
	h->private_named += note->private && note->shown.named;
	for (size_t m = 0; m < note->nmentions; m++) {
		if (corpus_evidence(corpus, note, m, &text, &shown) < 0)
			return -1;
		h->quotes += shown != NULL;
	}
	return 0;
}

static void test_notes_handed_over_one_at_a_time(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct corpus corpus;
	struct handed h = { 0 };
	unit_write(fx->top, "perennial.yml", CONFIG "themes:\n  housing: { label: Housing }\n");
	unit_write(fx->top, "notes/a.md", NOTE("A", "Call Ana") "\nThe rent is up. #housing\n");
	unit_write(fx->top, "notes/b.md", "---\ntitle: B\ndate: 2020-05-13\norganizer: lisa-t\n"
		   "consent: private\n---\n\nIn confidence. #housing\n");
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");

	/* Through the privacy pass, their evidence read as it is asked for. */
	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_each_note(&corpus, &ws, S_start, S_each, &h), 0);
	assert_int_equal(h.starts, 1);
	assert_int_equal(h.notes, 2);
	assert_int_equal(h.private_named, 0);
	assert_int_equal(h.quotes, 1);
	assert_int_equal(corpus.len, 0);
	corpus_release(&corpus);
	workspace_close(&ws);

	/*
	 * A damaged index is made again, and the walk starts over when it
	 * was the walk that found it: a table gone, or a note's digest that
	 * is no digest (a count past its end).
	 */
	static const char *const damage[] = {
		"ALTER TABLE notes RENAME TO talks",
		"UPDATE notes SET digest = CAST('7' || char(0) AS BLOB) WHERE title = 'A'",
	};
	char *path = unit_path(fx->top, ".git/" INDEX_FILE);
	for (size_t i = 0; i < 2; i++) {
		sqlite3 *db = NULL;
		assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, damage[i], NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		h = (struct handed){ 0 };
		assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
		assert_int_equal(workspace_each_note(&corpus, &ws, S_start, S_each, &h), 0);
		/* The refresh finds a table gone; the digest, only the walk reads. */
		assert_int_equal(h.starts, i == 0 ? 1 : 2);
		assert_int_equal(h.notes, 2);
		assert_int_equal(h.quotes, 1);
		assert_non_null(ws.mended);
		corpus_release(&corpus);
		workspace_close(&ws);
	}
	free(path);
}

static void S_assert_entries(const struct repo_entries *got, const struct repo_entries *want)
{
	assert_int_equal(got->len, want->len);
	for (size_t i = 0; i < got->len; i++) {
		assert_string_equal(got->items[i].path, want->items[i].path);
		assert_string_equal(got->items[i].blob, want->items[i].blob);
	}
}

static void test_commit_listed_once_then_kept(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct repo_entries listed = REPO_ENTRIES_INIT, git = REPO_ENTRIES_INIT;
	char commit[REPO_BLOB_ID_SIZE], *kept = NULL;
	size_t len = 0;
	unit_write(fx->top, "perennial.yml", CONFIG);
	unit_write(fx->top, "notes/b.md", NOTE("B", "Call Ana"));
	unit_write(fx->top, "notes/a.md", NOTE("A", "Book the hall"));
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");

	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_index(&ws, 0), 0);
	struct repo *repo;
	assert_int_equal(repo_open(&repo, fx->top), 0);
	assert_int_equal(repo_resolve(commit, repo, "HEAD"), 0);
	struct notefile_scope scope = config_scope(ws.config);
	assert_int_equal(repo_list_commit(&git, repo, commit, &scope, NULL), 0);
	assert_int_equal(git.len, 2);

	/* Listed from git the first time, and kept by the commit's id. */
	assert_int_equal(refresh_list_commit(&listed, ws.index, ws.config, repo, commit), 0);
	S_assert_entries(&listed, &git);
	repo_entries_release(&listed);
	struct strbuf key = STRBUF_INIT;
	strbuf_addf(&key, "tree %s %s", commit, ws.config->notes_dir);
	assert_int_equal(index_cache_get(&kept, &len, ws.index, key.buf), 1);
	free(kept);

	/* Then read from what was kept: what it says is the answer. */
	static const char other[] = "notes/x.md\0" "0123456789012345678901234567890123456789";
	assert_int_equal(index_cache_put(ws.index, key.buf, other, sizeof(other)), 0);
	assert_int_equal(refresh_list_commit(&listed, ws.index, ws.config, repo, commit), 0);
	assert_int_equal(listed.len, 1);
	assert_string_equal(listed.items[0].path, "notes/x.md");
	repo_entries_release(&listed);

	/* Kept bytes that are no listing (a blob id cut short) are listed from git again. */
	static const char cut[] = "notes/x.md\0" "0123";
	assert_int_equal(index_cache_put(ws.index, key.buf, cut, sizeof(cut)), 0);
	assert_int_equal(refresh_list_commit(&listed, ws.index, ws.config, repo, commit), 0);
	S_assert_entries(&listed, &git);
	repo_entries_release(&listed);

	strbuf_release(&key);
	repo_entries_release(&git);
	repo_free(repo);
	workspace_close(&ws);
}

static void test_snapshot_reads_the_commit_not_the_working_tree(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct snapshot snap;
	unit_write(fx->top, "perennial.yml", CONFIG "reports: pages\n");
	unit_write(fx->top, "templates/week.md", "{{week}} of the commit\n");
	unit_write(fx->top, "notes/a.md", NOTE("A", "Call Ana"));
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");
	unit_write(fx->top, "perennial.yml", CONFIG "reports: elsewhere\n");
	unit_write(fx->top, "templates/week.md", "{{week}} of the working tree\n");
	unit_write(fx->top, "notes/b.md", NOTE("B", "Not committed"));

	assert_int_equal(workspace_find(&ws, fx->top), 0);
	assert_int_equal(snapshot_open(&snap, &ws, "HEAD", NULL, NULL, &diags), 0);
	assert_int_equal(diags.len, 0);
	assert_string_equal(snap.config->reports_dir, "pages");
	assert_int_equal(snap.corpus.len, 1);
	assert_string_equal(snap.corpus.notes[0].path, "notes/a.md");
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(snapshot_read_template(&snap, "week.md", &text, &len), 1);
	assert_string_equal(text, "{{week}} of the commit\n");
	free(text);
	assert_int_equal(snapshot_read_template(&snap, "index.md", &text, &len), 0);
	snapshot_close(&snap);
	workspace_close(&ws);
}

/* A snapshot for one week's page reads the mentions of the notes of its days alone. */
static void test_snapshot_reads_the_mentions_of_the_days_asked(void **state)
{
	static const char *const dates[] = { "2020-05-12", "2020-07-01" };
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct snapshot snap;
	struct date from = { 2020, 5, 1 }, until = { 2020, 5, 31 };

	unit_write(fx->top, "perennial.yml", CONFIG "themes:\n  rent: { label: Rent }\n");
	for (size_t i = 0; i < 2; i++) {
		char path[32], text[64];
		snprintf(path, sizeof(path), "notes/%c.md", (char)('a' + i));
		snprintf(text, sizeof(text), "---\ntitle: T\ndate: %s\n---\n\n#rent\n", dates[i]);
		unit_write(fx->top, path, text);
	}
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");
	assert_int_equal(workspace_find(&ws, fx->top), 0);
	assert_int_equal(snapshot_open(&snap, &ws, "HEAD", &from, &until, &diags), 0);
	assert_int_equal(snap.corpus.len, 2);
	assert_string_equal(snap.corpus.notes[0].path, "notes/a.md");
	assert_int_equal(snap.corpus.notes[0].nmentions, 1);
	assert_int_equal(snap.corpus.notes[1].nmentions, 0);
	snapshot_close(&snap);
	assert_int_equal(snapshot_open(&snap, &ws, "HEAD", NULL, NULL, &diags), 0);
	assert_int_equal(snap.corpus.notes[1].nmentions, 1);
	snapshot_close(&snap);
	workspace_close(&ws);
	diag_list_release(&diags);
}

static void test_snapshot_of_no_such_revision_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct snapshot snap;
	struct unit_capture c;
	unit_write(fx->top, "perennial.yml", CONFIG);
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");

	assert_int_equal(workspace_find(&ws, fx->top), 0);
	unit_capture_start(&c);
	assert_int_equal(snapshot_open(&snap, &ws, "no-such-branch", NULL, NULL, &diags), -1);
	char *said = unit_capture_stop(&c);
	assert_non_null(strstr(said, "no-such-branch"));
	free(said);
	workspace_close(&ws);
}

/* The hook's perennial.yml is the staged one; without one staged, the working tree's. */
static void test_open_git_reads_the_staged_config(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct unit_capture c;

	unit_write(fx->top, "perennial.yml", CONFIG "reports: first\n");
	assert_int_equal(workspace_open_git(&ws, fx->top, NULL, &diags), 0);
	assert_string_equal(ws.config->reports_dir, "first");
	workspace_close(&ws);

	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");
	unit_write(fx->top, "perennial.yml", CONFIG "reports: staged\n");
	unit_run(fx->top, UNIT_GIT " add -A");
	unit_write(fx->top, "perennial.yml", "organizers: [broken in the working tree\n");
	assert_int_equal(workspace_open_git(&ws, fx->top, NULL, &diags), 0);
	assert_non_null(ws.repo);
	assert_string_equal(ws.config->reports_dir, "staged");
	workspace_close(&ws);
	assert_int_equal(workspace_open_git(&ws, fx->top, "HEAD", &diags), 0);
	assert_string_equal(ws.config->reports_dir, "first");
	workspace_close(&ws);
	assert_int_equal(diags.len, 0);

	unit_run(fx->top, UNIT_GIT " add -A");
	unit_capture_start(&c);
	assert_int_equal(workspace_open_git(&ws, fx->top, NULL, &diags), -1);
	char *said = unit_capture_stop(&c);
	assert_string_equal(said, "perennial: error: perennial.yml as staged has errors\n");
	assert_true(diags.len > 0);
	assert_null(ws.root);
	diag_list_release(&diags);
	free(said);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_git_repo_setup, unit_git_repo_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_finds_the_root_from_a_subfolder),
		T(test_no_root_says_how_to_start_one),
		T(test_config_with_errors_gives_diagnostics_and_fails),
		T(test_corpus_of_the_working_tree),
		T(test_notes_handed_over_one_at_a_time),
		T(test_commit_listed_once_then_kept),
		T(test_snapshot_reads_the_commit_not_the_working_tree),
		T(test_snapshot_reads_the_mentions_of_the_days_asked),
		T(test_snapshot_of_no_such_revision_is_an_error),
		T(test_open_git_reads_the_staged_config),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
