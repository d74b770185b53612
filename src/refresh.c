#include "refresh.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "config.h"
#include "corpus.h"
#include "diag.h"
#include "error.h"
#include "history.h"
#include "index.h"
#include "mention.h"
#include "note.h"
#include "pool.h"
#include "progress.h"
#include "repo.h"
#include "source.h"
#include "step_match.h"
#include "strbuf.h"
#include "strlist.h"
#include "strmap.h"
#include "validate.h"
#include "worktree.h"
#include "xalloc.h"

/*
 * A file changed in the same second as it was indexed could change again
 * without its time moving ("racily clean", as git calls it): such files
 * get no stat, so the next run reads them again.
 */
#define RACY_SECONDS 2

/* Threads are worth starting for this many files each, and git stops at 20. */
#define STATS_PER_THREAD 500
#define MAX_STAT_THREADS 20
#define MAX_PARSE_THREADS 16

/* New notes in one refresh past which the tables' lookups are made once, after (index.h). */
#define MANY_NOTES 1000

/* What became of each listed path. */
enum file_state {
	FILE_CHANGED,      /* its stat is not the one indexed */
	FILE_RACY,         /* changed, and may change again unseen: see RACY_SECONDS */
	FILE_GONE,         /* removed since the listing, or refused as a note */
	FILE_UNCHANGED,    /* as indexed */
	FILE_INDEXED,      /* read again and indexed */
};

struct stat_job {
	pthread_t thread;
	int started;               /* in a thread of its own, to be joined */
	int root_fd;
	char *const *paths;
	struct index_stat *out;
	unsigned char *state;      /* enum file_state per path */
	size_t from, to;
};

static void *S_stat_range(void *arg)
{
	struct stat_job *job = arg;
	time_t now = time(NULL);

	for (size_t i = job->from; i < job->to; i++) {
		struct stat st;
		if (fstatat(job->root_fd, job->paths[i], &st, 0) < 0) {
			job->state[i] = FILE_GONE;
			continue;
		}
		job->out[i].size = (int64_t)st.st_size;
		job->out[i].mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
		job->out[i].inode = (int64_t)st.st_ino;
		job->state[i] = now - st.st_mtim.tv_sec < RACY_SECONDS ? FILE_RACY : FILE_CHANGED;
	}
	return NULL;
}

/*
 * Stats every path, in parallel as git's preload-index does: with nothing
 * changed, a stat per note is most of the work, and it spreads over cores.
 */
static void S_stat_all(int root_fd, char *const *paths, size_t n, struct index_stat *out,
		       unsigned char *state)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cores > 1 ? (size_t)cores : 1;

	if (threads > MAX_STAT_THREADS)
		threads = MAX_STAT_THREADS;
	if (threads > n / STATS_PER_THREAD)
		threads = n / STATS_PER_THREAD ? n / STATS_PER_THREAD : 1;
	struct stat_job jobs[MAX_STAT_THREADS];
	for (size_t t = 0; t < threads; t++) {
		jobs[t] = (struct stat_job){ .root_fd = root_fd, .paths = paths, .out = out,
					     .state = state, .from = n * t / threads,
					     .to = n * (t + 1) / threads };
		/* The first range is this thread's own; one that cannot start is done here too. */
		jobs[t].started = t > 0 &&
			pthread_create(&jobs[t].thread, NULL, S_stat_range, &jobs[t]) == 0;
	}
	for (size_t t = 0; t < threads; t++)
		if (!jobs[t].started)
			S_stat_range(&jobs[t]);
	for (size_t t = 0; t < threads; t++)
		if (jobs[t].started)
			pthread_join(jobs[t].thread, NULL);
}

/* A note parsed for the index: what index_put_note stores of it. */
struct parsed_note {
	struct note *note;          /* NULL when nothing was parsed */
	struct mention_list mentions;
	size_t errors;              /* error-level findings of check */
};

/* Parses, validates and finds the mentions of the note in src (taking it): on any thread. */
static void S_parse(struct parsed_note *out, const struct config *config, struct source *src)
{
	struct diag_list diags = DIAG_LIST_INIT;
	out->note = note_parse(src, NOTE_ALL, &diags);
	validate_note(out->note, config, &diags);
	out->errors = diag_list_count(&diags, DIAG_ERROR);
	out->mentions = (struct mention_list)MENTION_LIST_INIT;
	mention_find(&out->mentions, out->note, config);
	diag_list_release(&diags);
}

