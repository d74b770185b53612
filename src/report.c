#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "corpus.h"
#include "jtext.h"
#include "spark.h"
#include "steps.h"
#include "strbuf.h"
#include "strlist.h"
#include "strmap.h"
#include "themes.h"
#include "themes_print.h"
#include "utf8.h"
#include "xalloc.h"

struct report {
	const struct corpus *corpus;
	const struct config *config;
	struct strmap people;       /* everyone a note with a day names */
	struct date *first_met;     /* by person: the day of the earliest note naming them */
	char *up;                   /* from the reports folder back to the root: "../";
				     * NULL when notes are not linked */
	/*
	 * What pages show the same way made once for all of them, NULL until
	 * it is: each note as a page names it, by its index in the corpus, and
	 * each step, open or overdue (steps[2 * (first_step[note] + i) + overdue],
	 * one of the two).
	 */
	json_t **named;
	size_t *first_step;
	json_t **steps;
};

struct report *report_new(const struct corpus *corpus, const struct config *config,
			  enum report_links links)
{
	struct report *r = xcalloc(1, sizeof(*r));
	size_t cap = 0, nsteps = 0;
	r->corpus = corpus;
	r->config = config;
	if (links == REPORT_LINK_NOTES) {
		struct strbuf up = STRBUF_INIT;
		for (const char *p = config->reports_dir; *p; p++)
			if (*p == '/' && p[1] && p[1] != '/')
				strbuf_addstr(&up, "../");
		if (*config->reports_dir)
			strbuf_addstr(&up, "../");
		r->up = strbuf_detach(&up);
	}
	r->named = xcalloc(corpus->len + 1, sizeof(*r->named));
	r->first_step = xcalloc(corpus->len + 1, sizeof(*r->first_step));
	for (size_t i = 0; i < corpus->len; i++) {
		r->first_step[i] = nsteps;
		nsteps += corpus->notes[i].nsteps;
	}
	r->steps = xcalloc(2 * nsteps + 1, sizeof(*r->steps));
	r->first_step[corpus->len] = nsteps;
	/* By date: the first note naming someone is the earliest. */
	for (size_t i = 0; i < corpus->len; i++) {
		const struct corpus_note *note = &corpus->notes[i];
		for (size_t p = 0; note->has_day && p < note->nparticipants; p++) {
			int added;
			size_t at = strmap_add(&r->people, note->participants[p], &added);
			XGROW(r->first_met, cap, at + 1);
			if (added)
				r->first_met[at] = note->day;
		}
	}
	return r;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->corpus->len; i++)
		json_decref(r->named[i]);
	for (size_t i = 0; i < 2 * r->first_step[r->corpus->len]; i++)
		json_decref(r->steps[i]);
	free(r->named);
	free(r->first_step);
	free(r->steps);
	free(r->up);
	strmap_release(&r->people);
	free(r->first_met);
	free(r);
}

/* What every part of a week's model needs to know. */
struct week {
	const struct report *report;
	const struct corpus *corpus;
	const struct config *config;
	struct date monday, sunday;
	size_t begin, end;          /* the notes of the week are among these (corpus_days) */
	struct date as_of;          /* steps are open or overdue as of this day */
};

static int S_in_week(const struct week *w, const struct corpus_note *note)
{
	return note->has_day && date_compare(&note->day, &w->monday) >= 0 &&
		date_compare(&note->day, &w->sunday) <= 0;
}

static json_t *S_day(const struct date *d)
{
	char text[DATE_SIZE];
	date_format(text, d);
	return json_string(text);
}

static json_t *S_week_name(const struct iso_week *week)
{
	char text[ISO_WEEK_SIZE];
	iso_week_format(text, week);
	return json_string(text);
}

static int S_week_order(const void *a, const void *b)
{
	return iso_week_compare(a, b);
}

json_t *report_page_names(const struct iso_week *week)
{
	char name[ISO_WEEK_SIZE], md[ISO_WEEK_SIZE + 5], html[ISO_WEEK_SIZE + 5];
	iso_week_format(name, week);
	snprintf(md, sizeof(md), "%s.md", name);
	snprintf(html, sizeof(html), "%s.html", name);
	struct date monday = iso_week_monday(week);
	return json_pack("{s:s, s:o, s:s, s:s}", "week", name, "monday", S_day(&monday),
			 "md", md, "html", html);
}

