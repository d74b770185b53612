#include <stdio.h>
#include <stdlib.h>

#include "parse_options.h"
#include "cmd.h"
#include "config.h"
#include "diag_print.h"
#include "index.h"
#include "refresh.h"

static const struct cmd_usage S_usage = {
	"index",
	"index [--rebuild] [--verbose]",
	"Bring the index of the notes up to date. Every query command does\n"
	"this by itself; run it to see what it does, or with --rebuild to make\n"
	"the index afresh (after it was damaged, say). The index lives in the\n"
	"git folder (.git/perennial/index.db) and is never committed.",
};

int cmd_index(int argc, char **argv)
{
	int rebuild = 0, verbose = 0;
	const struct opt opts[] = {
		OPT_BOOL("rebuild", &rebuild, "delete the index and make it again"),
		OPT_BOOL_SHORT('v', "verbose", &verbose, "say how many notes were read and parsed"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;

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
