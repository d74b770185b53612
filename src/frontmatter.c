#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "source.h"
#include "utf8.h"
#include "xalloc.h"

/* A line that is `mark` followed by nothing but spaces and tabs. */
static int S_is_fence(const struct source *src, unsigned line, const char *mark)
{
	size_t at = source_line_start(src, line);
	size_t end = source_line_end(src, line);

	if (end - at < 3 || memcmp(src->bytes + at, mark, 3) != 0)
		return 0;
	for (at += 3; at < end; at++)
		if (src->bytes[at] != ' ' && src->bytes[at] != '\t')
			return 0;
	return 1;
}

void fm_find(struct fm_block *out, const struct source *src)
{
	unsigned line;

	memset(out, 0, sizeof(*out));
	out->open_offset = src->bom;
	if (!S_is_fence(src, 1, "---")) {
		/* No front matter: the whole file is body. */
		out->fence = FM_MISSING;
		out->yaml_offset = out->body_offset = src->bom;
		out->yaml_line = out->body_line = 1;
		return;
	}
	out->yaml_offset = source_line_start(src, 2);
	out->yaml_line = source_line_of(src, out->yaml_offset);
	for (line = 2; line <= src->nlines; line++)
		if (S_is_fence(src, line, "---") || S_is_fence(src, line, "..."))
			break;
	/* Unclosed, line is past the last one and everything is YAML. */
	out->fence = line <= src->nlines ? FM_FOUND : FM_UNCLOSED;
	out->yaml_len = source_line_start(src, line) - out->yaml_offset;
	out->body_offset = source_line_start(src, line + 1);
	out->body_line = source_line_of(src, out->body_offset);
}

/* A collection whose events have started but not ended. */
struct S_frame {
	struct fm_node node;
	size_t nkeys;      /* FM_MAP: node.count, or one more while a value is due */
	size_t keys_cap;
	size_t items_cap;
	int flow;          /* written in brackets or braces */
};

struct S_parser {
	const struct source *src;
	struct diag_list *diags;
	size_t input;      /* where the bytes given to libyaml start in src */
	size_t start;      /* where its character index 0 stands: after a BOM */
	size_t end;
	size_t at;         /* the byte offset of character index at_index */
	size_t at_index;
	struct S_frame stack[FM_MAX_DEPTH];
	size_t depth;
	struct fm_node *root;
	int documents;
};

/*
 * The byte offset of a libyaml mark. Marks count characters from the start
 * of the input, a CRLF as two; their line numbers are no use, as libyaml
 * also breaks lines at U+0085, U+2028 and U+2029 where source.c does not.
 * Events come in document order, so walking on from the last mark keeps a
 * whole parse linear.
 */
static size_t S_offset(struct S_parser *p, yaml_mark_t mark)
{
	if (mark.index < p->at_index) {
		p->at = p->start;
		p->at_index = 0;
	}
	const char *bytes = p->src->bytes;
	while (p->at_index < mark.index && p->at < p->end) {
		p->at += (unsigned char)bytes[p->at] < 0x80
			? 1 : utf8_char_len(bytes + p->at, p->end - p->at);
		p->at_index++;
	}
	return p->at;
}

/* Reports a problem with the bytes an event spans; parsing stops there. */
static struct diag *S_fail(struct S_parser *p, enum diag_rule rule,
			   const yaml_event_t *event, const char *message)
{
	size_t start = S_offset(p, event->start_mark);
	size_t end = S_offset(p, event->end_mark);
	return diag_add(p->diags, p->src, rule, start, end - start, "%s", message);
}

static void S_syntax_error(struct S_parser *p, const yaml_parser_t *parser)
{
	const char *problem = parser->problem ? parser->problem : "out of memory";
	size_t at;

	/* A reader error (a control character) has a byte offset, not a mark. */
	if (parser->error == YAML_READER_ERROR)
		at = p->input + parser->problem_offset;
	else
		at = S_offset(p, parser->problem_mark);
	if (at > p->end)
		at = p->end;

	struct diag *d = diag_add(p->diags, p->src, DIAG_YAML_SYNTAX, at,
				  utf8_char_len(p->src->bytes + at, p->end - at),
				  "YAML syntax error: %s", problem);
	if ((at < p->end && p->src->bytes[at] == '\t') || strstr(problem, "tab")) {
		diag_hint(d, "indent with spaces: YAML does not allow tabs");
	} else if (strcmp(problem, "mapping values are not allowed in this context") == 0) {
		diag_hint(d, "put the value in quotes if it contains ': '");
	} else if (parser->context && (strstr(parser->context, "quoted") ||
					 strstr(parser->context, "flow"))) {
		/* An unclosed quote or bracket shows only where the file ends. */
		unsigned began = source_line_of(p->src, S_offset(p, parser->context_mark));
		if (began != d->line)
			diag_hint(d, "the problem began on line %u (%s)", began, parser->context);
	}
}

