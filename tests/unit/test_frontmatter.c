#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "frontmatter.h"
#include "source.h"
#include "strbuf.h"

struct parsed {
	struct source *src;
	struct diag_list diags;
	struct fm_node *root;
	int rc;
};

/* Parses all of text as YAML, as config.c does. */
static void S_parse(struct parsed *p, const char *text, size_t len)
{
	p->src = source_new("t.yml", text, len);
	p->diags = (struct diag_list)DIAG_LIST_INIT;
	p->rc = fm_parse(&p->root, p->src, 0, p->src->len, &p->diags);
}

/* Finds and parses the front matter of a note, as note.c does. */
static void S_parse_note(struct parsed *p, const char *text)
{
	struct fm_block block;

	p->src = source_new("t.md", text, strlen(text));
	p->diags = (struct diag_list)DIAG_LIST_INIT;
	fm_find(&block, p->src);
	assert_int_equal(block.fence, FM_FOUND);
	p->rc = fm_parse(&p->root, p->src, block.yaml_offset, block.yaml_len, &p->diags);
}

static void S_release(struct parsed *p)
{
	fm_node_free(p->root);
	diag_list_release(&p->diags);
	source_free(p->src);
}

/*
 * The parse failed with exactly one diagnostic, of this rule, there; its
 * message and hint are the caller's to check, in the diagnostic returned.
 */
static const struct diag *S_assert_failed(const struct parsed *p, enum diag_rule rule,
					  unsigned line, unsigned column, unsigned span)
{
	assert_int_equal(p->rc, -1);
	assert_null(p->root);
	assert_int_equal(p->diags.len, 1);
	assert_diag(&p->diags, 0, rule, line, column, span, UNIT_ANY, UNIT_ANY);
	return &p->diags.items[0];
}

/* node starts at line:column and spans exactly the bytes `spanned`. */
#define assert_at(src, node, line, column, spanned) \
	assert_span((src), (node)->offset, (node)->len, (line), (column), (spanned))

static void S_find(struct fm_block *block, const char *text, size_t len)
{
	struct source *src = source_new("t.md", text, len);
	fm_find(block, src);
	source_free(src);
}

static void test_find_basic(void **state)
{
	struct fm_block b;
	(void)state;

	S_find(&b, "---\ntitle: x\n---\nbody\n", 22);
	assert_int_equal(b.fence, FM_FOUND);
	assert_int_equal(b.open_offset, 0);
	assert_int_equal(b.yaml_offset, 4);
	assert_int_equal(b.yaml_len, 9);
	assert_int_equal(b.yaml_line, 2);
	assert_int_equal(b.body_offset, 17);
	assert_int_equal(b.body_line, 4);
}

static void test_find_bom_crlf_dots(void **state)
{
	struct fm_block b;
	const char *text = "\xEF\xBB\xBF---\r\na: 1\r\n...\r\nbody";
	(void)state;

	S_find(&b, text, strlen(text));
	assert_int_equal(b.fence, FM_FOUND);
	assert_int_equal(b.open_offset, 3);
	assert_int_equal(b.yaml_offset, 8);
	assert_int_equal(b.yaml_len, 6);
	assert_int_equal(b.yaml_line, 2);
	assert_int_equal(b.body_offset, 19);
	assert_int_equal(b.body_line, 4);
}

static void test_find_trailing_blanks_and_lone_cr(void **state)
{
	struct fm_block b;
	(void)state;

	S_find(&b, "--- \t\na: 1\n---  \nb", 18);
	assert_int_equal(b.fence, FM_FOUND);
	assert_int_equal(b.yaml_offset, 6);
	assert_int_equal(b.yaml_len, 5);
	assert_int_equal(b.body_offset, 17);
	assert_int_equal(b.body_line, 4);

	S_find(&b, "---\ra: 1\r---\rbody", 17);
	assert_int_equal(b.fence, FM_FOUND);
	assert_int_equal(b.yaml_offset, 4);
	assert_int_equal(b.yaml_len, 5);
	assert_int_equal(b.body_offset, 13);
	assert_int_equal(b.body_line, 4);
}

static void test_find_closing_at_end_of_file(void **state)
{
	struct fm_block b;
	(void)state;

	S_find(&b, "---\na: 1\n---", 12);
	assert_int_equal(b.fence, FM_FOUND);
	assert_int_equal(b.yaml_len, 5);
	assert_int_equal(b.body_offset, 12);
	assert_int_equal(b.body_line, 3);
}

