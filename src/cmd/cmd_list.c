#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "corpus.h"
#include "date.h"
#include "index.h"
#include "strlist.h"
#include "workspace.h"

static const struct cmd_usage S_usage = {
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
	NULL,  /* no actions */
};

static int S_list(struct table *out, struct index *ix, const void *filter)
{
	return index_list(out, ix, filter);
}

/* Nothing matched: a filter may name what is in no note, which is a typo more likely than not. */
static int S_check_filters(struct workspace *ws, const void *arg)
{
	const struct index_filter *filter = arg;
	const struct opt_known known[] = {
		{ "organizer", KNOWN_ORGANIZER, filter->organizer },
		{ "participant", KNOWN_PARTICIPANT, filter->participant },
		{ "theme", KNOWN_THEME, filter->theme },
		{ "kind", KNOWN_KIND, filter->kind },
	};
	struct corpus corpus;
	if (!filter->organizer && !filter->participant && !filter->theme && !filter->kind)
		return EXIT_OK;
	if (workspace_corpus(&corpus, ws, CORPUS_MENTIONS) < 0)
		return EXIT_TROUBLE;
	int status = opt_known(&S_usage, known, sizeof(known) / sizeof(*known), &corpus, ws->config);
	corpus_release(&corpus);
	return status;
}

int cmd_list(int argc, char **argv)
{
	struct index_filter filter = { 0 };
	struct strlist fields = STRLIST_INIT;
	struct opt_day since = { 0 }, until = { 0 };
	enum cli_format format = CLI_FORMAT_TABLE;
	const struct opt opts[] = {
		OPT_STRING("organizer", &filter.organizer, "ID", "notes by this organizer"),
		OPT_STRING("participant", &filter.participant, "ID",
			   "notes with this person among the participants"),
		OPT_STRING("theme", &filter.theme, "ID", "notes on this theme"),
		OPT_STRING("kind", &filter.kind, "K", "notes of this kind (one-on-one, house-meeting, ...)"),
		OPT_DAY("since", &since, "D", "notes on or after the day D (YYYY-MM-DD)"),
		OPT_DAY("until", &until, "D", "notes on or before the day D (YYYY-MM-DD)"),
		OPT_STRINGS("field", &fields, "KEY=VALUE",
			    "notes whose front matter has KEY with VALUE (or\n"
			    "VALUE among its items); repeat to ask for more"),
		OPT_FORMAT(&format, CLI_TABLE_JSON_CSV, "FORMAT",
			   "table (default; fits the terminal), json or csv"),
		OPT_END(),
	};
	int status;

	if (parse_options_only(argc, argv, &S_usage, opts, &status) < 0)
		goto done;
	status = EXIT_TROUBLE;
	filter.since = since.text;
	filter.until = until.text;
	if (since.text && until.text && date_compare(&since.day, &until.day) > 0) {
		usage_error(&S_usage, "--since %s is after --until %s", since.text, until.text);
		goto done;
	}
	for (size_t i = 0; i < fields.len; i++) {
		const char *eq = strchr(fields.items[i], '=');
		if (!eq || eq == fields.items[i]) {
			usage_error(&S_usage, "--field wants KEY=VALUE, not '%s'", fields.items[i]);
			goto done;
		}
	}
	filter.fields = (const char *const *)fields.items;
	filter.nfields = fields.len;
	status = cli_query(S_list, &filter, format, 1, S_check_filters);
done:
	strlist_release(&fields);
	return status;
}
