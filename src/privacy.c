#include "privacy.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "corpus.h"
#include "index.h"
#include "pii.h"
#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

/* What the pass hides, worked out once from the config and the audience. */
struct rules {
	const struct config *config;
	int participants, organizer, title, kind;   /* privacy.redact lists it, for a report */
};

static int S_redacted(const struct config *config, const char *field)
{
	for (size_t i = 0; i < config->privacy.nredact; i++)
		if (strcmp(config->privacy.redact[i], field) == 0)
			return 1;
	return 0;
}

static struct rules S_rules(const struct config *config, enum privacy_audience audience)
{
	int report = audience == PRIVACY_REPORT;
	return (struct rules){
		config,
		report && S_redacted(config, "participants"),
		report && S_redacted(config, "organizer"),
		report && S_redacted(config, "title"),
		report && S_redacted(config, "kind"),
	};
}

/* Whether the character at s is part of a word: a letter or digit of any script, `-` or `_`. */
static int S_word_at(const char *s, size_t len)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '-' || c == '_';
	/* Decoded, to tell letters from the punctuation outside ASCII (— “ ” ’ …). */
	size_t n = utf8_char_len(s, len);
	unsigned cp = n == 2 ? (c & 0x1fu) << 6 | (s[1] & 0x3fu)
		: n == 3 ? (c & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu)
		: n == 4 ? (c & 0x07u) << 18 | (s[1] & 0x3fu) << 12 | (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu)
		: 0;
	return cp && !(cp >= 0xa0 && cp <= 0xbf) && cp != 0xd7 && cp != 0xf7 &&
		!(cp >= 0x2000 && cp <= 0x2bff) && !(cp >= 0x3000 && cp <= 0x303f) &&
		!(cp >= 0xfe30 && cp <= 0xfe4f) && !(cp >= 0xff00 && cp <= 0xff0f);
}

/* Whether the character that ends just before s[at] is part of a word. */
static int S_word_before(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	size_t start = at - 1;
	while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80)
		start--;
	return S_word_at(s + start, at - start);
}

/*
 * Where the next whole-word `id` (any case, not next to a letter or digit)
 * starts in text, at or after `from`; len when there is none.
 */
static size_t S_find_word(const char *text, size_t len, const char *id, size_t n, size_t from)
{
	if (!n)
		return len;
	/* Only where the id's first letter stands, in either case: strpbrk finds those fast. */
	char first[3] = { (char)tolower((unsigned char)id[0]), (char)toupper((unsigned char)id[0]),
			  '\0' };
	for (const char *p = text + from; (p = strpbrk(p, first)) && (size_t)(p - text) + n <= len;
	     p++) {
		size_t i = (size_t)(p - text);
		if (strncasecmp(p, id, n) == 0 && !S_word_before(text, i) &&
		    !(i + n < len && S_word_at(p + n, len - i - n)))
			return i;
	}
	return len;
}

char *privacy_replace_word(const char *text, const char *id, const char *instead)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(id), len = strlen(text), from = 0;
	for (size_t i = S_find_word(text, len, id, n, 0); i < len;
	     i = S_find_word(text, len, id, n, from)) {
		size_t start = i > 0 && text[i - 1] == '@' ? i - 1 : i;
		strbuf_add(&sb, text + from, start - from);
		strbuf_addstr(&sb, instead);
		from = i + n;
	}
	strbuf_addstr(&sb, text + from);
	return strbuf_detach(&sb);
}

/*
 * Text of a note as a report may show it: its redacted people not named in
 * it. Sets *shown to text itself when nothing changes, else to a copy that
 * *copy owns (what a field held before is freed).
 */
static void S_text(const char **shown, char **copy, const struct rules *rules,
		   const struct corpus_note *note, const char *text)
{
	free(*copy);
	*copy = NULL;
	*shown = text;
	if (!text)
		return;
	for (size_t i = 0; i <= note->nparticipants; i++) {
		int organizer = i == note->nparticipants;
		const char *id = organizer ? note->organizer : note->participants[i];
		if (!id || !(organizer ? rules->organizer : rules->participants))
			continue;
		size_t len = strlen(*shown);
		if (S_find_word(*shown, len, id, strlen(id), 0) == len)
			continue;
		char *replaced = privacy_replace_word(*shown, id,
						      organizer ? "an organizer" : "a participant");
		free(*copy);
		*shown = *copy = replaced;
	}
}

