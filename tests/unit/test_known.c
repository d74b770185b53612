#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "known.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#define CONFIG \
	"organizers:\n" \
	"  lisa-t: { name: Lisa }\n" \
	"  dee-w: { name: Dee }\n" \
	"themes:\n" \
	"  housing: { label: Housing }\n" \
	"  schools: { label: Schools }\n"

struct fixture {
	struct source *config_src;
	struct config *config;
	struct corpus corpus;
	size_t cap;
	struct strbuf why;
};

/*
 * a.md: lisa-t with maria-g, a mention of #tenants, a step of joe-b's.
 * b.md: private, by marco-r (not in the roster), with dolores-v, of kind
 * phone-call, on the theme secret, a step of dolores-v's.
 */
static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || unit_config(&fx->config, &fx->config_src, CONFIG) < 0)
		return -1;
	struct corpus_note *n = unit_note(&fx->corpus, &fx->cap, "a.md", "2020-05-11", "lisa-t",
					  "maria-g,joe-b", "internal");
	unit_mention(n, "tenants", MENTION_HASHTAG, 8, "The tenants met. #tenants", 0);
	unit_step(n, 12, "joe-b", "@joe-b Call the office", NULL, NULL, 0);
	n = unit_note(&fx->corpus, &fx->cap, "b.md", "2020-05-12", "marco-r", "dolores-v",
		      "private");
	n->kind = "phone-call";
	unit_mention(n, "secret", MENTION_FRONT, 5, NULL, 0);
	unit_step(n, 9, "dolores-v", "@dolores-v Bring the papers", NULL, NULL, 0);
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	strbuf_release(&fx->why);
	corpus_release(&fx->corpus);
	config_free(fx->config);
	source_free(fx->config_src);
	free(fx);
	return 0;
}

static int S_known(struct fixture *fx, enum known_kind kind, const char *value)
{
	strbuf_reset(&fx->why);
	return known_check(&fx->why, &fx->corpus, fx->config, kind, value);
}

/* Not known, and why says `want`. */
static void S_unknown(struct fixture *fx, enum known_kind kind, const char *value,
		      const char *want)
{
	assert_int_equal(S_known(fx, kind, value), 0);
	assert_string_equal(strbuf_str(&fx->why), want);
}

static void test_names_of_the_config_and_of_the_notes_are_known(void **state)
{
	struct fixture *fx = *state;
	/* The roster, even with no note; and an organizer a note names. */
	assert_int_equal(S_known(fx, KNOWN_ORGANIZER, "dee-w"), 1);
	assert_int_equal(S_known(fx, KNOWN_ORGANIZER, "marco-r"), 1);
	assert_int_equal(S_known(fx, KNOWN_PARTICIPANT, "maria-g"), 1);
	assert_int_equal(S_known(fx, KNOWN_PARTICIPANT, "dolores-v"), 1);
	/* The codebook, and a theme only a note mentions. */
	assert_int_equal(S_known(fx, KNOWN_THEME, "schools"), 1);
	assert_int_equal(S_known(fx, KNOWN_THEME, "tenants"), 1);
	assert_int_equal(S_known(fx, KNOWN_KIND, "training"), 1);
	assert_int_equal(S_known(fx, KNOWN_KIND, "phone-call"), 1);
	/* An owner: a step's, a participant's, an organizer's. */
	assert_int_equal(S_known(fx, KNOWN_OWNER, "joe-b"), 1);
	assert_int_equal(S_known(fx, KNOWN_OWNER, "maria-g"), 1);
	assert_int_equal(S_known(fx, KNOWN_OWNER, "dee-w"), 1);
	/* Names are not mixed up: a participant is not an organizer. */
	assert_int_equal(S_known(fx, KNOWN_ORGANIZER, "maria-g"), 0);
	assert_int_equal(S_known(fx, KNOWN_PARTICIPANT, "lisa-t"), 0);
	assert_int_equal(S_known(fx, KNOWN_THEME, "lisa-t"), 0);
}

