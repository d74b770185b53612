#ifndef PERENNIAL_ERROR_H
#define PERENNIAL_ERROR_H

/*
 * Messages about the run itself (I/O, usage, git), not about notes: those
 * are diagnostics. Prints "perennial: error: ..." to stderr and returns -1,
 * so callers can `return error(...)`.
 */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
