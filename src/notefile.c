#include "notefile.h"

#include <string.h>

int notefile_refuse_size(struct diag_list *diags, const char *path, size_t size)
{
	if (size <= NOTE_MAX_SIZE)
		return 0;
	diag_hint(diag_add_file(diags, path, DIAG_FILE_TOO_LARGE,
				"file is %.1f MiB; a note may be at most %d MiB",
				(double)size / (1024 * 1024), NOTE_MAX_SIZE / (1024 * 1024)),
		  "split it, or keep large files outside the notes folder");
	return 1;
}

int notefile_refuse_bytes(struct diag_list *diags, const char *path,
			  const char *bytes, size_t len)
{
	if (!memchr(bytes, '\0', len))
		return 0;
	diag_hint(diag_add_file(diags, path, DIAG_BINARY_FILE, "binary file, not a note"),
		  "only Markdown text files belong in the notes folder");
	return 1;
}
