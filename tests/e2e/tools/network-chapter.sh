#!/bin/sh
# A chapter's repository for the network-* cases: a copy of sample-notes/
# keeping only the notes of the organizers named (by the file names,
# YYYY-MM-DD-<organizer>-<slug>.md), committed as "notes" on branch main.
#
# usage: network-chapter.sh [--root SUB] DIR ORGANIZER...
#   --root SUB   the notes root is DIR/SUB, a subfolder of the repository
#
# Run from a case's setup or script: run.sh sets the names and dates git
# uses, so the same notes give the same commit id; E2E_TOP is the checkout.
set -e
root=
if [ "$1" = --root ]; then
	root=$2
	shift 2
fi
dir=$1
shift
notes="$dir${root:+/$root}"
mkdir -p "$notes"
cp -R "$E2E_TOP/sample-notes/." "$notes/"
find "$notes/notes" -name '*.md' | while IFS= read -r file; do
	keep=
	for organizer in "$@"; do
		case ${file##*/} in ????-??-??-"$organizer"-*) keep=1 ;; esac
	done
	[ -n "$keep" ] || rm "$file"
done
cd "$dir"
git init -q -b main .
git add -A
git commit -q -m notes
