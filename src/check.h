#ifndef PERENNIAL_CHECK_H
#define PERENNIAL_CHECK_H

#include <stddef.h>

#include "diag.h"

struct config;
struct progress;
struct strlist;

/*
 * `perennial check` over the working tree: reads, parses and validates each
 * note in `paths`, then finds ids shared by two notes. `all` is every note
 * of the repository: the ids of those not in `paths` are read as well, so a
 * duplicate is found whichever of the two files is checked. Both lists are
 * root-relative and sorted.
 *
 * Returns the number of notes checked, or -1 after printing an I/O error.
 * Findings are added to diags, unsorted.
 */
long check_worktree(const struct config *config, const char *root,
		    const struct strlist *paths, const struct strlist *all,
		    struct progress *progress, struct diag_list *diags);

#endif
