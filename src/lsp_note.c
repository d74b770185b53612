#include "lsp_note.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "config.h"
#include "date.h"
#include "error.h"
#include "frontmatter.h"
#include "lsp_scan.h"
#include "lsp_text.h"
#include "markdown.h"
#include "note.h"
#include "notefile.h"
#include "source.h"
#include "utf8.h"
#include "validate.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

static json_t *S_declaration(const struct lsp_note *n, const char *id);

/* A finding as LSP says it: with a did you mean, where what it means is declared. */
json_t *lsp_note_diagnostic(const struct lsp_note *n, const struct diag *d)
{
	struct strbuf message = STRBUF_INIT;
	strbuf_addstr(&message, d->message);
	if (d->hint)
		strbuf_addf(&message, "\nhint: %s", d->hint);
	json_t *out = json_pack("{s:{s:o, s:o}, s:i, s:s, s:s, s:s}",
		"range", "start", lsp_text_position(n->text, d->line, d->column),
		"end", lsp_text_position(n->text, d->line, d->column + d->span),
		"severity", d->severity == DIAG_ERROR ? 1 : 2,
		"code", diag_rule_id(d->rule), "source", "perennial", "message", message.buf);
	json_t *where = d->fix ? S_declaration(n, d->fix[0] == '#' ? d->fix + 1 : d->fix)
		: json_null();
	if (!json_is_null(where)) {
		strbuf_reset(&message);
		strbuf_addf(&message, "'%s' is declared here", d->fix);
		json_object_set_new(out, "relatedInformation", json_pack("[{s:o, s:s}]",
			"location", where, "message", message.buf));
	} else {
		json_decref(where);
	}
	strbuf_release(&message);
	return out;
}

char *lsp_note_id(const struct lsp_note *n)
{
	struct diag_list unused = DIAG_LIST_INIT;
	const char *text = n->text->buf ? n->text->buf : "";
	char *id = NULL;
	size_t offset, len;
	if (n->path && !notefile_refuse_size(&unused, n->path, n->text->len) &&
	    !notefile_refuse_bytes(&unused, n->path, text, n->text->len)) {
		struct note *note = note_parse(source_new(n->path, text, n->text->len), NOTE_FRONT,
					       &unused);
		id = note->has_front ? note_id(note, &offset, &len) : NULL;
		note_free(note);
	}
	diag_list_release(&unused);
	return id;
}

/* The document's findings by check's rules (check_text); none for what is no note. */
void lsp_note_findings(const struct lsp_note *n, struct diag_list *diags)
{
	if (n->path)
		check_text(n->config, n->path, n->text->buf ? n->text->buf : "", n->text->len,
			   n->others, diags);
	diag_list_sort(diags);
}

/* Completion items: what CompletionItemKind calls them. */
enum { ITEM_FIELD = 5, ITEM_VALUE = 12 };

static void S_item(json_t *items, const char *label, const char *detail, int kind)
{
	json_t *item = json_pack("{s:s, s:i}", "label", label, "kind", kind);
	if (detail)
		json_object_set_new(item, "detail", json_string(detail));
	json_array_append_new(items, item);
}

static void S_organizers(const struct config *config, json_t *items)
{
	for (size_t i = 0; i < config->norganizers; i++)
		S_item(items, config->organizers[i].id, config->organizers[i].name, ITEM_VALUE);
}

/* "N conversations", for a count of notes. */
static void S_conversations(struct strbuf *out, size_t n)
{
	strbuf_addf(out, "%zu conversation%s", n, n == 1 ? "" : "s");
}

/* How many of the participants the notes name are offered at once, the most named first. */
#define PARTICIPANTS_OFFERED 100

/* A name the notes hold, and in how many notes it takes part, to order them. */
struct named {
	const char *name;
	size_t count;
};

static int S_most_named_first(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp(x->name, y->name);
}

/* An item of whoever may take part, in the order `rank` gives it (its sortText). */
static void S_person(json_t *items, const char *id, const char *detail, size_t rank)
{
	char order[32];
	S_item(items, id, detail, ITEM_VALUE);
	snprintf(order, sizeof(order), "%06zu", rank);
	json_object_set_new(json_array_get(items, json_array_size(items) - 1), "sortText",
			    json_string(order));
}

