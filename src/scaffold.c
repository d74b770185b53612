#include "scaffold.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "config.h"
#include "error.h"
#include "note.h"
#include "notefile.h"
#include "strbuf.h"
#include "strlist.h"
#include "suggest.h"
#include "template.h"
#include "utf8.h"
#include "worktree.h"
#include "xalloc.h"

/* ---- Characters ---- */

static int S_ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * Latin letters with accents, as ASCII: Latin-1, Latin Extended-A, the
 * horned o and u and the Vietnamese letters (Nguyễn). Other scripts have
 * no simple ASCII form and count as separators.
 */
static const struct {
	unsigned first, last;
	const char *ascii;
} S_folds[] = {
	{ 0xC0, 0xC5, "a" }, { 0xC6, 0xC6, "ae" }, { 0xC7, 0xC7, "c" }, { 0xC8, 0xCB, "e" },
	{ 0xCC, 0xCF, "i" }, { 0xD0, 0xD0, "d" }, { 0xD1, 0xD1, "n" }, { 0xD2, 0xD6, "o" },
	{ 0xD8, 0xD8, "o" }, { 0xD9, 0xDC, "u" }, { 0xDD, 0xDD, "y" }, { 0xDE, 0xDE, "th" },
	{ 0xDF, 0xDF, "ss" }, { 0xE0, 0xE5, "a" }, { 0xE6, 0xE6, "ae" }, { 0xE7, 0xE7, "c" },
	{ 0xE8, 0xEB, "e" }, { 0xEC, 0xEF, "i" }, { 0xF0, 0xF0, "d" }, { 0xF1, 0xF1, "n" },
	{ 0xF2, 0xF6, "o" }, { 0xF8, 0xF8, "o" }, { 0xF9, 0xFC, "u" }, { 0xFD, 0xFD, "y" },
	{ 0xFE, 0xFE, "th" }, { 0xFF, 0xFF, "y" },
	{ 0x100, 0x105, "a" }, { 0x106, 0x10D, "c" }, { 0x10E, 0x111, "d" }, { 0x112, 0x11B, "e" },
	{ 0x11C, 0x123, "g" }, { 0x124, 0x127, "h" }, { 0x128, 0x131, "i" }, { 0x132, 0x133, "ij" },
	{ 0x134, 0x135, "j" }, { 0x136, 0x138, "k" }, { 0x139, 0x142, "l" }, { 0x143, 0x14B, "n" },
	{ 0x14C, 0x151, "o" }, { 0x152, 0x153, "oe" }, { 0x154, 0x159, "r" }, { 0x15A, 0x161, "s" },
	{ 0x162, 0x167, "t" }, { 0x168, 0x173, "u" }, { 0x174, 0x175, "w" }, { 0x176, 0x178, "y" },
	{ 0x179, 0x17E, "z" }, { 0x17F, 0x17F, "s" },
	{ 0x1A0, 0x1A1, "o" }, { 0x1AF, 0x1B0, "u" },
	{ 0x1EA0, 0x1EB7, "a" }, { 0x1EB8, 0x1EC7, "e" }, { 0x1EC8, 0x1ECB, "i" },
	{ 0x1ECC, 0x1EE3, "o" }, { 0x1EE4, 0x1EF1, "u" }, { 0x1EF2, 0x1EF9, "y" },
};

static const char *S_fold(unsigned c)
{
	for (size_t i = 0; i < sizeof(S_folds) / sizeof(*S_folds); i++)
		if (c >= S_folds[i].first && c <= S_folds[i].last)
			return S_folds[i].ascii;
	return NULL;
}

/* Marks that add to the letter before them (é written as e and U+0301), and apostrophes. */
static int S_dropped(unsigned c)
{
	return (c >= 0x300 && c <= 0x36F) || c == '\'' || c == 0x2019 || c == 0x2BC;
}

/* ---- Slugs and ids ---- */

