/*
 * A report template and the data it is rendered over: the bytes up to the
 * first NUL are the template, those after it a JSON document, whose
 * "partials" object (name: text), when it has one, gives the partials.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mustache.h"
#include "strbuf.h"
#include "xalloc.h"

static char *S_load_partial(void *ctx, const char *name, size_t *len)
{
	const json_t *text = json_object_get(json_object_get(ctx, "partials"), name);

	if (!json_is_string(text))
		return NULL;
	*len = json_string_length(text);
	return xstrndup(json_string_value(text), *len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t split = fuzz_split(data, size);
	json_t *json = NULL;
	struct mustache *tmpl = NULL;
	struct mustache_error err = MUSTACHE_ERROR_INIT;
	struct strbuf out = STRBUF_INIT;

	if (split < size)
		json = json_loadb((const char *)data + split + 1, size - split - 1,
				  JSON_DECODE_ANY, NULL);
	if (mustache_compile(&tmpl, "fuzz", (const char *)data, split, &err) == 0) {
		struct mustache_partials partials = { S_load_partial, json };

		if (mustache_render(&out, tmpl, json, &partials, NULL, &err) != 0 &&
		    (!err.message || out.len))
			abort();   /* a render that fails says why and writes nothing */
		if (out.len > MUSTACHE_MAX_OUTPUT)
			abort();
	} else if (tmpl || !err.message) {
		abort();
	}
	mustache_free(tmpl);
	mustache_error_release(&err);
	strbuf_release(&out);
	json_decref(json);
	return 0;
}
