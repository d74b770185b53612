#ifndef PERENNIAL_DIAG_CI_H
#define PERENNIAL_DIAG_CI_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct strbuf;

/*
 * Findings in the formats CI hosts read, for `check --format`:
 *
 *   github  a GitHub Actions workflow command a finding, which the runner
 *           shows as an annotation on the file:
 *           ::error file=PATH,line=L,col=C,endColumn=E,title=RULE::MESSAGE
 *           (E is the last column underlined; ::warning for a warning)
 *   sarif   a SARIF 2.1.0 log with one run: what code scanning takes
 *   gitlab  a GitLab Code Quality report: a JSON array of issues
 *
 * Hosts resolve a path from the top of the repository's work tree, not
 * from the notes root: `prefix` is the notes root from there ("" at the
 * top; workspace_top_prefix) and goes before each finding's root-relative
 * file. A hint follows its message on a line of its own, "help: ...", as
 * in the text output. Note content is made printable on the way out, as
 * diag_print does. Each returns 0, or -1 if the output could not be written.
 */
int diag_ci_print_github(FILE *out, const struct diag_list *list, const char *prefix);
int diag_ci_print_sarif(FILE *out, const struct diag_list *list, const char *prefix);
int diag_ci_print_gitlab(FILE *out, const struct diag_list *list, const char *prefix);

/*
 * Appends s[0..len) escaped as GitHub's runner unescapes a workflow
 * command: in the message (data) `%`, CR and LF become %25, %0D and %0A;
 * in a property's value `:` and `,` also become %3A and %2C.
 */
void diag_ci_escape_data(struct strbuf *sb, const char *s, size_t len);
void diag_ci_escape_property(struct strbuf *sb, const char *s, size_t len);

/*
 * What tells a finding from the others across runs (GitLab's fingerprint):
 * FNV-1a of its rule id, path and message, but not its line, so that it
 * keeps its identity when lines above it move. `occurrence` tells apart
 * findings alike in those three (0 for the first in the list, 1 for the
 * next, ...); 0 adds nothing to the hash.
 */
uint64_t diag_ci_fingerprint(const char *rule, const char *path, const char *message,
			     unsigned occurrence);

#endif
