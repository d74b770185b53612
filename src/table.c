#include "table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jtext.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* U+2026, one character where a cell was cut. */
#define ELLIPSIS "\xE2\x80\xA6"

/* Fitting to the terminal shortens no column below this. */
#define MIN_WIDTH 8

/* Spaces between two columns of text. */
#define GAP 2

/*
 * No cell is wider than this, terminal or not: a title of a megabyte would
 * pad every row of a listing to a megabyte. JSON and CSV keep everything.
 */
#define MAX_CELL_WIDTH 120


static void S_free_strings(char **strings, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(strings[i]);
	free(strings);
}

void table_set_columns(struct table *t, const char *const *columns, size_t n)
{
	S_free_strings(t->columns, t->ncolumns);
	t->columns = xmalloc(n * sizeof(*t->columns));
	for (size_t c = 0; c < n; c++)
		t->columns[c] = xstrdup(columns[c]);
	t->ncolumns = n;
	free(t->numbers);
	t->numbers = xcalloc(n ? n : 1, sizeof(*t->numbers));
}

void table_set_number(struct table *t, size_t column)
{
	t->numbers[column] = 1;
}

void table_add_row(struct table *t, const char *const *cells)
{
	size_t at = t->nrows * t->ncolumns;
	XGROW(t->cells, t->cap, at + t->ncolumns);
	for (size_t c = 0; c < t->ncolumns; c++)
		t->cells[at + c] = arena_strdup(&t->strings, cells[c]);
	t->nrows++;
}

const char *table_cell(const struct table *t, size_t row, size_t column)
{
	return t->cells[row * t->ncolumns + column];
}

size_t table_column(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->ncolumns; c++)
		if (strcmp(t->columns[c], name) == 0)
			return c;
	return (size_t)-1;
}

void table_drop_column(struct table *t, size_t column)
{
	size_t n = t->ncolumns, to = 0;
	free(t->columns[column]);
	memmove(t->columns + column, t->columns + column + 1, (n - column - 1) * sizeof(*t->columns));
	memmove(t->numbers + column, t->numbers + column + 1, n - column - 1);
	for (size_t i = 0; i < t->nrows * n; i++)
		if (i % n != column)
			t->cells[to++] = t->cells[i];
	t->ncolumns = n - 1;
}

void table_set_cell(struct table *t, size_t row, size_t column, const char *value)
{
	/* What it held stays in its block until the table is released. */
	t->cells[row * t->ncolumns + column] = arena_strdup(&t->strings, value);
}

void table_release(struct table *t)
{
	S_free_strings(t->columns, t->ncolumns);
	free(t->cells);
	free(t->numbers);
	arena_release(&t->strings);
	*t = (struct table)TABLE_INIT;
}

static void S_table_row(void *ctx, size_t r, const char **cells)
{
	const struct table *t = ctx;
	for (size_t c = 0; c < t->ncolumns; c++)
		cells[c] = t->cells[r * t->ncolumns + c];
}

struct table_rows table_rows(const struct table *t)
{
	return (struct table_rows){ (const char *const *)t->columns, t->ncolumns, t->numbers,
				    t->nrows, S_table_row, (void *)t };
}

/*
 * Line 0 is the header, line r + 1 is row r, its cells into cells: the
 * text and CSV forms print both alike.
 */
static const char *const *S_line(const struct table_rows *rows, size_t line, const char **cells)
{
	if (!line)
		return rows->columns;
	rows->row(rows->ctx, line - 1, cells);
	return cells;
}

/*
 * s as one line of a terminal (empty for NULL): line breaks and tabs
 * become spaces, so a row stays one line and columns stay aligned, and
 * whatever else the terminal would obey becomes U+FFFD.
 */
static void S_printable(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	if (!s)
		return;
	while (*s) {
		size_t n = strcspn(s, "\t\n\r");
		utf8_append_printable(sb, s, n);
		s += n;
		if (*s) {
			strbuf_addch(sb, ' ');
			s++;
		}
	}
}

/*
 * Shortens the widest column a place on the screen at a time, so that the
 * columns that must give up room end up about as wide as each other and
 * the narrow ones keep all of theirs.
 */
static void S_fit(size_t *widths, size_t n, size_t width)
{
	size_t total = GAP * (n - 1);
	for (size_t c = 0; c < n; c++)
		total += widths[c];
	while (total > width) {
		size_t widest = 0;
		for (size_t c = 1; c < n; c++)
			if (widths[c] > widths[widest])
				widest = c;
		if (widths[widest] <= MIN_WIDTH)
			return;
		widths[widest]--;
		total--;
	}
}

/*
 * Writes the printable s[0..len), cut to `width` columns with "…" last
 * when it is wider; returns how many columns it took (one less than
 * width when a wide character did not fit before the "…").
 */
static size_t S_put_cut(FILE *out, const char *s, size_t len, size_t width)
{
	size_t shown = utf8_width(s, len);
	if (shown <= width) {
		fwrite(s, 1, len, out);
		return shown;
	}
	/* shown > width: width is at least 1, room for the "…". */
	size_t at = utf8_cut(s, len, width - 1);
	fwrite(s, 1, at, out);
	fputs(ELLIPSIS, out);
	return utf8_width(s, at) + 1;
}

static void S_put_spaces(FILE *out, size_t n)
{
	static const char spaces[] = "                                ";
	for (size_t k; n; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		fwrite(spaces, 1, k, out);
	}
}

