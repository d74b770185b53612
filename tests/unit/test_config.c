#include "unit.h"

#include <stdlib.h>

#include "config.h"
#include "diag.h"
#include "pattern.h"
#include "pii.h"
#include "source.h"

struct parsed {
	struct source *src;
	struct diag_list diags;
	struct config *config;
	int rc;
};

static void S_parse(struct parsed *p, const char *yml)
{
	p->src = source_new(CONFIG_FILE, yml, strlen(yml));
	p->diags = (struct diag_list)DIAG_LIST_INIT;
	p->rc = config_parse(&p->config, p->src, &p->diags);
	assert_int_equal(p->rc == 0, p->config != NULL);
}

static void S_release(struct parsed *p)
{
	config_free(p->config);
	diag_list_release(&p->diags);
	source_free(p->src);
}

static void S_parse_ok(struct parsed *p, const char *yml)
{
	S_parse(p, yml);
	assert_int_equal(p->diags.len, 0);
	assert_int_equal(p->rc, 0);
}

/* The file has exactly one problem, an error, so there is no config. Hint NULL: any hint. */
static void S_assert_error(const char *yml, enum diag_rule rule, unsigned line,
			   unsigned column, const char *message, const char *hint)
{
	struct parsed p;

	S_parse(&p, yml);
	assert_int_equal(p.rc, -1);
	assert_null(p.config);
	assert_int_equal(p.diags.len, 1);
	assert_diag(&p.diags, 0, rule, line, column, 0, message, hint ? hint : UNIT_ANY);
	S_release(&p);
}

static void S_assert_field(const struct config *c, const char *name, enum field_type type,
			   int list, int required, const char *default_value)
{
	const struct field_def *f = config_field(c, name);
	assert_non_null(f);
	assert_string_equal(f->name, name);
	assert_int_equal(f->type, type);
	assert_int_equal(f->list, list);
	assert_int_equal(f->required, required);
	if (default_value)
		assert_string_equal(f->default_value, default_value);
	else
		assert_null(f->default_value);
}

static void S_assert_defaults(const struct config *c)
{
	static const char *const order[] = {
		"title", "date", "organizer", "participants", "kind", "themes", "consent", "id", "tags",
	};

	assert_string_equal(c->notes_dir, "notes");
	assert_string_equal(c->reports_dir, "reports");
	assert_int_equal(c->nfields, 9);
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(c->fields[i].name, order[i]);
	S_assert_field(c, "title", FIELD_TEXT, 0, 1, NULL);
	S_assert_field(c, "date", FIELD_DATE, 0, 1, NULL);
	S_assert_field(c, "organizer", FIELD_ORGANIZER, 0, 1, NULL);
	S_assert_field(c, "participants", FIELD_TEXT, 1, 0, NULL);
	S_assert_field(c, "kind", FIELD_ENUM, 0, 1, NULL);
	S_assert_field(c, "themes", FIELD_THEME, 1, 0, NULL);
	S_assert_field(c, "consent", FIELD_ENUM, 0, 0, "internal");
	S_assert_field(c, "id", FIELD_TEXT, 0, 0, NULL);
	S_assert_field(c, "tags", FIELD_TEXT, 1, 0, NULL);
	assert_strings(config_field(c, "kind")->values, config_field(c, "kind")->nvalues,
		       (const char *const[]){ "one-on-one", "house-meeting", "group", "training", NULL });
	assert_strings(config_field(c, "consent")->values, config_field(c, "consent")->nvalues,
		       (const char *const[]){ "public", "internal", "private", NULL });
	assert_int_equal(config_field(c, "title")->nvalues, 0);
	assert_strings(c->privacy.quote, c->privacy.nquote,
		       (const char *const[]){ "public", "internal", NULL });
	assert_strings(c->privacy.redact, c->privacy.nredact,
		       (const char *const[]){ "participants", NULL });
	assert_strings(c->privacy.pii, c->privacy.npii,
		       (const char *const[]){ "phone", "email", NULL });
	assert_null(config_field(c, "mood"));
}

static void test_defaults(void **state)
{
	static const char *const empties[] = { "", "# nothing yet\n", "---\n", "~\n", "\xEF\xBB\xBF" };
	(void)state;

	for (size_t i = 0; i < sizeof(empties) / sizeof(*empties); i++) {
		struct parsed p;
		S_parse_ok(&p, empties[i]);
		S_assert_defaults(p.config);
		assert_int_equal(p.config->norganizers, 0);
		assert_int_equal(p.config->nthemes, 0);
		assert_int_equal(p.config->nrequired_sections, 0);
		S_release(&p);
	}
}

