#ifndef PERENNIAL_ERROR_H
#define PERENNIAL_ERROR_H

#include <stddef.h>

/*
 * Failures of the run itself (I/O, git, SQLite, a template that does not
 * compile), not findings in notes: those are diagnostics. Nothing below
 * the commands prints. As libgit2 keeps its last error for
 * git_error_last(), a module records what went wrong here and returns -1;
 * the command prints the messages (cli_print_errors).
 *
 * Messages pile up in the order they were set, so that a module can say
 * what failed and its caller what that meant; they are shared by every
 * thread of the process.
 */
struct error_message {
	char *file;           /* NULL, or where the failure is (with line, column) */
	unsigned line, column;
	char *text;
};

/* Records a message; returns -1, so that callers can `return error_set(...)`. */
int error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same about a place: printed as `FILE:LINE:COLUMN: error: TEXT`. */
int error_set_at(const char *file, unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Takes the messages recorded so far, oldest first: *out (free with
 * error_messages_free) gets them and *len their number; none are kept.
 */
void error_take(struct error_message **out, size_t *len);

void error_messages_free(struct error_message *messages, size_t len);

/*
 * Why writing failed, for `cannot write X: ...`, in the words of whoever
 * must fix it: "the disk is full", "the disk is read-only", "no permission
 * to write there"; strerror's for the rest.
 */
const char *error_write_reason(int errnum);

/* How many messages are recorded now: a mark for error_forget_since. */
size_t error_mark(void);

/*
 * Drops the messages recorded since `mark`: for a caller that got over the
 * failure they tell of (a damaged cache, set aside and made again).
 */
void error_forget_since(size_t mark);

struct strbuf;

/* Appends m as one line: `perennial: error: TEXT` or `FILE:LINE:COLUMN: error: TEXT`. */
void error_format(struct strbuf *out, const struct error_message *m);


#endif
