#ifndef PERENNIAL_SNAPSHOT_H
#define PERENNIAL_SNAPSHOT_H

#include "corpus.h"
#include "repo.h"

struct config;
struct source;

/*
 * The notes as a commit holds them, with the perennial.yml and the
 * templates of that commit: what a report is made from, so the same
 * commit and options always give the same bytes, whatever the working
 * tree holds. The notes' parse results come from the index in the git
 * folder when the commit's perennial.yml is the one it was made under,
 * else from an index in memory made for this run.
 */
struct snapshot {
	const char *root;
	struct repo *repo;
	char commit[REPO_BLOB_ID_SIZE];   /* hex id */
	struct source *config_src;
	struct config *config;
	struct corpus corpus;             /* steps dated from the commit's history */
};

/*
 * Reads the notes root `root` (absolute) at revision `rev`. Returns 0 and
 * fills snap (snapshot_close), or -1 with an error set (error.h): no such
 * revision, no perennial.yml in it, or one with errors. Problems of
 * perennial.yml, warnings too, are added to diags either way.
 */
int snapshot_open(struct snapshot *snap, const char *root, const char *rev,
		  struct diag_list *diags);

/*
 * A template_read_fn (template.h) for `templates/NAME` in the commit:
 * ctx is the snapshot.
 */
int snapshot_read_template(void *snap, const char *name, char **text, size_t *len);

void snapshot_close(struct snapshot *snap);

#endif
