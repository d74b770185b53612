#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fnv.h"
#include "frontmatter.h"
#include "notefile.h"
#include "pattern.h"
#include "pii.h"
#include "source.h"
#include "strlist.h"
#include "strbuf.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

struct S_reader {
	const struct source *src;
	struct diag_list *diags;
	struct config *config;
};

#define REPORT(r, rule, node, ...) \
	diag_add((r)->diags, (r)->src, (rule), (node)->offset, (node)->len, __VA_ARGS__)

static const char *const S_top_keys[] = {
	"notes", "reports", "organizers", "people", "fields", "sections", "themes", "privacy",
	"ignore", "network",
};
static const char *const S_person_keys[] = { "name" };
static const char *const S_field_keys[] = { "type", "values", "required", "default", "list" };
static const char *const S_section_keys[] = { "required" };
static const char *const S_theme_keys[] = { "label", "description", "parent", "patterns" };
static const char *const S_privacy_keys[] = {
	"quote", "redact", "pii", "pii_patterns", "network",
};
static const char *const S_network_keys[] = { "chapters" };
static const char *const S_chapter_keys[] = { "url", "branch", "root", "themes" };

static const struct {
	const char *name;
	enum field_type type;
	int list;
} S_types[] = {
	{ "text", FIELD_TEXT, 0 },
	{ "date", FIELD_DATE, 0 },
	{ "enum", FIELD_ENUM, 0 },
	{ "list", FIELD_TEXT, 1 },
	{ "organizer", FIELD_ORGANIZER, 0 },
	{ "theme", FIELD_THEME, 0 },
};

static const struct {
	const char *name;
	enum field_type type;
	int list;
	int required;
	const char *values[5];     /* NULL-terminated */
	const char *default_value;
} S_builtin_fields[] = {
	{ "title", FIELD_TEXT, 0, 1, { NULL }, NULL },
	{ "date", FIELD_DATE, 0, 1, { NULL }, NULL },
	{ "organizer", FIELD_ORGANIZER, 0, 1, { NULL }, NULL },
	{ "participants", FIELD_TEXT, 1, 0, { NULL }, NULL },
	{ "kind", FIELD_ENUM, 0, 1, { "one-on-one", "house-meeting", "group", "training", NULL }, NULL },
	{ "themes", FIELD_THEME, 1, 0, { NULL }, NULL },
	{ "consent", FIELD_ENUM, 0, 0, { "public", "internal", "private", NULL }, "internal" },
	{ "id", FIELD_TEXT, 0, 0, { NULL }, NULL },
	{ "tags", FIELD_TEXT, 1, 0, { NULL }, NULL },
};

/* The privacy defaults are those of the example in DESIGN.md. */
static const char *const S_default_quote[] = { "public", "internal", NULL };
static const char *const S_default_redact[] = { "participants", NULL };
static const char *const S_default_pii[] = { "phone", "email", NULL };
/* A README beside the notes explains them; it is not one. */
static const char *const S_default_ignore[] = { "README.md", NULL };
/* A misspelt detector would quietly turn a warning off: only known ones are taken. */
static const char *const S_pii_detectors[] = { "phone", "email" };

static char **S_copy_strings(const char *const *strings, size_t *n)
{
	for (*n = 0; strings[*n]; (*n)++)
		;
	char **copy = xcalloc(*n, sizeof(*copy));
	for (size_t i = 0; i < *n; i++)
		copy[i] = xstrdup(strings[i]);
	return copy;
}

static void S_free_strings(char **strings, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(strings[i]);
	free(strings);
}

static struct config *S_defaults(void)
{
	struct config *c = xcalloc(1, sizeof(*c));

	c->notes_dir = xstrdup("notes");
	c->reports_dir = xstrdup("reports");
	c->nfields = ARRAY_SIZE(S_builtin_fields);
	c->fields = xcalloc(c->nfields, sizeof(*c->fields));
	for (size_t i = 0; i < c->nfields; i++) {
		struct field_def *f = &c->fields[i];
		f->name = xstrdup(S_builtin_fields[i].name);
		strmap_add(&c->field_names, f->name, NULL);
		f->type = S_builtin_fields[i].type;
		f->list = S_builtin_fields[i].list;
		f->required = S_builtin_fields[i].required;
		f->values = S_copy_strings(S_builtin_fields[i].values, &f->nvalues);
		if (S_builtin_fields[i].default_value)
			f->default_value = xstrdup(S_builtin_fields[i].default_value);
	}
	c->privacy.quote = S_copy_strings(S_default_quote, &c->privacy.nquote);
	c->privacy.redact = S_copy_strings(S_default_redact, &c->privacy.nredact);
	c->privacy.pii = S_copy_strings(S_default_pii, &c->privacy.npii);
	c->ignore = S_copy_strings(S_default_ignore, &c->nignore);
	return c;
}

static int S_contains(const char *const *names, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], word) == 0)
			return 1;
	return 0;
}

