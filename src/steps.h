#ifndef PERENNIAL_STEPS_H
#define PERENNIAL_STEPS_H

#include <stddef.h>

#include "date.h"

struct corpus;
struct corpus_note;
struct corpus_step;
struct table_rows;

/*
 * Next steps across notes: the half of the report that says what people
 * agreed to do. A step is opened on its note's day; it is overdue when it
 * is not done and its due day is before today (due today is not overdue).
 */
enum step_status {
	STEP_OVERDUE,
	STEP_OPEN,
	STEP_DONE,
};

struct step_item {
	const struct corpus_note *note;
	const struct corpus_step *step;
	enum step_status status;
	int has_due;
	struct date due;
};

/* Which steps: NULL or zero fields for all. */
struct steps_filter {
	const char *owner;
	int open;                 /* not done: overdue or open */
	int done;
	int overdue;
	struct date today;
};

struct steps_list {
	struct step_item *items;  /* by owner (none last); overdue, open, done; see steps.c */
	size_t len;
};

#define STEPS_LIST_INIT { NULL, 0 }

/*
 * The steps of the corpus's notes that pass the filter, grouped by owner:
 * overdue first (longest overdue first), then open (soonest due first,
 * none last), then done (most recently done first). The list points into
 * corpus, which must outlive it.
 */
void steps_select(struct steps_list *out, const struct corpus *corpus,
		  const struct steps_filter *filter);

/* Sorts steps as steps_select does within one owner. */
void steps_sort_by_status(struct step_item *items, size_t n);

const char *steps_status_name(enum step_status status);


/*
 * Days from the step's note to the day it was ticked, when history knows
 * it was ticked (-1 otherwise).
 */
long steps_days_to_done(const struct step_item *item);

/* What steps_rows makes a row's cells in. */
struct steps_rows {
	const struct steps_list *list;
	char done[DATE_SIZE], days[24], line[24];
};

/*
 * A row per step, made as it is printed (table.h): owner, status, opened
 * (its note's date), due, done (the day), days (to done), step, note (its
 * id), path, line. A private note's step is counted, and its words and
 * path are not shown. The rows point into scratch and list.
 */
struct table_rows steps_rows(struct steps_rows *scratch, const struct steps_list *list);

void steps_list_release(struct steps_list *list);

#endif
