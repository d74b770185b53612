#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * A paragraph as written: its source lines without the container prefixes,
 * joined by '\n', and where each of those lines starts in the source.
 */
struct raw_line {
	size_t pos;                 /* in text */
	size_t offset;              /* in the source */
};

struct raw {
	struct strbuf text;
	struct raw_line *lines;
	size_t nlines;
	size_t cap;
};

struct token {
	const char *s;
	size_t len;
};

struct walk {
	struct md_body *body;
	const struct source *src;
	enum md_parts parts;
	unsigned line;              /* the source line of cmark's line 1 */
	size_t bom;                 /* a BOM cmark skipped at the body's start */
	size_t sections_cap;
	size_t steps_cap;
	size_t hashtags_cap;
	size_t paragraphs_cap;
	size_t quotes_cap;
	unsigned quote_depth;
	struct strbuf quote;        /* text of the outermost quote being read */
	size_t quote_offset;
	size_t quote_section;
	size_t quote_paragraphs;
	struct raw raw;
	enum { TEXT_NONE, TEXT_PLAIN, TEXT_WITH_CODE } collect;
	struct strbuf text;         /* the plain text of the paragraph or heading being read */
};

static int S_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\f' || c == '\v';
}

static int S_is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int S_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int S_is_alnum(unsigned char c)
{
	return S_is_alpha(c) || (c >= '0' && c <= '9');
}

/* `@owner` and `#tag` begin at the start, after a space or after `(`. */
/* Letters beyond ASCII count as word characters: ids and tags may hold them. */
static int S_is_word(unsigned char c)
{
	return S_is_alnum(c) || c >= 0x80;
}

static int S_token_may_start(const char *s, size_t i)
{
	/* Emphasis or a link may wrap a token: **@bob**, [#housing](...). */
	return i == 0 || S_is_space((unsigned char)s[i - 1]) ||
		(s[i - 1] && strchr("(*_~[", s[i - 1]) != NULL);
}

/*
 * cmark counts 1-based lines of its input and 1-based byte columns. The
 * clamp keeps reads inside the source should `line` disagree with `offset`.
 */
static size_t S_offset(const struct walk *w, int line, int column)
{
	unsigned at_line = w->line + (unsigned)line - 1;
	size_t at = source_line_start(w->src, at_line) + (size_t)column - 1 +
		(line == 1 ? w->bom : 0);
	size_t end = source_line_end(w->src, at_line);
	return at < end ? at : end;
}

static size_t S_node_offset(const struct walk *w, cmark_node *node)
{
	return S_offset(w, cmark_node_get_start_line(node),
			cmark_node_get_start_column(node));
}

static size_t S_section(const struct walk *w)
{
	return w->body->nsections ? w->body->nsections - 1 : MD_NONE;
}

/*
 * A continuation line of a paragraph starts with its containers' prefixes:
 * indentation for list items, one `>` for each enclosing block quote (fewer
 * on a lazy line).
 */
static size_t S_skip_prefix(const char *s, size_t at, size_t end,
			    unsigned quotes)
{
	for (;;) {
		while (at < end && S_is_blank((unsigned char)s[at]))
			at++;
		if (quotes == 0 || at == end || s[at] != '>')
			return at;
		quotes--;
		at++;
	}
}

/* Inline parsing can eat `[x]` and `#tags`, so steps and tags are read here. */
static void S_raw_read(struct walk *w, cmark_node *para)
{
	struct raw *raw = &w->raw;
	const struct source *src = w->src;
	unsigned first = w->line + (unsigned)cmark_node_get_start_line(para) - 1;
	unsigned last = w->line + (unsigned)cmark_node_get_end_line(para) - 1;
	size_t from = S_node_offset(w, para);

	strbuf_reset(&raw->text);
	raw->nlines = 0;
	for (unsigned line = first; line <= last; line++) {
		size_t end = source_line_end(src, line);
		if (line > first) {
			from = S_skip_prefix(src->bytes,
					     source_line_start(src, line), end,
					     w->quote_depth);
			strbuf_addch(&raw->text, '\n');
		}
		XGROW(raw->lines, raw->cap, raw->nlines + 1);
		raw->lines[raw->nlines].pos = raw->text.len;
		raw->lines[raw->nlines].offset = from;
		raw->nlines++;
		strbuf_add(&raw->text, src->bytes + from, end - from);
	}
}

