#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "step_match.h"
#include "strbuf.h"
#include "strlist.h"
#include "xalloc.h"

/* --- The log --- */

void history_log_add_commit(struct history_log *log, const char *id, const char *day)
{
	XGROW(log->commits, log->caps[0], log->ncommits + 1);
	struct history_log_commit *c = &log->commits[log->ncommits++];
	memset(c, 0, sizeof(*c));
	snprintf(c->commit.id, sizeof(c->commit.id), "%s", id);
	snprintf(c->commit.day, sizeof(c->commit.day), "%s", day ? day : "");
	c->changes = log->nchanges;
}

/* The number of blob, seen with path; HISTORY_NO_BLOB for none. */
static size_t S_blob(struct history_log *log, const char *blob, size_t path)
{
	int added;
	if (!blob || !*blob)
		return HISTORY_NO_BLOB;
	size_t n = strmap_add(&log->blobs, blob, &added);
	if (added) {
		XGROW(log->versions, log->caps[2], n + 1);
		log->versions[n] = (struct history_version){ path, NULL, 0 };
	}
	return n;
}

void history_log_add_change(struct history_log *log, const char *path, const char *old_blob,
			    const char *new_blob)
{
	XGROW(log->changes, log->caps[1], log->nchanges + 1);
	struct history_change *c = &log->changes[log->nchanges++];
	c->path = strmap_add(&log->paths, path, NULL);
	c->old_blob = S_blob(log, old_blob, c->path);
	c->new_blob = S_blob(log, new_blob, c->path);
	log->commits[log->ncommits - 1].nchanges++;
}

void history_log_set_steps(struct history_log *log, size_t blob, struct step_match_step *steps,
			   size_t nsteps)
{
	struct history_version *v = &log->versions[blob];
	step_match_steps_free(v->steps, v->nsteps);
	v->steps = steps;
	v->nsteps = nsteps;
}

void history_log_release(struct history_log *log)
{
	for (size_t i = 0; i < log->blobs.len; i++)
		step_match_steps_free(log->versions[i].steps, log->versions[i].nsteps);
	free(log->versions);
	free(log->commits);
	free(log->changes);
	strmap_release(&log->paths);
	strmap_release(&log->blobs);
	*log = (struct history_log)HISTORY_LOG_INIT;
}

static int S_log_commit(void *arg, const struct repo_commit *commit)
{
	struct history_log *log = arg;

	history_log_add_commit(log, commit->id, commit->day);
	for (size_t i = 0; i < commit->nchanges; i++)
		history_log_add_change(log, commit->changes[i].path, commit->changes[i].old_blob,
				       commit->changes[i].new_blob);
	return 0;
}

int history_log_read(struct history_log *out, struct repo *repo, const char *rev,
		     const struct notefile_scope *notes)
{
	history_log_release(out);
	if (repo_walk_history(repo, rev, notes, S_log_commit, out) != 0) {
		history_log_release(out);
		return -1;
	}
	return 0;
}

/* --- The replay --- */

/* What is known of one step; commits are indices into history->commits plus one, 0 for none. */
struct S_state {
	int done;
	size_t appeared;
	size_t opened;
	size_t ticked;
};

/* A note of the log, by its path's number. */
struct S_note {
	size_t blob;                   /* its version now; HISTORY_NO_BLOB when absent */
	struct S_state *states;        /* one for each of the version's steps */
};

struct S_build {
	const struct history_log *log;
	struct history *history;
	struct S_note *notes;          /* one for each of the log's paths */
	size_t *pairs;                 /* scratch for step_match */
	size_t pairs_cap;
};

/* A step seen for the first time in `commit`. */
static struct S_state S_born(int done, size_t commit)
{
	return (struct S_state){ done, commit, done ? 0 : commit, 0 };
}

/* What a step known before becomes when `commit` shows it done or open. */
static void S_advance(struct S_state *s, int done, size_t commit)
{
	if (done && !s->done)
		s->ticked = commit;
	if (!done && s->done) {
		s->ticked = 0;
		if (!s->opened)
			s->opened = commit;
	}
	s->done = done;
}