/* Frees what node owns, not node itself. */
static void S_node_clear(struct fm_node *node)
{
	for (size_t i = 0; i < node->count; i++) {
		if (node->keys)
			S_node_clear(&node->keys[i]);
		S_node_clear(&node->items[i]);
	}
	free(node->text);
	free(node->keys);
	free(node->items);
}

void fm_node_free(struct fm_node *node)
{
	if (!node)
		return;
	S_node_clear(node);
	free(node);
}

/* Hands a finished node to the collection being built, or makes it the root. */
static void S_attach(struct S_parser *p, const struct fm_node *node)
{
	if (!p->depth) {
		p->root = xmalloc(sizeof(*p->root));
		*p->root = *node;
		return;
	}
	struct S_frame *f = &p->stack[p->depth - 1];
	if (f->node.kind == FM_MAP && f->nkeys == f->node.count) {
		XGROW(f->node.keys, f->keys_cap, f->nkeys + 1);
		f->node.keys[f->nkeys++] = *node;
		return;
	}
	XGROW(f->node.items, f->items_cap, f->node.count + 1);
	f->node.items[f->node.count++] = *node;
}

/* Whether the next node of the collection being built is a key. */
static int S_key_due(const struct S_parser *p)
{
	const struct S_frame *f = p->depth ? &p->stack[p->depth - 1] : NULL;
	return f && f->node.kind == FM_MAP && f->nkeys == f->node.count;
}

static int S_open(struct S_parser *p, const yaml_event_t *event, enum fm_kind kind, int flow)
{
	if (S_key_due(p)) {
		diag_hint(S_fail(p, DIAG_KEY_NOT_TEXT, event, kind == FM_LIST
				 ? "a key must be plain text, not a list"
				 : "a key must be plain text, not a mapping"),
			  flow && kind == FM_MAP
			  ? "'{{ ... }}' is a template's placeholder (Hugo, Jekyll), which YAML reads "
			    "as a mapping: write the value itself, or put it in quotes"
			  : "write 'key: value', with the list or mapping as the value");
		return -1;
	}
	if (p->depth == FM_MAX_DEPTH) {
		diag_hint(S_fail(p, DIAG_YAML_TOO_DEEP, event, "YAML nested too deeply"),
			  "lists and mappings may nest %d levels deep at most", FM_MAX_DEPTH);
		return -1;
	}
	struct S_frame *f = &p->stack[p->depth++];
	memset(f, 0, sizeof(*f));
	f->node.kind = kind;
	f->node.offset = S_offset(p, event->start_mark);
	f->flow = flow;
	return 0;
}

static int S_key_order(const void *a, const void *b)
{
	const struct fm_node *x = *(const struct fm_node *const *)a;
	const struct fm_node *y = *(const struct fm_node *const *)b;
	int c = strcmp(x->text, y->text);
	return c ? c : (x > y) - (x < y);
}

/*
 * Sorting finds repeated keys in O(n log n). Of several, the one reported
 * is the repeat that comes first in the file, as a reader would find it.
 */
static int S_check_duplicates(struct S_parser *p, const struct fm_node *map)
{
	const struct fm_node *first = NULL, *second = NULL;

	if (map->count < 2)
		return 0;
	const struct fm_node **sorted = xmalloc(map->count * sizeof(*sorted));
	for (size_t i = 0; i < map->count; i++)
		sorted[i] = &map->keys[i];
	qsort(sorted, map->count, sizeof(*sorted), S_key_order);
	for (size_t i = 1; i < map->count; i++)
		if (strcmp(sorted[i - 1]->text, sorted[i]->text) == 0 &&
		    (!second || sorted[i] < second)) {
			first = sorted[i - 1];
			second = sorted[i];
		}
	free(sorted);
	if (!second)
		return 0;
	diag_hint(diag_add(p->diags, p->src, DIAG_DUPLICATE_KEY, second->offset, second->len,
			   "key '%s' is already set on line %u", second->text,
			   source_line_of(p->src, first->offset)),
		  "keep one of the two");
	return -1;
}