/* "Did you mean" the closest name; else `otherwise`, or else all the names. */
static void S_hint_closest(struct diag *d, const char *word, const char *const *names,
			   size_t n, const char *otherwise)
{
	struct strbuf all = STRBUF_INIT;

	if (!otherwise) {
		strbuf_addstr(&all, "expected one of: ");
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&all, "%s%s", i ? ", " : "", names[i]);
	}
	diag_hint_closest(d, suggest_closest(word, names, n), otherwise ? otherwise : all.buf);
	strbuf_release(&all);
}

static const char *S_kind_name(const struct fm_node *node)
{
	switch (node->kind) {
	case FM_SCALAR: return "text";
	case FM_LIST: return "a list";
	case FM_MAP: return "a mapping";
	}
	return "text";
}

/* Warns about every key of `map` that is not one of `known`. */
static void S_check_keys(struct S_reader *r, const struct fm_node *map, const char *where,
			 const char *const *known, size_t nknown)
{
	for (size_t i = 0; i < map->count; i++) {
		const struct fm_node *key = &map->keys[i];
		if (!S_contains(known, nknown, key->text))
			S_hint_closest(REPORT(r, DIAG_CONFIG_UNKNOWN_KEY, key,
					      "unknown key '%s' in %s", key->text, where),
				       key->text, known, nknown, NULL);
	}
}

/* The value of `key`, or NULL when it is absent or null: a null value is not given. */
static const struct fm_node *S_get(const struct fm_node *map, const char *key)
{
	const struct fm_node *value = fm_map_get(map, key, NULL);
	return fm_is_null(value) ? NULL : value;
}

static int S_expect_map(struct S_reader *r, const struct fm_node *node, const char *expected)
{
	if (node->kind == FM_MAP)
		return 1;
	REPORT(r, DIAG_CONFIG_INVALID, node, "%s, not %s", expected, S_kind_name(node));
	return 0;
}

/* The text of a scalar, or NULL after reporting a list or mapping. */
static const char *S_text(struct S_reader *r, const struct fm_node *node, const char *what)
{
	if (node->kind == FM_SCALAR)
		return node->text;
	REPORT(r, DIAG_CONFIG_INVALID, node, "'%s' must be text, not %s", what, S_kind_name(node));
	return NULL;
}

static void S_read_bool(struct S_reader *r, const struct fm_node *node, const char *what,
			int *out)
{
	const char *text = S_text(r, node, what);

	if (!text)
		return;
	if (!strcasecmp(text, "true") || !strcasecmp(text, "yes") || !strcasecmp(text, "on"))
		*out = 1;
	else if (!strcasecmp(text, "false") || !strcasecmp(text, "no") || !strcasecmp(text, "off"))
		*out = 0;
	else
		REPORT(r, DIAG_CONFIG_INVALID, node, "'%s' must be true or false, not '%s'",
		       what, text);
}

/*
 * The items of a list of text, or a single text as a list of one: *items
 * points at *n scalars inside node. Returns -1 after reporting what is not
 * text.
 */
static int S_text_items(struct S_reader *r, const struct fm_node *node, const char *what,
			const struct fm_node **items, size_t *n)
{
	int rc = 0;

	if (node->kind == FM_SCALAR) {
		*items = node;
		*n = 1;
		return 0;
	}
	if (node->kind != FM_LIST) {
		REPORT(r, DIAG_CONFIG_INVALID, node, "'%s' must be a list of text, not %s",
		       what, S_kind_name(node));
		return -1;
	}
	for (size_t i = 0; i < node->count; i++)
		if (!fm_text(&node->items[i])) {
			REPORT(r, DIAG_CONFIG_INVALID, &node->items[i],
			       "each item of '%s' must be text, not %s", what,
			       node->items[i].kind == FM_SCALAR ? "empty" : S_kind_name(&node->items[i]));
			rc = -1;
		}
	*items = node->items;
	*n = node->count;
	return rc;
}

/*
 * Replaces *out with copies of the texts in node. When `allowed` is given,
 * each must be one of its nallowed names.
 */
static void S_read_strings(struct S_reader *r, const struct fm_node *node, const char *what,
			   const char *const *allowed, size_t nallowed,
			   char ***out, size_t *nout)
{
	const struct fm_node *items;
	size_t n;

	if (S_text_items(r, node, what, &items, &n) < 0)
		return;
	S_free_strings(*out, *nout);
	*out = xcalloc(n, sizeof(**out));
	*nout = n;
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = xstrdup(items[i].text);
		if (allowed && !S_contains(allowed, nallowed, items[i].text))
			S_hint_closest(REPORT(r, DIAG_CONFIG_INVALID, &items[i],
					      "'%s' is not allowed in '%s'", items[i].text, what),
				       items[i].text, allowed, nallowed, NULL);
	}
}

