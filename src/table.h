#ifndef PERENNIAL_TABLE_H
#define PERENNIAL_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"

/*
 * Rows of text cells with named columns: what a query answers, before it
 * is printed as a terminal table, CSV, JSON or JSON lines. A cell may be
 * NULL (no value). The table owns every string: the cells' are kept in
 * an arena (a listing of 30,000 rows has 300,000 cells).
 */
struct table {
	char **columns;
	size_t ncolumns;
	unsigned char *numbers;  /* per column: 1 when its cells are integers (table_set_number) */
	char **cells;          /* row-major: cells[row * ncolumns + column], in strings */
	size_t nrows;
	size_t cap;            /* cells allocated */
	struct arena strings;
};

#define TABLE_INIT { NULL, 0, NULL, NULL, 0, 0, ARENA_INIT }

/* Sets the columns (copies them), all of text; the table must have no rows yet. */
void table_set_columns(struct table *t, const char *const *columns, size_t n);

/*
 * Marks `column` as holding integers (a count, a line): JSON and JSON
 * lines write its cells as numbers. A cell that is not an integer (a
 * privacy pass's words, say) is still written as a string.
 */
void table_set_number(struct table *t, size_t column);

/* Appends a row of ncolumns cells (copied; NULL stays NULL). */
void table_add_row(struct table *t, const char *const *cells);

const char *table_cell(const struct table *t, size_t row, size_t column);

void table_release(struct table *t);

/* The index of the column named `name`, or (size_t)-1. */
size_t table_column(const struct table *t, const char *name);

/* Removes column `column` (an index below ncolumns) from t, with its cells. */
void table_drop_column(struct table *t, size_t column);

/* Sets a cell: a copy of value (NULL for none). */
void table_set_cell(struct table *t, size_t row, size_t column, const char *value);

/*
 * Rows as the printers read them: a table's (table_rows), or rows made as
 * they are printed, so that a listing of every step is never held whole.
 */
struct table_rows {
	const char *const *columns;
	size_t ncolumns;
	const unsigned char *numbers;  /* per column, as table_set_number; NULL: none */
	size_t nrows;
	/* Puts row r's ncolumns cells into cells, valid until the next call. */
	void (*row)(void *ctx, size_t r, const char **cells);
	void *ctx;
};

/* The rows of t, which must outlive them. */
struct table_rows table_rows(const struct table *t);

/*
 * Prints for people: a header, aligned columns, fitted into `width`
 * terminal columns by shortening the widest columns with "…" (width 0: no
 * limit). Cells are measured as a terminal shows them (utf8_width: a CJK
 * character or an emoji takes two columns, a combining accent none) and
 * made safe for it (no control characters). Each row is asked for twice:
 * once to measure, once to print.
 */
void table_print_text(FILE *out, const struct table_rows *rows, size_t width);

/* RFC 4180: CRLF line ends, fields quoted when they hold , " CR or LF. */
void table_print_csv(FILE *out, const struct table_rows *rows);

/* A JSON array of objects, one per row, keys in column order; NULL is null. */
int table_print_json(FILE *out, const struct table_rows *rows);

/* One JSON object per line. */
int table_print_jsonl(FILE *out, const struct table_rows *rows);

#endif
