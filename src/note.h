#ifndef PERENNIAL_NOTE_H
#define PERENNIAL_NOTE_H

#include "diag.h"
#include "frontmatter.h"
#include "markdown.h"

struct source;

/*
 * One conversation note, parsed: the front matter as a YAML tree and the
 * body as sections, steps, hashtags, paragraphs and quotes. Parsing only
 * finds what is there; whether it is right is validate.h's job.
 */
struct note {
	struct source *src;
	struct fm_block block;
	struct fm_node *front;  /* the front matter mapping; NULL if absent or empty */
	int has_front;          /* front matter found and parsed as a mapping */
	struct md_body body;
};

enum note_parts {
	NOTE_FRONT,             /* the front matter only: enough for ids */
	NOTE_CHECK,             /* and the body as validation reads it (MD_CHECK) */
	NOTE_ALL,               /* everything, for the index */
};

/*
 * Parses src, taking ownership of it. Problems that stop a file from being
 * read as a note (invalid UTF-8, missing or broken front matter, front
 * matter that is not a mapping) are diagnostics in diags; the note is still
 * returned with whatever could be read. Freed with note_free.
 */
struct note *note_parse(struct source *src, enum note_parts parts,
			struct diag_list *diags);

void note_free(struct note *note);

/*
 * The note's id: its `id` field when that is text, else the file name
 * without `.md`. Returns a malloc'd string; *offset and *len get the span
 * of the `id` value, or 0 and 0 for an id taken from the file name.
 */
char *note_id(const struct note *note, size_t *offset, size_t *len);

/* The id a note at `path` has when it sets none: its file name without `.md`. */
char *note_id_from_path(const char *path);

/*
 * The words of the first next step the note template writes, for the
 * organizer to replace: `perennial new` puts them in (the template's
 * `first_step`) and check warns while they are still there.
 */
#define NOTE_PLACEHOLDER_STEP "Follow up on this conversation"

#endif
