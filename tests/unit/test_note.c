#include "unit.h"

#include <stdlib.h>

#include "diag.h"
#include "note.h"
#include "source.h"

struct parsed {
	struct note *note;
	struct diag_list diags;
};

static void S_parse(struct parsed *p, const char *path, const char *text,
		    enum note_parts parts)
{
	struct source *src = source_new(path, text, strlen(text));
	p->diags = (struct diag_list)DIAG_LIST_INIT;
	p->note = note_parse(src, parts, &p->diags);
	assert_non_null(p->note);
	assert_ptr_equal(p->note->src, src);
}

static void S_release(struct parsed *p)
{
	note_free(p->note);
	diag_list_release(&p->diags);
}

/* Nothing was read as a note: no front, no body. */
static void S_assert_nothing_read(const struct note *note)
{
	assert_false(note->has_front);
	assert_null(note->front);
	assert_int_equal(note->body.nsections, 0);
	assert_int_equal(note->body.nsteps, 0);
	assert_int_equal(note->body.nparagraphs, 0);
}

/*
 * text, read as `parts` of notes/a.md, is refused with exactly one error,
 * this one (hint NULL means none is expected), and nothing of it is read.
 * p is left for more checks; the caller releases it.
 */
#define assert_refused(p, text, parts, rule, line, column, span, message, hint) \
	S_assert_refused((p), (text), (parts), (rule), (line), (column), (span), (message), \
			 (hint), __FILE__, __LINE__)

static void S_assert_refused(struct parsed *p, const char *text, enum note_parts parts,
			     enum diag_rule rule, unsigned line, unsigned column, unsigned span,
			     const char *message, const char *hint, const char *file, int at)
{
	S_parse(p, "notes/a.md", text, parts);
	_assert_int_equal(p->diags.len, 1, file, at);
	unit_assert_diag(&p->diags, 0, rule, DIAG_ERROR, UNIT_ANY, line, column, span,
			 message, hint, file, at);
	S_assert_nothing_read(p->note);
}

#define UTF8_HINT \
	"save the file as UTF-8; text pasted from another program may be in another encoding"
#define MISSING_MESSAGE "no front matter: a note starts with a line '---'"
#define MISSING_HINT "begin the file with '---', the fields (title, date, ...), then '---'"
#define NOT_MAP_HINT "write one 'key: value' per line, for example 'title: Coffee with Maria'"

#define GOOD_NOTE \
	"---\n" \
	"title: Coffee\n" \
	"date: 2020-05-12\n" \
	"---\n" \
	"\n" \
	"## Next steps\n" \
	"\n" \
	"- [ ] @lisa-t Call back #data-culture\n"

static void test_good_note_has_front_and_body(void **state)
{
	(void)state;
	struct parsed p;

	S_parse(&p, "notes/a.md", GOOD_NOTE, NOTE_ALL);
	assert_int_equal(p.diags.len, 0);
	assert_true(p.note->has_front);
	assert_non_null(p.note->front);
	assert_int_equal(p.note->front->kind, FM_MAP);
	assert_int_equal(p.note->front->count, 2);
	assert_string_equal(fm_text(fm_map_get(p.note->front, "title", NULL)), "Coffee");
	assert_int_equal(p.note->block.fence, FM_FOUND);
	assert_int_equal(p.note->block.body_line, 5);
	assert_int_equal(p.note->body.nsections, 1);
	assert_string_equal(p.note->body.sections[0].title, "Next steps");
	assert_int_equal(p.note->body.nsteps, 1);
	assert_string_equal(p.note->body.steps[0].owner, "lisa-t");
	assert_int_equal(p.note->body.nhashtags, 1);
	/* Body offsets are of the whole file: the heading is on line 6. */
	assert_int_equal(source_line_of(p.note->src, p.note->body.sections[0].offset), 6);
	S_release(&p);
}

static void test_invalid_utf8_stops_with_one_diagnostic(void **state)
{
	(void)state;
	struct parsed p;

	/* "é" is one column, so the bad byte 0xFF after "title: café " is column 13. */
	assert_refused(&p,
		       "---\n"
		       "title: caf\xC3\xA9 \xFF\n"
		       "date: [unclosed\n"       /* a YAML error after it must not be reported */
		       "---\n"
		       "## Next steps\n"
		       "- [ ] no owner\n",
		       NOTE_ALL, DIAG_INVALID_UTF8, 2, 13, 1, "invalid UTF-8 (byte 0xFF)", UTF8_HINT);
	S_release(&p);
}

