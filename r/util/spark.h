#ifndef PERENNIAL_SPARK_H
#define PERENNIAL_SPARK_H

#include <stddef.h>

struct strbuf;

/*
 * A text sparkline of counts, one character each: `·` for none, then
 * ▁▂▃▅▇ scaled to the largest count. It reads in a terminal, in a Markdown
 * table on a git host, and in a plain-text email alike.
 */
void spark_line(struct strbuf *out, const size_t *counts, size_t n);

#endif
