#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "index.h"

static const struct cli_usage S_usage = {
	"export",
	"export [--format csv|jsonl] [--what conversations|people|steps]",
	"Write the notes of the working tree as a flat file a CRM or a\n"
	"spreadsheet can import, on standard output: CSV (RFC 4180, a header\n"
	"line, CRLF line ends) or JSON lines (one object a line, keys as the\n"
	"CSV header, null for no value). Lists are one cell, items joined with\n"
	"\", \" (organizers with \",\"). The columns:\n"
	"\n"
	"  conversations (one row a note, by date):\n"
	"    date, id, title, organizer, kind, participants, themes (those in the\n"
	"    front matter), consent, path (relative to the notes root)\n"
	"  people (one row a participant, by id):\n"
	"    person, conversations (how many notes), first_seen, last_seen (dates),\n"
	"    organizers (who met them)\n"
	"  steps (one row a next step, by note date, then line):\n"
	"    note (its id), opened (its date), owner, step, due, done (yes or no),\n"
	"    path, line",
	"    --format FORMAT      csv (default) or jsonl\n"
	"    --what WHAT          conversations (default), people or steps\n",
};

static int S_export(struct index *ix, const void *what, struct table *out)
{
	return index_export(ix, *(const enum index_export *)what, out);
}

int cmd_export(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "what", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct {
		const char *name;
		enum index_export what;
	} whats[] = {
		{ "conversations", INDEX_EXPORT_CONVERSATIONS },
		{ "people", INDEX_EXPORT_PEOPLE },
		{ "steps", INDEX_EXPORT_STEPS },
	};
	const char *dir = NULL, *format = "csv", *what_name = "conversations";
	int c, jsonl;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'f': format = optarg; break;
		case 'w': what_name = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default: return cli_option_error(&S_usage, c, argv, options);
		}
	}
	if (optind != argc)
		return cli_usage_error(&S_usage, "export takes no arguments, only options ('%s')",
				       argv[optind]);
	jsonl = strcmp(format, "jsonl") == 0;
	if (!jsonl && strcmp(format, "csv") != 0)
		return cli_usage_error(&S_usage, "--format must be csv or jsonl, not '%s'", format);
	size_t w = 0;
	while (w < sizeof(whats) / sizeof(*whats) && strcmp(whats[w].name, what_name) != 0)
		w++;
	if (w == sizeof(whats) / sizeof(*whats))
		return cli_usage_error(&S_usage,
				       "--what must be conversations, people or steps, not '%s'",
				       what_name);
	if (cli_chdir(dir) < 0)
		return EXIT_TROUBLE;

	return cli_query(S_export, &whats[w].what, jsonl ? CLI_FORMAT_JSONL : CLI_FORMAT_CSV, 0);
}
