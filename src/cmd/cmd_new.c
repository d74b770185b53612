#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse_options.h"
#include "cmd.h"
#include "config.h"
#include "date.h"
#include "error.h"
#include "scaffold.h"
#include "strbuf.h"
#include "strlist.h"
#include "utf8.h"
#include "workspace.h"

static const struct cmd_usage S_usage = {
	"new",
	"new [--organizer ID] [--with ID,...] [--kind K] [--date D]\n"
	"                     [--consent C] [--theme ID,...] [--edit] [--] TITLE",
	"Write a new note from the note template: the repository's own\n"
	"templates/note.md, or the built-in one, with the front matter filled in\n"
	"and the conversation questions as sections. It goes to\n"
	"NOTES/YYYY/MM/YYYY-MM-DD-ORGANIZER-SLUG.md, the slug made from the title\n"
	"(several words are joined with spaces); a private note's slug is\n"
	"'private', so that its name tells nothing. A file is never replaced:\n"
	"when the name is taken, -2, -3, ... is added. Prints the new file's\n"
	"path, so that 'vi \"$(perennial new TITLE)\"' opens it; --edit opens it\n"
	"itself. A TITLE that begins with '-' goes after '--'.",
	NULL,  /* no actions */
};

/*
 * Opens `path` in the user's editor as git does: $VISUAL, else $EDITOR,
 * else vi, run by sh so that an editor with options ("code --wait")
 * works. Returns the exit status.
 */
static int S_edit(const char *path)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	struct strbuf script = STRBUF_INIT;
	strbuf_addf(&script, "%s \"$@\"", editor);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script.buf, editor, path, (char *)NULL);
		_exit(127);
	}
	int status = -1;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	strbuf_release(&script);
	if (pid < 0) {
		error("cannot start the editor '%s': %s", editor, strerror(errno));
		return EXIT_TROUBLE;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		error("the editor '%s' failed; the note is written: %s", editor, path);
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

/* Writes the note, prints its path as seen from here and opens it with `edit`; the exit status. */
static int S_write(const char *root, const struct config *config, const struct scaffold_note *note,
		   int edit)
{
	char *path = NULL, *shown = NULL, *cwd = NULL;
	int status = EXIT_TROUBLE;

	if (scaffold_write_note(&path, root, config, note) < 0)
		goto done;
	cwd = getcwd(NULL, 0);
	shown = cwd ? scaffold_path_from(cwd, root, path) : NULL;
	printf("%s\n", shown ? shown : path);
	if (fflush(stdout) != 0 || ferror(stdout))
		error("cannot write the output");
	else
		status = edit ? S_edit(shown ? shown : path) : EXIT_OK;
done:
	free(path);
	free(shown);
	free(cwd);
	return status;
}

int cmd_new(int argc, char **argv)
{
	struct scaffold_note note = { 0 };
	struct strlist with_args = STRLIST_INIT, with = STRLIST_INIT;
	struct strlist theme_args = STRLIST_INIT, themes = STRLIST_INIT;
	struct strbuf title = STRBUF_INIT, why = STRBUF_INIT;
	struct workspace ws = WORKSPACE_INIT;
	struct opt_day day = { 0 };
	const char *organizer = NULL, *kind = NULL, *consent = NULL;
	int edit = 0;
	const struct opt opts[] = {
		OPT_STRING("organizer", &organizer, "ID",
			   "who held the conversation, an id of the roster\n"
			   "(default: the organizer, when the roster has one)"),
		OPT_STRINGS("with", &with_args, "ID,...", "who took part, by id; may be given again"),
		OPT_STRING("kind", &kind, "K", "the kind of conversation (default: one-on-one)"),
		OPT_DAY("date", &day, "D", "the day it took place, YYYY-MM-DD (default: today)"),
		OPT_STRING("consent", &consent, "C",
			   "public, internal or private (default: the consent\n"
			   "field's default, internal)"),
		OPT_STRINGS("theme", &theme_args, "ID,...",
			    "themes of the codebook it is about; may be given again"),
		OPT_BOOL("edit", &edit, "open it in $VISUAL, else $EDITOR, else vi"),
		OPT_END(),
	};
	int status = EXIT_TROUBLE;
	int argi = parse_options(argc, argv, &S_usage, opts, &status);

	if (argi < 0)
		goto done;
	status = EXIT_TROUBLE;
	for (size_t i = 0; i < with_args.len; i++) {
		if (scaffold_add_people(&with, with_args.items[i], &why) < 0) {
			usage_error(&S_usage, "%s", why.buf);
			goto done;
		}
	}
	for (int i = argi; i < argc; i++)
		strbuf_addf(&title, "%s%s", i > argi ? " " : "", argv[i]);
	/* Blanks at either end are the shell's, not the title's. */
	const char *t = strbuf_str(&title);
	size_t start = strspn(t, " \t");
	while (title.len > start && (t[title.len - 1] == ' ' || t[title.len - 1] == '\t'))
		title.buf[--title.len] = '\0';
	if (!t[start]) {
		usage_error(&S_usage, "the note needs a TITLE");
		goto done;
	}
	if (utf8_invalid_offset(t, title.len) != title.len) {
		usage_error(&S_usage, "the title is not UTF-8");
		goto done;
	}
	for (size_t i = 0; i < title.len; i++) {
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7F) {
			usage_error(&S_usage, "the title is one line, without control characters");
			goto done;
		}
	}
	if (day.text) {
		note.date = day.day;
	} else if (date_today(&note.date) < 0) {
		error("cannot tell today's date");
		goto done;
	}

	if (cli_open(&ws, CLI_OPEN_CONFIG, NULL) < 0)
		goto done;
	note.title = t + start;
	note.participants = with.items;
	note.nparticipants = with.len;
	int r = scaffold_pick_organizer(&note.organizer, ws.config, organizer, &why);
	if (r == 0 && scaffold_check_people(&with, ws.config, &why) < 0)
		r = 1;
	if (r == 0 && !(note.kind = scaffold_pick_kind(ws.config, kind, &why)))
		r = 1;
	if (r == 0 && scaffold_pick_consent(&note.consent, ws.config, consent, &why) < 0)
		r = 1;
	for (size_t i = 0; r == 0 && i < theme_args.len; i++)
		if (scaffold_add_themes(&themes, ws.config, theme_args.items[i], &why) < 0)
			r = 1;
	if (r != 0) {
		if (r > 0)
			usage_error(&S_usage, "%s", why.buf);
		goto done;
	}
	note.themes = themes.items;
	note.nthemes = themes.len;
	status = S_write(ws.root, ws.config, &note, edit);
done:
	workspace_close(&ws);
	strlist_release(&with_args);
	strlist_release(&with);
	strlist_release(&theme_args);
	strlist_release(&themes);
	strbuf_release(&title);
	strbuf_release(&why);
	return status;
}
