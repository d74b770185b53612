#include "workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "index.h"
#include "privacy.h"
#include "progress.h"
#include "refresh.h"
#include "source.h"
#include "strbuf.h"
#include "template.h"
#include "worktree.h"
#include "xalloc.h"

int workspace_find(struct workspace *ws, const char *dir)
{
	if (worktree_find_root(&ws->root, dir) < 0)
		return error_set("no %s here or in any folder above: this is not a notes repository\n"
				 "hint: run 'perennial init' to start one, or use -C DIR", CONFIG_FILE);
	return 0;
}

int workspace_open(struct workspace *ws, const char *dir, struct diag_list *diags)
{
	struct source *src = NULL;

	if (workspace_find(ws, dir) < 0)
		return -1;
	struct diag_list own = DIAG_LIST_INIT;
	own.limit = 100; /* a hostile perennial.yml may hold thousands of mistakes */
	int r = worktree_read(&src, ws->root, CONFIG_FILE, &own);
	if (r == 0 && config_parse(&ws->config, src, &own) < 0)
		r = 1;
	diag_list_take(diags, &own);
	diag_list_release(&own);
	source_free(src);
	if (r == 0)
		return 0;
	workspace_close(ws);
	return r < 0 ? -1 : error_set("%s has errors; fix them first", CONFIG_FILE);
}

/* The repository holding the notes root, opened the first time it is needed. */
static int S_repo(struct workspace *ws)
{
	return ws->repo || repo_open(&ws->repo, ws->root) == 0 ? 0 : -1;
}

/* Where a repository keeps the index: in its git folder, never committed. */
static void S_index_path(struct strbuf *out, const struct repo *repo)
{
	strbuf_addf(out, "%s%s", repo_git_dir(repo), INDEX_FILE);
}

/*
 * The workspace's index path, into out. libgit2 is started only when git's
 * rules must find the git folder: a command that reads no git object pays
 * nothing for it (its TLS set-up alone is 8 ms).
 */
static int S_find_index(struct strbuf *out, struct workspace *ws)
{
	char *git_dir;
	if (!ws->repo && repo_plain_git_dir(&git_dir, ws->root)) {
		strbuf_addf(out, "%s%s", git_dir, INDEX_FILE);
		free(git_dir);
		return 0;
	}
	if (S_repo(ws) < 0)
		return -1;
	S_index_path(out, ws->repo);
	return 0;
}

/* Opens the index at its place in the git folder, unless it is open: 0, or -1. */
static int S_open_own_index(struct workspace *ws)
{
	struct strbuf path = STRBUF_INIT;
	int ret = ws->index || (S_find_index(&path, ws) == 0 &&
				index_open(&ws->index, path.buf) == 0) ? 0 : -1;
	strbuf_release(&path);
	return ret;
}

/* Opens the index unless it is open, and brings it up to date with the working tree. */
static int S_update(struct workspace *ws, int rebuild)
{
	struct refresh_scan scan;
	int ret = -1;

	/* The notes are listed while the index is found and opened. */
	refresh_scan_start(&scan, ws->config, ws->root);
	if (!ws->index) {
		if (S_open_own_index(ws) < 0)
			goto done;
		if (rebuild)
			index_start_over(ws->index);
	}
	struct progress *progress = progress_start("Indexing notes");
	ret = refresh_worktree(ws->index, ws->config, ws->root, &scan, progress, &ws->stats);
	progress_stop(progress);
done:
	refresh_scan_release(&scan);
	return ret;
}

/* Keeps what the index says of a damaged file it set aside, for the command to tell. */
static void S_keep_mended(struct workspace *ws)
{
	char *said = ws->index ? index_take_mended(ws->index) : NULL;
	if (!said)
		return;
	free(ws->mended);
	ws->mended = said;
}

int workspace_mend_index(struct workspace *ws, size_t mark)
{
	if (!ws->index || !index_damaged(ws->index))
		return 0;
	if (index_mend(ws->index) < 0)
		return -1;
	error_forget_since(mark);
	S_keep_mended(ws);
	return S_update(ws, 0) < 0 ? -1 : 1;
}

