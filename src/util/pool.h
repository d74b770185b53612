#ifndef PERENNIAL_POOL_H
#define PERENNIAL_POOL_H

#include <stddef.h>

/*
 * Work on items 0..n-1 spread over threads, results taken in order: the
 * shape of `check` and of the index's refresh, which parse notes on every
 * core and report as one thread would. work(ctx, i) runs on any thread,
 * each i once; done(ctx, i) runs on the calling thread, for i = 0, 1, ...
 * in turn, once work(ctx, i) has returned. Workers run at most
 * POOL_AHEAD items past the last one done, so what waits to be taken
 * stays small whatever n is.
 */
typedef void pool_work_fn(void *ctx, size_t i);
typedef void pool_done_fn(void *ctx, size_t i);

#define POOL_AHEAD 256

/*
 * Items i and i + POOL_WINDOW are never both between the start of their
 * work and the end of their done: results may be kept in a ring of
 * POOL_WINDOW slots, slot i % POOL_WINDOW.
 */
#define POOL_WINDOW (POOL_AHEAD + 64)

/* How many threads to use: the cores online, at most `max`, at least 1. */
size_t pool_threads(size_t max);

/*
 * Runs the items on `threads` threads besides the caller (none: all on
 * the caller, in order). A thread that cannot start leaves its share to
 * the others.
 */
void pool_run(size_t n, size_t threads, pool_work_fn *work, pool_done_fn *done, void *ctx);

#endif
