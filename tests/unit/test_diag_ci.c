#include "unit.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>

#include "diag_ci.h"
#include "fnv.h"
#include "source.h"
#include "strbuf.h"

enum format { GITHUB, SARIF, GITLAB };

/* What a printer wrote, as a malloc'd string. */
static char *S_capture(enum format format, const struct diag_list *list, const char *prefix)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int ret = format == GITHUB ? diag_ci_print_github(f, list, prefix)
		: format == SARIF ? diag_ci_print_sarif(f, list, prefix)
		: diag_ci_print_gitlab(f, list, prefix);
	assert_int_equal(ret, 0);
	fclose(f);
	return text;
}

static json_t *S_capture_json(enum format format, const struct diag_list *list,
			      const char *prefix)
{
	char *text = S_capture(format, list, prefix);
	json_error_t error;
	json_t *json = json_loads(text, 0, &error);
	assert_non_null(json);
	free(text);
	return json;
}

static void test_escaping_is_githubs(void **state)
{
	(void)state;
	const char s[] = "50% done\r\nnext: a, b";
	struct strbuf sb = STRBUF_INIT;
	diag_ci_escape_data(&sb, s, sizeof(s) - 1);
	assert_string_equal(sb.buf, "50%25 done%0D%0Anext: a, b");
	strbuf_reset(&sb);
	diag_ci_escape_property(&sb, s, sizeof(s) - 1);
	assert_string_equal(sb.buf, "50%25 done%0D%0Anext%3A a%2C b");
	strbuf_reset(&sb);
	diag_ci_escape_property(&sb, "%25", 3);   /* escaped once: the runner unescapes once */
	assert_string_equal(sb.buf, "%2525");
	strbuf_release(&sb);
}

static void test_fingerprint_is_rule_path_and_message(void **state)
{
	(void)state;
	uint64_t h = fnv1a(FNV1A_INIT, "pii\0a.md\0phone", 14);
	assert_true(diag_ci_fingerprint("pii", "a.md", "phone", 0) == h);
	/* The NULs keep the parts apart. */
	assert_true(diag_ci_fingerprint("pii", "a.mdphone", "", 0) != h);
	assert_true(diag_ci_fingerprint("pii", "b.md", "phone", 0) != h);
	assert_true(diag_ci_fingerprint("unknown-field", "a.md", "phone", 0) != h);
	assert_true(diag_ci_fingerprint("pii", "a.md", "phone", 1) != h);
	assert_true(diag_ci_fingerprint("pii", "a.md", "phone", 1) ==
		    fnv1a(h, "\0" "1", 2));
}

/* Two findings alike on lines 2 and 3 of notes/a.md, then one with a hint. */
static void S_findings(struct diag_list *list, unsigned first_line)
{
	struct strbuf text = STRBUF_INIT;
	for (unsigned i = 1; i < first_line; i++)
		strbuf_addstr(&text, "\n");
	strbuf_addstr(&text, "- [ ] Call\n- [ ] Call\norganizer: lisa_t\n");
	struct source *src = source_new("notes/a.md", text.buf, text.len);
	size_t at = first_line - 1;
	diag_add(list, src, DIAG_STEP_NO_OWNER, at + 2, 3, "next step has no owner");
	diag_add(list, src, DIAG_STEP_NO_OWNER, at + 13, 3, "next step has no owner");
	diag_hint(diag_add(list, src, DIAG_UNKNOWN_ORGANIZER, at + 33, 6,
			   "unknown organizer '%s'", "lisa_t"),
		  "did you mean '%s'?", "lisa-t");
	source_free(src);
	strbuf_release(&text);
}

