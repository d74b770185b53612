#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "error.h"
#include "strbuf.h"
#include "worktree.h"
#include "xalloc.h"

/*
 * Where `path` is, or will be once made: the real path of as much of it
 * as exists, links followed, then the rest as written. NULL with an error
 * set when a part of it cannot be looked up.
 */
static char *S_where(const char *path)
{
	struct strbuf out = STRBUF_INIT;
	int exists = 1;

	if (path[0] != '/') {
		char *here = realpath(".", NULL);
		if (!here)
			return error_set("cannot tell the current folder: %s", strerror(errno)), NULL;
		strbuf_addstr(&out, here);
		free(here);
	}
	for (const char *p = path + strspn(path, "/"); *p; p += strspn(p, "/")) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			/* What is there so far is a real path: its parent is the folder it names. */
			char *slash = strrchr(strbuf_str(&out), '/');
			strbuf_setlen(&out, slash ? (size_t)(slash - out.buf) : 0);
		} else if (!(n == 1 && p[0] == '.')) {
			if (!out.len || out.buf[out.len - 1] != '/')
				strbuf_addch(&out, '/');
			strbuf_add(&out, p, n);
			char *real = exists ? realpath(out.buf, NULL) : NULL;
			if (real) {
				strbuf_reset(&out);
				strbuf_addstr(&out, real);
				free(real);
			} else if (exists && errno != ENOENT) {
				error_set("cannot look up '%s': %s", path, strerror(errno));
				strbuf_release(&out);
				return NULL;
			} else {
				exists = 0;
			}
		}
		p += n;
	}
	if (!out.len)
		strbuf_addch(&out, '/');
	return strbuf_detach(&out);
}

/* A name a page may have: a file right in the folder, not hidden. */
static int S_page_name(const char *name)
{
	return *name && *name != '.' && !strchr(name, '/');
}

/* Refuses a site that is, is inside or holds a folder of the notes repository. */
static int S_apart(const struct site *site, const char *root, const char *folder)
{
	struct strbuf full = STRBUF_INIT;
	strbuf_addf(&full, "%s/%s", root, folder);
	char *real = S_where(full.buf);
	strbuf_release(&full);
	if (!real)
		return -1;
	const char *how = strcmp(real, site->path) == 0 ? "is"
		: worktree_inside(real, site->path) ? "is inside"
		: worktree_inside(site->path, real) ? "holds" : NULL;
	free(real);
	if (!how)
		return 0;
	return error_set("'%s' %s the folder '%s' of the notes repository: a site is written"
			 " apart from the notes\nhint: name a folder outside the notes repository,"
			 " or one of its own such as public/", site->shown, how, folder);
}

/* The pages the marker lists, into site->before. */
static int S_read_marker(struct site *site)
{
	int fd = openat(site->dir, SITE_MARKER, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	FILE *f = NULL;

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		f = fdopen(fd, "r");
	if (!f) {
		if (fd >= 0)
			close(fd);
		return error_set("'%s/%s' is not a list of pages perennial wrote; not writing there",
				 site->shown, SITE_MARKER);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		/* Comments, and any name that could lead out of the folder, are no page. */
		if (*line != '#' && S_page_name(line))
			strlist_add(&site->before, line);
	}
	int failed = ferror(f);
	free(line);
	fclose(f);
	strlist_sort_unique(&site->before);
	return failed ? error_set("cannot read '%s/%s'", site->shown, SITE_MARKER) : 0;
}

/* An empty folder is a new site; one with files and no marker is someone else's. */
static int S_empty(const struct site *site)
{
	int fd = dup(site->dir);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct strlist names = STRLIST_INIT;
	struct strbuf some = STRBUF_INIT;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return error_set("cannot read folder '%s': %s", site->shown, strerror(errno));
	}
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			strlist_add(&names, e->d_name);
	closedir(d);
	strlist_sort_unique(&names);
	for (size_t i = 0; i < names.len && i < 3; i++)
		strbuf_addf(&some, "%s%s", i ? ", " : "", names.items[i]);
	if (names.len > 3)
		strbuf_addstr(&some, ", ...");
	int r = !names.len ? 0
		: error_set("'%s' holds files and no site written before (%s); not writing there\n"
			    "hint: name a new or empty folder, or one a site was written into"
			    " before (it holds %s)", site->shown, some.buf, SITE_MARKER);
	strbuf_release(&some);
	strlist_release(&names);
	return r;
}

