#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <jansson.h>

#include "diag.h"
#include "source.h"
#include "strbuf.h"
#include "error.h"
#include "template.h"
#include "xalloc.h"

/*
 * Template sets: overrides before built-in templates, for templates and
 * partials alike; names that could leave the templates folder never reach
 * a reader; errors say template, line and column. The reader here serves
 * a JSON object of name: text and remembers every name it was asked for.
 */
struct fake {
	json_t *files;          /* name: text, or name: null for "cannot read" */
	struct strbuf asked;    /* every name asked for, each followed by '\n' */
	int calls;
};

static int S_read(void *ctx, const char *name, char **text, size_t *len)
{
	struct fake *f = ctx;
	const json_t *file = json_object_get(f->files, name);

	f->calls++;
	strbuf_addf(&f->asked, "%s\n", name);
	if (!file)
		return 0;
	if (json_is_null(file)) {
		error_set("cannot read '%s'", name);
		return -1;
	}
	*len = json_string_length(file);
	*text = xstrndup(json_string_value(file), *len);
	return 1;
}

/* Built-in templates of the tests' own, sorted by name. */
#define S_BUILTIN(name, text) { name, text, sizeof(text) - 1 }
static const struct template_builtin S_builtins[] = {
	S_BUILTIN("footer.md", "built-in footer"),
	S_BUILTIN("page.md", "[{{> header.md}}|{{title}}|{{> footer.md}}]"),
};

static struct template_set S_set(struct fake *f)
{
	struct template_set set = { .read = S_read, .ctx = f, .builtins = S_builtins,
				    .nbuiltins = sizeof(S_builtins) / sizeof(*S_builtins) };
	return set;
}

static int S_setup(void **state)
{
	struct fake *f = calloc(1, sizeof(*f));
	if (!f || !(f->files = json_object()))
		return -1;
	*state = f;
	return 0;
}

static int S_teardown(void **state)
{
	struct fake *f = *state;
	json_decref(f->files);
	strbuf_release(&f->asked);
	free(f);
	return 0;
}

static void S_file(struct fake *f, const char *name, const char *text)
{
	json_object_set_new(f->files, name, text ? json_string(text) : json_null());
}

/* Renders `name` over {"title": "T & co"}; returns what template_render did. */
static int S_render(struct fake *f, const char *name, struct strbuf *out)
{
	struct template_set set = S_set(f);
	json_t *data = json_pack("{s:s}", "title", "T & co");
	int r = template_render(out, &set, name, data, NULL);
	json_decref(data);
	return r;
}

/* --- Names --- */

