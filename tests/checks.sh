# What the suites written as shell scripts share (tests/layers.sh,
# tests/man/check.sh, tests/install/check.sh, tests/deb/check.sh,
# tests/contrib/lint.sh):
# each check counted, a failing one shown, and at the end the suite's line
# ("LABEL SUITE: N passed, N failed") with its counts appended to COUNTS,
# as tests/summary.sh reads them. Sourced with `suite`, `label` and
# `counts` set.
passed=0
failed=0
skipped=0

pass() { passed=$((passed + 1)); }

fail() { # NAME OUTPUT
	failed=$((failed + 1))
	echo "FAIL $label $suite $1:"
	printf '%s\n' "$2" | head -40 | sed 's/^/    /'
}

check() { # NAME PROBLEMS: PROBLEMS is empty when the check holds
	if [ -z "$2" ]; then pass; else fail "$1" "$2"; fi
}

skip() { # WHY
	skipped=$((skipped + 1))
	echo "SKIP $label $suite $1"
}

# The suite's line and counts; its exit status is the suite's.
checks_end() {
	echo "$label $suite: $passed passed, $failed failed$(test "$skipped" -eq 0 ||
		echo ", $skipped skipped")"
	echo "$passed $failed $label $suite" >>"$counts"
	test "$failed" -eq 0
}

# What `make install` puts under its prefix, one path a line, from what the
# tree holds; zsh's completion under ZSHDIR (share/zsh/site-functions for
# make install, Debian's zsh looks in share/zsh/vendor-completions).
installed_files() { # ZSHDIR
	echo "bin/perennial"
	echo "share/man/man1/perennial.1"
	echo "share/man/man5/perennial.yml.5"
	for file in templates/*; do
		echo "share/perennial/templates/${file##*/}"
	done
	for pair in perennial.bash:share/bash-completion/completions/perennial \
		    _perennial:$1/_perennial \
		    perennial.fish:share/fish/vendor_completions.d/perennial.fish; do
		test -f "contrib/completions/${pair%%:*}" && echo "${pair#*:}"
	done
}
