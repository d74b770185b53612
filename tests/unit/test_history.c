#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "error.h"
#include "history.h"
#include "markdown.h"
#include "note.h"
#include "repo.h"
#include "source.h"
#include "strbuf.h"

/*
 * Each test gets a fresh folder under /tmp with a repository made by the
 * real git CLI (base/repo is the top of the work tree), commits with fixed
 * author dates, and reads the history back through a steps_of that parses
 * each blob and counts what it was asked.
 */

/*
 * Commits everything in the work tree with author and committer date
 * `date` (git's own format: `2020-05-12T10:00:00+02:00`).
 */
#define S_commit(fx, date) \
	unit_run((fx)->top, "git add -A && GIT_AUTHOR_DATE='%s' GIT_COMMITTER_DATE='%s' " \
		 UNIT_GIT " commit -q --no-verify --allow-empty -m 'at %s'", (date), (date), (date))

/* A note whose body is `steps` under a Next steps heading. */
static void S_note(const char *dir, const char *rel, const char *steps)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "---\ntitle: A conversation\ndate: 2020-05-12\n---\n\n"
		    "## What happened\n\nWe talked.\n\n## Next steps\n\n%s", steps);
	unit_write(dir, rel, sb.buf);
	strbuf_release(&sb);
}

/* --- steps_of: parses each blob, and remembers which blobs it was asked for --- */

struct S_asked {
	struct repo *repo;
	struct note *last;       /* the steps handed out last, kept until the next call */
	char (*blobs)[REPO_BLOB_ID_SIZE];
	size_t calls;
	int twice;               /* a blob was asked for a second time */
	int fail_at;             /* return -1 on this call (1-based); 0 never */
};

static int S_steps_of(void *arg, const char *path, const char *blob,
		      const struct md_step **steps, size_t *nsteps)
{
	struct S_asked *a = arg;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;

	for (size_t i = 0; i < a->calls; i++)
		if (strcmp(a->blobs[i], blob) == 0)
			a->twice = 1;
	a->blobs = realloc(a->blobs, (a->calls + 1) * sizeof(*a->blobs));
	snprintf(a->blobs[a->calls++], REPO_BLOB_ID_SIZE, "%s", blob);
	if (a->fail_at && (size_t)a->fail_at == a->calls) {
		error_set("steps_of gave up");
		return -1;
	}
	note_free(a->last);
	a->last = NULL;
	int r = repo_read_blob(&src, a->repo, blob, path, &diags);
	diag_list_release(&diags);
	if (r != 0)
		return r;
	a->last = note_parse(src, NOTE_ALL, &diags);
	diag_list_release(&diags);
	*steps = a->last->body.steps;
	*nsteps = a->last->body.nsteps;
	return 0;
}

static void S_asked_release(struct S_asked *a)
{
	note_free(a->last);
	free(a->blobs);
	repo_free(a->repo);
}

/*
 * The history of `dir` at `rev` in the notes root top/rel ("" for the
 * top); the test fails unless it is built and no blob was asked twice.
 * *calls gets how many times steps_of was called, when calls is not NULL.
 */
static struct history *S_history_at(const struct unit_git_repo *fx, const char *rel, const char *rev,
				    const char *dir, size_t *calls)
{
	struct S_asked a = { NULL, NULL, NULL, 0, 0, 0 };
	struct history *h = NULL;
	char *root = *rel ? unit_path(fx->top, rel) : strdup(fx->top);

	assert_int_equal(repo_open(&a.repo, root), 0);
	free(root);
	int rc = history_build(&h, a.repo, rev, dir, S_steps_of, &a);
	int twice = a.twice;
	if (calls)
		*calls = a.calls;
	S_asked_release(&a);
	assert_int_equal(rc, 0);
	assert_non_null(h);
	assert_false(twice);
	return h;
}

#define S_history(fx) S_history_at((fx), "", "HEAD", "notes", NULL)

/*
 * Step `index` of `path` is in `state`, and appeared, was opened and was
 * ticked on the commits `git rev-parse` names for the given revisions
 * (NULL: none), whose days are the given days.
 */
