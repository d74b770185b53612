#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "site.h"
#include "strlist.h"

/*
 * Each test runs in a fresh folder under /tmp, the current folder:
 *
 *   repo/            a notes root (its folders need not exist)
 *   repo/notes/      the notes folder, kept apart from any site
 */
struct fixture {
	char *base;
	char *root;
	char *cwd;          /* restored after the test */
};

static const char *const S_apart[] = { "notes", "reports", "templates" };

static int S_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || !(fx->base = unit_tempdir("site")))
		return -1;
	fx->root = unit_path(fx->base, "repo");
	fx->cwd = getcwd(NULL, 0);
	unit_write(fx->root, "notes/2020/a.md", "a note\n");
	if (!fx->cwd || chdir(fx->base) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int S_teardown(void **state)
{
	struct fixture *fx = *state;
	int r = chdir(fx->cwd);
	unit_remove_tree(fx->base);
	free(fx->base);
	free(fx->root);
	free(fx->cwd);
	free(fx);
	return r;
}

static int S_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Opens `dir` as a site and writes the NULL-terminated pages into it, each holding its name. */
static int S_write_site(struct fixture *fx, const char *dir, const char *const *names)
{
	struct site site;
	struct strlist pages = STRLIST_INIT;
	int r = site_open(&site, dir, fx->root, S_apart, 3);
	for (size_t i = 0; names[i]; i++)
		strlist_add(&pages, names[i]);
	if (r == 0)
		r = site_begin(&site, &pages);
	for (size_t i = 0; r == 0 && i < pages.len; i++) {
		struct atomic_file f;
		const char *name = pages.items[i];
		r = site_write_begin(&site, &f, name, name, strlen(name));
		if (r == 0)
			r = atomic_write_finish(&f, NULL);
	}
	if (r == 0)
		r = site_end(&site);
	site_close(&site);
	strlist_release(&pages);
	return r;
}

#define MARKER_HEAD \
	"# The pages of this site, from perennial report --site: replaced or\n" \
	"# removed when it is written again. Other files here are left alone.\n"

static void test_a_new_folder_gets_the_pages_and_the_marker(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = { "index.html", "2020-W21.html", NULL };
	struct site site;

	assert_int_equal(S_write_site(fx, "public/site/", names), 0);
	char *page = unit_read(fx->base, "public/site/2020-W21.html");
	char *marker = unit_read(fx->base, "public/site/" SITE_MARKER);
	assert_string_equal(page, "2020-W21.html");
	assert_string_equal(marker, MARKER_HEAD "2020-W21.html\nindex.html\n");
	free(page);
	free(marker);
	/* The folder as it was named, for messages and the pages' names. */
	assert_int_equal(site_open(&site, "public/site//", fx->root, S_apart, 3), 0);
	assert_string_equal(site.shown, "public/site");
	assert_int_equal(site.before.len, 2);
	site_close(&site);
}

/* One message, and nothing made, for a site among the notes, however it is named. */
static void S_refused(struct fixture *fx, const char *dir, const char *want)
{
	struct unit_capture c;
	struct site site;
	unit_capture_start(&c);
	int r = site_open(&site, dir, fx->root, S_apart, 3);
	char *said = unit_capture_stop(&c);
	site_close(&site);
	assert_int_equal(r, -1);
	assert_string_equal(said, want);
	free(said);
}

#define APART "a site is written apart from the notes\n" \
	"hint: name a folder outside the notes repository, or one of its own such as public/\n"

static void test_a_folder_among_the_notes_is_refused(void **state)
{
	struct fixture *fx = *state;

	S_refused(fx, "repo/notes/site", "perennial: error: 'repo/notes/site' is inside the folder"
		  " 'notes' of the notes repository: " APART);
	assert_false(S_exists("repo/notes/site"));
	S_refused(fx, "repo/notes", "perennial: error: 'repo/notes' is the folder 'notes' of the"
		  " notes repository: " APART);
	S_refused(fx, "./repo/", "perennial: error: './repo' holds the folder 'notes' of the"
		  " notes repository: " APART);
	/* Nor the reports or templates folder, which need not exist yet. */
	S_refused(fx, "repo/reports/site", "perennial: error: 'repo/reports/site' is inside the"
		  " folder 'reports' of the notes repository: " APART);
	S_refused(fx, "repo/templates", "perennial: error: 'repo/templates' is the folder"
		  " 'templates' of the notes repository: " APART);
	/* Through a link, or a way round. */
	unit_symlink("repo/notes/2020", fx->base, "door");
	S_refused(fx, "door/new/site", "perennial: error: 'door/new/site' is inside the folder"
		  " 'notes' of the notes repository: " APART);
	assert_false(S_exists("repo/notes/2020/new"));
	S_refused(fx, "repo/new/../notes/x", "perennial: error: 'repo/new/../notes/x' is inside"
		  " the folder 'notes' of the notes repository: " APART);
	S_refused(fx, "door/../..", "perennial: error: 'door/../..' holds the folder 'notes' of"
		  " the notes repository: " APART);
	/* Beside the notes, in a folder of its own, is where a site may go. */
	static const char *const names[] = { "index.html", NULL };
	assert_int_equal(S_write_site(fx, "repo/public", names), 0);
}

static void test_a_folder_with_other_files_is_refused(void **state)
{
	struct fixture *fx = *state;

	unit_write(fx->base, "public/notes.txt", "mine\n");
	unit_write(fx->base, "public/.git/HEAD", "ref: refs/heads/main\n");
	unit_write(fx->base, "public/b", "");
	unit_write(fx->base, "public/a", "");
	S_refused(fx, "public", "perennial: error: 'public' holds files and no site written"
		  " before (.git, a, b, ...); not writing there\nhint: name a new or empty folder,"
		  " or one a site was written into before (it holds " SITE_MARKER ")\n");
	assert_false(S_exists("public/" SITE_MARKER));
	/* Nor is a file a folder. */
	unit_write(fx->base, "file", "");
	S_refused(fx, "file", "perennial: error: 'file' is not a folder\n");
	/* A marker that is not a plain file is no marker. */
	unit_mkdir(fx->base, "odd/" SITE_MARKER);
	S_refused(fx, "odd", "perennial: error: 'odd/" SITE_MARKER "' is not a list of pages"
		  " perennial wrote; not writing there\n");
}

static void test_a_site_written_before_is_replaced_and_other_files_kept(void **state)
{
	struct fixture *fx = *state;
	static const char *const before[] = { "2020-W01.html", "index.html", NULL };
	static const char *const now[] = { "2020-W02.html", "index.html", NULL };

	assert_int_equal(S_write_site(fx, "public", before), 0);
	unit_write(fx->base, "public/CNAME", "reports.example.org\n");
	unit_write(fx->base, "public/index.html", "edited by hand\n");

	/* While the new pages are written, the marker lists both sites'. */
	struct site site;
	struct strlist pages = STRLIST_INIT;
	strlist_add(&pages, "index.html");
	strlist_add(&pages, "2020-W02.html");
	assert_int_equal(site_open(&site, "public", fx->root, S_apart, 3), 0);
	assert_int_equal(site_begin(&site, &pages), 0);
	char *marker = unit_read(fx->base, "public/" SITE_MARKER);
	assert_string_equal(marker, MARKER_HEAD "2020-W01.html\n2020-W02.html\nindex.html\n");
	free(marker);
	site_close(&site);
	strlist_release(&pages);

	assert_int_equal(S_write_site(fx, "public", now), 0);
	assert_false(S_exists("public/2020-W01.html"));
	char *page = unit_read(fx->base, "public/index.html");
	char *cname = unit_read(fx->base, "public/CNAME");
	marker = unit_read(fx->base, "public/" SITE_MARKER);
	assert_string_equal(page, "index.html");
	assert_string_equal(cname, "reports.example.org\n");
	assert_string_equal(marker, MARKER_HEAD "2020-W02.html\nindex.html\n");
	free(page);
	free(cname);
	free(marker);
}

static void test_a_file_not_of_the_site_before_is_never_replaced(void **state)
{
	struct fixture *fx = *state;
	static const char *const before[] = { "index.html", NULL };
	static const char *const now[] = { "2020-W05.html", "index.html", NULL };
	struct unit_capture c;

	assert_int_equal(S_write_site(fx, "public", before), 0);
	unit_write(fx->base, "public/2020-W05.html", "someone's own\n");
	unit_capture_start(&c);
	assert_int_equal(S_write_site(fx, "public", now), -1);
	char *said = unit_capture_stop(&c);
	assert_string_equal(said, "perennial: error: 'public/2020-W05.html' is not a page of the"
			    " site written before; not replacing it\n"
			    "hint: move it away, or name another folder\n");
	free(said);
	char *page = unit_read(fx->base, "public/2020-W05.html");
	char *marker = unit_read(fx->base, "public/" SITE_MARKER);
	assert_string_equal(page, "someone's own\n");
	assert_string_equal(marker, MARKER_HEAD "index.html\n");
	free(page);
	free(marker);
}

/* A marker's line that is no page of the folder is never removed, whoever wrote it. */
static void test_the_marker_names_pages_of_the_folder_alone(void **state)
{
	struct fixture *fx = *state;
	static const char *const now[] = { "index.html", NULL };

	unit_write(fx->base, "victim", "kept\n");
	unit_write(fx->base, "public/.hidden", "kept\n");
	unit_write(fx->base, "public/sub/x", "kept\n");
	unit_write(fx->base, "public/" SITE_MARKER,
		   "# a comment\n../victim\n.hidden\nsub/x\n\n/etc/passwd\nold.html\n");
	unit_write(fx->base, "public/old.html", "gone\n");
	assert_int_equal(S_write_site(fx, "public", now), 0);
	assert_true(S_exists("victim"));
	assert_true(S_exists("public/.hidden"));
	assert_true(S_exists("public/sub/x"));
	assert_false(S_exists("public/old.html"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_a_new_folder_gets_the_pages_and_the_marker),
		T(test_a_folder_among_the_notes_is_refused),
		T(test_a_folder_with_other_files_is_refused),
		T(test_a_site_written_before_is_replaced_and_other_files_kept),
		T(test_a_file_not_of_the_site_before_is_never_replaced),
		T(test_the_marker_names_pages_of_the_folder_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
