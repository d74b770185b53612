#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "lsp.h"
#include "strbuf.h"

#define ORGANIZERS "organizers:\n  lisa-t: { name: Lisa Thornton }\n"
#define ROSTER_AND_CODEBOOK "people:\n  maria-g: { name: Maria G. }\n" \
	"themes:\n  housing: { label: Housing }\n  rent: { label: Rent, parent: housing }\n"
#define CONFIG ORGANIZERS ROSTER_AND_CODEBOOK
/* The same with one more organizer. */
#define CONFIG_DEE ORGANIZERS "  dee-w: { name: Dee W }\n" ROSTER_AND_CODEBOOK

/* A sound note, and one whose step's due day is no day, after an emoji and a CJK character. */
#define SOUND "---\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\nkind: one-on-one\n---\n\n" \
	"## Next steps\n\n- [ ] @lisa-t call Ana\n"
#define WIDE_LINE "- [ ] @lisa-t \xF0\x9F\x98\x80\xE6\xBC\xA2 call Ana (due 2020-13-45)"
#define WIDE "---\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\nkind: one-on-one\n---\n\n" \
	"## Next steps\n\n" WIDE_LINE "\n"

struct fixture {
	char *base;
	struct strbuf uri_root;     /* file:// and the notes root */
	struct lsp_server *server;
	json_t *out;                /* what the last message made the server say */
	int status;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || !(fx->base = unit_tempdir("lsp")))
		return -1;
	unit_write(fx->base, "perennial.yml", CONFIG);
	unit_write(fx->base, "notes/.keep", "");
	unit_write(fx->base, "README.md", "# not a note\n");
	fx->uri_root = (struct strbuf)STRBUF_INIT;
	strbuf_addf(&fx->uri_root, "file://%s", fx->base);
	fx->server = lsp_server_new();
	fx->status = -1;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	json_decref(fx->out);
	lsp_server_free(fx->server);
	strbuf_release(&fx->uri_root);
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx);
	return 0;
}

/* Hands the server one message made from fmt; returns whether it goes on. */
static int S_send(struct fixture *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int S_send(struct fixture *fx, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	json_decref(fx->out);
	fx->out = json_array();
	int go_on = lsp_server_handle(fx->server, msg.buf, msg.len, fx->out, &fx->status);
	/* No other message waits: what is to be sent then is sent. */
	if (go_on)
		lsp_server_idle(fx->server, fx->out);
	strbuf_release(&msg);
	return go_on;
}

static void S_initialize(struct fixture *fx)
{
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
		   "\"params\":{\"rootUri\":\"%s\",\"capabilities\":{}}}", fx->uri_root.buf);
	assert_int_equal(json_array_size(fx->out), 1);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
	assert_int_equal(json_array_size(fx->out), 0);
}

/* Opens `rel` under the root with `text` (JSON-escaped already). */
static void S_open(struct fixture *fx, const char *rel, const char *text)
{
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/%s\",\"languageId\":\"markdown\",\"version\":1,"
		   "\"text\":\"%s\"}}}", fx->uri_root.buf, rel, text);
}

static json_t *S_out(struct fixture *fx, size_t i)
{
	json_t *msg = json_array_get(fx->out, i);
	assert_non_null(msg);
	return msg;
}

static int S_error_code(struct fixture *fx, size_t i)
{
	return (int)json_integer_value(json_object_get(json_object_get(S_out(fx, i), "error"),
						       "code"));
}

/* The diagnostics of the one message said, a publishDiagnostics. */
static json_t *S_diagnostics(struct fixture *fx)
{
	assert_int_equal(json_array_size(fx->out), 1);
	json_t *msg = S_out(fx, 0);
	assert_string_equal(json_string_value(json_object_get(msg, "method")),
			    "textDocument/publishDiagnostics");
	return json_object_get(json_object_get(msg, "params"), "diagnostics");
}

static json_int_t S_at(json_t *diagnostic, const char *end, const char *what)
{
	return json_integer_value(json_object_get(json_object_get(
		json_object_get(diagnostic, "range"), end), what));
}

/* A JSON string's body for text: its line breaks escaped. */
static char *S_escaped(const char *text)
{
	struct strbuf out = STRBUF_INIT;
	for (const char *p = text; *p; p++)
		if (*p == '\n')
			strbuf_addstr(&out, "\\n");
		else
			strbuf_addch(&out, *p);
	return strbuf_detach(&out);
}

