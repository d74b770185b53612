#!/bin/sh
# usage: page-width.sh PAGE.html WIDTH
# Loads the page in headless Chromium in a frame WIDTH pixels wide, as a
# phone shows it, and prints "fits" when nothing is wider than the frame
# (no sideways scrolling), else how wide it is. The page itself runs no
# script: the frame around it reads the width.
page=$(realpath "$1") width=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/page-width.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$page" "$tmp/page.html"
cat >"$tmp/frame.html" <<HTML
<!DOCTYPE html><html><head><title>loading</title></head><body style="margin:0">
<iframe id="f" src="page.html" style="width:${width}px;height:900px;border:0"></iframe>
<script>
document.getElementById("f").onload = function () {
	var d = this.contentDocument.documentElement;
	document.title = d.scrollWidth <= d.clientWidth ? "fits" :
		"scrolls sideways: " + d.scrollWidth + " wide in " + d.clientWidth;
};
</script>
</body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
	--user-data-dir="$tmp/profile" --window-size=1000,1000 --virtual-time-budget=5000 \
	--dump-dom "file://$tmp/frame.html" 2>/dev/null |
	sed -n 's|.*<title>\(.*\)</title>.*|\1|p'