static void test_invalid_utf8_truncated_sequence_in_body(void **state)
{
	(void)state;
	struct parsed p;

	/* A lead byte 0xC3 followed by a newline: the sequence is cut short. */
	assert_refused(&p, "---\ntitle: x\n---\n\nab\xC3\ncd\n", NOTE_ALL,
		       DIAG_INVALID_UTF8, 5, 3, 1, "invalid UTF-8 (byte 0xC3)", UTF8_HINT);
	S_release(&p);
}

static void test_invalid_utf8_found_with_note_front_too(void **state)
{
	(void)state;
	struct parsed p;

	/* Latin-1 "é" (0xE9) followed by ASCII is not UTF-8. */
	assert_refused(&p, "---\ntitle: caf\xE9\n---\n", NOTE_FRONT,
		       DIAG_INVALID_UTF8, 2, 11, 1, "invalid UTF-8 (byte 0xE9)", UTF8_HINT);
	S_release(&p);
}

static void test_missing_front_matter(void **state)
{
	(void)state;
	struct parsed p;

	assert_refused(&p, "# Coffee with Maria\n\ntitle: x\n---\n", NOTE_ALL,
		       DIAG_FRONT_MATTER_MISSING, 1, 1, 1, MISSING_MESSAGE, MISSING_HINT);
	assert_int_equal(p.note->block.fence, FM_MISSING);
	S_release(&p);
}

static void test_missing_front_matter_in_empty_file(void **state)
{
	(void)state;
	struct parsed p;

	assert_refused(&p, "", NOTE_ALL,
		       DIAG_FRONT_MATTER_MISSING, 1, 1, 1, MISSING_MESSAGE, MISSING_HINT);
	S_release(&p);
}

static void test_bom_and_crlf_front_matter_found(void **state)
{
	(void)state;
	struct parsed p;

	S_parse(&p, "notes/a.md",
		"\xEF\xBB\xBF---\r\ntitle: Coffee\r\nid: x\r\n---\r\n## Next steps\r\n",
		NOTE_ALL);
	assert_int_equal(p.diags.len, 0);
	assert_true(p.note->has_front);
	assert_string_equal(fm_text(fm_map_get(p.note->front, "title", NULL)), "Coffee");
	assert_int_equal(p.note->body.nsections, 1);

	size_t offset, len;
	char *id = note_id(p.note, &offset, &len);
	unsigned line, column;
	assert_string_equal(id, "x");
	source_position(p.note->src, offset, &line, &column);
	assert_int_equal(line, 3);
	assert_int_equal(column, 5);
	assert_int_equal(len, 1);
	free(id);
	S_release(&p);
}

static void test_missing_front_matter_after_bom_points_at_line_one(void **state)
{
	(void)state;
	struct parsed p;

	assert_refused(&p, "\xEF\xBB\xBFHello\n", NOTE_ALL,
		       DIAG_FRONT_MATTER_MISSING, 1, 1, 1, MISSING_MESSAGE, MISSING_HINT);
	S_release(&p);
}

static void test_unclosed_front_matter(void **state)
{
	(void)state;
	struct parsed p;

	assert_refused(&p, "---\ntitle: Coffee\n\n## Next steps\n", NOTE_ALL,
		       DIAG_FRONT_MATTER_UNCLOSED, 1, 1, 3, "front matter is never closed",
		       "end the fields with a line '---' before the text of the note");
	assert_int_equal(p.note->block.fence, FM_UNCLOSED);
	S_release(&p);
}

static void test_dots_close_front_matter(void **state)
{
	(void)state;
	struct parsed p;

	S_parse(&p, "notes/a.md", "---\ntitle: Coffee\n...\n## Next steps\n", NOTE_ALL);
	assert_int_equal(p.diags.len, 0);
	assert_true(p.note->has_front);
	assert_int_equal(p.note->body.nsections, 1);
	S_release(&p);
}

