#include "unit.h"

#include <stdlib.h>

#include "history.h"
#include "note.h"
#include "repo.h"
#include "source.h"
#include "step_match.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * Two halves. The replay (history_build) is tested on logs made by hand:
 * no git, a version's blob id is its Markdown, and its steps are what the
 * parser makes of it. Which step of a version pairs with which of the next
 * is step_match's (test_step_match.c); here, what the pairs mean over
 * commits. Then history_log_read on repositories made by the real git CLI:
 * what a walk puts in the log.
 */

/* The steps of a parsed body, as the index would hand them out (malloc'd). */
static void S_steps_of(const struct md_body *body, struct step_match_step **out, size_t *n)
{
	*out = xcalloc(body->nsteps + 1, sizeof(**out));
	*n = body->nsteps;
	for (size_t i = 0; i < body->nsteps; i++) {
		(*out)[i].key = xstrdup(body->steps[i].key);
		(*out)[i].owner = body->steps[i].owner ? xstrdup(body->steps[i].owner) : NULL;
		(*out)[i].done = body->steps[i].done;
	}
}

/* --- Logs by hand --- */

#define MAX_PATHS 8

/* A notes folder and its log: what each path holds now (NULL: nothing). */
struct story {
	struct history_log log;
	const char *paths[MAX_PATHS];
	const char *blobs[MAX_PATHS];
	size_t npaths;
	int no_steps_for_binary;
};

static const char **S_at(struct story *s, const char *path)
{
	for (size_t i = 0; i < s->npaths; i++)
		if (strcmp(s->paths[i], path) == 0)
			return &s->blobs[i];
	assert_true(s->npaths < MAX_PATHS);
	s->paths[s->npaths] = path;
	return &s->blobs[s->npaths++];
}

/* A commit on `day`; its id is its number, as 40 digits. */
static void S_commit(struct story *s, const char *day)
{
	char id[REPO_BLOB_ID_SIZE];
	snprintf(id, sizeof(id), "%040zu", s->log.ncommits + 1);
	history_log_add_commit(&s->log, id, day);
}

/* The last commit writes `md` to path (NULL removes it). */
static void S_write(struct story *s, const char *path, const char *md)
{
	const char **at = S_at(s, path);
	history_log_add_change(&s->log, path, *at, md);
	*at = md;
}

/* The last commit moves a note unchanged. */
static void S_move(struct story *s, const char *from, const char *to)
{
	const char *md = *S_at(s, from);
	S_write(s, from, NULL);
	S_write(s, to, md);
}

/* The history after the last commit: every version's steps set first, as refresh does. */
static struct history *S_history(struct story *s)
{
	struct history *h;
	for (size_t i = 0; i < s->log.blobs.len; i++) {
		struct step_match_step *steps;
		struct md_body body = MD_BODY_INIT;
		size_t n;
		const char *md = strmap_key(&s->log.blobs, i);
		/* A blob refresh cannot read as a note is given no steps. */
		if (strncmp(md, "binary", 6) == 0)
			continue;
		struct source *src = source_new("note.md", md, strlen(md));
		md_parse(&body, src, 0, 1, MD_ALL);
		S_steps_of(&body, &steps, &n);
		history_log_set_steps(&s->log, i, steps, n);
		md_body_release(&body);
		source_free(src);
	}
	history_build(&h, &s->log);
	assert_non_null(h);
	assert_int_equal(h->ncommits, s->log.ncommits);
	return h;
}

static int S_story_setup(void **state)
{
	struct story *s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	s->log = (struct history_log)HISTORY_LOG_INIT;
	*state = s;
	return 0;
}

static int S_story_teardown(void **state)
{
	struct story *s = *state;
	history_log_release(&s->log);
	free(s);
	return 0;
}

/*
 * Step `index` of `path` is in `state`, and appeared, was opened and was
 * ticked in the commits numbered (from 1, 0 for none) as given.
 */
#define assert_step(h, path, index, state, appeared, opened, ticked) \
	S_assert_step((h), (path), (index), (state), (appeared), (opened), (ticked), \
		      __FILE__, __LINE__)

