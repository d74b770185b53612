#ifndef PERENNIAL_RUN_REPORT_H
#define PERENNIAL_RUN_REPORT_H

#include "date.h"
#include "parse_options.h"
#include "repo.h"

struct pages;
struct snapshot;

/*
 * What `perennial report` and `perennial network report` share: their
 * --format, --week and --author, and how pages made are written or
 * committed.
 */

/* md and html are pages.h's bits; json prints the model instead. */
enum { RUN_REPORT_JSON = 4 };

/* Parses --format's list into PAGES_* bits or RUN_REPORT_JSON: 0, or -1 after a usage error. */
int run_report_formats(const struct cmd_usage *usage, const char *list, unsigned *out);

/*
 * Parses --week: YYYY-Www, or last (the week before today's; *last set);
 * with `all_too`, all as well (*all set). 0, or -1 after a usage error.
 */
int run_report_week(const struct cmd_usage *usage, const char *arg, const struct opt_day *today,
		    int all_too, struct iso_week *week, int *last, int *all);

/*
 * Parses --author 'Name <email>' into *author, pointing into *text
 * (malloc'd, the caller's to free): 0, or -1 after a usage error.
 */
int run_report_author(const struct cmd_usage *usage, const char *arg, struct repo_person *author,
		      char **text);

/* Names the pages written as made on stdout, and gives them their names. 0, or -1 after an error. */
int run_report_write(struct pages *pages);

/*
 * Records the pages as one commit on the branch of snap's commit, which
 * must still be where the notes were read from; says so when nothing
 * changed. 0, or -1 after an error.
 */
int run_report_commit(const struct snapshot *snap, const struct pages *pages,
		      const char *message, const struct repo_person *author);

#endif
