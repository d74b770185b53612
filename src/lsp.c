#include "lsp.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "lsp_note.h"
#include "lsp_scan.h"
#include "lsp_text.h"
#include "notefile.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"
#include "workspace.h"
#include "worktree.h"
#include "xalloc.h"

/* JSON-RPC's and LSP's error codes. */
enum {
	PARSE_ERROR = -32700,
	INVALID_REQUEST = -32600,
	METHOD_NOT_FOUND = -32601,
	INVALID_PARAMS = -32602,
	SERVER_NOT_INITIALIZED = -32002,
};

/* A text document the editor has open. */
struct document {
	char *uri;
	char *path;              /* relative to the notes root; NULL: no note of it */
	struct strbuf text;
	int changed;             /* its findings are to be sent (lsp_server_idle) */
	int rechecked;           /* to be checked again for another's change or a
				  * scan: sent when they differ */
	json_t *sent;            /* the findings sent last */
	char *id;                /* the id its text gave when last checked; NULL: none */
	int config;              /* it is the root's perennial.yml */
};

struct lsp_server {
	int initialized;
	int shut_down;
	struct workspace ws;     /* ws.config NULL: no notes root */
	struct strbuf disk_config;   /* perennial.yml as last read from the disk */
	struct document *docs;
	size_t ndocs, cap;
	/* The other notes: as last scanned (NULL: none yet), and as they read now. */
	struct lsp_scan *known;
	struct lsp_scan *taking;    /* the scan under way, taken so far; NULL: none */
	struct check_others others;
	const char **with;       /* what others.paths_with answered last */
	size_t withcap;
	int scan_wanted;         /* the notes on disk may have changed since the last scan */
	int scanning;            /* a scan is under way (lsp_server_scan_start) */
	/* What the client can do besides the basics. */
	int can_watch;           /* register the files it is to watch */
	int can_show_progress;
	unsigned long requests;  /* the requests sent to the client, to number them */
	/* A scan's progress, as the client shows it: the request that asked for its
	 * token (0: none waits for an answer), and whether it was shown to begin. */
	unsigned long progress_asked;
	int progress_begun;
};

static size_t S_paths_with(void *ctx, const char *id, const char *const **paths);
static int S_read_note(void *ctx, const char *path, struct source **out,
		       struct diag_list *diags);

struct lsp_server *lsp_server_new(void)
{
	struct lsp_server *server = xcalloc(1, sizeof(*server));
	server->ws = (struct workspace)WORKSPACE_INIT;
	server->disk_config = (struct strbuf)STRBUF_INIT;
	server->others = (struct check_others){ S_paths_with, S_read_note, server };
	return server;
}

static void S_document_release(struct document *doc)
{
	free(doc->uri);
	free(doc->path);
	strbuf_release(&doc->text);
	json_decref(doc->sent);
	free(doc->id);
}

void lsp_server_free(struct lsp_server *server)
{
	if (!server)
		return;
	for (size_t i = 0; i < server->ndocs; i++)
		S_document_release(&server->docs[i]);
	free(server->docs);
	workspace_close(&server->ws);
	strbuf_release(&server->disk_config);
	lsp_scan_free(server->known);
	lsp_scan_free(server->taking);
	free(server->with);
	free(server);
}

static json_t *S_message(json_t *id)
{
	return json_pack("{s:s, s:O}", "jsonrpc", "2.0", "id", id ? id : json_null());
}

static void S_error(json_t *out, json_t *id, int code, const char *message)
{
	json_t *response = S_message(id);
	json_object_set_new(response, "error", json_pack("{s:i, s:s}", "code", code,
							 "message", message));
	json_array_append_new(out, response);
}

static void S_result(json_t *out, json_t *id, json_t *result)
{
	json_t *response = S_message(id);
	json_object_set_new(response, "result", result);
	json_array_append_new(out, response);
}

static void S_notify(json_t *out, const char *method, json_t *params)
{
	json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method,
					     "params", params));
}

void lsp_server_bad_frame(const char *why, json_t *out)
{
	struct strbuf message = STRBUF_INIT;
	strbuf_addf(&message, "a message could not be read, and was passed over: %s", why);
	S_error(out, NULL, PARSE_ERROR, message.buf);
	strbuf_release(&message);
}

