#include "mention.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "note.h"
#include "pattern.h"
#include "source.h"
#include "xalloc.h"

static void S_add(struct mention_list *out, const char *theme, enum mention_source source,
		  unsigned line, size_t paragraph, size_t quote)
{
	XGROW(out->items, out->cap, out->len + 1);
	out->items[out->len++] = (struct mention){ theme, source, line, paragraph, quote };
}

/* Every field of type theme (`themes:` unless perennial.yml says more). */
static void S_front(struct mention_list *out, const struct note *note, const struct config *config)
{
	for (size_t f = 0; f < config->nfields; f++) {
		const struct field_def *field = &config->fields[f];
		if (field->type != FIELD_THEME || !note->front)
			continue;
		const struct fm_node *value = fm_map_get(note->front, field->name, NULL);
		const struct fm_node *items = value;
		size_t n = value ? 1 : 0;
		if (value && value->kind == FM_LIST) {
			items = value->items;
			n = value->count;
		}
		for (size_t i = 0; i < n; i++) {
			const struct theme *theme = config_theme(config, fm_text(&items[i]) ? items[i].text : "");
			if (theme)
				S_add(out, theme->id, MENTION_FRONT,
				      source_line_of(note->src, items[i].offset), MD_NONE, MD_NONE);
		}
	}
}

static int S_mentioned(const struct mention_list *out, size_t from, const char *theme)
{
	for (size_t i = from; i < out->len; i++)
		if (out->items[i].theme == theme)
			return 1;
	return 0;
}

void mention_find(struct mention_list *out, const struct note *note, const struct config *config)
{
	const struct md_body *body = &note->body;
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	size_t tag = 0;

	S_front(out, note, config);
	for (size_t p = 0; p < body->nparagraphs; p++) {
		const struct md_paragraph *para = &body->paragraphs[p];
		size_t first = out->len;   /* this paragraph's mentions start here */

		/* Hashtags come in paragraph order. */
		for (; tag < body->nhashtags && body->hashtags[tag].paragraph <= p; tag++) {
			const struct md_hashtag *h = &body->hashtags[tag];
			const struct theme *theme = mention_hashtag_theme(config, h->tag);
			if (h->paragraph == p && theme && !S_mentioned(out, first, theme->id))
				S_add(out, theme->id, MENTION_HASHTAG, source_line_of(note->src, h->offset),
				      p, para->quote);
		}
		size_t len = strlen(para->text);
		for (size_t t = 0; t < config->nthemes; t++) {
			const struct theme *theme = &config->themes[t];
			if (S_mentioned(out, first, theme->id))
				continue;
			for (size_t k = 0; k < theme->npatterns; k++) {
				size_t from, to;
				int found = pattern_match(theme->patterns[k], &budget, para->text, len, 0,
							  &from, &to);
				if (found < 0 && !out->gave_up.theme)
					out->gave_up = (struct mention_gave_up){
						theme->id, pattern_text(theme->patterns[k]),
						source_line_of(note->src, para->offset) };
				if (found == 1) {
					S_add(out, theme->id, MENTION_PATTERN,
					      source_line_of(note->src, para->offset), p, para->quote);
					break;
				}
			}
		}
	}
	pattern_budget_release(&budget);
}

static const char *const S_source_names[] = { "front", "hashtag", "pattern" };

const char *mention_source_name(enum mention_source source)
{
	return S_source_names[source];
}

enum mention_source mention_source_parse(const char *name)
{
	for (size_t i = 0; name && i < sizeof(S_source_names) / sizeof(*S_source_names); i++)
		if (strcmp(name, S_source_names[i]) == 0)
			return (enum mention_source)i;
	return MENTION_FRONT;
}

const struct theme *mention_hashtag_theme(const struct config *config, const char *tag)
{
	for (size_t i = 0; i < config->nthemes; i++)
		if (strcasecmp(config->themes[i].id, tag) == 0)
			return &config->themes[i];
	return NULL;
}

void mention_list_release(struct mention_list *list)
{
	free(list->items);
	*list = (struct mention_list)MENTION_LIST_INIT;
}
