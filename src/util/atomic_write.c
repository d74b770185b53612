#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

static int S_write_all(int fd, const char *bytes, size_t len)
{
	while (len) {
		ssize_t w = write(fd, bytes, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		bytes += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Opens a temporary file beside `path` with a name nobody else holds. */
static int S_open_temporary(struct strbuf *tmp, int dir, const char *path, mode_t mode)
{
	const char *slash = strrchr(path, '/');
	size_t folder = slash ? (size_t)(slash - path) + 1 : 0;

	for (unsigned i = 0; i < 100; i++) {
		strbuf_reset(tmp);
		strbuf_add(tmp, path, folder);
		strbuf_addf(tmp, ".%s.%ld-%u.tmp", path + folder, (long)getpid(), i);
		int fd = openat(dir, tmp->buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
				mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* Closes what f holds; the temporary file is removed when `remove`. */
static void S_end(struct atomic_file *f, int remove)
{
	if (remove)
		unlinkat(f->dir, f->tmp, 0);
	if (f->fd >= 0)
		close(f->fd);
	if (f->dir != AT_FDCWD)
		close(f->dir);
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
	f->fd = -1;
	f->dir = AT_FDCWD;
}

int atomic_write_begin(struct atomic_file *f, int dir, const char *path, const char *bytes,
		       size_t len, unsigned flags)
{
	struct strbuf tmp = STRBUF_INIT;
	struct stat there;
	int err = 0;

	f->dir = AT_FDCWD;
	f->fd = -1;
	f->flags = flags;
	if (fstatat(dir, path, &there, AT_SYMLINK_NOFOLLOW) == 0) {
		if (flags & ATOMIC_CREATE)
			err = EEXIST;
		else if (!S_ISREG(there.st_mode))
			err = S_ISDIR(there.st_mode) ? EISDIR : ELOOP;
	} else if (errno != ENOENT) {
		err = errno;
	}
	/* The folder is held until the file has its name. */
	if (!err && dir != AT_FDCWD && (f->dir = fcntl(dir, F_DUPFD_CLOEXEC, 0)) < 0) {
		err = errno;
		f->dir = AT_FDCWD;
	}
	if (!err && (f->fd = S_open_temporary(&tmp, f->dir, path,
					      (flags & ATOMIC_EXECUTABLE) ? 0777 : 0666)) < 0)
		err = errno;
	f->path = xstrdup(path);
	f->tmp = strbuf_detach(&tmp);
	if (!err && (S_write_all(f->fd, bytes, len) < 0 ||
		     (!(flags & ATOMIC_NO_SYNC) && fsync(f->fd) < 0)))
		err = errno;
	if (err) {
		S_end(f, f->fd >= 0);
		errno = err;
		return -1;
	}
	return 0;
}

int atomic_write_finish(struct atomic_file *f, struct stat *st)
{
	int err = 0;
	/* linkat never replaces: a file made at the name meanwhile is kept. */
	if (((f->flags & ATOMIC_CREATE) ? linkat(f->dir, f->tmp, f->dir, f->path, 0)
	     : renameat(f->dir, f->tmp, f->dir, f->path)) < 0)
		err = errno;
	if (!err && st && fstat(f->fd, st) < 0)
		err = errno;
	if (close(f->fd) < 0 && !err)
		err = errno;
	f->fd = -1;
	S_end(f, err || (f->flags & ATOMIC_CREATE));
	errno = err;
	return err ? -1 : 0;
}

void atomic_write_abandon(struct atomic_file *f)
{
	S_end(f, 1);
}

int atomic_write(int dir, const char *path, const char *bytes, size_t len, unsigned flags,
		 struct stat *st)
{
	struct atomic_file f;
	return atomic_write_begin(&f, dir, path, bytes, len, flags) < 0 ? -1
		: atomic_write_finish(&f, st);
}
