#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "error.h"
#include "progress_bar.h"
#include "strbuf.h"
#include "suggest.h"

static const struct cmd_entry S_commands[] = {
	{ "init", cmd_init, "start a notes repository: perennial.yml, notes/, templates/" },
	{ "new", cmd_new, "write a new note from the note template and print its path" },
	{ "check", cmd_check, "validate notes: fields, dates, people, themes, next steps" },
	{ "hook", cmd_hook, "install, remove or run the pre-commit hook" },
	{ "index", cmd_index, "bring the index of the notes up to date" },
	{ "list", cmd_list, "list the notes by organizer, person, theme, kind, date, field" },
	{ "search", cmd_search, "full-text search of the notes, best match first" },
	{ "export", cmd_export, "conversations, people or next steps as CSV or JSON lines" },
	{ "themes", cmd_themes, "what the conversations are about, theme by theme" },
	{ "steps", cmd_steps, "the next steps, by owner: overdue, open and done" },
	{ "report", cmd_report, "write a week's report pages into the repository" },
	{ "lsp", cmd_lsp, "a language server: check's findings in the editor, as you type" },
	{ "network", cmd_network, "fetch the chapters of a network, and write its weekly page" },
};

#define NCOMMANDS (sizeof(S_commands) / sizeof(S_commands[0]))

static void S_usage(FILE *out)
{
	fputs("usage: perennial [-C DIR] <command> [<args>]\n\n"
	      "Conversation notes in git: validated, indexed, reported.\n\n"
	      "commands:\n", out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "    %-10s %s\n", S_commands[i].name, S_commands[i].summary);
	fputs("\nSee 'perennial <command> --help' for a command's options.\n", out);
}

/*
 * Git hands hooks paths relative to where it started them; -C moves away
 * from there, so they are made absolute first.
 */
static void S_absolute_git_env(void)
{
	static const char *const names[] = { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE" };
	char cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd)))
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		const char *value = getenv(names[i]);
		if (!value || !*value || value[0] == '/')
			continue;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s/%s", cwd, value);
		setenv(names[i], sb.buf, 1);
		strbuf_release(&sb);
	}
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	int i = 1;

	S_absolute_git_env();
	progress_set_display(&progress_bar);
	/* Left out of the usage: what the shell completions ask (cmd.h). */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return cmd_complete(argc - 1, argv + 1, S_commands, NCOMMANDS);

	/* Options before the command, as in `git -C DIR status`. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			S_usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			cli_print_version();
			return EXIT_OK;
		} else if (strcmp(argv[i], "-C") == 0) {
			if (i + 1 == argc) {
				fputs("perennial: -C needs a folder\n", stderr);
				return EXIT_TROUBLE;
			}
			dir = argv[++i];
		} else {
			fprintf(stderr, "perennial: unknown option '%s'\n", argv[i]);
			S_usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	if (i == argc) {
		S_usage(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[i], "help") == 0 && i + 1 == argc) {
		S_usage(stdout);
		return EXIT_OK;
	}
	const char *name = strcmp(argv[i], "help") == 0 ? argv[i + 1] : argv[i];
	for (size_t c = 0; c < NCOMMANDS; c++) {
		if (strcmp(S_commands[c].name, name) != 0)
			continue;
		if (name != argv[i]) {
			char *help[] = { argv[i + 1], "--help", NULL };
			return S_commands[c].run(2, help);
		}
		if (cli_chdir(dir) < 0)
			return EXIT_TROUBLE;
		int status = S_commands[c].run(argc - i, argv + i);
		cli_print_errors();
		return status;
	}
	const char *names[NCOMMANDS];
	for (size_t c = 0; c < NCOMMANDS; c++)
		names[c] = S_commands[c].name;
	const char *close = suggest_closest(name, names, NCOMMANDS);
	fprintf(stderr, "perennial: '%s' is not a perennial command. See 'perennial --help'.\n", name);
	if (close)
		fprintf(stderr, "\nThe most similar command is\n\t%s\n", close);
	return EXIT_TROUBLE;
}
