#include "unit.h"

#include <stdlib.h>

#include "config.h"
#include "corpus.h"
#include "report.h"
#include "source.h"
#include "spark.h"
#include "strbuf.h"
#include "xalloc.h"

/* Two organizers, one theme; participants are redacted by default. */
#define CONFIG \
	"organizers:\n" \
	"  lisa-t: { name: Lisa Thornton }\n" \
	"  dee-w: { name: Dee Washington }\n" \
	"themes:\n" \
	"  housing: { label: Housing }\n"

struct fixture {
	struct source *config_src;
	struct config *config;
	struct corpus corpus;
	size_t cap;
	json_t *model;
};

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || unit_config(&fx->config, &fx->config_src, CONFIG) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	json_decref(fx->model);
	corpus_release(&fx->corpus);
	config_free(fx->config);
	source_free(fx->config_src);
	free(fx);
	return 0;
}

#define S_note(fx, ...) unit_note(&(fx)->corpus, &(fx)->cap, __VA_ARGS__)

/* A step whose words (as the parse makes them: no owner, no due clause) are `words`. */
static void S_step(struct corpus_note *n, const char *owner, const char *words, const char *due,
		   const char *done_on)
{
	XGROW(n->steps, n->caps[2], n->nsteps + 1);
	struct corpus_step *s = &n->steps[n->nsteps++];
	memset(s, 0, sizeof(*s));
	s->line = 10 + (unsigned)n->nsteps;
	s->owner = xstrdup(owner);
	s->words = xstrdup(words);
	s->due = due ? xstrdup(due) : NULL;
	s->done = done_on != NULL;
	if (done_on) {
		s->dated = date_parse(&s->done_day, done_on, strlen(done_on)) == DATE_OK;
		s->ticked = 1;
	}
}

static void S_mention(struct corpus_note *n, const char *evidence, int quoted)
{
	XGROW(n->mentions, n->caps[1], n->nmentions + 1);
	n->mentions[n->nmentions++] = (struct corpus_mention){
		xstrdup("housing"), MENTION_PATTERN, 9, xstrdup(evidence), quoted,
	};
}

/*
 * Week 2020-W20 (May 11 to 17): a note by lisa-t with maria-g (met before,
 * in W19), one by dee-w with joe-b (new), and a private one.
 */
static void S_story(struct fixture *fx)
{
	struct corpus_note *n;
	n = S_note(fx, "a.md", "2020-05-04", "lisa-t", "maria-g", "internal");
	S_step(n, "maria-g", "Bring the leases", "2020-05-10", "2020-05-12");
	n = S_note(fx, "b.md", "2020-05-12", "lisa-t", "maria-g", "internal");
	S_mention(n, "Ask maria-g: \"the rent | doubled\"", 1);
	S_step(n, "lisa-t", "Call the office", "2020-05-14", NULL);
	n = S_note(fx, "c.md", "2020-05-13", "dee-w", "joe-b", "internal");
	S_mention(n, "Repairs again.", 0);
	n = S_note(fx, "d.md", "2020-05-14", "dee-w", "ana-r", "private");
	S_mention(n, "Words never shown.", 1);
	S_step(n, "dee-w", "Something quiet", NULL, NULL);
}

static const json_t *S_get(const json_t *j, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	for (char *key = strtok_r(copy, ".", &save); key && j; key = strtok_r(NULL, ".", &save))
		j = key[0] >= '0' && key[0] <= '9' ? json_array_get(j, (size_t)atoi(key))
			: json_object_get(j, key);
	free(copy);
	return j;
}

#define assert_int_at(model, path, want) \
	assert_int_equal(json_integer_value(S_get((model), (path))), (want))
#define assert_str_at(model, path, want) \
	assert_string_equal(json_string_value(S_get((model), (path))), (want))

static void S_week(struct fixture *fx, const char *today)
{
	struct report_options options = { { 2020, 20 }, { 0, 0, 0 }, "0123456789abcdef" };
	assert_int_equal(date_parse(&options.today, today, strlen(today)), DATE_OK);
	fx->model = report_week(&fx->corpus, fx->config, &options);
	assert_non_null(fx->model);
}

static void test_the_week_and_its_people(void **state)
{
	struct fixture *fx = *state;

	S_story(fx);
	S_week(fx, "2020-06-01");
	assert_str_at(fx->model, "week", "2020-W20");
	assert_str_at(fx->model, "monday", "2020-05-11");
	assert_str_at(fx->model, "sunday", "2020-05-17");
	/* Seen from after the week: as of its Sunday. */
	assert_str_at(fx->model, "as_of", "2020-05-17");
	assert_int_at(fx->model, "conversations.count", 3);
	assert_int_at(fx->model, "conversations.private", 1);
	assert_str_at(fx->model, "conversations.by_organizer.0.organizer", "dee-w");
	assert_str_at(fx->model, "conversations.by_organizer.0.name", "Dee Washington");
	assert_int_at(fx->model, "people.reached", 3);
	assert_int_at(fx->model, "people.new", 2);
	assert_int_at(fx->model, "people.returning", 1);
	assert_str_at(fx->model, "previous.week", "2020-W19");
	assert_true(json_is_null(S_get(fx->model, "next")));
	/* The week's notes that may be named, with links from the reports folder. */
	assert_int_equal(json_array_size(S_get(fx->model, "notes")), 2);
	assert_str_at(fx->model, "notes.0.link", "../b.md");
}

