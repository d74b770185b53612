#include "unit.h"

#include <stdlib.h>

#include "corpus.h"
#include "history.h"
#include "markdown.h"
#include "repo.h"
#include "source.h"
#include "step_match.h"
#include "xalloc.h"

/*
 * Dating a corpus's steps from a history, without git or an index: the
 * history is replayed from a log made by hand, the notes of the revision
 * (at_rev) are listed by hand, and every version's steps are what the
 * parser makes of its Markdown, as the index stores them.
 */
struct fixture {
	struct corpus now;            /* the working tree */
	size_t now_cap;
	struct corpus then;           /* the revision's versions of the notes edited since */
	size_t then_cap;
	struct history_log log;
	struct history *history;
	struct repo_entries at_rev;   /* the revision's notes, by path */
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	fx->log = (struct history_log)HISTORY_LOG_INIT;
	*state = fx;
	return 0;
}

/* The owners of S_steps's steps, kept while the corpora are: they hold names they do not own. */
static struct strmap S_owners = STRMAP_INIT;

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	corpus_release(&fx->now);
	corpus_release(&fx->then);
	history_log_release(&fx->log);
	history_free(fx->history);
	repo_entries_release(&fx->at_rev);
	strmap_release(&S_owners);
	free(fx);
	return 0;
}

/* The steps of `md` as the parser makes them, added to note; its blob is `blob`. */
static void S_steps(struct corpus_note *note, const char *blob, const char *md)
{
	struct source *src = source_new("note.md", md, strlen(md));
	struct md_body body = MD_BODY_INIT;

	md_parse(&body, src, 0, 1, MD_ALL);
	free(note->blob);
	note->blob = xstrdup(blob);
	for (size_t i = 0; i < body.nsteps; i++) {
		const struct md_step *m = &body.steps[i];
		note->steps = xrealloc(note->steps, (note->nsteps + 1) * sizeof(*note->steps));
		struct corpus_step *s = &note->steps[note->nsteps++];
		memset(s, 0, sizeof(*s));
		s->line = 10 + (unsigned)i;
		s->owner = m->owner ? strmap_key(&S_owners, strmap_add(&S_owners, m->owner, NULL)) : NULL;
		s->words = xstrdup(m->words);
		s->key = xstrdup(m->key);
		s->due = m->due ? xstrdup(m->due) : NULL;
		s->done = m->done;
	}
	md_body_release(&body);
	source_free(src);
}

/* The log's version `blob` has the steps of `md`. */
static void S_version(struct fixture *fx, const char *blob, const char *md)
{
	struct corpus scratch = CORPUS_INIT;
	size_t cap = 0;
	struct corpus_note *n = unit_note(&scratch, &cap, "scratch.md", NULL, NULL, "", "internal");
	size_t at = strmap_find(&fx->log.blobs, blob);
	assert_int_not_equal(at, STRMAP_NONE);

	S_steps(n, blob, md);
	struct step_match_step *steps = xcalloc(n->nsteps + 1, sizeof(*steps));
	for (size_t i = 0; i < n->nsteps; i++) {
		const struct corpus_step *s = &n->steps[i];
		steps[i] = (struct step_match_step){ xstrdup(s->key),
						     s->owner ? xstrdup(s->owner) : NULL, s->done };
	}
	history_log_set_steps(&fx->log, at, steps, n->nsteps);
	corpus_release(&scratch);
}

/* The revision has `blob` at `path` (call in path order). */
static void S_at_rev(struct fixture *fx, const char *path, const char *blob)
{
	XGROW(fx->at_rev.items, fx->at_rev.cap, fx->at_rev.len + 1);
	struct repo_entry *e = &fx->at_rev.items[fx->at_rev.len++];
	e->path = xstrdup(path);
	snprintf(e->blob, sizeof(e->blob), "%s", blob);
}

/* Two commits: a.md written on the 12th, ticked on the 20th; b.md written on the 14th. */
#define A1 "- [ ] @lisa-t Call Ana\n- [x] Bring the leases\n- [ ] Book the hall\n"
#define A2 "- [x] @lisa-t Call Ana\n- [x] Bring the leases\n- [ ] Book the hall\n"
#define B1 "- [x] Print flyers\n- [ ] Thank Bo\n"

static void S_history_of_a_and_b(struct fixture *fx)
{
	history_log_add_commit(&fx->log, "0000000000000000000000000000000000000001", "2020-05-12");
	history_log_add_change(&fx->log, "notes/a.md", NULL, "a1");
	history_log_add_commit(&fx->log, "0000000000000000000000000000000000000002", "2020-05-14");
	history_log_add_change(&fx->log, "notes/b.md", NULL, "b1");
	history_log_add_commit(&fx->log, "0000000000000000000000000000000000000003", "2020-05-20");
	history_log_add_change(&fx->log, "notes/a.md", "a1", "a2");
	S_version(fx, "a1", A1);
	S_version(fx, "a2", A2);
	S_version(fx, "b1", B1);
	history_build(&fx->history, &fx->log);
	S_at_rev(fx, "notes/a.md", "a2");
	S_at_rev(fx, "notes/b.md", "b1");
}