static void S_note_clear(struct S_note *note)
{
	free(note->states);
	note->states = NULL;
	note->blob = HISTORY_NO_BLOB;
}

/*
 * The note numbered `path` holds `blob` from `commit` on: its steps
 * continue those of the version before.
 */
static void S_note_update(struct S_build *b, size_t path, size_t blob, size_t commit)
{
	struct S_note *note = &b->notes[path];
	const struct history_version *v = &b->log->versions[blob];
	struct S_state *states = xcalloc(v->nsteps ? v->nsteps : 1, sizeof(*states));
	int before = note->blob != HISTORY_NO_BLOB;

	XGROW(b->pairs, b->pairs_cap, v->nsteps + 1);
	if (before) {
		const struct history_version *old = &b->log->versions[note->blob];
		step_match(b->pairs, old->steps, old->nsteps, v->steps, v->nsteps);
	}
	for (size_t j = 0; j < v->nsteps; j++) {
		int done = v->steps[j].done != 0;
		size_t i = before ? b->pairs[j] : STEP_MATCH_NONE;
		if (i == STEP_MATCH_NONE) {
			states[j] = S_born(done, commit);
		} else {
			states[j] = note->states[i];
			S_advance(&states[j], done, commit);
		}
	}
	free(note->states);
	note->states = states;
	note->blob = blob;
}

/* A change as S_renames sorts it: by the blob it removes or adds, then by path. */
struct S_moved {
	size_t blob;
	const char *path;
	const struct history_change *change;
};

static int S_compare_moved(const void *a, const void *b)
{
	const struct S_moved *x = a, *y = b;
	if (x->blob != y->blob)
		return x->blob < y->blob ? -1 : 1;
	return strcmp(x->path, y->path);
}

/*
 * Exact renames: a note removed and another added with the same blob in
 * one commit is the note moved. Its steps move with it, and both changes
 * are marked done in `handled`. Sorting by blob pairs them in O(n log n);
 * several copies of one blob pair in path order.
 */
static void S_renames(struct S_build *b, const struct history_log_commit *commit, int *handled)
{
	const struct history_log *log = b->log;
	const struct history_change *changes = &log->changes[commit->changes];
	struct S_moved *removed = xmalloc((commit->nchanges + 1) * sizeof(*removed));
	struct S_moved *added = xmalloc((commit->nchanges + 1) * sizeof(*added));
	size_t nr = 0, na = 0;

	for (size_t i = 0; i < commit->nchanges; i++) {
		const struct history_change *c = &changes[i];
		const char *path = strmap_key(&log->paths, c->path);
		if (c->new_blob == HISTORY_NO_BLOB && b->notes[c->path].blob != HISTORY_NO_BLOB)
			removed[nr++] = (struct S_moved){ c->old_blob, path, c };
		else if (c->old_blob == HISTORY_NO_BLOB && c->new_blob != HISTORY_NO_BLOB)
			added[na++] = (struct S_moved){ c->new_blob, path, c };
	}
	if (nr > 1)
		qsort(removed, nr, sizeof(*removed), S_compare_moved);
	if (na > 1)
		qsort(added, na, sizeof(*added), S_compare_moved);
	for (size_t i = 0, j = 0; i < nr && j < na;) {
		if (removed[i].blob < added[j].blob) {
			i++;
		} else if (removed[i].blob > added[j].blob) {
			j++;
		} else {
			struct S_note *from = &b->notes[removed[i].change->path];
			struct S_note *to = &b->notes[added[j].change->path];
			S_note_clear(to);
			*to = *from;
			from->states = NULL;
			S_note_clear(from);
			handled[removed[i].change - changes] = 1;
			handled[added[j].change - changes] = 1;
			i++;
			j++;
		}
	}
	free(removed);
	free(added);
}

static void S_replay(struct S_build *b, const struct history_log_commit *commit)
{
	struct history *h = b->history;
	const struct history_change *changes = &b->log->changes[commit->changes];

	h->commits[h->ncommits++] = commit->commit;
	size_t at = h->ncommits;
	int *handled = xcalloc(commit->nchanges + 1, sizeof(*handled));
	S_renames(b, commit, handled);
	for (size_t i = 0; i < commit->nchanges; i++) {
		const struct history_change *c = &changes[i];
		if (handled[i])
			continue;
		if (c->new_blob != HISTORY_NO_BLOB)
			S_note_update(b, c->path, c->new_blob, at);
		else
			S_note_clear(&b->notes[c->path]);
	}
	free(handled);
}

