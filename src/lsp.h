#ifndef PERENNIAL_LSP_H
#define PERENNIAL_LSP_H

#include <jansson.h>
#include <stddef.h>

/*
 * `perennial lsp`: a Language Server Protocol 3.17 server for the notes
 * of a repository, as an editor edits them. It is handed each message's
 * JSON (lsp_frame.h reads them) and answers with messages to send; it
 * reads perennial.yml and never writes a file.
 *
 * What it does: the lifecycle (initialize, initialized, shutdown, exit),
 * full and incremental text sync, and diagnostics for each open note, made
 * from the editor's text by the same rules as `check` (check_text), at
 * positions in UTF-16 code units as LSP counts them, when no message is
 * waiting (lsp_server_idle) or before the next request is answered: a
 * burst of changes is checked once; perennial.yml read again when it
 * changes, in the editor or on disk, and the notes checked again;
 * completion of what a field, an `@owner` or a `#theme` may be; hover on
 * an id or a day, and its definition (the line of perennial.yml that
 * declares it, or the notes that name a participant); a participant's
 * references (those notes); a note's outline (its sections and steps);
 * and each did you mean as a quick fix (diag.h's `fix`). A file outside
 * the notes root, or that is no note, gets none of it.
 *
 * What it knows of the other notes (their ids, whom they name) comes from
 * scans of the index (lsp_scan.h), made where waiting for the index does
 * not keep the editor waiting: the server asks for one when the notes on
 * disk may have changed (lsp_server_scan_start), and answers from the
 * last it was handed (lsp_server_scanned) until the next.
 */
struct lsp_server;

struct lsp_server *lsp_server_new(void);
void lsp_server_free(struct lsp_server *server);

/*
 * Handles one message, `len` bytes of JSON: what to send back, responses
 * and notifications in order, is appended to `out` (a JSON array). Returns
 * 1 to go on, or 0 after `exit`, with the exit status in *status: 0 when
 * `shutdown` came first, 1 when not (as LSP says).
 */
int lsp_server_handle(struct lsp_server *server, const char *json, size_t len, json_t *out,
		      int *status);

/*
 * Appends what is to be sent once no message waits: the findings of each
 * note opened or changed since, made once however many changes came.
 */
void lsp_server_idle(struct lsp_server *server, json_t *out);

/*
 * The notes root to scan (lsp_scan_scan, each message it sends handed to
 * lsp_server_scanned), when the notes on disk may have changed since the last
 * scan and none is under way; else NULL. What tells the editor that one
 * began is appended to `out`.
 */
const char *lsp_server_scan_start(struct lsp_server *server, json_t *out);

/*
 * A message of the scan under way, `len` bytes of JSON (lsp_scan_scan):
 * once the scan is whole, the other notes as the server knows them from
 * then on.
 */
void lsp_server_scanned(struct lsp_server *server, const char *json, size_t len);

/* The scan begun is over, whatever it made; what tells the editor is appended to `out`. */
void lsp_server_scan_end(struct lsp_server *server, json_t *out);

/* A message whose frame could not be read (`why`): the error to send, appended to out. */
void lsp_server_bad_frame(const char *why, json_t *out);

#endif