/*
 * Whoever may own a step or take part, whose id begins with `typed`
 * (`len` bytes, in any case): the organizers, the roster of people, then
 * the participants the notes name, the most named first. Returns 1 when
 * those were too many to offer all (the client is to ask again as more
 * is typed), else 0.
 */
static int S_people(const struct lsp_note *n, const char *typed, size_t len, json_t *items)
{
	const struct config *config = n->config;
	const size_t *counts;
	const char *name;
	size_t rank = 0, nnamed = 0;
	for (size_t i = 0; i < config->norganizers; i++)
		if (strncasecmp(config->organizers[i].id, typed, len) == 0)
			S_person(items, config->organizers[i].id, config->organizers[i].name, rank++);
	for (size_t i = 0; i < config->npeople; i++)
		if (strncasecmp(config->people[i].id, typed, len) == 0)
			S_person(items, config->people[i].id, config->people[i].name, rank++);
	struct named *named = NULL;
	size_t cap = 0;
	for (size_t i = 0; (name = lsp_scan_name(n->known, i, &counts)); i++) {
		if (!counts[LSP_SCAN_PARTICIPANT] || strncasecmp(name, typed, len) != 0 ||
		    config_organizer(config, name) || config_person(config, name))
			continue;
		XGROW(named, cap, nnamed + 1);
		named[nnamed++] = (struct named){ name, counts[LSP_SCAN_PARTICIPANT] };
	}
	if (nnamed)
		qsort(named, nnamed, sizeof(*named), S_most_named_first);
	for (size_t i = 0; i < nnamed && i < PARTICIPANTS_OFFERED; i++) {
		struct strbuf detail = STRBUF_INIT;
		strbuf_addstr(&detail, "in ");
		S_conversations(&detail, named[i].count);
		S_person(items, named[i].name, detail.buf, rank++);
		strbuf_release(&detail);
	}
	free(named);
	return nnamed > PARTICIPANTS_OFFERED;
}

static void S_themes(const struct config *config, json_t *items)
{
	for (size_t i = 0; i < config->nthemes; i++)
		S_item(items, config->themes[i].id, config->themes[i].label, ITEM_VALUE);
}

/* What may be written after `key:` in the front matter. */
static int S_values_of(const struct lsp_note *n, const char *key, size_t len,
		       const char *typed, size_t typed_len, json_t *items)
{
	const struct config *config = n->config;
	for (size_t i = 0; i < config->nfields; i++) {
		const struct field_def *f = &config->fields[i];
		if (strlen(f->name) != len || strncmp(f->name, key, len) != 0)
			continue;
		if (f->type == FIELD_ORGANIZER)
			S_organizers(config, items);
		else if (f->type == FIELD_THEME)
			S_themes(config, items);
		for (size_t v = 0; f->type == FIELD_ENUM && v < f->nvalues; v++)
			S_item(items, f->values[v], NULL, ITEM_VALUE);
	}
	if (len == strlen("participants") && strncmp(key, "participants", len) == 0)
		return S_people(n, typed, typed_len, items);
	return 0;
}

static void S_describe_day(struct strbuf *out, const struct date *day);

/* The days of the next two weeks from today, for a step's `(due ...)`, with their weekdays. */
static void S_days(json_t *items)
{
	struct date today;
	if (date_today(&today) < 0)
		return;
	long first = date_to_days(&today);
	for (long d = first; d < first + 14; d++) {
		struct date day = date_from_days(d);
		char text[DATE_SIZE];
		struct strbuf detail = STRBUF_INIT;
		date_format(text, &day);
		strbuf_addstr(&detail, d == first ? "today, " : d == first + 1 ? "tomorrow, " : "");
		S_describe_day(&detail, &day);
		S_item(items, text, detail.buf, ITEM_VALUE);
		strbuf_release(&detail);
	}
}

/* Whether line `line` (0-based) of text lies inside its front matter. */
static int S_in_front_matter(const struct strbuf *text, size_t line)
{
	size_t at = 0;
	for (size_t l = 0; l <= line && at < text->len; l++) {
		size_t end = lsp_text_line_end(text, at);
		int fence = end - at == 3 && memcmp(text->buf + at, "---", 3) == 0;
		if (l == 0 && !fence)
			return 0;
		if (l > 0 && fence)
			return 0;   /* the front matter ended before the line */
		at = lsp_text_line_start(text, l + 1);
	}
	return line > 0;
}

