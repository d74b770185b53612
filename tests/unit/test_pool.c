#include "unit.h"

#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

/* Items whose work takes longer the lower they are, so threads finish out of order. */
struct run {
	size_t n;
	unsigned long *worked;       /* per item: its work's result */
	int *worked_times;
	size_t *order;               /* the items in the order done saw them */
	size_t ndone;
	pthread_t caller;
	int done_elsewhere;          /* done ran on another thread than the caller's */
	int done_before_work;        /* done saw an item whose work had not ended */
	int too_far_ahead;           /* an item worked on POOL_WINDOW or more past the next to take */
};

static void S_work(void *ctx, size_t i)
{
	struct run *r = ctx;
	unsigned long x = i + 1;
	for (size_t k = 0; k < (r->n - i) * 50; k++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	r->worked[i] = x | 1;
	__atomic_add_fetch(&r->worked_times[i], 1, __ATOMIC_SEQ_CST);
	/* A ring of POOL_WINDOW slots would not be overwritten: i - POOL_WINDOW is done. */
	if (i >= __atomic_load_n(&r->ndone, __ATOMIC_SEQ_CST) + POOL_WINDOW)
		r->too_far_ahead = 1;
}

static void S_done(void *ctx, size_t i)
{
	struct run *r = ctx;
	if (!pthread_equal(pthread_self(), r->caller))
		r->done_elsewhere = 1;
	if (!r->worked[i])
		r->done_before_work = 1;
	r->order[__atomic_fetch_add(&r->ndone, 1, __ATOMIC_SEQ_CST)] = i;
}

static void S_run(size_t n, size_t threads)
{
	struct run r = { .n = n, .caller = pthread_self() };
	r.worked = calloc(n + 1, sizeof(*r.worked));
	r.worked_times = calloc(n + 1, sizeof(*r.worked_times));
	r.order = calloc(n + 1, sizeof(*r.order));
	pool_run(n, threads, S_work, S_done, &r);
	assert_int_equal(r.ndone, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r.order[i], i);
		assert_int_equal(r.worked_times[i], 1);
	}
	assert_false(r.done_elsewhere);
	assert_false(r.done_before_work);
	assert_false(r.too_far_ahead);
	free(r.worked);
	free(r.worked_times);
	free(r.order);
}

/* Every item is worked on once and taken in order, on the caller's thread. */
static void test_in_order_once_each(void **state)
{
	(void)state;
	S_run(0, 4);
	S_run(1, 4);
	S_run(7, 0);
	S_run(1000, 0);
	S_run(1000, 1);
	S_run(3000, 4);
	S_run(10, 16);
}

static void test_threads(void **state)
{
	(void)state;
	assert_int_equal(pool_threads(1), 1);
	assert_true(pool_threads(64) >= 1);
	assert_true(pool_threads(0) >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_once_each),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
