#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "config.h"
#include "diag_print.h"
#include "error.h"
#include "pages.h"
#include "report.h"
#include "repo.h"
#include "run_report.h"
#include "site.h"
#include "workspace.h"
#include "strbuf.h"
#include "xalloc.h"

static const struct cmd_usage S_usage = {
	"report",
	"report [--week YYYY-Www|last|all] [--rev REV] [--format md,html,json]\n"
	"                        [--today D] [--commit [--author 'NAME <EMAIL>']]\n"
	"   or: perennial report --site DIR [--rev REV] [--today D]",
	"Write the weekly pages of a commit's notes (HEAD by default) into the\n"
	"reports folder: WEEK.md and WEEK.html, and index.md and index.html with\n"
	"every week that has a page. The same commit and options always give the\n"
	"same bytes. --week last (the default) is the week before today's, and\n"
	"gets no page when it had no conversation; a week named gets one anyway;\n"
	"all writes every week with a conversation. Pages link only to pages\n"
	"there are. --format json prints the data the pages are made from\n"
	"instead of writing them. A page with edits not committed is never\n"
	"replaced. --commit records the pages as one commit on the current\n"
	"branch: HEAD's tree and the pages, nothing else staged; no commit when\n"
	"nothing changed. --site writes the HTML pages of every week with a\n"
	"conversation and their index into DIR instead, a static site for any\n"
	"web server: DIR lies apart from the notes, and is new, empty or a site\n"
	"written before (its " SITE_MARKER " lists the pages it replaces).",
	NULL,  /* no actions */
};

/*
 * The model of each week asked, as JSON on stdout: one object, or an
 * array for all, each week printed and freed before the next is made.
 */
static int S_print_json(const struct snapshot *snap, const struct iso_week *weeks, size_t nweeks,
			int all, const struct date *today)
{
	struct report_options options = { { 0, 0 }, *today, snap->commit, NULL, 0 };
	struct cli_json_array array = CLI_JSON_ARRAY_INIT;
	struct iso_week *paged;
	int r = 0;
	/* Linked as the pages of the default formats would be. */
	if (pages_weeks(&paged, &options.npaged, snap, "", weeks, nweeks, PAGES_MD | PAGES_HTML) < 0)
		return -1;
	options.paged = paged;
	struct report *report = report_new(&snap->corpus, snap->config, REPORT_LINK_NOTES);
	for (size_t i = 0; i < nweeks && r == 0; i++) {
		options.week = weeks[i];
		json_t *model = report_week(report, &options);
		if (!model) {
			r = -1;
		} else if (all) {
			cli_json_array_add(&array, model);
		} else {
			r = cli_print_json(model);
			json_decref(model);
		}
	}
	report_free(report);
	free(paged);
	/* An array cut short by an error is left open: no one mistakes it for the whole. */
	return all && r == 0 ? cli_json_array_end(&array) : r;
}