#define assert_step(fx, h, path, index, state, appeared, appeared_day, opened, opened_day, \
		    ticked, ticked_day) \
	S_assert_step((fx), (h), (path), (index), (state), (appeared), (appeared_day), \
		      (opened), (opened_day), (ticked), (ticked_day), __FILE__, __LINE__)

static void S_assert_commit(const struct unit_git_repo *fx, const struct history_commit *c,
			    const char *rev, const char *day, const char *what,
			    const char *at_file, int at)
{
	if (!rev) {
		_assert_true(c == NULL, what, at_file, at);
		return;
	}
	_assert_true(c != NULL, what, at_file, at);
	char *id = unit_output_at(at_file, at, fx->top, "git rev-parse '%s'", rev);
	_assert_string_equal(c->id, id, at_file, at);
	_assert_string_equal(c->day, day, at_file, at);
	free(id);
}

static void S_assert_step(const struct unit_git_repo *fx, const struct history *h, const char *path,
			  size_t index, enum history_state state,
			  const char *appeared, const char *appeared_day,
			  const char *opened, const char *opened_day,
			  const char *ticked, const char *ticked_day, const char *at_file, int at)
{
	const struct history_step *step = history_find(h, path, index);
	_assert_true(step != NULL, path, at_file, at);
	_assert_string_equal(step->path, path, at_file, at);
	_assert_int_equal(step->index, index, at_file, at);
	_assert_int_equal(step->state, state, at_file, at);
	S_assert_commit(fx, step->appeared, appeared, appeared_day, "appeared", at_file, at);
	S_assert_commit(fx, step->opened, opened, opened_day, "opened", at_file, at);
	S_assert_commit(fx, step->ticked, ticked, ticked_day, "ticked", at_file, at);
}

/* --- When steps were done --- */

/*
 * The case: a step ticked in a later commit is done on that
 * commit's day, as its author saw the calendar: 23:30 in California is
 * still the 20th (the 21st in UTC), 01:30 in Tokyo is already the 22nd
 * (the 21st in UTC).
 */
