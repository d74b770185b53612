#!/bin/sh
# Sums the "PASSED FAILED [what]" lines that run-suite.sh wrote and prints the
# closing line. Exits non-zero when anything failed.
counts=$1
awk '
	{ passed += $1; failed += $2; if ($2 > 0 && NF > 2) { $1 = $2 = ""; sub(/^ +/, ""); print "failed: " $0 } }
	END { printf "%d passed, %d failed\n", passed, failed; exit failed > 0 || NR == 0 }
' "$counts"