/*
 * The owner an output names: an id, unless it is a participant of a
 * private note, or privacy.redact lists its field; NULL for none.
 */
static const char *S_owner(const struct rules *rules, const struct corpus_note *note,
			   const char *owner)
{
	if (!owner || !(note->private || rules->participants || rules->organizer))
		return owner;
	int organizer = config_organizer(rules->config, owner) != NULL;
	if (!organizer && (note->private || rules->participants))
		return "a participant";
	if (organizer && rules->organizer)
		return "an organizer";
	return owner;
}

/* A paragraph with a phone number or an address in it (pii.h) is never quoted. */
static int S_holds_pii(const struct rules *rules, const char *text)
{
	size_t start, end;
	const struct privacy *privacy = &rules->config->privacy;
	return text && pii_find(privacy->detectors, privacy->ndetectors, text, strlen(text), 0,
				&start, &end) >= 0;
}

static void S_note(struct corpus_note *note, const struct rules *rules)
{
	struct corpus_shown *shown = &note->shown;

	free(shown->title_copy);
	*shown = (struct corpus_shown){ 0 };
	shown->named = !note->private;
	shown->organizer = rules->organizer ? NULL : note->organizer;
	shown->kind = rules->kind ? NULL : note->kind;
	if (shown->named) {
		shown->id = note->id;
		shown->path = note->path;
		if (!rules->title)
			S_text(&shown->title, &shown->title_copy, rules, note, note->title);
	}
	int quotable = shown->named && config_may_quote(rules->config, note->consent);
	for (size_t m = 0; m < note->nmentions; m++) {
		struct corpus_mention *mention = &note->mentions[m];
		S_text(&mention->shown, &mention->shown_copy, rules, note,
		       quotable && !S_holds_pii(rules, mention->evidence) ? mention->evidence : NULL);
	}
	for (size_t i = 0; i < note->nsteps; i++) {
		struct corpus_step *step = &note->steps[i];
		S_text(&step->shown_words, &step->shown_words_copy, rules, note,
		       shown->named ? step->words : NULL);
		step->shown_owner = S_owner(rules, note, step->owner);
	}
}

void privacy_apply(struct corpus *corpus, const struct config *config,
		   enum privacy_audience audience)
{
	struct rules rules = S_rules(config, audience);
	corpus->shown_by_organizer = !rules.organizer;
	corpus->shown_by_kind = !rules.kind;
	for (size_t i = 0; i < corpus->len; i++)
		S_note(&corpus->notes[i], &rules);
}

void privacy_rows(struct table *rows, const struct config *config)
{
	static const struct {
		const char *column;
		const char *shown;      /* instead of a private note's value; NULL for none */
	} hidden[] = {
		{ "id", "(private note)" },
		{ "note", "(private note)" },
		{ "title", "(private note)" },
		{ "participants", NULL },
		{ "match", "(private note: open it to read it)" },
		{ "step", "(private note)" },
	};
	enum { NHIDDEN = sizeof(hidden) / sizeof(*hidden) };
	size_t private = table_column(rows, INDEX_PRIVATE), columns[NHIDDEN];
	if (private == (size_t)-1)
		return;
	for (size_t h = 0; h < NHIDDEN; h++)
		columns[h] = table_column(rows, hidden[h].column);
	size_t owner = table_column(rows, "owner");
	for (size_t r = 0; r < rows->nrows; r++) {
		const char *flag = table_cell(rows, r, private);
		/* Fails closed: only a row the index says is not private shows its words. */
		if (flag && strcmp(flag, "0") == 0)
			continue;
		for (size_t h = 0; h < NHIDDEN; h++)
			if (columns[h] != (size_t)-1)
				table_set_cell(rows, r, columns[h], hidden[h].shown);
		/* An organizer is on the team; anyone else is one of the note's participants. */
		const char *who = owner != (size_t)-1 ? table_cell(rows, r, owner) : NULL;
		if (who && !config_organizer(config, who))
			table_set_cell(rows, r, owner, "a participant");
	}
	table_drop_column(rows, private);
}
