#include "steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "strbuf.h"
#include "table.h"
#include "xalloc.h"

static const char *const S_status_names[] = { "overdue", "open", "done" };

const char *steps_status_name(enum step_status status)
{
	return S_status_names[status];
}

static int S_wanted(const struct step_item *item, const struct steps_filter *filter)
{
	const struct corpus_step *step = item->step;
	/* What is shown, not what is written: a private note's participants are not found. */
	if (filter->owner && (!step->shown_owner || strcmp(step->shown_owner, filter->owner) != 0))
		return 0;
	if (!filter->open && !filter->done && !filter->overdue)
		return 1;
	return (filter->open && item->status != STEP_DONE) ||
		(filter->done && item->status == STEP_DONE) ||
		(filter->overdue && item->status == STEP_OVERDUE);
}

/* Overdue, open, done; the soonest due, the latest done; then by note and line. */
static int S_by_status(const void *a, const void *b)
{
	const struct step_item *x = a, *y = b;
	int c;

	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	if (x->status == STEP_DONE && x->step->dated && y->step->dated &&
	    (c = date_compare(&y->step->done_day, &x->step->done_day)) != 0)
		return c;
	if (x->status != STEP_DONE && x->has_due != y->has_due)
		return x->has_due ? -1 : 1;
	if (x->status != STEP_DONE && x->has_due && (c = date_compare(&x->due, &y->due)) != 0)
		return c;
	if ((c = strcmp(x->note->date ? x->note->date : "", y->note->date ? y->note->date : "")) != 0)
		return c;
	if ((c = strcmp(x->note->path, y->note->path)) != 0)
		return c;
	return x->step->line < y->step->line ? -1 : x->step->line > y->step->line;
}

static int S_order(const void *a, const void *b)
{
	const struct step_item *x = a, *y = b;
	const char *xo = x->step->shown_owner, *yo = y->step->shown_owner;
	int c;

	/* Steps without an owner come last: nobody has them yet. */
	if (!xo != !yo)
		return xo ? -1 : 1;
	if (xo && (c = strcmp(xo, yo)) != 0)
		return c;
	return S_by_status(a, b);
}

void steps_sort_by_status(struct step_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof(*items), S_by_status);
}

void steps_select(struct steps_list *out, const struct corpus *corpus,
		  const struct steps_filter *filter)
{
	size_t cap = 0;

	*out = (struct steps_list)STEPS_LIST_INIT;
	for (size_t n = 0; n < corpus->len; n++) {
		const struct corpus_note *note = &corpus->notes[n];
		for (size_t s = 0; s < note->nsteps; s++) {
			const struct corpus_step *step = &note->steps[s];
			struct step_item item = { note, step, STEP_OPEN, 0, { 0, 0, 0 } };
			item.has_due = step->due &&
				date_parse(&item.due, step->due, strlen(step->due)) == DATE_OK;
			if (step->done)
				item.status = STEP_DONE;
			else if (item.has_due && date_compare(&item.due, &filter->today) < 0)
				item.status = STEP_OVERDUE;
			if (!S_wanted(&item, filter))
				continue;
			XGROW(out->items, cap, out->len + 1);
			out->items[out->len++] = item;
		}
	}
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items), S_order);
}

long steps_days_to_done(const struct step_item *item)
{
	const struct corpus_step *step = item->step;
	if (!step->done || !step->dated || !step->ticked || !item->note->has_day)
		return -1;
	return date_to_days(&step->done_day) - date_to_days(&item->note->day);
}

static void S_row(void *ctx, size_t r, const char **cells)
{
	struct steps_rows *scratch = ctx;
	const struct step_item *item = &scratch->list->items[r];
	const struct corpus_step *step = item->step;
	long to_done = steps_days_to_done(item);

	*scratch->done = *scratch->days = '\0';
	if (step->done && step->dated)
		date_format(scratch->done, &step->done_day);
	if (to_done >= 0)
		snprintf(scratch->days, sizeof(scratch->days), "%ld", to_done);
	snprintf(scratch->line, sizeof(scratch->line), "%u", step->line);
	const char *row[] = {
		step->shown_owner, steps_status_name(item->status), item->note->date, step->due,
		*scratch->done ? scratch->done : NULL, *scratch->days ? scratch->days : NULL,
		step->shown_words ? step->shown_words : "(in a private note)",
		item->note->shown.id, item->note->shown.path,
		item->note->shown.path ? scratch->line : NULL,
	};
	memcpy(cells, row, sizeof(row));
}

struct table_rows steps_rows(struct steps_rows *scratch, const struct steps_list *list)
{
	static const char *const columns[] = {
		"owner", "status", "opened", "due", "done", "days", "step", "note", "path", "line",
	};
	scratch->list = list;
	return (struct table_rows){ columns, sizeof(columns) / sizeof(*columns), NULL, list->len,
				    S_row, scratch };
}

void steps_list_release(struct steps_list *list)
{
	free(list->items);
	*list = (struct steps_list)STEPS_LIST_INIT;
}
