#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "strlist.h"
#include "xalloc.h"

/* Builds a list from a NULL-terminated array of strings. */
static void S_fill(struct strlist *list, const char *const *strings)
{
	for (size_t i = 0; strings[i]; i++)
		strlist_add(list, strings[i]);
}

static void test_add_copies_and_add_owned_takes(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	char buf[] = "notes/a.md";

	strlist_add(&list, buf);
	buf[0] = 'X';
	strlist_add_owned(&list, xstrdup("notes/b.md"));
	assert_int_equal(list.len, 2);
	assert_string_equal(list.items[0], "notes/a.md");
	assert_ptr_not_equal(list.items[0], buf);
	assert_string_equal(list.items[1], "notes/b.md");
	strlist_release(&list);
}

static void test_sort_unique_byte_order_and_drops_repeats(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	static const char *const in[] = {
		"notes/b.md", "notes/a.md", "notes/B.md", "notes/a.md", "notes/a-b.md",
		"notes/a/b.md", "notes/\xC3\xA9.md", "notes/b.md", "notes/a.md", NULL,
	};
	/* Byte order: 'B' < 'a' < 'b', '-' (0x2D) < '.' (0x2E) < '/' (0x2F), UTF-8 last. */
	static const char *const want[] = {
		"notes/B.md", "notes/a-b.md", "notes/a.md", "notes/a/b.md", "notes/b.md",
		"notes/\xC3\xA9.md", NULL,
	};

	S_fill(&list, in);
	strlist_sort_unique(&list);
	assert_strings(list.items, list.len, want);
	/* The repeats were freed, not leaked: ASan's leak check guards that. */
	strlist_release(&list);
}

static void test_sort_unique_all_equal_keeps_one(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	static const char *const in[] = { "x", "x", "x", "x", NULL };
	static const char *const want[] = { "x", NULL };

	S_fill(&list, in);
	strlist_sort_unique(&list);
	assert_strings(list.items, list.len, want);
	strlist_release(&list);
}

static void test_sort_unique_empty_and_single(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	static const char *const one[] = { "only", NULL };

	strlist_sort_unique(&list);
	assert_int_equal(list.len, 0);
	assert_null(list.items);
	strlist_add(&list, "only");
	strlist_sort_unique(&list);
	assert_strings(list.items, list.len, one);
	strlist_release(&list);
}

static void test_sort_unique_keeps_the_empty_string(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	static const char *const in[] = { "b", "", "a", "", NULL };
	static const char *const want[] = { "", "a", "b", NULL };

	S_fill(&list, in);
	strlist_sort_unique(&list);
	assert_strings(list.items, list.len, want);
	strlist_release(&list);
}

static void test_has_sorted_finds_every_item_and_nothing_else(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	static const char *const in[] = {
		"notes/c.md", "notes/a.md", "notes/e.md", "notes/b.md", "notes/d.md", NULL,
	};

	S_fill(&list, in);
	strlist_sort_unique(&list);
	for (size_t i = 0; in[i]; i++)
		assert_true(strlist_has_sorted(&list, in[i]));
	assert_false(strlist_has_sorted(&list, "notes/"));
	assert_false(strlist_has_sorted(&list, "notes/a"));
	assert_false(strlist_has_sorted(&list, "notes/a.mdx"));
	assert_false(strlist_has_sorted(&list, "notes/A.md"));
	assert_false(strlist_has_sorted(&list, ""));
	assert_false(strlist_has_sorted(&list, "notes/0.md"));  /* before the first */
	assert_false(strlist_has_sorted(&list, "notes/z.md"));  /* after the last */
	strlist_release(&list);
}

static void test_has_sorted_empty_list(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;

	assert_false(strlist_has_sorted(&list, ""));
	assert_false(strlist_has_sorted(&list, "notes/a.md"));
}

static void test_release_leaves_an_empty_reusable_list(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;

	strlist_add(&list, "a");
	strlist_add(&list, "b");
	strlist_release(&list);
	assert_null(list.items);
	assert_int_equal(list.len, 0);
	assert_int_equal(list.cap, 0);
	strlist_add(&list, "c");
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0], "c");
	strlist_release(&list);
	strlist_release(&list);  /* twice is harmless */
}

static void test_many_items_grow(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT;
	char name[32];

	/* Added in reverse, twice each: 1000 distinct names remain, in order. */
	for (int round = 0; round < 2; round++)
		for (int i = 999; i >= 0; i--) {
			snprintf(name, sizeof(name), "n%04d", i);
			strlist_add(&list, name);
		}
	assert_int_equal(list.len, 2000);
	strlist_sort_unique(&list);
	assert_int_equal(list.len, 1000);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "n%04d", i);
		assert_string_equal(list.items[i], name);
		assert_true(strlist_has_sorted(&list, name));
	}
	assert_false(strlist_has_sorted(&list, "n1000"));
	strlist_release(&list);
}

static void test_path_is_under_a_folder(void **state)
{
	(void)state;
	assert_true(path_is_under("notes/a.md", "notes"));
	assert_true(path_is_under("notes", "notes"));
	assert_true(path_is_under("anything", ""));
	assert_false(path_is_under("notes-old/a.md", "notes"));
	assert_false(path_is_under("note", "notes"));
}

static void test_keep_under_folders(void **state)
{
	(void)state;
	struct strlist list = STRLIST_INIT, folders = STRLIST_INIT, none = STRLIST_INIT;
	strlist_add(&list, "notes/2020/a.md");
	strlist_add(&list, "notes/2021/b.md");
	strlist_add(&list, "notes/2020-old/c.md");
	strlist_keep_under(&list, &none);
	assert_int_equal(list.len, 3);
	strlist_add(&folders, "notes/2020");
	strlist_keep_under(&list, &folders);
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0], "notes/2020/a.md");
	strlist_release(&list);
	strlist_release(&folders);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_is_under_a_folder),
		cmocka_unit_test(test_keep_under_folders),
		cmocka_unit_test(test_add_copies_and_add_owned_takes),
		cmocka_unit_test(test_sort_unique_byte_order_and_drops_repeats),
		cmocka_unit_test(test_sort_unique_all_equal_keeps_one),
		cmocka_unit_test(test_sort_unique_empty_and_single),
		cmocka_unit_test(test_sort_unique_keeps_the_empty_string),
		cmocka_unit_test(test_has_sorted_finds_every_item_and_nothing_else),
		cmocka_unit_test(test_has_sorted_empty_list),
		cmocka_unit_test(test_release_leaves_an_empty_reusable_list),
		cmocka_unit_test(test_many_items_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