static void test_ticked_in_a_later_commit_gives_its_author_day(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] @lisa-t Call Ana\n- [ ] Book the hall\n- [ ] Print flyers\n");
	S_commit(fx, "2020-05-12T10:00:00+02:00");
	S_note(fx->top, "notes/a.md", "- [x] @lisa-t Call Ana\n- [ ] Book the hall\n- [ ] Print flyers\n");
	S_commit(fx, "2020-05-20T23:30:00-07:00");
	S_note(fx->top, "notes/a.md", "- [x] @lisa-t Call Ana\n- [X] Book the hall\n- [ ] Print flyers\n");
	S_commit(fx, "2020-05-22T01:30:00+09:00");

	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, 3);
	assert_int_equal(h->ncommits, 3);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", "HEAD~1", "2020-05-20");
	assert_step(fx, h, "notes/a.md", 1, HISTORY_TICKED, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", "HEAD", "2020-05-22");
	assert_step(fx, h, "notes/a.md", 2, HISTORY_OPEN, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", NULL, NULL);
	assert_null(history_find(h, "notes/a.md", 3));
	history_free(h);

	/* At an earlier revision, the later ticks have not happened. */
	h = S_history_at(fx, "", "HEAD~1", "notes", NULL);
	assert_int_equal(h->ncommits, 2);
	assert_step(fx, h, "notes/a.md", 1, HISTORY_OPEN, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", NULL, NULL);
	history_free(h);
}

/* A history kept as bytes comes back the same; bytes it did not make do not. */
static void test_encode_and_decode(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a b.md", "- [ ] @lisa-t Call Ana\n- [x] Book the hall\n");
	S_note(fx->top, "notes/c.md", "- [ ] Print flyers\n");
	S_commit(fx, "2020-05-12T10:00:00+02:00");
	S_note(fx->top, "notes/a b.md", "- [x] @lisa-t Call Ana\n- [x] Book the hall\n");
	S_commit(fx, "2020-05-20T23:30:00-07:00");

	struct history *h = S_history(fx), *back = NULL;
	size_t len;
	char *bytes = history_encode(h, &len);
	assert_int_equal(history_decode(&back, bytes, len), 0);
	assert_int_equal(back->nsteps, 3);
	assert_int_equal(back->ncommits, 2);
	assert_step(fx, back, "notes/a b.md", 0, HISTORY_TICKED, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", "HEAD", "2020-05-20");
	assert_step(fx, back, "notes/a b.md", 1, HISTORY_BORN_DONE, "HEAD~1", "2020-05-12",
		    NULL, NULL, NULL, NULL);
	assert_step(fx, back, "notes/c.md", 0, HISTORY_OPEN, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", NULL, NULL);
	/* Encoded again, the same bytes. */
	size_t len2;
	char *again = history_encode(back, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(bytes, again, len);
	free(again);
	history_free(back);

	/* Cut short, changed, or from something else: refused, nothing leaks. */
	static const char *const bad[] = {
		"", "perennial-history 2\n", "perennial-history 1\nS 0 0 0 -1 -1 -1\n",
		"perennial-history 1\nP 99\nshort\n", "perennial-history 1\nX\n",
		"perennial-history 1\nC 123 2020-01-01\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(history_decode(&back, bad[i], strlen(bad[i])), -1);
		assert_null(back);
	}
	assert_int_equal(history_decode(&back, bytes, len - 1), -1);
	bytes[len / 2] = 'Z';
	history_decode(&back, bytes, len);  /* whatever it makes of it, no crash, no leak */
	history_free(back);
	free(bytes);
	history_free(h);
}

/* Written already done: no commit ticked it, and the caller says so. */
static void test_step_done_when_first_committed(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n- [ ] Book the hall\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n- [ ] Book the hall\n- [x] Thank Bo\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, 3);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_BORN_DONE, "HEAD~1", "2020-05-12",
		    NULL, NULL, NULL, NULL);
	assert_step(fx, h, "notes/a.md", 1, HISTORY_OPEN, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", NULL, NULL);
	/* Added done to a note that was there: still born done, on the day it appeared. */
	assert_step(fx, h, "notes/a.md", 2, HISTORY_BORN_DONE, "HEAD", "2020-05-14",
		    NULL, NULL, NULL, NULL);
	history_free(h);
}

static void test_ticked_then_unticked_is_open(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_OPEN, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", NULL, NULL);
	history_free(h);

	/* Ticked again: done on the day of the last tick, opened when first seen open. */
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-15T10:00:00+00:00");
	h = S_history(fx);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~3", "2020-05-12",
		    "HEAD~3", "2020-05-12", "HEAD", "2020-05-15");
	history_free(h);
}

/* Born done, reopened, done again: ticked by the last commit, opened by the reopening one. */
static void test_born_done_then_reopened_and_ticked(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~2", "2020-05-12",
		    "HEAD~1", "2020-05-13", "HEAD", "2020-05-14");
	history_free(h);
}

/* --- Which step is which --- */

/* A typo fixed, a word dropped, the owner's case and due date changed, all while ticking. */
/* Rewritten while ticking: the old step is gone and the new one was written done. */
/* Identical steps pair in order; a copy added above a done one leaves it done. */
/* Steps moved around the note keep their history. */
/* A step belongs to its note: the same text in another note is another step. */
static void test_same_text_in_another_note_is_another_step(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/b.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_OPEN, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", NULL, NULL);
	assert_step(fx, h, "notes/b.md", 0, HISTORY_BORN_DONE, "HEAD", "2020-05-13",
		    NULL, NULL, NULL, NULL);
	history_free(h);
}

/* --- Notes removed, moved, merged --- */

static void test_removed_note_has_no_steps(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", "- [ ] Book the hall\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "git rm -q notes/b.md");
	S_commit(fx, "2020-05-13T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, 1);
	assert_int_equal(h->npaths, 1);
	assert_null(history_find(h, "notes/b.md", 0));
	assert_non_null(history_find(h, "notes/a.md", 0));
	history_free(h);

	/* Written again later, with the step done: a new note, its step born done. */
	S_note(fx->top, "notes/b.md", "- [x] Book the hall\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");
	h = S_history(fx);
	assert_step(fx, h, "notes/b.md", 0, HISTORY_BORN_DONE, "HEAD", "2020-05-14",
		    NULL, NULL, NULL, NULL);
	history_free(h);
}

/*
 * history.h: a note moved without a change keeps its steps' history; a
 * note moved and edited in one commit starts afresh.
 */
static void test_renamed_note(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/c.md", "- [ ] Print flyers\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "mkdir notes/2020 && git mv notes/a.md notes/2020/b.md");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "notes/2020/b.md", "- [x] Call Ana\n");
	unit_run(fx->top, "git mv notes/c.md notes/2020/d.md");
	S_note(fx->top, "notes/2020/d.md", "- [x] Print flyers\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, 2);
	assert_step(fx, h, "notes/2020/b.md", 0, HISTORY_TICKED, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", "HEAD", "2020-05-14");
	assert_step(fx, h, "notes/2020/d.md", 0, HISTORY_BORN_DONE, "HEAD", "2020-05-14",
		    NULL, NULL, NULL, NULL);
	assert_null(history_find(h, "notes/a.md", 0));
	assert_null(history_find(h, "notes/c.md", 0));
	history_free(h);
}

/*
 * Two notes with the same bytes but different pasts, moved in one commit:
 * each keeps a history (paired in path order), and the blob is asked for once.
 */
static void test_renamed_copies(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/b.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	unit_run(fx->top, "git mv notes/a.md notes/x.md && git mv notes/b.md notes/y.md");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	size_t calls = 0;
	struct history *h = S_history_at(fx, "", "HEAD", "notes", &calls);
	assert_int_equal(h->nsteps, 2);
	assert_int_equal(calls, 2);
	assert_step(fx, h, "notes/x.md", 0, HISTORY_OPEN, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", NULL, NULL);
	assert_step(fx, h, "notes/y.md", 0, HISTORY_OPEN, "HEAD~2", "2020-05-12",
		    "HEAD~1", "2020-05-13", NULL, NULL);
	history_free(h);
}

/* Moved and edited in one commit: git sees no exact move, and the steps start afresh. */
static void test_renamed_and_edited_note_starts_afresh(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n- [ ] Book the hall\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "git mv notes/a.md notes/b.md");
	S_note(fx->top, "notes/b.md", "- [ ] Call Ana\n- [x] Book the hall\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");

	struct history *h = S_history(fx);
	assert_step(fx, h, "notes/b.md", 0, HISTORY_OPEN, "HEAD", "2020-05-13",
		    "HEAD", "2020-05-13", NULL, NULL);
	assert_step(fx, h, "notes/b.md", 1, HISTORY_BORN_DONE, "HEAD", "2020-05-13",
		    NULL, NULL, NULL, NULL);
	history_free(h);
}

/*
 * First parent: a step ticked on a branch is done on the day of the merge
 * that brought it into the branch read; commits of the branch are not
 * in the history.
 */
static void test_merge_counts_on_the_first_parent(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", "- [ ] Book the hall\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q -b side");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q main");
	S_note(fx->top, "notes/b.md", "- [x] Book the hall\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");
	unit_run(fx->top, "GIT_AUTHOR_DATE='2020-05-16T10:00:00+00:00' "
		 "GIT_COMMITTER_DATE='2020-05-16T10:00:00+00:00' "
		 UNIT_GIT " merge -q --no-ff --no-edit side");

	struct history *h = S_history(fx);
	assert_int_equal(h->ncommits, 3);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", "HEAD", "2020-05-16");
	assert_step(fx, h, "notes/b.md", 0, HISTORY_TICKED, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", "HEAD~1", "2020-05-14");
	history_free(h);

	/* Read from the side branch, the tick is its own commit's. */
	h = S_history_at(fx, "", "side", "notes", NULL);
	assert_int_equal(h->ncommits, 2);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "main~2", "2020-05-12",
		    "main~2", "2020-05-12", "side", "2020-05-13");
	assert_step(fx, h, "notes/b.md", 0, HISTORY_OPEN, "main~2", "2020-05-12",
		    "main~2", "2020-05-12", NULL, NULL);
	history_free(h);
}

/* A merge whose first parent is the branch that did not change: the merge brings the tick. */
static void test_merge_into_an_unchanged_branch(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q -b side");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q main && GIT_AUTHOR_DATE='2020-05-20T10:00:00+00:00' "
		 "GIT_COMMITTER_DATE='2020-05-20T10:00:00+00:00' "
		 UNIT_GIT " merge -q --no-ff --no-edit side");

	struct history *h = S_history(fx);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", "HEAD", "2020-05-20");
	history_free(h);
}

