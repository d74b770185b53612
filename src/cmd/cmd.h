#ifndef PERENNIAL_CMD_H
#define PERENNIAL_CMD_H

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

#endif
