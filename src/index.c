#include "index.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"
#include "error.h"
#include "frontmatter.h"
#include "mention.h"
#include "note.h"
#include "source.h"
#include "step_match.h"
#include "strbuf.h"
#include "strlist.h"
#include "table.h"
#include "xalloc.h"

/* The text table's tokenizer, made in S_add_tokenizer. */
#define TOKENIZER "perennial"

/* Bump when the schema changes: an index of another version is filled afresh. */
#define SCHEMA_VERSION "15"

/* The tables of what the notes say; meta, which says how they were made, is apart. */
static const char S_schema[] =
	/*
	 * digest: the note's participants and mentions packed in one value
	 * (S_digest): a summary reads a row per note, not one per mention.
	 */
	"CREATE TABLE notes(blob TEXT PRIMARY KEY, id TEXT, title TEXT, date TEXT,"
	" organizer TEXT, kind TEXT, consent TEXT, errors INTEGER NOT NULL,"
	" private INTEGER NOT NULL, digest BLOB NOT NULL);"
	"CREATE TABLE fields(blob TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL);"
	"CREATE TABLE participants(blob TEXT NOT NULL, person TEXT NOT NULL);"
	/*
	 * A note's mentions, in its order (seq), apart from their evidence: a
	 * summary reads every mention and the text of a few. A paragraph or
	 * quote is stored once, however many themes it mentions: evidence_n
	 * numbers it in the note.
	 */
	"CREATE TABLE themes(blob TEXT NOT NULL, seq INTEGER NOT NULL, theme TEXT NOT NULL,"
	" source TEXT NOT NULL, line INTEGER NOT NULL, evidence_n INTEGER,"
	" quoted INTEGER NOT NULL);"
	"CREATE TABLE evidence(blob TEXT NOT NULL, n INTEGER NOT NULL, text TEXT NOT NULL);"
	"CREATE TABLE steps(blob TEXT NOT NULL, line INTEGER NOT NULL, owner TEXT,"
	" text TEXT NOT NULL, due TEXT, done INTEGER NOT NULL, words TEXT NOT NULL,"
	" key TEXT NOT NULL);"
	/* The pattern that gave up on a note, when one did (mention.h). */
	"CREATE TABLE gave_up(blob TEXT PRIMARY KEY, theme TEXT NOT NULL, pattern TEXT NOT NULL,"
	" line INTEGER NOT NULL);"
	"CREATE TABLE quotes(blob TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL);"
	"CREATE TABLE files(path TEXT PRIMARY KEY, blob TEXT NOT NULL, size INTEGER NOT NULL,"
	" mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, name_id TEXT NOT NULL) WITHOUT ROWID;"
	/* Words match their other forms (repairs, repair) and their accents (Inés, Ines). */
	"CREATE VIRTUAL TABLE text USING fts5(blob UNINDEXED, title, body,"
	" tokenize = '" TOKENIZER "');"
	"CREATE TABLE cache(key TEXT PRIMARY KEY, value BLOB NOT NULL);";

/*
 * The tables' lookups, by blob and for list's most asked filter: made with
 * the tables, and made again after many notes are stored at once
 * (index_expect_many).
 */
static const char *const S_lookups[][2] = {
	{ "fields_by_blob", "fields(blob)" },
	{ "participants_by_blob", "participants(blob)" },
	/* Each participant once, in order, without reading every row (index_participants). */
	{ "participants_by_person", "participants(person, blob)" },
	/* It holds all a corpus reads of a mention: the table is not read. */
	{ "themes_by_blob", "themes(blob, seq, theme, source, line, quoted, evidence_n)" },
	{ "evidence_by_blob", "evidence(blob, n)" },
	{ "steps_by_blob", "steps(blob)" },
	{ "quotes_by_blob", "quotes(blob)" },
	{ "files_by_blob", "files(blob)" },
	{ "notes_by_organizer", "notes(organizer)" },
	/* The few private notes, without reading the others (index_participants). */
	{ "private_notes", "notes(blob) WHERE private" },
};

static const char *const S_tables[] = {
	"notes", "fields", "participants", "themes", "evidence", "gave_up", "steps", "quotes",
	"files", "text", "cache",
};

/*
 * Statements are prepared once and kept, keyed by their SQL text's address
 * (the SQL is always a literal): indexing 10,000 notes runs a few hundred
 * thousand inserts.
 */
#define CACHED_STATEMENTS 16

struct index {
	sqlite3 *db;
	char *path;
	ino_t inode;               /* of the file at path when it was opened: see index_mend */
	int damaged;               /* the last failure was the file's: see index_damaged */
	int start_over;            /* see index_start_over */
	int lookups_dropped;       /* see index_expect_many */
	int wal_later;             /* a new file, in WAL after its first commit (S_connect) */
	char *damage;              /* what SQLite said of it */
	char *mended;              /* see index_take_mended */
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[CACHED_STATEMENTS];
};

/* The statements that make every lookup of S_lookups. */
static void S_add_lookups(struct strbuf *sql)
{
	for (size_t i = 0; i < sizeof(S_lookups) / sizeof(*S_lookups); i++)
		strbuf_addf(sql, "CREATE INDEX IF NOT EXISTS %s ON %s;", S_lookups[i][0],
			    S_lookups[i][1]);
}

/*
 * A file damaged (not SQLite, pages missing) or whose tables are not what
 * this perennial makes: the SQL here is fixed, so SQLITE_ERROR from it says
 * the schema is another's, though the version in meta says it is ours.
 */
static void S_note_damage(struct index *ix, int code)
{
	ix->damaged = code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_ERROR;
	if (!ix->damaged)
		return;
	free(ix->damage);
	ix->damage = xstrdup(sqlite3_errmsg(ix->db));
}

/* Why a file could not be written, in words for the person at the keyboard. */
static const char *S_reason(int e)
{
	if (e == EROFS || e == EACCES || e == EPERM)
		return "the git folder is read-only";
	return error_write_reason(e);
}

/*
 * Sets the error for the last failure on ix, saying what it means for the
 * user, never SQLite's words: `what` is the verb (read, write, search).
 */
