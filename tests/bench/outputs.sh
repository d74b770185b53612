#!/bin/sh
# Records what the analysis commands print, to compare two builds byte for
# byte: usage: outputs.sh PERENNIAL OUT. Runs on a copy of the bench's
# history corpus (build/bench/history-10k, made by `make bench`) and of
# sample-notes/, so neither is touched; then `diff -r OUT1 OUT2`.
set -e
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
record() {   # NAME REPO WEEK TODAY
	name=$1 repo=$2 week=$3 today=$4
	(
		cd "$repo"
		run() { what=$1; shift; "$bin" "$@" >"$out/$name.$what" 2>"$out/$name.$what.err" || echo "exit $?" >>"$out/$name.$what.err"; }
		run themes themes
		run themes.json themes --format json
		run steps steps
		run steps.json steps --format json
		run list list --format csv
		run search search rent --format csv
		run report.json report --week "$week" --today "$today" --format json
		run report-all.json report --week all --today "$today" --format json
		run pages report --week "$week" --today "$today"
		find reports -type f | sort | while read -r f; do
			cp "$f" "$out/$name.pages.$(echo "$f" | tr / _)"
		done
	)
}
git clone -q "$top/build/bench/history-10k" "$work/history"
record history "$work/history" 2021-W10 2021-03-20
cp -R "$top/sample-notes" "$work/sample"
(cd "$work/sample" && git init -q && git add -A &&
	GIT_AUTHOR_DATE=2020-06-01T12:00:00Z GIT_COMMITTER_DATE=2020-06-01T12:00:00Z \
	git -c user.name=x -c user.email=x@x commit -qm notes)
record sample "$work/sample" 2020-W21 2020-06-01