static void test_lifecycle(void **state)
{
	struct fixture *fx = *state;

	/* Nothing is answered before initialize but that it comes first. */
	assert_int_equal(S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}"), 1);
	assert_int_equal(S_error_code(fx, 0), -32002);
	assert_int_equal(json_integer_value(json_object_get(S_out(fx, 0), "id")), 7);
	S_initialize(fx);
	/* Twice is a mistake. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{}}");
	assert_int_equal(S_error_code(fx, 0), -32600);
	/* A request it does not answer; a notification it does not know is let go. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"textDocument/rename\"}");
	assert_int_equal(S_error_code(fx, 0), -32601);
	assert_string_equal(json_string_value(json_object_get(S_out(fx, 0), "id")), "x");
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":3}}");
	assert_int_equal(json_array_size(fx->out), 0);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
	assert_true(json_is_null(json_object_get(S_out(fx, 0), "result")));
	/* After shutdown, only exit. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/hover\"}");
	assert_int_equal(S_error_code(fx, 0), -32600);
	assert_int_equal(S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), 0);
	assert_int_equal(fx->status, 0);
}

static void test_exit_without_shutdown_fails(void **state)
{
	struct fixture *fx = *state;
	S_initialize(fx);
	assert_int_equal(S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), 0);
	assert_int_equal(fx->status, 1);
}

static void test_what_is_no_message_is_a_clear_error(void **state)
{
	struct fixture *fx = *state;
	static const char *const bad[] = {
		"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":",   /* cut short */
		"not json at all",
		"\xff\xfe{}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(S_send(fx, "%s", bad[i]), 1);
		assert_int_equal(S_error_code(fx, 0), -32700);
		assert_true(json_is_null(json_object_get(S_out(fx, 0), "id")));
	}
	/* JSON, but no request, notification or response. */
	S_send(fx, "[1,2]");
	assert_int_equal(S_error_code(fx, 0), -32600);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":3}");
	assert_int_equal(S_error_code(fx, 0), -32600);
	assert_int_equal(json_integer_value(json_object_get(S_out(fx, 0), "id")), 3);
	/* A frame that could not be read. */
	json_t *out = json_array();
	lsp_server_bad_frame("headers without a Content-Length of digits", out);
	const char *message = json_string_value(json_object_get(json_object_get(
		json_array_get(out, 0), "error"), "message"));
	assert_non_null(strstr(message, "headers without a Content-Length of digits"));
	json_decref(out);
	/* And the server still works. */
	S_initialize(fx);
}

static void test_diagnostics_as_check_says_in_utf16(void **state)
{
	struct fixture *fx = *state;
	char *wide = S_escaped(WIDE);

	S_initialize(fx);
	S_open(fx, "notes/a.md", wide);
	json_t *list = S_diagnostics(fx);
	assert_int_equal(json_array_size(list), 1);
	json_t *d = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(d, "code")), "invalid-due-date");
	assert_string_equal(json_string_value(json_object_get(d, "source")), "perennial");
	assert_int_equal(json_integer_value(json_object_get(d, "severity")), 1);
	assert_non_null(strstr(json_string_value(json_object_get(d, "message")),
			       "'2020-13-45' is not a due date"));
	/*
	 * check says column 32, in characters; the emoji is two UTF-16 code
	 * units, the CJK character one: character 32, to 42.
	 */
	assert_int_equal(S_at(d, "start", "line"), 9);
	assert_int_equal(S_at(d, "start", "character"), 32);
	assert_int_equal(S_at(d, "end", "line"), 9);
	assert_int_equal(S_at(d, "end", "character"), 42);
	free(wide);
}

