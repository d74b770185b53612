#include "unit.h"

#include <stdlib.h>

#include "markdown.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#define NO_SECTION MD_NONE
#define DEEP 20000
/* As deep as a staircase of quotes gets within a note's 1 MiB size limit. */
#define STAIRS 1400

static struct source *S_parse(struct md_body *body, const char *text)
{
	struct source *src = source_new("note.md", text, strlen(text));
	md_parse(body, src, 0, 1, MD_ALL);
	return src;
}

static void S_release(struct md_body *body, struct source *src)
{
	md_body_release(body);
	assert_null(body->sections);
	assert_null(body->steps);
	assert_null(body->hashtags);
	assert_null(body->paragraphs);
	assert_null(body->quotes);
	assert_int_equal(body->nsections + body->nsteps + body->nhashtags +
			 body->nparagraphs + body->nquotes, 0);
	source_free(src);
}

/*
 * cmark parses into an arena that grows in chunks: a paragraph bigger
 * than a chunk, grown a line at a time, and many small ones after it all
 * come out whole.
 */
static void test_big_and_many_paragraphs(void **state)
{
	struct md_body body = MD_BODY_INIT;
	struct strbuf text = STRBUF_INIT;
	(void)state;

	for (int i = 0; i < 20000; i++)
		strbuf_addf(&text, "word%05d\n", i);
	for (int i = 0; i < 3000; i++)
		strbuf_addf(&text, "\nParagraph %d.\n", i);
	struct source *src = S_parse(&body, text.buf);
	assert_int_equal(body.nparagraphs, 3001);
	assert_int_equal(strlen(body.paragraphs[0].text), 20000 * 10 - 1);
	assert_string_equal(body.paragraphs[0].text + 10 * 19999, "word19999");
	assert_string_equal(body.paragraphs[3000].text, "Paragraph 2999.");
	S_release(&body, src);
	strbuf_release(&text);
}

static void test_sections_level_two_only(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"# One\n"
		"\n"
		"## Alpha *beta* `gamma`\n"
		"\n"
		"### Three\n"
		"\n"
		"Setext two\n"
		"----------\n"
		"\n"
		"Setext one\n"
		"==========\n"
		"\n"
		"  ## Indented ##\n");

	assert_int_equal(body.nsections, 3);
	assert_string_equal(body.sections[0].title, "Alpha beta gamma");
	assert_span(src, body.sections[0].offset, body.sections[0].len, 3, 1,
		    "## Alpha *beta* `gamma`");
	assert_string_equal(body.sections[1].title, "Setext two");
	assert_span(src, body.sections[1].offset, body.sections[1].len, 7, 1,
		    "Setext two");
	assert_string_equal(body.sections[2].title, "Indented");
	assert_span(src, body.sections[2].offset, body.sections[2].len, 13, 3,
		    "## Indented ##");
	/* A `### ` heading is something under a section; a `# ` one, or the end, is not. */
	assert_false(body.sections[0].empty);
	assert_true(body.sections[1].empty);
	assert_true(body.sections[2].empty);
	S_release(&body, src);
}

static void test_steps_owner_due_done(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"## Next steps\n"
		"\n"
		"- [ ] @lisa-t Rethink the questions (due 2020-06-01)\n"
		"- [x] @maria-g Block one hour\n"
		"- [X] Capital X, no owner\n");
	const struct md_step *s = body.steps;

	assert_int_equal(body.nsteps, 3);
	assert_false(s[0].done);
	assert_string_equal(s[0].text,
			    "@lisa-t Rethink the questions (due 2020-06-01)");
	assert_span(src, s[0].offset, s[0].len, 3, 3,
		    "[ ] @lisa-t Rethink the questions (due 2020-06-01)");
	assert_string_equal(s[0].owner, "lisa-t");
	assert_span(src, s[0].owner_offset, s[0].owner_len, 3, 7, "@lisa-t");
	assert_string_equal(s[0].due, "2020-06-01");
	assert_span(src, s[0].due_offset, s[0].due_len, 3, 42, "2020-06-01");
	assert_int_equal(s[0].section, 0);

	assert_true(s[1].done);
	assert_string_equal(s[1].owner, "maria-g");
	assert_span(src, s[1].owner_offset, s[1].owner_len, 4, 7, "@maria-g");
	assert_null(s[1].due);

	assert_true(s[2].done);
	assert_span(src, s[2].offset, s[2].len, 5, 3,
		    "[X] Capital X, no owner");
	assert_string_equal(s[2].text, "Capital X, no owner");
	assert_null(s[2].owner);
	assert_null(s[2].due);
	S_release(&body, src);
}