/* --- What is read --- */

/*
 * The notes root may be a subfolder of the work tree: paths are relative
 * to it, and notes elsewhere in the repository are not its notes.
 */
static void test_notes_root_in_a_subfolder(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "team/notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/other.md", "- [ ] Not ours\n");
	S_note(fx->top, "team/drafts/x.md", "- [ ] Not a note folder\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "team/notes/a.md", "- [x] Call Ana\n");
	S_note(fx->top, "notes/other.md", "- [x] Not ours\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");

	size_t calls = 0;
	struct history *h = S_history_at(fx, "team", "HEAD", "notes", &calls);
	assert_int_equal(calls, 2);
	assert_int_equal(h->nsteps, 1);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", "HEAD", "2020-05-13");
	history_free(h);

	/* The whole root: its other folders too, with root-relative paths. */
	h = S_history_at(fx, "team", "HEAD", "", &calls);
	assert_int_equal(h->nsteps, 2);
	assert_string_equal(h->steps[0].path, "drafts/x.md");
	assert_string_equal(h->steps[1].path, "notes/a.md");
	history_free(h);
}

/*
 * Files that are no notes (other names, hidden ones, links, other folders)
 * are never asked for, and commits that change only them are not listed.
 */
static void test_files_outside_the_notes_folder_are_ignored(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "README.md", "- [x] Not a note\n");
	S_note(fx->top, "notes/todo.txt", "- [x] Not a note\n");
	S_note(fx->top, "notes/.draft.md", "- [x] Hidden\n");
	S_note(fx->top, "notes/.trash/old.md", "- [x] Hidden\n");
	S_note(fx->top, "notes-old/b.md", "- [x] Beside\n");
	unit_symlink("a.md", fx->top, "notes/link.md");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_commit(fx, "2020-05-14T10:00:00+00:00");   /* empty */

	size_t calls = 0;
	struct history *h = S_history_at(fx, "", "HEAD", "notes", &calls);
	assert_int_equal(calls, 1);
	assert_int_equal(h->ncommits, 1);
	assert_int_equal(h->nsteps, 1);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_OPEN, "HEAD~2", "2020-05-12",
		    "HEAD~2", "2020-05-12", NULL, NULL);
	history_free(h);
}

