#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

#define LEN(s) (sizeof(s) - 1)
#define FFFD "\xEF\xBF\xBD"

static void test_valid_sequences_of_every_length(void **state)
{
	(void)state;
	static const char text[] = "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x8C\xB1";  /* a é — 🌱 */
	assert_int_equal(utf8_invalid_offset(text, LEN(text)), LEN(text));
	assert_int_equal(utf8_count(text, LEN(text)), 4);
	assert_int_equal(utf8_char_len(text, LEN(text)), 1);
	assert_int_equal(utf8_char_len(text + 1, LEN(text) - 1), 2);
	assert_int_equal(utf8_char_len(text + 3, LEN(text) - 3), 3);
	assert_int_equal(utf8_char_len(text + 6, LEN(text) - 6), 4);
	/* The edges: U+007F, U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF. */
	static const char edges[] = "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
		"\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
	assert_int_equal(utf8_invalid_offset(edges, LEN(edges)), LEN(edges));
	assert_int_equal(utf8_count(edges, LEN(edges)), 7);
	assert_int_equal(utf8_invalid_offset("", 0), 0);
}

static void test_invalid_sequences_are_found_where_they_start(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len, at;
	} cases[] = {
		{ "ab\x80", 3, 2 },                       /* a lone continuation byte */
		{ "a\xC3", 2, 1 },                        /* cut at the end */
		{ "a\xE2\x80", 3, 1 },
		{ "a\xF0\x9F\x8C", 4, 1 },
		{ "\xC3(", 2, 0 },                        /* not followed by a continuation */
		{ "\xC0\x80", 2, 0 },                     /* overlong NUL */
		{ "\xC1\xBF", 2, 0 },                     /* overlong */
		{ "\xE0\x80\x80", 3, 0 },                 /* overlong three bytes */
		{ "\xF0\x80\x80\x80", 4, 0 },             /* overlong four bytes */
		{ "\xED\xA0\x80", 3, 0 },                 /* a surrogate, U+D800 */
		{ "\xED\xBF\xBF", 3, 0 },                 /* U+DFFF */
		{ "\xF4\x90\x80\x80", 4, 0 },             /* past U+10FFFF */
		{ "\xF5\x80\x80\x80", 4, 0 },
		{ "\xFE", 1, 0 },
		{ "\xFF", 1, 0 },
		{ "ok\xC3\xA9\xFF", 5, 4 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (utf8_invalid_offset(cases[i].s, cases[i].len) != cases[i].at)
			fail_msg("case %zu: invalid at %zu, not %zu", i,
				 utf8_invalid_offset(cases[i].s, cases[i].len), cases[i].at);
	/* An invalid byte counts as one character of one byte: a count never stalls. */
	assert_int_equal(utf8_char_len("\xFF" "a", 2), 1);
	assert_int_equal(utf8_char_len("\xED\xA0\x80", 3), 1);
	assert_int_equal(utf8_count("\xFF\xFE" "a", 3), 3);
}

#define S_assert_printable(s, want) S_printable((s), LEN(s), (want))

static void S_printable(const char *s, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	utf8_append_printable(&sb, s, len);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_release(&sb);
}

static void test_printable_keeps_text_and_replaces_what_could_harm(void **state)
{
	(void)state;
	S_assert_printable("caf\xC3\xA9\tok", "caf\xC3\xA9\tok");
	S_assert_printable("\x1B[31mred", FFFD "[31mred");            /* escape sequences */
	S_assert_printable("a\nb\rc\x7F", "a" FFFD "b" FFFD "c" FFFD);
	S_assert_printable("\xC2\x9B" "2J", FFFD "2J");               /* C1 CSI */
	S_assert_printable("\xC2\xA0", "\xC2\xA0");                    /* no-break space stays */
	S_assert_printable("x\xE2\x80\xAEy", "x" FFFD "y");            /* right-to-left override */
	S_assert_printable("x\xE2\x81\xA6y\xE2\x81\xA9", "x" FFFD "y" FFFD); /* isolates */
	S_assert_printable("x\xE2\x80\xAFy", "x\xE2\x80\xAFy");        /* U+202F is a space */
	S_assert_printable("bad\xFF\xC3", "bad" FFFD FFFD);
	S_assert_printable("a\0b", "a" FFFD "b");
	S_assert_printable("", "");
}

static void test_decode_gives_code_points(void **state)
{
	(void)state;
	size_t n;
	assert_int_equal(utf8_decode("a", 1, &n), 'a');
	assert_int_equal(n, 1);
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &n), 0xE9);
	assert_int_equal(n, 2);
	assert_int_equal(utf8_decode("\xE4\xB8\xAD", 3, &n), 0x4E2D);
	assert_int_equal(n, 3);
	assert_int_equal(utf8_decode("\xF0\x9F\x8E\x89", 4, &n), 0x1F389);
	assert_int_equal(n, 4);
	assert_int_equal(utf8_decode("\xFF", 1, &n), UTF8_INVALID);
	assert_int_equal(n, 1);
	assert_int_equal(utf8_decode("\xE4\xB8", 2, &n), UTF8_INVALID);
	assert_int_equal(n, 1);
}

