#include "unit.h"

#include <stdlib.h>

#include "config.h"
#include "corpus.h"
#include "privacy.h"
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


/*
 * Week 2020-W20 (May 11 to 17): a note by lisa-t with maria-g (met before,
 * in W19), one by dee-w with joe-b (new), and a private one.
 */
static void S_story(struct fixture *fx)
{
	struct corpus_note *n;
	n = S_note(fx, "a.md", "2020-05-04", "lisa-t", "maria-g", "internal");
	unit_step(n, 11 + (unsigned)n->nsteps,
		  "maria-g", "@maria-g Bring the leases", "2020-05-10", "2020-05-12", 1);
	n = S_note(fx, "b.md", "2020-05-12", "lisa-t", "maria-g", "internal");
	unit_mention(n, "housing", MENTION_PATTERN, 9, "Ask maria-g: \"the rent | doubled\"", 1);
	unit_step(n, 11 + (unsigned)n->nsteps,
		  "lisa-t", "@lisa-t Call the office (due 2020-05-14)", "2020-05-14", NULL, 1);
	n = S_note(fx, "c.md", "2020-05-13", "dee-w", "joe-b", "internal");
	unit_mention(n, "housing", MENTION_PATTERN, 9, "Repairs again.", 0);
	n = S_note(fx, "d.md", "2020-05-14", "dee-w", "ana-r", "private");
	unit_mention(n, "housing", MENTION_PATTERN, 9, "Words never shown.", 1);
	unit_step(n, 11 + (unsigned)n->nsteps,
		  "dee-w", "@dee-w Something quiet", NULL, NULL, 1);
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

/* The weeks with a page: the two with notes. */
static const struct iso_week S_paged[] = { { 2020, 19 }, { 2020, 20 } };

/* The index page of the corpus. */
static json_t *S_index(struct fixture *fx, const struct report_options *options)
{
	struct report *report = report_new(&fx->corpus, fx->config, REPORT_LINK_NOTES);
	json_t *index = report_index(report, options);
	report_free(report);
	return index;
}

static void S_week_paged(struct fixture *fx, const char *today, const struct iso_week *paged,
			 size_t npaged)
{
	struct report_options options = { { 2020, 20 }, { 0, 0, 0 }, "0123456789abcdef",
					   paged, npaged };
	assert_int_equal(date_parse(&options.today, today, strlen(today)), DATE_OK);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);
	struct report *report = report_new(&fx->corpus, fx->config, REPORT_LINK_NOTES);
	fx->model = report_week(report, &options);
	report_free(report);
	assert_non_null(fx->model);
}

static void S_week(struct fixture *fx, const char *today)
{
	S_week_paged(fx, today, S_paged, 2);
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
	assert_str_at(fx->model, "steps.done.0.owner_name", "a participant");
	assert_str_at(fx->model, "steps.done.0.text", "Bring the leases");
	/* Open on the 17th: lisa-t's (overdue since the 14th) and dee-w's private one. */
	assert_int_at(fx->model, "steps.open_count", 2);
	assert_int_at(fx->model, "steps.overdue_count", 1);
	assert_str_at(fx->model, "steps.open_by_owner.0.owner", "dee-w");
	assert_str_at(fx->model, "steps.open_by_owner.0.name", "Dee Washington");
	assert_str_at(fx->model, "steps.open_by_owner.1.steps.0.owner_name", "Lisa Thornton");
	assert_true(json_is_null(S_get(fx->model, "steps.open_by_owner.0.steps.0.text")));
	assert_true(json_is_null(S_get(fx->model, "steps.open_by_owner.0.steps.0.note")));
	assert_str_at(fx->model, "steps.open_by_owner.1.steps.0.text", "Call the office");
	assert_true(json_is_true(S_get(fx->model, "steps.open_by_owner.1.steps.0.overdue")));
}

/* The model of week 2020-W20 seen from `today`, from `report`, as JSON text. */
static char *S_page_text(struct report *report, const char *today)
{
	struct report_options options = { { 2020, 20 }, { 0, 0, 0 }, "0123456789abcdef",
					   S_paged, 2 };
	assert_int_equal(date_parse(&options.today, today, strlen(today)), DATE_OK);
	json_t *model = report_week(report, &options);
	assert_non_null(model);
	char *text = json_dumps(model, JSON_SORT_KEYS);
	json_decref(model);
	return text;
}

