#include "repo.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "atomic_write.h"
#include "credential.h"
#include "error.h"
#include "notefile.h"
#include "progress.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"
#include "suggest.h"
#include "xalloc.h"

struct repo {
	git_repository *git;
	git_index *index;      /* loaded on first use */
	char *prefix;          /* the notes root below the work tree: "" or "a/b" */
};

static int S_git_error(const char *what)
{
	const git_error *e = git_error_last();
	return error_set("%s: %s", what, e && e->message ? e->message : "unknown git error");
}

int repo_open(struct repo **out, const char *root)
{
	return repo_open_at(out, root, NULL);
}

int repo_open_at(struct repo **out, const char *root, const char *prefix)
{
	git_repository *git = NULL;
	char *top = NULL;

	*out = NULL;
	git_libgit2_init();
	/*
	 * libgit2 hashes every object it reads to check it, as git does only
	 * in fsck: a history of 500 commits spends a tenth of its time there.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
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
		error_set("%s is not in a git repository", root);
		goto fail;
	}
	if (git_repository_is_bare(git)) {
		error_set("the repository of %s has no work tree", root);
		goto fail;
	}
	top = realpath(git_repository_workdir(git), NULL);
	size_t n = top ? strlen(top) : 0;
	if (!top || strncmp(root, top, n) != 0 || (root[n] != '/' && root[n] != '\0')) {
		error_set("the notes root %s is not inside the work tree of its repository", root);
		goto fail;
	}

	struct repo *repo = xcalloc(1, sizeof(*repo));
	repo->git = git;
	repo->prefix = xstrdup(prefix ? prefix : root[n] == '/' ? root + n + 1 : "");
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

/* Where `word` first is in text, in any case; NULL when it is not. */
static const char *S_find_word_any_case(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (; *text; text++)
		if (strncasecmp(text, word, n) == 0)
			return text;
	return NULL;
}

/*
 * Whether the config file of the git folder `dir` may move the work tree
 * (core.worktree), make the repository bare (core.bare not false), or read
 * another file that may (include): settings this reading does not follow.
 */
static int S_config_may_move_work_tree(struct strbuf *dir)
{
	static const char *const falses[] = { "false", "no", "off", "0" };
	char text[64 * 1024];
	size_t len = dir->len;
	strbuf_addstr(dir, "config");
	FILE *f = fopen(dir->buf, "r");
	strbuf_setlen(dir, len);
	if (!f)
		return errno != ENOENT;
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	int whole = feof(f) && !ferror(f);
	fclose(f);
	text[n] = '\0';
	if (!whole || memchr(text, '\0', n) || S_find_word_any_case(text, "worktree") ||
	    S_find_word_any_case(text, "include"))
		return 1;
	for (const char *at = text; (at = S_find_word_any_case(at, "bare")) != NULL; ) {
		at += strspn(at + 4, " \t") + 4;
		if (*at++ != '=')
			return 1;
		at += strspn(at, " \t");
		size_t k = 0;
		while (k < sizeof(falses) / sizeof(*falses) &&
		       (strncasecmp(at, falses[k], strlen(falses[k])) != 0 ||
			isalnum((unsigned char)at[strlen(falses[k])])))
			k++;
		if (k == sizeof(falses) / sizeof(*falses))
			return 1;
	}
	return 0;
}

/* Whether `dir` holds what git makes a repository of: HEAD, objects and refs. */
static int S_looks_like_git_dir(struct strbuf *dir)
{
	static const struct { const char *name; mode_t type; } parts[] = {
		{ "HEAD", S_IFREG }, { "objects", S_IFDIR }, { "refs", S_IFDIR },
	};
	size_t len = dir->len;
	int ok = 1;
	for (size_t i = 0; ok && i < sizeof(parts) / sizeof(*parts); i++) {
		struct stat st;
		strbuf_addstr(dir, parts[i].name);
		ok = lstat(dir->buf, &st) == 0 && (st.st_mode & S_IFMT) == parts[i].type;
		strbuf_setlen(dir, len);
	}
	return ok;
}

int repo_plain_git_dir(char **out, const char *root)
{
	static const char *const env[] = {
		"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES",
		"GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_OBJECT_DIRECTORY", "GIT_INDEX_FILE",
		"GIT_NAMESPACE",
	};
	struct strbuf dir = STRBUF_INIT;
	struct stat top, st;
	int found = 0;

	*out = NULL;
	for (size_t i = 0; i < sizeof(env) / sizeof(*env); i++)
		if (getenv(env[i]))
			return 0;
	if (root[0] != '/' || stat(root, &top) < 0)
		return 0;
	strbuf_addstr(&dir, root);
	while (dir.len > 1 && dir.buf[dir.len - 1] == '/')
		strbuf_setlen(&dir, dir.len - 1);
	/* Up from root, through folders of the user's own on root's file system. */
	while (stat(dir.buf, &st) == 0 && st.st_dev == top.st_dev && st.st_uid == geteuid()) {
		size_t len = dir.len;
		strbuf_addstr(&dir, len > 1 ? "/.git" : ".git");
		if (lstat(dir.buf, &st) == 0) {
			/* A folder git would take, the user's own: anything else is git's to judge. */
			strbuf_addch(&dir, '/');
			found = S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
				S_looks_like_git_dir(&dir) && !S_config_may_move_work_tree(&dir);
			break;
		}
		strbuf_setlen(&dir, len);
		char *slash = strrchr(dir.buf, '/');
		if (len <= 1 || !slash)
			break;
		strbuf_setlen(&dir, slash == dir.buf ? 1 : (size_t)(slash - dir.buf));
	}
	if (found)
		*out = strbuf_detach(&dir);
	strbuf_release(&dir);
	return found;
}

void repo_hash_blob(char *blob, const char *bytes, size_t len)
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
 * The root-relative form of a repository path that is a note of `notes`,
 * or NULL. `scope` is the notes folder as a repository path (S_scope): a
 * path elsewhere is passed over without a look at its name. A note whose
 * name is not UTF-8 goes to `misnamed` when that is not NULL.
 */
static const char *S_in_scope(const struct repo *repo, const char *scope,
			      const struct notefile_scope *notes, const char *path,
			      struct strlist *misnamed)
{
	size_t n = strlen(scope);
	if (n && (strncmp(path, scope, n) != 0 || path[n] != '/'))
		return NULL;
	size_t skip = strlen(repo->prefix);
	const char *rel = path + skip + (skip ? 1 : 0);
	enum notefile_kind kind = notefile_classify(notes, rel);
	if (kind == NOTEFILE_MISNAMED && misnamed)
		strlist_add(misnamed, rel);
	return kind == NOTEFILE_NOTE ? rel : NULL;
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

int repo_list_index(struct repo_entries *out, struct repo *repo,
		    const struct notefile_scope *notes)
{
	git_index *index = NULL;
	if (S_index(repo, &index) < 0)
		return -1;

	char *scope = S_scope(repo, notes->dir);
	size_t count = git_index_entrycount(index);
	for (size_t i = 0; i < count; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		const char *path = S_in_scope(repo, scope, notes, e->path, NULL);
		/* Stages 1-3 are the sides of a conflict; stage 0 is what gets committed. */
		if (path && git_index_entry_stage(e) == 0 && S_is_file_mode(e->mode))
			S_add_entry(out, path, &e->id);
	}
	free(scope);
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items), S_compare_entries);
	return 0;
}