/* An id is referred to as `@id`, `#id` or a YAML value: no spaces. */
static int S_check_id(struct S_reader *r, const struct fm_node *key, const char *what)
{
	if (!*key->text) {
		REPORT(r, DIAG_CONFIG_INVALID, key, "%s id cannot be empty", what);
		return 0;
	}
	if (key->text[strcspn(key->text, " \t\r\n")]) {
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, key, "%s id cannot contain spaces: '%s'",
				 what, key->text),
			  "join the words with '-', for example 'lisa-t'");
		return 0;
	}
	return 1;
}

/*
 * `path` without empty or `.` parts, or NULL if it is empty, absolute, or
 * climbs with `..`: reports must never be written outside the repository.
 */
static char *S_clean_folder(const char *path)
{
	struct strbuf out = STRBUF_INIT;

	if (!*path || *path == '/')
		return NULL;
	while (*path) {
		size_t len = strcspn(path, "/");
		if (len == 2 && path[0] == '.' && path[1] == '.') {
			strbuf_release(&out);
			return NULL;
		}
		if (len && !(len == 1 && path[0] == '.')) {
			if (out.len)
				strbuf_addch(&out, '/');
			strbuf_add(&out, path, len);
		}
		path += len + (path[len] == '/');
	}
	if (!out.len)
		strbuf_addch(&out, '.');
	return strbuf_detach(&out);
}

static void S_read_folder(struct S_reader *r, const struct fm_node *node, const char *key,
			  char **dir)
{
	const char *path = S_text(r, node, key);
	char *clean;

	if (!path)
		return;
	clean = S_clean_folder(path);
	if (!clean) {
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, node,
				 "'%s' must be a folder inside the notes root, not '%s'", key, path),
			  "write a relative path without '..', for example '%s'", key);
		return;
	}
	free(*dir);
	*dir = clean;
}

/* A roster: `organizers:` or `people:`, id -> { name: ... } or id -> name. */
static void S_read_roster(struct S_reader *r, const struct fm_node *map, const char *key,
			  const char *noun, const char *one, struct person **out, size_t *nout,
			  struct strmap *ids)
{
	char expected[96];
	snprintf(expected, sizeof(expected), "'%s' must be a mapping of id to { name: ... }", key);
	if (!S_expect_map(r, map, expected))
		return;
	*out = xcalloc(map->count, sizeof(**out));
	for (size_t i = 0; i < map->count; i++) {
		const struct fm_node *key_node = &map->keys[i], *value = &map->items[i], *name_node;
		const char *name = key_node->text;

		if (!S_check_id(r, key_node, one))
			continue;
		if (value->kind == FM_MAP) {
			S_check_keys(r, value, one, S_person_keys, ARRAY_SIZE(S_person_keys));
			if ((name_node = S_get(value, "name")))
				name = S_text(r, name_node, "name");
		} else if (value->kind == FM_LIST) {
			REPORT(r, DIAG_CONFIG_INVALID, value, "%s '%s' must be { name: ... } or a name, "
			       "not a list", noun, key_node->text);
			continue;
		} else if (fm_text(value)) {
			name = value->text;
		}
		int added = 0;
		if (!name || (strmap_add(ids, key_node->text, &added), !added))
			continue;     /* a key twice is a duplicate-key error already */
		(*out)[*nout].id = xstrdup(key_node->text);
		(*out)[*nout].name = xstrdup(name);
		(*nout)++;
	}
}

static void S_read_type(struct S_reader *r, struct field_def *field, const struct fm_node *node)
{
	const char *name = S_text(r, node, "type");
	const char *names[ARRAY_SIZE(S_types)];

	if (!name)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(S_types); i++) {
		if (strcmp(name, S_types[i].name) == 0) {
			field->type = S_types[i].type;
			field->list |= S_types[i].list;
			return;
		}
		names[i] = S_types[i].name;
	}
	S_hint_closest(REPORT(r, DIAG_CONFIG_INVALID, node, "unknown field type '%s'", name),
		       name, names, ARRAY_SIZE(S_types), NULL);
}

/* Applies the keys `map` gives to field, which may be a built-in one. */
static void S_read_field(struct S_reader *r, struct field_def *field,
			 const struct fm_node *key, const struct fm_node *map)
{
	const struct fm_node *v, *values, *def;
	const char *text;

	S_check_keys(r, map, "a field", S_field_keys, ARRAY_SIZE(S_field_keys));
	if ((v = S_get(map, "type")))
		S_read_type(r, field, v);
	if ((v = S_get(map, "list")))
		S_read_bool(r, v, "list", &field->list);
	if ((v = S_get(map, "required")))
		S_read_bool(r, v, "required", &field->required);
	if ((values = S_get(map, "values")))
		S_read_strings(r, values, "values", NULL, 0, &field->values, &field->nvalues);
	if ((def = S_get(map, "default")) && (text = S_text(r, def, "default"))) {
		free(field->default_value);
		field->default_value = xstrdup(text);
	}
	if (field->type != FIELD_ENUM)
		return;
	const char *const *allowed = (const char *const *)field->values;
	if (!field->nvalues)
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, values ? values : key,
				 "enum field '%s' needs a list of 'values'", field->name),
			  "list the words it allows, for example values: [low, medium, high]");
	else if (field->default_value &&
		 !S_contains(allowed, field->nvalues, field->default_value))
		S_hint_closest(REPORT(r, DIAG_CONFIG_INVALID, def ? def : key,
				      "default '%s' of field '%s' is not one of its values",
				      field->default_value, field->name),
			       field->default_value, allowed, field->nvalues, NULL);
}

