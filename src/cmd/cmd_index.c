#include <stdio.h>
#include <stdlib.h>

#include "parse_options.h"
#include "workspace.h"
#include "cmd.h"

static const struct cmd_usage S_usage = {
	"index",
	"index [--rebuild] [--verbose]",
	"Bring the index of the notes up to date. Every query command does\n"
	"this by itself; run it to see what it does, or with --rebuild to make\n"
	"the index afresh. The index lives in the git folder\n"
	"(.git/perennial/index.db) and is never committed; one found damaged is\n"
	"moved aside to index.db.damaged and made again.",
	NULL,  /* no actions */
};

int cmd_index(int argc, char **argv)
{
	int rebuild = 0, verbose = 0;
	const struct opt opts[] = {
		OPT_BOOL("rebuild", &rebuild, "make the index afresh"),
		OPT_BOOL_SHORT('v', "verbose", &verbose, "say how many notes were read and parsed"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;

	struct workspace ws = WORKSPACE_INIT;
	if (cli_open(&ws, rebuild ? CLI_OPEN_REBUILD : CLI_OPEN_INDEX, NULL) < 0)
		return EXIT_TROUBLE;
	if (verbose)
		printf("%zu notes: %zu unchanged, %zu read, %zu parsed, %zu removed\n",
		       ws.stats.notes, ws.stats.unchanged, ws.stats.read, ws.stats.parsed,
		       ws.stats.removed);
	workspace_close(&ws);
	return EXIT_OK;
}
