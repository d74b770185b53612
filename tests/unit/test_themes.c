#include "unit.h"

#include <stdlib.h>

#include "config.h"
#include "corpus.h"
#include "error.h"
#include "source.h"
#include "privacy.h"
#include "themes.h"
#include "themes_print.h"
#include "xalloc.h"

/* housing with a sub-theme, and a third theme beside them. */
#define CONFIG \
	"themes:\n" \
	"  housing: { label: Housing }\n" \
	"  tenants: { label: Tenant organizing, parent: housing }\n" \
	"  schools: { label: Schools }\n"

struct fixture {
	struct source *config_src;
	struct config *config;
	struct corpus corpus;
	size_t cap;
	struct themes_report report;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || unit_config(&fx->config, &fx->config_src, CONFIG) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	themes_report_release(&fx->report);
	corpus_release(&fx->corpus);
	config_free(fx->config);
	source_free(fx->config_src);
	free(fx);
	return 0;
}

#define S_note(fx, ...) unit_note(&(fx)->corpus, &(fx)->cap, __VA_ARGS__)

/* The summary of the story as the themes command makes it: through the privacy pass. */
static void S_summarize(struct fixture *fx, const struct themes_filter *filter)
{
	themes_report_release(&fx->report);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	themes_summarize(&fx->report, &fx->corpus, fx->config, filter);
}

/* A: lisa, W20, on tenants and schools. B: dee, W20, private. C: lisa, W21, a quote. */
static void S_story(struct fixture *fx)
{
	struct corpus_note *n;
	n = S_note(fx, "a.md", "2020-05-11", "lisa-t", "maria-g", "internal");
	unit_mention(n, "tenants", MENTION_PATTERN, 8, "The tenants union met.", 0);
	unit_mention(n, "schools", MENTION_FRONT, 5, NULL, 0);
	n = S_note(fx, "b.md", "2020-05-12", "dee-w", "maria-g,joe-b", "private");
	unit_mention(n, "housing", MENTION_HASHTAG, 9, "What she told me in confidence. #housing", 0);
	n = S_note(fx, "c.md", "2020-05-20", "lisa-t", "", "public");
	unit_mention(n, "housing", MENTION_PATTERN, 10, "\"The rent doubled.\"", 1);
	unit_mention(n, "nope", MENTION_HASHTAG, 11, "Not a theme.", 0);
	/* No day: never counted. */
	n = S_note(fx, "d.md", "someday", "lisa-t", "ana-r", "public");
	unit_mention(n, "housing", MENTION_FRONT, 5, NULL, 0);
}

static const struct theme_summary *S_find(const struct themes_report *r, const char *id)
{
	for (size_t i = 0; i < r->len; i++)
		if (strcmp(r->themes[i].theme->id, id) == 0)
			return &r->themes[i];
	fail_msg("no summary for %s", id);
	return NULL;
}

static void test_a_theme_counts_its_sub_themes(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter all = { 0 };

	S_story(fx);
	S_summarize(fx, &all);
	assert_int_equal(fx->report.conversations, 3);
	assert_int_equal(fx->report.len, 3);
	/* Most discussed first; a tie goes by id. */
	assert_string_equal(fx->report.themes[0].theme->id, "housing");
	assert_string_equal(fx->report.themes[1].theme->id, "schools");
	assert_string_equal(fx->report.themes[2].theme->id, "tenants");

	const struct theme_summary *h = S_find(&fx->report, "housing");
	assert_int_equal(h->conversations, 3);
	assert_int_equal(h->mentions, 3);
	assert_int_equal(h->organizers, 2);
	assert_int_equal(h->people, 2);
	assert_string_equal(h->first_seen, "2020-05-11");
	assert_string_equal(h->last_seen, "2020-05-20");
	assert_int_equal(h->nweeks, 2);
	assert_int_equal(h->weeks[0].week.week, 20);
	assert_int_equal(h->weeks[0].conversations, 2);
	assert_int_equal(h->weeks[1].week.week, 21);
	/* With schools (note A); its own sub-theme says nothing new. */
	assert_int_equal(h->nwith, 1);
	assert_string_equal(h->with[0].theme->id, "schools");

	const struct theme_summary *t = S_find(&fx->report, "tenants");
	assert_int_equal(t->conversations, 1);
	assert_int_equal(t->nwith, 1);
	assert_string_equal(t->with[0].theme->id, "schools");

	const struct theme_summary *s = S_find(&fx->report, "schools");
	assert_int_equal(s->nwith, 2);
	assert_string_equal(s->with[0].theme->id, "housing");
	assert_string_equal(s->with[1].theme->id, "tenants");
	assert_int_equal(s->nevidence, 0);
}

