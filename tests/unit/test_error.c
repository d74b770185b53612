#include "unit.h"

#include <errno.h>
#include <stdlib.h>

#include "error.h"

/* Messages set after a mark can be forgotten by one who got over the failure. */
static void test_forget_since_a_mark(void **state)
{
	(void)state;
	struct error_message *m;
	size_t n;

	error_take(&m, &n);
	error_messages_free(m, n);
	error_set("kept");
	size_t mark = error_mark();
	assert_int_equal(mark, 1);
	error_set("damaged");
	error_set_at("x.md", 1, 2, "also");
	error_forget_since(mark);
	assert_int_equal(error_mark(), 1);
	error_forget_since(5);
	error_take(&m, &n);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].text, "kept");
	error_messages_free(m, n);
}

/* Why a write failed, in the words of whoever must make room or ask for access. */
static void test_write_reason(void **state)
{
	(void)state;
	assert_string_equal(error_write_reason(ENOSPC), "the disk is full");
	assert_string_equal(error_write_reason(EDQUOT), "the disk is full");
	assert_string_equal(error_write_reason(EROFS), "the disk is read-only");
	assert_string_equal(error_write_reason(EACCES), "no permission to write there");
	assert_string_equal(error_write_reason(ENOENT), strerror(ENOENT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forget_since_a_mark),
		cmocka_unit_test(test_write_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
