#!/bin/sh
# Runs each libFuzzer harness built in DIR for SECONDS, from its seeds in
# tests/fuzz/corpus/<harness>/ (read only: what the run finds goes to
# DIR/corpus/<harness>/), and prints how many inputs each ran. An input
# that crashes, leaks or hangs is kept as DIR/findings/<harness>-*; the
# run then fails. usage: run.sh DIR SECONDS HARNESS...
dir=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
status=0
mkdir -p "$dir/findings"
for harness in "$@"; do
	mkdir -p "$dir/corpus/$harness"
	"$dir/$harness" -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$dir/findings/$harness-" \
		"$dir/corpus/$harness" "$here/corpus/$harness" >"$dir/$harness.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$harness.log")
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $harness: ${runs:-0} inputs in ${seconds}s, nothing found"
	else
		echo "fuzz $harness: FOUND after ${runs:-?} inputs (exit $rc)"
		grep -A 30 '^==[0-9]*==ERROR\|runtime error\|^==[0-9]*== ERROR\|deadly signal' "$dir/$harness.log" | head -40
		grep '^artifact_prefix\|Test unit written to' "$dir/$harness.log"
		status=1
	fi
done
exit $status
