#ifndef PERENNIAL_UTF8_H
#define PERENNIAL_UTF8_H

#include <stddef.h>

/* Offset of the first byte that is not part of valid UTF-8, or len if all is. */
size_t utf8_invalid_offset(const char *s, size_t len);

/* Length in bytes of the character starting at s (1 for an invalid byte). */
size_t utf8_char_len(const char *s, size_t len);

/*
 * The code point of the character starting at s, its length in bytes in
 * *n (as utf8_char_len); an invalid byte decodes as U+FFFD.
 */
unsigned utf8_decode(const char *s, size_t len, size_t *n);

/* Number of characters (code points) in s[0..len). */
size_t utf8_count(const char *s, size_t len);

struct strbuf;

/*
 * Appends s[0..len) for display: invalid bytes, control characters other
 * than tab and bidirectional overrides become U+FFFD, so note content can
 * neither break JSON, nor send escape sequences to a terminal, nor make a
 * line read in another order than it is.
 */
void utf8_append_printable(struct strbuf *sb, const char *s, size_t len);

#endif
