#ifndef PERENNIAL_CORPUS_H
#define PERENNIAL_CORPUS_H

#include <stddef.h>

#include "date.h"
#include "mention.h"
#include "strlist.h"
#include "strmap.h"

/*
 * The notes of a working tree or of a commit, as the index holds them:
 * what the theme and step summaries and the weekly report are made of.
 * Plain data that owns every string; nothing points into SQLite. The
 * strings many notes share (ids of themes and people, kinds, consents)
 * are kept once, in the corpus's `names` (corpus_name).
 */

struct corpus_mention {
	const char *theme;       /* in the corpus's names */
	enum mention_source source;
	unsigned line;
	char *evidence;          /* the paragraph or quote, when the corpus holds it;
				  * NULL for front matter, and in a corpus made
				  * without the text (corpus_evidence reads it) */
	int evidence_n;          /* its number in the note; mentions of one share the text,
				  * freed with the first; 0 for none */
	int quoted;              /* evidence is a block quote */
	/* Its note's words may be quoted and it has evidence (privacy.h): what
	 * may be shown of it is then corpus_evidence's to say. */
	int quotable;
	/* The evidence as it may be shown (privacy.h) when the corpus holds the
	 * text; NULL: never, or not read. It points at evidence, or at
	 * shown_copy when redaction changed it. */
	const char *shown;
	char *shown_copy;
};

struct corpus_step {
	unsigned line;
	const char *owner;       /* NULL if none; in the corpus's names */
	char *words;             /* what to show of it (md_step's words) */
	char *key;               /* what pairs it across versions (md_step's key) */
	char *due;               /* as written; NULL if none */
	int done;
	/* From the history of the notes (history.h), when it was read: */
	int dated;               /* done_day is known */
	struct date done_day;    /* the day of the commit that ticked it, else the note's */
	int ticked;              /* it was seen open, then ticked: it has a time to done */
	/* As it may be shown (privacy.h): */
	const char *shown_words; /* NULL: never shown; else words or shown_words_copy */
	char *shown_words_copy;
	const char *shown_owner; /* owner, or what stands for it; NULL for none */
};

/*
 * What outputs may show of a note, set by privacy_apply: every output
 * reads these, never the fields above, to name, link or quote a note.
 */
struct corpus_shown {
	int named;               /* it may be named, linked and quoted from */
	const char *id;          /* NULL: not shown */
	const char *path;
	const char *title;       /* the note's title, or title_copy when redacted */
	char *title_copy;
	const char *organizer;   /* NULL: not shown, or none */
	const char *kind;
};

struct corpus_note {
	char *path;              /* relative to the notes root */
	char *blob;              /* the id of its contents */
	char *id;
	char *title;             /* NULL if none */
	char *date;              /* as written; NULL if none */
	int has_day;             /* date is a day of the calendar: day holds it */
	struct date day;
	/* These four are in the corpus's names. */
	const char *organizer;
	const char *kind;
	const char *consent;     /* the configured default when the note sets none */
	int private;             /* config_consent_private: never named, linked or quoted */
	size_t errors;           /* error-level findings of check */
	const char **participants;
	size_t nparticipants;
	struct corpus_mention *mentions;
	size_t nmentions;
	struct corpus_step *steps;
	size_t nsteps;
	struct {
		char *theme;         /* NULL when no pattern gave up on the note (mention.h) */
		char *pattern;
		unsigned line;
	} gave_up;
	struct corpus_shown shown;
	/* Its evidence, read after it was made without the text (corpus_evidence); NULL: not read. */
	struct corpus_evidence *read;
};

struct corpus_later;
struct corpus_evidence;

struct corpus {
	/* By date, then path; none in a corpus whose notes are handed over one at a time. */
	struct corpus_note *notes;
	size_t len;
	/* Whether counts by organizer and by kind may be shown (privacy.h). */
	int shown_by_organizer, shown_by_kind;
	struct strmap names;         /* the shared strings the notes point into */
	struct corpus_later *later;  /* how evidence not read yet is read; NULL: all is */
};

