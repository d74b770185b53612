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
 * Names counted once each: a set of pointers into the corpus's names,
 * where one name is one string, so they compare as pointers.
 */
struct names {
	const char **slots;      /* open addressing; NULL: empty */
	size_t len, cap;         /* cap: 0 or a power of two */
};

/* What is gathered per theme before it is counted. */
struct tally {
	struct names organizers;
	struct names people;
	size_t weeks_cap;
	struct { size_t theme, conversations; } *with;
	size_t nwith, with_cap;
	struct date first, last;     /* of the notes counted, when conversations */
};

static size_t S_slot(const struct names *names, const char *name)
{
	uintptr_t h = (uintptr_t)name;
	size_t at = (size_t)((h >> 4) * 0x9E3779B97F4A7C15u) & (names->cap - 1);
	while (names->slots[at] && names->slots[at] != name)
		at = (at + 1) & (names->cap - 1);
	return at;
}

static void S_name(struct names *names, const char *name)
{
	if (2 * (names->len + 1) > names->cap) {
		struct names grown = { NULL, 0, names->cap ? 2 * names->cap : 16 };
		grown.slots = xcalloc(grown.cap, sizeof(*grown.slots));
		for (size_t i = 0; i < names->cap; i++)
			if (names->slots[i])
				grown.slots[S_slot(&grown, names->slots[i])] = names->slots[i];
		grown.len = names->len;
		free(names->slots);
		*names = grown;
	}
	size_t at = S_slot(names, name);
	if (!names->slots[at]) {
		names->slots[at] = name;
		names->len++;
	}
}

/* How many different names; frees them. */
static size_t S_distinct(struct names *names)
{
	free(names->slots);
	names->slots = NULL;
	return names->len;
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
	if ((c = strcmp(a->note->path, b->note->path)) != 0)
		return c < 0;
	return a->mention < b->mention;
}

/*
 * Keeps the best evidence of distinct words. Its text is read only when
 * it would be kept: one that would not changes nothing, whatever it says.
 */
static int S_consider_evidence(struct theme_summary *s, const struct corpus *corpus,
			       struct corpus_note *note, const struct corpus_mention *m)
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

/* Counts a conversation in its week, keeping the weeks in order. */
static void S_count_week(struct theme_summary *s, struct tally *t, const struct date *day)
{
	struct iso_week week = date_iso_week(day);
	size_t lo = 0, hi = s->nweeks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (iso_week_compare(&s->weeks[mid].week, &week) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nweeks && iso_week_compare(&s->weeks[lo].week, &week) == 0) {
		s->weeks[lo].conversations++;
		return;
	}
	XGROW(s->weeks, t->weeks_cap, s->nweeks + 1);
	memmove(&s->weeks[lo + 1], &s->weeks[lo], (s->nweeks - lo) * sizeof(*s->weeks));
	s->weeks[lo] = (struct theme_week){ week, 1 };
	s->nweeks++;
}