/*
 * The cache's contract: each blob is asked for once, however often it comes
 * back (a change undone, two notes with the same bytes).
 */
static void test_each_blob_is_asked_for_once(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_note(fx->top, "notes/b.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-15T10:00:00+00:00");

	size_t calls = 0;
	struct history *h = S_history_at(fx, "", "HEAD", "notes", &calls);
	assert_int_equal(calls, 2);
	assert_step(fx, h, "notes/a.md", 0, HISTORY_TICKED, "HEAD~3", "2020-05-12",
		    "HEAD~3", "2020-05-12", "HEAD", "2020-05-15");
	assert_step(fx, h, "notes/b.md", 0, HISTORY_TICKED, "HEAD~3", "2020-05-12",
		    "HEAD~3", "2020-05-12", "HEAD", "2020-05-15");
	history_free(h);
}

/* A blob steps_of calls no note (binary here) has no steps; the walk goes on. */
static void test_a_blob_that_is_no_note_has_no_steps(void **state)
{
	struct unit_git_repo *fx = *state;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "printf -- '- [x] Call Ana\\000' >notes/a.md");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	struct history *h = S_history(fx);
	/* Its steps were gone for a commit: the step is written again, done. */
	assert_step(fx, h, "notes/a.md", 0, HISTORY_BORN_DONE, "HEAD", "2020-05-14",
		    NULL, NULL, NULL, NULL);
	history_free(h);
}

