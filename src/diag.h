#ifndef PERENNIAL_DIAG_H
#define PERENNIAL_DIAG_H

#include <stddef.h>

struct source;

enum diag_severity {
	DIAG_WARNING,
	DIAG_ERROR,
};

/*
 * Every rule, with its stable id (printed in brackets, used by scripts and
 * editors) and its severity. Ids never change once released.
 */
#define DIAG_RULES(X) \
	/* the file itself */ \
	X(FILE_TOO_LARGE,        "file-too-large",        DIAG_ERROR) \
	X(BINARY_FILE,           "binary-file",           DIAG_ERROR) \
	X(NOT_A_FILE,            "not-a-file",            DIAG_ERROR) \
	X(SYMLINK_OUTSIDE,       "symlink-outside",       DIAG_ERROR) \
	X(INVALID_UTF8,          "invalid-utf8",          DIAG_ERROR) \
	X(INVALID_FILE_NAME,     "invalid-file-name",     DIAG_ERROR) \
	X(PATH_TOO_LONG,         "path-too-long",         DIAG_ERROR) \
	/* front matter and YAML */ \
	X(FRONT_MATTER_MISSING,  "front-matter-missing",  DIAG_ERROR) \
	X(FRONT_MATTER_UNCLOSED, "front-matter-unclosed", DIAG_ERROR) \
	X(YAML_SYNTAX,           "yaml-syntax",           DIAG_ERROR) \
	X(YAML_ALIAS,            "yaml-alias",            DIAG_ERROR) \
	X(YAML_TOO_DEEP,         "yaml-too-deep",         DIAG_ERROR) \
	X(DUPLICATE_KEY,         "duplicate-key",         DIAG_ERROR) \
	X(KEY_NOT_TEXT,          "key-not-text",          DIAG_ERROR) \
	X(FRONT_MATTER_NOT_MAP,  "front-matter-not-mapping", DIAG_ERROR) \
	/* fields */ \
	X(REQUIRED_FIELD,        "required-field",        DIAG_ERROR) \
	X(FIELD_TYPE,            "field-type",            DIAG_ERROR) \
	X(INVALID_DATE,          "invalid-date",          DIAG_ERROR) \
	X(ENUM_VALUE,            "enum-value",            DIAG_ERROR) \
	X(UNKNOWN_ORGANIZER,     "unknown-organizer",     DIAG_ERROR) \
	X(UNKNOWN_THEME,         "unknown-theme",         DIAG_ERROR) \
	X(UNKNOWN_PARTICIPANT,   "unknown-participant",   DIAG_ERROR) \
	X(UNKNOWN_FIELD,         "unknown-field",         DIAG_WARNING) \
	X(DUPLICATE_ID,          "duplicate-id",          DIAG_ERROR) \
	X(DATE_MISMATCH,         "date-mismatch",         DIAG_WARNING) \
	/* body */ \
	X(REQUIRED_SECTION,      "required-section",      DIAG_ERROR) \
	X(STEP_NO_OWNER,         "step-no-owner",         DIAG_ERROR) \
	X(UNKNOWN_OWNER,         "unknown-owner",         DIAG_ERROR) \
	X(INVALID_DUE_DATE,      "invalid-due-date",      DIAG_ERROR) \
	X(UNKNOWN_HASHTAG,       "unknown-hashtag",       DIAG_WARNING) \
	X(PII,                   "pii",                   DIAG_WARNING) \
	X(TEMPLATE_PLACEHOLDER,  "template-placeholder",  DIAG_WARNING) \
	/* perennial.yml */ \
	X(CONFIG_INVALID,        "config-invalid",        DIAG_ERROR) \
	X(CONFIG_UNKNOWN_KEY,    "config-unknown-key",    DIAG_WARNING) \
	X(PATTERN_INVALID,       "pattern-invalid",       DIAG_ERROR) \
	X(PATTERN_TOO_COSTLY,    "pattern-too-costly",    DIAG_WARNING) \
	/* templates/ */ \
	X(TEMPLATE_INVALID,      "template-invalid",      DIAG_ERROR) \
	/* the report itself */ \
	X(TOO_MANY_PROBLEMS,     "too-many-problems",     DIAG_WARNING)

