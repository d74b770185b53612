#include "mustache.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * A template compiles to one flat array of nodes; a section's body is the
 * nodes between it and its NODE_END. Flat, so that rendering is a loop over
 * a stack of frames on the heap rather than a recursion on the C stack.
 */
enum node_kind {
	NODE_TEXT,
	NODE_VAR,      /* {{name}}: escaped */
	NODE_RAW,      /* {{{name}}}, {{&name}} */
	NODE_SECTION,
	NODE_INVERTED,
	NODE_END,
	NODE_PARTIAL,
};

struct node {
	enum node_kind kind;
	size_t at;          /* the tag's first byte in the source, for errors */
	size_t start, len;  /* TEXT: its bytes; PARTIAL: its indentation */
	int standalone;     /* PARTIAL: alone on its line, so indented line by line */
	char *name;         /* the tag's name, trimmed; NULL for TEXT and END */
	size_t end;         /* SECTION, INVERTED: index of the NODE_END */
};

struct mustache {
	struct source *src;
	struct node *nodes;
	size_t n, cap;
};

void mustache_error_release(struct mustache_error *err)
{
	if (!err)
		return;
	free(err->name);
	free(err->message);
	err->name = err->message = NULL;
	err->line = err->column = 0;
}

static void S_fail(struct mustache_error *err, const struct source *src, size_t at,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void S_fail(struct mustache_error *err, const struct source *src, size_t at,
		   const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	if (!err)
		return;
	mustache_error_release(err);
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	err->name = xstrdup(src->path);
	source_position(src, at, &err->line, &err->column);
	err->message = strbuf_detach(&msg);
}

void mustache_free(struct mustache *tmpl)
{
	if (!tmpl)
		return;
	for (size_t i = 0; i < tmpl->n; i++)
		free(tmpl->nodes[i].name);
	free(tmpl->nodes);
	source_free(tmpl->src);
	free(tmpl);
}

/* ---- Compiling ---- */

static int S_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int S_space(char c)
{
	return S_blank(c) || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The first `needle` in s[from, len), or len. */
static size_t S_find(const char *s, size_t len, size_t from, const char *needle, size_t n)
{
	while (from + n <= len) {
		const char *p = memchr(s + from, needle[0], len - from - n + 1);
		if (!p)
			break;
		if (memcmp(p, needle, n) == 0)
			return (size_t)(p - s);
		from = (size_t)(p - s) + 1;
	}
	return len;
}

/* s[*start, *end) without the white space around it. */
static void S_trim(const char *s, size_t *start, size_t *end)
{
	while (*start < *end && S_space(s[*start]))
		(*start)++;
	while (*end > *start && S_space(s[*end - 1]))
		(*end)--;
}

static struct node *S_add(struct mustache *tmpl, enum node_kind kind, size_t at)
{
	XGROW(tmpl->nodes, tmpl->cap, tmpl->n + 1);
	struct node *node = &tmpl->nodes[tmpl->n++];
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->at = at;
	return node;
}

/*
 * Reads the new delimiters of a set-delimiter tag's inside, s[start, end):
 * two words apart, neither holding '=' (which would end the tag early).
 */
static int S_delimiters(const char *s, size_t start, size_t end, char **open, char **close)
{
	S_trim(s, &start, &end);
	size_t a = start;
	while (a < end && !S_space(s[a]))
		a++;
	size_t b = a;
	while (b < end && S_space(s[b]))
		b++;
	if (a == start || b == a || b == end)
		return -1;
	for (size_t i = b; i < end; i++)
		if (S_space(s[i]))
			return -1;
	if (memchr(s + start, '=', a - start) || memchr(s + b, '=', end - b))
		return -1;
	*open = xstrndup(s + start, a - start);
	*close = xstrndup(s + b, end - b);
	return 0;
}

/*
 * A tag "stands alone" when only blanks share its line (the spec's
 * standalone tags): the whole line then renders as nothing. On success,
 * *line_start is where the blanks before it begin and *next is the start
 * of the following line (or the end).
 */
static int S_standalone(const char *s, size_t len, size_t first, size_t tag, size_t tag_end,
			size_t *line_start, size_t *next)
{
	size_t ls = tag;
	while (ls > first && S_blank(s[ls - 1]))
		ls--;
	if (ls > first && s[ls - 1] != '\n')
		return 0;
	size_t e = tag_end;
	while (e < len && S_blank(s[e]))
		e++;
	if (e < len && s[e] == '\n')
		e++;
	else if (e + 1 < len && s[e] == '\r' && s[e + 1] == '\n')
		e += 2;
	else if (e < len)
		return 0;
	*line_start = ls;
	*next = e;
	return 1;
}

static int S_parse(struct mustache *tmpl, struct mustache_error *err)
{
	const struct source *src = tmpl->src;
	const char *s = src->bytes;
	size_t len = src->len;
	char *open = xstrdup("{{"), *close = xstrdup("}}");
	size_t *stack = NULL, depth = 0, stack_cap = 0;
	size_t pos = src->bom;
	int rc = -1;

	for (;;) {
		size_t olen = strlen(open), clen = strlen(close);
		size_t tag = S_find(s, len, pos, open, olen);
		if (tag == len) {
			if (pos < len) {
				struct node *text = S_add(tmpl, NODE_TEXT, pos);
				text->start = pos;
				text->len = len - pos;
			}
			break;
		}

		/* The sigil, the name between it and the closing delimiter, and the tag's end. */
		size_t inner = tag + olen;
		char sigil = inner < len ? s[inner] : '\0';
		size_t name_start = inner, name_end, tag_end;
		if (sigil && strchr("{&#^/>!=", sigil))
			name_start++;
		if (sigil == '{' || sigil == '=') {
			/* "}" or "=" then the closing delimiter, as one. */
			size_t at = name_start;
			for (;;) {
				at = S_find(s, len, at, close, clen);
				if (at == len || (at > name_start && s[at - 1] == (sigil == '{' ? '}' : '=')))
					break;
				at++;
			}
			if (at == len) {
				S_fail(err, src, tag, "unclosed tag: no '%c%s' after it",
				       sigil == '{' ? '}' : '=', close);
				goto done;
			}
			name_end = at - 1;
			tag_end = at + clen;
		} else {
			name_end = S_find(s, len, name_start, close, clen);
			if (name_end == len) {
				S_fail(err, src, tag, "unclosed tag: no '%s' after it", close);
				goto done;
			}
			tag_end = name_end + clen;
		}
		S_trim(s, &name_start, &name_end);

		int can_stand = sigil && strchr("#^/>!=", sigil);
		size_t line_start, next;
		if (!can_stand || !S_standalone(s, len, src->bom, tag, tag_end, &line_start, &next)) {
			can_stand = 0;
			line_start = tag;
			next = tag_end;
		}
		if (line_start > pos) {
			struct node *text = S_add(tmpl, NODE_TEXT, pos);
			text->start = pos;
			text->len = line_start - pos;
		}
		pos = next;

		if (sigil == '!')
			continue;
		if (sigil == '=') {
			char *o, *c;
			if (S_delimiters(s, name_start, name_end, &o, &c) < 0) {
				S_fail(err, src, tag, "invalid delimiters: expected two words without '=', like {{=<%% %%>=}}");
				goto done;
			}
			free(open);
			free(close);
			open = o;
			close = c;
			continue;
		}
		if (name_start == name_end) {
			S_fail(err, src, tag, "tag without a name");
			goto done;
		}

		char *name = xstrndup(s + name_start, name_end - name_start);
		if (sigil == '/') {
			if (!depth) {
				S_fail(err, src, tag, "'%s' closes no open section", name);
				free(name);
				goto done;
			}
			struct node *section = &tmpl->nodes[stack[depth - 1]];
			if (strcmp(section->name, name) != 0) {
				unsigned line, column;
				source_position(src, section->at, &line, &column);
				S_fail(err, src, tag, "'%s' does not close section '%s' opened at line %u, column %u",
				       name, section->name, line, column);
				free(name);
				goto done;
			}
			free(name);
			section->end = tmpl->n;
			S_add(tmpl, NODE_END, tag);
			depth--;
			continue;
		}

		enum node_kind kind = sigil == '#' ? NODE_SECTION
			: sigil == '^' ? NODE_INVERTED
			: sigil == '>' ? NODE_PARTIAL
			: sigil == '{' || sigil == '&' ? NODE_RAW
			: NODE_VAR;
		if ((kind == NODE_SECTION || kind == NODE_INVERTED) && depth == MUSTACHE_MAX_NESTING) {
			S_fail(err, src, tag, "sections nested more than %d deep", MUSTACHE_MAX_NESTING);
			free(name);
			goto done;
		}
		struct node *node = S_add(tmpl, kind, tag);
		node->name = name;
		if (kind == NODE_PARTIAL && can_stand) {
			node->standalone = 1;
			node->start = line_start;
			node->len = tag - line_start;
		}
		if (kind == NODE_SECTION || kind == NODE_INVERTED) {
			XGROW(stack, stack_cap, depth + 1);
			stack[depth++] = tmpl->n - 1;
		}
	}
	if (depth) {
		const struct node *section = &tmpl->nodes[stack[depth - 1]];
		S_fail(err, src, section->at, "unclosed section '%s' opened here", section->name);
		goto done;
	}
	rc = 0;
done:
	free(open);
	free(close);
	free(stack);
	return rc;
}

int mustache_compile(struct mustache **out, const char *name, const char *text,
		     size_t len, struct mustache_error *err)
{
	struct mustache *tmpl = xcalloc(1, sizeof(*tmpl));

	*out = NULL;
	tmpl->src = source_new(name, text, len);
	if (S_parse(tmpl, err) < 0) {
		mustache_free(tmpl);
		return -1;
	}
	*out = tmpl;
	return 0;
}

/* ---- Rendering ---- */

#define NO_FRAME SIZE_MAX

/*
 * Nodes [pc, end) of tmpl left to run. A section over a list runs its body
 * again for each item; a partial starts a frame of its own.
 */
struct frame {
	const struct mustache *tmpl;
	size_t pc, end;
	size_t body;          /* a list section: where its body starts */
	const json_t *list;   /* the list it walks, or NULL */
	size_t next;          /* the list's next item */
	size_t contexts;      /* the context stack's height when the frame began */
	/*
	 * Indentation, as a chain rather than a copy, so that partials
	 * indenting themselves over and over cost no more memory per level:
	 * indent_frame is the standalone partial's frame whose blanks come
	 * last (NO_FRAME: none); a partial's frame holds its own blanks and
	 * indent_up, the frame whose blanks come before them.
	 */
	size_t indent_frame;
	const char *indent;
	size_t indent_len;
	size_t indent_up;
	int bol;              /* the template's text last ended a line */
	int partial;          /* the frame runs a partial (its line state is its own) */
	unsigned depth;       /* partials around this frame */
};

struct partial {
	char *name;
	struct mustache *tmpl; /* NULL: no such partial */
};

struct render {
	struct strbuf *out;
	const struct mustache_partials *partials;
	mustache_escape_fn *escape;
	struct mustache_error *err;
	const json_t **contexts;
	size_t ncontexts, contexts_cap;
	struct frame *frames;
	size_t nframes, frames_cap;
	struct partial *cache;
	size_t ncache, cache_cap;
	unsigned long steps;
};

static void S_push_context(struct render *r, const json_t *value)
{
	XGROW(r->contexts, r->contexts_cap, r->ncontexts + 1);
	r->contexts[r->ncontexts++] = value;
}

/* A new frame above the top one, sharing its template, context and lines. */
static struct frame *S_push_frame(struct render *r)
{
	XGROW(r->frames, r->frames_cap, r->nframes + 1);
	struct frame *f = &r->frames[r->nframes++];
	*f = r->frames[r->nframes - 2];
	f->list = NULL;
	f->contexts = r->ncontexts;
	f->partial = 0;
	return f;
}

/*
 * The value of a name: the first part looked up from the top of the
 * context stack down, each further part only inside what the one before
 * found, so that a.b never falls back to another context's b.
 */
static const json_t *S_lookup(const struct render *r, const char *name)
{
	if (strcmp(name, ".") == 0)
		return r->ncontexts ? r->contexts[r->ncontexts - 1] : NULL;

	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	const json_t *value = NULL;
	for (size_t i = r->ncontexts; i-- > 0;) {
		value = json_object_getn(r->contexts[i], name, n);
		if (value)
			break;
	}
	while (value && dot) {
		name = dot + 1;
		dot = strchr(name, '.');
		n = dot ? (size_t)(dot - name) : strlen(name);
		value = json_object_getn(value, name, n);
	}
	return value;
}

static int S_falsey(const json_t *value)
{
	return !value || json_is_null(value) || json_is_false(value) ||
		(json_is_array(value) && json_array_size(value) == 0);
}

/* The shortest decimal that reads back as the same double: 1.21, not 1.2100000000000000. */
static void S_add_real(struct strbuf *sb, double v)
{
	char buf[32];
	for (int precision = 1; precision <= 17; precision++) {
		snprintf(buf, sizeof(buf), "%.*g", precision, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	strbuf_addstr(sb, buf);
}

void mustache_escape_html(struct strbuf *sb, const char *s, size_t len)
{
	size_t done = 0;
	for (size_t i = 0; i < len; i++) {
		const char *entity;
		switch (s[i]) {
		case '&': entity = "&amp;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '"': entity = "&quot;"; break;
		case '\'': entity = "&#39;"; break;
		default: continue;
		}
		strbuf_add(sb, s + done, i - done);
		strbuf_addstr(sb, entity);
		done = i + 1;
	}
	strbuf_add(sb, s + done, len - done);
}

static void S_add_indent(struct render *r, struct frame *f)
{
	const struct frame *chain[MUSTACHE_MAX_PARTIAL_DEPTH + 1];
	size_t n = 0;

	if (!f->bol)
		return;
	f->bol = 0;
	for (size_t i = f->indent_frame; i != NO_FRAME && n < MUSTACHE_MAX_PARTIAL_DEPTH + 1;
	     i = r->frames[i].indent_up)
		chain[n++] = &r->frames[i];
	while (n--)
		strbuf_add(r->out, chain[n]->indent, chain[n]->indent_len);
}

/*
 * Template text, indented line by line inside a standalone partial. Blank
 * lines stay blank: indentation is for content, and trailing blanks would
 * only litter the reports.
 */
static void S_emit_text(struct render *r, struct frame *f, const char *s, size_t len)
{
	while (len) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) + 1 : len;
		int blank = s[0] == '\n' || (n == 2 && s[0] == '\r' && s[1] == '\n');
		if (!blank)
			S_add_indent(r, f);
		strbuf_add(r->out, s, n);
		f->bol = nl != NULL;
		s += n;
		len -= n;
	}
}

/* Data's own line breaks are not the template's: they get no indentation. */
static void S_emit_value(struct render *r, struct frame *f, const json_t *value, int escape)
{
	struct strbuf *out = r->out;

	switch (json_typeof(value)) {
	case JSON_STRING:
		if (!json_string_length(value))
			break;
		S_add_indent(r, f);
		if (escape)
			r->escape(out, json_string_value(value), json_string_length(value));
		else
			strbuf_add(out, json_string_value(value), json_string_length(value));
		break;
	case JSON_INTEGER:
		S_add_indent(r, f);
		strbuf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
		break;
	case JSON_REAL:
		S_add_indent(r, f);
		S_add_real(out, json_real_value(value));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		S_add_indent(r, f);
		strbuf_addstr(out, json_is_true(value) ? "true" : "false");
		break;
	case JSON_NULL:
	case JSON_ARRAY:
	case JSON_OBJECT:
		break;
	}
}

/*
 * The compiled partial `name`, loaded and compiled on first use in this
 * render. Returns 0 and *out (NULL when there is no such partial, owned
 * by the cache), or -1 when it does not compile.
 */
static int S_partial(struct render *r, const char *name, const struct mustache **out)
{
	*out = NULL;
	for (size_t i = 0; i < r->ncache; i++) {
		if (strcmp(r->cache[i].name, name) == 0) {
			*out = r->cache[i].tmpl;
			return 0;
		}
	}
	struct mustache *tmpl = NULL;
	if (r->partials && r->partials->load) {
		size_t len = 0;
		char *text = r->partials->load(r->partials->ctx, name, &len);
		if (text) {
			int rc = mustache_compile(&tmpl, name, text, len, r->err);
			free(text);
			if (rc < 0)
				return -1;
		}
	}
	XGROW(r->cache, r->cache_cap, r->ncache + 1);
	r->cache[r->ncache].name = xstrdup(name);
	r->cache[r->ncache].tmpl = tmpl;
	r->ncache++;
	*out = tmpl;
	return 0;
}

/* Starts partial p for the PARTIAL node `node` of the top frame. */
static void S_enter_partial(struct render *r, const struct node *node, const struct mustache *p)
{
	const struct frame *parent = &r->frames[r->nframes - 1];
	const char *indent = parent->tmpl->src->bytes + node->start;
	size_t up = parent->indent_frame;
	struct frame *f = S_push_frame(r);

	f->tmpl = p;
	f->pc = 0;
	f->end = p->n;
	f->bol = 1;
	f->partial = 1;
	f->depth++;
	/*
	 * A standalone partial is indented by the blanks before its tag, after
	 * the indentation its own line had; an inline one starts mid-line, so
	 * none of its lines are anyone's to indent.
	 */
	f->indent_frame = NO_FRAME;
	if (node->standalone) {
		f->indent_frame = r->nframes - 1;
		f->indent = indent;
		f->indent_len = node->len;
		f->indent_up = up;
	}
}

/* Starts the body of the section at node index i of the top frame, over a truthy value. */
static void S_enter_section(struct render *r, size_t i, const json_t *value)
{
	const struct node *node = &r->frames[r->nframes - 1].tmpl->nodes[i];
	size_t end = node->end;
	struct frame *f = S_push_frame(r);

	f->pc = f->body = i + 1;
	f->end = end;
	if (node->kind == NODE_INVERTED)
		return;
	if (json_is_array(value)) {
		f->list = value;
		f->next = 1;
		value = json_array_get(value, 0);
	}
	S_push_context(r, value);
}

/* Leaves the top frame, or goes round its list once more. */
static void S_leave(struct render *r)
{
	struct frame *f = &r->frames[r->nframes - 1];

	r->ncontexts = f->contexts;
	if (f->list && f->next < json_array_size(f->list)) {
		S_push_context(r, json_array_get(f->list, f->next++));
		f->pc = f->body;
		return;
	}
	r->nframes--;
	/* A section shares its template's lines; a partial's lines are its own. */
	if (!f->partial && r->nframes)
		r->frames[r->nframes - 1].bol = f->bol;
}

static int S_run(struct render *r, size_t out_start)
{
	while (r->nframes) {
		struct frame *f = &r->frames[r->nframes - 1];
		const struct source *src = f->tmpl->src;
		/* Where a limit stops us: the next tag, or the close tag of a list's section. */
		size_t at = f->pc < f->end ? f->tmpl->nodes[f->pc].at
			: f->pc ? f->tmpl->nodes[f->pc - 1].at : 0;
		if (++r->steps > MUSTACHE_MAX_STEPS) {
			S_fail(r->err, src, at, "rendering stopped after %lu steps: sections over lists nested too deep?",
			       MUSTACHE_MAX_STEPS);
			return -1;
		}
		if (r->out->len - out_start > MUSTACHE_MAX_OUTPUT) {
			S_fail(r->err, src, at, "rendering stopped: output over %u bytes",
			       MUSTACHE_MAX_OUTPUT);
			return -1;
		}
		if (f->pc == f->end) {
			S_leave(r);
			continue;
		}

		size_t i = f->pc++;
		const struct node *node = &f->tmpl->nodes[i];
		switch (node->kind) {
		case NODE_TEXT:
			S_emit_text(r, f, src->bytes + node->start, node->len);
			break;
		case NODE_VAR:
		case NODE_RAW: {
			const json_t *value = S_lookup(r, node->name);
			if (value)
				S_emit_value(r, f, value, node->kind == NODE_VAR);
			break;
		}
		case NODE_SECTION:
		case NODE_INVERTED: {
			const json_t *value = S_lookup(r, node->name);
			f->pc = node->end + 1;
			if (S_falsey(value) == (node->kind == NODE_INVERTED))
				S_enter_section(r, i, value);
			break;
		}
		case NODE_END:
			break;
		case NODE_PARTIAL: {
			const struct mustache *p;
			if (f->depth >= MUSTACHE_MAX_PARTIAL_DEPTH) {
				S_fail(r->err, src, node->at,
				       "partials nested more than %d deep: does '%s' include itself?",
				       MUSTACHE_MAX_PARTIAL_DEPTH, node->name);
				return -1;
			}
			if (S_partial(r, node->name, &p) < 0)
				return -1;
			if (p && p->n)
				S_enter_partial(r, node, p);
			break;
		}
		}
	}
	return 0;
}

int mustache_render(struct strbuf *out, const struct mustache *tmpl, const json_t *data,
		    const struct mustache_partials *partials, mustache_escape_fn *escape,
		    struct mustache_error *err)
{
	struct render r = { .out = out, .partials = partials,
			    .escape = escape ? escape : mustache_escape_html, .err = err };
	size_t out_start = out->len;

	if (data)
		S_push_context(&r, data);
	XGROW(r.frames, r.frames_cap, 1);
	r.frames[0] = (struct frame){ .tmpl = tmpl, .end = tmpl->n, .bol = 1,
				      .indent_frame = NO_FRAME };
	r.nframes = 1;

	int rc = S_run(&r, out_start);
	if (rc < 0) {
		out->len = out_start;
		if (out->buf)
			out->buf[out_start] = '\0';
	}
	for (size_t i = 0; i < r.ncache; i++) {
		free(r.cache[i].name);
		mustache_free(r.cache[i].tmpl);
	}
	free(r.cache);
	free(r.contexts);
	free(r.frames);
	return rc;
}
