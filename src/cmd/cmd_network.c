#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "config.h"
#include "diag_print.h"
#include "error.h"
#include "network.h"
#include "pages.h"
#include "report.h"
#include "repo.h"
#include "run_report.h"
#include "strbuf.h"
#include "table.h"
#include "workspace.h"
#include "xalloc.h"

static const struct cmd_usage S_usage = {
	"network",
	"network fetch\n"
	"   or: perennial network report [--week YYYY-Www|last] [--format md,html,json]\n"
	"                                [--today D] [--commit [--author 'NAME <EMAIL>']]\n"
	"   or: perennial network list [--format table|json|csv] [--today D]\n"
	"   or: perennial network export [--format csv|jsonl] [--today D]",
	"A network repository's perennial.yml names its chapters under\n"
	"network: chapters:, each a notes repository of its own, read through git.\n"
	"  fetch   fetch each chapter's branch into this repository's git folder,\n"
	"          as refs/perennial/chapters/NAME (never a branch of yours), with\n"
	"          git's credential helpers and ssh agent; a chapter that fails is\n"
	"          said, and the others go on\n"
	"  report  write the week's page across the chapters into the reports\n"
	"          folder: network/WEEK.md and .html, and network/index.md and\n"
	"          .html, from the commits fetched; each chapter's own privacy\n"
	"          rules hold, only counts leave a chapter, and quotes only from\n"
	"          the consents its privacy.network lists. --week last (the\n"
	"          default) is the week before today's; --format json prints the\n"
	"          page's data instead; --commit records the pages as one commit\n"
	"  list    each chapter, its fetched commit and that commit's day, and its\n"
	"          counts (notes, people, next steps open and overdue as of today)\n"
	"  export  the same as CSV (default) or JSON lines",
	(const char *const[]){ "fetch", "report", "list", "export", NULL },
};

/* A network repository's workspace, with perennial.yml from the working tree. */
static int S_open(struct workspace *ws)
{
	if (cli_open(ws, CLI_OPEN_CONFIG, NULL) < 0)
		return -1;
	if (ws->config->network)
		return 0;
	workspace_close(ws);
	return error("%s has no 'network:': this is not a network repository\n"
		     "hint: list the chapters it reads, for example\n"
		     "hint:   network: { chapters: { eastside: { url: ../eastside, branch: main } } }",
		     CONFIG_FILE);
}

/*
 * Where a chapter's repository is: a URL (scheme://, or ssh's host:path) as
 * it is; a path, relative to the notes root unless absolute. Malloc'd.
 */
static char *S_url(const struct workspace *ws, const char *url)
{
	size_t colon = strcspn(url, ":"), slash = strcspn(url, "/");
	struct strbuf out = STRBUF_INIT;
	if (strstr(url, "://") || (url[colon] && colon < slash && colon > 1) || url[0] == '/')
		strbuf_addstr(&out, url);
	else
		strbuf_addf(&out, "%s/%s", ws->root, url);
	return strbuf_detach(&out);
}

/* The recorded messages as one sentence, for a chapter's line; none are kept. */
static char *S_take_errors(void)
{
	struct error_message *messages;
	size_t len;
	struct strbuf out = STRBUF_INIT;
	error_take(&messages, &len);
	for (size_t i = 0; i < len; i++)
		strbuf_addf(&out, "%s%s", i ? ": " : "", messages[i].text);
	error_messages_free(messages, len);
	return out.buf ? strbuf_detach(&out) : xstrdup("unknown error");
}

