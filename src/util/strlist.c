#include "strlist.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strlist_add_owned(struct strlist *list, char *s)
{
	XGROW(list->items, list->cap, list->len + 1);
	list->items[list->len++] = s;
}

void strlist_add(struct strlist *list, const char *s)
{
	strlist_add_owned(list, xstrdup(s));
}

int strlist_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t strlist_sort_unique_refs(const char **items, size_t n)
{
	if (n < 2)
		return n;
	qsort(items, n, sizeof(*items), strlist_compare);
	size_t kept = 1;
	for (size_t i = 1; i < n; i++)
		if (strcmp(items[i], items[kept - 1]) != 0)
			items[kept++] = items[i];
	return kept;
}

void strlist_sort_unique(struct strlist *list)
{
	if (list->len < 2)
		return;
	qsort(list->items, list->len, sizeof(*list->items), strlist_compare);
	size_t kept = 1;
	for (size_t i = 1; i < list->len; i++) {
		if (strcmp(list->items[i], list->items[kept - 1]) == 0)
			free(list->items[i]);
		else
			list->items[kept++] = list->items[i];
	}
	list->len = kept;
}

int strlist_has_sorted(const struct strlist *list, const char *s)
{
	return list->len &&
		bsearch(&s, list->items, list->len, sizeof(*list->items), strlist_compare) != NULL;
}

int path_is_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return !n || (strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0'));
}

void strlist_keep_under(struct strlist *list, const struct strlist *folders)
{
	size_t kept = 0;
	for (size_t i = 0; i < list->len; i++) {
		char *path = list->items[i];
		int keep = !folders->len;
		for (size_t f = 0; f < folders->len && !keep; f++)
			keep = path_is_under(path, folders->items[f]);
		if (keep)
			list->items[kept++] = path;
		else
			free(path);
	}
	list->len = kept;
}

void strlist_release(struct strlist *list)
{
	for (size_t i = 0; i < list->len; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->len = list->cap = 0;
}
