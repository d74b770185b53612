#!/bin/sh
# Keeps the man pages (contrib/man/) true to what they describe:
#   - mandoc -T lint -W warning has nothing to say of either;
#   - perennial(1) has an entry under COMMANDS for every command
#     `perennial --help` lists and no other, each with an item for every
#     option of the command's --help and every word its synopsis offers
#     (`--format text|json`); -C, --help and --version are items of their own;
#   - its rules under DIAGNOSTICS are those of src/diag.h, severities too;
#   - perennial.yml(5) has an item for every key src/config.c reads, under
#     the key it belongs to, and none that config.c does not read; the same
#     for the field types and the built-in PII detectors, and a row of the
#     built-in fields' table for each built-in field;
#   - the perennial.yml of its EXAMPLES gives every key, and `perennial check`
#     finds nothing in it.
# usage: check.sh BINARY [COUNTS [LABEL]]; appends "PASSED FAILED what" to COUNTS.
test -x "$1" || { echo "usage: check.sh BINARY [COUNTS [LABEL]]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
counts=${2:-/dev/null}
label=${3:-plain}
page1=contrib/man/perennial.1
page5=contrib/man/perennial.yml.5
suite=man
. tests/checks.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perennial-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The lines of a section of a page (.Sh NAME to the next .Sh), without the .Sh.
section() { # PAGE NAME
	awk -v want="$2" '/^\.Sh / { on = substr($0, 5) == want; next } on' "$1"
}

# What differs between two sorted lists, as `missing` and `extra` lines.
compare() { # EXPECTED-FILE ACTUAL-FILE
	comm -23 "$1" "$2" | sed 's/^/missing: /'
	comm -13 "$1" "$2" | sed 's/^/not expected: /'
}

for page in $page1 $page5; do
	if command -v mandoc >/dev/null 2>&1; then
		check "mandoc -T lint -W warning $page" "$(mandoc -T lint -W warning "$page" 2>&1)"
	else
		check "mandoc -T lint -W warning $page" "mandoc is missing: apt-get install mandoc"
	fi
done

# perennial(1), COMMANDS: "command<TAB>line" for each line of each entry. An
# entry is an item of the outer list, `.It Cm name ...` or `.It Xo` then
# `.Cm name ...`; `hook install`, `hook uninstall` and `hook run` are all `hook`.
section $page1 COMMANDS | awk '
	/^\.Bl/ { depth++ }
	/^\.El/ { depth-- }
	depth == 1 && /^\.It/ { name = $1 == ".It" && $2 == "Cm" ? $3 : ""; xo = $2 == "Xo" }
	xo && /^\.Cm / { name = $2; xo = 0 }
	name != "" { print name "\t" $0 }
' >"$tmp/entries"

"$bin" --help >"$tmp/help" 2>&1 || check "perennial --help" "$(cat "$tmp/help")"
sed -n '/^commands:$/,/^$/s/^    \([a-z][a-z-]*\) .*/\1/p' "$tmp/help" | sort -u >"$tmp/commands"
test -s "$tmp/commands" || check "commands listed by perennial --help" "none found"
cut -f1 "$tmp/entries" | sort -u >"$tmp/documented"
check "$page1: an entry under COMMANDS for each command" \
	"$(compare "$tmp/commands" "$tmp/documented")"

while read -r cmd; do
	problems=
	grep "^$cmd	" "$tmp/entries" | cut -f2- >"$tmp/entry"
	if ! "$bin" "$cmd" --help >"$tmp/cmd-help" 2>&1 </dev/null; then
		check "$page1: $cmd" "perennial $cmd --help failed: $(cat "$tmp/cmd-help")"
		continue
	fi
	# The options: `    -v, --verbose   ...` and `    --rev REV   ...` after `options:`.
	for flag in $(sed -n '/^options:$/,$p' "$tmp/cmd-help" |
		      grep -oE '^    (-[A-Za-z], )?-{1,2}[A-Za-z][A-Za-z-]*' | tr -d ,); do
		case $flag in
		-C|--help|--version) continue ;;
		--*) pattern="^\\.It .*Fl -${flag#--}( |$)" ;;
		-?) pattern="^\\.It .*Fl ${flag#-}( |$)" ;;
		*) continue ;;
		esac
		grep -Eq -e "$pattern" "$tmp/entry" ||
			problems="$problems${problems:+
}no item for $flag"
	done
	# The words an option's value may be, in the usage: `--what a|b|c`, `--format md,html`.
	sed -n '1,/^$/p' "$tmp/cmd-help" |
		grep -oE -e '--[a-z-]+ [A-Za-z0-9-]+([|,][A-Za-z0-9-]+)+' |
		sed 's/^[^ ]* //' | tr '|' '\n' | tr ',' '\n' | grep -E '^[a-z][a-z0-9-]*$' |
		sort -u >"$tmp/words"
	while read -r word; do
		grep -qw -e "$word" "$tmp/entry" ||
			problems="$problems${problems:+
}'$word' (a value in the usage) is not said"
	done <"$tmp/words"
	check "$page1: every option of $cmd" "$problems"
done <"$tmp/commands"

problems=
for flag in 'C Ar dir' -help -version; do
	section $page1 DESCRIPTION | grep -Eq "^\\.It Fl $flag\$" ||
		problems="$problems${problems:+
}no item for -${flag%% *} in DESCRIPTION"
done
check "$page1: the options every command takes" "$problems"

