#include "corpus.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "markdown.h"
#include "repo.h"
#include "xalloc.h"

static void S_note_release(struct corpus_note *note)
{
	free(note->path);
	free(note->blob);
	free(note->id);
	free(note->title);
	free(note->date);
	free(note->organizer);
	free(note->kind);
	free(note->consent);
	for (size_t i = 0; i < note->nparticipants; i++)
		free(note->participants[i]);
	free(note->participants);
	for (size_t i = 0; i < note->nmentions; i++) {
		free(note->mentions[i].theme);
		free(note->mentions[i].evidence);
		free(note->mentions[i].shown);
	}
	free(note->mentions);
	for (size_t i = 0; i < note->nsteps; i++) {
		free(note->steps[i].owner);
		free(note->steps[i].text);
		free(note->steps[i].words);
		free(note->steps[i].key);
		free(note->steps[i].shown_words);
		free(note->steps[i].due);
	}
	free(note->steps);
	free(note->shown.title);
}

void corpus_release(struct corpus *corpus)
{
	for (size_t i = 0; i < corpus->len; i++)
		S_note_release(&corpus->notes[i]);
	free(corpus->notes);
	*corpus = (struct corpus)CORPUS_INIT;
}

static void S_date(struct corpus_step *step, const struct corpus_note *note,
		   const struct history_step *h)
{
	if (!h || !step->done)
		return;
	if (h->state == HISTORY_TICKED && h->ticked &&
	    date_parse(&step->done_day, h->ticked->day, strlen(h->ticked->day)) == DATE_OK) {
		step->dated = 1;
		step->ticked = 1;
	} else if (h->state == HISTORY_BORN_DONE && note->has_day) {
		step->done_day = note->day;
		step->dated = 1;
	}
}

/*
 * For a note edited since the revision: its steps against the revision's,
 * by text in order, each of the revision's taken once.
 */
static int S_date_edited(struct corpus_note *note, const struct history *history,
			 const char *blob, corpus_steps_fn *steps_of, void *arg)
{
	const struct md_step *then;
	size_t nthen;
	if (steps_of(arg, blob, &then, &nthen) < 0)
		return -1;
	char *taken = xcalloc(nthen + 1, 1);
	for (size_t i = 0; i < note->nsteps; i++) {
		struct corpus_step *step = &note->steps[i];
		for (size_t k = 0; k < nthen; k++) {
			if (taken[k] || strcmp(then[k].key, step->key) != 0)
				continue;
			/* Done then too: done on the day the history says. */
			if (then[k].done)
				S_date(step, note, history_find(history, note->path, k));
			taken[k] = 1;
			break;
		}
	}
	free(taken);
	return 0;
}

int corpus_date_steps(struct corpus *corpus, const struct history *history,
		      const struct repo_entries *at_rev, corpus_steps_fn *steps_of, void *arg)
{
	for (size_t n = 0; n < corpus->len; n++) {
		struct corpus_note *note = &corpus->notes[n];
		const struct repo_entry *then = repo_entries_find(at_rev, note->path);
		if (!then || !note->blob)
			continue;
		if (strcmp(then->blob, note->blob) != 0) {
			if (S_date_edited(note, history, then->blob, steps_of, arg) < 0)
				return -1;
			continue;
		}
		for (size_t i = 0; i < note->nsteps; i++)
			S_date(&note->steps[i], note, history_find(history, note->path, i));
	}
	return 0;
}
