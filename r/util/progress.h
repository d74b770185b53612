#ifndef PERENNIAL_PROGRESS_H
#define PERENNIAL_PROGRESS_H

#include <stddef.h>

/*
 * Progress of long work (reading a history, indexing ten thousand notes).
 * Modules say how far they are; whether and how that shows is the
 * command's choice, handed in once as a display: modules never print.
 * With no display set, progress_start returns NULL and nothing shows.
 */
struct progress;

struct progress_display {
	/* A new piece of work called `label`; its state, passed back below. */
	struct progress *(*start)(const char *label);
	/* `done` of `total`; the total may change as work is found, 0 is not known yet. */
	void (*update)(struct progress *progress, size_t done, size_t total);
	/* The work is over: clears what was shown and frees progress. */
	void (*stop)(struct progress *progress);
};

/* What shows progress from now on, for the whole process; NULL for nothing. */
void progress_set_display(const struct progress_display *display);

/* Returns NULL (a valid, silent progress) when nothing shows progress. */
struct progress *progress_start(const char *label);

void progress_update(struct progress *progress, size_t done, size_t total);

/* Ends the work; takes NULL. */
void progress_stop(struct progress *progress);

#endif
