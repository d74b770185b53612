#include "unit.h"

#include "notefile.h"

static void test_size_limit_is_inclusive(void **state)
{
	(void)state;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_int_equal(notefile_refuse_size(&diags, "a.md", NOTE_MAX_SIZE), 0);
	assert_int_equal(diags.len, 0);
	assert_int_equal(notefile_refuse_size(&diags, "a.md", 50 * 1024 * 1024), 1);
	assert_diag_in(&diags, 0, DIAG_FILE_TOO_LARGE, "a.md", 1, 1, 1,
		       "file is 51200 KiB; perennial reads at most 1024 KiB",
		       "notes are small text files: split this one, or keep it elsewhere");
	diag_list_release(&diags);
}

static void test_a_nul_byte_makes_a_file_binary(void **state)
{
	(void)state;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_int_equal(notefile_refuse_bytes(&diags, "a.md", "text\n", 5), 0);
	assert_int_equal(notefile_refuse_bytes(&diags, "b.md", "PNG\0", 4), 1);
	assert_int_equal(diags.len, 1);
	assert_diag_in(&diags, 0, DIAG_BINARY_FILE, "b.md", 1, 1, 1, "binary file, not text",
		       "notes and perennial.yml are text files; keep other files elsewhere");
	diag_list_release(&diags);
}

static enum notefile_kind S_kind(const char *const *ignore, size_t n, const char *path)
{
	struct notefile_scope scope = { "notes", (char *const *)ignore, n };
	return notefile_classify(&scope, path);
}

static void test_notes_are_md_files_below_the_notes_folder(void **state)
{
	(void)state;
	assert_int_equal(S_kind(NULL, 0, "notes/2020/a.md"), NOTEFILE_NOTE);
	assert_int_equal(S_kind(NULL, 0, "notes/a.txt"), NOTEFILE_OTHER);
	assert_int_equal(S_kind(NULL, 0, "notes/.md"), NOTEFILE_OTHER);
	assert_int_equal(S_kind(NULL, 0, "notes/.drafts/a.md"), NOTEFILE_OTHER);
	assert_int_equal(S_kind(NULL, 0, "notesx/a.md"), NOTEFILE_OTHER);
	assert_int_equal(S_kind(NULL, 0, "reports/a.md"), NOTEFILE_OTHER);
	assert_int_equal(S_kind(NULL, 0, "notes"), NOTEFILE_OTHER);
	assert_int_equal(S_kind(NULL, 0, "notes/caf\xE9.md"), NOTEFILE_MISNAMED);
	assert_int_equal(S_kind(NULL, 0, "notes/caf\xE9/a.md"), NOTEFILE_MISNAMED);
	assert_int_equal(S_kind(NULL, 0, "notes/a\nb.md"), NOTEFILE_MISNAMED);
	const struct notefile_scope root = { "", NULL, 0 };
	assert_int_equal(notefile_classify(&root, "a.md"), NOTEFILE_NOTE);
	assert_int_equal(notefile_classify(&root, ".a/b.md"), NOTEFILE_OTHER);
}

static void test_ignore_matches_as_gitignore_does(void **state)
{
	(void)state;
	const char *const readme[] = { "README.md" };
	assert_int_equal(S_kind(readme, 1, "notes/README.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(readme, 1, "notes/2020/README.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(readme, 1, "notes/2020/README.md.md"), NOTEFILE_NOTE);
	assert_int_equal(S_kind(readme, 1, "notes/readme.md"), NOTEFILE_NOTE);

	/* With a '/', from the notes folder; '*' does not cross folders. */
	const char *const anchored[] = { "2019/*.md", "/TODO.md" };
	assert_int_equal(S_kind(anchored, 2, "notes/2019/a.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(anchored, 2, "notes/2019/05/a.md"), NOTEFILE_NOTE);
	assert_int_equal(S_kind(anchored, 2, "notes/old/2019/a.md"), NOTEFILE_NOTE);
	assert_int_equal(S_kind(anchored, 2, "notes/TODO.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(anchored, 2, "notes/2020/TODO.md"), NOTEFILE_NOTE);

	/* A folder matched leaves out all below it; a trailing '/' matches folders only. */
	const char *const folders[] = { "drafts/", "2018", "templ?te*" };
	assert_int_equal(S_kind(folders, 3, "notes/drafts/a.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(folders, 3, "notes/x/drafts/y/a.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(folders, 3, "notes/drafts.md"), NOTEFILE_NOTE);
	assert_int_equal(S_kind(folders, 3, "notes/2018/03/a.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(folders, 3, "notes/template-one.md"), NOTEFILE_IGNORED);
	assert_int_equal(S_kind(folders, 3, "notes/2019/a.md"), NOTEFILE_NOTE);

	/* An ignored file is not reported for its name, and nothing outside the notes is matched. */
	const char *const all[] = { "*" };
	assert_int_equal(S_kind(all, 1, "notes/caf\xE9.md"), NOTEFILE_IGNORED);
	struct notefile_scope scope = { "notes", (char *const *)all, 1 };
	assert_false(notefile_ignored(&scope, "a.md"));
	assert_false(notefile_ignored(&scope, "notes"));
}

static void test_a_name_that_is_not_utf8_is_refused(void **state)
{
	(void)state;
	struct diag_list diags = DIAG_LIST_INIT;
	assert_int_equal(notefile_refuse_name(&diags, "notes/caf\xC3\xA9.md"), 0);
	assert_int_equal(notefile_refuse_name(&diags, "notes/caf\xE9.md"), 1);
	assert_int_equal(notefile_refuse_name(&diags, "notes/a\x01.md"), 1);
	assert_int_equal(diags.len, 2);
	assert_diag_in(&diags, 0, DIAG_INVALID_FILE_NAME, "notes/caf\xE9.md", 1, 1, 1,
		       "file name is not UTF-8 (byte 0xE9)", UNIT_ANY);
	assert_diag_in(&diags, 1, DIAG_INVALID_FILE_NAME, "notes/a\x01.md", 1, 1, 1,
		       "file name holds a control character (byte 0x01)", UNIT_ANY);
	diag_list_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notes_are_md_files_below_the_notes_folder),
		cmocka_unit_test(test_ignore_matches_as_gitignore_does),
		cmocka_unit_test(test_a_name_that_is_not_utf8_is_refused),
		cmocka_unit_test(test_size_limit_is_inclusive),
		cmocka_unit_test(test_a_nul_byte_makes_a_file_binary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