/* The source offset of position pos in the raw text. */
static size_t S_raw_offset(const struct raw *raw, size_t pos)
{
	size_t lo = 0, hi = raw->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (raw->lines[mid].pos <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return raw->lines[lo].offset + (pos - raw->lines[lo].pos);
}

static char *S_fold_space(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	while (i < len) {
		size_t word = i;
		while (word < len && S_is_space((unsigned char)s[word]))
			word++;
		size_t end = word;
		while (end < len && !S_is_space((unsigned char)s[end]))
			end++;
		if (end == word)
			break;
		if (sb.len > 0)
			strbuf_addch(&sb, ' ');
		strbuf_add(&sb, s + word, end - word);
		i = end;
	}
	return strbuf_detach(&sb);
}

/* Bytes [from, to) of a step's raw text, left out of its words. */
struct cut {
	size_t from;
	size_t to;
};

/* What closes a mark that may wrap an `@owner` (S_token_may_start), or 0. */
static char S_closer(char c)
{
	switch (c) {
	case '(':
		return ')';
	case '[':
		return ']';
	case '*':
	case '_':
	case '~':
		return c;
	default:
		return 0;
	}
}

static size_t S_skip_punct(const char *s, size_t at)
{
	while (s[at] && strchr(".,;:", s[at]))
		at++;
	return at;
}

/*
 * The owner's `@id`, with what belongs to it in the words: the punctuation
 * after it (`@dee-w, call Ana`) and the marks that wrap it alone
 * (`**@bob**`, `(@lisa-t.)`). `from` is where the step's text starts.
 */
static struct cut S_owner_cut(const char *s, size_t at, size_t end, size_t from)
{
	size_t left = at, right = S_skip_punct(s, end);
	while (left > from && S_closer(s[left - 1]) && s[right] == S_closer(s[left - 1])) {
		left--;
		right = S_skip_punct(s, right + 1);
	}
	return (struct cut){ left, right };
}

static void S_step_owner(struct md_step *step, const struct raw *raw,
			 size_t from, struct cut *cut)
{
	const char *s = strbuf_str(&raw->text);

	for (size_t i = from; i < raw->text.len; i++) {
		if (s[i] != '@' || !S_token_may_start(s, i) ||
		    !S_is_word((unsigned char)s[i + 1]))
			continue;
		size_t end = i + 2;
		while (S_is_word((unsigned char)s[end]) || s[end] == '.' ||
		       s[end] == '-' || s[end] == '_')
			end++;
		while (s[end - 1] == '.' || s[end - 1] == '-' ||
		       s[end - 1] == '_')
			end--;
		step->owner = xstrndup(s + i + 1, end - i - 1);
		step->owner_offset = S_raw_offset(raw, i);
		step->owner_len = end - i;
		*cut = S_owner_cut(s, i, end, from);
		return;
	}
}

static void S_step_due(struct md_step *step, const struct raw *raw,
		       size_t from, struct cut *cut)
{
	const char *s = strbuf_str(&raw->text);
	size_t len = raw->text.len;

	for (size_t i = from; i + 4 <= len; i++) {
		if (s[i] != '(' || strncasecmp(s + i + 1, "due", 3) != 0)
			continue;
		size_t start = i + 4;
		while (start < len && S_is_blank((unsigned char)s[start]))
			start++;
		if (start == i + 4 && s[start] != ')')
			continue;
		size_t close = start;
		while (close < len && s[close] != ')' && s[close] != '\n')
			close++;
		if (s[close] != ')') {
			/* No `(due` later on this line can close either. */
			i = close;
			continue;
		}
		size_t end = close;
		while (end > start && S_is_blank((unsigned char)s[end - 1]))
			end--;
		step->due = xstrndup(s + start, end - start);
		step->due_offset = S_raw_offset(raw, start);
		step->due_len = end - start;
		*cut = (struct cut){ i, close + 1 };
		return;
	}
}

static int S_in_cut(const struct cut *cuts, size_t n, size_t at)
{
	for (size_t i = 0; i < n; i++)
		if (at >= cuts[i].from && at < cuts[i].to)
			return 1;
	return 0;
}

/*
 * The text from `from` without the cuts, spaces folded. A word that
 * follows a cut directly (`Call Ana (due 2020-05-01).`) keeps to the word
 * before it, as it would have without the cut.
 */
static char *S_without(const char *s, size_t from, size_t len,
		       const struct cut *cuts, size_t ncuts)
{
	struct strbuf sb = STRBUF_INIT;
	int after_cut = 0;

	for (size_t i = from; i < len; i++) {
		if (S_in_cut(cuts, ncuts, i)) {
			after_cut = 1;
			continue;
		}
		if (after_cut && !S_is_space((unsigned char)s[i]))
			while (sb.len && S_is_space((unsigned char)sb.buf[sb.len - 1]))
				sb.buf[--sb.len] = '\0';
		after_cut = 0;
		strbuf_addch(&sb, s[i]);
	}
	char *folded = S_fold_space(strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return folded;
}

/*
 * The words as the pairing of versions compares them (step_match.h):
 * without the emphasis marks `*`, `_`, `~` and backquotes, ASCII letters in
 * lower case, runs of spaces as one, and spaces and `. , ; : ! ?` at the
 * end removed.
 */
static char *S_step_key(const char *words)
{
	struct strbuf sb = STRBUF_INIT;
	int space = 0;

	for (const char *p = words; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '*' || c == '_' || c == '~' || c == '`')
			continue;
		if (S_is_space(c)) {
			space = 1;
			continue;
		}
		if (space && sb.len)
			strbuf_addch(&sb, ' ');
		space = 0;
		strbuf_addch(&sb, (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
	}
	while (sb.len && strchr(" .,;:!?", sb.buf[sb.len - 1]))
		sb.buf[--sb.len] = '\0';
	return strbuf_detach(&sb);
}

/* A list item's first paragraph may be a step. */
static void S_step(struct walk *w, cmark_node *para)
{
	const struct raw *raw = &w->raw;
	const char *at = w->src->bytes + S_node_offset(w, para);
	if (at[0] != '[')
		return;

	S_raw_read(w, para);
	const char *s = strbuf_str(&raw->text);
	size_t len = raw->text.len;
	if (len < 3 || s[0] != '[' || s[2] != ']' ||
	    (s[1] != ' ' && s[1] != 'x' && s[1] != 'X'))
		return;
	if (len > 3 && !S_is_blank((unsigned char)s[3]) && s[3] != '\n')
		return;

	struct md_body *body = w->body;
	XGROW(body->steps, w->steps_cap, body->nsteps + 1);
	struct md_step *step = &body->steps[body->nsteps++];
	struct cut cuts[2] = { { 0, 0 }, { 0, 0 } };
	memset(step, 0, sizeof(*step));
	step->done = s[1] != ' ';
	step->offset = raw->lines[0].offset;
	step->len = source_line_end(w->src, source_line_of(w->src, step->offset)) -
		step->offset;
	step->text = S_fold_space(s + 3, len - 3);
	S_step_owner(step, raw, 3, &cuts[0]);
	S_step_due(step, raw, 3, &cuts[1]);
	step->section = S_section(w);
	if (w->parts != MD_ALL)
		return;
	char *words = S_without(s, 3, len, cuts, 2);
	step->key = S_step_key(words);
	/* A step of nothing but its owner or due day shows as written. */
	if (!*words) {
		free(words);
		words = xstrdup(step->text);
	}
	step->words = words;
}

/* Length of the tag after the `#` at s[i], 0 if there is none. */
static size_t S_tag_at(const char *s, size_t len, size_t i)
{
	if (s[i] != '#' || !S_token_may_start(s, i) || i + 1 == len)
		return 0;
	unsigned char c = (unsigned char)s[i + 1];
	if (!S_is_word(c))
		return 0;

	size_t end = i + 1;
	int letter = 0;
	while (end < len) {
		c = (unsigned char)s[end];
		if (!S_is_word(c) && c != '-' && c != '_')
			break;
		letter |= S_is_alpha(c) || c >= 0x80;
		end++;
	}
	while (s[end - 1] == '-' || s[end - 1] == '_')
		end--;
	return letter ? end - i - 1 : 0;
}

/* The next position at or after i where a tag starts, or len. */
static size_t S_next_tag(const char *s, size_t len, size_t i, size_t *tag_len)
{
	const char *hash;
	while (i < len && (hash = memchr(s + i, '#', len - i)) != NULL) {
		i = (size_t)(hash - s);
		if ((*tag_len = S_tag_at(s, len, i)) != 0)
			return i;
		i++;
	}
	return len;
}

static int S_token_cmp(const void *a, const void *b)
{
	const struct token *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/*
 * Tags are found in the raw text for their offsets, and kept only if the
 * plain text has them too, which drops those inside code spans.
 */
static void S_hashtags(struct walk *w, cmark_node *node, size_t paragraph)
{
	struct md_body *body = w->body;
	const char *plain = body->paragraphs[paragraph].text;
	size_t plain_len = strlen(plain);
	struct token *tags = NULL;
	size_t ntags = 0, cap = 0;

	size_t len;
	for (size_t i = S_next_tag(plain, plain_len, 0, &len); i < plain_len;
	     i = S_next_tag(plain, plain_len, i + 1, &len)) {
		XGROW(tags, cap, ntags + 1);
		tags[ntags].s = plain + i + 1;
		tags[ntags].len = len;
		ntags++;
	}
	if (ntags == 0)
		return;
	qsort(tags, ntags, sizeof(*tags), S_token_cmp);

	S_raw_read(w, node);
	const char *s = strbuf_str(&w->raw.text);
	size_t raw_len = w->raw.text.len;
	for (size_t i = S_next_tag(s, raw_len, 0, &len); i < raw_len;
	     i = S_next_tag(s, raw_len, i + 1, &len)) {
		struct token key = { s + i + 1, len };
		if (!bsearch(&key, tags, ntags, sizeof(*tags), S_token_cmp))
			continue;
		XGROW(body->hashtags, w->hashtags_cap, body->nhashtags + 1);
		struct md_hashtag *tag = &body->hashtags[body->nhashtags++];
		tag->tag = xstrndup(key.s, key.len);
		tag->offset = S_raw_offset(&w->raw, i);
		tag->len = key.len + 1;
		tag->paragraph = paragraph;
	}
	free(tags);
}

static void S_paragraph(struct walk *w, cmark_node *node)
{
	struct md_body *body = w->body;
	size_t index = body->nparagraphs;
	cmark_node *parent = cmark_node_parent(node);

	XGROW(body->paragraphs, w->paragraphs_cap, index + 1);
	body->paragraphs[index].text = xstrndup(strbuf_str(&w->text), w->text.len);
	body->paragraphs[index].offset = S_node_offset(w, node);
	body->paragraphs[index].section = S_section(w);
	/* The quote being read is added to quotes when it ends: it will have this index. */
	body->paragraphs[index].quote = w->quote_depth > 0 ? body->nquotes : MD_NONE;
	body->nparagraphs++;

	body->paragraphs[index].step = MD_NONE;
	if (cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(parent) == node) {
		size_t before = body->nsteps;
		S_step(w, node);
		if (body->nsteps > before)
			body->paragraphs[index].step = before;
	}
	S_hashtags(w, node, index);

	if (w->quote_depth > 0) {
		if (w->quote_paragraphs++ > 0)
			strbuf_addstr(&w->quote, "\n\n");
		strbuf_addstr(&w->quote, body->paragraphs[index].text);
	}
}

static void S_heading(struct walk *w, cmark_node *node)
{
	struct md_body *body = w->body;

	XGROW(body->sections, w->sections_cap, body->nsections + 1);
	struct md_section *section = &body->sections[body->nsections++];
	section->title = xstrndup(strbuf_str(&w->text), w->text.len);
	section->offset = S_node_offset(w, node);
	section->len = source_line_end(w->src,
				       source_line_of(w->src, section->offset)) -
		section->offset;
	cmark_node *next = cmark_node_next(node);
	section->empty = !next || (cmark_node_get_type(next) == CMARK_NODE_HEADING &&
				   cmark_node_get_heading_level(next) <= 2);
}

static void S_quote(struct walk *w, cmark_node *node, cmark_event_type ev)
{
	struct md_body *body = w->body;

	if (ev == CMARK_EVENT_ENTER) {
		if (w->quote_depth++ == 0) {
			w->quote_offset = S_node_offset(w, node);
			w->quote_section = S_section(w);
			w->quote_paragraphs = 0;
		}
		return;
	}
	if (--w->quote_depth > 0)
		return;
	XGROW(body->quotes, w->quotes_cap, body->nquotes + 1);
	struct md_quote *quote = &body->quotes[body->nquotes++];
	quote->text = strbuf_detach(&w->quote);
	quote->offset = w->quote_offset;
	quote->section = w->quote_section;
}

/*
 * cmark allocates each node and buffer on its own, hundreds of times a
 * note. It parses into one arena per parse here instead, freed whole once
 * the body is read. cmark's allocator takes no context, so the arena in
 * use is the thread's own.
 */
static _Thread_local struct arena S_arena;

static void *S_arena_calloc(size_t n, size_t size)
{
	return arena_calloc(&S_arena, n, size);
}

static void *S_arena_realloc(void *p, size_t size)
{
	return arena_realloc(&S_arena, p, size);
}

static void S_arena_free(void *p)
{
	(void)p;
}

static cmark_mem S_arena_mem = { S_arena_calloc, S_arena_realloc, S_arena_free };

void md_parse(struct md_body *out, const struct source *src,
	      size_t offset, unsigned line, enum md_parts parts)
{
	struct walk w = { .body = out, .src = src, .line = line, .parts = parts };
	cmark_event_type ev;

	if (offset == 0)
		offset = src->bom;
	else if (src->len - offset >= 3 && memcmp(src->bytes + offset, SOURCE_BOM, 3) == 0)
		w.bom = 3;

	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &S_arena_mem);
	cmark_parser_feed(parser, src->bytes + offset, src->len - offset);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	/*
	 * One walk: text is gathered from the inline nodes of a paragraph or
	 * a `## ` heading on the way in, and the block is read on the way out.
	 */
	cmark_iter *iter = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		int enter = ev == CMARK_EVENT_ENTER;

		switch (type) {
		case CMARK_NODE_BLOCK_QUOTE:
			S_quote(&w, node, ev);
			break;
		case CMARK_NODE_HEADING:
		case CMARK_NODE_PARAGRAPH:
			if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) != 2)
				break;
			if (enter) {
				strbuf_reset(&w.text);
				w.collect = type == CMARK_NODE_HEADING ? TEXT_WITH_CODE : TEXT_PLAIN;
				break;
			}
			w.collect = TEXT_NONE;
			if (type == CMARK_NODE_HEADING)
				S_heading(&w, node);
			else
				S_paragraph(&w, node);
			break;
		case CMARK_NODE_CODE:
			if (w.collect == TEXT_WITH_CODE)
				strbuf_addstr(&w.text, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_TEXT:
			if (w.collect != TEXT_NONE)
				strbuf_addstr(&w.text, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			if (w.collect != TEXT_NONE)
				strbuf_addch(&w.text, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	cmark_node_free(doc);
	arena_release(&S_arena);
	strbuf_release(&w.raw.text);
	strbuf_release(&w.text);
	free(w.raw.lines);
}

void md_body_release(struct md_body *body)
{
	for (size_t i = 0; i < body->nsections; i++)
		free(body->sections[i].title);
	for (size_t i = 0; i < body->nsteps; i++) {
		free(body->steps[i].text);
		free(body->steps[i].words);
		free(body->steps[i].key);
		free(body->steps[i].owner);
		free(body->steps[i].due);
	}
	for (size_t i = 0; i < body->nhashtags; i++)
		free(body->hashtags[i].tag);
	for (size_t i = 0; i < body->nparagraphs; i++)
		free(body->paragraphs[i].text);
	for (size_t i = 0; i < body->nquotes; i++)
		free(body->quotes[i].text);
	free(body->sections);
	free(body->steps);
	free(body->hashtags);
	free(body->paragraphs);
	free(body->quotes);
	*body = (struct md_body)MD_BODY_INIT;
}
