#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "index.h"
#include "privacy.h"
#include "source.h"
#include "table.h"

#define CONFIG(redact) \
	"organizers:\n  lisa-t: { name: Lisa }\n" \
	"privacy:\n  quote: [public]\n  redact: [" redact "]\n"

struct fixture {
	struct source *config_src;
	struct config *config;
	struct corpus corpus;
	size_t cap;
};

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	corpus_release(&fx->corpus);
	config_free(fx->config);
	source_free(fx->config_src);
	free(fx);
	return 0;
}

/* Three notes: a public one naming maria-g, an internal one, a private one. */
static struct fixture *S_story(const char *yml)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	assert_int_equal(unit_config(&fx->config, &fx->config_src, yml), 0);
	struct corpus_note *n = unit_note(&fx->corpus, &fx->cap, "notes/a.md", "2020-05-12",
					  "lisa-t", "maria-g", "public");
	free(n->title);
	n->title = strdup("Maria-G and lisa-t on rent");
	unit_mention(n, "housing", MENTION_PATTERN, 9, "@maria-g said: \xE2\x80\x9CMaria-G\xE2\x80\x9D pays.", 1);
	unit_step(n, 12, "maria-g", "@maria-g Ask maria-gomez about the lease", NULL, NULL, 0);
	unit_step(n, 13, "lisa-t", "@lisa-t Call maria-g", NULL, NULL, 0);
	n = unit_note(&fx->corpus, &fx->cap, "notes/b.md", "2020-05-13", "lisa-t", "joe-b",
		      "internal");
	unit_mention(n, "housing", MENTION_PATTERN, 9, "Internal words.", 0);
	n = unit_note(&fx->corpus, &fx->cap, "notes/c.md", "2020-05-14", "lisa-t", "ana-r",
		      "private");
	unit_mention(n, "housing", MENTION_PATTERN, 9, "Words never shown.", 1);
	unit_step(n, 9, "ana-r", "@ana-r Something quiet", NULL, NULL, 0);
	return fx;
}

static void test_a_private_note_is_never_named_linked_or_quoted(void **state)
{
	struct fixture *fx = *state = S_story(CONFIG(""));
	for (int audience = PRIVACY_TERMINAL; audience <= PRIVACY_NETWORK; audience++) {
		privacy_apply(&fx->corpus, fx->config, audience);
		const struct corpus_note *c = &fx->corpus.notes[2];
		assert_false(c->shown.named);
		assert_null(c->shown.id);
		assert_null(c->shown.path);
		assert_null(c->shown.title);
		assert_null(c->mentions[0].shown);
		assert_null(c->steps[0].shown_words);
		/* Counted still, its participant not named: the step's owner and the kind. */
		assert_string_equal(c->steps[0].shown_owner, "a participant");
		assert_string_equal(c->shown.kind, "one-on-one");
	}
}

static void test_only_consents_in_privacy_quote_are_quoted(void **state)
{
	struct fixture *fx = *state = S_story(CONFIG(""));
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	assert_non_null(fx->corpus.notes[0].mentions[0].shown);
	/* internal is not in privacy.quote here: named, but not quoted. */
	assert_true(fx->corpus.notes[1].shown.named);
	assert_null(fx->corpus.notes[1].mentions[0].shown);
}

static void test_the_terminal_sees_names_a_report_does_not(void **state)
{
	struct fixture *fx = *state = S_story(CONFIG("participants, organizer"));
	const struct corpus_note *a = &fx->corpus.notes[0];

	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	assert_string_equal(a->shown.title, "Maria-G and lisa-t on rent");
	assert_string_equal(a->steps[0].shown_owner, "maria-g");
	assert_string_equal(a->shown.organizer, "lisa-t");

	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);
	assert_string_equal(a->shown.title, "a participant and an organizer on rent");
	assert_string_equal(a->mentions[0].shown,
			    "a participant said: \xE2\x80\x9C" "a participant\xE2\x80\x9D pays.");
	/* A longer id that begins with the redacted one is another word. */
	assert_string_equal(a->steps[0].shown_words, "Ask maria-gomez about the lease");
	assert_string_equal(a->steps[1].shown_words, "Call a participant");
	assert_string_equal(a->steps[0].shown_owner, "a participant");
	assert_string_equal(a->steps[1].shown_owner, "an organizer");
	assert_null(a->shown.organizer);
	assert_false(fx->corpus.shown_by_organizer);
	assert_true(fx->corpus.shown_by_kind);
	assert_string_equal(a->shown.path, "notes/a.md");
}

