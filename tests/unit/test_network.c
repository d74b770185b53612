#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "network.h"
#include "privacy.h"
#include "source.h"

/* The network's codebook, and two chapters: one maps its own word for housing onto it. */
#define NETWORK_YML \
	"themes:\n" \
	"  housing: { label: Housing }\n" \
	"  repairs: { label: Repairs, parent: housing }\n" \
	"network:\n" \
	"  chapters:\n" \
	"    east: { url: ../east }\n" \
	"    west: { url: ../west, themes: { vivienda: housing, arreglos: repairs } }\n" \
	"    north: { url: ../north }\n"

struct chapter_fixture {
	struct source *src;
	struct config *config;
	struct corpus corpus;
	size_t cap;
};

struct fixture {
	struct source *src;
	struct config *config;
	struct chapter_fixture east, west;
};

static void S_chapter_release(struct chapter_fixture *c)
{
	corpus_release(&c->corpus);
	config_free(c->config);
	source_free(c->src);
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	S_chapter_release(&fx->east);
	S_chapter_release(&fx->west);
	config_free(fx->config);
	source_free(fx->src);
	free(fx);
	return 0;
}

/*
 * East shares public quotes; its week of 2020-W21 has two notes on
 * housing (one private), one on its own theme, leadership. West has the
 * same theme under another id (vivienda), a sub-theme mapped onto the
 * network's repairs, and a note in the week before.
 */
static struct fixture *S_network(void)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	assert_int_equal(unit_config(&fx->config, &fx->src, NETWORK_YML), 0);
	assert_int_equal(unit_config(&fx->east.config, &fx->east.src,
		"organizers:\n  dee-w: { name: Dee Washington }\n"
		"themes:\n  housing: {}\n  leadership: { label: Leadership }\n"
		"privacy: { network: [public] }\n"), 0);
	assert_int_equal(unit_config(&fx->west.config, &fx->west.src,
		"organizers:\n  marco-r: {}\n"
		"themes:\n  vivienda: { label: Vivienda }\n"
		"  arreglos: { label: Arreglos, parent: vivienda }\n"), 0);

	struct corpus *c = &fx->east.corpus;
	struct corpus_note *n = unit_note(c, &fx->east.cap, "notes/a.md", "2020-05-04", "dee-w",
					  "james-o", "public");
	unit_mention(n, "housing", MENTION_HASHTAG, 8, "Old words.", 0);
	n = unit_note(c, &fx->east.cap, "notes/b.md", "2020-05-19", "dee-w", "james-o,maria-g",
		      "public");
	unit_mention(n, "housing", MENTION_HASHTAG, 8, "@james-o and dee-w knocked on doors with ana-r.", 1);
	unit_mention(n, "leadership", MENTION_HASHTAG, 9, "James leads the floor.", 0);
	unit_step(n, 12, "dee-w", "@dee-w Call the landlord", "2020-05-20", NULL, 0);
	n = unit_note(c, &fx->east.cap, "notes/c.md", "2020-05-21", "dee-w", "ana-r", "private");
	unit_mention(n, "housing", MENTION_HASHTAG, 8, "Words that stay in the chapter.", 1);

	c = &fx->west.corpus;
	n = unit_note(c, &fx->west.cap, "notes/d.md", "2020-05-12", "marco-r", "luis-c", "public");
	unit_mention(n, "vivienda", MENTION_HASHTAG, 8, "Last week's words.", 0);
	n = unit_note(c, &fx->west.cap, "notes/e.md", "2020-05-20", "marco-r", "luis-c",
		      "public");
	/* A note on the sub-theme counts once for the theme above it. */
	unit_mention(n, "arreglos", MENTION_HASHTAG, 8, "Not shared: west shares nothing.", 1);
	unit_mention(n, "vivienda", MENTION_HASHTAG, 9, "Nor this.", 0);
	privacy_apply(&fx->east.corpus, fx->east.config, PRIVACY_NETWORK);
	privacy_apply(&fx->west.corpus, fx->west.config, PRIVACY_NETWORK);
	return fx;
}

static const struct iso_week S_paged[] = { { 2020, 19 }, { 2020, 20 }, { 2020, 21 } };