static void test_changes_whole_and_by_range(void **state)
{
	struct fixture *fx = *state;
	char *wide = S_escaped(WIDE), *sound = S_escaped(SOUND);

	S_initialize(fx);
	S_open(fx, "notes/a.md", sound);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	/* The whole text replaced: the finding is the buffer's, never the disk's. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\",\"version\":2},"
		   "\"contentChanges\":[{\"text\":\"%s\"}]}}", fx->uri_root.buf, wide);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 1);
	/* Then the bad month mended in place, by UTF-16 range: "13" at 37 to 39 becomes "12". */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\",\"version\":3},"
		   "\"contentChanges\":[{\"range\":{\"start\":{\"line\":9,\"character\":37},"
		   "\"end\":{\"line\":9,\"character\":39}},\"text\":\"12\"}]}}", fx->uri_root.buf);
	json_t *list = S_diagnostics(fx);
	assert_int_equal(json_array_size(list), 1);
	/* 2020-12-45: still no day, so still one finding, now about the 45th. */
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(list, 0),
								 "message")), "2020-12-45"));
	/* Two changes in one message, in order: the day, then a line added above. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\",\"version\":4},"
		   "\"contentChanges\":[{\"range\":{\"start\":{\"line\":9,\"character\":40},"
		   "\"end\":{\"line\":9,\"character\":42}},\"text\":\"24\"},"
		   "{\"range\":{\"start\":{\"line\":9,\"character\":0},"
		   "\"end\":{\"line\":9,\"character\":0}},\"text\":\"- [ ] @lisa-t book\\n\"}]}}",
	       fx->uri_root.buf);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	/* Closed: what was said of it is taken back. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\"}}}", fx->uri_root.buf);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	free(wide);
	free(sound);
}

static void test_a_burst_of_changes_is_checked_once(void **state)
{
	struct fixture *fx = *state;
	char *wide = S_escaped(WIDE), *sound = S_escaped(SOUND);
	json_t *out = json_array();
	int status;
	struct strbuf msg = STRBUF_INIT;

	S_initialize(fx);
	S_open(fx, "notes/a.md", sound);
	/* Ten changes before the server is idle: one publication, of the last text. */
	for (int i = 0; i < 10; i++) {
		strbuf_reset(&msg);
		strbuf_addf(&msg, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\","
			    "\"params\":{\"textDocument\":{\"uri\":\"%s/notes/a.md\",\"version\":%d},"
			    "\"contentChanges\":[{\"text\":\"%s\"}]}}", fx->uri_root.buf, i + 2,
			    i % 2 ? sound : wide);
		assert_int_equal(lsp_server_handle(fx->server, msg.buf, msg.len, out, &status), 1);
	}
	assert_int_equal(json_array_size(out), 0);
	lsp_server_idle(fx->server, out);
	assert_int_equal(json_array_size(out), 1);
	json_t *params = json_object_get(json_array_get(out, 0), "params");
	assert_int_equal(json_array_size(json_object_get(params, "diagnostics")), 0);
	/* Nothing more until something changes. */
	json_array_clear(out);
	lsp_server_idle(fx->server, out);
	assert_int_equal(json_array_size(out), 0);
	/* A request is answered after the findings of the changes before it. */
	strbuf_reset(&msg);
	strbuf_addf(&msg, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\","
		    "\"params\":{\"textDocument\":{\"uri\":\"%s/notes/a.md\",\"version\":20},"
		    "\"contentChanges\":[{\"text\":\"%s\"}]}}", fx->uri_root.buf, wide);
	assert_int_equal(lsp_server_handle(fx->server, msg.buf, msg.len, out, &status), 1);
	static const char shutdown[] = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}";
	assert_int_equal(lsp_server_handle(fx->server, shutdown, sizeof(shutdown) - 1, out,
					   &status), 1);
	assert_int_equal(json_array_size(out), 2);
	params = json_object_get(json_array_get(out, 0), "params");
	assert_int_equal(json_array_size(json_object_get(params, "diagnostics")), 1);
	assert_true(json_is_null(json_object_get(json_array_get(out, 1), "result")));
	json_decref(out);
	strbuf_release(&msg);
	free(wide);
	free(sound);
}

/* The labels of the completion at line, character of notes/a.md, comma-separated. */
static char *S_complete(struct fixture *fx, int line, int character)
{
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":30,\"method\":\"textDocument/completion\","
		   "\"params\":{\"textDocument\":{\"uri\":\"%s/notes/a.md\"},"
		   "\"position\":{\"line\":%d,\"character\":%d}}}", fx->uri_root.buf, line,
	       character);
	json_t *items = json_object_get(S_out(fx, json_array_size(fx->out) - 1), "result");
	assert_true(json_is_array(items));
	struct strbuf labels = STRBUF_INIT;
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
		strbuf_addf(&labels, "%s%s", i ? "," : "",
			    json_string_value(json_object_get(item, "label")));
	return strbuf_detach(&labels);
}

