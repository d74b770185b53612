#!/bin/sh
# End-to-end tests: runs the built binary on fixture repositories and
# compares what it prints with golden files.
#
# usage: run.sh PERENNIAL [COUNTS [LABEL]]
#   PERENNIAL_E2E_ONLY=NAME runs one case; PERENNIAL_E2E_UPDATE=1 rewrites the
#   expected files from what the binary printed (review the diff before committing).
#   PERENNIAL_JOBS=N runs N cases at a time (default: the number of cores).
#   PERENNIAL_E2E_TIMEOUT=SECONDS is how long a case may run (default 60; a
#   script case gets twice as long).
#
# A case is a folder in tests/e2e/cases/ holding:
#   args             the arguments, as shell words (run from the repository root)
#   script           instead of args: a shell script run in the repository, with
#                    `perennial` on PATH, for cases that drive git (real commits
#                    through the installed hook); what it prints is compared,
#                    unless its first line is "SKIP: why" (it could not mount
#                    what it needs here): then the case is skipped
#   fixture          optional: a folder name in tests/e2e/fixtures/ to copy in
#   repo/            optional: files of its own, copied over the fixture
#   setup            optional: a shell script run in the repository after the
#                    first commit, for what cannot be stored (links, huge files);
#                    $E2E_TOP is the checkout's top folder
#   env              optional: VAR=value lines set for the run
#   needs            optional: commands the case needs that the project does
#                    not install (a browser); without one it is skipped
#   expected.out     what must be printed on stdout
#   expected.err     optional: what must be printed on stderr
#   expected.status  the exit status
#   max-rss-mb       optional: peak memory limit, checked without sanitizers
#                    (skipped under valgrind, whose own memory it would measure)
# The repository is made with one commit in a temporary folder, by mkrepo
# (built beside the binary: libgit2, one process) or else by git.
# Each expected file may contain @ROOT@ for that folder. Cases run side by
# side, each in its own folder; the report lists them in name order.

here=$(cd "$(dirname "$0")" && pwd)

# One case: `run.sh --case NAME PERENNIAL TMP LABEL` writes TMP/NAME/result,
# "pass" or the reason it failed, and TMP/NAME/detail to show with it.
if [ "$1" = --case ]; then
	name=$2 perennial=$3 tmp=$4 label=$5
	# The fixture commit in one process (mkrepo.c) when it is built beside the binary.
	mkrepo=$(dirname "$perennial")/tests/mkrepo
	case_dir="$here/cases/$name"
	result="$tmp/$name/result"
	mkdir -p "$tmp/$name"
	fail() {
		echo "$1" >"$result"
		if [ -n "$2" ]; then
			sed 's/^/    /' "$2" | head -40 >"$tmp/$name/detail"
		fi
		exit 0
	}
	if [ -f "$case_dir/needs" ]; then
		for tool in $(cat "$case_dir/needs"); do
			command -v "$tool" >/dev/null 2>&1 || { echo "skip: no $tool" >"$result"; exit 0; }
		done
	fi
	if [ -f "$case_dir/max-rss-mb" ] && [ "$label" = valgrind ]; then
		echo "skip: measures memory" >"$result"; exit 0
	fi
	repo="$tmp/$name/repo"
	mkdir -p "$repo"
	if [ -f "$case_dir/fixture" ]; then
		cp -R "$here/fixtures/$(cat "$case_dir/fixture")/." "$repo/"
	fi
	if [ -d "$case_dir/repo" ]; then
		cp -R "$case_dir/repo/." "$repo/"
	fi
	(
		cd "$repo" &&
		if [ -x "$mkrepo" ]; then
			"$mkrepo" .
		else
			git init -q -b main . &&
			git add -A &&
			git commit -q --allow-empty --no-verify -m "fixture"
		fi &&
		if [ -f "$case_dir/setup" ]; then sh "$case_dir/setup"; fi
	) >"$tmp/$name/setup.log" 2>&1 || fail "setup failed" "$tmp/$name/setup.log"

	timeout=${PERENNIAL_E2E_TIMEOUT:-60}
	rss=
	if [ -f "$case_dir/max-rss-mb" ] && [ "$label" = plain ] && [ -x /usr/bin/time ]; then
		rss="$tmp/$name/rss"
	fi
	(
		cd "$repo" || exit 125
		if [ -f "$case_dir/env" ]; then
			while IFS= read -r assignment; do export "$assignment"; done <"$case_dir/env"
		fi
		if [ -f "$case_dir/script" ]; then
			PATH="$tmp/bin:$PATH" exec timeout $((timeout * 2)) sh "$case_dir/script"
		fi
		eval "set -- $(cat "$case_dir/args")"
		if [ -n "$rss" ]; then
			exec timeout $timeout /usr/bin/time -o "$rss" -f %M "$perennial" "$@"
		fi
		exec timeout $timeout "$perennial" "$@"
	) </dev/null >"$tmp/$name/out" 2>"$tmp/$name/err"
	status=$?

	# A script that cannot set up what it tests (a mount) prints "SKIP: why" first.
	if [ -f "$case_dir/script" ] && [ "$status" = 0 ] &&
	   head -n 1 "$tmp/$name/out" | grep -q '^SKIP: '; then
		echo "skip: $(head -n 1 "$tmp/$name/out" | cut -c7-)" >"$result"
		exit 0
	fi
	if [ -n "$PERENNIAL_E2E_UPDATE" ]; then
		sed "s|$repo|@ROOT@|g" "$tmp/$name/out" >"$case_dir/expected.out"
		sed "s|$repo|@ROOT@|g" "$tmp/$name/err" >"$case_dir/expected.err"
		echo "$status" >"$case_dir/expected.status"
	fi
	for stream in out err; do
		if [ -f "$case_dir/expected.$stream" ]; then
			sed "s|@ROOT@|$repo|g" "$case_dir/expected.$stream" >"$tmp/$name/expected.$stream"
		fi
	done
	if [ "$status" != "$(cat "$case_dir/expected.status")" ]; then
		fail "exit status $status, expected $(cat "$case_dir/expected.status")" "$tmp/$name/err"
	elif ! diff -u "$tmp/$name/expected.out" "$tmp/$name/out" >"$tmp/$name/diff"; then
		fail "stdout differs" "$tmp/$name/diff"
	elif [ -f "$tmp/$name/expected.err" ] &&
	     ! diff -u "$tmp/$name/expected.err" "$tmp/$name/err" >"$tmp/$name/diff"; then
		fail "stderr differs" "$tmp/$name/diff"
	elif [ "$label" != plain ] && grep -q 'runtime error\|Sanitizer' "$tmp/$name/err"; then
		fail "sanitizer report" "$tmp/$name/err"
	elif [ -n "$rss" ] && [ "$(tail -n 1 "$rss")" -gt $(($(cat "$case_dir/max-rss-mb") * 1024)) ]; then
		fail "peak memory $(tail -n 1 "$rss") KiB over $(cat "$case_dir/max-rss-mb") MiB"
	fi
	echo pass >"$result"
	exit 0