static struct network *S_week(struct fixture *fx)
{
	struct network_options options = { { 2020, 21 }, { 2020, 6, 1 }, "abc", S_paged, 3 };
	struct network *n = network_new(fx->config, &options);
	assert_int_equal(network_add_chapter(n, 0, "e1", "2020-05-30", &fx->east.corpus,
					     fx->east.config), 0);
	assert_int_equal(network_add_chapter(n, 1, "w1", "2020-05-29", &fx->west.corpus,
					     fx->west.config), 0);
	network_add_unread(n, 2, NULL, NULL, "not fetched yet: run perennial network fetch");
	return n;
}

static const json_t *S_theme(const json_t *model, const char *id)
{
	const json_t *t;
	size_t i;
	json_array_foreach(json_object_get(model, "themes"), i, t)
		if (strcmp(json_string_value(json_object_get(t, "id")), id) == 0)
			return t;
	fail_msg("no theme %s", id);
	return NULL;
}

static json_int_t S_int(const json_t *object, const char *path1, const char *path2)
{
	const json_t *v = json_object_get(object, path1);
	return json_integer_value(path2 ? json_object_get(v, path2) : v);
}

static void test_chapters_counted_apart(void **state)
{
	struct fixture *fx = *state = S_network();
	struct network *n = S_week(fx);
	json_t *model = network_week(n);
	const json_t *chapters = json_object_get(model, "chapters");
	assert_int_equal(json_array_size(chapters), 3);
	const json_t *east = json_array_get(chapters, 0), *north = json_array_get(chapters, 2);
	assert_string_equal(json_string_value(json_object_get(east, "name")), "east");
	assert_int_equal(S_int(east, "conversations", NULL), 2);
	assert_int_equal(S_int(east, "private", NULL), 1);
	assert_int_equal(S_int(east, "people", NULL), 3);
	assert_int_equal(S_int(east, "new_people", NULL), 2);
	assert_int_equal(S_int(east, "steps", "opened"), 1);
	assert_int_equal(S_int(east, "steps", "overdue"), 1);
	assert_string_equal(json_string_value(json_object_get(east, "commit")), "e1");
	assert_false(json_is_true(json_object_get(north, "read")));
	assert_string_equal(json_string_value(json_object_get(north, "problem")),
			    "not fetched yet: run perennial network fetch");
	assert_int_equal(S_int(model, "totals", "conversations"), 3);
	assert_int_equal(S_int(model, "totals", "read"), 2);
	assert_int_equal(json_array_size(json_object_get(model, "unread")), 1);
	assert_int_equal(json_array_size(json_object_get(model, "columns")), 2);
	assert_false(json_is_true(json_object_get(model, "has_quiet")));
	assert_true(json_is_true(json_object_get(model, "has_read")));
	assert_true(json_is_true(json_object_get(json_object_get(model, "totals"), "has_private")));
	json_decref(model);
	network_free(n);
}