static void test_find_missing(void **state)
{
	static const char *const texts[] = {
		"", "title: x\n", "----\n", " ---\n", "--- x\n", "\xEF\xBB\xBFtitle: x\n",
	};
	struct fm_block b;
	(void)state;

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		S_find(&b, texts[i], strlen(texts[i]));
		assert_int_equal(b.fence, FM_MISSING);
		assert_int_equal(b.yaml_len, 0);
		assert_int_equal(b.body_line, 1);
	}
	assert_int_equal(b.open_offset, 3);
	assert_int_equal(b.body_offset, 3);
}

static void test_find_unclosed(void **state)
{
	struct fm_block b;
	(void)state;

	S_find(&b, "---\na: 1\n ---\n-- \n", 19);
	assert_int_equal(b.fence, FM_UNCLOSED);
	assert_int_equal(b.yaml_offset, 4);
	assert_int_equal(b.yaml_len, 15);
	assert_int_equal(b.body_offset, 19);

	S_find(&b, "---", 3);
	assert_int_equal(b.fence, FM_UNCLOSED);
	assert_int_equal(b.yaml_len, 0);
}

static void test_empty_front_matter(void **state)
{
	struct parsed p;
	struct fm_block b;
	(void)state;

	S_find(&b, "---\n---\nbody", 12);
	assert_int_equal(b.fence, FM_FOUND);
	assert_int_equal(b.yaml_len, 0);
	assert_int_equal(b.body_line, 3);

	S_parse_note(&p, "---\n---\nbody");
	assert_int_equal(p.rc, 0);
	assert_null(p.root);
	assert_int_equal(p.diags.len, 0);
	S_release(&p);

	S_parse_note(&p, "---\n# only a comment\n\n...\n");
	assert_int_equal(p.rc, 0);
	assert_null(p.root);
	S_release(&p);

	S_parse(&p, "---\n", 4);
	assert_int_equal(p.rc, 0);
	assert_null(p.root);
	S_release(&p);
}

static void test_scalars(void **state)
{
	struct parsed p;
	const struct fm_node *key;
	(void)state;

	S_parse_note(&p, "---\ntitle: Café für alle\nnaïve: 'it''s'\nblank:\nn: ~\n---\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->kind, FM_MAP);
	assert_int_equal(p.root->count, 4);
	assert_at(p.src, p.root, 2, 1, "title: Café für alle\nnaïve: 'it''s'\nblank:\nn: ~");

	const struct fm_node *title = fm_map_get(p.root, "title", &key);
	assert_string_equal(title->text, "Café für alle");
	assert_true(title->plain);
	assert_at(p.src, key, 2, 1, "title");
	assert_at(p.src, title, 2, 8, "Café für alle");

	/* Two characters before the value take three bytes: columns count characters. */
	const struct fm_node *naive = fm_map_get(p.root, "naïve", &key);
	assert_string_equal(naive->text, "it's");
	assert_false(naive->plain);
	assert_at(p.src, naive, 3, 8, "'it''s'");
	assert_int_equal(naive->offset, 35);

	const struct fm_node *blank = fm_map_get(p.root, "blank", NULL);
	assert_true(fm_is_null(blank));
	assert_null(fm_text(blank));
	assert_int_equal(blank->len, 0);
	assert_true(fm_is_null(fm_map_get(p.root, "n", NULL)));
	assert_null(fm_map_get(p.root, "missing", &key));
	assert_null(key);
	S_release(&p);
}

static void test_lists_and_maps(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "---\n"
			 "participants: [maria-g, josé]\n"
			 "nested:\n"
			 "  a: {x: 1}\n"
			 "  b:\n"
			 "    - one\n"
			 "    - two\n"
			 "last: z\n"
			 "---\n");
	assert_int_equal(p.rc, 0);
	const struct fm_node *people = fm_map_get(p.root, "participants", NULL);
	assert_int_equal(people->kind, FM_LIST);
	assert_int_equal(people->count, 2);
	assert_at(p.src, people, 2, 15, "[maria-g, josé]");
	assert_at(p.src, &people->items[1], 2, 25, "josé");

	const struct fm_node *nested = fm_map_get(p.root, "nested", NULL);
	assert_int_equal(nested->kind, FM_MAP);
	assert_int_equal(nested->count, 2);
	/* A block collection ends with its last item, not at the next key. */
	assert_at(p.src, nested, 4, 3, "a: {x: 1}\n  b:\n    - one\n    - two");
	const struct fm_node *a = fm_map_get(nested, "a", NULL);
	assert_at(p.src, a, 4, 6, "{x: 1}");
	assert_string_equal(fm_text(fm_map_get(a, "x", NULL)), "1");
	const struct fm_node *b = fm_map_get(nested, "b", NULL);
	assert_int_equal(b->kind, FM_LIST);
	assert_at(p.src, b, 6, 5, "- one\n    - two");
	assert_at(p.src, &b->items[1], 7, 7, "two");
	assert_null(fm_map_get(b, "one", NULL));
	assert_null(fm_text(b));
	assert_false(fm_is_null(b));
	assert_at(p.src, fm_map_get(p.root, "last", NULL), 8, 7, "z");
	S_release(&p);
}

