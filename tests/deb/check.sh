#!/bin/sh
# The Debian package (contrib/debian/), built as `make deb` builds it
# (build-aux/deb.sh, in a temporary folder): lintian finds no error in the
# .deb and the .changes; its control fields are perennial's and VERSION's;
# it holds the files it should, with the completions where Debian's shells
# look; and, unpacked with `dpkg -x` into a throwaway root (never installed
# on this machine), its binary runs and `man` reads its pages.
# The package build skips the unit tests (DEB_BUILD_OPTIONS=nocheck): the
# suite ran them on the same tree just before. Skipped, saying so, where
# dpkg-dev, debhelper, fakeroot, lintian or build-essential is missing:
# `make deb` installs them, and so does CI (.ci/run). About 30 s on 2 cores.
# usage: check.sh [COUNTS [LABEL]]; appends "PASSED FAILED what" to COUNTS.
cd "$(dirname "$0")/../.." || exit 2
counts=${1:-/dev/null}
label=${2:-plain}
suite=deb
. tests/checks.sh

missing=
for tool in dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot lintian:lintian \
	    /usr/share/build-essential/essential-packages-list:build-essential; do
	case ${tool%%:*} in
	/*) test -e "${tool%%:*}" ;;
	*) command -v "${tool%%:*}" >/dev/null 2>&1 ;;
	esac || missing="$missing ${tool#*:}"
done
if [ -n "$missing" ]; then
	skip "the Debian package: no$missing (make deb installs them)"
	checks_end
	exit
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perennial-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
version=$(cat VERSION)

# A build of its own: not a job of the make that may be running this script.
if ! deb=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	DEB_BUILD_OPTIONS="nocheck parallel=$(nproc 2>/dev/null || echo 2)" \
	build-aux/deb.sh "$tmp/out" 2>"$tmp/build.err"); then
	check "make deb (build-aux/deb.sh)" "$(cat "$tmp/build.err")"
	checks_end
	exit 1
fi
check "make deb (build-aux/deb.sh)" ""

# lintian: errors fail; warnings are shown and fail too (none are expected).
lintian --info "$deb" "$tmp"/out/deb/perennial_"$version"_*.changes >"$tmp/lintian" 2>&1
grep -v '^running with root privileges' "$tmp/lintian" >"$tmp/lintian.tags"
check "lintian finds no error or warning" "$(grep -E '^[EW]: ' "$tmp/lintian.tags" >/dev/null &&
	cat "$tmp/lintian.tags")"

problems=
for field in Package:perennial "Version:$version"; do
	got=$(dpkg-deb -f "$deb" "${field%%:*}")
	test "$got" = "${field#*:}" || problems="$problems${problems:+
}${field%%:*} is '$got', not '${field#*:}'"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libgit2 libyaml libcmark libpcre2-8 libjansson libsqlite3; do
	case $depends in *"$lib"*) ;; *) problems="$problems${problems:+
}Depends has no $lib: $depends" ;; esac
done
check "the control fields" "$problems"

# Every file that should be there, from what the tree holds.
{
	echo "usr/share/doc/perennial/changelog.gz"
	echo "usr/share/doc/perennial/copyright"
	installed_files share/zsh/vendor-completions | sed 's|^|usr/|; s|/man[15]/.*|&.gz|'
} | sort >"$tmp/expected"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\.\//, "", $6); print $6 }' | sort >"$tmp/packaged"
check "what the package holds" \
	"$(diff "$tmp/expected" "$tmp/packaged" | sed -n 's/^< /missing: /p; s/^> /not expected: /p')"

root=$tmp/root
dpkg -x "$deb" "$root"
out=$("$root/usr/bin/perennial" --version 2>&1)
check "the packaged perennial --version" \
	"$(test "$out" = "perennial $version" || echo "said '$out', not 'perennial $version'")"

for page in man1/perennial.1.gz man5/perennial.yml.5.gz; do
	MANPAGER=cat MANWIDTH=80 man --warnings -l "$root/usr/share/man/$page" \
		>"$tmp/man.out" 2>"$tmp/man.err"
	status=$?
	problems=$(cat "$tmp/man.err")
	test $status -eq 0 && grep -q '^NAME' "$tmp/man.out" ||
		problems="status $status, $(wc -l <"$tmp/man.out") lines${problems:+: }$problems"
	check "man -l $page of the package" "$problems"
done

checks_end
