#include "step_match.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MAX_WORDS 16      /* words of a step that count for similarity */
#define WINDOW 8          /* leftover steps compared on either side */
#define MIN_TYPO_WORD 3   /* shorter words must match exactly */

/* --- Similarity: round two --- */

struct S_word {
	const char *s;
	size_t len;
};

/* The first MAX_WORDS words of a key, sorted. */
struct S_words {
	struct S_word w[MAX_WORDS];
	size_t n;
};

static int S_compare_words(const void *a, const void *b)
{
	const struct S_word *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void S_split(struct S_words *out, const char *key)
{
	out->n = 0;
	for (const char *p = key; *p && out->n < MAX_WORDS;) {
		while (*p == ' ')
			p++;
		const char *end = p;
		while (*end && *end != ' ')
			end++;
		if (end > p)
			out->w[out->n++] = (struct S_word){ p, (size_t)(end - p) };
		p = end;
	}
	if (out->n > 1)
		qsort(out->w, out->n, sizeof(*out->w), S_compare_words);
}

/* Two different words one typo apart: a letter added, dropped, changed or swapped. */
static int S_one_typo(const struct S_word *a, const struct S_word *b)
{
	if (a->len < b->len)
		return S_one_typo(b, a);
	if (b->len < MIN_TYPO_WORD || a->len - b->len > 1)
		return 0;
	size_t i = 0;
	while (i < b->len && a->s[i] == b->s[i])
		i++;
	if (a->len > b->len)
		return memcmp(a->s + i + 1, b->s + i, b->len - i) == 0;
	if (i == a->len)
		return 0;
	if (memcmp(a->s + i + 1, b->s + i + 1, a->len - i - 1) == 0)
		return 1;
	return i + 1 < a->len && a->s[i] == b->s[i + 1] && a->s[i + 1] == b->s[i] &&
		memcmp(a->s + i + 2, b->s + i + 2, a->len - i - 2) == 0;
}

/* How many words a and b share, counting typos (each word counts once). */
static size_t S_shared(const struct S_words *a, const struct S_words *b)
{
	int used_a[MAX_WORDS] = { 0 }, used_b[MAX_WORDS] = { 0 };
	size_t shared = 0, i = 0, j = 0;

	while (i < a->n && j < b->n) {
		int c = S_compare_words(&a->w[i], &b->w[j]);
		if (c == 0) {
			used_a[i++] = used_b[j++] = 1;
			shared++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	for (i = 0; i < a->n; i++) {
		for (j = 0; !used_a[i] && j < b->n; j++) {
			if (!used_b[j] && S_one_typo(&a->w[i], &b->w[j])) {
				used_a[i] = used_b[j] = 1;
				shared++;
			}
		}
	}
	return shared;
}

static int S_owners_agree(const char *a, const char *b)
{
	return !a || !b || strcmp(a, b) == 0;
}

/* Similarity in [0, 1]; 0 when the steps cannot be one step. */
static double S_similarity(const struct S_words *a, const char *owner_a,
			   const struct S_words *b, const char *owner_b)
{
	if (!S_owners_agree(owner_a, owner_b) || a->n + b->n == 0)
		return 0;
	size_t shared = S_shared(a, b);
	/* More than half: 2 * shared / (a->n + b->n) > 1/2. */
	if (4 * shared <= a->n + b->n)
		return 0;
	return 2.0 * (double)shared / (double)(a->n + b->n);
}

/* --- Round one: same keys --- */

struct S_ranked {
	const char *key;
	size_t index;
};

static int S_compare_ranked(const void *a, const void *b)
{
	const struct S_ranked *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The steps by key, then in document order. */
static struct S_ranked *S_rank(const struct step_match_step *steps, size_t n)
{
	struct S_ranked *r = xmalloc((n ? n : 1) * sizeof(*r));
	for (size_t i = 0; i < n; i++)
		r[i] = (struct S_ranked){ steps[i].key ? steps[i].key : "", i };
	qsort(r, n, sizeof(*r), S_compare_ranked);
	return r;
}

/*
 * Pairs identical steps, in order: first those in the same state (so a
 * copy added above a done step does not untick it and tick the copy),
 * then the rest. Linear in the run's length.
 */
static void S_pair_run(size_t *out, int *taken, const struct step_match_step *old,
		       const struct step_match_step *new, const struct S_ranked *ro, size_t no,
		       const struct S_ranked *rn, size_t nn)
{
	for (int pass = 0; pass < 3; pass++) {
		/* Passes 0 and 1: open with open, done with done; pass 2: the rest. */
		size_t i = 0, j = 0;
		for (;;) {
			while (i < no && (taken[ro[i].index] ||
					  (pass < 2 && (old[ro[i].index].done != 0) != pass)))
				i++;
			while (j < nn && (out[rn[j].index] != STEP_MATCH_NONE ||
					  (pass < 2 && (new[rn[j].index].done != 0) != pass)))
				j++;
			if (i == no || j == nn)
				break;
			out[rn[j].index] = ro[i].index;
			taken[ro[i].index] = 1;
		}
	}
}

/* Round one: sorts both sides by key, O(n log n). */
static void S_same_keys(size_t *out, int *taken, const struct step_match_step *old, size_t nold,
			const struct step_match_step *new, size_t nnew)
{
	struct S_ranked *ro = S_rank(old, nold), *rn = S_rank(new, nnew);

	for (size_t i = 0, j = 0; i < nold && j < nnew;) {
		int c = strcmp(ro[i].key, rn[j].key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			/* A run of one key on each side, in document order. */
			size_t ie = i, je = j;
			while (ie < nold && strcmp(ro[ie].key, ro[i].key) == 0)
				ie++;
			while (je < nnew && strcmp(rn[je].key, rn[j].key) == 0)
				je++;
			S_pair_run(out, taken, old, new, ro + i, ie - i, rn + j, je - j);
			i = ie;
			j = je;
		}
	}
	free(ro);
	free(rn);
}

/* --- Round two: the leftovers --- */

/* The first of the n ascending values that is at least v (n if none). */
static size_t S_first_at_or_after(const size_t *values, size_t n, size_t v)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (values[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Compares each leftover new step with at most 2 * WINDOW + 1 leftover old
 * ones, those nearest its place in the note.
 */
static void S_similar(size_t *out, int *taken, const struct step_match_step *old, size_t nold,
		      const struct step_match_step *new, size_t nnew)
{
	size_t *lo = xmalloc((nold ? nold : 1) * sizeof(*lo));
	size_t nlo = 0;
	for (size_t i = 0; i < nold; i++)
		if (!taken[i])
			lo[nlo++] = i;
	/* The old leftovers' words, split when first compared: up to 17 times each. */
	struct S_words *wo = xmalloc((nlo ? nlo : 1) * sizeof(*wo)), wn;
	unsigned char *split = xcalloc(nlo ? nlo : 1, 1);

	for (size_t j = 0; nlo && j < nnew; j++) {
		if (out[j] != STEP_MATCH_NONE)
			continue;
		S_split(&wn, new[j].key ? new[j].key : "");
		/* The leftover old step nearest the same place in the note, scaled to its length. */
		size_t place = (size_t)((double)j * (double)nold / (double)nnew);
		size_t center = S_first_at_or_after(lo, nlo, place);
		size_t from = center > WINDOW ? center - WINDOW : 0;
		size_t to = center + WINDOW + 1 < nlo ? center + WINDOW + 1 : nlo;
		if (nlo <= 2 * WINDOW + 1) {
			from = 0;
			to = nlo;
		}
		size_t best = STEP_MATCH_NONE;
		double best_score = 0;
		for (size_t k = from; k < to; k++) {
			if (taken[lo[k]])
				continue;
			if (!split[k]) {
				S_split(&wo[k], old[lo[k]].key ? old[lo[k]].key : "");
				split[k] = 1;
			}
			double s = S_similarity(&wo[k], old[lo[k]].owner, &wn, new[j].owner);
			if (s > best_score) {
				best_score = s;
				best = lo[k];
			}
		}
		if (best != STEP_MATCH_NONE) {
			out[j] = best;
			taken[best] = 1;
		}
	}
	free(split);
	free(wo);
	free(lo);
}

void step_match(size_t *out, const struct step_match_step *old, size_t nold,
		const struct step_match_step *new, size_t nnew)
{
	for (size_t j = 0; j < nnew; j++)
		out[j] = STEP_MATCH_NONE;
	if (!nold || !nnew)
		return;
	int *taken = xcalloc(nold, sizeof(*taken));
	S_same_keys(out, taken, old, nold, new, nnew);
	S_similar(out, taken, old, nold, new, nnew);
	free(taken);
}

void step_match_steps_free(struct step_match_step *steps, size_t n)
{
	if (!steps)
		return;
	for (size_t i = 0; i < n; i++) {
		/* What index_blob_steps made: the copies are its own. */
		free((char *)steps[i].key);
		free((char *)steps[i].owner);
	}
	free(steps);
}
