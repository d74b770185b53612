#include "repo.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "notefile.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"
#include "xalloc.h"

struct repo {
	git_repository *git;
	git_index *index;      /* loaded on first use */
	char *prefix;          /* the notes root below the work tree: "" or "a/b" */
};

static int S_git_error(const char *what)
{
	const git_error *e = git_error_last();
	return error("%s: %s", what, e && e->message ? e->message : "unknown git error");
}

int repo_open(struct repo **out, const char *root)
{
	git_repository *git = NULL;
	char *top = NULL;

	*out = NULL;
	git_libgit2_init();
	/*
	 * FROM_ENV: GIT_DIR and GIT_INDEX_FILE, as in a hook. libgit2 refuses
	 * GIT_WORK_TREE there, so it is set aside and applied after opening.
	 */
	const char *env_tree = getenv("GIT_WORK_TREE");
	char *work_tree = env_tree && *env_tree ? xstrdup(env_tree) : NULL;
	if (work_tree)
		unsetenv("GIT_WORK_TREE");
	/* libgit2 reads GIT_DIR only when it is given no folder to search from. */
	const char *git_dir = getenv("GIT_DIR");
	int opened = git_repository_open_ext(&git, git_dir && *git_dir ? NULL : root,
					     GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	if (work_tree) {
		setenv("GIT_WORK_TREE", work_tree, 1);
		if (opened == 0 && git_repository_set_workdir(git, work_tree, 0) < 0)
			opened = -1;
		free(work_tree);
	}
	if (opened < 0) {
		error("%s is not in a git repository", root);
		goto fail;
	}
	if (git_repository_is_bare(git)) {
		error("the repository of %s has no work tree", root);
		goto fail;
	}
	top = realpath(git_repository_workdir(git), NULL);
	size_t n = top ? strlen(top) : 0;
	if (!top || strncmp(root, top, n) != 0 || (root[n] != '/' && root[n] != '\0')) {
		error("the notes root %s is not inside the work tree of its repository", root);
		goto fail;
	}

	struct repo *repo = xcalloc(1, sizeof(*repo));
	repo->git = git;
	repo->prefix = xstrdup(root[n] == '/' ? root + n + 1 : "");
	free(top);
	*out = repo;
	return 0;
fail:
	free(top);
	git_repository_free(git);
	git_libgit2_shutdown();
	return -1;
}

void repo_free(struct repo *repo)
{
	if (!repo)
		return;
	git_index_free(repo->index);
	git_repository_free(repo->git);
	free(repo->prefix);
	free(repo);
	git_libgit2_shutdown();
}

const char *repo_prefix(const struct repo *repo)
{
	return repo->prefix;
}

const char *repo_git_dir(const struct repo *repo)
{
	return git_repository_path(repo->git);
}

void repo_hash_blob(const char *bytes, size_t len, char *blob)
{
	git_oid id;
	git_odb_hash(&id, bytes, len, GIT_OBJECT_BLOB);
	git_oid_tostr(blob, REPO_BLOB_ID_SIZE, &id);
}

const char *repo_common_dir(const struct repo *repo)
{
	return git_repository_commondir(repo->git);
}

/* The folder `dir` of the notes root as a path in the repository. */
static char *S_scope(const struct repo *repo, const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, repo->prefix);
	if (*repo->prefix && *dir)
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, dir);
	return strbuf_detach(&sb);
}

/*
 * The root-relative form of a repository path inside `scope`, or NULL
 * when it lies elsewhere, is hidden (a part of it below scope starts with
 * '.', as the working tree's walk skips), or is not a note's name.
 */
static const char *S_in_scope(const struct repo *repo, const char *scope, const char *path)
{
	size_t n = strlen(scope);
	if (n && (strncmp(path, scope, n) != 0 || path[n] != '/'))
		return NULL;
	if (!notefile_is_note_name(path) || path[n ? n + 1 : 0] == '.' || strstr(path + n, "/."))
		return NULL;
	size_t skip = strlen(repo->prefix);
	return path + skip + (skip ? 1 : 0);
}

