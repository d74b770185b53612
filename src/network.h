#ifndef PERENNIAL_NETWORK_H
#define PERENNIAL_NETWORK_H

#include <stddef.h>

#include <jansson.h>

#include "date.h"

struct chapter;
struct config;
struct corpus;

/*
 * The network's page of a week: what came up across the chapters of a
 * network repository (config.h's `network:`), made one chapter at a time
 * so that one chapter's notes are held at once, never all of them.
 *
 * Each chapter's notes come with what may be shown of them already set
 * by its own rules (snapshot_open_chapter: PRIVACY_NETWORK). Only counts
 * cross from a chapter into the page, with the theme ids of the codebooks
 * and the quotes the chapter shares with the network: no note's path,
 * title or id, and no person's id, ever does. A chapter's numbers are
 * those of its own week page (report.h); people reached are summed over
 * the chapters, since nobody's id may be compared across them.
 *
 * The README documents every field of the models.
 */
struct network;

struct network_options {
	struct iso_week week;
	struct date today;             /* as report.h: steps are open or overdue as of then */
	const char *commit;            /* hex id of the network repository's commit, or NULL */
	/* The weeks with a network page, oldest first, without repeats: a page
	 * links to these alone, and the index lists them with their counts. */
	const struct iso_week *paged;
	size_t npaged;
};

/* The week of options across the chapters of `config`, none added yet. Both must outlive it. */
struct network *network_new(const struct config *config, const struct network_options *options);

/*
 * Adds chapter number `i` of the network's config: its notes at the
 * fetched commit `commit` (hex) of the day `day`, and its own config.
 * Returns 0, or -1 with an error set (error.h) when the evidence it
 * quotes could not be read.
 */
int network_add_chapter(struct network *n, size_t i, const char *commit, const char *day,
			const struct corpus *corpus, const struct config *config);

/* Chapter number `i` could not be read: `problem` says why, in one sentence. */
void network_add_unread(struct network *n, size_t i, const char *commit, const char *day,
			const char *problem);

/* The week's model; a new reference. Every chapter is in it, added or not. */
json_t *network_week(const struct network *n);

/* The index's model: the paged weeks with the chapters' conversations, and the chapters. */
json_t *network_index(const struct network *n);

void network_free(struct network *n);

/* What `perennial network list` says of a chapter: counts, never whom. */
struct network_counts {
	size_t notes, private_notes;
	size_t people;                 /* participants named by its notes, each once */
	size_t open, overdue;          /* next steps, as of today */
	char last[DATE_SIZE];          /* the day of its latest conversation; "" for none */
};

void network_counts(struct network_counts *out, const struct corpus *corpus,
		    const struct date *today);

#endif
