#include "lsp_scan.h"

#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "strmap.h"
#include "workspace.h"
#include "xalloc.h"

/*
 * A scan as JSON messages: {"start": true}, then {"notes": [NOTE, ...]},
 * the last with "end": true; a NOTE is [path, id, organizer or null,
 * [participant, ...], [theme, ...]], each theme once, and no participant
 * of a private note (a private note's path and id are sent: the id rule
 * names them, as check does).
 */
struct scanned_note {
	char *path;
	char *id;
	size_t first, nparticipants;  /* its participants: participants[first...] */
};

/* A note's id, beside its path, for finding notes by id. */
struct id_path {
	const char *id;
	const char *path;
};

struct lsp_scan {
	int started;                   /* a start was taken */
	struct scanned_note *notes;    /* in path order, once whole */
	size_t len, cap;
	struct id_path *ids;           /* the notes' ids, by id then path, once whole */
	const char **paths_by_id;      /* the same notes' paths, in that order */
	struct strmap names;           /* every name the notes hold, numbered */
	size_t (*counts)[LSP_SCAN_ROLES];   /* by name's number */
	size_t ncounts;                /* room in counts */
	size_t *participants;          /* the notes' participants, as names' numbers */
	size_t nparticipants, participants_cap;
};

/* How many notes a message holds at most: what is held to send them stays small. */
#define NOTES_A_MESSAGE 256

/* A scan being sent: the notes not sent yet, and where they go. */
struct sending {
	json_t *notes;
	lsp_scan_send_fn *send;
	void *ctx;
	int failed;
};

/* Hands `message` over (taking it): 0, or -1 once sending failed. */
static int S_hand_over(struct sending *out, json_t *message)
{
	if (!out->failed && out->send(out->ctx, message) < 0)
		out->failed = 1;
	json_decref(message);
	return out->failed ? -1 : 0;
}

/* The notes not sent yet, with "end" when they are the last. */
static int S_send_notes(struct sending *out, int end)
{
	json_t *message = json_pack("{s:o}", "notes", out->notes);
	out->notes = json_array();
	if (end)
		json_object_set_new(message, "end", json_true());
	return S_hand_over(out, message);
}

/* What was sent before is to be forgotten (corpus.h's `start`). */
static void S_send_start(void *ctx)
{
	S_hand_over(ctx, json_pack("{s:b}", "start", 1));
}

static int S_add_note(void *ctx, struct corpus *corpus, struct corpus_note *note)
{
	struct sending *out = ctx;
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
	json_array_append_new(out->notes, json_pack("[s, s, s?, o, o]", note->path, note->id,
						    note->shown.organizer, participants, themes));
	return json_array_size(out->notes) < NOTES_A_MESSAGE ? 0 : S_send_notes(out, 0);
}

int lsp_scan_run(struct workspace *ws, lsp_scan_send_fn *send, void *ctx)
{
	struct corpus shared;
	struct sending out = { json_array(), send, ctx, 0 };
	int r = workspace_each_note(&shared, ws, S_send_start, S_add_note, &out);
	corpus_release(&shared);
	if (r == 0)
		r = S_send_notes(&out, 1);
	json_decref(out.notes);
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
	return strcmp(((const struct scanned_note *)a)->path, ((const struct scanned_note *)b)->path);
}

/* Name `name` counted once more in `role`: its number. */
static size_t S_count(struct lsp_scan *scan, const char *name, enum lsp_scan_role role)
{
	int added;
	size_t n = strmap_add(&scan->names, name, &added);
	if (added) {
		XGROW(scan->counts, scan->ncounts, n + 1);
		memset(scan->counts[n], 0, sizeof(scan->counts[n]));
	}
	scan->counts[n][role]++;
	return n;
}

/* A note of a message into scan: 0, or -1 when it is not one. */
static int S_read_note(struct lsp_scan *scan, const json_t *item)
{
	const char *path, *id;
	json_t *organizer, *participants, *themes, *name;
	size_t i;
	if (json_unpack((json_t *)item, "[s, s, o, o, o]", &path, &id, &organizer, &participants,
			&themes) < 0 || !json_is_array(participants) || !json_is_array(themes))
		return -1;
	XGROW(scan->notes, scan->cap, scan->len + 1);
	struct scanned_note *note = &scan->notes[scan->len++];
	*note = (struct scanned_note){ xstrdup(path), xstrdup(id), scan->nparticipants, 0 };
	if (json_is_string(organizer))
		S_count(scan, json_string_value(organizer), LSP_SCAN_ORGANIZER);
	json_array_foreach(themes, i, name)
		if (json_is_string(name))
			S_count(scan, json_string_value(name), LSP_SCAN_THEME);
	XGROW(scan->participants, scan->participants_cap,
	      scan->nparticipants + json_array_size(participants) + 1);
	json_array_foreach(participants, i, name) {
		size_t n = json_is_string(name) ? strmap_find(&scan->names, json_string_value(name))
			: STRMAP_NONE, seen = note->first;
		while (n != STRMAP_NONE && seen < scan->nparticipants && scan->participants[seen] != n)
			seen++;   /* a note names someone once, however often it lists them */
		if (json_is_string(name) && (n == STRMAP_NONE || seen == scan->nparticipants))
			scan->participants[scan->nparticipants++] =
				S_count(scan, json_string_value(name), LSP_SCAN_PARTICIPANT);
	}
	note->nparticipants = scan->nparticipants - note->first;
	return 0;
}

