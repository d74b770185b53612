#ifndef PERENNIAL_INDEX_H
#define PERENNIAL_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

struct corpus;
struct strlist;
struct date;
struct mention_list;
struct note;
struct step_match_step;
struct table;

/*
 * The index: SQLite in the git folder (`perennial/index.db`), never in the
 * work tree, never committed. The only module that includes sqlite3.h.
 *
 * What a note says is stored by blob id, so a note is parsed once whatever
 * it is found in; `files` maps the working tree's paths to blobs, with the
 * size, modification time and inode they had, so an unchanged file is not
 * even read. The index is a cache: deleting it loses nothing.
 *
 * Every function returns 0 (or a count) on success and -1 with an error
 * set (error.h). A damaged file is a cache lost: the callers set it aside
 * and fill a new one (index_damaged, index_mend).
 */
struct index;

#define INDEX_FILE "perennial/index.db"

/*
 * Opens or creates the index at `path`: WAL journal, a busy timeout so
 * that concurrent runs wait rather than fail, and the schema version
 * checked (an index of another version is emptied and filled again). A
 * file that is not one (damaged, not SQLite) is set aside and made
 * afresh, as index_mend does. Where the folder or the file cannot be
 * written (a read-only git folder), an empty index in memory is opened
 * instead, to be filled for this run, and index_take_mended says so.
 * Errors say what went wrong in plain words (the disk is full, the git
 * folder is read-only), never in SQLite's.
 */
int index_open(struct index **out, const char *path);

void index_close(struct index *ix);

/*
 * Opens the index at `path` to read it as it is, from a run that must not
 * change it nor wait for one that does (shell completion): nothing is
 * made, mended or brought up to date, and no lock is waited for. Returns 1
 * with *out (index_close), 0 with *out NULL when there is no index there
 * yet, one of another version, or one another run holds locked, or -1
 * with an error set.
 */
int index_open_read_only(struct index **out, const char *path);

/*
 * Makes the index afresh in the next transaction index_begin opens: its
 * tables are dropped and made again inside it, so the update that fills
 * them is seen whole or not at all by any other run, which waits for it
 * as for any update. No file is removed while others may hold it open.
 */
void index_start_over(struct index *ix);

/*
 * 1 when the last failure on ix was its file's: damaged (SQLite says
 * corrupt, or not a database) or with tables that are not this version's;
 * else 0. A cache is mended, not repaired: see index_mend.
 */
int index_damaged(const struct index *ix);

/*
 * Moves the damaged file to PATH.damaged (replacing one there), drops its
 * journal and opens a new, empty index at PATH, to be filled again; in a
 * git folder that is read-only, opens an empty one in memory instead.
 * Returns 0, or -1 with an error set (error.h).
 */
int index_mend(struct index *ix);

/*
 * The sentence saying that the file was set aside and made again, or that
 * the index is in memory for a read-only git folder, when index_open or
 * index_mend did so since it was last taken (malloc'd, for the command to
 * print once), else NULL.
 */
char *index_take_mended(struct index *ix);

/* How a working-tree file looked when it was indexed. */
struct index_stat {
	int64_t size;
	int64_t mtime_ns;
	int64_t inode;
};

/*
 * Whether the index was made under perennial.yml with this digest (or
 * under none yet): 1, 0, or -1 with an error set (error.h). A caller with
 * another perennial.yml (an old commit's) uses an index of its own rather
 * than make this one afresh.
 */
int index_made_under(struct index *ix, const char *fingerprint);

/*
 * What is stored depends on perennial.yml (which findings are errors, which
 * fields exist): given another fingerprint of it than last time, the parse
 * results are dropped, to be made again.
 */
int index_use_config(struct index *ix, const char *fingerprint);

/* Groups the changes of one update into one transaction. */
int index_begin(struct index *ix);

/*
 * In the open transaction, before storing many notes: drops the tables'
 * lookups (by blob, by organizer), which index_commit makes again, sorting once
 * instead of at every row (a rollback keeps them as they were).
 */
int index_expect_many(struct index *ix);
int index_commit(struct index *ix);
void index_rollback(struct index *ix);

/*
 * Which of `n` files, listed in path order (strcmp's) with their stats,
 * are unchanged since index_set_file recorded them: unchanged[i] is 1 when
 * the files table holds paths[i] with the same stat, else 0. One pass
 * over the table beside the list, holding none of it. Returns how many
 * rows of the table are of paths not listed, or -1 after an error.
 */
int index_unchanged_files(struct index *ix, char *const *paths, const struct index_stat *stats,
			  size_t n, unsigned char *unchanged);

/* 1 if the blob's parse results are stored, else 0. */
int index_has_blob(struct index *ix, const char *blob);

/*
 * Stores what the note says under `blob`: its fields, participants,
 * theme mentions (as mention_find found them), next steps, quotes and
 * text; `consent` is what it says (or the configured default), `private`
 * what config_consent_private makes of it; `errors` is how many error-level
 * findings it has, `consent` the one it has when it says none (the
 * configured default). An id taken from the file name is the file's, not
 * the blob's: queries take it from the path.
 */
