#include "note.h"

#include <stdlib.h>
#include <string.h>

#include "notefile.h"
#include "source.h"
#include "xalloc.h"

static void S_parse_front(struct note *note, struct diag_list *diags)
{
	const struct source *src = note->src;

	fm_find(&note->block, src);
	if (note->block.fence == FM_MISSING) {
		struct diag *d = diag_add(diags, src, DIAG_FRONT_MATTER_MISSING,
					  src->bom, 0, "no front matter: a note starts with a line '---'");
		diag_hint(d, "begin the file with '---', the fields (title, date, ...), then '---'");
		return;
	}
	if (note->block.fence == FM_UNCLOSED) {
		struct diag *d = diag_add(diags, src, DIAG_FRONT_MATTER_UNCLOSED,
					  note->block.open_offset, 3,
					  "front matter is never closed");
		diag_hint(d, "end the fields with a line '---' before the text of the note");
		return;
	}
	if (fm_parse(&note->front, src, note->block.yaml_offset, note->block.yaml_len,
		     diags) < 0)
		return;
	if (note->front && note->front->kind != FM_MAP) {
		struct diag *d = diag_add(diags, src, DIAG_FRONT_MATTER_NOT_MAP,
					  note->front->offset, note->front->len,
					  "front matter must be fields ('key: value'), not %s",
					  note->front->kind == FM_LIST ? "a list" : "a single value");
		diag_hint(d, "write one 'key: value' per line, for example 'title: Coffee with Maria'");
		fm_node_free(note->front);
		note->front = NULL;
		return;
	}
	note->has_front = 1;
}

struct note *note_parse(struct source *src, enum note_parts parts,
			struct diag_list *diags)
{
	struct note *note = xcalloc(1, sizeof(*note));
	note->src = src;

	/* Positions past a bad byte cannot be trusted: stop there. */
	if (notefile_refuse_encoding(diags, src))
		return note;
	S_parse_front(note, diags);
	if (note->has_front && parts != NOTE_FRONT)
		md_parse(&note->body, src, note->block.body_offset, note->block.body_line,
			 parts == NOTE_ALL ? MD_ALL : MD_CHECK);
	return note;
}

void note_free(struct note *note)
{
	if (!note)
		return;
	source_free(note->src);
	fm_node_free(note->front);
	md_body_release(&note->body);
	free(note);
}

char *note_id_from_path(const char *path)
{
	const char *name = notefile_name(path);
	size_t n = strlen(name);
	return xstrndup(name, notefile_is_note_name(name) ? n - 3 : n);
}

char *note_id(const struct note *note, size_t *offset, size_t *len)
{
	const struct fm_node *value = note->front ? fm_map_get(note->front, "id", NULL) : NULL;
	const char *text = fm_text(value);
	if (text && *text) {
		*offset = value->offset;
		*len = value->len;
		return xstrdup(text);
	}
	*offset = *len = 0;
	return note_id_from_path(note->src->path);
}