static void S_assert_commit(const struct history *h, const struct history_commit *c,
			    size_t want, const char *what, const char *at_file, int at)
{
	size_t got = c ? (size_t)(c - h->commits) + 1 : 0;
	if (got != want) {
		print_error("%s: commit %zu, expected %zu\n", what, got, want);
		_fail(at_file, at);
	}
}

static void S_assert_step(const struct history *h, const char *path, size_t index,
			  enum history_state state, size_t appeared, size_t opened, size_t ticked,
			  const char *at_file, int at)
{
	const struct history_step *step = history_find(h, path, index);
	_assert_true(step != NULL, path, at_file, at);
	_assert_string_equal(step->path, path, at_file, at);
	_assert_int_equal(step->index, index, at_file, at);
	_assert_int_equal(step->state, state, at_file, at);
	S_assert_commit(h, step->appeared, appeared, "appeared", at_file, at);
	S_assert_commit(h, step->opened, opened, "opened", at_file, at);
	S_assert_commit(h, step->ticked, ticked, "ticked", at_file, at);
}

/* --- When steps were done --- */

static void test_ticked_in_a_later_commit(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] @lisa-t Call Ana\n- [ ] Book the hall\n- [ ] Print flyers\n");
	S_commit(s, "2020-05-20");
	S_write(s, "notes/a.md", "- [x] @lisa-t Call Ana\n- [ ] Book the hall\n- [ ] Print flyers\n");
	S_commit(s, "2020-05-22");
	S_write(s, "notes/a.md", "- [x] @lisa-t Call Ana\n- [X] Book the hall\n- [ ] Print flyers\n");

	struct history *h = S_history(s);
	assert_int_equal(h->nsteps, 3);
	assert_step(h, "notes/a.md", 0, HISTORY_TICKED, 1, 1, 2);
	assert_step(h, "notes/a.md", 1, HISTORY_TICKED, 1, 1, 3);
	assert_step(h, "notes/a.md", 2, HISTORY_OPEN, 1, 1, 0);
	assert_null(history_find(h, "notes/a.md", 3));
	assert_null(history_find(h, "notes/b.md", 0));
	/* The commits as the log has them. */
	assert_string_equal(h->commits[1].day, "2020-05-20");
	assert_string_equal(h->commits[1].id, "0000000000000000000000000000000000000002");
	history_free(h);
}

/* A history kept as bytes comes back the same; bytes it did not make do not. */
static void test_encode_and_decode(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a b.md", "- [ ] @lisa-t Call Ana\n- [x] Book the hall\n");
	S_write(s, "notes/c\nd.md", "- [ ] Print flyers\n");
	S_commit(s, "");
	S_write(s, "notes/a b.md", "- [x] @lisa-t Call Ana\n- [x] Book the hall\n");

	struct history *h = S_history(s), *back = NULL;
	size_t len;
	char *bytes = history_encode(h, &len);
	assert_int_equal(history_decode(&back, bytes, len), 0);
	assert_int_equal(back->nsteps, 3);
	assert_int_equal(back->ncommits, 2);
	assert_string_equal(back->commits[1].day, "");
	assert_step(back, "notes/a b.md", 0, HISTORY_TICKED, 1, 1, 2);
	assert_step(back, "notes/a b.md", 1, HISTORY_BORN_DONE, 1, 0, 0);
	assert_step(back, "notes/c\nd.md", 0, HISTORY_OPEN, 1, 1, 0);
	/* Encoded again, the same bytes. */
	size_t len2;
	char *again = history_encode(back, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(bytes, again, len);
	free(again);
	history_free(back);

	/* Cut short, changed, or from something else: refused, nothing leaks. */
	static const char *const bad[] = {
		"", "perennial-history 2\n", "perennial-history 1\nS 0 0 0 -1 -1 -1\n",
		"perennial-history 1\nP 99\nshort\n", "perennial-history 1\nX\n",
		"perennial-history 1\nC 123 2020-01-01\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(history_decode(&back, bad[i], strlen(bad[i])), -1);
		assert_null(back);
	}
	assert_int_equal(history_decode(&back, bytes, len - 1), -1);
	bytes[len / 2] = 'Z';
	history_decode(&back, bytes, len);  /* whatever it makes of it, no crash, no leak */
	history_free(back);
	free(bytes);
	history_free(h);
}

/* Written already done: no commit ticked it. */
static void test_step_done_when_first_committed(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [x] Call Ana\n- [ ] Book the hall\n");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/a.md", "- [x] Call Ana\n- [ ] Book the hall\n- [x] Thank Bo\n");

	struct history *h = S_history(s);
	assert_int_equal(h->nsteps, 3);
	assert_step(h, "notes/a.md", 0, HISTORY_BORN_DONE, 1, 0, 0);
	assert_step(h, "notes/a.md", 1, HISTORY_OPEN, 1, 1, 0);
	/* Added done to a note that was there: still born done, in the commit that added it. */
	assert_step(h, "notes/a.md", 2, HISTORY_BORN_DONE, 2, 0, 0);
	history_free(h);
}

