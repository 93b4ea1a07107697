"""HTML: the text between tags, read with the standard library's HTML parser.

Tags, attributes, comments, doctype and processing instructions, character
references and the content of elements that hold code or machine text
(``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``svg``, ``math``)
are not prose.  Whitespace that only lays out the markup (between block tags,
indentation next to a tag) is not prose either: a browser collapses it, so a
doubled-space rule must not see it.
"""
from __future__ import annotations

from html.entities import html5
from html.parser import HTMLParser

import regex

NOT_PROSE_ELEMENTS = frozenset({"script", "style", "code", "pre", "kbd", "samp", "svg", "math", "textarea"})

_LEADING_WS = regex.compile(r"\A\s+")
_TRAILING_WS = regex.compile(r"\s+\Z")


class _ProseFinder(HTMLParser):
    def __init__(self, text: str):
        # convert_charrefs=False: data arrives exactly as written, so its
        # length is its length in the file, and references arrive as events.
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        i = text.find("\n")
        while i != -1:
            self.line_starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.open_code = 0
        self.depth: dict[str, int] = {}
        self.ranges: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in NOT_PROSE_ELEMENTS:
            self.depth[tag] = self.depth.get(tag, 0) + 1
            self.open_code += 1

    def handle_endtag(self, tag):
        # Unbalanced end tags are common in real pages; never go below zero.
        if self.depth.get(tag):
            self.depth[tag] -= 1
            self.open_code -= 1

    def handle_data(self, data):
        if self.open_code or not data:
            return
        start = self._offset()
        end = start + len(data)
        lead = _LEADING_WS.search(data)
        if lead and (len(lead.group()) > 1 or "\n" in lead.group() or lead.end() == len(data)):
            start += lead.end()
        trail = _TRAILING_WS.search(data)
        if trail and start < end and (len(trail.group()) > 1 or "\n" in trail.group()):
            end = max(start, end - len(trail.group()))
        if end > start:
            self.ranges.append((start, end))

    def handle_entityref(self, name):
        # "AT&T" is prose that happens to contain "&T"; a real reference
        # ("&amp;", "&rsquo;") is markup and stays masked.
        if name in html5 or name + ";" in html5 or self.open_code:
            return
        start = self._offset()
        end = start + 1 + len(name)
        if self.text.startswith(";", end):
            end += 1
        self.ranges.append((start, end))


def prose_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets [start, end) of the prose in the HTML ``text``, in order."""
    finder = _ProseFinder(text)
    finder.feed(text)
    finder.close()
    return sorted(finder.ranges)
