#include "progress.h"

static const struct progress_display *S_display;

void progress_set_display(const struct progress_display *display)
{
	S_display = display;
}

struct progress *progress_start(const char *label)
{
	return S_display ? S_display->start(label) : NULL;
}

void progress_update(struct progress *progress, size_t done, size_t total)
{
	if (progress && S_display)
		S_display->update(progress, done, total);
}

void progress_stop(struct progress *progress)
{
	if (progress && S_display)
		S_display->stop(progress);
}