/* Ticked then unticked is open; ticked again, done in the last tick, opened when first open. */
static void test_ticked_unticked_ticked(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "- [x] Call Ana\n");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");

	struct history *h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_OPEN, 1, 1, 0);
	history_free(h);

	S_commit(s, "2020-05-15");
	S_write(s, "notes/a.md", "- [x] Call Ana\n");
	h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_TICKED, 1, 1, 4);
	history_free(h);
}

/* Born done, reopened, done again: ticked by the last commit, opened by the reopening one. */
static void test_born_done_then_reopened_and_ticked(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [x] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/a.md", "- [x] Call Ana\n");

	struct history *h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_TICKED, 1, 2, 3);
	history_free(h);
}

/* --- Which step is which, over commits --- */

/* Edited while ticked: the same step, ticked; rewritten: a step born done. */
static void test_edited_and_rewritten_while_ticking(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] @lisa-t Rethnik the questions (due 2020-06-01)\n"
		"- [ ] Call Ana about the rally\n- [ ] Book the hall\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "- [x] @lisa-t, rethink the questions (due 2020-06-15)\n"
		"- [x] Email the whole base before Friday\n- [ ] Book the hall\n");

	struct history *h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_TICKED, 1, 1, 2);
	assert_step(h, "notes/a.md", 1, HISTORY_BORN_DONE, 2, 0, 0);
	assert_step(h, "notes/a.md", 2, HISTORY_OPEN, 1, 1, 0);
	history_free(h);
}

/* A copy written above a done step is new, and the done one keeps its day. */
static void test_copy_above_a_done_step(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n- [ ] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n- [x] Call Ana\n");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n- [ ] Call Ana\n- [x] Call Ana\n");

	struct history *h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_OPEN, 1, 1, 0);
	assert_step(h, "notes/a.md", 1, HISTORY_OPEN, 3, 3, 0);
	assert_step(h, "notes/a.md", 2, HISTORY_TICKED, 1, 1, 2);
	history_free(h);
}

/* A step belongs to its note: the same text in another note is another step. */
static void test_same_text_in_another_note_is_another_step(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/b.md", "- [x] Call Ana\n");

	struct history *h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_OPEN, 1, 1, 0);
	assert_step(h, "notes/b.md", 0, HISTORY_BORN_DONE, 2, 0, 0);
	history_free(h);
}

/* --- Notes removed, moved, without steps --- */

static void test_removed_note_has_no_steps(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_write(s, "notes/b.md", "- [ ] Book the hall\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/b.md", NULL);

	struct history *h = S_history(s);
	assert_int_equal(h->nsteps, 1);
	assert_int_equal(h->npaths, 1);
	assert_null(history_find(h, "notes/b.md", 0));
	assert_non_null(history_find(h, "notes/a.md", 0));
	history_free(h);

	/* Written again later, with the step done: a new note, its step born done. */
	S_commit(s, "2020-05-14");
	S_write(s, "notes/b.md", "- [x] Book the hall\n");
	h = S_history(s);
	assert_step(h, "notes/b.md", 0, HISTORY_BORN_DONE, 3, 0, 0);
	history_free(h);
}

