#include "notefile.h"

#include <string.h>

#include "source.h"
#include "utf8.h"

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