/* What check reads of a step is all there; the words and key the index keeps are not made. */
static void test_step_for_check_has_no_words(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	const char *text = "- [x] @lisa-t Call Ana (due 2020-06-01)\n";
	struct source *src = source_new("note.md", text, strlen(text));
	md_parse(&body, src, 0, 1, MD_CHECK);
	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].owner, "lisa-t");
	assert_string_equal(body.steps[0].due, "2020-06-01");
	assert_true(body.steps[0].done);
	assert_null(body.steps[0].words);
	assert_null(body.steps[0].key);
	S_release(&body, src);
}

static void test_step_owner_after_paren_trailing_period(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"- [ ] mail a@b.org, then ask (@lisa-t.)\n");

	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].owner, "lisa-t");
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    1, 31, "@lisa-t");
	assert_int_equal(body.steps[0].section, NO_SECTION);
	S_release(&body, src);
}

static void test_step_multiline_text_folded(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"Intro\n"
		"\n"
		"* [ ] first   line\n"
		"  second\tline (due soon\n"
		"  x) by\n"
		"\t@ann.\n");

	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].text,
			    "first line second line (due soon x) by @ann.");
	assert_span(src, body.steps[0].offset, body.steps[0].len, 3, 3,
		    "[ ] first   line");
	assert_string_equal(body.steps[0].owner, "ann");
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    6, 2, "@ann");
	/* `(due` must close on its own line. */
	assert_null(body.steps[0].due);
	S_release(&body, src);
}

/*
 * The words a step shows beside its owner and due columns, and the key its
 * versions pair on: both made once, here, from what the parse found.
 */
static void test_step_words_and_key(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		/* the item after `- [ ] `, its words, its key */
		{ "@dee-w Bring grocery cards (Due 2020-03-25)", "Bring grocery cards",
		  "bring grocery cards" },
		{ "@dee-w, call Ana", "call Ana", "call ana" },
		{ "@dee-w: call Ana", "call Ana", "call ana" },
		{ "@lisa-t Call *Ana* (due 2020-06-01)", "Call *Ana*", "call ana" },
		{ "call Ana.", "call Ana.", "call ana" },
		{ "Call   Ana  !?", "Call Ana !?", "call ana" },
		{ "Call __Ana__ `now`", "Call __Ana__ `now`", "call ana now" },
		/* The owner is the first `@id`; a later one is words. */
		{ "Ask @ana-b to call @lisa-t", "Ask to call @lisa-t", "ask to call @lisa-t" },
		{ "Meet @ana.", "Meet", "meet" },
		{ "Call Ana (due 2020-05-01).", "Call Ana.", "call ana" },
		{ "Call (DUE 2020-05-01) Ana", "Call Ana", "call ana" },
		{ "**@bob** call Ana", "call Ana", "call ana" },
		{ "*Call @bob*", "*Call*", "call" },
		{ "mail a@b.org, then ask (@lisa-t.)", "mail a@b.org, then ask",
		  "mail a@b.org, then ask" },
		{ "Plan (due soon", "Plan (due soon", "plan (due soon" },
		{ "Plan (duet) now", "Plan (duet) now", "plan (duet) now" },
		/* Only the clause read as the due day goes. */
		{ "b (due 2020-01-01) (due 2020-02-02)", "b (due 2020-02-02)",
		  "b (due 2020-02-02)" },
		{ "\xC3\x87" "a va, \xC3\x89mile", "\xC3\x87" "a va, \xC3\x89mile",
		  "\xC3\x87" "a va, \xC3\x89mile" },
		/* Nothing left: the words are the text, the key is empty. */
		{ "@lisa-t", "@lisa-t", "" },
		{ "@lisa-t (due 2020-01-01)", "@lisa-t (due 2020-01-01)", "" },
		{ "...", "...", "" },
		{ "", "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct md_body body = MD_BODY_INIT;
		char *note = xmalloc(strlen(cases[i][0]) + 8);
		sprintf(note, "- [ ] %s\n", cases[i][0]);
		struct source *src = S_parse(&body, note);
		assert_int_equal(body.nsteps, 1);
		if (strcmp(body.steps[0].words, cases[i][1]) != 0 ||
		    strcmp(body.steps[0].key, cases[i][2]) != 0)
			fail_msg("'%s': words '%s', key '%s'", cases[i][0], body.steps[0].words,
				 body.steps[0].key);
		S_release(&body, src);
		free(note);
	}
}

