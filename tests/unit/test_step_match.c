#include "unit.h"

#include <stdlib.h>

#include "markdown.h"
#include "source.h"
#include "step_match.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * Each case is two versions of a note's next steps, written as Markdown
 * and parsed as perennial parses notes (so the keys are the parser's), and
 * the pairing they must give: for each new step, the old step it
 * continues, or NEW for a step written in the new version.
 */
#define NEW (-1)

struct version {
	struct source *src;
	struct md_body body;
	struct step_match_step *steps;   /* pointers into body */
};

static void S_version(struct version *v, const char *markdown)
{
	v->src = source_new("note.md", markdown, strlen(markdown));
	v->body = (struct md_body)MD_BODY_INIT;
	md_parse(&v->body, v->src, 0, 1, MD_ALL);
	v->steps = xcalloc(v->body.nsteps + 1, sizeof(*v->steps));
	for (size_t i = 0; i < v->body.nsteps; i++)
		v->steps[i] = (struct step_match_step){ v->body.steps[i].key, v->body.steps[i].owner,
							v->body.steps[i].done };
}

static void S_version_release(struct version *v)
{
	free(v->steps);
	md_body_release(&v->body);
	source_free(v->src);
}

/* Pairs old with new: out has one number for each new step. */
static size_t *S_match(const struct version *old, const struct version *new)
{
	size_t *out = xmalloc((new->body.nsteps + 1) * sizeof(*out));
	step_match(out, old->steps, old->body.nsteps, new->steps, new->body.nsteps);
	return out;
}

/* The new version's steps continue the old one's as `want` says (n numbers, NEW for none). */
#define assert_pairs(old, new, n, ...) \
	S_assert_pairs((old), (new), (n), (const long[]){ __VA_ARGS__ }, __FILE__, __LINE__)

static void S_assert_pairs(const char *old_md, const char *new_md, size_t n, const long *want,
			   const char *at_file, int at)
{
	struct version old, new;
	S_version(&old, old_md);
	S_version(&new, new_md);
	_assert_int_equal(new.body.nsteps, n, at_file, at);
	size_t *got = S_match(&old, &new);
	for (size_t j = 0; j < n; j++) {
		size_t expected = want[j] == NEW ? STEP_MATCH_NONE : (size_t)want[j];
		if (got[j] != expected) {
			print_error("new step %zu ('%s'): paired with %ld, expected %ld\n", j,
				    new.body.steps[j].text,
				    got[j] == STEP_MATCH_NONE ? -1L : (long)got[j], want[j]);
			_fail(at_file, at);
		}
	}
	free(got);
	S_version_release(&old);
	S_version_release(&new);
}

/* --- Round one: the same words --- */

static void test_unchanged_steps_pair_in_place(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana\n- [ ] Book the hall\n- [x] Print flyers\n",
		     "- [ ] Call Ana\n- [ ] Book the hall\n- [x] Print flyers\n",
		     3, 0, 1, 2);
}

/* Ticking, unticking, and a step born done beside them. */
static void test_ticked_and_unticked_steps_pair(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana\n- [x] Book the hall\n",
		     "- [x] Call Ana\n- [ ] Book the hall\n- [x] Thank Bo\n",
		     3, 0, 1, NEW);
}

/* The owner, the due day, case, emphasis and the end's punctuation are no part of the words. */
static void test_same_words_whatever_their_dress(void **state)
{
	(void)state;
	assert_pairs("- [ ] @lisa-t Call *Ana* (due 2020-06-01)\n"
		     "- [ ] @dee-w, bring the leases\n"
		     "- [ ] Ask about `rent`\n",
		     "- [x] @maria-g call Ana.\n"
		     "- [x] Bring the leases (Due 2020-06-03)!\n"
		     "- [ ] @dee-w: ask ABOUT rent\n",
		     3, 0, 1, 2);
}

static void test_reordered_steps_keep_their_pairs(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana\n- [ ] Book the hall\n",
		     "- [ ] Print flyers\n- [x] Book the hall\n- [ ] Call Ana\n",
		     3, NEW, 1, 0);
}

