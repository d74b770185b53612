#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "diag_print.h"
#include "error.h"
#include "idcache.h"
#include "progress.h"
#include "repo.h"
#include "strlist.h"
#include "worktree.h"

static const struct cli_usage S_usage = {
	"check",
	"check [--staged | --rev REV] [--format text|json] [--strict] [PATH...]",
	"Validate notes: every note under the notes folder, or the files and\n"
	"folders given. Exits 0 when there is no error, 1 when there is (or a\n"
	"warning with --strict), 2 when the check itself could not run.",
	"    --staged             check what is staged for the next commit\n"
	"    --rev REV            check the notes of a commit (HEAD~1, a branch, ...)\n"
	"    --format text|json   diagnostics as text (default) or a JSON array\n"
	"    --strict             fail on warnings too\n"
	"    --color WHEN         auto (default), always or never\n",
};

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

/* --staged and --rev: the notes as git has them, ids cached by blob. */
static long S_check_git(const struct check_options *o, const char *root,
			const struct config *config, struct diag_list *diags)
{
	struct repo *repo = NULL;
	struct repo_entries entries = REPO_ENTRIES_INIT;
	struct strlist paths = STRLIST_INIT, prefixes = STRLIST_INIT;
	long notes = -1;

	for (int i = 0; i < o->nargs; i++) {
		char *rel;
		if (worktree_relative(&rel, root, o->args[i]) < 0)
			goto done;
		strlist_add_owned(&prefixes, rel);
	}
	if (repo_open(&repo, root) < 0)
		goto done;
	if (o->rev ? repo_list_commit(repo, o->rev, config->notes_dir, &entries) < 0
		   : repo_list_index(repo, config->notes_dir, &entries) < 0 ||
		     repo_staged_changes(repo, config->notes_dir, &paths) < 0)
		goto done;
	for (size_t i = 0; o->rev && i < entries.len; i++)
		strlist_add(&paths, entries.items[i].path);
	strlist_keep_under(&paths, &prefixes);

	struct idcache *ids = idcache_load(repo_common_dir(repo));
	struct progress *progress = progress_start("Checking notes");
	notes = check_repo(config, repo, &entries, &paths, ids, progress, diags);
	progress_stop(progress);
	idcache_save(ids);
	idcache_free(ids);
done:
	repo_entries_release(&entries);
	strlist_release(&paths);
	strlist_release(&prefixes);
	repo_free(repo);
	return notes;
}

static long S_check_files(const struct check_options *o, const char *root,
			  const struct config *config, struct diag_list *diags)
{
	struct strlist paths = STRLIST_INIT, all = STRLIST_INIT;
	long notes = -1;

	if (worktree_select(&paths, &all, root, config->notes_dir, o->args, o->nargs, diags) == 0) {
		struct progress *progress = progress_start("Checking notes");
		notes = check_worktree(config, root, &paths, &all, progress, diags);
		progress_stop(progress);
	}
	strlist_release(&paths);
	strlist_release(&all);
	return notes;
}

int cmd_check_run(const struct check_options *o)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct config *config = NULL;
	char *root = NULL;
	long notes = -1;
	int status = EXIT_TROUBLE;

	if (cli_open_notes(&root, &config, &diags) == 0)
		notes = o->staged || o->rev ? S_check_git(o, root, config, &diags)
					    : S_check_files(o, root, config, &diags);
	diag_list_sort(&diags);
	if (o->json)
		diag_print_json(stdout, &diags);
	else
		diag_print_text(stdout, &diags, o->color);
	/* Flushed before the summary on stderr, to keep the order when both are one. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the findings: %s", strerror(errno));
		notes = -1;
	}
	if (notes >= 0) {
		if (!o->json)
			S_summary(notes, &diags);
		if (diag_list_count(&diags, DIAG_ERROR) ||
		    (o->strict && diag_list_count(&diags, DIAG_WARNING)))
			status = EXIT_INVALID;
		else
			status = EXIT_OK;
	}
	diag_list_release(&diags);
	config_free(config);
	free(root);
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "staged", no_argument, NULL, 'S' },
		{ "rev", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "strict", no_argument, NULL, 's' },
		{ "color", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_options o = { 0 };
	const char *dir = NULL, *format = "text", *color_when = "auto";
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'S': o.staged = 1; break;
		case 'r': o.rev = optarg; break;
		case 'f': format = optarg; break;
		case 's': o.strict = 1; break;
		case 'c': color_when = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default:
			return cli_option_error(&S_usage, c, argv, options);
		}
	}
	o.json = strcmp(format, "json") == 0;
	if (!o.json && strcmp(format, "text") != 0)
		return cli_usage_error(&S_usage, "--format must be text or json, not '%s'", format);
	if (o.staged && o.rev)
		return cli_usage_error(&S_usage, "--staged and --rev cannot be used together");
	o.color = cli_color(color_when, stdout);
	if (o.color < 0)
		return cli_usage_error(&S_usage, "--color must be auto, always or never");
	if (cli_chdir(dir) < 0)
		return EXIT_TROUBLE;
	o.args = argv + optind;
	o.nargs = argc - optind;
	return cmd_check_run(&o);
}
