#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "diag.h"
#include "note.h"
#include "source.h"
#include "pattern.h"
#include "validate.h"

/* A small repository: two organizers, two themes, one required section. */
#define CONFIG \
	"organizers:\n" \
	"  lisa-t: { name: Lisa Thornton }\n" \
	"  jon-b: { name: Jon Baker }\n" \
	"themes:\n" \
	"  data-culture: { label: Data culture }\n" \
	"  housing: { label: Housing }\n" \
	"sections:\n" \
	"  required: [Next steps]\n"

/* The lines of a note with nothing wrong, to vary one at a time. */
#define L_OPEN      "---\n"
#define L_TITLE     "title: Coffee with Maria\n"
#define L_DATE      "date: 2020-05-12\n"
#define L_ORGANIZER "organizer: lisa-t\n"
#define L_PEOPLE    "participants: [maria-g, ana-r]\n"
#define L_KIND      "kind: one-on-one\n"
#define L_THEMES    "themes: [data-culture]\n"
#define L_CLOSE     "---\n"
#define L_BODY      "\n## Next steps\n\n- [ ] @lisa-t Call back (due 2020-06-01)\n"

#define FRONT_AFTER_TITLE L_DATE L_ORGANIZER L_PEOPLE L_KIND L_THEMES L_CLOSE

#define GOOD_NOTE L_OPEN L_TITLE FRONT_AFTER_TITLE L_BODY

struct run {
	struct source *config_src;
	struct config *config;
	struct note *note;
	struct diag_list parse_diags;
	struct diag_list diags;
};

/* Parses the config and the note, then validates; validate's findings are sorted. */
static void S_run_with(struct run *r, const char *yml, const char *path, const char *text)
{
	struct diag_list config_diags = DIAG_LIST_INIT;

	r->config_src = source_new(CONFIG_FILE, yml, strlen(yml));
	assert_int_equal(config_parse(&r->config, r->config_src, &config_diags), 0);
	assert_int_equal(config_diags.len, 0);
	diag_list_release(&config_diags);

	r->parse_diags = (struct diag_list)DIAG_LIST_INIT;
	r->diags = (struct diag_list)DIAG_LIST_INIT;
	r->note = note_parse(source_new(path, text, strlen(text)), NOTE_ALL, &r->parse_diags);
	validate_note(r->note, r->config, &r->diags);
	diag_list_sort(&r->diags);
}

static void S_run(struct run *r, const char *text)
{
	S_run_with(r, CONFIG, "notes/coffee.md", text);
	assert_int_equal(r->parse_diags.len, 0);
}

static void S_release(struct run *r)
{
	note_free(r->note);
	config_free(r->config);
	source_free(r->config_src);
	diag_list_release(&r->parse_diags);
	diag_list_release(&r->diags);
}

/*
 * Diagnostic i of validate is this one, about r's note, with its rule's
 * severity; hint NULL means none is expected.
 */
#define assert_finding(r, i, rule, line, column, span, message, hint) \
	assert_diag_in(&(r)->diags, (i), (rule), (r)->note->src->path, (line), (column), \
		       (span), (message), (hint))

/* The note has exactly one finding, this one. */
#define assert_only(text, rule, line, column, span, message, hint) \
	do { \
		struct run r_; \
		S_run(&r_, (text)); \
		_assert_int_equal(r_.diags.len, 1, __FILE__, __LINE__); \
		assert_finding(&r_, 0, (rule), (line), (column), (span), (message), (hint)); \
		S_release(&r_); \
	} while (0)

static void S_assert_clean(const char *text)
{
	struct run r;
	S_run(&r, text);
	assert_int_equal(r.diags.len, 0);
	S_release(&r);
}

/*
 * A detector of privacy.pii_patterns that backtracks without end gives up
 * on the note and says so where its search began; the others still look.
 */