/* What pages share is made once, and a page is the same whichever came before it. */
static void test_pages_of_one_report_as_if_each_were_alone(void **state)
{
	struct fixture *fx = *state;
	static const char *const todays[] = { "2020-06-01", "2020-05-13", "2020-06-01",
					      "2020-05-13" };

	S_story(fx);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);
	struct report *shared = report_new(&fx->corpus, fx->config, REPORT_LINK_NOTES);
	for (size_t i = 0; i < sizeof(todays) / sizeof(*todays); i++) {
		struct report *alone = report_new(&fx->corpus, fx->config, REPORT_LINK_NOTES);
		char *want = S_page_text(alone, todays[i]);
		char *got = S_page_text(shared, todays[i]);
		assert_string_equal(got, want);
		/* lisa-t's step is overdue as of June, open on the 13th. */
		assert_non_null(strstr(got, i % 2 ? "\"overdue\": false" : "\"overdue\": true"));
		free(want);
		free(got);
		report_free(alone);
	}
	report_free(shared);
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
}

static void test_redaction_next_to_any_punctuation(void **state)
{
	struct fixture *fx = *state;
	struct corpus_note *n;

	n = S_note(fx, "e.md", "2020-05-12", "lisa-t", "maria-g", "internal");
	n->participants = xrealloc(n->participants, 2 * sizeof(*n->participants));
	n->participants[n->nparticipants++] = "al";
	unit_mention(n, "housing", MENTION_PATTERN, 9, "With maria-g\xE2\x80\x94she said. \xE2\x80\x9CMaria-G\xE2\x80\x9D too, "
		  "maria-g\xE2\x80\x99s book; al, not also-al nor maria-gx. [x](http://e) *b*", 1);
	S_week(fx, "2020-06-01");
	assert_str_at(fx->model, "themes.0.quotes.0.text",
		      "With a participant\xE2\x80\x94she said. \xE2\x80\x9C" "a participant"
		      "\xE2\x80\x9D too, a participant\xE2\x80\x99s book; a participant, not also-al"
		      " nor maria-gx. [x](http://e) *b*");
	assert_str_at(fx->model, "themes.0.quotes.0.note.link", "../e.md");
}

static void test_index_of_weeks(void **state)
{
	struct fixture *fx = *state;
	struct report_options options = { { 2020, 20 }, { 2020, 6, 1 }, NULL, S_paged, 2 };

	S_story(fx);
	json_t *index = S_index(fx, &options);
	assert_int_at(index, "conversations", 4);
	assert_true(json_is_true(S_get(index, "has_weeks")));
	assert_int_equal(json_array_size(S_get(index, "weeks")), 2);
	assert_str_at(index, "weeks.0.week", "2020-W20");
	assert_int_at(index, "weeks.0.conversations", 3);
	assert_int_at(index, "weeks.0.bar_percent", 100);
	assert_str_at(index, "weeks.0.html", "2020-W20.html");
	assert_str_at(index, "weeks.1.week", "2020-W19");
	assert_int_at(index, "weeks.1.bar_percent", 33);
	json_decref(index);
}

/* The index lists the weeks with a page, and only them: one without a conversation too. */
static void test_index_lists_the_pages(void **state)
{
	struct fixture *fx = *state;
	static const struct iso_week paged[] = { { 2020, 18 }, { 2020, 20 } };
	struct report_options options = { { 2020, 20 }, { 2020, 6, 1 }, NULL, paged, 2 };

	S_story(fx);
	json_t *index = S_index(fx, &options);
	assert_int_at(index, "conversations", 4);
	assert_int_equal(json_array_size(S_get(index, "weeks")), 2);
	assert_str_at(index, "weeks.0.week", "2020-W20");
	assert_str_at(index, "weeks.1.week", "2020-W18");
	assert_str_at(index, "weeks.1.md", "2020-W18.md");
	assert_int_at(index, "weeks.1.conversations", 0);
	assert_int_at(index, "weeks.1.bar_percent", 0);
	assert_str_at(index, "weeks.1.bar", "");
	json_decref(index);

	/* No page at all: nothing to list, and nothing divided by zero. */
	options.npaged = 0;
	index = S_index(fx, &options);
	assert_true(json_is_false(S_get(index, "has_weeks")));
	assert_int_equal(json_array_size(S_get(index, "weeks")), 0);
	json_decref(index);
}