/* A person as every table of a page shows them: a roster's name, else the id as shown. */
static const char *S_who(const struct config *config, const char *shown)
{
	const struct person *o = !shown ? NULL : config_organizer(config, shown)
		? config_organizer(config, shown) : config_person(config, shown);
	return o && o->name ? o->name : shown;
}

/* Names as a page shows them: without regard to case first, so "a participant" sits among the a's. */
static int S_shown_order(const char *x, const char *y)
{
	int c = strcasecmp(x, y);
	return c ? c : strcmp(x, y);
}

/* A note as the page may name it (privacy.h): null for one it may not. A new reference. */
static json_t *S_note(const struct week *w, const struct corpus_note *note)
{
	if (!note->shown.named)
		return json_null();
	json_t **made = &w->report->named[note - w->corpus->notes];
	if (*made)
		return json_incref(*made);
	json_t *link = json_null();
	if (w->report->up) {
		struct strbuf url = STRBUF_INIT;
		strbuf_addstr(&url, w->report->up);
		strbuf_add_url_path(&url, note->shown.path);
		link = jtext_new(url.buf);
		strbuf_release(&url);
	}
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		"date", jtext_new(note->date),
		"title", jtext_new(note->shown.title),
		"organizer", jtext_new(note->shown.organizer),
		"organizer_name", jtext_new(S_who(w->config, note->shown.organizer)),
		"kind", jtext_new(note->shown.kind),
		"path", jtext_new(note->shown.path), "link", link);
	*made = out;
	return json_incref(out);
}

/* Counts by a key, most first, then by what the page shows for the key. */
struct count {
	const char *key;
	const char *shown;
	size_t n;
};

static void S_count(struct count **counts, size_t *len, size_t *cap, const char *key,
		    const char *shown)
{
	for (size_t i = 0; i < *len; i++)
		if (strcmp((*counts)[i].key, key) == 0) {
			(*counts)[i].n++;
			return;
		}
	XGROW(*counts, *cap, *len + 1);
	(*counts)[(*len)++] = (struct count){ key, shown ? shown : key, 1 };
}

static int S_most(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	int c;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return (c = S_shown_order(x->shown, y->shown)) ? c : strcmp(x->key, y->key);
}

/* The counts as [{key_name, conversations}], with the shown `name` for people. */
static json_t *S_counts(struct count *counts, size_t len, const char *key_name, int people)
{
	json_t *out = json_array();
	if (len > 1)
		qsort(counts, len, sizeof(*counts), S_most);
	for (size_t i = 0; i < len; i++) {
		json_t *item = json_pack("{s:o, s:I}", key_name, jtext_new(counts[i].key),
					 "conversations", (json_int_t)counts[i].n);
		if (people)
			json_object_set_new(item, "name", jtext_new(counts[i].shown));
		json_array_append_new(out, item);
	}
	free(counts);
	return out;
}

static json_t *S_conversations(const struct week *w)
{
	struct count *kinds = NULL, *organizers = NULL;
	size_t nkinds = 0, kinds_cap = 0, norganizers = 0, organizers_cap = 0;
	size_t total = 0, private = 0;

	for (size_t i = w->begin; i < w->end; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		if (!S_in_week(w, note))
			continue;
		total++;
		private += !note->shown.named;
		if (w->corpus->shown_by_kind)
			S_count(&kinds, &nkinds, &kinds_cap, note->kind ? note->kind : "", NULL);
		if (w->corpus->shown_by_organizer) {
			const char *organizer = note->organizer ? note->organizer : "";
			S_count(&organizers, &norganizers, &organizers_cap, organizer,
				S_who(w->config, organizer));
		}
	}
	return json_pack("{s:I, s:I, s:b, s:b, s:b, s:o, s:o}", "count", (json_int_t)total,
		"private", (json_int_t)private, "has_private", private > 0,
		"has_by_kind", nkinds > 0, "has_by_organizer", norganizers > 0,
		"by_kind", S_counts(kinds, nkinds, "kind", 0),
		"by_organizer", S_counts(organizers, norganizers, "organizer", 1));
}