static int S_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '-' || c == '_';
}

/*
 * What may be written at the cursor: in the front matter, a field's name
 * at the start of a line, else what its value may be; in the body, an
 * owner after `@` and a theme after `#`.
 */
json_t *lsp_note_completions(const struct lsp_note *n, size_t line, size_t character)
{
	const struct config *config = n->config;
	json_t *items = json_array();
	int cut = 0;
	if (!n->path)
		return items;
	size_t start = lsp_text_line_start(n->text, line);
	size_t cursor = lsp_text_offset(n->text, line, character);
	const char *prefix = n->text->buf ? n->text->buf + start : "";
	size_t len = cursor - start;
	/* The word being typed: what is before the cursor of it. */
	size_t at = len;
	while (at > 0 && S_id_char(prefix[at - 1]))
		at--;
	if (S_in_front_matter(n->text, line)) {
		const char *colon = memchr(prefix, ':', len);
		if (!colon) {
			for (size_t i = 0; i < config->nfields; i++)
				S_item(items, config->fields[i].name, NULL, ITEM_FIELD);
			return items;
		}
		size_t key = (size_t)(colon - prefix);
		while (key > 0 && prefix[key - 1] == ' ')
			key--;
		cut = S_values_of(n, prefix, key, prefix + at, len - at, items);
	} else if (at >= 5 && memcmp(prefix + at - 5, "(due ", 5) == 0) {
		S_days(items);
	} else if (at == 0 || (at > 1 && S_id_char(prefix[at - 2]))) {
		/* not after an `@` or a `#` of its own */
	} else if (prefix[at - 1] == '@') {
		cut = S_people(n, prefix + at, len - at, items);
	} else if (prefix[at - 1] == '#') {
		S_themes(config, items);
	}
	return cut ? json_pack("{s:b, s:o}", "isIncomplete", 1, "items", items) : items;
}

/*
 * Where an entry is added to the block under the top-level `key:`: after
 * its last line; (size_t)-1 when there is no such block (none, or one
 * written in flow style, `people: {...}`).
 */
static size_t S_block_end(const struct strbuf *text, const char *key)
{
	size_t keylen = strlen(key), found = (size_t)-1;
	int inside = 0;
	for (size_t at = 0, l = 0; at < text->len; l++) {
		size_t end = lsp_text_line_end(text, at), next = lsp_text_line_start(text, l + 1);
		const char *line = text->buf + at;
		size_t len = end - at, indent = 0;
		while (indent < len && line[indent] == ' ')
			indent++;
		if (indent == 0 && len && line[0] != '#') {
			if (inside)
				break;
			if (len > keylen && strncmp(line, key, keylen) == 0 && line[keylen] == ':') {
				size_t k = keylen + 1;
				while (k < len && line[k] == ' ')
					k++;
				inside = k == len || line[k] == '#';
				found = inside ? next : found;
			}
		} else if (inside && indent < len && line[indent] != '#') {
			found = next;
		}
		at = next;
	}
	return found;
}

/* The text a finding underlines (malloc'd), when it is one id; else NULL. */
static char *S_underlined_id(const struct strbuf *text, const struct diag *d)
{
	size_t at = lsp_text_line_start(text, d->line ? d->line - 1 : 0);
	size_t end = lsp_text_line_end(text, at);
	for (unsigned c = 1; c < d->column && at < end; c++)
		at += utf8_char_len(text->buf + at, end - at);
	size_t from = at;
	for (unsigned c = 0; c < d->span && at < end && S_id_char(text->buf[at]); c++)
		at++;
	return at > from && (at == end || !S_id_char(text->buf[at]))
		? xstrndup(text->buf + from, at - from) : NULL;
}

