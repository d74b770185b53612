#ifndef PERENNIAL_PAGES_H
#define PERENNIAL_PAGES_H

#include <stddef.h>

#include <jansson.h>

#include "date.h"
#include "repo.h"

struct snapshot;

/*
 * A report's pages: each week's data model (report.h) rendered through
 * the commit's templates into files of the reports folder, and the index
 * of all weeks, ready to be written or committed.
 */
struct pages {
	struct repo_file *files;   /* paths relative to the notes root; owned */
	size_t len, cap;
};

#define PAGES_INIT { NULL, 0, 0 }

enum {
	PAGES_MD = 1,              /* WEEK.md and index.md, from week.md and index.md */
	PAGES_HTML = 2,            /* WEEK.html and index.html */
};

/*
 * Adds the pages of `weeks` and the index in the formats asked (PAGES_*
 * bits) to out. Returns 0, or -1 after a template's error was set.
 */
int pages_make(struct pages *out, const struct snapshot *snap, const struct iso_week *weeks,
	       size_t nweeks, const struct date *today, unsigned formats);

/*
 * Writes the pages into the working tree of the snapshot's root, unless
 * one of them has edits that are not committed (then nothing is written).
 * Returns 0, or -1 with an error set (error.h).
 */
int pages_write(const struct snapshot *snap, const struct pages *pages);

void pages_release(struct pages *pages);

/*
 * A copy of a report's model (report.h) for Markdown pages: the page
 * writer alone knows what a page's syntax needs. Every string is on one
 * line, and Markdown's marks in it (backslash, backquote, `*`, `_`,
 * brackets, parentheses, `!`, `#`, `~` and `|`) are backslash-escaped, so
 * no value from a note is a link, an image or emphasis, or ends a table
 * cell or a quote early. Link targets (`link`, `md`, `html`) are kept as
 * they are. HTML's marks are the template engine's to escape. A new
 * reference.
 */
json_t *pages_markdown_model(const json_t *model);

#endif
