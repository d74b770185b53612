#include "privacy.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "corpus.h"
#include "index.h"
#include "pattern.h"
#include "pii.h"
#include "strbuf.h"
#include "strlist.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

/* What the pass hides, worked out once from the config and the audience. */
struct rules {
	const struct config *config;
	int participants, organizer, title, kind;   /* privacy.redact lists it, for a report */
	int network;                                /* PRIVACY_NETWORK */
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
	int report = audience == PRIVACY_REPORT, network = audience == PRIVACY_NETWORK;
	return (struct rules){
		config,
		network || (report && S_redacted(config, "participants")),
		network || (report && S_redacted(config, "organizer")),
		network || (report && S_redacted(config, "title")),
		(report || network) && S_redacted(config, "kind"),
		network,
	};
}

/*
 * The character cp as a reader sees it in an id: fullwidth forms as the
 * ASCII they show (ｉｖｙ), `_` and the Unicode hyphens as `-`, ASCII
 * letters in lower case; 0 for what shows nothing (a soft hyphen,
 * zero-width spaces and joiners).
 */
static unsigned S_fold_char(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)   /* fullwidth ASCII */
		cp -= 0xFEE0;
	switch (cp) {
	case '_': case 0x2010: case 0x2011: case 0x2012: case 0x2212: case 0xFE63:
		return '-';
	case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
		return 0;
	}
	return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
}

/* The character at s folded (S_fold_char), its length in *n. */
static unsigned S_folded_at(const char *s, size_t len, size_t *n)
{
	return S_fold_char(utf8_decode(s, len, n));
}

/* Whether the character at s is part of a word: a letter or digit of any script, or `-`. */
static int S_word_at(const char *s, size_t len)
{
	size_t n;
	unsigned cp = S_folded_at(s, len, &n);
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '-';
	/* Letters beyond ASCII are, the punctuation there (— “ ” ’ …) is not. */
	return cp != UTF8_INVALID && !(cp >= 0xa0 && cp <= 0xbf) && cp != 0xd7 && cp != 0xf7 &&
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

/* An id folded (S_fold_char) as it is compared: malloc'd. */
static char *S_fold_id(const char *id)
{
	size_t len = strlen(id);
	char *out = xmalloc(len + 1), *o = out;
	for (size_t i = 0, n; i < len; i += n) {
		unsigned cp = S_folded_at(id + i, len - i, &n);
		if (cp && cp < 0x80)
			*o++ = (char)cp;
		else if (cp)
			o = (char *)memcpy(o, id + i, n) + n;
	}
	*o = '\0';
	return out;
}

/*
 * Where the folded id read from text[i] ends in text, what a reader does
 * not see skipped; 0 when text does not hold it there.
 */
static size_t S_match_at(const char *text, size_t len, size_t i, const char *id, size_t idlen)
{
	for (size_t k = 0, n; k < idlen; i += n) {
		if (i >= len)
			return 0;
		unsigned cp = S_folded_at(text + i, len - i, &n);
		if (!cp)
			continue;
		if (cp < 0x80 ? id[k] != (char)cp : k + n > idlen || memcmp(text + i, id + k, n) != 0)
			return 0;
		k += cp < 0x80 ? 1 : n;
	}
	return i;
}

/*
 * Where the next whole-word folded `id` starts in text, at or after `from`,
 * with its end in *end; len when there is none. Only where a character
 * that may fold to the id's first one stands is it compared.
 */
static size_t S_find_word(const char *text, size_t len, const char *id, size_t from,
			  size_t *end)
{
	size_t idlen = strlen(id);
	char first[8] = { id[0], (char)toupper((unsigned char)id[0]), '\xEF' /* fullwidth */ };
	if (id[0] == '-')
		memcpy(first + 3, "_\xE2", 3);   /* '_' and U+2010..U+2212 */
	if (!idlen)
		return len;
	for (const char *p = text + from; (p = strpbrk(p, first)) && (size_t)(p - text) < len; p++) {
		size_t i = (size_t)(p - text);
		size_t e = S_match_at(text, len, i, id, idlen);
		if (e && !S_word_before(text, i) && !(e < len && S_word_at(text + e, len - e))) {
			*end = e;
			return i;
		}
	}
	return len;
}

/* text with every whole-word id, `@id` too, as `instead`; NULL when it holds none. */
static char *S_replace(const char *text, const char *id, const char *instead)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(text), from = 0, end;
	char *folded = S_fold_id(id);

	for (size_t i; (i = S_find_word(text, len, folded, from, &end)) < len; from = end) {
		size_t start = i > 0 && text[i - 1] == '@' ? i - 1 : i;
		strbuf_add(&sb, text + from, start - from);
		strbuf_addstr(&sb, instead);
	}
	free(folded);
	if (!from)
		return NULL;
	strbuf_addstr(&sb, text + from);
	return strbuf_detach(&sb);
}

char *privacy_replace_word(const char *text, const char *id, const char *instead)
{
	char *replaced = S_replace(text, id, instead);
	return replaced ? replaced : xstrdup(text);
}

/* *shown (and *copy, which owns it when set) with `id` replaced, when it is there. */
static void S_replace_in(const char **shown, char **copy, const char *id, const char *instead)
{
	char *replaced = S_replace(*shown, id, instead);
	if (!replaced)
		return;
	free(*copy);
	*shown = *copy = replaced;
}

