#ifndef PERENNIAL_WORKSPACE_H
#define PERENNIAL_WORKSPACE_H

#include "corpus.h"
#include "privacy.h"
#include "refresh.h"
#include "repo.h"

struct chapter;
struct config;
struct diag_list;
struct index;
struct source;

/*
 * Where every command, the hook, the reports and an editor start: a notes
 * root found from a folder, its perennial.yml, its index in the git folder
 * brought up to date, and the notes as a corpus, of the working tree or of
 * a commit. Nothing here prints: failures are errors set (error.h), and
 * what is wrong with perennial.yml goes into the diagnostics handed in.
 */
struct workspace {
	char *root;                  /* the notes root, absolute */
	struct config *config;       /* NULL until read */
	struct index *index;         /* NULL until workspace_index */
	struct repo *repo;           /* NULL until the index or the history needs it */
	struct refresh_stats stats;  /* what workspace_index did */
	char *mended;                /* NULL, or the sentence saying a damaged index
				      * was set aside and made again, or is in memory
				      * (index_take_mended), to tell once */
};

#define WORKSPACE_INIT { NULL, NULL, NULL, NULL, { 0, 0, 0, 0, 0 }, NULL }

/*
 * Finds the notes root: the folder holding perennial.yml, `dir` or the
 * nearest above it. Returns 0 with ws->root, or -1 with an error set that
 * says how to start one.
 */
int workspace_find(struct workspace *ws, const char *dir);

/*
 * workspace_find, then reads perennial.yml into ws->config. Returns 0, or
 * -1 with an error set; perennial.yml's problems, warnings too, are added
 * to diags either way (a hundred at most).
 */
int workspace_open(struct workspace *ws, const char *dir, struct diag_list *diags);

/*
 * As workspace_open, with perennial.yml as git has it: staged for the next
 * commit (rev NULL), or in the commit `rev` names. A perennial.yml not
 * staged yet leaves the working tree's in charge; one missing from the
 * commit is an error. ws->repo is open after.
 */
int workspace_open_git(struct workspace *ws, const char *dir, const char *rev,
		       struct diag_list *diags);

/*
 * Opens the index of the open workspace (made afresh with `rebuild`) and
 * brings it up to date with the working tree, telling progress as it goes;
 * ws->stats says what that took. An index file found damaged is set aside
 * and made again (ws->mended says so). Returns 0, or -1 with an error set.
 */
int workspace_index(struct workspace *ws, int rebuild);

/*
 * Opens the index of the open workspace as it is, not brought up to date:
 * what a reader that must not wait for another perennial's update (an
 * editor's server) reads while it may. Returns 0, or -1 with an error set.
 */
int workspace_index_as_is(struct workspace *ws);

/*
 * Opens the index of the open workspace read-only, as it is
 * (index_open_read_only): what shell completion reads, which must neither
 * change the index nor wait for it. Returns 1 with ws->index, 0 when there
 * is none to read yet, or -1 with an error set.
 */
int workspace_index_read_only(struct workspace *ws);

/*
 * After a use of ws->index failed, with what went wrong recorded since
 * `mark` (error_mark): when its file was damaged, sets it aside (index_mend),
 * forgets those errors, makes the index again from the working tree and
 * returns 1, for the caller to ask again; 0 when the failure was another;
 * -1 with an error set.
 */
int workspace_mend_index(struct workspace *ws, size_t mark);

/*
 * The notes of the working tree (corpus_release) with the `parts` asked
 * (enum corpus_parts), through the index (opened when it is not); with
 * CORPUS_STEPS their steps are dated from the history of HEAD; what may be
 * shown of them is set for the terminal (privacy.h). Returns 0, or -1 with
 * an error set.
 */
int workspace_corpus(struct corpus *out, struct workspace *ws, unsigned parts);

/*
 * The same notes with their mentions, handed to `each` one at a time
 * (corpus.h) instead of held together, newest first as their paths go:
 * what they share is kept in *into (corpus_release, whatever is returned).
 * `start` is called before the first note, and again when the index was
 * damaged and made again: what was handed before is to be forgotten.
 * Returns 0, or -1 with an error set.
 */
int workspace_each_note(struct corpus *into, struct workspace *ws, void (*start)(void *ctx),
			corpus_each_fn *each, void *ctx);

/* Frees what ws holds; it may be reused after. */
void workspace_close(struct workspace *ws);

/*
 * Where the notes root above `dir` is from the top of its repository's work
 * tree, which git hosts resolve a file's path from: "" or "sample-notes",
 * malloc'd; "" as well when there is no notes root or no repository.
 */
char *workspace_top_prefix(const char *dir);

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
	const char *prefix;               /* where the notes are in the commit; NULL: at root */
	enum privacy_audience audience;   /* whom what may be shown is set for */
	char *index_path;                 /* the index of its own; NULL: the repository's */
	struct repo *repo;
	char commit[REPO_BLOB_ID_SIZE];   /* hex id */
	struct source *config_src;
	struct config *config;
	struct corpus corpus;             /* steps dated from the commit's history;
					   * what may be shown set for a report (privacy.h) */
	struct index *index;              /* what the corpus's evidence is read from */
	char *mended;                     /* as in struct workspace */
};

/*
 * Reads the notes root ws->root at revision `rev` (found, not opened: the
 * commit has its own perennial.yml). With `mentions_from` and
 * `mentions_until`, the theme mentions of the notes dated on those days
 * only are read (a report of one week: report_mentions_days); NULL for
 * every note's. Returns 0 and fills snap (snapshot_close), or -1 with an
 * error set (error.h): no such revision, no perennial.yml in it, or one
 * with errors. Problems of perennial.yml, warnings too, are added to diags
 * either way, and the codebook patterns that gave up on a note
 * (corpus_gave_up) when it opened.
 */
int snapshot_open(struct snapshot *snap, const struct workspace *ws, const char *rev,
		  const struct date *mentions_from, const struct date *mentions_until,
		  struct diag_list *diags);

/*
 * The same for a chapter of the network repository ws (config.h): its
 * commit fetched into the ref network_chapter_ref names, read where its
 * `root` says, with the perennial.yml of that commit, through an index of
 * its own in the git folder (a chapter's parse results are kept as the
 * repository's are), and what may be shown set for the network
 * (PRIVACY_NETWORK) by the chapter's own privacy rules. Its problems go
 * into diags, with perennial.yml's path in the chapter's repository.
 */
int snapshot_open_chapter(struct snapshot *snap, const struct workspace *ws,
			  const struct chapter *chapter, const struct date *mentions_from,
			  const struct date *mentions_until, struct diag_list *diags);

/* The ref a chapter's commit is fetched into: refs/perennial/chapters/NAME, malloc'd. */
char *snapshot_chapter_ref(const struct chapter *chapter);

/*
 * A template_read_fn (template.h) for `templates/NAME` in the commit:
 * ctx is the snapshot.
 */
int snapshot_read_template(void *snap, const char *name, char **text, size_t *len);

void snapshot_close(struct snapshot *snap);

#endif
