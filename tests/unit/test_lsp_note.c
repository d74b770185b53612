#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "error.h"
#include "lsp_note.h"
#include "lsp_scan.h"
#include "source.h"

#define CONFIG "organizers:\n  lisa-t: { name: Lisa Thornton }\n" \
	"themes:\n  housing: { label: Housing, description: Where people live }\n"

/* What a note says, and what lsp_note.h is told of it: no editor, no server. */
struct fixture {
	struct source *config_src;
	struct config *config;
	struct strbuf text, config_text;
	struct lsp_note note;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || unit_config(&fx->config, &fx->config_src, CONFIG) < 0)
		return -1;
	fx->text = (struct strbuf)STRBUF_INIT;
	fx->config_text = (struct strbuf)STRBUF_INIT;
	strbuf_addstr(&fx->text, "---\ntitle: A\ndate: 2020-05-01\norganizer: lisa_t\n"
		      "kind: one-on-one\n---\n\nOn #housin.\n\n## Next steps\n\n- [ ] @lisa-t Call\n");
	/* perennial.yml as the editor has it: lisa-t declared on its line 3 there. */
	strbuf_addstr(&fx->config_text, "# the roster\norganizers:\n\n  lisa-t: { name: L }\n"
		      "themes:\n  housing: { label: Housing }\n");
	fx->note = (struct lsp_note){ fx->config, "/nowhere", &fx->config_text,
				      "file:///nowhere/notes/a.md", "notes/a.md", &fx->text, NULL, NULL };
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	strbuf_release(&fx->text);
	strbuf_release(&fx->config_text);
	config_free(fx->config);
	source_free(fx->config_src);
	free(fx);
	return 0;
}

static json_int_t S_line(json_t *with_range)
{
	return json_integer_value(json_object_get(json_object_get(json_object_get(with_range,
		"range"), "start"), "line"));
}

static void test_findings_fixes_and_where_they_point(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;

	lsp_note_findings(&fx->note, &diags);
	assert_int_equal(diags.len, 2);
	json_t *d = lsp_note_diagnostic(&fx->note, &diags.items[0]);
	assert_string_equal(json_string_value(json_object_get(d, "code")), "unknown-organizer");
	json_t *where = json_object_get(json_array_get(json_object_get(d, "relatedInformation"), 0),
					"location");
	assert_string_equal(json_string_value(json_object_get(where, "uri")),
			    "file:///nowhere/perennial.yml");
	assert_int_equal(S_line(where), 3);
	json_decref(d);
	diag_list_release(&diags);

	json_t *fixes = lsp_note_quick_fixes(&fx->note, 0, 99);
	assert_int_equal(json_array_size(fixes), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(fixes, 1), "title")),
			    "Change to '#housing'");
	json_decref(fixes);

	/* What is no note gets none of it. */
	struct lsp_note none = fx->note;
	none.path = NULL;
	lsp_note_findings(&none, &diags);
	assert_int_equal(diags.len, 0);
	json_t *nothing = lsp_note_completions(&none, 3, 11);
	assert_int_equal(json_array_size(nothing), 0);
	json_decref(nothing);
}

static void test_completion_hover_definition_outline(void **state)
{
	struct fixture *fx = *state;

	json_t *items = lsp_note_completions(&fx->note, 3, 11);
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "detail")),
			    "Lisa Thornton");
	json_decref(items);

	json_t *hover = lsp_note_hover(&fx->note, 7, 5);   /* #housin: no theme */
	assert_true(json_is_null(hover));
	json_decref(hover);
	hover = lsp_note_hover(&fx->note, 11, 9);           /* @lisa-t */
	assert_string_equal(json_string_value(json_object_get(json_object_get(hover, "contents"),
							      "value")),
			    "**Lisa Thornton**, organizer `lisa-t`");
	json_decref(hover);

	json_t *definition = lsp_note_definition(&fx->note, 11, 9);
	assert_int_equal(S_line(definition), 3);
	json_decref(definition);

	json_t *outline = lsp_note_symbols(&fx->note);
	assert_int_equal(json_array_size(outline), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(outline, 1), "name")),
			    "Call");
	json_decref(outline);
}