static void test_design_example(void **state)
{
	struct parsed p;
	size_t s, e;
	(void)state;

	S_parse_ok(&p,
		   "notes: notes\n"
		   "reports: reports\n"
		   "organizers:\n"
		   "  lisa-t: { name: Lisa Thornton }\n"
		   "fields:\n"
		   "  kind: { type: enum, values: [one-on-one, house-meeting, group, training], required: true }\n"
		   "sections:\n"
		   "  required: [Next steps]\n"
		   "themes:\n"
		   "  data-culture:\n"
		   "    label: Data culture\n"
		   "    patterns: ['\\bdata (entry|culture|practices?)\\b']\n"
		   "privacy:\n"
		   "  quote: [public, internal]     # consents whose quotes may appear in reports\n"
		   "  redact: [participants]        # names never printed in reports\n"
		   "  pii: [phone, email]           # detectors that warn in notes marked public\n");
	S_assert_defaults(p.config);
	const struct config *c = p.config;
	assert_int_equal(c->norganizers, 1);
	assert_string_equal(config_organizer(c, "lisa-t")->name, "Lisa Thornton");
	assert_null(config_organizer(c, "lisa"));
	assert_strings(c->required_sections, c->nrequired_sections,
		       (const char *const[]){ "Next steps", NULL });
	const struct theme *t = config_theme(c, "data-culture");
	assert_non_null(t);
	assert_string_equal(t->label, "Data culture");
	assert_null(t->description);
	assert_null(t->parent);
	assert_int_equal(t->npatterns, 1);
	const char *text = "We talked about Data Entry.";
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	assert_int_equal(pattern_match(t->patterns[0], &budget, text, strlen(text), 0, &s, &e), 1);
	pattern_budget_release(&budget);
	assert_int_equal(s, 16);
	assert_int_equal(e, 26);
	assert_null(config_theme(c, "data"));
	S_release(&p);
}

static void test_organizers(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p, "organizers:\n  ana-r: Ana Ruiz\n  bo:\n  cy: { name: 'Cy Ng' }\n");
	assert_int_equal(p.config->norganizers, 3);
	assert_string_equal(p.config->organizers[0].id, "ana-r");
	assert_string_equal(p.config->organizers[0].name, "Ana Ruiz");
	assert_string_equal(config_organizer(p.config, "bo")->name, "bo");
	assert_string_equal(config_organizer(p.config, "cy")->name, "Cy Ng");
	S_release(&p);

	S_assert_error("organizers: [lisa-t]\n", DIAG_CONFIG_INVALID, 1, 13,
		       "'organizers' must be a mapping of id to { name: ... }, not a list", NULL);
	S_assert_error("organizers:\n  lisa-t: [Lisa]\n", DIAG_CONFIG_INVALID, 2, 11,
		       "organizer 'lisa-t' must be { name: ... } or a name, not a list", NULL);
	S_assert_error("organizers:\n  lisa-t: { name: { first: Lisa } }\n", DIAG_CONFIG_INVALID,
		       2, 19, "'name' must be text, not a mapping", NULL);
	S_assert_error("organizers:\n  '': Nobody\n", DIAG_CONFIG_INVALID, 2, 3,
		       "an organizer id cannot be empty", NULL);
	S_assert_error("organizers:\n  lisa t: Lisa\n", DIAG_CONFIG_INVALID, 2, 3,
		       "an organizer id cannot contain spaces: 'lisa t'",
		       "join the words with '-', for example 'lisa-t'");
	S_assert_error("organizers:\n  lisa-t: Lisa\n  lisa-t: Lisa T\n", DIAG_DUPLICATE_KEY, 3, 3,
		       "key 'lisa-t' is already set on line 2", NULL);
}

static void test_people(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p, "organizers:\n  ana-r: Ana\n");
	assert_false(p.config->has_people);
	assert_null(config_person(p.config, "ana-r"));
	S_release(&p);
	S_parse_ok(&p, "people:\n  maria-g: { name: Maria G. }\n  joe-b: Joe\n");
	assert_true(p.config->has_people);
	assert_int_equal(p.config->npeople, 2);
	assert_string_equal(config_person(p.config, "maria-g")->name, "Maria G.");
	assert_string_equal(config_person(p.config, "joe-b")->name, "Joe");
	assert_null(config_organizer(p.config, "joe-b"));
	S_release(&p);
	/* An empty roster is a roster: nobody may be a participant yet. */
	S_parse_ok(&p, "people: {}\n");
	assert_true(p.config->has_people);
	S_release(&p);

	S_assert_error("people:\n  maria-g: [M]\n", DIAG_CONFIG_INVALID, 2, 12,
		       "person 'maria-g' must be { name: ... } or a name, not a list", NULL);
	S_assert_error("people:\n  maria g: M\n", DIAG_CONFIG_INVALID, 2, 3,
		       "a person id cannot contain spaces: 'maria g'", NULL);
}