static void test_completion_where_people_type(void **state)
{
	struct fixture *fx = *state;
	static const char note[] = "---\ntitle: A\norganizer: \nkind: \nthemes: [housing, ]\n"
		"participants: [ma]\nco\n---\n\n## Next steps\n\n- [ ] @ call #re, mail@x\n";
	static const struct {
		int line, character;
		const char *labels;
	} asked[] = {
		{ 2, 11, "lisa-t" },                       /* organizer: the roster of organizers */
		{ 3, 6, "one-on-one,house-meeting,group,training" },   /* an enum field's values */
		{ 4, 18, "housing,rent" },                 /* themes: the codebook */
		{ 5, 15, "lisa-t,maria-g" },               /* participants: organizers and people */
		{ 5, 17, "maria-g" },                      /* those that begin as typed: ma */
		{ 11, 7, "lisa-t,maria-g" },               /* @ in a step */
		{ 11, 16, "housing,rent" },                /* #re */
		{ 11, 25, "" },                            /* mail@x is no owner */
		{ 9, 3, "" },                              /* a heading */
	};
	char *escaped = S_escaped(note);
	S_initialize(fx);
	S_open(fx, "notes/a.md", escaped);
	free(escaped);
	for (size_t i = 0; i < sizeof(asked) / sizeof(*asked); i++) {
		char *got = S_complete(fx, asked[i].line, asked[i].character);
		assert_string_equal(got, asked[i].labels);
		free(got);
	}
	/* A step's due day: the next two weeks from today, today first. */
	char *days = S_complete(fx, 11, 1);
	assert_string_equal(days, "");
	free(days);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\",\"version\":2},\"contentChanges\":"
		   "[{\"range\":{\"start\":{\"line\":11,\"character\":0},\"end\":{\"line\":11,"
		   "\"character\":0}},\"text\":\"- [ ] @lisa-t Call (due 2020-\\n\"}]}}",
	       fx->uri_root.buf);
	days = S_complete(fx, 11, 29);
	struct date today;
	char today_text[DATE_SIZE];
	assert_int_equal(date_today(&today), 0);
	date_format(today_text, &today);
	assert_int_equal(strncmp(days, today_text, strlen(today_text)), 0);
	assert_int_equal(strlen(days), 14 * 10 + 13);
	free(days);
	json_t *item = json_array_get(json_object_get(S_out(fx, 0), "result"), 0);
	assert_int_equal(strncmp(json_string_value(json_object_get(item, "detail")), "today, ", 7), 0);
	/* A field's name at the start of a front-matter line, with its detail. */
	char *fields = S_complete(fx, 6, 2);
	assert_non_null(strstr(fields, "consent"));
	assert_non_null(strstr(fields, "organizer"));
	free(fields);
	free(S_complete(fx, 2, 11));
	json_t *first = json_array_get(json_object_get(S_out(fx, 0), "result"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "detail")), "Lisa Thornton");
	/* A document not open is a clear error. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"textDocument/completion\","
		   "\"params\":{\"textDocument\":{\"uri\":\"%s/notes/b.md\"},"
		   "\"position\":{\"line\":0,\"character\":0}}}", fx->uri_root.buf);
	assert_int_equal(S_error_code(fx, 0), -32602);
}

/*
 * How many findings of rule `code` (NULL: any) the last publication for
 * `rel` holds; -1 when none was sent.
 */
static int S_findings_of(struct fixture *fx, const char *rel, const char *code)
{
	struct strbuf uri = STRBUF_INIT;
	int n = -1;
	strbuf_addf(&uri, "%s/%s", fx->uri_root.buf, rel);
	for (size_t i = 0; i < json_array_size(fx->out); i++) {
		json_t *params = json_object_get(json_array_get(fx->out, i), "params");
		if (strcmp(json_string_value(json_object_get(params, "uri")) ?: "", uri.buf) != 0)
			continue;
		size_t k;
		json_t *d;
		n = 0;
		json_array_foreach(json_object_get(params, "diagnostics"), k, d)
			n += !code || strcmp(json_string_value(json_object_get(d, "code")), code) == 0;
	}
	strbuf_release(&uri);
	return n;
}

static void test_perennial_yml_changed_checks_the_notes_again(void **state)
{
	struct fixture *fx = *state;
	char *note = S_escaped("---\ntitle: A\ndate: 2020-05-01\norganizer: dee-w\n"
			       "kind: one-on-one\n---\n\n## Next steps\n");
	char *more = S_escaped(CONFIG_DEE);

	S_initialize(fx);
	S_open(fx, "notes/a.md", note);
	/* No organizer dee-w. */
	assert_int_equal(S_findings_of(fx, "notes/a.md", "unknown-organizer"), 1);
	/* perennial.yml open in the editor, with dee-w among the organizers: the note again. */
	S_open(fx, "perennial.yml", more);
	assert_int_equal(S_findings_of(fx, "perennial.yml", NULL), 0);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "unknown-organizer"), 0);
	/* Half written, it does not read: its findings, and the notes keep the one before. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/perennial.yml\",\"version\":2},"
		   "\"contentChanges\":[{\"text\":\"organizers: [\"}]}}", fx->uri_root.buf);
	assert_true(S_findings_of(fx, "perennial.yml", NULL) > 0);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "unknown-organizer"), -1);
	/* Closed without saving: the disk's again, and dee-w unknown again. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/perennial.yml\"}}}", fx->uri_root.buf);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "unknown-organizer"), 1);
	/* Changed on disk, as the client's file watcher says: read again. */
	unit_write(fx->base, "perennial.yml", CONFIG_DEE);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeWatchedFiles\","
		   "\"params\":{\"changes\":[{\"uri\":\"%s/notes/other.md\",\"type\":2},"
		   "{\"uri\":\"%s/perennial.yml\",\"type\":2}]}}", fx->uri_root.buf,
	       fx->uri_root.buf);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "unknown-organizer"), 0);
	free(note);
	free(more);
}

