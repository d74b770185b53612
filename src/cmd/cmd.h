#ifndef PERENNIAL_CMD_H
#define PERENNIAL_CMD_H

#include <stddef.h>

/*
 * The subcommands. Each declares its options in a table (parse_options.h;
 * argv[0] is its name), wires modules together, prints, and returns the
 * exit status.
 */
int cmd_init(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_hook(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_themes(int argc, char **argv);
int cmd_steps(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_lsp(int argc, char **argv);
int cmd_network(int argc, char **argv);

/* A command as main() knows it: its name, what runs it, its line in `perennial --help`. */
struct cmd_entry {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

/*
 * `perennial __complete WORD...`, left out of `perennial --help`: what the
 * shell completion scripts of contrib/completions/ ask. The WORDs are the
 * command line after `perennial` up to the cursor, the last one the word
 * being completed ('' when a new one begins). Prints, one a line, the
 * words that may stand there and begin with what is typed of it: the
 * commands, a command's options (from its own table: parse_options_capture),
 * the formats of a --format, and for an option naming an organizer, a
 * participant, an owner, a theme, a kind or a consent, those perennial.yml
 * and the index give (never whom private notes alone name). Reads the
 * index as it is, never bringing it up to date nor waiting for it, and
 * prints no error: exit status 0, or 1 where a file or folder is wanted
 * (a command's operands, -C's folder), for the shell to complete paths.
 */
int cmd_complete(int argc, char **argv, const struct cmd_entry *commands, size_t ncommands);

#endif
