#ifndef PERENNIAL_MARKDOWN_H
#define PERENNIAL_MARKDOWN_H

#include <stddef.h>

struct source;

/*
 * A note's body: what the Markdown says that perennial cares about. The only
 * module that includes cmark.h; nothing here points into cmark's memory.
 * Offsets are bytes of the whole source (not of the body).
 */

#define MD_NONE ((size_t)-1)   /* an index that points at nothing */

struct md_section {           /* a `## ` heading */
	char *title;              /* its text, inline markup removed */
	size_t offset;            /* where the heading line starts */
	size_t len;
	int empty;                /* nothing stands under it before the next `#` or `## ` */
};

/*
 * A task item `- [ ]` / `- [x]` / `- [X]`: the one parse of a next step.
 * Everything else (the index, the steps list, the report, the history)
 * reads these fields as stored and parses nothing again.
 */
struct md_step {
	char *text;               /* after the box, whitespace folded: as written */
	/*
	 * The words to show beside the owner and due columns: text without
	 * the owner's `@id` (with the punctuation after it and the marks that
	 * wrap it alone) and without the `(due ...)` clause; text itself when
	 * nothing else is left.
	 */
	char *words;
	/* What pairs it with itself in another version of the note (step_match.h). */
	char *key;
	int done;
	size_t offset;            /* the box `[ ]` */
	size_t len;               /* box to end of the item's first line */
	char *owner;              /* the first `@id`, without `@`; NULL if none */
	size_t owner_offset;      /* of the `@` */
	size_t owner_len;         /* including the `@` */
	char *due;                /* what stands in `(due ...)`, trimmed; NULL if none */
	size_t due_offset;        /* of that text */
	size_t due_len;
	size_t section;           /* index into sections, or MD_NONE before any */
};

struct md_hashtag {           /* `#theme-id` in a paragraph */
	char *tag;                /* without `#` */
	size_t offset;            /* of the `#` */
	size_t len;               /* including the `#` */
	size_t paragraph;         /* index into paragraphs */
};

struct md_paragraph {         /* a paragraph's plain text, for theme patterns */
	char *text;
	size_t offset;
	size_t section;
	size_t quote;             /* index into quotes of the quote holding it, or MD_NONE */
	size_t step;              /* index into steps when it is a step's text, or MD_NONE */
};

struct md_quote {             /* an outermost block quote */
	char *text;               /* its plain text, paragraphs joined by blank lines */
	size_t offset;
	size_t section;
};

struct md_body {
	struct md_section *sections;
	size_t nsections;
	struct md_step *steps;
	size_t nsteps;
	struct md_hashtag *hashtags;
	size_t nhashtags;
	struct md_paragraph *paragraphs;
	size_t nparagraphs;
	struct md_quote *quotes;
	size_t nquotes;
};

#define MD_BODY_INIT { NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0 }

enum md_parts {
	MD_CHECK,       /* what validation reads: steps without their words and key */
	MD_ALL,         /* everything, for the index */
};

/*
 * Parses bytes [offset, src->len) of src, which start at 1-based `line`, as
 * CommonMark into *out (which must be MD_BODY_INIT or released), with the
 * `parts` asked. Markdown has no syntax errors, so this cannot fail.
 * Bounded in time and memory for hostile input such as thousands of nested
 * block quotes.
 */
void md_parse(struct md_body *out, const struct source *src,
	      size_t offset, unsigned line, enum md_parts parts);

/* Frees everything in body and leaves it as MD_BODY_INIT. */
void md_body_release(struct md_body *body);

#endif
