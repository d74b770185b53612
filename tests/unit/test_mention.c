#include "unit.h"

#include <stdlib.h>

#include "config.h"
#include "markdown.h"
#include "mention.h"
#include "note.h"
#include "source.h"
#include "strbuf.h"

/*
 * A codebook with a nested theme (tenants under housing), patterns with
 * and without case, and one in Spanish with accents.
 */
#define CONFIG \
	"themes:\n" \
	"  housing:\n" \
	"    label: Housing\n" \
	"    patterns: ['\\brent\\b', 'landlord']\n" \
	"  tenants:\n" \
	"    label: Tenant organizing\n" \
	"    parent: housing\n" \
	"    patterns: ['\\btenants? union\\b']\n" \
	"  data-culture:\n" \
	"    label: Data culture\n" \
	"    patterns: ['\\bdata (entry|culture)\\b']\n" \
	"  salud:\n" \
	"    label: Salud\n" \
	"    patterns: ['\\bclínica\\b']\n"

struct run {
	struct source *config_src;
	struct config *config;
	struct note *note;
	struct mention_list mentions;
};

/* The mentions of the note `text` under the perennial.yml `yml`. */
static void S_find_under(struct run *r, const char *yml, const char *text)
{
	struct diag_list diags = DIAG_LIST_INIT;

	r->config_src = source_new(CONFIG_FILE, yml, strlen(yml));
	assert_int_equal(config_parse(&r->config, r->config_src, &diags), 0);
	r->note = note_parse(source_new("notes/n.md", text, strlen(text)), NOTE_ALL, &diags);
	assert_int_equal(diags.len, 0);
	diag_list_release(&diags);
	r->mentions = (struct mention_list)MENTION_LIST_INIT;
	mention_find(&r->mentions, r->note, r->config);
}

static void S_find(struct run *r, const char *text)
{
	S_find_under(r, CONFIG, text);
}

static void S_release(struct run *r)
{
	mention_list_release(&r->mentions);
	note_free(r->note);
	config_free(r->config);
	source_free(r->config_src);
}

/* Mention i is of `theme`, from `source`, at `line`, in paragraph `paragraph` (MD_NONE: none). */
#define assert_mention(r, i, theme_, source_, line_, paragraph_) do { \
	assert_true((i) < (r)->mentions.len); \
	assert_string_equal((r)->mentions.items[i].theme, (theme_)); \
	assert_string_equal(mention_source_name((r)->mentions.items[i].source), (source_)); \
	assert_int_equal((r)->mentions.items[i].line, (line_)); \
	assert_int_equal((r)->mentions.items[i].paragraph, (paragraph_)); \
} while (0)

#define FRONT(themes) "---\ntitle: T\ndate: 2020-05-12\norganizer: lisa-t\n" themes "---\n"

static void test_three_sources(void **state)
{
	struct run r;
	(void)state;
	S_find(&r, FRONT("themes: [data-culture]\n")
	       "\nThe landlord came by.\n"          /* line 8: pattern */
	       "\nWe need #data-culture work.\n");  /* line 10: hashtag */
	assert_int_equal(r.mentions.len, 3);
	assert_mention(&r, 0, "data-culture", "front", 5, MD_NONE);
	assert_mention(&r, 1, "housing", "pattern", 8, 0);
	assert_mention(&r, 2, "data-culture", "hashtag", 10, 1);
	S_release(&r);
}

static void test_one_mention_per_theme_and_paragraph(void **state)
{
	struct run r;
	(void)state;
	/* The hashtag wins over the pattern; the pattern matching twice counts once. */
	S_find(&r, FRONT("") "\nRent, rent, rent, said the landlord. #housing #HOUSING\n"
	       "\nThe rent again.\n");
	assert_int_equal(r.mentions.len, 2);
	assert_mention(&r, 0, "housing", "hashtag", 7, 0);
	assert_mention(&r, 1, "housing", "pattern", 9, 1);
	S_release(&r);
}

static void test_overlapping_themes_each_count(void **state)
{
	struct run r;
	(void)state;
	/* "tenants union" is tenants; "rent" in the same paragraph is housing. */
	S_find(&r, FRONT("") "\nThe tenants union talked rent.\n");
	assert_int_equal(r.mentions.len, 2);
	assert_mention(&r, 0, "housing", "pattern", 7, 0);
	assert_mention(&r, 1, "tenants", "pattern", 7, 0);
	S_release(&r);
}

static void test_nested_theme_is_not_its_parent(void **state)
{
	struct run r;
	(void)state;
	S_find(&r, FRONT("themes: [tenants]\n") "\nA #tenants meeting.\n");
	assert_int_equal(r.mentions.len, 2);
	assert_mention(&r, 0, "tenants", "front", 5, MD_NONE);
	assert_mention(&r, 1, "tenants", "hashtag", 8, 0);
	S_release(&r);
}

static void test_case_and_non_ascii(void **state)
{
	struct run r;
	(void)state;
	/* Patterns are caseless, in UTF-8: CLÍNICA is clínica; \b knows í is a letter. */
	S_find(&r, FRONT("") "\nLA CLÍNICA cerró.\n\nLa clínicas no.\n\nDATA ENTRY hours.\n");
	assert_int_equal(r.mentions.len, 2);
	assert_mention(&r, 0, "salud", "pattern", 7, 0);
	assert_mention(&r, 1, "data-culture", "pattern", 11, 2);
	S_release(&r);
}

