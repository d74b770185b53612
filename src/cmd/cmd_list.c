#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "date.h"
#include "index.h"
#include "xalloc.h"

static const struct cli_usage S_usage = {
	"list",
	"list [--organizer ID] [--participant ID] [--theme ID] [--kind K]\n"
	"                      [--since D] [--until D] [--field KEY=VALUE]...\n"
	"                      [--format table|json|csv]",
	"List the notes of the working tree, by date, that match every filter\n"
	"given (all of them with none). The index is brought up to date first.\n"
	"A theme matches when the note mentions it: in `themes:`, with a\n"
	"#hashtag, or in words its codebook patterns match. Columns: date, id,\n"
	"title, organizer, kind, participants, themes (those in the front\n"
	"matter), consent, path (relative to the notes root).",
	"    --organizer ID       notes by this organizer\n"
	"    --participant ID     notes with this person among the participants\n"
	"    --theme ID           notes on this theme\n"
	"    --kind K             notes of this kind (one-on-one, house-meeting, ...)\n"
	"    --since D            notes on or after the day D (YYYY-MM-DD)\n"
	"    --until D            notes on or before the day D (YYYY-MM-DD)\n"
	"    --field KEY=VALUE    notes whose front matter has KEY with VALUE (or\n"
	"                         VALUE among its items); repeat to ask for more\n"
	"    --format FORMAT      table (default; fits the terminal), json or csv\n",
};

static int S_list(struct index *ix, const void *filter, struct table *out)
{
	return index_list(ix, filter, out);
}

int cmd_list(int argc, char **argv)
{
	static const struct option options[] = {
		{ "organizer", required_argument, NULL, 'o' },
		{ "participant", required_argument, NULL, 'p' },
		{ "theme", required_argument, NULL, 't' },
		{ "kind", required_argument, NULL, 'k' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "field", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct index_filter filter = { 0 };
	const char **fields = xcalloc((size_t)argc, sizeof(*fields));
	const char *dir = NULL, *format_name = "table";
	enum cli_format format;
	struct date since, until;
	int c, status = EXIT_TROUBLE;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'o': filter.organizer = optarg; break;
		case 'p': filter.participant = optarg; break;
		case 't': filter.theme = optarg; break;
		case 'k': filter.kind = optarg; break;
		case 's': filter.since = optarg; break;
		case 'u': filter.until = optarg; break;
		case 'F': fields[filter.nfields++] = optarg; break;
		case 'f': format_name = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); status = EXIT_OK; goto done;
		case 'V': cli_print_version(); status = EXIT_OK; goto done;
		default: status = cli_option_error(&S_usage, c, argv, options); goto done;
		}
	}
	filter.fields = fields;
	if (optind != argc) {
		cli_usage_error(&S_usage, "list takes no arguments, only options ('%s')", argv[optind]);
		goto done;
	}
	if (cli_format_option(&S_usage, format_name, CLI_TABLE_JSON_CSV, &format) < 0)
		goto done;
	if ((filter.since && cli_day_option(&S_usage, "since", filter.since, &since) < 0) ||
	    (filter.until && cli_day_option(&S_usage, "until", filter.until, &until) < 0))
		goto done;
	if (filter.since && filter.until && date_compare(&since, &until) > 0) {
		cli_usage_error(&S_usage, "--since %s is after --until %s", filter.since, filter.until);
		goto done;
	}
	for (size_t i = 0; i < filter.nfields; i++) {
		const char *eq = strchr(fields[i], '=');
		if (!eq || eq == fields[i]) {
			cli_usage_error(&S_usage, "--field wants KEY=VALUE, not '%s'", fields[i]);
			goto done;
		}
	}
	if (cli_chdir(dir) < 0)
		goto done;
	status = cli_query(S_list, &filter, format, 1);
done:
	free(fields);
	return status;
}