static void S_read_fields(struct S_reader *r, const struct fm_node *map)
{
	struct config *c = r->config;

	if (!S_expect_map(r, map, "'fields' must be a mapping of field name to { type: ... }"))
		return;
	c->fields = xrealloc(c->fields, (c->nfields + map->count) * sizeof(*c->fields));
	for (size_t i = 0; i < map->count; i++) {
		const struct fm_node *key = &map->keys[i], *value = &map->items[i];
		struct field_def *field;

		if (!S_check_id(r, key, "a field"))
			continue;
		field = (struct field_def *)config_field(c, key->text);
		if (!field) {
			strmap_add(&c->field_names, key->text, NULL);
			field = &c->fields[c->nfields++];
			memset(field, 0, sizeof(*field));
			field->name = xstrdup(key->text);
			field->type = FIELD_TEXT;
		}
		if (fm_is_null(value))
			continue;
		if (S_expect_map(r, value, "a field must be a mapping such as { type: text }"))
			S_read_field(r, field, key, value);
	}
}

static void S_read_sections(struct S_reader *r, const struct fm_node *map)
{
	struct config *c = r->config;
	const struct fm_node *v;

	if (!S_expect_map(r, map, "'sections' must be a mapping such as { required: [Next steps] }"))
		return;
	S_check_keys(r, map, "'sections'", S_section_keys, ARRAY_SIZE(S_section_keys));
	if ((v = S_get(map, "required")))
		S_read_strings(r, v, "sections.required", NULL, 0,
			       &c->required_sections, &c->nrequired_sections);
}

/* Compiles a pattern of perennial.yml; NULL after a diagnostic at it. */
static struct pattern *S_compile(struct S_reader *r, const struct fm_node *item)
{
	struct pattern *pattern;
	char *error;
	size_t at;

	if (pattern_compile(&pattern, item->text, &error, &at) == 0)
		return pattern;
	diag_hint(REPORT(r, DIAG_PATTERN_INVALID, item,
			 "invalid pattern: %s at character %zu of the pattern",
			 error, utf8_count(item->text, at) + 1),
		  "patterns are PCRE2 regular expressions: put '\\' before "
		  "( ) [ ] { } . * + ? | to match it as it is");
	free(error);
	return NULL;
}

static void S_read_patterns(struct S_reader *r, struct theme *theme, const struct fm_node *node)
{
	const struct fm_node *items;
	size_t n;

	if (S_text_items(r, node, "patterns", &items, &n) < 0)
		return;
	theme->patterns = xcalloc(n, sizeof(*theme->patterns));
	for (size_t i = 0; i < n; i++)
		if ((theme->patterns[theme->npatterns] = S_compile(r, &items[i])))
			theme->npatterns++;
}

/* Fills theme from its entry; returns the `parent` value, checked later. */
static const struct fm_node *S_read_theme(struct S_reader *r, struct theme *theme,
					  const struct fm_node *map)
{
	const struct fm_node *v, *parent = NULL;
	const char *text;

	if (fm_is_null(map) ||
	    !S_expect_map(r, map, "a theme must be a mapping such as { label: ..., patterns: [...] }"))
		return NULL;
	S_check_keys(r, map, "a theme", S_theme_keys, ARRAY_SIZE(S_theme_keys));
	if ((v = S_get(map, "label")) && (text = S_text(r, v, "label")))
		theme->label = xstrdup(text);
	if ((v = S_get(map, "description")) && (text = S_text(r, v, "description")))
		theme->description = xstrdup(text);
	if ((v = S_get(map, "parent")) && (text = S_text(r, v, "parent"))) {
		theme->parent = xstrdup(text);
		parent = v;
	}
	if ((v = S_get(map, "patterns")))
		S_read_patterns(r, theme, v);
	return parent;
}

