#include "diag_print.h"

#include <jansson.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

#define BOLD    "\033[1m"
#define RED     "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define GREEN   "\033[1;32m"
#define CYAN    "\033[1;36m"
#define RESET   "\033[0m"

const char *diag_severity_name(enum diag_severity severity)
{
	return severity == DIAG_ERROR ? "error" : "warning";
}

static void S_printable(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_reset(sb);
	utf8_append_printable(sb, s, len);
}

/*
 * Lines longer than this are shown as a window around the caret, so a
 * 60,000-character line of brackets does not flood the terminal.
 */
#define WINDOW 120

/* The byte offset of 1-based character `column` in s, or len. */
static size_t S_byte_of_column(const char *s, size_t len, unsigned column)
{
	size_t at = 0;
	for (unsigned col = 1; col < column && at < len; col++)
		at += utf8_char_len(s + at, len - at);
	return at;
}

static void S_source_line(FILE *out, struct strbuf *sb, const struct diag *d, int color)
{
	const char *s = d->line_text;
	size_t len = strlen(s);
	unsigned first = 1, chars = (unsigned)utf8_count(s, len);
	/* Columns within line_text, which may start past the line's beginning. */
	unsigned column = d->column - d->text_column + 1, span = d->span;

	if (chars > WINDOW) {
		first = column > WINDOW / 2 ? column - WINDOW / 2 : 1;
		if (first + WINDOW > chars + 1)
			first = chars + 1 - WINDOW;
	}
	size_t from = S_byte_of_column(s, len, first);
	size_t to = from + S_byte_of_column(s + from, len - from, WINDOW + 1);
	const char *before = first > 1 || d->text_column > 1 ? "..." : "";
	const char *after = to < len || d->text_more ? "..." : "";

	S_printable(sb, s + from, to - from);
	fprintf(out, "%5u | %s%s%s\n", d->line, before, sb->buf, after);

	/* The caret: under the shown prefix, as wide as it, its tabs kept. */
	fprintf(out, "%5s | %s", "", before[0] ? "   " : "");
	size_t caret = S_byte_of_column(s, len, column);
	S_printable(sb, s + from, (caret < to ? caret : to) - from);
	for (const char *p = strbuf_str(sb); *p;) {
		size_t n = strcspn(p, "\t");
		fprintf(out, "%*s%s", (int)utf8_width(p, n), "", p[n] ? "\t" : "");
		p += n + (p[n] != '\0');
	}
	if (column + span > first + WINDOW)
		span = first + WINDOW > column ? first + WINDOW - column : 1;
	/* Under the span, as wide as it; a span past the text shown is as long as it says. */
	S_printable(sb, s + caret, S_byte_of_column(s + caret, len - caret, span + 1));
	size_t shown = utf8_count(sb->buf, sb->len);
	size_t wide = utf8_width(sb->buf, sb->len) + (span > shown ? span - shown : 0);
	fputs(color ? GREEN "^" : "^", out);
	for (size_t i = 1; i < wide; i++)
		fputc('~', out);
	fputs(color ? RESET "\n" : "\n", out);
}

void diag_print_text(FILE *out, const struct diag_list *list, int color)
{
	struct strbuf file = STRBUF_INIT, text = STRBUF_INIT;

	for (size_t i = 0; i < list->len; i++) {
		const struct diag *d = &list->items[i];
		const char *level = diag_severity_name(d->severity);

		strbuf_reset(&file);
		utf8_append_escaped(&file, d->file, strlen(d->file));
		S_printable(&text, d->message, strlen(d->message));
		if (color)
			fprintf(out, BOLD "%s:%u:%u:" RESET " %s%s:" RESET " " BOLD "%s" RESET " [%s]\n",
				file.buf, d->line, d->column,
				d->severity == DIAG_ERROR ? RED : MAGENTA, level, text.buf,
				diag_rule_id(d->rule));
		else
			fprintf(out, "%s:%u:%u: %s: %s [%s]\n", file.buf, d->line, d->column,
				level, text.buf, diag_rule_id(d->rule));
		if (d->line_text)
			S_source_line(out, &text, d, color);
		if (d->hint) {
			S_printable(&text, d->hint, strlen(d->hint));
			fprintf(out, "%5s %s= help:%s %s\n", "", color ? CYAN : "",
				color ? RESET : "", text.buf);
		}
	}
	strbuf_release(&file);
	strbuf_release(&text);
}

/*
 * jansson refuses invalid UTF-8; messages may hold some, and a file name
 * is written escaped (a name in another encoding prints as its bytes).
 */
static json_t *S_string(const char *s, void (*append)(struct strbuf *, const char *, size_t))
{
	struct strbuf sb = STRBUF_INIT;
	append(&sb, s, strlen(s));
	json_t *j = json_stringn(strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return j;
}

int diag_print_json(FILE *out, const struct diag_list *list)
{
	json_t *array = json_array();

	for (size_t i = 0; i < list->len; i++) {
		const struct diag *d = &list->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "file", S_string(d->file, utf8_append_escaped));
		json_object_set_new(o, "line", json_integer(d->line));
		json_object_set_new(o, "column", json_integer(d->column));
		json_object_set_new(o, "severity", json_string(diag_severity_name(d->severity)));
		json_object_set_new(o, "rule", json_string(diag_rule_id(d->rule)));
		json_object_set_new(o, "message", S_string(d->message, utf8_append_printable));
		json_object_set_new(o, "hint", d->hint ? S_string(d->hint, utf8_append_printable) : json_null());
		json_array_append_new(array, o);
	}
	int ret = json_dumpf(array, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(array);
	if (ret == 0)
		fputc('\n', out);
	return ret == 0 ? 0 : -1;
}