/* A step over several lines: the cuts are made in the lines as written. */
static void test_step_words_over_lines(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"> - [x] @ana-n,\n"
		">   call the\n"
		">   office (due\n"
		">   2020-05-01) (due 2020-05-02)\n");

	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].text,
			    "@ana-n, call the office (due 2020-05-01) (due 2020-05-02)");
	assert_string_equal(body.steps[0].owner, "ana-n");
	/* `(due` closes on its own line or not at all: the second one counts. */
	assert_string_equal(body.steps[0].due, "2020-05-02");
	assert_string_equal(body.steps[0].words, "call the office (due 2020-05-01)");
	assert_string_equal(body.steps[0].key, "call the office (due 2020-05-01)");
	S_release(&body, src);
}

static void test_step_in_ordered_list(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body, "1. [ ] one\n2) [x] two\n");

	assert_int_equal(body.nsteps, 2);
	assert_span(src, body.steps[0].offset, body.steps[0].len, 1, 4,
		    "[ ] one");
	assert_false(body.steps[0].done);
	assert_span(src, body.steps[1].offset, body.steps[1].len, 2, 4,
		    "[x] two");
	assert_true(body.steps[1].done);
	S_release(&body, src);
}

static void test_step_box_must_open_the_item(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"- do [x] this\n"
		"- [x]done\n"
		"- para\n"
		"\n"
		"  [ ] second paragraph\n"
		"- [ ]\n");

	assert_int_equal(body.nsteps, 1);
	assert_span(src, body.steps[0].offset, body.steps[0].len, 6, 3, "[ ]");
	assert_string_equal(body.steps[0].text, "");
	S_release(&body, src);
}

static void test_box_outside_list_is_no_step(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body, "[ ] not a step @lisa-t\n");

	assert_int_equal(body.nsteps, 0);
	assert_int_equal(body.nparagraphs, 1);
	assert_string_equal(body.paragraphs[0].text, "[ ] not a step @lisa-t");
	S_release(&body, src);
}

static void test_step_due_malformed_kept_raw(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"- [ ] a (due next Friday )\n"
		"- [ ] b (Due  2020-13-45) (due 2020-01-01)\n"
		"- [ ] c (duet x) (due)\n"
		"- [ ] d (due 2020-01-01\n");
	const struct md_step *s = body.steps;

	assert_int_equal(body.nsteps, 4);
	assert_string_equal(s[0].due, "next Friday");
	assert_span(src, s[0].due_offset, s[0].due_len, 1, 14, "next Friday");
	assert_string_equal(s[1].due, "2020-13-45");
	assert_span(src, s[1].due_offset, s[1].due_len, 2, 15, "2020-13-45");
	assert_string_equal(s[2].due, "");
	assert_span(src, s[2].due_offset, s[2].due_len, 3, 22, "");
	assert_null(s[3].due);
	S_release(&body, src);
}

static void test_step_in_block_quote_continuation(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"> > - [ ] one\n"
		"> >   two @x.y\n"
		"> #t\n");

	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].text, "one two @x.y #t");
	assert_span(src, body.steps[0].offset, body.steps[0].len, 1, 7,
		    "[ ] one");
	assert_string_equal(body.steps[0].owner, "x.y");
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    2, 11, "@x.y");
	assert_int_equal(body.nhashtags, 1);
	assert_span(src, body.hashtags[0].offset, body.hashtags[0].len, 3, 3,
		    "#t");
	S_release(&body, src);
}

static void test_crlf_positions(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"## A\r\n"
		"\r\n"
		"- [ ] Ask @bob (due 2020-01-01)\r\n"
		"  then #plan\r\n");
	const struct md_step *s = body.steps;

	assert_int_equal(body.nsections, 1);
	assert_span(src, body.sections[0].offset, body.sections[0].len, 1, 1,
		    "## A");
	assert_int_equal(body.nsteps, 1);
	assert_span(src, s[0].offset, s[0].len, 3, 3,
		    "[ ] Ask @bob (due 2020-01-01)");
	assert_span(src, s[0].owner_offset, s[0].owner_len, 3, 11, "@bob");
	assert_span(src, s[0].due_offset, s[0].due_len, 3, 21, "2020-01-01");
	assert_string_equal(s[0].text, "Ask @bob (due 2020-01-01) then #plan");
	assert_int_equal(body.nhashtags, 1);
	assert_span(src, body.hashtags[0].offset, body.hashtags[0].len, 4, 8,
		    "#plan");
	S_release(&body, src);
}

