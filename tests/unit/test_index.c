#include "unit.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "corpus.h"
#include "error.h"
#include "index.h"
#include "privacy.h"
#include "mention.h"
#include "note.h"
#include "pattern.h"
#include "source.h"
#include "step_match.h"
#include "strbuf.h"
#include "strlist.h"
#include "table.h"

/*
 * Each test gets a fresh folder under /tmp standing for the git folder:
 * the index lives in base/perennial/index.db, whose folder index_open makes.
 * The tests look at the file with SQLite itself only to check what the
 * module promises about it (schema, journal, version), or to damage it.
 */
struct fixture {
	char *base;
	char *path;              /* base/perennial/index.db */
	struct index *ix;        /* opened by S_open, closed by the teardown */
	struct table t;
	int64_t inode;           /* a new one for each file set */
	struct source *config_src;
	struct config *config;   /* the codebook the notes' mentions are found with */
};

/* letters backtracks without end on a line of q's that does not end in one. */
#define CONFIG "themes:\n  housing: { label: Housing }\n  schools: { label: Schools }\n" \
	"  letters: { label: Letters, patterns: ['(q|qq)+$'] }\n"

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || !(fx->base = unit_tempdir("index")))
		return -1;
	fx->path = unit_path(fx->base, "perennial/index.db");
	fx->t = (struct table)TABLE_INIT;
	fx->inode = 1000;
	if (unit_config(&fx->config, &fx->config_src, CONFIG) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	index_close(fx->ix);
	config_free(fx->config);
	source_free(fx->config_src);
	table_release(&fx->t);
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx->path);
	free(fx);
	return 0;
}

#define BLOB_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define BLOB_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define BLOB_C "cccccccccccccccccccccccccccccccccccccccc"
#define BLOB_D "dddddddddddddddddddddddddddddddddddddddd"
#define BLOB_E "0123456789abcdef0123456789abcdef01234567"

static void S_open(struct fixture *fx)
{
	index_close(fx->ix);
	fx->ix = NULL;
	assert_int_equal(index_open(&fx->ix, fx->path), 0);
	assert_non_null(fx->ix);
}

/* Parses `text` as the note at `path` and stores it under `blob`. */
static void S_put(struct fixture *fx, const char *blob, const char *path, const char *text)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct note *note = note_parse(source_new(path, text, strlen(text)), NOTE_ALL, &diags);
	assert_non_null(note);
	struct mention_list mentions = MENTION_LIST_INIT;
	mention_find(&mentions, note, fx->config);
	const char *consent = fm_text(note->front ? fm_map_get(note->front, "consent", NULL) : NULL);
	assert_int_equal(index_put_note(fx->ix, blob, note, &mentions, 0, consent ? consent : "internal",
					config_consent_private(fx->config, consent ? consent : "internal")), 0);
	mention_list_release(&mentions);
	note_free(note);
	diag_list_release(&diags);
}

/* The note stored and `path` recorded as holding it, as refresh would. */
static void S_add(struct fixture *fx, const char *blob, const char *path, const char *text)
{
	struct index_stat st = { (int64_t)strlen(text), 1589000000000000000, fx->inode++ };
	S_put(fx, blob, path, text);
	assert_int_equal(index_set_file(fx->ix, path, blob, &st), 0);
}

/* The table's columns are exactly `want`. */
#define assert_columns(t, ...) \
	unit_assert_strings((t)->columns, (t)->ncolumns, (__VA_ARGS__), __FILE__, __LINE__)

/* Runs index_list with `filter` into fx->t (emptied first). */
/* A query's rows as a command prints them: through the privacy pass. */
static int S_shown(struct fixture *fx, int r)
{
	if (r == 0)
		privacy_rows(&fx->t, fx->config);
	return r;
}

static int S_list(struct fixture *fx, const struct index_filter *filter)
{
	table_release(&fx->t);
	fx->t = (struct table)TABLE_INIT;
	return S_shown(fx, index_list(&fx->t, fx->ix, filter));
}

static int S_search(struct fixture *fx, const char *query)
{
	table_release(&fx->t);
	fx->t = (struct table)TABLE_INIT;
	return S_shown(fx, index_search(&fx->t, fx->ix, query));
}

static int S_export(struct fixture *fx, enum index_export what)
{
	table_release(&fx->t);
	fx->t = (struct table)TABLE_INIT;
	return S_shown(fx, index_export(&fx->t, fx->ix, what));
}

/* One value from the index file, through a connection of the test's own, malloc'd. */
static char *S_sql_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char *value = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
		value = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

static void S_sql_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int S_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Whether the files table holds `path` with the stat `st` (index_unchanged_files, of one). */
static int S_unchanged(struct fixture *fx, const char *path, const struct index_stat *st)
{
	char *paths[] = { (char *)path };
	unsigned char unchanged = 9;
	assert_true(index_unchanged_files(fx->ix, paths, st, 1, &unchanged) >= 0);
	assert_true(unchanged <= 1);
	return unchanged;
}

/* The blob the files table says `path` holds. */
static char *S_file_blob(struct fixture *fx, const char *path)
{
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT blob FROM files WHERE path = '%s'", path);
	return S_sql_text(fx->path, sql);
}

/* --- The notes the query tests share --- */

/* 2020-03-01, lisa-t, one-on-one, maria-g, housing in front matter, tags urgent and rent. */
#define NOTE_A \
	"---\ntitle: Kitchen table talk\ndate: 2020-03-01\norganizer: lisa-t\n" \
	"participants: [maria-g]\nkind: one-on-one\nthemes: [housing]\n" \
	"tags: [urgent, rent]\n---\n" \
	"\nMaria talked about the landlord.\n" \
	"\n## Next steps\n\n" \
	"- [ ] @lisa-t Call the housing office (due 2020-03-08)\n" \
	"- [x] @maria-g Gather the leases\n"

/* 2020-04-15, dee-w, house-meeting, maria-g and joe-b, schools, language es. */
#define NOTE_B \
	"---\ntitle: House meeting at Parkview\ndate: 2020-04-15\norganizer: dee-w\n" \
	"participants: [maria-g, joe-b]\nkind: house-meeting\nthemes: [schools]\n" \
	"language: es\n---\n" \
	"\nParents asked about the bus.\n"

/* 2020-04-15 too, lisa-t, group, joe-b; housing only as a hashtag; tag rent. */
#define NOTE_C \
	"---\ntitle: Block party debrief\ndate: 2020-04-15\norganizer: lisa-t\n" \
	"participants: [joe-b]\nkind: group\ntags: [rent]\n---\n" \
	"\nThe rent strike came up twice. #housing\n"

/* 2020-05-20, dee-w, one-on-one, private, no participants. */
#define NOTE_D \
	"---\ntitle: Talk with a tenant\ndate: 2020-05-20\norganizer: dee-w\n" \
	"kind: one-on-one\nconsent: private\n---\n" \
	"\nShe fears an eviction notice next month.\n"

/* B and C share a date: by path, c.md comes before z.md. */
static void S_add_four(struct fixture *fx)
{
	S_open(fx);
	assert_int_equal(index_begin(fx->ix), 0);
	S_add(fx, BLOB_A, "notes/a.md", NOTE_A);
	S_add(fx, BLOB_B, "notes/z.md", NOTE_B);
	S_add(fx, BLOB_C, "notes/c.md", NOTE_C);
	S_add(fx, BLOB_D, "notes/d.md", NOTE_D);
	assert_int_equal(index_commit(fx->ix), 0);
}