static void test_front_matter_list_is_not_a_mapping(void **state)
{
	(void)state;
	struct parsed p;

	assert_refused(&p, "---\n- title\n- date\n---\n## Next steps\n", NOTE_ALL,
		       DIAG_FRONT_MATTER_NOT_MAP, 2, 1, 7,
		       "front matter must be fields ('key: value'), not a list", NOT_MAP_HINT);
	S_release(&p);
}

static void test_front_matter_scalar_is_not_a_mapping(void **state)
{
	(void)state;
	struct parsed p;

	assert_refused(&p, "---\nCoffee with Maria\n---\n## Next steps\n", NOTE_ALL,
		       DIAG_FRONT_MATTER_NOT_MAP, 2, 1, 17,
		       "front matter must be fields ('key: value'), not a single value", NOT_MAP_HINT);
	S_release(&p);
}

static void test_empty_front_matter_is_found_without_fields(void **state)
{
	(void)state;
	struct parsed p;

	S_parse(&p, "notes/a.md", "---\n---\n## Next steps\n- [ ] @lisa-t x\n", NOTE_ALL);
	assert_int_equal(p.diags.len, 0);
	assert_true(p.note->has_front);
	assert_null(p.note->front);
	assert_int_equal(p.note->body.nsections, 1);
	assert_int_equal(p.note->body.nsteps, 1);
	S_release(&p);

	/* Only a comment is still an empty document. */
	S_parse(&p, "notes/a.md", "---\n# nothing yet\n---\n", NOTE_ALL);
	assert_int_equal(p.diags.len, 0);
	assert_true(p.note->has_front);
	assert_null(p.note->front);
	S_release(&p);
}

static void test_yaml_error_is_one_diagnostic_and_no_front(void **state)
{
	(void)state;
	struct parsed p;

	S_parse(&p, "notes/a.md", "---\ntitle: [Coffee\n---\n## Next steps\n", NOTE_ALL);
	assert_int_equal(p.diags.len, 1);
	assert_string_equal(diag_rule_id(p.diags.items[0].rule), "yaml-syntax");
	S_assert_nothing_read(p.note);
	S_release(&p);

	S_parse(&p, "notes/a.md", "---\ntitle: a\ntitle: b\n---\n", NOTE_ALL);
	assert_int_equal(p.diags.len, 1);
	assert_string_equal(diag_rule_id(p.diags.items[0].rule), "duplicate-key");
	assert_int_equal(p.diags.items[0].line, 3);
	S_assert_nothing_read(p.note);
	S_release(&p);
}

static void test_note_front_does_not_parse_the_body(void **state)
{
	(void)state;
	struct parsed p;

	S_parse(&p, "notes/a.md", GOOD_NOTE, NOTE_FRONT);
	assert_int_equal(p.diags.len, 0);
	assert_true(p.note->has_front);
	assert_non_null(p.note->front);
	assert_int_equal(p.note->body.nsections, 0);
	assert_int_equal(p.note->body.nsteps, 0);
	assert_int_equal(p.note->body.nhashtags, 0);
	assert_int_equal(p.note->body.nparagraphs, 0);
	assert_null(p.note->body.steps);
	S_release(&p);
}

static void test_id_from_field_with_span(void **state)
{
	(void)state;
	struct parsed p;
	size_t offset = 99, len = 99;
	unsigned line, column;

	S_parse(&p, "notes/2020/2020-05-12-coffee.md",
		"---\ntitle: Coffee\nid:   maria-first\n---\n", NOTE_FRONT);
	char *id = note_id(p.note, &offset, &len);
	assert_string_equal(id, "maria-first");
	assert_int_equal(len, strlen("maria-first"));
	assert_memory_equal(p.note->src->bytes + offset, "maria-first", len);
	source_position(p.note->src, offset, &line, &column);
	assert_int_equal(line, 3);
	assert_int_equal(column, 7);
	free(id);
	S_release(&p);
}

static void test_id_quoted_span_covers_the_quotes(void **state)
{
	(void)state;
	struct parsed p;
	size_t offset, len;

	S_parse(&p, "notes/a.md", "---\nid: \"my note\"\n---\n", NOTE_FRONT);
	char *id = note_id(p.note, &offset, &len);
	assert_string_equal(id, "my note");
	assert_int_equal(offset, 8);
	assert_int_equal(len, 9);
	free(id);
	S_release(&p);
}