/* The result of `method` at line, character of notes/a.md (a new reference). */
static json_t *S_ask(struct fixture *fx, const char *method, int line, int character)
{
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"%s\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\"},"
		   "\"position\":{\"line\":%d,\"character\":%d}}}", method, fx->uri_root.buf,
	       line, character);
	json_t *result = json_object_get(S_out(fx, json_array_size(fx->out) - 1), "result");
	assert_non_null(result);
	return json_incref(result);
}

static void S_assert_hover(struct fixture *fx, int line, int character, const char *want)
{
	json_t *hover = S_ask(fx, "textDocument/hover", line, character);
	if (!want)
		assert_true(json_is_null(hover));
	else
		assert_string_equal(json_string_value(json_object_get(json_object_get(hover,
			"contents"), "value")), want);
	json_decref(hover);
}

/* The method of each message said, in order, `|` between: requests with their ids. */
static char *S_methods(struct fixture *fx)
{
	struct strbuf said = STRBUF_INIT;
	size_t i;
	json_t *msg;
	json_array_foreach(fx->out, i, msg) {
		const char *method = json_string_value(json_object_get(msg, "method"));
		json_t *id = json_object_get(msg, "id");
		strbuf_addf(&said, "%s%s", i ? "|" : "", method ? method : "(response)");
		if (method && json_is_string(id))
			strbuf_addf(&said, " %s", json_string_value(id));
	}
	return strbuf_detach(&said);
}

static void S_assert_methods(struct fixture *fx, const char *want)
{
	char *said = S_methods(fx);
	assert_string_equal(said ? said : "", want);
	free(said);
}

static void test_the_other_notes_from_scans(void **state)
{
	struct fixture *fx = *state;
	char *note = S_escaped("---\nid: same\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\n"
			       "kind: one-on-one\nparticipants: [jo]\n---\n\nHello.\n");
	unit_write(fx->base, "notes/b.md", "---\nid: same\ntitle: B\nparticipants: [jo]\n---\n");

	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
		   "\"rootUri\":\"%s\",\"capabilities\":{\"window\":{\"workDoneProgress\":true},"
		   "\"workspace\":{\"didChangeWatchedFiles\":{\"dynamicRegistration\":true}}}}}",
	       fx->uri_root.buf);
	/* A scan is asked for once; the client is told as it begins. */
	json_decref(fx->out);
	fx->out = json_array();
	assert_string_equal(lsp_server_scan_start(fx->server, fx->out), fx->base);
	assert_null(lsp_server_scan_start(fx->server, fx->out));
	S_assert_methods(fx, "window/workDoneProgress/create perennial-1");
	/* The files the client is to watch. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
	S_assert_methods(fx, "client/registerCapability perennial-2");
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":\"perennial-2\",\"result\":null}");
	assert_int_equal(json_array_size(fx->out), 0);
	/* The progress's token made, it begins. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":\"perennial-1\",\"result\":null}");
	S_assert_methods(fx, "$/progress");
	assert_string_equal(json_string_value(json_object_get(json_object_get(S_out(fx, 0),
		"params"), "token")), "perennial-scan-1");

	/* Before any scan: no other note is known. */
	S_open(fx, "notes/a.md", note);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "duplicate-id"), 0);
	/*
	 * A scan with a message that is none is let go, whatever follows it
	 * up to the next start; one that is whole, and a.md is checked again.
	 */
	static const char *const scan[] = {
		"{\"start\": true}", "{\"notes\": 1}",
		"{\"notes\": [[\"notes/b.md\", \"same\", \"lisa-t\", [\"jo\"], []]], \"end\": true}",
		"{\"start\": true}",
		"{\"notes\": [[\"notes/b.md\", \"same\", \"lisa-t\", [\"jo\"], []]]}",
	};
	for (size_t i = 0; i < sizeof(scan) / sizeof(*scan); i++)
		lsp_server_scanned(fx->server, scan[i], strlen(scan[i]));
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"$/unknown\"}");
	assert_int_equal(S_findings_of(fx, "notes/a.md", "duplicate-id"), -1);   /* not whole yet */
	lsp_server_scanned(fx->server, "{\"end\": true}", 13);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"$/unknown\"}");
	assert_int_equal(S_findings_of(fx, "notes/a.md", "duplicate-id"), 1);
	json_decref(fx->out);
	fx->out = json_array();
	lsp_server_scan_end(fx->server, fx->out);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
		S_out(fx, 0), "params"), "value"), "message")), "1 note");

	/* jo's notes, and jo among whoever takes part. */
	json_t *notes = S_ask(fx, "textDocument/references", 6, 16);
	assert_int_equal(json_array_size(notes), 1);
	json_decref(notes);
	S_assert_hover(fx, 6, 16, "`jo`, a participant not in the roster\n\ntook part in 1 conversation");

	/* Saved, or changed on disk: another scan, with a token of its own. */
	assert_null(lsp_server_scan_start(fx->server, fx->out));
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\"}}}", fx->uri_root.buf);
	assert_non_null(lsp_server_scan_start(fx->server, fx->out));
	S_assert_methods(fx, "window/workDoneProgress/create perennial-3");
	/* Over before the client made the token: shown to begin and end once it is. */
	lsp_server_scan_end(fx->server, fx->out);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":\"perennial-3\",\"result\":null}");
	S_assert_methods(fx, "$/progress|$/progress");
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":\"perennial-3\",\"result\":null}");
	assert_int_equal(json_array_size(fx->out), 0);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeWatchedFiles\","
		   "\"params\":{\"changes\":[{\"uri\":\"%s/README.md\",\"type\":2}]}}",
	       fx->uri_root.buf);
	assert_null(lsp_server_scan_start(fx->server, fx->out));
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeWatchedFiles\","
		   "\"params\":{\"changes\":[{\"uri\":\"%s/notes/c.md\",\"type\":1}]}}",
	       fx->uri_root.buf);
	assert_non_null(lsp_server_scan_start(fx->server, fx->out));
	lsp_server_scan_end(fx->server, fx->out);
	/* After shutdown, none. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/a.md\"}}}", fx->uri_root.buf);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}");
	assert_null(lsp_server_scan_start(fx->server, fx->out));
	free(note);
}

/* notes/b.md's one-letter id, on its line 2, made `id` (its `version`th text). */
static void S_change_b_id(struct fixture *fx, int version, const char *id)
{
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/b.md\",\"version\":%d},\"contentChanges\":"
		   "[{\"range\":{\"start\":{\"line\":1,\"character\":4},\"end\":{\"line\":1,"
		   "\"character\":5}},\"text\":\"%s\"}]}}", fx->uri_root.buf, version, id);
}

