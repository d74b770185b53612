#include "notefile.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "source.h"
#include "strlist.h"
#include "utf8.h"
#include "xalloc.h"

const char *notefile_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int notefile_is_note_name(const char *path)
{
	size_t n = strlen(notefile_name(path));
	return n > 3 && strcmp(path + strlen(path) - 3, ".md") == 0;
}

/* The path below scope->dir, or NULL when it is not below it. */
static const char *S_below(const struct notefile_scope *scope, const char *path)
{
	size_t n = strlen(scope->dir);
	if (!path_is_under(path, scope->dir) || !path[n])
		return NULL;
	return n ? path + n + 1 : path;
}

/* Whether `pattern` matches `rel`, a path below the notes folder, or a folder on its way. */
static int S_matches(const char *pattern, char *rel)
{
	size_t len = strlen(pattern);
	int folders_only = len > 1 && pattern[len - 1] == '/';
	char *pat = xstrndup(pattern, len - (size_t)folders_only);
	const char *glob = pat + (pat[0] == '/');
	int anchored = strchr(pat, '/') != NULL;
	int matched = 0;

	for (char *end = rel; !matched; end++) {
		if (*end != '/' && *end != '\0')
			continue;
		char c = *end;
		if (c || !folders_only) {
			*end = '\0';
			const char *slash = strrchr(rel, '/');
			matched = fnmatch(glob, anchored || !slash ? rel : slash + 1, FNM_PATHNAME) == 0;
			*end = c;
		}
		if (!c)
			break;
	}
	free(pat);
	return matched;
}

int notefile_ignored(const struct notefile_scope *scope, const char *path)
{
	const char *below = scope->nignore ? S_below(scope, path) : NULL;
	if (!below)
		return 0;
	char *rel = xstrdup(below);
	int ignored = 0;
	for (size_t i = 0; i < scope->nignore && !ignored; i++)
		ignored = S_matches(scope->ignore[i], rel);
	free(rel);
	return ignored;
}

enum notefile_kind notefile_classify(const struct notefile_scope *scope, const char *path)
{
	const char *below = S_below(scope, path);
	if (!below || !notefile_is_note_name(below) || below[0] == '.' || strstr(below, "/."))
		return NOTEFILE_OTHER;
	if (notefile_ignored(scope, path))
		return NOTEFILE_IGNORED;
	size_t len = strlen(path);
	return utf8_unprintable_offset(path, len) != len ? NOTEFILE_MISNAMED : NOTEFILE_NOTE;
}

int notefile_refuse_name(struct diag_list *diags, const char *path)
{
	size_t len = strlen(path);
	size_t bad = utf8_unprintable_offset(path, len);
	if (bad == len)
		return 0;
	if (utf8_invalid_offset(path, len) == bad)
		diag_hint(diag_add_file(diags, path, DIAG_INVALID_FILE_NAME,
					"file name is not UTF-8 (byte 0x%02X)",
					(unsigned char)path[bad]),
			  "rename the file: a name made on another system may be in another "
			  "encoding, and notes need names in UTF-8");
	else
		diag_hint(diag_add_file(diags, path, DIAG_INVALID_FILE_NAME,
					"file name holds a control character (byte 0x%02X)",
					(unsigned char)path[bad]),
			  "rename the file with letters, digits and '-' only");
	return 1;
}

int notefile_refuse_encoding(struct diag_list *diags, const struct source *src)
{
	size_t bad = utf8_invalid_offset(src->bytes, src->len);
	if (bad == src->len)
		return 0;
	diag_hint(diag_add(diags, src, DIAG_INVALID_UTF8, bad, 1, "invalid UTF-8 (byte 0x%02X)",
			   (unsigned char)src->bytes[bad]),
		  "save the file as UTF-8; text pasted from another program may be in another encoding");
	return 1;
}

int notefile_refuse_size(struct diag_list *diags, const char *path, size_t size)
{
	if (size <= NOTE_MAX_SIZE)
		return 0;
	diag_hint(diag_add_file(diags, path, DIAG_FILE_TOO_LARGE,
				"file is %zu KiB; perennial reads at most %d KiB",
				(size + 1023) / 1024, NOTE_MAX_SIZE / 1024),
		  strcmp(path, CONFIG_FILE) == 0
		  ? "perennial.yml holds settings, a few KiB: look for notes or a long list "
		    "pasted into it"
		  : "notes are small text files: split this one, or keep it elsewhere");
	return 1;
}

int notefile_refuse_bytes(struct diag_list *diags, const char *path,
			  const char *bytes, size_t len)
{
	if (!memchr(bytes, '\0', len))
		return 0;
	diag_hint(diag_add_file(diags, path, DIAG_BINARY_FILE, "binary file, not text"),
		  "notes and perennial.yml are text files; keep other files elsewhere");
	return 1;
}