/* A note moved without a change keeps its steps' history; moved and edited, it starts afresh. */
static void test_moved_note(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_write(s, "notes/c.md", "- [ ] Print flyers\n");
	S_commit(s, "2020-05-13");
	S_move(s, "notes/a.md", "notes/2020/b.md");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/2020/b.md", "- [x] Call Ana\n");
	S_write(s, "notes/c.md", NULL);
	S_write(s, "notes/2020/d.md", "- [x] Print flyers\n");

	struct history *h = S_history(s);
	assert_int_equal(h->nsteps, 2);
	assert_step(h, "notes/2020/b.md", 0, HISTORY_TICKED, 1, 1, 3);
	assert_step(h, "notes/2020/d.md", 0, HISTORY_BORN_DONE, 3, 0, 0);
	assert_null(history_find(h, "notes/a.md", 0));
	assert_null(history_find(h, "notes/c.md", 0));
	/* Paths in order, each once. */
	assert_int_equal(h->npaths, 2);
	assert_string_equal(h->paths[0], "notes/2020/b.md");
	history_free(h);
}

/* Two notes with the same bytes but different pasts, moved in one commit, pair in path order. */
static void test_moved_copies(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/b.md", "- [x] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_write(s, "notes/b.md", "- [ ] Call Ana\n");
	S_commit(s, "2020-05-14");
	/* b.md was seen before a.md, x.md is seen before y.md: path order is another. */
	S_move(s, "notes/a.md", "notes/x.md");
	S_move(s, "notes/b.md", "notes/y.md");

	struct history *h = S_history(s);
	assert_int_equal(h->nsteps, 2);
	assert_step(h, "notes/x.md", 0, HISTORY_OPEN, 2, 2, 0);
	assert_step(h, "notes/y.md", 0, HISTORY_OPEN, 1, 2, 0);
	history_free(h);
}

/* A version with no steps (no note: binary, too large) ends them; written again, they are new. */
static void test_version_without_steps(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "binary - [x] Call Ana\n");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/a.md", "- [x] Call Ana\n");

	struct history *h = S_history(s);
	assert_step(h, "notes/a.md", 0, HISTORY_BORN_DONE, 3, 0, 0);
	history_free(h);
}

static void test_no_notes_no_steps(void **state)
{
	struct story *s = *state;

	struct history *h = S_history(s);
	assert_int_equal(h->nsteps, 0);
	assert_int_equal(h->npaths, 0);
	assert_null(history_find(h, "notes/a.md", 0));
	history_free(h);

	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "No steps yet.\n");
	h = S_history(s);
	assert_int_equal(h->nsteps, 0);
	assert_int_equal(h->npaths, 1);
	history_free(h);
}

/* The log numbers each path and each blob once, and keeps a path to read each blob by. */
static void test_log_numbers_paths_and_blobs_once(void **state)
{
	struct story *s = *state;

	S_commit(s, "2020-05-12");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");
	S_write(s, "notes/b.md", "- [ ] Call Ana\n");
	S_commit(s, "2020-05-13");
	S_write(s, "notes/a.md", "- [x] Call Ana\n");
	S_commit(s, "2020-05-14");
	S_write(s, "notes/a.md", "- [ ] Call Ana\n");

	const struct history_log *log = &s->log;
	assert_int_equal(log->ncommits, 3);
	assert_int_equal(log->nchanges, 4);
	assert_int_equal(log->paths.len, 2);
	assert_int_equal(log->blobs.len, 2);
	assert_int_equal(log->commits[0].nchanges, 2);
	assert_int_equal(log->commits[2].changes, 3);
	const struct history_change *undo = &log->changes[3];
	assert_int_equal(undo->path, 0);
	assert_int_equal(undo->old_blob, 1);
	assert_int_equal(undo->new_blob, 0);
	assert_int_equal(log->changes[0].old_blob, HISTORY_NO_BLOB);
	assert_string_equal(strmap_key(&log->paths, log->versions[1].path), "notes/a.md");
	/* No steps until they are set. */
	assert_null(log->versions[0].steps);
	assert_int_equal(log->versions[0].nsteps, 0);
}

static void test_free_null(void **state)
{
	(void)state;
	history_free(NULL);
}

/* --- history_log_read: the walk, on repositories made by git --- */

