#include "validate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "date.h"
#include "mention.h"
#include "note.h"
#include "notefile.h"
#include "pattern.h"
#include "pii.h"
#include "source.h"
#include "strbuf.h"
#include "strmap.h"
#include "suggest.h"

struct context {
	const struct note *note;
	const struct config *config;
	struct diag_list *diags;
	struct strmap participants;   /* the note's, filled at the first owner looked up */
	int participants_read;
};

#define REPORT(cx, rule, node, ...) \
	diag_add((cx)->diags, (cx)->note->src, (rule), (node)->offset, (node)->len, __VA_ARGS__)

static void S_check_date(struct context *cx, const struct field_def *field,
			 const struct fm_node *value)
{
	struct date date;
	enum date_result r = date_parse(&date, value->text, strlen(value->text));
	if (r == DATE_BAD_FORMAT)
		diag_hint(REPORT(cx, DIAG_INVALID_DATE, value, "'%s' is not a date (field '%s')",
				 value->text, field->name),
			  "write dates as YYYY-MM-DD, for example 2020-05-12");
	else if (r == DATE_NOT_A_DAY)
		diag_hint(REPORT(cx, DIAG_INVALID_DATE, value,
				 "'%s' is not a day of the calendar (field '%s')",
				 value->text, field->name),
			  "check the month (01-12) and the day of that month");
}

static void S_check_enum(struct context *cx, const struct field_def *field,
			 const struct fm_node *value)
{
	for (size_t i = 0; i < field->nvalues; i++)
		if (strcmp(field->values[i], value->text) == 0)
			return;
	struct strbuf all = STRBUF_INIT;
	strbuf_addstr(&all, "use one of: ");
	for (size_t i = 0; i < field->nvalues; i++)
		strbuf_addf(&all, "%s%s", i ? ", " : "", field->values[i]);
	struct diag *d = REPORT(cx, DIAG_ENUM_VALUE, value, "'%s' is not allowed in field '%s'",
				value->text, field->name);
	if (d) {
		struct suggestion s;
		suggest_init(&s, value->text);
		for (size_t i = 0; i < field->nvalues; i++)
			suggest_consider(&s, field->values[i]);
		diag_hint_closest(d, s.best, strbuf_str(&all));
	}
	strbuf_release(&all);
}

static void S_check_theme(struct context *cx, const struct fm_node *value)
{
	const struct config *config = cx->config;
	if (config_theme(config, value->text))
		return;
	struct diag *d = REPORT(cx, DIAG_UNKNOWN_THEME, value, "unknown theme '%s'", value->text);
	if (!d)
		return;
	struct suggestion s;
	config_suggest(&s, config, CONFIG_THEMES, value->text);
	diag_hint_closest(d, s.best,
			  "add it under 'themes:' in perennial.yml, or use one that is there");
}

static void S_check_value(struct context *cx, const struct field_def *field,
			  const struct fm_node *value)
{
	switch (field->type) {
	case FIELD_TEXT:
		break;
	case FIELD_DATE:
		S_check_date(cx, field, value);
		break;
	case FIELD_ENUM:
		S_check_enum(cx, field, value);
		break;
	case FIELD_ORGANIZER:
		if (!config_organizer(cx->config, value->text)) {
			struct diag *d = REPORT(cx, DIAG_UNKNOWN_ORGANIZER, value,
						"unknown organizer '%s'", value->text);
			if (d) {
				struct suggestion s;
				config_suggest(&s, cx->config, CONFIG_ORGANIZERS, value->text);
				diag_hint_closest(d, s.best,
						  "add them under 'organizers:' in perennial.yml");
			}
		}
		break;
	case FIELD_THEME:
		S_check_theme(cx, value);
		break;
	}
}

static const char *S_type_name(const struct field_def *field)
{
	switch (field->type) {
	case FIELD_TEXT: return "text";
	case FIELD_DATE: return "a date";
	case FIELD_ENUM: return "one word";
	case FIELD_ORGANIZER: return "an organizer id";
	case FIELD_THEME: return "a theme id";
	}
	return "text";
}

