#include <stdio.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "index.h"

static const struct cmd_usage S_usage = {
	"export",
	"export [--format csv|jsonl] [--what conversations|people|steps]",
	"Write the notes of the working tree as a flat file a CRM or a\n"
	"spreadsheet can import, on standard output: CSV (RFC 4180, a header\n"
	"line, CRLF line ends) or JSON lines (one object a line, keys as the\n"
	"CSV header, null for no value, counts and line numbers as numbers).\n"
	"Lists are one cell, items joined with \", \" (organizers with \",\").\n"
	"The columns:\n"
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
	NULL,  /* no actions */
};

static int S_export(struct table *out, struct index *ix, const void *what)
{
	return index_export(out, ix, *(const enum index_export *)what);
}

int cmd_export(int argc, char **argv)
{
	static const struct {
		const char *name;
		enum index_export what;
	} whats[] = {
		{ "conversations", INDEX_EXPORT_CONVERSATIONS },
		{ "people", INDEX_EXPORT_PEOPLE },
		{ "steps", INDEX_EXPORT_STEPS },
	};
	const char *format = "csv", *what_name = "conversations";
	const struct opt opts[] = {
		OPT_STRING("format", &format, "FORMAT", "csv (default) or jsonl"),
		OPT_STRING("what", &what_name, "WHAT", "conversations (default), people or steps"),
		OPT_END(),
	};
	int status, jsonl;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		return status;
	jsonl = strcmp(format, "jsonl") == 0;
	if (!jsonl && strcmp(format, "csv") != 0)
		return usage_error(&S_usage, "--format must be csv or jsonl, not '%s'", format);
	size_t w = 0;
	while (w < sizeof(whats) / sizeof(*whats) && strcmp(whats[w].name, what_name) != 0)
		w++;
	if (w == sizeof(whats) / sizeof(*whats))
		return usage_error(&S_usage, "--what must be conversations, people or steps, not '%s'",
				   what_name);

	return cli_query(S_export, &whats[w].what, jsonl ? CLI_FORMAT_JSONL : CLI_FORMAT_CSV, 0,
			 NULL);
}
