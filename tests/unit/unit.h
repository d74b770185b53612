#ifndef PERENNIAL_TEST_UNIT_H
#define PERENNIAL_TEST_UNIT_H

/* What every cmocka test file needs, in the order cmocka requires. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "mention.h"
#include "notefile.h"

struct source;

/*
 * Helpers shared by the unit tests, defined in unit.c. The assert_* macros
 * report a failure at the line of the test that calls them; the unit_*
 * functions that set things up fail the test inside themselves.
 */

/* The notes below the root-relative folder `dir`, nothing ignored: what listings take. */
#define UNIT_NOTES(dir) (&(const struct notefile_scope){ (dir), NULL, 0 })

/* --- Files: tests that read notes from disk build them under /tmp. --- */

/*
 * Makes a new, empty folder /tmp/perennial-<name>-XXXXXX and returns its
 * real path (/tmp may itself be a link, and roots are compared by real
 * path), malloc'd. NULL if it cannot. The caller removes the folder with
 * unit_remove_tree and frees the string.
 */
char *unit_tempdir(const char *name);

/* "a/b", malloc'd: the caller frees it. */
char *unit_path(const char *a, const char *b);

/* Creates every folder of `path` but its last part, like mkdir -p. */
void unit_mkdirs_for(const char *path);

/* Writes len bytes to dir/rel, creating its folders; replaces a file there. */
void unit_write_bytes(const char *dir, const char *rel, const char *bytes, size_t len);

/* unit_write_bytes for a string, without its NUL. */
void unit_write(const char *dir, const char *rel, const char *text);

struct config;
struct corpus;
struct corpus_note;

/*
 * Adds a note to a corpus built by hand (`cap` is the room in its notes):
 * id and title are its path, kind one-on-one; date and organizer may be
 * NULL, `people` is a comma-separated list or "", and the consent
 * `private` makes it private. Freed with corpus_release.
 */
struct corpus_note *unit_note(struct corpus *corpus, size_t *cap, const char *path,
			      const char *date, const char *organizer, const char *people,
			      const char *consent);

struct corpus_step;

/*
 * A mention of `theme` in note n, with its evidence (NULL for none). The
 * corpus keeps theme as given, as it keeps its names (corpus_name): it
 * must outlive the corpus, as a literal does.
 */
void unit_mention(struct corpus_note *n, const char *theme, enum mention_source source,
		  unsigned line, const char *evidence, int quoted);

/*
 * A step of note n, its words and key as the note parser gives them for
 * `- [ ] TEXT`; owner kept as given, as unit_mention keeps theme; due as
 * given; done_on NULL for open, "" for done
 * with no day from history, else the day it was ticked (`ticked` then says
 * whether history saw it open first).
 */
struct corpus_step *unit_step(struct corpus_note *n, unsigned line, const char *owner,
			      const char *text, const char *due, const char *done_on, int ticked);

/*
 * perennial.yml with the text `yml`, for a setup: 0 with *config and *src
 * (config_free, then source_free), or -1 when it does not parse cleanly.
 */
int unit_config(struct config **config, struct source **src, const char *yml);

/* What the file dir/rel holds, malloc'd; NULL when it cannot be read. */
char *unit_read(const char *dir, const char *rel);

/* Creates the folder dir/rel, and its folders; it must not exist yet. */
void unit_mkdir(const char *dir, const char *rel);

/* dir/rel becomes a symbolic link to `target` (as written, relative or not). */
void unit_symlink(const char *target, const char *dir, const char *rel);

/*
 * Removes `path` and, if it is a folder, everything below it, like rm -rf:
 * links are removed, never followed. A path that does not exist is no error.
 */
void unit_remove_tree(const char *path);

/*
 * --- Errors: what functions record (error.h), caught for a test to check.
 * Modules never print, so stderr is caught too and must stay empty. ---
 */

struct unit_capture {
	int saved;    /* the real stderr, put back by unit_capture_stop */
	FILE *file;
};

/* Forgets earlier errors; from now on, stderr goes to a temporary file. */
void unit_capture_start(struct unit_capture *c);

/*
 * Puts stderr back, fails the test if anything was printed on it, and
 * returns the errors recorded since the start, a line each as a command
 * prints them (error_format), malloc'd.
 */
char *unit_capture_stop(struct unit_capture *c);

/* For the commands' own code, which prints: puts stderr back and returns what it got. */
char *unit_capture_printed(struct unit_capture *c);

/* --- Assertions --- */

/*
 * UNIT_ANY in place of an expected string says "not checked". It is a
 * marker compared by address, not a value: no string equals it.
 */
extern const char unit_any[];
#define UNIT_ANY unit_any