struct S_walk {
	const struct repo *repo;
	const char *scope;
	const struct notefile_scope *notes;
	struct repo_entries *out;
	struct strlist *misnamed;
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
	const char *path = S_in_scope(w->repo, w->scope, w->notes, w->path.buf, w->misnamed);
	if (path)
		S_add_entry(w->out, path, git_tree_entry_id(entry));
	return 0;
}

/*
 * The folder `scope` of the tree `top` into *out, which stays NULL when
 * the tree has no such folder (a commit without it has no notes). Returns
 * 0, or -1 with an error set (error.h) about `what`.
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

/*
 * The object `rev` names, peeled to `type` (a commit, its tree): 0 and
 * *out (git_object_free), or -1 with an error set (error.h).
 */
static int S_peeled(git_object **out, struct repo *repo, const char *rev, git_object_t type)
{
	git_object *named = NULL;
	*out = NULL;
	int r = git_revparse_single(&named, repo->git, rev) < 0 ||
		git_object_peel(out, named, type) < 0 ? S_git_error(rev) : 0;
	git_object_free(named);
	return r;
}

int repo_list_commit(struct repo_entries *out, struct repo *repo, const char *rev,
		     const struct notefile_scope *notes, struct strlist *misnamed)
{
	git_object *tree = NULL;
	git_tree *scoped = NULL;
	char *scope = S_scope(repo, notes->dir);
	int ret = S_peeled(&tree, repo, rev, GIT_OBJECT_TREE);

	if (ret < 0)
		goto done;
	/* Walk only the notes folder. */
	ret = S_scoped_tree(&scoped, repo, (git_tree *)tree, scope, rev);
	if (ret < 0 || !scoped)
		goto done;

	struct S_walk w = { repo, scope, notes, out, misnamed, STRBUF_INIT };
	if (git_tree_walk(scoped, GIT_TREEWALK_PRE, S_walk_entry, &w) < 0)
		ret = S_git_error(rev);
	strbuf_release(&w.path);
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items), S_compare_entries);
	if (misnamed)
		strlist_sort_unique(misnamed);
done:
	git_tree_free(scoped);
	git_object_free(tree);
	free(scope);
	return ret;
}

int repo_list_folder(struct strlist *out, struct repo *repo, const char *rev, const char *dir)
{
	git_object *tree = NULL;
	git_tree *scoped = NULL;
	char *scope = S_scope(repo, dir);
	int ret = S_peeled(&tree, repo, rev, GIT_OBJECT_TREE);

	if (ret == 0)
		ret = S_scoped_tree(&scoped, repo, (git_tree *)tree, scope, rev);
	for (size_t i = 0; scoped && i < git_tree_entrycount(scoped); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(scoped, i);
		if (S_is_file_mode(git_tree_entry_filemode(e)))
			strlist_add(out, git_tree_entry_name(e));
	}
	git_tree_free(scoped);
	git_object_free(tree);
	free(scope);
	return ret;
}

/* What repo_walk_history carries while it compares two versions of the notes folder. */
struct S_history {
	struct repo *repo;
	const char *scope;
	const struct notefile_scope *notes;
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
 * -1 with an error set (error.h).
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
	const char *path = of || nf ? S_in_scope(h->repo, h->scope, h->notes, h->path.buf, NULL)
		: NULL;
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
	strbuf_setlen(&h->path, len);
	return ret;
}

/*
 * Adds to h->changes the notes that differ between two versions of the
 * folder h->path (NULL for a folder that is not there). Entries of a tree
 * are sorted as git sorts them, so one pass over both finds the names on
 * either side; a subfolder with the same id on both sides is skipped
 * unread, which keeps a commit that changes three notes among ten
 * thousand cheap. Returns 0, or -1 with an error set (error.h).
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
	struct date d = date_from_days((long)(secs / 86400 - (secs % 86400 < 0)));
	if (d.year < 1 || d.year > 9999)
		return;
	date_format(day, &d);
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

int repo_walk_history(struct repo *repo, const char *rev, const struct notefile_scope *notes,
		      int (*fn)(void *arg, const struct repo_commit *commit), void *arg)
{
	git_object *peeled = NULL;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL, *parent = NULL;
	git_tree *prev = NULL, *cur = NULL, *base = NULL;
	git_oid id, prev_id;
	char *scope = S_scope(repo, notes->dir);
	struct S_history h = { repo, scope, notes, STRBUF_INIT, 0, NULL, 0, 0 };
	int ret = 0, next, have_prev = 0;

	if (S_peeled(&peeled, repo, rev, GIT_OBJECT_COMMIT) < 0) {
		ret = -1;
		goto done;
	}
	if (git_revwalk_new(&walk, repo->git) < 0 ||
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
	free(scope);
	return ret;
}

/*
 * The diff of HEAD's tree (nothing on a branch with no commit yet) to the
 * index, limited to the repository paths `specs` (folder or file names,
 * not patterns: `team [1]` must not match `team 1`); all of it for none.
 */
static int S_staged_diff(git_diff **diff, struct repo *repo, char **specs, size_t nspecs)
{
	git_index *index = NULL;
	git_object *head = NULL;
	git_diff_options opts;
	int ret = 0;

	*diff = NULL;
	if (S_index(repo, &index) < 0 ||
	    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0)
		return -1;
	if (git_repository_head_unborn(repo->git) != 1 &&
	    git_revparse_single(&head, repo->git, "HEAD^{tree}") < 0)
		return S_git_error("HEAD");
	if (nspecs) {
		opts.pathspec.strings = specs;
		opts.pathspec.count = nspecs;
		opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	}
	if (git_diff_tree_to_index(diff, repo->git, (git_tree *)head, index, &opts) < 0)
		ret = S_git_error("cannot compare the index with HEAD");
	git_object_free(head);
	return ret;
}

/* The new side of a delta, when it adds or changes a plain file; NULL otherwise. */
static const char *S_staged_file(const git_diff *diff, size_t i)
{
	const git_diff_delta *delta = git_diff_get_delta(diff, i);
	if (delta->status == GIT_DELTA_DELETED || !S_is_file_mode(delta->new_file.mode))
		return NULL;
	return delta->new_file.path;
}

int repo_staged_changes(struct strlist *out, struct repo *repo,
			const struct notefile_scope *notes, struct strlist *misnamed)
{
	git_diff *diff = NULL;
	char *scope = S_scope(repo, notes->dir);
	int ret = S_staged_diff(&diff, repo, &scope, *scope ? 1 : 0);

	for (size_t i = 0; ret == 0 && i < git_diff_num_deltas(diff); i++) {
		const char *file = S_staged_file(diff, i);
		const char *path = file ? S_in_scope(repo, scope, notes, file, misnamed) : NULL;
		if (path)
			strlist_add(out, path);
	}
	strlist_sort_unique(out);
	if (misnamed)
		strlist_sort_unique(misnamed);
	git_diff_free(diff);
	free(scope);
	return ret;
}

