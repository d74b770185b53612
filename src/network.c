#include "network.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "corpus.h"
#include "jtext.h"
#include "privacy.h"
#include "report.h"
#include "spark.h"
#include "steps.h"
#include "strbuf.h"
#include "strlist.h"
#include "strmap.h"
#include "themes.h"
#include "xalloc.h"

#define NO_CHAPTER ((size_t)-1)
#define WEEKS REPORT_TREND_WEEKS
#define THIS_WEEK (WEEKS - 1)

/* What a chapter's week page says, in numbers. */
struct chapter_row {
	int added, read;
	char *commit, *day, *problem;    /* NULL for none */
	json_int_t conversations, private, people, new_people, returning_people;
	json_int_t opened, done, open, overdue;
	size_t trend[WEEKS];
};

struct network_quote {
	size_t chapter;
	char *text;
	int quote;                       /* a block quote, not a paragraph */
};

/* A theme of the network's codebook, or one a chapter keeps under its name. */
struct network_theme {
	char *id, *label;
	size_t chapter;                  /* NO_CHAPTER: the network's codebook has it */
	size_t trend[WEEKS];             /* conversations in each week, all chapters */
	size_t *by_chapter;              /* this week's, by chapter */
	struct network_quote quotes[THEMES_EVIDENCE];
	size_t nquotes;
};

struct network {
	const struct config *config;
	struct network_options options;
	struct date monday, sunday, first;   /* the week, and the Monday its trend starts on */
	struct chapter_row *chapters;
	struct network_theme *themes;
	size_t nthemes, cap;
	struct strmap theme_ids;             /* by id: its number in themes */
	size_t *paged;                       /* conversations in each paged week */
	size_t total;                        /* conversations with a day, every week */
};

struct network *network_new(const struct config *config, const struct network_options *options)
{
	struct network *n = xcalloc(1, sizeof(*n));
	n->config = config;
	n->options = *options;
	n->monday = iso_week_monday(&options->week);
	n->sunday = date_from_days(date_to_days(&n->monday) + 6);
	n->first = date_from_days(date_to_days(&n->monday) - 7L * THIS_WEEK);
	n->chapters = xcalloc(config->nchapters + 1, sizeof(*n->chapters));
	n->paged = xcalloc(options->npaged + 1, sizeof(*n->paged));
	return n;
}

static void S_set_fetched(struct chapter_row *row, const char *commit, const char *day)
{
	row->added = 1;
	row->commit = commit ? xstrdup(commit) : NULL;
	row->day = day && *day ? xstrdup(day) : NULL;
}

void network_add_unread(struct network *n, size_t i, const char *commit, const char *day,
			const char *problem)
{
	struct chapter_row *row = &n->chapters[i];
	S_set_fetched(row, commit, day);
	row->problem = xstrdup(problem);
}

/* The number at `object`.`key` of a chapter's week model. */
static json_int_t S_count(const json_t *model, const char *object, const char *key)
{
	return json_integer_value(json_object_get(json_object_get(model, object), key));
}

/* The chapter's numbers, as its own week page has them. */
static int S_read_page(struct chapter_row *row, const struct network *n,
		       const struct corpus *corpus, const struct config *config)
{
	struct report_options options = { n->options.week, n->options.today, NULL, NULL, 0 };
	struct report *report = report_new(corpus, config, REPORT_NO_NOTE_LINKS);
	json_t *page = report_week(report, &options);
	report_free(report);
	if (!page)
		return -1;
	row->conversations = S_count(page, "conversations", "count");
	row->private = S_count(page, "conversations", "private");
	row->people = S_count(page, "people", "reached");
	row->new_people = S_count(page, "people", "new");
	row->returning_people = S_count(page, "people", "returning");
	row->opened = S_count(page, "steps", "opened_count");
	row->done = S_count(page, "steps", "done_count");
	row->open = S_count(page, "steps", "open_count");
	row->overdue = S_count(page, "steps", "overdue_count");
	json_t *weeks = json_object_get(json_object_get(page, "trend"), "weeks");
	for (size_t k = 0; k < WEEKS; k++)
		row->trend[k] = (size_t)json_integer_value(
			json_object_get(json_array_get(weeks, k), "conversations"));
	json_decref(page);
	return 0;
}