/* The id the file name gives, for a note whose front matter is `front`. */
static void S_assert_id_from_name(const char *path, const char *front, const char *want)
{
	struct parsed p;
	size_t offset = 99, len = 99;

	S_parse(&p, path, front, NOTE_FRONT);
	char *id = note_id(p.note, &offset, &len);
	assert_string_equal(id, want);
	assert_int_equal(offset, 0);
	assert_int_equal(len, 0);
	free(id);
	S_release(&p);
}

static void test_id_from_file_name(void **state)
{
	(void)state;
	S_assert_id_from_name("notes/2020/05/2020-05-12-lisa-t-maria-g.md",
			      "---\ntitle: x\n---\n", "2020-05-12-lisa-t-maria-g");
	S_assert_id_from_name("top.md", "---\ntitle: x\n---\n", "top");
	/* Only a final ".md" is taken off. */
	S_assert_id_from_name("notes/a.md.md", "---\n---\n", "a.md");
	S_assert_id_from_name("notes/a.markdown", "---\n---\n", "a.markdown");
	S_assert_id_from_name("notes/x.md/README", "---\n---\n", "README");
}

static void test_id_from_file_name_when_field_is_not_text(void **state)
{
	(void)state;
	/* Empty, null, quoted empty, a list, a mapping: none is an id. */
	S_assert_id_from_name("notes/a.md", "---\nid:\n---\n", "a");
	S_assert_id_from_name("notes/a.md", "---\nid: ~\n---\n", "a");
	S_assert_id_from_name("notes/a.md", "---\nid: \"\"\n---\n", "a");
	S_assert_id_from_name("notes/a.md", "---\nid: [x, y]\n---\n", "a");
	S_assert_id_from_name("notes/a.md", "---\nid: { x: y }\n---\n", "a");
	/* No front matter at all. */
	S_assert_id_from_name("notes/b.md", "just text\n", "b");
	S_assert_id_from_name("notes/c.md", "---\n- id\n---\n", "c");
}

static void test_id_number_is_text(void **state)
{
	(void)state;
	struct parsed p;
	size_t offset, len;

	S_parse(&p, "notes/a.md", "---\nid: 42\n---\n", NOTE_FRONT);
	char *id = note_id(p.note, &offset, &len);
	assert_string_equal(id, "42");
	assert_int_equal(offset, 8);
	assert_int_equal(len, 2);
	free(id);
	S_release(&p);
}

static void test_free_takes_null(void **state)
{
	(void)state;
	note_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_note_has_front_and_body),
		cmocka_unit_test(test_invalid_utf8_stops_with_one_diagnostic),
		cmocka_unit_test(test_invalid_utf8_truncated_sequence_in_body),
		cmocka_unit_test(test_invalid_utf8_found_with_note_front_too),
		cmocka_unit_test(test_missing_front_matter),
		cmocka_unit_test(test_missing_front_matter_in_empty_file),
		cmocka_unit_test(test_bom_and_crlf_front_matter_found),
		cmocka_unit_test(test_missing_front_matter_after_bom_points_at_line_one),
		cmocka_unit_test(test_unclosed_front_matter),
		cmocka_unit_test(test_dots_close_front_matter),
		cmocka_unit_test(test_front_matter_list_is_not_a_mapping),
		cmocka_unit_test(test_front_matter_scalar_is_not_a_mapping),
		cmocka_unit_test(test_empty_front_matter_is_found_without_fields),
		cmocka_unit_test(test_yaml_error_is_one_diagnostic_and_no_front),
		cmocka_unit_test(test_note_front_does_not_parse_the_body),
		cmocka_unit_test(test_id_from_field_with_span),
		cmocka_unit_test(test_id_quoted_span_covers_the_quotes),
		cmocka_unit_test(test_id_from_file_name),
		cmocka_unit_test(test_id_from_file_name_when_field_is_not_text),
		cmocka_unit_test(test_id_number_is_text),
		cmocka_unit_test(test_free_takes_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
