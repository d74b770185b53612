#include "worktree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "config.h"
#include "error.h"
#include "notefile.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"
#include "xalloc.h"


int worktree_find_root(char **out, const char *start)
{
	char *dir = realpath(start, NULL);
	struct strbuf probe = STRBUF_INIT;

	*out = NULL;
	while (dir) {
		struct stat st;
		probe.len = 0;
		strbuf_addf(&probe, "%s/%s", strcmp(dir, "/") ? dir : "", CONFIG_FILE);
		if (stat(probe.buf, &st) == 0 && S_ISREG(st.st_mode)) {
			*out = dir;
			break;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || strcmp(dir, "/") == 0) {
			free(dir);
			dir = NULL;
		} else {
			slash[slash == dir ? 1 : 0] = '\0'; /* "/a" becomes "/" */
		}
	}
	strbuf_release(&probe);
	return *out ? 0 : -1;
}

static char *S_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, a);
	if (*a && *b)
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, b);
	return strbuf_detach(&sb);
}

int worktree_inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	return strncmp(root, path, n) == 0 && (path[n] == '/' || path[n] == '\0' ||
					       (n == 1 && root[0] == '/'));
}

static void S_link_outside(struct diag_list *diags, const char *path)
{
	diag_hint(diag_add_file(diags, path, DIAG_SYMLINK_OUTSIDE,
				"symbolic link leads outside the notes repository; not followed"),
		  "keep notes inside the repository, or copy the file in");
}

/*
 * Where a link leads: 1 inside the root, 0 outside, -1 nowhere (dangling).
 * *st describes the target when there is one.
 */
static int S_follow(const char *root, const char *full, struct stat *st)
{
	char *target = realpath(full, NULL);
	if (!target || stat(target, st) < 0) {
		free(target);
		return -1;
	}
	int inside = worktree_inside(root, target);
	free(target);
	return inside;
}

/* The root-relative form of an absolute path inside the root. */
static char *S_relative(const char *root, const char *abs)
{
	size_t n = strlen(root);
	return xstrdup(abs[n] == '/' ? abs + n + 1 : abs + n);
}

int worktree_list(struct strlist *out, const char *root, const struct notefile_scope *scope,
		  const char *dir, struct diag_list *diags)
{
	struct strlist pending = STRLIST_INIT;
	char *start = S_join(root, dir);
	char *real = realpath(start, NULL);
	int ret = 0;

	if (!real)
		ret = error_set("cannot read folder '%s': %s", *dir ? dir : ".", strerror(errno));
	else if (!worktree_inside(root, real))
		S_link_outside(diags, dir);
	else
		strlist_add_owned(&pending, S_relative(root, real));
	free(real);
	free(start);

	while (pending.len) {
		char *rel = pending.items[--pending.len];
		char *full = S_join(root, rel);
		DIR *d = opendir(full);
		struct dirent *entry;

		if (!d && errno == ENAMETOOLONG) {
			/* Nested past what the system can name: that folder alone is not read. */
			diag_hint(diag_add_file(diags, rel, DIAG_PATH_TOO_LONG,
						"folder nested too deep: its path is longer than"
						" this system can open; not read"),
				  "move the notes in it nearer the top of the notes folder");
			free(rel);
			free(full);
			continue;
		}
		if (!d) {
			ret = error_set("cannot read folder '%s': %s", *rel ? rel : ".", strerror(errno));
			free(rel);
			free(full);
			break;
		}
		while ((entry = readdir(d)) != NULL) {
			const char *name = entry->d_name;
			if (name[0] == '.')
				continue;
			char *path = S_join(rel, name);
			struct stat st;

			/* readdir's d_type saves a stat per file where the file system gives it. */
			if (entry->d_type == DT_REG)
				st.st_mode = S_IFREG;
			else if (entry->d_type == DT_DIR)
				st.st_mode = S_IFDIR;
			else if (entry->d_type == DT_LNK)
				st.st_mode = S_IFLNK;
			else if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0)
				st.st_mode = 0;

			if (S_ISDIR(st.st_mode)) {
				strlist_add_owned(&pending, path);
				continue;
			}
			/* Pipes and devices named like notes are listed, to be reported. */
			if (st.st_mode && !S_ISLNK(st.st_mode)) {
				enum notefile_kind kind = notefile_classify(scope, path);
				if (kind == NOTEFILE_NOTE) {
					strlist_add_owned(out, path);
					continue;
				}
				if (kind == NOTEFILE_MISNAMED)
					notefile_refuse_name(diags, path);
			}
			/*
			 * Links are never followed: one inside the root leads to a
			 * file checked where it really is, one outside is reported.
			 */
			if (S_ISLNK(st.st_mode) && !notefile_ignored(scope, path)) {
				char *abs = S_join(root, path);
				if (S_follow(root, abs, &st) == 0 &&
				    (notefile_is_note_name(name) || S_ISDIR(st.st_mode)))
					S_link_outside(diags, path);
				free(abs);
			}
			free(path);
		}
		closedir(d);
		free(rel);
		free(full);
	}
	strlist_release(&pending);
	strlist_sort_unique(out);
	return ret;
}

