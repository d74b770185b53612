#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"

static int S_setup(void **state)
{
	*state = unit_tempdir("atomic");
	return *state ? 0 : -1;
}

static int S_teardown(void **state)
{
	unit_remove_tree(*state);
	free(*state);
	return 0;
}

/* How many entries dir holds: a temporary file left behind shows here. */
static size_t S_entries(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static int S_open(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	return fd;
}

static void test_new_file_and_replacing_one(void **state)
{
	const char *dir = *state;
	int fd = S_open(dir);
	struct stat st, now;

	assert_int_equal(atomic_write(fd, "a.md", "one\n", 4, 0, &st), 0);
	char *text = unit_read(dir, "a.md");
	assert_string_equal(text, "one\n");
	free(text);
	assert_int_equal(fstatat(fd, "a.md", &now, 0), 0);
	assert_int_equal(st.st_ino, now.st_ino);
	assert_int_equal(st.st_size, 4);
	assert_false(now.st_mode & S_IXUSR);

	/* Replaced by a new file: a reader holding the old one keeps reading it. */
	int old = openat(fd, "a.md", O_RDONLY);
	assert_int_equal(atomic_write(fd, "a.md", "two, longer\n", 12, 0, NULL), 0);
	char buf[8] = "";
	assert_int_equal(read(old, buf, sizeof(buf) - 1), 4);
	assert_string_equal(buf, "one\n");
	close(old);
	text = unit_read(dir, "a.md");
	assert_string_equal(text, "two, longer\n");
	free(text);
	assert_int_equal(S_entries(dir), 1);
	close(fd);
}

static void test_links_and_folders_are_never_written_through(void **state)
{
	const char *dir = *state;
	int fd = S_open(dir);
	char *outside = unit_path(dir, "outside");
	char *link = unit_path(dir, "link.md");
	char *folder = unit_path(dir, "folder.md");
	unit_write(dir, "outside", "kept\n");
	assert_int_equal(symlink(outside, link), 0);
	assert_int_equal(mkdir(folder, 0755), 0);

	errno = 0;
	assert_int_equal(atomic_write(fd, "link.md", "x", 1, 0, NULL), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(atomic_write(fd, "folder.md", "x", 1, 0, NULL), -1);
	assert_int_equal(errno, EISDIR);
	char *text = unit_read(dir, "outside");
	assert_string_equal(text, "kept\n");
	free(text);
	/* A dangling link is somebody's too. */
	assert_int_equal(unlink(outside), 0);
	assert_int_equal(atomic_write(fd, "link.md", "x", 1, 0, NULL), -1);
	assert_int_equal(access(outside, F_OK), -1);
	assert_int_equal(S_entries(dir), 2);
	close(fd);
	free(outside);
	free(link);
	free(folder);
}

static void test_create_never_replaces(void **state)
{
	const char *dir = *state;
	int fd = S_open(dir);
	unit_write(dir, "note.md", "theirs\n");

	errno = 0;
	assert_int_equal(atomic_write(fd, "note.md", "mine\n", 5, ATOMIC_CREATE, NULL), -1);
	assert_int_equal(errno, EEXIST);
	char *text = unit_read(dir, "note.md");
	assert_string_equal(text, "theirs\n");
	free(text);
	assert_int_equal(atomic_write(fd, "new.md", "mine\n", 5, ATOMIC_CREATE, NULL), 0);
	text = unit_read(dir, "new.md");
	assert_string_equal(text, "mine\n");
	free(text);
	assert_int_equal(S_entries(dir), 2);
	close(fd);
}

static void test_paths_executables_and_caches(void **state)
{
	const char *dir = *state;
	char *hook = unit_path(dir, "hooks/pre-commit");
	char *hooks = unit_path(dir, "hooks");
	struct stat st;

	/* The folders on the way must be there. */
	errno = 0;
	assert_int_equal(atomic_write(AT_FDCWD, hook, "#!/bin/sh\n", 10, ATOMIC_EXECUTABLE, NULL), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(mkdir(hooks, 0755), 0);
	assert_int_equal(atomic_write(AT_FDCWD, hook, "#!/bin/sh\n", 10, ATOMIC_EXECUTABLE, &st), 0);
	assert_true(st.st_mode & S_IXUSR);
	assert_int_equal(atomic_write(AT_FDCWD, hook, "cache", 5, ATOMIC_NO_SYNC, NULL), 0);
	char *text = unit_read(hooks, "pre-commit");
	assert_string_equal(text, "cache");
	free(text);
	assert_int_equal(S_entries(hooks), 1);
	free(hook);
	free(hooks);
}

/* In two steps: nothing has the name before the finish; an abandon leaves nothing. */
static void test_begin_then_finish_or_abandon(void **state)
{
	const char *dir = *state;
	int fd = S_open(dir);
	struct atomic_file a, b;
	struct stat st;

	assert_int_equal(atomic_write(fd, "old.md", "old\n", 4, 0, NULL), 0);
	assert_int_equal(atomic_write_begin(&a, fd, "old.md", "new\n", 4, 0), 0);
	assert_int_equal(atomic_write_begin(&b, fd, "b.md", "b\n", 2, 0), 0);
	close(fd);   /* each holds its folder */
	char *text = unit_read(dir, "old.md");
	assert_string_equal(text, "old\n");
	free(text);
	assert_int_equal(S_entries(dir), 3);
	assert_int_equal(atomic_write_finish(&a, &st), 0);
	assert_int_equal(st.st_size, 4);
	atomic_write_abandon(&b);
	text = unit_read(dir, "old.md");
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(S_entries(dir), 1);

	/* A begin that fails leaves nothing, and nothing to abandon. */
	fd = S_open(dir);
	assert_int_equal(mkdirat(fd, "folder.md", 0777), 0);
	assert_int_equal(atomic_write_begin(&a, fd, "folder.md", "x", 1, 0), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(S_entries(dir), 2);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file_and_replacing_one, S_setup, S_teardown),
		cmocka_unit_test_setup_teardown(test_links_and_folders_are_never_written_through,
						S_setup, S_teardown),
		cmocka_unit_test_setup_teardown(test_create_never_replaces, S_setup, S_teardown),
		cmocka_unit_test_setup_teardown(test_paths_executables_and_caches, S_setup, S_teardown),
		cmocka_unit_test_setup_teardown(test_begin_then_finish_or_abandon, S_setup, S_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
