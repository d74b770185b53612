#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "strbuf.h"

/* Length of the valid sequence at s, or 0 if the bytes there are not UTF-8. */
static size_t S_valid_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F; /* no UTF-16 surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (len < need)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return need;
}

size_t utf8_invalid_offset(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* Notes are mostly ASCII: step over it eight bytes at a time. */
		uint64_t word;
		if (len - i >= 8) {
			memcpy(&word, u + i, 8);
			if (!(word & UINT64_C(0x8080808080808080))) {
				i += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = S_valid_len(u + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t utf8_char_len(const char *s, size_t len)
{
	if (!len)
		return 0;
	size_t n = S_valid_len((const unsigned char *)s, len);
	return n ? n : 1;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i += utf8_char_len(s + i, len - i))
		count++;
	return count;
}

/*
 * Bytes at u[i] that a terminal must not get as they are: 0 when the
 * character there is printable, else how many bytes to replace. Invalid
 * bytes, control characters other than tab, C1 controls (U+0080..U+009F,
 * escape sequences to some terminals) and bidirectional overrides
 * (U+202A..U+202E, U+2066..U+2069, which reorder a line). *n gets the
 * length of the character either way.
 */
static size_t S_unprintable(const unsigned char *u, size_t len, size_t *n)
{
	size_t k = S_valid_len(u, len);
	*n = k ? k : 1;
	int control = k == 1 && ((u[0] < 0x20 && u[0] != '\t') || u[0] == 0x7F);
	int c1 = k == 2 && u[0] == 0xC2 && u[1] < 0xA0;
	int bidi = k == 3 && u[0] == 0xE2 &&
		((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
		 (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
	return !k || control || c1 || bidi ? *n : 0;
}

void utf8_append_printable(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, n; i < len; i += n) {
		if (S_unprintable(u + i, len - i, &n))
			strbuf_addstr(sb, "\xEF\xBF\xBD");
		else
			strbuf_add(sb, s + i, n);
	}
}

size_t utf8_unprintable_offset(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, n; i < len; i += n)
		if (S_unprintable(u + i, len - i, &n))
			return i;
	return len;
}

void utf8_append_escaped(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, n; i < len; i += n) {
		if (!S_unprintable(u + i, len - i, &n)) {
			strbuf_add(sb, s + i, n);
			continue;
		}
		for (size_t b = 0; b < n; b++)
			strbuf_addf(sb, "\\x%02x", u[i + b]);
	}
}
