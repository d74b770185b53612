#include "themes_print.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "jtext.h"
#include "spark.h"
#include "strbuf.h"
#include "table.h"
#include "themes.h"
#include "utf8.h"
#include "xalloc.h"

/* "peer-support 9, leadership 5": the themes it appears with, most first. */
static void S_with(struct strbuf *out, const struct theme_summary *s)
{
	for (size_t i = 0; i < s->nwith; i++)
		strbuf_addf(out, "%s%s %zu", i ? ", " : "", s->with[i].theme->id,
			    s->with[i].conversations);
}

void themes_table(struct table *out, const struct themes_report *report,
		  const struct iso_week *trend_end, int spark)
{
	static const char *const columns[] = {
		"theme", "label", "conversations", "mentions", "organizers", "people",
		"first_seen", "last_seen", "trend", "with",
	};
	table_set_columns(out, columns, sizeof(columns) / sizeof(*columns));
	for (size_t i = 0; i < report->len; i++) {
		const struct theme_summary *s = &report->themes[i];
		if (!s->conversations)
			continue;
		struct strbuf numbers[4] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
		struct strbuf trend = STRBUF_INIT, with = STRBUF_INIT;
		size_t counts[THEMES_TREND_WEEKS];
		strbuf_addf(&numbers[0], "%zu", s->conversations);
		strbuf_addf(&numbers[1], "%zu", s->mentions);
		strbuf_addf(&numbers[2], "%zu", s->organizers);
		strbuf_addf(&numbers[3], "%zu", s->people);
		themes_trend(s, trend_end, counts, THEMES_TREND_WEEKS);
		if (spark)
			spark_line(&trend, counts, THEMES_TREND_WEEKS);
		else
			for (size_t w = 0; w < THEMES_TREND_WEEKS; w++)
				strbuf_addf(&trend, "%s%zu", w ? " " : "", counts[w]);
		S_with(&with, s);
		const char *row[] = {
			s->theme->id, s->theme->label, numbers[0].buf, numbers[1].buf, numbers[2].buf,
			numbers[3].buf, s->first_seen, s->last_seen, trend.buf, strbuf_str(&with),
		};
		table_add_row(out, row);
		for (size_t n = 0; n < 4; n++)
			strbuf_release(&numbers[n]);
		strbuf_release(&trend);
		strbuf_release(&with);
	}
}

/* text on one line, safe for a terminal, at most `width` columns wide (0: any). */
static void S_one_line(struct strbuf *out, const char *text, size_t width)
{
	struct strbuf flat = STRBUF_INIT;
	for (const char *p = text; *p; p++)
		strbuf_addch(&flat, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	size_t start = out->len;
	utf8_append_printable(out, flat.buf ? flat.buf : "", flat.len);
	strbuf_release(&flat);
	if (!width || utf8_width(out->buf + start, out->len - start) <= width)
		return;
	/* Cut to width - 1 columns and mark the cut. */
	size_t at = start + utf8_cut(out->buf + start, out->len - start, width - 1);
	out->len = at;
	out->buf[at] = '\0';
	strbuf_addstr(out, "…");
}

void themes_print_evidence(FILE *out, const struct themes_report *report, size_t width)
{
	struct strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < report->len; i++) {
		const struct theme_summary *s = &report->themes[i];
		if (!s->nevidence)
			continue;
		fprintf(out, "\n%s\n", s->theme->id);
		for (size_t e = 0; e < s->nevidence; e++) {
			const struct theme_evidence *ev = &s->evidence[e];
			strbuf_reset(&line);
			strbuf_addf(&line, "%s:%u", ev->note->shown.path, ev->mention->line);
			fprintf(out, "  %s\n", line.buf);
			strbuf_reset(&line);
			S_one_line(&line, ev->shown, width > 4 ? width - 4 : 0);
			fprintf(out, "    %s\n", line.buf);
		}
	}
	strbuf_release(&line);
}

static json_t *S_week(const struct iso_week *week)
{
	char text[ISO_WEEK_SIZE];
	iso_week_format(text, week);
	return json_string(text);
}

json_t *themes_json_theme(const struct theme_summary *s)
{
	return json_pack("{s:o, s:o, s:o, s:I, s:I}",
		"theme", jtext_new(s->theme->id), "label", jtext_new(s->theme->label),
		"parent", jtext_new(s->theme->parent),
		"conversations", (json_int_t)s->conversations, "mentions", (json_int_t)s->mentions);
}

json_t *themes_json_with(const struct theme_summary *s)
{
	json_t *with = json_array();
	for (size_t w = 0; w < s->nwith; w++)
		json_array_append_new(with, json_pack("{s:o, s:I}", "theme",
			jtext_new(s->with[w].theme->id), "conversations",
			(json_int_t)s->with[w].conversations));
	return with;
}

json_t *themes_json(const struct themes_report *report)
{
	json_t *themes = json_array();
	for (size_t i = 0; i < report->len; i++) {
		const struct theme_summary *s = &report->themes[i];
		if (!s->conversations)
			continue;
		json_t *weeks = json_array(), *evidence = json_array();
		for (size_t w = 0; w < s->nweeks; w++)
			json_array_append_new(weeks, json_pack("{s:o, s:I}", "week",
				S_week(&s->weeks[w].week), "conversations",
				(json_int_t)s->weeks[w].conversations));
		for (size_t e = 0; e < s->nevidence; e++) {
			const struct theme_evidence *ev = &s->evidence[e];
			json_array_append_new(evidence, json_pack("{s:o, s:b, s:o, s:o, s:I}",
				"text", jtext_new(ev->shown), "quote", ev->mention->quoted,
				"date", jtext_new(ev->note->date), "path", jtext_new(ev->note->shown.path),
				"line", (json_int_t)ev->mention->line));
		}
		json_t *theme = themes_json_theme(s);
		json_object_update_new(theme, json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
			"organizers", (json_int_t)s->organizers, "people", (json_int_t)s->people,
			"first_seen", jtext_new(s->first_seen), "last_seen", jtext_new(s->last_seen),
			"weeks", weeks, "with", themes_json_with(s), "evidence", evidence));
		json_array_append_new(themes, theme);
	}
	return json_pack("{s:I, s:o}", "conversations", (json_int_t)report->conversations,
			 "themes", themes);
}

/* Codebook order: the themes sit in one array of the config, in the file's order. */
static int S_codebook_order(const void *a, const void *b)
{
	const struct theme *x = (*(const struct theme_summary *const *)a)->theme;
	const struct theme *y = (*(const struct theme_summary *const *)b)->theme;
	return x < y ? -1 : x > y;
}

void themes_codebook(struct table *out, const struct themes_report *report)
{
	static const char *const columns[] = { "theme", "description", "mentions", "notes" };
	const struct theme_summary **order = xcalloc(report->len + 1, sizeof(*order));
	for (size_t i = 0; i < report->len; i++)
		order[i] = &report->themes[i];
	qsort(order, report->len, sizeof(*order), S_codebook_order);
	table_set_columns(out, columns, 4);
	for (size_t i = 0; i < report->len; i++) {
		const struct theme_summary *s = order[i];
		char mentions[24], notes[24];
		snprintf(mentions, sizeof(mentions), "%zu", s->mentions);
		snprintf(notes, sizeof(notes), "%zu", s->conversations);
		const char *row[] = {
			s->theme->id, s->theme->description ? s->theme->description : s->theme->label,
			mentions, notes,
		};
		table_add_row(out, row);
	}
	free(order);
}