static void test_crlf_and_bom_positions(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "\xEF\xBB\xBF---\r\ntitle: é\r\nlist: [x, \"y\"]\r\n---\r\n");
	assert_int_equal(p.rc, 0);
	assert_at(p.src, fm_map_get(p.root, "title", NULL), 2, 8, "é");
	const struct fm_node *list = fm_map_get(p.root, "list", NULL);
	assert_at(p.src, list, 3, 7, "[x, \"y\"]");
	assert_at(p.src, &list->items[1], 3, 11, "\"y\"");
	S_release(&p);

	/* perennial.yml is parsed whole: its BOM is libyaml's to skip. */
	const char *yml = "\xEF\xBB\xBF" "a: 1\r\nb: two\r\n";
	S_parse(&p, yml, strlen(yml));
	assert_int_equal(p.rc, 0);
	assert_at(p.src, p.root, 1, 1, "a: 1\r\nb: two");
	assert_at(p.src, fm_map_get(p.root, "a", NULL), 1, 4, "1");
	assert_at(p.src, fm_map_get(p.root, "b", NULL), 2, 4, "two");
	S_release(&p);
}

/* libyaml breaks lines at U+2028; the file as the user sees it does not. */
static void test_unicode_line_separator(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "---\na: \"x\xE2\x80\xA8y\"\nb: late\n---\n");
	assert_int_equal(p.rc, 0);
	assert_at(p.src, fm_map_get(p.root, "a", NULL), 2, 4, "\"x\xE2\x80\xA8y\"");
	assert_at(p.src, fm_map_get(p.root, "b", NULL), 3, 4, "late");
	S_release(&p);
}

static void test_tab_indent(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "---\ntitle: x\n\tdate: 2020-05-12\n---\n");
	const struct diag *d = S_assert_failed(&p, DIAG_YAML_SYNTAX, 3, 1, 1);
	assert_string_equal(d->message,
			    "YAML syntax error: found a tab character that violates indentation");
	assert_string_equal(d->hint, "indent with spaces: YAML does not allow tabs");
	S_release(&p);

	S_parse_note(&p, "---\nlist:\n\t- a\n---\n");
	d = S_assert_failed(&p, DIAG_YAML_SYNTAX, 3, 1, 1);
	assert_string_equal(d->hint, "indent with spaces: YAML does not allow tabs");
	S_release(&p);
}

static void test_syntax_errors(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "---\ntitle: Maria: data entry\n---\n");
	const struct diag *d = S_assert_failed(&p, DIAG_YAML_SYNTAX, 2, 13, 1);
	assert_string_equal(d->message,
			    "YAML syntax error: mapping values are not allowed in this context");
	assert_string_equal(d->hint, "put the value in quotes if it contains ': '");
	S_release(&p);

	S_parse_note(&p, "---\ntitle: \"never closed\ndate: 2020-05-12\n---\n");
	d = S_assert_failed(&p, DIAG_YAML_SYNTAX, 4, 1, 1);
	assert_string_equal(d->message, "YAML syntax error: found unexpected end of stream");
	assert_string_equal(d->hint, "the problem began on line 2 (while scanning a quoted scalar)");
	S_release(&p);

	/* A control character is libyaml's reader's problem, at a byte offset. */
	S_parse(&p, "a: é\x01\n", 7);
	d = S_assert_failed(&p, DIAG_YAML_SYNTAX, 1, 5, 1);
	assert_string_equal(d->message, "YAML syntax error: control characters are not allowed");
	S_release(&p);

	S_parse(&p, "\xEF\xBB\xBF" "a: \x02\n", 7);
	S_assert_failed(&p, DIAG_YAML_SYNTAX, 1, 4, 1);
	S_release(&p);
}

