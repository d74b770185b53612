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
#include "progress.h"
#include "strlist.h"
#include "worktree.h"

static const struct cli_usage S_usage = {
	"check",
	"check [--format text|json] [--strict] [PATH...]",
	"Validate notes: every note under the notes folder, or the files and\n"
	"folders given. Exits 0 when there is no error, 1 when there is (or a\n"
	"warning with --strict), 2 when the check itself could not run.",
	"    --format text|json   diagnostics as text (default) or a JSON array\n"
	"    --strict             fail on warnings too\n"
	"    --color WHEN         auto (default), always or never\n",
};

/* The root-relative notes named on the command line, or all of them. */
static int S_collect(struct strlist *paths, struct strlist *all, const char *root,
		     const struct config *config, char **args, int nargs,
		     struct diag_list *diags)
{
	/* Every note is read for its id; its findings count only when it was asked for. */
	struct diag_list listing = DIAG_LIST_INIT;
	int ret = worktree_list(all, root, config->notes_dir, &listing);
	if (ret == 0 && !nargs)
		diag_list_take(diags, &listing);
	diag_list_release(&listing);
	if (ret < 0)
		return -1;
	for (int i = 0; i < nargs; i++) {
		char *rel;
		int is_dir;
		int r = worktree_resolve(&rel, &is_dir, root, args[i], diags);
		if (r < 0)
			return -1;
		if (r == 0 && is_dir && worktree_list(paths, root, rel, diags) < 0) {
			free(rel);
			return -1;
		}
		if (r == 0 && !is_dir)
			strlist_add(paths, rel);
		free(rel);
	}
	if (!nargs)
		for (size_t i = 0; i < all->len; i++)
			strlist_add(paths, all->items[i]);
	strlist_sort_unique(paths);
	return 0;
}

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
	if (errors)
		fprintf(stderr, "%zu error%s in %zu file%s", errors, errors == 1 ? "" : "s",
			S_files_with_errors(diags), S_files_with_errors(diags) == 1 ? "" : "s");
	if (errors && warnings)
		fputs(", ", stderr);
	if (warnings)
		fprintf(stderr, "%zu warning%s", warnings, warnings == 1 ? "" : "s");
	fputs(".\n", stderr);
}

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "strict", no_argument, NULL, 's' },
		{ "color", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *format = "text", *color_when = "auto";
	int strict = 0, c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'f': format = optarg; break;
		case 's': strict = 1; break;
		case 'c': color_when = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default:
			return cli_usage_error(&S_usage, "unknown option '%s'", argv[optind - 1]);
		}
	}
	int json = strcmp(format, "json") == 0;
	if (!json && strcmp(format, "text") != 0)
		return cli_usage_error(&S_usage, "--format must be text or json, not '%s'", format);
	int color = cli_color(color_when, stdout);
	if (color < 0)
		return cli_usage_error(&S_usage, "--color must be auto, always or never");
	if (cli_chdir(dir) < 0)
		return EXIT_TROUBLE;

	struct diag_list diags = DIAG_LIST_INIT;
	struct strlist paths = STRLIST_INIT, all = STRLIST_INIT;
	struct config *config = NULL;
	char *root = NULL;
	long notes = -1;
	int status = EXIT_TROUBLE;

	if (cli_open_notes(&root, &config, &diags) == 0 &&
	    S_collect(&paths, &all, root, config, argv + optind, argc - optind, &diags) == 0) {
		struct progress *progress = progress_start("Checking notes");
		notes = check_worktree(config, root, &paths, &all, progress, &diags);
		progress_stop(progress);
	}
	diag_list_sort(&diags);
	if (json)
		diag_print_json(stdout, &diags);
	else
		diag_print_text(stdout, &diags, color);
	if (notes >= 0) {
		if (!json)
			S_summary(notes, &diags);
		if (diag_list_count(&diags, DIAG_ERROR) ||
		    (strict && diag_list_count(&diags, DIAG_WARNING)))
			status = EXIT_INVALID;
		else
			status = EXIT_OK;
	}
	diag_list_release(&diags);
	strlist_release(&paths);
	strlist_release(&all);
	config_free(config);
	free(root);
	return status;
}
