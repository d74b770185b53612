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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_limit_is_inclusive),
		cmocka_unit_test(test_a_nul_byte_makes_a_file_binary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