static void test_pii_pattern_that_gives_up(void **state)
{
	struct run r;
	(void)state;
	S_run_with(&r, CONFIG "privacy:\n  pii_patterns:\n    member: '(a|aa)+$'\n",
		   "notes/coffee.md", GOOD_NOTE "\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"
		   "\nmaria@example.org\n");
	assert_int_equal(r.diags.len, 2);
	assert_finding(&r, 0, DIAG_PATTERN_TOO_COSTLY, 1, 1, 1,
		       "the search for 'member' (privacy.pii_patterns) took too long on this "
		       "note and was stopped: from here on, one may be there unseen",
		       PATTERN_GAVE_UP_HINT);
	assert_finding(&r, 1, DIAG_PII, 16, 1, 17,
		       "an e-mail address in a note whose consent lets reports quote it",
		       "keep contact details out of notes, or mark the note 'consent: private'; "
		       "a paragraph holding one is never quoted");
	S_release(&r);
}

/* What the note template leaves to fill in is a warning until it is. */
static void test_template_placeholders(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE FRONT_AFTER_TITLE
		    "\n## What is on your mind?\n\n## Next steps\n\n- [ ] @lisa-t Call\n",
		    DIAG_TEMPLATE_PLACEHOLDER, 10, 1, 24, "section 'What is on your mind?' is empty",
		    "write what you heard there, or remove the heading");
	assert_only(L_OPEN L_TITLE FRONT_AFTER_TITLE
		    "\n## Next steps\n\n- [ ] @lisa-t  Follow up on this conversation (due 2020-06-01)\n",
		    DIAG_TEMPLATE_PLACEHOLDER, 12, 16, 30,
		    "'" NOTE_PLACEHOLDER_STEP "' is the note template's placeholder",
		    "say what comes next and who does it, or remove the step");
	/* Words of one's own around it, a `### ` under a heading: filled in. */
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE
		       "\n## What we heard\n\n### Rent\n\n## Next steps\n\n"
		       "- [ ] @lisa-t Follow up on this conversation with the landlord\n"
		       "- [ ] @lisa-t Before anything, Follow up on this conversation\n");
}

static void test_good_note_has_no_findings(void **state)
{
	(void)state;
	S_assert_clean(GOOD_NOTE);
	/* consent has a default; participants, themes, tags, id are optional. */
	S_assert_clean(L_OPEN L_TITLE L_DATE L_ORGANIZER L_KIND L_CLOSE L_BODY);
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE
		       "\n## Next steps\n\n- [x] @maria-g Done\n- [ ] @jon-b Later\n");
}

static void test_required_field_absent(void **state)
{
	(void)state;
	/* A missing field points at the opening '---'. */
	assert_only(L_OPEN L_DATE L_ORGANIZER L_KIND L_CLOSE L_BODY,
		    DIAG_REQUIRED_FIELD, 1, 1, 3, "missing required field 'title'",
		    "add a line 'title: ...' between the '---' lines");
	assert_only(L_OPEN L_TITLE L_ORGANIZER L_KIND L_CLOSE L_BODY,
		    DIAG_REQUIRED_FIELD, 1, 1, 3, "missing required field 'date'",
		    "add a line 'date: YYYY-MM-DD'");
}

static void test_required_field_present_but_empty(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE "date:\n" L_ORGANIZER L_KIND L_CLOSE L_BODY,
		    DIAG_REQUIRED_FIELD, 3, 1, 4, "field 'date' is required but empty",
		    "add a line 'date: YYYY-MM-DD'");
	assert_only(L_OPEN L_TITLE L_DATE "organizer: ~\n" L_KIND L_CLOSE L_BODY,
		    DIAG_REQUIRED_FIELD, 4, 1, 9, "field 'organizer' is required but empty",
		    "add a line 'organizer: ...' between the '---' lines");
}

/*
 * `title: ""` is present but empty, as `title:` is: a quoted empty string
 * is no more a title than a null. (Other types already refuse "": an empty
 * date is not a date, an empty organizer is unknown.)
 */
static void test_required_text_quoted_empty_is_empty(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN "title: \"\"\n" FRONT_AFTER_TITLE L_BODY);
	size_t n = r.diags.len;
	if (n == 1)
		assert_finding(&r, 0, DIAG_REQUIRED_FIELD, 2, 1, 5,
			       "field 'title' is required but empty",
			       "add a line 'title: ...' between the '---' lines");
	S_release(&r);  /* before the count is asserted: a failure must not leak */
	assert_int_equal(n, 1);
}

