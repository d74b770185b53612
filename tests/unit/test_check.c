#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "source.h"
#include "strlist.h"
#include "worktree.h"

#define CONFIG "organizers:\n  lisa-t: { name: Lisa Thornton }\n"

/* A valid note; `extra` is more front matter, such as an `id:` line. */
#define NOTE(extra) \
	"---\ntitle: Coffee\n" extra "date: 2020-05-12\norganizer: lisa-t\nkind: group\n---\n" \
	"\n## Next steps\n\n- [ ] @lisa-t Call back\n"

#define DUP_HINT "ids must be unique: give one of the notes its own 'id: ...'"

/* A notes root under /tmp, and the configuration, fresh for each test. */
struct fixture {
	char *base;
	char *root;
	struct source *config_src;
	struct config *config;
	struct strlist paths;
	struct strlist all;
	struct diag_list diags;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct diag_list config_diags = DIAG_LIST_INIT;

	if (!fx)
		return -1;
	fx->base = unit_tempdir("check");
	if (!fx->base)
		return -1;
	fx->root = unit_path(fx->base, "repo");
	if (mkdir(fx->root, 0755) < 0)
		return -1;
	fx->config_src = source_new(CONFIG_FILE, CONFIG, strlen(CONFIG));
	if (config_parse(&fx->config, fx->config_src, &config_diags) < 0 || config_diags.len)
		return -1;
	fx->paths = (struct strlist)STRLIST_INIT;
	fx->all = (struct strlist)STRLIST_INIT;
	fx->diags = (struct diag_list)DIAG_LIST_INIT;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	unit_remove_tree(fx->base);
	config_free(fx->config);
	source_free(fx->config_src);
	strlist_release(&fx->paths);
	strlist_release(&fx->all);
	diag_list_release(&fx->diags);
	free(fx->base);
	free(fx->root);
	free(fx);
	return 0;
}

/* Runs the check the way `perennial check` does: `all` is every note listed. */
static long S_check(struct fixture *fx)
{
	assert_int_equal(worktree_list(&fx->all, fx->root, UNIT_NOTES("notes"), "notes", &fx->diags), 0);
	strlist_sort_unique(&fx->paths);
	long n = check_worktree(fx->config, fx->root, &fx->paths, &fx->all, NULL, &fx->diags);
	diag_list_sort(&fx->diags);
	return n;
}

/* Every listed note is checked. */
static long S_check_all(struct fixture *fx)
{
	assert_int_equal(worktree_list(&fx->paths, fx->root, UNIT_NOTES("notes"), "notes", &fx->diags), 0);
	return S_check(fx);
}

/* How many diagnostics name `file`. */
static size_t S_count_in(const struct diag_list *list, const char *file)
{
	size_t n = 0;
	for (size_t i = 0; i < list->len; i++)
		n += strcmp(list->items[i].file, file) == 0;
	return n;
}

static void test_clean_notes_have_no_findings(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE("id: first\n"));
	unit_write(fx->root, "notes/b.md", NOTE(""));
	unit_write(fx->root, "notes/2020/a.md", NOTE("id: third\n"));
	assert_int_equal(S_check_all(fx), 3);
	assert_int_equal(fx->diags.len, 0);
}

static void test_duplicate_ids_reported_on_both_naming_the_other(void **state)
{
	struct fixture *fx = *state;

	/* a.md's id is on line 3, b.md's on line 2 and indented differently. */
	unit_write(fx->root, "notes/a.md", NOTE("id: coffee\n"));
	unit_write(fx->root, "notes/b.md", "---\nid:   coffee\ntitle: T\ndate: 2020-05-12\n"
		"organizer: lisa-t\nkind: group\n---\n");
	assert_int_equal(S_check_all(fx), 2);
	assert_int_equal(fx->diags.len, 2);
	assert_diag_in(&fx->diags, 0, DIAG_DUPLICATE_ID, "notes/a.md", 3, 5, 6,
		       "id 'coffee' is also the id of notes/b.md:2:7", DUP_HINT);
	assert_diag_in(&fx->diags, 1, DIAG_DUPLICATE_ID, "notes/b.md", 2, 7, 0,
		       "id 'coffee' is also the id of notes/a.md:3:5", DUP_HINT);
	/* The diagnostic carries its line, for printing after the note is gone. */
	assert_string_equal(fx->diags.items[0].line_text, "id: coffee");
	assert_string_equal(fx->diags.items[1].line_text, "id:   coffee");
	assert_int_equal(fx->diags.items[0].severity, DIAG_ERROR);
}