/*
 * Commits everything in the work tree with author and committer date
 * `date` (git's own format: `2020-05-12T10:00:00+02:00`).
 */
#define S_git_commit(fx, date) \
	unit_run((fx)->top, "git add -A && GIT_AUTHOR_DATE='%s' GIT_COMMITTER_DATE='%s' " \
		 UNIT_GIT " commit -q --no-verify --allow-empty -m 'at %s'", (date), (date), (date))

/* A note whose body is `steps` under a Next steps heading. */
static void S_note(const char *dir, const char *rel, const char *steps)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "---\ntitle: A conversation\ndate: 2020-05-12\n---\n\n"
		    "## What happened\n\nWe talked.\n\n## Next steps\n\n%s", steps);
	unit_write(dir, rel, sb.buf);
	strbuf_release(&sb);
}

/*
 * The log of `dir` at `rev` in the notes root top/rel ("" for the top),
 * with the steps of each version read from git and parsed: what refresh
 * does through the index. The test fails unless it is read.
 */
static void S_read_log(struct history_log *log, const struct unit_git_repo *fx, const char *rel,
		       const char *rev, const char *dir)
{
	struct repo *repo;
	char *root = *rel ? unit_path(fx->top, rel) : xstrdup(fx->top);

	assert_int_equal(repo_open(&repo, root), 0);
	free(root);
	assert_int_equal(history_log_read(log, repo, rev, UNIT_NOTES(dir)), 0);
	for (size_t i = 0; i < log->blobs.len; i++) {
		struct diag_list diags = DIAG_LIST_INIT;
		struct source *src;
		struct step_match_step *steps;
		size_t n;
		int r = repo_read_blob(&src, repo, strmap_key(&log->blobs, i), strmap_key(&log->paths, log->versions[i].path), &diags);
		diag_list_release(&diags);
		assert_true(r >= 0);
		if (r > 0)
			continue;
		struct note *note = note_parse(src, NOTE_ALL, &diags);
		diag_list_release(&diags);
		S_steps_of(&note->body, &steps, &n);
		note_free(note);
		history_log_set_steps(log, i, steps, n);
	}
	repo_free(repo);
}

/* Commit `rev` of the repository is c: its id, and the author's day `day`. */
#define assert_git_commit(fx, c, rev, day) \
	S_assert_git_commit((fx), (c), (rev), (day), __FILE__, __LINE__)

static void S_assert_git_commit(const struct unit_git_repo *fx, const struct history_commit *c,
				const char *rev, const char *day, const char *at_file, int at)
{
	_assert_true(c != NULL, rev, at_file, at);
	char *id = unit_output_at(at_file, at, fx->top, "git rev-parse '%s'", rev);
	_assert_string_equal(c->id, id, at_file, at);
	_assert_string_equal(c->day, day, at_file, at);
	free(id);
}

/*
 * The case, through git: a step ticked in a later commit is done
 * on that commit's day, as its author saw the calendar: 23:30 in
 * California is still the 20th (the 21st in UTC), 01:30 in Tokyo is
 * already the 22nd (the 21st in UTC). A note moved with `git mv` keeps
 * its steps; each version is read once, however often it comes back.
 */
