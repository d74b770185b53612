#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static void S_report(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "perennial: %s: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	S_report("error", fmt, ap);
	va_end(ap);
	return -1;
}
