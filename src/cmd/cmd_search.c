#include <stdio.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "index.h"
#include "search_query.h"
#include "strbuf.h"

static const struct cmd_usage S_usage = {
	"search",
	"search [--format table|json|csv] QUERY...",
	"Search the title and text of the notes of the working tree, best\n"
	"match first, with the words found shown in **bold** in a snippet. The\n"
	"words of QUERY are one query:\n"
	"\n"
	"    rent repairs         notes with both words\n"
	"    rent OR repairs      notes with either\n"
	"    rent NOT repairs     notes with rent and without repairs\n"
	"    '\"heads and hearts\"' the phrase: the double quotes must reach\n"
	"                         perennial, so put the shell's quotes around them\n"
	"    relation*            words that begin with relation\n"
	"    '\"floor captain\"*'   the phrase, its last word a beginning\n"
	"    title:training       the word in the title only (body: in the text)\n"
	"    (rent OR mold) AND tenants\n"
	"\n"
	"Case and accents do not matter (Ines finds Inés), nor the form of a\n"
	"word (repair finds repairs, repaired). AND, OR and NOT are written in\n"
	"capitals. A word with a hyphen or other marks is a phrase: maria-g,\n"
	"data-entry. A private note is found, but its words are never shown:\n"
	"open it to read it. Columns: date, title, match (the snippet), path.",
	NULL,  /* no actions */
};


static int S_search(struct table *out, struct index *ix, const void *query)
{
	return index_search(out, ix, query);
}

int cmd_search(int argc, char **argv)
{
	enum cli_format format = CLI_FORMAT_TABLE;
	const struct opt opts[] = {
		OPT_FORMAT(&format, CLI_TABLE_JSON_CSV, "FORMAT",
			   "table (default; fits the terminal), json or csv"),
		OPT_END(),
	};
	int status;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);
	if (argi < 0)
		return status;

	struct strbuf query = STRBUF_INIT;
	for (int i = argi; i < argc; i++) {
		if (query.len)
			strbuf_addch(&query, ' ');
		strbuf_addstr(&query, argv[i]);
	}
	if (!query.len || query.buf[strspn(query.buf, " \t\n")] == '\0') {
		strbuf_release(&query);
		return usage_error(&S_usage, "what should be searched for? Give a QUERY");
	}
	struct strbuf fts = STRBUF_INIT, why = STRBUF_INIT;
	if (search_query_parse(&fts, query.buf, &why) != 0)
		status = usage_error(&S_usage, "%s", why.buf);
	else
		status = cli_query(S_search, fts.buf, format, 1, NULL);
	strbuf_release(&query);
	strbuf_release(&fts);
	strbuf_release(&why);
	return status;
}