static void test_non_ascii_before_owner(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"- [ ] Caf\xC3\xA9 \xC3\xBC" "ber na\xC3\xAFve \xE2\x80\x94 @zoe-k ok\n");

	assert_int_equal(body.nsteps, 1);
	assert_int_equal(body.steps[0].owner_offset, 29);
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    1, 25, "@zoe-k");
	S_release(&body, src);
}

static void test_owner_with_letters_beyond_ascii(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body, "- [ ] @jos\xC3\xA9-l\xC3\xB3pez, bring flyers\n");

	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].owner, "jos\xC3\xA9-l\xC3\xB3pez");
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    1, 7, "@jos\xC3\xA9-l\xC3\xB3pez");
	S_release(&body, src);
}

/* cmark reads a NUL as the 3-byte U+FFFD; offsets stay those of the source. */
static void test_nul_byte_in_step(void **state)
{
	(void)state;
	static const char note[] = "- [ ] a\0b @bob #t\n";
	struct source *src = source_new("note.md", note, sizeof(note) - 1);
	struct md_body body = MD_BODY_INIT;

	md_parse(&body, src, 0, 1, MD_ALL);
	assert_int_equal(body.nsteps, 1);
	assert_string_equal(body.steps[0].owner, "bob");
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    1, 11, "@bob");
	assert_int_equal(body.nhashtags, 1);
	assert_span(src, body.hashtags[0].offset, body.hashtags[0].len, 1, 16,
		    "#t");
	S_release(&body, src);
}

static void test_bom_skipped(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body, "\xEF\xBB\xBF## Title\n- [ ] x\n");

	assert_int_equal(body.nsections, 1);
	assert_int_equal(body.sections[0].offset, 3);
	assert_span(src, body.sections[0].offset, body.sections[0].len, 1, 1,
		    "## Title");
	assert_span(src, body.steps[0].offset, body.steps[0].len, 2, 3, "[ ] x");
	S_release(&body, src);
}

static void test_body_after_front_matter(void **state)
{
	(void)state;
	static const char note[] =
		"---\n"
		"title: One-on-one with Maria about data entry\n"
		"date: 2020-05-12\n"
		"organizer: lisa-t\n"
		"participants: [maria-g]\n"
		"kind: one-on-one\n"
		"## Not a section: a YAML comment\n"
		"---\n"
		"\n"
		"## What does data enable you to do?\n"
		"\n"
		"She keeps a notebook of every house meeting. #relational-knowing\n"
		"\n"
		"> \"If it isn't written down, it didn't happen \xE2\x80\x94 "
		"but nobody reads what I write.\"\n"
		"\n"
		"## Next steps\n"
		"\n"
		"- [ ] @lisa-t Rethink the questions to be more relational "
		"(due 2020-06-01)\n"
		"- [x] @maria-g Block one hour on Fridays for data entry\n";
	struct source *src = source_new("note.md", note, strlen(note));
	struct md_body body = MD_BODY_INIT;

	md_parse(&body, src, src->lines[8], 9, MD_ALL);
	assert_int_equal(body.nsections, 2);
	assert_string_equal(body.sections[0].title,
			    "What does data enable you to do?");
	assert_span(src, body.sections[0].offset, body.sections[0].len, 10, 1,
		    "## What does data enable you to do?");
	assert_span(src, body.sections[1].offset, body.sections[1].len, 16, 1,
		    "## Next steps");

	assert_int_equal(body.nparagraphs, 4);
	assert_int_equal(body.paragraphs[0].section, 0);
	assert_int_equal(body.nhashtags, 1);
	assert_string_equal(body.hashtags[0].tag, "relational-knowing");
	assert_span(src, body.hashtags[0].offset, body.hashtags[0].len, 12, 46,
		    "#relational-knowing");

	assert_int_equal(body.nquotes, 1);
	assert_string_equal(body.quotes[0].text,
			    "\"If it isn't written down, it didn't happen "
			    "\xE2\x80\x94 but nobody reads what I write.\"");
	assert_span(src, body.quotes[0].offset, 1, 14, 1, ">");
	assert_int_equal(body.quotes[0].section, 0);
	/* The quote's paragraph knows its quote; the one before it stands alone. */
	assert_int_equal(body.paragraphs[0].quote, MD_NONE);
	assert_int_equal(body.paragraphs[1].quote, 0);
	/* The steps' paragraphs know their steps. */
	assert_int_equal(body.paragraphs[0].step, MD_NONE);
	assert_int_equal(body.paragraphs[2].step, 0);
	assert_int_equal(body.paragraphs[3].step, 1);

	assert_int_equal(body.nsteps, 2);
	assert_span(src, body.steps[0].offset, 3, 18, 3, "[ ]");
	assert_span(src, body.steps[0].owner_offset, body.steps[0].owner_len,
		    18, 7, "@lisa-t");
	assert_span(src, body.steps[0].due_offset, body.steps[0].due_len,
		    18, 64, "2020-06-01");
	assert_int_equal(body.steps[0].section, 1);
	assert_span(src, body.steps[1].owner_offset, body.steps[1].owner_len,
		    19, 7, "@maria-g");
	assert_true(body.steps[1].done);
	S_release(&body, src);
}

