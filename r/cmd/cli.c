#include "cli.h"

#include <errno.h>
#include <sys/ioctl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "corpus.h"
#include "date.h"
#include "diag_print.h"
#include "error.h"
#include "index.h"
#include "progress.h"
#include "refresh.h"
#include "repo.h"
#include "strbuf.h"
#include "table.h"
#include "source.h"
#include "worktree.h"

void cli_print_errors(void)
{
	struct error_message *messages;
	size_t len;

	struct strbuf text = STRBUF_INIT;

	error_take(&messages, &len);
	for (size_t i = 0; i < len; i++)
		error_format(&text, &messages[i]);
	fputs(strbuf_str(&text), stderr);
	strbuf_release(&text);
	error_messages_free(messages, len);
}

int error(const char *fmt, ...)
{
	va_list ap;

	cli_print_errors();
	fputs("perennial: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

void cli_print_version(void)
{
	printf("perennial %s\n", PERENNIAL_VERSION);
}

int cli_chdir(const char *dir)
{
	if (dir && chdir(dir) < 0)
		return error("cannot change to '%s': %s", dir, strerror(errno));
	return 0;
}

int cli_color(const char *when, FILE *stream)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int wanted;

	if (!when || strcmp(when, "auto") == 0)
		wanted = isatty(fileno(stream)) && !(term && strcmp(term, "dumb") == 0);
	else if (strcmp(when, "always") == 0)
		wanted = 1;
	else if (strcmp(when, "never") == 0)
		wanted = 0;
	else
		return -1;
	return wanted && !(no_color && *no_color);
}

int cli_open_notes(char **root, struct config **config, struct diag_list *diags)
{
	struct source *src = NULL;

	*root = NULL;
	*config = NULL;
	if (worktree_find_root(root, ".") < 0)
		return error("no %s here or in any folder above: this is not a notes repository\n"
			     "hint: run 'perennial init' to start one, or use -C DIR", CONFIG_FILE);
	struct diag_list own = DIAG_LIST_INIT;
	own.limit = 100; /* a hostile perennial.yml may hold thousands of mistakes */
	int r = worktree_read(&src, *root, CONFIG_FILE, &own);
	if (r == 0 && config_parse(config, src, &own) < 0)
		r = 1;
	diag_list_take(diags, &own);
	diag_list_release(&own);
	source_free(src);
	if (r != 0) {
		free(*root);
		*root = NULL;
		return r < 0 ? -1 : error("%s has errors; fix them first", CONFIG_FILE);
	}
	return 0;
}

int cli_open_index(char **root, struct config **config, struct index **ix, int rebuild,
		   struct refresh_stats *stats, struct diag_list *diags)
{
	struct refresh_scan scan;
	struct repo *repo = NULL;
	struct strbuf path = STRBUF_INIT;
	int ret = -1;

	*ix = NULL;
	if (cli_open_notes(root, config, diags) < 0)
		return -1;
	refresh_scan_start(&scan, *config, *root);
	if (repo_open(&repo, *root) < 0)
		goto done;
	strbuf_addf(&path, "%s%s", repo_git_dir(repo), INDEX_FILE);
	if ((rebuild && index_remove(path.buf) < 0) || index_open(ix, path.buf) < 0)
		goto done;
	struct progress *progress = progress_start("Indexing notes");
	ret = refresh_worktree(*ix, *config, *root, &scan, progress, stats);
	progress_stop(progress);
done:
	if (ret < 0) {
		index_close(*ix);
		*ix = NULL;
		config_free(*config);
		*config = NULL;
		free(*root);
		*root = NULL;
	}
	refresh_scan_release(&scan);
	repo_free(repo);
	strbuf_release(&path);
	return ret;
}

/* Dates the corpus's steps from the history of HEAD; none to read before a first commit. */
static int S_date_steps(struct corpus *corpus, struct index *ix, const struct config *config,
			const char *root)
{
	struct repo *repo;
	if (repo_open(&repo, root) < 0)
		return -1;
	int r = repo_head_unborn(repo) ? 0
		: refresh_date_steps(corpus, ix, config, repo, "HEAD", NULL);
	repo_free(repo);
	return r;
}

int cli_open_corpus(char **root, struct config **config, struct corpus *out, unsigned parts)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct refresh_stats stats;
	struct index *ix;
	int r = cli_open_index(root, config, &ix, 0, &stats, &diags);

	diag_list_sort(&diags);
	diag_print_text(stderr, &diags, cli_color("auto", stderr));
	diag_list_release(&diags);
	if (r < 0)
		return -1;
	r = index_corpus(ix, parts, out);
	if (r == 0 && (parts & CORPUS_STEPS) && S_date_steps(out, ix, *config, *root) < 0) {
		corpus_release(out);
		r = -1;
	}
	index_close(ix);
	if (r < 0) {
		config_free(*config);
		*config = NULL;
		free(*root);
		*root = NULL;
	}
	return r;
}

size_t cli_terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	const char *columns = getenv("COLUMNS");
	if (columns && *columns) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(columns, &end, 10);
		if (!*end && !errno && columns[0] != '-' && n < 100000)
			return n;
	}
	return 0;
}

int cli_print_table(const struct table *t, enum cli_format format)
{
	int written = 0;
	switch (format) {
	case CLI_FORMAT_JSON: written = table_print_json(stdout, t); break;
	case CLI_FORMAT_JSONL: written = table_print_jsonl(stdout, t); break;
	case CLI_FORMAT_CSV: table_print_csv(stdout, t); break;
	case CLI_FORMAT_TABLE:
		if (t->nrows)
			table_print_text(stdout, t, cli_terminal_width());
		break;
	}
	if (written < 0 || fflush(stdout) != 0 || ferror(stdout))
		return error("cannot write the output: %s", strerror(errno));
	return 0;
}

int cli_print_json(const json_t *json)
{
	if (json_dumpf(json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0 ||
	    putchar('\n') == EOF || fflush(stdout) != 0 || ferror(stdout))
		return error("cannot write the output: %s", strerror(errno));
	return 0;
}

int cli_query(cli_query_fn *query, const void *arg, enum cli_format format, int say_empty)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct refresh_stats stats;
	struct table table = TABLE_INIT;
	struct config *config;
	struct index *ix;
	char *root;
	int status = EXIT_TROUBLE;
	int r = cli_open_index(&root, &config, &ix, 0, &stats, &diags);

	diag_list_sort(&diags);
	diag_print_text(stderr, &diags, cli_color("auto", stderr));
	diag_list_release(&diags);
	if (r < 0)
		return EXIT_TROUBLE;
	if (query(ix, arg, &table) == 0 && cli_print_table(&table, format) == 0) {
		if (say_empty && !table.nrows)
			fputs("no notes match\n", stderr);
		status = EXIT_OK;
	}
	table_release(&table);
	index_close(ix);
	config_free(config);
	free(root);
	return status;
}
