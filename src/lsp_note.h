#ifndef PERENNIAL_LSP_NOTE_H
#define PERENNIAL_LSP_NOTE_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"
#include "strbuf.h"

struct check_others;
struct config;
struct lsp_scan;

/*
 * What `perennial lsp` answers about one open document (lsp.h holds the
 * protocol): its findings as LSP diagnostics, completion, hover, the
 * definition of an id, its outline and its quick fixes. Each is made from
 * the editor's text and perennial.yml's (no file is read here), and is a
 * new JSON value. Positions are LSP's (lsp_text.h).
 */
struct lsp_note {
	const struct config *config;
	const char *root;                  /* the notes root, absolute */
	const struct strbuf *config_text;  /* perennial.yml as the editor has it, else as on disk */
	const char *uri;
	const char *path;                  /* root-relative; NULL: no note (none of it is made) */
	const struct strbuf *text;
	/* The other notes of the repository: as last scanned (lsp_scan.h; NULL: none yet),
	 * and as they read now (the editor's text, else the file), for ids and references. */
	const struct lsp_scan *known;
	const struct check_others *others;
};

/*
 * The id the note's text gives it (malloc'd): its `id`, else its file
 * name; NULL when it has no front matter (it takes no part in ids), is
 * refused as check refuses it, or is no note.
 */
char *lsp_note_id(const struct lsp_note *n);

/* The note's findings by check's rules (check_text), sorted; none for what is no note. */
void lsp_note_findings(const struct lsp_note *n, struct diag_list *diags);

/* A finding as a Diagnostic; with a did you mean, where what it means is declared. */
json_t *lsp_note_diagnostic(const struct lsp_note *n, const struct diag *d);

/*
 * CompletionItems at the cursor: in the front matter, a field's name at
 * the start of a line, else what its value may be; in the body, an owner
 * after `@`, a theme after `#` and the next two weeks' days after `(due `.
 * Whoever may take part includes the participants the notes name.
 */
json_t *lsp_note_completions(const struct lsp_note *n, size_t line, size_t character);

/*
 * A Hover for the id under the cursor (an organizer, person or theme of
 * perennial.yml, or a participant of the notes: its name or label, its
 * description, and how many notes name it) or a day, or null.
 */
json_t *lsp_note_hover(const struct lsp_note *n, size_t line, size_t character);

/*
 * Where the id under the cursor is defined: the Location in perennial.yml
 * that declares an organizer, person or theme; for a participant it does
 * not declare, the notes that name them (lsp_note_references); else null.
 */
json_t *lsp_note_definition(const struct lsp_note *n, size_t line, size_t character);

/*
 * The Locations of the notes that name the participant under the cursor
 * among their participants, at that name, in path order (the newest last,
 * for notes named by their days); [] for none.
 */
json_t *lsp_note_references(const struct lsp_note *n, size_t line, size_t character);

/* DocumentSymbols: the note's `## ` sections and next steps, in order. */
json_t *lsp_note_symbols(const struct lsp_note *n);

/* CodeActions: the did you means of the findings on lines `first` to `last`, as edits. */
json_t *lsp_note_quick_fixes(const struct lsp_note *n, size_t first, size_t last);

#endif