/* The notes all taken: in path order, and found by id. */
static void S_whole(struct lsp_scan *scan)
{
	/* The scan hands them over the last path first. */
	if (scan->len)
		qsort(scan->notes, scan->len, sizeof(*scan->notes), S_compare_paths);
	scan->ids = xcalloc(scan->len + 1, sizeof(*scan->ids));
	scan->paths_by_id = xcalloc(scan->len + 1, sizeof(*scan->paths_by_id));
	for (size_t i = 0; i < scan->len; i++)
		scan->ids[i] = (struct id_path){ scan->notes[i].id, scan->notes[i].path };
	qsort(scan->ids, scan->len, sizeof(*scan->ids), S_compare_ids);
	for (size_t i = 0; i < scan->len; i++)
		scan->paths_by_id[i] = scan->ids[i].path;
}

/* Lets go of what scan holds: it is new again. */
static void S_release(struct lsp_scan *scan)
{
	for (size_t i = 0; i < scan->len; i++) {
		free(scan->notes[i].path);
		free(scan->notes[i].id);
	}
	free(scan->notes);
	free(scan->ids);
	free(scan->paths_by_id);
	strmap_release(&scan->names);
	free(scan->counts);
	free(scan->participants);
	*scan = (struct lsp_scan){ .names = STRMAP_INIT };
}

struct lsp_scan *lsp_scan_new(void)
{
	struct lsp_scan *scan = xcalloc(1, sizeof(*scan));
	scan->names = (struct strmap)STRMAP_INIT;
	return scan;
}

int lsp_scan_take(struct lsp_scan *scan, const json_t *message)
{
	json_t *start = json_object_get(message, "start"), *notes = json_object_get(message, "notes");
	json_t *end = json_object_get(message, "end"), *item;
	size_t i;
	if (!json_is_object(message) || (!start && !notes && !end) ||
	    (notes && !json_is_array(notes)))
		return -1;
	if (json_is_true(start) || scan->ids)
		S_release(scan);
	/* The tail of a scan whose start was not taken is not the notes. */
	if (!json_is_true(start) && !scan->started)
		return -1;
	scan->started = 1;
	json_array_foreach(notes, i, item)
		if (S_read_note(scan, item) < 0)
			return -1;
	if (!json_is_true(end))
		return 0;
	S_whole(scan);
	return 1;
}

void lsp_scan_free(struct lsp_scan *scan)
{
	if (!scan)
		return;
	S_release(scan);
	free(scan);
}

size_t lsp_scan_notes(const struct lsp_scan *scan)
{
	return scan ? scan->len : 0;
}

size_t lsp_scan_paths_with_id(const struct lsp_scan *scan, const char *id,
			      const char *const **paths)
{
	size_t len = scan && scan->ids ? scan->len : 0, lo = 0, hi = len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(scan->ids[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < len && strcmp(scan->ids[end].id, id) == 0)
		end++;
	*paths = len ? scan->paths_by_id + lo : NULL;
	return end - lo;
}

size_t lsp_scan_count(const struct lsp_scan *scan, enum lsp_scan_role role, const char *name)
{
	size_t n = scan ? strmap_find(&scan->names, name) : STRMAP_NONE;
	return n == STRMAP_NONE ? 0 : scan->counts[n][role];
}

const char *lsp_scan_name(const struct lsp_scan *scan, size_t n, const size_t **counts)
{
	if (!scan || n >= scan->names.len)
		return NULL;
	*counts = scan->counts[n];
	return strmap_key(&scan->names, n);
}

size_t lsp_scan_notes_with(const struct lsp_scan *scan, const char *participant,
			   const char ***paths)
{
	size_t who = scan ? strmap_find(&scan->names, participant) : STRMAP_NONE, n = 0;
	*paths = NULL;
	if (who == STRMAP_NONE || !scan->counts[who][LSP_SCAN_PARTICIPANT])
		return 0;
	*paths = xcalloc(scan->counts[who][LSP_SCAN_PARTICIPANT], sizeof(**paths));
	for (size_t i = 0; i < scan->len; i++) {
		const struct scanned_note *note = &scan->notes[i];
		for (size_t p = 0; p < note->nparticipants; p++)
			if (scan->participants[note->first + p] == who) {
				(*paths)[n++] = note->path;
				break;
			}
	}
	return n;
}