int workspace_index(struct workspace *ws, int rebuild)
{
	size_t mark = error_mark();
	int ret = S_update(ws, rebuild);
	if (ret < 0 && workspace_mend_index(ws, mark) == 1)
		ret = 0;
	if (ret < 0) {
		index_close(ws->index);
		ws->index = NULL;
	}
	S_keep_mended(ws);
	return ret;
}

int workspace_index_as_is(struct workspace *ws)
{
	int ret = S_open_own_index(ws);
	S_keep_mended(ws);
	return ret;
}

int workspace_index_read_only(struct workspace *ws)
{
	struct strbuf path = STRBUF_INIT;
	int ret = S_find_index(&path, ws) < 0 ? -1 : index_open_read_only(&ws->index, path.buf);
	strbuf_release(&path);
	return ret;
}

/*
 * Reads what dating steps needs from the history of HEAD (nothing before
 * a first commit), then lets go of the repository: what libgit2 kept of
 * the objects it read is not held while the corpus is.
 */
static int S_read_dating(struct refresh_dating *out, struct workspace *ws)
{
	*out = (struct refresh_dating)REFRESH_DATING_INIT;
	if (S_repo(ws) < 0)
		return -1;
	int r = repo_head_unborn(ws->repo) ? 0
		: refresh_read_dating(out, ws->index, ws->config, ws->repo, "HEAD", NULL);
	repo_free(ws->repo);
	ws->repo = NULL;
	return r;
}

/* Reads a note's evidence from ix, with what `audience` may see of it (corpus_evidence_fn). */
static int S_read_evidence(struct index *ix, const struct config *config,
			   enum privacy_audience audience, const struct corpus_note *note,
			   struct corpus_evidence *out)
{
	if (index_evidence(&out->texts, ix, note->blob) < 0)
		return -1;
	const char **texts = xcalloc(note->nmentions + 1, sizeof(*texts));
	for (size_t m = 0; m < note->nmentions; m++) {
		size_t n = (size_t)note->mentions[m].evidence_n;
		texts[m] = n && n <= out->texts.len ? out->texts.items[n - 1] : NULL;
	}
	out->shown = xcalloc(note->nmentions + 1, sizeof(*out->shown));
	out->copies = xcalloc(note->nmentions + 1, sizeof(*out->copies));
	privacy_evidence(out->shown, out->copies, note, texts, config, audience);
	free(texts);
	return 0;
}

static int S_workspace_evidence(void *ctx, const struct corpus_note *note,
				struct corpus_evidence *out)
{
	struct workspace *ws = ctx;
	return S_read_evidence(ws->index, ws->config, PRIVACY_TERMINAL, note, out);
}

static int S_snapshot_evidence(void *ctx, const struct corpus_note *note,
			       struct corpus_evidence *out)
{
	struct snapshot *snap = ctx;
	return S_read_evidence(snap->index, snap->config, snap->audience, note, out);
}

static int S_corpus(struct corpus *out, struct workspace *ws, unsigned parts)
{
	struct refresh_dating dating = REFRESH_DATING_INIT;
	*out = (struct corpus)CORPUS_INIT;
	int r = (parts & CORPUS_STEPS) ? S_read_dating(&dating, ws) : 0;
	if (r == 0)
		r = index_corpus(out, ws->index, parts);
	if (r == 0 && dating.history)
		r = refresh_date_steps(out, ws->index, &dating);
	refresh_dating_release(&dating);
	if (r < 0) {
		corpus_release(out);
		return -1;
	}
	corpus_read_later(out, S_workspace_evidence, ws);
	return 0;
}

int workspace_corpus(struct corpus *out, struct workspace *ws, unsigned parts)
{
	size_t mark = error_mark();
	if (!ws->index && workspace_index(ws, 0) < 0)
		return -1;
	int r = S_corpus(out, ws, parts);
	if (r < 0 && workspace_mend_index(ws, mark) == 1)
		r = S_corpus(out, ws, parts);
	if (r < 0)
		return -1;
	privacy_apply(out, ws->config, PRIVACY_TERMINAL);
	return 0;
}

/* What workspace_each_note hands each note through. */
struct each_shown {
	const struct config *config;
	corpus_each_fn *each;
	void *ctx;
};