static void test_steps_as_of_the_week(void **state)
{
	struct fixture *fx = *state;

	S_story(fx);
	S_week(fx, "2020-06-01");
	/* Done on the 12th, eight days after its note of the 4th. */
	assert_int_at(fx->model, "steps.done_count", 1);
	assert_int_at(fx->model, "steps.done.0.days", 8);
	assert_str_at(fx->model, "steps.done.0.owner", "a participant");
	assert_str_at(fx->model, "steps.done.0.text", "Bring the leases");
	/* Open on the 17th: lisa-t's (overdue since the 14th) and dee-w's private one. */
	assert_int_at(fx->model, "steps.open_count", 2);
	assert_int_at(fx->model, "steps.overdue_count", 1);
	assert_str_at(fx->model, "steps.open_by_owner.0.owner", "dee-w");
	assert_true(json_is_null(S_get(fx->model, "steps.open_by_owner.0.steps.0.text")));
	assert_true(json_is_null(S_get(fx->model, "steps.open_by_owner.0.steps.0.note")));
	assert_str_at(fx->model, "steps.open_by_owner.1.steps.0.text", "Call the office");
	assert_true(json_is_true(S_get(fx->model, "steps.open_by_owner.1.steps.0.overdue")));
}

static void test_seen_from_inside_the_week(void **state)
{
	struct fixture *fx = *state;

	S_story(fx);
	/* On the 13th, the step due on the 14th is open, not overdue. */
	S_week(fx, "2020-05-13");
	assert_str_at(fx->model, "as_of", "2020-05-13");
	assert_int_at(fx->model, "steps.overdue_count", 0);
	/* The private note of the 14th is not written yet. */
	assert_int_at(fx->model, "steps.open_count", 1);
}

static void test_quotes_keep_privacy(void **state)
{
	struct fixture *fx = *state;

	S_story(fx);
	S_week(fx, "2020-06-01");
	assert_str_at(fx->model, "themes.0.theme", "housing");
	assert_int_at(fx->model, "themes.0.conversations", 3);
	assert_int_at(fx->model, "themes.0.bar_percent", 100);
	/* The private note's words are not among the quotes; a participant is unnamed. */
	assert_int_equal(json_array_size(S_get(fx->model, "themes.0.quotes")), 2);
	assert_str_at(fx->model, "themes.0.quotes.0.text", "Ask a participant: \"the rent | doubled\"");
	char *dump = json_dumps(fx->model, 0);
	assert_null(strstr(dump, "never shown"));
	assert_null(strstr(dump, "maria-g"));
	assert_null(strstr(dump, "ana-r"));
	assert_null(strstr(dump, "d.md"));
	free(dump);

	/* For Markdown: one line, and no `|` that would end a table cell. */
	json_t *md = report_for_markdown(fx->model);
	assert_string_equal(json_string_value(S_get(md, "themes.0.quotes.0.text")),
			    "Ask a participant: \"the rent \\| doubled\"");
	assert_int_equal(json_integer_value(S_get(md, "conversations.count")), 3);
	json_decref(md);
}

static void test_redaction_and_markdown_marks(void **state)
{
	struct fixture *fx = *state;
	struct corpus_note *n;

	n = S_note(fx, "e.md", "2020-05-12", "lisa-t", "maria-g", "internal");
	XGROW(n->participants, n->caps[0], 2);
	n->participants[n->nparticipants++] = xstrdup("al");
	S_mention(n, "With maria-g\xE2\x80\x94she said. \xE2\x80\x9CMaria-G\xE2\x80\x9D too, "
		  "maria-g\xE2\x80\x99s book; al, not also-al nor maria-gx. [x](http://e) *b*", 1);
	S_week(fx, "2020-06-01");
	assert_str_at(fx->model, "themes.0.quotes.0.text",
		      "With a participant\xE2\x80\x94she said. \xE2\x80\x9C" "a participant"
		      "\xE2\x80\x9D too, a participant\xE2\x80\x99s book; a participant, not also-al"
		      " nor maria-gx. [x](http://e) *b*");
	json_t *md = report_for_markdown(fx->model);
	const char *text = json_string_value(S_get(md, "themes.0.quotes.0.text"));
	assert_non_null(strstr(text, "\\[x\\]\\(http://e\\) \\*b\\*"));
	/* Link targets are names the report made: left alone. */
	assert_str_at(md, "themes.0.quotes.0.note.link", "../e.md");
	json_decref(md);
}

static void test_index_of_weeks(void **state)
{
	struct fixture *fx = *state;
	struct report_options options = { { 2020, 20 }, { 2020, 6, 1 }, NULL };

	S_story(fx);
	json_t *index = report_index(&fx->corpus, fx->config, &options);
	assert_int_at(index, "conversations", 4);
	assert_int_equal(json_array_size(S_get(index, "weeks")), 2);
	assert_str_at(index, "weeks.0.week", "2020-W20");
	assert_int_at(index, "weeks.0.conversations", 3);
	assert_int_at(index, "weeks.0.bar_percent", 100);
	assert_str_at(index, "weeks.0.html", "2020-W20.html");
	assert_str_at(index, "weeks.1.week", "2020-W19");
	assert_int_at(index, "weeks.1.bar_percent", 33);
	json_decref(index);
}

static void test_sparkline(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t counts[] = { 0, 1, 2, 5, 10 };
	(void)state;
	spark_line(&sb, counts, 5);
	assert_string_equal(sb.buf, "·▁▁▃▇");
	strbuf_reset(&sb);
	size_t none[] = { 0, 0 };
	spark_line(&sb, none, 2);
	assert_string_equal(sb.buf, "··");
	strbuf_release(&sb);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_the_week_and_its_people),
		T(test_steps_as_of_the_week),
		T(test_seen_from_inside_the_week),
		T(test_quotes_keep_privacy),
		T(test_redaction_and_markdown_marks),
		T(test_index_of_weeks),
		cmocka_unit_test(test_sparkline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
