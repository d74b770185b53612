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
	d->line_text = loc->line_text ? xstrndup(loc->line_text, loc->line_len) : NULL;
	return d;
}

struct diag *diag_add(struct diag_list *list, const struct source *src,
		      enum diag_rule rule, size_t offset, size_t len,
		      const char *fmt, ...)
{
	struct diag_loc loc;
	va_list ap;
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
	va_start(ap, fmt);
	struct diag *d = S_append(list, &loc, rule, fmt, ap);
	va_end(ap);
	return d;
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
	struct strbuf hint = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&hint, fmt, ap);
	va_end(ap);
	free(d->hint);
	d->hint = strbuf_detach(&hint);
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
	if (!src->len)
		return;
	XGROW(dst->items, dst->cap, dst->len + src->len);
	memcpy(dst->items + dst->len, src->items, src->len * sizeof(*src->items));
	dst->len += src->len;
	src->len = 0;
}

void diag_list_release(struct diag_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		struct diag *d = &list->items[i];
		free(d->file);
		free(d->message);
		free(d->hint);
		free(d->line_text);
	}
	free(list->items);
	list->items = NULL;
	list->len = list->cap = 0;
}