static void test_github_annotations(void **state)
{
	(void)state;
	struct diag_list list = DIAG_LIST_INIT;
	S_findings(&list, 1);
	diag_add_file(&list, "notes/x: 1%, 2.md", DIAG_PII, "an e-mail address: a@b.c, 100%%");
	char *out = S_capture(GITHUB, &list, "chapter");
	assert_string_equal(out,
		"::error file=chapter/notes/a.md,line=1,col=3,endColumn=5,title=step-no-owner"
		"::next step has no owner\n"
		"::error file=chapter/notes/a.md,line=2,col=3,endColumn=5,title=step-no-owner"
		"::next step has no owner\n"
		"::error file=chapter/notes/a.md,line=3,col=12,endColumn=17,title=unknown-organizer"
		"::unknown organizer 'lisa_t'%0Ahelp: did you mean 'lisa-t'?\n"
		"::warning file=chapter/notes/x%3A 1%25%2C 2.md,line=1,col=1,endColumn=1,title=pii"
		"::an e-mail address: a@b.c, 100%25\n");
	free(out);
	out = S_capture(GITHUB, &list, "");
	assert_true(strncmp(out, "::error file=notes/a.md,", 24) == 0);
	free(out);
	diag_list_release(&list);
}

static void test_sarif_log(void **state)
{
	(void)state;
	struct diag_list list = DIAG_LIST_INIT;
	S_findings(&list, 1);
	diag_add_file(&list, "notes/caf\xe9 #1.md", DIAG_PII, "phone");
	json_t *log = S_capture_json(SARIF, &list, "sample-notes");
	assert_string_equal(json_string_value(json_object_get(log, "version")), "2.1.0");
	json_t *run = json_array_get(json_object_get(log, "runs"), 0);
	assert_string_equal(json_string_value(json_object_get(run, "columnKind")),
			    "unicodeCodePoints");
	json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
	assert_string_equal(json_string_value(json_object_get(driver, "name")), "perennial");

	/* The rules used, once each, in diag.h's order, described as README.md does. */
	json_t *rules = json_object_get(driver, "rules");
	assert_int_equal(json_array_size(rules), 3);
	const char *ids[] = { "unknown-organizer", "step-no-owner", "pii" };
	for (size_t i = 0; i < 3; i++) {
		json_t *rule = json_array_get(rules, i);
		assert_string_equal(json_string_value(json_object_get(rule, "id")), ids[i]);
	}
	json_t *rule = json_array_get(rules, 1);
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(rule, "shortDescription"), "text")),
		diag_rule_description(DIAG_STEP_NO_OWNER));
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(rule, "help"), "text")),
		diag_rule_description(DIAG_STEP_NO_OWNER));
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(json_array_get(rules, 2), "defaultConfiguration"), "level")),
		"warning");

	json_t *results = json_object_get(run, "results");
	assert_int_equal(json_array_size(results), 4);
	json_t *r = json_array_get(results, 2);
	assert_string_equal(json_string_value(json_object_get(r, "ruleId")), "unknown-organizer");
	assert_int_equal(json_integer_value(json_object_get(r, "ruleIndex")), 0);
	assert_string_equal(json_string_value(json_object_get(r, "level")), "error");
	assert_string_equal(json_string_value(json_object_get(json_object_get(r, "message"),
							      "text")),
			    "unknown organizer 'lisa_t'\nhelp: did you mean 'lisa-t'?");
	json_t *where = json_object_get(json_array_get(json_object_get(r, "locations"), 0),
					"physicalLocation");
	json_t *artifact = json_object_get(where, "artifactLocation");
	assert_string_equal(json_string_value(json_object_get(artifact, "uri")),
			    "sample-notes/notes/a.md");
	assert_string_equal(json_string_value(json_object_get(artifact, "uriBaseId")),
			    "%SRCROOT%");
	json_t *region = json_object_get(where, "region");
	assert_int_equal(json_integer_value(json_object_get(region, "startLine")), 3);
	assert_int_equal(json_integer_value(json_object_get(region, "startColumn")), 12);
	assert_int_equal(json_integer_value(json_object_get(region, "endColumn")), 18);

	/* A URI holds the name's bytes, those it may not hold as they are as %XX. */
	r = json_array_get(results, 3);
	assert_int_equal(json_integer_value(json_object_get(r, "ruleIndex")), 2);
	artifact = json_object_get(json_object_get(json_array_get(
		json_object_get(r, "locations"), 0), "physicalLocation"), "artifactLocation");
	assert_string_equal(json_string_value(json_object_get(artifact, "uri")),
			    "sample-notes/notes/caf%E9%20%231.md");
	json_decref(log);
	diag_list_release(&list);
}