static int S_each_shown(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	struct each_shown *e = ctx;
	privacy_apply_note(corpus, note, e->config, PRIVACY_TERMINAL);
	return e->each(e->ctx, corpus, note);
}

int workspace_each_note(struct corpus *into, struct workspace *ws, void (*start)(void *ctx),
			corpus_each_fn *each, void *ctx)
{
	struct each_shown e = { NULL, each, ctx };
	size_t mark = error_mark();

	*into = (struct corpus)CORPUS_INIT;
	if (!ws->index && workspace_index(ws, 0) < 0)
		return -1;
	e.config = ws->config;
	corpus_read_later(into, S_workspace_evidence, ws);
	start(ctx);
	int r = index_each_note(ws->index, into, CORPUS_MENTIONS, S_each_shown, &e);
	if (r < 0 && workspace_mend_index(ws, mark) == 1) {
		start(ctx);
		r = index_each_note(ws->index, into, CORPUS_MENTIONS, S_each_shown, &e);
	}
	return r;
}

void workspace_close(struct workspace *ws)
{
	free(ws->mended);
	index_close(ws->index);
	repo_free(ws->repo);
	config_free(ws->config);
	free(ws->root);
	*ws = (struct workspace)WORKSPACE_INIT;
}

char *workspace_top_prefix(const char *dir)
{
	struct workspace ws = WORKSPACE_INIT;
	size_t mark = error_mark();
	char *prefix = xstrdup(workspace_find(&ws, dir) == 0 && S_repo(&ws) == 0
			       ? repo_prefix(ws.repo) : "");
	/* Outside a repository the notes root is the top, as far as anyone can tell. */
	error_forget_since(mark);
	workspace_close(&ws);
	return prefix;
}

/* --- A commit's notes --- */

/*
 * The root-relative file `path` as git has it, staged (rev NULL) or in
 * commit `rev`, as a source: 1, 0 when absent, -1 after an error.
 */
static int S_git_read(struct source **out, struct repo *repo, const char *rev, const char *path,
		      struct diag_list *diags)
{
	char blob[REPO_BLOB_ID_SIZE];
	int r = repo_file_blob(blob, repo, rev, path);
	if (r <= 0)
		return r;
	r = repo_read_blob(out, repo, blob, path, diags);
	return r < 0 ? -1 : r == 0;
}

/*
 * perennial.yml as git has it, parsed into *config with its source kept
 * in *src: 1, 0 when there is none, or -1 with an error set, which calls
 * it perennial.yml `where` when it has errors. Its problems, warnings
 * too, go into diags, sorted.
 */
static int S_git_config(struct config **config, struct source **src, struct repo *repo,
			const char *rev, const char *where, struct diag_list *diags)
{
	int r = S_git_read(src, repo, rev, CONFIG_FILE, diags);
	if (r == 1 && config_parse(config, *src, diags) < 0)
		r = error_set("%s %s has errors", CONFIG_FILE, where);
	diag_list_sort(diags);
	return r;
}

int workspace_open_git(struct workspace *ws, const char *dir, const char *rev,
		       struct diag_list *diags)
{
	struct source *src = NULL;
	struct config *config = NULL;
	struct diag_list own = DIAG_LIST_INIT;
	struct strbuf where = STRBUF_INIT;

	if (workspace_find(ws, dir) < 0)
		return -1;
	own.limit = 100; /* as workspace_open */
	if (rev)
		strbuf_addf(&where, "of %s", rev);
	else
		strbuf_addstr(&where, "as staged");
	int r = S_repo(ws) < 0 ? -1 : S_git_config(&config, &src, ws->repo, rev, where.buf, &own);
	source_free(src);
	strbuf_release(&where);
	diag_list_take(diags, &own);
	diag_list_release(&own);
	if (r == 1) {
		ws->config = config;
		return 0;
	}
	if (r == 0 && !rev) {
		/* Not staged yet: the working tree's perennial.yml is the one there is. */
		char *root = ws->root;
		ws->root = NULL;
		workspace_close(ws);
		r = workspace_open(ws, root, diags);
		free(root);
		return r;
	}
	workspace_close(ws);
	return r < 0 ? -1
		: error_set("%s is not in %s: it holds no notes repository here", CONFIG_FILE, rev);
}

