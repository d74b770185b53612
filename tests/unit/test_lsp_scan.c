#include "unit.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "lsp_scan.h"
#include "strbuf.h"
#include "workspace.h"

#define CONFIG "organizers:\n  lisa-t: { name: Lisa }\n" \
	"themes:\n  housing: { label: Housing }\n  rent: { label: Rent }\n"
#define NOTE(id, participants, consent, body) \
	"---\nid: " id "\ntitle: T\ndate: 2020-05-12\norganizer: lisa-t\nkind: one-on-one\n" \
	"participants: " participants "\nconsent: " consent "\n---\n\n" body "\n"

/* Takes each message as the server does, through its text (lsp_scan_send_fn). */
static int S_take(void *repo, json_t *message)
{
	char *text = json_dumps(message, JSON_COMPACT);
	json_t *again = json_loads(text, 0, NULL);
	int r = lsp_scan_take(repo, again);
	json_decref(again);
	free(text);
	return r < 0 ? -1 : 0;
}

/* The scan of ws's index, taken as the server takes it (NULL when that failed). */
static struct lsp_scan *S_scan(struct workspace *ws)
{
	struct lsp_scan *repo = lsp_scan_new();
	if (lsp_scan_run(ws, S_take, repo) < 0) {
		lsp_scan_free(repo);
		return NULL;
	}
	return repo;
}

static void S_assert_paths(const char *const *paths, size_t n, const char *want)
{
	struct strbuf got = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&got, "%s%s", i ? " " : "", paths[i]);
	assert_string_equal(got.buf ? got.buf : "", want);
	strbuf_release(&got);
}

static void test_what_the_notes_name(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	unit_write(fx->top, "perennial.yml", CONFIG);
	/* maria-g listed twice is one conversation; dee only in a private note. */
	unit_write(fx->top, "notes/a.md", NOTE("same", "[maria-g, maria-g]", "internal",
					       "The rent is up. #housing #rent #housing"));
	unit_write(fx->top, "notes/b.md", NOTE("same", "[maria-g, jo]", "internal", "#rent"));
	unit_write(fx->top, "notes/c.md", NOTE("c", "[dee]", "private", "#housing"));
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m notes");

	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	struct lsp_scan *repo = S_scan(&ws);
	assert_non_null(repo);
	assert_int_equal(lsp_scan_notes(repo), 3);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "maria-g"), 2);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "jo"), 1);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "dee"), 0);
	/* A private note is counted, never named. */
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_ORGANIZER, "lisa-t"), 3);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_THEME, "housing"), 2);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_THEME, "rent"), 2);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_THEME, "nothing"), 0);

	const char *const *with_id;
	S_assert_paths(with_id, lsp_scan_paths_with_id(repo, "same", &with_id),
		       "notes/a.md notes/b.md");
	S_assert_paths(with_id, lsp_scan_paths_with_id(repo, "c", &with_id), "notes/c.md");
	S_assert_paths(with_id, lsp_scan_paths_with_id(repo, "sam", &with_id), "");
	S_assert_paths(with_id, lsp_scan_paths_with_id(repo, "zzz", &with_id), "");

	const char **notes;
	size_t n = lsp_scan_notes_with(repo, "maria-g", &notes);
	S_assert_paths(notes, n, "notes/a.md notes/b.md");
	free(notes);
	assert_int_equal(lsp_scan_notes_with(repo, "dee", &notes), 0);
	assert_null(notes);
	assert_int_equal(lsp_scan_notes_with(repo, "lisa-t", &notes), 0);

	/* Every name, once, with its counts. */
	const size_t *counts;
	const char *name;
	size_t names = 0, participants = 0;
	for (; (name = lsp_scan_name(repo, names, &counts)); names++)
		participants += counts[LSP_SCAN_PARTICIPANT];
	assert_int_equal(names, 5);   /* lisa-t, housing, rent, maria-g, jo */
	assert_int_equal(participants, 3);
	lsp_scan_free(repo);
	workspace_close(&ws);
	diag_list_release(&diags);
}

/* Another perennial's update under way: a write lock held on the index. */
static sqlite3 *S_lock(const char *top)
{
	char *path = unit_path(top, ".git/" INDEX_FILE);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM cache;", NULL, NULL, NULL),
			 SQLITE_OK);
	free(path);
	return db;
}

static void test_the_index_as_it_is_while_another_updates_it(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	unit_write(fx->top, "perennial.yml", CONFIG);
	unit_write(fx->top, "notes/a.md", NOTE("a", "[maria-g]", "internal", "Hello."));
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");
	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_index(&ws, 0), 0);
	workspace_close(&ws);

	/* A note written since: the index as it is does not know it yet. */
	unit_write(fx->top, "notes/b.md", NOTE("b", "[jo]", "internal", "Hello."));
	sqlite3 *lock = S_lock(fx->top);
	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	assert_int_equal(workspace_index_as_is(&ws), 0);
	struct lsp_scan *repo = S_scan(&ws);
	assert_non_null(repo);
	assert_int_equal(lsp_scan_notes(repo), 1);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "maria-g"), 1);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "jo"), 0);
	lsp_scan_free(repo);
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);

	/* Brought up to date once it may be. */
	assert_int_equal(workspace_index(&ws, 0), 0);
	repo = S_scan(&ws);
	assert_int_equal(lsp_scan_notes(repo), 2);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "jo"), 1);
	lsp_scan_free(repo);
	workspace_close(&ws);
	diag_list_release(&diags);
}