/* The network theme numbered so, made when it is new. */
static size_t S_theme_add(struct network *n, const char *id, const char *label, size_t chapter)
{
	int added;
	size_t at = strmap_add(&n->theme_ids, id, &added);
	if (!added)
		return at;
	XGROW(n->themes, n->cap, at + 1);
	struct network_theme *t = &n->themes[at];
	memset(t, 0, sizeof(*t));
	t->id = xstrdup(id);
	t->label = xstrdup(label);
	t->chapter = chapter;
	t->by_chapter = xcalloc(n->config->nchapters + 1, sizeof(*t->by_chapter));
	n->nthemes = at + 1;
	return at;
}

/*
 * The network theme a chapter's theme counts as: the codebook's it maps
 * to, else its own id under the chapter's name ("westside/vivienda").
 */
static size_t S_theme_of(struct network *n, size_t chapter, const struct theme *theme)
{
	const struct chapter *ch = &n->config->chapters[chapter];
	const struct theme *mapped = config_chapter_theme(n->config, ch, theme->id);
	if (mapped)
		return S_theme_add(n, mapped->id, mapped->label, NO_CHAPTER);
	struct strbuf id = STRBUF_INIT;
	strbuf_addf(&id, "%s/%s", ch->name, theme->id);
	size_t at = S_theme_add(n, id.buf, theme->label, chapter);
	strbuf_release(&id);
	return at;
}

static void S_add_once(size_t **list, size_t *len, size_t *cap, size_t value)
{
	for (size_t i = 0; i < *len; i++)
		if ((*list)[i] == value)
			return;
	XGROW(*list, *cap, *len + 1);
	(*list)[(*len)++] = value;
}

/* The parents of a theme, within the depth a codebook allows (config.h refuses cycles). */
#define MAX_DEPTH 64

/*
 * The network themes a note is on, each once: its mentions' themes and
 * their parents in the chapter's codebook, as the network counts them,
 * and their parents in the network's.
 */
static void S_note_themes(struct network *n, size_t chapter, const struct config *config,
			  const struct corpus_note *note, size_t **list, size_t *len, size_t *cap)
{
	*len = 0;
	for (size_t m = 0; m < note->nmentions; m++) {
		const struct theme *t = config_theme(config, note->mentions[m].theme);
		for (int depth = 0; t && depth < MAX_DEPTH; depth++) {
			size_t at = S_theme_of(n, chapter, t);
			S_add_once(list, len, cap, at);
			const struct theme *up = n->themes[at].chapter == NO_CHAPTER
				? config_theme(n->config, n->themes[at].id) : NULL;
			for (int d = 0; up && up->parent && d < MAX_DEPTH; d++) {
				up = config_theme(n->config, up->parent);
				if (up)
					S_add_once(list, len, cap,
						   S_theme_add(n, up->id, up->label, NO_CHAPTER));
			}
			t = t->parent ? config_theme(config, t->parent) : NULL;
		}
	}
}

/* Each note's themes in the weeks of the trend, and its week in the index. */
static void S_count_notes(struct network *n, size_t chapter, const struct corpus *corpus,
			  const struct config *config)
{
	size_t *list = NULL, len = 0, cap = 0, begin, end;
	long first = date_to_days(&n->first);

	for (size_t i = 0; i < corpus->len; i++)
		if (corpus->notes[i].has_day) {
			report_count_week(n->paged, n->options.paged, n->options.npaged,
					  &corpus->notes[i].day);
			n->total++;
		}
	corpus_days(corpus, &n->first, &n->sunday, &begin, &end);
	for (size_t i = begin; i < end; i++) {
		const struct corpus_note *note = &corpus->notes[i];
		if (!note->has_day || date_compare(&note->day, &n->first) < 0 ||
		    date_compare(&note->day, &n->sunday) > 0)
			continue;
		size_t k = (size_t)(date_to_days(&note->day) - first) / 7;
		S_note_themes(n, chapter, config, note, &list, &len, &cap);
		for (size_t t = 0; t < len; t++) {
			n->themes[list[t]].trend[k]++;
			if (k == THIS_WEEK)
				n->themes[list[t]].by_chapter[chapter]++;
		}
	}
	free(list);
}