/* Previous and next are the nearest weeks with a page, with a conversation or not. */
static void test_links_go_to_pages_there_are(void **state)
{
	struct fixture *fx = *state;
	static const struct iso_week paged[] = { { 2020, 17 }, { 2020, 20 }, { 2020, 30 } };

	S_story(fx);
	S_week_paged(fx, "2020-06-01", paged, 3);
	/* W19 has a note but no page. */
	assert_str_at(fx->model, "previous.week", "2020-W17");
	assert_str_at(fx->model, "previous.md", "2020-W17.md");
	assert_str_at(fx->model, "next.week", "2020-W30");
	assert_str_at(fx->model, "next.html", "2020-W30.html");
	json_decref(fx->model);
	S_week_paged(fx, "2020-06-01", paged + 1, 1);
	assert_true(json_is_null(S_get(fx->model, "previous")));
	assert_true(json_is_null(S_get(fx->model, "next")));
}

/* A link to a note leads to its file whatever its name holds. */
static void test_links_to_notes_are_urls(void **state)
{
	struct fixture *fx = *state;

	S_note(fx, "notes/rent 100% #2?.md", "2020-05-12", "lisa-t", "maria-g", "internal");
	S_week(fx, "2020-06-01");
	assert_str_at(fx->model, "notes.0.path", "notes/rent 100% #2?.md");
	assert_str_at(fx->model, "notes.0.link", "../notes/rent%20100%25%20%232%3F.md");
}

/* Published apart from the notes (a site), a note is named and dated, never linked. */
static void test_a_site_links_no_note(void **state)
{
	struct fixture *fx = *state;
	struct report_options options = { { 2020, 20 }, { 2020, 6, 1 }, NULL, S_paged, 2 };

	S_story(fx);
	privacy_apply(&fx->corpus, fx->config, PRIVACY_REPORT);
	struct report *report = report_new(&fx->corpus, fx->config, REPORT_NO_NOTE_LINKS);
	fx->model = report_week(report, &options);
	report_free(report);
	assert_non_null(fx->model);
	assert_str_at(fx->model, "notes.0.path", "b.md");
	assert_str_at(fx->model, "notes.0.date", "2020-05-12");
	assert_true(json_is_null(S_get(fx->model, "notes.0.link")));
	assert_true(json_is_null(S_get(fx->model, "themes.0.quotes.0.note.link")));
	assert_str_at(fx->model, "steps.done.0.note.path", "a.md");
	assert_true(json_is_null(S_get(fx->model, "steps.done.0.note.link")));
	/* The weeks are still linked: they are pages of the site. */
	assert_str_at(fx->model, "previous.html", "2020-W19.html");
}

/* People as every table shows them: the roster's name, else the id; sorted by that. */
static void test_people_by_what_is_shown(void **state)
{
	struct fixture *fx = *state;
	struct corpus_note *n;

	/* zed-q is not in the roster: shown, and sorted, by id among the names. */
	n = S_note(fx, "a.md", "2020-05-12", "zed-q", "maria-g", "internal");
	n = S_note(fx, "b.md", "2020-05-12", "lisa-t", "maria-g", "internal");
	unit_step(n, 11, "lisa-t", "@lisa-t Call", NULL, NULL, 0);
	n = S_note(fx, "c.md", "2020-05-13", "dee-w", "joe-b", "internal");
	unit_step(n, 11, "dee-w", "@dee-w Write", NULL, NULL, 0);
	unit_step(n, 12, "joe-b", "@joe-b Bring", NULL, NULL, 0);
	S_week(fx, "2020-06-01");
	assert_str_at(fx->model, "conversations.by_organizer.0.name", "Dee Washington");
	assert_str_at(fx->model, "conversations.by_organizer.1.name", "Lisa Thornton");
	assert_str_at(fx->model, "conversations.by_organizer.2.name", "zed-q");
	assert_str_at(fx->model, "conversations.by_organizer.2.organizer", "zed-q");
	assert_str_at(fx->model, "notes.0.organizer_name", "zed-q");
	assert_str_at(fx->model, "notes.1.organizer_name", "Lisa Thornton");
	/* A table of steps by owner as shown, "a participant" among the a's. */
	assert_str_at(fx->model, "steps.opened.0.owner_name", "a participant");
	assert_str_at(fx->model, "steps.opened.1.owner_name", "Dee Washington");
	assert_str_at(fx->model, "steps.opened.2.owner_name", "Lisa Thornton");
	/* The list by owner: organizers first. */
	assert_str_at(fx->model, "steps.open_by_owner.0.name", "Dee Washington");
	assert_str_at(fx->model, "steps.open_by_owner.2.name", "a participant");
}