char *scaffold_slug(const char *text, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(text);
	int gap = 0;

	strbuf_addstr(&sb, "");
	for (size_t i = 0, n; i < len; i += n) {
		unsigned c = utf8_decode(text + i, len - i, &n);
		char ascii[2] = { 0, 0 };
		const char *add = NULL;

		if (S_ascii_alnum(c)) {
			ascii[0] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
			add = ascii;
		} else if (S_dropped(c)) {
			continue;
		} else {
			add = S_fold(c);
		}
		if (!add) {
			gap = 1;
			continue;
		}
		if (gap && sb.len)
			strbuf_addch(&sb, '-');
		gap = 0;
		strbuf_addstr(&sb, add);
	}
	if (sb.len > max) {
		size_t cut = max;
		/* At a word's end when one is near; a slug cut mid-word is hard to read. */
		for (size_t i = max; i > max / 2; i--) {
			if (sb.buf[i] == '-') {
				cut = i;
				break;
			}
		}
		while (cut && sb.buf[cut - 1] == '-')
			cut--;
		sb.len = cut;
		sb.buf[cut] = '\0';
	}
	return strbuf_detach(&sb);
}

/* A letter or digit of any script: what markdown.c reads into an `@owner`. */
static int S_id_word(unsigned c)
{
	return S_ascii_alnum(c) || (c >= 0x80 && c != UTF8_INVALID);
}

int scaffold_id_ok(const char *id)
{
	size_t len = strlen(id);
	unsigned c = 0;

	if (!len || utf8_invalid_offset(id, len) != len)
		return 0;
	for (size_t i = 0, n; i < len; i += n) {
		c = utf8_decode(id + i, len - i, &n);
		if (!S_id_word(c) && (i == 0 || c >= 0x80 || !strchr(".-_", (int)c)))
			return 0;
		/* Spaces of other scripts (U+00A0, U+3000) would split a name too. */
		if (c == 0xA0 || c == 0x85 || (c >= 0x2000 && c <= 0x200F) ||
		    (c >= 0x2028 && c <= 0x202F) || c == 0x3000 || c == 0xFEFF)
			return 0;
	}
	return S_id_word(c);
}

/* ---- YAML ---- */

/* Words YAML (1.1, which many tools still read) takes for something other than text. */
static int S_yaml_special(const char *s)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "y", "n", "null",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* Line breaks and marks YAML treats specially even inside text. */
static int S_yaml_unsafe(unsigned c)
{
	return c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 ||
		c == 0xFEFF || c == UTF8_INVALID;
}

static int S_yaml_plain(const char *s, int flow)
{
	size_t len = strlen(s);
	unsigned first = (unsigned char)s[0];

	/* A letter first: no indicator (- ? : , [ ] { } # & * ! | > ' " % @ `), no number. */
	if (!len || !(S_ascii_alnum(first) || first >= 0x80) || (first >= '0' && first <= '9') ||
	    S_yaml_special(s) || s[len - 1] == ' ' || s[len - 1] == ':')
		return 0;
	for (size_t i = 0, n; i < len; i += n) {
		unsigned c = utf8_decode(s + i, len - i, &n);
		if (S_yaml_unsafe(c) || (c >= 0x80 && c < 0xA0) || c == 0xA0)
			return 0;
		if ((c == ':' && s[i + 1] == ' ') || (c == '#' && s[i - 1] == ' '))
			return 0;
		/* Older libyaml refuses any ':' in a flow list's plain scalar. */
		if (flow && c < 0x80 && strchr(",[]{}:", (int)c))
			return 0;
	}
	return 1;
}