static void test_required_list_empty(void **state)
{
	(void)state;
	struct run r;

	S_run_with(&r, CONFIG "fields:\n  participants: { required: true }\n",
		   "notes/coffee.md",
		   L_OPEN L_TITLE L_DATE L_ORGANIZER "participants: []\n" L_KIND L_CLOSE L_BODY);
	assert_int_equal(r.diags.len, 1);
	assert_finding(&r, 0, DIAG_REQUIRED_FIELD, 5, 1, 12,
		       "field 'participants' is required but empty",
		       "add a line 'participants: ...' between the '---' lines");
	S_release(&r);
}

static void test_required_field_with_default_may_be_absent(void **state)
{
	(void)state;
	struct run r;

	S_run_with(&r, CONFIG "fields:\n  mood: { type: text, required: true, default: calm }\n",
		   "notes/coffee.md", GOOD_NOTE);
	assert_int_equal(r.diags.len, 0);
	S_release(&r);
}

static void test_empty_front_matter_misses_every_required_field(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, "---\n---\n" L_BODY);
	assert_int_equal(r.diags.len, 4);
	/* Same place and rule: the sort keeps the fields' order, which is the config's. */
	for (size_t i = 0; i < r.diags.len; i++) {
		assert_string_equal(diag_rule_id(r.diags.items[i].rule), "required-field");
		assert_int_equal(r.diags.items[i].line, 1);
		assert_int_equal(r.diags.items[i].column, 1);
	}
	static const char *const want[] = { "title", "date", "organizer", "kind" };
	for (size_t w = 0; w < 4; w++) {
		char message[64];
		int found = 0;
		snprintf(message, sizeof(message), "missing required field '%s'", want[w]);
		for (size_t i = 0; i < r.diags.len; i++)
			found += strcmp(r.diags.items[i].message, message) == 0;
		assert_int_equal(found, 1);
	}
	S_release(&r);
}

static void test_field_type_list_where_text(void **state)
{
	(void)state;
	assert_only(L_OPEN "title: [Coffee, Maria]\n" FRONT_AFTER_TITLE L_BODY,
		    DIAG_FIELD_TYPE, 2, 8, 15, "field 'title' must be text, not a list",
		    "put text with brackets or ': ' in quotes");
}

static void test_field_type_mapping_where_organizer(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE L_DATE "organizer: { id: lisa-t }\n" L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_FIELD_TYPE, 4, 12, 14,
		    "field 'organizer' must be an organizer id, not a mapping", NULL);
}

static void test_field_type_scalar_where_list_hints_brackets(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER "participants: maria-g\n" L_KIND L_THEMES
		    L_CLOSE "\n## Next steps\n\n- [ ] @lisa-t x\n",
		    DIAG_FIELD_TYPE, 5, 15, 7, "field 'participants' must be a list",
		    "write it in brackets: participants: [maria-g]");
	/* A theme written alone is not also checked as a theme. */
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER L_KIND "themes: nothing-known\n" L_CLOSE
		    L_BODY,
		    DIAG_FIELD_TYPE, 6, 9, 13, "field 'themes' must be a list",
		    "write it in brackets: themes: [nothing-known]");
}

static void test_field_type_mapping_where_list_has_no_hint(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER "tags: { a: b }\n" L_KIND L_CLOSE L_BODY,
		    DIAG_FIELD_TYPE, 5, 7, 8, "field 'tags' must be a list", NULL);
}

static void test_field_type_map_item_in_list(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN L_TITLE L_DATE L_ORGANIZER "participants: [maria-g, { ana: r }]\n"
	      L_KIND "themes: [housing, [data-culture]]\n" L_CLOSE L_BODY);
	assert_int_equal(r.diags.len, 2);
	assert_finding(&r, 0, DIAG_FIELD_TYPE, 5, 25, 10,
		       "each item of 'participants' must be text", NULL);
	assert_finding(&r, 1, DIAG_FIELD_TYPE, 7, 19, 14,
		       "each item of 'themes' must be a theme id", NULL);
	S_release(&r);
}

static void test_invalid_date_format(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE "date: 2020-5-12\n" L_ORGANIZER L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_INVALID_DATE, 3, 7, 9, "'2020-5-12' is not a date (field 'date')",
		    "write dates as YYYY-MM-DD, for example 2020-05-12");
	assert_only(L_OPEN L_TITLE "date: May 12\n" L_ORGANIZER L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_INVALID_DATE, 3, 7, 6, "'May 12' is not a date (field 'date')",
		    "write dates as YYYY-MM-DD, for example 2020-05-12");
}