static void test_redacted_fields_of_a_report(void **state)
{
	struct fixture *fx = *state = S_story(CONFIG("title, kind"));
	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);
	const struct corpus_note *a = &fx->corpus.notes[0];
	assert_null(a->shown.title);
	assert_null(a->shown.kind);
	assert_false(fx->corpus.shown_by_kind);
	assert_true(fx->corpus.shown_by_organizer);
	/* participants is not listed this time: named. */
	assert_string_equal(a->steps[1].shown_words, "Call maria-g");
}

static void test_replace_whole_words_only(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "maria-g", "X" },
		{ "@maria-g, hi", "X, hi" },
		{ "MARIA-G.", "X." },
		{ "maria-gomez", "maria-gomez" },
		{ "amaria-g", "amaria-g" },
		{ "maria-g_2", "maria-g_2" },
		{ "\xC3\xA9maria-g", "\xC3\xA9maria-g" },          /* a letter beyond ASCII before */
		{ "\xE2\x80\x94maria-g\xE2\x80\x94", "\xE2\x80\x94X\xE2\x80\x94" }, /* em dashes */
		{ "maria-g maria-g", "X X" },
		{ "", "" },
		/* What a reader sees as the same id is the same id. */
		{ "maria_g said", "X said" },
		{ "MARIA_G", "X" },
		{ "maria\xE2\x80\x90g (U+2010)", "X (U+2010)" },
		{ "maria\xE2\x80\x91g (U+2011)", "X (U+2011)" },
		{ "mar\xC2\xADia-g (soft hyphen)", "X (soft hyphen)" },
		{ "ma\xE2\x80\x8Bria-g (zero width)", "X (zero width)" },
		{ "\xEF\xBD\x8D\xEF\xBD\x81\xEF\xBD\x92\xEF\xBD\x89\xEF\xBD\x81\xEF\xBC\x8D"
		  "\xEF\xBD\x87 (fullwidth)", "X (fullwidth)" },
		{ "@\xEF\xBC\xAD" "aria-g!", "X!" },
		{ "Inés maria_gomez", "Inés maria_gomez" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = privacy_replace_word(cases[i][0], "maria-g", "X");
		if (strcmp(out, cases[i][1]) != 0)
			fail_msg("case %zu: '%s' gave '%s'", i, cases[i][0], out);
		free(out);
	}
}

static void test_rows_of_a_private_note_are_hidden_fail_closed(void **state)
{
	(void)state;
	struct table t = TABLE_INIT;
	struct config *config;
	struct source *src;
	static const char *const columns[] = {
		"id", "title", "participants", "match", "owner", "step", INDEX_PRIVATE,
	};
	assert_int_equal(unit_config(&config, &src, "organizers:\n  lisa-t: { name: L }\n"), 0);
	table_set_columns(&t, columns, 7);
	table_add_row(&t, (const char *[]){ "a", "Rent", "maria-g", "the **rent**", "maria-g",
		"Call", "0" });
	table_add_row(&t, (const char *[]){ "b", "Secret", "ana-r", "the **secret**", "ana-r",
		"Hide", "1" });
	/* Anything but "0" is private: a damaged or missing flag hides too. */
	table_add_row(&t, (const char *[]){ "c", "Odd", "joe-b", "odd", "lisa-t", "Odd", NULL });

	privacy_rows(&t, config);
	assert_int_equal(t.ncolumns, 6);
	assert_int_equal(table_column(&t, INDEX_PRIVATE), (size_t)-1);
	assert_column(&t, "id", (const char *[]){ "a", "(private note)", "(private note)", NULL });
	assert_column(&t, "title", (const char *[]){ "Rent", "(private note)", "(private note)",
		NULL });
	assert_column(&t, "participants", (const char *[]){ "maria-g", "(null)", "(null)", NULL });
	assert_column(&t, "match", (const char *[]){ "the **rent**",
		"(private note: open it to read it)", "(private note: open it to read it)", NULL });
	assert_column(&t, "owner", (const char *[]){ "maria-g", "a participant", "lisa-t", NULL });
	assert_column(&t, "step", (const char *[]){ "Call", "(private note)", "(private note)",
		NULL });
	table_release(&t);

	/* Rows without the column (people, counted over notes) are left as they are. */
	static const char *const people[] = { "person", "conversations" };
	table_set_columns(&t, people, 2);
	table_add_row(&t, (const char *[]){ "maria-g", "3" });
	privacy_rows(&t, config);
	assert_int_equal(t.ncolumns, 2);
	assert_column(&t, "person", (const char *[]){ "maria-g", NULL });
	table_release(&t);
	config_free(config);
	source_free(src);
}

