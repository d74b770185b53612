#!/bin/sh
# Builds the Debian package from a copy of the tree, as `make deb` does:
# the files git knows (tracked, and untracked ones it does not ignore, as
# they are in the working tree) go to OUT/deb/perennial-VERSION/, with
# contrib/debian/ as its debian/; `dpkg-buildpackage -us -uc -b` builds
# there, leaving the .deb, .changes and .buildinfo in OUT/deb/; the .deb is
# copied to OUT/. Outside a git checkout, every file but OUT is copied.
# Prints the path of the .deb last.
# usage: deb.sh OUT (a folder; the tree's own build/ in `make deb`)
set -e
test -n "$1" || { echo "usage: deb.sh OUT" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
version=$(cat VERSION)
changelog=$(sed -n '1s/^perennial (\([^)]*\)).*/\1/p' contrib/debian/changelog)
if [ "$changelog" != "$version" ]; then
	echo "deb.sh: contrib/debian/changelog is for $changelog, VERSION says $version:" \
		"add an entry for $version at its top" >&2
	exit 1
fi

work=$out/deb
src=$work/perennial-$version
rm -rf "$work"
mkdir -p "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# Each batch of names: those still in the working tree, copied at once.
	git ls-files -z --cached --others --exclude-standard | xargs -0 sh -c '
		dest=$0
		for file; do
			shift
			if [ -e "$file" ] || [ -L "$file" ]; then set -- "$@" "$file"; fi
		done
		[ $# -eq 0 ] || cp --parents -P -t "$dest" "$@"' "$src"
else
	tar -c --exclude=./build --exclude="./${out#"$PWD"/}" . | tar -x -C "$src"
fi
rm -rf "$src/debian"
cp -R contrib/debian "$src/debian"

(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || {
	tail -n 60 "$work/build.log" >&2
	echo "deb.sh: dpkg-buildpackage failed; all it said is in $work/build.log" >&2
	exit 1
}
deb=$(ls "$work"/perennial_"$version"_*.deb)
cp "$deb" "$out/"
echo "$out/${deb##*/}"
