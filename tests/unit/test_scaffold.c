#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "frontmatter.h"
#include "note.h"
#include "scaffold.h"
#include "source.h"
#include "strbuf.h"
#include "strlist.h"
#include "template.h"
#include "validate.h"

/*
 * What `perennial new` and `perennial init` make: slugs, ids, YAML that
 * reads back as what was meant, notes that pass the checks, files that
 * are never replaced, and a starter perennial.yml without a finding.
 */

static struct config *S_config(const char *text)
{
	struct source *src = source_new(CONFIG_FILE, text, strlen(text));
	struct diag_list diags = DIAG_LIST_INIT;
	struct config *config = NULL;

	assert_int_equal(config_parse(&config, src, &diags), 0);
	assert_int_equal(diags.len, 0);
	diag_list_release(&diags);
	source_free(src);
	return config;
}

#define S_ROSTER "organizers:\n  lisa-t: { name: Lisa Thornton }\n  dee-w: { name: Dee }\n" \
	"sections:\n  required: [Next steps]\n"

/* --- Slugs --- */

static void S_assert_slug(const char *text, size_t max, const char *want,
			  const char *at_file, int at)
{
	char *slug = scaffold_slug(text, max);
	_assert_string_equal(slug, want, at_file, at);
	free(slug);
}
#define assert_slug(text, max, want) S_assert_slug((text), (max), (want), __FILE__, __LINE__)

static void test_slug(void **state)
{
	(void)state;
	assert_slug("One-on-one with Maria about data entry", 40,
		    "one-on-one-with-maria-about-data-entry");
	assert_slug("  House meeting: \"Eastgate\" (2nd floor)!  ", 40,
		    "house-meeting-eastgate-2nd-floor");
	assert_slug("Café con Inés y José, año 2020", 40, "cafe-con-ines-y-jose-ano-2020");
	assert_slug("Straße Œuvre Øresund Łódź Nguyễn Ơn", 60,
		    "strasse-oeuvre-oresund-lodz-nguyen-on");
	/* é as e and a combining acute accent. */
	assert_slug("Cafe\xcc\x81 time", 40, "cafe-time");
	assert_slug("Maria's notebook \xe2\x80\x94 Rosa\xe2\x80\x99s list", 40,
		    "marias-notebook-rosas-list");
	assert_slug("会議 with 李", 40, "with");
	assert_slug("会議", 40, "");
	assert_slug("!!!", 40, "");
	assert_slug("", 40, "");
	assert_slug("bad \xff byte", 40, "bad-byte");
	/* Long: cut at a word's end, never leaving a dash. */
	assert_slug("Team call about postponing the conversations and rewriting the questions", 40,
		    "team-call-about-postponing-the");
	assert_slug("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", 40,
		    "abcdefghijklmnopqrstuvwxyzabcdefghijklmn");
	assert_slug("abcdefghijklmnopqrstuvwxyz-abcdefghijklm-nopqrstuvwxyz", 40,
		    "abcdefghijklmnopqrstuvwxyz-abcdefghijklm");
}

