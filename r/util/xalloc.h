#ifndef PERENNIAL_XALLOC_H
#define PERENNIAL_XALLOC_H

#include <stddef.h>

/*
 * Allocation that never returns NULL: running out of memory prints one line
 * and aborts, so callers need no out-of-memory paths.
 */
void *xmalloc(size_t size);

/* What the x* functions do when memory runs out; for other libraries' allocations too. */
void xalloc_die(size_t size) __attribute__((noreturn));

void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/*
 * Make room for at least `need` elements of `size` bytes in the array `ptr`
 * whose capacity is `*cap`, growing it geometrically. Returns the array.
 */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);

/* The test is inline: most calls need no room and cost no call. */
#define XGROW(array, cap, need) \
	((void)((need) <= (cap) || \
		((array) = xgrow((array), &(cap), (need), sizeof(*(array))))))

#endif
