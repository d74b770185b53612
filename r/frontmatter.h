#ifndef PERENNIAL_FRONTMATTER_H
#define PERENNIAL_FRONTMATTER_H

#include <stddef.h>

#include "diag.h"

struct source;

/*
 * YAML, for a note's front matter and for perennial.yml. The only module
 * that includes yaml.h: it turns libyaml's events into a small tree that
 * owns its strings and remembers where every key and value stands.
 *
 * Hostile input costs bounded time and memory: aliases are refused (never
 * expanded), nesting deeper than FM_MAX_DEPTH is refused, and parsing stops
 * at the first problem.
 */
#define FM_MAX_DEPTH 32

enum fm_fence {
	FM_FOUND,      /* a block between `---` and `---` or `...` */
	FM_MISSING,    /* the file does not start with `---` */
	FM_UNCLOSED,   /* `---` opens a block that never closes */
};

/* Where the front matter stands in a source. */
struct fm_block {
	enum fm_fence fence;
	size_t open_offset;  /* the opening `---` (after a BOM) */
	size_t yaml_offset;  /* first byte after the opening line */
	size_t yaml_len;     /* up to the closing line */
	unsigned yaml_line;  /* 1-based line of yaml_offset */
	size_t body_offset;  /* first byte after the closing line */
	unsigned body_line;  /* 1-based line of body_offset */
};

/* Finds the fences. Never fails: out->fence says what was found. */
void fm_find(struct fm_block *out, const struct source *src);

enum fm_kind {
	FM_SCALAR,
	FM_LIST,
	FM_MAP,
};

struct fm_node {
	enum fm_kind kind;
	char *text;            /* FM_SCALAR: the value, NUL-terminated */
	int plain;             /* FM_SCALAR: written without quotes or block style */
	size_t offset;         /* where the node starts in the source */
	size_t len;            /* how many bytes it spans */
	struct fm_node *keys;  /* FM_MAP: the keys, scalars, parallel to items */
	struct fm_node *items; /* FM_LIST: the items; FM_MAP: the values */
	size_t count;
};

/*
 * Parses bytes [offset, offset + len) of src as one YAML document. On success returns 0 and *out is the root (NULL for
 * an empty document), freed with fm_node_free. On failure returns -1, *out
 * is NULL, and one diagnostic is in diags: yaml-syntax (at libyaml's
 * position), yaml-alias, yaml-too-deep, or duplicate-key.
 */
int fm_parse(struct fm_node **out, const struct source *src,
	     size_t offset, size_t len, struct diag_list *diags);

void fm_node_free(struct fm_node *node);

/* The value of `key` in a map, or NULL; *key_out (if given) gets the key. */
const struct fm_node *fm_map_get(const struct fm_node *map, const char *key,
				 const struct fm_node **key_out);

/* True for a plain scalar YAML reads as null: empty, `~`, `null`. */
int fm_is_null(const struct fm_node *node);

/* A scalar's text, or NULL if the node is not a non-null scalar. */
const char *fm_text(const struct fm_node *node);

#endif