int repo_staged_files(struct strlist *out, struct repo *repo, const char *const *paths,
		      size_t npaths)
{
	git_diff *diff = NULL;
	char **specs = xcalloc(npaths + 1, sizeof(*specs));
	size_t skip = strlen(repo->prefix);

	for (size_t i = 0; i < npaths; i++)
		specs[i] = S_scope(repo, paths[i]);
	int ret = npaths ? S_staged_diff(&diff, repo, specs, npaths) : 0;
	for (size_t i = 0; ret == 0 && diff && i < git_diff_num_deltas(diff); i++) {
		const char *file = S_staged_file(diff, i);
		const char *rel = file ? file + skip + (skip ? 1 : 0) : NULL;
		/* Hidden files are no one's business, as in the working tree's walk. */
		if (rel && *rel != '.' && !strstr(rel, "/."))
			strlist_add(out, rel);
	}
	strlist_sort_unique(out);
	for (size_t i = 0; i < npaths; i++)
		free(specs[i]);
	free(specs);
	git_diff_free(diff);
	return ret;
}

int repo_read_blob(struct source **out, struct repo *repo, const char *blob, const char *path,
		   struct diag_list *diags)
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

int repo_resolve(char *id, struct repo *repo, const char *rev)
{
	git_object *commit;
	if (S_peeled(&commit, repo, rev, GIT_OBJECT_COMMIT) < 0)
		return -1;
	git_oid_tostr(id, REPO_BLOB_ID_SIZE, git_object_id(commit));
	git_object_free(commit);
	return 0;
}

int repo_commit_day(char *id, char *day, struct repo *repo, const char *rev)
{
	git_object *named = NULL, *commit = NULL;
	int ret = 0;

	id[0] = day[0] = '\0';
	int r = git_revparse_single(&named, repo->git, rev);
	if (r == GIT_ENOTFOUND)
		return 1;
	if (r < 0 || git_object_peel(&commit, named, GIT_OBJECT_COMMIT) < 0) {
		ret = S_git_error(rev);
	} else {
		const git_signature *author = git_commit_author((git_commit *)commit);
		S_day(day, author ? author->when.time : 0, author ? author->when.offset : 0);
		git_oid_tostr(id, REPO_BLOB_ID_SIZE, git_object_id(commit));
	}
	git_object_free(commit);
	git_object_free(named);
	return ret;
}

int repo_head_unborn(struct repo *repo)
{
	return git_repository_head_unborn(repo->git) == 1;
}

/* The staged (stage 0) plain file at the full path `full`: 1 and its blob, 0 when there is none. */
static int S_index_file_blob(char *blob, struct repo *repo, const char *full)
{
	git_index *index = NULL;
	if (S_index(repo, &index) < 0)
		return -1;
	const git_index_entry *e = git_index_get_bypath(index, full, 0);
	if (!e || !S_is_file_mode(e->mode))
		return 0;
	git_oid_tostr(blob, REPO_BLOB_ID_SIZE, &e->id);
	return 1;
}