static void test_themes_mapped_onto_the_codebook(void **state)
{
	struct fixture *fx = *state = S_network();
	struct network *n = S_week(fx);
	json_t *model = network_week(n);

	/* East's housing and west's vivienda are one theme; repairs is under it. */
	const json_t *housing = S_theme(model, "housing");
	assert_int_equal(S_int(housing, "conversations", NULL), 3);
	assert_int_equal(S_int(housing, "chapters_count", NULL), 2);
	assert_true(json_is_null(json_object_get(housing, "chapter")));
	const json_t *by = json_object_get(housing, "by_chapter");
	assert_int_equal(json_array_size(by), 2);
	assert_int_equal(S_int(json_array_get(by, 0), "conversations", NULL), 2);
	assert_int_equal(S_int(json_array_get(by, 1), "conversations", NULL), 1);
	/* The trend: east's note of W19 and west's of W20 before this week's three. */
	const json_t *trend = json_object_get(housing, "trend");
	assert_int_equal(S_int(json_array_get(trend, 5), "conversations", NULL), 1);
	assert_int_equal(S_int(json_array_get(trend, 6), "conversations", NULL), 1);
	assert_int_equal(S_int(json_array_get(trend, 7), "conversations", NULL), 3);
	assert_int_equal(S_int(S_theme(model, "repairs"), "conversations", NULL), 1);
	/* A theme the network's codebook lacks stays the chapter's. */
	const json_t *lead = S_theme(model, "east/leadership");
	assert_string_equal(json_string_value(json_object_get(lead, "label")), "Leadership");
	assert_string_equal(json_string_value(json_object_get(lead, "chapter")), "east");
	/* Most discussed first. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(model, "themes"), 0), "id")), "housing");
	json_decref(model);
	network_free(n);
}

static void test_quotes_only_shared_and_without_anyone(void **state)
{
	struct fixture *fx = *state = S_network();
	struct network *n = S_week(fx);
	json_t *model = network_week(n);
	const json_t *quotes = json_object_get(S_theme(model, "housing"), "quotes");
	/* East's public note alone: not its private one, nothing of west's. */
	assert_int_equal(json_array_size(quotes), 1);
	const json_t *q = json_array_get(quotes, 0);
	assert_string_equal(json_string_value(json_object_get(q, "chapter")), "east");
	assert_string_equal(json_string_value(json_object_get(q, "text")),
			    "a participant and an organizer knocked on doors with a participant.");
	assert_true(json_is_true(json_object_get(q, "quote")));
	char *all = json_dumps(model, JSON_COMPACT);
	/* ana-r is named by another note of east alone: still nobody's to read. */
	assert_null(strstr(all, "ana-r"));
	assert_null(strstr(all, "james-o"));
	assert_null(strstr(all, "dee-w"));
	assert_null(strstr(all, "notes/"));
	assert_null(strstr(all, "stay in the chapter"));
	free(all);
	json_decref(model);
	network_free(n);
}

static void test_index_counts_the_paged_weeks(void **state)
{
	struct fixture *fx = *state = S_network();
	struct network *n = S_week(fx);
	json_t *index = network_index(n);
	const json_t *weeks = json_object_get(index, "weeks");
	/* Newest first: W21 has three conversations, W20 one, W19 one. */
	assert_int_equal(json_array_size(weeks), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(weeks, 0), "week")),
			    "2020-W21");
	assert_int_equal(S_int(json_array_get(weeks, 0), "conversations", NULL), 3);
	assert_int_equal(S_int(json_array_get(weeks, 2), "conversations", NULL), 1);
	assert_int_equal(S_int(index, "conversations", NULL), 5);
	assert_int_equal(json_array_size(json_object_get(index, "chapters")), 3);
	json_decref(index);
	network_free(n);
}

static void test_the_same_chapters_give_the_same_model(void **state)
{
	struct fixture *fx = *state = S_network();
	struct network *a = S_week(fx), *b = S_week(fx);
	json_t *ma = network_week(a), *mb = network_week(b);
	char *ta = json_dumps(ma, JSON_SORT_KEYS), *tb = json_dumps(mb, JSON_SORT_KEYS);
	assert_string_equal(ta, tb);
	/* Linked to the weeks with a page around it. */
	assert_string_equal(json_string_value(json_object_get(json_object_get(ma, "previous"),
							      "md")), "2020-W20.md");
	assert_true(json_is_null(json_object_get(ma, "next")));
	free(ta);
	free(tb);
	json_decref(ma);
	json_decref(mb);
	network_free(a);
	network_free(b);
}

static void test_counts_for_the_list(void **state)
{
	struct fixture *fx = *state = S_network();
	struct network_counts c;
	struct date today = { 2020, 5, 20 };
	network_counts(&c, &fx->east.corpus, &today);
	assert_int_equal(c.notes, 3);
	assert_int_equal(c.private_notes, 1);
	assert_int_equal(c.people, 3);
	assert_int_equal(c.open, 1);
	assert_int_equal(c.overdue, 0);
	/* The latest conversation by today: not the one dated after it. */
	assert_string_equal(c.last, "2020-05-19");
}

#define T(name) cmocka_unit_test_teardown(name, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_chapters_counted_apart),
		T(test_themes_mapped_onto_the_codebook),
		T(test_quotes_only_shared_and_without_anyone),
		T(test_index_counts_the_paged_weeks),
		T(test_the_same_chapters_give_the_same_model),
		T(test_counts_for_the_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