static void test_steps_of_failing_stops_the_walk(void **state)
{
	struct unit_git_repo *fx = *state;
	struct S_asked a = { NULL, NULL, NULL, 0, 0, 2 };
	struct history *h = (struct history *)fx;   /* must be reset to NULL */
	struct unit_capture c;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n- [ ] More\n");
	S_commit(fx, "2020-05-14T10:00:00+00:00");

	assert_int_equal(repo_open(&a.repo, fx->top), 0);
	unit_capture_start(&c);
	int rc = history_build(&h, a.repo, "HEAD", "notes", S_steps_of, &a);
	char *printed = unit_capture_stop(&c);
	size_t calls = a.calls;
	S_asked_release(&a);
	assert_int_equal(rc, -1);
	assert_null(h);
	assert_int_equal(calls, 2);
	assert_string_equal(printed, "perennial: error: steps_of gave up\n");
	free(printed);
}

static void test_unknown_revision_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct S_asked a = { NULL, NULL, NULL, 0, 0, 0 };
	struct history *h = (struct history *)fx;
	struct unit_capture c;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	assert_int_equal(repo_open(&a.repo, fx->top), 0);
	unit_capture_start(&c);
	int rc = history_build(&h, a.repo, "no-such-branch", "notes", S_steps_of, &a);
	char *printed = unit_capture_stop(&c);
	S_asked_release(&a);
	assert_int_equal(rc, -1);
	assert_null(h);
	assert_non_null(strstr(printed, "perennial: error: no-such-branch: "));
	free(printed);
}

/* A revision without the notes folder, or without notes, has no steps. */
static void test_no_notes_no_steps(void **state)
{
	struct unit_git_repo *fx = *state;

	unit_write(fx->top, "README.md", "nothing yet");
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, 0);
	assert_int_equal(h->ncommits, 0);
	assert_null(history_find(h, "notes/a.md", 0));
	history_free(h);

	S_note(fx->top, "notes/a.md", "");
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	h = S_history(fx);
	assert_int_equal(h->nsteps, 0);
	assert_int_equal(h->ncommits, 1);
	history_free(h);
}

/*
 * Bounded: a note of thousands of steps, every one reworded in one commit
 * and every hundredth ticked, is paired quickly and rightly; so are
 * thousands of identical steps.
 */
static void test_thousands_of_steps_stay_cheap(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	enum { N = 3000 };

	for (int i = 0; i < N; i++) {
		strbuf_addf(&before, "- [ ] Call neighbour number %d about the meeting\n", i);
		strbuf_addf(&after, "- [%c] Call neighbour number %d about meeting\n",
			    i % 100 == 0 ? 'x' : ' ', i);
	}
	S_note(fx->top, "notes/a.md", before.buf);
	strbuf_reset(&before);
	for (int i = 0; i < N; i++)
		strbuf_addstr(&before, "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", before.buf);
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", after.buf);
	strbuf_reset(&after);
	for (int i = 0; i < N; i++)
		strbuf_addstr(&after, i % 2 ? "- [x] Call Ana\n" : "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", after.buf);
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	strbuf_release(&before);
	strbuf_release(&after);

	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, 2 * N);
	size_t wrong = 0, ticked = 0;
	for (size_t i = 0; i < h->nsteps; i++) {
		const struct history_step *s = &h->steps[i];
		int a = strcmp(s->path, "notes/a.md") == 0;
		int done = a ? s->index % 100 == 0 : s->index % 2 == 1;
		ticked += s->state == HISTORY_TICKED;
		wrong += s->appeared != &h->commits[0] ||
			s->state != (done ? HISTORY_TICKED : HISTORY_OPEN);
	}
	history_free(h);
	assert_int_equal(wrong, 0);
	assert_int_equal(ticked, N / 100 + N / 2);
}

