#ifndef PERENNIAL_LSP_REPO_H
#define PERENNIAL_LSP_REPO_H

#include <jansson.h>
#include <stddef.h>

struct workspace;

/*
 * The notes of the repository as `perennial lsp` knows them, beside the
 * documents open in the editor: each note's path and id, the participants
 * and organizer it names and the themes it mentions, as the terminal may
 * see them (privacy.h: a private note's participants are not named). It
 * is read from the index, which another perennial may be writing: the
 * scan is made as JSON in a process that may wait for it (cmd_lsp.c),
 * and the server answers from the last one it was handed until the next.
 */
struct lsp_repo;

/*
 * What a scan hands over, a message at a time (a JSON object, the
 * caller's to keep): 0, or -1 to stop the scan.
 */
typedef int lsp_repo_send_fn(void *ctx, json_t *message);

/*
 * Scans the notes of the workspace's index (opened and brought up to date
 * when it is not open), as messages to `send`: {"start": true} (what was
 * sent before is to be forgotten: it may come again, when the index was
 * found damaged and made again), then {"notes": [...]}, a few hundred
 * notes at a time, the last with "end": true. Returns 0, or -1 with an
 * error set (error.h), or when `send` stopped it.
 */
int lsp_repo_scan(struct workspace *ws, lsp_repo_send_fn *send, void *ctx);

/* A repository of no notes, to take a scan's messages. */
struct lsp_repo *lsp_repo_new(void);

/*
 * Takes one message of a scan: 1 when it was its end (the repository is
 * whole, and may be asked what it holds), 0 when more is to come, -1 when
 * it is no message of a scan (what was taken stays, and is not whole).
 * A message after the end starts the repository over.
 */
int lsp_repo_take(struct lsp_repo *repo, const json_t *message);

void lsp_repo_free(struct lsp_repo *repo);

/* How many notes it knows. What follows asks a whole one, or NULL (none: nothing). */
size_t lsp_repo_notes(const struct lsp_repo *repo);

/*
 * The paths of the notes whose id is `id`, in path order, into *paths
 * (pointing into repo): how many (check.h's check_others).
 */
size_t lsp_repo_paths_with_id(const struct lsp_repo *repo, const char *id,
			      const char *const **paths);

/* How a note names someone or something. */
enum lsp_repo_role {
	LSP_REPO_PARTICIPANT,
	LSP_REPO_ORGANIZER,
	LSP_REPO_THEME,
	LSP_REPO_ROLES
};

/* How many notes name `name` in `role`. */
size_t lsp_repo_count(const struct lsp_repo *repo, enum lsp_repo_role role, const char *name);

/*
 * The n-th name the notes hold in any role, in the order first seen, and
 * in *counts (LSP_REPO_ROLES of them) how many notes name it in each; NULL
 * past the last.
 */
const char *lsp_repo_name(const struct lsp_repo *repo, size_t n, const size_t **counts);

/*
 * The paths of the notes that name `participant` among their participants,
 * in path order (malloc'd array pointing into repo; NULL for none): how many.
 */
size_t lsp_repo_notes_with(const struct lsp_repo *repo, const char *participant,
			   const char ***paths);

#endif