static void test_pii_detectors(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p, "privacy:\n  pii: [email]\n  pii_patterns:\n    member: '\\bM-\\d+'\n");
	assert_int_equal(p.config->privacy.ndetectors, 2);
	assert_string_equal(p.config->privacy.detectors[0].name, "email");
	assert_string_equal(p.config->privacy.detectors[1].name, "member");
	S_release(&p);
	S_parse_ok(&p, "privacy:\n  pii: []\n");
	assert_int_equal(p.config->privacy.ndetectors, 0);
	S_release(&p);
	S_parse_ok(&p, "notes: notes\n");
	assert_int_equal(p.config->privacy.ndetectors, 2);   /* phone and email by default */
	S_release(&p);

	S_assert_error("privacy:\n  pii_patterns: ['\\d+']\n", DIAG_CONFIG_INVALID, 2, 17,
		       "'pii_patterns' must be a mapping of name to pattern, such as "
		       "{ member-number: '\\bM-\\d{6}\\b' }, not a list", NULL);
	S_assert_error("privacy:\n  pii_patterns:\n    x: '(a'\n", DIAG_PATTERN_INVALID, 3, 8,
		       UNIT_ANY, NULL);
	S_assert_error("privacy:\n  pii: [phone, ssn]\n", DIAG_CONFIG_INVALID, 2, 16,
		       "'ssn' is not allowed in 'privacy.pii'", NULL);
}

static void test_field_overrides(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p,
		   "fields:\n"
		   "  kind: { values: [visit, call] }\n"
		   "  title: { required: false }\n"
		   "  consent: { default: private }\n"
		   "  mood: { type: enum, values: [good, bad], default: good, required: yes }\n"
		   "  languages: { type: list }\n"
		   "  co-organizers: { type: organizer, list: true }\n"
		   "  notebook:\n"
		   "  participants: { list: false }\n");
	const struct config *c = p.config;
	assert_int_equal(c->nfields, 13);
	S_assert_field(c, "kind", FIELD_ENUM, 0, 1, NULL);
	assert_strings(config_field(c, "kind")->values, config_field(c, "kind")->nvalues,
		       (const char *const[]){ "visit", "call", NULL });
	S_assert_field(c, "title", FIELD_TEXT, 0, 0, NULL);
	S_assert_field(c, "consent", FIELD_ENUM, 0, 0, "private");
	S_assert_field(c, "participants", FIELD_TEXT, 0, 0, NULL);
	S_assert_field(c, "mood", FIELD_ENUM, 0, 1, "good");
	S_assert_field(c, "languages", FIELD_TEXT, 1, 0, NULL);
	S_assert_field(c, "co-organizers", FIELD_ORGANIZER, 1, 0, NULL);
	S_assert_field(c, "notebook", FIELD_TEXT, 0, 0, NULL);
	/* New fields come after the built-in ones, in the file's order. */
	assert_string_equal(c->fields[9].name, "mood");
	assert_string_equal(c->fields[12].name, "notebook");
	S_release(&p);
}

static void test_field_errors(void **state)
{
	(void)state;

	S_assert_error("fields:\n  due: { type: dat }\n", DIAG_CONFIG_INVALID, 2, 16,
		       "unknown field type 'dat'", "did you mean 'date'?");
	S_assert_error("fields:\n  due: { type: number }\n", DIAG_CONFIG_INVALID, 2, 16,
		       "unknown field type 'number'",
		       "expected one of: text, date, enum, list, organizer, theme");
	S_assert_error("fields:\n  mood: { type: enum }\n", DIAG_CONFIG_INVALID, 2, 3,
		       "enum field 'mood' needs a list of 'values'", NULL);
	S_assert_error("fields:\n  kind: { values: [] }\n", DIAG_CONFIG_INVALID, 2, 19,
		       "enum field 'kind' needs a list of 'values'", NULL);
	S_assert_error("fields:\n  consent:\n    values: [open, closed]\n", DIAG_CONFIG_INVALID, 2, 3,
		       "default 'internal' of field 'consent' is not one of its values", NULL);
	S_assert_error("fields:\n  consent: { default: publik }\n", DIAG_CONFIG_INVALID, 2, 23,
		       "default 'publik' of field 'consent' is not one of its values",
		       "did you mean 'public'?");
	S_assert_error("fields:\n  title: { required: maybe }\n", DIAG_CONFIG_INVALID, 2, 22,
		       "'required' must be true or false, not 'maybe'", NULL);
	S_assert_error("fields: [title]\n", DIAG_CONFIG_INVALID, 1, 9,
		       "'fields' must be a mapping of field name to { type: ... }, not a list", NULL);
	S_assert_error("fields:\n  mood: text\n", DIAG_CONFIG_INVALID, 2, 9,
		       "a field must be a mapping such as { type: text }, not text", NULL);
	S_assert_error("fields:\n  kind: { values: [a, [b]] }\n", DIAG_CONFIG_INVALID, 2, 23,
		       "each item of 'values' must be text, not a list", NULL);
}