static void S_add_entry(struct repo_entries *out, const char *path, const git_oid *id)
{
	XGROW(out->items, out->cap, out->len + 1);
	struct repo_entry *e = &out->items[out->len++];
	e->path = xstrdup(path);
	git_oid_tostr(e->blob, sizeof(e->blob), id);
}

static int S_compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct repo_entry *)a)->path, ((const struct repo_entry *)b)->path);
}

static int S_index(struct repo *repo, git_index **out)
{
	if (!repo->index && git_repository_index(&repo->index, repo->git) < 0)
		return S_git_error("cannot read the git index");
	*out = repo->index;
	return 0;
}

static int S_is_file_mode(unsigned mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

int repo_list_index(struct repo *repo, const char *dir, struct repo_entries *out)
{
	git_index *index = NULL;
	if (S_index(repo, &index) < 0)
		return -1;

	char *scope = S_scope(repo, dir);
	size_t count = git_index_entrycount(index);
	for (size_t i = 0; i < count; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		const char *path = S_in_scope(repo, scope, e->path);
		/* Stages 1-3 are the sides of a conflict; stage 0 is what gets committed. */
		if (path && git_index_entry_stage(e) == 0 && S_is_file_mode(e->mode))
			S_add_entry(out, path, &e->id);
	}
	free(scope);
	qsort(out->items, out->len, sizeof(*out->items), S_compare_entries);
	return 0;
}

struct S_walk {
	const struct repo *repo;
	const char *scope;
	struct repo_entries *out;
	struct strbuf path;
};

static int S_walk_entry(const char *folder, const git_tree_entry *entry, void *payload)
{
	struct S_walk *w = payload;
	if (!S_is_file_mode(git_tree_entry_filemode(entry)))
		return 0;
	strbuf_reset(&w->path);
	strbuf_addstr(&w->path, w->scope);
	if (*w->scope)
		strbuf_addch(&w->path, '/');
	strbuf_addf(&w->path, "%s%s", folder, git_tree_entry_name(entry));
	const char *path = S_in_scope(w->repo, w->scope, w->path.buf);
	if (path)
		S_add_entry(w->out, path, git_tree_entry_id(entry));
	return 0;
}

int repo_list_commit(struct repo *repo, const char *rev, const char *dir,
		     struct repo_entries *out)
{
	git_object *commit = NULL, *tree = NULL;
	git_tree_entry *sub = NULL;
	git_tree *scoped = NULL;
	char *scope = S_scope(repo, dir);
	int ret = 0;

	if (git_revparse_single(&commit, repo->git, rev) < 0 ||
	    git_object_peel(&tree, commit, GIT_OBJECT_TREE) < 0) {
		ret = S_git_error(rev);
		goto done;
	}
	/* Walk only the notes folder; a commit without it has no notes. */
	if (!*scope) {
		scoped = (git_tree *)tree;
		tree = NULL;
	} else if (git_tree_entry_bypath(&sub, (git_tree *)tree, scope) < 0 ||
		   git_tree_entry_type(sub) != GIT_OBJECT_TREE) {
		goto done;
	} else if (git_tree_lookup(&scoped, repo->git, git_tree_entry_id(sub)) < 0) {
		ret = S_git_error(rev);
		goto done;
	}

	struct S_walk w = { repo, scope, out, STRBUF_INIT };
	if (git_tree_walk(scoped, GIT_TREEWALK_PRE, S_walk_entry, &w) < 0)
		ret = S_git_error(rev);
	strbuf_release(&w.path);
	qsort(out->items, out->len, sizeof(*out->items), S_compare_entries);
done:
	git_tree_free(scoped);
	git_tree_entry_free(sub);
	git_object_free(tree);
	git_object_free(commit);
	free(scope);
	return ret;
}

int repo_staged_changes(struct repo *repo, const char *dir, struct strlist *out)
{
	git_index *index = NULL;
	git_object *head = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	char *scope = S_scope(repo, dir);
	int ret = 0;

	if (S_index(repo, &index) < 0 ||
	    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0) {
		free(scope);
		return -1;
	}
	/* On a branch with no commit yet, everything staged is new. */
	if (git_repository_head_unborn(repo->git) != 1 &&
	    git_revparse_single(&head, repo->git, "HEAD^{tree}") < 0) {
		ret = S_git_error("HEAD");
		goto done;
	}
	if (*scope) {
		/* A folder name, not a pattern: `team [1]` must not match `team 1`. */
		opts.pathspec.strings = &scope;
		opts.pathspec.count = 1;
		opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	}
	if (git_diff_tree_to_index(&diff, repo->git, (git_tree *)head, index, &opts) < 0) {
		ret = S_git_error("cannot compare the index with HEAD");
		goto done;
	}
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *delta = git_diff_get_delta(diff, i);
		if (delta->status == GIT_DELTA_DELETED || !S_is_file_mode(delta->new_file.mode))
			continue;
		const char *path = S_in_scope(repo, scope, delta->new_file.path);
		if (path)
			strlist_add(out, path);
	}
	strlist_sort_unique(out);
done:
	git_diff_free(diff);
	git_object_free(head);
	free(scope);
	return ret;
}

