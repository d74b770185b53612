#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int S_separator(char c)
{
	return c == '-' || c == '_' || c == ' ' || c == '.';
}

/* Separators and case are the commonest slips: they cost half an edit. */
static int S_cost(char a, char b)
{
	if (a == b)
		return 0;
	if ((a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z')
		return 1;
	if (S_separator(a) && S_separator(b))
		return 1;
	return 2;
}

/* Optimal string alignment distance, in half edits, or `limit` + 1 past it. */
static int S_distance(const char *a, const char *b, int limit)
{
	size_t n = strlen(a), m = strlen(b);
	size_t diff = n > m ? n - m : m - n;
	if ((int)diff * 2 > limit)
		return limit + 1;
	/* A roster of thousands is read for every finding shown: ids fit on the stack. */
	int small[3 * 64];
	int *rows = m < 64 ? small : xmalloc(3 * (m + 1) * sizeof(int));
	int *prev2 = rows, *prev = rows + m + 1, *cur = rows + 2 * (m + 1);
	int d = limit + 1;
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j * 2;
	for (size_t i = 1; i <= n; i++) {
		int row_best;
		row_best = cur[0] = (int)i * 2;
		for (size_t j = 1; j <= m; j++) {
			int best = prev[j - 1] + S_cost(a[i - 1], b[j - 1]);
			if (prev[j] + 2 < best)
				best = prev[j] + 2;
			if (cur[j - 1] + 2 < best)
				best = cur[j - 1] + 2;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 2 < best)
				best = prev2[j - 2] + 2;
			cur[j] = best;
			if (best < row_best)
				row_best = best;
		}
		/* Two rows past the limit: no transposition brings it back. */
		if (row_best > limit && i > 1) {
			int before = prev[0];
			for (size_t j = 1; j <= m; j++)
				if (prev[j] < before)
					before = prev[j];
			if (before > limit)
				goto done;
		}
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[m];
done:
	if (rows != small)
		free(rows);
	return d > limit ? limit + 1 : d;
}

void suggest_init(struct suggestion *s, const char *word)
{
	size_t len = strlen(word);
	s->word = word;
	s->best = NULL;
	/* Up to one edit in short words, more in long ones, as git does. */
	s->limit = len <= 4 ? 2 : len <= 8 ? 4 : 6;
	s->distance = s->limit + 1;
}

void suggest_consider(struct suggestion *s, const char *candidate)
{
	size_t len = strlen(s->word);
	/* "lisa" for "lisa-t": a first name alone is a likely slip too. */
	int d = len && strncmp(candidate, s->word, len) == 0 && candidate[len] &&
		candidate[len] != ' ' && S_separator(candidate[len])
		? 1 : S_distance(s->word, candidate, s->limit);
	if (d < s->distance) {
		s->distance = d;
		s->best = candidate;
	}
}

const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t ncandidates)
{
	struct suggestion s;
	suggest_init(&s, word);
	for (size_t i = 0; i < ncandidates; i++)
		suggest_consider(&s, candidates[i]);
	return s.best;
}