static void test_log_of_a_repository(void **state)
{
	struct unit_git_repo *fx = *state;
	struct history_log log = HISTORY_LOG_INIT;
	struct history *h;

	S_note(fx->top, "notes/a.md", "- [ ] @lisa-t Call Ana\n- [ ] Book the hall\n");
	S_note(fx->top, "notes/b.md", "- [ ] @lisa-t Call Ana\n- [ ] Book the hall\n");
	S_git_commit(fx, "2020-05-12T10:00:00+02:00");
	S_note(fx->top, "notes/a.md", "- [x] @lisa-t Call Ana\n- [ ] Book the hall\n");
	S_git_commit(fx, "2020-05-20T23:30:00-07:00");
	unit_run(fx->top, "mkdir notes/2020 && git mv notes/a.md notes/2020/a.md");
	S_git_commit(fx, "2020-05-21T10:00:00+00:00");
	S_note(fx->top, "notes/2020/a.md", "- [x] @lisa-t Call Ana\n- [X] Book the hall\n");
	S_note(fx->top, "notes/b.md", "- [x] @lisa-t Call Ana\n- [ ] Book the hall\n");
	S_git_commit(fx, "2020-05-22T01:30:00+09:00");

	S_read_log(&log, fx, "", "HEAD", "notes");
	assert_int_equal(log.ncommits, 4);
	/* Three versions: b.md's last is a.md's second. */
	assert_int_equal(log.blobs.len, 3);
	assert_int_equal(log.paths.len, 3);
	assert_int_equal(log.commits[0].nchanges, 2);
	assert_int_equal(log.commits[2].nchanges, 2);
	history_build(&h, &log);
	assert_git_commit(fx, &h->commits[0], "HEAD~3", "2020-05-12");
	assert_git_commit(fx, &h->commits[1], "HEAD~2", "2020-05-20");
	assert_git_commit(fx, &h->commits[3], "HEAD", "2020-05-22");
	assert_int_equal(h->nsteps, 4);
	assert_step(h, "notes/2020/a.md", 0, HISTORY_TICKED, 1, 1, 2);
	assert_step(h, "notes/2020/a.md", 1, HISTORY_TICKED, 1, 1, 4);
	assert_step(h, "notes/b.md", 0, HISTORY_TICKED, 1, 1, 4);
	assert_step(h, "notes/b.md", 1, HISTORY_OPEN, 1, 1, 0);
	history_free(h);
	history_log_release(&log);

	/* At an earlier revision, the later ticks have not happened. */
	S_read_log(&log, fx, "", "HEAD~2", "notes");
	history_build(&h, &log);
	assert_int_equal(h->ncommits, 2);
	assert_step(h, "notes/a.md", 1, HISTORY_OPEN, 1, 1, 0);
	history_free(h);
	history_log_release(&log);
}

/*
 * First parent: a step ticked on a branch is done on the day of the merge
 * that brought it into the branch read; commits of the branch are not in
 * the history.
 */
static void test_merge_counts_on_the_first_parent(void **state)
{
	struct unit_git_repo *fx = *state;
	struct history_log log = HISTORY_LOG_INIT;
	struct history *h;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/b.md", "- [ ] Book the hall\n");
	S_git_commit(fx, "2020-05-12T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q -b side");
	S_note(fx->top, "notes/a.md", "- [x] Call Ana\n");
	S_git_commit(fx, "2020-05-13T10:00:00+00:00");
	unit_run(fx->top, "git checkout -q main");
	S_note(fx->top, "notes/b.md", "- [x] Book the hall\n");
	S_git_commit(fx, "2020-05-14T10:00:00+00:00");
	unit_run(fx->top, "GIT_AUTHOR_DATE='2020-05-16T10:00:00+00:00' "
		 "GIT_COMMITTER_DATE='2020-05-16T10:00:00+00:00' "
		 UNIT_GIT " merge -q --no-ff --no-edit side");

	S_read_log(&log, fx, "", "HEAD", "notes");
	history_build(&h, &log);
	assert_int_equal(h->ncommits, 3);
	assert_git_commit(fx, &h->commits[2], "HEAD", "2020-05-16");
	assert_step(h, "notes/a.md", 0, HISTORY_TICKED, 1, 1, 3);
	assert_step(h, "notes/b.md", 0, HISTORY_TICKED, 1, 1, 2);
	history_free(h);
	history_log_release(&log);

	/* Read from the side branch, the tick is its own commit's. */
	S_read_log(&log, fx, "", "side", "notes");
	history_build(&h, &log);
	assert_int_equal(h->ncommits, 2);
	assert_git_commit(fx, &h->commits[1], "side", "2020-05-13");
	assert_step(h, "notes/a.md", 0, HISTORY_TICKED, 1, 1, 2);
	assert_step(h, "notes/b.md", 0, HISTORY_OPEN, 1, 1, 0);
	history_free(h);
	history_log_release(&log);
}

/*
 * The notes root may be a subfolder of the work tree: paths are relative
 * to it, and files that are no notes (other names, hidden ones, links,
 * other folders) are not in the log, nor commits that change only them.
 */