static void test_words_inside_words_and_code_are_no_mentions(void **state)
{
	struct run r;
	(void)state;
	/* "rental" is not rent; a hashtag in a code span is code. */
	S_find(&r, FRONT("") "\nA rental car and `#housing` in code.\n");
	assert_int_equal(r.mentions.len, 0);
	S_release(&r);
}

static void test_unknown_ids_mention_nothing(void **state)
{
	struct run r;
	(void)state;
	S_find(&r, FRONT("themes: [nope, housing, [x]]\n") "\nA #nope tag.\n");
	assert_int_equal(r.mentions.len, 1);
	assert_mention(&r, 0, "housing", "front", 5, MD_NONE);
	S_release(&r);
}

static void test_quote_is_the_evidence(void **state)
{
	struct run r;
	(void)state;
	S_find(&r, FRONT("") "\nShe said:\n\n> Our rent doubled.\n>\n> The landlord laughed.\n"
	       "\nAfter the quote, rent.\n");
	assert_int_equal(r.mentions.len, 3);
	assert_mention(&r, 0, "housing", "pattern", 9, 1);
	assert_int_equal(r.mentions.items[0].quote, 0);
	assert_mention(&r, 1, "housing", "pattern", 11, 2);
	assert_int_equal(r.mentions.items[1].quote, 0);
	assert_mention(&r, 2, "housing", "pattern", 13, 3);
	assert_int_equal(r.mentions.items[2].quote, MD_NONE);
	S_release(&r);
}

static void test_a_themes_field_of_another_name(void **state)
{
	static const char yml[] = "themes:\n  housing: { label: Housing }\n"
		"fields:\n  topics: { type: theme, list: true }\n";
	struct diag_list diags = DIAG_LIST_INIT;
	struct mention_list mentions = MENTION_LIST_INIT;
	struct source *config_src = source_new(CONFIG_FILE, yml, strlen(yml));
	struct config *config;
	const char *text = FRONT("topics: [housing]\n") "\nBody.\n";
	(void)state;

	assert_int_equal(config_parse(&config, config_src, &diags), 0);
	struct note *note = note_parse(source_new("n.md", text, strlen(text)), NOTE_ALL, &diags);
	mention_find(&mentions, note, config);
	assert_int_equal(mentions.len, 1);
	assert_string_equal(mentions.items[0].theme, "housing");
	assert_int_equal(mentions.items[0].line, 5);
	mention_list_release(&mentions);
	note_free(note);
	config_free(config);
	source_free(config_src);
	diag_list_release(&diags);
}

/*
 * A pattern that backtracks without end on a paragraph gives up there:
 * the first such is named with its line, and the other themes, and the
 * same theme's hashtags, are still found in every paragraph after.
 */
static void test_a_pattern_that_gives_up(void **state)
{
	static const char yml[] = "themes:\n"
		"  housing: { label: Housing, patterns: ['\\brent\\b'] }\n"
		"  letters: { label: Letters, patterns: ['(a|aa)+$', '\\bletters\\b'] }\n";
	struct strbuf text = STRBUF_INIT;
	struct run r;
	(void)state;

	strbuf_addstr(&text, FRONT("") "\nletters and rent\n");
	for (int i = 0; i < 20; i++)
		strbuf_addstr(&text, "\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab rent\n");
	strbuf_addstr(&text, "\n#letters and rent\n");
	S_find_under(&r, yml, text.buf);
	assert_string_equal(r.mentions.gave_up.theme, "letters");
	assert_string_equal(r.mentions.gave_up.pattern, "(a|aa)+$");
	assert_int_equal(r.mentions.gave_up.line, 9);
	assert_int_equal(r.mentions.len, 2 + 20 + 2);
	assert_mention(&r, 0, "housing", "pattern", 7, 0);
	assert_mention(&r, 1, "letters", "pattern", 7, 0);
	assert_mention(&r, 21, "housing", "pattern", 47, 20);
	assert_mention(&r, 22, "letters", "hashtag", 49, 21);
	assert_mention(&r, 23, "housing", "pattern", 49, 21);
	S_release(&r);
	strbuf_release(&text);

	S_find(&r, FRONT("") "\nOur rent doubled.\n");
	assert_null(r.mentions.gave_up.theme);
	S_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_sources),
		cmocka_unit_test(test_a_pattern_that_gives_up),
		cmocka_unit_test(test_one_mention_per_theme_and_paragraph),
		cmocka_unit_test(test_overlapping_themes_each_count),
		cmocka_unit_test(test_nested_theme_is_not_its_parent),
		cmocka_unit_test(test_case_and_non_ascii),
		cmocka_unit_test(test_words_inside_words_and_code_are_no_mentions),
		cmocka_unit_test(test_unknown_ids_mention_nothing),
		cmocka_unit_test(test_quote_is_the_evidence),
		cmocka_unit_test(test_a_themes_field_of_another_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
