#include "jtext.h"

#include <string.h>

#include "strbuf.h"
#include "utf8.h"

json_t *jtext_new(const char *s)
{
	if (!s)
		return json_null();
	size_t len = strlen(s);
	if (utf8_invalid_offset(s, len) == len)
		return json_stringn_nocheck(s, len);
	struct strbuf sb = STRBUF_INIT;
	utf8_append_printable(&sb, s, len);
	json_t *value = json_stringn_nocheck(sb.buf, sb.len);
	strbuf_release(&sb);
	return value;
}