int repo_file_blob(char *blob, struct repo *repo, const char *rev, const char *path)
{
	git_object *tree = NULL;
	git_tree_entry *entry = NULL;
	char *full = S_scope(repo, path);
	int ret;

	if (!rev) {
		ret = S_index_file_blob(blob, repo, full);
		free(full);
		return ret;
	}
	ret = S_peeled(&tree, repo, rev, GIT_OBJECT_TREE);
	if (ret < 0)
		goto done;
	if (git_tree_entry_bypath(&entry, (git_tree *)tree, full) == 0 &&
	    git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK) {
		git_oid_tostr(blob, REPO_BLOB_ID_SIZE, git_tree_entry_id(entry));
		ret = 1;
	}
done:
	git_tree_entry_free(entry);
	git_object_free(tree);
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

void repo_entries_add(struct repo_entries *entries, const char *path, const char *blob)
{
	XGROW(entries->items, entries->cap, entries->len + 1);
	struct repo_entry *e = &entries->items[entries->len++];
	e->path = xstrdup(path);
	snprintf(e->blob, sizeof(e->blob), "%s", blob);
}

void repo_entries_release(struct repo_entries *entries)
{
	for (size_t i = 0; i < entries->len; i++)
		free(entries->items[i].path);
	free(entries->items);
	*entries = (struct repo_entries)REPO_ENTRIES_INIT;
}

int repo_hooks_dir(char **out, struct repo *repo)
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

/*
 * A root-relative path a file may be written at: no empty, "." or ".."
 * part, no ".git" part in any case, nothing absolute. Returns 0, or -1
 * with an error set (error.h).
 */
static int S_check_path(const char *path)
{
	const char *p = path;

	if (!*p)
		return error_set("an empty path is no place for a file");
	for (;;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.') ||
		    (n == 4 && strncasecmp(p, ".git", 4) == 0))
			return error_set("'%s' is not a path inside the notes root", path);
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

/*
 * What HEAD's tree (NULL on an unborn branch) holds at the repository
 * path `full`: 1 a file, its id and mode into *id and *mode; 0 nothing;
 * 2 something else (a folder, a link, a submodule, or a file on the way);
 * -1 with an error set (error.h).
 */
static int S_head_file(git_tree *head, const char *full, git_oid *id, unsigned *mode)
{
	git_tree_entry *e = NULL;
	int ret = 0;

	if (!head)
		return 0;
	/* git_tree_entry_bypath says ENOTFOUND for a file on the way too: look at each part. */
	for (const char *slash = strchr(full, '/'); slash; slash = strchr(slash + 1, '/')) {
		char *part = xstrdup(full);
		part[slash - full] = '\0';
		int r = git_tree_entry_bypath(&e, head, part);
		free(part);
		if (r == GIT_ENOTFOUND)
			return 0;
		if (r < 0)
			return S_git_error(full);
		ret = git_tree_entry_type(e) == GIT_OBJECT_TREE ? 0 : 2;
		git_tree_entry_free(e);
		e = NULL;
		if (ret)
			return ret;
	}
	int r = git_tree_entry_bypath(&e, head, full);
	if (r == GIT_ENOTFOUND)
		return 0;
	if (r < 0)
		return S_git_error(full);
	if (S_is_file_mode(git_tree_entry_filemode(e))) {
		git_oid_cpy(id, git_tree_entry_id(e));
		*mode = git_tree_entry_filemode(e);
		ret = 1;
	} else {
		ret = 2;
	}
	git_tree_entry_free(e);
	return ret;
}

/*
 * Opens the folder `dir` of the work tree (a repository path, "" for the
 * top) a part at a time, never through a link, making the parts that are
 * missing when `make` says so. Returns 0 and *out (a descriptor the
 * caller closes); 1 when a part is missing; 2 when a part is a link or
 * not a folder; -1 with an error set (error.h).
 */
static int S_open_folder(int *out, struct repo *repo, const char *dir, int make)
{
	const char *top = git_repository_workdir(repo->git);
	int fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	*out = -1;
	if (fd < 0)
		return error_set("cannot open the work tree %s: %s", top, strerror(errno));
	for (const char *p = dir; *p;) {
		size_t n = strcspn(p, "/");
		char *part = xmalloc(n + 1);
		memcpy(part, p, n);
		part[n] = '\0';
		p += n + (p[n] == '/');
		int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && make &&
		    (mkdirat(fd, part, 0777) == 0 || errno == EEXIST))
			next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int saved = errno;
		free(part);
		close(fd);
		fd = next;
		if (fd < 0) {
			if (saved == ENOENT && !make)
				return 1;
			if (saved == ELOOP || saved == ENOTDIR)
				return 2;
			return error_set("cannot open the folder %.*s of the work tree: %s",
				     (int)(p - dir), dir, strerror(saved));
		}
	}
	*out = fd;
	return 0;
}

/* The folder part of a repository path ("" for none) and its last part, malloc'd. */
static void S_split(const char *full, char **dir, char **name)
{
	const char *slash = strrchr(full, '/');
	size_t n = slash ? (size_t)(slash - full) : 0;

	*dir = xmalloc(n + 1);
	memcpy(*dir, full, n);
	(*dir)[n] = '\0';
	*name = xstrdup(slash ? slash + 1 : full);
}

/*
 * The work tree's version of the repository path `full`: 1 a plain file,
 * whose id as git would record it (filters applied) goes into *id; 0
 * nothing there; 2 a link, a folder or anything else, or a link or a file
 * on the way; -1 with an error set (error.h).
 */
static int S_work_file(struct repo *repo, const char *full, git_oid *id)
{
	char *dir, *name;
	struct stat st;
	int fd = -1;

	S_split(full, &dir, &name);
	int ret = S_open_folder(&fd, repo, dir, 0);
	if (ret == 1)
		ret = 0;
	else if (ret == 0 && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		ret = errno == ENOENT ? 0 : error_set("cannot read %s: %s", full, strerror(errno));
	else if (ret == 0 && !S_ISREG(st.st_mode))
		ret = 2;
	else if (ret == 0 && git_repository_hashfile(id, repo->git, full, GIT_OBJECT_BLOB, NULL) < 0)
		ret = S_git_error(full);
	else if (ret == 0)
		ret = 1;
	if (fd >= 0)
		close(fd);
	free(dir);
	free(name);
	return ret;
}

/*
 * repo_path_dirty for the repository path `full`, with HEAD's tree (NULL
 * when unborn), the index as read and the id of the bytes to be written:
 * 0 safe, 1 edits, 2 not a plain file; -1 with an error set (error.h).
 */
static int S_dirty(struct repo *repo, git_tree *head, git_index *index, const char *full,
		   const git_oid *want)
{
	git_oid head_id, work_id;
	unsigned head_mode = 0;

	int in_head = S_head_file(head, full, &head_id, &head_mode);
	if (in_head < 0 || in_head == 2)
		return in_head;
	for (int stage = 1; stage <= 3; stage++)
		if (git_index_get_bypath(index, full, stage))
			return 1;
	const git_index_entry *e = git_index_get_bypath(index, full, 0);
	if (e && !(in_head && e->mode == head_mode && git_oid_equal(&e->id, &head_id)) &&
	    !(e->mode == GIT_FILEMODE_BLOB && git_oid_equal(&e->id, want)))
		return 1;
	int in_work = S_work_file(repo, full, &work_id);
	if (in_work != 1)
		return in_work;
	if (!(in_head && git_oid_equal(&work_id, &head_id)) && !git_oid_equal(&work_id, want))
		return 1;
	return 0;
}

/* The index as it is on disk now: another git command may have changed it. */
static int S_fresh_index(struct repo *repo, git_index **out)
{
	if (S_index(repo, out) < 0)
		return -1;
	if (git_index_read(*out, 0) < 0)
		return S_git_error("cannot read the git index");
	return 0;
}

int repo_path_dirty(struct repo *repo, const char *path, const char *bytes, size_t len)
{
	git_index *index = NULL;
	git_object *head = NULL;
	git_oid want;
	char *full = NULL;
	int ret;

	if (S_check_path(path) < 0 || S_fresh_index(repo, &index) < 0)
		return -1;
	if (git_repository_head_unborn(repo->git) != 1 &&
	    git_revparse_single(&head, repo->git, "HEAD^{tree}") < 0)
		return S_git_error("HEAD");
	git_odb_hash(&want, bytes ? bytes : "", len, GIT_OBJECT_BLOB);
	full = S_scope(repo, path);
	ret = S_dirty(repo, (git_tree *)head, index, full, &want);
	free(full);
	git_object_free(head);
	return ret < 0 ? -1 : ret > 0;
}

/* "git -C <top> <what> -- <paths>", the command that finishes what a commit began. */
static char *S_recovery(struct repo *repo, const char *what, char *const *fulls, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	char *top = xstrdup(git_repository_workdir(repo->git));
	size_t len = strlen(top);

	if (len > 1 && top[len - 1] == '/')
		top[len - 1] = '\0';
	strbuf_addstr(&sb, "git -C ");
	strbuf_add_sh_quoted(&sb, top);
	strbuf_addf(&sb, " %s --", what);
	for (size_t i = 0; i < n; i++) {
		strbuf_addch(&sb, ' ');
		strbuf_add_sh_quoted(&sb, fulls[i]);
	}
	free(top);
	return strbuf_detach(&sb);
}

/* Writes a file at the repository path `full`, making its folders. */
/* Writes the file beside its name in the work tree, to be named (atomic_write_finish) later. */
static int S_stage_file(struct repo *repo, const char *full, const char *path,
			const char *bytes, size_t len, struct atomic_file *out)
{
	char *dir, *name;
	int fd = -1;

	S_split(full, &dir, &name);
	int ret = S_open_folder(&fd, repo, dir, 1);
	if (ret == 2)
		ret = error_set("a link or a file stands on the way to %s: not writing there", path);
	else if (ret == 0)
		ret = atomic_write_begin(out, fd, name, bytes, len, 0) < 0
			? error_set("cannot write %s: %s: nothing was committed", path,
				    error_write_reason(errno)) : 0;
	if (fd >= 0)
		close(fd);
	free(dir);
	free(name);
	return ret;
}

/* The index entry for a file just written: its blob and the status git compares. */
static void S_index_entry(git_index_entry *e, const char *full, const git_oid *id,
			  const struct stat *st)
{
	memset(e, 0, sizeof(*e));
	e->ctime.seconds = (int32_t)st->st_ctim.tv_sec;
	e->ctime.nanoseconds = (uint32_t)st->st_ctim.tv_nsec;
	e->mtime.seconds = (int32_t)st->st_mtim.tv_sec;
	e->mtime.nanoseconds = (uint32_t)st->st_mtim.tv_nsec;
	e->dev = (uint32_t)st->st_dev;
	e->ino = (uint32_t)st->st_ino;
	e->mode = GIT_FILEMODE_BLOB;
	e->uid = (uint32_t)st->st_uid;
	e->gid = (uint32_t)st->st_gid;
	e->file_size = (uint32_t)st->st_size;
	git_oid_cpy(&e->id, id);
	e->path = full;
}

/* What the index held at a path before a commit staged it, to put back. */
struct undo_entry {
	int had;
	git_index_entry entry;   /* its path is the caller's */
};

/* Why the index could not be written, in words: the lock of another git command, a full disk. */
static int S_index_write_error(struct repo *repo, int r)
{
	if (r == GIT_ELOCKED)
		return error_set("the git index is in use by another git command (if none is "
				 "running, remove %sindex.lock)", repo_git_dir(repo));
	if (errno == ENOSPC || errno == EDQUOT)
		return error_set("cannot write the git index: %s", error_write_reason(errno));
	return S_git_error("cannot write the git index");
}

/*
 * Sets the index entries of fulls[] to the blobs of updates[], with the
 * status of the files written beside their names (their change time moves
 * when they are named, so git hashes them once more), and writes the
 * index. *undo gets what the entries were (free it). Returns 0, or -1
 * with an error set and the index on disk as it was.
 */
static int S_stage_entries(struct repo *repo, git_index *index, struct undo_entry **undo,
			   char *const *fulls, const git_tree_update *updates,
			   const struct atomic_file *staged, size_t n)
{
	int r = 0;
	*undo = xcalloc(n ? n : 1, sizeof(**undo));
	for (size_t i = 0; r == 0 && i < n; i++) {
		const git_index_entry *old = git_index_get_bypath(index, fulls[i], 0);
		if (old) {
			(*undo)[i] = (struct undo_entry){ 1, *old };
			(*undo)[i].entry.path = fulls[i];
		}
		struct stat st;
		git_index_entry e;
		if (fstat(staged[i].fd, &st) < 0)
			memset(&st, 0, sizeof(st));
		S_index_entry(&e, fulls[i], &updates[i].id, &st);
		if (git_index_add(index, &e) < 0)
			r = S_git_error(fulls[i]);
	}
	if (r == 0 && (r = git_index_write(index)) < 0)
		S_index_write_error(repo, r);
	if (r < 0)
		git_index_read(index, 1);
	return r < 0 ? -1 : 0;
}

/* Puts the entries S_stage_entries set back as they were; 0, or -1 (nothing said). */
static int S_unstage_entries(git_index *index, const struct undo_entry *undo,
			     char *const *fulls, size_t n)
{
	if (git_index_read(index, 1) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (undo[i].had ? git_index_add(index, &undo[i].entry) < 0
		    : git_index_get_bypath(index, fulls[i], 0) && git_index_remove(index, fulls[i], 0) < 0)
			return -1;
	}
	return git_index_write(index) < 0 ? -1 : 0;
}

/* A configured value of the first key set, owned by config, or NULL. */
static const char *S_config_string(git_config *config, const char *key, const char *fallback)
{
	const char *value = NULL;
	if (git_config_get_string(&value, config, key) < 0 &&
	    git_config_get_string(&value, config, fallback) < 0)
		value = NULL;
	return value;
}

/*
 * The author (`who`, its NULL fields from git config) and the committer
 * (the configured user, or the author), freed with git_signature_free.
 * Returns 0, or -1 with an error set (error.h).
 */
static int S_signatures(git_signature **author, git_signature **committer, struct repo *repo,
			const struct repo_person *who)
{
	git_config *config = NULL;
	int ret = 0;

	*author = *committer = NULL;
	if (git_repository_config_snapshot(&config, repo->git) < 0)
		return S_git_error("cannot read the git configuration");
	const char *name = who && who->name ? who->name
		: S_config_string(config, "author.name", "user.name");
	const char *email = who && who->email ? who->email
		: S_config_string(config, "author.email", "user.email");
	const char *cname = S_config_string(config, "committer.name", "user.name");
	const char *cemail = S_config_string(config, "committer.email", "user.email");
	if (!name || !email) {
		ret = error_set("no author for the commit: set user.name and user.email "
			    "(git config user.name 'Your Name'), or give an author");
	} else if (git_signature_now(author, name, email) < 0) {
		ret = S_git_error("the author");
	} else if (cname && cemail ? git_signature_now(committer, cname, cemail) < 0
				   : git_signature_dup(committer, *author) < 0) {
		ret = S_git_error("the committer");
	}
	if (ret < 0) {
		git_signature_free(*author);
		*author = NULL;
	}
	git_config_free(config);
	return ret;
}

static int S_compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int repo_commit_files(char *id, struct repo *repo, const struct repo_file *files, size_t n,
		      const char *message, const struct repo_commit_options *opts)
{
	git_reference *head = NULL, *branch = NULL, *moved = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_index *index = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_buf msg = GIT_BUF_INIT;
	git_oid old_id, tree_id, commit_id;
	git_tree_update *updates = NULL;
	struct atomic_file *staged = xcalloc(n ? n : 1, sizeof(*staged));
	size_t nstaged = 0, named = 0;   /* staged[named..nstaged) are written, not named */
	struct undo_entry *undo = NULL;
	char **fulls = xcalloc(n ? n : 1, sizeof(*fulls));
	char **sorted = NULL;
	struct strbuf reflog = STRBUF_INIT;
	int ret = -1, unborn = 0;

	id[0] = '\0';
	/* HEAD must name a branch, which may not exist yet. */
	if (git_reference_lookup(&head, repo->git, "HEAD") < 0) {
		S_git_error("HEAD");
		goto done;
	}
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		error_set("HEAD is detached: check out a branch to commit to");
		goto done;
	}
	const char *ref = git_reference_symbolic_target(head);
	const char *short_name = strncmp(ref, "refs/heads/", 11) == 0 ? ref + 11 : ref;
	int r = git_reference_lookup(&branch, repo->git, ref);
	if (r == GIT_ENOTFOUND && opts && opts->expected) {
		error_set("the branch %s has no commit %.12s: nothing was committed", short_name,
		      opts->expected);
		goto done;
	} else if (r == GIT_ENOTFOUND) {
		unborn = 1;
	} else if (r < 0) {
		S_git_error(short_name);
		goto done;
	} else if (git_reference_type(branch) != GIT_REFERENCE_DIRECT) {
		error_set("the branch %s is a symbolic reference: check out the branch it names", short_name);
		goto done;
	} else {
		git_oid_cpy(&old_id, git_reference_target(branch));
		char read[REPO_BLOB_ID_SIZE];
		git_oid_tostr(read, sizeof(read), &old_id);
		if (opts && opts->expected && strcmp(opts->expected, read) != 0) {
			error_set("the branch %s moved since the files were made from %.12s:"
			      " nothing was committed; run it again", short_name, opts->expected);
			goto done;
		}
		if (git_commit_lookup(&parent, repo->git, &old_id) < 0 ||
		    git_commit_tree(&base, parent) < 0) {
			S_git_error(short_name);
			goto done;
		}
	}

	/* Nothing is written before every path is known to be safe. */
	for (size_t i = 0; i < n; i++) {
		if (S_check_path(files[i].path) < 0)
			goto done;
		fulls[i] = S_scope(repo, files[i].path);
	}
	sorted = xcalloc(n ? n : 1, sizeof(*sorted));
	if (n)
		memcpy(sorted, fulls, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), S_compare_strings);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(sorted[i - 1], sorted[i]) == 0) {
			size_t skip = strlen(repo->prefix);
			error_set("the file %s is given twice", sorted[i] + skip + (skip ? 1 : 0));
			goto done;
		}
	}
	if (S_fresh_index(repo, &index) < 0)
		goto done;
	updates = xcalloc(n ? n : 1, sizeof(*updates));
	for (size_t i = 0; i < n; i++) {
		const char *bytes = files[i].bytes ? files[i].bytes : "";
		git_oid want;
		git_odb_hash(&want, bytes, files[i].len, GIT_OBJECT_BLOB);
		r = S_dirty(repo, base, index, fulls[i], &want);
		if (r < 0)
			goto done;
		if (r == 1) {
			error_set("%s has changes that are not committed: not overwriting it "
			      "(commit or discard them first)", files[i].path);
			goto done;
		}
		if (r == 2) {
			error_set("%s is not a plain file (a link, a folder, a submodule, or inside "
			      "one): not writing there", files[i].path);
			goto done;
		}
		if (git_blob_create_from_buffer(&updates[i].id, repo->git, bytes, files[i].len) < 0) {
			S_git_error(files[i].path);
			goto done;
		}
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		updates[i].path = fulls[i];
	}
	if (n && git_tree_create_updated(&tree_id, repo->git, base, n, updates) < 0) {
		S_git_error("cannot build the tree of the commit");
		goto done;
	}
	if (n == 0 || (base && git_oid_equal(&tree_id, git_tree_id(base)))) {
		if (!unborn)
			git_oid_tostr(id, REPO_BLOB_ID_SIZE, &old_id);
		ret = 1;
		goto done;
	}

	/*
	 * The pages are written first, each beside its name, and named only
	 * once the branch has moved: a disk that fills up changes nothing.
	 */
	for (; nstaged < n; nstaged++)
		if (S_stage_file(repo, fulls[nstaged], files[nstaged].path,
				 files[nstaged].bytes ? files[nstaged].bytes : "",
				 files[nstaged].len, &staged[nstaged]) < 0)
			goto done;
	if (S_signatures(&author, &committer, repo, opts ? opts->author : NULL) < 0)
		goto done;
	if (git_message_prettify(&msg, message ? message : "", 0, '#') < 0) {
		S_git_error("the commit message");
		goto done;
	}
	if (!msg.ptr || !*msg.ptr) {
		error_set("the commit message is empty");
		goto done;
	}
	const git_commit *parents[1] = { parent };
	if (git_tree_lookup(&tree, repo->git, &tree_id) < 0 ||
	    git_commit_create(&commit_id, repo->git, NULL, author, committer, NULL, msg.ptr,
			      tree, parent ? 1 : 0, parents) < 0) {
		S_git_error("cannot make the commit");
		goto done;
	}
	strbuf_addstr(&reflog, "perennial: ");
	strbuf_add(&reflog, msg.ptr, strcspn(msg.ptr, "\n"));

	/*
	 * The index takes the new versions before the branch moves, as git
	 * writes index.lock before it does: an index that cannot be written
	 * (a full disk, another git command at it) leaves the repository as
	 * it was.
	 */
	if (S_fresh_index(repo, &index) < 0 ||
	    S_stage_entries(repo, index, &undo, fulls, updates, staged, n) < 0) {
		error_set("nothing was committed");
		goto done;
	}
	if (opts && opts->before_move)
		opts->before_move(opts->arg);

	/* Compare and swap: the branch moves only from where it was read. */
	r = unborn ? git_reference_create(&moved, repo->git, ref, &commit_id, 0, reflog.buf)
		   : git_reference_create_matching(&moved, repo->git, ref, &commit_id, 1, &old_id,
						   reflog.buf);
	if (r < 0) {
		if (r == GIT_EMODIFIED || r == GIT_EEXISTS)
			error_set("the branch %s moved while the report was made: nothing was "
				  "committed; run it again", short_name);
		else if (r == GIT_ELOCKED)
			error_set("the branch %s is being changed by another git command: nothing "
				  "was committed; run it again", short_name);
		else
			S_git_error(short_name);
		if (S_unstage_entries(index, undo, fulls, n) < 0) {
			char *fix = S_recovery(repo, "reset -q", fulls, n);
			error_set("the git index still holds these files as the commit would have "
				  "them; run it again to commit them, or run: %s", fix);
			free(fix);
		}
		goto done;
	}
	git_oid_tostr(id, REPO_BLOB_ID_SIZE, &commit_id);

	/* The commit is made and staged: the files take their names. */
	for (; named < nstaged; named++) {
		if (atomic_write_finish(&staged[named], NULL) < 0) {
			error_set("cannot write %s: %s", files[named].path, error_write_reason(errno));
			char *fix = S_recovery(repo, "checkout HEAD", fulls, n);
			error_set("the commit %s is made, but the work tree is not up to date with it; "
			      "once the cause is fixed, run: %s", id, fix);
			free(fix);
			named++;
			goto done;
		}
	}
	ret = 0;