static void S_parsed_release(struct parsed_note *p)
{
	mention_list_release(&p->mentions);
	note_free(p->note);
	p->note = NULL;
}

/* Stores a parsed note under `blob`, then frees it. */
static int S_store(struct index *ix, const struct config *config, const char *blob,
		   struct parsed_note *p)
{
	const char *consent = validate_consent(p->note, config);
	int r = index_put_note(ix, blob, p->note, &p->mentions, p->errors, consent,
			       config_consent_private(config, consent));
	S_parsed_release(p);
	return r;
}

int refresh_put_note(struct index *ix, const struct config *config, const char *blob,
		     struct source *src)
{
	struct parsed_note parsed;
	S_parse(&parsed, config, src);
	return S_store(ix, config, blob, &parsed);
}

/*
 * Makes sure the index holds blob `blob`, read from git as the note at
 * `path` and parsed when the index has never seen it. Returns 0 when the
 * index held it, 1 when it was parsed and stored, 2 when it is no note
 * (too large, binary: check says why), or -1 with an error set (error.h).
 */
static int S_put_blob(struct index *ix, const struct config *config, struct repo *repo,
		      const char *blob, const char *path)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src;
	int known = index_has_blob(ix, blob);
	if (known != 0)
		return known < 0 ? -1 : 0;
	int r = repo_read_blob(&src, repo, blob, path, &diags);
	diag_list_release(&diags);
	if (r != 0)
		return r < 0 ? -1 : 2;
	return refresh_put_note(ix, config, blob, src) < 0 ? -1 : 1;
}

int refresh_blobs(struct index *ix, const struct config *config, struct repo *repo,
		  const struct repo_entries *entries, struct progress *progress,
		  struct refresh_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	stats->notes = entries->len;
	if (index_use_config(ix, config->digest) < 0 || index_begin(ix) < 0)
		return -1;
	for (size_t i = 0; i < entries->len; i++) {
		const struct repo_entry *e = &entries->items[i];
		progress_update(progress, i, entries->len);
		int r = S_put_blob(ix, config, repo, e->blob, e->path);
		if (r < 0)
			goto rollback;
		stats->unchanged += r == 0;
		stats->read += r == 1;
		stats->parsed += r == 1;
	}
	return index_commit(ix);
rollback:
	index_rollback(ix);
	return -1;
}

/*
 * The steps of every version in the log, from the index, parsing those it
 * has never seen: what history_build reads. Returns 0, or -1 with an error
 * set (error.h).
 */
static int S_log_steps(struct history_log *log, struct index *ix, const struct config *config,
		       struct repo *repo, struct progress *progress)
{
	for (size_t i = 0; i < log->blobs.len; i++) {
		const char *blob = strmap_key(&log->blobs, i);
		const char *path = strmap_key(&log->paths, log->versions[i].path);
		struct step_match_step *steps;
		size_t n;
		progress_update(progress, i, log->blobs.len);
		int r = S_put_blob(ix, config, repo, blob, path);
		if (r < 0)
			return -1;
		if (r == 2)
			continue;
		if (index_blob_steps(&steps, &n, ix, blob) < 0)
			return -1;
		history_log_set_steps(log, i, steps, n);
	}
	return 0;
}

int refresh_history(struct history **out, struct index *ix, const struct config *config,
		    struct repo *repo, const char *rev, struct progress *progress)
{
	struct history_log log = HISTORY_LOG_INIT;
	struct strbuf key = STRBUF_INIT;
	char commit[REPO_BLOB_ID_SIZE], *kept = NULL;
	size_t len = 0;
	int ret = -1;