/*
 * The root-relative path of absolute `path` when it is under the notes
 * root (malloc'd), else NULL. The folder is resolved as the root was: a
 * file the editor has not saved yet has no real path.
 */
static char *S_root_relative(const struct lsp_server *server, const char *path)
{
	if (!server->ws.root)
		return NULL;
	const char *slash = strrchr(path, '/');
	char *dir = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	char *real = realpath(dir, NULL);
	free(dir);
	if (!real)
		return NULL;
	size_t root = strlen(server->ws.root);
	char *rel = NULL;
	if (strncmp(real, server->ws.root, root) == 0 && (real[root] == '/' || !real[root])) {
		struct strbuf joined = STRBUF_INIT;
		if (real[root])
			strbuf_addf(&joined, "%s/", real + root + 1);
		strbuf_addstr(&joined, slash + 1);
		rel = strbuf_detach(&joined);
	}
	free(real);
	return rel;
}

/* What the document is: a note (its root-relative path), perennial.yml, or neither. */
static void S_place(const struct lsp_server *server, struct document *doc)
{
	char *path = lsp_text_uri_path(doc->uri);
	char *rel = path ? S_root_relative(server, path) : NULL;
	free(doc->path);
	doc->path = NULL;
	doc->config = rel && strcmp(rel, CONFIG_FILE) == 0;
	if (rel && server->ws.config) {
		struct notefile_scope scope = config_scope(server->ws.config);
		if (notefile_classify(&scope, rel) == NOTEFILE_NOTE) {
			doc->path = rel;
			rel = NULL;
		}
	}
	free(rel);
	free(path);
}

static struct document *S_find(struct lsp_server *server, const char *uri)
{
	for (size_t i = 0; uri && i < server->ndocs; i++)
		if (strcmp(server->docs[i].uri, uri) == 0)
			return &server->docs[i];
	return NULL;
}

/* What lsp_note.h is told of a document. */
static struct lsp_note S_view(const struct lsp_server *server, const struct document *doc)
{
	const struct strbuf *config_text = &server->disk_config;
	for (size_t i = 0; i < server->ndocs; i++)
		if (server->docs[i].config)
			config_text = &server->docs[i].text;
	return (struct lsp_note){ server->ws.config, server->ws.root, config_text, doc->uri,
				  server->ws.config ? doc->path : NULL, &doc->text, server->known,
				  &server->others };
}

/*
 * The notes that may have `id` (check_others): those the last scan says
 * have it, and the open notes whose text gave it when last checked.
 */
static size_t S_paths_with(void *ctx, const char *id, const char *const **paths)
{
	struct lsp_server *server = ctx;
	const char *const *scanned;
	size_t n = lsp_scan_paths_with_id(server->known, id, &scanned), len = 0;
	XGROW(server->with, server->withcap, n + server->ndocs + 1);
	for (size_t i = 0; i < n; i++)
		server->with[len++] = scanned[i];
	for (size_t i = 0; i < server->ndocs; i++)
		if (server->docs[i].path && server->docs[i].id && strcmp(server->docs[i].id, id) == 0)
			server->with[len++] = server->docs[i].path;
	*paths = server->with;
	return strlist_sort_unique_refs(server->with, len);
}

/* A note as it reads now (check_others): the editor's text when it has it open, else the file. */
static int S_read_note(void *ctx, const char *path, struct source **out,
		       struct diag_list *diags)
{
	struct lsp_server *server = ctx;
	for (size_t i = 0; i < server->ndocs; i++) {
		const struct document *doc = &server->docs[i];
		if (doc->path && strcmp(doc->path, path) == 0) {
			*out = source_new(path, doc->text.buf ? doc->text.buf : "", doc->text.len);
			return 0;
		}
	}
	return worktree_read(out, server->ws.root, path, diags);
}

/* Sends `diags` as the document's findings, for the text it has now. */
static void S_send_findings(const struct lsp_server *server, struct document *doc,
			    struct diag_list *diags, json_t *out)
{
	struct lsp_note view = S_view(server, doc);
	json_t *list = json_array();
	for (size_t i = 0; i < diags->len; i++)
		json_array_append_new(list, lsp_note_diagnostic(&view, &diags->items[i]));
	/* What a scan did not change is not said again. */
	if (doc->rechecked && !doc->changed && json_equal(list, doc->sent)) {
		json_decref(list);
		return;
	}
	json_decref(doc->sent);
	doc->sent = json_incref(list);
	S_notify(out, "textDocument/publishDiagnostics",
		 json_pack("{s:s, s:o}", "uri", doc->uri, "diagnostics", list));
}