/* Open notes that come to share an id are both told, and both untold when they no longer do. */
static void test_open_notes_sharing_an_id(void **state)
{
	struct fixture *fx = *state;
	char *a = S_escaped("---\nid: x\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\n"
			    "kind: one-on-one\n---\n\nHello.\n");
	S_initialize(fx);
	S_open(fx, "notes/a.md", a);
	S_open(fx, "notes/b.md", a);
	assert_int_equal(S_findings_of(fx, "notes/b.md", "duplicate-id"), 1);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "duplicate-id"), 1);
	S_change_b_id(fx, 2, "y");
	assert_int_equal(S_findings_of(fx, "notes/b.md", "duplicate-id"), 0);
	assert_int_equal(S_findings_of(fx, "notes/a.md", "duplicate-id"), 0);
	/* A change that leaves the other's findings as they were does not send them again. */
	S_change_b_id(fx, 3, "z");
	assert_int_equal(S_findings_of(fx, "notes/a.md", NULL), -1);
	/* b.md closed unsaved: its file is no note, and a.md shares nothing. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"%s/notes/b.md\"}}}", fx->uri_root.buf);
	assert_int_equal(S_findings_of(fx, "notes/a.md", NULL), -1);
	free(a);
}

/* A client that shows no progress and watches no files is told of neither. */
static void test_a_plain_client_is_told_of_no_scan(void **state)
{
	struct fixture *fx = *state;
	S_initialize(fx);
	json_decref(fx->out);
	fx->out = json_array();
	assert_non_null(lsp_server_scan_start(fx->server, fx->out));
	lsp_server_scan_end(fx->server, fx->out);
	assert_int_equal(json_array_size(fx->out), 0);
}

