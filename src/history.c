#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "step_match.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"


/* --- Digests: what identity needs of one blob's steps --- */

struct S_digest {
	char blob[REPO_BLOB_ID_SIZE];
	struct step_match_step *keys;   /* key and owner owned */
	size_t n;
};

static void S_digest_free(struct S_digest *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->keys[i].key);
		free((char *)d->keys[i].owner);
	}
	free(d->keys);
	free(d);
}

/* --- The walk --- */

/* What is known of one step; commits are indices into history->commits plus one, 0 for none. */
struct S_state {
	int done;
	size_t appeared;
	size_t opened;
	size_t ticked;
};

struct S_note {
	char *path;
	int present;                   /* in the notes at the commit being read */
	struct S_digest *digest;       /* its blob's steps; NULL when absent */
	struct S_state *states;        /* one for each of digest's keys */
};

struct S_build {
	struct history *history;
	size_t commits_cap;
	struct strmap blobs;           /* blob id -> struct S_digest */
	struct strmap notes;           /* path -> struct S_note */
	history_steps_fn *steps_of;
	void *arg;
	size_t *pairs;                 /* scratch for step_match: old step of each new one */
	size_t pairs_cap;
};

/*
 * The digest of blob, from steps_of the first time it is asked for.
 * Returns 0 and *out (owned by b->blobs), or -1 when steps_of failed.
 */
static int S_digest_of(struct S_build *b, const char *blob, const char *path,
		       struct S_digest **out)
{
	const struct md_step *steps = NULL;
	size_t n = 0;

	*out = strmap_get(&b->blobs, blob);
	if (*out)
		return 0;
	int r = b->steps_of(b->arg, path, blob, &steps, &n);
	if (r < 0)
		return -1;
	struct S_digest *d = xcalloc(1, sizeof(*d));
	memcpy(d->blob, blob, REPO_BLOB_ID_SIZE - 1);
	if (r == 0 && n && steps) {
		d->keys = xcalloc(n, sizeof(*d->keys));
		d->n = n;
		for (size_t i = 0; i < n; i++) {
			d->keys[i].key = xstrdup(steps[i].key);
			d->keys[i].owner = steps[i].owner ? xstrdup(steps[i].owner) : NULL;
			d->keys[i].done = steps[i].done != 0;
		}
	}
	strmap_put(&b->blobs, d->blob, d);
	*out = d;
	return 0;
}

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

static struct S_note *S_note_at(struct S_build *b, const char *path)
{
	struct S_note *note = strmap_get(&b->notes, path);
	if (!note) {
		note = xcalloc(1, sizeof(*note));
		note->path = xstrdup(path);
		strmap_put(&b->notes, note->path, note);
	}
	return note;
}

static void S_note_clear(struct S_note *note)
{
	free(note->states);
	note->states = NULL;
	note->digest = NULL;
	note->present = 0;
}

/*
 * Note `path` holds `blob` from `commit` on: its steps continue those of
 * the version before, if there was one. Returns 0, or -1 when steps_of
 * failed.
 */
static int S_note_update(struct S_build *b, const char *path, const char *blob, size_t commit)
{
	struct S_note *note = S_note_at(b, path);
	struct S_digest *d;

	if (S_digest_of(b, blob, path, &d) < 0)
		return -1;
	struct S_state *states = xcalloc(d->n ? d->n : 1, sizeof(*states));
	int continues = note->present && note->digest;
	XGROW(b->pairs, b->pairs_cap, d->n + 1);
	if (continues)
		step_match(b->pairs, note->digest->keys, note->digest->n, d->keys, d->n);
	for (size_t j = 0; j < d->n; j++) {
		size_t i = continues ? b->pairs[j] : STEP_MATCH_NONE;
		if (i == STEP_MATCH_NONE) {
			states[j] = S_born(d->keys[j].done, commit);
		} else {
			states[j] = note->states[i];
			S_advance(&states[j], d->keys[j].done, commit);
		}
	}
	free(note->states);
	note->states = states;
	note->digest = d;
	note->present = 1;
	return 0;
}

static int S_compare_change_blobs(const void *a, const void *b)
{
	const struct repo_change *x = *(const struct repo_change *const *)a;
	const struct repo_change *y = *(const struct repo_change *const *)b;
	const char *bx = x->new_blob[0] ? x->new_blob : x->old_blob;
	const char *by = y->new_blob[0] ? y->new_blob : y->old_blob;
	int c = strcmp(bx, by);
	return c ? c : strcmp(x->path, y->path);
}

/*
 * Exact renames: a note removed and another added with the same blob in
 * one commit is the note moved. Its steps move with it, and both changes
 * are marked done in `handled`. Sorting by blob pairs them in O(n log n);
 * several copies of one blob pair in path order.
 */
