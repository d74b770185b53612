#ifndef PERENNIAL_REPORT_H
#define PERENNIAL_REPORT_H

#include <jansson.h>

#include "date.h"

struct config;
struct corpus;
struct report;

/*
 * The weekly report's data model: what the Mustache templates lay out and
 * `perennial report --format json` prints. Made only from a corpus (a
 * commit's notes, their steps dated from history), the config and these
 * options, so the same commit and options give the same bytes. The README
 * documents every field.
 *
 * Privacy holds here, before any template sees the data: private notes are
 * counted and never named, linked or quoted; words are quoted only from
 * consents config_may_quote allows; the values of fields privacy.redact
 * lists are never put in (a redacted `participants` makes step owners who
 * are not organizers "a participant").
 */
struct report_options {
	struct iso_week week;
	struct date today;        /* steps are open or overdue as of the week's end, or today if earlier */
	const char *commit;       /* hex id of the commit the notes are from; NULL for none */
	/* The weeks that have a page, oldest first, without repeats: a page
	 * links only to these, and the index lists them. */
	const struct iso_week *paged;
	size_t npaged;
};

#define REPORT_TREND_WEEKS 8

/*
 * The days whose notes' theme mentions the page of `week` reads (its
 * trend's): a corpus for that page alone needs no others (snapshot_open).
 */
void report_mentions_days(const struct iso_week *week, struct date *from, struct date *until);

/* Where the pages go: beside the notes, linking each note they name, or published without them. */
enum report_links {
	REPORT_LINK_NOTES,         /* a note's `link` leads from the reports folder to its file */
	REPORT_NO_NOTE_LINKS,      /* a note's `link` is null: a site (pages_make_site) */
};

/*
 * What the pages of a corpus share, worked out in one pass over it: each
 * week's page then reads the notes of its days alone (and every step: the
 * steps open as of its end). It points into corpus and config, which must
 * outlive it; report_free.
 */
struct report *report_new(const struct corpus *corpus, const struct config *config,
			  enum report_links links);

/* One week's page, a new reference; NULL with an error set when its evidence could not be read. */
json_t *report_week(const struct report *report, const struct report_options *options);

/*
 * The index page: every week of options->paged, newest first, with its
 * conversations and the names of its pages; a new reference.
 */
json_t *report_index(const struct report *report, const struct report_options *options);

void report_free(struct report *report);

/* A week's page names, relative to its folder: week, monday, md and html; a new reference. */
json_t *report_page_names(const struct iso_week *week);

/*
 * The nearest week of `paged` (oldest first) before `week`, or after it,
 * as report_page_names gives it; json null when there is none.
 */
json_t *report_neighbour(const struct iso_week *paged, size_t npaged, const struct iso_week *week,
			 int after);

/* Counts a conversation on `day` in counts[i] when it is in the week paged[i] (oldest first). */
void report_count_week(size_t *counts, const struct iso_week *paged, size_t npaged,
		       const struct date *day);

/*
 * An index page's model: the weeks of `paged` (oldest first), newest
 * first, each with its count of conversations from `counts`, and a bar;
 * `total` is the conversations of every week, with a page or not.
 */
json_t *report_index_of(const struct iso_week *paged, const size_t *counts, size_t npaged,
			size_t total, const char *commit);

/*
 * Every week with a note that has a day, oldest first, into *out
 * (malloc'd; NULL when there is none). Returns how many.
 */
size_t report_weeks(const struct corpus *corpus, struct iso_week **out);

/* True when the corpus has a note, private or not, dated in `week`. */
int report_has_conversation(const struct corpus *corpus, const struct iso_week *week);

#endif
