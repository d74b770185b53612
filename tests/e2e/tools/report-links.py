#!/usr/bin/env python3
"""Checks the links of the report pages committed in HEAD.

usage: report-links.py FOLDER   (in the repository; FOLDER as git names it)

Every link of every page (WEEK.md, WEEK.html, index.*) in FOLDER must be
relative and lead to a file of HEAD, and each index must list every week
page of its format. Markdown pages are read as a git host shows them,
rendered by cmark-gfm. Prints a line a page, what is wrong below it, and
a total.
"""
import html
import posixpath
import re
import subprocess
import sys
from urllib.parse import unquote, urlsplit


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout


folder = sys.argv[1].rstrip("/")
files = set(git("ls-tree", "-r", "--name-only", "HEAD").decode().splitlines())
pages = sorted(f for f in files
               if posixpath.dirname(f) == folder and f.endswith((".md", ".html")))
week = re.compile(r"^\d{4}-W\d{2}\.(md|html)$")
total = wrong = 0
for page in pages:
    text = git("show", "HEAD:" + page)
    if page.endswith(".md"):
        text = subprocess.run(["cmark-gfm", "-e", "table"], input=text,
                              capture_output=True, check=True).stdout
    links = [html.unescape(h) for h in re.findall(r'href="([^"]*)"', text.decode())]
    problems = []
    targets = set()
    for link in links:
        url = urlsplit(link)
        if url.scheme or url.netloc or not url.path:
            problems.append("not a relative link: " + link)
            continue
        target = posixpath.normpath(posixpath.join(folder, unquote(url.path)))
        targets.add(target)
        if target not in files:
            problems.append("leads to no file of the commit: " + link)
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