static void test_names(void **state)
{
	(void)state;
	static const char *const good[] = {
		"week.md", "index.html", "note.md", "a", "A-b_c.9", "x.y.z",
	};
	static const char *const bad[] = {
		"", ".", "..", "../x", "/etc/passwd", "a/b", ".hidden", "a..b", "a b",
		"a\\b", "é.md", "x\n", "~", "week.md ", "a:b",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		assert_true(template_name_ok(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(template_name_ok(bad[i]));

	char name[TEMPLATE_NAME_MAX + 2];
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_false(template_name_ok(name));
	name[TEMPLATE_NAME_MAX] = '\0';
	assert_true(template_name_ok(name));
}

/* --- The compiled-in table --- */

static void test_builtins_sorted_and_note_is_there(void **state)
{
	(void)state;
	assert_true(template_nbuiltins >= 1);
	for (size_t i = 0; i < template_nbuiltins; i++) {
		assert_true(template_name_ok(template_builtins[i].name));
		assert_int_equal(strlen(template_builtins[i].text), template_builtins[i].len);
		if (i)
			assert_true(strcmp(template_builtins[i - 1].name, template_builtins[i].name) < 0);
	}
	const struct template_builtin *note = template_builtin("note.md");
	assert_non_null(note);
	assert_non_null(strstr(note->text, "## Next steps"));
	assert_null(template_builtin("no-such.md"));
	assert_null(template_builtin("../note.md"));
}

static void test_builtin_note_renders_without_a_reader(void **state)
{
	(void)state;
	struct template_set set = { 0 };
	struct strbuf out = STRBUF_INIT;
	json_t *data = json_pack("{s:s, s:s, s:s, s:{s:b}}", "title_yaml", "\"A: b\"",
				 "date", "2020-05-12", "organizer", "lisa-t",
				 "kind_is", "one-on-one", 1);

	assert_int_equal(template_render(&out, &set, "note.md", data, NULL), 0);
	/* The comment above the front matter is gone: the note starts with it. */
	assert_memory_equal(out.buf, "---\ntitle: \"A: b\"\ndate: 2020-05-12\n", 35);
	assert_non_null(strstr(out.buf, "- [ ] @lisa-t "));
	json_decref(data);
	strbuf_release(&out);
}

/* --- Overrides --- */

static void test_builtin_found_when_no_override(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(S_render(f, "page.md", &out), 0);
	assert_string_equal(out.buf, "[|T &amp; co|built-in footer]");
	/* The reader was asked first for each, and header.md exists nowhere. */
	assert_string_equal(f->asked.buf, "page.md\nheader.md\nfooter.md\n");
	strbuf_release(&out);
}

static void test_override_wins(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;

	S_file(f, "page.md", "mine: {{{title}}}");
	assert_int_equal(S_render(f, "page.md", &out), 0);
	assert_string_equal(out.buf, "mine: T & co");
	strbuf_release(&out);
}

static void test_override_partial_used_by_a_builtin_template(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;

	S_file(f, "header.md", "my header");
	S_file(f, "footer.md", "my footer");
	assert_int_equal(S_render(f, "page.md", &out), 0);
	assert_string_equal(out.buf, "[my header|T &amp; co|my footer]");
	strbuf_release(&out);
}

static void test_builtin_partial_used_by_an_override(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;

	S_file(f, "mine.md", "<{{> footer.md}}>");
	assert_int_equal(S_render(f, "mine.md", &out), 0);
	assert_string_equal(out.buf, "<built-in footer>");
	strbuf_release(&out);
}

static void test_load_says_found_missing_and_refused(void **state)
{
	struct fake *f = *state;
	struct template_set set = S_set(f);
	char *text;
	size_t len;

	S_file(f, "mine.md", "x");
	assert_int_equal(template_load(&text, &len, &set, "mine.md"), 1);
	assert_string_equal(text, "x");
	assert_int_equal(len, 1);
	free(text);
	assert_int_equal(template_load(&text, &len, &set, "footer.md"), 1);
	assert_string_equal(text, "built-in footer");
	free(text);
	assert_int_equal(template_load(&text, &len, &set, "none.md"), 0);
	assert_null(text);
	f->calls = 0;
	assert_int_equal(template_load(&text, &len, &set, "../mine.md"), 0);
	assert_null(text);
	assert_int_equal(f->calls, 0);
}

/* --- Hostile names --- */

static void test_hostile_partial_names_never_reach_the_reader(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct strbuf tmpl = STRBUF_INIT;

	strbuf_addstr(&tmpl, "a{{> ../x}}b{{> /etc/passwd}}c{{> a/b}}d{{> .hidden}}e"
		      "{{> ..}}f{{> x..y}}g{{> a\\b}}h{{>");
	for (int i = 0; i < TEMPLATE_NAME_MAX + 1; i++)
		strbuf_addch(&tmpl, 'l');
	strbuf_addstr(&tmpl, "}}i");
	S_file(f, "page.md", tmpl.buf);
	/* Were any of them read, they would show. */
	S_file(f, "../x", "LEAK");
	S_file(f, "/etc/passwd", "LEAK");
	S_file(f, "a/b", "LEAK");
	S_file(f, ".hidden", "LEAK");

	assert_int_equal(S_render(f, "page.md", &out), 0);
	assert_string_equal(out.buf, "abcdefghi");
	assert_string_equal(f->asked.buf, "page.md\n");
	assert_int_equal(f->calls, 1);
	strbuf_release(&out);
	strbuf_release(&tmpl);
}

static void test_hostile_template_name_is_an_error_and_reads_nothing(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct unit_capture c;

	strbuf_addstr(&out, "kept");
	unit_capture_start(&c);
	assert_int_equal(S_render(f, "../perennial.yml", &out), -1);
	char *printed = unit_capture_stop(&c);
	assert_non_null(strstr(printed, "'../perennial.yml' is not a template name"));
	assert_int_equal(f->calls, 0);
	assert_string_equal(out.buf, "kept");
	free(printed);
	strbuf_release(&out);
}

/* --- Errors --- */

static void test_missing_template_is_an_error(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct unit_capture c;

	unit_capture_start(&c);
	assert_int_equal(S_render(f, "week.md", &out), -1);
	char *printed = unit_capture_stop(&c);
	assert_string_equal(printed, "perennial: error: no template 'week.md' here or built in\n");
	assert_int_equal(out.len, 0);
	free(printed);
	strbuf_release(&out);
}

static void test_template_error_gives_name_line_and_column(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct unit_capture c;

	S_file(f, "week.md", "# Week\n\n  {{#themes}}\n{{label}}\n");
	unit_capture_start(&c);
	assert_int_equal(S_render(f, "week.md", &out), -1);
	char *printed = unit_capture_stop(&c);
	assert_memory_equal(printed, "templates/week.md:3:3: error: ", 30);
	assert_non_null(strstr(printed, "themes"));
	assert_int_equal(out.len, 0);
	free(printed);
	strbuf_release(&out);
}

static void test_error_in_a_partial_names_the_partial(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct unit_capture c;

	S_file(f, "header.md", "ok\n{{/nothing}}");
	strbuf_addstr(&out, "before|");
	unit_capture_start(&c);
	assert_int_equal(S_render(f, "page.md", &out), -1);
	char *printed = unit_capture_stop(&c);
	assert_memory_equal(printed, "templates/header.md:2:1: error: ", 32);
	assert_string_equal(out.buf, "before|");
	free(printed);
	strbuf_release(&out);
}

static void test_partial_the_reader_cannot_read_fails_the_render(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct unit_capture c;

	S_file(f, "header.md", NULL);
	unit_capture_start(&c);
	assert_int_equal(S_render(f, "page.md", &out), -1);
	char *printed = unit_capture_stop(&c);
	assert_string_equal(printed, "perennial: error: cannot read 'header.md'\n");
	assert_int_equal(out.len, 0);
	free(printed);
	strbuf_release(&out);
}

static void test_control_characters_in_messages_are_not_printed(void **state)
{
	struct fake *f = *state;
	struct strbuf out = STRBUF_INIT;
	struct unit_capture c;

	S_file(f, "week.md", "{{#a\x1b[31m}}");
	unit_capture_start(&c);
	assert_int_equal(S_render(f, "week.md", &out), -1);
	char *printed = unit_capture_stop(&c);
	assert_null(strchr(printed, '\x1b'));
	free(printed);
	strbuf_release(&out);
}

/* --- The working tree --- */

struct tree {
	char *base;
	char *root;
};

static int S_tree_setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	if (!t || !(t->base = unit_tempdir("template")))
		return -1;
	t->root = unit_path(t->base, "repo");
	unit_write(t->root, "perennial.yml", "notes: notes\n");
	unit_write(t->base, "outside/note.md", "SECRET {{x}}");
	*state = t;
	return 0;
}

static int S_tree_teardown(void **state)
{
	struct tree *t = *state;
	unit_remove_tree(t->base);
	free(t->base);
	free(t->root);
	free(t);
	return 0;
}

/* template_read_worktree's answer for `name`, and what it printed (malloc'd) in *printed. */
static int S_read_tree(struct tree *t, const char *name, char **text, char **printed)
{
	struct unit_capture c;
	size_t len = 0;

	unit_capture_start(&c);
	int r = template_read_worktree(t->root, name, text, &len);
	*printed = unit_capture_stop(&c);
	if (r == 1)
		assert_int_equal(strlen(*text), len);
	else
		assert_null(*text);
	return r;
}

static void test_worktree_no_folder_no_file(void **state)
{
	struct tree *t = *state;
	char *text, *printed;

	assert_int_equal(S_read_tree(t, "note.md", &text, &printed), 0);
	assert_string_equal(printed, "");
	free(printed);
	unit_mkdir(t->root, "templates");
	assert_int_equal(S_read_tree(t, "note.md", &text, &printed), 0);
	assert_string_equal(printed, "");
	free(printed);
}

static void test_worktree_reads_the_override(void **state)
{
	struct tree *t = *state;
	char *text, *printed;

	unit_write(t->root, "templates/note.md", "mine {{title}}\n");
	assert_int_equal(S_read_tree(t, "note.md", &text, &printed), 1);
	assert_string_equal(text, "mine {{title}}\n");
	free(text);
	free(printed);

	/* And through a set, before the built-in one. */
	struct template_set set = { .read = template_read_worktree, .ctx = t->root };
	struct strbuf out = STRBUF_INIT;
	json_t *data = json_pack("{s:s}", "title", "x");
	assert_int_equal(template_render(&out, &set, "note.md", data, NULL), 0);
	assert_string_equal(out.buf, "mine x\n");
	json_decref(data);
	strbuf_release(&out);
}

static void test_worktree_link_outside_is_not_followed(void **state)
{
	struct tree *t = *state;
	char *text, *printed;

	unit_mkdir(t->root, "templates");
	unit_symlink("../../outside/note.md", t->root, "templates/note.md");
	assert_int_equal(S_read_tree(t, "note.md", &text, &printed), -1);
	assert_string_equal(printed, "perennial: error: 'templates/note.md' is a link leading "
			    "outside the notes repository; not followed\n");
	free(printed);
}

static void test_worktree_folder_linked_outside_is_not_followed(void **state)
{
	struct tree *t = *state;
	char *text, *printed;

	unit_symlink("../outside", t->root, "templates");
	assert_int_equal(S_read_tree(t, "note.md", &text, &printed), -1);
	assert_string_equal(printed, "perennial: error: 'templates' is a link leading outside "
			    "the notes repository; not followed\n");
	free(printed);
}

static void test_worktree_link_inside_is_read(void **state)
{
	struct tree *t = *state;
	char *text, *printed;

	unit_write(t->root, "shared/note.md", "shared");
	unit_symlink("shared", t->root, "templates");
	assert_int_equal(S_read_tree(t, "note.md", &text, &printed), 1);
	assert_string_equal(text, "shared");
	free(text);
	free(printed);
}

static void test_worktree_binary_and_bad_utf8_are_errors(void **state)
{
	struct tree *t = *state;
	char *text, *printed;

	unit_write_bytes(t->root, "templates/a.md", "a\0b", 3);
	assert_int_equal(S_read_tree(t, "a.md", &text, &printed), -1);
	assert_non_null(strstr(printed, "[binary-file]"));
	free(printed);
	unit_write(t->root, "templates/b.md", "caf\xe9");
	assert_int_equal(S_read_tree(t, "b.md", &text, &printed), -1);
	assert_non_null(strstr(printed, "[invalid-utf8]"));
	free(printed);
	unit_mkdir(t->root, "templates/c.md");
	assert_int_equal(S_read_tree(t, "c.md", &text, &printed), -1);
	assert_non_null(strstr(printed, "[not-a-file]"));
	free(printed);
}

/* The hook's check: a template that compiles says nothing; one that does not, where. */
static void test_check_points_at_the_tag(void **state)
{
	(void)state;
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *good = source_new("templates/week.md", "# {{week}}\n", 11);
	static const char bad_text[] = "# Semana\n\n\xc3\xa9 {{#themes}}\n";
	struct source *bad = source_new("templates/week.md", bad_text, sizeof(bad_text) - 1);

	assert_int_equal(template_check(good, &diags), 0);
	assert_int_equal(diags.len, 0);
	assert_int_equal(template_check(bad, &diags), 1);
	assert_int_equal(diags.len, 1);
	assert_int_equal(diags.items[0].rule, DIAG_TEMPLATE_INVALID);
	assert_string_equal(diags.items[0].file, "templates/week.md");
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].column, 3);   /* after the one character é */
	assert_non_null(strstr(diags.items[0].message, "themes"));
	diag_list_release(&diags);
	source_free(good);
	source_free(bad);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
#define W(f) cmocka_unit_test_setup_teardown(f, S_tree_setup, S_tree_teardown)
	const struct CMUnitTest tests[] = {
		T(test_names),
		T(test_builtins_sorted_and_note_is_there),
		T(test_builtin_note_renders_without_a_reader),
		T(test_builtin_found_when_no_override),
		T(test_override_wins),
		T(test_override_partial_used_by_a_builtin_template),
		T(test_builtin_partial_used_by_an_override),
		T(test_load_says_found_missing_and_refused),
		T(test_hostile_partial_names_never_reach_the_reader),
		T(test_hostile_template_name_is_an_error_and_reads_nothing),
		T(test_missing_template_is_an_error),
		T(test_template_error_gives_name_line_and_column),
		T(test_error_in_a_partial_names_the_partial),
		T(test_partial_the_reader_cannot_read_fails_the_render),
		T(test_control_characters_in_messages_are_not_printed),
		T(test_check_points_at_the_tag),
		W(test_worktree_no_folder_no_file),
		W(test_worktree_reads_the_override),
		W(test_worktree_link_outside_is_not_followed),
		W(test_worktree_folder_linked_outside_is_not_followed),
		W(test_worktree_link_inside_is_read),
		W(test_worktree_binary_and_bad_utf8_are_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