/*
 * Diagnostic i of `list` exists and is this one: rule, severity, file,
 * line, column, span, message and hint. UNIT_ANY for file, message or hint
 * and 0 for span (a diagnostic underlines at least one character) leave
 * those unchecked; a NULL hint means the diagnostic has none. at_file and
 * at are where a failure is reported: use the macros below.
 */
void unit_assert_diag(const struct diag_list *list, size_t i, enum diag_rule rule,
		      enum diag_severity severity, const char *file,
		      unsigned line, unsigned column, unsigned span,
		      const char *message, const char *hint,
		      const char *at_file, int at);

/* Diagnostic i of list, in any file, with the severity its rule has. */
#define assert_diag(list, i, rule, line, column, span, message, hint) \
	unit_assert_diag((list), (i), (rule), diag_rule_severity(rule), UNIT_ANY, \
			 (line), (column), (span), (message), (hint), __FILE__, __LINE__)

/* The same, about `file` (the path as printed). */
#define assert_diag_in(list, i, rule, file, line, column, span, message, hint) \
	unit_assert_diag((list), (i), (rule), diag_rule_severity(rule), (file), \
			 (line), (column), (span), (message), (hint), __FILE__, __LINE__)

/*
 * Bytes [offset, offset + len) of src are `text`, inside the source, and
 * begin at line:column as the user sees them.
 */
void unit_assert_span(const struct source *src, size_t offset, size_t len,
		      unsigned line, unsigned column, const char *text,
		      const char *at_file, int at);

#define assert_span(src, offset, len, line, column, text) \
	unit_assert_span((src), (offset), (len), (line), (column), (text), __FILE__, __LINE__)

/* items[0, n) are exactly the NULL-terminated `want`, in order. */
void unit_assert_strings(char *const *items, size_t n, const char *const *want,
			 const char *at_file, int at);

/* assert_strings(items, n, want): `want` may be a compound literal, commas and all. */
#define assert_strings(items, n, ...) \
	unit_assert_strings((items), (n), (__VA_ARGS__), __FILE__, __LINE__)

/* --- Shell and git: fixture repositories made with the real git CLI. --- */

/*
 * git with an identity and a first branch of its own, so that no setting of
 * the machine's is needed; file:// submodules are allowed.
 */
#define UNIT_GIT "git -c user.name=t -c user.email=t@example.invalid " \
	"-c init.defaultBranch=main -c protocol.file.allow=always"

/*
 * Keeps the machine's git configuration and any surrounding git (a test
 * run from a hook) out of this process and of the commands it runs: no
 * system or global git config, HOME and XDG_CONFIG_HOME under `home` (an
 * empty folder: libgit2 reads $HOME/.gitconfig whatever GIT_CONFIG_GLOBAL
 * says), and GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE and the like unset.
 * Call it before anything opens a repository.
 */
void unit_git_isolate(const char *home);

/*
 * A repository made by the real git CLI in a fresh folder under /tmp,
 * base/repo the top of its work tree: the fixture of the tests that need
 * git. unit_git_repo_setup and _teardown are a test's cmocka setup and
 * teardown (*state is the struct unit_git_repo); unit_git_group_setup and
 * _teardown give the whole group a HOME of its own and no system or
 * global git configuration (unit_git_isolate).
 */
struct unit_git_repo {
	char *base;
	char *top;
};

int unit_git_group_setup(void **state);
int unit_git_group_teardown(void **state);
int unit_git_repo_setup(void **state);
int unit_git_repo_teardown(void **state);

/* `s` in single quotes for sh, malloc'd: the caller frees it. */
char *unit_sh_quote(const char *s);

/*
 * Runs the sh command made from fmt in the folder `dir` and returns its
 * exit status (-1 if it could not run or was killed). What it prints goes
 * where the test's own output goes.
 */
int unit_sh(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs the command like unit_sh; the test fails unless its status is 0. */
void unit_run_at(const char *at_file, int at, const char *dir, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define unit_run(dir, ...) unit_run_at(__FILE__, __LINE__, (dir), __VA_ARGS__)

/*
 * What the command prints on stdout, less its last line break, malloc'd;
 * the test fails unless its status is 0.
 */
char *unit_output_at(const char *at_file, int at, const char *dir, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define unit_output(dir, ...) unit_output_at(__FILE__, __LINE__, (dir), __VA_ARGS__)

struct table;

/* The column named `name` of t; the test fails when there is none. */
size_t unit_table_column(const struct table *t, const char *name);

/* Column `name` of every row, in order, is exactly the NULL-terminated `want`; a NULL cell reads "(null)". */
#define assert_column(t, name, ...) \
	unit_assert_column((t), (name), (__VA_ARGS__), __FILE__, __LINE__)

void unit_assert_column(const struct table *t, const char *name, const char *const *want,
			const char *at_file, int at);

#endif