/* One message of a scan, from its text: what lsp_scan_take says. */
static int S_take_text(struct lsp_scan *repo, const char *text)
{
	json_t *json = json_loads(text, JSON_DECODE_ANY, NULL);
	int r = lsp_scan_take(repo, json);
	json_decref(json);
	return r;
}

static void test_what_is_no_scan_is_not_read(void **state)
{
	static const char *const bad[] = {
		"[]", "{}", "3", "{\"notes\": 3}", "{\"notes\": [3]}", "{\"notes\": [[\"a.md\"]]}",
		"{\"notes\": [[\"a.md\", \"a\", null, {}, []]]}",
		"{\"notes\": [[\"a.md\", null, null, [], []]]}",
	};
	(void)state;
	struct lsp_scan *repo = lsp_scan_new();
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(S_take_text(repo, bad[i]), -1);
	lsp_scan_free(repo);
	/* Names that are not strings are passed over. */
	repo = lsp_scan_new();
	assert_int_equal(S_take_text(repo, "{\"start\": true}"), 0);
	assert_int_equal(S_take_text(repo, "{\"notes\": [[\"a.md\", \"a\", 7, [1, \"jo\"], "
					   "[null]]]}"), 0);
	assert_int_equal(S_take_text(repo, "{\"notes\": [], \"end\": true}"), 1);
	assert_int_equal(lsp_scan_notes(repo), 1);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "jo"), 1);
	/* After the end, notes with no start before them are no scan's; a start begins one. */
	assert_int_equal(S_take_text(repo, "{\"notes\": [[\"b.md\", \"b\", null, [], []]]}"), -1);
	assert_int_equal(S_take_text(repo, "{\"notes\": [], \"end\": true}"), -1);
	assert_int_equal(S_take_text(repo, "{\"start\": true, \"notes\": [[\"b.md\", \"b\", null,"
					   " [], []]]}"), 0);
	assert_int_equal(S_take_text(repo, "{\"start\": true}"), 0);
	assert_int_equal(S_take_text(repo, "{\"notes\": [[\"c.md\", \"c\", null, [], []]],"
					   " \"end\": true}"), 1);
	assert_int_equal(lsp_scan_notes(repo), 1);
	const char *const *paths;
	assert_int_equal(lsp_scan_paths_with_id(repo, "c", &paths), 1);
	assert_int_equal(lsp_scan_paths_with_id(repo, "b", &paths), 0);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "jo"), 0);
	lsp_scan_free(repo);
	/* No notes is a scan of none; none handed yet answers nothing. */
	repo = lsp_scan_new();
	assert_int_equal(S_take_text(repo, "{\"start\": true, \"notes\": [], \"end\": true}"), 1);
	assert_int_equal(lsp_scan_notes(repo), 0);
	assert_int_equal(lsp_scan_paths_with_id(repo, "a", &paths), 0);
	lsp_scan_free(repo);
	assert_int_equal(lsp_scan_count(NULL, LSP_SCAN_THEME, "a"), 0);
	assert_int_equal(lsp_scan_paths_with_id(NULL, "a", &paths), 0);
}

/* A scan of more notes than one message holds comes in several, and is whole at the last. */
static void test_many_notes_in_many_messages(void **state)
{
	struct unit_git_repo *fx = *state;
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct strbuf path = STRBUF_INIT;
	unit_write(fx->top, "perennial.yml", CONFIG);
	for (int i = 0; i < 600; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "notes/n%03d.md", i);
		unit_write(fx->top, path.buf, NOTE("x", "[jo]", "internal", "Hello."));
	}
	assert_int_equal(workspace_open(&ws, fx->top, &diags), 0);
	struct lsp_scan *repo = S_scan(&ws);
	assert_int_equal(lsp_scan_notes(repo), 600);
	assert_int_equal(lsp_scan_count(repo, LSP_SCAN_PARTICIPANT, "jo"), 600);
	const char *const *with_id;
	assert_int_equal(lsp_scan_paths_with_id(repo, "x", &with_id), 600);
	assert_string_equal(with_id[0], "notes/n000.md");
	assert_string_equal(with_id[599], "notes/n599.md");
	lsp_scan_free(repo);
	workspace_close(&ws);
	diag_list_release(&diags);
	strbuf_release(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, unit_git_repo_setup, unit_git_repo_teardown)
		T(test_what_the_notes_name),
		T(test_the_index_as_it_is_while_another_updates_it),
		T(test_many_notes_in_many_messages),
		cmocka_unit_test(test_what_is_no_scan_is_not_read),
#undef T
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