int site_open(struct site *site, const char *dir, const char *root, const char *const *apart,
	      size_t napart)
{
	struct stat st;
	size_t len = strlen(dir);

	*site = (struct site)SITE_INIT;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	site->shown = xstrndup(dir, len);
	site->path = S_where(dir);
	if (!site->path)
		return -1;
	for (size_t i = 0; i < napart; i++)
		if (S_apart(site, root, apart[i]) < 0)
			return -1;
	if (worktree_mkdirs(site->path) < 0)
		return error_set("cannot make folder '%s': %s", site->shown, error_write_reason(errno));
	site->dir = open(site->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (site->dir < 0)
		return errno == ENOTDIR ? error_set("'%s' is not a folder", site->shown)
			: error_set("cannot open folder '%s': %s", site->shown, strerror(errno));
	if (fstatat(site->dir, SITE_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return S_read_marker(site);
	if (errno != ENOENT)
		return error_set("cannot read folder '%s': %s", site->shown, strerror(errno));
	return S_empty(site);
}

/* The marker, listing `a` and `b` (sorted lists; b may be NULL). */
static int S_write_marker(const struct site *site, const struct strlist *a,
			  const struct strlist *b)
{
	struct strlist all = STRLIST_INIT;
	struct strbuf text = STRBUF_INIT;

	for (size_t i = 0; i < a->len; i++)
		strlist_add(&all, a->items[i]);
	for (size_t i = 0; b && i < b->len; i++)
		strlist_add(&all, b->items[i]);
	strlist_sort_unique(&all);
	strbuf_addstr(&text, "# The pages of this site, from perennial report --site: replaced or\n"
		      "# removed when it is written again. Other files here are left alone.\n");
	for (size_t i = 0; i < all.len; i++)
		strbuf_addf(&text, "%s\n", all.items[i]);
	int r = atomic_write(site->dir, SITE_MARKER, text.buf, text.len, 0, NULL);
	if (r < 0)
		error_set("cannot write '%s/%s': %s", site->shown, SITE_MARKER,
			  error_write_reason(errno));
	strbuf_release(&text);
	strlist_release(&all);
	return r;
}

int site_begin(struct site *site, const struct strlist *pages)
{
	struct stat st;

	for (size_t i = 0; i < pages->len; i++)
		strlist_add(&site->pages, pages->items[i]);
	strlist_sort_unique(&site->pages);
	for (size_t i = 0; i < site->pages.len; i++) {
		const char *name = site->pages.items[i];
		if (!strlist_has_sorted(&site->before, name) &&
		    fstatat(site->dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			return error_set("'%s/%s' is not a page of the site written before; not"
					 " replacing it\nhint: move it away, or name another folder",
					 site->shown, name);
	}
	return S_write_marker(site, &site->before, &site->pages);
}

int site_write_begin(struct site *site, struct atomic_file *f, const char *name,
		     const char *bytes, size_t len)
{
	if (atomic_write_begin(f, site->dir, name, bytes, len, 0) == 0)
		return 0;
	if (errno == ELOOP || errno == EISDIR)
		return error_set("'%s/%s' is not a plain file; not replacing it", site->shown, name);
	return error_set("cannot write '%s/%s': %s", site->shown, name, error_write_reason(errno));
}

int site_end(struct site *site)
{
	size_t gone = 0;

	for (size_t i = 0; i < site->before.len; i++) {
		const char *name = site->before.items[i];
		if (strlist_has_sorted(&site->pages, name))
			continue;
		gone++;
		if (unlinkat(site->dir, name, 0) < 0 && errno != ENOENT)
			return error_set("cannot remove '%s/%s', a page of the site written before: %s",
					 site->shown, name, strerror(errno));
	}
	return gone ? S_write_marker(site, &site->pages, NULL) : 0;
}

void site_close(struct site *site)
{
	if (site->dir >= 0)
		close(site->dir);
	free(site->shown);
	free(site->path);
	strlist_release(&site->before);
	strlist_release(&site->pages);
	*site = (struct site)SITE_INIT;
}
