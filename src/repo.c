#include "repo.h"

#include <git2.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
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

/*
 * The folder `scope` of the tree `top` into *out, which stays NULL when
 * the tree has no such folder (a commit without it has no notes). Returns
 * 0, or -1 after printing an error about `what`.
 */
static int S_scoped_tree(git_tree **out, struct repo *repo, git_tree *top,
			 const char *scope, const char *what)
{
	git_tree_entry *sub = NULL;
	int ret = 0;

	*out = NULL;
	if (!*scope) {
		if (git_tree_dup(out, top) < 0)
			ret = S_git_error(what);
	} else if (git_tree_entry_bypath(&sub, top, scope) < 0 ||
		   git_tree_entry_type(sub) != GIT_OBJECT_TREE) {
		ret = 0;
	} else if (git_tree_lookup(out, repo->git, git_tree_entry_id(sub)) < 0) {
		ret = S_git_error(what);
	}
	git_tree_entry_free(sub);
	return ret;
}

int repo_list_commit(struct repo *repo, const char *rev, const char *dir,
		     struct repo_entries *out)
{
	git_object *commit = NULL, *tree = NULL;
	git_tree *scoped = NULL;
	char *scope = S_scope(repo, dir);
	int ret = 0;

	if (git_revparse_single(&commit, repo->git, rev) < 0 ||
	    git_object_peel(&tree, commit, GIT_OBJECT_TREE) < 0) {
		ret = S_git_error(rev);
		goto done;
	}
	/* Walk only the notes folder. */
	ret = S_scoped_tree(&scoped, repo, (git_tree *)tree, scope, rev);
	if (ret < 0 || !scoped)
		goto done;

	struct S_walk w = { repo, scope, out, STRBUF_INIT };
	if (git_tree_walk(scoped, GIT_TREEWALK_PRE, S_walk_entry, &w) < 0)
		ret = S_git_error(rev);
	strbuf_release(&w.path);
	qsort(out->items, out->len, sizeof(*out->items), S_compare_entries);
done:
	git_tree_free(scoped);
	git_object_free(tree);
	git_object_free(commit);
	free(scope);
	return ret;
}

/* What repo_walk_history carries while it compares two versions of the notes folder. */
struct S_history {
	struct repo *repo;
	const char *scope;
	struct strbuf path;            /* the folder being compared, as a repository path */
	unsigned depth;                /* of that folder below scope */
	struct repo_change *changes;
	size_t nchanges;
	size_t cap;
};

/*
 * Folders nested deeper than this below the notes folder are not read: no
 * file system could check such a path out, and the comparison recurses.
 */
#define WALK_MAX_DEPTH 1024

static void S_truncate(struct strbuf *sb, size_t len)
{
	sb->len = len;
	if (sb->buf)
		sb->buf[len] = '\0';
}

static int S_is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

/* The entry as a note's version: its blob, or NULL for no note (absent, a link, a folder). */
static const git_tree_entry *S_note_side(const git_tree_entry *e)
{
	return e && S_is_file_mode(git_tree_entry_filemode(e)) ? e : NULL;
}

static int S_compare_trees(struct S_history *h, git_tree *old, git_tree *new);

/*
 * Compares what stands under one name in the old and the new folder
 * (either may be NULL), whose repository path is h->path. Returns 0, or
 * -1 after printing an error.
 */
static int S_compare_entry(struct S_history *h, const git_tree_entry *o,
			   const git_tree_entry *n)
{
	const char *name = git_tree_entry_name(o ? o : n);
	size_t len = h->path.len;
	int ret = 0;

	/* Hidden files and folders hold no notes (S_in_scope): not even read. */
	if (name[0] == '.')
		return 0;
	strbuf_addstr(&h->path, name);
	const git_tree_entry *of = S_note_side(o), *nf = S_note_side(n);
	const char *path = of || nf ? S_in_scope(h->repo, h->scope, h->path.buf) : NULL;
	if (path && !(of && nf && git_oid_equal(git_tree_entry_id(of), git_tree_entry_id(nf)))) {
		XGROW(h->changes, h->cap, h->nchanges + 1);
		struct repo_change *c = &h->changes[h->nchanges++];
		c->path = xstrdup(path);
		c->old_blob[0] = c->new_blob[0] = '\0';
		if (of)
			git_oid_tostr(c->old_blob, sizeof(c->old_blob), git_tree_entry_id(of));
		if (nf)
			git_oid_tostr(c->new_blob, sizeof(c->new_blob), git_tree_entry_id(nf));
	}
	if ((S_is_tree(o) || S_is_tree(n)) && h->depth < WALK_MAX_DEPTH) {
		git_tree *ot = NULL, *nt = NULL;
		if ((S_is_tree(o) && git_tree_lookup(&ot, h->repo->git, git_tree_entry_id(o)) < 0) ||
		    (S_is_tree(n) && git_tree_lookup(&nt, h->repo->git, git_tree_entry_id(n)) < 0)) {
			ret = S_git_error(h->path.buf);
		} else {
			strbuf_addch(&h->path, '/');
			h->depth++;
			ret = S_compare_trees(h, ot, nt);
			h->depth--;
		}
		git_tree_free(ot);
		git_tree_free(nt);
	}
	S_truncate(&h->path, len);
	return ret;
}