static int S_read_config(struct snapshot *snap, struct diag_list *diags)
{
	char where[64];
	snprintf(where, sizeof(where), "of commit %.12s", snap->commit);
	int r = S_git_config(&snap->config, &snap->config_src, snap->repo, snap->commit, where,
			     diags);
	if (r == 0)
		return error_set("%s is not in commit %.12s: it holds no notes repository here",
			     CONFIG_FILE, snap->commit);
	return r < 0 ? -1 : 0;
}

/*
 * The index to read the commit's notes through: the one in the git folder
 * when it is made under the commit's perennial.yml, else one in memory.
 */
static int S_open_index(struct index **ix, struct snapshot *snap)
{
	if (snap->index_path)
		return index_open(ix, snap->index_path);
	struct strbuf path = STRBUF_INIT;
	S_index_path(&path, snap->repo);
	int r = index_open(ix, path.buf);
	strbuf_release(&path);
	if (r < 0)
		return -1;
	int same = index_made_under(*ix, snap->config->digest);
	if (same == 1)
		return 0;
	index_close(*ix);
	*ix = NULL;
	return same < 0 ? -1 : index_open(ix, ":memory:");
}

/*
 * The repository opened afresh, when all of the commit's objects a report
 * needs but its templates are read: what libgit2 kept of them (up to 16 MiB
 * of a pack's delta bases) is let go of.
 */
static int S_reopen(struct snapshot *snap)
{
	struct repo *fresh;
	if (repo_open_at(&fresh, snap->root, snap->prefix) < 0)
		return -1;
	repo_free(snap->repo);
	snap->repo = fresh;
	return 0;
}

/* The notes of the commit through *ix, opened unless it is. */
static int S_read_notes_through(struct snapshot *snap, struct index **ix,
				const struct index_corpus_want *want)
{
	struct refresh_dating dating = REFRESH_DATING_INIT;
	struct repo_entries entries = REPO_ENTRIES_INIT;
	struct refresh_stats stats;
	const char **paths = NULL, **blobs = NULL;
	int ret = -1;

	struct progress *progress = progress_start("Reading the notes of the commit");
	int r = (!*ix && S_open_index(ix, snap) < 0) ||
		refresh_list_commit(&entries, *ix, snap->config, snap->repo, snap->commit) < 0 ||
		refresh_blobs(*ix, snap->config, snap->repo, &entries, progress, &stats) < 0 ? -1 : 0;
	progress_stop(progress);
	if (r < 0)
		goto done;
	paths = xcalloc(entries.len + 1, sizeof(*paths));
	blobs = xcalloc(entries.len + 1, sizeof(*blobs));
	for (size_t i = 0; i < entries.len; i++) {
		paths[i] = entries.items[i].path;
		blobs[i] = entries.items[i].blob;
	}
	if (refresh_read_dating(&dating, *ix, snap->config, snap->repo, snap->commit,
				&entries) < 0 || S_reopen(snap) < 0 ||
	    index_corpus_of(&snap->corpus, *ix, paths, blobs, entries.len, want) < 0)
		goto done;
	ret = refresh_date_steps(&snap->corpus, *ix, &dating);
done:
	refresh_dating_release(&dating);
	free(paths);
	free(blobs);
	repo_entries_release(&entries);
	return ret;
}

static int S_read_notes(struct snapshot *snap, const struct index_corpus_want *want)
{
	struct index *ix = NULL;
	size_t mark = error_mark();
	int ret = S_read_notes_through(snap, &ix, want);

	/* A damaged index is a cache lost: set aside, made again, asked again. */
	if (ret < 0 && ix && index_damaged(ix) && index_mend(ix) == 0) {
		error_forget_since(mark);
		corpus_release(&snap->corpus);
		ret = S_read_notes_through(snap, &ix, want);
	}
	if (ix)
		snap->mended = index_take_mended(ix);
	if (ret < 0) {
		index_close(ix);
		return -1;
	}
	/* Kept open: the evidence a report quotes is read as it is chosen. */
	snap->index = ix;
	privacy_apply(&snap->corpus, snap->config, snap->audience);
	corpus_read_later(&snap->corpus, S_snapshot_evidence, snap);
	return 0;
}

