#include <string.h>

#include "cmd.h"
#include "parse_options.h"
#include "run_check.h"

static const struct cmd_usage S_usage = {
	"check",
	"check [--staged | --rev REV] [--format FORMAT] [--strict] [PATH...]",
	"Validate notes: every note under the notes folder, or the files and\n"
	"folders given. Exits 0 when there is no error, 1 when there is (or a\n"
	"warning with --strict), 2 when the check itself could not run.",
	NULL,  /* no actions */
};

/* By enum run_check_format. */
static const char *const S_formats[] = {
	[RUN_CHECK_TEXT] = "text",
	[RUN_CHECK_JSON] = "json",
	[RUN_CHECK_GITHUB] = "github",
	[RUN_CHECK_SARIF] = "sarif",
	[RUN_CHECK_GITLAB] = "gitlab",
};

int cmd_check(int argc, char **argv)
{
	struct check_request request = { 0 };
	struct run_check_output output = { 0 };
	const char *format = "text", *color_when = "auto";
	const struct opt opts[] = {
		OPT_BOOL("staged", &request.staged, "check what is staged for the next commit"),
		OPT_STRING("rev", &request.rev, "REV", "check the notes of a commit (HEAD~1, a branch, ...)"),
		OPT_STRING("format", &format, "FORMAT",
			   "text (default), json (an array), github\n"
			   "(Actions annotations), sarif (SARIF 2.1.0)\n"
			   "or gitlab (a Code Quality report)"),
		OPT_BOOL("strict", &output.strict, "fail on warnings too"),
		OPT_STRING("color", &color_when, "WHEN", "auto (default), always or never"),
		OPT_END(),
	};
	int status;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);

	if (argi < 0)
		return status;
	size_t f = 0, nformats = sizeof(S_formats) / sizeof(*S_formats);
	while (f < nformats && strcmp(format, S_formats[f]) != 0)
		f++;
	if (f == nformats)
		return usage_error(&S_usage,
				   "--format must be text, json, github, sarif or gitlab, not '%s'",
				   format);
	output.format = (enum run_check_format)f;
	if (request.staged && request.rev)
		return usage_error(&S_usage, "--staged and --rev cannot be used together");
	output.color = cli_color(color_when, stdout);
	if (output.color < 0)
		return usage_error(&S_usage, "--color must be auto, always or never");
	request.args = argv + argi;
	request.nargs = argc - argi;
	return run_check(&request, &output);
}