/* "Add this participant to the roster": an entry for the underlined id under `people:`. */
static json_t *S_add_to_roster(const struct lsp_note *n, const struct diag *d)
{
	const struct strbuf *yml = n->config_text;
	struct strbuf entry = STRBUF_INIT, uri = STRBUF_INIT, title = STRBUF_INIT;
	char *who = S_underlined_id(n->text, d);
	json_t *action = NULL;
	size_t at = who ? S_block_end(yml, "people") : (size_t)-1;
	if (at != (size_t)-1) {
		if (at == yml->len && yml->len && yml->buf[yml->len - 1] != '\n')
			strbuf_addch(&entry, '\n');
		strbuf_addf(&entry, "  %s: { name: %s }\n", who, who);
		lsp_text_uri(&uri, n->root, CONFIG_FILE);
		strbuf_addf(&title, "Add '%s' to the roster in %s", who, CONFIG_FILE);
		action = json_pack("{s:s, s:s, s:[o], s:{s:{s:[{s:o, s:s}]}}}", "title", title.buf,
			"kind", "quickfix", "diagnostics", lsp_note_diagnostic(n, d),
			"edit", "changes", uri.buf, "range", lsp_text_range(yml, at, 0),
			"newText", entry.buf);
	}
	free(who);
	strbuf_release(&entry);
	strbuf_release(&uri);
	strbuf_release(&title);
	return action;
}

json_t *lsp_note_quick_fixes(const struct lsp_note *n, size_t first, size_t last)
{
	struct diag_list diags = DIAG_LIST_INIT;
	json_t *actions = json_array();
	lsp_note_findings(n, &diags);
	for (size_t i = 0; i < diags.len; i++) {
		const struct diag *d = &diags.items[i];
		if (d->line < first + 1 || d->line > last + 1)
			continue;
		json_t *roster = d->rule == DIAG_UNKNOWN_PARTICIPANT ? S_add_to_roster(n, d) : NULL;
		if (roster)
			json_array_append_new(actions, roster);
		if (!d->fix)
			continue;
		json_t *diagnostic = lsp_note_diagnostic(n, d);
		json_t *edit = json_pack("{s:O, s:s}", "range", json_object_get(diagnostic, "range"),
					 "newText", d->fix);
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(&title, "Change to '%s'", d->fix);
		json_array_append_new(actions, json_pack("{s:s, s:s, s:[o], s:b, s:{s:{s:[o]}}}",
			"title", title.buf, "kind", "quickfix", "diagnostics", diagnostic,
			"isPreferred", 1, "edit", "changes", n->uri, edit));
		strbuf_release(&title);
	}
	diag_list_release(&diags);
	return actions;
}

/* SymbolKind: what LSP calls a section and a step. */
enum { SYMBOL_STRING = 15, SYMBOL_EVENT = 24 };

static void S_symbol(json_t *symbols, const struct strbuf *text, const char *name,
		     const char *detail, int kind, size_t offset, size_t len)
{
	json_array_append_new(symbols, json_pack("{s:s, s:s, s:i, s:o, s:o}",
		"name", name && *name ? name : "(untitled)", "detail", detail ? detail : "",
		"kind", kind, "range", lsp_text_range(text, offset, len),
		"selectionRange", lsp_text_range(text, offset, len)));
}

/* The note's outline: its `## ` sections and its next steps, in the order they come. */
json_t *lsp_note_symbols(const struct lsp_note *n)
{
	json_t *symbols = json_array();
	if (!n->path)
		return symbols;
	struct diag_list diags = DIAG_LIST_INIT;
	struct note *note = note_parse(source_new(n->path, n->text->buf ? n->text->buf : "",
						  n->text->len), NOTE_ALL, &diags);
	const struct md_body *body = &note->body;
	for (size_t s = 0, t = 0; s < body->nsections || t < body->nsteps;) {
		if (t == body->nsteps ||
		    (s < body->nsections && body->sections[s].offset < body->steps[t].offset)) {
			const struct md_section *section = &body->sections[s++];
			S_symbol(symbols, n->text, section->title, NULL, SYMBOL_STRING,
				 section->offset, section->len);
		} else {
			const struct md_step *step = &body->steps[t++];
			S_symbol(symbols, n->text, step->words, step->done ? "done" : "open",
				 SYMBOL_EVENT, step->offset, step->len);
		}
	}
	note_free(note);
	diag_list_release(&diags);
	return symbols;
}