static void test_hashtags_found(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"Intro.\n"
		"\n"
		"#start (#paren) #trail- #caf\xC3\xA9 #\xC3\xA9t\xC3\xA9 "
		"#2020x #end_\n");
	static const struct {
		const char *tag;
		unsigned column;
	} want[] = {
		{ "start", 1 }, { "paren", 9 }, { "trail", 17 },
		{ "caf\xC3\xA9", 25 }, { "\xC3\xA9t\xC3\xA9", 31 },
		{ "2020x", 36 }, { "end", 43 },
	};

	assert_int_equal(body.nhashtags, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < body.nhashtags; i++) {
		const struct md_hashtag *h = &body.hashtags[i];
		char text[16] = "#";
		strcat(text, want[i].tag);
		assert_string_equal(h->tag, want[i].tag);
		assert_span(src, h->offset, h->len, 3, want[i].column, text);
		assert_int_equal(h->paragraph, 1);
	}
	S_release(&body, src);
}

static void test_hashtags_rejected(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"## Title #heading\n"
		"\n"
		"#1 a#mid `code #span` <http://x/#frag> http://y/#url\n"
		"[a](/u \"see #title\") <b title=\"x #html\">b</b> # #ok\n");

	assert_int_equal(body.nparagraphs, 1);
	assert_int_equal(body.nhashtags, 1);
	assert_string_equal(body.hashtags[0].tag, "ok");
	assert_span(src, body.hashtags[0].offset, body.hashtags[0].len, 4, 49,
		    "#ok");
	S_release(&body, src);
}

static void test_paragraphs_plain_text(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"Intro *with* `code` and <b>html</b>\n"
		"\n"
		"- one\n"
		"- two\n"
		"  continued\n"
		"\n"
		"  second para\n"
		"\n"
		"## S\n"
		"\n"
		"> quoted\n");
	const struct md_paragraph *p = body.paragraphs;

	assert_int_equal(body.nparagraphs, 5);
	assert_string_equal(p[0].text, "Intro with  and html");
	assert_span(src, p[0].offset, 5, 1, 1, "Intro");
	assert_string_equal(p[1].text, "one");
	assert_span(src, p[1].offset, 3, 3, 3, "one");
	assert_string_equal(p[2].text, "two continued");
	assert_span(src, p[2].offset, 3, 4, 3, "two");
	assert_string_equal(p[3].text, "second para");
	assert_span(src, p[3].offset, 6, 7, 3, "second");
	assert_int_equal(p[3].section, NO_SECTION);
	assert_string_equal(p[4].text, "quoted");
	assert_span(src, p[4].offset, 6, 11, 3, "quoted");
	assert_int_equal(p[4].section, 0);
	S_release(&body, src);
}

