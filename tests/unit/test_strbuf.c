#include "unit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static void test_empty_and_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(strbuf_str(&sb), "");
	char *s = strbuf_detach(&sb);
	assert_string_equal(s, "");           /* a string even when nothing was added */
	free(s);
	strbuf_addstr(&sb, "kept");
	s = strbuf_detach(&sb);
	assert_string_equal(s, "kept");
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	free(s);
	strbuf_release(&sb);
}

static void test_growth_across_many_appends(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 100000);
	assert_int_equal(strlen(sb.buf), 100000);
	assert_int_equal(sb.buf[99999], 'a' + 99999 % 26);
	strbuf_add(&sb, "x\0y", 3);             /* bytes, NUL included */
	assert_int_equal(sb.len, 100003);
	assert_memory_equal(sb.buf + 100000, "x\0y", 4);
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_non_null(sb.buf);                 /* reset keeps the memory */
	strbuf_release(&sb);
	assert_null(sb.buf);
	strbuf_addstr(&sb, "again");             /* usable after release */
	assert_string_equal(sb.buf, "again");
	strbuf_release(&sb);
}

static void S_vadd(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static void test_formatting(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char big[5000];
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	strbuf_addf(&sb, "%s=%d;", "n", 42);
	strbuf_addf(&sb, "%s", big);            /* longer than any first guess */
	S_vadd(&sb, "[%05.1f|%c]", 3.14159, 'q');
	assert_int_equal(sb.len, 5 + 4999 + 9);
	assert_memory_equal(sb.buf, "n=42;", 5);
	assert_string_equal(sb.buf + 5 + 4999, "[003.1|q]");
	strbuf_release(&sb);
}

static void test_sh_quoting(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "plain", "'plain'" },
		{ "", "''" },
		{ "it's", "'it'\\''s'" },
		{ "''", "''\\'''\\'''" },
		{ "$HOME `x` \"y\"", "'$HOME `x` \"y\"'" },
		{ "a b\nc", "'a b\nc'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_add_sh_quoted(&sb, cases[i][0]);
		if (strcmp(strbuf_str(&sb), cases[i][1]) != 0)
			fail_msg("case %zu: %s", i, strbuf_str(&sb));
		strbuf_release(&sb);
	}
	/* What it makes, sh reads back as the same word. */
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addstr(&cmd, "test \"$(printf %s ");
	strbuf_add_sh_quoted(&cmd, "it's $HOME");
	strbuf_addstr(&cmd, ")\" = 'it'\"'\"'s $HOME'");
	assert_int_equal(unit_sh(".", "%s", cmd.buf), 0);
	strbuf_release(&cmd);
}

static void test_url_path(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_add_url_path(&sb, "../notes/2020/a-b_c.d~e.md");
	assert_string_equal(strbuf_str(&sb), "../notes/2020/a-b_c.d~e.md");
	strbuf_reset(&sb);
	strbuf_add_url_path(&sb, "rent 100% #2?(x)&\xC3\xA9.md");
	assert_string_equal(strbuf_str(&sb), "rent%20100%25%20%232%3F%28x%29%26%C3%A9.md");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_detach),
		cmocka_unit_test(test_growth_across_many_appends),
		cmocka_unit_test(test_formatting),
		cmocka_unit_test(test_sh_quoting),
		cmocka_unit_test(test_url_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