static void test_duplicate_found_when_only_one_file_is_checked(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE("id: coffee\n"));
	/* b.md has problems of its own; they are not the question now. */
	unit_write(fx->root, "notes/b.md", "---\nid: coffee\ntitle: [T\n---\n");
	unit_write(fx->root, "notes/c.md", "---\nid: coffee\norganizer: nobody\n"
		"date: 2020-99-99\nmood: x\n---\n- [ ] no owner\n");
	strlist_add(&fx->paths, "notes/a.md");
	assert_int_equal(S_check(fx), 1);
	/*
	 * b.md's YAML is broken, so it has no id; c.md's front matter is read
	 * for its id, but its own findings are not reported.
	 */
	assert_int_equal(fx->diags.len, 1);
	assert_diag_in(&fx->diags, 0, DIAG_DUPLICATE_ID, "notes/a.md", 3, 5, 0,
		       "id 'coffee' is also the id of notes/c.md:2:5", DUP_HINT);
	assert_int_equal(S_count_in(&fx->diags, "notes/b.md"), 0);
	assert_int_equal(S_count_in(&fx->diags, "notes/c.md"), 0);
}

static void test_unchecked_unreadable_notes_are_not_reported(void **state)
{
	struct fixture *fx = *state;
	static const char binary[] = "---\nid: x\n---\n\0";

	unit_write(fx->root, "notes/a.md", NOTE(""));
	unit_write_bytes(fx->root, "notes/bin.md", binary, sizeof(binary) - 1);
	unit_write(fx->root, "notes/bad.md", "caf\xE9\n");
	unit_write(fx->root, "notes/none.md", "no front matter\n");
	strlist_add(&fx->paths, "notes/a.md");
	assert_int_equal(S_check(fx), 1);
	assert_int_equal(fx->diags.len, 0);
}

static void test_checked_notes_get_every_finding(void **state)
{
	struct fixture *fx = *state;
	static const char binary[] = "x\0y";

	unit_write(fx->root, "notes/a.md", NOTE(""));
	unit_write_bytes(fx->root, "notes/bin.md", binary, sizeof(binary) - 1);
	unit_write(fx->root, "notes/none.md", "no front matter\n");
	unit_write(fx->root, "notes/who.md", "---\ntitle: T\ndate: 2020-05-12\n"
		"organizer: lisa_t\nkind: group\n---\n");
	assert_int_equal(S_check_all(fx), 4);
	assert_int_equal(fx->diags.len, 3);
	assert_diag_in(&fx->diags, 0, DIAG_BINARY_FILE, "notes/bin.md", 1, 1, 0,
		       "binary file, not text", "notes and perennial.yml are text files; keep other files elsewhere");
	assert_diag_in(&fx->diags, 1, DIAG_FRONT_MATTER_MISSING, "notes/none.md", 1, 1, 0,
		       "no front matter: a note starts with a line '---'",
		       "begin the file with '---', the fields (title, date, ...), then '---'");
	assert_diag_in(&fx->diags, 2, DIAG_UNKNOWN_ORGANIZER, "notes/who.md", 4, 12, 0,
		       "unknown organizer 'lisa_t'", "did you mean 'lisa-t'?");
}

static void test_fifo_named_like_a_note_is_not_a_file(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE(""));
	char *fifo = unit_path(fx->root, "notes/pipe.md");
	assert_int_equal(mkfifo(fifo, 0644), 0);
	free(fifo);
	alarm(10);  /* reading it must not wait for a writer */
	long n = S_check_all(fx);
	alarm(0);
	assert_int_equal(n, 2);
	assert_int_equal(fx->diags.len, 1);
	assert_diag_in(&fx->diags, 0, DIAG_NOT_A_FILE, "notes/pipe.md", 1, 1, 0,
		       "not a regular file", NULL);
}

static void test_id_from_file_name_collides_with_explicit_id(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/coffee.md", NOTE(""));
	unit_write(fx->root, "notes/2020/x.md", NOTE("id: coffee\n"));
	assert_int_equal(S_check_all(fx), 2);
	assert_int_equal(fx->diags.len, 2);
	assert_diag_in(&fx->diags, 0, DIAG_DUPLICATE_ID, "notes/2020/x.md", 3, 5, 0,
		       "id 'coffee' is also the id of notes/coffee.md:1:1", DUP_HINT);
	assert_diag_in(&fx->diags, 1, DIAG_DUPLICATE_ID, "notes/coffee.md", 1, 1, 0,
		       "id 'coffee' (from the file name) is also the id of notes/2020/x.md:3:5",
		       DUP_HINT);
	/* An id from the name points at no text of the file. */
	assert_null(fx->diags.items[1].line_text);
}

static void test_same_file_name_in_two_folders_is_a_duplicate(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/2020/notes.md", NOTE(""));
	unit_write(fx->root, "notes/2021/notes.md", NOTE(""));
	assert_int_equal(S_check_all(fx), 2);
	assert_int_equal(fx->diags.len, 2);
	assert_diag_in(&fx->diags, 0, DIAG_DUPLICATE_ID, "notes/2020/notes.md", 1, 1, 0,
		       "id 'notes' (from the file name) is also the id of notes/2021/notes.md:1:1",
		       DUP_HINT);
	assert_diag_in(&fx->diags, 1, DIAG_DUPLICATE_ID, "notes/2021/notes.md", 1, 1, 0,
		       "id 'notes' (from the file name) is also the id of notes/2020/notes.md:1:1",
		       DUP_HINT);
}