/* The quick fixes' titles and the last one's text, for a roster written as `yml`. */
static void S_roster_fixes(const char *yml, const char *want_titles, const char *want_text)
{
	struct config *config;
	struct source *src;
	struct strbuf text = STRBUF_INIT, config_text = STRBUF_INIT, titles = STRBUF_INIT;
	assert_int_equal(unit_config(&config, &src, yml), 0);
	strbuf_addstr(&config_text, yml);
	strbuf_addstr(&text, "---\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\n"
		      "kind: one-on-one\nparticipants: [dee]\n---\n\n## Next steps\n");
	struct lsp_note note = { config, "/nowhere", &config_text, "file:///nowhere/notes/a.md",
				 "notes/a.md", &text, NULL, NULL };
	json_t *fixes = lsp_note_quick_fixes(&note, 0, 99);
	size_t i;
	json_t *fix;
	json_array_foreach(fixes, i, fix)
		strbuf_addf(&titles, "%s%s", i ? "|" : "", json_string_value(json_object_get(fix, "title")));
	assert_string_equal(titles.buf ? titles.buf : "", want_titles);
	if (want_text) {
		json_t *edits = json_object_get(json_object_get(json_object_get(json_array_get(fixes, 0),
			"edit"), "changes"), "file:///nowhere/perennial.yml");
		assert_string_equal(json_string_value(json_object_get(json_array_get(edits, 0),
								      "newText")), want_text);
	}
	json_decref(fixes);
	strbuf_release(&text);
	strbuf_release(&config_text);
	strbuf_release(&titles);
	config_free(config);
	source_free(src);
}

static void test_the_roster_is_added_to_where_it_is_a_block(void **state)
{
	(void)state;
	/* The last line without its line break: the entry brings one. */
	S_roster_fixes("organizers:\n  lisa-t: { name: L }\npeople:\n  maria-g: { name: M }",
		       "Add 'dee' to the roster in perennial.yml", "\n  dee: { name: dee }\n");
	/* Written in flow style: nothing to add a line to. */
	S_roster_fixes("organizers:\n  lisa-t: { name: L }\npeople: { maria-g: { name: M } }\n",
		       "", NULL);
}

/* The other notes as they read now: b.md's text, or none (a note gone since it was scanned). */
static const char *S_b_text;

static size_t S_paths_with(void *ctx, const char *id, const char *const **paths)
{
	(void)ctx;
	return lsp_scan_paths_with_id(NULL, id, paths);
}

static int S_read(void *ctx, const char *path, struct source **out, struct diag_list *diags)
{
	(void)ctx;
	(void)diags;
	if (strcmp(path, "notes/b.md") != 0 || !S_b_text)
		return error_set("'%s' is gone", path);
	*out = source_new(path, S_b_text, strlen(S_b_text));
	return 0;
}

/* What the last scan said of b.md and c.md: each has the id `same`, the same as a.md. */
static size_t S_scanned_paths_with(void *ctx, const char *id, const char *const **paths)
{
	return lsp_scan_paths_with_id(ctx, id, paths);
}

static void test_the_other_notes(void **state)
{
	struct fixture *fx = *state;
	struct diag_list diags = DIAG_LIST_INIT;
	json_t *scanned = json_loads("{\"start\": true, \"notes\": ["
		"[\"notes/c.md\", \"same\", \"lisa-t\", [\"jo\"], []],"
		"[\"notes/b.md\", \"same\", \"lisa-t\", [\"jo\", \"maria-g\"], [\"housing\"]],"
		"[\"notes/a.md\", \"other\", \"lisa-t\", [], []]], \"end\": true}", 0, NULL);
	struct lsp_scan *repo = lsp_scan_new();
	assert_int_equal(lsp_scan_take(repo, scanned), 1);
	struct check_others others = { S_scanned_paths_with, S_read, repo };
	struct strbuf text = STRBUF_INIT;
	strbuf_addstr(&text, "---\nid: same\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\n"
		      "kind: one-on-one\nparticipants: [jo]\n---\n\nHello.\n");
	struct lsp_note note = fx->note;
	note.text = &text;
	note.known = repo;
	note.others = &others;

	/* b.md has the id as it reads now; c.md is gone: b.md is named. */
	S_b_text = "---\nid: same\ntitle: B\n---\n";
	lsp_note_findings(&note, &diags);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].rule, DIAG_DUPLICATE_ID);
	assert_string_equal(diags.items[0].message, "id 'same' is also the id of notes/b.md:2:5");
	assert_int_equal(diags.items[0].line, 2);
	diag_list_release(&diags);
	/* b.md says another id since it was scanned: no duplicate. */
	S_b_text = "---\nid: b\ntitle: B\n---\n";
	lsp_note_findings(&note, &diags);
	assert_int_equal(diags.len, 0);
	S_b_text = NULL;
	lsp_note_findings(&note, &diags);
	assert_int_equal(diags.len, 0);
	/* Nothing scanned yet. */
	others.paths_with = S_paths_with;
	S_b_text = "---\nid: same\ntitle: B\n---\n";
	lsp_note_findings(&note, &diags);
	assert_int_equal(diags.len, 0);
	others.paths_with = S_scanned_paths_with;

	/* The participants the notes name, after the roster, with how many notes name them. */
	json_t *items = lsp_note_completions(&note, 6, 15);
	assert_int_equal(json_array_size(items), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "label")),
			    "jo");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "detail")),
			    "in 2 conversations");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 2), "detail")),
			    "in 1 conversation");
	json_decref(items);

	json_t *hover = lsp_note_hover(&note, 6, 16);
	assert_string_equal(json_string_value(json_object_get(json_object_get(hover, "contents"),
							      "value")),
			    "`jo`, a participant not in the roster\n\ntook part in 2 conversations");
	json_decref(hover);
	hover = lsp_note_hover(&note, 4, 12);
	assert_string_equal(json_string_value(json_object_get(json_object_get(hover, "contents"),
							      "value")),
			    "**Lisa Thornton**, organizer `lisa-t`\n\norganized 3 conversations");
	json_decref(hover);

	/* jo's notes: b.md at the name as it reads now; c.md, gone since, is left out. */
	S_b_text = "---\nid: b\nparticipants:\n  - maria-g\n  - jo\n---\n";
	json_t *notes = lsp_note_references(&note, 6, 16);
	assert_int_equal(json_array_size(notes), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(notes, 0), "uri")),
			    "file:///nowhere/notes/b.md");
	assert_int_equal(S_line(json_array_get(notes, 0)), 4);
	json_t *definition = lsp_note_definition(&note, 6, 16);
	assert_true(json_equal(definition, notes));
	json_decref(definition);
	json_decref(notes);
	/* b.md made private since: not named. */
	S_b_text = "---\nid: b\nconsent: private\nparticipants: [jo]\n---\n";
	notes = lsp_note_references(&note, 6, 16);
	assert_int_equal(json_array_size(notes), 0);
	json_decref(notes);
	/* b.md no longer names jo: none. */
	S_b_text = "---\nid: b\nparticipants: [maria-g]\n---\n";
	notes = lsp_note_references(&note, 6, 16);
	assert_int_equal(json_array_size(notes), 0);
	json_decref(notes);
	notes = lsp_note_references(&note, 1, 5);   /* `same`: no participant */
	assert_int_equal(json_array_size(notes), 0);
	json_decref(notes);

	S_b_text = NULL;
	strbuf_release(&text);
	lsp_scan_free(repo);
	json_decref(scanned);
}

