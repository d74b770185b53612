#ifndef PERENNIAL_SEARCH_QUERY_H
#define PERENNIAL_SEARCH_QUERY_H

struct strbuf;

/*
 * What a person types to `perennial search`, made into the query the
 * index runs (SQLite FTS5's syntax): words, "phrases", prefix*, AND, OR,
 * NOT (capitals), brackets, and title: or body: before a word, a phrase
 * or brackets. Every word and phrase goes to the index quoted, so that
 * what people type is searched as they mean it: maria-g and data-entry
 * are phrases, 10:30 and don't too; a word of marks alone (&, -) is left
 * out; `AND NOT` is NOT.
 *
 * Returns 0 with the query in `out`, or 1 when it cannot be read, with
 * what is wrong in `why`, in the words of the query and never the
 * index's: an operator with nothing on one side, a bracket or a double
 * quote not closed, a part of a note that is not title or body (with did
 * you mean), a * that is not at the end of a word, nothing to search for.
 */
int search_query_parse(struct strbuf *out, const char *query, struct strbuf *why);

#endif
