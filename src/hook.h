#ifndef PERENNIAL_HOOK_H
#define PERENNIAL_HOOK_H

/*
 * The pre-commit hook file: what perennial writes, and how it recognises
 * its own so that it never replaces or removes a hook somebody else wrote.
 */

/*
 * The hook script (malloc'd): it runs `binary` by its absolute path, or
 * `perennial` from PATH when that is gone, in the notes root `prefix`
 * (relative to the work tree's top, where git runs hooks; "" for the top).
 */
char *hook_script(const char *binary, const char *prefix);

enum hook_state {
	HOOK_NONE,       /* no pre-commit hook */
	HOOK_OURS,       /* one perennial wrote */
	HOOK_FOREIGN,    /* somebody else's */
};

enum hook_state hook_state(const char *dir);

/* dir/pre-commit, malloc'd. */
char *hook_path(const char *dir);

/* Where --force keeps a foreign hook, malloc'd. */
char *hook_backup_path(const char *dir);

/*
 * Writes `script` as dir/pre-commit (creating dir), executable. A foreign
 * hook is replaced only with `force`, after it is moved to the backup
 * path. Returns 0, 1 when a foreign hook is in the way (nothing written),
 * or -1 with an error set (error.h).
 */
int hook_install(const char *dir, const char *script, int force);

/* What hook_uninstall did. */
enum hook_removal {
	HOOK_REMOVED,       /* removed perennial's hook; none is left */
	HOOK_RESTORED,      /* removed it, and put back the hook --force had set aside */
	HOOK_ABSENT,        /* there is no pre-commit hook: nothing to do */
	HOOK_NOT_OURS,      /* the hook is somebody else's: left as it is */
};

/*
 * Removes dir/pre-commit if perennial wrote it, and puts back a hook that
 * --force had set aside. Returns what it did (enum hook_removal), or -1
 * with an error set (error.h).
 */
int hook_uninstall(const char *dir);

/*
 * Where the pre-commit hook of the repository holding the notes root
 * `root` goes: *hooks (core.hooksPath, or the git folder's hooks/) and
 * *prefix, the root's place in the work tree ("" at its top); both
 * malloc'd. Returns 0, or -1 with an error set and both NULL.
 */
int hook_locate(char **hooks, char **prefix, const char *root);

#endif
