#include "idcache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

#define BLOB_HEX 40
#define HEADER "perennial ids 1\n"

struct slot {
	char blob[BLOB_HEX + 1];
	struct idcache_entry entry;
	int used;              /* asked for or put in this run */
};

struct idcache {
	char *path;
	struct slot *slots;    /* sorted by blob while loaded ones are looked up */
	size_t len, cap;
	size_t loaded;         /* the first `loaded` slots came from the file, sorted */
	int changed;
};

static int S_compare(const void *a, const void *b)
{
	return strcmp(((const struct slot *)a)->blob, ((const struct slot *)b)->blob);
}

/* One line: blob, has_front (0/1), line, column, span, then the id or `-`. */
static int S_parse_line(struct slot *slot, char *line)
{
	char id[4096];
	int has_front;
	if (sscanf(line, "%40s %d %u %u %u %4095[^\n]", slot->blob, &has_front,
		   &slot->entry.line, &slot->entry.column, &slot->entry.span, id) != 6 ||
	    strlen(slot->blob) != BLOB_HEX)
		return -1;
	slot->entry.has_front = has_front != 0;
	slot->entry.id = strcmp(id, "-") ? xstrdup(id) : NULL;
	slot->used = 0;
	return 0;
}

struct idcache *idcache_load(const char *dir)
{
	struct idcache *cache = xcalloc(1, sizeof(*cache));
	struct strbuf path = STRBUF_INIT;
	char line[8192];

	strbuf_addf(&path, "%s/perennial/ids", dir);
	cache->path = strbuf_detach(&path);
	FILE *f = fopen(cache->path, "r");
	if (!f)
		return cache;
	if (!fgets(line, sizeof(line), f) || strcmp(line, HEADER) != 0) {
		fclose(f);
		return cache; /* another version: start afresh */
	}
	while (fgets(line, sizeof(line), f)) {
		XGROW(cache->slots, cache->cap, cache->len + 1);
		if (S_parse_line(&cache->slots[cache->len], line) == 0)
			cache->len++;
	}
	fclose(f);
	qsort(cache->slots, cache->len, sizeof(*cache->slots), S_compare);
	cache->loaded = cache->len;
	return cache;
}

static struct slot *S_find(struct idcache *cache, const char *blob)
{
	struct slot key;
	snprintf(key.blob, sizeof(key.blob), "%s", blob);
	struct slot *s = cache->loaded
		? bsearch(&key, cache->slots, cache->loaded, sizeof(*cache->slots), S_compare)
		: NULL;
	/* Put in this run: few, so a plain search will do. */
	for (size_t i = cache->loaded; !s && i < cache->len; i++)
		if (strcmp(cache->slots[i].blob, blob) == 0)
			s = &cache->slots[i];
	return s;
}

const struct idcache_entry *idcache_get(struct idcache *cache, const char *blob)
{
	struct slot *s = S_find(cache, blob);
	if (!s)
		return NULL;
	s->used = 1;
	return &s->entry;
}

void idcache_put(struct idcache *cache, const char *blob, const struct idcache_entry *entry)
{
	struct slot *s = S_find(cache, blob);
	if (s) {
		free(s->entry.id);
	} else {
		XGROW(cache->slots, cache->cap, cache->len + 1);
		s = &cache->slots[cache->len++];
		snprintf(s->blob, sizeof(s->blob), "%s", blob);
	}
	s->entry = *entry;
	s->entry.id = entry->id ? xstrdup(entry->id) : NULL;
	s->used = 1;
	cache->changed = 1;
}

/* Ids that would not read back as they are (line breaks, leading blanks) are not kept. */
static int S_storable(const struct slot *s)
{
	return !s->entry.id || (*s->entry.id > ' ' && !strchr(s->entry.id, '\n') &&
				strlen(s->entry.id) < 4096 && strcmp(s->entry.id, "-") != 0);
}

int idcache_save(struct idcache *cache)
{
	size_t used = 0;
	for (size_t i = 0; i < cache->len; i++)
		used += cache->slots[i].used;
	if (!cache->changed && used == cache->len)
		return 0;

	struct strbuf tmp = STRBUF_INIT;
	char *folder = xstrndup(cache->path, strrchr(cache->path, '/') - cache->path);
	int ret = -1;
	if (mkdir(folder, 0777) < 0 && errno != EEXIST)
		goto done;
	strbuf_addf(&tmp, "%s.%ld.tmp", cache->path, (long)getpid());
	FILE *f = fopen(tmp.buf, "w");
	if (!f)
		goto done;
	fputs(HEADER, f);
	for (size_t i = 0; i < cache->len; i++) {
		const struct slot *s = &cache->slots[i];
		if (s->used && S_storable(s))
			fprintf(f, "%s %d %u %u %u %s\n", s->blob, s->entry.has_front, s->entry.line,
				s->entry.column, s->entry.span, s->entry.id ? s->entry.id : "-");
	}
	/* Written whole, then renamed: a reader never sees half a file. */
	if (fclose(f) == 0 && rename(tmp.buf, cache->path) == 0)
		ret = 0;
	else
		unlink(tmp.buf);
done:
	free(folder);
	strbuf_release(&tmp);
	return ret;
}

void idcache_free(struct idcache *cache)
{
	if (!cache)
		return;
	for (size_t i = 0; i < cache->len; i++)
		free(cache->slots[i].entry.id);
	free(cache->slots);
	free(cache->path);
	free(cache);
}
