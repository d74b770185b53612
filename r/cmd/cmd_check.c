#include <string.h>

#include "cmd.h"
#include "parse_options.h"
#include "run_check.h"

static const struct cmd_usage S_usage = {
	"check",
	"check [--staged | --rev REV] [--format text|json] [--strict] [PATH...]",
	"Validate notes: every note under the notes folder, or the files and\n"
	"folders given. Exits 0 when there is no error, 1 when there is (or a\n"
	"warning with --strict), 2 when the check itself could not run.",
};

int cmd_check(int argc, char **argv)
{
	struct check_request request = { 0 };
	struct run_check_output output = { 0 };
	const char *format = "text", *color_when = "auto";
	const struct opt opts[] = {
		OPT_BOOL("staged", &request.staged, "check what is staged for the next commit"),
		OPT_STRING("rev", &request.rev, "REV", "check the notes of a commit (HEAD~1, a branch, ...)"),
		OPT_STRING("format", &format, "text|json", "diagnostics as text (default) or a JSON array"),
		OPT_BOOL("strict", &output.strict, "fail on warnings too"),
		OPT_STRING("color", &color_when, "WHEN", "auto (default), always or never"),
		OPT_END(),
	};
	int status;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);

	if (argi < 0)
		return status;
	output.json = strcmp(format, "json") == 0;
	if (!output.json && strcmp(format, "text") != 0)
		return usage_error(&S_usage, "--format must be text or json, not '%s'", format);
	if (request.staged && request.rev)
		return usage_error(&S_usage, "--staged and --rev cannot be used together");
	output.color = cli_color(color_when, stdout);
	if (output.color < 0)
		return usage_error(&S_usage, "--color must be auto, always or never");
	request.args = argv + argi;
	request.nargs = argc - argi;
	return run_check(&request, &output);
}