static const struct history_commit *S_commit(const struct history *h, size_t at)
{
	return at ? &h->commits[at - 1] : NULL;
}

/* Turns what the replay knows of the notes present at the end into h->steps. */
static void S_collect(struct S_build *b)
{
	const struct history_log *log = b->log;
	struct history *h = b->history;
	size_t n = 0, nsteps = 0;

	h->paths = xcalloc(log->paths.len + 1, sizeof(*h->paths));
	for (size_t p = 0; p < log->paths.len; p++) {
		if (b->notes[p].blob == HISTORY_NO_BLOB)
			continue;
		h->paths[n++] = xstrdup(strmap_key(&log->paths, p));
		nsteps += log->versions[b->notes[p].blob].nsteps;
	}
	if (n > 1)
		qsort(h->paths, n, sizeof(*h->paths), strlist_compare);
	h->npaths = n;
	h->steps = xcalloc(nsteps + 1, sizeof(*h->steps));
	for (size_t i = 0; i < n; i++) {
		const struct S_note *note = &b->notes[strmap_find(&log->paths, h->paths[i])];
		size_t count = log->versions[note->blob].nsteps;
		for (size_t j = 0; j < count; j++) {
			const struct S_state *s = &note->states[j];
			struct history_step *step = &h->steps[h->nsteps++];
			step->path = h->paths[i];
			step->index = j;
			step->state = !s->done ? HISTORY_OPEN :
				s->ticked ? HISTORY_TICKED : HISTORY_BORN_DONE;
			step->appeared = S_commit(h, s->appeared);
			step->opened = S_commit(h, s->opened);
			step->ticked = s->done ? S_commit(h, s->ticked) : NULL;
		}
	}
}

void history_build(struct history **out, const struct history_log *log)
{
	struct S_build b = { log, xcalloc(1, sizeof(*b.history)), NULL, NULL, 0 };

	b.notes = xmalloc((log->paths.len + 1) * sizeof(*b.notes));
	for (size_t p = 0; p < log->paths.len; p++)
		b.notes[p] = (struct S_note){ HISTORY_NO_BLOB, NULL };
	b.history->commits = xcalloc(log->ncommits + 1, sizeof(*b.history->commits));
	for (size_t i = 0; i < log->ncommits; i++)
		S_replay(&b, &log->commits[i]);
	S_collect(&b);
	for (size_t p = 0; p < log->paths.len; p++)
		free(b.notes[p].states);
	free(b.notes);
	free(b.pairs);
	*out = b.history;
}

