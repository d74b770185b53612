#ifndef PERENNIAL_ARENA_H
#define PERENNIAL_ARENA_H

#include <stddef.h>

/*
 * Memory handed out from chunks of 64 KiB and freed all at once: for the
 * many small blocks of one parse or one table, which are never freed one
 * by one. Blocks are aligned to 16 bytes; running out of memory exits, as
 * xalloc does. The arena owns its chunks.
 */
struct arena_chunk;

struct arena {
	struct arena_chunk *chunks;   /* the newest first */
};

#define ARENA_INIT { NULL }

void *arena_alloc(struct arena *arena, size_t size);

/* n blocks of size bytes, zeroed. */
void *arena_calloc(struct arena *arena, size_t n, size_t size);

/* p (from this arena, or NULL) with room for size bytes; the newest block grows in place. */
void *arena_realloc(struct arena *arena, void *p, size_t size);

/* A copy of s kept in the arena; NULL for NULL. */
char *arena_strdup(struct arena *arena, const char *s);

/* Frees every block at once; the arena may be used again. */
void arena_release(struct arena *arena);

#endif