static void test_themes(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p,
		   "themes:\n"
		   "  housing:\n"
		   "    description: Rent, repairs, evictions.\n"
		   "    patterns: '\\brent\\b'\n"
		   "  evictions: { parent: housing, patterns: [evict, 'notice to (quit|vacate)'] }\n"
		   "  jobs:\n");
	const struct config *c = p.config;
	assert_int_equal(c->nthemes, 3);
	const struct theme *housing = config_theme(c, "housing");
	assert_string_equal(housing->label, "housing");
	assert_string_equal(housing->description, "Rent, repairs, evictions.");
	assert_int_equal(housing->npatterns, 1);
	const struct theme *evictions = config_theme(c, "evictions");
	assert_string_equal(evictions->parent, "housing");
	assert_int_equal(evictions->npatterns, 2);
	assert_string_equal(config_theme(c, "jobs")->label, "jobs");
	assert_int_equal(config_theme(c, "jobs")->npatterns, 0);
	S_release(&p);
}

static void test_theme_parents(void **state)
{
	(void)state;

	S_assert_error("themes:\n  housing:\n  evictions: { parent: housng }\n",
		       DIAG_CONFIG_INVALID, 3, 24, "unknown parent theme 'housng'",
		       "did you mean 'housing'?");
	S_assert_error("themes:\n  housing:\n  evictions: { parent: jobs }\n",
		       DIAG_CONFIG_INVALID, 3, 24, "unknown parent theme 'jobs'",
		       "a parent must be one of the themes in this file");
	S_assert_error("themes:\n  housing: { parent: housing }\n", DIAG_CONFIG_INVALID, 2, 22,
		       "theme 'housing' cannot be its own parent", NULL);
	S_assert_error("themes:\n"
		       "  housing:\n"
		       "  evictions: { parent: housing }\n"
		       "  lockouts: { parent: evictions }\n",
		       DIAG_CONFIG_INVALID, 4, 23,
		       "theme 'evictions' is itself under 'housing': themes nest one level only",
		       "use 'housing' as the parent, or make 'evictions' a top-level theme");
	S_assert_error("themes:\n  housing: { parent: [a] }\n", DIAG_CONFIG_INVALID, 2, 22,
		       "'parent' must be text, not a list", NULL);
}

static void test_theme_shapes(void **state)
{
	(void)state;

	S_assert_error("themes: [housing]\n", DIAG_CONFIG_INVALID, 1, 9,
		       "'themes' must be a mapping of id to { label: ..., patterns: [...] }, not a list",
		       NULL);
	S_assert_error("themes:\n  housing: Housing\n", DIAG_CONFIG_INVALID, 2, 12,
		       "a theme must be a mapping such as { label: ..., patterns: [...] }, not text",
		       NULL);
	S_assert_error("themes:\n  housing: { patterns: { a: b } }\n", DIAG_CONFIG_INVALID, 2, 24,
		       "'patterns' must be a list of text, not a mapping", NULL);
	S_assert_error("themes:\n  housing: { patterns: [rent, ~] }\n", DIAG_CONFIG_INVALID, 2, 31,
		       "each item of 'patterns' must be text, not empty", NULL);
	S_assert_error("themes:\n  '#housing x': {}\n", DIAG_CONFIG_INVALID, 2, 3,
		       "a theme id cannot contain spaces: '#housing x'", NULL);
}