#define S_assert_width(s, want) assert_int_equal(utf8_width((s), LEN(s)), (want))

static void test_width_is_what_a_terminal_gives(void **state)
{
	(void)state;
	S_assert_width("", 0);
	S_assert_width("abc", 3);
	S_assert_width("caf\xC3\xA9", 4);                      /* café, é as one character */
	S_assert_width("cafe\xCC\x81", 4);                     /* e and a combining acute */
	S_assert_width("\xE4\xB8\xAD\xE6\x96\x87", 4);        /* 中文: wide */
	S_assert_width("\xED\x95\x9C", 2);                     /* 한 */
	S_assert_width("\xEF\xBC\xA1", 2);                     /* Ａ, fullwidth */
	S_assert_width("\xE3\x81\x82", 2);                     /* あ */
	S_assert_width("\xF0\x9F\x8E\x89", 2);                 /* 🎉 */
	S_assert_width("\xF0\x9F\x98\x80x", 3);                /* 😀x */
	S_assert_width("\xE2\x9D\xA4\xEF\xB8\x8F", 1);        /* ❤ and VS16: the text heart's one */
	S_assert_width("\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD", 2); /* 👋🏽: the skin tone takes none */
	/* 👩‍👩‍👧: one picture of two columns, the joiners and what they join take none. */
	S_assert_width("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
		       "\xF0\x9F\x91\xA7", 2);
	/* A joiner between letters (Devanagari half forms) joins no picture: क्‍ष is 2. */
	S_assert_width("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7", 2);
	S_assert_width("\xE2\x80\x8B", 0);                     /* zero width space */
	S_assert_width("\xC2\xAD", 1);                          /* soft hyphen: shown */
	S_assert_width("\xE2\x80\x94\xE2\x80\xA6", 2);        /* — …: narrow punctuation */
	S_assert_width("\xFF" "a", 2);                           /* a bad byte is shown as one U+FFFD */
	/* An emoji of Unicode 15, 🫨 U+1FAE8, between wide ones: wide too. */
	S_assert_width("\xF0\x9F\xAB\xA8", 2);
	/* The edges of the table: before its first range, past its last. */
	S_assert_width("\xCB\xBF", 1);                          /* U+02FF */
	S_assert_width("\xCC\x80", 0);                          /* U+0300 */
	S_assert_width("\xF4\x8F\xBF\xBF", 1);                 /* U+10FFFF */
}

static void test_cut_keeps_whole_characters_and_their_marks(void **state)
{
	(void)state;
	static const char cjk[] = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97";  /* 中文字 */
	assert_int_equal(utf8_cut(cjk, LEN(cjk), 0), 0);
	assert_int_equal(utf8_cut(cjk, LEN(cjk), 1), 0);       /* half a character: none */
	assert_int_equal(utf8_cut(cjk, LEN(cjk), 3), 3);
	assert_int_equal(utf8_cut(cjk, LEN(cjk), 4), 6);
	assert_int_equal(utf8_cut(cjk, LEN(cjk), 100), LEN(cjk));
	static const char marked[] = "e\xCC\x81" "e\xCC\x81";      /* two e with an acute */
	assert_int_equal(utf8_cut(marked, LEN(marked), 1), 3);
	static const char family[] = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7x";
	assert_int_equal(utf8_cut(family, LEN(family), 2), LEN(family) - 1);
	assert_int_equal(utf8_cut("abc", 3, 2), 2);
}

static void S_assert_escaped(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "");
	utf8_append_escaped(&sb, in, strlen(in));
	assert_string_equal(strbuf_str(&sb), want);
	assert_int_equal(utf8_unprintable_offset(in, strlen(in)) == strlen(in), strcmp(in, want) == 0);
	strbuf_release(&sb);
}

static void test_escaped_writes_the_bytes_printable_would_replace(void **state)
{
	(void)state;
	S_assert_escaped("notes/caf\xC3\xA9.md", "notes/caf\xC3\xA9.md");
	S_assert_escaped("notes/caf\xE9.md", "notes/caf\\xe9.md");     /* Latin-1 */
	S_assert_escaped("a\nb\x1B", "a\\x0ab\\x1b");
	S_assert_escaped("x\xE2\x80\xAEy", "x\\xe2\\x80\\xaey");          /* a whole override */
	S_assert_escaped("tab\tok", "tab\tok");
	S_assert_escaped("", "");
	assert_int_equal(utf8_unprintable_offset("ab\x01", 3), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaped_writes_the_bytes_printable_would_replace),
		cmocka_unit_test(test_valid_sequences_of_every_length),
		cmocka_unit_test(test_invalid_sequences_are_found_where_they_start),
		cmocka_unit_test(test_printable_keeps_text_and_replaces_what_could_harm),
		cmocka_unit_test(test_decode_gives_code_points),
		cmocka_unit_test(test_width_is_what_a_terminal_gives),
		cmocka_unit_test(test_cut_keeps_whole_characters_and_their_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