/* Evidence read after the pass is shown as the pass would have shown it. */
static void test_evidence_read_later_as_the_pass_shows_it(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	*state = fx;
	assert_int_equal(unit_config(&fx->config, &fx->config_src,
		"privacy:\n  quote: [public]\n  redact: [participants]\n  pii: [phone]\n"), 0);
	struct corpus_note *n = unit_note(&fx->corpus, &fx->cap, "a.md", "2020-05-12", "lisa-t",
					  "maria-g", "public");
	unit_mention(n, "housing", MENTION_PATTERN, 3, "maria-g spoke", 0);
	unit_mention(n, "housing", MENTION_FRONT, 1, NULL, 0);
	unit_mention(n, "schools", MENTION_PATTERN, 5, "call 555-123-4567", 0);
	unit_mention(n, "schools", MENTION_PATTERN, 7, "nothing of note", 1);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);

	const char *texts[4], *shown[4];
	char *copies[4];
	for (size_t m = 0; m < 4; m++)
		texts[m] = n->mentions[m].evidence;
	privacy_evidence(shown, copies, n, texts, fx->config, PRIVACY_REPORT);
	for (size_t m = 0; m < 4; m++) {
		const char *eager = n->mentions[m].shown;
		if (eager)
			assert_string_equal(shown[m], eager);
		else
			assert_null(shown[m]);
		assert_int_equal(n->mentions[m].quotable, m != 1);
	}
	assert_string_equal(shown[0], "a participant spoke");
	assert_null(shown[2]);
	assert_string_equal(shown[3], "nothing of note");
	for (size_t m = 0; m < 4; m++)
		free(copies[m]);
}

static void test_a_network_sees_no_one(void **state)
{
	/* Nothing redacted for the chapter's own pages; the network sees no one at all. */
	struct fixture *fx = *state = S_story(
		"organizers:\n  lisa-t: { name: Lisa Thornton }\n"
		"people:\n  maria-g: { name: Maria Gomez }\n  joe-b: {}\n  ana-r: {}\n"
		"privacy:\n  quote: [public, internal]\n  redact: []\n  network: [public]\n");
	struct corpus_note *n = &fx->corpus.notes[0];
	free(n->mentions[0].evidence);
	n->mentions[0].evidence = strdup("Lisa Thornton met Maria and @joe-b at "
					 "the a@b meeting, ask @dee-w. Then lisa-t left.");
	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);
	assert_string_equal(n->mentions[0].shown, n->mentions[0].evidence);
	assert_non_null(fx->corpus.notes[1].mentions[0].shown);

	privacy_apply(&fx->corpus, fx->config, PRIVACY_NETWORK);
	assert_string_equal(n->mentions[0].shown,
			    "an organizer met a participant and a participant at "
			    "the a@b meeting, ask someone. Then an organizer left.");
	/* Only the consents privacy.network lists are quoted: not internal. */
	assert_true(fx->corpus.notes[1].shown.named);
	assert_null(fx->corpus.notes[1].mentions[0].shown);
	assert_null(fx->corpus.notes[2].mentions[0].shown);
	/* Its organizer and participants are never shown, whatever privacy.redact says. */
	assert_null(n->shown.organizer);
	assert_string_equal(n->steps[0].shown_owner, "a participant");
	assert_string_equal(n->steps[1].shown_owner, "an organizer");
}

#define T(name) cmocka_unit_test_teardown(name, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_a_private_note_is_never_named_linked_or_quoted),
		T(test_only_consents_in_privacy_quote_are_quoted),
		T(test_the_terminal_sees_names_a_report_does_not),
		T(test_redacted_fields_of_a_report),
		T(test_evidence_read_later_as_the_pass_shows_it),
		T(test_a_network_sees_no_one),
		cmocka_unit_test(test_replace_whole_words_only),
		cmocka_unit_test(test_rows_of_a_private_note_are_hidden_fail_closed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
