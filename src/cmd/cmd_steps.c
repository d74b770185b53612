#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse_options.h"
#include "cmd.h"
#include "corpus.h"
#include "date.h"
#include "error.h"
#include "steps.h"
#include "table.h"
#include "workspace.h"

static const struct cmd_usage S_usage = {
	"steps",
	"steps [--owner ID] [--open|--done|--overdue] [--today D]\n"
	"                       [--format table|json|csv]",
	"The next steps of the notes (task items `- [ ]` and `- [x]`), grouped by\n"
	"owner: overdue first, longest overdue first; then open, soonest due\n"
	"first; then done, most recent first. A step is overdue when it is not\n"
	"done and its due day is before today. The day a step was done is the\n"
	"day of the commit that ticked it (from git history), or the note's day\n"
	"when it was written down done. Columns: owner, status, opened (the\n"
	"note's date), due, done, days (from the note to done), step, note,\n"
	"path, line. A step in a private note is listed without its words or\n"
	"its note.",
	NULL,  /* no actions */
};

int cmd_steps(int argc, char **argv)
{
	struct steps_filter filter = { 0 };
	struct opt_day today = { 0 };
	enum cli_format format = CLI_FORMAT_TABLE;
	const struct opt opts[] = {
		OPT_STRING("owner", &filter.owner, "ID", "steps of this owner"),
		OPT_BOOL("open", &filter.open, "steps not done (overdue ones included)"),
		OPT_BOOL("done", &filter.done, "steps done"),
		OPT_BOOL("overdue", &filter.overdue, "steps past their due day"),
		OPT_DAY("today", &today, "D", "the day to count from (YYYY-MM-DD; default today)"),
		OPT_FORMAT(&format, CLI_TABLE_JSON_CSV, "FORMAT", "table (default), json or csv"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;
	if (filter.open + filter.done + filter.overdue > 1)
		return usage_error(&S_usage, "choose one of --open, --done and --overdue");
	filter.today = today.day;
	if (!today.text && date_today(&filter.today) < 0)
		return error("cannot tell today's date; give it with --today"), EXIT_TROUBLE;

	struct workspace ws = WORKSPACE_INIT;
	struct corpus corpus;
	if (cli_open_corpus(&ws, &corpus, CORPUS_STEPS) < 0)
		return EXIT_TROUBLE;
	const struct opt_known known[] = { { "owner", KNOWN_OWNER, filter.owner } };
	if (opt_known(&S_usage, known, 1, &corpus, ws.config) != 0) {
		corpus_release(&corpus);
		workspace_close(&ws);
		return EXIT_TROUBLE;
	}
	struct steps_list list;
	struct steps_rows scratch;
	steps_select(&list, &corpus, &filter);
	struct table_rows rows = steps_rows(&scratch, &list);
	int r = cli_print_rows(&rows, format);
	if (r == 0 && !list.len)
		fputs("no steps match\n", stderr);
	steps_list_release(&list);
	corpus_release(&corpus);
	workspace_close(&ws);
	return r < 0 ? EXIT_TROUBLE : EXIT_OK;
}