/* --- Opening, versions, damage --- */

static void test_open_creates_the_schema_then_wal_mode(void **state)
{
	struct fixture *fx = *state;

	/* perennial/ does not exist yet: index_open makes it. */
	assert_false(S_exists(fx->path));
	S_open(fx);
	assert_true(S_exists(fx->path));
	static const char *const tables[] = {
		"meta", "notes", "fields", "participants", "themes", "steps", "quotes", "files", "text",
	};
	for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT name FROM sqlite_master WHERE type = 'table'"
			 " AND name = '%s'", tables[i]);
		char *name = S_sql_text(fx->path, sql);
		assert_non_null(name);
		free(name);
	}
	char *sql = S_sql_text(fx->path, "SELECT sql FROM sqlite_master WHERE name = 'text'");
	assert_non_null(strstr(sql, "fts5"));
	free(sql);
	/*
	 * WAL is a property of the file: a connection of our own sees it. A
	 * new file is first filled through a rollback journal, then in WAL.
	 */
	char *mode = S_sql_text(fx->path, "PRAGMA journal_mode");
	assert_string_equal(mode, "delete");
	free(mode);
	assert_int_equal(index_begin(fx->ix), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_commit(fx->ix), 0);
	mode = S_sql_text(fx->path, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	/* And stays so, opened again. */
	index_close(fx->ix);
	fx->ix = NULL;
	S_open(fx);
	mode = S_sql_text(fx->path, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	char *page = S_sql_text(fx->path, "PRAGMA page_size");
	assert_string_equal(page, "16384");
	free(page);
	char *version = S_sql_text(fx->path, "SELECT value FROM meta WHERE key = 'schema'");
	assert_non_null(version);
	assert_true(strlen(version) > 0);
	free(version);
	/* Nothing indexed: every query answers with no rows. */
	struct index_filter none = { 0 };
	assert_int_equal(S_list(fx, &none), 0);
	assert_int_equal(fx->t.nrows, 0);
	assert_int_equal(fx->t.ncolumns, 9);
}

static void test_reopen_keeps_the_data(void **state)
{
	struct fixture *fx = *state;
	struct index_stat st = { 10, 20, 30 };

	S_open(fx);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_set_file(fx->ix, "notes/a.md", BLOB_A, &st), 0);
	index_close(fx->ix);
	fx->ix = NULL;

	S_open(fx);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 1);
	char *blob = S_file_blob(fx, "notes/a.md");
	assert_string_equal(blob, BLOB_A);
	free(blob);
	struct index_filter none = { 0 };
	assert_int_equal(S_list(fx, &none), 0);
	assert_column(&fx->t, "title", (const char *[]){ "Kitchen table talk", NULL });
}

static void test_another_schema_version_is_emptied(void **state)
{
	struct fixture *fx = *state;
	struct index_stat st = { 10, 20, 30 };

	S_open(fx);
	char *current = S_sql_text(fx->path, "SELECT value FROM meta WHERE key = 'schema'");
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_set_file(fx->ix, "notes/a.md", BLOB_A, &st), 0);
	index_close(fx->ix);
	fx->ix = NULL;

	/* As if an older perennial had made it. */
	S_sql_exec(fx->path, "UPDATE meta SET value = 'old' WHERE key = 'schema'");
	S_open(fx);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 0);
	struct index_filter none = { 0 };
	assert_int_equal(S_list(fx, &none), 0);
	assert_int_equal(fx->t.nrows, 0);
	char *now = S_sql_text(fx->path, "SELECT value FROM meta WHERE key = 'schema'");
	assert_string_equal(now, current);
	free(now);

	/* An SQLite file without perennial's tables at all is made into an index too. */
	index_close(fx->ix);
	fx->ix = NULL;
	S_sql_exec(fx->path, "DROP TABLE meta");
	S_open(fx);
	S_put(fx, BLOB_B, "notes/b.md", NOTE_B);
	assert_int_equal(index_has_blob(fx->ix, BLOB_B), 1);
	now = S_sql_text(fx->path, "SELECT value FROM meta WHERE key = 'schema'");
	assert_string_equal(now, current);
	free(now);
	free(current);
}

/*
 * index_open on a damaged file sets it aside as PATH.damaged (replacing an
 * older one), records no error, and says so once; the new index works.
 */
static void S_assert_set_aside(struct fixture *fx, const char *bytes, size_t len,
			       const char *why)
{
	struct unit_capture capture;
	char *aside = unit_path(fx->base, "perennial/index.db.damaged");

	unit_write_bytes(fx->base, "perennial/index.db", bytes, len);
	unit_write(fx->base, "perennial/index.db-wal", "stale");
	unit_capture_start(&capture);
	assert_int_equal(index_open(&fx->ix, fx->path), 0);
	char *err = unit_capture_stop(&capture);
	assert_string_equal(err, "");
	free(err);
	char *said = index_take_mended(fx->ix);
	assert_non_null(said);
	assert_non_null(strstr(said, why));
	assert_non_null(strstr(said, aside));
	free(said);
	assert_null(index_take_mended(fx->ix));
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	index_close(fx->ix);
	fx->ix = NULL;

	/* What was there is kept as it was, for whoever wants to look. */
	FILE *f = fopen(aside, "rb");
	char kept[5000];
	assert_non_null(f);
	assert_int_equal(fread(kept, 1, sizeof(kept), f), len);
	fclose(f);
	assert_memory_equal(kept, bytes, len);
	free(aside);
}

static void test_damaged_file_is_set_aside(void **state)
{
	struct fixture *fx = *state;
	char garbage[5000];

	for (size_t i = 0; i < sizeof(garbage); i++)
		garbage[i] = (char)(i * 7919 % 251 + 1);
	S_assert_set_aside(fx, garbage, sizeof(garbage), "file is not a database");

	/* SQLite's own header, then garbage: the older .damaged is replaced. */
	memcpy(garbage, "SQLite format 3", 16);
	S_assert_set_aside(fx, garbage, sizeof(garbage), "was damaged");
}

/* Damage found after opening: index_damaged says so, index_mend starts afresh. */
static void test_mend_after_a_failure(void **state)
{
	struct fixture *fx = *state;

	S_open(fx);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	index_close(fx->ix);
	fx->ix = NULL;
	/* Tables that are not this version's, under this version's number. */
	S_sql_exec(fx->path, "ALTER TABLE steps RENAME TO chores");
	S_open(fx);
	assert_false(index_damaged(fx->ix));
	struct step_match_step *steps = NULL;
	size_t n = 0;
	struct unit_capture capture;
	unit_capture_start(&capture);
	assert_int_equal(index_blob_steps(&steps, &n, fx->ix, BLOB_A), -1);
	free(unit_capture_stop(&capture));
	assert_true(index_damaged(fx->ix));
	assert_int_equal(index_mend(fx->ix), 0);
	assert_false(index_damaged(fx->ix));
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
	char *said = index_take_mended(fx->ix);
	assert_non_null(strstr(said, "no such table: steps"));
	free(said);

	/* A failure of another kind is not damage. */
	index_close(fx->ix);
	assert_int_equal(index_open(&fx->ix, ":memory:"), 0);
	assert_false(index_damaged(fx->ix));
}

