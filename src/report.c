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
#include "themes.h"
#include "themes_print.h"
#include "utf8.h"
#include "xalloc.h"

/* What every part of a week's model needs to know. */
struct week {
	const struct corpus *corpus;
	const struct config *config;
	struct date monday, sunday;
	struct date as_of;          /* steps are open or overdue as of this day */
	char *up;                   /* from the reports folder back to the root: "../" */
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

/* A week's page names, relative to the reports folder. */
static json_t *S_pages(const struct iso_week *week)
{
	char name[ISO_WEEK_SIZE], md[ISO_WEEK_SIZE + 5], html[ISO_WEEK_SIZE + 5];
	iso_week_format(name, week);
	snprintf(md, sizeof(md), "%s.md", name);
	snprintf(html, sizeof(html), "%s.html", name);
	struct date monday = iso_week_monday(week);
	return json_pack("{s:s, s:o, s:s, s:s}", "week", name, "monday", S_day(&monday),
			 "md", md, "html", html);
}

/* A note as the page may name it (privacy.h): null for one it may not. */
static json_t *S_note(const struct week *w, const struct corpus_note *note)
{
	if (!note->shown.named)
		return json_null();
	struct strbuf link = STRBUF_INIT;
	strbuf_addf(&link, "%s%s", w->up, note->shown.path);
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
		"date", jtext_new(note->date),
		"title", jtext_new(note->shown.title),
		"organizer", jtext_new(note->shown.organizer),
		"kind", jtext_new(note->shown.kind),
		"path", jtext_new(note->shown.path), "link", jtext_new(link.buf));
	strbuf_release(&link);
	return out;
}

/* Counts by a key, most first, then by key. */
struct count {
	const char *key;
	size_t n;
};

static void S_count(struct count **counts, size_t *len, size_t *cap, const char *key)
{
	for (size_t i = 0; i < *len; i++)
		if (strcmp((*counts)[i].key, key) == 0) {
			(*counts)[i].n++;
			return;
		}
	XGROW(*counts, *cap, *len + 1);
	(*counts)[(*len)++] = (struct count){ key, 1 };
}

