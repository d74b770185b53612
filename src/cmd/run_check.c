#include "run_check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag_ci.h"
#include "diag_print.h"
#include "workspace.h"

/* Files with an error; diags are sorted, so each file's findings stand together. */
static size_t S_files_with_errors(const struct diag_list *diags)
{
	size_t n = 0;
	const char *last = NULL;
	for (size_t i = 0; i < diags->len; i++) {
		const struct diag *d = &diags->items[i];
		if (d->severity != DIAG_ERROR || (last && strcmp(last, d->file) == 0))
			continue;
		last = d->file;
		n++;
	}
	return n;
}

static void S_summary(long notes, const struct diag_list *diags)
{
	size_t errors = diag_list_count(diags, DIAG_ERROR);
	size_t warnings = diag_list_count(diags, DIAG_WARNING);

	fprintf(stderr, "%ld note%s checked", notes, notes == 1 ? "" : "s");
	if (!errors && !warnings) {
		fputs(", no problems found.\n", stderr);
		return;
	}
	fputs(": ", stderr);
	if (errors) {
		size_t files = S_files_with_errors(diags);
		fprintf(stderr, "%zu error%s in %zu file%s", errors, errors == 1 ? "" : "s",
			files, files == 1 ? "" : "s");
	}
	if (errors && warnings)
		fputs(", ", stderr);
	if (warnings)
		fprintf(stderr, "%zu warning%s", warnings, warnings == 1 ? "" : "s");
	fputs(".\n", stderr);
}

static void S_print(const struct run_check_output *o, const struct diag_list *diags)
{
	/* CI hosts resolve a path from the top of the work tree, not from the notes root. */
	int host = o->format != RUN_CHECK_TEXT && o->format != RUN_CHECK_JSON;
	char *prefix = host ? workspace_top_prefix(".") : NULL;

	switch (o->format) {
	case RUN_CHECK_TEXT: diag_print_text(stdout, diags, o->color); break;
	case RUN_CHECK_JSON: diag_print_json(stdout, diags); break;
	case RUN_CHECK_GITHUB: diag_ci_print_github(stdout, diags, prefix); break;
	case RUN_CHECK_SARIF: diag_ci_print_sarif(stdout, diags, prefix); break;
	case RUN_CHECK_GITLAB: diag_ci_print_gitlab(stdout, diags, prefix); break;
	}
	free(prefix);
}

int run_check(const struct check_request *request, const struct run_check_output *o)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct workspace ws = WORKSPACE_INIT;
	long notes = -1;
	int status = EXIT_TROUBLE;

	/* perennial.yml's own findings come first: the notes' may follow from them. */
	struct diag_list found = DIAG_LIST_INIT;
	int open = request->staged || request->rev
		? workspace_open_git(&ws, ".", request->rev, &diags)
		: workspace_open(&ws, ".", &diags);
	diag_list_sort(&diags);
	if (open == 0) {
		notes = check_run(request, &ws, &found);
		diag_list_sort(&found);
		diag_list_take(&diags, &found);
		diag_list_release(&found);
	}
	cli_print_errors();
	S_print(o, &diags);
	/* Flushed before the summary on stderr, to keep the order when both are one. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the findings: %s", strerror(errno));
		notes = -1;
	}
	if (notes >= 0) {
		if (o->format == RUN_CHECK_TEXT || o->format == RUN_CHECK_GITHUB)
			S_summary(notes, &diags);
		if (diag_list_count(&diags, DIAG_ERROR) ||
		    (o->strict && diag_list_count(&diags, DIAG_WARNING)))
			status = EXIT_INVALID;
		else
			status = EXIT_OK;
	}
	diag_list_release(&diags);
	workspace_close(&ws);
	return status;
}