static void test_id_ok(void **state)
{
	(void)state;
	static const char *const good[] = { "maria-g", "jose_p", "a", "x.y", "josé", "李", "a1" };
	static const char *const bad[] = {
		"", "maria g", "-maria", "maria-", "a,b", "@maria", "a:b", ".a", "a\xc2\xa0" "b",
		"bad\xff", "a/b", "a#b",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		assert_true(scaffold_id_ok(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(scaffold_id_ok(bad[i]));
}

/* --- YAML --- */

static char *S_scalar(const char *s, int flow)
{
	struct strbuf sb = STRBUF_INIT;
	scaffold_yaml_scalar(&sb, s, flow);
	return strbuf_detach(&sb);
}

/* YAML `text` parses to a mapping whose `k` is the scalar want, or the list want[0..n). */
static void S_assert_reads_back(const char *text, const char *const *want, size_t n, int list)
{
	struct source *src = source_new("x.yml", text, strlen(text));
	struct diag_list diags = DIAG_LIST_INIT;
	struct fm_node *root = NULL;

	if (fm_parse(&root, src, 0, src->len, &diags) < 0)
		print_error("does not parse: %s\n", text);
	assert_non_null(root);
	const struct fm_node *k = fm_map_get(root, "k", NULL);
	assert_non_null(k);
	if (list) {
		assert_int_equal(k->kind, FM_LIST);
		assert_int_equal(k->count, n);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(k->items[i].text, want[i]);
	} else {
		assert_int_equal(k->kind, FM_SCALAR);
		assert_string_equal(k->text, want[0]);
		if (strcmp(want[0], "null") == 0 || strcmp(want[0], "true") == 0)
			assert_false(k->plain);
	}
	fm_node_free(root);
	diag_list_release(&diags);
	source_free(src);
}

static void test_yaml_scalar_plain_when_safe(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "One-on-one with Maria", "One-on-one with Maria" },
		{ "Maria's notebook", "Maria's notebook" },
		{ "Café", "Café" },
		{ "a:b", "a:b" },
		{ "Rosa, Kwame and Inés", "Rosa, Kwame and Inés" },
		{ "Maria: \"quotes\"", "\"Maria: \\\"quotes\\\"\"" },
		{ "- a list?", "\"- a list?\"" },
		{ "#hashtag", "\"#hashtag\"" },
		{ "a #comment", "\"a #comment\"" },
		{ "yes", "\"yes\"" },
		{ "Null", "\"Null\"" },
		{ "2020", "\"2020\"" },
		{ "ends:", "\"ends:\"" },
		{ "trailing ", "\"trailing \"" },
		{ "back\\slash", "back\\slash" },
		{ "tab\there", "\"tab\\there\"" },
		{ "line\nbreak", "\"line\\nbreak\"" },
		{ "bell\a", "\"bell\\x07\"" },
		{ "ls\xe2\x80\xa8" "ps\xe2\x80\xa9nel\xc2\x85", "\"ls\\Lps\\Pnel\\N\"" },
		{ "*alias", "\"*alias\"" },
		{ "&anchor", "\"&anchor\"" },
		{ "{map}", "\"{map}\"" },
		{ "", "\"\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = S_scalar(cases[i][0], 0);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
	char *flow = S_scalar("Rosa, Kwame", 1);
	assert_string_equal(flow, "\"Rosa, Kwame\"");
	free(flow);
	flow = S_scalar("a:b", 1);
	assert_string_equal(flow, "\"a:b\"");
	free(flow);
}

static void test_yaml_reads_back_as_written(void **state)
{
	(void)state;
	static const char *const hostile[] = {
		"One-on-one with Maria: \"quotes\" and 'more' — café",
		"key: value", "- item", "[1, 2]", "{a: b}", "# not a comment", "a #b", "&x *y",
		"!tag", "|block", ">folded", "%directive", "@at", "`tick`", "null", "~", "true",
		"0x1F", "1e3", "2020-05-12", "\"", "'", "\\", "\\n", "tab\tin", "two\nlines",
		"crlf\r\n", "ends with :", "ends with space ", " leading space", "é", "\xef\xbb\xbf" "bom",
		"ls\xe2\x80\xa8" "x", "del\x7f", "nel\xc2\x85", "nbsp\xc2\xa0" "x", "...", "---",
	};
	for (size_t i = 0; i < sizeof(hostile) / sizeof(*hostile); i++) {
		struct strbuf doc = STRBUF_INIT;
		strbuf_addstr(&doc, "k: ");
		scaffold_yaml_scalar(&doc, hostile[i], 0);
		strbuf_addch(&doc, '\n');
		S_assert_reads_back(doc.buf, &hostile[i], 1, 0);

		strbuf_reset(&doc);
		strbuf_addstr(&doc, "k: ");
		char *items[] = { (char *)hostile[i], "plain", (char *)hostile[i] };
		scaffold_yaml_list(&doc, items, 3);
		strbuf_addch(&doc, '\n');
		S_assert_reads_back(doc.buf, (const char *const *)items, 3, 1);
		strbuf_release(&doc);
	}
	struct strbuf empty = STRBUF_INIT;
	scaffold_yaml_list(&empty, NULL, 0);
	assert_string_equal(empty.buf, "[]");
	strbuf_release(&empty);
}

/* --- The note --- */

/*
 * Renders the built-in note for `note` under config, then parses and
 * validates it: diags gets its findings but template-placeholder warnings,
 * which every new note has.
 */
static char *S_new_note(const struct config *config, const struct scaffold_note *note,
			struct diag_list *diags)
{
	struct template_set set = { 0 };
	struct strbuf out = STRBUF_INIT;
	char *folder, *stem;

	json_t *data = scaffold_note_data(config, note);
	assert_int_equal(template_render(&out, &set, "note.md", data, NULL), 0);
	json_decref(data);
	scaffold_note_place(&folder, &stem, config, note);
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.md", folder, stem);
	struct note *parsed = note_parse(source_new(path.buf, out.buf, out.len), NOTE_ALL, diags);
	struct diag_list all = DIAG_LIST_INIT;
	validate_note(parsed, config, &all);
	/* What the template leaves to fill in is said, and is all there is to say. */
	int other = 0;
	for (size_t i = 0; i < all.len; i++)
		if (all.items[i].rule != DIAG_TEMPLATE_PLACEHOLDER) {
			print_error("%s\n%s: %s\n", out.buf, all.items[i].file, all.items[i].message);
			other = 1;
		}
	assert_true(all.len > 0);
	if (other)
		diag_list_take(diags, &all);
	diag_list_release(&all);
	note_free(parsed);
	strbuf_release(&path);
	free(folder);
	free(stem);
	return strbuf_detach(&out);
}

static void test_new_note_passes_the_checks(void **state)
{
	(void)state;
	struct config *config = S_config(S_ROSTER "themes:\n  housing: { label: Housing }\n");
	static const char *const kinds[] = { "one-on-one", "house-meeting", "group", "training" };
	char *with[] = { "maria-g", "josé", "a.b" };
	char *themes[] = { "housing" };

	for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
		struct scaffold_note note = {
			"One-on-one with Maria: \"quotes\" & <tags> — café #1", { 2020, 5, 12 },
			"dee-w", with, 3, kinds[k], k ? "public" : NULL, themes, k ? 1 : 0,
		};
		struct diag_list diags = DIAG_LIST_INIT;
		char *text = S_new_note(config, &note, &diags);
		assert_int_equal(diags.len, 0);
		assert_non_null(strstr(text, "title: \"One-on-one with Maria: \\\"quotes\\\" & <tags> "
				       "— café #1\"\n"));
		assert_non_null(strstr(text, "participants: [maria-g, josé, a.b]\n"));
		assert_non_null(strstr(text, k ? "themes: [housing]\nconsent: public\n"
				       : "themes: []\nconsent: internal\n"));
		assert_non_null(strstr(text, "- [ ] @dee-w Follow up on this conversation "
				       "(due 2020-05-19)\n"));
		/* One-on-ones ask the conversation questions; meetings say who came. */
		assert_true(!strstr(text, "## What is on your mind?") == (k != 0));
		assert_true(!strstr(text, "## Who came") == (k == 0));
		free(text);
		diag_list_release(&diags);
	}
	config_free(config);
}

static void test_new_note_with_repository_requirements(void **state)
{
	(void)state;
	struct config *config = S_config(
		"organizers:\n  lisa-t: { name: Lisa }\n"
		"fields:\n"
		"  language: { type: enum, values: [en, es], default: es, required: true }\n"
		"  consent: { default: private }\n"
		"  kind: { values: [meeting, call] }\n"
		"sections:\n  required: [Next steps, Who we met]\n");
	struct scaffold_note note = { "Call", { 2021, 2, 28 }, "lisa-t", NULL, 0,
				      scaffold_default_kind(config), NULL, NULL, 0 };
	struct diag_list diags = DIAG_LIST_INIT;

	assert_string_equal(note.kind, "meeting");
	char *text = S_new_note(config, &note, &diags);
	assert_int_equal(diags.len, 0);
	assert_non_null(strstr(text, "participants: []\n"));
	assert_non_null(strstr(text, "consent: private\nlanguage: es\n---\n"));
	assert_non_null(strstr(text, "## Who we met\n"));
	assert_non_null(strstr(text, "(due 2021-03-07)"));
	free(text);
	diag_list_release(&diags);
	config_free(config);
}

static void test_default_kind(void **state)
{
	(void)state;
	struct config *config = S_config(S_ROSTER);
	assert_string_equal(scaffold_default_kind(config), "one-on-one");
	config_free(config);
	config = S_config("fields:\n  kind: { values: [a, b], default: b }\n");
	assert_string_equal(scaffold_default_kind(config), "b");
	config_free(config);
	config = S_config("fields:\n  kind: { type: text }\n");
	assert_string_equal(scaffold_default_kind(config), "one-on-one");
	config_free(config);
}

static void S_assert_place(const struct config *config, const char *title, char **with,
			   size_t nwith, const char *organizer, const char *want_folder,
			   const char *want_stem)
{
	struct scaffold_note note = { title, { 2020, 5, 2 }, organizer, with, nwith, "group",
				      NULL, NULL, 0 };
	char *folder, *stem;
	scaffold_note_place(&folder, &stem, config, &note);
	assert_string_equal(folder, want_folder);
	assert_string_equal(stem, want_stem);
	free(folder);
	free(stem);
}

static void test_note_place(void **state)
{
	(void)state;
	struct config *config = S_config(S_ROSTER "notes: records/notes\n");
	char *with[] = { "maria-g", "José_P", "会" };

	S_assert_place(config, "House meeting at Eastgate", with, 3, "lisa-t",
		       "records/notes/2020/05", "2020-05-02-lisa-t-house-meeting-at-eastgate");
	S_assert_place(config, "会議", with, 3, "lisa-t",
		       "records/notes/2020/05", "2020-05-02-lisa-t-maria-g-jose-p");
	S_assert_place(config, "会議", NULL, 0, "lisa-t",
		       "records/notes/2020/05", "2020-05-02-lisa-t-note");
	S_assert_place(config, "x", NULL, 0, "Dee_W/../x",
		       "records/notes/2020/05", "2020-05-02-dee-w-x-x");
	config_free(config);
}

/* A private note's name says nothing of what it holds, nor of whom. */
static void test_private_note_place(void **state)
{
	(void)state;
	struct config *config = S_config(S_ROSTER);
	char *with[] = { "maria-g" };
	struct scaffold_note note = { "Maria on her papers", { 2020, 5, 2 }, "lisa-t", with, 1,
				      "one-on-one", "private", NULL, 0 };
	char *folder, *stem;

	scaffold_note_place(&folder, &stem, config, &note);
	assert_string_equal(stem, "2020-05-02-lisa-t-private");
	free(folder);
	free(stem);
	/* A consent the field does not know is private too; the default counts. */
	note.consent = "secret";
	scaffold_note_place(&folder, &stem, config, &note);
	assert_string_equal(stem, "2020-05-02-lisa-t-private");
	free(folder);
	free(stem);
	config_free(config);
	config = S_config(S_ROSTER "fields:\n  consent: { default: private }\n");
	note.consent = NULL;
	assert_string_equal(scaffold_note_consent(config, &note), "private");
	scaffold_note_place(&folder, &stem, config, &note);
	assert_string_equal(stem, "2020-05-02-lisa-t-private");
	free(folder);
	free(stem);
	note.consent = "internal";
	scaffold_note_place(&folder, &stem, config, &note);
	assert_string_equal(stem, "2020-05-02-lisa-t-maria-on-her-papers");
	free(folder);
	free(stem);
	config_free(config);
}

static void test_pick_consent_and_themes(void **state)
{
	(void)state;
	struct config *config = S_config(S_ROSTER "themes:\n  housing: {}\n  childcare: {}\n");
	struct strbuf why = STRBUF_INIT;
	struct strlist themes = STRLIST_INIT;
	const char *consent = "x";

	assert_int_equal(scaffold_pick_consent(&consent, config, NULL, &why), 0);
	assert_null(consent);
	assert_int_equal(scaffold_pick_consent(&consent, config, "public", &why), 0);
	assert_string_equal(consent, "public");
	assert_int_equal(scaffold_pick_consent(&consent, config, "publik", &why), -1);
	assert_string_equal(why.buf, "--consent 'publik' is not a consent; did you mean 'public'?");

	assert_int_equal(scaffold_add_themes(&themes, config, " childcare ,housing", &why), 0);
	assert_int_equal(scaffold_add_themes(&themes, config, "housing", &why), 0);
	assert_int_equal(themes.len, 2);
	assert_string_equal(themes.items[0], "childcare");
	assert_string_equal(themes.items[1], "housing");
	strbuf_reset(&why);
	assert_int_equal(scaffold_add_themes(&themes, config, "housing,chldcare", &why), -1);
	assert_string_equal(why.buf, "--theme 'chldcare' is not a theme of the codebook; "
			    "did you mean 'childcare'?");
	strbuf_reset(&why);
	assert_int_equal(scaffold_add_themes(&themes, config, "jobs", &why), -1);
	assert_string_equal(why.buf, "--theme 'jobs' is not a theme of the codebook: "
			    "one of housing, childcare");
	config_free(config);
	config = S_config(S_ROSTER);
	strbuf_reset(&why);
	assert_int_equal(scaffold_add_themes(&themes, config, "jobs", &why), -1);
	assert_string_equal(why.buf, "--theme 'jobs' is not a theme of the codebook: "
			    "perennial.yml has no themes yet");
	config_free(config);
	strlist_release(&themes);
	strbuf_release(&why);
}

/* --- Files --- */

struct tmp {
	char *base;
	char *root;
	char *cwd;
};

static int S_setup(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));
	if (!t || !(t->base = unit_tempdir("scaffold")) || !(t->cwd = getcwd(NULL, 0)))
		return -1;
	t->root = unit_path(t->base, "repo");
	unit_mkdir(t->base, "repo");
	*state = t;
	return 0;
}

