#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

#define ARENA_CHUNK (64 * 1024)
#define ARENA_HEADER 16            /* before each block: its size, keeping 16-byte alignment */

/* What a block of size bytes takes in its chunk, its header included. */
static size_t S_need(size_t size)
{
	return ARENA_HEADER + ((size + 15) & ~(size_t)15);
}

void *arena_alloc(struct arena *arena, size_t size)
{
	if (size > SIZE_MAX / 2)
		xalloc_die(size);
	size_t need = S_need(size);
	struct arena_chunk *c = arena->chunks;
	if (!c || c->size - c->used < need) {
		size_t room = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + room);
		*c = (struct arena_chunk){ arena->chunks, 0, room };
		arena->chunks = c;
	}
	unsigned char *block = c->data + c->used;
	c->used += need;
	memcpy(block, &size, sizeof(size));
	return block + ARENA_HEADER;
}

void *arena_calloc(struct arena *arena, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	void *p = arena_alloc(arena, n * size);
	memset(p, 0, n * size);
	return p;
}

void *arena_realloc(struct arena *arena, void *p, size_t size)
{
	if (!p)
		return arena_alloc(arena, size);
	size_t old;
	memcpy(&old, (unsigned char *)p - ARENA_HEADER, sizeof(old));
	if (size <= old)
		return p;
	struct arena_chunk *c = arena->chunks;
	size_t old_need = S_need(old), new_need = S_need(size);
	if ((unsigned char *)p - ARENA_HEADER + old_need == c->data + c->used &&
	    c->size - c->used + old_need >= new_need) {
		c->used += new_need - old_need;
		memcpy((unsigned char *)p - ARENA_HEADER, &size, sizeof(size));
		return p;
	}
	void *q = arena_alloc(arena, size);
	memcpy(q, p, old);
	return q;
}

char *arena_strdup(struct arena *arena, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	return memcpy(arena_alloc(arena, n), s, n);
}

void arena_release(struct arena *arena)
{
	while (arena->chunks) {
		struct arena_chunk *next = arena->chunks->next;
		free(arena->chunks);
		arena->chunks = next;
	}
}
