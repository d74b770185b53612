#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "source.h"
#include "step_match.h"
#include "strbuf.h"

#define NONE STEP_MATCH_NONE

/* A version of a note: its steps as the note parser gives them. */
struct version {
	struct source *src;
	struct md_body body;
	struct step_match_step *steps;
	size_t n;
};

static void S_version(struct version *v, const char *text)
{
	memset(v, 0, sizeof(*v));
	v->src = source_new("note.md", text, strlen(text));
	md_parse(&v->body, v->src, 0, 1);
	v->n = v->body.nsteps;
	v->steps = calloc(v->n + 1, sizeof(*v->steps));
	for (size_t i = 0; i < v->n; i++)
		v->steps[i] = (struct step_match_step){ v->body.steps[i].key, v->body.steps[i].owner,
							v->body.steps[i].done };
}

static void S_release(struct version *v)
{
	free(v->steps);
	md_body_release(&v->body);
	source_free(v->src);
}

/* Pairs `before` with `after` and checks the pairs against `want` (nafter of them). */
static void S_assert_pairs(const char *before, const char *after, const size_t *want,
			   size_t nwant)
{
	struct version old, new;
	S_version(&old, before);
	S_version(&new, after);
	assert_int_equal(new.n, nwant);
	size_t *pairs = malloc((new.n + 1) * sizeof(*pairs));
	step_match(pairs, old.steps, old.n, new.steps, new.n);
	for (size_t j = 0; j < new.n; j++)
		if (pairs[j] != want[j])
			fail_msg("new step %zu: paired with %zd, wanted %zd", j, (ssize_t)pairs[j],
				 (ssize_t)want[j]);
	free(pairs);
	S_release(&old);
	S_release(&new);
}

#define PAIRS(before, after, ...) do { \
	const size_t want_[] = { __VA_ARGS__ }; \
	S_assert_pairs((before), (after), want_, sizeof(want_) / sizeof(*want_)); \
} while (0)

static void test_a_small_edit_while_ticking_is_the_same_step(void **state)
{
	(void)state;
	PAIRS("- [ ] @lisa-t Rethnik the questions to be more relational (due 2020-06-01)\n"
	      "- [ ] Call *Ana*\n"
	      "- [ ] Book the hall\n",
	      "- [x] @lisa-t Rethink the questions to be relational (due 2020-06-15)\n"
	      "- [x] @maria-g call Ana.\n"
	      "- [ ] Book the hall\n",
	      0, 1, 2);
}

static void test_a_rewritten_step_is_a_new_step(void **state)
{
	(void)state;
	/* The second keeps its words but changes hands: another person's step. */
	PAIRS("- [ ] Call Ana about the rally\n- [ ] @lisa-t Book the hall\n",
	      "- [x] Email the whole base before Friday\n- [x] @maria-g Book the hall tomorrow\n",
	      NONE, NONE);
}

static void test_identical_steps_pair_in_order_same_state_first(void **state)
{
	(void)state;
	PAIRS("- [ ] Call Ana\n- [ ] Call Ana\n", "- [ ] Call Ana\n- [x] Call Ana\n", 0, 1);
	/* A copy written above a done one is new; the done one stays itself. */
	PAIRS("- [ ] Call Ana\n- [x] Call Ana\n",
	      "- [ ] Call Ana\n- [ ] Call Ana\n- [x] Call Ana\n", 0, NONE, 1);
	/* Ticking the second of two open ones ticks the second. */
	PAIRS("- [ ] Call Ana\n- [ ] Call Ana\n", "- [x] Call Ana\n- [ ] Call Ana\n", 1, 0);
}

static void test_reordered_steps_keep_their_pairs(void **state)
{
	(void)state;
	PAIRS("- [ ] Call Ana\n- [ ] Book the hall\n",
	      "- [ ] Print flyers\n- [x] Book the hall\n- [ ] Call Ana\n", NONE, 1, 0);
}

static void test_nothing_before_or_after(void **state)
{
	(void)state;
	PAIRS("No steps here.\n", "- [ ] Call Ana\n", NONE);
	struct version old;
	S_version(&old, "- [ ] Call Ana\n");
	size_t out[1] = { 42 };
	step_match(out, old.steps, old.n, NULL, 0);
	assert_int_equal(out[0], 42);   /* nothing written for no new steps */
	S_release(&old);
}

static void test_a_long_note_compares_only_nearby_leftovers(void **state)
{
	(void)state;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	/* 60 steps, each reworded a little; the first also moves to the end. */
	for (int i = 0; i < 60; i++)
		strbuf_addf(&before, "- [ ] Visit block %d and talk with tenants\n", i);
	for (int i = 1; i < 60; i++)
		strbuf_addf(&after, "- [ ] Visit block %d and talk with the tenants\n", i);
	strbuf_addstr(&after, "- [ ] Visit block 0 and talk with the tenants\n");
	struct version old, new;
	S_version(&old, before.buf);
	S_version(&new, after.buf);
	size_t pairs[60];
	step_match(pairs, old.steps, old.n, new.steps, new.n);
	/* Each reworded step takes its own old version, the most similar near it. */
	for (size_t j = 0; j + 1 < 60; j++)
		assert_int_equal(pairs[j], j + 1);
	/* Block 0, moved 59 places, is past the window: a new step. */
	assert_int_equal(pairs[59], NONE);
	S_release(&old);
	S_release(&new);
	strbuf_release(&before);
	strbuf_release(&after);
}

static void test_similar(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int same;
	} cases[] = {
		{ "Call Ana", "Call Anna", 1 },                      /* a letter added */
		{ "Rethink the questions", "Rethnik the questions", 1 }, /* swapped */
		{ "Book the hall", "Book the hall today", 1 },
		{ "@lisa-t Book the hall", "Book the hall", 1 },      /* one has no owner */
		{ "@lisa-t Book the hall", "@maria-g Book the hall", 1 }, /* same words */
		{ "@lisa-t Book the hall", "@maria-g Book the big hall", 0 },
		{ "Call Ana", "Call Bob", 0 },                       /* half is not more than half */
		{ "Call Ana about the rally", "Email the base before Friday", 0 },
		{ "Go to it", "Go to is", 1 },                       /* 2 of 3 words */
		{ "Go on", "Go no", 0 },                             /* two letters: no typo */
		{ "Call Ana", "...", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct version a, b;
		struct strbuf ta = STRBUF_INIT, tb = STRBUF_INIT;
		strbuf_addf(&ta, "- [ ] %s\n", cases[i].a);
		strbuf_addf(&tb, "- [ ] %s\n", cases[i].b);
		S_version(&a, ta.buf);
		S_version(&b, tb.buf);
		assert_int_equal(a.n + b.n, 2);
		if (step_match_similar(&a.steps[0], &b.steps[0]) != cases[i].same)
			fail_msg("case %zu: '%s' and '%s'", i, cases[i].a, cases[i].b);
		if (step_match_similar(&b.steps[0], &a.steps[0]) != cases[i].same)
			fail_msg("case %zu reversed", i);
		S_release(&a);
		S_release(&b);
		strbuf_release(&ta);
		strbuf_release(&tb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_small_edit_while_ticking_is_the_same_step),
		cmocka_unit_test(test_a_rewritten_step_is_a_new_step),
		cmocka_unit_test(test_identical_steps_pair_in_order_same_state_first),
		cmocka_unit_test(test_reordered_steps_keep_their_pairs),
		cmocka_unit_test(test_nothing_before_or_after),
		cmocka_unit_test(test_a_long_note_compares_only_nearby_leftovers),
		cmocka_unit_test(test_similar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