done:
	for (size_t i = named; i < nstaged; i++)
		atomic_write_abandon(&staged[i]);
	free(undo);
	free(staged);
	strbuf_release(&reflog);
	git_buf_dispose(&msg);
	git_signature_free(author);
	git_signature_free(committer);
	free(updates);
	for (size_t i = 0; i < n; i++)
		free(fulls[i]);
	free(fulls);
	free(sorted);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	git_reference_free(moved);
	git_reference_free(branch);
	git_reference_free(head);
	return ret;
}

int repo_person_parse(struct repo_person *out, char *who)
{
	char *open = strchr(who, '<'), *close = open ? strchr(open, '>') : NULL;
	if (!open || !close || close[1] || open == who)
		return -1;
	*close = '\0';
	char *end = open;
	while (end > who && end[-1] == ' ')
		end--;
	*end = '\0';
	out->name = who;
	out->email = open + 1;
	return 0;
}

/* --- Fetching a branch of another repository --- */

/* What the callbacks of one fetch share. */
struct S_fetch {
	const char *label;
	const char *dir;              /* where git credential runs: this repository's */
	struct progress *progress;
	int started;                  /* progress_start was called */
	unsigned tried;               /* GIT_CREDENTIAL_* kinds given once: never again */
	unsigned last;                /* the kind given last: refused when asked again */
	unsigned refused;
	int no_agent;                 /* a key was wanted and no ssh agent runs */
	int no_password;              /* a password was wanted and the helpers had none */
	char *ssh_user;               /* whom the agent's keys were offered for */
	struct credential cred;       /* what git credential fill found */
	int filled;
};

