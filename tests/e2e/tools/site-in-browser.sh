#!/bin/sh
# usage: site-in-browser.sh SITE PAGE...
# Puts a copy of the folder SITE two folders down (sub/site/), as a web
# server's subfolder holds it, and opens each PAGE of it (index.html,
# 2020-W21.html) in headless Chromium twice: from file://, and from a
# local web server (python3 -m http.server) whose root is above it.
# Prints a line a page and way: its title and first heading, how many
# links and sources it has, and "all load" when each leads into the site
# and loads there, else what does not. The pages run no script: a frame
# around each reads it.
site=$(realpath "$1")
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/site-in-browser.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server"; rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/root/sub"
cp -R "$site" "$tmp/root/sub/site"

# The frame loads the page, then each of its targets in turn, and says what it saw in its title.
cat >"$tmp/root/frame.html" <<'HTML'
<!DOCTYPE html><html><head><title>loading</title></head><body>
<iframe id="page" style="width:1000px;height:900px;border:0"></iframe>
<iframe id="target" style="width:10px;height:10px;border:0"></iframe>
<script>
var page = document.getElementById("page"), target = document.getElementById("target");
var site = new URL("sub/site/", location.href).href;
page.onload = function () {
	var d = page.contentDocument;
	var h1 = d.querySelector("h1");
	var said = d.title + " | " + (h1 ? h1.textContent : "no heading");
	var urls = [], broken = [];
	d.querySelectorAll("[href], [src]").forEach(function (e) {
		var raw = e.getAttribute("href") || e.getAttribute("src");
		var url = new URL(raw, d.baseURI).href;
		if (/^[a-z]+:/i.test(raw) || raw.charAt(0) === "/" || url.indexOf(site) !== 0)
			broken.push(raw + " (not inside the site)");
		else
			urls.push(url);
	});
	said += " | " + (urls.length + broken.length) + " links";
	var i = 0;
	function next() {
		if (i === urls.length) {
			document.title = said + (broken.length ? " | broken: " + broken.join(", ")
						 : " | all load");
			return;
		}
		target.src = urls[i];
	}
	target.onload = function () {
		var t = null;
		try { t = target.contentDocument && target.contentDocument.title; } catch (e) {}
		if (!t || t === "Error response")
			broken.push(urls[i].substring(site.length));
		i++;
		next();
	};
	next();
};
page.src = "sub/site/" + location.hash.substring(1);
</script>
</body></html>
HTML

open() { # URL: the frame's title once the page and its targets are loaded
	chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
		--user-data-dir="$tmp/profile" --window-size=1000,1000 --virtual-time-budget=10000 \
		--dump-dom "$1" 2>/dev/null |
		sed -n 's|.*<title>\(.*\)</title>.*|\1|p' | head -n 1
}

# A web server of our own on a free port, its root above the site.
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$tmp/root" >"$tmp/server.log" 2>&1 &
server=$!
port=
for _ in $(seq 50); do
	port=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$tmp/server.log")
	[ -n "$port" ] && break
	sleep 0.1
done

for name in "$@"; do
	echo "file $name: $(open "file://$tmp/root/frame.html#$name")"
	if [ -n "$port" ]; then
		echo "http $name: $(open "http://127.0.0.1:$port/frame.html#$name")"
	else
		echo "http $name: no web server"
	fi
done
