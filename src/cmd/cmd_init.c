#include <stdio.h>
#include <string.h>

#include "parse_options.h"
#include "cmd.h"
#include "config.h"
#include "error.h"
#include "scaffold.h"
#include "strbuf.h"

static const struct cmd_usage S_usage = {
	"init",
	"init [DIR]",
	"Start a notes repository in DIR (default: the current folder, made if\n"
	"it is missing): perennial.yml, a starter with every key explained and\n"
	"one example organizer, the notes/ folder, and templates/ for your own\n"
	"versions of the built-in templates. Refuses when DIR has a\n"
	"perennial.yml already. Then says how to install the pre-commit hook.",
	NULL,  /* no actions */
};

int cmd_init(int argc, char **argv)
{
	const char *target = ".";
	struct strbuf cd = STRBUF_INIT;
	const struct opt opts[] = { OPT_END() };
	int status;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);
	if (argi < 0)
		return status;
	if (argc - argi > 1)
		return usage_error(&S_usage, "init takes one folder, not %d", argc - argi);
	if (argi < argc)
		target = argv[argi];
	if (!*target)
		return usage_error(&S_usage, "the folder cannot be an empty name");
	if (scaffold_init(target) < 0)
		return EXIT_TROUBLE;

	int here = strcmp(target, ".") == 0;
	if (!here) {
		strbuf_addstr(&cd, "cd ");
		scaffold_sh_word(&cd, target);
		strbuf_addstr(&cd, " && ");
	}
	printf("Started a notes repository in %s:\n"
	       "  %-14s the roster, fields, sections, themes and privacy: edit it first\n"
	       "  %-14s one Markdown file a conversation: perennial new \"TITLE\" writes one\n"
	       "  %-14s your own versions of the built-in templates, if you want any\n",
	       here ? "the current folder" : target, CONFIG_FILE, "notes/", "templates/");
	if (scaffold_in_git(target))
		printf("To check every note before it is committed, install the pre-commit hook:\n"
		       "  %sperennial hook install\n", strbuf_str(&cd));
	else
		printf("It is not in a git repository yet. Make it one, then install the\n"
		       "pre-commit hook, which checks every note before it is committed:\n"
		       "  %sgit init && perennial hook install\n", strbuf_str(&cd));
	strbuf_release(&cd);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the output");
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}
