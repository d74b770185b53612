#ifndef PERENNIAL_PARSE_OPTIONS_H
#define PERENNIAL_PARSE_OPTIONS_H

#include "cli.h"
#include "date.h"
#include "known.h"

struct strlist;

/*
 * A command's options, declared once in a table (as git's parse-options
 * does): where each value goes, the name of its value and its help line.
 * `--help` and the usage printed after a mistake are made from the same
 * table, so an option cannot be parsed and not documented, or the other
 * way round. -C DIR, --help and --version are every command's and need no
 * entry.
 */
enum opt_type {
	OPT_END,
	OPT_BOOL,        /* int: 1 when given */
	OPT_STRING,      /* const char *: the value as given, the last one wins */
	OPT_STRINGS,     /* struct strlist: every value, in order (repeatable) */
	OPT_DAY,         /* struct opt_day: a day as YYYY-MM-DD */
	OPT_FORMAT,      /* enum cli_format, among `formats` */
};

/* What an OPT_DAY holds: text NULL when the option was not given. */
struct opt_day {
	const char *text;
	struct date day;
};

struct opt {
	enum opt_type type;
	const char *name;        /* the long name, without `--` */
	void *value;
	const char *value_name;  /* in the help: `--since D`; NULL for OPT_BOOL */
	const char *help;        /* one line, or more split with '\n' */
	unsigned formats;        /* OPT_FORMAT: bits of enum cli_format allowed */
	char short_name;         /* `-v` as well as `--verbose`; 0 for none */
};

#define OPT_BOOL(name, var, help) { OPT_BOOL, (name), (var), NULL, (help), 0, 0 }
#define OPT_BOOL_SHORT(short_name, name, var, help) \
	{ OPT_BOOL, (name), (var), NULL, (help), 0, (short_name) }
#define OPT_STRING(name, var, value_name, help) \
	{ OPT_STRING, (name), (var), (value_name), (help), 0, 0 }
#define OPT_STRINGS(name, var, value_name, help) \
	{ OPT_STRINGS, (name), (var), (value_name), (help), 0, 0 }
#define OPT_DAY(name, var, value_name, help) { OPT_DAY, (name), (var), (value_name), (help), 0, 0 }
#define OPT_FORMAT(var, formats, value_name, help) \
	{ OPT_FORMAT, "format", (var), (value_name), (help), (formats), 0 }
#define OPT_END() { OPT_END, NULL, NULL, NULL, NULL, 0, 0 }

/* What a command says of itself; its options come from its table. */
struct cmd_usage {
	const char *name;        /* "check" */
	const char *synopsis;
	const char *summary;
	/*
	 * The words its one operand is one of ("install", "run", ...), NULL
	 * after the last; NULL for a command without actions. parse_options
	 * refuses any other operand, and completion offers them.
	 */
	const char *const *actions;
};

/*
 * Parses argv (argv[0] is the command's name) against `opts`, in any
 * order with the operands, `--name=value` or `--name value`, a long name
 * shortened while it stays unique, `--` ending the options. An OPT_DAY or
 * OPT_FORMAT value is checked once every option is read, then the action
 * when the command has actions: one operand, one of them, or a usage
 * error ("say A, B or C"). Then, with -C, changes to that folder. Returns
 * the index in argv of the first operand (the action, if any);
 * or -1 when the command is done, with *status EXIT_OK after --help or
 * --version (printed on stdout) or EXIT_TROUBLE after a usage error
 * (printed on stderr with the synopsis).
 */
int parse_options(int argc, char **argv, const struct cmd_usage *usage, const struct opt *opts,
		  int *status);

/*
 * parse_options for a command that takes options alone: any operand is a
 * usage error. Returns 0 when the command goes on; -1 with *status when
 * it is done.
 */
int parse_options_only(int argc, char **argv, const struct cmd_usage *usage,
		       const struct opt *opts, int *status);

/*
 * `text` as one of `formats` (bits of enum cli_format) into *out: 0, or
 * EXIT_TROUBLE after a usage error naming the formats allowed.
 */
int opt_format(const struct cmd_usage *usage, const char *text, unsigned formats,
	       enum cli_format *out);

/* A filter option whose value must name what the repository knows (known.h). */
struct opt_known {
	const char *name;        /* the long name, without `--` */
	enum known_kind kind;
	const char *value;       /* NULL when it was not given */
};

/*
 * Checks the filters given against perennial.yml and the notes of
 * `corpus`: 0 when each names something there, else EXIT_TROUBLE after a
 * usage error with did you mean for the first that does not.
 */
int opt_known(const struct cmd_usage *usage, const struct opt_known *filters, size_t n,
	      const struct corpus *corpus, const struct config *config);

/* The same for one filter, --name, looked for in notes handed over one at a time. */
int opt_known_scanned(const struct cmd_usage *usage, const char *name,
		      const struct known_scan *scan);

/* Prints the usage and every option of `opts`: stdout for --help, stderr after a mistake. */
void parse_options_usage(FILE *out, const struct cmd_usage *usage, const struct opt *opts);

/*
 * Shell completion (`perennial __complete`, cmd_complete.c) reads each
 * command's own table rather than keep a second list of its options: after
 * parse_options_capture(&table), the command's next parse_options or
 * parse_options_only copies its table into `table` and returns -1 with
 * *status EXIT_OK, as after --help, having read and printed nothing.
 * parse_options_capture(NULL) calls that off.
 */
struct opt_table {
	struct opt *opts;        /* malloc'd, ending with OPT_END; every value NULL */
	int operands;            /* the command takes operands (parse_options) */
	const char *const *actions;  /* the command's usage->actions: its own, not copied */
};

#define OPT_TABLE_INIT { NULL, 0, NULL }

void parse_options_capture(struct opt_table *into);
void opt_table_release(struct opt_table *table);

/* What the word being completed is, the words before it read as parse_options reads them. */
enum opt_completing {
	OPT_COMPLETING_NAME,     /* an option's name: the word begins with '-' */
	OPT_COMPLETING_VALUE,    /* the value of `opt` */
	OPT_COMPLETING_DIR,      /* -C's folder */
	OPT_COMPLETING_OPERAND,  /* an operand, or a word after `--` */
};

struct opt_completion {
	enum opt_completing what;
	const struct opt *opt;   /* OPT_COMPLETING_VALUE: an entry of the table */
	const char *typed;       /* what is typed of it: the word, less `--name=` before a value */
	const char *dir;         /* the last -C DIR among the words before, else NULL */
	int operands;            /* how many operands the words before give (0: the first) */
};

/*
 * Reads argv (argv[0] is the command's name) as parse_options would, up to
 * argv[argc - 1], the word being completed, and says what that word is.
 * The answer points into argv and opts.
 */
void parse_options_complete(struct opt_completion *out, int argc, char **argv,
			    const struct opt *opts);

/* Adds the names completion offers to out: `--name` for each of opts, -C, --help, --version. */
void parse_options_names(struct strlist *out, const struct opt *opts);

/* Adds the values `o` takes when they are fixed (an OPT_FORMAT's formats) to out. */
void parse_options_values(struct strlist *out, const struct opt *o);

/*
 * A usage error: "perennial NAME: MESSAGE", the synopsis and where to read
 * more, on stderr. Returns EXIT_TROUBLE.
 */
int usage_error(const struct cmd_usage *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