static void S_check_field(struct context *cx, const struct field_def *field,
			  const struct fm_node *value)
{
	/* An empty value counts as absent: S_check_required speaks of it. */
	if (fm_is_null(value) || (value->kind == FM_SCALAR && !value->text[0]))
		return;
	if (field->list) {
		if (value->kind != FM_LIST) {
			struct diag *d = REPORT(cx, DIAG_FIELD_TYPE, value,
						"field '%s' must be a list", field->name);
			if (value->kind == FM_SCALAR)
				diag_hint(d, "write it in brackets: %s: [%s]", field->name, value->text);
			return;
		}
		for (size_t i = 0; i < value->count; i++) {
			const struct fm_node *item = &value->items[i];
			if (item->kind != FM_SCALAR)
				REPORT(cx, DIAG_FIELD_TYPE, item,
				       "each item of '%s' must be %s", field->name, S_type_name(field));
			else if (!fm_is_null(item))
				S_check_value(cx, field, item);
		}
		return;
	}
	if (value->kind != FM_SCALAR) {
		struct diag *d = REPORT(cx, DIAG_FIELD_TYPE, value, "field '%s' must be %s, not a %s",
					field->name, S_type_name(field),
					value->kind == FM_LIST ? "list" : "mapping");
		if (field->type == FIELD_TEXT)
			diag_hint(d, "put text with brackets or ': ' in quotes");
		return;
	}
	S_check_value(cx, field, value);
}

static void S_check_required(struct context *cx, const struct fm_node *front)
{
	const struct config *config = cx->config;
	const struct note *note = cx->note;

	for (size_t i = 0; i < config->nfields; i++) {
		const struct field_def *field = &config->fields[i];
		if (!field->required || field->default_value)
			continue;
		const struct fm_node *key = NULL;
		const struct fm_node *value = front ? fm_map_get(front, field->name, &key) : NULL;
		int empty = !value || fm_is_null(value) ||
			(value->kind == FM_SCALAR && !value->text[0]) ||
			(value->kind == FM_LIST && value->count == 0);
		if (!empty)
			continue;
		struct diag *d = value
			? REPORT(cx, DIAG_REQUIRED_FIELD, key, "field '%s' is required but empty",
				 field->name)
			: diag_add(cx->diags, note->src, DIAG_REQUIRED_FIELD,
				   note->block.open_offset, 3, "missing required field '%s'",
				   field->name);
		if (field->type == FIELD_DATE)
			diag_hint(d, "add a line '%s: YYYY-MM-DD'", field->name);
		else
			diag_hint(d, "add a line '%s: ...' between the '---' lines", field->name);
	}
}

static void S_check_fields(struct context *cx)
{
	const struct fm_node *front = cx->note->front;
	const struct config *config = cx->config;

	for (size_t i = 0; front && i < front->count; i++) {
		const struct fm_node *key = &front->keys[i];
		const struct field_def *field = config_field(config, key->text);
		if (field) {
			S_check_field(cx, field, &front->items[i]);
			continue;
		}
		struct diag *d = REPORT(cx, DIAG_UNKNOWN_FIELD, key, "unknown field '%s'", key->text);
		if (!d)
			continue;
		struct suggestion s;
		suggest_init(&s, key->text);
		for (size_t f = 0; f < config->nfields; f++)
			suggest_consider(&s, config->fields[f].name);
		diag_hint_closest(d, s.best, "declare it under 'fields:' in perennial.yml to keep it");
	}
	S_check_required(cx, front);
}

/* A file named YYYY-MM-DD-... should hold a note of that day. */
static void S_check_file_date(struct context *cx)
{
	const struct note *note = cx->note;
	const struct fm_node *value = note->front ? fm_map_get(note->front, "date", NULL) : NULL;
	const char *text = fm_text(value);
	const char *name = notefile_name(note->src->path);
	struct date in_name, in_field;

	if (!text || strlen(name) < 10 || date_parse(&in_name, name, 10) != DATE_OK ||
	    date_parse(&in_field, text, strlen(text)) != DATE_OK ||
	    date_compare(&in_name, &in_field) == 0)
		return;
	diag_hint(REPORT(cx, DIAG_DATE_MISMATCH, value,
			 "date %s differs from the file name's %.10s", text, name),
		  "fix the date, or rename the file to match it");
}

static void S_check_sections(struct context *cx)
{
	const struct note *note = cx->note;
	const struct config *config = cx->config;

	for (size_t i = 0; i < config->nrequired_sections; i++) {
		const char *want = config->required_sections[i];
		size_t s;
		for (s = 0; s < note->body.nsections; s++)
			if (strcasecmp(note->body.sections[s].title, want) == 0)
				break;
		if (s < note->body.nsections)
			continue;
		/* Point at the last line: that is where a missing section goes. */
		const struct source *src = note->src;
		size_t at = source_line_start(src, source_line_of(src, src->len ? src->len - 1 : 0));
		diag_hint(diag_add(cx->diags, note->src, DIAG_REQUIRED_SECTION, at, 0,
				   "missing section '## %s'", want),
			  "add a heading '## %s' to the note", want);
	}
}

/*
 * The note's participants: a list, or one name written without brackets
 * (a field-type error already; its owner is not reported again).
 */
