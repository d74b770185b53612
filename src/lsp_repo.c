#include "lsp_repo.h"

#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "strmap.h"
#include "workspace.h"
#include "xalloc.h"

/*
 * What a scan holds, as JSON: {"notes": [NOTE, ...]}, a NOTE being
 * [path, id, organizer or null, [participant, ...], [theme, ...]], its
 * participants left out when it is private, each theme once.
 */
struct repo_note {
	char *path;
	char *id;
	size_t first, nparticipants;  /* its participants: names[first...] by number */
};

/* A note's id, beside its path, for finding notes by id. */
struct id_path {
	const char *id;
	const char *path;
};

struct lsp_repo {
	struct repo_note *notes;       /* in path order, once whole */
	size_t len, cap;
	struct id_path *ids;           /* the notes' ids, by id then path, once whole */
	const char **paths_by_id;      /* the same notes' paths, in that order */
	struct strmap names;           /* every name the notes hold, numbered */
	size_t (*counts)[LSP_REPO_ROLES];   /* by name's number */
	size_t ncounts;                /* room in counts */
	size_t *participants;          /* the notes' participants, as names' numbers */
	size_t nparticipants, participants_cap;
};

/* How many notes a message of a scan holds at most: what is held to send them stays small. */
#define NOTES_A_MESSAGE 256

/* A scan under way: the notes not sent yet, and where they go. */
struct scan {
	json_t *notes;
	lsp_repo_send_fn *send;
	void *ctx;
	int failed;
};

/* Sends {"start": true} or the notes not sent yet, with `end` when they are the last. */
static int S_send(struct scan *scan, const char *key, int end)
{
	json_t *message = json_pack("{s:b}", key, 1);
	if (strcmp(key, "notes") == 0) {
		json_object_set_new(message, key, scan->notes);
		scan->notes = json_array();
	}
	if (end)
		json_object_set_new(message, "end", json_true());
	if (!scan->failed && scan->send(scan->ctx, message) < 0)
		scan->failed = 1;
	json_decref(message);
	return scan->failed ? -1 : 0;
}

static void S_start(void *ctx)
{
	S_send(ctx, "start", 0);
}

static int S_add_note(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	struct scan *scan = ctx;
	json_t *participants = json_array(), *themes = json_array();
	(void)corpus;
	for (size_t p = 0; note->shown.named && p < note->nparticipants; p++)
		json_array_append_new(participants, json_string(note->participants[p]));
	for (size_t m = 0; m < note->nmentions; m++) {
		const char *theme = note->mentions[m].theme;
		size_t seen = 0;
		while (seen < m && note->mentions[seen].theme != theme)
			seen++;   /* names are kept once: the same theme is the same pointer */
		if (seen == m)
			json_array_append_new(themes, json_string(theme));
	}
	json_array_append_new(scan->notes, json_pack("[s, s, s?, o, o]", note->path, note->id,
						     note->shown.organizer, participants, themes));
	return json_array_size(scan->notes) < NOTES_A_MESSAGE ? 0 : S_send(scan, "notes", 0);
}

int lsp_repo_scan(struct workspace *ws, lsp_repo_send_fn *send, void *ctx)
{
	struct corpus shared;
	struct scan scan = { json_array(), send, ctx, 0 };
	int r = workspace_each_note(&shared, ws, S_start, S_add_note, &scan);
	corpus_release(&shared);
	if (r == 0)
		r = S_send(&scan, "notes", 1);
	json_decref(scan.notes);
	return r;
}

static int S_compare_ids(const void *a, const void *b)
{
	const struct id_path *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->path, y->path);
}

static int S_compare_paths(const void *a, const void *b)
{
	return strcmp(((const struct repo_note *)a)->path, ((const struct repo_note *)b)->path);
}

/* Name `name` counted once more in `role`: its number. */
static size_t S_count(struct lsp_repo *repo, const char *name, enum lsp_repo_role role)
{
	int added;
	size_t n = strmap_add(&repo->names, name, &added);
	if (added) {
		XGROW(repo->counts, repo->ncounts, n + 1);
		memset(repo->counts[n], 0, sizeof(repo->counts[n]));
	}
	repo->counts[n][role]++;
	return n;
}

