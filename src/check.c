#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "idcache.h"
#include "note.h"
#include "notefile.h"
#include "pool.h"
#include "progress.h"
#include "repo.h"
#include "source.h"
#include "strlist.h"
#include "template.h"
#include "validate.h"
#include "workspace.h"
#include "worktree.h"
#include "xalloc.h"

#define MAX_FINDINGS_PER_NOTE 100
#define MAX_THREADS 16

/*
 * Where a note's id stands, kept after the note itself is freed: the
 * line is read again only for a duplicate (S_report_duplicates).
 */
struct id_use {
	char *id;
	const char *file;  /* in the run's list of paths */
	unsigned line, column, span;
	unsigned char implicit;   /* taken from the file name */
	unsigned char checked;    /* the note is one of `paths`: report on it */
};

struct id_uses {
	struct id_use *items;
	size_t len, cap;
};

/* What the id rule needs of a parsed note. */
static void S_id_of(const struct note *note, struct idcache_entry *out)
{
	size_t offset, len;
	struct diag_loc loc;
	char *id = note_id(note, &offset, &len);

	out->has_front = note->has_front;
	out->id = len ? id : NULL;
	if (!len)
		free(id);
	diag_locate(&loc, note->src, len ? offset : note->src->bom, len);
	out->line = loc.line;
	out->column = loc.column;
	out->span = len ? loc.span : 1;
}

/* Where the id of the note at `path` stands: use->id is malloc'd; `path` must outlive it. */
static void S_use_of(struct id_use *use, const char *path, const struct idcache_entry *e,
		     int checked)
{
	use->id = e->id ? xstrdup(e->id) : note_id_from_path(path);
	use->file = path;
	use->implicit = !e->id;
	use->checked = (unsigned char)checked;
	use->line = e->line;
	use->column = e->column;
	use->span = e->span;
}

static void S_record_id(struct id_uses *uses, const char *path, const struct idcache_entry *e,
			int checked)
{
	XGROW(uses->items, uses->cap, uses->len + 1);
	S_use_of(&uses->items[uses->len++], path, e, checked);
}

static int S_compare_uses(const void *a, const void *b)
{
	const struct id_use *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->file, y->file);
}

struct reader;
static void S_duplicate(const struct reader *reader, const struct id_use *use,
			const struct id_use *other, struct diag_list *diags);

/* Every checked note whose id another note has too, naming the other. */
static void S_report_duplicates(const struct reader *reader, struct id_uses *uses,
				struct diag_list *diags)
{
	if (uses->len < 2)
		return;
	qsort(uses->items, uses->len, sizeof(*uses->items), S_compare_uses);
	for (size_t start = 0, end; start < uses->len; start = end) {
		for (end = start + 1; end < uses->len &&
		     strcmp(uses->items[end].id, uses->items[start].id) == 0; end++)
			;
		if (end - start < 2)
			continue;
		for (size_t i = start; i < end; i++)
			if (uses->items[i].checked)
				S_duplicate(reader, &uses->items[i],
					    &uses->items[i == start ? start + 1 : start], diags);
	}
}

static void S_release_uses(struct id_uses *uses)
{
	for (size_t i = 0; i < uses->len; i++)
		free(uses->items[i].id);
	free(uses->items);
}

/*
 * Where the notes come from. `blob` may be NULL (files have no blob id):
 * then every note is read, as nothing can say it is unchanged.
 */
struct reader {
	int (*read)(const struct reader *r, const char *path, struct source **out,
		    struct diag_list *diags);
	const char *(*blob)(const struct reader *r, const char *path);
	const char *root;
	struct repo *repo;
	const struct repo_entries *entries;
	struct idcache *ids;
	size_t threads;          /* besides the caller's: 0 where the repository or the
				  * id cache is read, neither being shared between threads */
};

/* What checking one note gives, kept until it is taken in order. */
struct checked_note {
	const char *path;
	int wanted;                          /* one of `paths`: its findings are reported */
	const char *blob;                    /* NULL for a file */
	const struct idcache_entry *known;   /* its id as the cache has it: nothing was read */
	int read;                            /* reader->read's answer */
	struct idcache_entry entry;          /* else its id, when read (read == 0) */
	struct diag_list diags;
};

struct check_run {
	const struct config *config;
	const struct reader *reader;
	const struct strlist *paths;
	const char **every;                  /* paths and the others, sorted, once each */
	size_t nevery;
	struct checked_note *notes;          /* a ring: note i in notes[i % POOL_WINDOW] */
	struct id_uses uses;
	struct progress *progress;
	struct diag_list *diags;
	long checked;                        /* -1 once a read failed */
};