/* People met this week, and how many of them for the first time. */
static json_t *S_people(const struct week *w)
{
	struct strlist now = STRLIST_INIT;
	for (size_t i = w->begin; i < w->end; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		for (size_t p = 0; S_in_week(w, note) && p < note->nparticipants; p++)
			strlist_add(&now, note->participants[p]);
	}
	strlist_sort_unique(&now);
	size_t returning = 0;
	for (size_t i = 0; i < now.len; i++) {
		size_t at = strmap_find(&w->report->people, now.items[i]);
		returning += at != STRMAP_NONE &&
			date_compare(&w->report->first_met[at], &w->monday) < 0;
	}
	json_t *out = json_pack("{s:I, s:I, s:I}", "reached", (json_int_t)now.len,
				"new", (json_int_t)(now.len - returning),
				"returning", (json_int_t)returning);
	strlist_release(&now);
	return out;
}

static const struct theme_summary *S_summary_of(const struct themes_report *r,
						const struct theme *theme)
{
	for (size_t i = 0; i < r->len; i++)
		if (r->themes[i].theme == theme)
			return &r->themes[i];
	return NULL;
}

/* Two themes in the same notes, the one whose label sorts first first. */
struct pair {
	const struct theme *theme;
	const struct theme *with;
	size_t conversations;
};

#define REPORT_PAIRS 5

static int S_label_order(const struct theme *x, const struct theme *y)
{
	int c = S_shown_order(x->label, y->label);
	return c ? c : strcmp(x->id, y->id);
}

static int S_most_pairs(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c;
	if (x->conversations != y->conversations)
		return x->conversations < y->conversations ? 1 : -1;
	if ((c = S_label_order(x->theme, y->theme)) != 0)
		return c;
	return S_label_order(x->with, y->with);
}

/*
 * Each pair once, whichever theme's list of the most frequent others
 * (themes.h) holds it: the two lists are cut short apart.
 */
static void S_pair_add(struct pair **pairs, size_t *n, size_t *cap, const struct theme *theme,
		       const struct theme_with *with)
{
	struct pair p = { theme, with->theme, with->conversations };
	if (S_label_order(theme, with->theme) > 0)
		p = (struct pair){ with->theme, theme, with->conversations };
	for (size_t i = 0; i < *n; i++)
		if ((*pairs)[i].theme == p.theme && (*pairs)[i].with == p.with)
			return;
	XGROW(*pairs, *cap, *n + 1);
	(*pairs)[(*n)++] = p;
}

/* Most discussed first, as themes.h has it, then by label: the page shows labels. */
static int S_most_discussed(const void *a, const void *b)
{
	const struct theme_summary *x = a, *y = b;
	int c = themes_compare_discussed(x, y);
	return c ? c : S_label_order(x->theme, y->theme);
}

void report_mentions_days(const struct iso_week *week, struct date *from, struct date *until)
{
	struct date monday = iso_week_monday(week);
	*from = date_from_days(date_to_days(&monday) - 7 * (REPORT_TREND_WEEKS - 1));
	*until = date_from_days(date_to_days(&monday) + 6);
}

