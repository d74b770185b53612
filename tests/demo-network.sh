#!/bin/sh
# make demo-network: a network of three chapters made from sample-notes/ in
# a temporary folder (removed on the way out), fetched through git, and the
# network's page of one week, committed and shown. The pages are copied to
# OUT (default: demo-network/ beside the binary) to be opened.
#   eastside   dee-w's notes; shares its public and internal quotes
#   westside   marco-r's; calls housing `vivienda`, which the network maps
#   northside  lisa-t's and ana-n's; shares no quote (the default)
# usage: demo-network.sh PERENNIAL [OUT]
perennial=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${2:-$(dirname "$perennial")/demo-network}
mkdir -p "$out" && out=$(cd "$out" && pwd) || exit 2
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perennial-demo-network.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
export GIT_AUTHOR_NAME=Demo GIT_AUTHOR_EMAIL=demo@example.invalid
export GIT_COMMITTER_NAME=Demo GIT_COMMITTER_EMAIL=demo@example.invalid

# A chapter: sample-notes/ with the notes of these organizers alone, committed
# (the tool the end-to-end cases make theirs with).
chapter() { # NAME ORGANIZER...
	dir=$tmp/$1
	shift
	E2E_TOP=$top sh "$top/tests/e2e/tools/network-chapter.sh" "$dir" "$@" || exit 2
}
chapter eastside dee-w
chapter westside marco-r
chapter northside lisa-t ana-n
sed -i 's/^privacy:$/privacy:\n  network: [public, internal]   # quotes the network page may show/' \
	"$tmp/eastside/perennial.yml"
# westside's codebook says vivienda where the others say housing: the theme's
# id in its perennial.yml, and in its notes' themes: lists and #hashtags.
sed -i -e 's/^  housing:$/  vivienda:/' \
	-e 's/^    label: Housing and repairs$/    label: Vivienda y reparaciones/' \
	"$tmp/westside/perennial.yml"
find "$tmp/westside/notes" -name '*.md' -exec sed -i \
	-e '/^themes:/s/\bhousing\b/vivienda/g' -e 's/#housing\b/#vivienda/g' {} +
for c in eastside westside; do
	(cd "$tmp/$c" && git commit -q -am "What $c shares, and how it names its themes") ||
		exit 2
done

mkdir "$tmp/network" && cd "$tmp/network" || exit 2
cat >perennial.yml <<EOF
# The network's codebook: the themes its page counts across the chapters.
# A chapter's theme of the same id counts as the network's; one mapped
# under its chapter's themes: too; any other is kept under its chapter's name.
themes:
  housing: { label: Housing and repairs }  # rent, repairs, landlords: every chapter's
  data-culture: { label: Data culture }    # how the chapters keep what they learn
# The chapters: each its own notes repository, read through git (a path, or
# any URL git fetches); branch: main unless said; themes: its own ids mapped
# to the network's.
network:
  chapters:
    eastside: { url: ../eastside, branch: main }
    westside: { url: 'file://$tmp/westside', branch: main, themes: { vivienda: housing } }
    northside: { url: ../northside }
EOF
git init -q -b main . && git add -A && git commit -q -m "The network" || exit 2
git config user.name "Network report"
git config user.email reports@example.invalid

echo "\$ perennial network fetch"
"$perennial" network fetch || exit $?
echo
echo "\$ perennial network report --week 2020-W21 --today 2020-06-01 --commit"
"$perennial" network report --week 2020-W21 --today 2020-06-01 --commit || exit $?
git log --oneline -2
echo
echo "\$ perennial network list --today 2020-06-01"
"$perennial" network list --today 2020-06-01 || exit $?
echo
echo "\$ cat reports/network/2020-W21.md"
cat reports/network/2020-W21.md
cp reports/network/* "$out/" || exit 2
echo
echo "The network's page: $out/2020-W21.html"
echo "All weeks:          $out/index.html"
