#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "index.h"
#include "strbuf.h"

static const struct cli_usage S_usage = {
	"search",
	"search [--format table|json|csv] QUERY...",
	"Search the title and text of the notes of the working tree, best\n"
	"match first, with the words found shown in **bold** in a snippet. The\n"
	"words of QUERY are one query (SQLite FTS5):\n"
	"\n"
	"    rent repairs         notes with both words (case does not matter)\n"
	"    rent OR repairs      notes with either\n"
	"    rent NOT repairs     notes with rent and without repairs\n"
	"    '\"heads and hearts\"' the phrase: the double quotes must reach\n"
	"                         perennial, so put the shell's quotes around them\n"
	"    relation*            words that begin with relation\n"
	"    '\"floor captain\"*'   the phrase, its last word a beginning\n"
	"    title:training       the word in the title only (body: in the text)\n"
	"    (rent OR mold) AND tenants\n"
	"\n"
	"AND, OR and NOT are written in capitals. Words are letters and digits:\n"
	"write a word with a hyphen or other marks as a phrase ('\"data-entry\"').\n"
	"A private note is found, but its words are never shown: open it to read\n"
	"it. Columns: date, title, match (the snippet), path.",
	"    --format FORMAT      table (default; fits the terminal), json or csv\n",
};


static int S_search(struct index *ix, const void *query, struct table *out)
{
	return index_search(ix, query, out);
}

int cmd_search(int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *format_name = "table";
	enum cli_format format;
	int c;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":C:", options, NULL)) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'f': format_name = optarg; break;
		case 'h': cli_print_usage(stdout, &S_usage); return EXIT_OK;
		case 'V': cli_print_version(); return EXIT_OK;
		default: return cli_option_error(&S_usage, c, argv, options);
		}
	}
	if (strcmp(format_name, "table") == 0)
		format = CLI_FORMAT_TABLE;
	else if (strcmp(format_name, "json") == 0)
		format = CLI_FORMAT_JSON;
	else if (strcmp(format_name, "csv") == 0)
		format = CLI_FORMAT_CSV;
	else
		return cli_usage_error(&S_usage, "--format must be table, json or csv, not '%s'",
				       format_name);

	struct strbuf query = STRBUF_INIT;
	for (int i = optind; i < argc; i++) {
		if (query.len)
			strbuf_addch(&query, ' ');
		strbuf_addstr(&query, argv[i]);
	}
	if (!query.len || query.buf[strspn(query.buf, " \t\n")] == '\0') {
		strbuf_release(&query);
		return cli_usage_error(&S_usage, "what should be searched for? Give a QUERY");
	}
	int status = cli_chdir(dir) < 0 ? EXIT_TROUBLE : cli_query(S_search, query.buf, format, 1);
	strbuf_release(&query);
	return status;
}
