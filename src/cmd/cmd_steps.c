#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "corpus.h"
#include "date.h"
#include "error.h"
#include "steps.h"
#include "table.h"

static const struct cli_usage S_usage = {
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
	"    --owner ID           steps of this owner\n"
	"    --open               steps not done (overdue ones included)\n"
	"    --done               steps done\n"
	"    --overdue            steps past their due day\n"
	"    --today D            the day to count from (YYYY-MM-DD; default today)\n"
	"    --format FORMAT      table (default), json or csv\n",
};

int cmd_steps(int argc, char **argv)
{
	static const struct option options[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "open", no_argument, NULL, 'O' },
		{ "done", no_argument, NULL, 'D' },
		{ "overdue", no_argument, NULL, 'L' },
		{ "today", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *format_name = "table", *today = NULL;
	struct steps_filter filter = { 0 };
	enum cli_format format;
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'o': filter.owner = optarg; break;
		case 'O': filter.open = 1; break;
		case 'D': filter.done = 1; break;
		case 'L': filter.overdue = 1; break;
		case 't': today = optarg; break;
		case 'f': format_name = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default: return cli_option_error(&S_usage, c, argv, options);
		}
	}
	if (optind != argc)
		return cli_usage_error(&S_usage, "steps takes no arguments, only options ('%s')",
				       argv[optind]);
	if (filter.open + filter.done + filter.overdue > 1)
		return cli_usage_error(&S_usage, "choose one of --open, --done and --overdue");
	if (cli_format_option(&S_usage, format_name, CLI_TABLE_JSON_CSV, &format) < 0)
		return EXIT_TROUBLE;
	if (today && cli_day_option(&S_usage, "today", today, &filter.today) < 0)
		return EXIT_TROUBLE;
	if (!today && date_today(&filter.today) < 0)
		return error("cannot tell today's date; give it with --today"), EXIT_TROUBLE;
	if (cli_chdir(dir) < 0)
		return EXIT_TROUBLE;

	struct corpus corpus;
	struct config *config;
	char *root;
	if (cli_open_corpus(&root, &config, &corpus, CORPUS_STEPS) < 0)
		return EXIT_TROUBLE;
	struct steps_list list;
	struct table table = TABLE_INIT;
	steps_select(&list, &corpus, &filter);
	steps_table(&table, &list);
	int r = cli_print_table(&table, format);
	if (r == 0 && !table.nrows)
		fputs("no steps match\n", stderr);
	table_release(&table);
	steps_list_release(&list);
	corpus_release(&corpus);
	config_free(config);
	free(root);
	return r < 0 ? EXIT_TROUBLE : EXIT_OK;
}