static void test_invalid_date_not_a_day(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE "date: 2021-02-29\n" L_ORGANIZER L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_INVALID_DATE, 3, 7, 10,
		    "'2021-02-29' is not a day of the calendar (field 'date')",
		    "check the month (01-12) and the day of that month");
	assert_only(L_OPEN L_TITLE "date: 2020-13-01\n" L_ORGANIZER L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_INVALID_DATE, 3, 7, 10,
		    "'2020-13-01' is not a day of the calendar (field 'date')",
		    "check the month (01-12) and the day of that month");
	/* 2020 is a leap year. */
	S_assert_clean(L_OPEN L_TITLE "date: 2020-02-29\n" L_ORGANIZER L_PEOPLE L_KIND L_THEMES
		       L_CLOSE L_BODY);
}

static void test_enum_value_did_you_mean(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER L_PEOPLE "kind: one-on-on\n" L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_ENUM_VALUE, 6, 7, 9, "'one-on-on' is not allowed in field 'kind'",
		    "did you mean 'one-on-one'?");
	/* The default of consent does not stop its value from being checked. */
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER L_PEOPLE L_KIND L_THEMES "consent: Public\n"
		    L_CLOSE L_BODY,
		    DIAG_ENUM_VALUE, 8, 10, 6, "'Public' is not allowed in field 'consent'",
		    "did you mean 'public'?");
}

static void test_enum_value_lists_the_values_when_nothing_is_close(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER L_PEOPLE "kind: coffee\n" L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_ENUM_VALUE, 6, 7, 6, "'coffee' is not allowed in field 'kind'",
		    "use one of: one-on-one, house-meeting, group, training");
}

static void test_unknown_organizer_with_hints(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE L_DATE "organizer: lisa_t\n" L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_UNKNOWN_ORGANIZER, 4, 12, 6, "unknown organizer 'lisa_t'",
		    "did you mean 'lisa-t'?");
	/* A first name alone. */
	assert_only(L_OPEN L_TITLE L_DATE "organizer: jon\n" L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_UNKNOWN_ORGANIZER, 4, 12, 3, "unknown organizer 'jon'",
		    "did you mean 'jon-b'?");
	assert_only(L_OPEN L_TITLE L_DATE "organizer: zed\n" L_PEOPLE L_KIND L_THEMES
		    L_CLOSE L_BODY,
		    DIAG_UNKNOWN_ORGANIZER, 4, 12, 3, "unknown organizer 'zed'",
		    "add them under 'organizers:' in perennial.yml");
}

static void test_unknown_theme_with_hints(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN L_TITLE L_DATE L_ORGANIZER L_PEOPLE L_KIND
	      "themes: [housing, data-cultur, weather]\n" L_CLOSE L_BODY);
	assert_int_equal(r.diags.len, 2);
	assert_finding(&r, 0, DIAG_UNKNOWN_THEME, 7, 19, 11, "unknown theme 'data-cultur'",
		       "did you mean 'data-culture'?");
	assert_finding(&r, 1, DIAG_UNKNOWN_THEME, 7, 32, 7, "unknown theme 'weather'",
		       "add it under 'themes:' in perennial.yml, or use one that is there");
	S_release(&r);
}

static void test_unknown_field_warning_with_hint(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN L_TITLE L_DATE L_ORGANIZER L_PEOPLE L_KIND L_THEMES
	      "particpants: [x]\n" "mood: calm\n" L_CLOSE L_BODY);
	assert_int_equal(r.diags.len, 2);
	assert_finding(&r, 0, DIAG_UNKNOWN_FIELD, 8, 1, 11, "unknown field 'particpants'",
		       "did you mean 'participants'?");
	assert_finding(&r, 1, DIAG_UNKNOWN_FIELD, 9, 1, 4, "unknown field 'mood'",
		       "declare it under 'fields:' in perennial.yml to keep it");
	assert_int_equal(r.diags.items[0].severity, DIAG_WARNING);
	assert_int_equal(diag_list_count(&r.diags, DIAG_ERROR), 0);
	S_release(&r);
}

