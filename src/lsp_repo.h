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
 * The notes of the workspace's index (opened and brought up to date when
 * it is not open), as JSON for lsp_repo_read: 0 with *out, or -1 with an
 * error set (error.h).
 */
int lsp_repo_scan(json_t **out, struct workspace *ws);

/* What lsp_repo_scan made, or NULL when `scanned` is not that. */
struct lsp_repo *lsp_repo_read(const json_t *scanned);

void lsp_repo_free(struct lsp_repo *repo);

/* How many notes it knows. */
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