static int S_fetch(void)
{
	struct workspace ws = WORKSPACE_INIT;
	struct repo *repo = NULL;
	size_t failed = 0, nchapters;

	if (S_open(&ws) < 0)
		return EXIT_TROUBLE;
	nchapters = ws.config->nchapters;
	if (repo_open(&repo, ws.root) < 0) {
		workspace_close(&ws);
		return error("a network repository is a git repository: git init, then commit"
			     " its perennial.yml"), EXIT_TROUBLE;
	}
	for (size_t i = 0; i < ws.config->nchapters; i++) {
		const struct chapter *ch = &ws.config->chapters[i];
		char *ref = snapshot_chapter_ref(ch), *url = S_url(&ws, ch->url);
		char before[REPO_BLOB_ID_SIZE] = "", id[REPO_BLOB_ID_SIZE], day[REPO_DAY_SIZE];
		struct strbuf label = STRBUF_INIT, fetching = STRBUF_INIT;
		struct repo *at = NULL;
		char blob[REPO_BLOB_ID_SIZE];

		strbuf_addf(&label, "Fetching %s", ch->name);
		/* Fetched beside it first: a commit without notes never replaces the last good one. */
		strbuf_addf(&fetching, "refs/perennial/fetching/%s", ch->name);
		size_t mark = error_mark();
		int had = repo_commit_day(before, day, repo, ref) == 0;
		error_forget_since(mark);
		int r = repo_fetch(id, repo, url, ch->branch, fetching.buf, label.buf);
		if (r == 0 && (repo_open_at(&at, ws.root, ch->root) < 0 ||
			       (r = repo_file_blob(blob, at, id, CONFIG_FILE)) == 0))
			r = error_set("its branch %s has no %s%s%s: it holds no notes repository"
				      " there", ch->branch, ch->root, *ch->root ? "/" : "",
				      CONFIG_FILE);
		if (r > 0 && repo_set_ref(repo, ref, id) == 0 &&
		    repo_commit_day(id, day, repo, ref) == 0)
			printf("%s: %s %.12s (%s)\n", ch->name,
			       had && strcmp(before, id) == 0 ? "up to date at" : "fetched", id, day);
		else
			r = -1;
		if (repo_set_ref(repo, fetching.buf, NULL) < 0)
			r = -1;
		if (r < 0) {
			char *why = S_take_errors();
			fprintf(stderr, "perennial: error: %s: %s\n", ch->name, why);
			free(why);
			failed++;
		}
		repo_free(at);
		strbuf_release(&label);
		strbuf_release(&fetching);
		free(ref);
		free(url);
	}
	repo_free(repo);
	workspace_close(&ws);
	if (failed)
		fprintf(stderr, "%zu of %zu chapters could not be fetched\n", failed, nchapters);
	return failed ? EXIT_TROUBLE : EXIT_OK;
}

/*
 * The fetched commit of a chapter and its day, read from the repository
 * of `repo`: 1, or 0 with *problem set when it is not fetched yet.
 */
static int S_fetched(char *id, char *day, struct repo *repo, const struct chapter *ch,
		     char **problem)
{
	char *ref = snapshot_chapter_ref(ch);
	int r = repo_commit_day(id, day, repo, ref);
	free(ref);
	if (r == 0)
		return 1;
	*problem = r == 1 ? xstrdup("not fetched yet: run perennial network fetch")
		: S_take_errors();
	return 0;
}

/* A chapter's problems with perennial.yml and its notes, under its name. */
static void S_print_chapter_diags(const struct chapter *ch, struct diag_list *diags)
{
	if (diags->len) {
		fprintf(stderr, "in chapter %s:\n", ch->name);
		diag_print_text(stderr, diags, cli_color("auto", stderr));
	}
	diag_list_release(diags);
}

/* A mapping of a theme the chapter does not have maps nothing: most likely a slip. */
static void S_warn_unmapped(const struct chapter *ch, const struct config *config)
{
	for (size_t t = 0; t < ch->nthemes; t++)
		if (!config_theme(config, ch->themes[t].from))
			fprintf(stderr, "perennial: warning: chapter %s has no theme '%s' to map onto"
				" '%s' (network.chapters.%s.themes)\n", ch->name, ch->themes[t].from,
				ch->themes[t].to, ch->name);
}