static int S_teardown(void **state)
{
	struct tmp *t = *state;
	if (chdir(t->cwd) < 0)
		return -1;
	unit_remove_tree(t->base);
	free(t->base);
	free(t->root);
	free(t->cwd);
	free(t);
	return 0;
}

/* A note of the repository's own template, at its place, under a name no other note has. */
static void test_write_note_uses_the_repository_template(void **state)
{
	struct tmp *t = *state;
	struct config *config = S_config(S_ROSTER);
	struct scaffold_note note = { "Rent strike", { 2020, 5, 12 }, "lisa-t", NULL, 0, "group",
				      NULL, NULL, 0 };
	char *path;

	unit_write(t->root, "templates/note.md", "---\ntitle: {{title}}\n---\nOurs.\n");
	unit_write(t->root, "notes/old/2020-05-12-lisa-t-rent-strike.md", "taken elsewhere\n");
	assert_int_equal(scaffold_write_note(&path, t->root, config, &note), 0);
	assert_string_equal(path, "notes/2020/05/2020-05-12-lisa-t-rent-strike-2.md");
	char *text = unit_read(t->root, path);
	assert_string_equal(text, "---\ntitle: Rent strike\n---\nOurs.\n");
	free(text);
	free(path);

	/* A template that does not compile writes nothing. */
	unit_write(t->root, "templates/note.md", "{{#open}}\n");
	struct unit_capture c;
	unit_capture_start(&c);
	assert_int_equal(scaffold_write_note(&path, t->root, config, &note), -1);
	char *said = unit_capture_stop(&c);
	assert_non_null(strstr(said, "templates/note.md:1:1: error:"));
	assert_null(path);
	free(said);
	text = unit_read(t->root, "notes/2020/05/2020-05-12-lisa-t-rent-strike-3.md");
	assert_null(text);
	config_free(config);
}

