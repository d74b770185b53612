#include "notefile.h"

#include <string.h>

int notefile_refuse_size(struct diag_list *diags, const char *path, size_t size)
{
	if (size <= NOTE_MAX_SIZE)
		return 0;
	diag_hint(diag_add_file(diags, path, DIAG_FILE_TOO_LARGE,
				"file is %zu KiB; perennial reads at most %d KiB",
				(size + 1023) / 1024, NOTE_MAX_SIZE / 1024),
		  "notes are small text files: split this one, or keep it elsewhere");
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
