#ifndef PERENNIAL_THEMES_H
#define PERENNIAL_THEMES_H

#include <stddef.h>

#include "date.h"

struct config;
struct corpus;
struct corpus_mention;
struct corpus_note;
struct theme;

/*
 * Themes across conversations: the half of the report that says what
 * people talk about. A theme with sub-themes counts their mentions as its
 * own (a note on `tenants` is a note on `housing` too); a sub-theme
 * counts only its own.
 */

/* Which notes count: NULL or zero fields for no limit. */
struct themes_filter {
	const struct date *since;     /* inclusive */
	const struct date *until;
	const char *organizer;
	int without_evidence;         /* counts alone: no evidence is chosen */
};

#define THEMES_WITH 5          /* co-occurring themes kept per theme */
#define THEMES_EVIDENCE 3      /* evidence quotes kept per theme */

struct theme_week {
	struct iso_week week;
	size_t conversations;
};

struct theme_with {
	const struct theme *theme;
	size_t conversations;          /* notes that mention both */
};

struct theme_evidence {
	const struct corpus_note *note;
	const struct corpus_mention *mention;
	const char *text;              /* its evidence, and what may be shown of it: */
	const char *shown;             /* both in the corpus (corpus_evidence) */
};

struct theme_summary {
	const struct theme *theme;     /* in the config */
	size_t conversations;          /* notes mentioning it */
	size_t mentions;
	size_t organizers;             /* distinct organizers of those notes */
	size_t people;                 /* distinct participants */
	const char *first_seen;        /* the earliest note's day: first_day, or NULL */
	const char *last_seen;         /* the latest's: last_day, or NULL */
	char first_day[DATE_SIZE], last_day[DATE_SIZE];
	struct theme_week *weeks;      /* the weeks it was mentioned in, in order */
	size_t nweeks;
	struct theme_with with[THEMES_WITH];   /* most first */
	size_t nwith;
	struct theme_evidence evidence[THEMES_EVIDENCE];
	size_t nevidence;
};

struct themes_report {
	struct theme_summary *themes;  /* every theme of the codebook, most discussed first */
	size_t len;
	size_t conversations;          /* notes that count, on any theme or none */
	struct iso_week last_week;     /* of the latest note that counts */
	/* The notes handed over one at a time whose evidence it shows (themes_tally_note). */
	struct corpus_note **notes;
	size_t nnotes;
};

#define THEMES_REPORT_INIT { NULL, 0, 0, { 0, 0 }, NULL, 0 }

/*
 * Summarises the themes of the corpus's notes that pass the filter (notes
 * without a valid date never do). Evidence comes only from what privacy.h
 * lets be shown: quotes before plain paragraphs, newest first, the same
 * words once; only the evidence chosen is read (corpus_evidence). The
 * report points into corpus and config, which must outlive it. Returns 0,
 * or -1 with an error set when evidence could not be read (out is empty).
 */
int themes_summarize(struct themes_report *out, const struct corpus *corpus,
		     const struct config *config, const struct themes_filter *filter);

/*
 * The same, made from notes handed over one at a time, in any order: what
 * it holds grows with the themes, weeks and people, not with the notes.
 * themes_tally_note counts a note; with `take`, a note whose evidence is
 * kept is taken (corpus_each_fn) into the report, which then owns it.
 * Returns 0, or -1 with an error set when its evidence could not be read.
 * themes_tally_end makes the report and frees the tally; themes_tally_free
 * frees one not ended. The tally points into filter and config, and the
 * report into config and the corpus's names, which must outlive them.
 */
struct themes_tally;
struct themes_tally *themes_tally_new(const struct config *config,
				      const struct themes_filter *filter);
int themes_tally_note(struct themes_tally *t, const struct corpus *corpus,
		      struct corpus_note *note, int take);
void themes_tally_end(struct themes_tally *t, struct themes_report *out);
void themes_tally_free(struct themes_tally *t);

/*
 * The conversations of the `n` weeks ending with `last`, oldest first, for
 * a trend: zeros where the theme was not mentioned.
 */
void themes_trend(const struct theme_summary *summary, const struct iso_week *last,
		  size_t *counts, size_t n);

/*
 * For sorting, most discussed first: more conversations, then more
 * mentions; 0 between two discussed alike, for the caller to order by
 * what it shows.
 */
int themes_compare_discussed(const struct theme_summary *x, const struct theme_summary *y);

void themes_report_release(struct themes_report *report);

#endif