/* Themes nest one level: a parent is another theme, and a top-level one. */
static void S_check_parents(struct S_reader *r, const struct fm_node *const *parents)
{
	const struct config *c = r->config;
	const char **ids = xcalloc(c->nthemes, sizeof(*ids));

	for (size_t i = 0; i < c->nthemes; i++)
		ids[i] = c->themes[i].id;
	for (size_t i = 0; i < c->nthemes; i++) {
		const struct theme *theme = &c->themes[i];
		const struct theme *parent = theme->parent ? config_theme(c, theme->parent) : NULL;

		if (!theme->parent)
			continue;
		if (!parent)
			S_hint_closest(REPORT(r, DIAG_CONFIG_INVALID, parents[i],
					      "unknown parent theme '%s'", theme->parent),
				       theme->parent, ids, c->nthemes,
				       "a parent must be one of the themes in this file");
		else if (parent == theme)
			REPORT(r, DIAG_CONFIG_INVALID, parents[i],
			       "theme '%s' cannot be its own parent", theme->id);
		else if (parent->parent)
			diag_hint(REPORT(r, DIAG_CONFIG_INVALID, parents[i],
					 "theme '%s' is itself under '%s': themes nest one level only",
					 parent->id, parent->parent),
				  "use '%s' as the parent, or make '%s' a top-level theme",
				  parent->parent, parent->id);
	}
	free(ids);
}

static void S_read_themes(struct S_reader *r, const struct fm_node *map)
{
	struct config *c = r->config;

	if (!S_expect_map(r, map,
			  "'themes' must be a mapping of id to { label: ..., patterns: [...] }"))
		return;
	c->themes = xcalloc(map->count, sizeof(*c->themes));
	const struct fm_node **parents = xcalloc(map->count, sizeof(*parents));
	for (size_t i = 0; i < map->count; i++) {
		struct theme *theme = &c->themes[c->nthemes];

		int added = 0;
		if (!S_check_id(r, &map->keys[i], "a theme") ||
		    (strmap_add(&c->theme_ids, map->keys[i].text, &added), !added))
			continue;
		theme->id = xstrdup(map->keys[i].text);
		parents[c->nthemes++] = S_read_theme(r, theme, &map->items[i]);
		if (!theme->label)
			theme->label = xstrdup(theme->id);
	}
	S_check_parents(r, parents);
	free(parents);
}

/*
 * Read after the fields: a consent to quote must be a value of the
 * `consent` field, and a name to redact a field, since a typo there would
 * silently print what was meant to stay hidden.
 */
/* privacy.pii_patterns: name -> a PCRE2 pattern, a detector of the repository's own. */
static void S_read_pii_patterns(struct S_reader *r, const struct fm_node *map)
{
	struct privacy *privacy = &r->config->privacy;

	if (!S_expect_map(r, map, "'pii_patterns' must be a mapping of name to pattern, "
			  "such as { member-number: '\\bM-\\d{6}\\b' }"))
		return;
	privacy->detectors = xcalloc(map->count, sizeof(*privacy->detectors));
	for (size_t i = 0; i < map->count; i++) {
		const struct fm_node *key = &map->keys[i], *value = &map->items[i];
		struct pattern *pattern;
		if (!S_check_id(r, key, "a detector") || !S_text(r, value, "a pattern") ||
		    !(pattern = S_compile(r, value)))
			continue;
		privacy->detectors[privacy->ndetectors].name = xstrdup(key->text);
		privacy->detectors[privacy->ndetectors++].pattern = pattern;
	}
}

static void S_read_privacy(struct S_reader *r, const struct fm_node *map)
{
	struct config *c = r->config;
	struct privacy *privacy = &c->privacy;
	const struct field_def *consent = config_field(c, "consent");
	const struct fm_node *v;

	if (!S_expect_map(r, map, "'privacy' must be a mapping such as { quote: [public] }"))
		return;
	const char **fields = xcalloc(c->nfields, sizeof(*fields));
	for (size_t i = 0; i < c->nfields; i++)
		fields[i] = c->fields[i].name;
	S_check_keys(r, map, "'privacy'", S_privacy_keys, ARRAY_SIZE(S_privacy_keys));
	if ((v = S_get(map, "quote")))
		S_read_strings(r, v, "privacy.quote",
			       consent && consent->type == FIELD_ENUM
				       ? (const char *const *)consent->values : NULL,
			       consent ? consent->nvalues : 0, &privacy->quote, &privacy->nquote);
	if ((v = S_get(map, "network")))
		S_read_strings(r, v, "privacy.network",
			       consent && consent->type == FIELD_ENUM
				       ? (const char *const *)consent->values : NULL,
			       consent ? consent->nvalues : 0, &privacy->network, &privacy->nnetwork);
	if ((v = S_get(map, "redact")))
		S_read_strings(r, v, "privacy.redact", fields, c->nfields,
			       &privacy->redact, &privacy->nredact);
	if ((v = S_get(map, "pii")))
		S_read_strings(r, v, "privacy.pii", S_pii_detectors, ARRAY_SIZE(S_pii_detectors),
			       &privacy->pii, &privacy->npii);
	if ((v = S_get(map, "pii_patterns")))
		S_read_pii_patterns(r, v);
	free(fields);
}