static void test_declared_field_is_known(void **state)
{
	(void)state;
	struct run r;

	S_run_with(&r, CONFIG "fields:\n  mood: { type: text }\n", "notes/coffee.md",
		   GOOD_NOTE);
	assert_int_equal(r.diags.len, 0);
	S_release(&r);
	S_run_with(&r, CONFIG "fields:\n  mood: { type: text }\n", "notes/coffee.md",
		   L_OPEN L_TITLE "mood: calm\n" FRONT_AFTER_TITLE L_BODY);
	assert_int_equal(r.diags.len, 0);
	S_release(&r);
}

static void test_date_mismatch_with_file_name(void **state)
{
	(void)state;
	struct run r;

	S_run_with(&r, CONFIG, "notes/2020/05/2020-05-13-lisa-t-maria-g.md", GOOD_NOTE);
	assert_int_equal(r.diags.len, 1);
	assert_finding(&r, 0, DIAG_DATE_MISMATCH, 3, 7, 10,
		       "date 2020-05-12 differs from the file name's 2020-05-13",
		       "fix the date, or rename the file to match it");
	assert_int_equal(r.diags.items[0].severity, DIAG_WARNING);
	S_release(&r);

	/* The same day: nothing. */
	S_run_with(&r, CONFIG, "notes/2020/05/2020-05-12-lisa-t-maria-g.md", GOOD_NOTE);
	assert_int_equal(r.diags.len, 0);
	S_release(&r);
}

static void test_no_date_mismatch_without_a_date_in_the_name(void **state)
{
	(void)state;
	static const char *const names[] = {
		"notes/coffee-with-maria.md",
		"notes/2020-05/coffee.md",        /* a date in the folder is not the name's */
		"notes/2020-5-13-coffee.md",
		"notes/2020-13-45-coffee.md",     /* not a day: not a date */
		"notes/2020.md",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct run r;
		S_run_with(&r, CONFIG, names[i], GOOD_NOTE);
		assert_int_equal(r.diags.len, 0);
		S_release(&r);
	}
}

static void test_no_date_mismatch_when_the_date_is_invalid(void **state)
{
	(void)state;
	struct run r;

	S_run_with(&r, CONFIG, "notes/2020-05-13-x.md",
		   L_OPEN L_TITLE "date: 2020-05-32\n" L_ORGANIZER L_KIND L_CLOSE L_BODY);
	assert_int_equal(r.diags.len, 1);
	assert_string_equal(diag_rule_id(r.diags.items[0].rule), "invalid-date");
	S_release(&r);
}

static void test_required_section_matches_case_insensitively(void **state)
{
	(void)state;
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE "\n## next STEPS\n\n- [ ] @lisa-t x\n");
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE "\n## *Next* steps\n\nNone yet.\n");
}

static void test_required_section_missing(void **state)
{
	(void)state;
	/* It points at the last line, where the section would go. */
	assert_only(L_OPEN L_TITLE FRONT_AFTER_TITLE
		    "\n## What happened\n\nWe talked.\n\n### Next steps\n\nCall back.\n",
		    DIAG_REQUIRED_SECTION, 16, 1, 1, "missing section '## Next steps'",
		    "add a heading '## Next steps' to the note");
	/* A note that is only front matter. */
	assert_only(L_OPEN L_TITLE FRONT_AFTER_TITLE,
		    DIAG_REQUIRED_SECTION, 8, 1, 1, "missing section '## Next steps'",
		    "add a heading '## Next steps' to the note");
}

static void test_no_required_section_without_the_setting(void **state)
{
	(void)state;
	struct run r;

	S_run_with(&r, "organizers:\n  lisa-t: { name: Lisa }\n", "notes/coffee.md",
		   L_OPEN L_TITLE L_DATE L_ORGANIZER L_KIND L_CLOSE "\nNo sections.\n");
	assert_int_equal(r.diags.len, 0);
	S_release(&r);
}

static void test_step_no_owner(void **state)
{
	(void)state;
	assert_only(L_OPEN L_TITLE FRONT_AFTER_TITLE
		    "\n## Next steps\n\n- [ ] Call Maria back\n",
		    DIAG_STEP_NO_OWNER, 12, 3, 3, "next step has no owner",
		    "say who will do it: '- [ ] @id ...'");
}

