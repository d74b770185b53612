#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "pii.h"

/* The built-in detectors, compiled as the config compiles them. */
static struct pii_detector S_detectors[2];

static int S_setup(void **state)
{
	(void)state;
	return pii_builtin(&S_detectors[0], "phone") < 0 || pii_builtin(&S_detectors[1], "email") < 0
		? -1 : 0;
}

static int S_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < 2; i++)
		pii_detector_release(&S_detectors[i]);
	return 0;
}

/* What the detectors find in text: "phone:(555) 123-4567", or "" for nothing. */
static void S_first(char *out, size_t size, const char *text)
{
	size_t start, end;
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	long found = pii_find(S_detectors, 2, &budget, text, strlen(text), 0, &start, &end);
	pattern_budget_release(&budget);
	if (found < 0)
		snprintf(out, size, "%s", "");
	else
		snprintf(out, size, "%s:%.*s", S_detectors[found].name, (int)(end - start),
			 text + start);
}

static void test_phone_numbers_people_write(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "Call her at (555) 123-4567 after six.", "phone:(555) 123-4567" },
		{ "cell 555-123-4567", "phone:555-123-4567" },
		{ "cell 555.123.4567.", "phone:555.123.4567" },
		{ "cell 555 123 4567", "phone:555 123 4567" },
		{ "+1 555 123 4567 (work)", "phone:+1 555 123 4567" },
		{ "London: +44 20 7946 0958", "phone:+44 20 7946 0958" },
		{ "México +52 (55) 1234 5678", "phone:+52 (55) 1234 5678" },
		{ "home 020 7946 0958", "phone:020 7946 0958" },
		{ "móvil 07946 095800", "phone:07946 095800" },
	};
	char got[128];
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		S_first(got, sizeof(got), cases[i][0]);
		if (strcmp(got, cases[i][1]) != 0)
			fail_msg("'%s' gave '%s', not '%s'", cases[i][0], got, cases[i][1]);
	}
}

static void test_addresses(void **state)
{
	(void)state;
	char got[128];
	S_first(got, sizeof(got), "Write to maria@example.org, she said.");
	assert_string_equal(got, "email:maria@example.org");
	S_first(got, sizeof(got), "or Maria.G+tenants@mail.example.co.uk");
	assert_string_equal(got, "email:Maria.G+tenants@mail.example.co.uk");
}

/* What notes are full of and is not a contact: dates, counts, owners, ids, times. */
static void test_what_is_not_one(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"Met on 2020-05-12 (due 2020-06-01).",
		"- [ ] @lisa-t Call Maria",
		"42 units, 120 tenants, 1500 dollars, 2020",
		"room 101-202, floor 3",
		"at 10:30-11:45 on 5/12/2020",
		"id 2020-05-12-lisa-t-maria-g",
		"ask @maria-g and #data-culture",
		"the 1234567890 ledger number",
	};
	char got[128];
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		S_first(got, sizeof(got), cases[i]);
		if (*got)
			fail_msg("'%s' found '%s'", cases[i], got);
	}
}

/* The quick looks let nothing through that the patterns would find. */
static void test_quick_looks_pass_every_match(void **state)
{
	(void)state;
	static const char *const found[] = {
		"(555) 123-4567", "555-123-4567", "555.123.4567", "555 123 4567", "+1 555 123 4567",
		"+44 20 7946 0958", "+52 (55) 1234 5678", "020 7946 0958", "07946 095800",
		"maria@example.org", "x.y+z@mail.example.co.uk", "in\xC3\xA9s@example.org",
	};
	for (size_t i = 0; i < sizeof(found) / sizeof(*found); i++) {
		size_t s, e, len = strlen(found[i]);
		struct pattern_budget budget = PATTERN_BUDGET_INIT;
		long d = pii_find(S_detectors, 2, &budget, found[i], len, 0, &s, &e);
		pattern_budget_release(&budget);
		if (d < 0)
			fail_msg("'%s' not found", found[i]);
		if (!S_detectors[d].may_hold(found[i], len))
			fail_msg("'%s': the quick look misses it", found[i]);
	}
	/* What notes are full of passes neither. */
	static const char owners[] = "- [ ] @lisa-t Call (@maria-g too) (due 2020-05-19) at 10:30";
	assert_false(S_detectors[0].may_hold(owners, strlen(owners)));
	assert_false(S_detectors[1].may_hold(owners, strlen(owners)));
}

static void test_first_match_of_any_detector_from_a_place(void **state)
{
	(void)state;
	static const char text[] = "a@b.org then 555-123-4567";
	struct pattern_budget budget = PATTERN_BUDGET_INIT;
	size_t start, end;
	assert_int_equal(pii_find(S_detectors, 2, &budget, text, strlen(text), 0, &start, &end), 1);
	assert_int_equal(start, 0);
	assert_int_equal(pii_find(S_detectors, 2, &budget, text, strlen(text), end, &start, &end), 0);
	assert_int_equal(start, 13);
	assert_int_equal(pii_find(S_detectors, 2, &budget, text, strlen(text), end, &start, &end), -1);
	pattern_budget_release(&budget);
	struct pii_detector none;
	assert_int_equal(pii_builtin(&none, "ssn"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_numbers_people_write),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_what_is_not_one),
		cmocka_unit_test(test_quick_looks_pass_every_match),
		cmocka_unit_test(test_first_match_of_any_detector_from_a_place),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