/* The built-in detectors privacy.pii names, before the repository's own. */
static void S_add_builtin_detectors(struct privacy *privacy)
{
	struct pii_detector *all = xcalloc(privacy->npii + privacy->ndetectors + 1, sizeof(*all));
	size_t n = 0;

	/* An unknown name has its diagnostic already (S_read_privacy). */
	for (size_t i = 0; i < privacy->npii; i++)
		if (pii_builtin(&all[n], privacy->pii[i]) == 0)
			n++;
	for (size_t i = 0; i < privacy->ndetectors; i++)
		all[n + i] = privacy->detectors[i];
	free(privacy->detectors);
	privacy->detectors = all;
	privacy->ndetectors += n;
}

/* `ignore:` is a list of patterns, never one: `ignore: notes` is more likely a slip. */
static void S_read_ignore(struct S_reader *r, const struct fm_node *node)
{
	if (node->kind != FM_LIST) {
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, node,
				 "'ignore' must be a list of file patterns, not %s", S_kind_name(node)),
			  "write it in brackets, for example ignore: [README.md, drafts/]");
		return;
	}
	for (size_t i = 0; i < node->count; i++)
		if (fm_text(&node->items[i]) && !*node->items[i].text)
			REPORT(r, DIAG_CONFIG_INVALID, &node->items[i], "an 'ignore' pattern cannot be empty");
	S_read_strings(r, node, "ignore", NULL, 0, &r->config->ignore, &r->config->nignore);
}

/*
 * A chapter's name names the ref its commits are fetched into and its
 * cache's file: letters, digits, '-', '_' and '.', not first, and no "..".
 */
static int S_check_chapter_name(struct S_reader *r, const struct fm_node *key)
{
	const char *name = key->text;
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
	if (*name && !name[n] && *name != '.' && *name != '-' && !strstr(name, "..") &&
	    strlen(name) <= 64)
		return 1;
	diag_hint(REPORT(r, DIAG_CONFIG_INVALID, key, "'%s' cannot name a chapter", name),
		  "a chapter's name is one word of up to 64 letters, digits, '-', '_' and '.',"
		  " for example 'eastside'");
	return 0;
}

/* A chapter's `themes:`, its theme ids onto the ids of this file's `themes:`. */
static void S_read_theme_map(struct S_reader *r, const struct fm_node *map, struct chapter *ch)
{
	if (!S_expect_map(r, map, "a chapter's 'themes' must map its theme ids onto this "
			  "codebook's, such as { vivienda: housing }"))
		return;
	ch->themes = xcalloc(map->count, sizeof(*ch->themes));
	for (size_t i = 0; i < map->count; i++) {
		const char *to = S_text(r, &map->items[i], "a theme");
		if (!S_check_id(r, &map->keys[i], "a theme") || !to)
			continue;
		if (!config_theme(r->config, to)) {
			struct diag *d = REPORT(r, DIAG_CONFIG_INVALID, &map->items[i],
						"'%s' is not a theme of this codebook", to);
			struct suggestion s;
			config_suggest(&s, r->config, CONFIG_THEMES, to);
			diag_hint_closest(d, s.best, "add it under 'themes:', or leave the chapter's "
					  "theme unmapped: it is then kept under the chapter's name");
			continue;
		}
		ch->themes[ch->nthemes].from = xstrdup(map->keys[i].text);
		ch->themes[ch->nthemes++].to = xstrdup(to);
	}
}

static void S_read_chapter(struct S_reader *r, const struct fm_node *key,
			   const struct fm_node *map, struct chapter *ch)
{
	const struct fm_node *v;
	const char *text;

	ch->name = xstrdup(key->text);
	ch->branch = xstrdup("main");
	ch->root = xstrdup("");
	if (!S_expect_map(r, map, "a chapter must be a mapping such as "
			  "{ url: ../eastside, branch: main }"))
		return;
	S_check_keys(r, map, "a chapter", S_chapter_keys, ARRAY_SIZE(S_chapter_keys));
	if (!(v = S_get(map, "url")) || !(text = S_text(r, v, "url")) || !*text) {
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, v ? v : key,
				 "chapter '%s' needs the 'url' of its repository", ch->name),
			  "a path (relative to this folder), file://, ssh or https, for example"
			  " { url: ../%s, branch: main }", ch->name);
	} else {
		ch->url = xstrdup(text);
	}
	if ((v = S_get(map, "branch")) && (text = S_text(r, v, "branch"))) {
		if (!*text || *text == '-' || text[strcspn(text, " \t\r\n~^:?*[\\")] ||
		    strstr(text, ".."))
			REPORT(r, DIAG_CONFIG_INVALID, v, "'%s' cannot name a branch", text);
		free(ch->branch);
		ch->branch = xstrdup(text);
	}
	if ((v = S_get(map, "root")) && (text = S_text(r, v, "root"))) {
		char *root = S_clean_folder(text);
		if (!root)
			diag_hint(REPORT(r, DIAG_CONFIG_INVALID, v, "'root' must be a folder inside "
					 "the chapter's repository, not '%s'", text),
				  "write a relative path without '..', for example 'notes'");
		if (root && strcmp(root, ".") != 0) {
			free(ch->root);
			ch->root = root;
		} else {
			free(root);
		}
	}
	if ((v = S_get(map, "themes")))
		S_read_theme_map(r, v, ch);
}