	*out = NULL;
	if (repo_resolve(commit, repo, rev) < 0 || index_use_config(ix, config->digest) < 0)
		return -1;
	/* The history of a commit never changes: read once, kept by its id. */
	strbuf_addf(&key, "history %s %s", commit, config->notes_dir);
	int found = index_cache_get(&kept, &len, ix, key.buf);
	if (found < 0)
		goto done;
	if (found && history_decode(out, kept, len) == 0) {
		ret = 0;
		goto done;
	}
	/* Git, then the index, then the replay: each reads what the one before made. */
	struct notefile_scope notes = config_scope(config);
	if (history_log_read(&log, repo, commit, &notes) < 0 || index_begin(ix) < 0)
		goto done;
	if (S_log_steps(&log, ix, config, repo, progress) < 0) {
		index_rollback(ix);
		goto done;
	}
	history_build(out, &log);
	free(kept);
	kept = history_encode(*out, &len);
	/* One history is kept, the last one asked for: HEAD's, most of the time. */
	if (index_cache_forget(ix, "history ") < 0 || index_cache_put(ix, key.buf, kept, len) < 0) {
		index_rollback(ix);
		goto done;
	}
	ret = index_commit(ix);
done:
	if (ret < 0) {
		history_free(*out);
		*out = NULL;
	}
	history_log_release(&log);
	strbuf_release(&key);
	free(kept);
	return ret;
}

/* Kept entries, as path NUL blob NUL each: 0, or -1 when they are not that. */
static int S_decode_entries(struct repo_entries *out, const char *kept, size_t len)
{
	for (size_t at = 0; at < len;) {
		const char *path = kept + at, *end = memchr(path, '\0', len - at);
		const char *blob = end ? end + 1 : NULL;
		const char *blob_end = blob && blob < kept + len
			? memchr(blob, '\0', (size_t)(kept + len - blob)) : NULL;
		if (!blob_end || blob_end - blob != REPO_BLOB_ID_SIZE - 1 ||
		    (out->len && strcmp(out->items[out->len - 1].path, path) >= 0)) {
			repo_entries_release(out);
			return -1;
		}
		repo_entries_add(out, path, blob);
		at = (size_t)(blob_end + 1 - kept);
	}
	return 0;
}

int refresh_list_commit(struct repo_entries *out, struct index *ix, const struct config *config,
			struct repo *repo, const char *commit)
{
	struct notefile_scope notes = config_scope(config);
	struct strbuf key = STRBUF_INIT, kept = STRBUF_INIT;
	char *found = NULL;
	size_t len = 0;
	int ret = -1;

	*out = (struct repo_entries)REPO_ENTRIES_INIT;
	/* A commit's tree never changes: its notes are listed once, kept by its id. */
	strbuf_addf(&key, "tree %s %s", commit, config->notes_dir);
	int r = index_cache_get(&found, &len, ix, key.buf);
	if (r < 0)
		goto done;
	if (r == 1 && S_decode_entries(out, found, len) == 0) {
		ret = 0;
		goto done;
	}
	if (repo_list_commit(out, repo, commit, &notes, NULL) < 0)
		goto done;
	for (size_t i = 0; i < out->len; i++) {
		strbuf_add(&kept, out->items[i].path, strlen(out->items[i].path) + 1);
		strbuf_add(&kept, out->items[i].blob, strlen(out->items[i].blob) + 1);
	}
	/* One listing is kept, the last one asked for: HEAD's, most of the time. */
	if (index_begin(ix) < 0)
		goto done;
	if (index_cache_forget(ix, "tree ") < 0 ||
	    index_cache_put(ix, key.buf, kept.buf ? kept.buf : "", kept.len) < 0) {
		index_rollback(ix);
		goto done;
	}
	ret = index_commit(ix);
done:
	if (ret < 0)
		repo_entries_release(out);
	free(found);
	strbuf_release(&key);
	strbuf_release(&kept);
	return ret;
}

int refresh_read_dating(struct refresh_dating *out, struct index *ix, const struct config *config,
			struct repo *repo, const char *rev, const struct repo_entries *at_rev)
{
	char commit[REPO_BLOB_ID_SIZE];

	*out = (struct refresh_dating)REFRESH_DATING_INIT;
	if (!at_rev && (repo_resolve(commit, repo, rev) < 0 ||
			refresh_list_commit(&out->listed, ix, config, repo, commit) < 0))
		return -1;
	out->at_rev = at_rev ? at_rev : &out->listed;
	struct progress *progress = progress_start("Reading the history of the notes");
	int r = refresh_history(&out->history, ix, config, repo, rev, progress);
	progress_stop(progress);
	if (r < 0)
		refresh_dating_release(out);
	return r;
}

