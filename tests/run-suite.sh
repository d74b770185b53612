#!/bin/sh
# One pass of the test suite over the binaries in BUILD: every unit test
# program, the architecture's rules (layers.sh), the man pages,
# `make install` and the Debian package (tests/man/, tests/install/,
# tests/deb/), then the end-to-end cases.
# Appends "PASSED FAILED what" lines to COUNTS for summary.sh. Unit programs
# run side by side (PERENNIAL_JOBS at a time, default the number of cores);
# their report comes in name order. Usage: run-suite.sh BUILD COUNTS
build=$1
counts=${2:-/dev/null}
label=plain
case $build in *asan*) label=asan+ubsan ;; esac
jobs=${PERENNIAL_JOBS:-$(nproc 2>/dev/null || echo 2)}
status=0

# One unit program: `run-suite.sh --unit PROGRAM OUT` keeps its output and status.
if [ "$1" = --unit ]; then
	"$2" >"$3" 2>&1
	echo $? >"$3.rc"
	exit 0
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/perennial-unit.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM
for unit in "$build"/tests/test_*; do
	test -x "$unit" && echo "$unit"
done | xargs -P "$jobs" -I {} sh -c 'sh "$0" --unit "$1" "$2/${1##*/}"' "$0" {} "$out"

for unit in "$build"/tests/test_*; do
	test -x "$unit" || continue
	name=${unit##*/}
	rc=$(cat "$out/$name.rc" 2>/dev/null || echo 1)
	passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/$name")
	failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/$name")
	passed=${passed:-0}
	failed=${failed:-0}
	if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
		failed=1   # crashed or was killed before cmocka could count
	fi
	if [ "$failed" -ne 0 ]; then
		cat "$out/$name"
		status=1
	fi
	echo "$label unit $name: $passed passed, $failed failed"
	echo "$passed $failed $label $name" >>"$counts"
done

tests/layers.sh "$counts" "$label" || status=1
# The man pages, `make install` and the package do not depend on how the
# binary was built: the plain pass alone checks them.
if [ "$label" = plain ]; then
	tests/man/check.sh "$build/perennial" "$counts" "$label" || status=1
	tests/install/check.sh "$build" "$counts" "$label" || status=1
	tests/deb/check.sh "$counts" "$label" || status=1
fi
tests/e2e/run.sh "$build/perennial" "$counts" "$label" || status=1
exit $status
