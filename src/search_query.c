#include "search_query.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "suggest.h"
#include "utf8.h"

/* The parts of a note a query may name, as the index calls its columns. */
static const char *const S_columns[] = { "title", "body" };
#define NCOLUMNS (sizeof(S_columns) / sizeof(*S_columns))

#define BLANKS " \t\n\r\f\v"

enum token { T_END, T_TERM, T_COLUMN, T_AND, T_OR, T_NOT, T_OPEN, T_CLOSE };

struct lexer {
	const char *s;          /* what is left to read */
	enum token type;        /* what was read: */
	const char *text;       /* a term's words, a column's name, an operator as typed */
	size_t len;
	int prefix;             /* a term that ends with * */
	struct strbuf *why;
};

static int S_why(struct strbuf *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int S_why(struct strbuf *why, const char *fmt, ...)
{
	va_list ap;
	strbuf_reset(why);
	va_start(ap, fmt);
	strbuf_vaddf(why, fmt, ap);
	va_end(ap);
	return 1;
}

/*
 * Whether s[0..len) holds anything the index keeps as a word: a letter or
 * digit. Marks alone (`&`, `-`, `—`, `“`) make no word and are left out.
 */
static int S_has_words(const char *s, size_t len)
{
	for (size_t i = 0, n; i < len; i += n) {
		unsigned c = utf8_decode(s + i, len - i, &n);
		if (c < 0x80 ? (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		    : !(c >= 0x2000 && c <= 0x206F))   /* General Punctuation: dashes, quotes, … */
			return 1;
	}
	return 0;
}

static int S_letters(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((s[i] | 0x20) < 'a' || (s[i] | 0x20) > 'z')
			return 0;
	return len > 0;
}

/* `name:` before a word: the column it names, or an error that says which there are. */
static int S_column(struct lexer *lx, const char *name, size_t len, size_t word_len)
{
	for (size_t c = 0; c < NCOLUMNS; c++) {
		if (strlen(S_columns[c]) == len && strncasecmp(name, S_columns[c], len) == 0) {
			lx->type = T_COLUMN;
			lx->text = S_columns[c];
			lx->len = len;
			lx->s = name + len + 1;
			return 0;
		}
	}
	struct strbuf asked = STRBUF_INIT;
	strbuf_add(&asked, name, len);
	const char *close = suggest_closest(asked.buf, S_columns, NCOLUMNS);
	if (close)
		S_why(lx->why, "'%s:' is not a part of a note; did you mean '%s:'?", asked.buf, close);
	else
		S_why(lx->why, "'%s:' is not a part of a note (title: or body:); to search for"
		      " '%.*s' as it is, put it in double quotes", asked.buf, (int)word_len, name);
	strbuf_release(&asked);
	return 1;
}

/* Reads the next token into lx: 0, or 1 with lx->why said. */
static int S_next(struct lexer *lx)
{
	for (;;) {
		const char *s = lx->s + strspn(lx->s, BLANKS);
		lx->prefix = 0;
		lx->text = s;
		if (!*s) {
			lx->type = T_END;
			lx->s = s;
			return 0;
		}
		if (*s == '(' || *s == ')') {
			lx->type = *s == '(' ? T_OPEN : T_CLOSE;
			lx->len = 1;
			lx->s = s + 1;
			return 0;
		}
		if (*s == '"') {
			const char *end = strchr(s + 1, '"');
			if (!end)
				return S_why(lx->why, "the double quote before '%s' is not closed: a phrase"
					     " goes between two, as in \"heads and hearts\"", s + 1);
			lx->text = s + 1;
			lx->len = (size_t)(end - s - 1);
			lx->s = end + 1;
			lx->prefix = *lx->s == '*';
			lx->s += lx->prefix;
		} else {
			size_t n = strcspn(s, BLANKS "()\"");
			const char *colon = memchr(s, ':', n);
			static const struct {
				const char *word;
				enum token type;
			} operators[] = { { "AND", T_AND }, { "OR", T_OR }, { "NOT", T_NOT } };
			lx->s = s + n;
			lx->len = n;
			for (size_t i = 0; i < sizeof(operators) / sizeof(*operators); i++) {
				if (strlen(operators[i].word) == n && memcmp(s, operators[i].word, n) == 0) {
					lx->type = operators[i].type;
					return 0;
				}
			}
			/* title:word, but 10:30 or :) is a word of its own. */
			if (colon && S_letters(s, (size_t)(colon - s)))
				return S_column(lx, s, (size_t)(colon - s), n);
			lx->prefix = s[n - 1] == '*';
			lx->len = n - (size_t)lx->prefix;
			if (!lx->len)
				return S_why(lx->why, "a * goes right after a word or a phrase, as in"
					     " relation*");
			if (memchr(s, '*', lx->len))
				return S_why(lx->why, "'%.*s': a * goes at the end of a word, as in"
					     " relation*", (int)n, s);
		}
		if (S_has_words(lx->text, lx->len)) {
			lx->type = T_TERM;
			return 0;
		}
	}
}

/* An operator or a column that waits for the words after it. */
struct waiting {
	const char *text;       /* as typed; NULL when nothing waits */
	int len;
	int column;
};

static int S_wants_words(struct strbuf *why, const struct waiting *w)
{
	if (w->column)
		return S_why(why, "'%.*s:' needs a word after it, as in title:training", w->len, w->text);
	return S_why(why, "%.*s needs words after it, as in 'rent %.*s repairs'", w->len, w->text,
		     w->len, w->text);
}

int search_query_parse(struct strbuf *out, const char *query, struct strbuf *why)
{
	struct lexer lx = { .s = query, .why = why };
	struct waiting waiting = { NULL, 0, 0 };
	int operand = 0;          /* the last token ends an operand: a word, a phrase, ')' */
	size_t depth = 0, terms = 0;

	strbuf_reset(out);
	if (utf8_invalid_offset(query, strlen(query)) != strlen(query))
		return S_why(why, "the query is not UTF-8");
	for (;;) {
		if (S_next(&lx))
			return 1;
		if (lx.type == T_AND) {
			/* AND NOT is what NOT says already. */
			struct lexer ahead = lx;
			if (S_next(&ahead) == 0 && ahead.type == T_NOT)
				continue;
		}
		if (lx.type == T_END) {
			if (waiting.text)
				return S_wants_words(why, &waiting);
			if (depth)
				return S_why(why, "a bracket '(' is not closed: add a ')'");
			if (!terms)
				return S_why(why, "there is no word to search for in '%s'", query);
			return 0;
		}
		/*
		 * Words side by side must all be there: said with AND, which the
		 * index also takes next to brackets, and which comes after NOT as
		 * people read it (rent NOT mold repairs: rent and repairs, no mold).
		 */
		if (operand && (lx.type == T_TERM || lx.type == T_COLUMN || lx.type == T_OPEN))
			strbuf_addstr(out, " AND");
		if (out->len)
			strbuf_addch(out, ' ');
		switch (lx.type) {
		case T_TERM:
			strbuf_addch(out, '"');
			strbuf_add(out, lx.text, lx.len);
			strbuf_addstr(out, lx.prefix ? "\"*" : "\"");
			terms++;
			operand = 1;
			waiting.text = NULL;
			break;
		case T_COLUMN:
		case T_AND:
		case T_OR:
		case T_NOT:
			if (waiting.text && (waiting.column || lx.type != T_COLUMN)) {
				if (waiting.column)
					return S_wants_words(why, &waiting);
				return S_why(why, "%.*s right after %.*s: put words between them",
					     (int)lx.len, lx.text, waiting.len, waiting.text);
			}
			if (lx.type == T_NOT && !operand)
				return S_why(why, "NOT needs words before it: 'rent NOT repairs' finds"
					     " the notes with rent and without repairs");
			if (lx.type != T_COLUMN && !operand)
				return S_why(why, "%.*s needs words before it, as in 'rent %.*s repairs'",
					     (int)lx.len, lx.text, (int)lx.len, lx.text);
			strbuf_add(out, lx.text, lx.len);
			if (lx.type == T_COLUMN)
				strbuf_addch(out, ':');
			waiting = (struct waiting){ lx.text, (int)lx.len, lx.type == T_COLUMN };
			operand = 0;
			break;
		case T_OPEN:
			strbuf_addch(out, '(');
			depth++;
			waiting.text = NULL;
			operand = 0;
			break;
		case T_CLOSE:
			if (!depth)
				return S_why(why, "a bracket ')' closes no '('");
			if (waiting.text)
				return S_wants_words(why, &waiting);
			if (!operand)
				return S_why(why, "the brackets '()' hold no words");
			strbuf_addch(out, ')');
			depth--;
			break;
		case T_END:
			break;
		}
	}
}
