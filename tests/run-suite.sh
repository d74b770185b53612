#!/bin/sh
# One pass of the test suite over the binaries in BUILD: every unit test
# program, the architecture's rules (layers.sh), then the end-to-end cases.
# Appends "PASSED FAILED what" lines to COUNTS for summary.sh. Usage: run-suite.sh BUILD COUNTS
build=$1
counts=${2:-/dev/null}
label=plain
case $build in *asan*) label=asan+ubsan ;; esac
status=0

for unit in "$build"/tests/test_*; do
	test -x "$unit" || continue
	name=${unit##*/}
	out=$("$unit" 2>&1)
	rc=$?
	passed=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
	failed=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
	passed=${passed:-0}
	failed=${failed:-0}
	if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
		failed=1   # crashed or was killed before cmocka could count
	fi
	if [ "$failed" -ne 0 ]; then
		printf '%s\n' "$out"
		status=1
	fi
	echo "$label unit $name: $passed passed, $failed failed"
	echo "$passed $failed $label $name" >>"$counts"
done

tests/layers.sh "$counts" "$label" || status=1
tests/e2e/run.sh "$build/perennial" "$counts" "$label" || status=1
exit $status