static void test_create_never_replaces(void **state)
{
	struct tmp *t = *state;
	char *path;

	assert_int_equal(scaffold_create(&path, t->root, "notes/2020/05", "2020-05-12-a", NULL,
					 "one", 3), 0);
	assert_string_equal(path, "notes/2020/05/2020-05-12-a.md");
	free(path);
	assert_int_equal(scaffold_create(&path, t->root, "notes/2020/05", "2020-05-12-a", NULL,
					 "two", 3), 0);
	assert_string_equal(path, "notes/2020/05/2020-05-12-a-2.md");
	free(path);
	/* A link standing on a name takes it too: it is never written through. */
	unit_symlink("../../../../elsewhere.md", t->root, "notes/2020/05/2020-05-12-a-3.md");
	struct strlist taken = STRLIST_INIT;
	strlist_add(&taken, "2020-05-12-a-4");
	assert_int_equal(scaffold_create(&path, t->root, "notes/2020/05", "2020-05-12-a", &taken,
					 "three", 5), 0);
	assert_string_equal(path, "notes/2020/05/2020-05-12-a-5.md");
	free(path);
	strlist_release(&taken);

	char *text = unit_read(t->root, "notes/2020/05/2020-05-12-a.md");
	assert_string_equal(text, "one");
	free(text);
	text = unit_read(t->root, "notes/2020/05/2020-05-12-a-5.md");
	assert_string_equal(text, "three");
	free(text);
	text = unit_read(t->base, "elsewhere.md");
	assert_null(text);
}