static void test_a_name_not_known_says_did_you_mean_or_where_it_was_looked_for(void **state)
{
	struct fixture *fx = *state;
	S_unknown(fx, KNOWN_ORGANIZER, "lisa_t", "'lisa_t' is not an organizer; did you mean 'lisa-t'?");
	S_unknown(fx, KNOWN_ORGANIZER, "Dee-W", "'Dee-W' is not an organizer; did you mean 'dee-w'?");
	S_unknown(fx, KNOWN_ORGANIZER, "zed", "'zed' is not an organizer: not in the roster in"
		  " perennial.yml nor in any note");
	S_unknown(fx, KNOWN_PARTICIPANT, "maria", "'maria' is not a participant; did you mean 'maria-g'?");
	S_unknown(fx, KNOWN_PARTICIPANT, "zed", "'zed' is not a participant: no note has it among"
		  " its participants");
	S_unknown(fx, KNOWN_THEME, "housnig", "'housnig' is not a theme; did you mean 'housing'?");
	S_unknown(fx, KNOWN_THEME, "tennats", "'tennats' is not a theme; did you mean 'tenants'?");
	S_unknown(fx, KNOWN_THEME, "zed", "'zed' is not a theme: not in the codebook in"
		  " perennial.yml nor in any note");
	S_unknown(fx, KNOWN_KIND, "one-to-one", "'one-to-one' is not a kind; did you mean 'one-on-one'?");
	S_unknown(fx, KNOWN_KIND, "zed", "'zed' is not a kind: one of one-on-one, house-meeting,"
		  " group, training");
	S_unknown(fx, KNOWN_OWNER, "joeb", "'joeb' is not an owner; did you mean 'joe-b'?");
	S_unknown(fx, KNOWN_OWNER, "zed", "'zed' is not an owner: not in the roster in"
		  " perennial.yml nor in any note");
}

/* What only a private note holds is known, but never offered. */
static void test_did_you_mean_never_names_what_only_a_private_note_holds(void **state)
{
	struct fixture *fx = *state;
	S_unknown(fx, KNOWN_PARTICIPANT, "dolores", "'dolores' is not a participant: no note has it"
		  " among its participants");
	S_unknown(fx, KNOWN_OWNER, "dolores", "'dolores' is not an owner: not in the roster in"
		  " perennial.yml nor in any note");
	S_unknown(fx, KNOWN_ORGANIZER, "marco", "'marco' is not an organizer: not in the roster in"
		  " perennial.yml nor in any note");
	S_unknown(fx, KNOWN_THEME, "secrets", "'secrets' is not a theme: not in the codebook in"
		  " perennial.yml nor in any note");
	S_unknown(fx, KNOWN_KIND, "phone-calls", "'phone-calls' is not a kind: one of one-on-one,"
		  " house-meeting, group, training");
}

/* With no kind field to choose from, the notes' kinds are what there is. */
static void test_kinds_without_a_choice_in_the_config(void **state)
{
	(void)state;
	struct config *config;
	struct source *src;
	struct corpus corpus = CORPUS_INIT;
	struct strbuf why = STRBUF_INIT;
	size_t cap = 0;
	assert_int_equal(unit_config(&config, &src, "fields:\n  kind: { type: text }\n"), 0);
	unit_note(&corpus, &cap, "a.md", "2020-05-11", "lisa-t", "", "internal");
	assert_int_equal(known_check(&why, &corpus, config, KNOWN_KIND, "one-on-one"), 1);
	assert_int_equal(known_check(&why, &corpus, config, KNOWN_KIND, "one-on-on"), 0);
	assert_string_equal(strbuf_str(&why), "'one-on-on' is not a kind; did you mean 'one-on-one'?");
	assert_int_equal(known_check(&why, &corpus, config, KNOWN_KIND, "zed"), 0);
	assert_string_equal(strbuf_str(&why), "'zed' is not a kind: no note is of that kind");
	strbuf_release(&why);
	corpus_release(&corpus);
	config_free(config);
	source_free(src);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_names_of_the_config_and_of_the_notes_are_known),
		T(test_a_name_not_known_says_did_you_mean_or_where_it_was_looked_for),
		T(test_did_you_mean_never_names_what_only_a_private_note_holds),
		cmocka_unit_test(test_kinds_without_a_choice_in_the_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