int index_put_note(struct index *ix, const char *blob, const struct note *note,
		   const struct mention_list *mentions, size_t errors,
		   const char *consent, int private);

/* Records that `path` now holds `blob`. */
int index_set_file(struct index *ix, const char *path, const char *blob,
		   const struct index_stat *st);

/* Forgets the files not in `paths`, in path order (strcmp's); returns how many, or -1. */
int index_keep_files(struct index *ix, char *const *paths, size_t npaths);

/*
 * Queries answer with rows of the data as stored, in a table with named
 * columns, never with what a person may see of it: each row has a last
 * column INDEX_PRIVATE, "1" for a private note, for the privacy pass
 * (privacy_rows) to hide what it must before anything prints.
 */
#define INDEX_PRIVATE "private"

/* What `perennial list` may ask: NULL or empty for any. */
struct index_filter {
	const char *organizer;
	const char *participant;
	const char *theme;
	const char *kind;
	const char *since;      /* YYYY-MM-DD, inclusive */
	const char *until;
	const char *const *fields;  /* KEY=VALUE, any front-matter key */
	size_t nfields;
};

/* The notes of the working tree that match, by date then path. */
int index_list(struct table *out, struct index *ix, const struct index_filter *filter);

/*
 * Full-text search (FTS5 query syntax, as search_query_parse makes it),
 * best first by bm25, with a snippet around the match. Words are matched
 * in any case, without their accents and by their stem (porter: repairs
 * finds repair). A query FTS5 cannot read is an error saying so, without
 * SQLite's words. A private note is found as any is.
 */
int index_search(struct table *out, struct index *ix, const char *query);

enum index_export {
	INDEX_EXPORT_CONVERSATIONS,
	INDEX_EXPORT_PEOPLE,
	INDEX_EXPORT_STEPS,
};

/*
 * The rows of an export. People are counted over notes, so who took part
 * only in private conversations is left out by the query itself, and a
 * people row has no INDEX_PRIVATE column.
 */
int index_export(struct table *out, struct index *ix, enum index_export what);

/*
 * Adds to out, each once and in byte order, the participants of the
 * working tree's notes, but those who took part in private notes alone (a
 * private note's participants are never named): whom `list --participant`
 * finds. Returns 0, or -1 with an error set.
 */
int index_participants(struct strlist *out, struct index *ix);

/*
 * A cache of bytes by key beside the parse results, dropped with them
 * when perennial.yml changes: what is dear to make again (the steps'
 * history) and depends on nothing else the key does not name.
 * index_cache_get returns 1 with *value (malloc'd, NUL after the bytes)
 * and *len, 0 when there is none, -1 after an error; index_cache_put
 * replaces what the key held: 0, or -1 after an error.
 */
int index_cache_get(char **value, size_t *len, struct index *ix, const char *key);
int index_cache_put(struct index *ix, const char *key, const char *value, size_t len);

/* Drops what the keys beginning with `prefix` held: 0, or -1 after an error. */
int index_cache_forget(struct index *ix, const char *prefix);

/*
 * The next steps stored for `blob`, in the note's order, as pairing reads
 * them (their key, owner and done, as the parse made them): 0 with *out
 * (malloc'd, freed with step_match_steps_free; NULL for none) and *nout, or
 * -1 with an error set (error.h).
 */
int index_blob_steps(struct step_match_step **out, size_t *nout, struct index *ix,
		     const char *blob);

/*
 * The evidence stored for `blob`, as a corpus made without its text reads
 * it later (corpus.h), added to texts (emptied first): items[i] is the
 * paragraph or quote numbered i + 1. Returns 0, or -1 with an error set
 * (and texts empty).
 */
int index_evidence(struct strlist *texts, struct index *ix, const char *blob);

/*
 * The notes of the working tree with their participants, and their theme
 * mentions and next steps as `parts` (enum corpus_parts) asks, by date
 * then path: the mentions without the text of their evidence, which
 * index_evidence reads. Returns 0 and fills out (released with
 * corpus_release), or -1 with an error set (error.h).
 */
int index_corpus(struct corpus *out, struct index *ix, unsigned parts);

/*
 * The same notes handed to `each` one at a time (corpus.h), into `corpus`,
 * whose names they share; the last path first, which for notes named by
 * their days is the newest first. Returns 0, or -1 with an error set,
 * when a read failed or `each` returned -1.
 */
int index_each_note(struct index *ix, struct corpus *corpus, unsigned parts,
		    corpus_each_fn *each, void *ctx);

/* What index_corpus_of reads of the notes. */
struct index_corpus_want {
	unsigned parts;              /* enum corpus_parts */
	/* With CORPUS_MENTIONS: the mentions of the notes dated on these days
	 * only (inclusive; NULL: every note's); others' are left out. */
	const struct date *mentions_from, *mentions_until;
};

/*
 * The same for any set of files, `n` paths holding `n` blobs (a commit's
 * notes), as `want` asks: blobs the index does not hold are left out, so
 * store them first.
 */
int index_corpus_of(struct corpus *out, struct index *ix, const char *const *paths,
		    const char *const *blobs, size_t n, const struct index_corpus_want *want);

#endif