static void test_only_the_notes_are_read(void **state)
{
	struct unit_git_repo *fx = *state;
	struct history_log log = HISTORY_LOG_INIT;

	S_note(fx->top, "team/notes/a.md", "- [ ] Call Ana\n");
	S_note(fx->top, "notes/other.md", "- [ ] Not ours\n");
	S_note(fx->top, "team/drafts/x.md", "- [ ] Not a note folder\n");
	S_git_commit(fx, "2020-05-12T10:00:00+00:00");
	S_note(fx->top, "team/notes/a.md", "- [x] Call Ana\n");
	S_note(fx->top, "notes/other.md", "- [x] Not ours\n");
	S_git_commit(fx, "2020-05-13T10:00:00+00:00");
	S_note(fx->top, "team/notes/todo.txt", "- [x] Not a note\n");
	S_note(fx->top, "team/notes/.draft.md", "- [x] Hidden\n");
	S_note(fx->top, "team/notes/.trash/old.md", "- [x] Hidden\n");
	unit_symlink("a.md", fx->top, "team/notes/link.md");
	S_git_commit(fx, "2020-05-14T10:00:00+00:00");
	S_git_commit(fx, "2020-05-15T10:00:00+00:00");   /* empty */

	S_read_log(&log, fx, "team", "HEAD", "notes");
	assert_int_equal(log.ncommits, 2);
	assert_int_equal(log.paths.len, 1);
	assert_string_equal(strmap_key(&log.paths, 0), "notes/a.md");
	assert_int_equal(log.blobs.len, 2);
	history_log_release(&log);

	/* The whole root: its other folders too, with root-relative paths. */
	S_read_log(&log, fx, "team", "HEAD", "");
	assert_int_equal(log.paths.len, 2);
	assert_string_equal(strmap_key(&log.paths, 0), "drafts/x.md");
	assert_string_equal(strmap_key(&log.paths, 1), "notes/a.md");
	history_log_release(&log);
}

static void test_unknown_revision_is_an_error(void **state)
{
	struct unit_git_repo *fx = *state;
	struct history_log log = HISTORY_LOG_INIT;
	struct repo *repo;
	struct unit_capture c;

	S_note(fx->top, "notes/a.md", "- [ ] Call Ana\n");
	S_git_commit(fx, "2020-05-12T10:00:00+00:00");
	assert_int_equal(repo_open(&repo, fx->top), 0);
	/* A log read before is released, whatever happens. */
	assert_int_equal(history_log_read(&log, repo, "HEAD", UNIT_NOTES("notes")), 0);
	assert_int_equal(log.ncommits, 1);
	unit_capture_start(&c);
	int rc = history_log_read(&log, repo, "no-such-branch", UNIT_NOTES("notes"));
	char *printed = unit_capture_stop(&c);
	repo_free(repo);
	assert_int_equal(rc, -1);
	assert_int_equal(log.ncommits, 0);
	assert_int_equal(log.blobs.len, 0);
	assert_non_null(strstr(printed, "perennial: error: no-such-branch: "));
	free(printed);
}

#define T(name) cmocka_unit_test_setup_teardown(name, S_story_setup, S_story_teardown)
#define G(name) cmocka_unit_test_setup_teardown(name, unit_git_repo_setup, unit_git_repo_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ticked_in_a_later_commit),
		T(test_encode_and_decode),
		T(test_step_done_when_first_committed),
		T(test_ticked_unticked_ticked),
		T(test_born_done_then_reopened_and_ticked),
		T(test_edited_and_rewritten_while_ticking),
		T(test_copy_above_a_done_step),
		T(test_same_text_in_another_note_is_another_step),
		T(test_removed_note_has_no_steps),
		T(test_moved_note),
		T(test_moved_copies),
		T(test_version_without_steps),
		T(test_no_notes_no_steps),
		T(test_log_numbers_paths_and_blobs_once),
		cmocka_unit_test(test_free_null),
		G(test_log_of_a_repository),
		G(test_merge_counts_on_the_first_parent),
		G(test_only_the_notes_are_read),
		G(test_unknown_revision_is_an_error),
	};
	return cmocka_run_group_tests(tests, unit_git_group_setup, unit_git_group_teardown);
}
