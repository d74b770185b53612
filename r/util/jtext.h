#ifndef PERENNIAL_JTEXT_H
#define PERENNIAL_JTEXT_H

#include <jansson.h>

/*
 * A JSON string of s (JSON null for NULL), new reference: s itself when
 * it is valid UTF-8, so the data stays exact, else its printable form
 * (utf8_append_printable), as jansson refuses invalid UTF-8. Note content
 * goes into JSON through here.
 */
json_t *jtext_new(const char *s);

#endif
