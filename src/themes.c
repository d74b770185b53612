#include "themes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "xalloc.h"

/* A codebook id and its place in config->themes, for lookups by id. */
struct theme_key {
	const char *id;
	size_t at;
};

/*
 * Names gathered to be counted once each; they point into the corpus's
 * names, where one name is one string, so they compare as pointers.
 */
struct names {
	const char **items;
	size_t len, cap;
};

/* What is gathered per theme before it is counted. */
struct tally {
	struct names organizers;
	struct names people;
	size_t weeks_cap;
	struct { size_t theme, conversations; } *with;
	size_t nwith, with_cap;
};

static void S_name(struct names *names, const char *name)
{
	XGROW(names->items, names->cap, names->len + 1);
	names->items[names->len++] = name;
}

static int S_name_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const char *const *)a, y = (uintptr_t)*(const char *const *)b;
	return (x > y) - (x < y);
}

/* How many different names; frees them. */
static size_t S_distinct(struct names *names)
{
	size_t n = 0;
	if (names->len > 1)
		qsort(names->items, names->len, sizeof(*names->items), S_name_cmp);
	for (size_t i = 0; i < names->len; i++)
		n += i == 0 || names->items[i] != names->items[i - 1];
	free(names->items);
	return n;
}

static int S_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct theme_key *)a)->id, ((const struct theme_key *)b)->id);
}

/* The index of theme `id` in config->themes, or (size_t)-1. */
static size_t S_lookup(const struct theme_key *keys, size_t n, const char *id)
{
	struct theme_key key = { id, 0 };
	const struct theme_key *found = id && n ? bsearch(&key, keys, n, sizeof(*keys), S_key_cmp) : NULL;
	return found ? found->at : (size_t)-1;
}

static int S_counts(const struct corpus_note *note, const struct themes_filter *filter)
{
	if (!note->has_day)
		return 0;
	if (filter->since && date_compare(&note->day, filter->since) < 0)
		return 0;
	if (filter->until && date_compare(&note->day, filter->until) > 0)
		return 0;
	return !filter->organizer || (note->organizer && strcmp(note->organizer, filter->organizer) == 0);
}

/*
 * Better evidence first: a quote before a paragraph, then the newer note;
 * between alike ones, the earlier in the corpus (by date, then path), then
 * in the note. It orders all evidence, so which is kept does not depend on
 * the order it is considered in.
 */
static int S_better(const struct theme_evidence *a, const struct theme_evidence *b)
{
	int c;
	if (a->mention->quoted != b->mention->quoted)
		return a->mention->quoted > b->mention->quoted;
	if ((c = date_compare(&a->note->day, &b->note->day)) != 0)
		return c > 0;
	if (a->note != b->note)
		return a->note < b->note;
	return a->mention < b->mention;
}

/*
 * Keeps the best evidence of distinct words. Its text is read only when
 * it would be kept: one that would not changes nothing, whatever it says.
 */
static int S_consider_evidence(struct theme_summary *s, const struct corpus *corpus,
			       const struct corpus_note *note, const struct corpus_mention *m)
{
	struct theme_evidence e = { note, m, NULL, NULL };
	size_t at = s->nevidence;
	while (at > 0 && S_better(&e, &s->evidence[at - 1]))
		at--;
	if (at >= THEMES_EVIDENCE)
		return 0;
	if (corpus_evidence(corpus, note, (size_t)(m - note->mentions), &e.text, &e.shown) < 0)
		return -1;
	if (!e.shown)
		return 0;
	/* The same words twice are shown once, from the better place. */
	for (size_t i = 0; i < s->nevidence; i++) {
		if (strcmp(s->evidence[i].text, e.text) != 0)
			continue;
		if (!S_better(&e, &s->evidence[i]))
			return 0;
		/* Better than it, so kept before it: `at` is not moved. */
		memmove(&s->evidence[i], &s->evidence[i + 1],
			(s->nevidence - i - 1) * sizeof(*s->evidence));
		s->nevidence--;
		break;
	}
	size_t keep = s->nevidence < THEMES_EVIDENCE ? s->nevidence : THEMES_EVIDENCE - 1;
	memmove(&s->evidence[at + 1], &s->evidence[at], (keep - at) * sizeof(*s->evidence));
	s->evidence[at] = e;
	if (s->nevidence < THEMES_EVIDENCE)
		s->nevidence++;
	return 0;
}