static void S_print_text_line(FILE *out, const char *const *cells, size_t n,
			      const size_t *widths, struct strbuf *sb)
{
	/* Padding owed, written only when text follows: no line ends in blanks. */
	size_t pad = 0;
	for (size_t c = 0; c < n; c++) {
		S_printable(sb, cells[c]);
		size_t shown = 0;
		if (sb->len) {
			S_put_spaces(out, pad);
			shown = S_put_cut(out, sb->buf, sb->len, widths[c]);
			pad = 0;
		}
		pad += (shown < widths[c] ? widths[c] - shown : 0) + GAP;
	}
	fputc('\n', out);
}

void table_print_text(FILE *out, const struct table_rows *rows, size_t width)
{
	size_t n = rows->ncolumns;
	size_t *widths = xcalloc(n + 1, sizeof(*widths));
	const char **scratch = xcalloc(n + 1, sizeof(*scratch));
	struct strbuf sb = STRBUF_INIT;

	/* Measured on the printable form, which is what takes room on the screen. */
	for (size_t line = 0; line <= rows->nrows; line++) {
		const char *const *cells = S_line(rows, line, scratch);
		for (size_t c = 0; c < n; c++) {
			S_printable(&sb, cells[c]);
			size_t w = utf8_width(sb.buf, sb.len);
			if (w > widths[c])
				widths[c] = w < MAX_CELL_WIDTH ? w : MAX_CELL_WIDTH;
		}
	}
	if (width && n)
		S_fit(widths, n, width);
	for (size_t line = 0; line <= rows->nrows; line++)
		S_print_text_line(out, S_line(rows, line, scratch), n, widths, &sb);
	strbuf_release(&sb);
	free(scratch);
	free(widths);
}

/*
 * A cell as CSV (NULL as nothing): quoted when it must be. Line breaks stay, quoted, as CSV
 * allows; any other control character (a bell, an escape) and bytes that
 * are not UTF-8 are replaced as on a terminal, so a spreadsheet or a CRM
 * import reads what a person would see.
 */
static void S_csv_field(FILE *out, const char *cell)
{
	struct strbuf sb = STRBUF_INIT;
	if (!cell)
		return;
	for (const char *p = cell; *p;) {
		size_t n = strcspn(p, "\r\n");
		utf8_append_printable(&sb, p, n);
		size_t breaks = strspn(p + n, "\r\n");
		strbuf_add(&sb, p + n, breaks);
		p += n + breaks;
	}
	const char *s = strbuf_str(&sb);
	if (!s[strcspn(s, ",\"\r\n")]) {
		fputs(s, out);
		strbuf_release(&sb);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
	strbuf_release(&sb);
}

void table_print_csv(FILE *out, const struct table_rows *rows)
{
	const char **scratch = xcalloc(rows->ncolumns + 1, sizeof(*scratch));
	for (size_t line = 0; line <= rows->nrows; line++) {
		const char *const *cells = S_line(rows, line, scratch);
		for (size_t c = 0; c < rows->ncolumns; c++) {
			if (c)
				fputc(',', out);
			S_csv_field(out, cells[c]);
		}
		fputs("\r\n", out);
	}
	free(scratch);
}

/* A cell as JSON: a number in a column of integers when it is one, else text or null. */
static json_t *S_json_cell(const struct table_rows *rows, const char *s, size_t column)
{
	if (s && rows->numbers && rows->numbers[column] &&
	    (*s == '-' || (*s >= '0' && *s <= '9'))) {
		char *end;
		errno = 0;
		long long n = strtoll(s, &end, 10);
		if (end != s && !*end && !errno)
			return json_integer(n);
	}
	return jtext_new(s);
}

/* Row `row` as an object, keys in column order; the caller owns it. */
static json_t *S_json_row(const struct table_rows *rows, size_t row, const char **scratch)
{
	json_t *object = json_object();
	const char *const *cells = S_line(rows, row + 1, scratch);
	for (size_t c = 0; c < rows->ncolumns; c++) {
		json_t *key = jtext_new(rows->columns[c]);
		json_object_set_new_nocheck(object, json_string_value(key),
					    S_json_cell(rows, cells[c], c));
		json_decref(key);
	}
	return object;
}

/* What the printers return: -1 if anything could not be written. */
static int S_done(FILE *out, int ret)
{
	return ret == 0 && fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

int table_print_json(FILE *out, const struct table_rows *rows)
{
	json_t *array = json_array();
	const char **scratch = xcalloc(rows->ncolumns + 1, sizeof(*scratch));
	for (size_t r = 0; r < rows->nrows; r++)
		json_array_append_new(array, S_json_row(rows, r, scratch));
	free(scratch);
	int ret = json_dumpf(array, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (ret == 0 && fputc('\n', out) == EOF)
		ret = -1;
	json_decref(array);
	return S_done(out, ret);
}

int table_print_jsonl(FILE *out, const struct table_rows *rows)
{
	const char **scratch = xcalloc(rows->ncolumns + 1, sizeof(*scratch));
	int ret = 0;
	for (size_t r = 0; r < rows->nrows && ret == 0; r++) {
		json_t *object = S_json_row(rows, r, scratch);
		ret = json_dumpf(object, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (ret == 0 && fputc('\n', out) == EOF)
			ret = -1;
		json_decref(object);
	}
	free(scratch);
	return S_done(out, ret);
}
