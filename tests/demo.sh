#!/bin/sh
# make demo: the main job on sample-notes/, with the binary given: check the
# notes, then write and commit the report of one week into a copy of them,
# made in a temporary folder that is removed on the way out. The pages are
# copied to OUT (default: demo/ beside the binary) to be opened.
# usage: demo.sh PERENNIAL [OUT]
perennial=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${2:-$(dirname "$perennial")/demo}
mkdir -p "$out" && out=$(cd "$out" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
echo "\$ perennial check -C sample-notes"
"$perennial" check -C sample-notes || exit $?

copy=$(mktemp -d "${TMPDIR:-/tmp}/perennial-demo.XXXXXX") || exit 2
trap 'rm -rf "$copy"' EXIT
trap 'exit 2' HUP INT TERM
cp -R sample-notes "$copy/notes-repo" && cd "$copy/notes-repo" || exit 2
git init -q -b main . && git add -A &&
	git -c user.name="Demo" -c user.email=demo@example.invalid commit -q -m "The sample notes" ||
	exit 2
git config user.name "Weekly report"
git config user.email reports@example.invalid
echo
echo "\$ perennial report --week 2020-W21 --today 2020-06-01 --commit"
"$perennial" report --week 2020-W21 --today 2020-06-01 --commit || exit $?
git log --oneline -2
cp reports/* "$out/" || exit 2
echo
echo "The week's page: $out/2020-W21.html"
echo "All weeks:       $out/index.html"
