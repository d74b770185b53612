#ifndef PERENNIAL_THEMES_PRINT_H
#define PERENNIAL_THEMES_PRINT_H

#include <jansson.h>
#include <stdio.h>

#include "date.h"

struct table;
struct themes_report;

/* Weeks in the trend column, ending with the last week of the range. */
#define THEMES_TREND_WEEKS 12

/*
 * The themes with at least one conversation, a row each: theme, label,
 * conversations, mentions, organizers, people, first_seen, last_seen,
 * trend, with. The trend is a sparkline when `spark` is set, else the
 * weekly counts separated by spaces (for CSV).
 */
void themes_table(struct table *out, const struct themes_report *report,
		  const struct iso_week *trend_end, int spark);

/*
 * Each theme's evidence for a terminal: the theme, then its quotes, one
 * line each, cut to `width` characters (0: no limit), with where they are.
 */
void themes_print_evidence(FILE *out, const struct themes_report *report, size_t width);

/* Everything the report holds, as documented in the README; new reference. */
json_t *themes_json(const struct themes_report *report);

struct theme_summary;

/*
 * What every JSON of a theme begins with, in `themes --format json` and in
 * a week's report alike: theme, label, parent, conversations, mentions.
 * A new object, for the caller to add its own keys after these.
 */
json_t *themes_json_theme(const struct theme_summary *s);

/* The themes it comes up with, [{theme, conversations}]; a new array. */
json_t *themes_json_with(const struct theme_summary *s);

/*
 * The codebook with its counts, every theme: theme, description, mentions,
 * notes: the columns qualitative-analysis tools import.
 */
void themes_codebook(struct table *out, const struct themes_report *report);

#endif
