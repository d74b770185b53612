#include "run_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pages.h"
#include "workspace.h"
#include "xalloc.h"

int run_report_formats(const struct cmd_usage *usage, const char *list, unsigned *out)
{
	char *copy = xstrdup(list), *save = NULL;
	*out = 0;
	for (char *word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		if (strcmp(word, "md") == 0)
			*out |= PAGES_MD;
		else if (strcmp(word, "html") == 0)
			*out |= PAGES_HTML;
		else if (strcmp(word, "json") == 0)
			*out |= RUN_REPORT_JSON;
		else {
			usage_error(usage, "--format takes md, html and json, not '%s'", word);
			free(copy);
			return -1;
		}
	}
	free(copy);
	if (!*out)
		return usage_error(usage, "--format needs md, html or json"), -1;
	if ((*out & RUN_REPORT_JSON) && *out != RUN_REPORT_JSON)
		return usage_error(usage, "--format json prints the data; it goes alone"), -1;
	return 0;
}

int run_report_week(const struct cmd_usage *usage, const char *arg, const struct opt_day *today,
		    int all_too, struct iso_week *week, int *last, int *all)
{
	*all = all_too && strcmp(arg, "all") == 0;
	*last = strcmp(arg, "last") == 0;
	if (*last) {
		struct date a_week_ago = date_from_days(date_to_days(&today->day) - 7);
		*week = date_iso_week(&a_week_ago);
		if (week->year < 1)
			return usage_error(usage, "--today %s has no week before it", today->text), -1;
	} else if (!*all && iso_week_parse(week, arg) < 0) {
		return usage_error(usage, "--week wants YYYY-Www (2020-W21)%s, not '%s'",
				   all_too ? ", last or all" : " or last", arg), -1;
	}
	return 0;
}

int run_report_author(const struct cmd_usage *usage, const char *arg, struct repo_person *author,
		      char **text)
{
	*text = xstrdup(arg);
	if (repo_person_parse(author, *text) == 0)
		return 0;
	free(*text);
	*text = NULL;
	return usage_error(usage, "--author wants 'Name <email>', not '%s'", arg), -1;
}

int run_report_write(struct pages *pages)
{
	if (pages_write(pages) < 0)
		return -1;
	for (size_t i = 0; i < pages->len; i++)
		printf("%s\n", pages->files[i].path);
	return fflush(stdout) == 0 ? 0 : error("cannot write the output");
}

int run_report_commit(const struct snapshot *snap, const struct pages *pages,
		      const char *message, const struct repo_person *author)
{
	char id[REPO_BLOB_ID_SIZE];
	/* The branch must still be where the notes were read from. */
	struct repo_commit_options options = { author, snap->commit, NULL, NULL };
	int r = repo_commit_files(id, snap->repo, pages->files, pages->len, message, &options);
	if (r < 0)
		return -1;
	if (r == 1) {
		fputs("the reports are as committed: nothing to commit\n", stderr);
		return 0;
	}
	for (size_t i = 0; i < pages->len; i++)
		printf("%s\n", pages->files[i].path);
	fprintf(stderr, "committed %.12s: %s\n", id, message);
	return 0;
}