/*
 * perennial.yml read again, from the editor's text when it has it open
 * (`doc`), else from the disk: when it reads, it is the one the notes are
 * checked against, and every open note is checked again; its own findings
 * go to its document. One that does not read leaves the one before.
 */
static void S_reload(struct lsp_server *server, struct document *doc, json_t *out)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src = NULL;
	size_t mark = error_mark();
	diags.limit = 100;   /* a hostile perennial.yml may hold thousands of mistakes */
	if (doc)
		src = source_new(CONFIG_FILE, doc->text.buf ? doc->text.buf : "", doc->text.len);
	else if (!server->ws.root || worktree_read(&src, server->ws.root, CONFIG_FILE, &diags) != 0)
		src = NULL;
	error_forget_since(mark);
	if (src && !doc) {
		strbuf_reset(&server->disk_config);
		strbuf_add(&server->disk_config, src->bytes, src->len);
	}
	struct config *fresh = NULL;
	if (src && config_parse(&fresh, src, &diags) == 0) {
		config_free(server->ws.config);
		server->ws.config = fresh;
		for (size_t i = 0; i < server->ndocs; i++) {
			S_place(server, &server->docs[i]);
			server->docs[i].changed = !server->docs[i].config;
		}
		/* What the index holds is made under the disk's perennial.yml. */
		server->scan_wanted |= !doc;
	}
	diag_list_sort(&diags);
	if (doc)
		S_send_findings(server, doc, &diags, out);
	diag_list_release(&diags);
	source_free(src);
}

/*
 * The other open notes, whose ids `doc`'s text may now share or no
 * longer share, are checked again (and sent when that changed them).
 */
static void S_recheck_others(struct lsp_server *server, const struct document *doc)
{
	for (size_t i = 0; i < server->ndocs; i++)
		if (&server->docs[i] != doc && server->docs[i].path)
			server->docs[i].rechecked = 1;
}

/* The document's findings, sent for the text it has now. */
static void S_publish(struct lsp_server *server, struct document *doc, json_t *out)
{
	struct diag_list diags = DIAG_LIST_INIT;
	if (doc->config) {
		S_reload(server, doc, out);
		return;
	}
	struct lsp_note view = S_view(server, doc);
	/* Its id first: the other notes it names by it are those that had it. */
	char *id = lsp_note_id(&view);
	int other_id = (id == NULL) != (doc->id == NULL) || (id && strcmp(id, doc->id) != 0);
	free(doc->id);
	doc->id = id;
	if (other_id)
		S_recheck_others(server, doc);
	lsp_note_findings(&view, &diags);
	S_send_findings(server, doc, &diags, out);
	diag_list_release(&diags);
}

/* The notes root of the folder the editor opened: the first workspace folder, or the root. */
static void S_open_root(struct lsp_server *server, json_t *params, json_t *out)
{
	json_t *folders = json_object_get(params, "workspaceFolders");
	const char *uri = json_string_value(json_object_get(json_array_get(folders, 0), "uri"));
	if (!uri)
		uri = json_string_value(json_object_get(params, "rootUri"));
	char *dir = lsp_text_uri_path(uri);
	const char *root_path = json_string_value(json_object_get(params, "rootPath"));
	if (!dir && root_path && root_path[0] == '/')
		dir = xstrdup(root_path);
	if (!dir)
		return;
	size_t mark = error_mark();
	/*
	 * A folder that is no notes repository gets nothing; one whose
	 * perennial.yml does not read, nothing until it does (S_reload).
	 */
	if (workspace_find(&server->ws, dir) < 0) {
		workspace_close(&server->ws);
		error_forget_since(mark);
	} else {
		S_reload(server, NULL, out);
	}
	free(dir);
}