int repo_read_blob(struct repo *repo, const char *blob, const char *path,
		   struct source **out, struct diag_list *diags)
{
	git_oid id;
	git_odb *odb = NULL;
	git_blob *object = NULL;
	git_object_t type;
	size_t size;
	int ret = 0;

	*out = NULL;
	if (git_oid_fromstr(&id, blob) < 0 || git_repository_odb(&odb, repo->git) < 0 ||
	    git_odb_read_header(&size, &type, odb, &id) < 0) {
		ret = S_git_error(path);
		goto done;
	}
	/* The header alone says a blob is too large: it is never loaded. */
	if (notefile_refuse_size(diags, path, size)) {
		ret = 1;
		goto done;
	}
	if (git_blob_lookup(&object, repo->git, &id) < 0) {
		ret = S_git_error(path);
		goto done;
	}
	const char *bytes = git_blob_rawcontent(object);
	size_t len = (size_t)git_blob_rawsize(object);
	if (notefile_refuse_bytes(diags, path, bytes, len))
		ret = 1;
	else
		*out = source_new(path, bytes, len);
done:
	git_blob_free(object);
	git_odb_free(odb);
	return ret;
}

const struct repo_entry *repo_entries_find(const struct repo_entries *entries,
					   const char *path)
{
	struct repo_entry key = { (char *)path, "" };
	if (!entries->len)
		return NULL;
	return bsearch(&key, entries->items, entries->len, sizeof(*entries->items),
		       S_compare_entries);
}

void repo_entries_release(struct repo_entries *entries)
{
	for (size_t i = 0; i < entries->len; i++)
		free(entries->items[i].path);
	free(entries->items);
	*entries = (struct repo_entries)REPO_ENTRIES_INIT;
}

int repo_hooks_dir(struct repo *repo, char **out)
{
	git_config *config = NULL;
	git_buf path = GIT_BUF_INIT;
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	*out = NULL;
	if (git_repository_config_snapshot(&config, repo->git) < 0)
		return S_git_error("cannot read the git configuration");
	int r = git_config_get_path(&path, config, "core.hooksPath");
	if (r == 0) {
		/* A relative hooksPath is relative to where hooks run: the work tree's top. */
		if (path.ptr[0] != '/')
			strbuf_addstr(&sb, git_repository_workdir(repo->git));
		strbuf_addstr(&sb, path.ptr);
	} else if (r == GIT_ENOTFOUND) {
		strbuf_addf(&sb, "%shooks", git_repository_commondir(repo->git));
	} else {
		ret = S_git_error("core.hooksPath");
	}
	if (ret == 0)
		*out = strbuf_detach(&sb);
	strbuf_release(&sb);
	git_buf_dispose(&path);
	git_config_free(config);
	return ret;
}