int cmd_report(int argc, char **argv)
{
	const char *week_arg = NULL, *rev = "HEAD", *format_arg = NULL, *author_arg = NULL;
	const char *site_arg = NULL;
	struct opt_day today = { 0 };
	int commit = 0;
	const struct opt opts[] = {
		OPT_STRING("week", &week_arg, "WEEK", "YYYY-Www (ISO week), last (default) or all"),
		OPT_STRING("rev", &rev, "REV", "the commit to report on (default HEAD)"),
		OPT_STRING("format", &format_arg, "LIST",
			   "md, html and json, comma-separated (default md,html)"),
		OPT_DAY("today", &today, "D", "the day the report is made on (default today):\n"
			"steps are open or overdue as of then"),
		OPT_BOOL("commit", &commit, "commit the pages (author from git config)"),
		OPT_STRING("author", &author_arg, "WHO", "'Name <email>' for the commit"),
		OPT_STRING("site", &site_arg, "DIR", "write the HTML pages of every week and\n"
			   "their index into DIR, a static site"),
		OPT_END(),
	};
	struct repo_person author = { NULL, NULL };
	char *author_text = NULL;
	struct iso_week week = { 0, 0 };
	unsigned formats;
	int status = EXIT_TROUBLE;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;
	if (site_arg && (week_arg || format_arg || commit))
		return usage_error(&S_usage, "--site writes the HTML pages of every week: not with"
				   " --%s", week_arg ? "week" : format_arg ? "format" : "commit");
	if (site_arg && !*site_arg)
		return usage_error(&S_usage, "--site needs a folder");
	if (!week_arg)
		week_arg = site_arg ? "all" : "last";
	if (run_report_formats(&S_usage, format_arg ? format_arg : site_arg ? "html" : "md,html",
			       &formats) < 0)
		return EXIT_TROUBLE;
	if (commit && formats == RUN_REPORT_JSON)
		return usage_error(&S_usage, "--commit writes pages: not with --format json");
	if (commit && strcmp(rev, "HEAD") != 0)
		return usage_error(&S_usage, "--commit reports on HEAD, the commit it adds to:"
				   " leave out --rev");
	if (author_arg && !commit)
		return usage_error(&S_usage, "--author is for --commit");
	if (!today.text && date_today(&today.day) < 0)
		return error("cannot tell today's date; give it with --today"), EXIT_TROUBLE;
	int all, last;
	if (run_report_week(&S_usage, week_arg, &today, 1, &week, &last, &all) < 0 ||
	    (author_arg && run_report_author(&S_usage, author_arg, &author, &author_text) < 0))
		return EXIT_TROUBLE;

	struct workspace ws = WORKSPACE_INIT;
	struct snapshot snap = { 0 };
	struct pages pages = PAGES_INIT;
	struct iso_week *weeks = &week;
	size_t nweeks = 1;
	struct diag_list diags = DIAG_LIST_INIT;
	/* One week's page reads the mentions of its trend's notes alone. */
	struct date from, until;
	if (!all)
		report_mentions_days(&week, &from, &until);
	int opened = workspace_find(&ws, ".") < 0 ? -1
		: snapshot_open(&snap, &ws, rev, all ? NULL : &from, all ? NULL : &until, &diags);
	cli_tell(&snap.mended);
	/* perennial.yml's problems first, then what they meant. */
	diag_print_text(stderr, &diags, cli_color("auto", stderr));
	diag_list_release(&diags);
	if (opened < 0)
		goto done;
	if (all)
		nweeks = report_weeks(&snap.corpus, &weeks);
	/* A week without a conversation gets a page only when asked for by name. */
	int empty_last = last && !report_has_conversation(&snap.corpus, &week);
	if (empty_last && formats != RUN_REPORT_JSON) {
		char name[ISO_WEEK_SIZE];
		iso_week_format(name, &week);
		fprintf(stderr, "%s had no conversation: no page for it (--week %s writes one)\n",
			name, name);
		nweeks = 0;
	}
	if (formats == RUN_REPORT_JSON) {
		status = S_print_json(&snap, weeks, nweeks, all, &today.day) < 0 ? EXIT_TROUBLE : EXIT_OK;
		goto done;
	}
	if (site_arg) {
		int made = pages_make_site(&pages, &snap, site_arg, weeks, nweeks, &today.day);
		status = made < 0 || run_report_write(&pages) < 0 ? EXIT_TROUBLE : EXIT_OK;
		goto done;
	}
	if (!commit)
		pages_write_as_made(&pages, &snap);
	if (pages_make(&pages, &snap, weeks, nweeks, &today.day, formats) < 0)
		goto done;
	struct strbuf message = STRBUF_INIT;
	char name[ISO_WEEK_SIZE];
	iso_week_format(name, &week);
	if (all)
		strbuf_addstr(&message, "Weekly reports, every week");
	else if (nweeks)
		strbuf_addf(&message, "Weekly report %s", name);
	else
		strbuf_addstr(&message, "Weekly reports, the index");
	int r = commit ? run_report_commit(&snap, &pages, message.buf, author_arg ? &author : NULL)
		: run_report_write(&pages);
	strbuf_release(&message);
	status = r < 0 ? EXIT_TROUBLE : EXIT_OK;
done:
	if (weeks != &week)
		free(weeks);
	pages_release(&pages);
	snapshot_close(&snap);
	workspace_close(&ws);
	free(author_text);
	return status;
}
