#ifndef PERENNIAL_RUN_CHECK_H
#define PERENNIAL_RUN_CHECK_H

#include "check.h"

/* How `perennial check` and the hook show what they found. */
struct run_check_output {
	int json;              /* the findings as a JSON array, no summary */
	int strict;            /* a warning fails too */
	int color;
};

/*
 * Checks the notes of the notes root above the current folder as
 * `request` asks, prints the findings on stdout and a summary on stderr,
 * and returns the exit status.
 */
int run_check(const struct check_request *request, const struct run_check_output *output);

#endif
