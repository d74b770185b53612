#ifndef PERENNIAL_STRLIST_H
#define PERENNIAL_STRLIST_H

#include <stddef.h>

/* A growable array of owned strings. */
struct strlist {
	char **items;
	size_t len;
	size_t cap;
};

#define STRLIST_INIT { NULL, 0, 0 }

/* Appends a copy of s. */
void strlist_add(struct strlist *list, const char *s);

/* Takes ownership of s (malloc'd). */
void strlist_add_owned(struct strlist *list, char *s);

/* Sorts by byte order and drops repeats. */
void strlist_sort_unique(struct strlist *list);

/* The byte order of two strings, for qsort and bsearch over arrays of string pointers. */
int strlist_compare(const void *a, const void *b);

/* Sorts `n` strings it does not own by byte order and drops repeats: how many are left. */
size_t strlist_sort_unique_refs(const char **items, size_t n);

/* True if the sorted list holds s. */
int strlist_has_sorted(const struct strlist *list, const char *s);

/* True if the path is the folder dir or below it ("" holds everything). */
int path_is_under(const char *path, const char *dir);

/* Keeps the paths at or below one of `folders` (all of them when there is none). */
void strlist_keep_under(struct strlist *list, const struct strlist *folders);

void strlist_release(struct strlist *list);

#endif
