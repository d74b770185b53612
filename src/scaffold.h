#ifndef PERENNIAL_SCAFFOLD_H
#define PERENNIAL_SCAFFOLD_H

#include <stddef.h>

#include <jansson.h>

#include "date.h"

struct config;
struct notefile_scope;
struct strbuf;
struct strlist;

/*
 * New files: a note from the note template (`perennial new`) and a notes
 * repository from nothing (`perennial init`). Nothing here ever replaces
 * a file that is there.
 */

/* The longest slug a file name gets from a title. */
#define SCAFFOLD_SLUG_MAX 40

/*
 * A file-name slug of `text`: ASCII letters (lowercased) and digits, every
 * other run of characters one '-', none at either end. Latin letters with
 * accents lose them (é, ñ, ø, ß, ễ become e, n, o, ss, e), combining marks
 * and apostrophes are dropped (Maria's: marias), and a slug longer than
 * `max` is cut at its last '-' that keeps at least half of it (else at
 * max). May be "". Returns a malloc'd string.
 */
char *scaffold_slug(const char *text, size_t max);

/*
 * True for an id that works as a participant and as a step's `@owner`:
 * letters (any script), digits, '.', '-' and '_', beginning and ending
 * with a letter or digit, valid UTF-8.
 */
int scaffold_id_ok(const char *id);

/*
 * Appends s as a YAML scalar: as it is when YAML reads it back as the
 * same text (a plain scalar), else double-quoted with escapes. `flow`
 * says it stands in a flow list ([a, b]), where ',', '[', ']', '{' and
 * '}' need quotes too. s must be UTF-8.
 */
void scaffold_yaml_scalar(struct strbuf *out, const char *s, int flow);

/* Appends items as a YAML flow list: [], [a], [a, "b: c"]. */
void scaffold_yaml_list(struct strbuf *out, char *const *items, size_t n);

/* What `perennial new` was asked, checked by the caller. */
struct scaffold_note {
	const char *title;
	struct date date;
	const char *organizer;      /* an id of the roster */
	char **participants;
	size_t nparticipants;
	const char *kind;
	const char *consent;        /* NULL: the consent field's default */
	char **themes;              /* ids of the codebook */
	size_t nthemes;
};

/* The consent a new note has: the one asked, else the field's default, else internal. */
const char *scaffold_note_consent(const struct config *config, const struct scaffold_note *note);

/*
 * The kind a note gets when none is asked for: one-on-one when the kind
 * field allows it, else the field's default, else its first value.
 * Points into config or is a literal.
 */
const char *scaffold_default_kind(const struct config *config);

/*
 * The data templates/note.md is rendered over (the template's first
 * comment lists it). Returns a new reference, freed with json_decref.
 */
json_t *scaffold_note_data(const struct config *config, const struct scaffold_note *note);

/*
 * Where the note goes, root-relative: *folder "NOTES/YYYY/MM" and *stem
 * "YYYY-MM-DD-ORGANIZER-SLUG" (the file name without .md), the slug from
 * the title, else from the participants, else "note". A private note's
 * slug is "private": its name says nothing of what it holds, nor of whom.
 * Both malloc'd.
 */
void scaffold_note_place(char **folder, char **stem, const struct config *config,
			 const struct scaffold_note *note);

/*
 * Adds to `out` (sorted) the name without .md of every note of `scope`
 * (notefile.h): the ids a new note must not take. A notes folder that is
 * not there yet has none. Returns 0, or -1 with an error set (error.h).
 */
int scaffold_taken_names(struct strlist *out, const char *root,
			 const struct notefile_scope *scope);

/*
 * Writes bytes[0, len) to a new file root/folder/STEM.md, or STEM-2.md,
 * STEM-3.md, ... when the name is taken: by a file there, or in `taken`
 * (sorted names without .md, such as the ids of the notes elsewhere; may
 * be NULL). Creates the folders it needs, and refuses one that leads
 * outside the root. Returns 0 and *out, the new file's root-relative path
 * (malloc'd); or -1 with an error set (error.h), with no file left behind.
 */
int scaffold_create(char **out, const char *root, const char *folder, const char *stem,
		    const struct strlist *taken, const char *bytes, size_t len);

/*
 * `perennial new`: the note rendered from the note template (the
 * repository's templates/note.md, or the built-in one) with the front
 * matter of `note`, written with scaffold_create at its place
 * (scaffold_note_place) under a name no note has. Returns 0 and *out, its
 * root-relative path (malloc'd); or -1 with an error set (error.h).
 */
int scaffold_write_note(char **out, const char *root, const struct config *config,
			const struct scaffold_note *note);

/* The perennial.yml `perennial init` writes: every key, explained. */
extern const char scaffold_config_text[];

/*
 * Makes `dir` (relative to the current folder; created with its parents
 * if missing) a notes root: perennial.yml, notes/ and templates/ (each
 * new folder with an empty .gitkeep, so that git records it). Refuses,
 * changing nothing, when dir holds a perennial.yml. Returns 0, or -1
 * with an error set (error.h).
 */
int scaffold_init(const char *dir);

/*
 * True when `dir` lies in a git work tree: GIT_DIR is set, or a `.git`
 * (a folder, or the file of a linked work tree or submodule) is in it or
 * above. Only a hint for what to do next; repo_open decides for real.
 */
int scaffold_in_git(const char *dir);

/* Appends s as one word for sh: as it is when safe, else in single quotes. */
void scaffold_sh_word(struct strbuf *out, const char *s);

/*
 * The path to root-relative `path` from the folder `cwd` (absolute),
 * as a user there would type it ("../notes/a.md" from root/templates);
 * the absolute path when cwd is outside the root. Malloc'd.
 */
char *scaffold_path_from(const char *cwd, const char *root, const char *path);

/*
 * What `perennial new` is asked, checked against the repository. On a
 * mistake in what was asked, each appends to `why` what is wrong, with a
 * did-you-mean when a close id exists, for the command to say.
 */

/*
 * Adds the comma-separated person ids of `arg` to out, each once. Returns
 * 0, or -1 with `why` when one is not an id.
 */
int scaffold_add_people(struct strlist *out, const char *arg, struct strbuf *why);

/*
 * With a participant roster (`people:`), each of `people` must be in it
 * or among the organizers. Returns 0, or -1 with `why` for the first that
 * is not.
 */
int scaffold_check_people(const struct strlist *people, const struct config *config,
			  struct strbuf *why);

/*
 * The organizer of a new note: `asked` when the roster has it, else (with
 * none asked) the roster's only one. Returns 0 with *out (pointing into
 * config or at asked); 1 with `why`; -1 with an error set (error.h) when
 * the roster has no organizers at all.
 */
int scaffold_pick_organizer(const char **out, const struct config *config, const char *asked,
			    struct strbuf *why);

/*
 * The kind of a new note: `asked` when the kind field allows it, else (with
 * none asked) scaffold_default_kind. NULL with `why` when it does not.
 */
const char *scaffold_pick_kind(const struct config *config, const char *asked,
			       struct strbuf *why);

/*
 * The consent of a new note: `asked` when the consent field allows it (or
 * NULL when none is asked: the default). Returns 0, or -1 with `why`.
 */
int scaffold_pick_consent(const char **out, const struct config *config, const char *asked,
			  struct strbuf *why);

/*
 * Adds the comma-separated theme ids of `arg` to out, each once. Returns
 * 0, or -1 with `why` when one is not a theme of the codebook.
 */
int scaffold_add_themes(struct strlist *out, const struct config *config, const char *arg,
			struct strbuf *why);

#endif
