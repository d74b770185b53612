#include "cli.h"

#include <errno.h>
#include <sys/ioctl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "diag_print.h"
#include "error.h"
#include "privacy.h"
#include "strbuf.h"
#include "table.h"
#include "workspace.h"
#include "xalloc.h"

void cli_print_errors(void)
{
	struct error_message *messages;
	struct strbuf text = STRBUF_INIT;
	size_t len;

	error_take(&messages, &len);
	for (size_t i = 0; i < len; i++)
		error_format(&text, &messages[i]);
	fputs(strbuf_str(&text), stderr);
	strbuf_release(&text);
	error_messages_free(messages, len);
}

int error(const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	/* Recorded after what modules recorded, and printed with it: one format. */
	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	error_set("%s", text.buf);
	strbuf_release(&text);
	cli_print_errors();
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

int cli_open(struct workspace *ws, enum cli_open what, struct diag_list *diags)
{
	struct diag_list own = DIAG_LIST_INIT;
	int r = workspace_open(ws, ".", diags ? diags : &own);

	if (r == 0 && what != CLI_OPEN_CONFIG)
		r = workspace_index(ws, what == CLI_OPEN_REBUILD);
	cli_tell(&ws->mended);
	cli_print_errors();
	diag_list_sort(&own);
	diag_print_text(stderr, &own, cli_color("auto", stderr));
	diag_list_release(&own);
	if (r < 0)
		workspace_close(ws);
	return r;
}

/* Prints and empties what patterns that gave up left out, in the order of their notes' paths. */
static void S_print_gave_up(struct diag_list *gave_up)
{
	diag_list_sort(gave_up);
	diag_print_text(stderr, gave_up, cli_color("auto", stderr));
	diag_list_release(gave_up);
}

int cli_open_corpus(struct workspace *ws, struct corpus *out, unsigned parts)
{
	if (cli_open(ws, CLI_OPEN_INDEX, NULL) < 0)
		return -1;
	int r = workspace_corpus(out, ws, parts);
	cli_tell(&ws->mended);
	if (r < 0) {
		cli_print_errors();
		workspace_close(ws);
		return -1;
	}
	/* What a pattern that gave up left out matters where mentions are counted. */
	if (parts & CORPUS_MENTIONS) {
		struct diag_list gave_up = DIAG_LIST_INIT;
		corpus_gave_up(&gave_up, out);
		S_print_gave_up(&gave_up);
	}
	return 0;
}

int cli_each_note(struct workspace *ws, struct corpus *into, void (*start)(void *ctx),
		  corpus_each_fn *each, void *ctx, struct diag_list *gave_up)
{
	*into = (struct corpus)CORPUS_INIT;
	if (cli_open(ws, CLI_OPEN_INDEX, NULL) < 0)
		return -1;
	int r = workspace_each_note(into, ws, start, each, ctx);
	cli_tell(&ws->mended);
	if (r < 0) {
		cli_print_errors();
		corpus_release(into);
		workspace_close(ws);
		return -1;
	}
	S_print_gave_up(gave_up);
	return 0;
}

void cli_tell(char **said)
{
	if (!*said)
		return;
	fprintf(stderr, "perennial: %s\n", *said);
	free(*said);
	*said = NULL;
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

int cli_print_rows(const struct table_rows *rows, enum cli_format format)
{
	int written = 0;
	switch (format) {
	case CLI_FORMAT_JSON: written = table_print_json(stdout, rows); break;
	case CLI_FORMAT_JSONL: written = table_print_jsonl(stdout, rows); break;
	case CLI_FORMAT_CSV: table_print_csv(stdout, rows); break;
	case CLI_FORMAT_TABLE:
		if (rows->nrows)
			table_print_text(stdout, rows, cli_terminal_width());
		break;
	}
	if (written < 0 || fflush(stdout) != 0 || ferror(stdout))
		return error("cannot write the output: %s", strerror(errno));
	return 0;
}

int cli_print_table(const struct table *t, enum cli_format format)
{
	struct table_rows rows = table_rows(t);
	return cli_print_rows(&rows, format);
}

/*
 * What JSON is dumped into before stdout: jansson hands its text over a
 * few bytes at a time, and a week's page is megabytes.
 */
struct nested {
	char buf[1 << 16];
	size_t len;
	const char *indent;       /* after each newline: "  " for an element of an array */
};

static int S_flush_nested(struct nested *out)
{
	size_t len = out->len;
	out->len = 0;
	return fwrite(out->buf, 1, len, stdout) == len ? 0 : -1;
}

static int S_add_nested(struct nested *out, const char *text, size_t len)
{
	if (out->len + len > sizeof(out->buf) && S_flush_nested(out) < 0)
		return -1;
	if (len > sizeof(out->buf))
		return fwrite(text, 1, len, stdout) == len ? 0 : -1;
	memcpy(out->buf + out->len, text, len);
	out->len += len;
	return 0;
}

/* A dump callback: each line after the first `indent` further in. */
static int S_print_nested(const char *text, size_t len, void *data)
{
	struct nested *out = data;
	for (const char *end = text + len, *line; text < end; text = line) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		line = nl ? nl + 1 : end;
		if (S_add_nested(out, text, (size_t)(line - text)) < 0 ||
		    (nl && S_add_nested(out, out->indent, strlen(out->indent)) < 0))
			return -1;
	}
	return 0;
}

/* json on stdout, each line after the first `indent` further in: 0, or -1. */
static int S_dump(const json_t *json, const char *indent)
{
	struct nested *out = xmalloc(sizeof(*out));
	out->len = 0;
	out->indent = indent;
	int r = json_dump_callback(json, S_print_nested, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (r == 0)
		r = S_flush_nested(out);
	free(out);
	return r;
}

int cli_print_json(const json_t *json)
{
	if (S_dump(json, "") < 0 || putchar('\n') == EOF || fflush(stdout) != 0 || ferror(stdout))
		return error("cannot write the output: %s", strerror(errno));
	return 0;
}

void cli_json_array_add(struct cli_json_array *array, json_t *element)
{
	fputs(array->len++ ? ",\n  " : "[\n  ", stdout);
	S_dump(element, "  ");
	json_decref(element);
}

int cli_json_array_end(struct cli_json_array *array)
{
	fputs(array->len ? "\n]\n" : "[]\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		return error("cannot write the output: %s", strerror(errno));
	return 0;
}

int cli_query(cli_query_fn *query, const void *arg, enum cli_format format, int say_empty,
	      cli_empty_fn *when_empty)
{
	struct workspace ws = WORKSPACE_INIT;
	struct table table = TABLE_INIT;
	int status = EXIT_TROUBLE;

	if (cli_open(&ws, CLI_OPEN_INDEX, NULL) < 0)
		return EXIT_TROUBLE;
	size_t mark = error_mark();
	int r = query(&table, ws.index, arg);
	if (r < 0 && workspace_mend_index(&ws, mark) == 1) {
		table_release(&table);
		r = query(&table, ws.index, arg);
	}
	cli_tell(&ws.mended);
	if (r < 0)
		goto done;
	if (!table.nrows && when_empty && (status = when_empty(&ws, arg)) != EXIT_OK)
		goto done;
	status = EXIT_TROUBLE;
	privacy_rows(&table, ws.config);
	if (cli_print_table(&table, format) == 0) {
		if (say_empty && !table.nrows)
			fputs("no notes match\n", stderr);
		status = EXIT_OK;
	}
done:
	table_release(&table);
	workspace_close(&ws);
	return status;
}