static const char *S_get(json_t *issue, const char *key)
{
	return json_string_value(json_object_get(issue, key));
}

static void test_gitlab_report(void **state)
{
	(void)state;
	struct diag_list list = DIAG_LIST_INIT;
	S_findings(&list, 1);
	diag_add_file(&list, "notes/caf\xe9.md", DIAG_PII, "phone");
	json_t *issues = S_capture_json(GITLAB, &list, "chapter");
	assert_int_equal(json_array_size(issues), 4);
	json_t *issue = json_array_get(issues, 2);
	assert_string_equal(S_get(issue, "description"),
			    "unknown organizer 'lisa_t'\nhelp: did you mean 'lisa-t'?");
	assert_string_equal(S_get(issue, "check_name"), "unknown-organizer");
	assert_string_equal(S_get(issue, "severity"), "major");
	json_t *location = json_object_get(issue, "location");
	assert_string_equal(S_get(location, "path"), "chapter/notes/a.md");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(location, "lines"),
							    "begin")), 3);
	char hex[17];
	snprintf(hex, sizeof(hex), "%016" PRIx64,
		 diag_ci_fingerprint("unknown-organizer", "chapter/notes/a.md",
				     "unknown organizer 'lisa_t'", 0));
	assert_string_equal(S_get(issue, "fingerprint"), hex);

	/* Findings alike are told apart; a file name not UTF-8 is escaped as text shows it. */
	assert_string_not_equal(S_get(json_array_get(issues, 0), "fingerprint"),
				S_get(json_array_get(issues, 1), "fingerprint"));
	issue = json_array_get(issues, 3);
	assert_string_equal(S_get(issue, "severity"), "minor");
	assert_string_equal(S_get(json_object_get(issue, "location"), "path"),
			    "chapter/notes/caf\\xe9.md");

	/* Lines added above move the findings, not their fingerprints. */
	struct diag_list moved = DIAG_LIST_INIT;
	S_findings(&moved, 5);
	json_t *later = S_capture_json(GITLAB, &moved, "chapter");
	for (size_t i = 0; i < 3; i++) {
		json_t *before = json_array_get(issues, i), *after = json_array_get(later, i);
		assert_string_equal(S_get(before, "fingerprint"), S_get(after, "fingerprint"));
		assert_int_equal(json_integer_value(json_object_get(json_object_get(
			json_object_get(after, "location"), "lines"), "begin")), i + 5);
	}
	json_decref(later);
	json_decref(issues);
	diag_list_release(&moved);
	diag_list_release(&list);
}

static void test_no_findings(void **state)
{
	(void)state;
	struct diag_list list = DIAG_LIST_INIT;
	char *out = S_capture(GITHUB, &list, "");
	assert_string_equal(out, "");
	free(out);
	out = S_capture(GITLAB, &list, "");
	assert_string_equal(out, "[]\n");
	free(out);
	json_t *log = S_capture_json(SARIF, &list, "");
	json_t *run = json_array_get(json_object_get(log, "runs"), 0);
	assert_int_equal(json_array_size(json_object_get(run, "results")), 0);
	assert_int_equal(json_array_size(json_object_get(json_object_get(
		json_object_get(run, "tool"), "driver"), "rules")), 0);
	json_decref(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping_is_githubs),
		cmocka_unit_test(test_fingerprint_is_rule_path_and_message),
		cmocka_unit_test(test_github_annotations),
		cmocka_unit_test(test_sarif_log),
		cmocka_unit_test(test_gitlab_report),
		cmocka_unit_test(test_no_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
