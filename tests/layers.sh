#!/bin/sh
# The architecture's rules that a grep can hold (DESIGN.md, "Architecture"):
#   - below src/cmd/ nothing writes to a stream: no printf, puts, perror,
#     no stdout or stderr, no printing error(); only the output modules
#     (they print what they are handed to the FILE they are given) may;
#   - each library is included by its one module.
# usage: layers.sh [COUNTS [LABEL]]; appends "PASSED FAILED what" to COUNTS.
cd "$(dirname "$0")/.." || exit 2
counts=${1:-/dev/null}
label=${2:-plain}
suite=layers
. tests/checks.sh

# Output modules print; xalloc.c says "out of memory" on its way to abort().
output_modules='src/diag_print.c src/diag_ci.c src/table.c src/themes_print.c'
below_cmd=$(ls src/*.c src/util/*.c | grep -v -x -F "$(printf '%s\n' $output_modules)")
prints=$(grep -n -E '(^|[^_[:alnum:].>])(v?printf|puts|putchar|perror|error)\(|\b(stdout|stderr)\b' \
	$below_cmd /dev/null | grep -v '^src/util/xalloc.c:.*out of memory')
check "nothing below src/cmd/ prints" "$prints"

for pair in git2.h:src/repo.c sqlite3.h:src/index.c yaml.h:src/frontmatter.c \
	    cmark.h:src/markdown.c pcre2.h:src/pattern.c; do
	header=${pair%%:*}
	owner=${pair#*:}
	others=$(grep -l -E "#include[[:space:]]*<$header>" src/*.c src/*.h src/*/*.c src/*/*.h |
		 grep -v -x "$owner")
	check "only $owner includes $header" "$others"
done

checks_end