static size_t S_participants(const struct note *note, const struct fm_node **items)
{
	const struct fm_node *people = note->front ? fm_map_get(note->front, "participants", NULL) : NULL;

	*items = NULL;
	if (people && people->kind == FM_SCALAR) {
		*items = people;
		return 1;
	}
	if (people && people->kind == FM_LIST) {
		*items = people->items;
		return people->count;
	}
	return 0;
}

/*
 * With a participant roster (`people:`), each participant is one of it,
 * or an organizer: `maria-g` and `mria-g` must not become two people.
 */
static void S_check_participants(struct context *cx)
{
	const struct fm_node *people;
	size_t npeople = S_participants(cx->note, &people);

	if (!cx->config->has_people)
		return;
	for (size_t i = 0; i < npeople; i++) {
		const struct fm_node *who = &people[i];
		struct suggestion s;
		if (!fm_text(who) || !*who->text || config_person(cx->config, who->text) ||
		    config_organizer(cx->config, who->text))
			continue;
		struct diag *d = REPORT(cx, DIAG_UNKNOWN_PARTICIPANT, who, "unknown participant '%s'",
					who->text);
		if (!d)
			continue;
		config_suggest(&s, cx->config, CONFIG_ORGANIZERS | CONFIG_PEOPLE, who->text);
		diag_hint_closest(d, s.best, "add them under 'people:' in perennial.yml");
	}
}

/* An owner is an organizer or one of the note's participants. */
static void S_check_owner(struct context *cx, const struct md_step *step)
{
	const struct fm_node *people;
	size_t npeople = S_participants(cx->note, &people);
	struct suggestion s;

	if (config_organizer(cx->config, step->owner))
		return;
	if (!cx->participants_read) {
		for (size_t i = 0; i < npeople; i++)
			if (fm_text(&people[i]))
				strmap_add(&cx->participants, people[i].text, NULL);
		cx->participants_read = 1;
	}
	if (strmap_find(&cx->participants, step->owner) != STRMAP_NONE)
		return;
	struct diag *d = diag_add(cx->diags, cx->note->src, DIAG_UNKNOWN_OWNER, step->owner_offset,
				  step->owner_len, "unknown owner '@%s'", step->owner);
	if (!d)
		return;
	config_suggest(&s, cx->config, CONFIG_ORGANIZERS, step->owner);
	for (size_t i = 0; i < npeople; i++)
		if (fm_text(&people[i]))
			suggest_consider(&s, people[i].text);
	diag_hint_closest(d, s.best, "an owner is an organizer or one of the note's participants");
}

static void S_check_steps(struct context *cx)
{
	const struct note *note = cx->note;

	for (size_t i = 0; i < note->body.nsteps; i++) {
		const struct md_step *step = &note->body.steps[i];
		struct date due;

		if (step->owner)
			S_check_owner(cx, step);
		else
			diag_hint(diag_add(cx->diags, note->src, DIAG_STEP_NO_OWNER, step->offset, 3,
					   "next step has no owner"),
				  "say who will do it: '- [ ] @id ...'");
		if (step->due && date_parse(&due, step->due, strlen(step->due)) != DATE_OK)
			diag_hint(*step->due
				  ? diag_add(cx->diags, note->src, DIAG_INVALID_DUE_DATE,
					     step->due_offset, step->due_len,
					     "'%s' is not a due date", step->due)
				  : diag_add(cx->diags, note->src, DIAG_INVALID_DUE_DATE,
					     step->due_offset, step->due_len, "the due date is empty"),
				  "write it as (due YYYY-MM-DD), a day of the calendar");
	}
}

/*
 * A hashtag is free to be any word; one a letter or two away from a theme
 * id is most likely that theme, mistyped, and would be lost to the counts.
 */
static void S_check_hashtags(struct context *cx)
{
	const struct md_body *body = &cx->note->body;

	for (size_t i = 0; i < body->nhashtags; i++) {
		const struct md_hashtag *tag = &body->hashtags[i];
		if (mention_hashtag_theme(cx->config, tag->tag))
			continue;
		struct suggestion s;
		config_suggest(&s, cx->config, CONFIG_THEMES, tag->tag);
		if (!s.best)
			continue;
		struct diag *d = diag_add(cx->diags, cx->note->src, DIAG_UNKNOWN_HASHTAG, tag->offset,
					  tag->len, "'#%s' is not a theme of the codebook", tag->tag);
		diag_hint(d, "did you mean '#%s'?", s.best);
		diag_fix(d, "#%s", s.best);
	}
}

const char *validate_consent(const struct note *note, const struct config *config)
{
	const struct field_def *field = config_field(config, "consent");
	const struct fm_node *said = note->front ? fm_map_get(note->front, "consent", NULL) : NULL;
	/* Not said: the default. Said as no text (a list, nothing): no consent at all. */
	return said ? fm_text(said) : field && field->default_value ? field->default_value
		: "internal";
}