/* The quotes the chapter shares, as its week page chooses them, for each theme. */
static int S_quotes(struct network *n, size_t chapter, const struct corpus *corpus,
		    const struct config *config)
{
	struct themes_filter week = { &n->monday, &n->sunday, NULL, 0 };
	struct themes_report now;
	struct strlist people = STRLIST_INIT;
	if (themes_summarize(&now, corpus, config, &week) < 0)
		return -1;
	for (size_t i = 0; now.len && i < corpus->len; i++)
		for (size_t p = 0; p < corpus->notes[i].nparticipants; p++)
			strlist_add(&people, corpus->notes[i].participants[p]);
	strlist_sort_unique(&people);
	for (size_t i = 0; i < now.len; i++) {
		const struct theme_summary *s = &now.themes[i];
		for (size_t e = 0; e < s->nevidence; e++) {
			if (!s->evidence[e].shown)
				continue;
			char *text = privacy_network_quote(s->evidence[e].shown, &people);
			struct network_theme *t = &n->themes[S_theme_of(n, chapter, s->theme)];
			int seen = t->nquotes == THEMES_EVIDENCE;
			for (size_t q = 0; !seen && q < t->nquotes; q++)
				seen = strcmp(t->quotes[q].text, text) == 0;
			if (seen) {
				free(text);
				continue;
			}
			t->quotes[t->nquotes++] = (struct network_quote){
				chapter, text, s->evidence[e].mention->quoted };
		}
	}
	strlist_release(&people);
	themes_report_release(&now);
	return 0;
}

int network_add_chapter(struct network *n, size_t i, const char *commit, const char *day,
			const struct corpus *corpus, const struct config *config)
{
	struct chapter_row *row = &n->chapters[i];
	S_set_fetched(row, commit, day);
	if (S_read_page(row, n, corpus, config) < 0)
		return -1;
	S_count_notes(n, i, corpus, config);
	if (S_quotes(n, i, corpus, config) < 0)
		return -1;
	row->read = 1;
	return 0;
}

static json_t *S_weeks(const struct network *n, const size_t *counts, int labels)
{
	json_t *weeks = json_array();
	for (size_t k = 0; k < WEEKS; k++) {
		struct date monday = date_from_days(date_to_days(&n->first) + 7 * (long)k);
		struct iso_week week = date_iso_week(&monday);
		char name[ISO_WEEK_SIZE], label[8];
		iso_week_format(name, &week);
		snprintf(label, sizeof(label), "W%02d", week.week);
		json_t *item = json_pack("{s:s, s:I}", "week", name,
					 "conversations", (json_int_t)counts[k]);
		if (labels)
			json_object_set_new(item, "label", json_string(label));
		json_array_append_new(weeks, item);
	}
	return weeks;
}

static json_t *S_sparkline(const size_t *counts)
{
	struct strbuf spark = STRBUF_INIT;
	spark_line(&spark, counts, WEEKS);
	json_t *out = json_string(spark.buf ? spark.buf : "");
	strbuf_release(&spark);
	return out;
}

static json_t *S_steps(json_int_t opened, json_int_t done, json_int_t open, json_int_t overdue)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "opened", opened, "done", done, "open", open,
			 "overdue", overdue);
}

/* What the week and the index say of every chapter: which commit of it, read or why not. */
static json_t *S_fetched(const struct network *n, size_t i)
{
	const struct chapter_row *row = &n->chapters[i];
	char short_id[13] = "";
	if (row->commit)
		snprintf(short_id, sizeof(short_id), "%.12s", row->commit);
	return json_pack("{s:s, s:b, s:o, s:o, s:o, s:o}", "name", n->config->chapters[i].name,
		"read", row->read, "problem", jtext_new(row->read ? NULL : row->problem
			? row->problem : "not read"),
		"commit", jtext_new(row->commit), "commit_short", jtext_new(row->commit ? short_id
									       : NULL),
		"day", jtext_new(row->day));
}

