#ifndef PERENNIAL_UTF8_H
#define PERENNIAL_UTF8_H

#include <stddef.h>

/* Offset of the first byte that is not part of valid UTF-8, or len if all is. */
size_t utf8_invalid_offset(const char *s, size_t len);

/* Length in bytes of the character starting at s (1 for an invalid byte). */
size_t utf8_char_len(const char *s, size_t len);

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

/* Offset of the first character utf8_append_printable would replace, or len. */
size_t utf8_unprintable_offset(const char *s, size_t len);

/*
 * Appends s[0..len) with each byte utf8_append_printable would replace
 * written as `\xNN`: for names (a file's) that must print as what they
 * are, byte for byte, never as a replacement character.
 */
void utf8_append_escaped(struct strbuf *sb, const char *s, size_t len);

#endif
