#ifndef PERENNIAL_SITE_H
#define PERENNIAL_SITE_H

#include <stddef.h>

#include "strlist.h"

struct atomic_file;

/*
 * A static site: a folder of pages for any web server (report --site),
 * apart from the notes. The folder is new, empty, or holds a site written
 * before, which its marker file SITE_MARKER says: it lists the pages of
 * that site, which are replaced, or removed when the new one has no page
 * of that name. No other file is ever replaced or removed: one with the
 * name of a new page is an error, the rest (a CNAME, a .nojekyll) stay.
 */
#define SITE_MARKER ".perennial-site"

struct site {
	char *shown;               /* the folder as it was named, to print */
	char *path;                /* its real path */
	int dir;                   /* open on it, or -1 */
	struct strlist before;     /* the pages of the site written before, sorted */
	struct strlist pages;      /* this one's (site_begin), sorted */
};

#define SITE_INIT { NULL, NULL, -1, STRLIST_INIT, STRLIST_INIT }

/*
 * Opens the folder `dir` (relative to the current folder) as a site, and
 * makes it when it does not exist. It must lie apart from each of the
 * `napart` folders of `apart` (relative to the notes root `root`, an
 * absolute path): not one of them, not inside one and not holding one,
 * links followed, so the site never writes among the notes. Returns 0, or
 * -1 with an error set (error.h) and nothing made but, perhaps, the empty
 * folder: a folder not apart, not a folder, or holding files and no
 * marker. site_close, either way.
 */
int site_open(struct site *site, const char *dir, const char *root, const char *const *apart,
	      size_t napart);

/*
 * The pages the site is about to get, plain file names: none may be the
 * name of a file there that is not a page of the site before. The marker
 * then lists them with those of the site before, so that a run cut short
 * leaves no page of either unlisted. Returns 0, or -1 with an error set.
 */
int site_begin(struct site *site, const struct strlist *pages);

/*
 * Writes page `name` beside its name in the site's folder (atomic_write_begin);
 * atomic_write_finish names it. Returns 0, or -1 with an error set.
 */
int site_write_begin(struct site *site, struct atomic_file *f, const char *name,
		     const char *bytes, size_t len);

/*
 * Once every page has its name: removes the pages of the site before that
 * this one has not, and the marker lists this one's alone. Returns 0, or
 * -1 with an error set.
 */
int site_end(struct site *site);

void site_close(struct site *site);

#endif