static void S_initialize(struct lsp_server *server, json_t *id, json_t *params, json_t *out)
{
	if (server->initialized) {
		S_error(out, id, INVALID_REQUEST, "the server is initialized already");
		return;
	}
	server->initialized = 1;
	json_t *can = json_object_get(params, "capabilities");
	json_t *watch = json_object_get(json_object_get(can, "workspace"), "didChangeWatchedFiles");
	server->can_watch = json_is_true(json_object_get(watch, "dynamicRegistration"));
	server->can_show_progress = json_is_true(json_object_get(json_object_get(can, "window"),
								 "workDoneProgress"));
	S_open_root(server, params, out);
	S_result(out, id, json_pack("{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:{s:[s, s, s]}, s:b, s:b,"
				    " s:b, s:b, s:b}, s:{s:s, s:s}}",
		"capabilities", "positionEncoding", "utf-16",
		"textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
		"completionProvider", "triggerCharacters", "@", "#", " ",
		"hoverProvider", 1, "documentSymbolProvider", 1, "codeActionProvider", 1,
		"definitionProvider", 1, "referencesProvider", 1,
		"serverInfo", "name", "perennial", "version", PERENNIAL_VERSION));
}

/* A request of the server's to the client: its number (its id is perennial-NUMBER). */
static unsigned long S_request(struct lsp_server *server, json_t *out, const char *method,
			       json_t *params)
{
	char id[32];
	snprintf(id, sizeof(id), "perennial-%lu", ++server->requests);
	json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:o}", "jsonrpc", "2.0", "id", id,
					     "method", method, "params", params));
	return server->requests;
}

/* Tells the client how the scan goes (`kind`, and its `key`: `text`), under its token. */
static void S_progress(struct lsp_server *server, json_t *out, const char *kind,
		       const char *key, const char *text)
{
	char token[32];
	snprintf(token, sizeof(token), "perennial-scan-%lu", server->progress_asked);
	S_notify(out, "$/progress", json_pack("{s:s, s:{s:s, s:s}}", "token", token, "value",
					      "kind", kind, key, text));
}

/* The client asked to tell of the notes and perennial.yml changing on disk, if it can. */
static void S_initialized(struct lsp_server *server, json_t *out)
{
	if (!server->can_watch || !server->ws.root)
		return;
	S_request(server, out, "client/registerCapability", json_pack(
		"{s:[{s:s, s:s, s:{s:[{s:s}, {s:s}]}}]}", "registrations", "id", "perennial-files",
		"method", "workspace/didChangeWatchedFiles", "registerOptions", "watchers",
		"globPattern", "**/*.md", "globPattern", "**/" CONFIG_FILE));
}

const char *lsp_server_scan_start(struct lsp_server *server, json_t *out)
{
	if (!server->scan_wanted || server->scanning || !server->ws.config || server->shut_down)
		return NULL;
	server->scan_wanted = 0;
	server->scanning = 1;
	/* Shown once the client says it made the token (S_response). */
	/* A token asked for before and never made is given up: this scan asks for its own. */
	if (server->can_show_progress && !server->progress_begun) {
		char token[32];
		snprintf(token, sizeof(token), "perennial-scan-%lu", server->requests + 1);
		server->progress_asked = S_request(server, out, "window/workDoneProgress/create",
						   json_pack("{s:s}", "token", token));
	}
	return server->ws.root;
}

/* The scan's progress shown to end, with how many notes it read; the next asks for its own. */
static void S_progress_end(struct lsp_server *server, json_t *out)
{
	size_t n = lsp_scan_notes(server->known);
	struct strbuf said = STRBUF_INIT;
	strbuf_addf(&said, "%zu note%s", n, n == 1 ? "" : "s");
	S_progress(server, out, "end", "message", said.buf);
	strbuf_release(&said);
	server->progress_asked = 0;
	server->progress_begun = 0;
}

/* An answer to a request of the server's: the scan's progress begins once its token is made. */
static void S_response(struct lsp_server *server, json_t *msg, json_t *out)
{
	char id[32];
	snprintf(id, sizeof(id), "perennial-%lu", server->progress_asked);
	const char *answered = json_string_value(json_object_get(msg, "id"));
	if (!server->progress_asked || server->progress_begun || !answered ||
	    strcmp(answered, id) != 0)
		return;
	if (json_object_get(msg, "error")) {
		server->progress_asked = 0;
		return;
	}
	S_progress(server, out, "begin", "title", "Reading the notes");
	server->progress_begun = 1;
	/* A scan over before the token was made is shown over at once. */
	if (!server->scanning)
		S_progress_end(server, out);
}