/* Labels of completion items, `,` between, and whether the list said it was cut. */
static char *S_labels(json_t *completion, int *cut)
{
	struct strbuf labels = STRBUF_INIT;
	json_t *items = json_is_array(completion) ? completion
		: json_object_get(completion, "items"), *item;
	size_t i;
	*cut = json_is_true(json_object_get(completion, "isIncomplete"));
	json_array_foreach(items, i, item)
		strbuf_addf(&labels, "%s%s", i ? "," : "", json_string_value(json_object_get(item,
											   "label")));
	return strbuf_detach(&labels);
}

static void test_many_participants_the_most_named_first(void **state)
{
	struct fixture *fx = *state;
	struct strbuf scan = STRBUF_INIT, text = STRBUF_INIT;
	/* p000 to p149, p<i> in i + 1 notes; and ana in one. */
	strbuf_addstr(&scan, "{\"start\": true, \"notes\": [[\"notes/x.md\", \"x\", null, [\"ana\"], []]");
	for (int i = 0; i < 150; i++) {
		strbuf_addf(&scan, ", [\"notes/%d.md\", \"%d\", null, [", i, i);
		for (int p = i; p < 150; p++)
			strbuf_addf(&scan, "%s\"p%03d\"", p > i ? ", " : "", p);
		strbuf_addstr(&scan, "], []]");
	}
	strbuf_addstr(&scan, "], \"end\": true}");
	json_t *scanned = json_loads(scan.buf, 0, NULL);
	struct lsp_scan *repo = lsp_scan_new();
	assert_int_equal(lsp_scan_take(repo, scanned), 1);
	strbuf_addstr(&text, "---\nparticipants: [p14\n---\n");
	struct lsp_note note = fx->note;
	note.text = &text;
	note.known = repo;
	int cut;

	/* Nothing typed yet: the roster, then a hundred, the most named first, and a cut. */
	json_t *completion = lsp_note_completions(&note, 1, 15);
	char *labels = S_labels(completion, &cut);
	assert_true(cut);
	assert_int_equal(json_array_size(json_object_get(completion, "items")), 101);
	assert_memory_equal(labels, "lisa-t,p149,p148,", 17);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(
		completion, "items"), 1), "detail")), "in 150 conversations");
	free(labels);
	json_decref(completion);
	/* p14 typed: those that begin so, all of them. */
	completion = lsp_note_completions(&note, 1, 18);
	labels = S_labels(completion, &cut);
	assert_false(cut);
	assert_string_equal(labels, "p149,p148,p147,p146,p145,p144,p143,p142,p141,p140");
	free(labels);
	json_decref(completion);

	lsp_scan_free(repo);
	json_decref(scanned);
	strbuf_release(&scan);
	strbuf_release(&text);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_findings_fixes_and_where_they_point),
		T(test_completion_hover_definition_outline),
		cmocka_unit_test(test_the_roster_is_added_to_where_it_is_a_block),
		T(test_the_other_notes),
		T(test_many_participants_the_most_named_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