static int S_compare_steps(const void *a, const void *b)
{
	const struct history_step *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

const struct history_step *history_find(const struct history *history, const char *path,
					size_t index)
{
	struct history_step key = { path, index, HISTORY_OPEN, NULL, NULL, NULL };
	if (!history->nsteps)
		return NULL;
	return bsearch(&key, history->steps, history->nsteps, sizeof(*history->steps),
		       S_compare_steps);
}

void history_free(struct history *history)
{
	if (!history)
		return;
	for (size_t i = 0; i < history->npaths; i++)
		free(history->paths[i]);
	free(history->paths);
	free(history->steps);
	free(history->commits);
	free(history);
}

/*
 * The encoding: a first line, then one line per commit ("C id day", day
 * "-" when there is none), per path ("P length" and the path's bytes on
 * the next line: a path may hold spaces or line breaks) and per step ("S
 * path index state appeared opened ticked", commits by place, -1 for none).
 */
#define ENCODING "perennial-history 1\n"

static long S_commit_at(const struct history *h, const struct history_commit *c)
{
	return c ? (long)(c - h->commits) : -1;
}

char *history_encode(const struct history *h, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t path = 0;

	strbuf_addstr(&sb, ENCODING);
	for (size_t i = 0; i < h->ncommits; i++)
		strbuf_addf(&sb, "C %s %s\n", h->commits[i].id,
			    *h->commits[i].day ? h->commits[i].day : "-");
	for (size_t i = 0; i < h->npaths; i++) {
		strbuf_addf(&sb, "P %zu\n", strlen(h->paths[i]));
		strbuf_addstr(&sb, h->paths[i]);
		strbuf_addch(&sb, '\n');
	}
	for (size_t i = 0; i < h->nsteps; i++) {
		const struct history_step *st = &h->steps[i];
		/* Steps and paths go in the same order: the path is found by walking on. */
		while (path < h->npaths && h->paths[path] != st->path)
			path++;
		strbuf_addf(&sb, "S %zu %zu %d %ld %ld %ld\n", path, st->index, (int)st->state,
			    S_commit_at(h, st->appeared), S_commit_at(h, st->opened),
			    S_commit_at(h, st->ticked));
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* A line of `bytes` from *at, without its break; NULL at the end. */
static const char *S_line(const char *bytes, size_t len, size_t *at, size_t *line_len)
{
	if (*at >= len)
		return NULL;
	const char *start = bytes + *at;
	const char *nl = memchr(start, '\n', len - *at);
	if (!nl)
		return NULL;
	*line_len = (size_t)(nl - start);
	*at += *line_len + 1;
	return start;
}

/* A commit by place, or NULL for -1; 0, or -1 for a place there is not. */
static int S_commit_ref(const struct history *h, long at, const struct history_commit **out)
{
	if (at < -1 || at >= (long)h->ncommits)
		return -1;
	*out = at < 0 ? NULL : &h->commits[at];
	return 0;
}

int history_decode(struct history **out, const char *bytes, size_t len)
{
	struct history *h = xcalloc(1, sizeof(*h));
	size_t at = 0, n, caps[3] = { 0, 0, 0 };
	const char *line;

	*out = NULL;
	if (len < strlen(ENCODING) || memcmp(bytes, ENCODING, strlen(ENCODING)) != 0)
		goto fail;
	at = strlen(ENCODING);
	while ((line = S_line(bytes, len, &at, &n)) != NULL) {
		char buf[160];
		if (n == 0 || n >= sizeof(buf))
			goto fail;
		memcpy(buf, line, n);
		buf[n] = '\0';
		if (buf[0] == 'C') {
			struct history_commit c;
			char day[REPO_DAY_SIZE] = "";
			if (sscanf(buf, "C %40s %10s", c.id, day) != 2 || strlen(c.id) != 40)
				goto fail;
			if (strcmp(day, "-") == 0)
				day[0] = '\0';
			memcpy(c.day, day, sizeof(c.day));
			XGROW(h->commits, caps[0], h->ncommits + 1);
			h->commits[h->ncommits++] = c;
		} else if (buf[0] == 'P') {
			size_t plen;
			if (sscanf(buf, "P %zu", &plen) != 1 || plen >= len - at ||
			    bytes[at + plen] != '\n')
				goto fail;
			XGROW(h->paths, caps[1], h->npaths + 1);
			h->paths[h->npaths++] = xstrndup(bytes + at, plen);
			at += plen + 1;
		} else if (buf[0] == 'S') {
			size_t path, index;
			int state;
			long appeared, opened, ticked;
			struct history_step st;
			if (sscanf(buf, "S %zu %zu %d %ld %ld %ld", &path, &index, &state, &appeared,
				   &opened, &ticked) != 6 || path >= h->npaths ||
			    state < HISTORY_OPEN || state > HISTORY_BORN_DONE ||
			    S_commit_ref(h, appeared, &st.appeared) < 0 ||
			    S_commit_ref(h, opened, &st.opened) < 0 ||
			    S_commit_ref(h, ticked, &st.ticked) < 0)
				goto fail;
			st.path = h->paths[path];
			st.index = index;
			st.state = (enum history_state)state;
			XGROW(h->steps, caps[2], h->nsteps + 1);
			h->steps[h->nsteps++] = st;
		} else {
			goto fail;
		}
	}
	if (at != len)
		goto fail;
	*out = h;
	return 0;
fail:
	history_free(h);
	return -1;
}