static int S_close(struct S_parser *p, const yaml_event_t *event)
{
	struct S_frame *f = &p->stack[p->depth - 1];
	struct fm_node *node = &f->node;
	size_t end = node->offset;

	if (node->kind == FM_MAP && S_check_duplicates(p, node) < 0)
		return -1;
	/*
	 * A block collection's end event stands where the next token does,
	 * often lines below: it ends with its last key or item instead.
	 */
	if (f->flow)
		end = S_offset(p, event->end_mark);
	else if (node->count) {
		const struct fm_node *last = &node->items[node->count - 1];
		end = last->offset + last->len;
		if (node->keys) {
			last = &node->keys[node->count - 1];
			if (last->offset + last->len > end)
				end = last->offset + last->len;
		}
	}
	node->len = end - node->offset;
	p->depth--;
	S_attach(p, node);
	return 0;
}

static int S_event(struct S_parser *p, const yaml_event_t *event)
{
	struct fm_node scalar;

	switch (event->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (p->documents++ == 0)
			return 0;
		diag_hint(S_fail(p, DIAG_YAML_SYNTAX, event, "only one YAML document is allowed"),
			  "remove this '---' line and what follows it, or merge it into the first");
		return -1;
	case YAML_ALIAS_EVENT:
		diag_hint(S_fail(p, DIAG_YAML_ALIAS, event, "YAML aliases are not allowed in front matter"),
			  "write the value out in full instead of '*name'");
		return -1;
	case YAML_SCALAR_EVENT:
		/* "\0" in a quoted value would cut it short everywhere it is compared. */
		if (memchr(event->data.scalar.value, '\0', event->data.scalar.length)) {
			diag_hint(S_fail(p, DIAG_YAML_SYNTAX, event, "a value holds a NUL character"),
				  "remove the '\\0' from the value");
			return -1;
		}
		memset(&scalar, 0, sizeof(scalar));
		scalar.kind = FM_SCALAR;
		scalar.text = xstrndup((const char *)event->data.scalar.value,
				       event->data.scalar.length);
		scalar.plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		scalar.offset = S_offset(p, event->start_mark);
		scalar.len = S_offset(p, event->end_mark) - scalar.offset;
		S_attach(p, &scalar);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		return S_open(p, event, FM_LIST,
			      event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
	case YAML_MAPPING_START_EVENT:
		return S_open(p, event, FM_MAP,
			      event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return S_close(p, event);
	default:
		return 0;
	}
}

/* Frees the collections left open by a failed parse, and the root. */
static void S_release(struct S_parser *p)
{
	while (p->depth) {
		struct S_frame *f = &p->stack[--p->depth];
		if (f->nkeys > f->node.count)
			S_node_clear(&f->node.keys[f->node.count]);
		S_node_clear(&f->node);
	}
	fm_node_free(p->root);
	p->root = NULL;
}

int fm_parse(struct fm_node **out, const struct source *src,
	     size_t offset, size_t len, struct diag_list *diags)
{
	struct S_parser p;
	yaml_parser_t parser;
	yaml_event_t event;
	int rc = 0, done = 0;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.src = src;
	p.diags = diags;
	p.input = offset;
	p.end = offset + len;
	/* libyaml skips a byte order mark without counting it. */
	p.start = p.at = len >= 3 && memcmp(src->bytes + offset, SOURCE_BOM, 3) == 0
		? offset + 3 : offset;

	if (!yaml_parser_initialize(&parser))
		xalloc_die(sizeof(parser));
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->bytes + offset, len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&parser, &event)) {
			S_syntax_error(&p, &parser);
			rc = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		rc = S_event(&p, &event);
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	if (rc < 0) {
		S_release(&p);
		return -1;
	}
	/* libyaml reads a document with nothing in it as one empty scalar. */
	if (p.root && p.root->kind == FM_SCALAR && p.root->plain && !*p.root->text) {
		fm_node_free(p.root);
		p.root = NULL;
	}
	*out = p.root;
	return 0;
}

const struct fm_node *fm_map_get(const struct fm_node *map, const char *key,
				 const struct fm_node **key_out)
{
	if (key_out)
		*key_out = NULL;
	if (!map || map->kind != FM_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++)
		if (strcmp(map->keys[i].text, key) == 0) {
			if (key_out)
				*key_out = &map->keys[i];
			return &map->items[i];
		}
	return NULL;
}

int fm_is_null(const struct fm_node *node)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };

	if (!node || node->kind != FM_SCALAR || !node->plain)
		return 0;
	for (size_t i = 0; i < sizeof(nulls) / sizeof(*nulls); i++)
		if (strcmp(node->text, nulls[i]) == 0)
			return 1;
	return 0;
}

const char *fm_text(const struct fm_node *node)
{
	return node && node->kind == FM_SCALAR && !fm_is_null(node) ? node->text : NULL;
}
