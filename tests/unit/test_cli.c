#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

/* The suite runs with stdout and stderr captured, never on a terminal. */

static void test_color_words_and_no_color(void **state)
{
	(void)state;
	FILE *out = tmpfile();
	unsetenv("NO_COLOR");
	assert_int_equal(cli_color("always", out), 1);
	assert_int_equal(cli_color("never", out), 0);
	assert_int_equal(cli_color("auto", out), 0);
	assert_int_equal(cli_color(NULL, out), 0);
	assert_int_equal(cli_color("sometimes", out), -1);
	setenv("NO_COLOR", "1", 1);
	assert_int_equal(cli_color("always", out), 0);
	/* An empty NO_COLOR is as good as none. */
	setenv("NO_COLOR", "", 1);
	assert_int_equal(cli_color("always", out), 1);
	unsetenv("NO_COLOR");
	fclose(out);
}

static void test_progress_is_silent_off_a_terminal(void **state)
{
	(void)state;
	if (isatty(STDERR_FILENO))
		skip();
	struct progress *p = progress_start("Checking notes");
	assert_null(p);
	progress_update(p, 1, 2);
	progress_stop(p);
}

static void test_chdir_to_a_missing_folder_fails(void **state)
{
	(void)state;
	assert_int_equal(cli_chdir(NULL), 0);
	assert_int_equal(cli_chdir("/nonexistent/perennial-test"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_color_words_and_no_color),
		cmocka_unit_test(test_progress_is_silent_off_a_terminal),
		cmocka_unit_test(test_chdir_to_a_missing_folder_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
