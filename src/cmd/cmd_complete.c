#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "index.h"
#include "parse_options.h"
#include "strlist.h"
#include "workspace.h"

/* The exit status that asks the shell to complete file and folder names itself. */
enum { S_PATHS = 1 };

/* Where the values of an option are found. */
enum {
	S_ROSTER = 1,          /* perennial.yml's organizers */
	S_CODEBOOK = 2,        /* perennial.yml's themes */
	S_PARTICIPANTS = 4,    /* the index's participants (index_participants) */
	S_FIELD = 8,           /* the values of the field the option is named after */
};

/* By the option's name: an option means the same in every command that has it. */
static const struct {
	const char *option;
	unsigned from;
} S_sources[] = {
	{ "organizer", S_ROSTER },
	{ "owner", S_ROSTER | S_PARTICIPANTS },
	{ "participant", S_PARTICIPANTS },
	{ "with", S_PARTICIPANTS },
	{ "theme", S_CODEBOOK },
	{ "kind", S_FIELD },
	{ "consent", S_FIELD },
};

/*
 * Adds to out the values of the option `name` that perennial.yml and the
 * index of the notes root found from `dirs` give: none when there is no
 * notes root or perennial.yml has errors (read only when it is needed),
 * and the index's only when there is one to read now. What went wrong is
 * not said.
 */
static void S_repository_values(struct strlist *out, const char *name,
				const char *const dirs[2])
{
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	unsigned from = 0;

	for (size_t i = 0; i < sizeof(S_sources) / sizeof(*S_sources); i++)
		if (strcmp(S_sources[i].option, name) == 0)
			from = S_sources[i].from;
	/* The participants alone need no perennial.yml read: a few milliseconds. */
	if (!from || (dirs[0] && chdir(dirs[0]) < 0) || (dirs[1] && chdir(dirs[1]) < 0) ||
	    (from == S_PARTICIPANTS ? workspace_find(&ws, ".")
	     : workspace_open(&ws, ".", &diags)) < 0)
		goto done;
	const struct config *config = ws.config;
	for (size_t i = 0; (from & S_ROSTER) && i < config->norganizers; i++)
		strlist_add(out, config->organizers[i].id);
	for (size_t i = 0; (from & S_CODEBOOK) && i < config->nthemes; i++)
		strlist_add(out, config->themes[i].id);
	const struct field_def *field = from & S_FIELD ? config_field(config, name) : NULL;
	for (size_t i = 0; field && field->type == FIELD_ENUM && i < field->nvalues; i++)
		strlist_add(out, field->values[i]);
	if ((from & S_PARTICIPANTS) && workspace_index_read_only(&ws) == 1)
		index_participants(out, ws.index);
done:
	workspace_close(&ws);
	diag_list_release(&diags);
}

/* Prints each of `words` that begins with `typed`, once, in order, after `head` bytes of `word`. */
static void S_print(struct strlist *words, const char *word, size_t head, const char *typed)
{
	size_t len = strlen(typed);
	strlist_sort_unique(words);
	for (size_t i = 0; i < words->len; i++)
		if (strncmp(words->items[i], typed, len) == 0)
			printf("%.*s%s\n", (int)head, word, words->items[i]);
}

/* What to offer after the command's name, as its table reads the words. */
static int S_command(struct strlist *found, int nwords, char **words,
		     const struct cmd_entry *cmd, const char *dir)
{
	char *help[] = { (char *)cmd->name, "--help", NULL };
	struct opt_table table = OPT_TABLE_INIT;
	struct opt_completion c;
	int status = EXIT_OK;

	parse_options_capture(&table);
	cmd->run(2, help);
	parse_options_capture(NULL);
	if (!table.opts)
		return EXIT_OK;
	parse_options_complete(&c, nwords, words, table.opts);
	const char *word = words[nwords - 1], *typed = c.typed;
	switch (c.what) {
	case OPT_COMPLETING_DIR:
		status = S_PATHS;
		break;
	case OPT_COMPLETING_OPERAND:
		/*
		 * A command with actions takes the action alone, and one that
		 * takes no operand may be given its options at once.
		 */
		if (table.actions && c.operands == 0)
			for (const char *const *a = table.actions; *a; a++)
				strlist_add(found, *a);
		else if (table.operands && !table.actions)
			status = S_PATHS;
		else if (!*word)
			parse_options_names(found, table.opts);
		break;
	case OPT_COMPLETING_NAME:
		parse_options_names(found, table.opts);
		break;
	case OPT_COMPLETING_VALUE: {
		const char *dirs[2] = { dir, c.dir };
		const char *list = c.opt->value_name ? strstr(c.opt->value_name, ",...") : NULL;
		/* `--with ID,...` takes a list: its last item is the one completed. */
		if (list && !list[4] && strrchr(typed, ','))
			typed = strrchr(typed, ',') + 1;
		parse_options_values(found, c.opt);
		S_repository_values(found, c.opt->name, dirs);
		break;
	}
	}
	if (status == EXIT_OK)
		S_print(found, word, (size_t)(typed - word), typed);
	opt_table_release(&table);
	return status;
}

int cmd_complete(int argc, char **argv, const struct cmd_entry *commands, size_t ncommands)
{
	static const struct opt none[] = { OPT_END() };
	char *nothing_typed[] = { "", NULL };
	char **words = argc > 1 ? argv + 1 : nothing_typed;
	int nwords = argc > 1 ? argc - 1 : 1, i = 0, status = EXIT_OK;
	struct strlist found = STRLIST_INIT;
	const char *dir = NULL;
	size_t mark = error_mark();

	/* The options before the command, as main() reads them. */
	for (; i < nwords - 1 && words[i][0] == '-'; i++) {
		if (strcmp(words[i], "-C") != 0)
			continue;
		if (++i == nwords - 1)
			return S_PATHS;
		dir = words[i];
	}
	const char *word = words[nwords - 1];
	if (i == nwords - 1 || (i == nwords - 2 && strcmp(words[i], "help") == 0)) {
		if (word[0] == '-' && i == nwords - 1)
			parse_options_names(&found, none);
		else
			for (size_t c = 0; c < ncommands; c++)
				strlist_add(&found, commands[c].name);
		S_print(&found, word, 0, word);
	} else {
		for (size_t c = 0; c < ncommands; c++)
			if (strcmp(commands[c].name, words[i]) == 0)
				status = S_command(&found, nwords - i, words + i, &commands[c], dir);
	}
	strlist_release(&found);
	error_forget_since(mark);
	return status;
}