/* A note of the scan into repo: 0, or -1 when it is not one. */
static int S_read_note(struct lsp_repo *repo, const json_t *item)
{
	const char *path, *id;
	json_t *organizer, *participants, *themes, *name;
	size_t i;
	if (json_unpack((json_t *)item, "[s, s, o, o, o]", &path, &id, &organizer, &participants,
			&themes) < 0 || !json_is_array(participants) || !json_is_array(themes))
		return -1;
	XGROW(repo->notes, repo->cap, repo->len + 1);
	struct repo_note *note = &repo->notes[repo->len++];
	*note = (struct repo_note){ xstrdup(path), xstrdup(id), repo->nparticipants, 0 };
	if (json_is_string(organizer))
		S_count(repo, json_string_value(organizer), LSP_REPO_ORGANIZER);
	json_array_foreach(themes, i, name)
		if (json_is_string(name))
			S_count(repo, json_string_value(name), LSP_REPO_THEME);
	XGROW(repo->participants, repo->participants_cap,
	      repo->nparticipants + json_array_size(participants) + 1);
	json_array_foreach(participants, i, name) {
		size_t n = json_is_string(name) ? strmap_find(&repo->names, json_string_value(name))
			: STRMAP_NONE, seen = note->first;
		while (n != STRMAP_NONE && seen < repo->nparticipants && repo->participants[seen] != n)
			seen++;   /* a note names someone once, however often it lists them */
		if (json_is_string(name) && (n == STRMAP_NONE || seen == repo->nparticipants))
			repo->participants[repo->nparticipants++] =
				S_count(repo, json_string_value(name), LSP_REPO_PARTICIPANT);
	}
	note->nparticipants = repo->nparticipants - note->first;
	return 0;
}

/* The notes all taken: in path order, and found by id. */
static void S_whole(struct lsp_repo *repo)
{
	/* The scan hands them over the last path first. */
	if (repo->len)
		qsort(repo->notes, repo->len, sizeof(*repo->notes), S_compare_paths);
	repo->ids = xcalloc(repo->len + 1, sizeof(*repo->ids));
	repo->paths_by_id = xcalloc(repo->len + 1, sizeof(*repo->paths_by_id));
	for (size_t i = 0; i < repo->len; i++)
		repo->ids[i] = (struct id_path){ repo->notes[i].id, repo->notes[i].path };
	qsort(repo->ids, repo->len, sizeof(*repo->ids), S_compare_ids);
	for (size_t i = 0; i < repo->len; i++)
		repo->paths_by_id[i] = repo->ids[i].path;
}

/* Lets go of what repo holds: it is empty again. */
static void S_release(struct lsp_repo *repo)
{
	for (size_t i = 0; i < repo->len; i++) {
		free(repo->notes[i].path);
		free(repo->notes[i].id);
	}
	free(repo->notes);
	free(repo->ids);
	free(repo->paths_by_id);
	strmap_release(&repo->names);
	free(repo->counts);
	free(repo->participants);
	*repo = (struct lsp_repo){ .names = STRMAP_INIT };
}

struct lsp_repo *lsp_repo_new(void)
{
	struct lsp_repo *repo = xcalloc(1, sizeof(*repo));
	repo->names = (struct strmap)STRMAP_INIT;
	return repo;
}

int lsp_repo_take(struct lsp_repo *repo, const json_t *message)
{
	json_t *start = json_object_get(message, "start"), *notes = json_object_get(message, "notes");
	json_t *end = json_object_get(message, "end"), *item;
	size_t i;
	if (!json_is_object(message) || (!start && !notes && !end) || (notes && !json_is_array(notes)))
		return -1;
	if (json_is_true(start) || repo->ids)
		S_release(repo);
	json_array_foreach(notes, i, item)
		if (S_read_note(repo, item) < 0)
			return -1;
	if (!json_is_true(end))
		return 0;
	S_whole(repo);
	return 1;
}

void lsp_repo_free(struct lsp_repo *repo)
{
	if (!repo)
		return;
	S_release(repo);
	free(repo);
}

size_t lsp_repo_notes(const struct lsp_repo *repo)
{
	return repo ? repo->len : 0;
}

size_t lsp_repo_paths_with_id(const struct lsp_repo *repo, const char *id,
			      const char *const **paths)
{
	size_t len = repo && repo->ids ? repo->len : 0, lo = 0, hi = len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(repo->ids[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < len && strcmp(repo->ids[end].id, id) == 0)
		end++;
	*paths = len ? repo->paths_by_id + lo : NULL;
	return end - lo;
}

size_t lsp_repo_count(const struct lsp_repo *repo, enum lsp_repo_role role, const char *name)
{
	size_t n = repo ? strmap_find(&repo->names, name) : STRMAP_NONE;
	return n == STRMAP_NONE ? 0 : repo->counts[n][role];
}

const char *lsp_repo_name(const struct lsp_repo *repo, size_t n, const size_t **counts)
{
	if (!repo || n >= repo->names.len)
		return NULL;
	*counts = repo->counts[n];
	return strmap_key(&repo->names, n);
}

size_t lsp_repo_notes_with(const struct lsp_repo *repo, const char *participant,
			   const char ***paths)
{
	size_t who = repo ? strmap_find(&repo->names, participant) : STRMAP_NONE, n = 0;
	*paths = NULL;
	if (who == STRMAP_NONE || !repo->counts[who][LSP_REPO_PARTICIPANT])
		return 0;
	*paths = xcalloc(repo->counts[who][LSP_REPO_PARTICIPANT], sizeof(**paths));
	for (size_t i = 0; i < repo->len; i++) {
		const struct repo_note *note = &repo->notes[i];
		for (size_t p = 0; p < note->nparticipants; p++)
			if (repo->participants[note->first + p] == who) {
				(*paths)[n++] = note->path;
				break;
			}
	}
	return n;
}
