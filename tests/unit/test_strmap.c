#include "unit.h"

#include <stdlib.h>

#include "strmap.h"

static void test_empty_map_finds_nothing(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;

	assert_int_equal(strmap_find(&map, "a"), STRMAP_NONE);
	assert_int_equal(strmap_find(&map, ""), STRMAP_NONE);
	strmap_release(&map);
	strmap_release(&map);   /* twice is harmless */
}

static void test_numbers_in_the_order_added(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;
	int added = -1;

	assert_int_equal(strmap_add(&map, "notes/b.md", &added), 0);
	assert_true(added);
	assert_int_equal(strmap_add(&map, "notes/a.md", &added), 1);
	assert_true(added);
	assert_int_equal(strmap_add(&map, "", &added), 2);
	assert_true(added);
	/* Added again: the number it has, nothing new. */
	assert_int_equal(strmap_add(&map, "notes/b.md", &added), 0);
	assert_false(added);
	assert_int_equal(strmap_add(&map, "notes/a.md", NULL), 1);
	assert_int_equal(map.len, 3);

	assert_int_equal(strmap_find(&map, "notes/a.md"), 1);
	assert_int_equal(strmap_find(&map, ""), 2);
	assert_int_equal(strmap_find(&map, "notes/a.m"), STRMAP_NONE);
	assert_int_equal(strmap_find(&map, "notes/a.mdx"), STRMAP_NONE);
	assert_string_equal(strmap_key(&map, 0), "notes/b.md");
	assert_string_equal(strmap_key(&map, 2), "");
	strmap_release(&map);
	assert_int_equal(map.len, 0);
	assert_null(map.keys);
	assert_int_equal(strmap_find(&map, "notes/a.md"), STRMAP_NONE);
}

/* The map keeps its own copy: the caller's buffer may change. */
static void test_keys_are_copied(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;
	char buf[] = "abc";

	strmap_add(&map, buf, NULL);
	buf[0] = 'x';
	assert_int_equal(strmap_find(&map, "abc"), 0);
	assert_int_equal(strmap_find(&map, "xbc"), STRMAP_NONE);
	assert_string_equal(strmap_key(&map, 0), "abc");
	strmap_release(&map);
}

/*
 * Many keys, most of them alike (blob ids differ in a few digits), through
 * many growths of the table: every one keeps its number, a key's pointer
 * from before a growth still reads the same, and no other string is found.
 */
static void test_many_keys_through_growth(void **state)
{
	(void)state;
	struct strmap map = STRMAP_INIT;
	enum { N = 20000 };
	char key[64];

	strmap_add(&map, "first", NULL);
	const char *first = strmap_key(&map, 0);
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "%040d", i);
		assert_int_equal(strmap_add(&map, key, NULL), (size_t)i + 1);
	}
	assert_int_equal(map.len, N + 1);
	assert_true(map.size >= 2 * map.len);
	assert_ptr_equal(strmap_key(&map, 0), first);
	size_t wrong = 0;
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "%040d", i);
		wrong += strmap_find(&map, key) != (size_t)i + 1;
		wrong += strcmp(strmap_key(&map, (size_t)i + 1), key) != 0;
		snprintf(key, sizeof(key), "%040d", N + i);
		wrong += strmap_find(&map, key) != STRMAP_NONE;
	}
	assert_int_equal(wrong, 0);
	strmap_release(&map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map_finds_nothing),
		cmocka_unit_test(test_numbers_in_the_order_added),
		cmocka_unit_test(test_keys_are_copied),
		cmocka_unit_test(test_many_keys_through_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