/* What a day is: its weekday and ISO week. */
static void S_describe_day(struct strbuf *out, const struct date *day)
{
	static const char *const weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday",
						"Friday", "Saturday", "Sunday" };
	char week[16];
	long days = date_to_days(day);
	struct iso_week w = date_iso_week(day);
	iso_week_format(week, &w);
	strbuf_addf(out, "%s, week %s", weekdays[((days % 7) + 7 + 3) % 7], week);
}

/* The id or day under the cursor (malloc'd) and its bytes from *from to *to; NULL for none. */
static char *S_word_at(const struct lsp_note *n, size_t line, size_t character, size_t *from,
		       size_t *to)
{
	size_t at = lsp_text_offset(n->text, line, character);
	*from = *to = at;
	while (*from > 0 && S_id_char(n->text->buf[*from - 1]))
		(*from)--;
	while (*to < n->text->len && S_id_char(n->text->buf[*to]))
		(*to)++;
	return *from < *to ? xstrndup(n->text->buf + *from, *to - *from) : NULL;
}

/*
 * Where perennial.yml declares `id` under the top-level `key` (organizers,
 * people, themes): a Location, or null.
 */
static json_t *S_declared(const struct lsp_note *n, const char *key, const char *id)
{
	const struct strbuf *text = n->config_text;
	struct strbuf uri = STRBUF_INIT;
	json_t *location = json_null();
	/* The lines below `key:` that are indented, up to the next top-level key. */
	int inside = 0;
	size_t keylen = strlen(key), idlen = strlen(id);
	for (size_t at = 0, l = 0; at < text->len; l++) {
		size_t end = lsp_text_line_end(text, at);
		const char *line = text->buf + at;
		size_t len = end - at, indent = 0;
		while (indent < len && line[indent] == ' ')
			indent++;
		if (indent == 0 && len && line[0] != '#')
			inside = len > keylen && strncmp(line, key, keylen) == 0 && line[keylen] == ':';
		else if (inside && len - indent > idlen && strncmp(line + indent, id, idlen) == 0 &&
			 line[indent + idlen] == ':') {
			lsp_text_uri(&uri, n->root, CONFIG_FILE);
			location = json_pack("{s:s, s:o}", "uri", uri.buf,
					     "range", lsp_text_range(text, at + indent, idlen));
			break;
		}
		at = lsp_text_line_start(text, l + 1);
	}
	strbuf_release(&uri);
	return location;
}

/* Where perennial.yml declares the organizer, person or theme `id`: a Location, or null. */
static json_t *S_declaration(const struct lsp_note *n, const char *id)
{
	const struct config *config = n->config;
	if (!config)
		return json_null();
	if (config_organizer(config, id))
		return S_declared(n, "organizers", id);
	if (config_person(config, id))
		return S_declared(n, "people", id);
	if (strmap_find(&config->theme_ids, id) != STRMAP_NONE)
		return S_declared(n, "themes", id);
	return json_null();
}

/*
 * Where the participant `who` stands in the participants of the note at
 * `path`, as it reads now: a Location, or NULL when it no longer names
 * them there, is gone since it was scanned, or is now private.
 */
static json_t *S_named_in(const struct lsp_note *n, const char *path, const char *who)
{
	struct diag_list unused = DIAG_LIST_INIT;
	struct source *src = NULL;
	size_t mark = error_mark();
	json_t *location = NULL;
	if (n->others->read(n->others->ctx, path, &src, &unused) != 0) {
		error_forget_since(mark);
		diag_list_release(&unused);
		return NULL;
	}
	struct note *note = note_parse(src, NOTE_FRONT, &unused);
	int private = config_consent_private(n->config, validate_consent(note, n->config));
	const struct fm_node *list = private ? NULL : fm_map_get(note->front, "participants", NULL);
	for (size_t i = 0; !location && list && list->kind == FM_LIST && i < list->count; i++) {
		const struct fm_node *item = &list->items[i];
		if (item->kind != FM_SCALAR || strcmp(item->text, who) != 0)
			continue;
		struct strbuf uri = STRBUF_INIT;
		struct strbuf text = { note->src->bytes, note->src->len, 0 };
		lsp_text_uri(&uri, n->root, path);
		location = json_pack("{s:s, s:o}", "uri", uri.buf,
				     "range", lsp_text_range(&text, item->offset, item->len));
		strbuf_release(&uri);
	}
	note_free(note);
	diag_list_release(&unused);
	return location;
}