static void test_quotes_outermost_only(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body,
		"> one\n"
		">\n"
		"> two\n"
		"> > inner\n"
		"> > more\n"
		"\n"
		"## S\n"
		"\n"
		"plain\n"
		"\n"
		"> \"If it isn't written down...\"\n");

	assert_int_equal(body.nquotes, 2);
	assert_string_equal(body.quotes[0].text, "one\n\ntwo\n\ninner more");
	assert_span(src, body.quotes[0].offset, 5, 1, 1, "> one");
	assert_int_equal(body.quotes[0].section, NO_SECTION);
	assert_string_equal(body.quotes[1].text,
			    "\"If it isn't written down...\"");
	assert_span(src, body.quotes[1].offset, 1, 11, 1, ">");
	assert_int_equal(body.quotes[1].section, 0);
	assert_int_equal(body.nparagraphs, 5);
	S_release(&body, src);
}

static void test_deep_quotes_on_one_line(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = xmalloc(2 * DEEP + 3);
	for (int i = 0; i < DEEP; i++) {
		bytes[len++] = '>';
		bytes[len++] = ' ';
	}
	bytes[len++] = 'x';
	bytes[len++] = '\n';
	struct source *src = source_new_owned("deep.md", bytes, len);
	struct md_body body = MD_BODY_INIT;

	md_parse(&body, src, 0, 1, MD_ALL);
	assert_int_equal(body.nquotes, 1);
	assert_string_equal(body.quotes[0].text, "x");
	assert_int_equal(body.nparagraphs, 1);
	assert_span(src, body.paragraphs[0].offset, 1, 1, 2 * DEEP + 1, "x");
	S_release(&body, src);
}

static void test_deep_quotes_staircase(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = xmalloc((size_t)STAIRS * (STAIRS + 3) / 2 + 3 * STAIRS + 1);
	for (int depth = 1; depth <= STAIRS; depth++) {
		memset(bytes + len, '>', (size_t)depth);
		len += (size_t)depth;
		memcpy(bytes + len, " x\n", 3);
		len += 3;
	}
	struct source *src = source_new_owned("deep.md", bytes, len);
	struct md_body body = MD_BODY_INIT;

	md_parse(&body, src, 0, 1, MD_ALL);
	assert_int_equal(body.nquotes, 1);
	assert_int_equal(strlen(body.quotes[0].text), STAIRS + 2 * (STAIRS - 1));
	assert_int_equal(body.nparagraphs, STAIRS);
	assert_span(src, body.paragraphs[STAIRS - 1].offset, 1, STAIRS, STAIRS + 2,
		    "x");
	S_release(&body, src);
}

static void test_empty_body(void **state)
{
	(void)state;
	struct md_body body = MD_BODY_INIT;
	struct source *src = S_parse(&body, "");

	assert_int_equal(body.nsections + body.nsteps + body.nhashtags +
			 body.nparagraphs + body.nquotes, 0);
	S_release(&body, src);

	src = source_new("note.md", "---\nt: x\n---\n", 13);
	md_parse(&body, src, src->len, 4, MD_ALL);
	assert_int_equal(body.nsections + body.nsteps + body.nhashtags +
			 body.nparagraphs + body.nquotes, 0);
	S_release(&body, src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_big_and_many_paragraphs),
		cmocka_unit_test(test_sections_level_two_only),
		cmocka_unit_test(test_steps_owner_due_done),
		cmocka_unit_test(test_step_for_check_has_no_words),
		cmocka_unit_test(test_step_owner_after_paren_trailing_period),
		cmocka_unit_test(test_step_multiline_text_folded),
		cmocka_unit_test(test_step_words_over_lines),
		cmocka_unit_test(test_step_in_ordered_list),
		cmocka_unit_test(test_step_box_must_open_the_item),
		cmocka_unit_test(test_box_outside_list_is_no_step),
		cmocka_unit_test(test_step_due_malformed_kept_raw),
		cmocka_unit_test(test_step_words_and_key),
		cmocka_unit_test(test_step_in_block_quote_continuation),
		cmocka_unit_test(test_crlf_positions),
		cmocka_unit_test(test_non_ascii_before_owner),
		cmocka_unit_test(test_owner_with_letters_beyond_ascii),
		cmocka_unit_test(test_nul_byte_in_step),
		cmocka_unit_test(test_bom_skipped),
		cmocka_unit_test(test_body_after_front_matter),
		cmocka_unit_test(test_hashtags_found),
		cmocka_unit_test(test_hashtags_rejected),
		cmocka_unit_test(test_paragraphs_plain_text),
		cmocka_unit_test(test_quotes_outermost_only),
		cmocka_unit_test(test_deep_quotes_on_one_line),
		cmocka_unit_test(test_deep_quotes_staircase),
		cmocka_unit_test(test_empty_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
