#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "pages.h"
#include "report.h"
#include "strbuf.h"
#include "workspace.h"

/* s escaped for a Markdown page, compared with want. */
#define assert_markdown(s, want) do { \
	struct strbuf sb_ = STRBUF_INIT; \
	pages_escape_markdown(&sb_, (s), strlen(s)); \
	assert_string_equal(strbuf_str(&sb_), (want)); \
	strbuf_release(&sb_); \
} while (0)

static void test_words_stay_as_they_are(void **state)
{
	(void)state;
	/* Markdown, not HTML: no entities. */
	assert_markdown("don't say \"never\" — it's 5 > 3, Tom & Jerry!", "don't say \"never\" — it's 5 > 3, Tom & Jerry!");
	assert_markdown("(see page 2) #housing 100% done.", "(see page 2) #housing 100% done.");
	assert_markdown("", "");
}

static void test_marks_are_escaped(void **state)
{
	(void)state;
	assert_markdown("Rent | repairs *now* [x](http://e) ~ok~ `code` ![img] \\ _u_",
		"Rent \\| repairs \\*now\\* \\[x\\](http://e) \\~ok\\~ \\`code\\` !\\[img\\] \\\\ \\_u\\_");
	/* No raw HTML, no entity, no autolink. */
	assert_markdown("<script>alert(1)</script> &amp; &#39; <http://e>",
		"\\<script>alert(1)\\</script> \\&amp; \\&#39; \\<http://e>");
}

static void test_nothing_begins_a_block(void **state)
{
	(void)state;
	assert_markdown("# not a heading", "\\# not a heading");
	assert_markdown("> not a quote", "\\> not a quote");
	assert_markdown("- not a list", "\\- not a list");
	assert_markdown("+ not a list", "\\+ not a list");
	assert_markdown("=== not a line", "\\=== not a line");
	assert_markdown("2020. not a list", "2020\\. not a list");
	assert_markdown("3) not a list", "3\\) not a list");
	/* Only at the start: inside a line they are words. */
	assert_markdown("a - b # c > d 3. e", "a - b # c > d 3. e");
	assert_markdown("2020-05-12", "2020-05-12");
}

static void test_one_line_without_outer_space(void **state)
{
	(void)state;
	assert_markdown("  line one\nline two\r\n\r\n  three\t ", "line one line two three");
	/* Trimmed first: a value indented as code is not code. */
	assert_markdown("\n    # deep", "\\# deep");
}

#define NOTE(title, day) \
	"---\ntitle: " title "\ndate: " day "\norganizer: lisa-t\nkind: one-on-one\n---\n\n" \
	"## Next steps\n\n- [ ] @lisa-t Call back\n"

/*
 * A commit with notes in 2020-W20 and W21, and a page of W30 in its
 * reports folder: a site of the weeks with notes, from the commit, into
 * the folder `dir` below the repository's top.
 */
static int S_site(struct unit_git_repo *fx, const char *dir, struct pages *pages)
{
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct snapshot snap;
	struct iso_week *weeks;
	struct date today = { 2020, 6, 1 };

	unit_write(fx->top, "perennial.yml", "organizers:\n  lisa-t: { name: Lisa }\n");
	unit_write(fx->top, "notes/a.md", NOTE("Rent at Eastgate", "2020-05-12"));
	unit_write(fx->top, "notes/b.md", NOTE("Repairs", "2020-05-20"));
	unit_write(fx->top, "reports/2020-W30.html", "a page of the reports folder\n");
	unit_run(fx->top, UNIT_GIT " add -A && " UNIT_GIT " commit -q -m one");
	assert_int_equal(workspace_find(&ws, fx->top), 0);
	assert_int_equal(snapshot_open(&snap, &ws, "HEAD", NULL, NULL, &diags), 0);
	size_t nweeks = report_weeks(&snap.corpus, &weeks);
	char *full = unit_path(fx->top, dir);
	int r = pages_make_site(pages, &snap, full, weeks, nweeks, &today);
	if (r == 0)
		r = pages_write(pages);
	free(full);
	free(weeks);
	snapshot_close(&snap);
	workspace_close(&ws);
	diag_list_release(&diags);
	return r;
}

static void test_a_site_links_its_own_pages_alone(void **state)
{
	struct unit_git_repo *fx = *state;
	struct pages pages = PAGES_INIT;

	assert_int_equal(S_site(fx, "public", &pages), 0);
	assert_int_equal(pages.len, 3);
	char *want = unit_path(fx->top, "public/2020-W20.html");
	assert_string_equal(pages.files[0].path, want);
	free(want);
	pages_release(&pages);

	char *index = unit_read(fx->top, "public/index.html");
	char *w20 = unit_read(fx->top, "public/2020-W20.html");
	char *w21 = unit_read(fx->top, "public/2020-W21.html");
	assert_non_null(strstr(index, "<a href=\"2020-W21.html\">2020-W21</a>"));
	assert_non_null(strstr(index, "<a href=\"2020-W20.html\">2020-W20</a>"));
	/* The reports folder's page of W30 is no page of the site. */
	assert_null(strstr(index, "W30"));
	assert_null(strstr(w21, "W30"));
	assert_non_null(strstr(w20, "<a href=\"2020-W21.html\">2020-W21 →</a>"));
	assert_non_null(strstr(w21, "<a href=\"2020-W20.html\">← 2020-W20</a>"));
	/* A note is named, not linked: the notes are not published. */
	assert_non_null(strstr(w20, "<li>2020-05-12 · Rent at Eastgate · Lisa · one-on-one</li>"));
	assert_null(strstr(w20, "notes/"));
	free(index);
	free(w20);
	free(w21);
}

static void test_a_site_among_the_notes_writes_nothing(void **state)
{
	struct unit_git_repo *fx = *state;
	struct pages pages = PAGES_INIT;
	struct unit_capture c;

	unit_capture_start(&c);
	assert_int_equal(S_site(fx, "notes/site", &pages), -1);
	char *said = unit_capture_stop(&c);
	assert_non_null(strstr(said, "is inside the folder 'notes' of the notes repository"));
	free(said);
	assert_int_equal(pages.len, 0);
	pages_release(&pages);
	assert_int_equal(unit_sh(fx->top, "test -e notes/site"), 1);
}

#define T_GIT(f) cmocka_unit_test_setup_teardown(f, unit_git_repo_setup, unit_git_repo_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_stay_as_they_are),
		cmocka_unit_test(test_marks_are_escaped),
		cmocka_unit_test(test_nothing_begins_a_block),
		cmocka_unit_test(test_one_line_without_outer_space),
		T_GIT(test_a_site_links_its_own_pages_alone),
		T_GIT(test_a_site_among_the_notes_writes_nothing),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
