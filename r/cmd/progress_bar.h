#ifndef PERENNIAL_PROGRESS_BAR_H
#define PERENNIAL_PROGRESS_BAR_H

#include "progress.h"

/*
 * A progress bar on stderr for work that takes more than about a second.
 * It shows only when stderr is a terminal, and only once a second has
 * passed, so quick runs and pipes never see it.
 */
extern const struct progress_display progress_bar;

#endif