static int S_fail(struct index *ix, const char *what)
{
	int code = sqlite3_errcode(ix->db), e = sqlite3_system_errno(ix->db);
	S_note_damage(ix, code);
	if ((code == SQLITE_IOERR || code == SQLITE_CANTOPEN) && (e == ENOSPC || e == EDQUOT))
		code = SQLITE_FULL;
	switch (code) {
	case SQLITE_BUSY:
		return error_set("the index %s is busy: another perennial has been updating it"
			     " for a minute; try again when it is done", ix->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return error_set("the index %s is damaged (%s)\n"
			     "hint: run 'perennial index --rebuild' to make it again", ix->path,
			     sqlite3_errmsg(ix->db));
	case SQLITE_FULL:
		return error_set("cannot %s the index %s: the disk is full\n"
			     "hint: make room, then run it again", what, ix->path);
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return error_set("cannot %s the index %s: the git folder is read-only", what,
			     ix->path);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return error_set("cannot %s the index %s: %s", what, ix->path, S_reason(e));
	default:
		return error_set("cannot %s the index %s (%s)\n"
			     "hint: run 'perennial index --rebuild' to make it again", what,
			     ix->path, sqlite3_errstr(code));
	}
}

static int S_exec(struct index *ix, const char *sql)
{
	return sqlite3_exec(ix->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : S_fail(ix, "write");
}

/* A statement for the literal `sql`, ready to bind; S_done gives it back. */
static sqlite3_stmt *S_prepare(struct index *ix, const char *sql)
{
	size_t i;
	for (i = 0; i < CACHED_STATEMENTS && ix->cache[i].sql; i++)
		if (ix->cache[i].sql == sql)
			return ix->cache[i].stmt;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(ix->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		S_fail(ix, "use");
		return NULL;
	}
	if (i < CACHED_STATEMENTS) {
		ix->cache[i].sql = sql;
		ix->cache[i].stmt = stmt;
	}
	return stmt;
}

/* Ends a use of a statement from S_prepare. */
static void S_done(struct index *ix, sqlite3_stmt *stmt)
{
	for (size_t i = 0; i < CACHED_STATEMENTS && ix->cache[i].sql; i++)
		if (ix->cache[i].stmt == stmt) {
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return;
		}
	sqlite3_finalize(stmt);
}

static void S_bind_text(sqlite3_stmt *stmt, int at, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, at, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, at);
}

/* Runs a statement that returns no rows, then finalizes it. */
static int S_run(struct index *ix, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	S_done(ix, stmt);
	return rc == SQLITE_DONE ? 0 : S_fail(ix, "write");
}

/* The schema's version, or NULL (malloc'd) when there is none. */
static char *S_version(struct index *ix)
{
	sqlite3_stmt *stmt = NULL;
	char *version = NULL;
	if (sqlite3_prepare_v2(ix->db, "SELECT value FROM meta WHERE key = 'schema'", -1,
			       &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		version = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return version;
}

/*
 * The tokenizer of the text table: FTS5's porter over unicode61 with
 * remove_diacritics 2 (case and accents fold, words are cut to their stem),
 * but a word porter would cut below three bytes stays whole: porter leaves
 * the short words alone, so their stems would be common words (Ines would
 * be "in", Dee "de", and a name would find every note).
 */
struct tokenizer {
	fts5_tokenizer porter, unicode;     /* FTS5's, found on the connection */
	void *porter_data, *unicode_data;
};

struct tokenizer_instance {
	const struct tokenizer *kind;
	Fts5Tokenizer *porter, *unicode;
};

/* What one call of S_tokenize passes down to the callbacks. */
struct token_pass {
	struct tokenizer_instance *self;
	void *ctx;
	int flags;
	const char *text;
	int base;                  /* where the text the unicode61 pass reads begins */
	int (*emit)(void *, int, const char *, int, int, int);
};

static void S_tokenizer_delete(Fts5Tokenizer *t)
{
	struct tokenizer_instance *self = (struct tokenizer_instance *)t;
	if (!self)
		return;
	if (self->porter)
		self->kind->porter.xDelete(self->porter);
	if (self->unicode)
		self->kind->unicode.xDelete(self->unicode);
	free(self);
}

static int S_tokenizer_create(void *data, const char **args, int nargs, Fts5Tokenizer **out)
{
	static const char *porter_args[] = { "unicode61", "remove_diacritics", "2" };
	const struct tokenizer *kind = data;
	struct tokenizer_instance *self = xcalloc(1, sizeof(*self));
	(void)args;
	(void)nargs;
	self->kind = kind;
	int rc = kind->porter.xCreate(kind->porter_data, porter_args, 3, &self->porter);
	if (rc == SQLITE_OK)
		rc = kind->unicode.xCreate(kind->unicode_data, porter_args + 1, 2, &self->unicode);
	if (rc != SQLITE_OK) {
		S_tokenizer_delete((Fts5Tokenizer *)self);
		self = NULL;
	}
	*out = (Fts5Tokenizer *)self;
	return rc;
}

/* A word as unicode61 folds it, unstemmed, where porter's stem was too short. */
static int S_token_folded(void *ctx, int tflags, const char *token, int len, int start, int end)
{
	struct token_pass *pass = ctx;
	return pass->emit(pass->ctx, tflags, token, len, pass->base + start, pass->base + end);
}

static int S_token_stemmed(void *ctx, int tflags, const char *token, int len, int start, int end)
{
	struct token_pass *pass = ctx;
	if (len >= 3 || end - start < 3)
		return pass->emit(pass->ctx, tflags, token, len, start, end);
	pass->base = start;
	return pass->self->kind->unicode.xTokenize(pass->self->unicode, pass, pass->flags,
						   pass->text + start, end - start, S_token_folded);
}

static int S_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
		      int (*emit)(void *, int, const char *, int, int, int))
{
	struct tokenizer_instance *self = (struct tokenizer_instance *)t;
	struct token_pass pass = { self, ctx, flags, text, 0, emit };
	return self->kind->porter.xTokenize(self->porter, &pass, flags, text, len, S_token_stemmed);
}

/*
 * excerpt(text, open, close, ellipsis, words): the words of a note around
 * its hits, chosen and marked as FTS5's snippet() does (the window of
 * `words` tokens that holds the most of the query's phrases, or one that
 * starts a sentence), at a cost that grows with a note's hits and not with
 * their square: snippet() scores the window after each hit by going
 * through every hit of the row, and a search over a 1 MiB note of one word
 * took minutes. Here the hits are sorted once and each window looks only at
 * its own.
 */
struct hit {
	int column, offset, phrase, order;
	int end;                  /* the token after the phrase */
};

static int S_compare_hits(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* The first of hits[0..n) (one column's, sorted) at or after token `at`. */
static size_t S_first_hit_at(const struct hit *hits, size_t n, int at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (hits[mid].offset < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * What excerpt() tokenizes with: unicode61 alone. It finds the same tokens
 * at the same places as TOKENIZER, whose stemming changes only the words,
 * at a fraction of the cost; excerpt() needs only where tokens are.
 */
struct words {
	fts5_tokenizer tokenizer;
	Fts5Tokenizer *instance;
};

static void S_words_free(void *p)
{
	struct words *words = p;
	if (words->instance)
		words->tokenizer.xDelete(words->instance);
	free(words);
}

/* Reads text's tokens as xTokenize would, for excerpt()'s callbacks. */
static int S_words(const Fts5ExtensionApi *api, Fts5Context *fts, const char *text, int len,
		   void *ctx, int (*token)(void *, int, const char *, int, int, int))
{
	struct words *words = api->xUserData(fts);
	return words->tokenizer.xTokenize(words->instance, ctx, FTS5_TOKENIZE_AUX, text, len, token);
}

struct excerpt {
	const Fts5ExtensionApi *api;
	Fts5Context *fts;
	unsigned char *seen;      /* per phrase of the query: found in the window */
	int nphrases;
	int words;
};

/*
 * The score of the `words` tokens from `start` among one column's hits:
 * 1000 for each phrase of the query found there, 1 for each hit after a
 * phrase's first; *first and *end are where its hits begin and end.
 */
static int S_window(struct excerpt *ex, const struct hit *hits, size_t n, int start,
		    int *first, int *end)
{
	int score = 0;
	memset(ex->seen, 0, (size_t)ex->nphrases);
	*first = -1;
	*end = 0;
	for (size_t i = S_first_hit_at(hits, n, start);
	     i < n && hits[i].offset < (int64_t)start + ex->words; i++) {
		score += ex->seen[hits[i].phrase] ? 1 : 1000;
		ex->seen[hits[i].phrase] = 1;
		if (*first < 0)
			*first = hits[i].offset;
		*end = hits[i].end;
	}
	return score;
}

/*
 * The tokens that begin a sentence: the first, and each after a '.' or ':'
 * and blanks, up to token `last`, the last that is asked about.
 */
struct sentences {
	const char *text;
	int pos, last;
	int *starts;
	size_t n, cap;
};

static int S_sentence_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
	struct sentences *s = ctx;
	(void)token;
	(void)len;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (s->pos > s->last)
		return SQLITE_DONE;       /* the rest of the text is not read */
	int i = start;
	while (i > 0 && (s->text[i - 1] == ' ' || s->text[i - 1] == '\t' ||
			 s->text[i - 1] == '\n' || s->text[i - 1] == '\r'))
		i--;
	if (s->pos == 0 || (i < start && i > 0 && (s->text[i - 1] == '.' || s->text[i - 1] == ':'))) {
		XGROW(s->starts, s->cap, s->n + 1);
		s->starts[s->n++] = s->pos;
	}
	s->pos++;
	return SQLITE_OK;
}

/* Marks the hits of tokens [from, to] of one column's text, with what lies between them. */
struct marking {
	const char *text, *open, *close;
	int from, to;
	int pos;                  /* the token being read */
	int copied;               /* the text is in out up to here */
	int is_open;
	const struct hit *hits;   /* the column's, sorted */
	size_t nhits, next;
	int hit_start, hit_end;   /* the hits at `next` that overlap, as one; -1 after the last */
	struct strbuf *out;
};

static void S_next_hits(struct marking *m)
{
	m->hit_start = m->hit_end = -1;
	for (; m->next < m->nhits; m->next++) {
		const struct hit *h = &m->hits[m->next];
		int end = h->end - 1;
		if (m->hit_start < 0) {
			m->hit_start = h->offset;
			m->hit_end = end;
		} else if (h->offset <= m->hit_end) {
			if (end > m->hit_end)
				m->hit_end = end;
		} else {
			break;
		}
	}
}

static void S_copy_to(struct marking *m, int to)
{
	if (to > m->copied)
		strbuf_add(m->out, m->text + m->copied, (size_t)(to - m->copied));
	m->copied = to;
}

static int S_marking_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
	struct marking *m = ctx;
	(void)token;
	(void)len;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int pos = m->pos++;
	if (pos < m->from)
		return SQLITE_OK;
	if (pos > m->to)
		return SQLITE_DONE;       /* the rest of the text is not read */
	if (m->from && pos == m->from)
		m->copied = start;
	if (m->is_open && (pos <= m->hit_start || m->hit_start < 0) && start > m->copied) {
		strbuf_addstr(m->out, m->close);
		m->is_open = 0;
	}
	if (pos == m->hit_start && !m->is_open) {
		S_copy_to(m, start);
		strbuf_addstr(m->out, m->open);
		m->is_open = 1;
	}
	if (pos == m->hit_end) {
		if (!m->is_open) {
			strbuf_addstr(m->out, m->open);
			m->is_open = 1;
		}
		S_copy_to(m, end);
		S_next_hits(m);
	}
	if (pos == m->to) {
		if (m->is_open) {
			if (m->hit_start >= 0 && pos >= m->hit_start)
				S_copy_to(m, end);
			strbuf_addstr(m->out, m->close);
			m->is_open = 0;
		}
		S_copy_to(m, end);
	}
	return SQLITE_OK;
}

/* Reads every hit of the row, sorted by column and place. */
static int S_hits(const Fts5ExtensionApi *api, Fts5Context *fts, struct hit **out, size_t *n)
{
	int count = 0, rc = api->xInstCount(fts, &count);
	struct hit *hits = xcalloc(count > 0 ? (size_t)count : 1, sizeof(*hits));
	for (int i = 0; rc == SQLITE_OK && i < count; i++) {
		hits[i].order = i;
		rc = api->xInst(fts, i, &hits[i].phrase, &hits[i].column, &hits[i].offset);
		hits[i].end = hits[i].offset + api->xPhraseSize(fts, hits[i].phrase);
	}
	qsort(hits, (size_t)count, sizeof(*hits), S_compare_hits);
	*out = hits;
	*n = rc == SQLITE_OK ? (size_t)count : 0;
	return rc;
}

/* The window to show: its column, first token and the column's size in tokens. */
struct window {
	int column, start, size, score;
};

/* Weighs the windows at each hit of one column, and at the sentence each stands in. */
static int S_weigh_column(struct excerpt *ex, const struct hit *hits, size_t n,
			  struct window *best)
{
	int column = hits[0].column, size = 0, length = 0;
	struct sentences s = { NULL, 0, hits[n - 1].offset, NULL, 0, 0 };
	int rc = ex->api->xColumnText(ex->fts, column, &s.text, &length);
	if (rc == SQLITE_OK)
		rc = S_words(ex->api, ex->fts, s.text, length, &s, S_sentence_token);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	if (rc == SQLITE_OK)
		rc = ex->api->xColumnSize(ex->fts, column, &size);
	for (size_t h = 0; rc == SQLITE_OK && h < n; h++) {
		int at = hits[h].offset, first, end;
		if (h && at == hits[h - 1].offset)
			continue;         /* the same windows as the hit before */
		if (at > size) {
			rc = SQLITE_CORRUPT;
			break;
		}
		int score = S_window(ex, hits, n, at, &first, &end);
		if (score > best->score) {
			int64_t start = first - (ex->words - (end - first)) / 2;
			if (start + ex->words > size)
				start = size - ex->words;
			*best = (struct window){ column, start < 0 ? 0 : (int)start, size, score };
		}
		if (!s.n || size <= ex->words)
			continue;
		size_t lo = 0, hi = s.n;   /* the last sentence that starts at or before the hit */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (s.starts[mid] <= at)
				lo = mid;
			else
				hi = mid;
		}
		if (s.starts[lo] < at) {
			score = S_window(ex, hits, n, s.starts[lo], &first, &end) +
				(s.starts[lo] == 0 ? 120 : 100);
			if (score > best->score)
				*best = (struct window){ column, s.starts[lo], size, score };
		}
	}
	free(s.starts);
	return rc;
}

static void S_excerpt(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		      int nargs, sqlite3_value **args)
{
	if (nargs != 4) {
		sqlite3_result_error(ctx, "excerpt() takes open, close, ellipsis and words", -1);
		return;
	}
	const char *open = (const char *)sqlite3_value_text(args[0]);
	const char *close = (const char *)sqlite3_value_text(args[1]);
	const char *ellipsis = (const char *)sqlite3_value_text(args[2]);
	struct excerpt ex = { api, fts, NULL, api->xPhraseCount(fts), sqlite3_value_int(args[3]) };
	struct window best = { 0, 0, 0, 0 };
	struct hit *hits = NULL;
	size_t nhits = 0, from = 0, to = 0;
	struct strbuf out = STRBUF_INIT;

	ex.seen = xcalloc(ex.nphrases > 0 ? (size_t)ex.nphrases : 1, 1);
	int rc = S_hits(api, fts, &hits, &nhits);
	for (size_t end; rc == SQLITE_OK && from < nhits; from = end) {
		for (end = from + 1; end < nhits && hits[end].column == hits[from].column; end++)
			;
		rc = S_weigh_column(&ex, hits + from, end - from, &best);
	}
	/* The chosen column's hits. */
	for (from = 0; from < nhits && hits[from].column != best.column; from++)
		;
	for (to = from; to < nhits && hits[to].column == best.column; to++)
		;
	struct marking m = {
		.open = open ? open : "", .close = close ? close : "", .from = best.start,
		.to = best.start + ex.words - 1, .hits = hits + from, .nhits = to - from,
		.hit_start = -1, .hit_end = -1, .out = &out,
	};
	int length = 0;
	if (rc == SQLITE_OK)
		rc = api->xColumnText(fts, best.column, &m.text, &length);
	if (rc == SQLITE_OK && !best.score)
		rc = api->xColumnSize(fts, best.column, &best.size);
	if (rc == SQLITE_OK && m.text) {
		if (best.start > 0)
			strbuf_addstr(&out, ellipsis ? ellipsis : "");
		S_next_hits(&m);
		while (m.hit_start >= 0 && m.hit_start < best.start)
			S_next_hits(&m);
		rc = S_words(api, fts, m.text, length, &m, S_marking_token);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		if (m.is_open)
			strbuf_addstr(&out, m.close);
		if (m.to >= best.size - 1)
			S_copy_to(&m, length);
		else
			strbuf_addstr(&out, ellipsis ? ellipsis : "");
	}
	if (rc == SQLITE_OK)
		sqlite3_result_text(ctx, strbuf_str(&out), -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_error_code(ctx, rc);
	strbuf_release(&out);
	free(hits);
	free(ex.seen);
}

/* Makes TOKENIZER and excerpt() known to this connection: 0, or -1 with an error set. */
static int S_add_tokenizer(struct index *ix)
{
	static const fts5_tokenizer ours = { S_tokenizer_create, S_tokenizer_delete, S_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(ix->db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return S_fail(ix, "open");
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	struct tokenizer *kind = xcalloc(1, sizeof(*kind));
	if (!api || api->xFindTokenizer(api, "porter", &kind->porter_data, &kind->porter) != SQLITE_OK ||
	    api->xFindTokenizer(api, "unicode61", &kind->unicode_data, &kind->unicode) != SQLITE_OK ||
	    api->xCreateTokenizer(api, TOKENIZER, kind, (fts5_tokenizer *)&ours, free) != SQLITE_OK) {
		free(kind);
		return error_set("index: this SQLite has no FTS5 porter and unicode61 tokenizers");
	}
	static const char *unicode_args[] = { "remove_diacritics", "2" };
	struct words *words = xcalloc(1, sizeof(*words));
	words->tokenizer = kind->unicode;
	if (words->tokenizer.xCreate(kind->unicode_data, unicode_args, 2, &words->instance) != SQLITE_OK) {
		S_words_free(words);
		return error_set("index: FTS5's unicode61 tokenizer cannot be made");
	}
	if (api->xCreateFunction(api, "excerpt", words, S_excerpt, S_words_free) != SQLITE_OK)
		return S_fail(ix, "excerpt()");
	return 0;
}

static int S_insert(struct index *ix, const char *sql, const char *const *values, size_t n);

/* Drops the tables of the notes and makes them empty again, in the transaction open. */
static int S_remake_tables(struct index *ix)
{
	struct strbuf sql = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(S_tables) / sizeof(*S_tables); i++)
		strbuf_addf(&sql, "DROP TABLE IF EXISTS %s;", S_tables[i]);
	strbuf_addstr(&sql, S_schema);
	S_add_lookups(&sql);
	int ret = S_exec(ix, sql.buf);
	strbuf_release(&sql);
	return ret;
}

static int S_create(struct index *ix)
{
	if (S_exec(ix, "BEGIN IMMEDIATE; DROP TABLE IF EXISTS meta;"
		   " CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
		   " INSERT INTO meta VALUES ('schema', '" SCHEMA_VERSION "');") < 0 ||
	    S_remake_tables(ix) < 0 || S_exec(ix, "COMMIT") < 0) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/*
 * WAL: a run reads while another writes. Switching a file to it takes a
 * lock the busy timeout does not cover: runs starting together take turns.
 */
static int S_wal(struct index *ix)
{
	int tries = 0;
	while (sqlite3_exec(ix->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) == SQLITE_BUSY &&
	       ++tries < 200)
		usleep(50000);
	return S_exec(ix, "PRAGMA journal_mode = WAL");
}

/* Opens ix->db on ix->path and makes sure it holds this version's schema: 0, or -1 after an error. */
static int S_connect(struct index *ix)
{
	struct stat st;
	ix->damaged = 0;
	if (sqlite3_open_v2(ix->path, &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		return S_fail(ix, "open");
	ix->inode = stat(ix->path, &st) == 0 ? st.st_ino : 0;
	/* Two runs at once wait for each other (a first full build takes seconds). */
	sqlite3_busy_timeout(ix->db, 60000);
	/*
	 * A new file's pages are 16 KiB, not 4: each page SQLite reads is a
	 * system call, and a summary reads most of the file (a quarter fewer
	 * reads and writes; a file made before keeps its size). No effect on
	 * a file that has pages, nor after the switch to WAL.
	 */
	sqlite3_exec(ix->db, "PRAGMA page_size = 16384", NULL, NULL, NULL);
	char *version = S_version(ix);
	/*
	 * A new file is filled through a rollback journal, not WAL, which
	 * would write each page of the first fill twice (to the log, then to
	 * the file): index_commit switches it after.
	 */
	ix->wal_later = !version;
	if ((!ix->wal_later && S_wal(ix) < 0) || S_exec(ix, "PRAGMA synchronous = NORMAL") < 0 ||
	    S_add_tokenizer(ix) < 0) {
		free(version);
		return -1;
	}
	int fresh = !version || strcmp(version, SCHEMA_VERSION) != 0;
	free(version);
	return fresh ? S_create(ix) : 0;
}

/* Lets go of the database, keeping ix->path; ix->db may be opened again. */
static void S_disconnect(struct index *ix)
{
	for (size_t i = 0; i < CACHED_STATEMENTS; i++)
		sqlite3_finalize(ix->cache[i].stmt);
	memset(ix->cache, 0, sizeof(ix->cache));
	sqlite3_close(ix->db);
	ix->db = NULL;
}

/* Whether errno `e` says the folder or file may not be written. */
static int S_read_only_errno(int e)
{
	return e == EROFS || e == EACCES || e == EPERM;
}

/* Whether the last failure on ix, or the file it opened, says it may not be written. */
static int S_read_only(struct index *ix)
{
	int code = sqlite3_errcode(ix->db);
	return sqlite3_db_readonly(ix->db, "main") == 1 || code == SQLITE_READONLY ||
	       code == SQLITE_PERM || (code == SQLITE_CANTOPEN &&
					S_read_only_errno(sqlite3_system_errno(ix->db)));
}

/*
 * Leaves the file for an index in memory, saying once (index_take_mended)
 * why, `why` being about the file ix->path, and that it does so.
 */
static int S_in_memory(struct index *ix, const char *why)
{
	struct strbuf said = STRBUF_INIT;
	strbuf_addf(&said, "%s: answering from an index made in memory for this run", why);
	S_disconnect(ix);
	free(ix->path);
	ix->path = xstrdup(":memory:");
	if (S_connect(ix) < 0) {
		strbuf_release(&said);
		return -1;
	}
	free(ix->mended);
	ix->mended = strbuf_detach(&said);
	return 0;
}

int index_open(struct index **out, const char *path)
{
	struct index *ix = xcalloc(1, sizeof(*ix));
	char *folder = xstrdup(path), *slash = strrchr(folder, '/');
	int read_only = 0;

	*out = NULL;
	ix->path = xstrdup(path);
	if (slash) {
		*slash = '\0';
		if (mkdir(folder, 0777) < 0 && errno != EEXIST) {
			if (!S_read_only_errno(errno)) {
				error_set("cannot make %s: %s", folder, S_reason(errno));
				goto fail;
			}
			read_only = 1;
		}
	}
	size_t mark = error_mark();
	if (!read_only && S_connect(ix) < 0) {
		read_only = !index_damaged(ix) && S_read_only(ix);
		if (!read_only && (!index_damaged(ix) || index_mend(ix) < 0))
			goto fail;
		error_forget_since(mark);
	} else if (!read_only) {
		read_only = S_read_only(ix);
	}
	if (read_only) {
		struct strbuf why = STRBUF_INIT;
		strbuf_addf(&why, "the git folder is read-only, so the index %s cannot be written",
			    ix->path);
		int r = S_in_memory(ix, why.buf);
		strbuf_release(&why);
		if (r < 0)
			goto fail;
	}
	free(folder);
	*out = ix;
	return 0;
fail:
	free(folder);
	index_close(ix);
	return -1;
}

int index_open_read_only(struct index **out, const char *path)
{
	struct stat st;
	*out = NULL;
	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : error_set("cannot read the index %s: %s", path,
						       strerror(errno));
	struct index *ix = xcalloc(1, sizeof(*ix));
	ix->path = xstrdup(path);
	/* No busy timeout: a reader that meets a lock says so at once. */
	if (sqlite3_open_v2(path, &ix->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		S_fail(ix, "open");
		index_close(ix);
		return -1;
	}
	/*
	 * Pages are read through a map of the file rather than copied into a
	 * cache of this run's own: a third of a completion's time. Nothing
	 * here shrinks the file (no VACUUM), which a map could not survive.
	 */
	sqlite3_exec(ix->db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	char *version = S_version(ix);
	int ours = version && strcmp(version, SCHEMA_VERSION) == 0;
	free(version);
	if (!ours) {
		index_close(ix);
		return 0;
	}
	*out = ix;
	return 1;
}

void index_close(struct index *ix)
{
	if (!ix)
		return;
	S_disconnect(ix);
	free(ix->path);
	free(ix->damage);
	free(ix->mended);
	free(ix);
}

/* The file moved to `keep`, its journal gone; -1 with an error set and errno saying why. */
static int S_set_aside(const char *path, const char *keep)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s%s", path, suffixes[i]);
		int r = i == 0 ? rename(sb.buf, keep) : unlink(sb.buf);
		int e = errno;
		strbuf_release(&sb);
		if (r < 0 && e != ENOENT) {
			error_set("cannot %s %s%s: %s", i == 0 ? "move" : "remove",
				  path, suffixes[i], strerror(e));
			errno = e;
			return -1;
		}
	}
	return 0;
}

void index_start_over(struct index *ix)
{
	ix->start_over = 1;
}

int index_damaged(const struct index *ix)
{
	return ix->damaged && strcmp(ix->path, ":memory:") != 0;
}

int index_mend(struct index *ix)
{
	struct strbuf aside = STRBUF_INIT, said = STRBUF_INIT;
	const char *damage = ix->damage ? ix->damage : "unreadable";
	struct stat st;
	size_t mark = error_mark();
	int ret = -1;

	strbuf_addf(&aside, "%s.damaged", ix->path);
	S_disconnect(ix);
	/* Another run may have mended it first: then the file there is new, and stays. */
	if (stat(ix->path, &st) == 0 && st.st_ino != ix->inode && ix->inode)
		ret = 0;
	else
		ret = S_set_aside(ix->path, aside.buf);
	if (ret < 0 && S_read_only_errno(errno)) {
		error_forget_since(mark);
		strbuf_addf(&said, "the index %s is damaged (%s), and the git folder is read-only, "
			    "so it cannot be set aside", ix->path, damage);
		ret = S_in_memory(ix, said.buf);
	} else if (ret == 0 && (ret = S_connect(ix)) == 0) {
		strbuf_addf(&said, "the index %s was damaged (%s): it is kept as %s and was made "
			    "again", ix->path, damage, aside.buf);
		free(ix->mended);
		ix->mended = strbuf_detach(&said);
	}
	strbuf_release(&aside);
	strbuf_release(&said);
	return ret;
}

char *index_take_mended(struct index *ix)
{
	char *said = ix->mended;
	ix->mended = NULL;
	return said;
}

int index_made_under(struct index *ix, const char *fingerprint)
{
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT value = ?1 FROM meta WHERE key = 'config'");
	if (!stmt)
		return -1;
	S_bind_text(stmt, 1, fingerprint);
	int rc = sqlite3_step(stmt);
	/* An index with no config yet holds nothing another would lose. */
	int same = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : rc == SQLITE_DONE;
	S_done(ix, stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? same : S_fail(ix, "read");
}

int index_use_config(struct index *ix, const char *fingerprint)
{
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT 1 FROM meta WHERE key = 'config' AND value = ?1");
	if (!stmt)
		return -1;
	S_bind_text(stmt, 1, fingerprint);
	int same = sqlite3_step(stmt) == SQLITE_ROW;
	S_done(ix, stmt);
	if (same)
		return 0;
	const char *row[] = { fingerprint };
	if (S_exec(ix, "BEGIN IMMEDIATE; DELETE FROM files; DELETE FROM notes; DELETE FROM fields;"
		   " DELETE FROM participants; DELETE FROM themes; DELETE FROM evidence;"
		   " DELETE FROM gave_up;"
		   " DELETE FROM steps;"
		   " DELETE FROM quotes; DELETE FROM text; DELETE FROM cache;") < 0 ||
	    S_insert(ix, "INSERT OR REPLACE INTO meta VALUES ('config', ?1)", row, 1) < 0) {
		index_rollback(ix);
		return -1;
	}
	return S_exec(ix, "COMMIT");
}

int index_expect_many(struct index *ix)
{
	struct strbuf sql = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(S_lookups) / sizeof(*S_lookups); i++)
		strbuf_addf(&sql, "DROP INDEX IF EXISTS %s;", S_lookups[i][0]);
	int r = S_exec(ix, sql.buf);
	strbuf_release(&sql);
	ix->lookups_dropped = r == 0;
	return r;
}

int index_begin(struct index *ix)
{
	if (S_exec(ix, "BEGIN IMMEDIATE") < 0)
		return -1;
	if (!ix->start_over)
		return 0;
	if (S_remake_tables(ix) < 0) {
		index_rollback(ix);
		return -1;
	}
	ix->start_over = 0;
	return 0;
}

int index_commit(struct index *ix)
{
	if (ix->lookups_dropped) {
		struct strbuf sql = STRBUF_INIT;
		S_add_lookups(&sql);
		int r = S_exec(ix, sql.buf);
		strbuf_release(&sql);
		if (r < 0) {
			index_rollback(ix);
			return -1;
		}
		ix->lookups_dropped = 0;
	}
	if (S_exec(ix, "COMMIT") < 0)
		return -1;
	if (ix->wal_later) {
		ix->wal_later = 0;
		return S_wal(ix);
	}
	return 0;
}

void index_rollback(struct index *ix)
{
	ix->lookups_dropped = 0;
	sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Whether the sorted paths hold `path`, looked for from paths[*i] on; *i
 * moves past those before it. Rows read in path order are so matched in
 * one pass beside the paths.
 */
static int S_listed(char *const *paths, size_t n, size_t *i, const char *path)
{
	int c = 1;
	while (*i < n && (c = strcmp(paths[*i], path)) < 0)
		(*i)++;
	return c == 0;
}

int index_unchanged_files(struct index *ix, char *const *paths, const struct index_stat *stats,
			  size_t n, unsigned char *unchanged)
{
	/* The table is kept in path order (WITHOUT ROWID): no sort here, nor in SQLite. */
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT path, size, mtime_ns, inode FROM files"
				       " ORDER BY path");
	size_t i = 0;
	int unlisted = 0, rc;

	if (!stmt)
		return -1;
	memset(unchanged, 0, n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!S_listed(paths, n, &i, (const char *)sqlite3_column_text(stmt, 0))) {
			unlisted++;
			continue;
		}
		unchanged[i] = stats[i].size == sqlite3_column_int64(stmt, 1) &&
			stats[i].mtime_ns == sqlite3_column_int64(stmt, 2) &&
			stats[i].inode == sqlite3_column_int64(stmt, 3);
		i++;
	}
	S_done(ix, stmt);
	return rc == SQLITE_DONE ? unlisted : S_fail(ix, "read");
}

int index_has_blob(struct index *ix, const char *blob)
{
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT 1 FROM notes WHERE blob = ?1");
	if (!stmt)
		return -1;
	S_bind_text(stmt, 1, blob);
	int found = sqlite3_step(stmt) == SQLITE_ROW;
	S_done(ix, stmt);
	return found;
}

static int S_insert(struct index *ix, const char *sql, const char *const *values, size_t n)
{
	sqlite3_stmt *stmt = S_prepare(ix, sql);
	if (!stmt)
		return -1;
	for (size_t i = 0; i < n; i++)
		S_bind_text(stmt, (int)i + 1, values[i]);
	return S_run(ix, stmt);
}

/* Every key with its text values: one row per scalar, one per list item. */
static int S_put_fields(struct index *ix, const char *blob, const struct fm_node *front)
{
	for (size_t i = 0; front && i < front->count; i++) {
		const struct fm_node *v = &front->items[i];
		size_t n = v->kind == FM_LIST ? v->count : 1;
		for (size_t j = 0; j < n; j++) {
			const char *text = fm_text(v->kind == FM_LIST ? &v->items[j] : v);
			const char *row[] = { blob, front->keys[i].text, text };
			if (text && S_insert(ix, "INSERT INTO fields VALUES (?1, ?2, ?3)", row, 3) < 0)
				return -1;
		}
	}
	return 0;
}

/* The text items of a list field, or its one text value. */
/*
 * A note's digest: its participants, then its mentions (theme, source,
 * line, quoted, evidence_n), each field a C string with its NUL, each
 * list after its count. S_digest_read reads it back.
 */
struct digest {
	struct strbuf people, mentions;
	size_t npeople, nmentions;
};

static void S_digest_field(struct strbuf *to, const char *text)
{
	strbuf_add(to, text, strlen(text) + 1);
}

static int S_put_list(struct index *ix, const char *sql, const char *blob,
		      const struct fm_node *value, struct digest *digest)
{
	size_t n = value && value->kind == FM_LIST ? value->count : value ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		const char *text = fm_text(value->kind == FM_LIST ? &value->items[i] : value);
		const char *row[] = { blob, text };
		if (!text)
			continue;
		if (S_insert(ix, sql, row, 2) < 0)
			return -1;
		S_digest_field(&digest->people, text);
		digest->npeople++;
	}
	return 0;
}

static const char *S_field(const struct note *note, const char *key)
{
	return note->front ? fm_text(fm_map_get(note->front, key, NULL)) : NULL;
}

/*
 * Each mention with its paragraph, or the quote it stands in, as evidence,
 * and the pattern that gave up on the note. The mentions of one paragraph
 * or quote come together: its text is stored once, with the first.
 */
static int S_put_mentions(struct index *ix, const char *blob, const struct note *note,
			  const struct mention_list *mentions, struct digest *digest)
{
	const struct md_body *body = &note->body;
	const char *last = NULL;
	size_t count = 0;
	char n[24];
	for (size_t i = 0; i < mentions->len; i++) {
		const struct mention *m = &mentions->items[i];
		/* A next step is what someone will do, not what was said: no evidence. */
		const struct md_paragraph *para = m->paragraph != MD_NONE
			? &body->paragraphs[m->paragraph] : NULL;
		const char *evidence = m->quote != MD_NONE ? body->quotes[m->quote].text
			: para && para->step == MD_NONE ? para->text : NULL;
		if (evidence && evidence != last) {
			snprintf(n, sizeof(n), "%zu", ++count);
			last = evidence;
			const char *text[] = { blob, n, evidence };
			if (S_insert(ix, "INSERT INTO evidence VALUES (?1, CAST(?2 AS INTEGER), ?3)",
				     text, 3) < 0)
				return -1;
		}
		char line[16], seq[24];
		snprintf(line, sizeof(line), "%u", m->line);
		snprintf(seq, sizeof(seq), "%zu", i);
		const char *row[] = { blob, seq, m->theme, mention_source_name(m->source), line,
				      evidence ? n : NULL, m->quote != MD_NONE ? "1" : "0" };
		if (S_insert(ix, "INSERT INTO themes VALUES (?1, CAST(?2 AS INTEGER), ?3, ?4,"
			     " CAST(?5 AS INTEGER), CAST(?6 AS INTEGER), CAST(?7 AS INTEGER))",
			     row, 7) < 0)
			return -1;
		for (size_t f = 2; f < 7; f++)
			S_digest_field(&digest->mentions, row[f] ? row[f] : "0");
		digest->nmentions++;
	}
	if (!mentions->gave_up.theme)
		return 0;
	char line[16];
	snprintf(line, sizeof(line), "%u", mentions->gave_up.line);
	const char *row[] = { blob, mentions->gave_up.theme, mentions->gave_up.pattern, line };
	return S_insert(ix, "INSERT OR REPLACE INTO gave_up VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER))",
			row, 4);
}

/* The note's row, with its digest. */
static int S_put_note_row(struct index *ix, const char *blob, const char *id,
			  const struct note *note, size_t errors, const char *consent, int private,
			  const struct digest *digest)
{
	sqlite3_stmt *stmt = S_prepare(ix, "INSERT OR REPLACE INTO notes VALUES (?1, ?2, ?3, ?4,"
				       " ?5, ?6, ?7, ?8, ?9, ?10)");
	struct strbuf packed = STRBUF_INIT;
	if (!stmt)
		return -1;
	strbuf_addf(&packed, "%zu", digest->npeople);
	strbuf_add(&packed, "", 1);
	strbuf_add(&packed, digest->people.buf ? digest->people.buf : "", digest->people.len);
	strbuf_addf(&packed, "%zu", digest->nmentions);
	strbuf_add(&packed, "", 1);
	strbuf_add(&packed, digest->mentions.buf ? digest->mentions.buf : "", digest->mentions.len);
	const char *text[] = { blob, id, S_field(note, "title"), S_field(note, "date"),
			       S_field(note, "organizer"), S_field(note, "kind"), consent };
	for (int i = 0; i < 7; i++)
		S_bind_text(stmt, i + 1, text[i]);
	sqlite3_bind_int64(stmt, 8, (sqlite3_int64)errors);
	sqlite3_bind_int(stmt, 9, private);
	sqlite3_bind_blob(stmt, 10, packed.buf, (int)packed.len, SQLITE_TRANSIENT);
	int r = S_run(ix, stmt);
	strbuf_release(&packed);
	return r;
}

int index_put_note(struct index *ix, const char *blob, const struct note *note,
		   const struct mention_list *mentions, size_t errors, const char *consent,
		   int private)
{
	const struct source *src = note->src;
	const struct md_body *body = &note->body;
	size_t id_offset, id_len;
	char *id = note->has_front ? note_id(note, &id_offset, &id_len) : NULL;
	if (id && !id_len) {
		/* An id from the file name belongs to the file, not to the blob. */
		free(id);
		id = NULL;
	}
	int ret = -1;

	struct digest digest = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
	const struct fm_node *people = note->front ? fm_map_get(note->front, "participants", NULL) : NULL;
	if (S_put_fields(ix, blob, note->front) < 0 ||
	    S_put_list(ix, "INSERT INTO participants VALUES (?1, ?2)", blob, people, &digest) < 0 ||
	    S_put_mentions(ix, blob, note, mentions, &digest) < 0 ||
	    S_put_note_row(ix, blob, id, note, errors, consent, private, &digest) < 0) {
		strbuf_release(&digest.people);
		strbuf_release(&digest.mentions);
		goto done;
	}
	strbuf_release(&digest.people);
	strbuf_release(&digest.mentions);
	for (size_t i = 0; i < body->nsteps; i++) {
		const struct md_step *s = &body->steps[i];
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%u", source_line_of(src, s->offset));
		const char *step[] = { blob, line.buf, s->owner, s->text, s->due, s->done ? "1" : "0",
				       s->words, s->key };
		int r = S_insert(ix, "INSERT INTO steps VALUES (?1, CAST(?2 AS INTEGER), ?3, ?4, ?5,"
				 " CAST(?6 AS INTEGER), ?7, ?8)", step, 8);
		strbuf_release(&line);
		if (r < 0)
			goto done;
	}
	for (size_t i = 0; i < body->nquotes; i++) {
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%u", source_line_of(src, body->quotes[i].offset));
		const char *quote[] = { blob, line.buf, body->quotes[i].text };
		int r = S_insert(ix, "INSERT INTO quotes VALUES (?1, CAST(?2 AS INTEGER), ?3)", quote, 3);
		strbuf_release(&line);
		if (r < 0)
			goto done;
	}
	/* The body as written: FTS5's tokenizer passes over Markdown's marks. */
	size_t from = note->has_front ? note->block.body_offset : 0;
	char *text = xstrndup(src->bytes + from, src->len - from);
	const char *fts[] = { blob, S_field(note, "title"), text };
	ret = S_insert(ix, "INSERT INTO text VALUES (?1, ?2, ?3)", fts, 3);
	free(text);
done:
	free(id);
	return ret;
}

int index_set_file(struct index *ix, const char *path, const char *blob,
		   const struct index_stat *st)
{
	sqlite3_stmt *stmt = S_prepare(ix, "INSERT OR REPLACE INTO files VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!stmt)
		return -1;
	char *name_id = note_id_from_path(path);
	sqlite3_bind_text(stmt, 6, name_id, -1, SQLITE_TRANSIENT);
	free(name_id);
	S_bind_text(stmt, 1, path);
	S_bind_text(stmt, 2, blob);
	sqlite3_bind_int64(stmt, 3, st->size);
	sqlite3_bind_int64(stmt, 4, st->mtime_ns);
	sqlite3_bind_int64(stmt, 5, st->inode);
	return S_run(ix, stmt);
}

int index_keep_files(struct index *ix, char *const *paths, size_t npaths)
{
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT path FROM files ORDER BY path");
	struct strbuf gone = STRBUF_INIT;
	size_t i = 0;
	int removed = 0, rc;

	if (!stmt)
		return -1;
	/* Found in one pass beside the paths, deleted after it. */
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(stmt, 0);
		if (!S_listed(paths, npaths, &i, path)) {
			strbuf_add(&gone, path, strlen(path) + 1);
			removed++;
		}
	}
	S_done(ix, stmt);
	if (rc != SQLITE_DONE)
		removed = S_fail(ix, "read");
	for (size_t at = 0; removed > 0 && at < gone.len; at += strlen(gone.buf + at) + 1) {
		const char *row[] = { gone.buf + at };
		if (S_insert(ix, "DELETE FROM files WHERE path = ?1", row, 1) < 0)
			removed = -1;
	}
	strbuf_release(&gone);
	return removed;
}

static char *S_column(sqlite3_stmt *stmt, int column)
{
	const char *text = (const char *)sqlite3_column_text(stmt, column);
	return text ? xstrdup(text) : NULL;
}

/*
 * Runs a query with text parameters and adds its rows to out. A column
 * whose every value SQLite holds as an integer (a count, a line) is a
 * column of numbers.
 */
static int S_query(struct index *ix, const char *sql, const char *const *params, size_t n,
		   const char *const *columns, size_t ncolumns, struct table *out)
{
	sqlite3_stmt *stmt = NULL;
	const char **cells = xcalloc(ncolumns, sizeof(*cells));
	/* Per column: 1 while every value so far is an integer, 0 once one is not. */
	unsigned char *integers = xmalloc(ncolumns);
	int rc;

	if (sqlite3_prepare_v2(ix->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		free(cells);
		free(integers);
		return -1; /* the caller says what went wrong */
	}
	for (size_t i = 0; i < n; i++)
		S_bind_text(stmt, (int)i + 1, params[i] && *params[i] ? params[i] : NULL);
	table_set_columns(out, columns, ncolumns);
	memset(integers, 1, ncolumns);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (size_t c = 0; c < ncolumns; c++) {
			int type = sqlite3_column_type(stmt, (int)c);
			if (type != SQLITE_INTEGER && type != SQLITE_NULL)
				integers[c] = 0;
			cells[c] = (const char *)sqlite3_column_text(stmt, (int)c);
		}
		table_add_row(out, cells);
	}
	for (size_t c = 0; c < ncolumns; c++)
		if (integers[c] && out->nrows)
			table_set_number(out, c);
	free(cells);
	free(integers);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : -1; /* the caller says what went wrong */
}

#define NOTE_COLUMNS \
	"n.date, coalesce(n.id, f.name_id), n.title, n.organizer, n.kind," \
	" (SELECT group_concat(person, ', ') FROM participants p WHERE p.blob = n.blob)," \
	" (SELECT group_concat(theme, ', ') FROM themes t WHERE t.blob = n.blob" \
	"  AND t.source = 'front'), n.consent, f.path, n.private"

static const char *const S_note_columns[] = {
	"date", "id", "title", "organizer", "kind", "participants", "themes", "consent", "path",
	INDEX_PRIVATE,
};

int index_list(struct table *out, struct index *ix, const struct index_filter *filter)
{
	struct strbuf sql = STRBUF_INIT;
	const char **params = xcalloc(6 + 2 * filter->nfields, sizeof(*params));
	size_t n = 0, owned = 0;   /* params[owned..n) are the fields' keys and values, malloc'd */
	int ret = 0;

	/* Only the filters given are in the query, so that it may use a lookup. */
	static const char *const conditions[] = {
		" AND n.organizer = ?%zu",
		/* Who took part in a private conversation is never found by name. */
		(" AND NOT n.private AND EXISTS (SELECT 1 FROM participants p"
		 "  WHERE p.blob = n.blob AND p.person = ?%zu)"),
		" AND EXISTS (SELECT 1 FROM themes t WHERE t.blob = n.blob AND t.theme = ?%zu)",
		" AND n.kind = ?%zu",
		" AND n.date >= ?%zu",
		" AND n.date <= ?%zu",
	};
	const char *given[] = { filter->organizer, filter->participant, filter->theme,
				filter->kind, filter->since, filter->until };
	strbuf_addstr(&sql, "SELECT " NOTE_COLUMNS " FROM files f JOIN notes n ON n.blob = f.blob"
		      " WHERE 1");
	for (size_t i = 0; i < sizeof(given) / sizeof(*given); i++) {
		if (!given[i] || !*given[i])
			continue;
		params[n++] = given[i];
		strbuf_addf(&sql, conditions[i], n);
	}
	owned = n;
	for (size_t i = 0; i < filter->nfields; i++) {
		const char *eq = strchr(filter->fields[i], '=');
		if (!eq) {
			ret = error_set("--field wants KEY=VALUE, not '%s'", filter->fields[i]);
			goto done;
		}
		params[n] = xstrndup(filter->fields[i], (size_t)(eq - filter->fields[i]));
		params[n + 1] = xstrdup(eq + 1);
		strbuf_addf(&sql, " AND EXISTS (SELECT 1 FROM fields x WHERE x.blob = n.blob"
			    " AND x.key = ?%zu AND x.value = ?%zu)", n + 1, n + 2);
		n += 2;
	}
	strbuf_addstr(&sql, " ORDER BY n.date, f.path");
	ret = S_query(ix, sql.buf, params, n, S_note_columns,
		      sizeof(S_note_columns) / sizeof(*S_note_columns), out);
	if (ret < 0)
		S_fail(ix, "read");
done:
	for (size_t i = owned; i < n; i++)
		free((char *)params[i]);
	free(params);
	strbuf_release(&sql);
	return ret;
}

int index_search(struct table *out, struct index *ix, const char *query)
{
	static const char *const columns[] = { "date", "title", "match", "path", INDEX_PRIVATE };
	const char *sql =
		"SELECT n.date, n.title, excerpt(text, '**', '**', '…', 12), f.path, n.private"
		" FROM text JOIN notes n ON n.blob = text.blob JOIN files f ON f.blob = text.blob"
		" WHERE text MATCH ?1 ORDER BY bm25(text), n.date DESC, f.path";
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(ix->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return S_fail(ix, "search");
	sqlite3_finalize(stmt);
	if (S_query(ix, sql, &query, 1, columns, 5, out) < 0) {
		int code = sqlite3_errcode(ix->db);
		if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_BUSY)
			return S_fail(ix, "search");
		/* search_query_parse reads what people type: this is a query it let through. */
		return error_set("cannot search for '%s'\n"
			     "hint: see 'perennial search --help' for how to write a query", query);
	}
	return 0;
}

int index_export(struct table *out, struct index *ix, enum index_export what)
{
	static const char *const people[] = {
		"person", "conversations", "first_seen", "last_seen", "organizers",
	};
	static const char *const steps[] = {
		"note", "opened", "owner", "step", "due", "done", "path", "line", INDEX_PRIVATE,
	};
	int r = -1;
	switch (what) {
	case INDEX_EXPORT_CONVERSATIONS:
		r = S_query(ix, "SELECT " NOTE_COLUMNS " FROM files f JOIN notes n"
			    " ON n.blob = f.blob ORDER BY n.date, f.path", NULL, 0,
			    S_note_columns, sizeof(S_note_columns) / sizeof(*S_note_columns), out);
		break;
	case INDEX_EXPORT_PEOPLE:
		/*
		 * Organizers in a stable order, so that two exports compare. Who
		 * took part in a private conversation is not exported at all.
		 */
		r = S_query(ix, "SELECT p.person, count(DISTINCT f.path), min(n.date), max(n.date),"
			    " (SELECT group_concat(o, ', ') FROM (SELECT DISTINCT n2.organizer AS o"
			    "  FROM participants p2 JOIN notes n2 ON n2.blob = p2.blob"
			    "  JOIN files f2 ON f2.blob = n2.blob WHERE p2.person = p.person"
			    "  AND NOT n2.private ORDER BY o))"
			    " FROM participants p JOIN notes n ON n.blob = p.blob"
			    " JOIN files f ON f.blob = n.blob WHERE NOT n.private"
			    " GROUP BY p.person ORDER BY p.person",
			    NULL, 0, people, 5, out);
		break;
	case INDEX_EXPORT_STEPS:
		r = S_query(ix, "SELECT coalesce(n.id, f.name_id), n.date, s.owner, s.text,"
			    " s.due, CASE s.done WHEN 1 THEN 'yes' ELSE 'no' END, f.path, s.line,"
			    " n.private FROM steps s JOIN notes n ON n.blob = s.blob"
			    " JOIN files f ON f.blob = s.blob ORDER BY n.date, f.path, s.line",
			    NULL, 0, steps, 9, out);
		break;
	}
	return r < 0 ? S_fail(ix, "read") : 0;
}

int index_participants(struct strlist *out, struct index *ix)
{
	/*
	 * Each person once, then whether a note of the working tree that is not
	 * private names them: a few lookups a person, not two a row (26 ms at
	 * 10,000 notes, 7 ms so). Who took part only in private conversations
	 * is never named.
	 */
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT q.person FROM (SELECT DISTINCT person"
				       " FROM participants) q WHERE EXISTS (SELECT 1 FROM participants p"
				       " CROSS JOIN files f ON f.blob = p.blob WHERE p.person = q.person"
				       " AND p.blob NOT IN (SELECT blob FROM notes WHERE private))"
				       " ORDER BY q.person");
	int rc;
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		strlist_add(out, (const char *)sqlite3_column_text(stmt, 0));
	S_done(ix, stmt);
	return rc == SQLITE_DONE ? 0 : S_fail(ix, "read");
}

/* A text column kept once in the corpus (corpus_name). */
static const char *S_name(struct corpus *corpus, sqlite3_stmt *stmt, int column)
{
	return corpus_name(corpus, (const char *)sqlite3_column_text(stmt, column));
}

/* The next field of a digest, moving *at past it; NULL past its end. */
static const char *S_digest_next(const char **at, const char *end)
{
	const char *field = *at;
	const char *nul = field < end ? memchr(field, '\0', (size_t)(end - field)) : NULL;
	if (!nul)
		return NULL;
	*at = nul + 1;
	return field;
}

/* The count before a list of a digest, each of whose items takes one byte at least. */
static int S_digest_count(size_t *n, const char **at, const char *end)
{
	const char *field = S_digest_next(at, end);
	char *stop;
	if (!field)
		return -1;
	unsigned long long value = strtoull(field, &stop, 10);
	if (stop == field || *stop || value > (unsigned long long)(end - *at))
		return -1;
	*n = (size_t)value;
	return 0;
}

/*
 * Reads a note's digest (struct digest) into its participants, and its
 * mentions when `mentions`: 0, or -1 when the bytes are no digest.
 */
static int S_digest_read(struct corpus *corpus, struct corpus_note *note, const char *bytes,
			 size_t len, int mentions)
{
	const char *at = bytes, *end = bytes + len;
	size_t n;

	if (S_digest_count(&n, &at, end) < 0)
		return -1;
	if (n)
		note->participants = xcalloc(n, sizeof(*note->participants));
	for (size_t i = 0; i < n; i++) {
		const char *person = S_digest_next(&at, end);
		if (!person)
			return -1;
		note->participants[note->nparticipants++] = corpus_name(corpus, person);
	}
	if (S_digest_count(&n, &at, end) < 0)
		return -1;
	if (!mentions)
		return 0;
	if (n)
		note->mentions = xcalloc(n, sizeof(*note->mentions));
	for (size_t i = 0; i < n; i++) {
		const char *field[5];
		for (size_t f = 0; f < 5; f++)
			if (!(field[f] = S_digest_next(&at, end)))
				return -1;
		struct corpus_mention *m = &note->mentions[note->nmentions++];
		m->theme = corpus_name(corpus, field[0]);
		m->source = mention_source_parse(field[1]);
		m->line = (unsigned)strtoul(field[2], NULL, 10);
		m->evidence_n = (int)strtol(field[3], NULL, 10);
		m->quoted = field[4][0] == '1';
	}
	return 0;
}

/* Adds the steps of the note at note->path from `steps`, passing those of paths before it. */
static void S_attach_steps(sqlite3_stmt *steps, int *rc, struct corpus *corpus,
			   struct corpus_note *note)
{
	size_t cap = 0;
	for (; steps && *rc == SQLITE_ROW; *rc = sqlite3_step(steps)) {
		/* Paths come last first. */
		int c = strcmp((const char *)sqlite3_column_text(steps, 0), note->path);
		if (c < 0)
			break;
		if (c > 0)
			continue;
		XGROW(note->steps, cap, note->nsteps + 1);
		struct corpus_step *step = &note->steps[note->nsteps++];
		memset(step, 0, sizeof(*step));
		step->line = (unsigned)sqlite3_column_int(steps, 1);
		step->owner = S_name(corpus, steps, 2);
		step->words = S_column(steps, 3);
		step->key = S_column(steps, 4);
		step->due = S_column(steps, 5);
		step->done = sqlite3_column_int(steps, 6);
	}
	/* Without room to spare: ten thousand notes would otherwise hold room for eight. */
	if (cap)
		note->steps = xrealloc(note->steps, note->nsteps * sizeof(*note->steps));
}

/* Whether the note's mentions are asked for (index_corpus_want). */
static int S_mentions_wanted(const struct corpus_note *note, const char *from, const char *until)
{
	return !*from || (note->date && strcmp(note->date, from) >= 0 &&
			  strcmp(note->date, until) <= 0);
}

static void S_note_row(struct corpus *corpus, struct corpus_note *note, sqlite3_stmt *stmt)
{
	memset(note, 0, sizeof(*note));
	note->path = S_column(stmt, 0);
	note->id = S_column(stmt, 1);
	note->title = S_column(stmt, 2);
	note->date = S_column(stmt, 3);
	note->has_day = note->date && date_parse(&note->day, note->date, strlen(note->date)) == DATE_OK;
	note->organizer = S_name(corpus, stmt, 4);
	note->kind = S_name(corpus, stmt, 5);
	note->consent = S_name(corpus, stmt, 6);
	note->errors = (size_t)sqlite3_column_int64(stmt, 7);
	note->blob = S_column(stmt, 8);
	note->private = sqlite3_column_int(stmt, 9);
	note->gave_up.theme = S_column(stmt, 10);
	note->gave_up.pattern = S_column(stmt, 11);
	note->gave_up.line = (unsigned)sqlite3_column_int(stmt, 12);
}

/*
 * Hands `each` the notes of the files listed in `files` (path, blob,
 * name_id), one at a time, the last path first, each with what `want`
 * asks: the notes with their digests, and their steps from a second
 * query in the same order of paths, read beside it.
 */
static int S_each_note(struct index *ix, const char *files, const struct index_corpus_want *want,
		       struct corpus *corpus, corpus_each_fn *each, void *ctx)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *notes = NULL, *steps = NULL;
	char from[DATE_SIZE] = "", until[DATE_SIZE] = "";
	int rc = SQLITE_OK, steps_rc = SQLITE_DONE, ret = -1;

	if ((want->parts & CORPUS_MENTIONS) && want->mentions_from && want->mentions_until) {
		date_format(from, want->mentions_from);
		date_format(until, want->mentions_until);
	}
	strbuf_addf(&sql, "SELECT f.path, coalesce(n.id, f.name_id), n.title, n.date, n.organizer,"
		    " n.kind, n.consent, n.errors, f.blob, n.private, g.theme, g.pattern, g.line,"
		    " n.digest FROM %s f JOIN notes n ON n.blob = f.blob"
		    " LEFT JOIN gave_up g ON g.blob = f.blob ORDER BY f.path DESC", files);
	if (sqlite3_prepare_v2(ix->db, sql.buf, -1, &notes, NULL) != SQLITE_OK)
		goto done;
	if (want->parts & CORPUS_STEPS) {
		strbuf_reset(&sql);
		strbuf_addf(&sql, "SELECT f.path, s.line, s.owner, s.words, s.key, s.due, s.done"
			    " FROM %s f JOIN steps s ON s.blob = f.blob ORDER BY f.path DESC, s.line",
			    files);
		if (sqlite3_prepare_v2(ix->db, sql.buf, -1, &steps, NULL) != SQLITE_OK)
			goto done;
		steps_rc = sqlite3_step(steps);
	}
	while ((rc = sqlite3_step(notes)) == SQLITE_ROW) {
		struct corpus_note note;
		S_note_row(corpus, &note, notes);
		if (S_digest_read(corpus, &note, sqlite3_column_blob(notes, 13),
				  (size_t)sqlite3_column_bytes(notes, 13),
				  (want->parts & CORPUS_MENTIONS) &&
				  S_mentions_wanted(&note, from, until)) < 0) {
			/* Bytes SQLite holds whole but no version of this code wrote. */
			ix->damaged = 1;
			free(ix->damage);
			ix->damage = xstrdup("a note's digest cannot be read");
			error_set("the index is damaged: the digest of %s cannot be read", note.path);
			corpus_note_release(&note);
			goto stopped;
		}
		S_attach_steps(steps, &steps_rc, corpus, &note);
		int r = each(ctx, corpus, &note);
		corpus_note_release(&note);
		if (r < 0)
			goto stopped;
	}
	if (steps_rc != SQLITE_ROW && steps_rc != SQLITE_DONE)
		rc = steps_rc;
	ret = rc == SQLITE_DONE ? 0 : -1;
done:
	if (ret < 0)
		S_fail(ix, "read");
stopped:
	sqlite3_finalize(notes);
	sqlite3_finalize(steps);
	strbuf_release(&sql);
	return ret;
}

/* A note of S_each_note taken into the corpus being made. */
static int S_take_note(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	size_t *cap = ctx;
	XGROW(corpus->notes, *cap, corpus->len + 1);
	corpus->notes[corpus->len++] = *note;
	memset(note, 0, sizeof(*note));
	return 0;
}

static int S_by_date(const void *a, const void *b)
{
	const struct corpus_note *x = a, *y = b;
	int c = strcmp(x->date ? x->date : "", y->date ? y->date : "");
	return c ? c : strcmp(x->path, y->path);
}

/* The notes of the files listed in `files` (path, blob, name_id), as a corpus. */
static int S_corpus(struct index *ix, const char *files, const struct index_corpus_want *want,
		    struct corpus *out)
{
	size_t cap = 0;
	*out = (struct corpus)CORPUS_INIT;
	if (S_each_note(ix, files, want, out, S_take_note, &cap) < 0) {
		corpus_release(out);
		return -1;
	}
	out->notes = xrealloc(out->notes, (out->len + 1) * sizeof(*out->notes));
	if (out->len > 1)
		qsort(out->notes, out->len, sizeof(*out->notes), S_by_date);
	return 0;
}

int index_cache_get(char **value, size_t *len, struct index *ix, const char *key)
{
	sqlite3_stmt *stmt = S_prepare(ix, "SELECT value FROM cache WHERE key = ?1");
	if (!stmt)
		return -1;
	S_bind_text(stmt, 1, key);
	int rc = sqlite3_step(stmt), found = rc == SQLITE_ROW;
	if (found) {
		*len = (size_t)sqlite3_column_bytes(stmt, 0);
		*value = xmalloc(*len + 1);
		if (*len)
			memcpy(*value, sqlite3_column_blob(stmt, 0), *len);
		(*value)[*len] = '\0';
	}
	S_done(ix, stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : S_fail(ix, "read");
}

int index_cache_put(struct index *ix, const char *key, const char *value, size_t len)
{
	sqlite3_stmt *stmt = S_prepare(ix, "INSERT OR REPLACE INTO cache VALUES (?1, ?2)");
	if (!stmt)
		return -1;
	S_bind_text(stmt, 1, key);
	sqlite3_bind_blob(stmt, 2, value, (int)len, SQLITE_TRANSIENT);
	return S_run(ix, stmt);
}

int index_cache_forget(struct index *ix, const char *prefix)
{
	const char *row[] = { prefix };
	return S_insert(ix, "DELETE FROM cache WHERE substr(key, 1, length(?1)) = ?1", row, 1);
}

/* Runs `sql` on the rows of `blob` (its ?1), handing each to `row`: 0, or -1 with an error set. */
static int S_each_of_blob(struct index *ix, const char *sql, const char *blob,
			  void (*row)(void *ctx, sqlite3_stmt *stmt), void *ctx)
{
	sqlite3_stmt *stmt = S_prepare(ix, sql);
	int rc;

	if (!stmt)
		return -1;
	S_bind_text(stmt, 1, blob);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		row(ctx, stmt);
	S_done(ix, stmt);
	return rc == SQLITE_DONE ? 0 : S_fail(ix, "read");
}

struct blob_steps {
	struct step_match_step *items;
	size_t len, cap;
};

static void S_blob_step(void *ctx, sqlite3_stmt *stmt)
{
	struct blob_steps *steps = ctx;
	XGROW(steps->items, steps->cap, steps->len + 1);
	struct step_match_step *step = &steps->items[steps->len++];
	step->key = S_column(stmt, 0);
	step->owner = S_column(stmt, 1);
	step->done = sqlite3_column_int(stmt, 2);
}

int index_blob_steps(struct step_match_step **out, size_t *nout, struct index *ix,
		     const char *blob)
{
	struct blob_steps steps = { NULL, 0, 0 };
	int r = S_each_of_blob(ix, "SELECT key, owner, done FROM steps WHERE blob = ?1"
			       " ORDER BY line", blob, S_blob_step, &steps);
	if (r < 0) {
		step_match_steps_free(steps.items, steps.len);
		steps = (struct blob_steps){ NULL, 0, 0 };
	}
	*out = steps.items;
	*nout = steps.len;
	return r;
}

static void S_blob_text(void *ctx, sqlite3_stmt *stmt)
{
	struct strlist *texts = ctx;
	/* Numbered 1, 2, ... as stored: any other number is no evidence's. */
	if (sqlite3_column_int64(stmt, 0) == (sqlite3_int64)texts->len + 1)
		strlist_add_owned(texts, S_column(stmt, 1));
}

int index_evidence(struct strlist *texts, struct index *ix, const char *blob)
{
	strlist_release(texts);
	int r = S_each_of_blob(ix, "SELECT n, text FROM evidence WHERE blob = ?1 ORDER BY n",
			       blob, S_blob_text, texts);
	if (r < 0)
		strlist_release(texts);
	return r;
}

int index_corpus(struct corpus *out, struct index *ix, unsigned parts)
{
	struct index_corpus_want want = { parts, NULL, NULL };
	return S_corpus(ix, "files", &want, out);
}

int index_each_note(struct index *ix, struct corpus *corpus, unsigned parts,
		    corpus_each_fn *each, void *ctx)
{
	struct index_corpus_want want = { parts, NULL, NULL };
	return S_each_note(ix, "files", &want, corpus, each, ctx);
}

int index_corpus_of(struct corpus *out, struct index *ix, const char *const *paths,
		    const char *const *blobs, size_t n, const struct index_corpus_want *want)
{
	*out = (struct corpus)CORPUS_INIT;
	/*
	 * A table of this connection alone, in memory: nothing is written to
	 * the file for it, nor to a temporary one (the writes were a third of
	 * a report's time). Setting temp_store back drops it.
	 */
	int r = S_exec(ix, "PRAGMA temp_store = MEMORY; CREATE TEMP TABLE IF NOT EXISTS"
		       " tree(path TEXT PRIMARY KEY, blob TEXT NOT NULL, name_id TEXT NOT NULL);"
		       " DELETE FROM temp.tree");
	for (size_t i = 0; r == 0 && i < n; i++) {
		char *name_id = note_id_from_path(paths[i]);
		const char *row[] = { paths[i], blobs[i], name_id };
		r = S_insert(ix, "INSERT OR REPLACE INTO temp.tree VALUES (?1, ?2, ?3)", row, 3);
		free(name_id);
	}
	if (r == 0)
		r = S_corpus(ix, "temp.tree", want, out);
	sqlite3_exec(ix->db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
	return r;
}