static void test_private_notes_count_but_are_never_quoted(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter all = { 0 };

	S_story(fx);
	S_summarize(fx, &all);
	const struct theme_summary *h = S_find(&fx->report, "housing");
	/* B counts (3 conversations) but gives no evidence; C's quote comes first. */
	assert_int_equal(h->nevidence, 2);
	assert_string_equal(h->evidence[0].note->path, "c.md");
	assert_true(h->evidence[0].mention->quoted);
	assert_string_equal(h->evidence[1].note->path, "a.md");
}

static void test_consents_privacy_quote_leaves_out(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter all = { 0 };

	S_story(fx);
	/* Only public notes may be quoted: A (internal) drops out too. */
	free(fx->config->privacy.quote[1]);
	fx->config->privacy.nquote = 1;
	S_summarize(fx, &all);
	const struct theme_summary *h = S_find(&fx->report, "housing");
	assert_int_equal(h->nevidence, 1);
	assert_string_equal(h->evidence[0].note->path, "c.md");
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct date since, until;
	date_parse(&since, "2020-05-12", 10);
	date_parse(&until, "2020-05-19", 10);
	struct themes_filter week = { &since, &until, NULL, 0 };
	struct themes_filter lisa = { NULL, NULL, "lisa-t", 0 };

	S_story(fx);
	S_summarize(fx, &week);
	assert_int_equal(fx->report.conversations, 1);
	assert_int_equal(S_find(&fx->report, "housing")->conversations, 1);
	assert_int_equal(S_find(&fx->report, "schools")->conversations, 0);
	themes_report_release(&fx->report);

	S_summarize(fx, &lisa);
	assert_int_equal(fx->report.conversations, 2);
	assert_int_equal(S_find(&fx->report, "housing")->conversations, 2);
	assert_int_equal(S_find(&fx->report, "housing")->people, 1);
}

static void test_trend_and_best_evidence(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter all = { 0 };
	struct corpus_note *n;

	/* Five paragraphs and a quote, one of them twice: three kept, no repeat. */
	n = S_note(fx, "1.md", "2020-03-02", "lisa-t", "", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "old", 0);
	n = S_note(fx, "2.md", "2020-03-30", "lisa-t", "", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "same", 0);
	unit_mention(n, "schools", MENTION_PATTERN, 9, "a quote", 1);
	n = S_note(fx, "3.md", "2020-04-06", "lisa-t", "", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "same", 0);
	n = S_note(fx, "4.md", "2020-04-07", "lisa-t", "", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "newest", 0);
	S_summarize(fx, &all);
	const struct theme_summary *s = S_find(&fx->report, "schools");
	assert_int_equal(s->nevidence, 3);
	assert_string_equal(s->evidence[0].mention->evidence, "a quote");
	assert_string_equal(s->evidence[1].mention->evidence, "newest");
	assert_string_equal(s->evidence[2].mention->evidence, "same");
	assert_string_equal(s->evidence[2].note->path, "3.md");

	/* W10 (1), W14 (1), W15 (2); five weeks up to W15, oldest first. */
	size_t counts[5];
	themes_trend(s, &fx->report.last_week, counts, 5);
	assert_int_equal(fx->report.last_week.week, 15);
	size_t want[5] = { 0, 0, 0, 1, 2 };
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(counts[i], want[i]);
}