static void test_outline_hover_and_definition(void **state)
{
	struct fixture *fx = *state;
	char *note = S_escaped("---\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\n"
			       "kind: one-on-one\nthemes: [rent]\n---\n\n## Notes\n\n"
			       "Saw maria-g.\n\n## Next steps\n\n- [ ] @lisa-t Call Ana\n"
			       "- [x] @maria-g Bring the leases\n");
	S_initialize(fx);
	S_open(fx, "notes/a.md", note);
	free(note);

	/* The sections and the steps, in the order they come. */
	json_t *symbols = S_ask(fx, "textDocument/documentSymbol", 0, 0);
	static const struct { const char *name; int line; int kind; } want[] = {
		{ "Notes", 8, 15 }, { "Next steps", 12, 15 }, { "Call Ana", 14, 24 },
		{ "Bring the leases", 15, 24 },
	};
	assert_int_equal(json_array_size(symbols), 4);
	for (size_t i = 0; i < 4; i++) {
		json_t *symbol = json_array_get(symbols, i);
		assert_string_equal(json_string_value(json_object_get(symbol, "name")), want[i].name);
		assert_int_equal(json_integer_value(json_object_get(symbol, "kind")), want[i].kind);
		assert_int_equal(S_at(symbol, "start", "line"), want[i].line);
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(symbols, 3),
							      "detail")), "done");
	json_decref(symbols);

	/* What an id names, and what a day is. */
	S_assert_hover(fx, 3, 13, "**Lisa Thornton**, organizer `lisa-t`");
	S_assert_hover(fx, 2, 8, "Friday, week 2020-W18");
	S_assert_hover(fx, 5, 10, "**Rent**, theme `rent`");
	S_assert_hover(fx, 10, 6, "**Maria G.**, in the roster as `maria-g`");
	S_assert_hover(fx, 10, 1, NULL);
	S_assert_hover(fx, 11, 0, NULL);

	/* Where an id is declared: its line of perennial.yml (see CONFIG). */
	static const struct { int line, character, declared; } asked[] = {
		{ 3, 13, 1 },    /* lisa-t, an organizer */
		{ 10, 6, 3 },    /* maria-g, in the roster */
		{ 5, 10, 6 },    /* rent, a theme */
	};
	for (size_t i = 0; i < sizeof(asked) / sizeof(*asked); i++) {
		json_t *where = S_ask(fx, "textDocument/definition", asked[i].line, asked[i].character);
		assert_non_null(strstr(json_string_value(json_object_get(where, "uri")),
				       "/perennial.yml"));
		assert_int_equal(S_at(where, "start", "line"), asked[i].declared);
		assert_int_equal(S_at(where, "start", "character"), 2);
		json_decref(where);
	}
	json_t *nowhere = S_ask(fx, "textDocument/definition", 10, 1);   /* "Saw" */
	assert_true(json_is_null(nowhere));
	json_decref(nowhere);
}

/* The quick fixes for lines `first` to `last` of notes/a.md (the server's, held by fx->out). */
static json_t *S_code_actions(struct fixture *fx, int first, int last)
{
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"textDocument/codeAction\","
		   "\"params\":{\"textDocument\":{\"uri\":\"%s/notes/a.md\"},\"range\":"
		   "{\"start\":{\"line\":%d,\"character\":0},\"end\":{\"line\":%d,"
		   "\"character\":0}},\"context\":{\"diagnostics\":[]}}}", fx->uri_root.buf, first,
	       last);
	return json_object_get(S_out(fx, 0), "result");
}

static void test_quick_fixes_apply_the_did_you_mean(void **state)
{
	struct fixture *fx = *state;
	char *note = S_escaped("---\ntitle: A\ndate: 2020-05-01\norganizer: lisa_t\n"
			       "kind: one-on-one\n---\n\nRent again #housin.\n\n## Next steps\n");
	S_initialize(fx);
	S_open(fx, "notes/a.md", note);
	free(note);
	json_t *actions = S_code_actions(fx, 0, 20);
	assert_int_equal(json_array_size(actions), 2);
	static const struct { const char *title, *text; int line, from, to; } want[] = {
		{ "Change to 'lisa-t'", "lisa-t", 3, 11, 17 },
		{ "Change to '#housing'", "#housing", 7, 11, 18 },
	};
	for (size_t i = 0; i < 2; i++) {
		json_t *action = json_array_get(actions, i);
		assert_string_equal(json_string_value(json_object_get(action, "title")), want[i].title);
		assert_string_equal(json_string_value(json_object_get(action, "kind")), "quickfix");
		struct strbuf uri = STRBUF_INIT;
		strbuf_addf(&uri, "%s/notes/a.md", fx->uri_root.buf);
		json_t *edit = json_array_get(json_object_get(json_object_get(json_object_get(action,
			"edit"), "changes"), uri.buf), 0);
		strbuf_release(&uri);
		assert_string_equal(json_string_value(json_object_get(edit, "newText")), want[i].text);
		/* The finding says where what it means is declared. */
		json_t *related = json_array_get(json_object_get(json_array_get(json_object_get(
			action, "diagnostics"), 0), "relatedInformation"), 0);
		json_t *location = json_object_get(related, "location");
		assert_non_null(strstr(json_string_value(json_object_get(location, "uri")),
				       "/perennial.yml"));
		assert_int_equal(S_at(location, "start", "line"), i == 0 ? 1 : 5);
		assert_int_equal(S_at(edit, "start", "line"), want[i].line);
		assert_int_equal(S_at(edit, "start", "character"), want[i].from);
		assert_int_equal(S_at(edit, "end", "character"), want[i].to);
	}
	/* On the lines asked only. */
	assert_int_equal(json_array_size(S_code_actions(fx, 7, 7)), 1);
}

