#ifndef PERENNIAL_CMD_H
#define PERENNIAL_CMD_H

/*
 * The subcommands. Each parses its own options (argv[0] is its name),
 * wires modules together, prints, and returns the exit status.
 */
int cmd_check(int argc, char **argv);

#endif