/*
 * Starting over empties the tables inside the next transaction, in the
 * same file: another connection sees the old notes until it commits, then
 * the new ones alone; what perennial.yml it was made under is kept.
 */
static void test_start_over_in_one_transaction(void **state)
{
	struct fixture *fx = *state;
	struct index *other = NULL;
	struct stat before, after;
	const struct index_filter all = { 0 };

	S_open(fx);
	assert_int_equal(index_use_config(fx->ix, "digest-1"), 0);
	S_add(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(stat(fx->path, &before), 0);
	assert_int_equal(index_open(&other, fx->path), 0);

	index_start_over(fx->ix);
	assert_int_equal(index_begin(fx->ix), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
	S_add(fx, BLOB_B, "notes/b.md", NOTE_B);
	struct table seen = TABLE_INIT;
	assert_int_equal(index_list(&seen, other, &all), 0);
	assert_int_equal(seen.nrows, 1);
	table_release(&seen);
	assert_int_equal(index_commit(fx->ix), 0);

	seen = (struct table)TABLE_INIT;
	assert_int_equal(index_list(&seen, other, &all), 0);
	assert_int_equal(seen.nrows, 1);
	assert_string_equal(table_cell(&seen, 0, unit_table_column(&seen, "path")), "notes/b.md");
	table_release(&seen);
	assert_int_equal(index_made_under(other, "digest-1"), 1);
	assert_int_equal(stat(fx->path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	/* Once: the next transaction keeps what is there. */
	assert_int_equal(index_begin(fx->ix), 0);
	assert_int_equal(index_commit(fx->ix), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_B), 1);
	index_close(other);
}

/* A child process holds the write lock for a while: index_begin waits for it. */
static void test_busy_index_is_waited_for(void **state)
{
	struct fixture *fx = *state;
	int ready[2];

	S_open(fx);
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db = NULL;
		close(ready[0]);
		if (sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('lock', 'held')",
				 NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep(400 * 1000);
		_exit(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : 1);
	}
	close(ready[1]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	/* The lock is held now; without a busy timeout this fails at once. */
	assert_int_equal(index_begin(fx->ix), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_commit(fx->ix), 0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *held = S_sql_text(fx->path, "SELECT value FROM meta WHERE key = 'lock'");
	assert_string_equal(held, "held");
	free(held);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
}

/* --- Blobs, files, transactions --- */

static void test_put_and_has_blob(void **state)
{
	struct fixture *fx = *state;

	S_open(fx);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	assert_int_equal(index_has_blob(fx->ix, BLOB_B), 0);
	/* A file that is no note at all (no front matter) is stored too: it was seen. */
	S_put(fx, BLOB_B, "notes/b.md", "Just some text.\n");
	assert_int_equal(index_has_blob(fx->ix, BLOB_B), 1);
	S_put(fx, BLOB_C, "notes/c.md", "");
	assert_int_equal(index_has_blob(fx->ix, BLOB_C), 1);
}

static void test_rollback_forgets_commit_keeps(void **state)
{
	struct fixture *fx = *state;

	S_open(fx);
	assert_int_equal(index_begin(fx->ix), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	index_rollback(fx->ix);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
	assert_int_equal(index_begin(fx->ix), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_commit(fx->ix), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
}

static void test_file_blob_matches_only_the_same_stat(void **state)
{
	struct fixture *fx = *state;
	const struct index_stat st = { 100, 1589000000123456789, 4242 };

	S_open(fx);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 0);
	assert_int_equal(index_set_file(fx->ix, "notes/a.md", BLOB_A, &st), 0);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 1);
	char *blob = S_file_blob(fx, "notes/a.md");
	assert_string_equal(blob, BLOB_A);
	free(blob);

	struct index_stat other = st;
	other.size = 101;
	assert_int_equal(S_unchanged(fx, "notes/a.md", &other), 0);
	other = st;
	other.mtime_ns += 1;     /* one nanosecond is a change */
	assert_int_equal(S_unchanged(fx, "notes/a.md", &other), 0);
	other = st;
	other.inode = 4243;      /* an editor that saves by renaming a new file */
	assert_int_equal(S_unchanged(fx, "notes/a.md", &other), 0);
	assert_int_equal(S_unchanged(fx, "notes/b.md", &st), 0);
	assert_int_equal(S_unchanged(fx, "notes/A.md", &st), 0);

	/* Setting the path again replaces what it held. */
	other.size = 7;
	assert_int_equal(index_set_file(fx->ix, "notes/a.md", BLOB_B, &other), 0);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 0);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &other), 1);
	blob = S_file_blob(fx, "notes/a.md");
	assert_string_equal(blob, BLOB_B);
	free(blob);

	/* Many at once, in one pass: each its own answer, and the rows no path listed counted. */
	assert_int_equal(index_set_file(fx->ix, "notes/c.md", BLOB_A, &st), 0);
	assert_int_equal(index_set_file(fx->ix, "notes/e.md", BLOB_A, &st), 0);
	char *paths[] = { "notes/0.md", "notes/a.md", "notes/b.md", "notes/e.md", "notes/z.md" };
	const struct index_stat stats[] = { st, other, st, st, st };
	unsigned char unchanged[5];
	assert_int_equal(index_unchanged_files(fx->ix, paths, stats, 5, unchanged), 1);
	static const unsigned char want[] = { 0, 1, 0, 1, 0 };
	assert_memory_equal(unchanged, want, 5);
	assert_int_equal(index_unchanged_files(fx->ix, NULL, NULL, 0, unchanged), 3);
}

static void test_keep_files_forgets_the_others_and_counts_them(void **state)
{
	struct fixture *fx = *state;
	const struct index_stat st = { 1, 2, 3 };

	S_open(fx);
	static const char *const all[] = { "notes/a.md", "notes/b.md", "notes/c.md", "notes/d.md" };
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(index_set_file(fx->ix, all[i], BLOB_A, &st), 0);
	char *keep[] = { "notes/b.md", "notes/d.md", "notes/e.md" };
	assert_int_equal(index_keep_files(fx->ix, keep, 3), 2);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 0);
	assert_int_equal(S_unchanged(fx, "notes/b.md", &st), 1);
	assert_int_equal(S_unchanged(fx, "notes/c.md", &st), 0);
	assert_int_equal(S_unchanged(fx, "notes/d.md", &st), 1);
	/* Nothing to forget. */
	assert_int_equal(index_keep_files(fx->ix, keep, 3), 0);
	/* No notes left in the work tree: every file is forgotten. */
	assert_int_equal(index_keep_files(fx->ix, NULL, 0), 2);
	assert_int_equal(S_unchanged(fx, "notes/b.md", &st), 0);
	/* The parse results stay: they are by blob, for when the content comes back. */
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_keep_files(fx->ix, NULL, 0), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
}

static void test_use_config_with_another_fingerprint_drops_parse_results(void **state)
{
	struct fixture *fx = *state;
	const struct index_stat st = { 1, 2, 3 };

	S_open(fx);
	assert_int_equal(index_use_config(fx->ix, "0123456789abcdef"), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_set_file(fx->ix, "notes/a.md", BLOB_A, &st), 0);
	/* The same fingerprint: nothing is lost, now or after reopening. */
	assert_int_equal(index_use_config(fx->ix, "0123456789abcdef"), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	S_open(fx);
	assert_int_equal(index_use_config(fx->ix, "0123456789abcdef"), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 1);

	/* Another: the notes, their rows and the files holding them are gone. */
	assert_int_equal(index_use_config(fx->ix, "fedcba9876543210"), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
	assert_int_equal(S_unchanged(fx, "notes/a.md", &st), 0);
	struct index_filter none = { 0 };
	assert_int_equal(S_list(fx, &none), 0);
	assert_int_equal(fx->t.nrows, 0);
	assert_int_equal(S_search(fx, "landlord"), 0);
	assert_int_equal(fx->t.nrows, 0);
	for (int what = INDEX_EXPORT_CONVERSATIONS; what <= INDEX_EXPORT_STEPS; what++) {
		assert_int_equal(S_export(fx, (enum index_export)what), 0);
		assert_int_equal(fx->t.nrows, 0);
	}
	/* Storing the blob again after the drop stores it once, not twice. */
	S_add(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(S_export(fx, INDEX_EXPORT_STEPS), 0);
	assert_int_equal(fx->t.nrows, 2);
	/* And the first fingerprint is "another" now. */
	assert_int_equal(index_use_config(fx->ix, "0123456789abcdef"), 0);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 0);
}

/* --- list --- */

static void test_list_everything_by_date_then_path(void **state)
{
	struct fixture *fx = *state;
	struct index_filter none = { 0 };

	S_add_four(fx);
	/* A blob that no file of the work tree holds is not listed. */
	S_put(fx, BLOB_E, "notes/old.md", NOTE_A);
	assert_int_equal(S_list(fx, &none), 0);
	assert_columns(&fx->t, (const char *[]){ "date", "id", "title", "organizer", "kind",
		"participants", "themes", "consent", "path", NULL });
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/c.md",
		"notes/z.md", "notes/d.md", NULL });
	assert_column(&fx->t, "date", (const char *[]){ "2020-03-01", "2020-04-15",
		"2020-04-15", "2020-05-20", NULL });
	assert_column(&fx->t, "id", (const char *[]){ "a", "c", "z", "(private note)", NULL });
	assert_column(&fx->t, "participants", (const char *[]){ "maria-g", "joe-b",
		"maria-g, joe-b", "(null)", NULL });
	/* Themes from the front matter only; consent defaults to internal. */
	assert_column(&fx->t, "themes", (const char *[]){ "housing", "(null)", "schools",
		"(null)", NULL });
	assert_column(&fx->t, "consent", (const char *[]){ "internal", "internal", "internal",
		"private", NULL });

	/* An empty filter string is no filter. */
	struct index_filter empty = { "", "", "", "", "", "", NULL, 0 };
	assert_int_equal(S_list(fx, &empty), 0);
	assert_int_equal(fx->t.nrows, 4);
}

static void test_list_each_filter_alone(void **state)
{
	struct fixture *fx = *state;

	S_add_four(fx);
	struct index_filter f = { 0 };
	f.organizer = "lisa-t";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/c.md", NULL });

	f = (struct index_filter){ 0 };
	f.participant = "maria-g";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/z.md", NULL });

	/* A theme from the front matter or a hashtag. */
	f = (struct index_filter){ 0 };
	f.theme = "housing";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/c.md", NULL });

	f = (struct index_filter){ 0 };
	f.kind = "one-on-one";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/d.md", NULL });

	/* since and until are inclusive. */
	f = (struct index_filter){ 0 };
	f.since = "2020-04-15";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/c.md", "notes/z.md",
		"notes/d.md", NULL });

	f = (struct index_filter){ 0 };
	f.until = "2020-04-15";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/c.md",
		"notes/z.md", NULL });

	/* Any front-matter key, a scalar... */
	const char *language[] = { "language=es" };
	f = (struct index_filter){ 0 };
	f.fields = language;
	f.nfields = 1;
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/z.md", NULL });

	/* ...or one item of a list. */
	const char *rent[] = { "tags=rent" };
	f.fields = rent;
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/c.md", NULL });

	/* The value may hold '=': only the first one splits. */
	const char *odd[] = { "title=a=b" };
	f.fields = odd;
	assert_int_equal(S_list(fx, &f), 0);
	assert_int_equal(fx->t.nrows, 0);

	/* Nothing matches: no rows, no error. */
	f = (struct index_filter){ 0 };
	f.organizer = "nobody";
	assert_int_equal(S_list(fx, &f), 0);
	assert_int_equal(fx->t.nrows, 0);
	assert_int_equal(fx->t.ncolumns, 9);
}