/* The week's themes, and the pairs of them seen most into *together; NULL after an error. */
static json_t *S_themes(const struct week *w, const struct iso_week *week, json_t **together)
{
	struct date from, until;
	report_mentions_days(week, &from, &until);
	struct themes_filter this_week = { &w->monday, &w->sunday, NULL, 0 };
	struct themes_filter window = { &from, &until, NULL, 1 };
	struct themes_report now, trend;
	size_t max = 0;

	struct pair *pairs = NULL;
	size_t npairs = 0, pairs_cap = 0;

	*together = NULL;
	if (themes_summarize(&now, w->corpus, w->config, &this_week) < 0)
		return NULL;
	themes_summarize(&trend, w->corpus, w->config, &window);   /* counts alone: cannot fail */
	json_t *themes = json_array();
	if (now.len > 1)
		qsort(now.themes, now.len, sizeof(*now.themes), S_most_discussed);
	*together = json_array();
	for (size_t i = 0; i < now.len; i++)
		if (now.themes[i].conversations > max)
			max = now.themes[i].conversations;
	for (size_t i = 0; i < now.len && now.themes[i].conversations; i++) {
		const struct theme_summary *s = &now.themes[i];
		size_t counts[REPORT_TREND_WEEKS];
		struct strbuf spark = STRBUF_INIT;
		json_t *weeks = json_array(), *quotes = json_array();

		themes_trend(S_summary_of(&trend, s->theme), week, counts, REPORT_TREND_WEEKS);
		spark_line(&spark, counts, REPORT_TREND_WEEKS);
		for (size_t k = 0; k < REPORT_TREND_WEEKS; k++) {
			struct date monday = date_from_days(date_to_days(&w->monday) -
							    7 * (long)(REPORT_TREND_WEEKS - 1 - k));
			struct iso_week wk = date_iso_week(&monday);
			json_array_append_new(weeks, json_pack("{s:o, s:I}", "week", S_week_name(&wk),
							       "conversations", (json_int_t)counts[k]));
		}
		for (size_t k = 0; k < s->nwith; k++)
			S_pair_add(&pairs, &npairs, &pairs_cap, s->theme, &s->with[k]);
		for (size_t k = 0; k < s->nevidence; k++)
			json_array_append_new(quotes, json_pack("{s:o, s:b, s:o}",
				"text", jtext_new(s->evidence[k].shown),
				"quote", s->evidence[k].mention->quoted,
				"note", S_note(w, s->evidence[k].note)));
		json_t *theme = themes_json_theme(s);
		json_object_update_new(theme, json_pack("{s:I, s:o, s:s, s:o, s:o, s:b}",
			"bar_percent", (json_int_t)(s->conversations * 100 / max),
			"trend", weeks, "sparkline", spark.buf ? spark.buf : "",
			"with", themes_json_with(s), "quotes", quotes, "has_quotes", s->nevidence > 0));
		json_array_append_new(themes, theme);
		strbuf_release(&spark);
	}
	/* The pairs seen most often, a few. */
	if (npairs > 1)
		qsort(pairs, npairs, sizeof(*pairs), S_most_pairs);
	for (size_t k = 0; k < npairs && k < REPORT_PAIRS; k++)
		json_array_append_new(*together, json_pack("{s:o, s:o, s:o, s:o, s:I}",
			"theme", jtext_new(pairs[k].theme->id), "label", jtext_new(pairs[k].theme->label),
			"with", jtext_new(pairs[k].with->id), "with_label", jtext_new(pairs[k].with->label),
			"conversations", (json_int_t)pairs[k].conversations));
	free(pairs);
	themes_report_release(&now);
	themes_report_release(&trend);
	return themes;
}

/* A step as the page may show it. */
/* A step as a page shows it, the same on every page: a new reference. */
static json_t *S_step(const struct week *w, const struct step_item *item)
{
	const struct corpus_step *step = item->step;
	size_t note = (size_t)(item->note - w->corpus->notes);
	json_t **both = &w->report->steps[2 * (w->report->first_step[note] +
					       (size_t)(step - item->note->steps))];
	int overdue = item->status == STEP_OVERDUE;
	json_t **made = &both[overdue];
	if (*made)
		return json_incref(*made);
	/* Pages go by week, and a step once overdue stays so: one of the two is kept. */
	json_decref(both[!overdue]);
	both[!overdue] = NULL;
	long days = steps_days_to_done(item);
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:b, s:b}",
		"owner", jtext_new(step->shown_owner),
		"owner_name", jtext_new(S_who(w->config, step->shown_owner)),
		"text", jtext_new(step->shown_words),
		"due", jtext_new(step->due), "overdue", item->status == STEP_OVERDUE,
		"private", !item->note->shown.named);
	json_object_set_new(out, "done", step->done && step->dated ? S_day(&step->done_day) : json_null());
	json_object_set_new(out, "days", days >= 0 ? json_integer(days) : json_null());
	json_object_set_new(out, "note", S_note(w, item->note));
	*made = out;
	return json_incref(out);
}

/* Open as of the day: written by then, and not done by then. */
static int S_open_as_of(const struct step_item *item, const struct date *day)
{
	if (!item->note->has_day || date_compare(&item->note->day, day) > 0)
		return 0;
	return !item->step->done ||
		(item->step->dated && date_compare(&item->step->done_day, day) > 0);
}