#define S_note(fx, corpus, path, date) \
	unit_note(&(fx)->corpus, &(fx)->corpus##_cap, (path), (date), "lisa-t", "", "internal")

/* Step i of note is dated `day` (NULL: not dated), ticked or not. */
#define assert_dated(note, i, day, ticked) \
	S_assert_dated((note), (i), (day), (ticked), __FILE__, __LINE__)

static void S_assert_dated(const struct corpus_note *note, size_t i, const char *day, int ticked,
			   const char *at_file, int at)
{
	const struct corpus_step *s = &note->steps[i];
	if (!day) {
		_assert_int_equal(s->dated, 0, at_file, at);
		_assert_int_equal(s->ticked, 0, at_file, at);
		return;
	}
	char got[DATE_SIZE];
	_assert_int_equal(s->dated, 1, at_file, at);
	date_format(got, &s->done_day);
	_assert_string_equal(got, day, at_file, at);
	_assert_int_equal(s->ticked, ticked, at_file, at);
}

/* Unchanged since the revision: ticked on the day of its commit, written done on the note's. */
static void test_unchanged_notes_are_dated_from_the_history(void **state)
{
	struct fixture *fx = *state;

	S_history_of_a_and_b(fx);
	struct corpus_note *a = S_note(fx, now, "notes/a.md", "2020-05-11");
	S_steps(a, "a2", A2);
	struct corpus_note *b = S_note(fx, now, "notes/b.md", "2020-05-13");
	S_steps(b, "b1", B1);

	corpus_date_steps(&fx->now, fx->history, &fx->at_rev, &fx->then);
	assert_dated(a, 0, "2020-05-20", 1);
	assert_dated(a, 1, "2020-05-11", 0);   /* born done: the note's day, no time to done */
	assert_dated(a, 2, NULL, 0);           /* open */
	assert_dated(b, 0, "2020-05-13", 0);
	assert_dated(b, 1, NULL, 0);
}

/* A commit with no day of the calendar, or a note without one, dates nothing. */
static void test_no_day_no_date(void **state)
{
	struct fixture *fx = *state;

	history_log_add_commit(&fx->log, "0000000000000000000000000000000000000001", "2020-05-12");
	history_log_add_change(&fx->log, "notes/a.md", NULL, "a1");
	history_log_add_commit(&fx->log, "0000000000000000000000000000000000000002", "");
	history_log_add_change(&fx->log, "notes/a.md", "a1", "a2");
	S_version(fx, "a1", A1);
	S_version(fx, "a2", A2);
	history_build(&fx->history, &fx->log);
	S_at_rev(fx, "notes/a.md", "a2");
	struct corpus_note *a = S_note(fx, now, "notes/a.md", "someday");
	S_steps(a, "a2", A2);

	corpus_date_steps(&fx->now, fx->history, &fx->at_rev, &fx->then);
	assert_false(a->has_day);
	assert_dated(a, 0, NULL, 0);
	assert_dated(a, 1, NULL, 0);
}

/*
 * Edited since the revision: each step is paired with the revision's as
 * history pairs versions. Done then and now (reworded a little, moved):
 * dated as then; ticked in the edit: done, with no day until committed;
 * written done in the edit: no day either.
 */
static void test_edited_notes_are_paired_with_their_version(void **state)
{
	struct fixture *fx = *state;

	S_history_of_a_and_b(fx);
	struct corpus_note *a = S_note(fx, now, "notes/a.md", "2020-05-11");
	S_steps(a, "a3", "- [x] Bring the lease\n"
		"- [x] Write to the landlord\n"
		"- [x] @lisa-t, call Ana (due 2020-05-30)\n"
		"- [x] Book the hall\n");
	struct corpus_note *then = S_note(fx, then, "notes/a.md", "2020-05-11");
	S_steps(then, "a2", A2);
	struct corpus_note *b = S_note(fx, now, "notes/b.md", "2020-05-13");
	S_steps(b, "b1", B1);

	corpus_date_steps(&fx->now, fx->history, &fx->at_rev, &fx->then);
	assert_dated(a, 0, "2020-05-11", 0);   /* born done, a typo fixed since */
	assert_dated(a, 1, NULL, 0);           /* new, written done */
	assert_dated(a, 2, "2020-05-20", 1);   /* ticked on the 20th, moved and reworded since */
	assert_dated(a, 3, NULL, 0);           /* ticked, not committed yet */
	assert_dated(b, 0, "2020-05-13", 0);
}

/* A copy of a done step written above it is new; the done one keeps its day. */
static void test_edited_copy_above_a_done_step(void **state)
{
	struct fixture *fx = *state;

	S_history_of_a_and_b(fx);
	struct corpus_note *a = S_note(fx, now, "notes/a.md", "2020-05-11");
	S_steps(a, "a3", "- [ ] Call Ana\n- [x] Call Ana\n- [x] Bring the leases\n");
	struct corpus_note *then = S_note(fx, then, "notes/a.md", "2020-05-11");
	S_steps(then, "a2", A2);

	corpus_date_steps(&fx->now, fx->history, &fx->at_rev, &fx->then);
	assert_dated(a, 1, "2020-05-20", 1);
	assert_dated(a, 2, "2020-05-11", 0);
}

/*
 * Not at the revision (a note not committed yet), no blob, or edited with
 * no version handed in (the revision's is no note): nothing is dated.
 */
static void test_what_cannot_be_dated(void **state)
{
	struct fixture *fx = *state;

	S_history_of_a_and_b(fx);
	struct corpus_note *a = S_note(fx, now, "notes/a.md", "2020-05-11");
	S_steps(a, "a3", A2);
	struct corpus_note *b = S_note(fx, now, "notes/b.md", "2020-05-13");
	S_steps(b, "b1", B1);
	free(b->blob);
	b->blob = NULL;
	struct corpus_note *c = S_note(fx, now, "notes/c.md", "2020-05-21");
	S_steps(c, "c1", "- [x] Print flyers\n");

	corpus_date_steps(&fx->now, fx->history, &fx->at_rev, &fx->then);
	assert_dated(a, 0, NULL, 0);
	assert_dated(a, 1, NULL, 0);
	assert_dated(b, 0, NULL, 0);
	assert_dated(c, 0, NULL, 0);
}

/* The notes edited since the revision: in it, with other contents. */
static void test_edited_since(void **state)
{
	struct fixture *fx = *state;
	const char *paths[4], *blobs[4];

	S_at_rev(fx, "notes/a.md", "a2");
	S_at_rev(fx, "notes/b.md", "b1");
	S_at_rev(fx, "notes/d.md", "d1");
	S_steps(S_note(fx, now, "notes/a.md", NULL), "a3", "");   /* edited */
	S_steps(S_note(fx, now, "notes/b.md", NULL), "b1", "");   /* as at the revision */
	S_steps(S_note(fx, now, "notes/c.md", NULL), "c1", "");   /* not there */
	S_steps(S_note(fx, now, "notes/d.md", NULL), "d2", "");   /* edited */

	size_t n = corpus_edited_since(paths, blobs, &fx->now, &fx->at_rev);
	assert_int_equal(n, 2);
	assert_string_equal(paths[0], "notes/a.md");
	assert_string_equal(blobs[0], "a2");
	assert_string_equal(paths[1], "notes/d.md");
	assert_string_equal(blobs[1], "d1");
	/* Pointers into the corpus and the listing, not copies. */
	assert_ptr_equal(paths[1], fx->now.notes[3].path);
	assert_ptr_equal(blobs[1], fx->at_rev.items[2].blob);

	struct repo_entries none = REPO_ENTRIES_INIT;
	assert_int_equal(corpus_edited_since(paths, blobs, &fx->now, &none), 0);
}

/* A corpus with everything in it is freed whole (ASan says so) and is empty again. */
static void test_release(void **state)
{
	struct fixture *fx = *state;
	struct corpus_note *a = S_note(fx, now, "notes/a.md", "2020-05-11");

	S_steps(a, "a2", A2);
	unit_mention(a, "housing", MENTION_HASHTAG, 3, "The rent doubled.", 0);
	corpus_release(&fx->now);
	assert_null(fx->now.notes);
	assert_int_equal(fx->now.len, 0);
	corpus_release(&fx->now);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

/* The notes of some days, found by halving; dates that are no day sort among them. */
static void test_days(void **state)
{
	(void)state;
	struct corpus corpus = CORPUS_INIT;
	size_t cap = 0, begin, end;
	static const char *const dates[] = {
		NULL, "2020-05-10", "2020-05-11", "2020-05-11", "2020-05-11x", "2020-05-13",
		"2020-06-01", "soon",
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++)
		unit_note(&corpus, &cap, dates[i] ? dates[i] : "none", dates[i], NULL, "", "internal");
	struct date may11 = { 2020, 5, 11 }, may13 = { 2020, 5, 13 }, may12 = { 2020, 5, 12 };
	corpus_days(&corpus, &may11, &may13, &begin, &end);
	assert_int_equal(begin, 2);
	assert_int_equal(end, 6);
	corpus_days(&corpus, &may12, &may12, &begin, &end);
	assert_int_equal(begin, end);
	corpus_days(&corpus, NULL, &may11, &begin, &end);
	assert_int_equal(begin, 0);
	assert_int_equal(end, 4);
	corpus_days(&corpus, &may13, NULL, &begin, &end);
	assert_int_equal(begin, 5);
	assert_int_equal(end, 8);
	corpus_release(&corpus);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_unchanged_notes_are_dated_from_the_history),
		T(test_no_day_no_date),
		T(test_edited_notes_are_paired_with_their_version),
		T(test_edited_copy_above_a_done_step),
		T(test_what_cannot_be_dated),
		T(test_edited_since),
		T(test_release),
		cmocka_unit_test(test_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