void lsp_server_scanned(struct lsp_server *server, const char *json, size_t len)
{
	if (server->shut_down)
		return;
	json_t *message = json_loadb(json, len, 0, NULL);
	if (!server->taking)
		server->taking = lsp_scan_new();
	int r = lsp_scan_take(server->taking, message);
	json_decref(message);
	if (r == 0)
		return;
	/* Whole, it is what the server knows from now on; broken, it is let go. */
	if (r > 0) {
		lsp_scan_free(server->known);
		server->known = server->taking;
		/* An id another note has, or no longer has. */
		for (size_t i = 0; i < server->ndocs; i++)
			server->docs[i].rechecked |= !server->docs[i].config;
	} else {
		lsp_scan_free(server->taking);
	}
	server->taking = NULL;
}

void lsp_server_scan_end(struct lsp_server *server, json_t *out)
{
	if (!server->scanning)
		return;
	server->scanning = 0;
	/* What a scan cut short sent is not the notes. */
	lsp_scan_free(server->taking);
	server->taking = NULL;
	/* A token not made yet ends the progress when it is (S_response). */
	if (server->progress_begun)
		S_progress_end(server, out);
}

static void S_did_open(struct lsp_server *server, json_t *params)
{
	json_t *item = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(item, "uri"));
	const char *text = json_string_value(json_object_get(item, "text"));
	if (!uri || !text)
		return;
	struct document *doc = S_find(server, uri);
	if (!doc) {
		XGROW(server->docs, server->cap, server->ndocs + 1);
		doc = &server->docs[server->ndocs++];
		*doc = (struct document){ .uri = xstrdup(uri), .text = STRBUF_INIT };
		S_place(server, doc);
	}
	strbuf_reset(&doc->text);
	strbuf_add(&doc->text, text, json_string_length(json_object_get(item, "text")));
	doc->changed = 1;
}

/* One change: the whole text, or a range of it replaced. 0, or -1 when it is no change. */
static int S_apply(struct document *doc, json_t *change)
{
	json_t *text = json_object_get(change, "text");
	json_t *range = json_object_get(change, "range");
	if (!json_is_string(text))
		return -1;
	if (!range) {
		strbuf_reset(&doc->text);
		strbuf_add(&doc->text, json_string_value(text), json_string_length(text));
		return 0;
	}
	json_t *start = json_object_get(range, "start"), *end = json_object_get(range, "end");
	json_t *at[4] = { json_object_get(start, "line"), json_object_get(start, "character"),
			  json_object_get(end, "line"), json_object_get(end, "character") };
	for (size_t i = 0; i < 4; i++)
		if (!json_is_integer(at[i]) || json_integer_value(at[i]) < 0)
			return -1;
	size_t from = lsp_text_offset(&doc->text, (size_t)json_integer_value(at[0]),
			       (size_t)json_integer_value(at[1]));
	size_t to = lsp_text_offset(&doc->text, (size_t)json_integer_value(at[2]),
			     (size_t)json_integer_value(at[3]));
	if (to < from)
		return -1;
	struct strbuf next = STRBUF_INIT;
	strbuf_add(&next, doc->text.buf ? doc->text.buf : "", from);
	strbuf_add(&next, json_string_value(text), json_string_length(text));
	strbuf_add(&next, doc->text.buf ? doc->text.buf + to : "", doc->text.len - to);
	strbuf_release(&doc->text);
	doc->text = next;
	return 0;
}

static void S_did_change(struct lsp_server *server, json_t *params)
{
	json_t *item = json_object_get(params, "textDocument");
	struct document *doc = S_find(server, json_string_value(json_object_get(item, "uri")));
	json_t *changes = json_object_get(params, "contentChanges");
	size_t i;
	json_t *change;
	if (!doc)
		return;
	json_array_foreach(changes, i, change)
		if (S_apply(doc, change) < 0)
			break;
	doc->changed = 1;
}

/*
 * A request about a position of an open document: 0 with *doc, *line and
 * *character, or -1 after an error response.
 */