/* url as a message may show it: with no password, should it hold one. */
static void S_shown_url(struct strbuf *sb, const char *url)
{
	const char *authority = strstr(url, "://");
	authority = authority ? authority + 3 : NULL;
	size_t alen = authority ? strcspn(authority, "/") : 0;
	const char *at = NULL;
	for (size_t i = 0; i < alen; i++)
		if (authority[i] == '@')
			at = authority + i;
	const char *colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
	if (!colon) {
		strbuf_addstr(sb, url);
		return;
	}
	strbuf_add(sb, url, (size_t)(colon - url));
	strbuf_addstr(sb, at);
}

/*
 * When url names a folder of this machine (a path, file:///path), says
 * what libgit2 says poorly ("unsupported URL protocol" for a path with
 * nothing there): no such folder, or no repository in it. Returns 0 to go
 * on, or -1 with an error set.
 */
static int S_check_local(const char *url, const char *shown)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/'), *path = NULL;
	struct stat st;

	if (strncmp(url, "file://", 7) == 0)
		path = url + 7;
	else if (!strstr(url, "://") && (!colon || (slash && slash < colon)))
		path = url;   /* not host:path, which is ssh */
	if (!path || strchr(path, '%'))
		return 0;
	if (stat(path, &st) < 0)
		return error_set("cannot reach %s: %s", shown,
				 errno == ENOENT ? "no such folder" : strerror(errno));
	if (!S_ISDIR(st.st_mode) ||
	    git_repository_open_ext(NULL, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) ==
	    GIT_ENOTFOUND)
		return error_set("cannot reach %s: it is not a git repository", shown);
	return 0;
}