static void S_count_with(struct tally *t, size_t other)
{
	for (size_t i = 0; i < t->nwith; i++)
		if (t->with[i].theme == other) {
			t->with[i].conversations++;
			return;
		}
	XGROW(t->with, t->with_cap, t->nwith + 1);
	t->with[t->nwith].theme = other;
	t->with[t->nwith++].conversations = 1;
}

/* One note mentioning theme `at`: `mentioned` lists every theme the note is on. */
static void S_count_note(struct theme_summary *s, struct tally *t, size_t at,
			 const struct corpus_note *note, const size_t *mentioned, size_t nmentioned,
			 const size_t *parent)
{
	s->conversations++;
	if (!s->first_seen)
		s->first_seen = note->date;
	s->last_seen = note->date;
	if (note->organizer)
		S_name(&t->organizers, note->organizer);
	for (size_t i = 0; i < note->nparticipants; i++)
		S_name(&t->people, note->participants[i]);
	struct iso_week week = date_iso_week(&note->day);
	if (s->nweeks && s->weeks[s->nweeks - 1].week.year == week.year &&
	    s->weeks[s->nweeks - 1].week.week == week.week) {
		s->weeks[s->nweeks - 1].conversations++;
	} else {
		XGROW(s->weeks, t->weeks_cap, s->nweeks + 1);
		s->weeks[s->nweeks++] = (struct theme_week){ week, 1 };
	}
	/* Its own sub-themes and its parent say nothing new about it. */
	for (size_t i = 0; i < nmentioned; i++) {
		size_t other = mentioned[i];
		if (other != at && parent[other] != at && parent[at] != other)
			S_count_with(t, other);
	}
}

static int S_most_with(const void *a, const void *b)
{
	const struct theme_with *x = a, *y = b;
	if (x->conversations != y->conversations)
		return x->conversations < y->conversations ? 1 : -1;
	return strcmp(x->theme->id, y->theme->id);
}

int themes_compare_discussed(const struct theme_summary *x, const struct theme_summary *y)
{
	if (x->conversations != y->conversations)
		return x->conversations < y->conversations ? 1 : -1;
	if (x->mentions != y->mentions)
		return x->mentions < y->mentions ? 1 : -1;
	return 0;
}

/* The terminal shows ids: alike ones in the order of their ids. */
static int S_most_discussed(const void *a, const void *b)
{
	const struct theme_summary *x = a, *y = b;
	int c = themes_compare_discussed(x, y);
	return c ? c : strcmp(x->theme->id, y->theme->id);
}

static void S_add_unique(size_t *list, size_t *n, size_t value)
{
	for (size_t i = 0; i < *n; i++)
		if (list[i] == value)
			return;
	list[(*n)++] = value;
}

/*
 * The evidence of each theme from notes[begin] to notes[end - 1], its
 * sub-themes' counted as its own. Newest notes first: the best is met
 * early, and little else is read.
 */
static int S_choose_evidence(struct themes_report *out, const struct corpus *corpus,
			     size_t begin, size_t end, const struct themes_filter *filter,
			     const struct theme_key *keys, const size_t *parent)
{
	size_t nthemes = out->len;
	for (size_t n = end; n-- > begin;) {
		const struct corpus_note *note = &corpus->notes[n];
		if (!S_counts(note, filter))
			continue;
		for (size_t m = 0; m < note->nmentions; m++) {
			const struct corpus_mention *mention = &note->mentions[m];
			size_t at = mention->quotable ? S_lookup(keys, nthemes, mention->theme)
				: (size_t)-1;
			if (at == (size_t)-1)
				continue;
			size_t self_and_parent[] = { at, parent[at] };
			for (size_t k = 0; k < 2 && self_and_parent[k] != (size_t)-1; k++)
				if (S_consider_evidence(&out->themes[self_and_parent[k]], corpus, note,
							mention) < 0)
					return -1;
		}
	}
	return 0;
}