static void test_three_notes_one_id_each_reported_once(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE("id: same\n"));
	unit_write(fx->root, "notes/b.md", NOTE("id: same\n"));
	unit_write(fx->root, "notes/c.md", NOTE("id: same\n"));
	unit_write(fx->root, "notes/d.md", NOTE("id: other\n"));
	assert_int_equal(S_check_all(fx), 4);
	assert_int_equal(fx->diags.len, 3);
	assert_diag_in(&fx->diags, 0, DIAG_DUPLICATE_ID, "notes/a.md", 3, 5, 0,
		       "id 'same' is also the id of notes/b.md:3:5", DUP_HINT);
	assert_diag_in(&fx->diags, 1, DIAG_DUPLICATE_ID, "notes/b.md", 3, 5, 0,
		       "id 'same' is also the id of notes/a.md:3:5", DUP_HINT);
	assert_diag_in(&fx->diags, 2, DIAG_DUPLICATE_ID, "notes/c.md", 3, 5, 0,
		       "id 'same' is also the id of notes/a.md:3:5", DUP_HINT);
}

static void test_ids_differ_by_case_are_not_duplicates(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE("id: Coffee\n"));
	unit_write(fx->root, "notes/b.md", NOTE("id: coffee\n"));
	assert_int_equal(S_check_all(fx), 2);
	assert_int_equal(fx->diags.len, 0);
}

static void test_note_without_front_matter_takes_no_part_in_ids(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", "just text\n");
	unit_write(fx->root, "notes/x.md", NOTE("id: a\n"));
	assert_int_equal(S_check_all(fx), 2);
	assert_int_equal(fx->diags.len, 1);
	assert_string_equal(diag_rule_id(fx->diags.items[0].rule), "front-matter-missing");
	assert_string_equal(fx->diags.items[0].file, "notes/a.md");
}

static void test_returns_the_number_of_notes_checked(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE(""));
	unit_write(fx->root, "notes/b.md", NOTE(""));
	unit_write(fx->root, "notes/c.md", NOTE(""));
	unit_write(fx->root, "README.md", NOTE(""));   /* checked though not in the notes folder */
	strlist_add(&fx->paths, "notes/c.md");
	strlist_add(&fx->paths, "README.md");
	assert_int_equal(S_check(fx), 2);
	assert_int_equal(fx->all.len, 3);
	assert_int_equal(fx->diags.len, 0);
}

static void test_nothing_to_check_is_zero(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE("id: same\n"));
	unit_write(fx->root, "notes/b.md", NOTE("id: same\n"));
	/* Both are read for ids, but neither is asked about. */
	assert_int_equal(S_check(fx), 0);
	assert_int_equal(fx->diags.len, 0);
}

static void test_io_error_returns_minus_one(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/a.md", NOTE(""));
	strlist_add(&fx->paths, "notes/a.md");
	strlist_add(&fx->paths, "notes/gone.md");

	struct unit_capture c;
	unit_capture_start(&c);
	long n = S_check(fx);
	char *printed = unit_capture_stop(&c);
	assert_int_equal(n, -1);
	assert_string_equal(printed,
			    "perennial: error: cannot open 'notes/gone.md': No such file or directory\n");
	free(printed);
}

/*
 * A link inside the root to a note is listed (worktree_list), but it is the
 * same note: its id must not be reported as a duplicate of itself.
 */
static void test_link_to_a_note_is_not_its_duplicate(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->root, "notes/2020/a.md", NOTE("id: coffee\n"));
	char *link = unit_path(fx->root, "notes/latest.md");
	assert_int_equal(symlink("2020/a.md", link), 0);
	free(link);
	S_check_all(fx);
	for (size_t i = 0; i < fx->diags.len; i++)
		print_error("%s:%u:%u: %s\n", fx->diags.items[i].file, fx->diags.items[i].line,
			    fx->diags.items[i].column, fx->diags.items[i].message);
	assert_int_equal(fx->diags.len, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_clean_notes_have_no_findings),
		T(test_duplicate_ids_reported_on_both_naming_the_other),
		T(test_duplicate_found_when_only_one_file_is_checked),
		T(test_unchecked_unreadable_notes_are_not_reported),
		T(test_checked_notes_get_every_finding),
		T(test_fifo_named_like_a_note_is_not_a_file),
		T(test_id_from_file_name_collides_with_explicit_id),
		T(test_same_file_name_in_two_folders_is_a_duplicate),
		T(test_three_notes_one_id_each_reported_once),
		T(test_ids_differ_by_case_are_not_duplicates),
		T(test_note_without_front_matter_takes_no_part_in_ids),
		T(test_returns_the_number_of_notes_checked),
		T(test_nothing_to_check_is_zero),
		T(test_io_error_returns_minus_one),
		T(test_link_to_a_note_is_not_its_duplicate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
