#ifndef PERENNIAL_PRIVACY_H
#define PERENNIAL_PRIVACY_H

#include <stddef.h>

struct config;
struct corpus;

/*
 * The one place the privacy rules are applied. A corpus is made (by the
 * workspace) and then passed through privacy_apply, which sets what every
 * output may show of each note, mention and step (the `shown` fields of
 * corpus.h); themes, steps and the reports print those and apply no rule
 * of their own. What it never lets through:
 *
 *  - a private note (config_consent_private: `private`, or a consent
 *    written wrong) is counted but never named, linked or quoted: no id,
 *    path, title or words of its steps;
 *  - evidence is quoted only from notes whose consent privacy.quote lists,
 *    and never a paragraph holding a phone number or an address (pii.h);
 *  - for a report, the fields privacy.redact lists are not shown, and the
 *    note's own participants (and organizer) are not named in any text of
 *    it: a whole word in any case, `@id` too, next to any punctuation,
 *    written with `_` or a Unicode hyphen for `-`, a soft hyphen inside,
 *    or in fullwidth letters, stands as "a participant" (or "an organizer");
 *  - a private note's participants are "a participant" as step owners,
 *    for the terminal too.
 */
enum privacy_audience {
	PRIVACY_TERMINAL,   /* the person running perennial, at their terminal */
	PRIVACY_REPORT,     /* whoever reads the pages: privacy.redact holds too */
	/*
	 * The staff of a network, reading a page across chapters: evidence is
	 * quoted only from consents privacy.network lists, and no person's id
	 * leaves the chapter: besides the note's own participants and
	 * organizer, every id of the roster and every `@id` stands as "an
	 * organizer", "a participant" or "someone", whatever privacy.redact says.
	 */
	PRIVACY_NETWORK,
};

/* Sets the `shown` fields of every note of corpus; run once, after it is made. */
void privacy_apply(struct corpus *corpus, const struct config *config,
		   enum privacy_audience audience);

struct corpus_note;

/* The same for a note handed over alone (corpus_each_fn), and its corpus. */
void privacy_apply_note(struct corpus *corpus, struct corpus_note *note,
			const struct config *config, enum privacy_audience audience);

/*
 * What may be shown of the evidence of a note of a corpus made without
 * its text, as privacy_apply would have set it: texts[m] is mention m's
 * evidence (NULL for none); shown[m] is set to it, to copies[m] (malloc'd)
 * when redaction changed it, or to NULL when it is never shown.
 */
void privacy_evidence(const char **shown, char **copies, const struct corpus_note *note,
		      const char *const *texts, const struct config *config,
		      enum privacy_audience audience);

struct table;

/*
 * The same for rows an index query answered (index.h): in a row whose
 * INDEX_PRIVATE column says "1", the id, title and search match say
 * "(private note)" (the match, to open it to read it), the participants
 * are not shown, neither are a step's words, and an owner who is not an
 * organizer is "a participant". The INDEX_PRIVATE column is then removed,
 * so the table is what may be printed.
 */
void privacy_rows(struct table *rows, const struct config *config);

struct strlist;

/*
 * A chapter's quote as a network's page shows it: `shown` (what the pass
 * let through for PRIVACY_NETWORK) with each of `people`, every
 * participant the chapter's notes name, as "a participant" too: an id its
 * roster does not list is nobody's to read across chapters. Malloc'd.
 */
char *privacy_network_quote(const char *shown, const struct strlist *people);

/*
 * `text` with every whole-word `id`, in any case, `@id` too, written any
 * way a reader sees as the same id (see above), as `instead`: the id must
 * not stand next to a letter or digit of any script. Malloc'd.
 */
char *privacy_replace_word(const char *text, const char *id, const char *instead);

#endif