/* Step i made of three words of its own: no two such steps share a word. */
static void S_distinct_step(struct strbuf *sb, unsigned i)
{
	for (unsigned w = 0; w < 3; w++) {
		/* Spread by a multiplicative hash: no two words one letter apart. */
		unsigned long k = ((unsigned long)(i * 3 + w) * 2654435761UL) % 11881376UL;
		strbuf_addch(sb, ' ');
		for (int c = 0; c < 5; c++, k /= 26)
			strbuf_addch(sb, (char)('a' + k % 26));
	}
}

/*
 * The window of round two sits where the step stands in the note: a typo
 * fixed in the last step while thirty steps above it are removed is found,
 * though it is far from the first of the leftovers. The last step was
 * written a commit later than the others, so its history tells it apart.
 */
static void test_edited_step_found_among_many_removed(void **state)
{
	struct unit_git_repo *fx = *state;
	struct strbuf first = STRBUF_INIT, before = STRBUF_INIT, after = STRBUF_INIT;
	struct strbuf line = STRBUF_INIT;
	enum { N = 40, REMOVED = 30 };

	for (unsigned i = 0; i < N; i++) {
		strbuf_reset(&line);
		S_distinct_step(&line, i);
		if (i < N - 1)
			strbuf_addf(&first, "- [ ]%s\n", line.buf);
		strbuf_addf(&before, "- [ ]%s\n", line.buf);
		if (i < REMOVED)
			continue;
		/* The last step: its last letter changed, and ticked. */
		if (i == N - 1)
			line.buf[line.len - 1] = line.buf[line.len - 1] == 'z' ? 'y' : 'z';
		strbuf_addf(&after, "- [%c]%s\n", i == N - 1 ? 'x' : ' ', line.buf);
	}
	S_note(fx->top, "notes/a.md", first.buf);
	S_commit(fx, "2020-05-11T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", before.buf);
	S_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "notes/a.md", after.buf);
	S_commit(fx, "2020-05-13T10:00:00+00:00");
	strbuf_release(&first);
	strbuf_release(&before);
	strbuf_release(&after);
	strbuf_release(&line);

	struct history *h = S_history(fx);
	assert_int_equal(h->nsteps, N - REMOVED);
	assert_step(fx, h, "notes/a.md", N - REMOVED - 1, HISTORY_TICKED, "HEAD~1", "2020-05-12",
		    "HEAD~1", "2020-05-12", "HEAD", "2020-05-13");
	assert_step(fx, h, "notes/a.md", 0, HISTORY_OPEN, "HEAD~2", "2020-05-11",
		    "HEAD~2", "2020-05-11", NULL, NULL);
	history_free(h);
}

static void test_free_null(void **state)
{
	(void)state;
	history_free(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_git_repo_setup, unit_git_repo_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ticked_in_a_later_commit_gives_its_author_day),
		T(test_encode_and_decode),
		T(test_step_done_when_first_committed),
		T(test_ticked_then_unticked_is_open),
		T(test_born_done_then_reopened_and_ticked),
		T(test_same_text_in_another_note_is_another_step),
		T(test_removed_note_has_no_steps),
		T(test_renamed_note),
		T(test_renamed_copies),
		T(test_renamed_and_edited_note_starts_afresh),
		T(test_merge_counts_on_the_first_parent),
		T(test_merge_into_an_unchanged_branch),
		T(test_notes_root_in_a_subfolder),
		T(test_files_outside_the_notes_folder_are_ignored),
		T(test_each_blob_is_asked_for_once),
		T(test_a_blob_that_is_no_note_has_no_steps),
		T(test_steps_of_failing_stops_the_walk),
		T(test_unknown_revision_is_an_error),
		T(test_no_notes_no_steps),
		T(test_thousands_of_steps_stay_cheap),
		T(test_edited_step_found_among_many_removed),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
