#include "corpus.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "history.h"
#include "pattern.h"
#include "repo.h"
#include "step_match.h"
#include "strmap.h"
#include "xalloc.h"

void corpus_note_release(struct corpus_note *note)
{
	if (note->read) {
		corpus_evidence_release(note->read, note->nmentions);
		free(note->read);
	}
	free(note->path);
	free(note->blob);
	free(note->id);
	free(note->title);
	free(note->date);
	free(note->participants);
	for (size_t i = 0; i < note->nmentions; i++) {
		const struct corpus_mention *m = &note->mentions[i];
		if (!i || !m->evidence_n || m[-1].evidence_n != m->evidence_n)
			free(m->evidence);
		free(m->shown_copy);
	}
	free(note->mentions);
	for (size_t i = 0; i < note->nsteps; i++) {
		free(note->steps[i].words);
		free(note->steps[i].key);
		free(note->steps[i].due);
		free(note->steps[i].shown_words_copy);
	}
	free(note->steps);
	free(note->gave_up.theme);
	free(note->gave_up.pattern);
	free(note->shown.title_copy);
	*note = (struct corpus_note){ 0 };
}

void corpus_note_gave_up(struct diag_list *out, const struct corpus_note *note)
{
	if (note->gave_up.theme) {
		struct diag_loc at = { note->path, note->gave_up.line, 1, 1, NULL, 0 };
		diag_hint(diag_add_at(out, &at, DIAG_PATTERN_TOO_COSTLY,
				      "the pattern '%s' of theme '%s' took too long on this note and "
				      "was stopped here: mentions of '%s' it would find from here on "
				      "are not counted", note->gave_up.pattern, note->gave_up.theme,
				      note->gave_up.theme),
			  PATTERN_GAVE_UP_HINT);
	}
}

void corpus_gave_up(struct diag_list *out, const struct corpus *corpus)
{
	for (size_t i = 0; i < corpus->len; i++)
		corpus_note_gave_up(out, &corpus->notes[i]);
}

/* What corpus_read_later set. */
struct corpus_later {
	corpus_evidence_fn *read;
	void *ctx;
};

void corpus_read_later(struct corpus *corpus, corpus_evidence_fn *read, void *ctx)
{
	struct corpus_later *later = xcalloc(1, sizeof(*later));
	later->read = read;
	later->ctx = ctx;
	corpus->later = later;
}

int corpus_evidence(const struct corpus *corpus, struct corpus_note *note, size_t m,
		    const char **text, const char **shown)
{
	const struct corpus_mention *mention = &note->mentions[m];
	if (!corpus->later || !mention->quotable || mention->evidence) {
		*text = mention->evidence;
		*shown = mention->shown;
		return 0;
	}
	if (!note->read) {
		struct corpus_evidence read = { 0 };
		if (corpus->later->read(corpus->later->ctx, note, &read) < 0)
			return -1;
		note->read = xmalloc(sizeof(*note->read));
		*note->read = read;
	}
	size_t n = (size_t)mention->evidence_n;
	*text = n <= note->read->texts.len ? note->read->texts.items[n - 1] : NULL;
	*shown = *text ? note->read->shown[m] : NULL;
	return 0;
}

void corpus_evidence_release(struct corpus_evidence *evidence, size_t nmentions)
{
	strlist_release(&evidence->texts);
	if (evidence->copies)
		for (size_t m = 0; m < nmentions; m++)
			free(evidence->copies[m]);
	free(evidence->copies);
	free(evidence->shown);
	*evidence = (struct corpus_evidence){ 0 };
}

/* The first note whose date sorts after `day` (or at it, unless `after`). */
static size_t S_first_from(const struct corpus *corpus, const struct date *day, int after)
{
	char text[DATE_SIZE];
	size_t lo = 0, hi = corpus->len;
	date_format(text, day);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *date = corpus->notes[mid].date ? corpus->notes[mid].date : "";
		int c = strcmp(date, text);
		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void corpus_days(const struct corpus *corpus, const struct date *from, const struct date *until,
		 size_t *begin, size_t *end)
{
	*begin = from ? S_first_from(corpus, from, 0) : 0;
	*end = until ? S_first_from(corpus, until, 1) : corpus->len;
	if (*end < *begin)
		*end = *begin;
}

const char *corpus_name(struct corpus *corpus, const char *name)
{
	return name ? strmap_key(&corpus->names, strmap_add(&corpus->names, name, NULL)) : NULL;
}

void corpus_release(struct corpus *corpus)
{
	for (size_t i = 0; i < corpus->len; i++)
		corpus_note_release(&corpus->notes[i]);
	free(corpus->later);
	free(corpus->notes);
	strmap_release(&corpus->names);
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

/* What pairing reads of a note's steps: pointers into the note. */
static struct step_match_step *S_match_view(const struct corpus_note *note)
{
	struct step_match_step *view = xcalloc(note->nsteps + 1, sizeof(*view));
	for (size_t i = 0; i < note->nsteps; i++)
		view[i] = (struct step_match_step){ note->steps[i].key, note->steps[i].owner,
						    note->steps[i].done };
	return view;
}

/* A note edited since the revision, whose version there is `then`. */
static void S_date_edited(struct corpus_note *note, const struct corpus_note *then,
			  const struct history *history)
{
	struct step_match_step *old = S_match_view(then), *new = S_match_view(note);
	size_t *pairs = xmalloc((note->nsteps + 1) * sizeof(*pairs));

	step_match(pairs, old, then->nsteps, new, note->nsteps);
	for (size_t j = 0; j < note->nsteps; j++) {
		size_t i = pairs[j];
		/* Done then too: done on the day the history says. */
		if (i != STEP_MATCH_NONE && then->steps[i].done)
			S_date(&note->steps[j], note, history_find(history, note->path, i));
	}
	free(pairs);
	free(old);
	free(new);
}

size_t corpus_edited_since(const char **paths, const char **blobs, const struct corpus *corpus,
			   const struct repo_entries *at_rev)
{
	size_t n = 0;
	for (size_t i = 0; i < corpus->len; i++) {
		const struct corpus_note *note = &corpus->notes[i];
		const struct repo_entry *then = repo_entries_find(at_rev, note->path);
		if (!then || !note->blob || strcmp(then->blob, note->blob) == 0)
			continue;
		paths[n] = note->path;
		blobs[n] = then->blob;
		n++;
	}
	return n;
}

void corpus_date_steps(struct corpus *corpus, const struct history *history,
		       const struct repo_entries *at_rev, const struct corpus *then)
{
	struct strmap then_paths = STRMAP_INIT;

	for (size_t i = 0; i < then->len; i++)
		strmap_add(&then_paths, then->notes[i].path, NULL);
	for (size_t n = 0; n < corpus->len; n++) {
		struct corpus_note *note = &corpus->notes[n];
		const struct repo_entry *at = repo_entries_find(at_rev, note->path);
		if (!at || !note->blob)
			continue;
		if (strcmp(at->blob, note->blob) != 0) {
			size_t k = strmap_find(&then_paths, note->path);
			if (k != STRMAP_NONE)
				S_date_edited(note, &then->notes[k], history);
			continue;
		}
		for (size_t i = 0; i < note->nsteps; i++)
			S_date(&note->steps[i], note, history_find(history, note->path, i));
	}
	strmap_release(&then_paths);
}
