#ifndef PERENNIAL_CORPUS_H
#define PERENNIAL_CORPUS_H

#include <stddef.h>

#include "date.h"
#include "mention.h"

/*
 * The notes of a working tree or of a commit, as the index holds them:
 * what the theme and step summaries and the weekly report are made of.
 * Plain data that owns every string; nothing points into SQLite.
 */

struct corpus_mention {
	char *theme;
	enum mention_source source;
	unsigned line;
	char *evidence;          /* the paragraph or quote; NULL for front matter */
	int quoted;              /* evidence is a block quote */
};

struct corpus_step {
	unsigned line;
	char *owner;             /* NULL if none */
	char *text;
	char *due;               /* as written; NULL if none */
	int done;
};

struct corpus_note {
	char *path;              /* relative to the notes root */
	char *id;
	char *title;             /* NULL if none */
	char *date;              /* as written; NULL if none */
	int has_day;             /* date is a day of the calendar: day holds it */
	struct date day;
	char *organizer;
	char *kind;
	char *consent;           /* the configured default when the note sets none */
	size_t errors;           /* error-level findings of check */
	char **participants;
	size_t nparticipants;
	struct corpus_mention *mentions;
	size_t nmentions;
	struct corpus_step *steps;
	size_t nsteps;
	size_t caps[3];          /* room in participants, mentions and steps */
};

struct corpus {
	struct corpus_note *notes;   /* by date, then path */
	size_t len;
};

#define CORPUS_INIT { NULL, 0 }

void corpus_release(struct corpus *corpus);

#endif