static void test_a_participant_added_to_the_roster(void **state)
{
	struct fixture *fx = *state;
	char *note = S_escaped("---\ntitle: A\ndate: 2020-05-01\norganizer: lisa-t\n"
			       "kind: one-on-one\nparticipants: [mario-g, dee]\n---\n\n## Next steps\n");
	S_initialize(fx);
	S_open(fx, "notes/a.md", note);
	free(note);
	json_t *actions = S_code_actions(fx, 5, 5);
	/* mario-g: added, or made maria-g; dee: added. */
	static const char *const titles[] = { "Add 'mario-g' to the roster in perennial.yml",
					      "Change to 'maria-g'",
					      "Add 'dee' to the roster in perennial.yml" };
	assert_int_equal(json_array_size(actions), 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(actions, i),
								      "title")), titles[i]);
	/* The entry goes after the roster's last, in perennial.yml (line 4 is `themes:`). */
	struct strbuf uri = STRBUF_INIT;
	strbuf_addf(&uri, "%s/perennial.yml", fx->uri_root.buf);
	json_t *edit = json_array_get(json_object_get(json_object_get(json_object_get(
		json_array_get(actions, 2), "edit"), "changes"), uri.buf), 0);
	strbuf_release(&uri);
	assert_string_equal(json_string_value(json_object_get(edit, "newText")),
			    "  dee: { name: dee }\n");
	assert_int_equal(S_at(edit, "start", "line"), 4);
	assert_int_equal(S_at(edit, "start", "character"), 0);
	assert_int_equal(S_at(edit, "end", "line"), 4);
}

static void test_only_notes_under_the_root_get_findings(void **state)
{
	struct fixture *fx = *state;
	char *wide = S_escaped(WIDE);

	S_initialize(fx);
	/* No note: outside the notes folder, another extension, a hidden file. */
	static const char *const others[] = { "README.md", "notes/a.txt", "notes/.draft.md" };
	for (size_t i = 0; i < sizeof(others) / sizeof(*others); i++) {
		S_open(fx, others[i], wide);
		assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	}
	/* Outside the root, and not a file at all. */
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"file:///tmp/elsewhere.md\",\"version\":1,"
		   "\"text\":\"%s\"}}}", wide);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	S_send(fx, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
		   "{\"textDocument\":{\"uri\":\"untitled:Untitled-1\",\"version\":1,"
		   "\"text\":\"%s\"}}}", wide);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	/* A note in a folder not made yet; then in one that is, its name percent-encoded. */
	S_open(fx, "notes/2020/05/caf%C3%A9%20talk.md", wide);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	unit_write(fx->base, "notes/2020/05/.keep", "");
	S_open(fx, "notes/2020/05/caf%C3%A9.md", wide);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 1);
	free(wide);
}

static void test_a_folder_that_is_no_notes_repository_gets_nothing(void **state)
{
	struct fixture *fx = *state;
	char *wide = S_escaped(WIDE);

	S_send(fx, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
		   "\"params\":{\"rootUri\":\"file:///\"}}");
	assert_non_null(json_object_get(S_out(fx, 0), "result"));
	S_open(fx, "notes/a.md", wide);
	assert_int_equal(json_array_size(S_diagnostics(fx)), 0);
	free(wide);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_lifecycle),
		T(test_exit_without_shutdown_fails),
		T(test_what_is_no_message_is_a_clear_error),
		T(test_diagnostics_as_check_says_in_utf16),
		T(test_changes_whole_and_by_range),
		T(test_a_burst_of_changes_is_checked_once),
		T(test_completion_where_people_type),
		T(test_perennial_yml_changed_checks_the_notes_again),
		T(test_outline_hover_and_definition),
		T(test_quick_fixes_apply_the_did_you_mean),
		T(test_a_participant_added_to_the_roster),
		T(test_only_notes_under_the_root_get_findings),
		T(test_a_folder_that_is_no_notes_repository_gets_nothing),
		T(test_the_other_notes_from_scans),
		T(test_a_plain_client_is_told_of_no_scan),
		T(test_open_notes_sharing_an_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