/*
 * url as git rewrites it for a fetch, by the longest url.<base>.insteadOf
 * prefix it starts with, into out. libgit2 rewrites as it makes a remote,
 * but 1.5 leaks memory there for every configuration entry its pattern
 * does not match. Returns 0, or -1 with an error set.
 */
static int S_insteadof(struct strbuf *out, struct repo *repo, const char *url)
{
	static const char prefix[] = "url.", suffix[] = ".insteadof";
	const size_t np = sizeof(prefix) - 1, ns = sizeof(suffix) - 1;
	git_config *config = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	size_t best = 0;

	strbuf_addstr(out, url);
	if (git_repository_config_snapshot(&config, repo->git) < 0 ||
	    git_config_iterator_new(&it, config) < 0) {
		git_config_free(config);
		return S_git_error("cannot read the git configuration");
	}
	while (git_config_next(&e, it) == 0) {
		size_t n = strlen(e->name), len = e->value ? strlen(e->value) : 0;
		/* Section and key come lowercased; the base keeps its case. */
		if (n <= np + ns || strncmp(e->name, prefix, np) != 0 ||
		    strcmp(e->name + n - ns, suffix) != 0 || len <= best ||
		    strncmp(url, e->value, len) != 0)
			continue;
		best = len;
		strbuf_reset(out);
		strbuf_add(out, e->name + np, n - np - ns);
		strbuf_addstr(out, url + len);
	}
	git_config_iterator_free(it);
	git_config_free(config);
	return 0;
}

/* Asks git's credential helpers about an http(s) URL: 0 and f->cred, or -1. */
static int S_fill(struct S_fetch *f, const char *url)
{
	struct credential c = CREDENTIAL_INIT;
	if (credential_from_url(&c, url) < 0 ||
	    (strcmp(c.protocol, "http") != 0 && strcmp(c.protocol, "https") != 0)) {
		credential_release(&c);
		return -1;
	}
	if (credential_fill(&c, f->dir) < 0) {
		f->no_password = 1;
		credential_release(&c);
		return -1;
	}
	credential_release(&f->cred);
	f->cred = c;
	f->filled = 1;
	return 0;
}

/*
 * libgit2 asks for credentials, and asks again while the server refuses
 * them: each kind is given once, and then GIT_PASSTHROUGH ends the fetch
 * with GIT_EAUTH. Being asked again says the last one was refused.
 */
static int S_acquire(git_credential **out, const char *url, const char *user,
		     unsigned int allowed, void *payload)
{
	struct S_fetch *f = payload;
	unsigned want = allowed & ~f->tried;
	const char *name = user && *user ? user : "git";

	f->refused |= f->last;
	f->last = 0;
	/* ssh asks for the user first when the URL has none, then for a key. */
	if (want & GIT_CREDENTIAL_USERNAME) {
		f->tried |= GIT_CREDENTIAL_USERNAME;
		return git_credential_username_new(out, name);
	}
	if (want & GIT_CREDENTIAL_SSH_KEY) {
		f->tried |= GIT_CREDENTIAL_SSH_KEY;
		if (getenv("SSH_AUTH_SOCK")) {
			free(f->ssh_user);
			f->ssh_user = xstrdup(name);
			f->last = GIT_CREDENTIAL_SSH_KEY;
			return git_credential_ssh_key_from_agent(out, name);
		}
		f->no_agent = 1;
	}
	/* A password from the helpers before single sign-on, as Basic is the common case. */
	if (want & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		f->tried |= GIT_CREDENTIAL_USERPASS_PLAINTEXT;
		if (S_fill(f, url) == 0) {
			f->last = GIT_CREDENTIAL_USERPASS_PLAINTEXT;
			return git_credential_userpass_plaintext_new(out, f->cred.username,
								     f->cred.password);
		}
	}
	if (want & GIT_CREDENTIAL_DEFAULT) {
		f->tried |= GIT_CREDENTIAL_DEFAULT;
		f->last = GIT_CREDENTIAL_DEFAULT;
		return git_credential_default_new(out);
	}
	return GIT_PASSTHROUGH;
}

static int S_transfer(const git_indexer_progress *stats, void *payload)
{
	struct S_fetch *f = payload;
	if (!f->started) {
		f->progress = progress_start(f->label);
		f->started = 1;
	}
	progress_update(f->progress, stats->received_objects, stats->total_objects);
	return 0;
}

static void S_fetch_callbacks(git_remote_callbacks *cb, struct S_fetch *f)
{
	cb->credentials = S_acquire;
	cb->transfer_progress = S_transfer;
	cb->payload = f;
}

/*
 * Says why the fetch from `shown` failed with libgit2's code `code`: an
 * authentication that failed, in words of what was tried; else `what`
 * (formatted), a colon and libgit2's reason. Returns -1.
 */
static int S_fetch_failed(const struct S_fetch *f, int code, const char *shown,
			  const char *what, ...) __attribute__((format(printf, 4, 5)));

static int S_fetch_failed(const struct S_fetch *f, int code, const char *shown,
			  const char *what, ...)
{
	const git_error *e = git_error_last();
	const char *why = e && e->message ? e->message : "unknown git error";
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (code == GIT_EAUTH && (f->refused & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
		return error_set("authentication failed for %s: the user name '%s' and its "
				 "password were refused", shown, f->cred.username);
	if (code == GIT_EAUTH && (f->refused & GIT_CREDENTIAL_SSH_KEY))
		return error_set("authentication failed for %s: the server took none of the "
				 "ssh agent's keys for the user '%s'", shown, f->ssh_user);
	if (code == GIT_EAUTH && (f->refused & GIT_CREDENTIAL_DEFAULT))
		return error_set("authentication failed for %s: single sign-on was refused", shown);
	if (code == GIT_EAUTH && f->no_password)
		return error_set("authentication failed for %s: no user name and password to "
				 "give (store them with a git credential helper)", shown);
	if (code == GIT_EAUTH && f->no_agent)
		return error_set("authentication failed for %s: no ssh agent runs to give a key "
				 "(SSH_AUTH_SOCK is not set)", shown);
	if (code == GIT_EAUTH)
		return error_set("authentication failed for %s: %s", shown, why);
	va_start(ap, what);
	strbuf_vaddf(&sb, what, ap);
	va_end(ap);
	error_set("%s: %s", sb.buf, why);
	strbuf_release(&sb);
	return -1;
}

/* The error for a branch the remote does not have: a likely one, and a few it has. */
static int S_no_branch(const git_remote_head **heads, size_t n, const char *shown,
		       const char *branch)
{
	enum { SHOWN = 5 };
	struct strbuf list = STRBUF_INIT;
	struct suggestion s;
	size_t count = 0;

	suggest_init(&s, branch);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(heads[i]->name, "refs/heads/", 11) != 0)
			continue;
		const char *name = heads[i]->name + 11;
		suggest_consider(&s, name);
		if (count++ < SHOWN)
			strbuf_addf(&list, "%s%s", count > 1 ? ", " : "", name);
	}
	if (count > SHOWN)
		strbuf_addf(&list, " and %zu more", count - SHOWN);
	if (!count)
		error_set("%s has no branch '%s': it has no branches at all", shown, branch);
	else if (s.best)
		error_set("%s has no branch '%s': did you mean '%s'? (its branches: %s)", shown,
			  branch, s.best, list.buf);
	else
		error_set("%s has no branch '%s' (its branches: %s)", shown, branch, list.buf);
	strbuf_release(&list);
	return -1;
}