static void test_list_filters_combined(void **state)
{
	struct fixture *fx = *state;

	S_add_four(fx);
	struct index_filter f = { 0 };
	f.organizer = "lisa-t";
	f.since = "2020-04-01";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/c.md", NULL });

	f = (struct index_filter){ 0 };
	f.participant = "joe-b";
	f.theme = "housing";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/c.md", NULL });

	f = (struct index_filter){ 0 };
	f.participant = "maria-g";
	f.kind = "house-meeting";
	f.since = "2020-04-15";
	f.until = "2020-04-15";
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/z.md", NULL });

	/* Two --field: both must hold (two items of one list here). */
	const char *both[] = { "tags=rent", "tags=urgent" };
	f = (struct index_filter){ 0 };
	f.fields = both;
	f.nfields = 2;
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", NULL });

	const char *private_[] = { "consent=private" };
	f = (struct index_filter){ 0 };
	f.organizer = "dee-w";
	f.kind = "one-on-one";
	f.fields = private_;
	f.nfields = 1;
	assert_int_equal(S_list(fx, &f), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/d.md", NULL });

	/* Every filter at once, all agreeing on a. */
	const char *urgent[] = { "tags=urgent", "themes=housing" };
	struct index_filter all = { "lisa-t", "maria-g", "housing", "one-on-one", "2020-03-01",
				    "2020-03-01", urgent, 2 };
	assert_int_equal(S_list(fx, &all), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", NULL });
	/* ...and one that disagrees empties it. */
	all.theme = "schools";
	assert_int_equal(S_list(fx, &all), 0);
	assert_int_equal(fx->t.nrows, 0);
}

static void test_list_field_without_equals_is_an_error(void **state)
{
	struct fixture *fx = *state;
	struct unit_capture capture;

	S_add_four(fx);
	const char *bad[] = { "tags=rent", "language" };
	struct index_filter f = { 0 };
	f.fields = bad;
	f.nfields = 2;
	unit_capture_start(&capture);
	int r = S_list(fx, &f);
	char *err = unit_capture_stop(&capture);
	assert_int_equal(r, -1);
	assert_non_null(strstr(err, "KEY=VALUE"));
	assert_non_null(strstr(err, "'language'"));
	free(err);
}

/* --- search --- */

#define LONG_FILLER \
	"The meeting went on about the parking lot, the snow plan, the bake sale, " \
	"the choir schedule, the new roof, the bus routes, the library hours, the " \
	"garden beds, the summer camp, the food pantry, the clothing drive, the " \
	"youth league, the senior lunch, the block watch, the street lights. "

static void test_search_ranks_dense_matches_first(void **state)
{
	struct fixture *fx = *state;

	S_open(fx);
	/* Once, in a long text, and the newer note: it would come first by date. */
	S_add(fx, BLOB_A, "notes/long.md",
	      "---\ntitle: Long meeting\ndate: 2020-06-01\norganizer: lisa-t\nkind: group\n---\n\n"
	      LONG_FILLER LONG_FILLER "Somebody mentioned tenants once. " LONG_FILLER "\n");
	/* Twice, in a short text. */
	S_add(fx, BLOB_B, "notes/short.md",
	      "---\ntitle: Short talk\ndate: 2020-05-01\norganizer: lisa-t\nkind: group\n---\n\n"
	      "The tenants met; tenants are angry.\n");
	S_add(fx, BLOB_C, "notes/none.md",
	      "---\ntitle: Unrelated\ndate: 2020-05-02\norganizer: lisa-t\nkind: group\n---\n\n"
	      "Nothing to see.\n");
	assert_int_equal(S_search(fx, "tenants"), 0);
	assert_columns(&fx->t, (const char *[]){ "date", "title", "match", "path", NULL });
	assert_column(&fx->t, "path", (const char *[]){ "notes/short.md", "notes/long.md", NULL });
	/* The snippet marks the match. */
	const char *match = table_cell(&fx->t, 0, unit_table_column(&fx->t, "match"));
	assert_non_null(strstr(match, "**tenants**"));
	match = table_cell(&fx->t, 1, unit_table_column(&fx->t, "match"));
	assert_non_null(strstr(match, "**tenants**"));
	/* A long text is cut around the match, not shown whole. */
	assert_true(strlen(match) < 200);
	assert_null(strstr(match, "street lights"));

	/* Query syntax: a phrase, OR, a prefix, NOT. */
	assert_int_equal(S_search(fx, "\"tenants are angry\""), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/short.md", NULL });
	assert_int_equal(S_search(fx, "tenant*"), 0);
	assert_int_equal(fx->t.nrows, 2);
	assert_int_equal(S_search(fx, "tenants NOT angry"), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/long.md", NULL });
	assert_int_equal(S_search(fx, "nothing OR angry"), 0);
	assert_int_equal(fx->t.nrows, 2);
	/* Words in the title are found too. */
	assert_int_equal(S_search(fx, "unrelated"), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/none.md", NULL });
	/* No match is no error. */
	assert_int_equal(S_search(fx, "zeppelin"), 0);
	assert_int_equal(fx->t.nrows, 0);
}

/* Words are found in their other forms and without their accents, and a name stays a name. */
static void test_search_finds_other_forms_and_accents(void **state)
{
	struct fixture *fx = *state;

	S_open(fx);
	S_add(fx, BLOB_A, "notes/ines.md",
	      "---\ntitle: Caf\xC3\xA9 con In\xC3\xA9s\ndate: 2020-06-01\norganizer: lisa-t\n"
	      "kind: group\n---\n\nThe landlord repairs nothing. We used the phone tree.\n");
	S_add(fx, BLOB_B, "notes/in.md",
	      "---\ntitle: In the lobby\ndate: 2020-05-01\norganizer: lisa-t\nkind: group\n---\n\n"
	      "We met in the lobby about the repair log. Dee came. Use it.\n");
	assert_int_equal(S_search(fx, "\"repair\""), 0);
	assert_int_equal(fx->t.nrows, 2);
	assert_int_equal(S_search(fx, "\"Ines\""), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/ines.md", NULL });
	const char *match = table_cell(&fx->t, 0, unit_table_column(&fx->t, "match"));
	assert_non_null(strstr(match, "**In\xC3\xA9s**"));
	assert_int_equal(S_search(fx, "\"INES\""), 0);
	assert_int_equal(fx->t.nrows, 1);
	assert_int_equal(S_search(fx, "\"cafe\""), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/ines.md", NULL });
	/* Porter would make Dee "de" and used "us": short stems keep the word whole. */
	assert_int_equal(S_search(fx, "\"de\""), 0);
	assert_int_equal(fx->t.nrows, 0);
	assert_int_equal(S_search(fx, "\"dee\""), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/in.md", NULL });
	assert_int_equal(S_search(fx, "\"us\""), 0);
	assert_int_equal(fx->t.nrows, 0);
	/* A prefix is stemmed alike: ine* is no "in". */
	assert_int_equal(S_search(fx, "\"ine\"*"), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/ines.md", NULL });
	assert_int_equal(S_search(fx, "\"lobbies\""), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/in.md", NULL });
}

/* The index answers with the data; whether a row is private is a column of it. */
static void test_rows_say_which_note_is_private(void **state)
{
	struct fixture *fx = *state;
	struct index_filter none = { 0 };

	S_add_four(fx);
	assert_int_equal(index_list(&fx->t, fx->ix, &none), 0);
	assert_column(&fx->t, INDEX_PRIVATE, (const char *[]){ "0", "0", "0", "1", NULL });
	table_release(&fx->t);
	fx->t = (struct table)TABLE_INIT;
	assert_int_equal(index_search(&fx->t, fx->ix, "eviction"), 0);
	assert_column(&fx->t, INDEX_PRIVATE, (const char *[]){ "1", NULL });
	const char *match = table_cell(&fx->t, 0, unit_table_column(&fx->t, "match"));
	assert_non_null(strstr(match, "**eviction**"));
}

static void test_search_never_shows_a_private_note(void **state)
{
	struct fixture *fx = *state;

	S_add_four(fx);
	assert_int_equal(S_search(fx, "eviction"), 0);
	assert_int_equal(fx->t.nrows, 1);
	const char *match = table_cell(&fx->t, 0, unit_table_column(&fx->t, "match"));
	assert_null(strstr(match, "eviction"));
	assert_null(strstr(match, "fears"));
	assert_null(strstr(match, "**"));
	assert_column(&fx->t, "path", (const char *[]){ "notes/d.md", NULL });
	/* The others show theirs. */
	assert_int_equal(S_search(fx, "landlord"), 0);
	match = table_cell(&fx->t, 0, unit_table_column(&fx->t, "match"));
	assert_non_null(strstr(match, "**landlord**"));
}

static void test_search_bad_query_is_a_clear_error(void **state)
{
	struct fixture *fx = *state;
	static const char *const bad[] = { "\"tenants", "tenants AND", "(rent", "NOT", "a:b" };
	struct unit_capture capture;

	S_add_four(fx);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		unit_capture_start(&capture);
		int r = S_search(fx, bad[i]);
		char *err = unit_capture_stop(&capture);
		assert_int_equal(r, -1);
		assert_non_null(strstr(err, "perennial: error: cannot search for '"));
		assert_non_null(strstr(err, bad[i]));
		assert_non_null(strstr(err, "hint: "));
		/* Not the SQL of the query, nor SQLite's words. */
		assert_null(strstr(err, "SELECT"));
		assert_null(strstr(err, "fts5"));
		assert_null(strstr(err, "syntax error"));
		assert_null(strstr(err, "no such column"));
		free(err);
	}
	/* The index still answers afterwards. */
	assert_int_equal(S_search(fx, "landlord"), 0);
	assert_int_equal(fx->t.nrows, 1);
}

/* --- export --- */

static void test_export_conversations_columns(void **state)
{
	struct fixture *fx = *state;

	S_add_four(fx);
	assert_int_equal(S_export(fx, INDEX_EXPORT_CONVERSATIONS), 0);
	assert_columns(&fx->t, (const char *[]){ "date", "id", "title", "organizer", "kind",
		"participants", "themes", "consent", "path", NULL });
	assert_int_equal(fx->t.nrows, 4);
	static const char *const first[] = { "2020-03-01", "a", "Kitchen table talk", "lisa-t",
		"one-on-one", "maria-g", "housing", "internal", "notes/a.md" };
	for (size_t c = 0; c < 9; c++)
		assert_string_equal(table_cell(&fx->t, 0, c), first[c]);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/c.md",
		"notes/z.md", "notes/d.md", NULL });
	/* Every column is text, the date too. */
	for (size_t c = 0; c < fx->t.ncolumns; c++)
		assert_false(fx->t.numbers[c]);
}

static void test_export_people_columns(void **state)
{
	struct fixture *fx = *state;

	S_add_four(fx);
	assert_int_equal(S_export(fx, INDEX_EXPORT_PEOPLE), 0);
	assert_columns(&fx->t, (const char *[]){ "person", "conversations", "first_seen",
		"last_seen", "organizers", NULL });
	assert_column(&fx->t, "person", (const char *[]){ "joe-b", "maria-g", NULL });
	assert_column(&fx->t, "conversations", (const char *[]){ "2", "2", NULL });
	/* A count is a number; the days and names are text. */
	for (size_t c = 0; c < fx->t.ncolumns; c++)
		assert_int_equal(fx->t.numbers[c], strcmp(fx->t.columns[c], "conversations") == 0);
	assert_column(&fx->t, "first_seen", (const char *[]){ "2020-04-15", "2020-03-01", NULL });
	assert_column(&fx->t, "last_seen", (const char *[]){ "2020-04-15", "2020-04-15", NULL });
	/* Each organizer once, in order, so that two exports compare. */
	assert_string_equal(table_cell(&fx->t, 0, unit_table_column(&fx->t, "organizers")), "dee-w, lisa-t");
}

static void test_export_steps_columns(void **state)
{
	struct fixture *fx = *state;

	S_add_four(fx);
	assert_int_equal(S_export(fx, INDEX_EXPORT_STEPS), 0);
	assert_columns(&fx->t, (const char *[]){ "note", "opened", "owner", "step", "due",
		"done", "path", "line", NULL });
	assert_column(&fx->t, "note", (const char *[]){ "a", "a", NULL });
	assert_column(&fx->t, "opened", (const char *[]){ "2020-03-01", "2020-03-01", NULL });
	assert_column(&fx->t, "owner", (const char *[]){ "lisa-t", "maria-g", NULL });
	assert_column(&fx->t, "due", (const char *[]){ "2020-03-08", "(null)", NULL });
	assert_column(&fx->t, "done", (const char *[]){ "no", "yes", NULL });
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/a.md", NULL });
	assert_column(&fx->t, "line", (const char *[]){ "15", "16", NULL });
	for (size_t c = 0; c < fx->t.ncolumns; c++)
		assert_int_equal(fx->t.numbers[c], strcmp(fx->t.columns[c], "line") == 0);
	const char *step = table_cell(&fx->t, 0, unit_table_column(&fx->t, "step"));
	assert_non_null(strstr(step, "Call the housing office"));
	step = table_cell(&fx->t, 1, unit_table_column(&fx->t, "step"));
	assert_non_null(strstr(step, "Gather the leases"));
}

/*
 * A step is stored as the parse made it, and read back so: its words and
 * key for the corpus, key, owner and done for the pairing of versions.
 * Export keeps the text as written.
 */
static void test_steps_read_back_as_parsed(void **state)
{
	struct fixture *fx = *state;
	struct step_match_step *steps = (struct step_match_step *)fx;
	struct corpus corpus = CORPUS_INIT;
	size_t n = 99;

	S_add_four(fx);
	assert_int_equal(index_blob_steps(&steps, &n, fx->ix, BLOB_A), 0);
	assert_int_equal(n, 2);
	assert_string_equal(steps[0].key, "call the housing office");
	assert_string_equal(steps[0].owner, "lisa-t");
	assert_false(steps[0].done);
	assert_string_equal(steps[1].key, "gather the leases");
	assert_string_equal(steps[1].owner, "maria-g");
	assert_true(steps[1].done);
	step_match_steps_free(steps, n);
	/* A note without steps, a blob never stored: none. */
	assert_int_equal(index_blob_steps(&steps, &n, fx->ix, BLOB_B), 0);
	assert_null(steps);
	assert_int_equal(n, 0);
	assert_int_equal(index_blob_steps(&steps, &n, fx->ix, BLOB_E), 0);
	assert_int_equal(n, 0);

	assert_int_equal(index_corpus(&corpus, fx->ix, CORPUS_STEPS), 0);
	assert_string_equal(corpus.notes[0].path, "notes/a.md");
	assert_int_equal(corpus.notes[0].nsteps, 2);
	const struct corpus_step *s = &corpus.notes[0].steps[0];
	assert_string_equal(s->words, "Call the housing office");
	assert_string_equal(s->key, "call the housing office");
	assert_string_equal(s->owner, "lisa-t");
	assert_string_equal(s->due, "2020-03-08");
	assert_int_equal(s->line, 15);
	assert_string_equal(corpus.notes[0].steps[1].words, "Gather the leases");
	corpus_release(&corpus);

	assert_int_equal(S_export(fx, INDEX_EXPORT_STEPS), 0);
	assert_column(&fx->t, "step", (const char *[]){
		"@lisa-t Call the housing office (due 2020-03-08)", "@maria-g Gather the leases",
		NULL });
}

/*
 * A paragraph that mentions two themes is stored once, and the corpus's
 * two mentions share its text; a quote's paragraphs share the quote.
 */
static void test_evidence_stored_once(void **state)
{
	struct fixture *fx = *state;
	struct corpus corpus = CORPUS_INIT;

	S_open(fx);
	S_add(fx, BLOB_C, "notes/c.md", "---\ntitle: Both\ndate: 2020-03-02\n---\n\n"
	      "#housing and #schools together.\n\n> #housing first.\n>\n> #schools second.\n"
	      "\nThen #housing alone.\n");
	char *stored = S_sql_text(fx->path, "SELECT (SELECT count(*) FROM evidence) || '/'"
				  " || count(*) FROM themes");
	assert_string_equal(stored, "3/5");
	free(stored);
	/* The mentions, numbered by their evidence: its text is read apart. */
	assert_int_equal(index_corpus(&corpus, fx->ix, CORPUS_MENTIONS), 0);
	const struct corpus_note *note = &corpus.notes[0];
	static const int numbers[] = { 1, 1, 2, 2, 3 };
	assert_int_equal(note->nmentions, 5);
	for (size_t i = 0; i < note->nmentions; i++) {
		assert_int_equal(note->mentions[i].evidence_n, numbers[i]);
		assert_null(note->mentions[i].evidence);
	}
	assert_string_equal(note->mentions[2].theme, "housing");
	assert_int_equal(note->mentions[2].quoted, 1);
	assert_ptr_equal(note->mentions[3].theme, corpus.notes[0].mentions[1].theme);

	struct strlist texts = STRLIST_INIT;
	assert_int_equal(index_evidence(&texts, fx->ix, note->blob), 0);
	assert_int_equal(texts.len, 3);
	assert_string_equal(texts.items[0], "#housing and #schools together.");
	assert_string_equal(texts.items[1], "#housing first.\n\n#schools second.");
	assert_string_equal(texts.items[2], "Then #housing alone.");
	/* A blob without evidence, or not stored: none, what the list held before gone. */
	assert_int_equal(index_evidence(&texts, fx->ix, BLOB_E), 0);
	assert_int_equal(texts.len, 0);
	strlist_release(&texts);
	corpus_release(&corpus);
}

/* What a walk of index_each_note saw, and when it stops. */
struct walk {
	const char *db;               /* the index's file, read apart */
	const struct corpus *whole;   /* the same notes from index_corpus */
	size_t seen, stop_after;
	char paths[8][32];
};

static int S_walk(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	struct walk *w = ctx;
	assert_true(w->seen < 8);
	snprintf(w->paths[w->seen++], sizeof(w->paths[0]), "%s", note->path);
	const struct corpus_note *same = NULL;
	for (size_t i = 0; i < w->whole->len; i++)
		if (strcmp(w->whole->notes[i].path, note->path) == 0)
			same = &w->whole->notes[i];
	assert_non_null(same);
	assert_string_equal(note->blob, same->blob);
	/* What the note's digest says is what the tables of rows say. */
	char sql[600];
	snprintf(sql, sizeof(sql), "SELECT (SELECT count(*) FROM participants WHERE blob = '%s')"
		 " || '/' || (SELECT count(*) FROM themes WHERE blob = '%s') || '/' ||"
		 " coalesce((SELECT group_concat(theme, ',') FROM (SELECT theme FROM themes"
		 " WHERE blob = '%s' ORDER BY seq)), '')", note->blob, note->blob, note->blob);
	char *rows = S_sql_text(w->db, sql);
	struct strbuf digest = STRBUF_INIT;
	strbuf_addf(&digest, "%zu/%zu/", note->nparticipants, note->nmentions);
	for (size_t i = 0; i < note->nmentions; i++)
		strbuf_addf(&digest, "%s%s", i ? "," : "", note->mentions[i].theme);
	assert_string_equal(digest.buf, rows);
	strbuf_release(&digest);
	free(rows);
	assert_int_equal(note->nparticipants, same->nparticipants);
	for (size_t i = 0; i < note->nparticipants; i++)
		assert_string_equal(note->participants[i], same->participants[i]);
	assert_int_equal(note->nmentions, same->nmentions);
	for (size_t i = 0; i < note->nmentions; i++) {
		/* Names shared through the corpus handed over. */
		assert_ptr_equal(note->mentions[i].theme,
				 corpus_name(corpus, note->mentions[i].theme));
		assert_string_equal(note->mentions[i].theme, same->mentions[i].theme);
		assert_int_equal(note->mentions[i].line, same->mentions[i].line);
	}
	assert_int_equal(note->nsteps, same->nsteps);
	for (size_t i = 0; i < note->nsteps; i++)
		assert_string_equal(note->steps[i].words, same->steps[i].words);
	if (w->seen == w->stop_after)
		return error_set("enough");
	return 0;
}

static void test_notes_handed_over_one_at_a_time(void **state)
{
	struct fixture *fx = *state;
	const struct index_stat st = { 1, 2, 3 };
	struct corpus whole = CORPUS_INIT, handed = CORPUS_INIT;

	S_add_four(fx);
	S_put(fx, BLOB_E, "notes/old.md", NOTE_A);   /* held by no file */
	assert_int_equal(index_set_file(fx->ix, "notes/copy.md", BLOB_A, &st), 0);
	assert_int_equal(index_corpus(&whole, fx->ix, CORPUS_ALL), 0);
	assert_int_equal(whole.len, 5);

	/* Every file's note once, the last path first, each with its own rows. */
	struct walk w = { fx->path, &whole, 0, 0, { "" } };
	assert_int_equal(index_each_note(fx->ix, &handed, CORPUS_ALL, S_walk, &w), 0);
	assert_int_equal(handed.len, 0);
	assert_int_equal(w.seen, 5);
	static const char *const order[] = { "notes/z.md", "notes/d.md", "notes/copy.md",
					     "notes/c.md", "notes/a.md" };
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(w.paths[i], order[i]);
	corpus_release(&handed);

	/* An error from the one handed to stops the walk, and is the answer. */
	size_t mark = error_mark();
	w = (struct walk){ fx->path, &whole, 0, 2, { "" } };
	assert_int_equal(index_each_note(fx->ix, &handed, CORPUS_MENTIONS, S_walk, &w), -1);
	assert_int_equal(w.seen, 2);
	assert_int_equal(error_mark(), mark + 1);
	error_forget_since(mark);
	corpus_release(&handed);
	corpus_release(&whole);
}

/* The lookups by blob, dropped for many notes at once, are made again by the commit or kept by a rollback. */
static void test_expect_many_makes_the_lookups_again(void **state)
{
	struct fixture *fx = *state;
	static const char count[] = "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
		" AND (name LIKE '%_by_blob' OR name = 'notes_by_organizer')";

	S_open(fx);
	char *n = S_sql_text(fx->path, count);
	assert_string_equal(n, "8");
	free(n);
	assert_int_equal(index_begin(fx->ix), 0);
	assert_int_equal(index_expect_many(fx->ix), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	index_rollback(fx->ix);
	n = S_sql_text(fx->path, count);
	assert_string_equal(n, "8");
	free(n);

	assert_int_equal(index_begin(fx->ix), 0);
	assert_int_equal(index_expect_many(fx->ix), 0);
	S_put(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_commit(fx->ix), 0);
	n = S_sql_text(fx->path, count);
	assert_string_equal(n, "8");
	free(n);
	assert_int_equal(index_has_blob(fx->ix, BLOB_A), 1);
	/* list --organizer finds its notes by the lookup, not by reading every one. */
	sqlite3 *db = NULL;
	sqlite3_stmt *plan = NULL;
	assert_int_equal(sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT 1 FROM notes"
					    " WHERE organizer = 'lisa-t'", -1, &plan, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(plan), SQLITE_ROW);
	assert_non_null(strstr((const char *)sqlite3_column_text(plan, 3), "notes_by_organizer"));
	sqlite3_finalize(plan);
	sqlite3_close(db);
}

/* The pattern that gave up on a note is kept with it, and said as a warning at its paragraph. */
static void test_pattern_that_gave_up_is_kept(void **state)
{
	struct fixture *fx = *state;
	struct corpus corpus = CORPUS_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	S_open(fx);
	S_add(fx, BLOB_A, "notes/a.md", NOTE_A);
	S_add(fx, BLOB_B, "notes/b.md", "---\ntitle: Q\ndate: 2020-03-02\n---\n\nHousing.\n\n"
	      "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqz\n");
	S_open(fx);
	assert_int_equal(index_corpus(&corpus, fx->ix, CORPUS_MENTIONS), 0);
	assert_int_equal(corpus.len, 2);
	const struct corpus_note *b = corpus.notes[0].gave_up.theme ? &corpus.notes[0] : &corpus.notes[1];
	assert_string_equal(b->path, "notes/b.md");
	assert_string_equal(b->gave_up.theme, "letters");
	assert_string_equal(b->gave_up.pattern, "(q|qq)+$");
	assert_int_equal(b->gave_up.line, 8);
	corpus_gave_up(&diags, &corpus);
	assert_int_equal(diags.len, 1);
	assert_diag_in(&diags, 0, DIAG_PATTERN_TOO_COSTLY, "notes/b.md", 8, 1, 1,
		       "the pattern '(q|qq)+$' of theme 'letters' took too long on this note and "
		       "was stopped here: mentions of 'letters' it would find from here on are not "
		       "counted", PATTERN_GAVE_UP_HINT);
	diag_list_release(&diags);
	corpus_release(&corpus);
}

/* Two files with the same content are two conversations, one blob. */
static void test_same_blob_at_two_paths_is_listed_twice(void **state)
{
	struct fixture *fx = *state;
	const struct index_stat st = { 1, 2, 3 };
	struct index_filter none = { 0 };

	S_open(fx);
	S_add(fx, BLOB_A, "notes/a.md", NOTE_A);
	assert_int_equal(index_set_file(fx->ix, "notes/copy.md", BLOB_A, &st), 0);
	assert_int_equal(S_list(fx, &none), 0);
	assert_column(&fx->t, "path", (const char *[]){ "notes/a.md", "notes/copy.md", NULL });
	assert_int_equal(S_export(fx, INDEX_EXPORT_STEPS), 0);
	assert_int_equal(fx->t.nrows, 4);
	assert_int_equal(S_export(fx, INDEX_EXPORT_PEOPLE), 0);
	assert_column(&fx->t, "conversations", (const char *[]){ "2", NULL });
}

/* --- Participants, for shell completion --- */

/* 2020-06-01, lisa-t, private: ana-p took part in no other conversation, joe-b did. */
#define NOTE_PRIVATE \
	"---\ntitle: Talk at the clinic\ndate: 2020-06-01\norganizer: lisa-t\n" \
	"participants: [ana-p, joe-b]\nkind: one-on-one\nconsent: private\n---\n" \
	"\nShe asked us to keep this between us.\n"

/* An older version of a note, stored (the history reads it) but in no file now. */
#define NOTE_OLD \
	"---\ntitle: Kitchen table talk\ndate: 2020-03-01\norganizer: lisa-t\n" \
	"participants: [maria-g, old-o]\nkind: one-on-one\n---\n"

static void S_add_participants(struct fixture *fx)
{
	S_add_four(fx);
	assert_int_equal(index_begin(fx->ix), 0);
	S_add(fx, BLOB_E, "notes/e.md", NOTE_PRIVATE);
	S_put(fx, "ffffffffffffffffffffffffffffffffffffffff", "notes/a.md", NOTE_OLD);
	assert_int_equal(index_commit(fx->ix), 0);
}

/*
 * Whom `list --participant` finds, each once and in order: not whom a
 * private note alone names, nor whom only an older version of a note did.
 */
static void test_participants_of_the_working_tree_never_of_private_notes(void **state)
{
	struct fixture *fx = *state;
	struct strlist names = STRLIST_INIT;

	S_add_participants(fx);
	strlist_add(&names, "first");
	assert_int_equal(index_participants(&names, fx->ix), 0);
	assert_strings(names.items, names.len, (const char *[]){ "first", "joe-b", "maria-g", NULL });
	strlist_release(&names);
}

/*
 * Read-only, the index is read as it is: none yet is no error and makes
 * nothing, one of another version is not emptied, and a run writing it
 * is not waited for.
 */
static void test_read_only_reads_as_it_is(void **state)
{
	struct fixture *fx = *state;
	struct strlist names = STRLIST_INIT;
	struct index *ix = (struct index *)fx;
	int ready[2];

	assert_int_equal(index_open_read_only(&ix, fx->path), 0);
	assert_null(ix);
	assert_false(S_exists(fx->path));

	S_add_participants(fx);
	index_close(fx->ix);
	fx->ix = NULL;
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db = NULL;
		close(ready[0]);
		if (sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM participants", NULL, NULL,
				 NULL) != SQLITE_OK || write(ready[1], "x", 1) != 1)
			_exit(1);
		sleep(5);
		_exit(0);
	}
	close(ready[1]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	time_t start = time(NULL);
	assert_int_equal(index_open_read_only(&ix, fx->path), 1);
	assert_int_equal(index_participants(&names, ix), 0);
	assert_true(time(NULL) - start < 2);
	assert_strings(names.items, names.len, (const char *[]){ "joe-b", "maria-g", NULL });
	index_close(ix);
	kill(pid, SIGKILL);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);

	S_sql_exec(fx->path, "UPDATE meta SET value = 'old' WHERE key = 'schema'");
	assert_int_equal(index_open_read_only(&ix, fx->path), 0);
	assert_null(ix);
	char *version = S_sql_text(fx->path, "SELECT value FROM meta WHERE key = 'schema'");
	assert_string_equal(version, "old");
	free(version);
	strlist_release(&names);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

static void test_cache_keeps_bytes_by_key(void **state)
{
	struct fixture *fx = *state;
	char *value = NULL;
	size_t len = 0;

	S_open(fx);
	assert_int_equal(index_cache_get(&value, &len, fx->ix, "history a"), 0);
	assert_int_equal(index_cache_put(fx->ix, "history a", "one\0two", 7), 0);
	assert_int_equal(index_cache_put(fx->ix, "other", "x", 1), 0);
	assert_int_equal(index_cache_get(&value, &len, fx->ix, "history a"), 1);
	assert_int_equal(len, 7);
	assert_memory_equal(value, "one\0two", 7);
	free(value);
	assert_int_equal(index_cache_forget(fx->ix, "history "), 0);
	assert_int_equal(index_cache_get(&value, &len, fx->ix, "history a"), 0);
	assert_int_equal(index_cache_get(&value, &len, fx->ix, "other"), 1);
	free(value);
	/* Another perennial.yml: the cache goes with the parse results. */
	assert_int_equal(index_use_config(fx->ix, "another digest"), 0);
	assert_int_equal(index_cache_get(&value, &len, fx->ix, "other"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_creates_the_schema_then_wal_mode),
		T(test_reopen_keeps_the_data),
		T(test_another_schema_version_is_emptied),
		T(test_damaged_file_is_set_aside),
		T(test_mend_after_a_failure),
		T(test_start_over_in_one_transaction),
		T(test_busy_index_is_waited_for),
		T(test_put_and_has_blob),
		T(test_rollback_forgets_commit_keeps),
		T(test_file_blob_matches_only_the_same_stat),
		T(test_keep_files_forgets_the_others_and_counts_them),
		T(test_use_config_with_another_fingerprint_drops_parse_results),
		T(test_list_everything_by_date_then_path),
		T(test_list_each_filter_alone),
		T(test_list_filters_combined),
		T(test_list_field_without_equals_is_an_error),
		T(test_search_ranks_dense_matches_first),
		T(test_rows_say_which_note_is_private),
		T(test_search_never_shows_a_private_note),
		T(test_search_bad_query_is_a_clear_error),
		T(test_search_finds_other_forms_and_accents),
		T(test_export_conversations_columns),
		T(test_export_people_columns),
		T(test_export_steps_columns),
		T(test_steps_read_back_as_parsed),
		T(test_same_blob_at_two_paths_is_listed_twice),
		T(test_notes_handed_over_one_at_a_time),
		T(test_pattern_that_gave_up_is_kept),
		T(test_expect_many_makes_the_lookups_again),
		T(test_evidence_stored_once),
	T(test_pattern_that_gave_up_is_kept),
		T(test_cache_keeps_bytes_by_key),
		T(test_participants_of_the_working_tree_never_of_private_notes),
		T(test_read_only_reads_as_it_is),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