/* What a corpus holds beside the notes' fields and participants. */
enum corpus_parts {
	CORPUS_MENTIONS = 1,
	CORPUS_STEPS = 2,
	CORPUS_ALL = CORPUS_MENTIONS | CORPUS_STEPS,
};

#define CORPUS_INIT { NULL, 0, 0, 0, STRMAP_INIT, NULL }

/*
 * What is handed each note of a corpus whose notes are read one at a time
 * (workspace_each_note): `corpus` holds what they share (its names, how
 * evidence is read), and `note` is released when it returns, unless it was
 * taken (moved out and `*note` zeroed). Returns 0, or -1 with an error set
 * (error.h) to stop.
 */
typedef int corpus_each_fn(void *ctx, struct corpus *corpus, struct corpus_note *note);

/*
 * The notes dated from `from` to `until` (inclusive; NULL: no limit) are
 * among notes[*begin] to notes[*end - 1], found by halving: a note's date
 * is a day only as YYYY-MM-DD, so those are in the order of their days.
 * Notes there with a date that is no day may be among them too.
 */
void corpus_days(const struct corpus *corpus, const struct date *from, const struct date *until,
		 size_t *begin, size_t *end);

/* `name` kept once in the corpus, which owns it; NULL for NULL. */
const char *corpus_name(struct corpus *corpus, const char *name);

/*
 * A note's evidence, read after its corpus was made without the text (a
 * corpus of many notes quotes a few): texts.items[i] is the paragraph or
 * quote numbered i + 1 (evidence_n), and shown[m] what may be shown of
 * mention m's (privacy_evidence), a text or copies[m].
 */
struct corpus_evidence {
	struct strlist texts;
	const char **shown;
	char **copies;
};

/* Reads the evidence of `note` into out: 0, or -1 with an error set (error.h). */
typedef int corpus_evidence_fn(void *ctx, const struct corpus_note *note,
			       struct corpus_evidence *out);

/*
 * Says how the evidence of the corpus's notes, made without its text, is
 * read when it is asked for: `read`, with ctx, which must outlive the corpus.
 */
void corpus_read_later(struct corpus *corpus, corpus_evidence_fn *read, void *ctx);

/*
 * The evidence of mention m of `note`, a note of the corpus: its text into
 * *text, and what may be shown of it into *shown (NULL: never). A corpus
 * made without the text reads a note's the first time it is asked for
 * (into note->read). Returns 0, or -1 with an error set.
 */
int corpus_evidence(const struct corpus *corpus, struct corpus_note *note, size_t m,
		    const char **text, const char **shown);

void corpus_evidence_release(struct corpus_evidence *evidence, size_t nmentions);

struct history;
struct repo_entries;

/*
 * The notes of the corpus that a revision whose notes are `at_rev` has
 * too, with other contents: their paths into paths[] and their blobs at
 * the revision into blobs[] (both with room for corpus->len, pointing into
 * corpus and at_rev). Returns how many.
 */
size_t corpus_edited_since(const char **paths, const char **blobs, const struct corpus *corpus,
			   const struct repo_entries *at_rev);

/*
 * Dates the done steps of the corpus from the history read at a revision
 * whose notes are `at_rev`. A step ticked by a commit is done on that
 * commit's day and has a time to done; one written down done is done on
 * its note's day. The steps of a note edited since the revision are paired
 * with those of its version there (step_match.h), which `then` holds (a
 * corpus of those versions: corpus_edited_since, then index_corpus_of; a
 * note not in it is not dated): a step that was done there too is dated
 * as the history says, and one ticked in an edit not committed yet has no
 * day until it is. Reads nothing but what it is given.
 */
void corpus_date_steps(struct corpus *corpus, const struct history *history,
		       const struct repo_entries *at_rev, const struct corpus *then);

struct diag_list;

/*
 * Adds a `pattern-too-costly` warning to out for each note a codebook
 * pattern gave up on: its counts of that theme may fall short.
 */
void corpus_gave_up(struct diag_list *out, const struct corpus *corpus);

/* The same for one note. */
void corpus_note_gave_up(struct diag_list *out, const struct corpus_note *note);

/* Frees what the note owns; its names are the corpus's. */
void corpus_note_release(struct corpus_note *note);

void corpus_release(struct corpus *corpus);

#endif
