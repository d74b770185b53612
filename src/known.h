#ifndef PERENNIAL_KNOWN_H
#define PERENNIAL_KNOWN_H

struct config;
struct corpus;
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

#endif
