#!/usr/bin/env python3
"""Checks how a week's HTML page draws and lays out.

usage: report-chart.py PAGE.html

The trend chart (the svg of the page's figure): every dot, line point and label lies inside
its viewBox, dots are circles (the chart keeps its aspect ratio, so they
stay round), and both axes are labelled. The CSS: a dark scheme, a
layout for a phone, and print rules. Prints what it found.
"""
import re
import sys
from html.parser import HTMLParser


class Chart(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figure = False
        self.depth = 0          # inside the chart when > 0
        self.svg = None
        self.shapes = []        # (tag, attrs)
        self.texts = []         # (attrs, text)
        self.text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.figure = True
        elif tag == "svg" and self.figure and not self.svg:
            self.depth = 1
            self.svg = attrs
        elif self.depth:
            self.depth += 1
            if tag == "text":
                self.text = [attrs, ""]
            else:
                self.shapes.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.shapes.append((tag, dict(attrs)))
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "text" and self.text:
            self.texts.append(tuple(self.text))
            self.text = None
        self.depth -= 1

    def handle_data(self, data):
        if self.text is not None:
            self.text[1] += data


page = open(sys.argv[1], encoding="utf-8").read()
chart = Chart()
chart.feed(page)
if not chart.svg:
    sys.exit("no chart in the page")
# The parser gives attribute names in lower case.
x0, y0, width, height = (float(v) for v in chart.svg["viewbox"].split())
print("viewBox %g %g %g %g, preserveAspectRatio %s" % (
    x0, y0, width, height, chart.svg.get("preserveaspectratio", "(default)")))


def inside(x, y, margin=0.0):
    return x0 <= x - margin and x + margin <= x0 + width and \
        y0 <= y - margin and y + margin <= y0 + height


outside = []
dots = 0
for tag, a in chart.shapes:
    if tag == "circle":
        dots += 1
        if not inside(float(a["cx"]), float(a["cy"]), float(a["r"])):
            outside.append("circle at %s,%s" % (a["cx"], a["cy"]))
    elif tag == "line":
        for x, y in ((a["x1"], a["y1"]), (a["x2"], a["y2"])):
            if not inside(float(x), float(y)):
                outside.append("line end at %s,%s" % (x, y))
    elif tag == "polyline":
        points = [p.split(",") for p in a["points"].split()]
        print("line through %d points" % len(points))
        for x, y in points:
            if not inside(float(x), float(y)):
                outside.append("line point at %s,%s" % (x, y))
for a, text in chart.texts:
    if not inside(float(a["x"]) + float(a.get("dx", 0)), float(a["y"]) + float(a.get("dy", 0))):
        outside.append("label %r at %s,%s" % (text, a["x"], a["y"]))
stretched = chart.svg.get("preserveaspectratio", "").startswith("none")
print("%d dots, circles %s" % (dots, "stretched out of round" if stretched else "kept round"))
middle = [t for a, t in chart.texts if a.get("text-anchor") == "middle"]
end = [t for a, t in chart.texts if a.get("text-anchor") == "end"]
name = [t for a, t in chart.texts if "axis-name" in (a.get("class") or "")]
print("weeks axis: " + " ".join(middle))
print("counts axis: " + " ".join(end) + (" (%s)" % name[0] if name else ""))
print("outside the viewBox: " + (", ".join(outside) if outside else "nothing"))

style = re.search(r"<style>(.*?)</style>", page, re.S)
css = re.sub(r"\s+", " ", style.group(1)) if style else ""


def block(query):
    """The body of the @media block `query`, or None."""
    at = css.find("@media " + query)
    if at < 0:
        return None
    depth, start = 0, css.index("{", at)
    for i in range(start, len(css)):
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        if depth == 0:
            return css[start + 1:i]
    return None


for query, wanted in (
        ("(prefers-color-scheme: dark)", ["--text:", "--page:", "--accent:"]),
        ("(max-width: 40rem)", ["table.reflow", "display: block", "attr(data-label)"]),
        ("print", ["h1, h2, h3, h4 { break-after: avoid",
                   "tr, blockquote, figure, li, .numbers div { break-inside: avoid"])):
    body = block(query)
    if body is None:
        print("@media %s: missing" % query)
        continue
    missing = [w for w in wanted if w not in body]
    print("@media %s: %s" % (query, "missing " + ", ".join(missing) if missing else "ok"))