int refresh_date_steps(struct corpus *corpus, struct index *ix,
		       const struct refresh_dating *dating)
{
	struct corpus then = CORPUS_INIT;
	const char **paths = xcalloc(corpus->len + 1, sizeof(*paths));
	const char **blobs = xcalloc(corpus->len + 1, sizeof(*blobs));
	int r = 0;

	/* The versions at rev of the notes edited since: the history stored them. */
	size_t n = corpus_edited_since(paths, blobs, corpus, dating->at_rev);
	struct index_corpus_want steps = { CORPUS_STEPS, NULL, NULL };
	if (n)
		r = index_corpus_of(&then, ix, paths, blobs, n, &steps);
	if (r == 0)
		corpus_date_steps(corpus, dating->history, dating->at_rev, &then);
	corpus_release(&then);
	free(paths);
	free(blobs);
	return r;
}

void refresh_dating_release(struct refresh_dating *dating)
{
	history_free(dating->history);
	repo_entries_release(&dating->listed);
	*dating = (struct refresh_dating)REFRESH_DATING_INIT;
}

/* A changed file of the working tree, read and parsed on any thread, stored in order. */
struct file_job {
	size_t path;                 /* its index in the scan */
	int read;                    /* worktree_read's answer: 1 when it is no note */
	char blob[REPO_BLOB_ID_SIZE];
	struct parsed_note parsed;
};

struct file_jobs {
	struct index *ix;
	const struct config *config;
	const char *root;
	struct refresh_scan *scan;
	struct file_job *jobs;
	size_t n;
	struct progress *progress;
	struct refresh_stats *stats;
	int failed;
};

/*
 * Reads, hashes and parses one file. A file whose contents the index
 * knows is parsed for nothing, but the index is asked on the caller's
 * thread alone, and contents known under another stat are rare.
 */
static void S_read_file(void *arg, size_t i)
{
	struct file_jobs *run = arg;
	struct file_job *job = &run->jobs[i];
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src;

	job->read = worktree_read(&src, run->root, run->scan->paths.items[job->path], &diags);
	diag_list_release(&diags);
	if (job->read != 0)
		return;
	repo_hash_blob(job->blob, src->bytes, src->len);
	S_parse(&job->parsed, run->config, src);
}

/* Stores what S_read_file made of file i, when the index does not hold it yet, in order. */
static void S_store_file(void *arg, size_t i)
{
	struct file_jobs *run = arg;
	struct file_job *job = &run->jobs[i];
	const char *path = run->scan->paths.items[job->path];
	unsigned char *state = &run->scan->state[job->path];

	progress_update(run->progress, i, run->n);
	if (job->read < 0)
		run->failed = 1;
	if (run->failed || job->read != 0) {
		/* A file refused as a note (too large, binary) is not listed with old content. */
		*state = FILE_GONE;
		S_parsed_release(&job->parsed);
		return;
	}
	run->stats->read++;
	int known = index_has_blob(run->ix, job->blob);
	/* Many new notes: the tables' lookups are made once, at the commit (index.h). */
	if (known == 0 && ++run->stats->parsed == MANY_NOTES && index_expect_many(run->ix) < 0)
		known = -1;
	if (known < 0 || (known == 0 && S_store(run->ix, run->config, job->blob, &job->parsed) < 0) ||
	    index_set_file(run->ix, path, job->blob, &run->scan->stats[job->path]) < 0)
		run->failed = 1;
	S_parsed_release(&job->parsed);
	*state = FILE_INDEXED;
}