static int S_position_asked(struct lsp_server *server, json_t *id, json_t *params, json_t *out,
			    struct document **doc, size_t *line, size_t *character)
{
	json_t *item = json_object_get(params, "textDocument");
	json_t *position = json_object_get(params, "position");
	json_t *l = json_object_get(position, "line"), *c = json_object_get(position, "character");
	*doc = S_find(server, json_string_value(json_object_get(item, "uri")));
	if (!*doc || !json_is_integer(l) || !json_is_integer(c) || json_integer_value(l) < 0 ||
	    json_integer_value(c) < 0) {
		S_error(out, id, INVALID_PARAMS, "this is asked of an open document, at a position");
		return -1;
	}
	*line = (size_t)json_integer_value(l);
	*character = (size_t)json_integer_value(c);
	return 0;
}

static void S_did_close(struct lsp_server *server, json_t *params, json_t *out)
{
	json_t *item = json_object_get(params, "textDocument");
	struct document *doc = S_find(server, json_string_value(json_object_get(item, "uri")));
	if (!doc)
		return;
	/* What was said of it is taken back. */
	S_notify(out, "textDocument/publishDiagnostics",
		 json_pack("{s:s, s:[]}", "uri", doc->uri, "diagnostics"));
	int config = doc->config;
	/* Closed unsaved, a note's file says its id again. */
	if (doc->id)
		S_recheck_others(server, doc);
	S_document_release(doc);
	*doc = server->docs[--server->ndocs];
	/* Closed unsaved or saved, perennial.yml is the disk's again. */
	if (config)
		S_reload(server, NULL, out);
}

/* Whether a document of the kind (perennial.yml, or notes) waits to be checked. */
static struct document *S_waiting(struct lsp_server *server, int config)
{
	for (size_t i = 0; i < server->ndocs; i++)
		if ((server->docs[i].changed || server->docs[i].rechecked) &&
		    server->docs[i].config == config)
			return &server->docs[i];
	return NULL;
}

void lsp_server_idle(struct lsp_server *server, json_t *out)
{
	/*
	 * perennial.yml first: the notes are then checked against it; a note
	 * whose id changed has the others checked again, once each.
	 */
	struct document *doc;
	for (int config = 1; config >= 0; config--)
		while ((doc = S_waiting(server, config))) {
			S_publish(server, doc, out);
			doc->changed = doc->rechecked = 0;
		}
}

/* Files the client watches changed: perennial.yml among them is read again, unless open. */
static void S_watched(struct lsp_server *server, json_t *params, json_t *out)
{
	size_t i;
	json_t *change;
	int config = 0;
	json_array_foreach(json_object_get(params, "changes"), i, change) {
		struct document probe = {
			.uri = (char *)json_string_value(json_object_get(change, "uri")) };
		if (!probe.uri)
			continue;
		S_place(server, &probe);
		if (probe.path)
			server->scan_wanted = 1;
		free(probe.path);
		if (probe.config)
			config = 1;
	}
	for (size_t d = 0; config && d < server->ndocs; d++)
		if (server->docs[d].config)
			return;   /* the editor's text is the one read */
	if (config)
		S_reload(server, NULL, out);
}

/* A document saved: the index no longer says what the file does. */
static void S_did_save(struct lsp_server *server, json_t *params)
{
	json_t *item = json_object_get(params, "textDocument");
	struct document *doc = S_find(server, json_string_value(json_object_get(item, "uri")));
	if (doc && (doc->path || doc->config))
		server->scan_wanted = 1;
}

/* What answers a request about a position of a document (lsp_note.h). */
typedef json_t *position_answer(const struct lsp_note *n, size_t line, size_t character);

/* What answers a request about a position, by its method; NULL for none. */
static position_answer *S_position_method(const char *method)
{
	static const struct {
		const char *method;
		position_answer *answer;
	} methods[] = {
		{ "textDocument/completion", lsp_note_completions },
		{ "textDocument/hover", lsp_note_hover },
		{ "textDocument/definition", lsp_note_definition },
		{ "textDocument/references", lsp_note_references },
	};
	for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
		if (strcmp(methods[i].method, method) == 0)
			return methods[i].answer;
	return NULL;
}

