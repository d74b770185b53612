#include "hook.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "error.h"
#include "repo.h"
#include "strbuf.h"
#include "worktree.h"
#include "xalloc.h"

/* The line that marks a hook as perennial's: never change it. */
#define MARKER "# perennial pre-commit hook"

char *hook_script(const char *binary, const char *prefix)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "#!/bin/sh\n" MARKER ": checks the notes being committed.\n"
		      "# Written by 'perennial hook install'; 'perennial hook uninstall' removes it.\n"
		      "# To commit once without the check: git commit --no-verify\n"
		      "perennial=");
	strbuf_add_sh_quoted(&sb, binary);
	strbuf_addstr(&sb, "\ntest -x \"$perennial\" || perennial=perennial\n"
		      "exec \"$perennial\" -C ");
	strbuf_add_sh_quoted(&sb, *prefix ? prefix : ".");
	strbuf_addstr(&sb, " hook run\n");
	return strbuf_detach(&sb);
}

static char *S_in(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb);
}

char *hook_path(const char *dir)
{
	return S_in(dir, "pre-commit");
}

char *hook_backup_path(const char *dir)
{
	return S_in(dir, "pre-commit.perennial-backup");
}

static enum hook_state S_state_of(const char *path)
{
	char head[256];
	struct stat st;

	/* lstat: a dangling link is somebody's hook too. */
	if (lstat(path, &st) < 0)
		return HOOK_NONE;
	FILE *f = fopen(path, "r");
	if (!f)
		return HOOK_FOREIGN;
	size_t n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	/* The marker is the second line, right under the #! line. */
	char *second = strchr(head, '\n');
	return second && strncmp(second + 1, MARKER, strlen(MARKER)) == 0
		? HOOK_OURS : HOOK_FOREIGN;
}

enum hook_state hook_state(const char *dir)
{
	char *path = hook_path(dir);
	enum hook_state state = S_state_of(path);
	free(path);
	return state;
}

int hook_install(const char *dir, const char *script, int force)
{
	char *path = hook_path(dir), *backup = hook_backup_path(dir);
	int ret = 0;

	enum hook_state state = S_state_of(path);
	if (state == HOOK_FOREIGN && !force) {
		ret = 1;
		goto done;
	}
	if (worktree_mkdirs(dir) < 0) {
		ret = error_set("cannot make folder '%s': %s", dir, strerror(errno));
		goto done;
	}
	if (state == HOOK_FOREIGN && access(backup, F_OK) == 0) {
		/* Never two hooks set aside in one place: the first would be lost. */
		ret = error_set("%s already holds a hook set aside before; move it away first", backup);
		goto done;
	}
	if (state == HOOK_FOREIGN && rename(path, backup) < 0) {
		ret = error_set("cannot keep the existing hook as %s: %s", backup, strerror(errno));
		goto done;
	}
	/* Whole or not at all: git never runs half a hook. */
	if (atomic_write(AT_FDCWD, path, script, strlen(script), ATOMIC_EXECUTABLE, NULL) < 0 ||
	    chmod(path, 0755) < 0)
		ret = error_set("cannot write %s: %s", path, error_write_reason(errno));
done:
	free(path);
	free(backup);
	return ret;
}

int hook_uninstall(const char *dir)
{
	char *path = hook_path(dir), *backup = hook_backup_path(dir);
	enum hook_state state = S_state_of(path);
	int ret = HOOK_REMOVED;

	if (state != HOOK_OURS)
		ret = state == HOOK_NONE ? HOOK_ABSENT : HOOK_NOT_OURS;
	else if (unlink(path) < 0)
		ret = error_set("cannot remove %s: %s", path, strerror(errno));
	else if (access(backup, F_OK) != 0)
		ret = HOOK_REMOVED;
	else if (rename(backup, path) < 0)
		ret = error_set("cannot put back %s: %s", backup, strerror(errno));
	else
		ret = HOOK_RESTORED;
	free(path);
	free(backup);
	return ret;
}

int hook_locate(char **hooks, char **prefix, const char *root)
{
	struct repo *repo = NULL;
	int ret = -1;

	*hooks = *prefix = NULL;
	if (repo_open(&repo, root) == 0 && repo_hooks_dir(hooks, repo) == 0) {
		*prefix = xstrdup(repo_prefix(repo));
		ret = 0;
	}
	repo_free(repo);
	return ret;
}
