#include "unit.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"

static void test_blocks_are_aligned_and_apart(void **state)
{
	(void)state;
	struct arena arena = ARENA_INIT;
	unsigned char *prev = NULL;
	/* Past one chunk: blocks of every small size, each its own and aligned. */
	for (size_t i = 1; i < 5000; i++) {
		unsigned char *p = arena_alloc(&arena, i % 97 + 1);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, (int)(i & 0xff), i % 97 + 1);
		if (prev)
			assert_int_equal(prev[0], (unsigned char)((i - 1) & 0xff));
		prev = p;
	}
	/* One larger than a chunk has its own. */
	unsigned char *big = arena_calloc(&arena, 200, 1024);
	for (size_t i = 0; i < 200 * 1024; i++)
		assert_int_equal(big[i], 0);
	arena_release(&arena);
	assert_null(arena.chunks);
	/* Used again after a release. */
	assert_string_equal(arena_strdup(&arena, "again"), "again");
	assert_null(arena_strdup(&arena, NULL));
	arena_release(&arena);
}

static void test_realloc_keeps_the_bytes(void **state)
{
	(void)state;
	struct arena arena = ARENA_INIT;
	char *p = arena_realloc(&arena, NULL, 4);
	memcpy(p, "abc", 4);
	/* The newest block grows where it is. */
	char *q = arena_realloc(&arena, p, 64);
	assert_ptr_equal(q, p);
	assert_string_equal(q, "abc");
	/* An older one moves, its bytes with it; a smaller size keeps it. */
	char *r = arena_strdup(&arena, "newer");
	char *s = arena_realloc(&arena, q, 4096);
	assert_ptr_not_equal(s, q);
	assert_string_equal(s, "abc");
	assert_string_equal(r, "newer");
	assert_ptr_equal(arena_realloc(&arena, s, 8), s);
	arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks_are_aligned_and_apart),
		cmocka_unit_test(test_realloc_keeps_the_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
