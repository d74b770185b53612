#ifndef PERENNIAL_MUSTACHE_H
#define PERENNIAL_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

struct strbuf;

/*
 * Mustache templates (the official spec: interpolation, sections, inverted
 * sections, comments, partials, set delimiters; no lambdas) rendered over
 * jansson data, for the reports.
 *
 * Data is never parsed as a template. Falsey are null, false, a missing
 * name and the empty list; every string and number (0 and "" too) is
 * truthy. {{name}} escapes strings for HTML (& < > " ') or through the
 * escape function the render is given; numbers print as JSON would
 * (1.21, not 1.2100000000000000), true and false as words, null, lists and
 * objects as nothing.
 *
 * Templates may be hostile: every cost is bounded. Rendering runs on a
 * heap stack of its own, never the C stack, and stops with an error past
 * these limits.
 */
#define MUSTACHE_MAX_NESTING 100        /* sections inside one another, per template */
#define MUSTACHE_MAX_PARTIAL_DEPTH 64   /* partials inside one another */
#define MUSTACHE_MAX_OUTPUT (64u << 20) /* bytes written, past which a render stops */
#define MUSTACHE_MAX_STEPS 50000000ul   /* tags and list items visited, likewise */

/* What went wrong, and where: the tag at fault. */
struct mustache_error {
	char *name;      /* the template or partial holding the tag, malloc'd */
	unsigned line;   /* 1-based */
	unsigned column; /* 1-based, in characters */
	char *message;   /* e.g. "unclosed section 'themes' opened here", malloc'd */
};

#define MUSTACHE_ERROR_INIT { NULL, 0, 0, NULL }

/* Frees the strings; err may be reused afterwards. Takes NULL. */
void mustache_error_release(struct mustache_error *err);

/*
 * Where partials come from: the engine itself opens no file. load returns
 * the text of partial `name`, malloc'd (the engine frees it), with its
 * length in *len; or NULL when there is no such partial, which renders as
 * nothing. It is called at most once per name and render.
 */
struct mustache_partials {
	char *(*load)(void *ctx, const char *name, size_t *len);
	void *ctx;
};

/*
 * How {{name}} writes a string: appends s[0, len) to sb, escaped for the
 * syntax of what is rendered. {{{name}}} and {{& name}} write it as it is.
 */
typedef void mustache_escape_fn(struct strbuf *sb, const char *s, size_t len);

/* HTML's escape, the spec's and the default: & < > " ' as entities. */
void mustache_escape_html(struct strbuf *sb, const char *s, size_t len);

/* A compiled template: immutable, so one may be rendered many times. */
struct mustache;

/*
 * Compiles text[0, len), which needs no NUL; `name` is what errors call it.
 * Returns 0 and *out (freed with mustache_free), which keeps copies of
 * both; or -1 with *out NULL and, unless err is NULL, *err filled in
 * (replacing what it held, which must be MUSTACHE_ERROR_INIT or an earlier
 * error), released by the caller.
 */
int mustache_compile(struct mustache **out, const char *name, const char *text,
		     size_t len, struct mustache_error *err);

/* Takes NULL. */
void mustache_free(struct mustache *tmpl);

/*
 * Renders tmpl over `data` (the bottom of the context stack; NULL renders
 * every name as missing), appending to `out`. Partials are loaded through
 * `partials` (NULL: none exist) and compiled with the default delimiters;
 * {{name}} escapes strings with `escape` (NULL: mustache_escape_html).
 * Returns 0; or -1 with `out` as it was before the call and *err filled in
 * as for mustache_compile: a partial that does not compile, partials
 * nested past MUSTACHE_MAX_PARTIAL_DEPTH (one that includes itself), or
 * a render past MUSTACHE_MAX_OUTPUT or MUSTACHE_MAX_STEPS.
 */
int mustache_render(struct strbuf *out, const struct mustache *tmpl, const json_t *data,
		    const struct mustache_partials *partials, mustache_escape_fn *escape,
		    struct mustache_error *err);

#endif