/* `network:`, read after `themes:`: a chapter's themes map onto them. */
static void S_read_network(struct S_reader *r, const struct fm_node *map)
{
	struct config *c = r->config;
	const struct fm_node *chapters;

	c->network = 1;
	if (!S_expect_map(r, map, "'network' must be a mapping such as "
			  "{ chapters: { eastside: { url: ../eastside } } }"))
		return;
	S_check_keys(r, map, "'network'", S_network_keys, ARRAY_SIZE(S_network_keys));
	if (!(chapters = S_get(map, "chapters")) || chapters->kind != FM_MAP || !chapters->count) {
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, chapters ? chapters : map,
				 "'network' needs 'chapters': a mapping of each chapter's name to "
				 "its repository"),
			  "for example chapters: { eastside: { url: ../eastside, branch: main } }");
		return;
	}
	c->chapters = xcalloc(chapters->count, sizeof(*c->chapters));
	for (size_t i = 0; i < chapters->count; i++) {
		const struct fm_node *key = &chapters->keys[i];
		if (!S_check_chapter_name(r, key))
			continue;
		S_read_chapter(r, key, &chapters->items[i], &c->chapters[c->nchapters++]);
	}
}

static void S_read_root(struct S_reader *r, const struct fm_node *root)
{
	struct config *c = r->config;
	const struct fm_node *v;

	if (root->kind != FM_MAP) {
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, root,
				 "perennial.yml must be a mapping of settings, not %s",
				 S_kind_name(root)),
			  "write one 'key: value' per line, for example 'notes: notes'");
		return;
	}
	S_check_keys(r, root, "perennial.yml", S_top_keys, ARRAY_SIZE(S_top_keys));
	if ((v = S_get(root, "notes")))
		S_read_folder(r, v, "notes", &c->notes_dir);
	const struct fm_node *notes = S_get(root, "notes"), *reports = S_get(root, "reports");
	if (reports)
		S_read_folder(r, reports, "reports", &c->reports_dir);
	/* Pages among the notes would be checked as notes; pages at the root are everywhere. */
	if ((notes || reports) &&
	    (strcmp(c->reports_dir, ".") == 0 || strcmp(c->notes_dir, ".") == 0 ||
	     path_is_under(c->reports_dir, c->notes_dir) || path_is_under(c->notes_dir, c->reports_dir)))
		diag_hint(REPORT(r, DIAG_CONFIG_INVALID, reports ? reports : notes,
				 "the notes ('%s') and the reports ('%s') need folders of their own",
				 c->notes_dir, c->reports_dir),
			  "the usual ones are 'notes' and 'reports'");
	if ((v = S_get(root, "organizers")))
		S_read_roster(r, v, "organizers", "organizer", "an organizer", &c->organizers,
			      &c->norganizers, &c->organizer_ids);
	if ((v = S_get(root, "people"))) {
		S_read_roster(r, v, "people", "person", "a person", &c->people, &c->npeople,
			      &c->person_ids);
		c->has_people = 1;
	}
	if ((v = S_get(root, "fields")))
		S_read_fields(r, v);
	if ((v = S_get(root, "sections")))
		S_read_sections(r, v);
	if ((v = S_get(root, "themes")))
		S_read_themes(r, v);
	if ((v = S_get(root, "privacy")))
		S_read_privacy(r, v);
	if ((v = S_get(root, "ignore")))
		S_read_ignore(r, v);
	if ((v = S_get(root, "network")))
		S_read_network(r, v);
}

int config_parse(struct config **out, const struct source *src,
		 struct diag_list *diags)
{
	size_t errors = diag_list_count(diags, DIAG_ERROR);
	struct S_reader r = { src, diags, S_defaults() };
	struct fm_node *root = NULL;

	*out = NULL;
	/* Enough to tell one perennial.yml from another. */
	snprintf(r.config->digest, sizeof(r.config->digest), "%016" PRIx64,
		 fnv1a(FNV1A_INIT, src->bytes, src->len));
	if (!notefile_refuse_encoding(diags, src) &&
	    fm_parse(&root, src, 0, src->len, diags) == 0 && root && !fm_is_null(root))
		S_read_root(&r, root);
	fm_node_free(root);
	S_add_builtin_detectors(&r.config->privacy);
	if (diag_list_count(diags, DIAG_ERROR) > errors) {
		config_free(r.config);
		return -1;
	}
	*out = r.config;
	return 0;
}

static void S_free_roster(struct person *roster, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(roster[i].id);
		free(roster[i].name);
	}
	free(roster);
}