/* Evidence held apart from a corpus, as an index holds it, and how often it is read. */
struct apart {
	struct fixture *fx;
	struct strlist texts;     /* by note: its one mention's */
	size_t reads;
	int fail;
};

static int S_read_apart(void *ctx, const struct corpus_note *note, struct corpus_evidence *out)
{
	struct apart *apart = ctx;
	if (apart->fail)
		return error_set("the index is gone");
	apart->reads++;
	strlist_add(&out->texts, apart->texts.items[note - apart->fx->corpus.notes]);
	out->shown = xcalloc(note->nmentions + 1, sizeof(*out->shown));
	out->copies = xcalloc(note->nmentions + 1, sizeof(*out->copies));
	privacy_evidence(out->shown, out->copies, note, (const char *const *)out->texts.items,
			 apart->fx->config, PRIVACY_TERMINAL);
	return 0;
}

/* The corpus's evidence moved apart, for corpus_evidence to read as it is asked for. */
static void S_move_apart(struct apart *apart, struct fixture *fx)
{
	apart->fx = fx;
	for (size_t i = 0; i < fx->corpus.len; i++) {
		struct corpus_mention *m = &fx->corpus.notes[i].mentions[0];
		m->evidence_n = 1;
		strlist_add_owned(&apart->texts, m->evidence);
		m->evidence = NULL;
	}
	corpus_read_later(&fx->corpus, S_read_apart, apart);
}

static void test_evidence_read_as_chosen(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter all = { 0 };
	struct apart apart = { 0 };
	struct corpus_note *n;
	char day[32];

	/* A year of paragraphs, then the newest: a quote, a repeat, a private note's. */
	for (int i = 0; i < 300; i++) {
		snprintf(day, sizeof(day), "2019-%02d-%02d", 1 + i / 28, 1 + i % 28);
		n = S_note(fx, day, day, "lisa-t", "", "internal");
		unit_mention(n, "schools", MENTION_PATTERN, 7, i % 2 ? "same" : day, 0);
	}
	n = S_note(fx, "q.md", "2020-03-02", "lisa-t", "maria-g", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "maria-g said \"a quote\"", 1);
	n = S_note(fx, "r.md", "2020-03-03", "lisa-t", "", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "same", 0);
	n = S_note(fx, "s.md", "2020-03-04", "lisa-t", "", "private");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "never read", 1);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	S_move_apart(&apart, fx);

	assert_int_equal(themes_summarize(&fx->report, &fx->corpus, fx->config, &all), 0);
	const struct theme_summary *s = S_find(&fx->report, "schools");
	assert_int_equal(s->nevidence, 3);
	assert_string_equal(s->evidence[0].shown, "maria-g said \"a quote\"");
	assert_string_equal(s->evidence[1].text, "same");
	assert_string_equal(s->evidence[1].note->path, "r.md");
	/* The newest paragraph of the year that does not repeat "same". */
	assert_string_equal(s->evidence[2].text, "2019-11-19");
	/* Only what could be kept was read: not the private note, not the year. */
	assert_in_range(apart.reads, 3, 5);

	/* Evidence that cannot be read is an error, and no summary. */
	themes_report_release(&fx->report);
	corpus_release(&fx->corpus);
	strlist_release(&apart.texts);
	fx->cap = 0;
	n = S_note(fx, "q.md", "2020-03-02", "lisa-t", "", "internal");
	unit_mention(n, "schools", MENTION_PATTERN, 7, "words", 0);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	apart = (struct apart){ 0 };
	S_move_apart(&apart, fx);
	apart.fail = 1;
	size_t mark = error_mark();
	assert_int_equal(themes_summarize(&fx->report, &fx->corpus, fx->config, &all), -1);
	assert_int_equal(fx->report.len, 0);
	assert_true(error_mark() > mark);
	error_forget_since(mark);
	strlist_release(&apart.texts);
}