static void S_renames(struct S_build *b, const struct repo_commit *commit, int *handled)
{
	const struct repo_change **removed = xmalloc((commit->nchanges + 1) * sizeof(*removed));
	const struct repo_change **added = xmalloc((commit->nchanges + 1) * sizeof(*added));
	size_t nr = 0, na = 0;

	for (size_t i = 0; i < commit->nchanges; i++) {
		const struct repo_change *c = &commit->changes[i];
		if (!c->new_blob[0]) {
			struct S_note *note = strmap_get(&b->notes, c->path);
			if (note && note->present)
				removed[nr++] = c;
		} else if (!c->old_blob[0]) {
			added[na++] = c;
		}
	}
	if (nr > 1)
		qsort(removed, nr, sizeof(*removed), S_compare_change_blobs);
	if (na > 1)
		qsort(added, na, sizeof(*added), S_compare_change_blobs);
	for (size_t i = 0, j = 0; i < nr && j < na;) {
		int c = strcmp(removed[i]->old_blob, added[j]->new_blob);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			struct S_note *from = strmap_get(&b->notes, removed[i]->path);
			struct S_note *to = S_note_at(b, added[j]->path);
			S_note_clear(to);
			to->digest = from->digest;
			to->states = from->states;
			to->present = 1;
			from->states = NULL;
			S_note_clear(from);
			handled[removed[i] - commit->changes] = 1;
			handled[added[j] - commit->changes] = 1;
			i++;
			j++;
		}
	}
	free(removed);
	free(added);
}

static int S_on_commit(void *arg, const struct repo_commit *commit)
{
	struct S_build *b = arg;
	struct history *h = b->history;
	int ret = 0;

	XGROW(h->commits, b->commits_cap, h->ncommits + 1);
	struct history_commit *hc = &h->commits[h->ncommits++];
	memcpy(hc->id, commit->id, sizeof(hc->id));
	memcpy(hc->day, commit->day, sizeof(hc->day));
	size_t at = h->ncommits;

	int *handled = xcalloc(commit->nchanges + 1, sizeof(*handled));
	S_renames(b, commit, handled);
	for (size_t i = 0; i < commit->nchanges && ret == 0; i++) {
		const struct repo_change *c = &commit->changes[i];
		if (handled[i])
			continue;
		if (c->new_blob[0]) {
			ret = S_note_update(b, c->path, c->new_blob, at);
		} else {
			struct S_note *note = strmap_get(&b->notes, c->path);
			if (note)
				S_note_clear(note);
		}
	}
	free(handled);
	return ret;
}

static int S_compare_notes(const void *a, const void *b)
{
	const struct S_note *x = *(const struct S_note *const *)a;
	const struct S_note *y = *(const struct S_note *const *)b;
	return strcmp(x->path, y->path);
}

static const struct history_commit *S_commit(const struct history *h, size_t at)
{
	return at ? &h->commits[at - 1] : NULL;
}

/* Turns what the walk knows of the notes present at the end into h->steps. */
static void S_collect(struct S_build *b)
{
	struct history *h = b->history;
	struct S_note **notes = xmalloc((b->notes.len + 1) * sizeof(*notes));
	size_t n = 0, nsteps = 0;

	for (size_t i = 0; i < b->notes.size; i++) {
		struct S_note *note = b->notes.values[i];
		if (note && note->present && note->digest) {
			notes[n++] = note;
			nsteps += note->digest->n;
		}
	}
	if (n > 1)
		qsort(notes, n, sizeof(*notes), S_compare_notes);
	h->paths = xcalloc(n + 1, sizeof(*h->paths));
	h->steps = xcalloc(nsteps + 1, sizeof(*h->steps));
	for (size_t i = 0; i < n; i++) {
		struct S_note *note = notes[i];
		/* The path moves to the history; the table's key is not read again. */
		h->paths[h->npaths++] = note->path;
		note->path = NULL;
		for (size_t j = 0; j < note->digest->n; j++) {
			const struct S_state *s = &note->states[j];
			struct history_step *step = &h->steps[h->nsteps++];
			step->path = h->paths[h->npaths - 1];
			step->index = j;
			step->state = !s->done ? HISTORY_OPEN :
				s->ticked ? HISTORY_TICKED : HISTORY_BORN_DONE;
			step->appeared = S_commit(h, s->appeared);
			step->opened = S_commit(h, s->opened);
			step->ticked = s->done ? S_commit(h, s->ticked) : NULL;
		}
	}
	free(notes);
}

static void S_build_release(struct S_build *b)
{
	for (size_t i = 0; i < b->notes.size; i++) {
		struct S_note *note = b->notes.values[i];
		if (!note)
			continue;
		free(note->path);
		free(note->states);
		free(note);
	}
	for (size_t i = 0; i < b->blobs.size; i++)
		S_digest_free(b->blobs.values[i]);
	strmap_release(&b->notes);
	strmap_release(&b->blobs);
	free(b->pairs);
}

int history_build(struct history **out, struct repo *repo, const char *rev, const char *dir,
		  history_steps_fn *steps_of, void *arg)
{
	struct S_build b;

	memset(&b, 0, sizeof(b));
	*out = NULL;
	b.history = xcalloc(1, sizeof(*b.history));
	b.steps_of = steps_of;
	b.arg = arg;
	int ret = repo_walk_history(repo, rev, dir, S_on_commit, &b);
	if (ret == 0)
		S_collect(&b);
	S_build_release(&b);
	if (ret != 0) {
		history_free(b.history);
		return -1;
	}
	*out = b.history;
	return 0;
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