static json_t *S_chapter(const struct network *n, size_t i)
{
	const struct chapter_row *row = &n->chapters[i];
	json_t *out = S_fetched(n, i);
	if (!row->read)
		return out;
	json_object_update_new(out, json_pack("{s:I, s:I, s:b, s:I, s:I, s:I, s:o, s:b, s:o, s:o}",
		"conversations", row->conversations, "private", row->private,
		"has_private", row->private > 0,
		"people", row->people, "new_people", row->new_people,
		"returning_people", row->returning_people,
		"steps", S_steps(row->opened, row->done, row->open, row->overdue),
		"quiet", row->conversations == 0, "trend", S_weeks(n, row->trend, 1),
		"sparkline", S_sparkline(row->trend)));
	return out;
}

/* A theme of the week, and the chapters it came up in. */
struct ranked {
	const struct network_theme *theme;
	size_t chapters;
};

/* Most discussed first: more conversations, in more chapters; then by label and id. */
static int S_theme_order(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	size_t nx = x->theme->trend[THIS_WEEK], ny = y->theme->trend[THIS_WEEK];
	if (nx != ny)
		return nx < ny ? 1 : -1;
	if (x->chapters != y->chapters)
		return x->chapters < y->chapters ? 1 : -1;
	int c = strcasecmp(x->theme->label, y->theme->label);
	return c ? c : strcmp(x->theme->id, y->theme->id);
}

static json_t *S_theme(const struct network *n, const struct ranked *r, size_t max)
{
	const struct network_theme *t = r->theme;
	json_t *by_chapter = json_array(), *quotes = json_array();
	for (size_t i = 0; i < n->config->nchapters; i++)
		if (n->chapters[i].read)
			json_array_append_new(by_chapter, json_pack("{s:s, s:I}",
				"name", n->config->chapters[i].name,
				"conversations", (json_int_t)t->by_chapter[i]));
	for (size_t q = 0; q < t->nquotes; q++)
		json_array_append_new(quotes, json_pack("{s:s, s:o, s:b}",
			"chapter", n->config->chapters[t->quotes[q].chapter].name,
			"text", jtext_new(t->quotes[q].text), "quote", t->quotes[q].quote));
	return json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:b}",
		"id", jtext_new(t->id), "label", jtext_new(t->label),
		"chapter", jtext_new(t->chapter == NO_CHAPTER ? NULL
				     : n->config->chapters[t->chapter].name),
		"conversations", (json_int_t)t->trend[THIS_WEEK],
		"chapters_count", (json_int_t)r->chapters,
		"bar_percent", (json_int_t)(max ? t->trend[THIS_WEEK] * 100 / max : 0),
		"by_chapter", by_chapter, "trend", S_weeks(n, t->trend, 0),
		"sparkline", S_sparkline(t->trend), "quotes", quotes, "has_quotes", t->nquotes > 0);
}

/* The themes that came up this week, most discussed first. */
static json_t *S_themes(const struct network *n)
{
	struct ranked *order = xcalloc(n->nthemes + 1, sizeof(*order));
	size_t len = 0, max = 0;
	for (size_t i = 0; i < n->nthemes; i++) {
		const struct network_theme *t = &n->themes[i];
		if (!t->trend[THIS_WEEK])
			continue;
		size_t chapters = 0;
		for (size_t c = 0; c < n->config->nchapters; c++)
			chapters += t->by_chapter[c] > 0;
		order[len++] = (struct ranked){ t, chapters };
		if (t->trend[THIS_WEEK] > max)
			max = t->trend[THIS_WEEK];
	}
	if (len > 1)
		qsort(order, len, sizeof(*order), S_theme_order);
	json_t *themes = json_array();
	for (size_t i = 0; i < len; i++)
		json_array_append_new(themes, S_theme(n, &order[i], max));
	free(order);
	return themes;
}

