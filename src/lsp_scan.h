#ifndef PERENNIAL_LSP_SCAN_H
#define PERENNIAL_LSP_SCAN_H

#include <jansson.h>
#include <stddef.h>

struct workspace;

/*
 * A scan: the notes of the repository as `perennial lsp` knows them,
 * beside the documents open in the editor. Each note's path and id, the
 * participants and organizer it names and the themes it mentions, as the
 * terminal may see them (privacy.h: a private note's participants are
 * not named; its path and id are, for the id rule, as check names them).
 * It is read from the index, which another perennial may be writing: it
 * is made in a process that may wait for the index (`lsp --scan`,
 * cmd_lsp.c) and sent as messages, and the server answers from the last
 * whole scan it took until the next.
 */
struct lsp_scan;

/*
 * What a scan hands over, a message at a time (a JSON object, the
 * caller's to keep): 0, or -1 to stop the scan.
 */
typedef int lsp_scan_send_fn(void *ctx, json_t *message);

/*
 * Scans the notes of the workspace's index (opened and brought up to date
 * when it is not open), as messages to `send`: {"start": true} (what was
 * sent before is to be forgotten: it may come again, when the index was
 * found damaged and made again), then {"notes": [...]}, a few hundred
 * notes at a time, the last with "end": true. Returns 0, or -1 with an
 * error set (error.h), or when `send` stopped it.
 */
int lsp_scan_run(struct workspace *ws, lsp_scan_send_fn *send, void *ctx);

/* A scan of no notes, to take a scan's messages. */
struct lsp_scan *lsp_scan_new(void);

/*
 * Takes one message of a scan: 1 when it was its end (the scan is whole,
 * and may be asked what it holds), 0 when more is to come, -1 when it is
 * no message of a scan, or when no start came before it (what was taken
 * is then not whole). A start after the end starts it over.
 */
int lsp_scan_take(struct lsp_scan *scan, const json_t *message);

void lsp_scan_free(struct lsp_scan *scan);

/* How many notes it knows. What follows asks a whole one, or NULL (none: nothing). */
size_t lsp_scan_notes(const struct lsp_scan *scan);

/*
 * The paths of the notes whose id is `id`, in path order, into *paths
 * (pointing into scan): how many (check.h's check_others).
 */
size_t lsp_scan_paths_with_id(const struct lsp_scan *scan, const char *id,
			      const char *const **paths);

/* How a note names someone or something. */
enum lsp_scan_role {
	LSP_SCAN_PARTICIPANT,
	LSP_SCAN_ORGANIZER,
	LSP_SCAN_THEME,
	LSP_SCAN_ROLES
};

/* How many notes name `name` in `role`. */
size_t lsp_scan_count(const struct lsp_scan *scan, enum lsp_scan_role role, const char *name);

/*
 * The n-th name the notes hold in any role, in the order first seen, and
 * in *counts (LSP_SCAN_ROLES of them) how many notes name it in each; NULL
 * past the last.
 */
const char *lsp_scan_name(const struct lsp_scan *scan, size_t n, const size_t **counts);

/*
 * The paths of the notes that name `participant` among their participants,
 * in path order (malloc'd array pointing into scan; NULL for none): how many.
 */
size_t lsp_scan_notes_with(const struct lsp_scan *scan, const char *participant,
			   const char ***paths);

#endif