static void *S_scan(void *arg)
{
	struct refresh_scan *scan = arg;
	struct diag_list listing = DIAG_LIST_INIT;

	scan->status = -1;
	struct notefile_scope notes = config_scope(scan->config);
	int r = worktree_list(&scan->paths, scan->root, &notes, notes.dir, &listing);
	/* What is wrong in the listing is check's to say; the index takes the notes it finds. */
	diag_list_release(&listing);
	if (r < 0)
		return NULL;
	/* Paths relative to the root, opened once: no walk down its folders per note. */
	int root_fd = open(scan->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		error_set("cannot open %s: %s", scan->root, strerror(errno));
		return NULL;
	}
	scan->stats = xcalloc(scan->paths.len + 1, sizeof(*scan->stats));
	scan->state = xcalloc(scan->paths.len + 1, 1);
	S_stat_all(root_fd, scan->paths.items, scan->paths.len, scan->stats, scan->state);
	close(root_fd);
	scan->status = 0;
	return NULL;
}

void refresh_scan_start(struct refresh_scan *scan, const struct config *config, const char *root)
{
	memset(scan, 0, sizeof(*scan));
	scan->config = config;
	scan->root = root;
	if (pthread_create(&scan->thread, NULL, S_scan, scan) == 0)
		scan->running = 1;
	else
		S_scan(scan);
}

int refresh_scan_wait(struct refresh_scan *scan)
{
	if (scan->running) {
		pthread_join(scan->thread, NULL);
		scan->running = 0;
	}
	return scan->status;
}

void refresh_scan_release(struct refresh_scan *scan)
{
	refresh_scan_wait(scan);
	strlist_release(&scan->paths);
	free(scan->stats);
	free(scan->state);
	scan->stats = NULL;
	scan->state = NULL;
}

int refresh_worktree(struct index *ix, const struct config *config, const char *root,
		     struct refresh_scan *scan, struct progress *progress,
		     struct refresh_stats *stats)
{
	size_t nkept = 0;          /* the paths still in the index */

	memset(stats, 0, sizeof(*stats));
	if (index_use_config(ix, config->digest) < 0 || index_begin(ix) < 0 ||
	    refresh_scan_wait(scan) < 0)
		goto rollback;
	char *const *paths = scan->paths.items;
	size_t n = scan->paths.len;
	unsigned char *state = scan->state;
	stats->notes = n;
	/* First every lookup, then every change: the lookup is one pass over the files table. */
	unsigned char *unchanged = xmalloc(n + 1);
	int unlisted = index_unchanged_files(ix, paths, scan->stats, n, unchanged);
	for (size_t i = 0; unlisted >= 0 && i < n; i++) {
		if (state[i] == FILE_GONE)
			continue;
		if (unchanged[i]) {
			stats->unchanged++;
			state[i] = FILE_UNCHANGED;
		} else if (state[i] == FILE_RACY) {
			/* Stored with a size no file has: it is read again next time. */
			scan->stats[i].size = -1;
		}
	}
	free(unchanged);
	if (unlisted < 0)
		goto rollback;
	/* Then the changed files, parsed on every core. */
	size_t nchanged = 0;
	for (size_t i = 0; i < n; i++)
		nchanged += state[i] == FILE_CHANGED || state[i] == FILE_RACY;
	struct file_jobs run = { ix, config, root, scan, xcalloc(nchanged + 1, sizeof(*run.jobs)),
				 0, progress, stats, 0 };
	for (size_t i = 0; i < n; i++)
		if (state[i] == FILE_CHANGED || state[i] == FILE_RACY)
			run.jobs[run.n++].path = i;
	pool_run(run.n, pool_threads(MAX_PARSE_THREADS), S_read_file, S_store_file, &run);
	free(run.jobs);
	if (run.failed)
		goto rollback;
	for (size_t i = 0; i < n; i++)
		nkept += state[i] == FILE_UNCHANGED || state[i] == FILE_INDEXED;
	/* The files table is the listing's unless a path left it, or a listed file was refused. */
	int removed = 0;
	if (unlisted || nkept < n) {
		/* In the listing's order, which is sorted. */
		char **kept = xcalloc(nkept + 1, sizeof(*kept));
		for (size_t i = 0, k = 0; i < n; i++)
			if (state[i] == FILE_UNCHANGED || state[i] == FILE_INDEXED)
				kept[k++] = paths[i];
		removed = index_keep_files(ix, kept, nkept);
		free(kept);
	}
	if (removed < 0)
		goto rollback;
	stats->removed = (size_t)removed;
	return index_commit(ix);
rollback:
	index_rollback(ix);
	return -1;
}
