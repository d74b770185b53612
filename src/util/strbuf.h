#ifndef PERENNIAL_STRBUF_H
#define PERENNIAL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/* A growable, always NUL-terminated byte string. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_add(struct strbuf *sb, const char *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Appends s in single quotes for sh, its own quotes written '\''. */
void strbuf_add_sh_quoted(struct strbuf *sb, const char *s);

/*
 * Appends the path s as a relative URL: letters, digits, `-._~/` as they
 * are, every other byte as %XX, so a file name with a space, `#`, `?` or
 * `%` still leads to the file.
 */
void strbuf_add_url_path(struct strbuf *sb, const char *s);

/* Empties sb, keeping its memory. */
void strbuf_reset(struct strbuf *sb);

/* Cuts sb to its first len bytes (len at most sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

/* The contents, never NULL ("" for an empty buffer); still owned by sb. */
const char *strbuf_str(const struct strbuf *sb);

/* Hands the string to the caller, who frees it; sb is empty afterwards. */
char *strbuf_detach(struct strbuf *sb);

/* Frees the memory; sb may be reused after strbuf_release. */
void strbuf_release(struct strbuf *sb);

#endif
