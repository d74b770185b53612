#ifndef PERENNIAL_STRMAP_H
#define PERENNIAL_STRMAP_H

#include <stddef.h>

/*
 * Strings to values, by open addressing: paths and blob ids to what is
 * known of them. The map keeps a copy of each key; values stay the
 * caller's. Lookups and additions take constant time on average.
 */
struct strmap {
	char **keys;
	void **values;
	size_t size;          /* slots: 0, or a power of two at least twice len */
	size_t len;
};

#define STRMAP_INIT { NULL, NULL, 0, 0 }

/* The value under key, or NULL. */
void *strmap_get(const struct strmap *map, const char *key);

/* Sets the value under key, adding the key when it is not there. */
void strmap_put(struct strmap *map, const char *key, void *value);

/* Frees the map's own memory (not the values); it is empty and usable after. */
void strmap_release(struct strmap *map);

#endif