/* Identical steps pair in order: ticking the second ticks the second. */
static void test_identical_steps_pair_in_order(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana\n- [ ] Call Ana\n",
		     "- [ ] Call Ana\n- [x] Call Ana\n",
		     2, 0, 1);
	/* One more written at the end is the new one. */
	assert_pairs("- [ ] Call Ana\n- [ ] Call Ana\n",
		     "- [ ] Call Ana\n- [ ] Call Ana\n- [ ] Call Ana\n",
		     3, 0, 1, NEW);
}

/*
 * Identical steps in the same state pair first: a copy written above a
 * done one is a new open step, and the done one stays done; swapped
 * states swap the pairs rather than tick one and untick the other.
 */
static void test_identical_steps_pair_by_state_first(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana\n- [x] Call Ana\n",
		     "- [ ] Call Ana\n- [ ] Call Ana\n- [x] Call Ana\n",
		     3, 0, NEW, 1);
	assert_pairs("- [x] Call Ana\n- [ ] Call Ana\n",
		     "- [ ] Call Ana\n- [x] Call Ana\n",
		     2, 1, 0);
	/* No same state left: the rest pair in order. */
	assert_pairs("- [ ] Call Ana\n- [ ] Call Ana\n",
		     "- [x] Call Ana\n- [x] Call Ana\n",
		     2, 0, 1);
}

/* A step whose copy is removed: the one left continues the first. */
static void test_duplicate_removed(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana\n- [ ] Book the hall\n- [ ] Call Ana\n",
		     "- [ ] Book the hall\n- [ ] Call Ana\n",
		     2, 1, 0);
}

/* The same words under another owner are the same step handed over. */
static void test_same_words_new_owner(void **state)
{
	(void)state;
	assert_pairs("- [ ] @lisa-t Book the hall\n",
		     "- [ ] @maria-g Book the hall\n",
		     1, 0);
}

/* --- Round two: similar words --- */

/* A typo fixed, a word dropped or added, all while ticking. */
static void test_small_edits_are_the_same_step(void **state)
{
	(void)state;
	assert_pairs("- [ ] @lisa-t Rethnik the questions to be more relational (due 2020-06-01)\n"
		     "- [ ] Book the hall\n"
		     "- [ ] Call Ana\n",
		     "- [x] @lisa-t Rethink the questions to be relational (due 2020-06-15)\n"
		     "- [x] Book the big hall\n"
		     "- [ ] Call Anna\n",
		     3, 0, 1, 2);
}

/* Rewritten: another step; and the same words in other hands, changed, are another's. */
static void test_rewritten_step_is_a_new_step(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana about the rally\n- [ ] @lisa-t Book the hall\n",
		     "- [x] Email the whole base before Friday\n"
		     "- [x] @maria-g Book the hall tomorrow\n",
		     2, NEW, NEW);
	/* An owner added or dropped does not stand in the way. */
	assert_pairs("- [ ] Book the hall\n- [ ] @lisa-t Print the flyers\n",
		     "- [ ] @lisa-t Book the hall tomorrow\n- [ ] Print flyers\n",
		     2, 0, 1);
}