void config_free(struct config *config)
{
	if (!config)
		return;
	free(config->notes_dir);
	free(config->reports_dir);
	S_free_roster(config->organizers, config->norganizers);
	S_free_roster(config->people, config->npeople);
	for (size_t i = 0; i < config->nfields; i++) {
		free(config->fields[i].name);
		S_free_strings(config->fields[i].values, config->fields[i].nvalues);
		free(config->fields[i].default_value);
	}
	free(config->fields);
	S_free_strings(config->required_sections, config->nrequired_sections);
	for (size_t i = 0; i < config->nthemes; i++) {
		struct theme *theme = &config->themes[i];
		free(theme->id);
		free(theme->label);
		free(theme->description);
		free(theme->parent);
		for (size_t p = 0; p < theme->npatterns; p++)
			pattern_free(theme->patterns[p]);
		free(theme->patterns);
	}
	free(config->themes);
	S_free_strings(config->privacy.quote, config->privacy.nquote);
	S_free_strings(config->privacy.redact, config->privacy.nredact);
	S_free_strings(config->privacy.pii, config->privacy.npii);
	for (size_t i = 0; i < config->privacy.ndetectors; i++)
		pii_detector_release(&config->privacy.detectors[i]);
	free(config->privacy.detectors);
	S_free_strings(config->ignore, config->nignore);
	S_free_strings(config->privacy.network, config->privacy.nnetwork);
	for (size_t i = 0; i < config->nchapters; i++) {
		struct chapter *ch = &config->chapters[i];
		free(ch->name);
		free(ch->url);
		free(ch->branch);
		free(ch->root);
		for (size_t t = 0; t < ch->nthemes; t++) {
			free(ch->themes[t].from);
			free(ch->themes[t].to);
		}
		free(ch->themes);
	}
	free(config->chapters);
	strmap_release(&config->organizer_ids);
	strmap_release(&config->person_ids);
	strmap_release(&config->theme_ids);
	strmap_release(&config->field_names);
	free(config);
}

struct notefile_scope config_scope(const struct config *config)
{
	return (struct notefile_scope){ config->notes_dir, config->ignore, config->nignore };
}

const struct field_def *config_field(const struct config *config, const char *name)
{
	size_t i = strmap_find(&config->field_names, name);
	return i == STRMAP_NONE ? NULL : &config->fields[i];
}

const struct person *config_organizer(const struct config *config, const char *id)
{
	size_t i = strmap_find(&config->organizer_ids, id);
	return i == STRMAP_NONE ? NULL : &config->organizers[i];
}

const struct person *config_person(const struct config *config, const char *id)
{
	size_t i = strmap_find(&config->person_ids, id);
	return i == STRMAP_NONE ? NULL : &config->people[i];
}

void config_suggest(struct suggestion *s, const struct config *config, unsigned names,
		    const char *word)
{
	suggest_init(s, word);
	for (size_t i = 0; (names & CONFIG_ORGANIZERS) && i < config->norganizers; i++)
		suggest_consider(s, config->organizers[i].id);
	for (size_t i = 0; (names & CONFIG_PEOPLE) && i < config->npeople; i++)
		suggest_consider(s, config->people[i].id);
	for (size_t i = 0; (names & CONFIG_THEMES) && i < config->nthemes; i++)
		suggest_consider(s, config->themes[i].id);
}

const struct theme *config_theme(const struct config *config, const char *id)
{
	size_t i = strmap_find(&config->theme_ids, id);
	return i == STRMAP_NONE ? NULL : &config->themes[i];
}

int config_consent_private(const struct config *config, const char *consent)
{
	const struct field_def *field = config_field(config, "consent");
	if (!consent || strcmp(consent, "private") == 0)
		return 1;
	if (!field || field->type != FIELD_ENUM)
		return 0;
	for (size_t i = 0; i < field->nvalues; i++)
		if (strcmp(field->values[i], consent) == 0)
			return 0;
	return 1;
}

int config_may_quote(const struct config *config, const char *consent)
{
	if (config_consent_private(config, consent))
		return 0;
	for (size_t i = 0; i < config->privacy.nquote; i++)
		if (strcmp(config->privacy.quote[i], consent) == 0)
			return 1;
	return 0;
}

int config_may_share(const struct config *config, const char *consent)
{
	if (config_consent_private(config, consent))
		return 0;
	for (size_t i = 0; i < config->privacy.nnetwork; i++)
		if (strcmp(config->privacy.network[i], consent) == 0)
			return 1;
	return 0;
}

const struct theme *config_chapter_theme(const struct config *network,
					 const struct chapter *chapter, const char *id)
{
	for (size_t i = 0; i < chapter->nthemes; i++)
		if (strcmp(chapter->themes[i].from, id) == 0)
			return config_theme(network, chapter->themes[i].to);
	return config_theme(network, id);
}
