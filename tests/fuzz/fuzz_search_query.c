/* What a person types to `perennial search`, as the index's query. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "search_query.h"
#include "strbuf.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *query = xstrndup((const char *)data, size);   /* a command-line word: up to a NUL */
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;

	if (search_query_parse(&out, query, &why) == 0 && why.len)
		abort();   /* a query read has nothing wrong with it */
	strbuf_release(&out);
	strbuf_release(&why);
	free(query);
	return 0;
}