void scaffold_yaml_scalar(struct strbuf *out, const char *s, int flow)
{
	size_t len = strlen(s);

	if (S_yaml_plain(s, flow)) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	for (size_t i = 0, n; i < len; i += n) {
		unsigned c = utf8_decode(s + i, len - i, &n);
		switch (c) {
		case '"': strbuf_addstr(out, "\\\""); break;
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case '\t': strbuf_addstr(out, "\\t"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': strbuf_addstr(out, "\\r"); break;
		case 0x85: strbuf_addstr(out, "\\N"); break;
		case 0x2028: strbuf_addstr(out, "\\L"); break;
		case 0x2029: strbuf_addstr(out, "\\P"); break;
		case 0xFEFF: strbuf_addstr(out, "\\uFEFF"); break;
		default:
			if (c < 0x20 || c == 0x7F || c == UTF8_INVALID)
				strbuf_addf(out, "\\x%02X", (unsigned char)s[i]);
			else
				strbuf_add(out, s + i, n);
		}
	}
	strbuf_addch(out, '"');
}

void scaffold_yaml_list(struct strbuf *out, char *const *items, size_t n)
{
	strbuf_addch(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		scaffold_yaml_scalar(out, items[i], 1);
	}
	strbuf_addch(out, ']');
}

/* ---- The note ---- */

const char *scaffold_default_kind(const struct config *config)
{
	const struct field_def *kind = config_field(config, "kind");

	if (!kind || kind->type != FIELD_ENUM || !kind->nvalues)
		return kind && kind->default_value ? kind->default_value : "one-on-one";
	for (size_t i = 0; i < kind->nvalues; i++)
		if (strcmp(kind->values[i], "one-on-one") == 0)
			return kind->values[i];
	return kind->default_value ? kind->default_value : kind->values[0];
}

static json_t *S_yaml_string(const char *s, int flow)
{
	struct strbuf sb = STRBUF_INIT;
	scaffold_yaml_scalar(&sb, s, flow);
	json_t *j = json_string(sb.buf);
	strbuf_release(&sb);
	return j;
}

static void S_set(json_t *obj, const char *key, json_t *value)
{
	/* NULL from jansson is text that is not UTF-8: the caller checked it is. */
	if (!value || json_object_set_new(obj, key, value) < 0)
		xalloc_die(0);
}

/* The fields the built-in template writes itself. */
static int S_written(const char *name)
{
	static const char *const names[] = {
		"title", "date", "organizer", "participants", "kind", "themes", "consent",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

json_t *scaffold_note_data(const struct config *config, const struct scaffold_note *note)
{
	json_t *data = json_object();
	json_t *participants = json_array();
	json_t *kind_is = json_object();
	json_t *sections = json_array();
	json_t *fields = json_array();
	struct strbuf sb = STRBUF_INIT;
	char day[DATE_SIZE], due[DATE_SIZE];

	if (!data || !participants || !kind_is || !sections || !fields)
		xalloc_die(0);
	date_format(day, &note->date);
	struct date later = date_from_days(date_to_days(&note->date) + 7);
	date_format(due, &later);

	const struct person *organizer = config_organizer(config, note->organizer);
	S_set(data, "title", json_string(note->title));
	S_set(data, "title_yaml", S_yaml_string(note->title, 0));
	S_set(data, "date", json_string(day));
	S_set(data, "due", json_string(due));
	S_set(data, "first_step", json_string(NOTE_PLACEHOLDER_STEP));
	S_set(data, "organizer", json_string(note->organizer));
	S_set(data, "organizer_yaml", S_yaml_string(note->organizer, 0));
	S_set(data, "organizer_name", json_string(organizer && organizer->name ? organizer->name
						  : note->organizer));
	for (size_t i = 0; i < note->nparticipants; i++)
		if (json_array_append_new(participants, json_string(note->participants[i])) < 0)
			xalloc_die(0);
	S_set(data, "participants", participants);
	scaffold_yaml_list(&sb, note->participants, note->nparticipants);
	S_set(data, "participants_yaml", json_string(sb.buf));
	S_set(data, "kind", json_string(note->kind));
	S_set(data, "kind_yaml", S_yaml_string(note->kind, 0));
	S_set(kind_is, note->kind, json_true());
	S_set(data, "kind_is", kind_is);

	S_set(data, "consent", json_string(scaffold_note_consent(config, note)));
	const struct field_def *consent = config_field(config, "consent");
	if (note->consent || (consent && consent->default_value))
		S_set(data, "consent_yaml", S_yaml_string(note->consent ? note->consent
							  : consent->default_value, 0));
	json_t *themes = json_array();
	if (!themes)
		xalloc_die(0);
	for (size_t i = 0; i < note->nthemes; i++)
		if (json_array_append_new(themes, json_string(note->themes[i])) < 0)
			xalloc_die(0);
	S_set(data, "themes", themes);
	strbuf_reset(&sb);
	scaffold_yaml_list(&sb, note->themes, note->nthemes);
	S_set(data, "themes_yaml", json_string(sb.buf));

	for (size_t i = 0; i < config->nrequired_sections; i++)
		if (strcasecmp(config->required_sections[i], "Next steps") != 0)
			json_array_append_new(sections, json_string(config->required_sections[i]));
	S_set(data, "sections", sections);

	/* Other required fields are written for the organizer to fill in. */
	for (size_t i = 0; i < config->nfields; i++) {
		const struct field_def *f = &config->fields[i];
		if (!f->required || S_written(f->name))
			continue;
		strbuf_reset(&sb);
		scaffold_yaml_scalar(&sb, f->name, 0);
		strbuf_addch(&sb, ':');
		if (f->default_value) {
			strbuf_addch(&sb, ' ');
			scaffold_yaml_scalar(&sb, f->default_value, 0);
		} else if (f->list) {
			strbuf_addstr(&sb, " []");
		}
		json_t *field = json_object();
		if (!field)
			xalloc_die(0);
		S_set(field, "name", json_string(f->name));
		S_set(field, "yaml", json_string(sb.buf));
		json_array_append_new(fields, field);
	}
	S_set(data, "fields", fields);
	strbuf_release(&sb);
	return data;
}

const char *scaffold_note_consent(const struct config *config, const struct scaffold_note *note)
{
	const struct field_def *consent = config_field(config, "consent");
	if (note->consent)
		return note->consent;
	/* What the index takes a note that says none for. */
	return consent && consent->default_value ? consent->default_value : "internal";
}

void scaffold_note_place(char **folder, char **stem, const struct config *config,
			 const struct scaffold_note *note)
{
	struct strbuf sb = STRBUF_INIT;
	char day[DATE_SIZE];
	int private = config_consent_private(config, scaffold_note_consent(config, note));
	char *slug = private ? xstrdup("private") : scaffold_slug(note->title, SCAFFOLD_SLUG_MAX);
	char *organizer = scaffold_slug(note->organizer, SCAFFOLD_SLUG_MAX);

	date_format(day, &note->date);
	strbuf_addf(&sb, "%s/%.4s/%.2s", config->notes_dir, day, day + 5);
	*folder = strbuf_detach(&sb);

	/* A title of only other scripts or signs: the people, as the sample notes are named. */
	for (size_t i = 0; !*slug && i < note->nparticipants; i++) {
		char *part = scaffold_slug(note->participants[i], SCAFFOLD_SLUG_MAX);
		if (*part && sb.len + 1 + strlen(part) <= SCAFFOLD_SLUG_MAX) {
			if (sb.len)
				strbuf_addch(&sb, '-');
			strbuf_addstr(&sb, part);
		}
		free(part);
	}
	if (!*slug && sb.len) {
		free(slug);
		slug = strbuf_detach(&sb);
	}
	strbuf_addf(&sb, "%s-", day);
	if (*organizer)
		strbuf_addf(&sb, "%s-", organizer);
	strbuf_addstr(&sb, *slug ? slug : "note");
	*stem = strbuf_detach(&sb);
	free(slug);
	free(organizer);
}

int scaffold_taken_names(struct strlist *out, const char *root, const struct notefile_scope *scope)
{
	struct strlist notes = STRLIST_INIT;
	struct diag_list ignored = DIAG_LIST_INIT; /* links out are check's to report */
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	int ret = 0;

	strbuf_addf(&path, "%s/%s", root, scope->dir);
	if (stat(path.buf, &st) == 0 || errno != ENOENT)
		ret = worktree_list(&notes, root, scope, scope->dir, &ignored);
	for (size_t i = 0; i < notes.len; i++) {
		const char *name = notefile_name(notes.items[i]);
		strlist_add_owned(out, xstrndup(name, strlen(name) - 3));
	}
	strlist_sort_unique(out);
	strlist_release(&notes);
	diag_list_release(&ignored);
	strbuf_release(&path);
	return ret;
}

/* The most -N a name gets before giving up: a folder that full is a mistake. */
#define S_MAX_TRIES 1000

int scaffold_create(char **out, const char *root, const char *folder, const char *stem,
		    const struct strlist *taken, const char *bytes, size_t len)
{
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	char *real = NULL;
	int dir = -1, written = 0, ret = -1;

	*out = NULL;
	if (!(real = worktree_make_folder(root, folder)))
		goto done;
	dir = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0) {
		error_set("cannot open folder '%s': %s", folder, strerror(errno));
		goto done;
	}
	for (int n = 1; !written; n++) {
		if (n > S_MAX_TRIES) {
			error_set("'%s/%s.md' and the next %d names are taken", folder, stem, S_MAX_TRIES - 1);
			goto done;
		}
		strbuf_reset(&name);
		strbuf_addstr(&name, stem);
		if (n > 1)
			strbuf_addf(&name, "-%d", n);
		if (taken && strlist_has_sorted(taken, name.buf))
			continue;
		strbuf_addstr(&name, ".md");
		/* Never replace a note, even one made a moment ago by someone else. */
		if (atomic_write(dir, name.buf, bytes, len, ATOMIC_CREATE, NULL) == 0)
			written = 1;
		else if (errno != EEXIST) {
			error_set("cannot write '%s/%s': %s", folder, name.buf, error_write_reason(errno));
			goto done;
		}
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s", folder, name.buf);
	*out = strbuf_detach(&path);
	ret = 0;
done:
	if (dir >= 0)
		close(dir);
	free(real);
	strbuf_release(&path);
	strbuf_release(&name);
	return ret;
}

/* ---- A new notes repository ---- */

const char scaffold_config_text[] =
	"# perennial.yml: the settings of this notes repository.\n"
	"#\n"
	"# The folder holding this file is the notes root: perennial finds it by\n"
	"# walking up from the current folder (or the one given with -C DIR). Every\n"
	"# key is optional, and every path is relative to this folder and stays\n"
	"# inside it. Run 'perennial check' after changing anything here.\n"
	"\n"
	"# Where the conversation notes live, one Markdown file a conversation:\n"
	"#   notes/YYYY/MM/YYYY-MM-DD-<organizer>-<slug>.md\n"
	"# 'perennial new \"TITLE\"' writes one from the note template.\n"
	"notes: notes\n"
	"\n"
	"# Where 'perennial report' writes the weekly pages and reports/index.md:\n"
	"# generated files, committed with the notes.\n"
	"reports: reports\n"
	"\n"
	"# The roster: id -> { name }. Every note's `organizer:` is one of these\n"
	"# ids, and every next step is owned (`@id`) by one of them or by one of the\n"
	"# note's participants. Put your team here in place of the example; an id\n"
	"# has no spaces (lisa-t), and `name` is what reports print.\n"
	"organizers:\n"
	"  lisa-t: { name: Lisa Thornton }\n"
	"\n"
	"# Optional: the people your notes are about, id -> { name }. With it, every\n"
	"# participant must be here or among the organizers, so a typo (mria-g for\n"
	"# maria-g) is caught instead of becoming a second person. For example:\n"
	"#   people:\n"
	"#     maria-g: { name: Maria G. }\n"
	"\n"
	"# Front-matter fields. Without this key, a note has these:\n"
	"#   title          text, required\n"
	"#   date           YYYY-MM-DD, required\n"
	"#   organizer      an id from the roster, required\n"
	"#   participants   a list of person ids\n"
	"#   kind           one-on-one, house-meeting, group or training; required\n"
	"#   themes         a list of ids from the codebook below\n"
	"#   consent        public, internal or private; default internal\n"
	"#   id             text; default: the file name without .md; unique\n"
	"#   tags           a list of text\n"
	"# An entry here changes only the keys it gives of one of these, or adds a\n"
	"# field: `type` (text, date, enum, organizer, theme, or list for a list of\n"
	"# text), `list: true` (a list of that type), `required`, `values` (for\n"
	"# enum) and `default`. For example:\n"
	"#   fields:\n"
	"#     kind: { values: [one-on-one, house-meeting, group, training, action] }\n"
	"#     language: { type: enum, values: [en, es] }\n"
	"\n"
	"# `## ` sections every note must have. A conversation without next steps\n"
	"# is one nobody follows up on.\n"
	"sections:\n"
	"  required: [Next steps]\n"
	"\n"
	"# The codebook: the themes the network listens for. A note marks a theme\n"
	"# with its `themes:` list, with a #theme-id hashtag in a paragraph, or with\n"
	"# a paragraph matching one of the theme's patterns: PCRE2 regular\n"
	"# expressions, matched without regard to case (single quotes keep the\n"
	"# backslashes as they are). `description` is optional, and `parent` puts a\n"
	"# theme under a top-level one.\n"
	"themes:\n"
	"  housing:\n"
	"    label: Housing and repairs\n"
	"    description: Rent, repairs, landlords, evictions and tenant organizing.\n"
	"    patterns: ['\\b(rent|repairs?|landlords?|evictions?)\\b', '\\btenants?\\b']\n"
	"  childcare:\n"
	"    label: Childcare and schools\n"
	"    description: After-school care, school closures and services for children.\n"
	"    patterns: ['\\bchild ?care\\b', '\\bafter-?school\\b']\n"
	"\n"
	"# The people in the notes trusted you with what they said.\n"
	"privacy:\n"
	"  quote: [public, internal]   # consents whose quotes may appear in reports\n"
	"  redact: [participants]      # fields never printed in reports\n"
	"  pii: [phone, email]         # warn where a quotable note holds one; never quote it\n"
	"  # pii_patterns:              # detectors of your own: name -> PCRE2 pattern\n"
	"  #   member-number: '\\bM-\\d{6}\\b'\n"
	"\n"
	"# Files in the notes folder that are not notes: patterns as in .gitignore,\n"
	"# relative to the notes folder. A pattern without '/' matches a name at any\n"
	"# depth (README.md), one ending in '/' a folder and all in it (drafts/).\n"
	"ignore: [README.md]\n";

/* Makes the folder dir/name with an empty .gitkeep, unless it is there already. */
static int S_make_folder(const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	int ret = 0;

	strbuf_addf(&path, "%s/%s", dir, name);
	if (mkdir(path.buf, 0777) == 0) {
		strbuf_addstr(&path, "/.gitkeep");
		if (atomic_write(AT_FDCWD, path.buf, "", 0, ATOMIC_CREATE, NULL) < 0)
			ret = error_set("cannot create '%s/%s/.gitkeep': %s", dir, name, strerror(errno));
	} else if (errno != EEXIST) {
		ret = error_set("cannot make folder '%s/%s': %s", dir, name, strerror(errno));
	}
	strbuf_release(&path);
	return ret;
}

int scaffold_init(const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	int ret = -1;

	if (worktree_mkdirs(dir) < 0 || stat(dir, &st) < 0) {
		error_set("cannot make folder '%s': %s", dir, strerror(errno));
		goto done;
	}
	if (!S_ISDIR(st.st_mode)) {
		error_set("'%s' is not a folder", dir);
		goto done;
	}
	if (strcmp(dir, ".") != 0)
		strbuf_addf(&path, "%s/", dir);
	strbuf_addstr(&path, CONFIG_FILE);
	if (lstat(path.buf, &st) == 0 || errno != ENOENT) {
		error_set("'%s' is there already: nothing was changed\n"
		      "hint: this is a notes repository; edit %s, or run 'perennial check'",
		      path.buf, CONFIG_FILE);
		goto done;
	}
	/* perennial.yml last: until it is written, running init again simply works. */
	if (S_make_folder(dir, "notes") < 0 || S_make_folder(dir, "templates") < 0)
		goto done;
	if (atomic_write(AT_FDCWD, path.buf, scaffold_config_text, strlen(scaffold_config_text),
			 ATOMIC_CREATE, NULL) < 0) {
		error_set("cannot create '%s': %s", path.buf, strerror(errno));
		goto done;
	}
	ret = 0;
done:
	strbuf_release(&path);
	return ret;
}

int scaffold_in_git(const char *dir)
{
	const char *git_dir = getenv("GIT_DIR");
	char *at = realpath(dir, NULL);
	struct strbuf probe = STRBUF_INIT;
	int found = git_dir && *git_dir;

	while (at && !found) {
		struct stat st;
		strbuf_reset(&probe);
		strbuf_addf(&probe, "%s/.git", strcmp(at, "/") ? at : "");
		found = lstat(probe.buf, &st) == 0;
		char *slash = strrchr(at, '/');
		if (!slash || strcmp(at, "/") == 0)
			break;
		slash[slash == at ? 1 : 0] = '\0'; /* "/a" becomes "/" */
	}
	strbuf_release(&probe);
	free(at);
	return found;
}

void scaffold_sh_word(struct strbuf *out, const char *s)
{
	if (*s && !s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789._-/+=:@%,")]) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(out, "'\\''");
		else
			strbuf_addch(out, *s);
	}
	strbuf_addch(out, '\'');
}

char *scaffold_path_from(const char *cwd, const char *root, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	if (!worktree_inside(root, cwd)) {
		strbuf_addf(&sb, "%s/%s", root, path);
		return strbuf_detach(&sb);
	}
	/* cwd below the root, as a root-relative folder: "" or "notes/2020". */
	size_t n = strlen(root);
	const char *here = cwd[n] == '/' ? cwd + n + 1 : cwd + n;
	if (n == 1)
		here = cwd + 1;
	/* Step over the folders both paths share. */
	const char *p = path;
	while (*here) {
		size_t k = strcspn(here, "/");
		if (strncmp(here, p, k) != 0 || p[k] != '/')
			break;
		here += k + (here[k] == '/');
		p += k + 1;
	}
	/* Climb out of what is left of here. */
	while (*here) {
		strbuf_addstr(&sb, "../");
		here += strcspn(here, "/");
		if (*here == '/')
			here++;
	}
	strbuf_addstr(&sb, p);
	return strbuf_detach(&sb);
}

/* The comma-separated words of `arg`, trimmed, in order. */
static void S_split(struct strlist *out, const char *arg)
{
	for (const char *s = arg;;) {
		size_t n = strcspn(s, ",");
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		strlist_add_owned(out, xstrndup(s, n));
		s += strcspn(s, ",");
		if (!*s++)
			return;
	}
}

/* Adds id to out unless it is there: the order asked is the order written. */
static void S_add_once(struct strlist *out, const char *id)
{
	for (size_t i = 0; i < out->len; i++)
		if (strcmp(out->items[i], id) == 0)
			return;
	strlist_add(out, id);
}

int scaffold_add_people(struct strlist *out, const char *arg, struct strbuf *why)
{
	struct strlist ids = STRLIST_INIT;
	int ret = 0;

	S_split(&ids, arg);
	for (size_t i = 0; i < ids.len && ret == 0; i++) {
		if (scaffold_id_ok(ids.items[i])) {
			S_add_once(out, ids.items[i]);
			continue;
		}
		strbuf_addf(why, "--with '%s': '%s' is not a person id (letters, digits, "
			    "'.', '-' and '_', such as maria-g)", arg, ids.items[i]);
		ret = -1;
	}
	strlist_release(&ids);
	return ret;
}

int scaffold_check_people(const struct strlist *people, const struct config *config,
			  struct strbuf *why)
{
	for (size_t i = 0; config->has_people && i < people->len; i++) {
		const char *id = people->items[i];
		if (config_person(config, id) || config_organizer(config, id))
			continue;
		struct suggestion s;
		config_suggest(&s, config, CONFIG_ORGANIZERS | CONFIG_PEOPLE, id);
		strbuf_addf(why, "--with '%s' is not in the 'people:' roster", id);
		if (s.best)
			strbuf_addf(why, "; did you mean '%s'?", s.best);
		else
			strbuf_addf(why, " of %s: add them there first", CONFIG_FILE);
		return -1;
	}
	return 0;
}

int scaffold_pick_organizer(const char **out, const struct config *config, const char *asked,
			    struct strbuf *why)
{
	*out = NULL;
	if (!config->norganizers)
		return error_set("the roster in %s has no organizers: add yourself under "
				 "'organizers:'", CONFIG_FILE);
	if (!asked && config->norganizers == 1) {
		*out = config->organizers[0].id;
		return 0;
	}
	if (!asked) {
		strbuf_addstr(why, "say who held the conversation with --organizer: one of ");
		for (size_t i = 0; i < config->norganizers; i++)
			strbuf_addf(why, "%s%s", i ? ", " : "", config->organizers[i].id);
		return 1;
	}
	if (config_organizer(config, asked)) {
		*out = asked;
		return 0;
	}
	struct suggestion s;
	config_suggest(&s, config, CONFIG_ORGANIZERS, asked);
	if (s.best)
		strbuf_addf(why, "unknown organizer '%s'; did you mean '%s'?", asked, s.best);
	else
		strbuf_addf(why, "unknown organizer '%s': not in the roster in %s", asked,
			    CONFIG_FILE);
	return 1;
}

/*
 * `asked` as a value of the field `name` given with --NAME: one of its
 * values when it is an enum, else any id. NULL with `why` when it is not.
 */
static const char *S_pick_value(const struct config *config, const char *name,
				const char *asked, struct strbuf *why)
{
	const struct field_def *field = config_field(config, name);

	if (!*asked || !field || field->type != FIELD_ENUM) {
		if (*asked && scaffold_id_ok(asked))
			return asked;
		strbuf_addf(why, "--%s '%s' is not a %s", name, asked, name);
		return NULL;
	}
	for (size_t i = 0; i < field->nvalues; i++)
		if (strcmp(field->values[i], asked) == 0)
			return asked;
	const char *close = suggest_closest(asked, (const char *const *)field->values,
					    field->nvalues);
	if (close) {
		strbuf_addf(why, "--%s '%s' is not a %s; did you mean '%s'?", name, asked, name, close);
		return NULL;
	}
	strbuf_addf(why, "--%s '%s' is not a %s: one of ", name, asked, name);
	for (size_t i = 0; i < field->nvalues; i++)
		strbuf_addf(why, "%s%s", i ? ", " : "", field->values[i]);
	return NULL;
}

const char *scaffold_pick_kind(const struct config *config, const char *asked,
			       struct strbuf *why)
{
	return asked ? S_pick_value(config, "kind", asked, why) : scaffold_default_kind(config);
}

int scaffold_pick_consent(const char **out, const struct config *config, const char *asked,
			  struct strbuf *why)
{
	*out = asked ? S_pick_value(config, "consent", asked, why) : NULL;
	return asked && !*out ? -1 : 0;
}

int scaffold_add_themes(struct strlist *out, const struct config *config, const char *arg,
			struct strbuf *why)
{
	struct strlist ids = STRLIST_INIT;
	int ret = 0;

	S_split(&ids, arg);
	for (size_t i = 0; i < ids.len && ret == 0; i++) {
		const char *id = ids.items[i];
		if (config_theme(config, id)) {
			S_add_once(out, id);
			continue;
		}
		struct suggestion s;
		config_suggest(&s, config, CONFIG_THEMES, id);
		strbuf_addf(why, "--theme '%s' is not a theme of the codebook", id);
		if (s.best)
			strbuf_addf(why, "; did you mean '%s'?", s.best);
		else if (!config->nthemes)
			strbuf_addf(why, ": %s has no themes yet", CONFIG_FILE);
		else
			for (size_t t = 0; t < config->nthemes; t++)
				strbuf_addf(why, "%s%s", t ? ", " : ": one of ", config->themes[t].id);
		ret = -1;
	}
	strlist_release(&ids);
	return ret;
}

int scaffold_write_note(char **out, const char *root, const struct config *config,
			const struct scaffold_note *note)
{
	struct template_set set = { .read = template_read_worktree, .ctx = (void *)root };
	struct strbuf text = STRBUF_INIT;
	struct strlist taken = STRLIST_INIT;
	char *folder = NULL, *stem = NULL;
	json_t *data = scaffold_note_data(config, note);
	struct notefile_scope notes = config_scope(config);
	int ret = -1;

	*out = NULL;
	if (template_render(&text, &set, "note.md", data, NULL) == 0 &&
	    scaffold_taken_names(&taken, root, &notes) == 0) {
		scaffold_note_place(&folder, &stem, config, note);
		ret = scaffold_create(out, root, folder, stem, &taken, strbuf_str(&text), text.len);
	}
	json_decref(data);
	strbuf_release(&text);
	strlist_release(&taken);
	free(folder);
	free(stem);
	return ret;
}