json_t *network_week(const struct network *n)
{
	const struct network_options *o = &n->options;
	json_t *chapters = json_array(), *quiet = json_array(), *unread = json_array();
	json_t *columns = json_array();
	struct chapter_row sum = { 0 };
	size_t read = 0;

	for (size_t i = 0; i < n->config->nchapters; i++) {
		const struct chapter_row *row = &n->chapters[i];
		json_t *chapter = S_chapter(n, i);
		json_t *name = json_pack("{s:s}", "name", n->config->chapters[i].name);
		if (!row->read) {
			json_object_set(name, "problem", json_object_get(chapter, "problem"));
			json_array_append_new(unread, name);
		} else {
			read++;
			sum.conversations += row->conversations;
			sum.private += row->private;
			sum.people += row->people;
			sum.new_people += row->new_people;
			sum.returning_people += row->returning_people;
			sum.opened += row->opened;
			sum.done += row->done;
			sum.open += row->open;
			sum.overdue += row->overdue;
			json_array_append(columns, name);
			if (row->conversations == 0)
				json_array_append(quiet, name);
			json_decref(name);
		}
		json_array_append_new(chapters, chapter);
	}
	json_t *themes = S_themes(n);
	char week[ISO_WEEK_SIZE], monday[DATE_SIZE], sunday[DATE_SIZE], as_of[DATE_SIZE];
	struct date day = date_compare(&o->today, &n->sunday) < 0 ? o->today : n->sunday;
	iso_week_format(week, &o->week);
	date_format(monday, &n->monday);
	date_format(sunday, &n->sunday);
	date_format(as_of, &day);
	json_t *totals = json_pack("{s:I, s:I, s:b, s:I, s:I, s:I, s:o, s:I, s:I, s:I}",
		"conversations", sum.conversations, "private", sum.private,
		"has_private", sum.private > 0, "people", sum.people,
		"new_people", sum.new_people, "returning_people", sum.returning_people,
		"steps", S_steps(sum.opened, sum.done, sum.open, sum.overdue),
		"chapters", (json_int_t)n->config->nchapters, "read", (json_int_t)read,
		"quiet", (json_int_t)json_array_size(quiet));
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:b,"
			 " s:o, s:b, s:o, s:b}",
		"week", week, "monday", monday, "sunday", sunday, "as_of", as_of,
		"commit", jtext_new(o->commit),
		"previous", report_neighbour(o->paged, o->npaged, &o->week, 0),
		"next", report_neighbour(o->paged, o->npaged, &o->week, 1),
		"chapters", chapters, "totals", totals, "quiet", quiet,
		"has_quiet", json_array_size(quiet) > 0, "unread", unread,
		"has_unread", json_array_size(unread) > 0, "themes", themes,
		"has_themes", json_array_size(themes) > 0, "columns", columns,
		"has_read", read > 0);
}

json_t *network_index(const struct network *n)
{
	json_t *out = report_index_of(n->options.paged, n->paged, n->options.npaged, n->total,
				      n->options.commit);
	json_t *chapters = json_array();
	for (size_t i = 0; i < n->config->nchapters; i++)
		json_array_append_new(chapters, S_fetched(n, i));
	json_object_set_new(out, "chapters", chapters);
	return out;
}

void network_free(struct network *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->config->nchapters; i++) {
		free(n->chapters[i].commit);
		free(n->chapters[i].day);
		free(n->chapters[i].problem);
	}
	for (size_t i = 0; i < n->nthemes; i++) {
		struct network_theme *t = &n->themes[i];
		free(t->id);
		free(t->label);
		free(t->by_chapter);
		for (size_t q = 0; q < t->nquotes; q++)
			free(t->quotes[q].text);
	}
	free(n->themes);
	free(n->chapters);
	free(n->paged);
	strmap_release(&n->theme_ids);
	free(n);
}

void network_counts(struct network_counts *out, const struct corpus *corpus,
		    const struct date *today)
{
	struct strlist people = STRLIST_INIT;
	struct steps_filter open = { .open = 1, .today = *today };
	struct steps_list steps;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < corpus->len; i++) {
		const struct corpus_note *note = &corpus->notes[i];
		out->notes++;
		out->private_notes += note->private;
		for (size_t p = 0; p < note->nparticipants; p++)
			strlist_add(&people, note->participants[p]);
		if (note->has_day && date_compare(&note->day, today) <= 0)
			date_format(out->last, &note->day);
	}
	strlist_sort_unique(&people);
	out->people = people.len;
	strlist_release(&people);
	steps_select(&steps, corpus, &open);
	for (size_t i = 0; i < steps.len; i++) {
		out->open++;
		out->overdue += steps.items[i].status == STEP_OVERDUE;
	}
	steps_list_release(&steps);
}
