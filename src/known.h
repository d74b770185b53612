#ifndef PERENNIAL_KNOWN_H
#define PERENNIAL_KNOWN_H

#include "suggest.h"

struct config;
struct corpus;
struct corpus_note;
struct strbuf;

/*
 * What a repository knows by name: the organizers, participants, themes,
 * kinds and step owners of perennial.yml and of its notes. A filter given
 * a name none of them has (`list --organizer lisa_t`) holds a typo far
 * more often than a question, and is told so rather than answered with
 * nothing.
 */
enum known_kind {
	KNOWN_ORGANIZER,     /* the roster, and the notes' organizer */
	KNOWN_PARTICIPANT,   /* the notes' participants */
	KNOWN_THEME,         /* the codebook, and the themes the notes mention */
	KNOWN_KIND,          /* the kind field's values, and the notes' kind */
	KNOWN_OWNER,         /* the roster, the participants and the steps' owners */
};

/*
 * 1 when `value` names a `kind` of perennial.yml or of a note of the
 * corpus (which must hold the mentions for KNOWN_THEME and the steps for
 * KNOWN_OWNER); 0 when not, with `why` saying so as the tail of a usage
 * message: "'lisa_t' is not an organizer; did you mean 'lisa-t'?". Did
 * you mean never names what only private notes hold.
 */
int known_check(struct strbuf *why, const struct corpus *corpus, const struct config *config,
		enum known_kind kind, const char *value);

/*
 * The same, for notes handed over one at a time: started with the name
 * looked for, shown each note (with what known_check says it must hold),
 * and ended with known_check's answer. It points into config and the
 * notes' names, and value, which must outlive it.
 */
struct known_scan {
	const struct config *config;
	enum known_kind kind;
	struct suggestion near;      /* near.word: the name looked for */
	int found;
};

void known_scan_start(struct known_scan *k, const struct config *config, enum known_kind kind,
		      const char *value);
void known_scan_note(struct known_scan *k, const struct corpus_note *note);
int known_scan_end(struct strbuf *why, const struct known_scan *k);

#endif