/* Forty notes over ten weeks, by two organizers, with five people again and again. */
static void S_many(struct corpus *corpus, size_t *cap)
{
	static const char *const people[] = { "maria-g", "joe-b,ana-r", "", "maria-g,ana-r,kim-l",
					      "ana-r,sam-p" };
	static const char *const themes[] = { "housing", "tenants", "schools" };
	char path[32], day[32], words[64];
	for (int i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "%02d.md", i);
		snprintf(day, sizeof(day), "2020-%02d-%02d", 3 + i / 14, 1 + (i * 2) % 28);
		struct corpus_note *n = unit_note(corpus, cap, path, i == 7 ? "someday" : day,
						  i % 3 ? "lisa-t" : "dee-w", people[i % 5],
						  i % 11 == 4 ? "private" : "internal");
		for (int m = 0; m < 1 + i % 3; m++) {
			snprintf(words, sizeof(words), "words %d", (i * 7 + m) % 9);
			unit_mention(n, themes[(i + m) % 3], MENTION_PATTERN, 7 + (unsigned)m, words,
				     (i + m) % 4 == 0);
		}
	}
}

/* The report as JSON text, to compare two. */
static char *S_json(const struct themes_report *report)
{
	json_t *json = themes_json(report);
	char *text = json_dumps(json, JSON_SORT_KEYS);
	json_decref(json);
	return text;
}

static void test_notes_handed_over_one_at_a_time(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter filters[] = { { 0 }, { .organizer = "lisa-t" },
					   { 0, .without_evidence = 1 } };
	struct corpus apart = CORPUS_INIT;
	size_t cap = 0;

	S_many(&fx->corpus, &fx->cap);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	for (size_t f = 0; f < sizeof(filters) / sizeof(*filters); f++) {
		themes_summarize(&fx->report, &fx->corpus, fx->config, &filters[f]);
		char *whole = S_json(&fx->report);
		themes_report_release(&fx->report);

		/* The same notes in another order, each taken when its evidence is kept. */
		S_many(&apart, &cap);
		privacy_apply(&apart, fx->config, PRIVACY_TERMINAL);
		struct themes_tally *t = themes_tally_new(fx->config, &filters[f]);
		for (size_t k = 0; k < apart.len; k++)
			assert_int_equal(themes_tally_note(t, &apart, &apart.notes[(k * 17) % apart.len],
							   1), 0);
		themes_tally_end(t, &fx->report);
		corpus_release(&apart);   /* what the report quotes is its own */
		cap = 0;
		char *handed = S_json(&fx->report);
		assert_string_equal(handed, whole);
		if (filters[f].without_evidence)
			assert_int_equal(fx->report.nnotes, 0);
		else
			assert_in_range(fx->report.nnotes, 1, 3 * fx->report.len);
		const struct theme_summary *s = S_find(&fx->report, "housing");
		assert_int_equal(s->people, 5);   /* seen again and again, counted once */
		themes_report_release(&fx->report);
		free(whole);
		free(handed);
	}
}

static void test_nothing_to_count(void **state)
{
	struct fixture *fx = *state;
	struct themes_filter all = { 0 };

	S_summarize(fx, &all);
	assert_int_equal(fx->report.conversations, 0);
	assert_int_equal(fx->report.len, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(fx->report.themes[i].conversations, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_a_theme_counts_its_sub_themes),
		T(test_private_notes_count_but_are_never_quoted),
		T(test_consents_privacy_quote_leaves_out),
		T(test_filters),
		T(test_trend_and_best_evidence),
		T(test_evidence_read_as_chosen),
		T(test_notes_handed_over_one_at_a_time),
		T(test_nothing_to_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
