#ifndef PERENNIAL_RUN_CHECK_H
#define PERENNIAL_RUN_CHECK_H

#include "check.h"

/* What the findings are printed as: diag_print.h, diag_ci.h. */
enum run_check_format {
	RUN_CHECK_TEXT,        /* for people, with a summary on stderr */
	RUN_CHECK_JSON,        /* a JSON array, no summary */
	RUN_CHECK_GITHUB,      /* GitHub Actions annotations, with the summary */
	RUN_CHECK_SARIF,       /* a SARIF 2.1.0 log, no summary */
	RUN_CHECK_GITLAB,      /* a GitLab Code Quality report, no summary */
};

/* How `perennial check` and the hook show what they found. */
struct run_check_output {
	enum run_check_format format;
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