/* Reads, parses and validates note i: on any thread. */
static void S_check_one(void *arg, size_t i)
{
	struct check_run *run = arg;
	struct checked_note *c = &run->notes[i % POOL_WINDOW];
	const struct reader *reader = run->reader;

	memset(c, 0, sizeof(*c));
	c->path = run->every[i];
	c->wanted = strlist_has_sorted(run->paths, c->path);
	c->blob = reader->blob ? reader->blob(reader, c->path) : NULL;
	c->known = !c->wanted && c->blob && reader->ids ? idcache_get(reader->ids, c->blob) : NULL;
	if (c->known)
		return;
	/*
	 * Findings in notes not asked for are not the user's question now;
	 * and a hostile note may hold thousands: a few are enough.
	 */
	c->diags.limit = MAX_FINDINGS_PER_NOTE;
	struct source *src;
	c->read = reader->read(reader, c->path, &src, &c->diags);
	if (c->read != 0)
		return;
	struct note *note = note_parse(src, c->wanted ? NOTE_CHECK : NOTE_FRONT, &c->diags);
	if (c->wanted)
		validate_note(note, run->config, &c->diags);
	S_id_of(note, &c->entry);
	note_free(note);
}

/* Takes note i's results, in the order of the notes: on the calling thread. */
static void S_take_one(void *arg, size_t i)
{
	struct check_run *run = arg;
	struct checked_note *c = &run->notes[i % POOL_WINDOW];

	progress_update(run->progress, i, run->nevery);
	if (c->known) {
		if (c->known->has_front)
			S_record_id(&run->uses, c->path, c->known, 0);
	} else if (c->read < 0) {
		run->checked = -1;
	} else if (c->read == 0) {
		if (c->blob && run->reader->ids)
			idcache_put(run->reader->ids, c->blob, &c->entry);
		if (c->entry.has_front)
			S_record_id(&run->uses, c->path, &c->entry, c->wanted);
		free(c->entry.id);
	}
	if (run->checked >= 0) {
		run->checked += c->wanted;
		if (c->wanted)
			diag_list_take(run->diags, &c->diags);
	}
	diag_list_release(&c->diags);
}

/*
 * The finding of the note whose id is `use`'s, which `other` has too, at
 * its id's line in src (the note as it reads now; NULL: not read).
 */
static void S_add_duplicate(struct diag_list *diags, const struct source *src,
			    const struct id_use *use, const struct id_use *other)
{
	struct diag_loc loc = { use->file, use->line, use->column, use->span, NULL, 0 };
	if (src && !use->implicit && use->line >= 1 && use->line <= src->nlines) {
		size_t start = source_line_start(src, use->line);
		loc.line_text = src->bytes + start;
		loc.line_len = source_line_end(src, use->line) - start;
	}
	diag_hint(diag_add_at(diags, &loc, DIAG_DUPLICATE_ID, "id '%s'%s is also the id of %s:%u:%u",
			      use->id, use->implicit ? " (from the file name)" : "",
			      other->file, other->line, other->column),
		  "ids must be unique: give one of the notes its own 'id: ...'");
}

/*
 * A duplicate's finding, at its id's line, read again: the line of each
 * note is not kept for the rare note that shares its id.
 */
static void S_duplicate(const struct reader *reader, const struct id_use *use,
			const struct id_use *other, struct diag_list *diags)
{
	struct diag_list unused = DIAG_LIST_INIT;
	struct source *src = NULL;
	size_t mark = error_mark();

	if (use->implicit || reader->read(reader, use->file, &src, &unused) != 0)
		src = NULL;
	error_forget_since(mark);   /* a note gone since is named without its line */
	S_add_duplicate(diags, src, use, other);
	source_free(src);
	diag_list_release(&unused);
}

static long S_check(const struct config *config, const struct reader *reader,
		    const struct strlist *paths, const char *const *all, size_t nall,
		    struct progress *progress, struct diag_list *diags)
{
	struct check_run run = { config, reader, paths, NULL, 0, NULL, { NULL, 0, 0 },
				 progress, diags, 0 };

