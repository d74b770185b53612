#include "spark.h"

#include "strbuf.h"

void spark_line(struct strbuf *out, const size_t *counts, size_t n)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▅", "▇" };
	const size_t levels = sizeof(bars) / sizeof(*bars);
	size_t max = 0;

	for (size_t i = 0; i < n; i++)
		if (counts[i] > max)
			max = counts[i];
	for (size_t i = 0; i < n; i++) {
		if (!counts[i]) {
			strbuf_addstr(out, "·");
			continue;
		}
		/* 1..max onto 1..levels, rounding up so that any count shows a bar. */
		size_t level = (counts[i] * levels + max - 1) / max;
		strbuf_addstr(out, bars[level - 1]);
	}
}
