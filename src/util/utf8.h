#ifndef PERENNIAL_UTF8_H
#define PERENNIAL_UTF8_H

#include <stddef.h>

/* Offset of the first byte that is not part of valid UTF-8, or len if all is. */
size_t utf8_invalid_offset(const char *s, size_t len);

/* Length in bytes of the character starting at s (1 for an invalid byte). */
size_t utf8_char_len(const char *s, size_t len);

/* Number of characters (code points) in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* What utf8_decode returns for a byte that does not start a valid character. */
#define UTF8_INVALID 0xFFFFFFFFu

/* The code point at s, and its length in bytes in *n (1 for an invalid byte). */
unsigned utf8_decode(const char *s, size_t len, size_t *n);

/*
 * The columns s[0..len) takes on a terminal: two for an East Asian wide
 * or fullwidth character and an emoji, none for a combining mark, a
 * format character (zero width joiner, variation selector), a skin tone
 * or an emoji a zero width joiner ties to the one before; one for the
 * others, an invalid byte too. Measure text as it will be printed
 * (utf8_append_printable), which is what takes room on the screen.
 */
size_t utf8_width(const char *s, size_t len);

/*
 * The length in bytes of the longest start of s[0..len) that takes at
 * most `width` columns, with the zero-width characters that follow it
 * (they belong to its last character).
 */
size_t utf8_cut(const char *s, size_t len, size_t width);

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