/* Whether two single steps are one step edited. */
static void test_similarity(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int same;
	} cases[] = {
		{ "Call Ana", "Call Anna", 1 },                         /* a letter added */
		{ "Call Anna", "Call Ana", 1 },                         /* dropped */
		{ "Call Ana", "Call Ann", 1 },                          /* changed */
		{ "Rethink the questions", "Rethnik the questions", 1 }, /* swapped */
		{ "Book the hall", "Book the hall today", 1 },
		{ "Book the hall", "@lisa-t Book the hall now", 1 },
		{ "@lisa-t Book the hall", "@maria-g Book the big hall", 0 },
		{ "Call Ana", "Call Bob", 0 },              /* half is not more than half */
		{ "Call Ana about the rally", "Email the base before Friday", 0 },
		{ "Go to it", "Go to is", 1 },              /* 2 of 3 words */
		{ "Go on", "Go no", 0 },                    /* two letters: no typo */
		{ "Call Ana", "Clal Bob", 0 },              /* a typo of one word is half */
		{ "Call Ana", "(due 2020-01-01)", 0 },      /* no words against two */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int reversed = 0; reversed < 2; reversed++) {
			struct version a, b;
			struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;
			strbuf_addf(&sa, "- [ ] %s\n", reversed ? cases[i].b : cases[i].a);
			strbuf_addf(&sb, "- [x] %s\n", reversed ? cases[i].a : cases[i].b);
			S_version(&a, sa.buf);
			S_version(&b, sb.buf);
			size_t *got = S_match(&a, &b);
			if ((got[0] == 0) != cases[i].same)
				fail_msg("'%s' and '%s'%s", cases[i].a, cases[i].b,
					 reversed ? ", reversed" : "");
			free(got);
			S_version_release(&a);
			S_version_release(&b);
			strbuf_release(&sa);
			strbuf_release(&sb);
		}
	}
}

/* Each new step in order takes the most similar old one; an old step continues once. */
static void test_most_similar_taken_once(void **state)
{
	(void)state;
	/* The second old step shares more words with the new one. */
	assert_pairs("- [ ] Call Ana about the rent today\n- [ ] Call Ana about the rent\n",
		     "- [ ] Phone Ana about the rent\n",
		     1, 1);
	/* Of equals, the first; the second new step gets the one left. */
	assert_pairs("- [ ] Call Ana now\n- [ ] Call Ana now\n",
		     "- [ ] Phone Ana now\n- [ ] Ring Ana now\n",
		     2, 0, 1);
	/* Two new steps like one old one: the first takes it. */
	assert_pairs("- [ ] Call Ana about the rent\n",
		     "- [ ] Phone Ana about the rent\n- [ ] Ring Ana about the rent\n",
		     2, 0, NEW);
}

/* A step paired by its words is not taken again by a similar one. */
static void test_round_one_before_round_two(void **state)
{
	(void)state;
	assert_pairs("- [ ] Call Ana about the rent\n",
		     "- [ ] Call Ana about the rents\n- [ ] Call Ana about the rent\n",
		     2, NEW, 0);
}

/* --- Edges --- */

static void test_no_steps_on_either_side(void **state)
{
	(void)state;
	assert_pairs("", "- [ ] Call Ana\n- [x] Book the hall\n", 2, NEW, NEW);
	assert_pairs("- [ ] Call Ana\n", "No steps any more.\n", 0, 0);
	assert_pairs("", "", 0, 0);
	/* Steps of no words pair by their (empty) keys. */
	assert_pairs("- [ ] @lisa-t\n- [ ]\n", "- [x] @lisa-t\n", 1, 0);
}

/*
 * Many steps: every one reworded and every hundredth ticked, and thousands
 * of identical steps, still pair rightly (how fast is make bench's).
 */
