#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "history.h"
#include "markdown.h"
#include "repo.h"
#include "source.h"
#include "xalloc.h"

#define BLOB_THEN "1111111111111111111111111111111111111111"
#define BLOB_NOW  "2222222222222222222222222222222222222222"

/*
 * notes/a.md at the revision: step 0 ticked on 2020-05-14, step 1 written
 * down done, step 2 open.
 */
static const char S_history_bytes[] =
	"perennial-history 1\n"
	"C aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2020-05-12\n"
	"C bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2020-05-14\n"
	"P 10\nnotes/a.md\n"
	"S 0 0 1 0 0 1\n"
	"S 0 1 2 0 -1 -1\n"
	"S 0 2 0 0 0 -1\n";

struct fixture {
	struct corpus corpus;
	size_t cap;
	struct history *history;
	struct repo_entries at_rev;
	struct source *then_src;
	struct md_body then;     /* the note's steps at the revision */
	size_t asked;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || history_decode(&fx->history, S_history_bytes, sizeof(S_history_bytes) - 1) < 0)
		return -1;
	fx->at_rev.items = calloc(1, sizeof(*fx->at_rev.items));
	fx->at_rev.items[0].path = strdup("notes/a.md");
	memcpy(fx->at_rev.items[0].blob, BLOB_THEN, sizeof(BLOB_THEN));
	fx->at_rev.len = fx->at_rev.cap = 1;
	static const char then[] = "- [x] Call Ana\n- [x] Book the hall\n- [ ] Print flyers\n";
	fx->then_src = source_new("notes/a.md", then, sizeof(then) - 1);
	md_parse(&fx->then, fx->then_src, 0, 1);
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	corpus_release(&fx->corpus);
	history_free(fx->history);
	repo_entries_release(&fx->at_rev);
	md_body_release(&fx->then);
	source_free(fx->then_src);
	free(fx);
	return 0;
}

/* The steps of the note at the revision, as the index would give them. */
static int S_steps_of(void *arg, const char *blob, const struct md_step **steps, size_t *nsteps)
{
	struct fixture *fx = arg;
	fx->asked++;
	assert_string_equal(blob, BLOB_THEN);
	*steps = fx->then.steps;
	*nsteps = fx->then.nsteps;
	return 0;
}

static struct corpus_note *S_note_a(struct fixture *fx, const char *blob)
{
	struct corpus_note *n = unit_note(&fx->corpus, &fx->cap, "notes/a.md", "2020-05-10",
					  "lisa-t", "", "internal");
	n->blob = xstrdup(blob);
	return n;
}

static void test_the_note_as_committed_takes_its_days_from_history(void **state)
{
	struct fixture *fx = *state;
	struct corpus_note *n = S_note_a(fx, BLOB_THEN);
	unit_step(n, 1, NULL, "Call Ana", NULL, "", 0);
	unit_step(n, 2, NULL, "Book the hall", NULL, "", 0);
	unit_step(n, 3, NULL, "Print flyers", NULL, NULL, 0);

	assert_int_equal(corpus_date_steps(&fx->corpus, fx->history, &fx->at_rev, S_steps_of, fx), 0);
	assert_int_equal(fx->asked, 0);   /* the same blob: history speaks of these very steps */
	char day[DATE_SIZE];
	assert_true(n->steps[0].dated && n->steps[0].ticked);
	date_format(day, &n->steps[0].done_day);
	assert_string_equal(day, "2020-05-14");
	/* Written down done: done on the note's day, with no time to done. */
	assert_true(n->steps[1].dated);
	assert_false(n->steps[1].ticked);
	date_format(day, &n->steps[1].done_day);
	assert_string_equal(day, "2020-05-10");
	assert_false(n->steps[2].dated);
}

static void test_an_edited_note_matches_steps_by_key(void **state)
{
	struct fixture *fx = *state;
	/* Edited since: reordered, reworded in case, one ticked now and not committed. */
	struct corpus_note *n = S_note_a(fx, BLOB_NOW);
	unit_step(n, 1, NULL, "Print flyers", NULL, "", 0);
	unit_step(n, 2, NULL, "call ana.", NULL, "", 0);
	unit_step(n, 3, NULL, "Knock on doors", NULL, NULL, 0);

	assert_int_equal(corpus_date_steps(&fx->corpus, fx->history, &fx->at_rev, S_steps_of, fx), 0);
	assert_int_equal(fx->asked, 1);
	/* Ticked in an edit not committed yet: done, no day until it is. */
	assert_false(n->steps[0].dated);
	/* The same key as step 0 of the revision: its day. */
	assert_true(n->steps[1].dated && n->steps[1].ticked);
	assert_false(n->steps[2].dated);
}

static void test_a_note_not_at_the_revision_is_left_alone(void **state)
{
	struct fixture *fx = *state;
	struct corpus_note *n = unit_note(&fx->corpus, &fx->cap, "notes/new.md", "2020-05-20",
					  "lisa-t", "", "internal");
	n->blob = xstrdup(BLOB_NOW);
	unit_step(n, 1, NULL, "Call Ana", NULL, "", 0);
	assert_int_equal(corpus_date_steps(&fx->corpus, fx->history, &fx->at_rev, S_steps_of, fx), 0);
	assert_false(n->steps[0].dated);
	assert_int_equal(fx->asked, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_the_note_as_committed_takes_its_days_from_history),
		T(test_an_edited_note_matches_steps_by_key),
		T(test_a_note_not_at_the_revision_is_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