/* The steps of one owner as shown (several participants may show as one). */
struct owner_group {
	const char *shown;         /* NULL: no owner */
	const char *who;           /* as the page shows them */
	int rank;                  /* organizers 0, others 1, nobody 2 */
	size_t overdue;
	struct step_item *items;
	size_t len, cap;
};

struct owner_groups {
	struct owner_group *items;
	size_t len, cap;
};

/* By the owner as shown; steps nobody owns yet last. */
static int S_group_order(const void *a, const void *b)
{
	const struct owner_group *x = a, *y = b;
	if (!x->shown || !y->shown)
		return !x->shown - !y->shown;
	int c = S_shown_order(x->who, y->who);
	return c ? c : strcmp(x->shown, y->shown);
}

/* Organizers first, then participants, then nobody; each by the owner as shown. */
static int S_group_rank_order(const void *a, const void *b)
{
	const struct owner_group *x = a, *y = b;
	return x->rank != y->rank ? x->rank - y->rank : S_group_order(a, b);
}

static void S_group_add(struct owner_groups *groups, const struct week *w,
			const struct step_item *item)
{
	const char *shown = item->step->shown_owner;
	struct owner_group *g = NULL;
	/* Latest first: steps come grouped by owner (steps_select). */
	for (size_t i = groups->len; i-- > 0 && !g;) {
		const char *other = groups->items[i].shown;
		if (shown && other ? strcmp(shown, other) == 0 : shown == other)
			g = &groups->items[i];
	}
	if (!g) {
		XGROW(groups->items, groups->cap, groups->len + 1);
		g = &groups->items[groups->len++];
		int rank = !shown ? 2 : config_organizer(w->config, shown) ? 0 : 1;
		*g = (struct owner_group){ shown, S_who(w->config, shown), rank, 0, NULL, 0, 0 };
	}
	XGROW(g->items, g->cap, g->len + 1);
	g->items[g->len++] = *item;
	g->overdue += item->status == STEP_OVERDUE;
}

/* Groups in `order`, each group's steps overdue, open, done (steps.h). */
static void S_groups_sort(struct owner_groups *groups, int (*order)(const void *, const void *))
{
	if (groups->len > 1)
		qsort(groups->items, groups->len, sizeof(*groups->items), order);
	for (size_t i = 0; i < groups->len; i++)
		steps_sort_by_status(groups->items[i].items, groups->items[i].len);
}

static void S_groups_release(struct owner_groups *groups)
{
	for (size_t i = 0; i < groups->len; i++)
		free(groups->items[i].items);
	free(groups->items);
}

/* The groups' steps in one list, as a table shows them: by owner as shown. */
static json_t *S_groups_steps(const struct week *w, struct owner_groups *groups)
{
	json_t *out = json_array();
	S_groups_sort(groups, S_group_order);
	for (size_t i = 0; i < groups->len; i++)
		for (size_t k = 0; k < groups->items[i].len; k++)
			json_array_append_new(out, S_step(w, &groups->items[i].items[k]));
	return out;
}

