#include "progress_bar.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

struct progress {
	const char *label;
	double started;
	double last_drawn;
	int shown;
};

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct progress *S_start(const char *label)
{
	if (!isatty(STDERR_FILENO))
		return NULL;
	struct progress *p = xcalloc(1, sizeof(*p));
	p->label = label;
	p->started = S_now();
	return p;
}

static void S_update(struct progress *p, size_t done, size_t total)
{
	double now = S_now();
	if (now - p->started < 1.0 || now - p->last_drawn < 0.1)
		return;
	enum { WIDTH = 30 };
	size_t filled = total ? done * WIDTH / total : 0;
	if (!total) {
		fprintf(stderr, "\r%s: %zu", p->label, done);
		fflush(stderr);
		p->last_drawn = now;
		p->shown = 1;
		return;
	}
	fprintf(stderr, "\r%s [", p->label);
	for (size_t i = 0; i < WIDTH; i++)
		fputc(i < filled ? '#' : ' ', stderr);
	fprintf(stderr, "] %zu/%zu", done, total);
	fflush(stderr);
	p->last_drawn = now;
	p->shown = 1;
}

static void S_stop(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	free(p);
}

const struct progress_display progress_bar = { S_start, S_update, S_stop };