static void test_alias_refused(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "---\na: &x one\nb: *x\n---\n");
	const struct diag *d = S_assert_failed(&p, DIAG_YAML_ALIAS, 3, 4, 2);
	assert_string_equal(d->message, "YAML aliases are not allowed in front matter");
	S_release(&p);

	/* An anchor alone is harmless. */
	S_parse_note(&p, "---\na: &x one\n---\n");
	assert_int_equal(p.rc, 0);
	assert_at(p.src, fm_map_get(p.root, "a", NULL), 2, 4, "&x one");
	assert_string_equal(fm_text(fm_map_get(p.root, "a", NULL)), "one");
	S_release(&p);
}

static void test_alias_bomb(void **state)
{
	struct strbuf yaml = STRBUF_INIT;
	struct parsed p;
	(void)state;

	/* Nine levels of ten: a billion `lol`s if the aliases were expanded. */
	strbuf_addstr(&yaml, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (char c = 'b'; c <= 'i'; c++)
		strbuf_addf(&yaml, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
			    c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	/* Refused at the first alias, so nothing is ever expanded. */
	S_parse(&p, yaml.buf, yaml.len);
	S_assert_failed(&p, DIAG_YAML_ALIAS, 2, 8, 2);
	S_release(&p);
	strbuf_release(&yaml);
}

static void test_too_deep(void **state)
{
	enum { DEPTH = 30000 };
	char *yaml = malloc(2 * DEPTH);
	struct parsed p;
	(void)state;

	memset(yaml, '[', DEPTH);
	memset(yaml + DEPTH, ']', DEPTH);
	S_parse(&p, yaml, 2 * DEPTH);
	/* The 33rd bracket is one too many: parsing stops there. */
	const struct diag *d = S_assert_failed(&p, DIAG_YAML_TOO_DEEP, 1, FM_MAX_DEPTH + 1, 1);
	assert_string_equal(d->message, "YAML nested too deeply");
	S_release(&p);

	S_parse(&p, yaml + DEPTH - FM_MAX_DEPTH, 2 * FM_MAX_DEPTH);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->kind, FM_LIST);
	assert_int_equal(p.root->len, 2 * FM_MAX_DEPTH);
	S_release(&p);
	free(yaml);
}

static void test_too_deep_block(void **state)
{
	struct strbuf yaml = STRBUF_INIT;
	struct parsed p;
	(void)state;

	for (int i = 0; i <= FM_MAX_DEPTH; i++)
		strbuf_addf(&yaml, "%*sk:\n", i, "");
	strbuf_addf(&yaml, "%*sv\n", FM_MAX_DEPTH + 1, "");
	S_parse(&p, yaml.buf, yaml.len);
	S_assert_failed(&p, DIAG_YAML_TOO_DEEP, FM_MAX_DEPTH + 1, FM_MAX_DEPTH + 1, 1);
	S_release(&p);
	strbuf_release(&yaml);
}

static void test_duplicate_key(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_note(&p, "---\ntitle: a\ndate: 2020-05-12\nkind: group\ndate: 2020-05-13\n---\n");
	const struct diag *d = S_assert_failed(&p, DIAG_DUPLICATE_KEY, 5, 1, 4);
	assert_string_equal(d->message, "key 'date' is already set on line 3");
	S_release(&p);

	/* Of two repeats, the one a reader meets first. */
	S_parse(&p, "b: 1\na: 1\na: 2\nb: 2\nb: 3\n", 25);
	d = S_assert_failed(&p, DIAG_DUPLICATE_KEY, 3, 1, 1);
	assert_string_equal(d->message, "key 'a' is already set on line 2");
	S_release(&p);

	S_parse(&p, "outer:\n  inner: {x: 1, y: 2, 'x': 3}\n", 37);
	d = S_assert_failed(&p, DIAG_DUPLICATE_KEY, 2, 23, 3);
	assert_string_equal(d->message, "key 'x' is already set on line 2");
	S_release(&p);

	/* The same key in two mappings is no repeat. */
	S_parse(&p, "a: {x: 1}\nb: {x: 2}\n", 20);
	assert_int_equal(p.rc, 0);
	S_release(&p);
}

static void test_duplicate_key_many(void **state)
{
	enum { KEYS = 100000 };
	struct strbuf yaml = STRBUF_INIT;
	struct parsed p;
	(void)state;

	for (int i = 0; i < KEYS; i++)
		strbuf_addf(&yaml, "key%d: %d\n", i, i);
	S_parse(&p, yaml.buf, yaml.len);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->count, KEYS);
	assert_at(p.src, &p.root->items[KEYS - 1], KEYS, 11, "99999");
	S_release(&p);

	/*
	 * A repeat among 100,000 keys is found at its place. (Comparing every
	 * pair would be 5e9 comparisons; how long it takes is make bench's.)
	 */
	strbuf_addstr(&yaml, "key5: again\n");
	S_parse(&p, yaml.buf, yaml.len);
	const struct diag *d = S_assert_failed(&p, DIAG_DUPLICATE_KEY, KEYS + 1, 1, 4);
	assert_string_equal(d->message, "key 'key5' is already set on line 6");
	S_release(&p);
	strbuf_release(&yaml);
}