int repo_fetch(char *id, struct repo *repo, const char *url, const char *branch,
	       const char *ref, const char *label)
{
	git_remote *remote = NULL;
	git_commit *commit = NULL;
	git_reference *updated = NULL;
	const git_remote_head **heads = NULL;
	size_t nheads = 0, mark = error_mark();
	struct S_fetch f = { 0 };
	struct strbuf source = STRBUF_INIT, spec = STRBUF_INIT, shown = STRBUF_INIT;
	struct strbuf reflog = STRBUF_INIT, target = STRBUF_INIT;
	git_oid advertised;
	int valid = 0, ret = -1, r, found = 0;

	id[0] = '\0';
	f.label = label;
	f.dir = git_repository_workdir(repo->git) ? git_repository_workdir(repo->git)
		: git_repository_path(repo->git);
	f.cred = (struct credential)CREDENTIAL_INIT;
	S_shown_url(&shown, url);
	strbuf_addf(&source, "refs/heads/%s", branch);
	if (!*branch || git_reference_name_is_valid(&valid, source.buf) < 0 || !valid) {
		error_set("'%s' is not a valid branch name", branch);
		goto done;
	}
	if (strncmp(ref, "refs/", 5) != 0 || git_reference_name_is_valid(&valid, ref) < 0 ||
	    !valid) {
		error_set("'%s' is not a valid reference to fetch into", ref);
		goto done;
	}
	if (strncmp(ref, "refs/heads/", 11) == 0) {
		error_set("'%s' is a branch of this repository: a fetch never moves one", ref);
		goto done;
	}

	/* In memory, with no name: nothing of the remote is written to the configuration. */
	git_remote_connect_options conn;
	git_remote_connect_options_init(&conn, GIT_REMOTE_CONNECT_OPTIONS_VERSION);
	S_fetch_callbacks(&conn.callbacks, &f);
	conn.proxy_opts.type = GIT_PROXY_AUTO;   /* http.proxy and the environment, as git */
	git_remote_create_options create;
	git_remote_create_options_init(&create, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	create.repository = repo->git;
	create.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if (S_insteadof(&target, repo, url) < 0 || S_check_local(target.buf, shown.buf) < 0)
		goto done;
	if ((r = git_remote_create_with_opts(&remote, target.buf, &create)) < 0 ||
	    (r = git_remote_connect_ext(remote, GIT_DIRECTION_FETCH, &conn)) < 0) {
		S_fetch_failed(&f, r, shown.buf, "cannot reach %s", shown.buf);
		goto done;
	}
	/* libgit2 fetches nothing, and says nothing, for a branch that is not there. */
	if (git_remote_ls(&heads, &nheads, remote) < 0) {
		S_fetch_failed(&f, -1, shown.buf, "cannot list the branches of %s", shown.buf);
		goto done;
	}
	for (size_t i = 0; !found && i < nheads; i++) {
		if (strcmp(heads[i]->name, source.buf) == 0) {
			git_oid_cpy(&advertised, &heads[i]->oid);
			found = 1;
		}
	}
	if (!found) {
		S_no_branch(heads, nheads, shown.buf, branch);
		goto done;
	}

	/*
	 * Downloaded, and the ref set here: libgit2 1.5's update_tips empties
	 * FETCH_HEAD even when told not to write it (fixed upstream after
	 * 1.9, libgit2#7244), and the user's `git merge FETCH_HEAD` must find
	 * what their own fetch left there.
	 */
	git_fetch_options opts;
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	S_fetch_callbacks(&opts.callbacks, &f);
	opts.proxy_opts.type = GIT_PROXY_AUTO;
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	strbuf_addf(&spec, "+%s:%s", source.buf, ref);
	char *specs[1] = { spec.buf };
	git_strarray refspecs = { specs, 1 };
	if ((r = git_remote_download(remote, &refspecs, &opts)) < 0) {
		S_fetch_failed(&f, r, shown.buf, "cannot fetch the branch '%s' of %s", branch,
			       shown.buf);
		goto done;
	}
	git_remote_disconnect(remote);
	/* Forced, as '+' is: a rewritten branch is taken as it now is. */
	strbuf_addf(&reflog, "perennial: fetch %s from %s", branch, shown.buf);
	if (git_commit_lookup(&commit, repo->git, &advertised) < 0 ||
	    git_reference_create(&updated, repo->git, ref, &advertised, 1, reflog.buf) < 0) {
		S_git_error(ref);
		goto done;
	}
	git_oid_tostr(id, REPO_BLOB_ID_SIZE, &advertised);
	ret = 0;
done:
	progress_stop(f.progress);
	/* The helpers keep a password that worked and forget one refused, as for git fetch. */
	if (f.filled && ret == 0)
		credential_approve(&f.cred, f.dir);
	else if (f.filled && (f.refused & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
		credential_reject(&f.cred, f.dir);
	/* What went wrong on the way (no password from a helper) did not matter in the end. */
	if (ret == 0)
		error_forget_since(mark);
	credential_release(&f.cred);
	free(f.ssh_user);
	git_reference_free(updated);
	git_commit_free(commit);
	git_remote_free(remote);
	strbuf_release(&source);
	strbuf_release(&spec);
	strbuf_release(&shown);
	strbuf_release(&reflog);
	strbuf_release(&target);
	return ret;
}

int repo_set_ref(struct repo *repo, const char *ref, const char *id)
{
	git_reference *made = NULL;
	git_oid oid;
	int r;
	if (!id) {
		r = git_reference_remove(repo->git, ref);
		return r == 0 || r == GIT_ENOTFOUND ? 0 : S_git_error(ref);
	}
	if (git_oid_fromstr(&oid, id) < 0)
		return error_set("'%s' is not a commit id", id);
	r = git_reference_create(&made, repo->git, ref, &oid, 1, "perennial: set");
	git_reference_free(made);
	return r < 0 ? S_git_error(ref) : 0;
}