/* The notes that name `who` among their participants: Locations, at the name. */
static json_t *S_notes_with(const struct lsp_note *n, const char *who)
{
	const char **paths = NULL;
	size_t count = n->others ? lsp_scan_notes_with(n->known, who, &paths) : 0;
	json_t *locations = json_array();
	for (size_t i = 0; i < count; i++) {
		json_t *location = S_named_in(n, paths[i], who);
		if (location)
			json_array_append_new(locations, location);
	}
	free(paths);
	return locations;
}

/* The id under the cursor of a note (malloc'd), or NULL. */
static char *S_id_at(const struct lsp_note *n, size_t line, size_t character)
{
	size_t from, to;
	return n->path ? S_word_at(n, line, character, &from, &to) : NULL;
}

json_t *lsp_note_references(const struct lsp_note *n, size_t line, size_t character)
{
	char *word = S_id_at(n, line, character);
	json_t *locations = word ? S_notes_with(n, word) : json_array();
	free(word);
	return locations;
}

json_t *lsp_note_definition(const struct lsp_note *n, size_t line, size_t character)
{
	char *word = S_id_at(n, line, character);
	json_t *location = word ? S_declaration(n, word) : json_null();
	if (word && json_is_null(location) &&
	    lsp_scan_count(n->known, LSP_SCAN_PARTICIPANT, word)) {
		json_decref(location);
		location = S_notes_with(n, word);
	}
	free(word);
	return location;
}

/* How many notes name `word`, after what it is: nothing when none does. */
static void S_counted(struct strbuf *said, const struct lsp_note *n, const char *word)
{
	static const struct {
		enum lsp_scan_role role;
		const char *verb;
	} roles[] = {
		{ LSP_SCAN_ORGANIZER, "organized" },
		{ LSP_SCAN_PARTICIPANT, "took part in" },
		{ LSP_SCAN_THEME, "mentioned in" },
	};
	const char *sep = "\n\n";
	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++) {
		size_t count = lsp_scan_count(n->known, roles[i].role, word);
		if (!count)
			continue;
		strbuf_addf(said, "%s%s ", sep, roles[i].verb);
		S_conversations(said, count);
		sep = ", ";
	}
}

/*
 * What the word under the cursor names: an organizer, a person or a theme
 * of perennial.yml, with its name or label, or a participant of the notes,
 * with how many notes name it; or a day; NULL for none.
 */
json_t *lsp_note_hover(const struct lsp_note *n, size_t line, size_t character)
{
	const struct config *config = n->config;
	size_t from, to;
	char *word = n->path ? S_word_at(n, line, character, &from, &to) : NULL;
	if (!word)
		return json_null();
	struct strbuf said = STRBUF_INIT;
	const struct person *who;
	struct date day;
	size_t theme = strmap_find(&config->theme_ids, word);
	int is_day = date_parse(&day, word, strlen(word)) == DATE_OK;
	if (is_day)
		S_describe_day(&said, &day);
	else if ((who = config_organizer(config, word)))
		strbuf_addf(&said, "**%s**, organizer `%s`", who->name, who->id);
	else if ((who = config_person(config, word)))
		strbuf_addf(&said, "**%s**, in the roster as `%s`", who->name, who->id);
	else if (theme != STRMAP_NONE)
		strbuf_addf(&said, "**%s**, theme `%s`%s%s", config->themes[theme].label, word,
			    config->themes[theme].description ? "\n\n" : "",
			    config->themes[theme].description ? config->themes[theme].description : "");
	else if (lsp_scan_count(n->known, LSP_SCAN_PARTICIPANT, word))
		strbuf_addf(&said, "`%s`, a participant not in the roster", word);
	if (said.len && !is_day)
		S_counted(&said, n, word);
	free(word);
	if (!said.len) {
		strbuf_release(&said);
		return json_null();
	}
	json_t *hover = json_pack("{s:{s:s, s:s}, s:o}", "contents", "kind", "markdown",
				  "value", said.buf, "range", lsp_text_range(n->text, from, to - from));
	strbuf_release(&said);
	return hover;
}
