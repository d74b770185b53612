#!/bin/sh
# `make install` into a temporary DESTDIR, as a package build does: the
# binary runs from there, `man` reads each page there (and finds them by
# name under its MANPATH), the templates and any shell completions of
# contrib/completions/ are where they belong; then `make uninstall` leaves
# no file behind.
# usage: check.sh BUILD [COUNTS [LABEL]]; appends "PASSED FAILED what" to COUNTS.
cd "$(dirname "$0")/../.." || exit 2
test -n "$1" || { echo "usage: check.sh BUILD [COUNTS [LABEL]]" >&2; exit 2; }
build=$1
counts=${2:-/dev/null}
label=${3:-plain}
prefix=/usr/local
suite=install
. tests/checks.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perennial-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
dest=$tmp/dest
top=$dest$prefix

# A make of its own: not a job of the make that may be running this script.
run_make() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
		BUILD="$build" PREFIX="$prefix" DESTDIR="$dest" "$@" >"$tmp/make.out" 2>&1
}

if ! run_make install; then
	check "make install" "$(cat "$tmp/make.out")"
	echo "$label install: $passed passed, $failed failed"
	echo "$passed $failed $label install" >>"$counts"
	exit 1
fi
check "make install" ""

version="perennial $(cat VERSION)"
out=$("$top/bin/perennial" --version 2>&1)
check "the installed perennial --version" \
	"$(test "$out" = "$version" || echo "said '$out', not '$version'")"

# Rendered by man-db (groff), not mandoc: what most readers have.
for page in man1/perennial.1 man5/perennial.yml.5; do
	MANPAGER=cat MANWIDTH=80 man --warnings -l "$top/share/man/$page" \
		>"$tmp/man.out" 2>"$tmp/man.err"
	status=$?
	problems=$(cat "$tmp/man.err")
	test $status -eq 0 && test -s "$tmp/man.out" ||
		problems="status $status, $(wc -l <"$tmp/man.out") lines${problems:+: }$problems"
	check "man -l $page" "$problems"
done
problems=
for name in perennial perennial.yml; do
	MANPATH=$top/share/man MANPAGER=cat man "$name" >"$tmp/man.out" 2>&1 &&
		grep -q "^NAME" "$tmp/man.out" ||
		problems="$problems${problems:+
}man $name: $(cat "$tmp/man.out")"
done
check "man finds each page by name under \$PREFIX/share/man" "$problems"

# Every file that should be there, from what the tree holds, with its mode.
installed_files share/zsh/site-functions |
	awk '{ print ($0 ~ /^bin\// ? "755 " : "644 ") $0 }' | sort >"$tmp/expected"
(cd "$top" && find . ! -type d -exec stat -c '%a %n' {} + | sed 's| \./| |' | sort) \
	>"$tmp/installed"
check "what is installed, and its modes" \
	"$(diff "$tmp/expected" "$tmp/installed" | sed -n 's/^< /missing: /p; s/^> /not expected: /p')"

problems=
for file in templates/*; do
	cmp -s "$file" "$top/share/perennial/templates/${file##*/}" ||
		problems="$problems${problems:+
}$file differs"
done
check "the templates, as they are" "$problems"

run_make uninstall
status=$?
left=$(cd "$dest" && find . ! -type d
       test -d ".$prefix/share/perennial" && echo "share/perennial/")
check "make uninstall leaves nothing" \
	"$(test $status -eq 0 || cat "$tmp/make.out")$left"
run_make uninstall
check "make uninstall again, with nothing to remove" \
	"$(test $? -eq 0 || cat "$tmp/make.out")"

checks_end
