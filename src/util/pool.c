#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

/* Items a worker takes at once: fewer trips through the lock. */
#define CHUNK 32

_Static_assert(POOL_WINDOW >= POOL_AHEAD + CHUNK, "a chunk taken at the edge stays in the window");

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t more;         /* a worker may take the next items */
	pthread_cond_t finished;     /* some items' work has ended */
	size_t n, next, taken;       /* items; the next to work on; those done */
	size_t idle;                 /* workers waiting on `more` */
	int waiting;                 /* the caller waits on `finished` */
	unsigned char *ready;        /* per item: its work has ended */
	pool_work_fn *work;
	void *ctx;
};

static void *S_worker(void *arg)
{
	struct pool *pool = arg;

	pthread_mutex_lock(&pool->lock);
	for (;;) {
		while (pool->next < pool->n && pool->next >= pool->taken + POOL_AHEAD) {
			pool->idle++;
			pthread_cond_wait(&pool->more, &pool->lock);
			pool->idle--;
		}
		if (pool->next >= pool->n)
			break;
		size_t from = pool->next, to = from + CHUNK < pool->n ? from + CHUNK : pool->n;
		pool->next = to;
		pthread_mutex_unlock(&pool->lock);
		for (size_t i = from; i < to; i++)
			pool->work(pool->ctx, i);
		pthread_mutex_lock(&pool->lock);
		for (size_t i = from; i < to; i++)
			pool->ready[i] = 1;
		if (pool->waiting)
			pthread_cond_signal(&pool->finished);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

size_t pool_threads(size_t max)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cores > 1 ? (size_t)cores : 1;
	return n < max ? n : max ? max : 1;
}

void pool_run(size_t n, size_t threads, pool_work_fn *work, pool_done_fn *done, void *ctx)
{
	struct pool pool = { .n = n, .work = work, .ctx = ctx };
	size_t started = 0;

	if (threads > (n ? n - 1 : 0) / CHUNK)
		threads = (n ? n - 1 : 0) / CHUNK;
	/* On the caller's thread alone, nothing is shared: no locks to take. */
	if (threads == 0) {
		for (size_t i = 0; i < n; i++) {
			work(ctx, i);
			done(ctx, i);
		}
		return;
	}
	pthread_t *ids = xcalloc(threads, sizeof(*ids));
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.more, NULL);
	pthread_cond_init(&pool.finished, NULL);
	pool.ready = xcalloc(n, 1);
	for (size_t t = 0; t < threads; t++)
		if (pthread_create(&ids[started], NULL, S_worker, &pool) == 0)
			started++;
	pthread_mutex_lock(&pool.lock);
	for (size_t i = 0; i < n; i++) {
		/* An item no worker has taken (there may be none) the caller works on. */
		if (pool.next == i) {
			pool.next++;
			pthread_mutex_unlock(&pool.lock);
			work(ctx, i);
			pthread_mutex_lock(&pool.lock);
			pool.ready[i] = 1;
		}
		pool.waiting = 1;
		while (!pool.ready[i])
			pthread_cond_wait(&pool.finished, &pool.lock);
		pool.waiting = 0;
		pthread_mutex_unlock(&pool.lock);
		done(ctx, i);
		pthread_mutex_lock(&pool.lock);
		pool.taken = i + 1;
		if (pool.idle)
			pthread_cond_broadcast(&pool.more);
	}
	pthread_mutex_unlock(&pool.lock);
	for (size_t t = 0; t < started; t++)
		pthread_join(ids[t], NULL);
	pthread_cond_destroy(&pool.more);
	pthread_cond_destroy(&pool.finished);
	pthread_mutex_destroy(&pool.lock);
	free(pool.ready);
	free(ids);
}
