#ifndef PERENNIAL_ATOMIC_WRITE_H
#define PERENNIAL_ATOMIC_WRITE_H

#include <stddef.h>
#include <sys/stat.h>

/*
 * Every file perennial writes (report pages, notes, perennial.yml, the
 * hook, caches) is written here, whole or not at all: the bytes go into a
 * new temporary file in the same folder, which is flushed to the disk and
 * then renamed over the name, so a reader never sees half a file and a
 * crash leaves the old one. Nothing is ever written through a link: a
 * link, a folder or anything but a plain file at the name is refused.
 */
enum atomic_flags {
	ATOMIC_CREATE = 1,       /* a new file: refused (EEXIST) when the name is taken */
	ATOMIC_EXECUTABLE = 2,   /* mode 0755 before the umask, not 0666 */
	ATOMIC_NO_SYNC = 4,      /* a cache: losing it on a crash only costs time */
};

/*
 * Writes `len` bytes to `path`, relative to the open folder `dir` (or
 * AT_FDCWD), as described above; the folders on the way must exist. `st`,
 * when not NULL, gets the new file's status once it has its name (git
 * compares the change time). Returns 0, or -1 with errno saying why:
 * ELOOP or EISDIR for something not a plain file at `path`, EEXIST for a
 * name taken with ATOMIC_CREATE. No temporary file is left behind.
 */
int atomic_write(int dir, const char *path, const char *bytes, size_t len, unsigned flags,
		 struct stat *st);

/*
 * The same in two steps, for files that must all be written before any
 * takes its name (a commit's pages on a disk that may fill up):
 * atomic_write_begin writes and flushes the temporary file, the step that
 * needs room; atomic_write_finish gives it its name, or
 * atomic_write_abandon removes it. Both end the use of `f`. Each returns
 * as atomic_write does, and a failed begin leaves nothing to abandon.
 */
struct atomic_file {
	int dir;                 /* a copy of the folder's descriptor, or AT_FDCWD */
	int fd;
	char *path, *tmp;
	unsigned flags;
};

int atomic_write_begin(struct atomic_file *f, int dir, const char *path, const char *bytes,
		       size_t len, unsigned flags);
int atomic_write_finish(struct atomic_file *f, struct stat *st);
void atomic_write_abandon(struct atomic_file *f);

#endif
