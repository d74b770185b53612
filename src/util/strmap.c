#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "xalloc.h"

#define MIN_SIZE 64

static size_t S_hash(const char *s)
{
	uint64_t h = fnv1a(FNV1A_INIT, s, strlen(s));
	/* The table takes the low bits: fold the high ones in. */
	return (size_t)(h ^ (h >> 29));
}

/* The slot of `key`: the one that holds it, or the empty one where it would go. */
static size_t *S_slot(const struct strmap *map, const char *key)
{
	size_t mask = map->size - 1;
	for (size_t i = S_hash(key) & mask;; i = (i + 1) & mask) {
		size_t *slot = &map->table[i];
		if (!*slot || strcmp(map->keys[*slot - 1], key) == 0)
			return slot;
	}
}

static void S_grow(struct strmap *map)
{
	free(map->table);
	map->size = map->size ? 2 * map->size : MIN_SIZE;
	map->table = xcalloc(map->size, sizeof(*map->table));
	for (size_t n = 0; n < map->len; n++)
		*S_slot(map, map->keys[n]) = n + 1;
}

size_t strmap_find(const struct strmap *map, const char *key)
{
	if (!map->size)
		return STRMAP_NONE;
	size_t slot = *S_slot(map, key);
	return slot ? slot - 1 : STRMAP_NONE;
}

size_t strmap_add(struct strmap *map, const char *key, int *added)
{
	if (2 * (map->len + 1) > map->size)
		S_grow(map);
	size_t *slot = S_slot(map, key);
	if (added)
		*added = !*slot;
	if (!*slot) {
		XGROW(map->keys, map->cap, map->len + 1);
		map->keys[map->len++] = xstrdup(key);
		*slot = map->len;
	}
	return *slot - 1;
}

const char *strmap_key(const struct strmap *map, size_t n)
{
	return map->keys[n];
}

void strmap_release(struct strmap *map)
{
	for (size_t n = 0; n < map->len; n++)
		free(map->keys[n]);
	free(map->keys);
	free(map->table);
	*map = (struct strmap)STRMAP_INIT;
}