/* Reads the snapshot whose root, prefix, audience and index are set, at `rev`. */
static int S_snapshot_read(struct snapshot *snap, const char *rev,
			   const struct date *mentions_from, const struct date *mentions_until,
			   struct diag_list *diags)
{
	struct index_corpus_want want = { CORPUS_ALL, mentions_from, mentions_until };
	int r = repo_open_at(&snap->repo, snap->root, snap->prefix);
	if (r == 0 && strcmp(rev, "HEAD") == 0 && repo_head_unborn(snap->repo))
		r = error_set("nothing is committed yet, and a report is made from a commit\n"
			  "hint: commit the notes first (git add, git commit)");
	if (r < 0 || repo_resolve(snap->commit, snap->repo, rev) < 0 ||
	    S_read_config(snap, diags) < 0 ||
	    S_read_notes(snap, &want) < 0) {
		snapshot_close(snap);
		return -1;
	}
	corpus_gave_up(diags, &snap->corpus);
	return 0;
}

int snapshot_open(struct snapshot *snap, const struct workspace *ws, const char *rev,
		  const struct date *mentions_from, const struct date *mentions_until,
		  struct diag_list *diags)
{
	memset(snap, 0, sizeof(*snap));
	snap->root = ws->root;
	snap->audience = PRIVACY_REPORT;
	return S_snapshot_read(snap, rev, mentions_from, mentions_until, diags);
}

char *snapshot_chapter_ref(const struct chapter *chapter)
{
	struct strbuf ref = STRBUF_INIT;
	strbuf_addf(&ref, "refs/perennial/chapters/%s", chapter->name);
	return strbuf_detach(&ref);
}

int snapshot_open_chapter(struct snapshot *snap, const struct workspace *ws,
			  const struct chapter *chapter, const struct date *mentions_from,
			  const struct date *mentions_until, struct diag_list *diags)
{
	struct strbuf path = STRBUF_INIT;
	struct repo *repo;
	char id[REPO_BLOB_ID_SIZE];

	memset(snap, 0, sizeof(*snap));
	if (repo_open(&repo, ws->root) < 0)
		return -1;
	/* Beside the repository's own index: perennial/chapter-NAME.db. */
	strbuf_addf(&path, "%sperennial/chapter-%s.db", repo_git_dir(repo), chapter->name);
	char *ref = snapshot_chapter_ref(chapter);
	size_t mark = error_mark();
	int fetched = repo_resolve(id, repo, ref) == 0;
	repo_free(repo);
	if (!fetched) {
		error_forget_since(mark);
		free(ref);
		strbuf_release(&path);
		return error_set("%s is not fetched yet: run perennial network fetch", chapter->name);
	}
	snap->root = ws->root;
	snap->prefix = chapter->root;
	snap->audience = PRIVACY_NETWORK;
	snap->index_path = strbuf_detach(&path);
	int r = S_snapshot_read(snap, id, mentions_from, mentions_until, diags);
	free(ref);
	return r;
}

int snapshot_read_template(void *ctx, const char *name, char **text, size_t *len)
{
	struct snapshot *snap = ctx;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	struct strbuf path = STRBUF_INIT;

	strbuf_addf(&path, "%s/%s", TEMPLATE_DIR, name);
	int r = S_git_read(&src, snap->repo, snap->commit, path.buf, &diags);
	/* A template too large or not text is the repository's mistake to hear about. */
	if (r == 0 && diags.len) {
		template_refuse(&diags);
		r = error_set("cannot use %s as a template", path.buf);
	}
	diag_list_release(&diags);
	strbuf_release(&path);
	if (r == 1) {
		*len = src->len;
		*text = xstrndup(src->bytes, src->len);
	}
	source_free(src);
	return r;
}

void snapshot_close(struct snapshot *snap)
{
	free(snap->mended);
	free(snap->index_path);
	corpus_release(&snap->corpus);
	index_close(snap->index);
	config_free(snap->config);
	source_free(snap->config_src);
	repo_free(snap->repo);
	memset(snap, 0, sizeof(*snap));
}
