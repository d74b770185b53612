#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "corpus.h"
#include "date.h"
#include "table.h"
#include "themes.h"
#include "themes_print.h"

static const struct cli_usage S_usage = {
	"themes",
	"themes [--since D] [--until D] [--organizer ID] [--format table|json|csv]\n"
	"                        [--codebook]",
	"What the conversations are about, theme by theme, most discussed\n"
	"first: how many notes mention each theme of the codebook (in `themes:`,\n"
	"with a #hashtag, or in words its patterns match), how many mentions,\n"
	"organizers and people, the first and last day, the last 12 weeks as a\n"
	"trend, and the themes it most often comes with. A theme counts its\n"
	"sub-themes' mentions too. The table is followed by a few quotes per\n"
	"theme as evidence, never from private notes or consents\n"
	"privacy.quote leaves out; --format json has all of it.",
	"    --since D            notes on or after the day D (YYYY-MM-DD)\n"
	"    --until D            notes on or before the day D\n"
	"    --organizer ID       notes by this organizer\n"
	"    --format FORMAT      table (default), json or csv\n"
	"    --codebook           the codebook with its counts, as CSV: theme,\n"
	"                         description, mentions, notes\n",
};

static int S_print(const struct themes_report *report, const struct iso_week *trend_end,
		   enum cli_format format)
{
	struct table table = TABLE_INIT;
	int r = 0;

	if (format == CLI_FORMAT_JSON) {
		json_t *json = themes_json(report);
		r = cli_print_json(json);
		json_decref(json);
		return r;
	}
	themes_table(&table, report, trend_end, format == CLI_FORMAT_TABLE);
	r = cli_print_table(&table, format);
	if (r == 0 && format == CLI_FORMAT_TABLE)
		themes_print_evidence(stdout, report, cli_terminal_width());
	if (!table.nrows)
		fputs("no theme is mentioned in these notes\n", stderr);
	table_release(&table);
	return r;
}

int cmd_themes(int argc, char **argv)
{
	static const struct option options[] = {
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "organizer", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "codebook", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *format_name = NULL, *since_arg = NULL, *until_arg = NULL;
	struct themes_filter filter = { 0 };
	struct date since, until;
	enum cli_format format = CLI_FORMAT_TABLE;
	int codebook = 0, c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 's': since_arg = optarg; break;
		case 'u': until_arg = optarg; break;
		case 'o': filter.organizer = optarg; break;
		case 'f': format_name = optarg; break;
		case 'c': codebook = 1; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default: return cli_option_error(&S_usage, c, argv, options);
		}
	}
	if (optind != argc)
		return cli_usage_error(&S_usage, "themes takes no arguments, only options ('%s')",
				       argv[optind]);
	if (codebook && format_name)
		return cli_usage_error(&S_usage, "--codebook is always CSV: leave out --format");
	if (format_name && cli_format_option(&S_usage, format_name, CLI_TABLE_JSON_CSV, &format) < 0)
		return EXIT_TROUBLE;
	if ((since_arg && cli_day_option(&S_usage, "since", since_arg, &since) < 0) ||
	    (until_arg && cli_day_option(&S_usage, "until", until_arg, &until) < 0))
		return EXIT_TROUBLE;
	if (since_arg && until_arg && date_compare(&since, &until) > 0)
		return cli_usage_error(&S_usage, "--since %s is after --until %s", since_arg, until_arg);
	filter.since = since_arg ? &since : NULL;
	filter.until = until_arg ? &until : NULL;
	if (cli_chdir(dir) < 0)
		return EXIT_TROUBLE;

	struct corpus corpus;
	struct config *config;
	char *root;
	if (cli_open_corpus(&root, &config, &corpus, CORPUS_MENTIONS) < 0)
		return EXIT_TROUBLE;
	struct themes_report report;
	themes_summarize(&report, &corpus, config, &filter);
	/* The trend ends with --until's week, else with the latest note's. */
	struct iso_week trend_end = until_arg ? date_iso_week(&until) : report.last_week;
	int r;
	if (codebook) {
		struct table table = TABLE_INIT;
		themes_codebook(&table, &report);
		r = cli_print_table(&table, CLI_FORMAT_CSV);
		table_release(&table);
	} else {
		r = S_print(&report, &trend_end, format);
	}
	themes_report_release(&report);
	corpus_release(&corpus);
	config_free(config);
	free(root);
	return r < 0 ? EXIT_TROUBLE : EXIT_OK;
}
