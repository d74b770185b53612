#ifndef PERENNIAL_DIAG_PRINT_H
#define PERENNIAL_DIAG_PRINT_H

#include <stdio.h>

#include "diag.h"

/*
 * Diagnostics for people and for programs. Text is gcc's format, which
 * editors and CI annotate without configuration:
 *
 *   notes/a.md:4:12: error: unknown organizer 'lisa_t' [unknown-organizer]
 *       4 | organizer: lisa_t
 *         |            ^~~~~~
 *         = help: did you mean 'lisa-t'?
 *
 * JSON is an array of objects with file, line, column, severity, rule,
 * message and hint (null when there is none). Note content is made safe
 * for the terminal and for JSON on the way out.
 */
void diag_print_text(FILE *out, const struct diag_list *list, int color);

/* Returns 0, or -1 if the output could not be written. */
int diag_print_json(FILE *out, const struct diag_list *list);

const char *diag_severity_name(enum diag_severity severity);

#endif
