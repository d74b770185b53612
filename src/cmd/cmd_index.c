#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "diag_print.h"
#include "index.h"
#include "refresh.h"

static const struct cli_usage S_usage = {
	"index",
	"index [--rebuild] [--verbose]",
	"Bring the index of the notes up to date. Every query command does\n"
	"this by itself; run it to see what it does, or with --rebuild to make\n"
	"the index afresh (after it was damaged, say). The index lives in the\n"
	"git folder (.git/perennial/index.db) and is never committed.",
	"    --rebuild            delete the index and make it again\n"
	"    --verbose            say how many notes were read and parsed\n",
};

int cmd_index(int argc, char **argv)
{
	static const struct option options[] = {
		{ "rebuild", no_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL;
	int rebuild = 0, verbose = 0, c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:v", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'r': rebuild = 1; break;
		case 'v': verbose = 1; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default: return cli_option_error(&S_usage, c, argv, options);
		}
	}
	if (optind != argc)
		return cli_usage_error(&S_usage, "index takes no arguments");
	if (cli_chdir(dir) < 0)
		return EXIT_TROUBLE;

	struct diag_list diags = DIAG_LIST_INIT;
	struct refresh_stats stats;
	struct config *config;
	struct index *ix;
	char *root;
	int r = cli_open_index(&root, &config, &ix, rebuild, &stats, &diags);

	diag_list_sort(&diags);
	diag_print_text(stderr, &diags, cli_color("auto", stderr));
	diag_list_release(&diags);
	if (r < 0)
		return EXIT_TROUBLE;
	if (verbose)
		printf("%zu notes: %zu unchanged, %zu read, %zu parsed, %zu removed\n",
		       stats.notes, stats.unchanged, stats.read, stats.parsed, stats.removed);
	index_close(ix);
	config_free(config);
	free(root);
	return EXIT_OK;
}