static void test_key_not_scalar(void **state)
{
	struct parsed p;
	(void)state;

	S_parse(&p, "? [a, b]\n: 1\n", 13);
	const struct diag *d = S_assert_failed(&p, DIAG_KEY_NOT_TEXT, 1, 3, 1);
	assert_string_equal(d->message, "a key must be plain text, not a list");
	S_release(&p);

	S_parse(&p, "ok: 1\n{x: 1}: 2\n", 16);
	d = S_assert_failed(&p, DIAG_KEY_NOT_TEXT, 2, 1, 1);
	assert_string_equal(d->message, "a key must be plain text, not a mapping");
	assert_non_null(strstr(d->hint, "template's placeholder"));
	S_release(&p);
}

static void test_multiple_documents(void **state)
{
	struct parsed p;
	(void)state;

	S_parse(&p, "a: 1\n--- b\n", 11);
	const struct diag *d = S_assert_failed(&p, DIAG_YAML_SYNTAX, 2, 1, 3);
	assert_string_equal(d->message, "only one YAML document is allowed");
	S_release(&p);

	S_parse(&p, "---\na: 1\n...\n---\nb: 2\n", 22);
	S_assert_failed(&p, DIAG_YAML_SYNTAX, 4, 1, 3);
	S_release(&p);

	/* One explicit document is fine. */
	S_parse(&p, "---\na: 1\n...\n", 13);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->kind, FM_MAP);
	S_release(&p);
}

static void test_root_scalar_and_list(void **state)
{
	struct parsed p;
	(void)state;

	S_parse(&p, "just text\n", 10);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->kind, FM_SCALAR);
	assert_string_equal(fm_text(p.root), "just text");
	assert_null(fm_map_get(p.root, "just", NULL));
	S_release(&p);

	S_parse(&p, "- a\n- b\n", 8);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->kind, FM_LIST);
	assert_at(p.src, p.root, 1, 1, "- a\n- b");
	S_release(&p);
}

static void test_null_and_text(void **state)
{
	static const struct {
		const char *yaml;
		int null;
	} cases[] = {
		{ "v:", 1 }, { "v: ~", 1 }, { "v: null", 1 }, { "v: Null", 1 }, { "v: NULL", 1 },
		{ "v: nUll", 0 }, { "v: ''", 0 }, { "v: '~'", 0 }, { "v: \"null\"", 0 },
		{ "v: none", 0 }, { "v: []", 0 }, { "v: {}", 0 },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct parsed p;
		S_parse(&p, cases[i].yaml, strlen(cases[i].yaml));
		assert_int_equal(p.rc, 0);
		const struct fm_node *v = fm_map_get(p.root, "v", NULL);
		assert_int_equal(fm_is_null(v), cases[i].null);
		if (cases[i].null || v->kind != FM_SCALAR)
			assert_null(fm_text(v));
		else
			assert_string_equal(fm_text(v), v->text);
		S_release(&p);
	}
	assert_null(fm_text(NULL));
	assert_false(fm_is_null(NULL));
	assert_null(fm_map_get(NULL, "a", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_basic),
		cmocka_unit_test(test_find_bom_crlf_dots),
		cmocka_unit_test(test_find_trailing_blanks_and_lone_cr),
		cmocka_unit_test(test_find_closing_at_end_of_file),
		cmocka_unit_test(test_find_missing),
		cmocka_unit_test(test_find_unclosed),
		cmocka_unit_test(test_empty_front_matter),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_lists_and_maps),
		cmocka_unit_test(test_crlf_and_bom_positions),
		cmocka_unit_test(test_unicode_line_separator),
		cmocka_unit_test(test_tab_indent),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_alias_refused),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_too_deep_block),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_many),
		cmocka_unit_test(test_key_not_scalar),
		cmocka_unit_test(test_multiple_documents),
		cmocka_unit_test(test_root_scalar_and_list),
		cmocka_unit_test(test_null_and_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