static void test_create_refuses_a_folder_leading_outside(void **state)
{
	struct tmp *t = *state;
	struct unit_capture c;
	char *path;

	unit_mkdir(t->base, "outside");
	unit_symlink("../outside", t->root, "notes");
	unit_capture_start(&c);
	assert_int_equal(scaffold_create(&path, t->root, "notes/2020/05", "x", NULL, "x", 1), -1);
	char *printed = unit_capture_stop(&c);
	assert_null(path);
	assert_string_equal(printed, "perennial: error: 'notes' leads outside the notes "
			    "repository; not writing there\n");
	free(printed);
	/* Nothing was made there on the way. */
	struct stat st;
	char *made = unit_path(t->base, "outside/2020");
	assert_int_equal(lstat(made, &st), -1);

	/* Deeper, and a link that leads nowhere. */
	unit_mkdir(t->base, "repo2/notes");
	char *root2 = unit_path(t->base, "repo2");
	unit_symlink("../../outside", root2, "notes/2020");
	unit_capture_start(&c);
	assert_int_equal(scaffold_create(&path, root2, "notes/2020/05", "x", NULL, "x", 1), -1);
	printed = unit_capture_stop(&c);
	assert_string_equal(printed, "perennial: error: 'notes/2020' leads outside the notes "
			    "repository; not writing there\n");
	free(printed);
	unit_symlink("nowhere", root2, "notes/2021");
	unit_capture_start(&c);
	assert_int_equal(scaffold_create(&path, root2, "notes/2021/05", "x", NULL, "x", 1), -1);
	printed = unit_capture_stop(&c);
	assert_string_equal(printed, "perennial: error: cannot open folder 'notes/2021': "
			    "No such file or directory\n");
	free(printed);
	assert_int_equal(lstat(made, &st), -1);
	free(made);
	free(root2);
}

