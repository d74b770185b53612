#!/usr/bin/env python3
"""Checks the links of the report pages committed in HEAD, or of a site.

usage: report-links.py FOLDER          (in the repository; FOLDER as git names it)
       report-links.py --site FOLDER   (a folder on disk: report --site)

Every link of every page (WEEK.md, WEEK.html, index.*) in FOLDER must be
relative and lead to a file of HEAD, and each index must list every week
page of its format. Markdown pages are read as a git host shows them,
rendered by cmark-gfm. For a site, every href and src of every page must
be relative and lead to a file of the folder itself, and nothing above
it. Prints a line a page, what is wrong below it, and a total.
"""
import html
import os
import posixpath
import re
import subprocess
import sys
from urllib.parse import unquote, urlsplit


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout


site = sys.argv[1] == "--site"
folder = sys.argv[-1].rstrip("/")
if site:
    files = set(posixpath.join(folder, f) for f in os.listdir(folder)
                if os.path.isfile(os.path.join(folder, f)))
else:
    files = set(git("ls-tree", "-r", "--name-only", "HEAD").decode().splitlines())
pages = sorted(f for f in files
               if posixpath.dirname(f) == folder and f.endswith((".md", ".html")))
week = re.compile(r"^\d{4}-W\d{2}\.(md|html)$")
attribute = r'(?:href|src)="([^"]*)"' if site else r'href="([^"]*)"'
total = wrong = 0
for page in pages:
    if site:
        with open(page, "rb") as f:
            text = f.read()
    else:
        text = git("show", "HEAD:" + page)
    if page.endswith(".md"):
        text = subprocess.run(["cmark-gfm", "-e", "table"], input=text,
                              capture_output=True, check=True).stdout
    links = [html.unescape(h) for h in re.findall(attribute, text.decode())]
    problems = []
    targets = set()
    for link in links:
        url = urlsplit(link)
        if url.scheme or url.netloc or not url.path or url.path.startswith("/"):
            problems.append("not a relative link: " + link)
            continue
        target = posixpath.normpath(posixpath.join(folder, unquote(url.path)))
        targets.add(target)
        if target not in files:
            problems.append("leads to no file of the %s: %s"
                            % ("site" if site else "commit", link))
    name = posixpath.basename(page)
    if name.startswith("index."):
        ext = name[len("index"):]
        for other in sorted(pages):
            base = posixpath.basename(other)
            if week.match(base) and base.endswith(ext) and other not in targets:
                problems.append("does not list " + base)
    total += len(links)
    wrong += len(problems)
    print("%s: %d links%s" % (page, len(links), "" if problems else ", all good"))
    for problem in problems:
        print("  " + problem)
print("%d pages, %d links, %d problems" % (len(pages), total, wrong))
