#ifndef PERENNIAL_PAGES_H
#define PERENNIAL_PAGES_H

#include <stddef.h>

#include <jansson.h>

#include "date.h"
#include "repo.h"

struct atomic_file;
struct site;
struct snapshot;
struct strbuf;

/*
 * A report's pages: each week's data model (report.h) rendered through
 * the commit's templates into files of the reports folder, and the index
 * of all weeks, ready to be written or committed.
 */
struct pages {
	/* Paths relative to the notes root, or in the site's folder as it was named; owned. */
	struct repo_file *files;
	size_t len, cap;
	/*
	 * NULL, or the snapshot whose working tree the pages are written into
	 * as they are made (pages_write_as_made): then files[].bytes is NULL,
	 * the page waiting beside its name in staged[].
	 */
	const struct snapshot *write_into;
	struct site *site;         /* NULL, or the site written into the same way; owned */
	struct atomic_file *staged;
	size_t named;              /* staged[0..named) have their names */
};

#define PAGES_INIT { NULL, 0, 0, NULL, NULL, NULL, 0 }

enum {
	PAGES_MD = 1,              /* WEEK.md and index.md, from week.md and index.md */
	PAGES_HTML = 2,            /* WEEK.html and index.html */
};

/*
 * Adds the pages of `weeks` and the index in the formats asked (PAGES_*
 * bits) to out. A page links only to pages there will be in the commit
 * they are written over (pages_weeks), and the index lists them all.
 * Returns 0, or -1 after an error was set (error.h): a template's, git's.
 */
int pages_make(struct pages *out, const struct snapshot *snap, const struct iso_week *weeks,
	       size_t nweeks, const struct date *today, unsigned formats);

/*
 * The HTML pages of `weeks` (oldest first, without repeats) and their
 * index, as pages_make makes them, as a static site in the folder `dir`
 * (site.h: apart from the notes, reports and templates folders; new,
 * empty or a site written before). A page links to pages of the site
 * alone, and to no note: the notes are not published with it. Each page
 * is written there beside its name as it is made; pages_write names them
 * and removes the pages of the site before that this one has not.
 * Returns 0, or -1 after an error was set (error.h).
 */
int pages_make_site(struct pages *out, const struct snapshot *snap, const char *dir,
		    const struct iso_week *weeks, size_t nweeks, const struct date *today);

/*
 * The weeks that have a page of one of `formats` (PAGES_* bits) in the
 * reports folder of the snapshot's commit (its subfolder `sub`, or ""
 * for itself), or are among `weeks`, about to get one: oldest first,
 * without repeats, into *out (malloc'd, NULL for none) and their number
 * into *n. Returns 0, or -1 with an error set.
 */
int pages_weeks(struct iso_week **out, size_t *n, const struct snapshot *snap, const char *sub,
		const struct iso_week *weeks, size_t nweeks, unsigned formats);

/*
 * Adds one page: template `template` (of the commit's templates, else the
 * built-in one) over `model`, escaped for `format` (a PAGES_* bit), as
 * `path` in the reports folder ("network/2020-W21.md"), written as made
 * when pages_write_as_made said so. Returns 0, or -1 with an error set.
 */
int pages_render(struct pages *pages, const struct snapshot *snap, const char *template,
		 const char *path, const json_t *model, unsigned format);

/*
 * Makes pages_make write each page into the working tree of the snapshot's
 * root as it is made, beside its name, and free its bytes, so that every
 * week's pages are never held at once; a page whose file has edits that
 * are not committed stops it. pages_write then gives them their names.
 */
void pages_write_as_made(struct pages *pages, const struct snapshot *snap);

/*
 * Gives every page written as made its name: all of them or, when a page
 * had edits or the disk filled up before, none; then a site's old pages
 * go (site_end). Returns 0, or -1 with an error set (error.h).
 */
int pages_write(struct pages *pages);

void pages_release(struct pages *pages);

/*
 * The escape of every value in a Markdown page ({{name}} in week.md and
 * index.md; mustache.h): what a note says stays words on one line. Runs
 * of white space, line breaks too, are one space, and there is none at
 * either end. A backslash goes before Markdown's marks: \ ` * _ [ ] | ~
 * and <, so no value is code, emphasis, a link, an image, raw HTML,
 * struck out or the end of a table cell; before & that could begin an
 * entity; and before what would begin a block at the start of a value
 * (# > - + = and the . or ) after digits). Everything else, ' and " too,
 * stays as it is.
 */
void pages_escape_markdown(struct strbuf *sb, const char *s, size_t len);

#endif