static json_t *S_steps(const struct week *w)
{
	struct steps_filter all = { .today = w->as_of };
	struct steps_list list;
	struct owner_groups opened = { 0 }, done = { 0 }, open = { 0 };
	json_t *owners = json_array();
	size_t noverdue = 0;

	steps_select(&list, w->corpus, &all);
	for (size_t i = 0; i < list.len; i++) {
		struct step_item item = list.items[i];
		const struct corpus_step *step = item.step;
		if (S_in_week(w, item.note))
			S_group_add(&opened, w, &item);
		if (step->done && step->dated && date_compare(&step->done_day, &w->monday) >= 0 &&
		    date_compare(&step->done_day, &w->sunday) <= 0)
			S_group_add(&done, w, &item);
		if (!S_open_as_of(&item, &w->as_of))
			continue;
		/* Done after the day it is seen from: open then, perhaps overdue. */
		item.status = item.has_due && date_compare(&item.due, &w->as_of) < 0
			? STEP_OVERDUE : STEP_OPEN;
		S_group_add(&open, w, &item);
		noverdue += item.status == STEP_OVERDUE;
	}
	json_t *opened_steps = S_groups_steps(w, &opened), *done_steps = S_groups_steps(w, &done);
	size_t nopen = 0;
	S_groups_sort(&open, S_group_rank_order);
	for (size_t i = 0; i < open.len; i++) {
		struct owner_group *g = &open.items[i];
		json_t *steps = json_array();
		for (size_t k = 0; k < g->len; k++)
			json_array_append_new(steps, S_step(w, &g->items[k]));
		nopen += g->len;
		json_array_append_new(owners, json_pack("{s:o, s:o, s:I, s:I, s:o}",
			"owner", jtext_new(g->shown), "name", jtext_new(g->who),
			"open", (json_int_t)g->len, "overdue", (json_int_t)g->overdue, "steps", steps));
	}
	S_groups_release(&opened);
	S_groups_release(&done);
	S_groups_release(&open);
	steps_list_release(&list);
	return json_pack("{s:I, s:I, s:I, s:I, s:b, s:b, s:b, s:o, s:o, s:o}",
		"opened_count", (json_int_t)json_array_size(opened_steps),
		"done_count", (json_int_t)json_array_size(done_steps),
		"open_count", (json_int_t)nopen, "overdue_count", (json_int_t)noverdue,
		"has_opened", json_array_size(opened_steps) > 0,
		"has_done", json_array_size(done_steps) > 0,
		"has_open", nopen > 0, "opened", opened_steps, "done", done_steps,
		"open_by_owner", owners);
}

/* What a list of notes shows first: the title, or the path of a note without one. */
static const char *S_note_shown(const struct corpus_note *note)
{
	return note->shown.title ? note->shown.title : note->shown.path;
}

/* As the lists show notes: by date, then by title. */
static int S_note_order(const void *a, const void *b)
{
	const struct corpus_note *x = *(const struct corpus_note *const *)a;
	const struct corpus_note *y = *(const struct corpus_note *const *)b;
	int c = strcmp(x->date ? x->date : "", y->date ? y->date : "");
	if (c == 0)
		c = S_shown_order(S_note_shown(x), S_note_shown(y));
	return c ? c : strcmp(x->path, y->path);
}

/* The notes of the week that `has` picks: all counted in *count, those not private listed. */
static json_t *S_notes(const struct week *w, int (*has)(const struct corpus_note *),
		       size_t *count)
{
	const struct corpus_note **named = NULL;
	size_t n = 0, cap = 0;
	json_t *notes = json_array();

	*count = 0;
	for (size_t i = w->begin; i < w->end; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		if (!S_in_week(w, note) || !has(note))
			continue;
		++*count;
		if (!note->shown.named)
			continue;
		XGROW(named, cap, n + 1);
		named[n++] = note;
	}
	if (n > 1)
		qsort(named, n, sizeof(*named), S_note_order);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(notes, S_note(w, named[i]));
	free(named);
	return notes;
}

/* Notes of the week with a problem: counted, and named unless private. */
static json_t *S_health_item(const struct week *w, int (*has)(const struct corpus_note *))
{
	size_t count;
	json_t *notes = S_notes(w, has, &count);
	return json_pack("{s:I, s:o}", "count", (json_int_t)count, "notes", notes);
}

static int S_any(const struct corpus_note *note) { (void)note; return 1; }
static int S_has_errors(const struct corpus_note *note) { return note->errors > 0; }
static int S_has_no_steps(const struct corpus_note *note) { return note->nsteps == 0; }
static int S_has_no_themes(const struct corpus_note *note) { return note->nmentions == 0; }

static json_t *S_health(const struct week *w)
{
	return json_pack("{s:o, s:o, s:o}",
		"with_errors", S_health_item(w, S_has_errors),
		"without_steps", S_health_item(w, S_has_no_steps),
		"without_themes", S_health_item(w, S_has_no_themes));
}

static void S_week_init(struct week *w, const struct report *report,
			const struct report_options *options)
{
	const struct corpus *corpus = report->corpus;
	const struct config *config = report->config;
	w->report = report;
	w->corpus = corpus;
	w->config = config;
	w->monday = iso_week_monday(&options->week);
	w->sunday = date_from_days(date_to_days(&w->monday) + 6);
	corpus_days(corpus, &w->monday, &w->sunday, &w->begin, &w->end);
	w->as_of = date_compare(&options->today, &w->sunday) < 0 ? options->today : w->sunday;
}