static void test_thousands_of_steps(void **state)
{
	(void)state;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	enum { N = 3000 };

	for (int i = 0; i < N; i++) {
		strbuf_addf(&before, "- [ ] Call neighbour number %d about the meeting\n", i);
		strbuf_addf(&after, "- [%c] Call neighbour number %d about meeting\n",
			    i % 100 == 0 ? 'x' : ' ', i);
	}
	struct version old, new;
	S_version(&old, before.buf);
	S_version(&new, after.buf);
	size_t *got = S_match(&old, &new), wrong = 0;
	for (size_t j = 0; j < N; j++)
		wrong += got[j] != j;
	assert_int_equal(wrong, 0);
	free(got);
	S_version_release(&old);
	S_version_release(&new);

	strbuf_reset(&before);
	strbuf_reset(&after);
	for (int i = 0; i < N; i++) {
		strbuf_addstr(&before, "- [ ] Call Ana\n");
		strbuf_addstr(&after, i % 2 ? "- [x] Call Ana\n" : "- [ ] Call Ana\n");
	}
	S_version(&old, before.buf);
	S_version(&new, after.buf);
	got = S_match(&old, &new);
	/* Open with open first, then the done ones take the old steps left, in order. */
	for (size_t j = 0; j < N; j++)
		wrong += got[j] != (j % 2 ? N / 2 + j / 2 : j / 2);
	assert_int_equal(wrong, 0);
	free(got);
	S_version_release(&old);
	S_version_release(&new);
	strbuf_release(&before);
	strbuf_release(&after);
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
 * though it is far from the first of the leftovers.
 */
static void test_edited_step_found_among_many_removed(void **state)
{
	(void)state;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT, line = STRBUF_INIT;
	enum { N = 40, REMOVED = 30 };

	for (unsigned i = 0; i < N; i++) {
		strbuf_reset(&line);
		S_distinct_step(&line, i);
		strbuf_addf(&before, "- [ ]%s\n", line.buf);
		if (i < REMOVED)
			continue;
		/* The last step: its last letter changed, and ticked. */
		if (i == N - 1)
			line.buf[line.len - 1] = line.buf[line.len - 1] == 'z' ? 'y' : 'z';
		strbuf_addf(&after, "- [%c]%s\n", i == N - 1 ? 'x' : ' ', line.buf);
	}
	struct version old, new;
	S_version(&old, before.buf);
	S_version(&new, after.buf);
	size_t *got = S_match(&old, &new);
	for (size_t j = 0; j < N - REMOVED; j++)
		assert_int_equal(got[j], REMOVED + j);
	free(got);
	S_version_release(&old);
	S_version_release(&new);
	strbuf_release(&before);
	strbuf_release(&after);
	strbuf_release(&line);
}

/*
 * Far apart in a long note, a leftover old step is out of a new step's
 * window: with more than 17 leftovers, the first new step is compared only
 * with the old ones near its own place.
 */
static void test_window_is_bounded(void **state)
{
	(void)state;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT, line = STRBUF_INIT;
	enum { N = 60 };

	for (unsigned i = 0; i < N; i++) {
		strbuf_reset(&line);
		S_distinct_step(&line, i);
		strbuf_addf(&before, "- [ ]%s\n", line.buf);
		/* The new version: the last old step, with a typo, first; then others. */
		if (i == 0) {
			strbuf_reset(&line);
			S_distinct_step(&line, N - 1);
			line.buf[line.len - 1] = line.buf[line.len - 1] == 'z' ? 'y' : 'z';
			strbuf_addf(&after, "- [ ]%s\n", line.buf);
		} else {
			strbuf_reset(&line);
			S_distinct_step(&line, 1000 + i);
			strbuf_addf(&after, "- [ ]%s\n", line.buf);
		}
	}
	struct version old, new;
	S_version(&old, before.buf);
	S_version(&new, after.buf);
	size_t *got = S_match(&old, &new);
	assert_int_equal(got[0], STEP_MATCH_NONE);
	free(got);
	S_version_release(&old);
	S_version_release(&new);
	strbuf_release(&before);
	strbuf_release(&after);
	strbuf_release(&line);
}

static void test_free_null(void **state)
{
	(void)state;
	step_match_steps_free(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged_steps_pair_in_place),
		cmocka_unit_test(test_ticked_and_unticked_steps_pair),
		cmocka_unit_test(test_same_words_whatever_their_dress),
		cmocka_unit_test(test_reordered_steps_keep_their_pairs),
		cmocka_unit_test(test_identical_steps_pair_in_order),
		cmocka_unit_test(test_identical_steps_pair_by_state_first),
		cmocka_unit_test(test_duplicate_removed),
		cmocka_unit_test(test_same_words_new_owner),
		cmocka_unit_test(test_small_edits_are_the_same_step),
		cmocka_unit_test(test_rewritten_step_is_a_new_step),
		cmocka_unit_test(test_similarity),
		cmocka_unit_test(test_most_similar_taken_once),
		cmocka_unit_test(test_round_one_before_round_two),
		cmocka_unit_test(test_no_steps_on_either_side),
		cmocka_unit_test(test_thousands_of_steps),
		cmocka_unit_test(test_edited_step_found_among_many_removed),
		cmocka_unit_test(test_window_is_bounded),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
