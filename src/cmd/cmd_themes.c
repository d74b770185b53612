#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "corpus.h"
#include "date.h"
#include "table.h"
#include "themes.h"
#include "themes_print.h"
#include "workspace.h"

static const struct cmd_usage S_usage = {
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
	NULL,  /* no actions */
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

/* What is made of the notes as they are handed over, one at a time. */
struct themes_run {
	const struct workspace *ws;      /* open when the first note is handed over */
	const struct themes_filter *filter;
	struct themes_tally *tally;
	struct known_scan organizer;     /* --organizer, when given */
	struct diag_list gave_up;
};

static void S_start(void *ctx)
{
	struct themes_run *run = ctx;
	themes_tally_free(run->tally);
	run->tally = themes_tally_new(run->ws->config, run->filter);
	if (run->filter->organizer)
		known_scan_start(&run->organizer, run->ws->config, KNOWN_ORGANIZER,
				 run->filter->organizer);
	diag_list_release(&run->gave_up);
}

static int S_each(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	struct themes_run *run = ctx;
	if (run->filter->organizer)
		known_scan_note(&run->organizer, note);
	corpus_note_gave_up(&run->gave_up, note);
	return themes_tally_note(run->tally, corpus, note, 1);
}

int cmd_themes(int argc, char **argv)
{
	struct themes_filter filter = { 0 };
	struct opt_day since = { 0 }, until = { 0 };
	const char *format_name = NULL;
	enum cli_format format = CLI_FORMAT_TABLE;
	int codebook = 0;
	const struct opt opts[] = {
		OPT_DAY("since", &since, "D", "notes on or after the day D (YYYY-MM-DD)"),
		OPT_DAY("until", &until, "D", "notes on or before the day D"),
		OPT_STRING("organizer", &filter.organizer, "ID", "notes by this organizer"),
		OPT_STRING("format", &format_name, "FORMAT", "table (default), json or csv"),
		OPT_BOOL("codebook", &codebook, "the codebook with its counts, as CSV: theme,\n"
			 "description, mentions, notes"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;
	if (codebook && format_name)
		return usage_error(&S_usage, "--codebook is always CSV: leave out --format");
	if (format_name && opt_format(&S_usage, format_name, CLI_TABLE_JSON_CSV, &format) != 0)
		return EXIT_TROUBLE;
	if (since.text && until.text && date_compare(&since.day, &until.day) > 0)
		return usage_error(&S_usage, "--since %s is after --until %s", since.text, until.text);
	filter.since = since.text ? &since.day : NULL;
	filter.until = until.text ? &until.day : NULL;

	struct workspace ws = WORKSPACE_INIT;
	struct corpus corpus;
	struct themes_run run = { &ws, &filter, NULL, { 0 }, DIAG_LIST_INIT };
	if (cli_each_note(&ws, &corpus, S_start, S_each, &run, &run.gave_up) < 0) {
		themes_tally_free(run.tally);
		return EXIT_TROUBLE;
	}
	if (filter.organizer && opt_known_scanned(&S_usage, "organizer", &run.organizer) != 0) {
		themes_tally_free(run.tally);
		corpus_release(&corpus);
		workspace_close(&ws);
		return EXIT_TROUBLE;
	}
	struct themes_report report;
	themes_tally_end(run.tally, &report);
	/* The trend ends with --until's week, else with the latest note's. */
	struct iso_week trend_end = until.text ? date_iso_week(&until.day) : report.last_week;
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
	workspace_close(&ws);
	return r < 0 ? EXIT_TROUBLE : EXIT_OK;
}