# The rules: `X(NAME, "id", DIAG_ERROR)` in diag.h, `.It Cm id Pq error` in the page.
grep -oE 'X\([A-Z0-9_]+, *"[a-z0-9-]+", *DIAG_[A-Z]+\)' src/diag.h |
	sed -E 's/.*"([a-z0-9-]+)", *DIAG_([A-Z]+)\)/\1 \2/' | tr '[:upper:]' '[:lower:]' |
	sort >"$tmp/rules"
section $page1 DIAGNOSTICS | sed -n 's/^\.It Cm \([a-z0-9-]*\) Pq \([a-z]*\)$/\1 \2/p' |
	sort >"$tmp/rules-documented"
if [ -s "$tmp/rules" ]; then
	check "$page1: the rules of src/diag.h under DIAGNOSTICS" \
		"$(compare "$tmp/rules" "$tmp/rules-documented")"
else
	check "$page1: the rules of src/diag.h under DIAGNOSTICS" "no rules found in src/diag.h"
fi

# perennial.yml: the names config.c reads, as "PLACE NAME" lines: "top" for
# a top-level key, the key a key sits under for the others, and fields/type
# and privacy/pii for the types and the detectors. An array of keys this
# script does not know is a failure: say here where its keys belong.
awk '
	/^static const char \*const S_[a-z_]+\[\] = \{/ {
		name = $0; sub(/.*const S_/, "", name); sub(/\[.*/, "", name); on = 1
	}
	/^\} S_(types|builtin_fields)\[\] = \{/ {
		name = $2; sub(/^S_/, "", name); sub(/\[.*/, "", name); on = 1; next
	}
	on {
		line = $0
		if (name == "types" || name == "builtin_fields") sub(/",.*/, "\"", line)
		while (match(line, /"[^"]*"/)) {
			print name, substr(line, RSTART + 1, RLENGTH - 2)
			line = substr(line, RSTART + RLENGTH)
		}
		if ($0 ~ /};/) on = 0
	}
' src/config.c | awk '
	BEGIN {
		place["top_keys"] = "top"; place["person_keys"] = "organizers people"
		place["field_keys"] = "fields"; place["section_keys"] = "sections"
		place["theme_keys"] = "themes"; place["privacy_keys"] = "privacy"
		place["types"] = "fields/type"; place["pii_detectors"] = "privacy/pii"
		place["builtin_fields"] = "fields/builtin"
		place["network_keys"] = "network"; place["chapter_keys"] = "network/chapters"
	}
	$1 ~ /^default_/ { next }
	!($1 in place) { print "unknown", $1; next }
	{ n = split(place[$1], at, " "); for (i = 1; i <= n; i++) print at[i], $2 }
' | sort -u >"$tmp/keys"
problems=$(sed -n 's/^unknown /src\/config.c: S_/p' "$tmp/keys" |
	   sed 's/$/[]: which key of perennial.yml do these sit under? (tests\/man\/check.sh)/')
grep -q '^top ' "$tmp/keys" || problems="no keys found in src/config.c (S_top_keys)"
check "src/config.c: every array of names is known" "$problems"
grep -v '^unknown ' "$tmp/keys" >"$tmp/keys-read"

# The page: every `.It Cm name` of DESCRIPTION's lists, under the names of
# the items it sits in ("fields/type text"); a table's rows `.It name Ta ...`
# as "fields/builtin name".
section $page5 DESCRIPTION | awk '
	/^\.Bl/ { depth++; key[depth] = "" }
	/^\.El/ { depth-- }
	/^\.It / {
		at = "top"
		for (d = 1; d < depth; d++)
			at = d == 1 ? key[d] : at "/" key[d]
		key[depth] = $2 == "Cm" && $0 !~ / Ta / ? $3 : ""
		if (key[depth] != "")
			print at, key[depth]
		else if ($3 == "Ta" && $2 ~ /^[a-z][a-z-]*$/)
			print at "/builtin", $2
	}
' | sort -u >"$tmp/keys-all"
# Under a top-level key, every item is a key; deeper, only where config.c has names.
cut -d' ' -f1 "$tmp/keys-read" | sort -u >"$tmp/places"
awk 'NR == FNR { place[$1]; next } ($1 in place) || $1 !~ /\// ' "$tmp/places" "$tmp/keys-all" |
	sort -u >"$tmp/keys-documented"
check "$page5: the keys, types and detectors of src/config.c" \
	"$(compare "$tmp/keys-read" "$tmp/keys-documented")"

# The example: the first literal display of EXAMPLES, its escapes undone.
section $page5 EXAMPLES | awk '/^\.Bd -literal/ { on = 1; next } /^\.Ed/ { exit } on' |
	sed -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\-/-/g' >"$tmp/perennial.yml"
problems=
while read -r at key; do
	case $at in */*) continue ;; top) ;; *) at=" under $at" ;; esac
	grep -Eq "(^|[{ ,])$key:" "$tmp/perennial.yml" ||
		problems="$problems${problems:+
}the example has no '$key:'${at%top}"
done <"$tmp/keys-read"
mkdir -p "$tmp/root/notes"
cp "$tmp/perennial.yml" "$tmp/root/"
git init -q "$tmp/root"
out=$(NO_COLOR=1 "$bin" -C "$tmp/root" check 2>&1)
status=$?
if [ $status -ne 0 ] || printf '%s\n' "$out" | grep -q '\['; then
	problems="$problems${problems:+
}perennial check of the example (status $status):
$out"
fi
check "$page5: the example gives every key and passes perennial check" "$problems"

checks_end
