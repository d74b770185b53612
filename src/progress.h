#ifndef PERENNIAL_PROGRESS_H
#define PERENNIAL_PROGRESS_H

#include <stddef.h>

/*
 * A progress bar on stderr for work that takes more than about a second.
 * It shows only when stderr is a terminal, and only once a second has
 * passed, so quick runs and pipes never see it.
 */
struct progress;

/* Returns NULL (a valid, silent progress) when stderr is not a terminal. */
struct progress *progress_start(const char *label);

/*
 * `done` of `total` items; the total may change as work is found. A total
 * of 0 is not known yet: the count alone is shown.
 */
void progress_update(struct progress *progress, size_t done, size_t total);

/* Clears the bar and frees progress; takes NULL. */
void progress_stop(struct progress *progress);

#endif