/*
 * Adds to h->changes the notes that differ between two versions of the
 * folder h->path (NULL for a folder that is not there). Entries of a tree
 * are sorted as git sorts them, so one pass over both finds the names on
 * either side; a subfolder with the same id on both sides is skipped
 * unread, which keeps a commit that changes three notes among ten
 * thousand cheap. Returns 0, or -1 after printing an error.
 */
static int S_compare_trees(struct S_history *h, git_tree *old, git_tree *new)
{
	size_t no = old ? git_tree_entrycount(old) : 0;
	size_t nn = new ? git_tree_entrycount(new) : 0;
	size_t i = 0, j = 0;

	while (i < no || j < nn) {
		const git_tree_entry *o = i < no ? git_tree_entry_byindex(old, i) : NULL;
		const git_tree_entry *n = j < nn ? git_tree_entry_byindex(new, j) : NULL;
		int cmp = !o ? 1 : !n ? -1 : git_tree_entry_cmp(o, n);
		if (cmp == 0 && git_tree_entry_filemode(o) == git_tree_entry_filemode(n) &&
		    git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n))) {
			i++;
			j++;
			continue;
		}
		if (S_compare_entry(h, cmp <= 0 ? o : NULL, cmp >= 0 ? n : NULL) < 0)
			return -1;
		i += cmp <= 0;
		j += cmp >= 0;
	}
	return 0;
}

/*
 * The calendar day, at the offset recorded with it, of a git date (seconds
 * since the epoch, offset in minutes) into day; "" outside the years 1 to
 * 9999. Days to a civil date as in Howard Hinnant's days_from_civil inverse,
 * so no time_t or time zone of the machine is involved.
 */
static void S_day(char *day, git_time_t time, int offset)
{
	day[0] = '\0';
	/* Beyond ±12,000 years: not a day to print, and no overflow below. */
	if (time < -380000000000LL || time > 380000000000LL || offset < -100000 || offset > 100000)
		return;
	int64_t secs = (int64_t)time + (int64_t)offset * 60;
	int64_t days = secs / 86400 - (secs % 86400 < 0) + 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int64_t y = yoe + era * 400 + (m <= 2);
	if (y < 1 || y > 9999)
		return;
	char buf[48];   /* what the compiler cannot prove of m and d */
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", (int)y, m, d);
	memcpy(day, buf, REPO_DAY_SIZE - 1);
	day[REPO_DAY_SIZE - 1] = '\0';
}

/* The notes folder of a commit into *out (NULL when it has none). */
static int S_commit_notes(git_tree **out, struct repo *repo, const git_commit *commit,
			  const char *scope)
{
	git_tree *top = NULL;
	char what[GIT_OID_HEXSZ + 1];

	*out = NULL;
	git_oid_tostr(what, sizeof(what), git_commit_id(commit));
	if (git_commit_tree(&top, commit) < 0)
		return S_git_error(what);
	int ret = S_scoped_tree(out, repo, top, scope, what);
	git_tree_free(top);
	return ret;
}

