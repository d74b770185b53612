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
 * an id of perennial.yml or a day, and its definition there (the line
 * that declares it); a note's outline (its sections and
 * steps); and each did you mean as a quick fix (diag.h's `fix`). A file
 * outside the notes root, or that is no note, gets none of it.
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

/* A message whose frame could not be read (`why`): the error to send, appended to out. */
void lsp_server_bad_frame(const char *why, json_t *out);

#endif
