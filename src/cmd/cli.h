#ifndef PERENNIAL_CLI_H
#define PERENNIAL_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "corpus.h"
#include "diag.h"

/*
 * What the commands share: printing what modules recorded, tables and
 * JSON, the terminal, and opening the workspace of the current folder
 * with its problems printed. Only src/cmd/ includes this.
 */

struct config;

/* Exit codes of every command: the contract's. */
enum {
	EXIT_OK = 0,         /* success; warnings allowed */
	EXIT_INVALID = 1,    /* validation errors, or warnings with --strict */
	EXIT_TROUBLE = 2,    /* usage, configuration or I/O error */
};

enum cli_format {
	CLI_FORMAT_TABLE,   /* for people: fits the terminal */
	CLI_FORMAT_JSON,
	CLI_FORMAT_CSV,
	CLI_FORMAT_JSONL,
};

/*
 * The messages modules recorded (error.h), oldest first, on stderr as
 * `perennial: error: TEXT` or `FILE:LINE:COLUMN: error: TEXT`; none are
 * kept. main() calls it once a command returns, for what is left.
 */
void cli_print_errors(void);

/*
 * Prints the recorded messages, then this one as `perennial: error: ...`;
 * returns -1, so that a command can `return error(...)`.
 */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void cli_print_version(void);

/* Sets of formats for an option: a bit per enum cli_format. */
#define CLI_TABLE_JSON_CSV ((1u << CLI_FORMAT_TABLE) | (1u << CLI_FORMAT_JSON) | (1u << CLI_FORMAT_CSV))

/* -C DIR: run as if started in DIR. Returns 0 or -1 after an error. */
int cli_chdir(const char *dir);

/*
 * Whether to colour output on `stream`: `when` is "auto" (a terminal),
 * "always" or "never"; NO_COLOR (non-empty) turns colour off in any case.
 * Returns 1, 0, or -1 for a word it does not know.
 */
int cli_color(const char *when, FILE *stream);

struct index;
struct refresh_stats;
struct table;
struct table_rows;

/*
 * How wide a table may be: the terminal's columns when stdout is one,
 * else $COLUMNS, else no limit (0), so that a pipe gets every character.
 */
size_t cli_terminal_width(void);

/*
 * Prints a query's answer on stdout in `format` (a table with no rows
 * prints nothing). Returns 0, or -1 after printing an error when the
 * output could not be written.
 */
int cli_print_table(const struct table *t, enum cli_format format);

/* The same for rows made as they are printed (table.h). */
int cli_print_rows(const struct table_rows *rows, enum cli_format format);

/* Prints `json` on stdout, indented; 0, or -1 after an error when it could not be written. */
int cli_print_json(const json_t *json);

/*
 * An array printed as cli_print_json prints it, an element at a time, so
 * that a long one is never held whole: cli_json_array_add for each element
 * (taking it), then cli_json_array_end, which returns as cli_print_json.
 */
struct cli_json_array {
	size_t len;
};

#define CLI_JSON_ARRAY_INIT { 0 }

void cli_json_array_add(struct cli_json_array *array, json_t *element);
int cli_json_array_end(struct cli_json_array *array);

/* One query of the index: fills out from arg; 0, or -1 with an error set. */
typedef int cli_query_fn(struct table *out, struct index *ix, const void *arg);

struct workspace;

/*
 * Asked when a query's answer is empty, before it is printed: 0 to print
 * it, or an exit status after saying why not (a filter naming what the
 * repository does not know).
 */
typedef int cli_empty_fn(struct workspace *ws, const void *arg);

/*
 * What list, search and export share: opens the index and brings it up to
 * date (cli_open), runs `query`, prints its answer in `format`, and when
 * it is empty asks `when_empty` (if not NULL) and says "no notes match" on
 * stderr if `say_empty`. Returns the exit status.
 */
int cli_query(cli_query_fn *query, const void *arg, enum cli_format format, int say_empty,
	      cli_empty_fn *when_empty);

/* What cli_open opens beside perennial.yml. */
enum cli_open {
	CLI_OPEN_CONFIG = 0,
	CLI_OPEN_INDEX = 1,      /* the index, brought up to date */
	CLI_OPEN_REBUILD = 2,    /* the index, made afresh */
};

/*
 * Opens the workspace of the current folder as `what` asks (workspace.h).
 * What went wrong is printed, then perennial.yml's problems on stderr, or
 * added to `diags` when it is not NULL, for the caller to print with its
 * own. Returns 0, or -1 with ws closed.
 */
int cli_open(struct workspace *ws, enum cli_open what, struct diag_list *diags);

/*
 * Prints a sentence a module left for the user (that a damaged index was
 * made again, say) as `perennial: ...` on stderr, once: it is freed and
 * *said set to NULL. Nothing for NULL.
 */
void cli_tell(char **said);

struct corpus;

/*
 * For the commands that summarise: cli_open, then the working tree's notes
 * with `parts` (workspace_corpus) into out. Returns 0, or -1 after printing
 * what went wrong, with ws closed.
 */
int cli_open_corpus(struct workspace *ws, struct corpus *out, unsigned parts);

/*
 * The same for notes handed over one at a time (workspace_each_note):
 * what `each` gathers into `gave_up` (corpus_note_gave_up) is printed after
 * the last. Returns 0, or -1 after printing what went wrong, with ws
 * closed and into released.
 */
int cli_each_note(struct workspace *ws, struct corpus *into, void (*start)(void *ctx),
		  corpus_each_fn *each, void *ctx, struct diag_list *gave_up);

#endif