static int S_most(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

static json_t *S_counts(struct count *counts, size_t len, const char *key_name,
			const struct config *config)
{
	json_t *out = json_array();
	if (len > 1)
		qsort(counts, len, sizeof(*counts), S_most);
	for (size_t i = 0; i < len; i++) {
		json_t *item = json_pack("{s:o, s:I}", key_name, jtext_new(counts[i].key),
					 "conversations", (json_int_t)counts[i].n);
		if (config) {
			const struct person *o = config_organizer(config, counts[i].key);
			json_object_set_new(item, "name", jtext_new(o ? o->name : NULL));
		}
		json_array_append_new(out, item);
	}
	free(counts);
	return out;
}

static json_t *S_conversations(const struct week *w, json_t **notes_out)
{
	struct count *kinds = NULL, *organizers = NULL;
	size_t nkinds = 0, kinds_cap = 0, norganizers = 0, organizers_cap = 0;
	size_t total = 0, private = 0;
	json_t *notes = json_array();

	for (size_t i = 0; i < w->corpus->len; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		if (!S_in_week(w, note))
			continue;
		total++;
		if (note->shown.named)
			json_array_append_new(notes, S_note(w, note));
		else
			private++;
		S_count(&kinds, &nkinds, &kinds_cap, note->kind ? note->kind : "");
		S_count(&organizers, &norganizers, &organizers_cap,
			note->organizer ? note->organizer : "");
	}
	*notes_out = notes;
	return json_pack("{s:I, s:I, s:b, s:o, s:o}", "count", (json_int_t)total,
		"private", (json_int_t)private, "has_private", private > 0,
		"by_kind", w->corpus->shown_by_kind ? S_counts(kinds, nkinds, "kind", NULL)
			: (free(kinds), json_array()),
		"by_organizer", w->corpus->shown_by_organizer
			? S_counts(organizers, norganizers, "organizer", w->config)
			: (free(organizers), json_array()));
}

/* People met this week, and how many of them for the first time. */
static json_t *S_people(const struct week *w)
{
	struct strlist before = STRLIST_INIT, now = STRLIST_INIT;
	for (size_t i = 0; i < w->corpus->len; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		if (!note->has_day || date_compare(&note->day, &w->sunday) > 0)
			continue;
		struct strlist *into = date_compare(&note->day, &w->monday) < 0 ? &before : &now;
		for (size_t p = 0; p < note->nparticipants; p++)
			strlist_add(into, note->participants[p]);
	}
	strlist_sort_unique(&before);
	strlist_sort_unique(&now);
	size_t returning = 0;
	for (size_t i = 0; i < now.len; i++)
		returning += strlist_has_sorted(&before, now.items[i]);
	json_t *out = json_pack("{s:I, s:I, s:I}", "reached", (json_int_t)now.len,
				"new", (json_int_t)(now.len - returning),
				"returning", (json_int_t)returning);
	strlist_release(&before);
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

/* Two themes in the same notes. */
struct pair {
	const struct theme *theme;
	struct theme_with with;
};

#define REPORT_PAIRS 5

static int S_most_pairs(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c;
	if (x->with.conversations != y->with.conversations)
		return x->with.conversations < y->with.conversations ? 1 : -1;
	if ((c = strcmp(x->theme->id, y->theme->id)) != 0)
		return c;
	return strcmp(x->with.theme->id, y->with.theme->id);
}

static json_t *S_themes(const struct week *w, const struct iso_week *week, json_t **together)
{
	struct date from = date_from_days(date_to_days(&w->monday) - 7 * (REPORT_TREND_WEEKS - 1));
	struct themes_filter this_week = { &w->monday, &w->sunday, NULL };
	struct themes_filter window = { &from, &w->sunday, NULL };
	struct themes_report now, trend;
	json_t *themes = json_array();
	size_t max = 0;

	struct pair *pairs = NULL;
	size_t npairs = 0, pairs_cap = 0;

	themes_summarize(&now, w->corpus, w->config, &this_week);
	themes_summarize(&trend, w->corpus, w->config, &window);
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
		for (size_t k = 0; k < s->nwith; k++) {
			/* Each pair once: from the theme whose id sorts first. */
			if (strcmp(s->theme->id, s->with[k].theme->id) < 0) {
				XGROW(pairs, pairs_cap, npairs + 1);
				pairs[npairs++] = (struct pair){ s->theme, s->with[k] };
			}
		}
		for (size_t k = 0; k < s->nevidence; k++)
			json_array_append_new(quotes, json_pack("{s:o, s:b, s:o}",
				"text", jtext_new(s->evidence[k].mention->shown),
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
		json_array_append_new(*together, json_pack("{s:o, s:o, s:I}",
			"theme", jtext_new(pairs[k].theme->id), "with", jtext_new(pairs[k].with.theme->id),
			"conversations", (json_int_t)pairs[k].with.conversations));
	free(pairs);
	themes_report_release(&now);
	themes_report_release(&trend);
	return themes;
}

/* A step as the page may show it. */
static json_t *S_step(const struct week *w, const struct step_item *item)
{
	const struct corpus_step *step = item->step;
	long days = steps_days_to_done(item);
	json_t *out = json_pack("{s:o, s:o, s:o, s:b, s:b}",
		"owner", jtext_new(step->shown_owner),
		"text", jtext_new(step->shown_words),
		"due", jtext_new(step->due), "overdue", item->status == STEP_OVERDUE,
		"private", !item->note->shown.named);
	json_object_set_new(out, "done", step->done && step->dated ? S_day(&step->done_day) : json_null());
	json_object_set_new(out, "days", days >= 0 ? json_integer(days) : json_null());
	json_object_set_new(out, "note", S_note(w, item->note));
	return out;
}

/* Open as of the day: written by then, and not done by then. */
static int S_open_as_of(const struct step_item *item, const struct date *day)
{
	if (!item->note->has_day || date_compare(&item->note->day, day) > 0)
		return 0;
	return !item->step->done ||
		(item->step->dated && date_compare(&item->step->done_day, day) > 0);
}

/* The open steps of one owner as shown: organizers first, then participants, then nobody. */
struct owner_group {
	const char *shown;
	int rank;
	size_t overdue;
	struct step_item *items;
	size_t len, cap;
};

static int S_group_order(const void *a, const void *b)
{
	const struct owner_group *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->shown && y->shown ? strcmp(x->shown, y->shown) : 0;
}

static struct owner_group *S_group(struct owner_group **groups, size_t *n, size_t *cap,
				   const struct week *w, const struct corpus_step *step)
{
	const char *owner = step->owner, *shown = step->shown_owner;
	for (size_t i = 0; i < *n; i++)
		if ((!shown && !(*groups)[i].shown) ||
		    (shown && (*groups)[i].shown && strcmp(shown, (*groups)[i].shown) == 0))
			return &(*groups)[i];
	XGROW(*groups, *cap, *n + 1);
	struct owner_group *g = &(*groups)[(*n)++];
	*g = (struct owner_group){ shown, !owner ? 2 : config_organizer(w->config, owner) ? 0 : 1,
				   0, NULL, 0, 0 };
	return g;
}

static json_t *S_steps(const struct week *w)
{
	struct steps_filter all = { .today = w->as_of };
	struct steps_list list;
	json_t *opened = json_array(), *done = json_array(), *owners = json_array();
	struct owner_group *groups = NULL;
	size_t ngroups = 0, groups_cap = 0, nopen = 0, noverdue = 0;

	/* Sorted by owner, then overdue, open, done: each group's steps come in that order. */
	steps_select(&list, w->corpus, &all);
	for (size_t i = 0; i < list.len; i++) {
		struct step_item item = list.items[i];
		const struct corpus_step *step = item.step;
		if (S_in_week(w, item.note))
			json_array_append_new(opened, S_step(w, &item));
		if (step->done && step->dated && date_compare(&step->done_day, &w->monday) >= 0 &&
		    date_compare(&step->done_day, &w->sunday) <= 0)
			json_array_append_new(done, S_step(w, &item));
		if (!S_open_as_of(&item, &w->as_of))
			continue;
		/* Done after the day it is seen from: open then, perhaps overdue. */
		item.status = item.has_due && date_compare(&item.due, &w->as_of) < 0
			? STEP_OVERDUE : STEP_OPEN;
		struct owner_group *g = S_group(&groups, &ngroups, &groups_cap, w, step);
		XGROW(g->items, g->cap, g->len + 1);
		g->items[g->len++] = item;
		nopen++;
		if (item.status == STEP_OVERDUE) {
			g->overdue++;
			noverdue++;
		}
	}
	if (ngroups > 1)
		qsort(groups, ngroups, sizeof(*groups), S_group_order);
	for (size_t i = 0; i < ngroups; i++) {
		struct owner_group *g = &groups[i];
		const struct person *o = g->rank == 0 ? config_organizer(w->config, g->shown) : NULL;
		json_t *steps = json_array();
		/* Several participants may show as one: their steps in one order. */
		steps_sort_by_status(g->items, g->len);
		for (size_t k = 0; k < g->len; k++)
			json_array_append_new(steps, S_step(w, &g->items[k]));
		json_array_append_new(owners, json_pack("{s:o, s:o, s:I, s:I, s:o}",
			"owner", jtext_new(g->shown), "name", jtext_new(o ? o->name : NULL),
			"open", (json_int_t)g->len, "overdue", (json_int_t)g->overdue, "steps", steps));
		free(g->items);
	}
	free(groups);
	steps_list_release(&list);
	return json_pack("{s:I, s:I, s:I, s:I, s:b, s:b, s:b, s:o, s:o, s:o}",
		"opened_count", (json_int_t)json_array_size(opened),
		"done_count", (json_int_t)json_array_size(done),
		"open_count", (json_int_t)nopen, "overdue_count", (json_int_t)noverdue,
		"has_opened", json_array_size(opened) > 0, "has_done", json_array_size(done) > 0,
		"has_open", nopen > 0, "opened", opened, "done", done, "open_by_owner", owners);
}

/* Notes of the week with a problem: counted, and named unless private. */
static json_t *S_health_item(const struct week *w, int (*has)(const struct corpus_note *))
{
	json_t *notes = json_array();
	size_t count = 0;
	for (size_t i = 0; i < w->corpus->len; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		if (!S_in_week(w, note) || !has(note))
			continue;
		count++;
		if (note->shown.named)
			json_array_append_new(notes, S_note(w, note));
	}
	return json_pack("{s:I, s:o}", "count", (json_int_t)count, "notes", notes);
}

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

static void S_week_init(struct week *w, const struct corpus *corpus, const struct config *config,
			const struct report_options *options)
{
	w->corpus = corpus;
	w->config = config;
	w->monday = iso_week_monday(&options->week);
	w->sunday = date_from_days(date_to_days(&w->monday) + 6);
	w->as_of = date_compare(&options->today, &w->sunday) < 0 ? options->today : w->sunday;
	struct strbuf up = STRBUF_INIT;
	for (const char *p = config->reports_dir; *p; p++)
		if (*p == '/' && p[1] && p[1] != '/')
			strbuf_addstr(&up, "../");
	if (*config->reports_dir)
		strbuf_addstr(&up, "../");
	w->up = strbuf_detach(&up);
}

/* Chart coordinates: a trend line is drawn in a box this big. */
#define TREND_WIDTH 320
#define TREND_HEIGHT 80

/*
 * Conversations in each of the last REPORT_TREND_WEEKS weeks, with the
 * points of a line through them for an SVG polyline: templates cannot
 * compute, so the model carries the coordinates.
 */
static json_t *S_trend(const struct week *w)
{
	long first = date_to_days(&w->monday) - 7L * (REPORT_TREND_WEEKS - 1);
	size_t counts[REPORT_TREND_WEEKS] = { 0 }, max = 0;
	json_t *weeks = json_array();
	struct strbuf points = STRBUF_INIT;

	for (size_t i = 0; i < w->corpus->len; i++) {
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
		size_t x = k * TREND_WIDTH / (REPORT_TREND_WEEKS - 1);
		size_t y = TREND_HEIGHT - (max ? counts[k] * TREND_HEIGHT / max : 0);
		strbuf_addf(&points, "%s%zu,%zu", k ? " " : "", x, y);
		json_array_append_new(weeks, json_pack("{s:o, s:I, s:I, s:I}", "week", S_week_name(&week),
			"conversations", (json_int_t)counts[k], "x", (json_int_t)x, "y", (json_int_t)y));
	}
	json_t *out = json_pack("{s:o, s:s, s:I, s:I, s:I}", "weeks", weeks, "points", points.buf,
				"max", (json_int_t)max, "width", (json_int_t)TREND_WIDTH,
				"height", (json_int_t)TREND_HEIGHT);
	strbuf_release(&points);
	return out;
}

/* The nearest week before or after with a conversation, or null. */
static json_t *S_neighbour(const struct week *w, int after)
{
	const struct corpus_note *best = NULL;
	for (size_t i = 0; i < w->corpus->len; i++) {
		const struct corpus_note *note = &w->corpus->notes[i];
		if (!note->has_day)
			continue;
		if (after ? date_compare(&note->day, &w->sunday) > 0 && !best
			  : date_compare(&note->day, &w->monday) < 0)
			best = note;
	}
	if (!best)
		return json_null();
	struct iso_week week = date_iso_week(&best->day);
	return S_pages(&week);
}

json_t *report_week(const struct corpus *corpus, const struct config *config,
		    const struct report_options *options)
{
	struct week w;
	json_t *notes, *together;

	S_week_init(&w, corpus, config, options);
	json_t *conversations = S_conversations(&w, &notes);
	json_t *themes = S_themes(&w, &options->week, &together);
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
				" s:o, s:b, s:b, s:b}",
		"week", S_week_name(&options->week), "monday", S_day(&w.monday),
		"sunday", S_day(&w.sunday), "as_of", S_day(&w.as_of),
		"commit", jtext_new(options->commit),
		"previous", S_neighbour(&w, 0), "next", S_neighbour(&w, 1),
		"conversations", conversations, "people", S_people(&w), "trend", S_trend(&w),
		"themes", themes, "together", together, "steps", S_steps(&w),
		"health", S_health(&w), "notes", notes,
		"has_themes", json_array_size(themes) > 0, "has_together", json_array_size(together) > 0,
		"has_notes", json_array_size(notes) > 0);
	free(w.up);
	return out;
}

json_t *report_index(const struct corpus *corpus, const struct config *config,
		     const struct report_options *options)
{
	json_t *weeks = json_array();
	size_t max = 0, total = 0, run = 0;
	struct iso_week current = { 0, 0 };
	(void)config;

	/* Notes come by date: walk them backwards and count each week's run. */
	for (size_t i = corpus->len; i-- > 0;) {
		const struct corpus_note *note = &corpus->notes[i];
		if (!note->has_day)
			continue;
		struct iso_week week = date_iso_week(&note->day);
		if (run && (week.year != current.year || week.week != current.week)) {
			json_t *page = S_pages(&current);
			json_object_set_new(page, "conversations", json_integer((json_int_t)run));
			json_array_append_new(weeks, page);
			run = 0;
		}
		current = week;
		run++;
		total++;
	}
	if (run) {
		json_t *page = S_pages(&current);
		json_object_set_new(page, "conversations", json_integer((json_int_t)run));
		json_array_append_new(weeks, page);
	}
	size_t i;
	json_t *page;
	json_array_foreach(weeks, i, page)
		if ((size_t)json_integer_value(json_object_get(page, "conversations")) > max)
			max = (size_t)json_integer_value(json_object_get(page, "conversations"));
	json_array_foreach(weeks, i, page) {
		size_t n = (size_t)json_integer_value(json_object_get(page, "conversations"));
		json_object_set_new(page, "bar_percent", json_integer((json_int_t)(n * 100 / max)));
		/* A text bar for Markdown: up to ten blocks, at least one. */
		struct strbuf bar = STRBUF_INIT;
		for (size_t k = 0; k < (n * 10 + max - 1) / max; k++)
			strbuf_addstr(&bar, "▇");
		json_object_set_new(page, "bar", json_string(bar.buf));
		strbuf_release(&bar);
	}
	return json_pack("{s:o, s:I, s:I, s:o}", "commit", jtext_new(options->commit),
			 "conversations", (json_int_t)total, "max", (json_int_t)max, "weeks", weeks);
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