int repo_walk_history(struct repo *repo, const char *rev, const char *dir,
		      int (*fn)(void *arg, const struct repo_commit *commit), void *arg)
{
	git_object *target = NULL, *peeled = NULL;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL, *parent = NULL;
	git_tree *prev = NULL, *cur = NULL, *base = NULL;
	git_oid id, prev_id;
	char *scope = S_scope(repo, dir);
	struct S_history h = { repo, scope, STRBUF_INIT, 0, NULL, 0, 0 };
	int ret = 0, next, have_prev = 0;

	if (git_revparse_single(&target, repo->git, rev) < 0 ||
	    git_object_peel(&peeled, target, GIT_OBJECT_COMMIT) < 0 ||
	    git_revwalk_new(&walk, repo->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_simplify_first_parent(walk) < 0 ||
	    git_revwalk_push(walk, git_object_id(peeled)) < 0) {
		ret = S_git_error(rev);
		goto done;
	}
	while ((next = git_revwalk_next(&id, walk)) == 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &id);
		if (git_commit_lookup(&commit, repo->git, &id) < 0) {
			ret = S_git_error(hex);
			goto done;
		}
		if (S_commit_notes(&cur, repo, commit, scope) < 0) {
			ret = -1;
			goto done;
		}
		/*
		 * Oldest first along first parents, the commit before is the
		 * first parent; the lookup is for a walk that says otherwise.
		 */
		base = NULL;
		if (git_commit_parentcount(commit) > 0) {
			const git_oid *pid = git_commit_parent_id(commit, 0);
			if (have_prev && git_oid_equal(pid, &prev_id)) {
				base = prev;
			} else if (git_commit_parent(&parent, commit, 0) < 0) {
				ret = S_git_error(hex);
				goto done;
			} else if (S_commit_notes(&base, repo, parent, scope) < 0) {
				ret = -1;
				goto done;
			}
		}
		h.nchanges = 0;
		strbuf_reset(&h.path);
		if (*scope) {
			strbuf_addstr(&h.path, scope);
			strbuf_addch(&h.path, '/');
		}
		if (!(base && cur && git_oid_equal(git_tree_id(base), git_tree_id(cur))))
			ret = S_compare_trees(&h, base, cur);
		if (ret == 0 && h.nchanges) {
			const git_signature *author = git_commit_author(commit);
			struct repo_commit rc;
			memcpy(rc.id, hex, sizeof(rc.id));
			S_day(rc.day, author ? author->when.time : 0, author ? author->when.offset : 0);
			rc.changes = h.changes;
			rc.nchanges = h.nchanges;
			ret = fn(arg, &rc);
		}
		for (size_t i = 0; i < h.nchanges; i++)
			free(h.changes[i].path);
		h.nchanges = 0;
		if (base != prev)
			git_tree_free(base);
		base = NULL;
		git_commit_free(parent);
		parent = NULL;
		git_commit_free(commit);
		commit = NULL;
		git_tree_free(prev);
		prev = cur;
		cur = NULL;
		prev_id = id;
		have_prev = 1;
		if (ret != 0)
			goto done;
	}
	if (next != GIT_ITEROVER)
		ret = S_git_error(rev);
done:
	for (size_t i = 0; i < h.nchanges; i++)
		free(h.changes[i].path);
	free(h.changes);
	strbuf_release(&h.path);
	if (base != prev)
		git_tree_free(base);
	git_tree_free(prev);
	git_tree_free(cur);
	git_commit_free(parent);
	git_commit_free(commit);
	git_revwalk_free(walk);
	git_object_free(peeled);
	git_object_free(target);
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

int repo_resolve(struct repo *repo, const char *rev, char *id)
{
	git_object *object = NULL, *commit = NULL;
	int ret = 0;

	if (git_revparse_single(&object, repo->git, rev) < 0 ||
	    git_object_peel(&commit, object, GIT_OBJECT_COMMIT) < 0)
		ret = S_git_error(rev);
	else
		git_oid_tostr(id, REPO_BLOB_ID_SIZE, git_object_id(commit));
	git_object_free(commit);
	git_object_free(object);
	return ret;
}

int repo_head_unborn(struct repo *repo)
{
	return git_repository_head_unborn(repo->git) == 1;
}

int repo_file_blob(struct repo *repo, const char *commit, const char *path, char *blob)
{
	git_object *object = NULL, *tree = NULL;
	git_tree_entry *entry = NULL;
	char *full = S_scope(repo, path);
	int ret = 0;

	if (git_revparse_single(&object, repo->git, commit) < 0 ||
	    git_object_peel(&tree, object, GIT_OBJECT_TREE) < 0) {
		ret = S_git_error(commit);
		goto done;
	}
	if (git_tree_entry_bypath(&entry, (git_tree *)tree, full) == 0 &&
	    git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK) {
		git_oid_tostr(blob, REPO_BLOB_ID_SIZE, git_tree_entry_id(entry));
		ret = 1;
	}
done:
	git_tree_entry_free(entry);
	git_object_free(tree);
	git_object_free(object);
	free(full);
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