static void test_pattern_invalid(void **state)
{
	(void)state;

	/* The position is in characters of the pattern: é is one. */
	S_assert_error("themes:\n  t:\n    patterns:\n      - ok\n      - 'é (entry|culture'\n",
		       DIAG_PATTERN_INVALID, 5, 9,
		       "invalid pattern: missing closing parenthesis at character 17 of the pattern",
		       "patterns are PCRE2 regular expressions: put '\\' before "
		       "( ) [ ] { } . * + ? | to match it as it is");
	S_assert_error("themes:\n  t: { patterns: '[z-a]' }\n", DIAG_PATTERN_INVALID, 2, 18,
		       "invalid pattern: range out of order in character class at character 4 of the pattern",
		       NULL);
}

static void test_ignore(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p, "notes: notes\n");
	assert_int_equal(p.config->nignore, 1);
	assert_string_equal(p.config->ignore[0], "README.md");
	struct notefile_scope scope = config_scope(p.config);
	assert_string_equal(scope.dir, "notes");
	assert_int_equal(notefile_classify(&scope, "notes/x/README.md"), NOTEFILE_IGNORED);
	S_release(&p);

	S_parse_ok(&p, "ignore: [drafts/, '*.tmp.md']\n");
	assert_int_equal(p.config->nignore, 2);
	assert_string_equal(p.config->ignore[1], "*.tmp.md");
	S_release(&p);
	S_parse_ok(&p, "ignore: []\n");
	assert_int_equal(p.config->nignore, 0);
	S_release(&p);

	S_assert_error("ignore: README.md\n", DIAG_CONFIG_INVALID, 1, 9,
		       "'ignore' must be a list of file patterns, not text",
		       "write it in brackets, for example ignore: [README.md, drafts/]");
	S_assert_error("ignore:\n  drafts: yes\n", DIAG_CONFIG_INVALID, 2, 3,
		       "'ignore' must be a list of file patterns, not a mapping", NULL);
	S_assert_error("ignore: [README.md, [a]]\n", DIAG_CONFIG_INVALID, 1, 21,
		       "each item of 'ignore' must be text, not a list", NULL);
	S_assert_error("ignore: [README.md, '']\n", DIAG_CONFIG_INVALID, 1, 21,
		       "an 'ignore' pattern cannot be empty", NULL);
}

static void test_folders(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p, "notes: ./conversations//2020/\nreports: ./pages/\n");
	assert_string_equal(p.config->notes_dir, "conversations/2020");
	assert_string_equal(p.config->reports_dir, "pages");
	S_release(&p);

	S_assert_error("notes: ../x\n", DIAG_CONFIG_INVALID, 1, 8,
		       "'notes' must be a folder inside the notes root, not '../x'",
		       "write a relative path without '..', for example 'notes'");
	S_assert_error("reports: /tmp/reports\n", DIAG_CONFIG_INVALID, 1, 10,
		       "'reports' must be a folder inside the notes root, not '/tmp/reports'", NULL);
	S_assert_error("reports: a/../../b\n", DIAG_CONFIG_INVALID, 1, 10,
		       "'reports' must be a folder inside the notes root, not 'a/../../b'", NULL);
	S_assert_error("reports: ''\n", DIAG_CONFIG_INVALID, 1, 10,
		       "'reports' must be a folder inside the notes root, not ''", NULL);
	S_assert_error("notes: [a, b]\n", DIAG_CONFIG_INVALID, 1, 8,
		       "'notes' must be text, not a list", NULL);
}

static void test_sections_and_privacy(void **state)
{
	struct parsed p;
	(void)state;

	S_parse_ok(&p, "sections:\n  required: Next steps\nprivacy:\n  quote: [public]\n  redact: []\n");
	assert_strings(p.config->required_sections, p.config->nrequired_sections,
		       (const char *const[]){ "Next steps", NULL });
	assert_strings(p.config->privacy.quote, p.config->privacy.nquote,
		       (const char *const[]){ "public", NULL });
	assert_int_equal(p.config->privacy.nredact, 0);
	assert_strings(p.config->privacy.pii, p.config->privacy.npii,
		       (const char *const[]){ "phone", "email", NULL });
	S_release(&p);

	S_assert_error("sections: [Next steps]\n", DIAG_CONFIG_INVALID, 1, 11,
		       "'sections' must be a mapping such as { required: [Next steps] }, not a list",
		       NULL);
	S_assert_error("sections:\n  required: { a: b }\n", DIAG_CONFIG_INVALID, 2, 13,
		       "'sections.required' must be a list of text, not a mapping", NULL);
	S_assert_error("privacy: public\n", DIAG_CONFIG_INVALID, 1, 10,
		       "'privacy' must be a mapping such as { quote: [public] }, not text", NULL);
	S_assert_error("privacy:\n  quote: [public, pubilc]\n", DIAG_CONFIG_INVALID, 2, 19,
		       "'pubilc' is not allowed in 'privacy.quote'", "did you mean 'public'?");
	/* A misspelt field would print what was meant to stay hidden. */
	S_assert_error("privacy:\n  redact: [participant]\n", DIAG_CONFIG_INVALID, 2, 12,
		       "'participant' is not allowed in 'privacy.redact'",
		       "did you mean 'participants'?");
	/* Fields declared in the same file may be redacted. */
	S_parse_ok(&p, "fields:\n  phone: {}\nprivacy:\n  redact: [participants, phone]\n");
	S_release(&p);
}