/* Every chapter read into n (the others said unread): 0, or -1 after an error. */
static int S_read_chapters(struct network *n, const struct workspace *ws,
			   const struct snapshot *snap, const struct iso_week *week)
{
	struct date from, until;
	report_mentions_days(week, &from, &until);
	for (size_t i = 0; i < snap->config->nchapters; i++) {
		const struct chapter *ch = &snap->config->chapters[i];
		struct diag_list diags = DIAG_LIST_INIT;
		struct snapshot cs;
		char id[REPO_BLOB_ID_SIZE], day[REPO_DAY_SIZE];
		char *problem = NULL;
		int r = 0;

		int fetched = S_fetched(id, day, snap->repo, ch, &problem);
		if (fetched && snapshot_open_chapter(&cs, ws, ch, &from, &until, &diags) == 0) {
			cli_tell(&cs.mended);
			S_warn_unmapped(ch, cs.config);
			r = network_add_chapter(n, i, id, day, &cs.corpus, cs.config);
			snapshot_close(&cs);
		} else {
			if (!problem)
				problem = S_take_errors();
			network_add_unread(n, i, fetched ? id : NULL, fetched ? day : NULL, problem);
			fprintf(stderr, "perennial: warning: chapter %s is left out: %s\n", ch->name,
				problem);
		}
		free(problem);
		S_print_chapter_diags(ch, &diags);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* The week's pages and the index, in the formats asked, into pages. */
static int S_pages(struct pages *pages, const struct snapshot *snap, const struct network *n,
		   const struct iso_week *week, unsigned formats)
{
	static const struct {
		unsigned format;
		const char *ext;
	} kinds[] = { { PAGES_MD, "md" }, { PAGES_HTML, "html" } };
	char name[ISO_WEEK_SIZE];
	int r = 0;

	iso_week_format(name, week);
	json_t *model = network_week(n), *index = network_index(n);
	for (size_t k = 0; r == 0 && k < 2; k++) {
		if (!(formats & kinds[k].format))
			continue;
		struct strbuf path = STRBUF_INIT, template = STRBUF_INIT;
		strbuf_addf(&path, "network/%s.%s", name, kinds[k].ext);
		strbuf_addf(&template, "network-week.%s", kinds[k].ext);
		r = pages_render(pages, snap, template.buf, path.buf, model, kinds[k].format);
		strbuf_reset(&path);
		strbuf_reset(&template);
		strbuf_addf(&path, "network/index.%s", kinds[k].ext);
		strbuf_addf(&template, "network-index.%s", kinds[k].ext);
		if (r == 0)
			r = pages_render(pages, snap, template.buf, path.buf, index, kinds[k].format);
		strbuf_release(&path);
		strbuf_release(&template);
	}
	json_decref(model);
	json_decref(index);
	return r;
}

struct report_args {
	const char *week, *format, *author;
	struct opt_day today;
	int commit;
};

static int S_report(const struct report_args *a)
{
	struct repo_person author = { NULL, NULL };
	char *author_text = NULL;
	struct iso_week week;
	unsigned formats;
	int last, all;

	if (run_report_formats(&S_usage, a->format ? a->format : "md,html", &formats) < 0)
		return EXIT_TROUBLE;
	if (a->commit && formats == RUN_REPORT_JSON)
		return usage_error(&S_usage, "--commit writes pages: not with --format json");
	if (a->author && !a->commit)
		return usage_error(&S_usage, "--author is for --commit");
	if (run_report_week(&S_usage, a->week ? a->week : "last", &a->today, 0, &week, &last,
			    &all) < 0 ||
	    (a->author && run_report_author(&S_usage, a->author, &author, &author_text) < 0))
		return EXIT_TROUBLE;

	struct workspace ws = WORKSPACE_INIT;
	struct snapshot snap = { 0 };
	struct pages pages = PAGES_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct iso_week *paged = NULL;
	struct network *n = NULL;
	int status = EXIT_TROUBLE;
	/* Its own notes, if it has any, are not on the page: only perennial.yml and templates. */
	struct date none_from = { 9999, 12, 31 }, none_until = { 1, 1, 1 };

	int opened = workspace_find(&ws, ".") < 0 ? -1
		: snapshot_open(&snap, &ws, "HEAD", &none_from, &none_until, &diags);
	cli_tell(&snap.mended);
	diag_print_text(stderr, &diags, cli_color("auto", stderr));
	diag_list_release(&diags);
	if (opened < 0)
		goto done;
	if (!snap.config->network) {
		error("%s of HEAD has no 'network:': this is not a network repository\n"
		      "hint: list the chapters under network: chapters:, and commit it", CONFIG_FILE);
		goto done;
	}
	struct network_options options = { week, a->today.day, snap.commit, NULL, 0 };
	if (pages_weeks(&paged, &options.npaged, &snap, "network", &week, 1,
			formats == RUN_REPORT_JSON ? PAGES_MD | PAGES_HTML : formats) < 0)
		goto done;
	options.paged = paged;
	n = network_new(snap.config, &options);
	if (S_read_chapters(n, &ws, &snap, &week) < 0)
		goto done;
	if (formats == RUN_REPORT_JSON) {
		json_t *model = network_week(n);
		status = cli_print_json(model) < 0 ? EXIT_TROUBLE : EXIT_OK;
		json_decref(model);
		goto done;
	}
	if (!a->commit)
		pages_write_as_made(&pages, &snap);
	if (S_pages(&pages, &snap, n, &week, formats) < 0)
		goto done;
	char name[ISO_WEEK_SIZE], message[64];
	iso_week_format(name, &week);
	snprintf(message, sizeof(message), "Network report %s", name);
	int r = a->commit ? run_report_commit(&snap, &pages, message, a->author ? &author : NULL)
		: run_report_write(&pages);
	status = r < 0 ? EXIT_TROUBLE : EXIT_OK;
done:
	network_free(n);
	free(paged);
	pages_release(&pages);
	snapshot_close(&snap);
	workspace_close(&ws);
	free(author_text);
	return status;
}

static const char *const S_list_columns[] = {
	"chapter", "url", "branch", "commit", "day", "notes", "private_notes", "people",
	"open_steps", "overdue_steps", "last_conversation", "problem",
};
enum { COUNTS_FROM = 5, COUNTS_TO = 9, NCOLUMNS = 12 };

/* A chapter's row: what is fetched of it, and its counts when it can be read. */
static void S_list_row(struct table *t, const struct workspace *ws, struct repo *repo,
		       const struct chapter *ch, const struct date *today)
{
	char id[REPO_BLOB_ID_SIZE], day[REPO_DAY_SIZE], counts[5][24];
	const char *cells[NCOLUMNS] = { ch->name, ch->url, ch->branch };
	struct diag_list diags = DIAG_LIST_INIT;
	/* Counts alone: no theme mention is read. */
	struct date none_from = { 9999, 12, 31 }, none_until = { 1, 1, 1 };
	char *problem = NULL;
	struct snapshot cs;

	if (S_fetched(id, day, repo, ch, &problem)) {
		cells[3] = id;
		cells[4] = day;
		if (snapshot_open_chapter(&cs, ws, ch, &none_from, &none_until, &diags) == 0) {
			struct network_counts c;
			network_counts(&c, &cs.corpus, today);
			size_t values[] = { c.notes, c.private_notes, c.people, c.open, c.overdue };
			for (size_t k = 0; k < 5; k++) {
				snprintf(counts[k], sizeof(counts[k]), "%zu", values[k]);
				cells[COUNTS_FROM + k] = counts[k];
			}
			cells[10] = *c.last ? xstrdup(c.last) : NULL;
			cli_tell(&cs.mended);
			snapshot_close(&cs);
		} else {
			problem = S_take_errors();
		}
	}
	cells[11] = problem;
	table_add_row(t, cells);
	free((char *)cells[10]);
	free(problem);
	S_print_chapter_diags(ch, &diags);
}

static int S_list(enum cli_format format, const struct opt_day *today)
{
	struct workspace ws = WORKSPACE_INIT;
	struct table t = TABLE_INIT;
	struct repo *repo;

	if (S_open(&ws) < 0)
		return EXIT_TROUBLE;
	if (repo_open(&repo, ws.root) < 0) {
		workspace_close(&ws);
		return error("a network repository is a git repository: git init, then commit"
			     " its perennial.yml"), EXIT_TROUBLE;
	}
	table_set_columns(&t, S_list_columns, NCOLUMNS);
	for (size_t k = COUNTS_FROM; k <= COUNTS_TO; k++)
		table_set_number(&t, k);
	for (size_t i = 0; i < ws.config->nchapters; i++)
		S_list_row(&t, &ws, repo, &ws.config->chapters[i], &today->day);
	int r = cli_print_table(&t, format);
	table_release(&t);
	repo_free(repo);
	workspace_close(&ws);
	return r < 0 ? EXIT_TROUBLE : EXIT_OK;
}

int cmd_network(int argc, char **argv)
{
	struct report_args a = { NULL, NULL, NULL, { 0 }, 0 };
	const struct opt opts[] = {
		OPT_STRING("week", &a.week, "WEEK", "report: YYYY-Www (ISO week) or last (default)"),
		OPT_STRING("format", &a.format, "FORMAT", "report: md, html and json (default\n"
			   "md,html); list: table, json or csv;\nexport: csv or jsonl"),
		OPT_DAY("today", &a.today, "D", "the day it is made on (default today): steps\n"
			"are open or overdue as of then"),
		OPT_BOOL("commit", &a.commit, "report: commit the pages (author from git config)"),
		OPT_STRING("author", &a.author, "WHO", "'Name <email>' for the commit"),
		OPT_END(),
	};
	int status;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);
	if (argi < 0)
		return status;
	/* parse_options took one of S_actions. */
	const char *action = argv[argi];
	int report = strcmp(action, "report") == 0, list = strcmp(action, "list") == 0;
	int fetch = strcmp(action, "fetch") == 0;
	if (!report && (a.week || a.commit || a.author))
		return usage_error(&S_usage, "--%s goes with report",
				   a.week ? "week" : a.commit ? "commit" : "author");
	if (fetch && (a.format || a.today.text))
		return usage_error(&S_usage, "fetch takes no option but -C");
	if (!a.today.text && date_today(&a.today.day) < 0)
		return error("cannot tell today's date; give it with --today"), EXIT_TROUBLE;
	if (fetch)
		return S_fetch();
	if (report)
		return S_report(&a);
	enum cli_format format = list ? CLI_FORMAT_TABLE : CLI_FORMAT_CSV;
	unsigned allowed = list ? CLI_TABLE_JSON_CSV
		: (1u << CLI_FORMAT_CSV) | (1u << CLI_FORMAT_JSONL);
	if (a.format && opt_format(&S_usage, a.format, allowed, &format) != 0)
		return EXIT_TROUBLE;
	return S_list(format, &a.today);
}
