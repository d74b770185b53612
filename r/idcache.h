#ifndef PERENNIAL_IDCACHE_H
#define PERENNIAL_IDCACHE_H

#include <stddef.h>

/*
 * What the duplicate-id rule needs of a note, kept by blob id so that an
 * unchanged note is never read again: checking one staged note in a large
 * repository reads that note, not ten thousand. The file lives in the git
 * folder (`perennial/ids`), never in the work tree; a missing or damaged
 * file only costs a slower run.
 */
struct idcache;

struct idcache_entry {
	int has_front;       /* the blob has front matter: it takes part in ids */
	char *id;            /* its `id:` field; NULL when the id is the file name */
	unsigned line;       /* where the id stands (the value, or 1:1) */
	unsigned column;
	unsigned span;
};

/* Loads dir/perennial/ids if there is one. Freed with idcache_free. */
struct idcache *idcache_load(const char *dir);

/* The entry of `blob`, owned by the cache and valid until the next put, or NULL. */
const struct idcache_entry *idcache_get(struct idcache *cache, const char *blob);

/* Records what blob holds; copies entry->id. */
void idcache_put(struct idcache *cache, const char *blob, const struct idcache_entry *entry);

/*
 * Writes back the entries asked for or put since loading (others belong
 * to blobs no longer in use), when that changes the file. Returns 0, or -1
 * when it could not be written (nothing is printed: a cache is optional).
 */
int idcache_save(struct idcache *cache);

void idcache_free(struct idcache *cache);

#endif