int worktree_resolve(char **out, int *is_dir, const char *root, const char *arg,
		     struct diag_list *diags)
{
	struct stat st;
	char *abs = realpath(arg, NULL);

	*out = NULL;
	*is_dir = 0;
	if (!abs || stat(abs, &st) < 0) {
		free(abs);
		return error_set("'%s' does not exist", arg);
	}
	if (worktree_inside(root, abs)) {
		/* A link inside the root stands for the note it leads to. */
		*out = S_relative(root, abs);
		*is_dir = S_ISDIR(st.st_mode);
		free(abs);
		return 0;
	}
	free(abs);

	/* Outside: a link that stands inside the root is the notes' problem. */
	const char *slash = strrchr(arg, '/');
	char *parent_arg = slash ? xstrndup(arg, (size_t)(slash - arg) + (slash == arg)) : xstrdup(".");
	char *parent = realpath(parent_arg, NULL);
	int link_inside = parent && worktree_inside(root, parent) &&
		lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	if (link_inside) {
		char *path = S_join(parent, slash ? slash + 1 : arg);
		*out = S_relative(root, path);
		free(path);
		S_link_outside(diags, *out);
	}
	free(parent_arg);
	free(parent);
	if (link_inside)
		return 1;
	return error_set("'%s' is outside the notes repository (%s)", arg, root);
}