	/* Pointers into the lists given, which outlive the run. */
	run.every = xcalloc(paths->len + nall + 1, sizeof(*run.every));
	for (size_t i = 0; (const char *const *)paths->items != all && i < paths->len; i++)
		run.every[run.nevery++] = paths->items[i];
	for (size_t i = 0; i < nall; i++)
		run.every[run.nevery++] = all[i];
	run.nevery = strlist_sort_unique_refs(run.every, run.nevery);
	run.notes = xcalloc(POOL_WINDOW, sizeof(*run.notes));
	pool_run(run.nevery, reader->threads, S_check_one, S_take_one, &run);
	if (run.checked >= 0)
		S_report_duplicates(reader, &run.uses, diags);
	S_release_uses(&run.uses);
	free(run.every);
	free(run.notes);
	return run.checked;
}

/*
 * The id of `note` against those of the other notes that may share it:
 * the first of them, in path order, that does as it reads now is named,
 * as check names the first other note of an id.
 */
static void S_shared_id(const struct note *note, const struct check_others *others,
			struct diag_list *diags)
{
	struct idcache_entry mine;
	struct id_use use;
	const char *const *paths;
	S_id_of(note, &mine);
	S_use_of(&use, note->src->path, &mine, 1);
	free(mine.id);
	size_t n = others->paths_with(others->ctx, use.id, &paths);
	for (size_t i = 0; i < n; i++) {
		struct diag_list unused = DIAG_LIST_INIT;
		struct source *src;
		struct idcache_entry theirs = { 0 };
		size_t mark = error_mark();
		if (strcmp(paths[i], note->src->path) == 0 ||
		    others->read(others->ctx, paths[i], &src, &unused) != 0) {
			error_forget_since(mark);   /* a note gone since shares nothing */
			diag_list_release(&unused);
			continue;
		}
		struct note *other = note_parse(src, NOTE_FRONT, &unused);
		struct id_use their;
		S_id_of(other, &theirs);
		S_use_of(&their, paths[i], &theirs, 0);
		int shared = other->has_front && strcmp(their.id, use.id) == 0;
		if (shared)
			S_add_duplicate(diags, note->src, &use, &their);
		free(theirs.id);
		free(their.id);
		note_free(other);
		diag_list_release(&unused);
		if (shared)
			break;
	}
	free(use.id);
}

void check_text(const struct config *config, const char *path, const char *text, size_t len,
		const struct check_others *others, struct diag_list *diags)
{
	if (notefile_refuse_size(diags, path, len) || notefile_refuse_bytes(diags, path, text, len))
		return;
	struct note *note = note_parse(source_new(path, text, len), NOTE_CHECK, diags);
	validate_note(note, config, diags);
	if (others && note->has_front)
		S_shared_id(note, others, diags);
	note_free(note);
}

static int S_read_file(const struct reader *r, const char *path, struct source **out,
		       struct diag_list *diags)
{
	return worktree_read(out, r->root, path, diags);
}

long check_worktree(const struct config *config, const char *root,
		    const struct strlist *paths, const struct strlist *all,
		    struct progress *progress, struct diag_list *diags)
{
	struct reader reader = { S_read_file, NULL, root, NULL, NULL, NULL, pool_threads(MAX_THREADS) };
	return S_check(config, &reader, paths, (const char *const *)all->items, all->len, progress,
		       diags);
}

static const char *S_blob(const struct reader *r, const char *path)
{
	const struct repo_entry *e = repo_entries_find(r->entries, path);
	return e ? e->blob : NULL;
}

static int S_read_blob(const struct reader *r, const char *path, struct source **out,
		       struct diag_list *diags)
{
	const char *blob = S_blob(r, path);
	if (!blob)
		return error_set("'%s' is not in the repository", path);
	return repo_read_blob(out, r->repo, blob, path, diags);
}

long check_repo(const struct config *config, struct repo *repo,
		const struct repo_entries *entries, const struct strlist *paths,
		struct idcache *ids, struct progress *progress, struct diag_list *diags)
{
	/* One thread: a libgit2 repository is not to be shared between threads. */
	struct reader reader = { S_read_blob, S_blob, NULL, repo, entries, ids, 0 };
	const char **all = xcalloc(entries->len + 1, sizeof(*all));
	for (size_t i = 0; i < entries->len; i++)
		all[i] = entries->items[i].path;
	long checked = S_check(config, &reader, paths, all, entries->len, progress, diags);
	free(all);
	return checked;
}

/*
 * What a commit of the index changes that check must look at: the staged
 * notes (misnamed ones apart), every note when perennial.yml is staged (a
 * roster or codebook changed under them), and the staged templates, which
 * must compile.
 */