/* Every point of the trend chart is inside its plot, first and last week and empty ones. */
static void test_trend_chart_inside_its_frame(void **state)
{
	struct fixture *fx = *state;

	S_story(fx);
	S_week(fx, "2020-06-01");
	const json_t *trend = S_get(fx->model, "trend");
	json_int_t left = json_integer_value(S_get(trend, "left"));
	json_int_t right = json_integer_value(S_get(trend, "right"));
	json_int_t top = json_integer_value(S_get(trend, "top"));
	json_int_t bottom = json_integer_value(S_get(trend, "bottom"));
	assert_true(left > 0 && right < json_integer_value(S_get(trend, "width")));
	assert_true(top > 0 && bottom < json_integer_value(S_get(trend, "height")));
	assert_true(json_integer_value(S_get(trend, "label_y")) <
		    json_integer_value(S_get(trend, "height")));
	const json_t *weeks = S_get(trend, "weeks");
	assert_int_equal(json_array_size(weeks), REPORT_TREND_WEEKS);
	for (size_t k = 0; k < REPORT_TREND_WEEKS; k++) {
		const json_t *week = json_array_get(weeks, k);
		json_int_t x = json_integer_value(S_get(week, "x")), y = json_integer_value(S_get(week, "y"));
		assert_true(x >= left && x <= right);
		assert_true(y >= top && y <= bottom);
	}
	assert_int_at(trend, "weeks.0.x", left);
	assert_int_at(trend, "weeks.7.x", right);
	/* W13, a week with nothing, on the axis; W20, the most, at the top. */
	assert_str_at(trend, "weeks.0.label", "W13");
	assert_int_at(trend, "weeks.0.y", bottom);
	assert_int_at(trend, "weeks.7.conversations", 3);
	assert_int_at(trend, "weeks.7.y", top);
	assert_int_at(trend, "max", 3);
	/* Ticks at 0 and the most, and nothing else when half of it is not a whole number. */
	assert_int_equal(json_array_size(S_get(trend, "ticks")), 2);
	assert_int_at(trend, "ticks.1.value", 3);
	assert_int_at(trend, "ticks.1.y", top);
}

/* A week with no note at all: every point on the axis, a tick at 0 alone. */
static void test_trend_chart_of_nothing(void **state)
{
	struct fixture *fx = *state;

	S_week(fx, "2020-06-01");
	const json_t *trend = S_get(fx->model, "trend");
	assert_int_at(trend, "max", 0);
	for (size_t k = 0; k < REPORT_TREND_WEEKS; k++)
		assert_int_equal(json_integer_value(S_get(json_array_get(S_get(trend, "weeks"), k), "y")),
				 json_integer_value(S_get(trend, "bottom")));
	assert_int_equal(json_array_size(S_get(trend, "ticks")), 1);
	assert_true(json_is_false(S_get(fx->model, "has_conversations")));
	assert_true(json_is_false(S_get(fx->model, "conversations.has_by_kind")));
	assert_true(json_is_false(S_get(fx->model, "conversations.has_by_organizer")));
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
		T(test_pages_of_one_report_as_if_each_were_alone),
		T(test_seen_from_inside_the_week),
		T(test_quotes_keep_privacy),
		T(test_redaction_next_to_any_punctuation),
		T(test_index_of_weeks),
		T(test_index_lists_the_pages),
		T(test_links_go_to_pages_there_are),
		T(test_links_to_notes_are_urls),
		T(test_a_site_links_no_note),
		T(test_people_by_what_is_shown),
		T(test_trend_chart_inside_its_frame),
		T(test_trend_chart_of_nothing),
		cmocka_unit_test(test_sparkline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
