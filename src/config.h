#ifndef PERENNIAL_CONFIG_H
#define PERENNIAL_CONFIG_H

#include <stddef.h>

#include "diag.h"
#include "notefile.h"
#include "strmap.h"

struct pattern;
struct pii_detector;
struct source;

#define CONFIG_FILE "perennial.yml"

enum field_type {
	FIELD_TEXT,
	FIELD_DATE,
	FIELD_ENUM,
	FIELD_ORGANIZER,  /* an id from the roster */
	FIELD_THEME,      /* an id from the codebook */
};

/* What a front-matter key may hold. */
struct field_def {
	char *name;
	enum field_type type;
	int list;              /* a list of values of `type` (a single one is refused) */
	int required;
	char **values;         /* FIELD_ENUM: the allowed values */
	size_t nvalues;
	char *default_value;   /* NULL if none */
};

/* One entry of a roster: `organizers:` or `people:`. */
struct person {
	char *id;
	char *name;
};

struct theme {
	char *id;
	char *label;
	char *description;     /* NULL if none */
	char *parent;          /* NULL for a top-level theme */
	struct pattern **patterns;
	size_t npatterns;
};

struct privacy {
	char **quote;          /* consents whose quotes may appear in reports */
	size_t nquote;
	char **redact;         /* fields never printed in reports */
	size_t nredact;
	char **pii;            /* built-in detectors that warn in quotable notes */
	size_t npii;
	struct pii_detector *detectors;  /* those, then privacy.pii_patterns, compiled */
	size_t ndetectors;
	char **network;        /* consents whose quotes a network page may show; none by default */
	size_t nnetwork;
};

/* A chapter's theme, and the network codebook's theme it counts as. */
struct theme_map {
	char *from;            /* the chapter's theme id */
	char *to;              /* an id of the network's `themes:` */
};

/* One chapter of a network repository (`network: chapters:`). */
struct chapter {
	char *name;            /* an id that is also a git ref's and a file's name */
	char *url;             /* as written: a path (relative to the notes root) or a URL */
	char *branch;          /* default "main" */
	char *root;            /* the chapter's notes root in its repository; "" for the top */
	struct theme_map *themes;
	size_t nthemes;
};

/* perennial.yml, with the built-in defaults filled in. */
struct config {
	char digest[17];       /* of perennial.yml's bytes: caches made under it say so */
	char *notes_dir;       /* relative to the notes root; default "notes" */
	char *reports_dir;     /* default "reports" */
	struct person *organizers;
	size_t norganizers;
	struct person *people;     /* the participant roster, when has_people */
	size_t npeople;
	int has_people;            /* `people:` is there: participants must be in it */
	struct field_def *fields;  /* the defaults, changed and extended */
	size_t nfields;
	char **required_sections;
	size_t nrequired_sections;
	struct theme *themes;
	size_t nthemes;
	struct privacy privacy;
	char **ignore;         /* globs under the notes folder that are not notes */
	size_t nignore;
	int network;           /* `network:` is there: a network repository */
	struct chapter *chapters;  /* in the order perennial.yml lists them */
	size_t nchapters;
	/* The ids of organizers, people, themes and fields: number i is element i. */
	struct strmap organizer_ids, person_ids, theme_ids, field_names;
};

/*
 * Builds the configuration from the text of perennial.yml. Problems are
 * diagnostics in diags with the file's own lines and columns. Returns 0 and
 * *out (freed with config_free) when there is no error-level diagnostic,
 * otherwise -1 and *out is NULL.
 */
int config_parse(struct config **out, const struct source *src,
		 struct diag_list *diags);

void config_free(struct config *config);

/* Which files are notes under this configuration: its notes folder and `ignore:`. */
struct notefile_scope config_scope(const struct config *config);

const struct field_def *config_field(const struct config *config, const char *name);
const struct person *config_organizer(const struct config *config, const char *id);
const struct person *config_person(const struct config *config, const char *id);

struct suggestion;

/* The names config_suggest offers; combine them with |. */
enum config_names {
	CONFIG_ORGANIZERS = 1,
	CONFIG_PEOPLE = 2,
	CONFIG_THEMES = 4,
};

/*
 * Starts `s` (suggest.h) for `word` and offers it the ids `names` asks
 * for: s->best is then the closest, or NULL. A caller may offer more.
 */
void config_suggest(struct suggestion *s, const struct config *config, unsigned names,
		    const char *word);
const struct theme *config_theme(const struct config *config, const char *id);

/*
 * Whether a note with this consent is private: it says `private`, or
 * anything the consent field does not allow, or nothing readable (NULL:
 * a list, say). A consent written wrong fails closed.
 */
int config_consent_private(const struct config *config, const char *consent);

/*
 * Whether words of a note with this consent may be quoted in what
 * perennial prints or writes: its consent is listed in privacy.quote, and
 * it is never `private`, whatever the list says.
 */
int config_may_quote(const struct config *config, const char *consent);

/*
 * Whether words of a note with this consent may be quoted on a network's
 * page: its consent is listed in privacy.network, and it is never
 * `private`, whatever the list says.
 */
int config_may_share(const struct config *config, const char *consent);

/*
 * The theme of the network's codebook that the chapter's theme `id`
 * counts as: the one its `themes:` maps it to, else the one with the same
 * id; NULL when it has none (the theme is kept under the chapter's name).
 */
const struct theme *config_chapter_theme(const struct config *network,
					 const struct chapter *chapter, const char *id);

#endif