/* One note mentioning theme `at`: `mentioned` lists every theme the note is on. */
static void S_count_note(struct theme_summary *s, struct tally *t, size_t at,
			 const struct corpus_note *note, const size_t *mentioned, size_t nmentioned,
			 const size_t *parent)
{
	if (!s->conversations++ || date_compare(&note->day, &t->first) < 0)
		t->first = note->day;
	if (s->conversations == 1 || date_compare(&note->day, &t->last) > 0)
		t->last = note->day;
	if (note->organizer)
		S_name(&t->organizers, note->organizer);
	for (size_t i = 0; i < note->nparticipants; i++)
		S_name(&t->people, note->participants[i]);
	S_count_week(s, t, &note->day);
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

struct themes_tally {
	const struct config *config;
	const struct themes_filter *filter;
	struct theme_key *keys;      /* by id */
	size_t *parent;              /* each theme's parent's place, or (size_t)-1 */
	struct tally *tallies;
	size_t *mentioned, mentioned_cap;
	struct themes_report out;
	int has_last;
	struct date last;            /* of the latest note counted */
	size_t kept_cap;
};

struct themes_tally *themes_tally_new(const struct config *config,
				      const struct themes_filter *filter)
{
	size_t nthemes = config->nthemes;
	struct themes_tally *t = xcalloc(1, sizeof(*t));
	t->config = config;
	t->filter = filter;
	t->keys = xcalloc(nthemes + 1, sizeof(*t->keys));
	t->parent = xcalloc(nthemes + 1, sizeof(*t->parent));
	t->tallies = xcalloc(nthemes + 1, sizeof(*t->tallies));
	t->out = (struct themes_report)THEMES_REPORT_INIT;
	t->out.themes = xcalloc(nthemes + 1, sizeof(*t->out.themes));
	t->out.len = nthemes;
	for (size_t i = 0; i < nthemes; i++) {
		t->keys[i] = (struct theme_key){ config->themes[i].id, i };
		t->out.themes[i].theme = &config->themes[i];
	}
	qsort(t->keys, nthemes, sizeof(*t->keys), S_key_cmp);
	for (size_t i = 0; i < nthemes; i++)
		t->parent[i] = S_lookup(t->keys, nthemes, config->themes[i].parent);
	return t;
}

/*
 * The note's evidence for each theme, its sub-themes' counted as its own.
 * Returns whether any of it was kept, or -1 with an error set.
 */
static int S_choose_evidence(struct themes_tally *t, const struct corpus *corpus,
			     struct corpus_note *note)
{
	int kept = 0;
	for (size_t m = 0; m < note->nmentions; m++) {
		const struct corpus_mention *mention = &note->mentions[m];
		size_t at = mention->quotable ? S_lookup(t->keys, t->out.len, mention->theme)
			: (size_t)-1;
		if (at == (size_t)-1)
			continue;
		size_t self_and_parent[] = { at, t->parent[at] };
		for (size_t k = 0; k < 2 && self_and_parent[k] != (size_t)-1; k++) {
			struct theme_summary *s = &t->out.themes[self_and_parent[k]];
			if (S_consider_evidence(s, corpus, note, mention) < 0)
				return -1;
			for (size_t e = 0; e < s->nevidence && !kept; e++)
				kept = s->evidence[e].note == note;
		}
	}
	return kept;
}

/* Frees the notes taken that no evidence is from any longer. */
static void S_sweep(struct themes_report *out)
{
	size_t n = 0;
	for (size_t i = 0; i < out->nnotes; i++) {
		struct corpus_note *note = out->notes[i];
		int quoted = 0;
		for (size_t k = 0; k < out->len && !quoted; k++)
			for (size_t e = 0; e < out->themes[k].nevidence && !quoted; e++)
				quoted = out->themes[k].evidence[e].note == note;
		if (quoted) {
			out->notes[n++] = note;
		} else {
			corpus_note_release(note);
			free(note);
		}
	}
	out->nnotes = n;
}

/*
 * The note, moved into the report: the evidence that pointed at it points
 * at it there. Those no longer quoted are let go when the list is full, so
 * it holds about as many as are quoted, whatever order notes come in.
 */
static void S_take(struct themes_tally *t, struct corpus_note *note)
{
	struct corpus_note *taken = xmalloc(sizeof(*taken));
	*taken = *note;
	memset(note, 0, sizeof(*note));
	if (t->out.nnotes == t->kept_cap && t->kept_cap) {
		S_sweep(&t->out);
		if (t->out.nnotes > t->kept_cap / 2)
			XGROW(t->out.notes, t->kept_cap, t->kept_cap + 1);
	}
	XGROW(t->out.notes, t->kept_cap, t->out.nnotes + 1);
	t->out.notes[t->out.nnotes++] = taken;
	for (size_t i = 0; i < t->out.len; i++)
		for (size_t e = 0; e < t->out.themes[i].nevidence; e++)
			if (t->out.themes[i].evidence[e].note == note)
				t->out.themes[i].evidence[e].note = taken;
}

int themes_tally_note(struct themes_tally *t, const struct corpus *corpus,
		      struct corpus_note *note, int take)
{
	size_t nthemes = t->out.len;
	if (!S_counts(note, t->filter))
		return 0;
	t->out.conversations++;
	if (!t->has_last || date_compare(&note->day, &t->last) > 0)
		t->last = note->day;
	t->has_last = 1;
	/* Each theme the note is on, its parent's too, once. */
	size_t nmentioned = 0;
	XGROW(t->mentioned, t->mentioned_cap, 2 * note->nmentions + 1);
	for (size_t m = 0; m < note->nmentions; m++) {
		size_t at = S_lookup(t->keys, nthemes, note->mentions[m].theme);
		if (at == (size_t)-1)
			continue;
		size_t self_and_parent[] = { at, t->parent[at] };
		for (size_t k = 0; k < 2 && self_and_parent[k] != (size_t)-1; k++) {
			t->out.themes[self_and_parent[k]].mentions++;
			S_add_unique(t->mentioned, &nmentioned, self_and_parent[k]);
		}
	}
	for (size_t i = 0; i < nmentioned; i++)
		S_count_note(&t->out.themes[t->mentioned[i]], &t->tallies[t->mentioned[i]],
			     t->mentioned[i], note, t->mentioned, nmentioned, t->parent);
	int kept = t->filter->without_evidence ? 0 : S_choose_evidence(t, corpus, note);
	if (kept > 0 && take)
		S_take(t, note);
	return kept < 0 ? -1 : 0;
}

static void S_tally_release(struct themes_tally *t)
{
	for (size_t i = 0; i < t->config->nthemes; i++) {
		free(t->tallies[i].organizers.slots);
		free(t->tallies[i].people.slots);
		free(t->tallies[i].with);
	}
	free(t->mentioned);
	free(t->tallies);
	free(t->parent);
	free(t->keys);
	free(t);
}

void themes_tally_end(struct themes_tally *t, struct themes_report *out)
{
	size_t nthemes = t->out.len;
	*out = t->out;
	if (t->has_last)
		out->last_week = date_iso_week(&t->last);
	for (size_t i = 0; i < nthemes; i++) {
		struct theme_summary *s = &out->themes[i];
		struct tally *tally = &t->tallies[i];
		if (s->conversations) {
			date_format(s->first_day, &tally->first);
			date_format(s->last_day, &tally->last);
		}
		s->organizers = S_distinct(&tally->organizers);
		s->people = S_distinct(&tally->people);
		struct theme_with *with = xcalloc(tally->nwith + 1, sizeof(*with));
		for (size_t w = 0; w < tally->nwith; w++)
			with[w] = (struct theme_with){ &t->config->themes[tally->with[w].theme],
						       tally->with[w].conversations };
		qsort(with, tally->nwith, sizeof(*with), S_most_with);
		s->nwith = tally->nwith < THEMES_WITH ? tally->nwith : THEMES_WITH;
		memcpy(s->with, with, s->nwith * sizeof(*with));
		free(with);
	}
	S_sweep(out);
	qsort(out->themes, nthemes, sizeof(*out->themes), S_most_discussed);
	/* Sorting moved them: the days are pointed at where they are now. */
	for (size_t i = 0; i < nthemes; i++) {
		struct theme_summary *s = &out->themes[i];
		s->first_seen = s->conversations ? s->first_day : NULL;
		s->last_seen = s->conversations ? s->last_day : NULL;
	}
	S_tally_release(t);
}

void themes_tally_free(struct themes_tally *t)
{
	if (!t)
		return;
	themes_report_release(&t->out);
	S_tally_release(t);
}

int themes_summarize(struct themes_report *out, const struct corpus *corpus,
		     const struct config *config, const struct themes_filter *filter)
{
	struct themes_tally *t = themes_tally_new(config, filter);
	size_t begin, end;

	*out = (struct themes_report)THEMES_REPORT_INIT;
	corpus_days(corpus, filter->since, filter->until, &begin, &end);
	/* Newest first: the best evidence is met early, and little else is read. */
	for (size_t n = end; n-- > begin;)
		if (themes_tally_note(t, corpus, &corpus->notes[n], 0) < 0) {
			themes_tally_free(t);
			return -1;
		}
	themes_tally_end(t, out);
	return 0;
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
	for (size_t i = 0; i < report->nnotes; i++) {
		corpus_note_release(report->notes[i]);
		free(report->notes[i]);
	}
	free(report->notes);
	*report = (struct themes_report)THEMES_REPORT_INIT;
}
