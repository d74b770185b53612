#!/bin/sh
# The end-to-end suite with the binary run under valgrind: every run of
# BUILD/perennial goes through a wrapper that records valgrind's report in
# a log of its own, so what the cases compare is the binary's output alone.
# Memory errors and definite leaks make the run exit 99, which fails the
# case; the logs that hold them are printed at the end. Cases that measure
# memory (max-rss-mb) are skipped: valgrind's own memory would be measured.
# usage: run.sh BUILD
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
dir="$build/valgrind"
rm -rf "$dir" && mkdir -p "$dir/logs" "$dir/tests"
# The fixture commits as the plain suite makes them (run.sh finds mkrepo beside the binary).
ln -s "$build/tests/mkrepo" "$dir/tests/mkrepo"
# A hook that `hook install` writes names the binary valgrind ran; the
# wrapper points it at itself, so that commits through it are checked too.
cat >"$dir/perennial" <<WRAPPER
#!/bin/sh
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--show-leak-kinds=definite --suppressions="$here/perennial.supp" \\
	--log-file="$dir/logs/%p.log" "$build/perennial" "\$@"
status=\$?
case " \$* " in
*" hook install "*)
	test "\$1" = -C && cd "\$2"
	hook=\$(git rev-parse --path-format=absolute --git-path hooks/pre-commit 2>/dev/null)
	if [ \$status -eq 0 ] && grep -q '^# perennial pre-commit hook' "\$hook" 2>/dev/null; then
		sed "s|^perennial=.*|perennial='$dir/perennial'|" "\$hook" >"\$hook.valgrind" &&
			chmod +x "\$hook.valgrind" && mv "\$hook.valgrind" "\$hook"
	fi
	;;
esac
exit \$status
WRAPPER
chmod +x "$dir/perennial"

PERENNIAL_E2E_TIMEOUT=${PERENNIAL_E2E_TIMEOUT:-600} "$here/../e2e/run.sh" "$dir/perennial" /dev/null valgrind
status=$?
for log in "$dir"/logs/*.log; do
	test -s "$log" || continue
	echo "valgrind: $log"
	cat "$log"
	status=1
done
exit $status
