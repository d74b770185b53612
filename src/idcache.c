#include "idcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

#define BLOB_HEX 40
#define MAX_ID 4096
#define HEADER "perennial ids 1\n"

struct slot {
	struct idcache_entry entry;
	int used;              /* asked for or put in this run */
};

/* Slot n is the entry of blob number n of the map. */
struct idcache {
	char *path;
	struct strmap blobs;
	struct slot *slots;
	size_t cap;
	int changed;
};

/* Adds a slot for blob (not yet in the cache); the caller fills its entry. */
static struct slot *S_add(struct idcache *cache, const char *blob)
{
	size_t n = strmap_add(&cache->blobs, blob, NULL);
	XGROW(cache->slots, cache->cap, n + 1);
	memset(&cache->slots[n], 0, sizeof(cache->slots[n]));
	return &cache->slots[n];
}

static int S_is_blob(const char *s)
{
	for (int i = 0; i < BLOB_HEX; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return 0;
	return s[BLOB_HEX] == ' ';
}

/* One line: blob, has_front (0/1), line, column, span, then the id or `-`. */
static void S_parse_line(struct idcache *cache, char *line)
{
	char *p = line + BLOB_HEX + 1, *end;
	unsigned long v[4];

	if (!S_is_blob(line))
		return;
	for (int i = 0; i < 4; i++) {
		v[i] = strtoul(p, &end, 10);
		if (end == p || *end != ' ')
			return;
		p = end + 1;
	}
	/* A line cut short by the buffer has no line break: not to be trusted. */
	char *eol = strchr(p, '\n');
	if (!eol)
		return;
	*eol = '\0';
	line[BLOB_HEX] = '\0';
	if (!*p || strmap_find(&cache->blobs, line) != STRMAP_NONE)
		return;
	struct slot *s = S_add(cache, line);
	s->entry.has_front = v[0] != 0;
	s->entry.line = (unsigned)v[1];
	s->entry.column = (unsigned)v[2];
	s->entry.span = (unsigned)v[3];
	s->entry.id = strcmp(p, "-") ? xstrdup(p) : NULL;
}

struct idcache *idcache_load(const char *dir)
{
	struct idcache *cache = xcalloc(1, sizeof(*cache));
	struct strbuf path = STRBUF_INIT;
	char line[BLOB_HEX + 64 + MAX_ID];

	strbuf_addf(&path, "%s/perennial/ids", dir);
	cache->path = strbuf_detach(&path);
	FILE *f = fopen(cache->path, "r");
	if (!f)
		return cache;
	/* Another version, or a damaged file: start afresh. */
	if (fgets(line, sizeof(line), f) && strcmp(line, HEADER) == 0)
		while (fgets(line, sizeof(line), f))
			S_parse_line(cache, line);
	fclose(f);
	return cache;
}

const struct idcache_entry *idcache_get(struct idcache *cache, const char *blob)
{
	size_t n = strmap_find(&cache->blobs, blob);
	if (n == STRMAP_NONE)
		return NULL;
	cache->slots[n].used = 1;
	return &cache->slots[n].entry;
}

static int S_same(const struct idcache_entry *a, const struct idcache_entry *b)
{
	return a->has_front == b->has_front && a->line == b->line &&
		a->column == b->column && a->span == b->span &&
		(a->id && b->id ? strcmp(a->id, b->id) == 0 : a->id == b->id);
}

void idcache_put(struct idcache *cache, const char *blob, const struct idcache_entry *entry)
{
	size_t n = strmap_find(&cache->blobs, blob);
	struct slot *s = n != STRMAP_NONE ? &cache->slots[n] : S_add(cache, blob);

	s->used = 1;
	if (n != STRMAP_NONE && S_same(&s->entry, entry))
		return;
	free(s->entry.id);
	s->entry = *entry;
	s->entry.id = entry->id ? xstrdup(entry->id) : NULL;
	cache->changed = 1;
}

/* Ids that would not read back as they are (line breaks, leading blanks) are not kept. */
static int S_storable(const struct slot *s)
{
	const char *id = s->entry.id;
	return !id || ((unsigned char)*id > ' ' && !strchr(id, '\n') && strlen(id) < MAX_ID &&
		       strcmp(id, "-") != 0);
}

int idcache_save(struct idcache *cache)
{
	size_t used = 0;
	for (size_t i = 0; i < cache->blobs.len; i++)
		used += cache->slots[i].used;
	if (!cache->changed && used == cache->blobs.len)
		return 0;

	struct strbuf text = STRBUF_INIT;
	char *folder = xstrndup(cache->path, (size_t)(strrchr(cache->path, '/') - cache->path));
	int ret = -1;
	if (mkdir(folder, 0777) < 0 && errno != EEXIST)
		goto done;
	strbuf_addstr(&text, HEADER);
	for (size_t i = 0; i < cache->blobs.len; i++) {
		const struct slot *s = &cache->slots[i];
		if (s->used && S_storable(s))
			strbuf_addf(&text, "%s %d %u %u %u %s\n", strmap_key(&cache->blobs, i),
				    s->entry.has_front, s->entry.line, s->entry.column,
				    s->entry.span, s->entry.id ? s->entry.id : "-");
	}
	if (atomic_write(AT_FDCWD, cache->path, text.buf, text.len, ATOMIC_NO_SYNC, NULL) == 0)
		ret = 0;
done:
	free(folder);
	strbuf_release(&text);
	return ret;
}

void idcache_free(struct idcache *cache)
{
	if (!cache)
		return;
	for (size_t i = 0; i < cache->blobs.len; i++)
		free(cache->slots[i].entry.id);
	free(cache->slots);
	strmap_release(&cache->blobs);
	free(cache->path);
	free(cache);
}