static void test_taken_names(void **state)
{
	struct tmp *t = *state;
	struct strlist taken = STRLIST_INIT;

	assert_int_equal(scaffold_taken_names(&taken, t->root, UNIT_NOTES("notes")), 0);
	assert_int_equal(taken.len, 0);
	unit_write(t->root, "notes/2020/b.md", "");
	unit_write(t->root, "notes/a.md", "");
	unit_write(t->root, "notes/old/a.md", "");
	unit_write(t->root, "notes/readme.txt", "");
	assert_int_equal(scaffold_taken_names(&taken, t->root, UNIT_NOTES("notes")), 0);
	assert_strings(taken.items, taken.len, (const char *const[]){ "a", "b", NULL });
	strlist_release(&taken);
}

static void test_init_makes_a_root_that_loads_cleanly(void **state)
{
	struct tmp *t = *state;
	struct stat st;

	assert_int_equal(chdir(t->base), 0);
	assert_int_equal(scaffold_init("new/notes-root"), 0);
	char *yml = unit_read(t->base, "new/notes-root/perennial.yml");
	assert_string_equal(yml, scaffold_config_text);
	free(yml);
	char *p = unit_path(t->base, "new/notes-root/notes/.gitkeep");
	assert_int_equal(stat(p, &st), 0);
	free(p);
	p = unit_path(t->base, "new/notes-root/templates/.gitkeep");
	assert_int_equal(stat(p, &st), 0);
	free(p);

	struct config *config = S_config(scaffold_config_text);
	assert_int_equal(config->norganizers, 1);
	assert_int_equal(config->nthemes, 2);
	assert_string_equal(config->notes_dir, "notes");
	config_free(config);
}