enum diag_rule {
#define X(name, id, severity) DIAG_##name,
	DIAG_RULES(X)
#undef X
	DIAG_RULE_COUNT
};

const char *diag_rule_id(enum diag_rule rule);
enum diag_severity diag_rule_severity(enum diag_rule rule);

/*
 * What a rule finds, as README.md's table of rules says it: the table is
 * compiled in by build-aux/gen-rules.sh, in the table's order.
 */
struct diag_rule_doc {
	const char *id;
	enum diag_severity severity;
	const char *text;     /* plain text */
};

extern const struct diag_rule_doc diag_rule_docs[];
extern const size_t diag_rule_ndocs;

/* The text of rule's row in README.md, or NULL when it has none. */
const char *diag_rule_description(enum diag_rule rule);

/* One finding, self-contained: it keeps a copy of the line it points at. */
struct diag {
	enum diag_rule rule;
	enum diag_severity severity;
	char *file;
	unsigned line;        /* 1-based */
	unsigned column;      /* 1-based, in characters */
	unsigned span;        /* characters to underline, at least 1 */
	char *message;
	char *hint;           /* NULL when there is none */
	char *fix;            /* what the underlined text is to read instead (a did
			       * you mean), or NULL: what an editor offers to apply */
	char *line_text;      /* the source line without its break, or the part of a
			       * long line around the column; NULL if none */
	unsigned text_column; /* the column of line_text's first character */
	int text_more;        /* the line goes on after line_text */
};

struct diag_list {
	struct diag *items;
	size_t len;
	size_t cap;
	size_t limit;         /* past this many, findings are only counted; 0: no limit */
	size_t dropped;       /* findings not kept because of limit */
};

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0 }

/* Where a diagnostic points, for findings made after the source is gone. */
struct diag_loc {
	const char *file;
	unsigned line;
	unsigned column;
	unsigned span;
	const char *line_text; /* not NUL-terminated; may be NULL */
	size_t line_len;
};

/* The location of bytes [offset, offset + len) of src; points into src. */
void diag_locate(struct diag_loc *out, const struct source *src,
		 size_t offset, size_t len);

/*
 * Appends a diagnostic about bytes [offset, offset + len) of src. Returns
 * it, owned by the list and valid until the next one is added, so the
 * caller may add a hint with diag_hint; or NULL when the list is at its
 * limit (diag_hint takes NULL).
 */
struct diag *diag_add(struct diag_list *list, const struct source *src,
		      enum diag_rule rule, size_t offset, size_t len,
		      const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The same, at a location saved earlier. */
struct diag *diag_add_at(struct diag_list *list, const struct diag_loc *loc,
			 enum diag_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A diagnostic about a whole file: at 1:1, with no source line. */
struct diag *diag_add_file(struct diag_list *list, const char *file, enum diag_rule rule,
			   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Hints "did you mean 'closest'?", or `otherwise` when there is no close
 * name (and nothing when that is NULL too). Does nothing for a NULL d.
 */
void diag_hint_closest(struct diag *d, const char *closest, const char *otherwise);

/* Sets (replaces) what the underlined text of d is to read instead; nothing for NULL. */
void diag_fix(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets (replaces) the hint of d; does nothing for NULL. */
void diag_hint(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Orders by file, line, column, then rule: the order the user reads in. */
void diag_list_sort(struct diag_list *list);

size_t diag_list_count(const struct diag_list *list, enum diag_severity severity);

/*
 * Moves every diagnostic of src to the end of dst; src is left empty. When
 * src had to drop some (its limit), one more finding says how many.
 */
void diag_list_take(struct diag_list *dst, struct diag_list *src);

void diag_list_release(struct diag_list *list);

#endif