/*
 * The trend chart's layout, in SVG user units: the line is drawn in the
 * plot box, with room left of it for the counts, above it for the axis's
 * name and below it for the weeks; a dot's radius fits in every margin.
 */
#define CHART_WIDTH 360
#define CHART_HEIGHT 160
#define CHART_LEFT 36
#define CHART_RIGHT 344
#define CHART_TOP 28
#define CHART_BOTTOM 128
#define CHART_LABEL_GAP 20   /* from the plot's bottom to the weeks' baseline */

static size_t S_chart_y(size_t count, size_t max)
{
	return CHART_BOTTOM - (max ? count * (CHART_BOTTOM - CHART_TOP) / max : 0);
}

/* Where the counts are marked: 0 and the most, and half of it when that is a whole number. */
static json_t *S_chart_ticks(size_t max)
{
	json_t *ticks = json_array();
	size_t values[3], n = 0;
	values[n++] = 0;
	if (max >= 2 && max % 2 == 0)
		values[n++] = max / 2;
	if (max)
		values[n++] = max;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(ticks, json_pack("{s:I, s:I}", "value", (json_int_t)values[i],
						       "y", (json_int_t)S_chart_y(values[i], max)));
	return ticks;
}

/*
 * Conversations in each of the last REPORT_TREND_WEEKS weeks, with what an
 * SVG chart of them needs: templates cannot compute, so the model carries
 * the coordinates.
 */
static json_t *S_trend(const struct week *w)
{
	long first = date_to_days(&w->monday) - 7L * (REPORT_TREND_WEEKS - 1);
	size_t counts[REPORT_TREND_WEEKS] = { 0 }, max = 0;
	json_t *weeks = json_array();
	struct strbuf points = STRBUF_INIT;

	struct date from = date_from_days(first);
	size_t begin, end;
	corpus_days(w->corpus, &from, &w->sunday, &begin, &end);
	for (size_t i = begin; i < end; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		long days = note->has_day ? date_to_days(&note->day) : first - 1;
		if (days >= first && date_compare(&note->day, &w->sunday) <= 0)
			counts[(days - first) / 7]++;
	}
	for (size_t k = 0; k < REPORT_TREND_WEEKS; k++)
		if (counts[k] > max)
			max = counts[k];
	for (size_t k = 0; k < REPORT_TREND_WEEKS; k++) {
		struct date monday = date_from_days(first + 7 * (long)k);
		struct iso_week week = date_iso_week(&monday);
		char label[8];
		size_t x = CHART_LEFT + k * (CHART_RIGHT - CHART_LEFT) / (REPORT_TREND_WEEKS - 1);
		size_t y = S_chart_y(counts[k], max);
		snprintf(label, sizeof(label), "W%02d", week.week);
		strbuf_addf(&points, "%s%zu,%zu", k ? " " : "", x, y);
		json_array_append_new(weeks, json_pack("{s:o, s:s, s:I, s:I, s:I}",
			"week", S_week_name(&week), "label", label,
			"conversations", (json_int_t)counts[k], "x", (json_int_t)x, "y", (json_int_t)y));
	}
	json_t *out = json_pack("{s:o, s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
		"weeks", weeks, "points", points.buf, "ticks", S_chart_ticks(max),
		"max", (json_int_t)max, "width", (json_int_t)CHART_WIDTH,
		"height", (json_int_t)CHART_HEIGHT, "left", (json_int_t)CHART_LEFT,
		"right", (json_int_t)CHART_RIGHT, "top", (json_int_t)CHART_TOP,
		"bottom", (json_int_t)CHART_BOTTOM,
		"label_y", (json_int_t)(CHART_BOTTOM + CHART_LABEL_GAP));
	strbuf_release(&points);
	return out;
}

json_t *report_neighbour(const struct iso_week *paged, size_t npaged, const struct iso_week *week,
			 int after)
{
	const struct iso_week *best = NULL;
	for (size_t i = 0; i < npaged; i++) {
		int c = iso_week_compare(&paged[i], week);
		if (after ? c > 0 && !best : c < 0)
			best = &paged[i];
	}
	return best ? report_page_names(best) : json_null();
}

