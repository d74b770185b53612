#!/usr/bin/env python3
"""Checks the lines of Markdown pages as markdownlint would.

usage: markdown-lines.py PAGE.md...

No trailing space, no HTML entity (Markdown escapes with backslashes), no
run of blank lines, a blank line between blocks (headings, paragraphs,
tables, lists, quotes), and one newline at the end. Prints "PAGE: clean"
or a line for each problem.
"""
import re
import sys


def kind(line):
    if not line.strip():
        return "blank"
    if line.startswith("#"):
        return "heading"
    if line.startswith("|"):
        return "table"
    if re.match(r"[-*+] |\d+\. ", line):
        return "list"
    if line.startswith(">"):
        return "quote"
    return "paragraph"


for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    problems = []
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("does not end with one newline")
    lines = lines[:-1]
    for n, line in enumerate(lines, 1):
        if line != line.rstrip():
            problems.append("%d: trailing space" % n)
        for entity in re.findall(r"&#?\w+;", line):
            problems.append("%d: HTML entity %s" % (n, entity))
        if n > 1:
            before, now = kind(lines[n - 2]), kind(line)
            if before == now == "blank":
                problems.append("%d: two blank lines" % n)
            elif "blank" not in (before, now) and (before != now or now == "heading"):
                problems.append("%d: no blank line between a %s and a %s" % (n, before, now))
    print("%s: %s" % (path, "clean" if not problems else "%d problems" % len(problems)))
    for problem in problems:
        print("  " + problem)
