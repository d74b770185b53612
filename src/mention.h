#ifndef PERENNIAL_MENTION_H
#define PERENNIAL_MENTION_H

#include <stddef.h>

struct config;
struct note;

/*
 * Where a note mentions a theme of the codebook. A note mentions a theme
 * three ways:
 *
 *   - its front matter lists it under `themes:`: the whole note;
 *   - a paragraph holds the hashtag `#theme-id` (ASCII letters in any case);
 *   - a paragraph matches one of the theme's patterns.
 *
 * A theme is mentioned at most once per paragraph: a hashtag there wins
 * over a pattern, which adds nothing the hashtag did not say. A mention of
 * a nested theme is of that theme only; counting it for its parent as well
 * is the reader's choice (themes.h does). Ids a note gives that are not in
 * the codebook mention nothing: validate.h reports them.
 */
enum mention_source {
	MENTION_FRONT,
	MENTION_HASHTAG,
	MENTION_PATTERN,
};

struct mention {
	const char *theme;          /* the codebook's id: owned by the config */
	enum mention_source source;
	unsigned line;              /* of the `themes:` value, the hashtag, or the paragraph */
	size_t paragraph;           /* index into the body's paragraphs; MD_NONE for the front */
	size_t quote;               /* the quote the paragraph stands in, or MD_NONE */
};

/*
 * A pattern that gave up on a note (pattern.h): the theme's mentions by
 * pattern from that paragraph on may be missing.
 */
struct mention_gave_up {
	const char *theme;          /* NULL when none gave up; owned by the config */
	const char *pattern;        /* as perennial.yml wrote it; owned by the config */
	unsigned line;              /* of the paragraph it gave up on */
};

struct mention_list {
	struct mention *items;      /* in the order of the note: front matter, then body */
	size_t len;
	size_t cap;
	struct mention_gave_up gave_up;
};

#define MENTION_LIST_INIT { NULL, 0, 0, { NULL, NULL, 0 } }

/*
 * Adds the theme mentions of `note` under `config` to out, spending at
 * most one pattern budget (pattern.h) on the note; the first pattern that
 * gave up is out->gave_up.
 */
void mention_find(struct mention_list *out, const struct note *note, const struct config *config);

/* "front", "hashtag" or "pattern": the names the index and JSON use. */
const char *mention_source_name(enum mention_source source);

/* The source a name stands for; MENTION_FRONT for NULL or a name it is not. */
enum mention_source mention_source_parse(const char *name);

/*
 * The codebook theme a hashtag names, or NULL: the tag is the theme's id
 * with ASCII letters in any case (`#Housing` is `housing`).
 */
const struct theme *mention_hashtag_theme(const struct config *config, const char *tag);

void mention_list_release(struct mention_list *list);

#endif
