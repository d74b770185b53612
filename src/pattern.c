#include "pattern.h"

#include <stdint.h>
#include <stdlib.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "xalloc.h"

struct pattern {
	char *text;
	pcre2_code *code;
};

/* One budget's: the whole match's range, and the limits of each try. */
struct pattern_scratch {
	pcre2_match_data *match;
	pcre2_match_context *context;
};

/* What each search gets for nothing, and the most one may take: see pattern.h. */
#define FREE_STEPS 1000
#define MATCH_LIMIT 1024000
#define DEPTH_LIMIT 10000

int pattern_compile(struct pattern **out, const char *expr,
		    char **error, size_t *error_offset)
{
	int code;
	PCRE2_SIZE offset;
	PCRE2_UCHAR message[256];

	*out = NULL;
	pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)expr, PCRE2_ZERO_TERMINATED,
					     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP | PCRE2_CASELESS |
					     PCRE2_NEVER_BACKSLASH_C,
					     &code, &offset, NULL);
	if (!compiled) {
		if (pcre2_get_error_message(code, message, sizeof(message)) < 0)
			*error = xstrdup("invalid pattern");
		else
			*error = xstrdup((const char *)message);
		*error_offset = offset;
		return -1;
	}
	/* Without JIT support pcre2_match interprets the pattern: slower, same result. */
	pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE);

	struct pattern *pattern = xmalloc(sizeof(*pattern));
	pattern->text = xstrdup(expr);
	pattern->code = compiled;
	*out = pattern;
	return 0;
}

static struct pattern_scratch *S_scratch(struct pattern_budget *budget)
{
	if (budget->scratch)
		return budget->scratch;
	struct pattern_scratch *scratch = xmalloc(sizeof(*scratch));
	scratch->match = pcre2_match_data_create(1, NULL);
	scratch->context = pcre2_match_context_create(NULL);
	if (!scratch->match || !scratch->context)
		xalloc_die(sizeof(*scratch));
	pcre2_set_depth_limit(scratch->context, DEPTH_LIMIT);
	return budget->scratch = scratch;
}

void pattern_budget_release(struct pattern_budget *budget)
{
	if (!budget->scratch)
		return;
	pcre2_match_data_free(budget->scratch->match);
	pcre2_match_context_free(budget->scratch->context);
	free(budget->scratch);
	budget->scratch = NULL;
}

int pattern_match(const struct pattern *pattern, struct pattern_budget *budget,
		  const char *subject, size_t len, size_t start,
		  size_t *match_start, size_t *match_end)
{
	if (start > len)
		return 0;
	struct pattern_scratch *scratch = S_scratch(budget);
	for (uint32_t limit = FREE_STEPS;; limit *= 4) {
		pcre2_set_match_limit(scratch->context, limit);
		int rc = pcre2_match(pattern->code, (PCRE2_SPTR)subject, len, start, 0,
				     scratch->match, scratch->context);
		/* 0: a match with more groups than the scratch keeps; only the whole counts. */
		if (rc >= 0) {
			PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(scratch->match);
			*match_start = ovector[0];
			*match_end = ovector[1];
			return 1;
		}
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		/* Out of steps: another try costs the whole of its larger limit. */
		if (rc != PCRE2_ERROR_MATCHLIMIT || limit * 4 > MATCH_LIMIT || budget->left < limit * 4)
			break;
		budget->left -= limit * 4;
	}
	if (!budget->gave_up) {
		budget->gave_up = pattern;
		budget->gave_up_at = start;
	}
	return -1;
}

const char *pattern_text(const struct pattern *pattern)
{
	return pattern->text;
}

void pattern_free(struct pattern *pattern)
{
	if (!pattern)
		return;
	pcre2_code_free(pattern->code);
	free(pattern->text);
	free(pattern);
}