int lsp_server_handle(struct lsp_server *server, const char *json, size_t len, json_t *out,
		      int *status)
{
	json_error_t error;
	json_t *msg = json_loadb(json, len, JSON_DECODE_ANY, &error);
	int go_on = 1;

	if (!msg) {
		struct strbuf message = STRBUF_INIT;
		strbuf_addf(&message, "the message is not JSON: %s (byte %d)", error.text,
			    error.position);
		S_error(out, NULL, PARSE_ERROR, message.buf);
		strbuf_release(&message);
		return 1;
	}
	json_t *id = json_object_get(msg, "id");
	const char *method = json_string_value(json_object_get(msg, "method"));
	json_t *params = json_object_get(msg, "params");
	int request = id != NULL;

	/* A request is answered after the findings of the changes before it. */
	if (request && method)
		lsp_server_idle(server, out);

	if (!json_is_object(msg) || (!method && !json_object_get(msg, "result") &&
				     !json_object_get(msg, "error"))) {
		S_error(out, json_is_object(msg) ? id : NULL, INVALID_REQUEST,
			"a message is an object with a method, or a response");
	} else if (!method) {
		S_response(server, msg, out);
	} else if (strcmp(method, "exit") == 0) {
		*status = server->shut_down ? 0 : 1;
		go_on = 0;
	} else if (strcmp(method, "initialize") == 0) {
		S_initialize(server, id, params, out);
	} else if (!server->initialized) {
		if (request)
			S_error(out, id, SERVER_NOT_INITIALIZED, "initialize comes first");
	} else if (server->shut_down) {
		if (request)
			S_error(out, id, INVALID_REQUEST, "the server is shut down: exit comes next");
	} else if (strcmp(method, "shutdown") == 0) {
		server->shut_down = 1;
		S_result(out, id, json_null());
	} else if (strcmp(method, "textDocument/didOpen") == 0) {
		S_did_open(server, params);
	} else if (strcmp(method, "textDocument/didChange") == 0) {
		S_did_change(server, params);
	} else if (strcmp(method, "initialized") == 0) {
		S_initialized(server, out);
	} else if (strcmp(method, "textDocument/didSave") == 0) {
		S_did_save(server, params);
	} else if (strcmp(method, "textDocument/didClose") == 0) {
		S_did_close(server, params, out);
	} else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0) {
		S_watched(server, params, out);
	} else if (S_position_method(method)) {
		struct document *doc;
		size_t line, character;
		if (S_position_asked(server, id, params, out, &doc, &line, &character) == 0) {
			struct lsp_note view = S_view(server, doc);
			S_result(out, id, S_position_method(method)(&view, line, character));
		}
	} else if (strcmp(method, "textDocument/codeAction") == 0) {
		struct document *doc = S_find(server, json_string_value(json_object_get(
			json_object_get(params, "textDocument"), "uri")));
		json_t *range = json_object_get(params, "range");
		json_t *first = json_object_get(json_object_get(range, "start"), "line");
		json_t *last = json_object_get(json_object_get(range, "end"), "line");
		struct lsp_note view = doc ? S_view(server, doc) : (struct lsp_note){ 0 };
		if (doc && json_is_integer(first) && json_is_integer(last) &&
		    json_integer_value(first) >= 0 && json_integer_value(last) >= 0)
			S_result(out, id, lsp_note_quick_fixes(&view, (size_t)json_integer_value(first),
							       (size_t)json_integer_value(last)));
		else
			S_error(out, id, INVALID_PARAMS, "this is asked of an open document, for a range");
	} else if (strcmp(method, "textDocument/documentSymbol") == 0) {
		struct document *doc = S_find(server, json_string_value(json_object_get(
			json_object_get(params, "textDocument"), "uri")));
		struct lsp_note view = doc ? S_view(server, doc) : (struct lsp_note){ 0 };
		if (doc)
			S_result(out, id, lsp_note_symbols(&view));
		else
			S_error(out, id, INVALID_PARAMS, "this is asked of an open document");
	} else if (request) {
		struct strbuf message = STRBUF_INIT;
		strbuf_addf(&message, "perennial does not answer %s", method);
		S_error(out, id, METHOD_NOT_FOUND, message.buf);
		strbuf_release(&message);
	}
	/*
	 * A notification it does not know is let go: $/cancelRequest among
	 * them, every request being answered as it comes.
	 */
	json_decref(msg);
	return go_on;
}