int worktree_relative(char **out, const char *root, const char *arg)
{
	struct strbuf path = STRBUF_INIT;
	char cwd[PATH_MAX];

	*out = NULL;
	if (arg[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			return error_set("cannot tell the current folder: %s", strerror(errno));
		strbuf_addf(&path, "%s/", cwd);
	}
	strbuf_addstr(&path, arg);

	/* Fold ".", ".." and repeated slashes, as the text says. */
	char *s = path.buf, *w = s;
	for (char *r = s; *r;) {
		while (*r == '/')
			r++;
		char *end = strchr(r, '/');
		size_t n = end ? (size_t)(end - r) : strlen(r);
		if (n == 2 && r[0] == '.' && r[1] == '.') {
			while (w > s && *--w != '/')
				;
		} else if (n && !(n == 1 && r[0] == '.')) {
			*w++ = '/';
			memmove(w, r, n);
			w += n;
		}
		r += n;
	}
	*w = '\0';

	int ret = 0;
	if (!worktree_inside(root, s))
		ret = error_set("'%s' is outside the notes repository (%s)", arg, root);
	else
		*out = S_relative(root, s);
	strbuf_release(&path);
	return ret;
}

int worktree_select(struct strlist *paths, struct strlist *all, const char *root,
		    const struct notefile_scope *scope, char **args, int nargs,
		    struct diag_list *diags)
{
	/* Every note is read for its id; its findings count only when it was asked for. */
	struct diag_list listing = DIAG_LIST_INIT;
	const char *notes = scope->dir;
	int ret = worktree_list(all, root, scope, notes, &listing);
	if (ret == 0 && !nargs)
		diag_list_take(diags, &listing);
	diag_list_release(&listing);
	if (ret < 0)
		return -1;
	for (int i = 0; i < nargs && ret == 0; i++) {
		char *rel;
		int is_dir;
		int r = worktree_resolve(&rel, &is_dir, root, args[i], diags);
		if (r < 0)
			return -1;
		const char *walk = path_is_under(rel, notes) ? rel
			: path_is_under(notes, rel) ? notes : NULL;
		if (r == 0 && is_dir && walk)
			ret = worktree_list(paths, root, scope, walk, diags);
		if (r == 0 && !is_dir && !notefile_ignored(scope, rel) &&
		    !notefile_refuse_name(diags, rel))
			strlist_add(paths, rel);
		free(rel);
	}
	strlist_sort_unique(paths);
	return ret;
}

int worktree_read(struct source **out, const char *root, const char *path,
		  struct diag_list *diags)
{
	char *full = S_join(root, path);
	/* O_NOFOLLOW: a link is opened only after S_follow says it stays inside. */
	int fd = open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	int ret = 0;
	struct stat st;

	*out = NULL;
	if (fd < 0 && errno == ELOOP) {
		if (S_follow(root, full, &st) == 0) {
			S_link_outside(diags, path);
			ret = 1;
			goto done;
		}
		fd = open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	}
	if (fd < 0 && errno == ENXIO) {
		/* A socket named like a note. */
		diag_add_file(diags, path, DIAG_NOT_A_FILE, "not a regular file");
		ret = 1;
		goto done;
	}
	if (fd < 0) {
		ret = error_set("cannot open '%s': %s", path, strerror(errno));
		goto done;
	}
	if (fstat(fd, &st) < 0) {
		ret = error_set("cannot read '%s': %s", path, strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add_file(diags, path, DIAG_NOT_A_FILE, "not a regular file");
		ret = 1;
		goto done;
	}
	if (notefile_refuse_size(diags, path, (size_t)st.st_size)) {
		ret = 1;
		goto done;
	}

	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *bytes = xmalloc(cap + 1);
	for (;;) {
		ssize_t n = read(fd, bytes + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(bytes);
			ret = error_set("cannot read '%s': %s", path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > NOTE_MAX_SIZE)
			break; /* it grew while we read */
		if (len == cap) {
			cap *= 2;
			bytes = xrealloc(bytes, cap + 1);
		}
	}
	if (notefile_refuse_size(diags, path, len) ||
	    notefile_refuse_bytes(diags, path, bytes, len)) {
		free(bytes);
		ret = 1;
		goto done;
	}
	*out = source_new_owned(path, bytes, len);
done:
	if (fd >= 0)
		close(fd);
	free(full);
	return ret;
}

char *worktree_make_folder(const char *root, const char *folder)
{
	struct strbuf path = STRBUF_INIT;
	char *real = NULL;

	if (!*folder)
		return xstrdup(root);
	strbuf_addstr(&path, root);
	for (const char *p = folder; *p;) {
		size_t n = strcspn(p, "/");
		strbuf_addch(&path, '/');
		strbuf_add(&path, p, n);
		p += n + (p[n] == '/');
		free(real);
		real = NULL;
		if (mkdir(path.buf, 0777) < 0 && errno != EEXIST) {
			error_set("cannot make folder '%s': %s", path.buf + strlen(root) + 1, strerror(errno));
			break;
		}
		real = realpath(path.buf, NULL);
		if (!real) {
			error_set("cannot open folder '%s': %s", path.buf + strlen(root) + 1, strerror(errno));
			break;
		}
		if (!worktree_inside(root, real)) {
			error_set("'%s' leads outside the notes repository; not writing there",
			      path.buf + strlen(root) + 1);
			free(real);
			real = NULL;
			break;
		}
	}
	strbuf_release(&path);
	return real;
}

int worktree_write_begin(struct atomic_file *out, const char *root, const char *path,
			 const char *bytes, size_t len)
{
	const char *slash = strrchr(path, '/');
	char *folder = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
	const char *name = slash ? slash + 1 : path;
	char *real = worktree_make_folder(root, folder);
	int dir = -1, ret = -1;

	if (!real)
		goto done;
	dir = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0) {
		error_set("cannot open folder '%s': %s", folder, strerror(errno));
		goto done;
	}
	if (atomic_write_begin(out, dir, name, bytes, len, 0) == 0)
		ret = 0;
	else if (errno == ELOOP || errno == EISDIR)
		/* A link there is someone's: leave it. */
		error_set("'%s' is not a plain file; not replacing it", path);
	else
		error_set("cannot write '%s': %s", path, error_write_reason(errno));
done:
	if (dir >= 0)
		close(dir);
	free(real);
	free(folder);
	return ret;
}

int worktree_write_finish(struct atomic_file *f, const char *path)
{
	if (atomic_write_finish(f, NULL) == 0)
		return 0;
	return error_set("cannot write '%s': %s", path, error_write_reason(errno));
}

int worktree_write(const char *root, const char *path, const char *bytes, size_t len)
{
	struct atomic_file f;
	if (worktree_write_begin(&f, root, path, bytes, len) < 0)
		return -1;
	return worktree_write_finish(&f, path);
}

int worktree_mkdirs(const char *path)
{
	char *copy = xstrdup(path);
	int ret = 0;

	for (char *p = copy + 1; ret == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST)
			ret = -1;
		*p = c;
		if (!c)
			break;
	}
	free(copy);
	return ret;
}