json_t *report_week(const struct report *report, const struct report_options *options)
{
	struct week w;
	json_t *together;
	size_t count;

	S_week_init(&w, report, options);
	json_t *themes = S_themes(&w, &options->week, &together);
	if (!themes)
		return NULL;
	json_t *conversations = S_conversations(&w), *notes = S_notes(&w, S_any, &count);
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
				" s:o, s:b, s:b, s:b, s:b}",
		"week", S_week_name(&options->week), "monday", S_day(&w.monday),
		"sunday", S_day(&w.sunday), "as_of", S_day(&w.as_of),
		"commit", jtext_new(options->commit),
		"previous", report_neighbour(options->paged, options->npaged, &options->week, 0),
		"next", report_neighbour(options->paged, options->npaged, &options->week, 1),
		"conversations", conversations, "people", S_people(&w), "trend", S_trend(&w),
		"themes", themes, "together", together, "steps", S_steps(&w),
		"health", S_health(&w), "notes", notes, "has_conversations", count > 0,
		"has_themes", json_array_size(themes) > 0, "has_together", json_array_size(together) > 0,
		"has_notes", json_array_size(notes) > 0);
	return out;
}

json_t *report_index(const struct report *report, const struct report_options *options)
{
	const struct corpus *corpus = report->corpus;
	size_t *counts = xcalloc(options->npaged + 1, sizeof(*counts)), total = 0;

	for (size_t i = 0; i < corpus->len; i++)
		if (corpus->notes[i].has_day) {
			report_count_week(counts, options->paged, options->npaged,
					  &corpus->notes[i].day);
			total++;
		}
	json_t *out = report_index_of(options->paged, counts, options->npaged, total,
				      options->commit);
	free(counts);
	return out;
}

void report_count_week(size_t *counts, const struct iso_week *paged, size_t npaged,
		       const struct date *day)
{
	struct iso_week week = date_iso_week(day);
	const struct iso_week *at = bsearch(&week, paged, npaged, sizeof(week), S_week_order);
	if (at)
		counts[at - paged]++;
}

json_t *report_index_of(const struct iso_week *paged, const size_t *counts, size_t npaged,
			size_t total, const char *commit)
{
	size_t max = 0;
	for (size_t i = 0; i < npaged; i++) {
		if (counts[i] > max)
			max = counts[i];
	}
	json_t *weeks = json_array();
	for (size_t i = npaged; i-- > 0;) {
		size_t n = counts[i];
		json_t *page = report_page_names(&paged[i]);
		/* A text bar for Markdown: up to ten blocks, at least one for a week with any. */
		struct strbuf bar = STRBUF_INIT;
		for (size_t k = 0; max && k < (n * 10 + max - 1) / max; k++)
			strbuf_addstr(&bar, "▇");
		json_object_update_new(page, json_pack("{s:I, s:I, s:s}",
			"conversations", (json_int_t)n,
			"bar_percent", (json_int_t)(max ? n * 100 / max : 0),
			"bar", bar.buf ? bar.buf : ""));
		strbuf_release(&bar);
		json_array_append_new(weeks, page);
	}
	return json_pack("{s:o, s:I, s:I, s:b, s:o}", "commit", jtext_new(commit),
			 "conversations", (json_int_t)total, "max", (json_int_t)max,
			 "has_weeks", npaged > 0, "weeks", weeks);
}

size_t report_weeks(const struct corpus *corpus, struct iso_week **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < corpus->len; i++) {
		if (!corpus->notes[i].has_day)
			continue;
		struct iso_week w = date_iso_week(&corpus->notes[i].day);
		if (n && (*out)[n - 1].year == w.year && (*out)[n - 1].week == w.week)
			continue;
		XGROW(*out, cap, n + 1);
		(*out)[n++] = w;
	}
	return n;
}

int report_has_conversation(const struct corpus *corpus, const struct iso_week *week)
{
	for (size_t i = 0; i < corpus->len; i++) {
		if (!corpus->notes[i].has_day)
			continue;
		struct iso_week w = date_iso_week(&corpus->notes[i].day);
		if (iso_week_compare(&w, week) == 0)
			return 1;
	}
	return 0;
}
