#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static size_t S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
}

static size_t S_slot(const struct strmap *map, const char *key)
{
	size_t mask = map->size - 1;
	size_t i = S_hash(key) & mask;
	while (map->keys[i] && strcmp(map->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

void *strmap_get(const struct strmap *map, const char *key)
{
	return map->size ? map->values[S_slot(map, key)] : NULL;
}

static void S_grow(struct strmap *map)
{
	struct strmap bigger = { NULL, NULL, map->size ? 2 * map->size : 64, 0 };
	bigger.keys = xcalloc(bigger.size, sizeof(*bigger.keys));
	bigger.values = xcalloc(bigger.size, sizeof(*bigger.values));
	for (size_t i = 0; i < map->size; i++) {
		if (!map->keys[i])
			continue;
		size_t at = S_slot(&bigger, map->keys[i]);
		bigger.keys[at] = map->keys[i];
		bigger.values[at] = map->values[i];
		bigger.len++;
	}
	free(map->keys);
	free(map->values);
	*map = bigger;
}

void strmap_put(struct strmap *map, const char *key, void *value)
{
	if (2 * (map->len + 1) > map->size)
		S_grow(map);
	size_t i = S_slot(map, key);
	if (!map->keys[i]) {
		map->keys[i] = xstrdup(key);
		map->len++;
	}
	map->values[i] = value;
}

void strmap_release(struct strmap *map)
{
	for (size_t i = 0; i < map->size; i++)
		free(map->keys[i]);
	free(map->keys);
	free(map->values);
	*map = (struct strmap)STRMAP_INIT;
}
