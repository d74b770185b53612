#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "progress.h"
#include "progress_bar.h"

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

static void test_progress_bar_is_silent_off_a_terminal(void **state)
{
	(void)state;
	if (isatty(STDERR_FILENO))
		skip();
	progress_set_display(&progress_bar);
	struct progress *p = progress_start("Checking notes");
	assert_null(p);
	progress_update(p, 1, 2);
	progress_stop(p);
	progress_set_display(NULL);
}

/* A display that counts what modules tell it. */
static int S_started, S_updates, S_stopped;
static struct progress *S_start(const char *label)
{
	S_started += strcmp(label, "Reading") == 0;
	return (struct progress *)&S_started;
}
static void S_update(struct progress *p, size_t done, size_t total)
{
	S_updates += p == (struct progress *)&S_started && done <= total;
}
static void S_stop(struct progress *p)
{
	S_stopped += p == (struct progress *)&S_started;
}

static void test_progress_goes_to_the_display_set(void **state)
{
	(void)state;
	static const struct progress_display counting = { S_start, S_update, S_stop };
	assert_null(progress_start("Reading"));
	progress_set_display(&counting);
	struct progress *p = progress_start("Reading");
	progress_update(p, 1, 2);
	progress_update(p, 2, 2);
	progress_stop(p);
	progress_set_display(NULL);
	assert_int_equal(S_started, 1);
	assert_int_equal(S_updates, 2);
	assert_int_equal(S_stopped, 1);
	/* NULL is a silent progress whatever the display. */
	progress_update(NULL, 1, 1);
	progress_stop(NULL);
}

/* What modules record is printed by the command, oldest first, then its own. */
static void test_error_prints_what_modules_recorded(void **state)
{
	(void)state;
	struct unit_capture c;
	unit_capture_start(&c);
	error_set("cannot read 'a'");
	error_set_at("templates/x.md", 3, 7, "unclosed section");
	assert_int_equal(error("no report"), -1);
	cli_print_errors();
	char *printed = unit_capture_printed(&c);
	assert_string_equal(printed, "perennial: error: cannot read 'a'\n"
			    "templates/x.md:3:7: error: unclosed section\n"
			    "perennial: error: no report\n");
	free(printed);
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
		cmocka_unit_test(test_progress_bar_is_silent_off_a_terminal),
		cmocka_unit_test(test_progress_goes_to_the_display_set),
		cmocka_unit_test(test_error_prints_what_modules_recorded),
		cmocka_unit_test(test_chdir_to_a_missing_folder_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