char *privacy_network_quote(const char *shown, const struct strlist *people)
{
	char *copy = NULL;
	const char *text = shown;
	for (size_t i = 0; i < people->len; i++)
		S_replace_in(&text, &copy, people->items[i], "a participant");
	return copy ? copy : xstrdup(shown);
}

static int S_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '-' || c == '_' || c == '.';
}

/* Every `@id` of the text, not inside a word (an e-mail address), as "someone". */
static void S_replace_handles(const char **shown, char **copy)
{
	const char *text = *shown;
	struct strbuf sb = STRBUF_INIT;
	size_t from = 0;
	for (size_t i = 0; text[i]; i++) {
		if (text[i] != '@' || !S_id_char(text[i + 1]) || (i && S_id_char(text[i - 1])))
			continue;
		strbuf_add(&sb, text + from, i - from);
		strbuf_addstr(&sb, "someone");
		for (i++; S_id_char(text[i]) && !(text[i] == '.' && !S_id_char(text[i + 1])); i++)
			;
		from = i--;
	}
	if (!sb.len && !from)
		return;
	strbuf_addstr(&sb, text + from);
	free(*copy);
	*shown = *copy = strbuf_detach(&sb);
}

/*
 * A person of the roster, not named in the text: by id, by name ("Maria
 * G."), or by the name's first word ("Maria") when it is not a short one.
 */
static void S_replace_person(const char **shown, char **copy, const struct person *person,
			     const char *instead)
{
	S_replace_in(shown, copy, person->id, instead);
	if (!person->name)
		return;
	S_replace_in(shown, copy, person->name, instead);
	size_t first = strcspn(person->name, " \t");
	if (first >= 3 && person->name[first]) {
		char *word = xstrndup(person->name, first);
		S_replace_in(shown, copy, word, instead);
		free(word);
	}
}

/*
 * Text of a note as a report may show it: its redacted people not named in
 * it, and for a network nobody at all. Sets *shown to text itself when
 * nothing changes, else to a copy that *copy owns (what a field held
 * before is freed).
 */
static void S_text(const char **shown, char **copy, const struct rules *rules,
		   const struct corpus_note *note, const char *text)
{
	const struct config *config = rules->config;
	free(*copy);
	*copy = NULL;
	*shown = text;
	if (!text)
		return;
	for (size_t i = 0; i <= note->nparticipants; i++) {
		int organizer = i == note->nparticipants;
		const char *id = organizer ? note->organizer : note->participants[i];
		if (id && (organizer ? rules->organizer : rules->participants))
			S_replace_in(shown, copy, id, organizer ? "an organizer" : "a participant");
	}
	for (size_t i = 0; rules->network && i < config->norganizers; i++)
		S_replace_person(shown, copy, &config->organizers[i], "an organizer");
	for (size_t i = 0; rules->network && i < config->npeople; i++)
		S_replace_person(shown, copy, &config->people[i], "a participant");
	if (rules->network)
		S_replace_handles(shown, copy);
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

/*
 * A paragraph with a phone number or an address in it (pii.h) is never
 * quoted, nor is any after a detector gave up on the note: one may be there.
 */
static int S_holds_pii(const struct rules *rules, struct pattern_budget *budget, const char *text)
{
	size_t start, end;
	const struct privacy *privacy = &rules->config->privacy;
	return text && (pii_find(privacy->detectors, privacy->ndetectors, budget, text, strlen(text),
				 0, &start, &end) >= 0 || budget->gave_up);
}

/* Whether the note's words may be quoted at all. */
static int S_quotable(const struct rules *rules, const struct corpus_note *note)
{
	return !note->private && (rules->network ? config_may_share(rules->config, note->consent)
				  : config_may_quote(rules->config, note->consent));
}

/*
 * The next evidence of a note, text, as it may be shown: the budget is
 * the note's, spent on its evidence in order.
 */
static void S_quote(const char **shown, char **copy, const struct rules *rules,
		    const struct corpus_note *note, int quotable, struct pattern_budget *budget,
		    const char *text)
{
	S_text(shown, copy, rules, note,
	       quotable && !S_holds_pii(rules, budget, text) ? text : NULL);
}

void privacy_evidence(const char **shown, char **copies, const struct corpus_note *note,
		      const char *const *texts, const struct config *config,
		      enum privacy_audience audience)
{
	struct rules rules = S_rules(config, audience);
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	int quotable = S_quotable(&rules, note);
	for (size_t m = 0; m < note->nmentions; m++) {
		copies[m] = NULL;
		S_quote(&shown[m], &copies[m], &rules, note, quotable, &budget, texts[m]);
	}
	pattern_budget_release(&budget);
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
	int quotable = S_quotable(rules, note);
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	for (size_t m = 0; m < note->nmentions; m++) {
		struct corpus_mention *mention = &note->mentions[m];
		mention->quotable = quotable && mention->evidence_n;
		S_quote(&mention->shown, &mention->shown_copy, rules, note, quotable, &budget,
			mention->evidence);
	}
	pattern_budget_release(&budget);
	for (size_t i = 0; i < note->nsteps; i++) {
		struct corpus_step *step = &note->steps[i];
		/* A network's page counts steps and never shows their words. */
		S_text(&step->shown_words, &step->shown_words_copy, rules, note,
		       shown->named && !rules->network ? step->words : NULL);
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

void privacy_apply_note(struct corpus *corpus, struct corpus_note *note,
			const struct config *config, enum privacy_audience audience)
{
	struct rules rules = S_rules(config, audience);
	corpus->shown_by_organizer = !rules.organizer;
	corpus->shown_by_kind = !rules.kind;
	S_note(note, &rules);
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