static void test_owner_participant_or_organizer_is_known(void **state)
{
	(void)state;
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE
		       "\n## Next steps\n\n"
		       "- [ ] @maria-g Block an hour\n"
		       "- [x] @ana-r Bring flyers\n"
		       "- [ ] @jon-b Book the room\n"
		       "- [ ] @lisa-t Call back\n");
}

static void test_unknown_owner_with_hints(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN L_TITLE FRONT_AFTER_TITLE
	      "\n## Next steps\n\n"
	      "- [ ] @lisa Call back\n"
	      "- [ ] @maria Block an hour\n"
	      "- [ ] @zed Who is this\n");
	assert_int_equal(r.diags.len, 3);
	assert_finding(&r, 0, DIAG_UNKNOWN_OWNER, 12, 7, 5, "unknown owner '@lisa'",
		       "did you mean 'lisa-t'?");
	/* Participants are candidates for the hint too. */
	assert_finding(&r, 1, DIAG_UNKNOWN_OWNER, 13, 7, 6, "unknown owner '@maria'",
		       "did you mean 'maria-g'?");
	assert_finding(&r, 2, DIAG_UNKNOWN_OWNER, 14, 7, 4, "unknown owner '@zed'",
		       "an owner is an organizer or one of the note's participants");
	S_release(&r);
}

static void test_owner_of_another_note_is_unknown(void **state)
{
	(void)state;
	/* maria-g is a participant elsewhere, not in this note. */
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER "participants: [ana-r]\n" L_KIND L_CLOSE
		    "\n## Next steps\n\n- [ ] @maria-g x\n",
		    DIAG_UNKNOWN_OWNER, 11, 7, 8, "unknown owner '@maria-g'",
		    "an owner is an organizer or one of the note's participants");
}

static void test_single_participant_scalar_still_owns_steps(void **state)
{
	(void)state;
	/* Only the field-type error: maria-g is not also an unknown owner. */
	assert_only(L_OPEN L_TITLE L_DATE L_ORGANIZER "participants: maria-g\n" L_KIND L_CLOSE
		    "\n## Next steps\n\n- [ ] @maria-g Block an hour\n",
		    DIAG_FIELD_TYPE, 5, 15, 7, "field 'participants' must be a list",
		    "write it in brackets: participants: [maria-g]");
}

static void test_invalid_due_date(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN L_TITLE FRONT_AFTER_TITLE
	      "\n## Next steps\n\n"
	      "- [ ] @lisa-t Call (due 2020-06-31)\n"
	      "- [ ] @lisa-t Write (due next week)\n"
	      "- [ ] @lisa-t Visit (due 2020-07-01)\n");
	assert_int_equal(r.diags.len, 2);
	assert_finding(&r, 0, DIAG_INVALID_DUE_DATE, 12, 25, 10, "'2020-06-31' is not a due date",
		       "write it as (due YYYY-MM-DD), a day of the calendar");
	assert_finding(&r, 1, DIAG_INVALID_DUE_DATE, 13, 26, 9, "'next week' is not a due date",
		       "write it as (due YYYY-MM-DD), a day of the calendar");
	S_release(&r);
}

static void test_step_without_owner_and_bad_due_gets_both(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, L_OPEN L_TITLE FRONT_AFTER_TITLE "\n## Next steps\n\n- [ ] Call (due soon)\n");
	assert_int_equal(r.diags.len, 2);
	assert_finding(&r, 0, DIAG_STEP_NO_OWNER, 12, 3, 3, "next step has no owner",
		       "say who will do it: '- [ ] @id ...'");
	assert_finding(&r, 1, DIAG_INVALID_DUE_DATE, 12, 17, 4, "'soon' is not a due date",
		       "write it as (due YYYY-MM-DD), a day of the calendar");
	S_release(&r);
}

static void test_hashtag_close_to_a_theme_is_a_typo(void **state)
{
	(void)state;
	/* Line 10 holds the paragraph, its tag at column 17. */
	assert_only(L_OPEN L_TITLE FRONT_AFTER_TITLE "\nWe talked rent. #housnig\n" L_BODY,
		    DIAG_UNKNOWN_HASHTAG, 10, 17, 8, "'#housnig' is not a theme of the codebook",
		    "did you mean '#housing'?");
	/* Case is no typo; a free tag far from every theme is nobody's business. */
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE "\n#Housing and #DATA-CULTURE\n" L_BODY);
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE "\nA #potluck on #friday\n" L_BODY);
	/* In a code span it is no hashtag at all. */
	S_assert_clean(L_OPEN L_TITLE FRONT_AFTER_TITLE "\nType `#housnig` there\n" L_BODY);
}

