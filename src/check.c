#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "note.h"
#include "progress.h"
#include "source.h"
#include "strlist.h"
#include "validate.h"
#include "worktree.h"
#include "xalloc.h"

/* Where a note's id stands, kept after the note itself is freed. */
struct id_use {
	char *id;
	char *file;
	int implicit;      /* taken from the file name */
	int checked;       /* the note is one of `paths`: report on it */
	unsigned line, column, span;
	char *line_text;
};

struct id_uses {
	struct id_use *items;
	size_t len, cap;
};

static void S_record_id(struct id_uses *uses, const struct note *note, int checked)
{
	size_t offset, len;
	struct diag_loc loc;
	struct id_use *use;

	XGROW(uses->items, uses->cap, uses->len + 1);
	use = &uses->items[uses->len++];
	use->id = note_id(note, &offset, &len);
	use->implicit = len == 0;
	use->checked = checked;
	diag_locate(&loc, note->src, use->implicit ? note->src->bom : offset, len);
	use->file = xstrdup(loc.file);
	use->line = loc.line;
	use->column = loc.column;
	use->span = use->implicit ? 1 : loc.span;
	use->line_text = use->implicit ? NULL : xstrndup(loc.line_text, loc.line_len);
}

static int S_compare_uses(const void *a, const void *b)
{
	const struct id_use *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->file, y->file);
}

/* Every checked note whose id another note has too, naming the other. */
static void S_report_duplicates(struct id_uses *uses, struct diag_list *diags)
{
	qsort(uses->items, uses->len, sizeof(*uses->items), S_compare_uses);
	for (size_t start = 0, end; start < uses->len; start = end) {
		for (end = start + 1; end < uses->len &&
		     strcmp(uses->items[end].id, uses->items[start].id) == 0; end++)
			;
		if (end - start < 2)
			continue;
		for (size_t i = start; i < end; i++) {
			const struct id_use *use = &uses->items[i];
			const struct id_use *other = &uses->items[i == start ? start + 1 : start];
			struct diag_loc loc = {
				use->file, use->line, use->column, use->span, use->line_text,
				use->line_text ? strlen(use->line_text) : 0,
			};
			if (!use->checked)
				continue;
			diag_hint(diag_add_at(diags, &loc, DIAG_DUPLICATE_ID,
					      "id '%s'%s is also the id of %s:%u:%u", use->id,
					      use->implicit ? " (from the file name)" : "",
					      other->file, other->line, other->column),
				  "ids must be unique: give one of the notes its own 'id: ...'");
		}
	}
}

static void S_release_uses(struct id_uses *uses)
{
	for (size_t i = 0; i < uses->len; i++) {
		free(uses->items[i].id);
		free(uses->items[i].file);
		free(uses->items[i].line_text);
	}
	free(uses->items);
}

long check_worktree(const struct config *config, const char *root,
		    const struct strlist *paths, const struct strlist *all,
		    struct progress *progress, struct diag_list *diags)
{
	struct id_uses uses = { NULL, 0, 0 };
	struct strlist every = STRLIST_INIT;
	long checked = 0;

	for (size_t i = 0; i < paths->len; i++)
		strlist_add(&every, paths->items[i]);
	for (size_t i = 0; i < all->len; i++)
		strlist_add(&every, all->items[i]);
	strlist_sort_unique(&every);

	for (size_t i = 0; i < every.len; i++) {
		int wanted = strlist_has_sorted(paths, every.items[i]);
		/* Findings in notes not asked for are not the user's question now. */
		struct diag_list local = DIAG_LIST_INIT;
		struct diag_list *into = wanted ? diags : &local;
		struct source *src;
		int r = worktree_read(&src, root, every.items[i], into);

		progress_update(progress, i, every.len);
		if (r < 0) {
			checked = -1;
			break;
		}
		if (r == 0) {
			struct note *note = note_parse(src, wanted ? NOTE_ALL : NOTE_FRONT, into);
			if (wanted)
				validate_note(note, config, into);
			if (note->has_front)
				S_record_id(&uses, note, wanted);
			note_free(note);
		}
		checked += wanted;
		diag_list_release(&local);
	}
	if (checked >= 0)
		S_report_duplicates(&uses, diags);
	S_release_uses(&uses);
	strlist_release(&every);
	return checked;
}
