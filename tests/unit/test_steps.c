#include "unit.h"

#include <stdlib.h>

#include "config.h"
#include "corpus.h"
#include "privacy.h"
#include "steps.h"
#include "source.h"
#include "table.h"
#include "xalloc.h"

struct fixture {
	struct source *config_src;
	struct config *config;
	struct corpus corpus;
	size_t cap;
	struct steps_list list;
	struct table t;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || unit_config(&fx->config, &fx->config_src,
			       "organizers:\n  lisa-t: { name: Lisa }\n  dee-w: { name: Dee }\n") < 0)
		return -1;
	fx->t = (struct table)TABLE_INIT;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	steps_list_release(&fx->list);
	table_release(&fx->t);
	corpus_release(&fx->corpus);
	config_free(fx->config);
	source_free(fx->config_src);
	free(fx);
	return 0;
}

#define S_note(fx, ...) unit_note(&(fx)->corpus, &(fx)->cap, __VA_ARGS__)

static void S_story(struct fixture *fx)
{
	struct corpus_note *a = S_note(fx, "a.md", "2020-05-01", NULL, "", "internal");
	unit_step(a, 10, "lisa-t", "Call Ana", "2020-05-20", NULL, 0);        /* overdue on 06-01 */
	unit_step(a, 11, "lisa-t", "Due that very day", "2020-06-01", NULL, 0); /* open */
	unit_step(a, 12, "lisa-t", "No due day", NULL, NULL, 0);               /* open */
	unit_step(a, 13, "dee-w", "Ticked later", "2020-05-02", "2020-05-09", 1);
	unit_step(a, 14, NULL, "Nobody's yet", "2020-05-03", NULL, 0);          /* overdue */
	struct corpus_note *b = S_note(fx, "b.md", "2020-05-10", NULL, "", "private");
	unit_step(b, 8, "lisa-t", "A private matter", "2020-05-11", NULL, 0);  /* overdue */
	unit_step(b, 9, "dee-w", "Written down done", NULL, "2020-05-10", 0);
}

/* The steps' rows, as a table to read cells from. */
static void S_table(struct fixture *fx)
{
	struct steps_rows scratch;
	struct table_rows rows = steps_rows(&scratch, &fx->list);
	const char *cells[16];
	assert_true(rows.ncolumns <= 16);
	table_release(&fx->t);
	table_set_columns(&fx->t, rows.columns, rows.ncolumns);
	for (size_t r = 0; r < rows.nrows; r++) {
		rows.row(rows.ctx, r, cells);
		table_add_row(&fx->t, cells);
	}
}

static struct steps_filter S_filter(const char *today)
{
	struct steps_filter f = { 0 };
	assert_int_equal(date_parse(&f.today, today, strlen(today)), DATE_OK);
	return f;
}

static void test_grouped_by_owner_overdue_first(void **state)
{
	struct fixture *fx = *state;
	struct steps_filter all = S_filter("2020-06-01");

	S_story(fx);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	steps_select(&fx->list, &fx->corpus, &all);
	S_table(fx);
	assert_column(&fx->t, "owner", (const char *[]){ "dee-w", "dee-w", "lisa-t", "lisa-t",
		"lisa-t", "lisa-t", "(null)", NULL });
	assert_column(&fx->t, "status", (const char *[]){ "done", "done", "overdue", "overdue",
		"open", "open", "overdue", NULL });
	/* Longest overdue first; a due day before none; the latest done first. */
	assert_column(&fx->t, "step", (const char *[]){ "(in a private note)", "Ticked later",
		"(in a private note)", "Call Ana", "Due that very day", "No due day", "Nobody's yet",
		NULL });
	assert_column(&fx->t, "done", (const char *[]){ "2020-05-10", "2020-05-09", "(null)",
		"(null)", "(null)", "(null)", "(null)", NULL });
	/* Days to done only for a step a commit ticked. */
	assert_column(&fx->t, "days", (const char *[]){ "(null)", "8", "(null)", "(null)",
		"(null)", "(null)", "(null)", NULL });
	/* A private note's step keeps its owner, and nothing that names the note. */
	assert_column(&fx->t, "path", (const char *[]){ "(null)", "a.md", "(null)", "a.md",
		"a.md", "a.md", "a.md", NULL });
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct steps_filter overdue = S_filter("2020-06-01");
	struct steps_filter done = S_filter("2020-06-01");
	struct steps_filter open_lisa = S_filter("2020-05-15");
	overdue.overdue = 1;
	done.done = 1;
	open_lisa.open = 1;
	open_lisa.owner = "lisa-t";

	S_story(fx);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	steps_select(&fx->list, &fx->corpus, &overdue);
	assert_int_equal(fx->list.len, 3);
	steps_list_release(&fx->list);
	steps_select(&fx->list, &fx->corpus, &done);
	assert_int_equal(fx->list.len, 2);
	steps_list_release(&fx->list);
	/* On 05-15 only the private one (due 05-11) is overdue for lisa-t. */
	steps_select(&fx->list, &fx->corpus, &open_lisa);
	assert_int_equal(fx->list.len, 4);
	assert_int_equal(fx->list.items[0].status, STEP_OVERDUE);
	assert_string_equal(fx->list.items[0].step->words, "A private matter");
	for (size_t i = 1; i < 4; i++)
		assert_int_equal(fx->list.items[i].status, STEP_OPEN);
}

/* A private note's participant is "a participant": not listed, sorted or found by name. */
static void test_private_participant_owner_is_not_named(void **state)
{
	struct fixture *fx = *state;
	struct steps_filter all = S_filter("2020-06-01");
	struct steps_filter luis = S_filter("2020-06-01");
	luis.owner = "luis-c";

	struct corpus_note *a = S_note(fx, "a.md", "2020-05-01", NULL, "", "internal");
	unit_step(a, 3, "luis-c", "Bring the flyers", NULL, NULL, 0);
	struct corpus_note *b = S_note(fx, "b.md", "2020-05-10", NULL, "", "private");
	unit_step(b, 4, "luis-c", "Talk to the lawyer", NULL, NULL, 0);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_TERMINAL);
	steps_select(&fx->list, &fx->corpus, &all);
	S_table(fx);
	assert_column(&fx->t, "owner", (const char *[]){ "a participant", "luis-c", NULL });
	steps_list_release(&fx->list);
	steps_select(&fx->list, &fx->corpus, &luis);
	assert_int_equal(fx->list.len, 1);
	assert_string_equal(fx->list.items[0].note->path, "a.md");
}

static void test_malformed_due_is_no_due(void **state)
{
	struct fixture *fx = *state;
	struct steps_filter all = S_filter("2020-06-01");
	struct corpus_note *a = S_note(fx, "a.md", "2020-05-01", NULL, "", "internal");
	unit_step(a, 10, "lisa-t", "Soon", "next week", NULL, 0);
	unit_step(a, 11, "lisa-t", "Never", "2020-02-30", NULL, 0);

	steps_select(&fx->list, &fx->corpus, &all);
	assert_int_equal(fx->list.len, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(fx->list.items[i].status, STEP_OPEN);
		assert_false(fx->list.items[i].has_due);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_grouped_by_owner_overdue_first),
		T(test_filters),
		T(test_private_participant_owner_is_not_named),
		T(test_malformed_due_is_no_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
