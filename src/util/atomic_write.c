#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

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

int atomic_write(int dir, const char *path, const char *bytes, size_t len, unsigned flags,
		 struct stat *st)
{
	struct strbuf tmp = STRBUF_INIT;
	struct stat there;
	int fd = -1, err = 0;

	if (fstatat(dir, path, &there, AT_SYMLINK_NOFOLLOW) == 0) {
		if (flags & ATOMIC_CREATE)
			err = EEXIST;
		else if (!S_ISREG(there.st_mode))
			err = S_ISDIR(there.st_mode) ? EISDIR : ELOOP;
	} else if (errno != ENOENT) {
		err = errno;
	}
	if (!err && (fd = S_open_temporary(&tmp, dir, path,
					   (flags & ATOMIC_EXECUTABLE) ? 0777 : 0666)) < 0)
		err = errno;
	if (!err && (S_write_all(fd, bytes, len) < 0 ||
		     (!(flags & ATOMIC_NO_SYNC) && fsync(fd) < 0)))
		err = errno;
	/* linkat never replaces: a file made at the name meanwhile is kept. */
	if (!err && ((flags & ATOMIC_CREATE) ? linkat(dir, tmp.buf, dir, path, 0)
		     : renameat(dir, tmp.buf, dir, path)) < 0)
		err = errno;
	if (!err && st && fstat(fd, st) < 0)
		err = errno;
	if (fd >= 0 && close(fd) < 0 && !err)
		err = errno;
	if (fd >= 0 && (err || (flags & ATOMIC_CREATE)))
		unlinkat(dir, tmp.buf, 0);
	strbuf_release(&tmp);
	errno = err;
	return err ? -1 : 0;
}
