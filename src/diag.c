#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

static const struct {
	const char *id;
	enum diag_severity severity;
} S_rules[] = {
#define X(name, id, severity) { id, severity },
	DIAG_RULES(X)
#undef X
};

const char *diag_rule_id(enum diag_rule rule)
{
	return S_rules[rule].id;
}

enum diag_severity diag_rule_severity(enum diag_rule rule)
{
	return S_rules[rule].severity;
}

const char *diag_rule_description(enum diag_rule rule)
{
	for (size_t i = 0; i < diag_rule_ndocs; i++)
		if (strcmp(diag_rule_docs[i].id, S_rules[rule].id) == 0)
			return diag_rule_docs[i].text;
	return NULL;
}

void diag_locate(struct diag_loc *out, const struct source *src,
		 size_t offset, size_t len)
{
	unsigned end_line, end_column;

	if (offset > src->len)
		offset = src->len;
	if (len > src->len - offset)
		len = src->len - offset;
	out->file = src->path;
	source_position(src, offset, &out->line, &out->column);
	source_position(src, offset + len, &end_line, &end_column);
	/* A span that crosses a line break is underlined to the end of its line. */
	if (end_line != out->line) {
		size_t eol = source_line_end(src, out->line);
		end_column = out->column +
			(unsigned)utf8_count(src->bytes + offset, eol > offset ? eol - offset : 0);
	}
	out->span = end_column > out->column ? end_column - out->column : 1;

	size_t start = source_line_start(src, out->line);
	size_t stop = source_line_end(src, out->line);
	out->line_text = src->bytes + start;
	out->line_len = stop - start;
}

/*
 * Findings keep at most this much of a long line around their column, so
 * many findings on a 1 MiB line cost neither quadratic time nor memory.
 */
#define KEEP_BYTES 512

static void S_keep_line(struct diag *d, const struct diag_loc *loc)
{
	const char *s = loc->line_text;
	size_t len = loc->line_len, from = 0, to = len;

	d->text_column = 1;
	d->text_more = 0;
	if (len > 2 * KEEP_BYTES) {
		size_t at = 0;
		unsigned col = 1;
		while (col < loc->column && at < len) {
			at += utf8_char_len(s + at, len - at);
			col++;
		}
		from = at > KEEP_BYTES / 2 ? at - KEEP_BYTES / 2 : 0;
		while (from < at && ((unsigned char)s[from] & 0xC0) == 0x80)
			from++; /* not inside a character */
		d->text_column = loc->column - (unsigned)utf8_count(s + from, at - from);
		to = from + 2 * KEEP_BYTES;
		while (to > at && to < len && ((unsigned char)s[to] & 0xC0) == 0x80)
			to--;
		d->text_more = to < len;
		if (to > len)
			to = len;
	}
	d->line_text = xstrndup(s + from, to - from);
}

/* Counts a finding past the list's limit; true when it is not to be kept. */
static int S_full(struct diag_list *list)
{
	if (!list->limit || list->len < list->limit)
		return 0;
	list->dropped++;
	return 1;
}

static struct diag *S_append(struct diag_list *list, const struct diag_loc *loc,
			     enum diag_rule rule, const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT;
	XGROW(list->items, list->cap, list->len + 1);
	struct diag *d = &list->items[list->len++];
	d->rule = rule;
	d->severity = diag_rule_severity(rule);
	d->file = xstrdup(loc->file);
	d->line = loc->line;
	d->column = loc->column;
	d->span = loc->span ? loc->span : 1;
	strbuf_vaddf(&msg, fmt, ap);
	d->message = strbuf_detach(&msg);
	d->hint = NULL;
	d->fix = NULL;
	if (loc->line_text)
		S_keep_line(d, loc);
	else
		d->line_text = NULL;
	return d;
}

struct diag *diag_add(struct diag_list *list, const struct source *src,
		      enum diag_rule rule, size_t offset, size_t len,
		      const char *fmt, ...)
{
	struct diag_loc loc;
	va_list ap;
	if (S_full(list))
		return NULL;
	diag_locate(&loc, src, offset, len);
	va_start(ap, fmt);
	struct diag *d = S_append(list, &loc, rule, fmt, ap);
	va_end(ap);
	return d;
}

struct diag *diag_add_at(struct diag_list *list, const struct diag_loc *loc,
			 enum diag_rule rule, const char *fmt, ...)
{
	va_list ap;
	if (S_full(list))
		return NULL;
	va_start(ap, fmt);
	struct diag *d = S_append(list, loc, rule, fmt, ap);
	va_end(ap);
	return d;
}

struct diag *diag_add_file(struct diag_list *list, const char *file, enum diag_rule rule,
			   const char *fmt, ...)
{
	struct diag_loc loc = { file, 1, 1, 1, NULL, 0 };
	va_list ap;
	if (S_full(list))
		return NULL;
	va_start(ap, fmt);
	struct diag *d = S_append(list, &loc, rule, fmt, ap);
	va_end(ap);
	return d;
}

/* Sets (replaces) one of d's texts. */
static void S_set(char **field, const char *fmt, va_list ap)
{
	struct strbuf text = STRBUF_INIT;
	strbuf_vaddf(&text, fmt, ap);
	free(*field);
	*field = strbuf_detach(&text);
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	if (!d)
		return;
	va_start(ap, fmt);
	S_set(&d->hint, fmt, ap);
	va_end(ap);
}

void diag_fix(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	if (!d)
		return;
	va_start(ap, fmt);
	S_set(&d->fix, fmt, ap);
	va_end(ap);
}

void diag_hint_closest(struct diag *d, const char *closest, const char *otherwise)
{
	if (closest) {
		diag_hint(d, "did you mean '%s'?", closest);
		diag_fix(d, "%s", closest);
	} else if (otherwise) {
		diag_hint(d, "%s", otherwise);
	}
}

static int S_compare(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->message, y->message);
}

void diag_list_sort(struct diag_list *list)
{
	if (list->len > 1)
		qsort(list->items, list->len, sizeof(*list->items), S_compare);
}

size_t diag_list_count(const struct diag_list *list, enum diag_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < list->len; i++)
		n += list->items[i].severity == severity;
	return n;
}

void diag_list_take(struct diag_list *dst, struct diag_list *src)
{
	size_t dropped = src->dropped;
	src->dropped = 0;
	if (!src->len)
		return;
	XGROW(dst->items, dst->cap, dst->len + src->len);
	memcpy(dst->items + dst->len, src->items, src->len * sizeof(*src->items));
	dst->len += src->len;
	src->len = 0;
	if (dropped) {
		/* Copied: adding may move the items the name is in. */
		char *file = xstrdup(dst->items[dst->len - 1].file);
		diag_hint(diag_add_file(dst, file, DIAG_TOO_MANY_PROBLEMS,
					"%zu more problems in this file are not shown", dropped),
			  "fix the ones shown, then check again");
		free(file);
	}
}

void diag_list_release(struct diag_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		struct diag *d = &list->items[i];
		free(d->file);
		free(d->message);
		free(d->hint);
		free(d->fix);
		free(d->line_text);
	}
	free(list->items);
	list->items = NULL;
	list->len = list->cap = 0;
	list->dropped = 0;
}