static void test_init_refuses_an_existing_root_and_changes_nothing(void **state)
{
	struct tmp *t = *state;
	struct unit_capture c;
	struct stat st;

	unit_write(t->root, "perennial.yml", "notes: mine\n");
	assert_int_equal(chdir(t->root), 0);
	unit_capture_start(&c);
	assert_int_equal(scaffold_init("."), -1);
	char *printed = unit_capture_stop(&c);
	assert_non_null(strstr(printed, "'perennial.yml' is there already: nothing was changed"));
	free(printed);
	char *yml = unit_read(t->root, "perennial.yml");
	assert_string_equal(yml, "notes: mine\n");
	free(yml);
	assert_int_equal(stat("notes", &st), -1);

	/* A file where the folder should be. */
	unit_write(t->root, "plain-file", "x");
	unit_capture_start(&c);
	assert_int_equal(scaffold_init("plain-file"), -1);
	printed = unit_capture_stop(&c);
	assert_string_equal(printed, "perennial: error: 'plain-file' is not a folder\n");
	free(printed);
}

static void test_init_keeps_folders_that_are_there(void **state)
{
	struct tmp *t = *state;
	struct stat st;

	unit_write(t->root, "notes/2020/a.md", "x");
	assert_int_equal(chdir(t->root), 0);
	assert_int_equal(scaffold_init("."), 0);
	assert_int_equal(stat("notes/.gitkeep", &st), -1);
	assert_int_equal(stat("notes/2020/a.md", &st), 0);
	assert_int_equal(stat("templates/.gitkeep", &st), 0);
}

static void test_in_git(void **state)
{
	struct tmp *t = *state;

	unsetenv("GIT_DIR");
	unit_mkdir(t->root, "a/b");
	char *deep = unit_path(t->root, "a/b");
	assert_false(scaffold_in_git(deep));
	unit_mkdir(t->root, ".git");
	assert_true(scaffold_in_git(deep));
	assert_true(scaffold_in_git(t->root));
	free(deep);
}

/* --- Words and paths --- */

static void test_sh_word(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "notes", "notes" }, { "a/b-c_d.e", "a/b-c_d.e" }, { "my notes", "'my notes'" },
		{ "it's", "'it'\\''s'" }, { "$HOME", "'$HOME'" }, { "", "''" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		scaffold_sh_word(&sb, cases[i][0]);
		assert_string_equal(sb.buf, cases[i][1]);
		strbuf_release(&sb);
	}
}

static void test_path_from(void **state)
{
	(void)state;
	static const char *const cases[][4] = {
		{ "/r", "/r", "notes/a.md", "notes/a.md" },
		{ "/r/notes", "/r", "notes/2020/a.md", "2020/a.md" },
		{ "/r/notes/2020/05", "/r", "notes/2020/05/a.md", "a.md" },
		{ "/r/templates", "/r", "notes/a.md", "../notes/a.md" },
		{ "/r/not", "/r", "notes/a.md", "../notes/a.md" },
		{ "/r/notes/2021/01", "/r", "notes/2020/05/a.md", "../../2020/05/a.md" },
		{ "/elsewhere", "/r", "notes/a.md", "/r/notes/a.md" },
		{ "/", "/", "notes/a.md", "notes/a.md" },
		{ "/x", "/", "notes/a.md", "../notes/a.md" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = scaffold_path_from(cases[i][0], cases[i][1], cases[i][2]);
		assert_string_equal(got, cases[i][3]);
		free(got);
	}
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
#define F(f) cmocka_unit_test_setup_teardown(f, S_setup, S_teardown)
	const struct CMUnitTest tests[] = {
		T(test_slug),
		T(test_id_ok),
		T(test_yaml_scalar_plain_when_safe),
		T(test_yaml_reads_back_as_written),
		T(test_new_note_passes_the_checks),
		T(test_new_note_with_repository_requirements),
		T(test_default_kind),
		T(test_note_place),
		T(test_private_note_place),
		T(test_pick_consent_and_themes),
		F(test_write_note_uses_the_repository_template),
		F(test_create_never_replaces),
		F(test_create_refuses_a_folder_leading_outside),
		F(test_taken_names),
		F(test_init_makes_a_root_that_loads_cleanly),
		F(test_init_refuses_an_existing_root_and_changes_nothing),
		F(test_init_keeps_folders_that_are_there),
		F(test_in_git),
		T(test_sh_word),
		T(test_path_from),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