static int S_staged(struct strlist *notes, struct strlist *misnamed, struct strlist *templates,
		    struct repo *repo, const struct notefile_scope *scope,
		    const struct repo_entries *entries)
{
	static const char *const others[] = { CONFIG_FILE, TEMPLATE_DIR };
	struct strlist changed = STRLIST_INIT;
	int config_changed = 0;

	if (repo_staged_changes(notes, repo, scope, misnamed) < 0 ||
	    repo_staged_files(&changed, repo, others, 2) < 0) {
		strlist_release(&changed);
		return -1;
	}
	for (size_t i = 0; i < changed.len; i++) {
		const char *path = changed.items[i];
		const char *slash = strrchr(path, '/');
		if (strcmp(path, CONFIG_FILE) == 0)
			config_changed = 1;
		else if (slash && (size_t)(slash - path) == strlen(TEMPLATE_DIR) &&
			 template_name_ok(slash + 1))
			strlist_add(templates, path);
	}
	strlist_release(&changed);
	if (config_changed) {
		strlist_release(notes);
		for (size_t i = 0; i < entries->len; i++)
			strlist_add(notes, entries->items[i].path);
	}
	return 0;
}

/* Adds a diagnostic for each staged template that does not compile. */
static int S_check_templates(struct repo *repo, const struct strlist *templates,
			     struct diag_list *diags)
{
	for (size_t i = 0; i < templates->len; i++) {
		char blob[REPO_BLOB_ID_SIZE];
		struct source *src = NULL;
		int r = repo_file_blob(blob, repo, NULL, templates->items[i]);
		if (r > 0)
			r = repo_read_blob(&src, repo, blob, templates->items[i], diags);
		if (r < 0)
			return -1;
		if (src)
			template_check(src, diags);
		source_free(src);
	}
	return 0;
}

/* --staged and --rev: the notes as git has them, ids cached by blob. */
static long S_check_git(const struct check_request *o, struct workspace *ws,
			struct diag_list *diags)
{
	const struct config *config = ws->config;
	struct repo *repo = ws->repo;
	struct repo_entries entries = REPO_ENTRIES_INIT;
	struct strlist paths = STRLIST_INIT, prefixes = STRLIST_INIT, misnamed = STRLIST_INIT;
	struct strlist templates = STRLIST_INIT;
	struct notefile_scope scope = config_scope(config);
	long notes = -1;

	for (int i = 0; i < o->nargs; i++) {
		char *rel;
		if (worktree_relative(&rel, ws->root, o->args[i]) < 0)
			goto done;
		strlist_add_owned(&prefixes, rel);
	}
	if (o->rev ? repo_list_commit(&entries, repo, o->rev, &scope, &misnamed) < 0
		   : repo_list_index(&entries, repo, &scope) < 0 ||
		     S_staged(&paths, &misnamed, &templates, repo, &scope, &entries) < 0)
		goto done;
	for (size_t i = 0; o->rev && i < entries.len; i++)
		strlist_add(&paths, entries.items[i].path);
	strlist_keep_under(&paths, &prefixes);
	strlist_keep_under(&misnamed, &prefixes);
	for (size_t i = 0; i < misnamed.len; i++)
		notefile_refuse_name(diags, misnamed.items[i]);
	if (S_check_templates(repo, &templates, diags) < 0)
		goto done;

	struct idcache *ids = idcache_load(repo_common_dir(repo));
	struct progress *progress = progress_start("Checking notes");
	notes = check_repo(config, repo, &entries, &paths, ids, progress, diags);
	progress_stop(progress);
	idcache_save(ids);
	idcache_free(ids);
done:
	repo_entries_release(&entries);
	strlist_release(&paths);
	strlist_release(&prefixes);
	strlist_release(&misnamed);
	strlist_release(&templates);
	return notes;
}

static long S_check_files(const struct check_request *o, const char *root,
			  const struct config *config, struct diag_list *diags)
{
	struct strlist paths = STRLIST_INIT, all = STRLIST_INIT;
	struct notefile_scope scope = config_scope(config);
	long notes = -1;

	if (worktree_select(&paths, &all, root, &scope, o->args, o->nargs, diags) == 0) {
		struct progress *progress = progress_start("Checking notes");
		notes = check_worktree(config, root, o->nargs ? &paths : &all, &all, progress, diags);
		progress_stop(progress);
	}
	strlist_release(&paths);
	strlist_release(&all);
	return notes;
}

long check_run(const struct check_request *request, struct workspace *ws,
	       struct diag_list *diags)
{
	return request->staged || request->rev ? S_check_git(request, ws, diags)
					       : S_check_files(request, ws->root, ws->config, diags);
}
