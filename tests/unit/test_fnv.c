#include "unit.h"

#include "fnv.h"

static void test_known_values(void **state)
{
	(void)state;
	/* The reference values of the FNV authors' test suite. */
	assert_true(fnv1a(FNV1A_INIT, "", 0) == UINT64_C(0xcbf29ce484222325));
	assert_true(fnv1a(FNV1A_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(fnv1a(FNV1A_INIT, "foobar", 6) == UINT64_C(0x85944171f73967e8));
}

static void test_pieces_hash_as_one(void **state)
{
	(void)state;
	assert_true(fnv1a(fnv1a(FNV1A_INIT, "foo", 3), "bar", 3) ==
		    fnv1a(FNV1A_INIT, "foobar", 6));
	assert_true(fnv1a(FNV1A_INIT, "\xff", 1) != fnv1a(FNV1A_INIT, "\x7f", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_pieces_hash_as_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