static void test_no_front_matter_no_findings(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"# Coffee\n\n- [ ] nobody (due never)\n",          /* missing */
		"---\ntitle: x\n\n- [ ] nobody\n",                  /* unclosed */
		"---\n- a\n---\n- [ ] nobody\n",                    /* not a mapping */
		"---\ntitle: [x\n---\n- [ ] nobody\n",              /* YAML error */
		"---\ntitle: caf\xE9\n---\n- [ ] nobody\n",         /* invalid UTF-8 */
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		struct run r;
		S_run_with(&r, CONFIG, "notes/2020-01-01-x.md", texts[i]);
		assert_int_equal(r.parse_diags.len, 1);
		assert_int_equal(r.diags.len, 0);
		S_release(&r);
	}
}

static void test_findings_in_a_crlf_bom_file_use_the_users_columns(void **state)
{
	(void)state;
	struct run r;

	S_run(&r, "\xEF\xBB\xBF---\r\ntitle: x\r\ndate: 2020-05-12\r\norganizer: lisa_t\r\n"
	      "kind: one-on-one\r\n---\r\n## Next steps\r\nNone yet.\r\n");
	assert_int_equal(r.diags.len, 1);
	assert_finding(&r, 0, DIAG_UNKNOWN_ORGANIZER, 4, 12, 6, "unknown organizer 'lisa_t'",
		       "did you mean 'lisa-t'?");
	S_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_note_has_no_findings),
		cmocka_unit_test(test_template_placeholders),
		cmocka_unit_test(test_pii_pattern_that_gives_up),
		cmocka_unit_test(test_required_field_absent),
		cmocka_unit_test(test_required_field_present_but_empty),
		cmocka_unit_test(test_required_text_quoted_empty_is_empty),
		cmocka_unit_test(test_required_list_empty),
		cmocka_unit_test(test_required_field_with_default_may_be_absent),
		cmocka_unit_test(test_empty_front_matter_misses_every_required_field),
		cmocka_unit_test(test_field_type_list_where_text),
		cmocka_unit_test(test_field_type_mapping_where_organizer),
		cmocka_unit_test(test_field_type_scalar_where_list_hints_brackets),
		cmocka_unit_test(test_field_type_mapping_where_list_has_no_hint),
		cmocka_unit_test(test_field_type_map_item_in_list),
		cmocka_unit_test(test_invalid_date_format),
		cmocka_unit_test(test_invalid_date_not_a_day),
		cmocka_unit_test(test_enum_value_did_you_mean),
		cmocka_unit_test(test_enum_value_lists_the_values_when_nothing_is_close),
		cmocka_unit_test(test_unknown_organizer_with_hints),
		cmocka_unit_test(test_unknown_theme_with_hints),
		cmocka_unit_test(test_unknown_field_warning_with_hint),
		cmocka_unit_test(test_declared_field_is_known),
		cmocka_unit_test(test_date_mismatch_with_file_name),
		cmocka_unit_test(test_no_date_mismatch_without_a_date_in_the_name),
		cmocka_unit_test(test_no_date_mismatch_when_the_date_is_invalid),
		cmocka_unit_test(test_required_section_matches_case_insensitively),
		cmocka_unit_test(test_required_section_missing),
		cmocka_unit_test(test_no_required_section_without_the_setting),
		cmocka_unit_test(test_step_no_owner),
		cmocka_unit_test(test_owner_participant_or_organizer_is_known),
		cmocka_unit_test(test_unknown_owner_with_hints),
		cmocka_unit_test(test_owner_of_another_note_is_unknown),
		cmocka_unit_test(test_single_participant_scalar_still_owns_steps),
		cmocka_unit_test(test_invalid_due_date),
		cmocka_unit_test(test_step_without_owner_and_bad_due_gets_both),
		cmocka_unit_test(test_hashtag_close_to_a_theme_is_a_typo),
		cmocka_unit_test(test_no_front_matter_no_findings),
		cmocka_unit_test(test_findings_in_a_crlf_bom_file_use_the_users_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
