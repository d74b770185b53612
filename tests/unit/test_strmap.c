#include "unit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

static void test_get_put_and_replace(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;
	int a = 1, b = 2;

	assert_null(strmap_get(&map, "notes/a.md"));   /* an empty map has no slots yet */
	strmap_put(&map, "notes/a.md", &a);
	assert_ptr_equal(strmap_get(&map, "notes/a.md"), &a);
	assert_null(strmap_get(&map, "notes/b.md"));
	assert_null(strmap_get(&map, ""));
	strmap_put(&map, "notes/a.md", &b);
	assert_ptr_equal(strmap_get(&map, "notes/a.md"), &b);
	assert_int_equal(map.len, 1);
	strmap_release(&map);
	assert_int_equal(map.len, 0);
	assert_null(strmap_get(&map, "notes/a.md"));
}

static void test_keys_are_copied(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;
	char key[] = "blob-1";
	strmap_put(&map, key, (void *)(uintptr_t)7);
	key[5] = '2';
	assert_int_equal((uintptr_t)strmap_get(&map, "blob-1"), 7);
	assert_null(strmap_get(&map, "blob-2"));
	strmap_release(&map);
}

static void test_many_keys_across_growth(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;
	char key[32];
	for (uintptr_t i = 1; i <= 5000; i++) {
		snprintf(key, sizeof(key), "notes/%lu.md", (unsigned long)i);
		strmap_put(&map, key, (void *)i);
	}
	assert_int_equal(map.len, 5000);
	assert_true(map.size >= 2 * map.len);
	for (uintptr_t i = 1; i <= 5000; i++) {
		snprintf(key, sizeof(key), "notes/%lu.md", (unsigned long)i);
		assert_int_equal((uintptr_t)strmap_get(&map, key), i);
	}
	assert_null(strmap_get(&map, "notes/5001.md"));
	strmap_release(&map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_put_and_replace),
		cmocka_unit_test(test_keys_are_copied),
		cmocka_unit_test(test_many_keys_across_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