/* What a detector found, in words: "a phone number", or the repository's name for it. */
static void S_pii_words(struct strbuf *out, const char *detector)
{
	if (strcmp(detector, "phone") == 0)
		strbuf_addstr(out, "a phone number");
	else if (strcmp(detector, "email") == 0)
		strbuf_addstr(out, "an e-mail address");
	else
		strbuf_addf(out, "'%s' (privacy.pii_patterns)", detector);
}

/* A detector that backtracked past the note's budget (pattern.h). */
static void S_pii_gave_up(struct context *cx, const struct pattern_budget *budget)
{
	const struct privacy *privacy = &cx->config->privacy;
	struct strbuf what = STRBUF_INIT;
	for (size_t i = 0; i < privacy->ndetectors; i++)
		if (privacy->detectors[i].pattern == budget->gave_up)
			S_pii_words(&what, privacy->detectors[i].name);
	diag_hint(diag_add(cx->diags, cx->note->src, DIAG_PATTERN_TOO_COSTLY, budget->gave_up_at, 0,
			   "the search for %s took too long on this note and was stopped: from "
			   "here on, one may be there unseen", what.buf),
		  PATTERN_GAVE_UP_HINT);
	strbuf_release(&what);
}

/* A phone number or an address in a note whose words may be quoted is one step from a page. */
static void S_check_pii(struct context *cx)
{
	const struct privacy *privacy = &cx->config->privacy;
	const struct source *src = cx->note->src;
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	size_t start, end;
	long found;

	if (!config_may_quote(cx->config, validate_consent(cx->note, cx->config)))
		return;
	for (size_t from = 0; (found = pii_find(privacy->detectors, privacy->ndetectors, &budget,
						src->bytes, src->len, from, &start, &end)) >= 0;
	     from = end > start ? end : end + 1) {
		struct strbuf what = STRBUF_INIT;
		S_pii_words(&what, privacy->detectors[found].name);
		diag_hint(diag_add(cx->diags, src, DIAG_PII, start, end - start,
				   "%s in a note whose consent lets reports quote it", what.buf),
			  "keep contact details out of notes, or mark the note 'consent: private'; "
			  "a paragraph holding one is never quoted");
		strbuf_release(&what);
	}
	if (budget.gave_up)
		S_pii_gave_up(cx, &budget);
	pattern_budget_release(&budget);
}

/*
 * What the note template left for the organizer to fill in and is still
 * there: a `## ` question with nothing under it, and the template's first
 * step as it wrote it (its owner and due day aside).
 */
static void S_check_placeholders(struct context *cx)
{
	const struct note *note = cx->note;
	const struct md_body *body = &note->body;
	static const char placeholder[] = NOTE_PLACEHOLDER_STEP;
	const size_t n = sizeof(placeholder) - 1;

	for (size_t i = 0; i < body->nsections; i++) {
		const struct md_section *section = &body->sections[i];
		if (section->empty)
			diag_hint(diag_add(cx->diags, note->src, DIAG_TEMPLATE_PLACEHOLDER,
					   section->offset, section->len,
					   "section '%s' is empty", section->title),
				  "write what you heard there, or remove the heading");
	}
	for (size_t i = 0; i < body->nsteps; i++) {
		const struct md_step *step = &body->steps[i];
		/* Only the owner before it, only the due day after it. */
		const char *before = step->text;
		if (*before == '@')
			before += strcspn(before, " ");
		before += strspn(before, " ");
		const char *after = strncmp(before, placeholder, n) == 0 ? before + n : NULL;
		if (!after || (*after && strncmp(after, " (due ", 6) != 0))
			continue;
		/* Where it stands on the item's first line, for the column. */
		size_t at = step->offset;
		while (at + n < step->offset + step->len &&
		       strncmp(note->src->bytes + at, placeholder, n) != 0)
			at++;
		diag_hint(diag_add(cx->diags, note->src, DIAG_TEMPLATE_PLACEHOLDER, at, n,
				   "'%s' is the note template's placeholder", placeholder),
			  "say what comes next and who does it, or remove the step");
	}
}

void validate_note(const struct note *note, const struct config *config,
		   struct diag_list *diags)
{
	struct context cx = { note, config, diags, STRMAP_INIT, 0 };

	if (!note->has_front)
		return;
	S_check_fields(&cx);
	S_check_file_date(&cx);
	S_check_sections(&cx);
	S_check_participants(&cx);
	S_check_steps(&cx);
	S_check_hashtags(&cx);
	S_check_pii(&cx);
	S_check_placeholders(&cx);
	strmap_release(&cx.participants);
}