fi

perennial=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
counts=${2:-/dev/null}
label=${3:-plain}
jobs=${PERENNIAL_JOBS:-$(nproc 2>/dev/null || echo 2)}
E2E_TOP=$(cd "$here/../.." && pwd)
export E2E_TOP
tmp=$(mktemp -d "${TMPDIR:-/tmp}/perennial-e2e.XXXXXX")
mkdir "$tmp/bin" && ln -s "$perennial" "$tmp/bin/perennial"
trap 'rm -rf "$tmp"' EXIT INT TERM

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$tmp"
export GIT_AUTHOR_NAME="Test Organizer" GIT_AUTHOR_EMAIL=organizer@example.invalid
export GIT_COMMITTER_NAME="Test Organizer" GIT_COMMITTER_EMAIL=organizer@example.invalid
export GIT_AUTHOR_DATE="2020-06-01T12:00:00Z" GIT_COMMITTER_DATE="2020-06-01T12:00:00Z"
unset NO_COLOR PERENNIAL_DIR
export LC_ALL=C.UTF-8 TERM=dumb

names=$(cd "$here/cases" && for d in */; do
	d=${d%/}
	if [ -z "$PERENNIAL_E2E_ONLY" ] || [ "$d" = "$PERENNIAL_E2E_ONLY" ]; then echo "$d"; fi
done)
printf '%s\n' $names | xargs -P "$jobs" -I {} sh "$0" --case {} "$perennial" "$tmp" "$label"

passed=0
failed=0
skipped=
for name in $names; do
	result=$(cat "$tmp/$name/result" 2>/dev/null)
	if [ "$result" = pass ]; then
		passed=$((passed + 1))
		continue
	fi
	case $result in skip:*)
		skipped=$((${skipped:-0} + 1))
		echo "SKIP $label e2e $name: ${result#skip: }"
		continue
	esac
	failed=$((failed + 1))
	echo "FAIL $label e2e $name: $(cat "$tmp/$name/result" 2>/dev/null || echo 'no result')"
	if [ -f "$tmp/$name/detail" ]; then
		cat "$tmp/$name/detail"
	fi
done

echo "$label e2e: $passed passed, $failed failed${skipped:+, $skipped skipped}"
echo "$passed $failed $label e2e" >>"$counts"
test "$failed" -eq 0