int themes_summarize(struct themes_report *out, const struct corpus *corpus,
		     const struct config *config, const struct themes_filter *filter)
{
	size_t nthemes = config->nthemes;
	struct theme_key *keys = xcalloc(nthemes + 1, sizeof(*keys));
	size_t *parent = xcalloc(nthemes + 1, sizeof(*parent));
	struct tally *tallies = xcalloc(nthemes + 1, sizeof(*tallies));
	size_t *mentioned = NULL, mentioned_cap = 0;

	*out = (struct themes_report)THEMES_REPORT_INIT;
	out->themes = xcalloc(nthemes + 1, sizeof(*out->themes));
	out->len = nthemes;
	for (size_t i = 0; i < nthemes; i++) {
		keys[i] = (struct theme_key){ config->themes[i].id, i };
		out->themes[i].theme = &config->themes[i];
	}
	qsort(keys, nthemes, sizeof(*keys), S_key_cmp);
	for (size_t i = 0; i < nthemes; i++)
		parent[i] = S_lookup(keys, nthemes, config->themes[i].parent);

	size_t begin, end;
	corpus_days(corpus, filter->since, filter->until, &begin, &end);
	for (size_t n = begin; n < end; n++) {
		const struct corpus_note *note = &corpus->notes[n];
		if (!S_counts(note, filter))
			continue;
		out->conversations++;
		out->last_week = date_iso_week(&note->day);
		/* Each theme the note is on, its parent's too, once. */
		size_t nmentioned = 0;
		XGROW(mentioned, mentioned_cap, 2 * note->nmentions + 1);
		for (size_t m = 0; m < note->nmentions; m++) {
			const struct corpus_mention *mention = &note->mentions[m];
			size_t at = S_lookup(keys, nthemes, mention->theme);
			if (at == (size_t)-1)
				continue;
			size_t self_and_parent[] = { at, parent[at] };
			for (size_t k = 0; k < 2 && self_and_parent[k] != (size_t)-1; k++) {
				struct theme_summary *s = &out->themes[self_and_parent[k]];
				s->mentions++;
				S_add_unique(mentioned, &nmentioned, self_and_parent[k]);
			}
		}
		for (size_t i = 0; i < nmentioned; i++)
			S_count_note(&out->themes[mentioned[i]], &tallies[mentioned[i]], mentioned[i],
				     note, mentioned, nmentioned, parent);
	}

	for (size_t i = 0; i < nthemes; i++) {
		struct theme_summary *s = &out->themes[i];
		struct tally *t = &tallies[i];
		s->organizers = S_distinct(&t->organizers);
		s->people = S_distinct(&t->people);
		struct theme_with *with = xcalloc(t->nwith + 1, sizeof(*with));
		for (size_t w = 0; w < t->nwith; w++)
			with[w] = (struct theme_with){ &config->themes[t->with[w].theme],
						       t->with[w].conversations };
		qsort(with, t->nwith, sizeof(*with), S_most_with);
		s->nwith = t->nwith < THEMES_WITH ? t->nwith : THEMES_WITH;
		memcpy(s->with, with, s->nwith * sizeof(*with));
		free(with);
		free(t->with);
	}
	int r = filter->without_evidence ? 0
		: S_choose_evidence(out, corpus, begin, end, filter, keys, parent);
	if (r < 0)
		themes_report_release(out);
	else
		qsort(out->themes, nthemes, sizeof(*out->themes), S_most_discussed);
	free(mentioned);
	free(tallies);
	free(parent);
	free(keys);
	return r;
}

void themes_trend(const struct theme_summary *summary, const struct iso_week *last,
		  size_t *counts, size_t n)
{
	struct date monday = iso_week_monday(last);
	long last_days = date_to_days(&monday);

	memset(counts, 0, n * sizeof(*counts));
	for (size_t i = 0; i < summary->nweeks; i++) {
		struct date d = iso_week_monday(&summary->weeks[i].week);
		long back = (last_days - date_to_days(&d)) / 7;
		if (back >= 0 && (size_t)back < n)
			counts[n - 1 - (size_t)back] = summary->weeks[i].conversations;
	}
}

void themes_report_release(struct themes_report *report)
{
	for (size_t i = 0; i < report->len; i++)
		free(report->themes[i].weeks);
	free(report->themes);
	*report = (struct themes_report)THEMES_REPORT_INIT;
}
