#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_options.h"
#include "run_check.h"
#include "cmd.h"
#include "error.h"
#include "hook.h"
#include "workspace.h"

static const struct cmd_usage S_usage = {
	"hook",
	"hook install [--force] | uninstall | run",
	"The pre-commit hook checks the notes being committed, as they are\n"
	"staged, and stops a commit that would record a broken note.\n"
	"  install    write it into the folder git runs hooks from\n"
	"             (core.hooksPath, or .git/hooks); a hook perennial did\n"
	"             not write is left alone unless --force, which keeps it\n"
	"             as pre-commit.perennial-backup\n"
	"  uninstall  remove it (only if perennial wrote it), putting back the\n"
	"             hook --force had replaced, and say what it did\n"
	"  run        what the hook runs: perennial check --staged",
	(const char *const[]){ "install", "uninstall", "run", NULL },
};

/* The hooks folder and the notes root's place in the work tree. */
static int S_locate(char **hooks, char **prefix)
{
	struct workspace ws = WORKSPACE_INIT;
	int r = workspace_find(&ws, ".") < 0 ? -1 : hook_locate(hooks, prefix, ws.root);
	workspace_close(&ws);
	return r;
}

static int S_install(int force)
{
	char *hooks, *prefix, *binary = NULL, *script = NULL;
	int status = EXIT_TROUBLE;

	if (S_locate(&hooks, &prefix) < 0)
		return EXIT_TROUBLE;
	binary = realpath("/proc/self/exe", NULL);
	if (!binary) {
		error("cannot tell where this program is");
		goto done;
	}
	script = hook_script(binary, prefix);
	int r = hook_install(hooks, script, force);
	char *path = hook_path(hooks);
	if (r == 0) {
		printf("Installed the pre-commit hook: %s\n"
		       "It checks the notes you commit; 'git commit --no-verify' skips it once.\n", path);
		status = EXIT_OK;
	} else if (r == 1) {
		error("%s exists and perennial did not write it; it is left as it is.\n"
		      "hint: to run both, add this line to it:\n"
		      "hint:   perennial -C '%s' hook run || exit 1\n"
		      "hint: or replace it with 'perennial hook install --force' (it is kept as\n"
		      "hint: pre-commit.perennial-backup and put back by 'perennial hook uninstall')",
		      path, *prefix ? prefix : ".");
	}
	free(path);
done:
	free(script);
	free(binary);
	free(hooks);
	free(prefix);
	return status;
}

static int S_uninstall(void)
{
	char *hooks, *prefix;
	if (S_locate(&hooks, &prefix) < 0)
		return EXIT_TROUBLE;
	char *path = hook_path(hooks);
	int r = hook_uninstall(hooks);
	switch (r) {
	case HOOK_REMOVED:
		printf("Removed the pre-commit hook %s: commits are no longer checked.\n", path);
		break;
	case HOOK_RESTORED:
		printf("Removed the pre-commit hook %s and put back the hook it had replaced.\n",
		       path);
		break;
	case HOOK_ABSENT:
		printf("No pre-commit hook in %s: nothing to do.\n", hooks);
		break;
	case HOOK_NOT_OURS:
		printf("The pre-commit hook %s is not perennial's: nothing to do, it is left as "
		       "it is.\n", path);
		break;
	}
	free(path);
	free(hooks);
	free(prefix);
	return r < 0 ? EXIT_TROUBLE : EXIT_OK;
}

static int S_run(void)
{
	struct check_request request = { 1, NULL, NULL, 0 };
	struct run_check_output output = { 0, 0, 0 };
	int status = run_check(&request, &output);
	fflush(stdout);
	if (status != EXIT_OK)
		fprintf(stderr, "perennial: commit stopped: fix the files above and 'git add' them "
			"again, or skip this check once with 'git commit --no-verify'.\n");
	return status;
}

int cmd_hook(int argc, char **argv)
{
	int force = 0;
	const struct opt opts[] = {
		OPT_BOOL("force", &force, "replace a hook perennial did not write"),
		OPT_END(),
	};
	int status;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);
	if (argi < 0)
		return status;
	/* parse_options saw to it: argv[argi], the only operand, is one of S_usage's actions. */
	const char *action = argv[argi];
	if (force && strcmp(action, "install") != 0)
		return usage_error(&S_usage, "--force goes with install");
	if (strcmp(action, "install") == 0)
		return S_install(force);
	if (strcmp(action, "uninstall") == 0)
		return S_uninstall();
	return S_run();
}
