#ifndef PERENNIAL_STRMAP_H
#define PERENNIAL_STRMAP_H

#include <stddef.h>

/*
 * A map from strings to the numbers 0, 1, 2, ... in the order the strings
 * were first added: each number is the index of the key's element in an
 * array the caller keeps beside the map, so the map holds no values and
 * needs no casts. The map keeps a copy of each key; keys are never
 * removed, and strmap_key's pointers stay valid until the release.
 * Lookups are by hashing (open addressing), O(1) on average.
 */
struct strmap {
	char **keys;         /* by number */
	size_t len;          /* how many keys */
	size_t cap;          /* room in keys */
	size_t *table;       /* a key's number plus one, or 0 for an empty slot */
	size_t size;         /* slots in table: a power of two, at least twice len */
};

#define STRMAP_INIT { NULL, 0, 0, NULL, 0 }
#define STRMAP_NONE ((size_t)-1)

/* The number of `key`, or STRMAP_NONE when it was never added. */
size_t strmap_find(const struct strmap *map, const char *key);

/*
 * The number of `key`, adding a copy of it (numbered map->len) when it is
 * not there yet; *added (when not NULL) says whether it was.
 */
size_t strmap_add(struct strmap *map, const char *key, int *added);

/* Key number n (n < map->len), owned by the map. */
const char *strmap_key(const struct strmap *map, size_t n);

/* Frees the keys and the table; the map is STRMAP_INIT again. */
void strmap_release(struct strmap *map);

#endif