static void test_unknown_keys(void **state)
{
	/* Sorted by position; each is a warning. */
	static const struct {
		unsigned line, column;
		const char *message, *hint;
	} want[] = {
		{ 1, 1, "unknown key 'theme' in perennial.yml", "did you mean 'themes'?" },
		{ 4, 23, "unknown key 'requird' in a field", "did you mean 'required'?" },
		{ 6, 11, "unknown key 'lable' in a theme", "did you mean 'label'?" },
		{ 8, 3, "unknown key 'quotes' in 'privacy'", "did you mean 'quote'?" },
		{ 10, 3, "unknown key 'requried' in 'sections'", "did you mean 'required'?" },
		{ 12, 10, "unknown key 'nmae' in an organizer", "did you mean 'name'?" },
		{ 13, 1, "unknown key 'colour' in perennial.yml",
		  "expected one of: notes, reports, organizers, people, fields, sections, themes, "
		  "privacy, ignore, network" },
	};
	struct parsed p;
	(void)state;

	S_parse(&p,
		"theme:\n"
		"  housing:\n"
		"fields:\n"
		"  mood: { type: text, requird: true }\n"
		"themes:\n"
		"  jobs: { lable: Jobs }\n"
		"privacy:\n"
		"  quotes: [public]\n"
		"sections:\n"
		"  requried: [Next steps]\n"
		"organizers:\n"
		"  ana: { nmae: Ana }\n"
		"colour: blue\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.len, sizeof(want) / sizeof(*want));
	diag_list_sort(&p.diags);
	for (size_t i = 0; i < p.diags.len; i++) {
		assert_diag(&p.diags, i, DIAG_CONFIG_UNKNOWN_KEY, want[i].line, want[i].column, 0,
			    want[i].message, want[i].hint);
		assert_int_equal(p.diags.items[i].severity, DIAG_WARNING);
	}
	/* Unknown keys are ignored: the theme label stays the id. */
	assert_string_equal(config_theme(p.config, "jobs")->label, "jobs");
	assert_string_equal(config_organizer(p.config, "ana")->name, "ana");
	S_release(&p);
}

static void test_root_not_mapping(void **state)
{
	(void)state;

	S_assert_error("- notes\n- reports\n", DIAG_CONFIG_INVALID, 1, 1,
		       "perennial.yml must be a mapping of settings, not a list",
		       "write one 'key: value' per line, for example 'notes: notes'");
	S_assert_error("\n\nhello\n", DIAG_CONFIG_INVALID, 3, 1,
		       "perennial.yml must be a mapping of settings, not text", NULL);
}

static void test_yaml_problems(void **state)
{
	(void)state;

	S_assert_error("notes: notes\n\treports: out\n", DIAG_YAML_SYNTAX, 2, 1,
		       "YAML syntax error: found a tab character that violates indentation",
		       "indent with spaces: YAML does not allow tabs");
	S_assert_error("themes:\n  a: &p { label: A }\n  b: *p\n", DIAG_YAML_ALIAS, 3, 6,
		       "YAML aliases are not allowed in front matter", NULL);
	S_assert_error("\xEF\xBB\xBFnotes: a\r\nnotes: b\r\n", DIAG_DUPLICATE_KEY, 2, 1,
		       "key 'notes' is already set on line 1", NULL);
	S_assert_error("organizers:\n  ana: Ana \xC3(\n", DIAG_INVALID_UTF8, 2, 12,
		       "invalid UTF-8 (byte 0xC3)", NULL);
}

/* Every problem is reported, not only the first. */
static void test_keeps_going(void **state)
{
	struct parsed p;
	(void)state;

	S_parse(&p,
		"notes: /abs\n"
		"fields:\n"
		"  due: { type: dat }\n"
		"themes:\n"
		"  a: { patterns: ['(' ], parent: b }\n"
		"extra: 1\n");
	assert_int_equal(p.rc, -1);
	assert_null(p.config);
	assert_int_equal(p.diags.len, 5);
	diag_list_sort(&p.diags);
	assert_diag(&p.diags, 0, DIAG_CONFIG_INVALID, 1, 8, 0,
		    "'notes' must be a folder inside the notes root, not '/abs'", UNIT_ANY);
	assert_diag(&p.diags, 1, DIAG_CONFIG_INVALID, 3, 16, 0, "unknown field type 'dat'",
		    UNIT_ANY);
	assert_diag(&p.diags, 2, DIAG_PATTERN_INVALID, 5, 19, 0,
		    "invalid pattern: missing closing parenthesis at character 2 of the pattern",
		    UNIT_ANY);
	assert_diag(&p.diags, 3, DIAG_CONFIG_INVALID, 5, 34, 0, "unknown parent theme 'b'",
		    UNIT_ANY);
	assert_diag(&p.diags, 4, DIAG_CONFIG_UNKNOWN_KEY, 6, 1, 0,
		    "unknown key 'extra' in perennial.yml", UNIT_ANY);
	S_release(&p);
}

/* Only errors this file adds make it fail. */
static void test_earlier_errors_ignored(void **state)
{
	struct parsed p;
	struct diag_list diags = DIAG_LIST_INIT;
	struct config *config;
	(void)state;

	p.src = source_new("other.md", "x", 1);
	diag_add(&diags, p.src, DIAG_YAML_SYNTAX, 0, 1, "elsewhere");
	source_free(p.src);
	p.src = source_new(CONFIG_FILE, "notes: n\n", 9);
	assert_int_equal(config_parse(&config, p.src, &diags), 0);
	assert_string_equal(config->notes_dir, "n");
	assert_int_equal(diags.len, 1);
	config_free(config);
	config_free(NULL);
	diag_list_release(&diags);
	source_free(p.src);
}

/* A consent written wrong is private: what it meant cannot be known. */
static void test_consent_fails_closed(void **state)
{
	struct parsed p;
	(void)state;
	S_parse_ok(&p, "privacy:\n  quote: [public]\n");
	assert_false(config_consent_private(p.config, "public"));
	assert_false(config_consent_private(p.config, "internal"));
	assert_true(config_consent_private(p.config, "private"));
	assert_true(config_consent_private(p.config, "PRIVATE"));
	assert_true(config_consent_private(p.config, "privat"));
	assert_true(config_consent_private(p.config, NULL));
	assert_true(config_may_quote(p.config, "public"));
	assert_false(config_may_quote(p.config, "internal"));
	assert_false(config_may_quote(p.config, "Private"));
	S_release(&p);
}

static void test_notes_and_reports_apart(void **state)
{
	(void)state;
	S_assert_error("reports: .\n", DIAG_CONFIG_INVALID, 1, 10,
		       "the notes ('notes') and the reports ('.') need folders of their own", NULL);
	S_assert_error("reports: notes/reports\n", DIAG_CONFIG_INVALID, 1, 10,
		       "the notes ('notes') and the reports ('notes/reports') need folders of their own",
		       NULL);
	S_assert_error("notes: .\n", DIAG_CONFIG_INVALID, 1, 8,
		       "the notes ('.') and the reports ('reports') need folders of their own", NULL);
	S_assert_error("notes: reports/notes\n", DIAG_CONFIG_INVALID, 1, 8,
		       "the notes ('reports/notes') and the reports ('reports') need folders of their own",
		       NULL);
	struct parsed p;
	S_parse_ok(&p, "notes: notes\nreports: out/reports\n");
	assert_string_equal(p.config->reports_dir, "out/reports");
	S_release(&p);
}

static void test_network(void **state)
{
	(void)state;
	struct parsed p;
	S_parse_ok(&p,
		"themes:\n"
		"  housing: { label: Housing }\n"
		"  tenants: { parent: housing }\n"
		"privacy: { network: [public] }\n"
		"network:\n"
		"  chapters:\n"
		"    eastside: { url: ../eastside }\n"
		"    west.side_2:\n"
		"      url: 'file:///srv/git/westside.git'\n"
		"      branch: trunk\n"
		"      root: ./notes//here/\n"
		"      themes: { vivienda: housing, inquilinos: tenants }\n");
	const struct config *c = p.config;
	assert_true(c->network);
	assert_int_equal(c->nchapters, 2);
	assert_string_equal(c->chapters[0].name, "eastside");
	assert_string_equal(c->chapters[0].url, "../eastside");
	assert_string_equal(c->chapters[0].branch, "main");
	assert_string_equal(c->chapters[0].root, "");
	assert_int_equal(c->chapters[0].nthemes, 0);
	assert_string_equal(c->chapters[1].name, "west.side_2");
	assert_string_equal(c->chapters[1].url, "file:///srv/git/westside.git");
	assert_string_equal(c->chapters[1].branch, "trunk");
	assert_string_equal(c->chapters[1].root, "notes/here");
	assert_int_equal(c->chapters[1].nthemes, 2);
	/* Mapped, the same id, or none: kept under the chapter's name. */
	assert_string_equal(config_chapter_theme(c, &c->chapters[1], "vivienda")->id, "housing");
	assert_string_equal(config_chapter_theme(c, &c->chapters[1], "inquilinos")->id, "tenants");
	assert_string_equal(config_chapter_theme(c, &c->chapters[0], "housing")->id, "housing");
	assert_null(config_chapter_theme(c, &c->chapters[0], "vivienda"));
	/* Shared only as privacy.network says, and never a private note. */
	assert_true(config_may_share(c, "public"));
	assert_false(config_may_share(c, "internal"));
	assert_false(config_may_share(c, "private"));
	assert_false(config_may_share(c, NULL));
	S_release(&p);

	/* Not a network repository, and nothing shared, by default. */
	S_parse_ok(&p, "notes: notes\n");
	assert_false(p.config->network);
	assert_int_equal(p.config->nchapters, 0);
	assert_false(config_may_share(p.config, "public"));
	S_release(&p);
}

static void test_network_errors(void **state)
{
	(void)state;
	S_assert_error("network: [eastside]\n", DIAG_CONFIG_INVALID, 1, 10,
		       "'network' must be a mapping such as { chapters: { eastside: { url: "
		       "../eastside } } }, not a list", NULL);
	S_assert_error("network: {}\n", DIAG_CONFIG_INVALID, 1, 10,
		       "'network' needs 'chapters': a mapping of each chapter's name to its "
		       "repository", NULL);
	S_assert_error("network:\n  chapters:\n    eastside: { branch: main }\n",
		       DIAG_CONFIG_INVALID, 3, 5, "chapter 'eastside' needs the 'url' of its "
		       "repository", NULL);
	S_assert_error("network:\n  chapters:\n    '../x': { url: ../x }\n",
		       DIAG_CONFIG_INVALID, 3, 5, "'../x' cannot name a chapter", NULL);
	S_assert_error("network:\n  chapters:\n    'a b': { url: ../x }\n",
		       DIAG_CONFIG_INVALID, 3, 5, "'a b' cannot name a chapter", NULL);
	S_assert_error("network:\n  chapters:\n    x: { url: ../x, root: ../y }\n",
		       DIAG_CONFIG_INVALID, 3, 27, "'root' must be a folder inside the chapter's "
		       "repository, not '../y'", NULL);
	S_assert_error("network:\n  chapters:\n    x: { url: ../x, branch: 'a..b' }\n",
		       DIAG_CONFIG_INVALID, 3, 29, "'a..b' cannot name a branch", NULL);
	S_assert_error("themes: { housing: {} }\n"
		       "network:\n  chapters:\n    x: { url: ../x, themes: { vivienda: housin } }\n",
		       DIAG_CONFIG_INVALID, 4, 41, "'housin' is not a theme of this codebook",
		       "did you mean 'housing'?");
	S_assert_error("privacy: { network: [everyone] }\n", DIAG_CONFIG_INVALID, 1, 22,
		       "'everyone' is not allowed in 'privacy.network'", NULL);

	struct parsed p;
	S_parse(&p, "network:\n  chapters:\n    x: { url: ../x, tags: [a] }\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.len, 1);
	assert_diag(&p.diags, 0, DIAG_CONFIG_UNKNOWN_KEY, 3, 21, 0,
		    "unknown key 'tags' in a chapter", UNIT_ANY);
	S_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_network),
		cmocka_unit_test(test_network_errors),
		cmocka_unit_test(test_design_example),
		cmocka_unit_test(test_organizers),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_pii_detectors),
		cmocka_unit_test(test_field_overrides),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_themes),
		cmocka_unit_test(test_theme_parents),
		cmocka_unit_test(test_theme_shapes),
		cmocka_unit_test(test_pattern_invalid),
		cmocka_unit_test(test_folders),
		cmocka_unit_test(test_sections_and_privacy),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_root_not_mapping),
		cmocka_unit_test(test_yaml_problems),
		cmocka_unit_test(test_keeps_going),
		cmocka_unit_test(test_earlier_errors_ignored),
		cmocka_unit_test(test_consent_fails_closed),
		cmocka_unit_test(test_notes_and_reports_apart),
		cmocka_unit_test(test_ignore),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
