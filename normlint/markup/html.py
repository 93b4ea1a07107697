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

from ..lazy_pattern import lazy

NOT_PROSE_ELEMENTS = frozenset({"script", "style", "code", "pre", "kbd", "samp", "svg", "math", "textarea"})

# HTML's own whitespace, which browsers collapse (a no-break space is text).
_LEADING_WS = lazy(r"\A[ \t\n\r\f]+")
_TRAILING_WS = lazy(r"[ \t\n\r\f]+\Z")


def _layout_tail(run: str, alone: bool) -> int:
    """How many characters at the end of a whitespace ``run`` that meets a tag are layout.

    Whitespace a browser collapses is layout: the indentation after the run's
    last line end, or a run of several spaces, or any run that is all the text
    between two tags (``alone``).  Whitespace that ends a line is kept for
    trailing-whitespace rules; it can never make a doubled space, since a line
    end follows it.
    """
    nl = run.rfind("\n")
    tail = len(run) - nl - 1
    if nl >= 0 or alone or tail > 1:
        return tail
    return 0


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
        text = data.strip(" \t\n\r\f")
        lead = _LEADING_WS.search(data)
        if lead:
            cut = _layout_tail(lead.group(), not text)
            self.ranges.append((start, start + lead.end() - cut))
            start += lead.end()
        if not text:
            return
        trail = _TRAILING_WS.search(data)
        if trail:
            end -= _layout_tail(trail.group(), False)
        self.ranges.append((start, end))

    def parse_marked_section(self, i, report=1):
        # Python before 3.13 raises AssertionError on a malformed "<![...";
        # browsers read it as a bogus comment up to the next ">" (or the end).
        saved = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = saved  # it may have moved them before giving up
            j = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if j < 0 else j + 1

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
    try:
        finder.feed(text)
        finder.close()
    except AssertionError:
        # The standard parser gave up on malformed markup: what it found so far
        # is checked, the rest stays masked (never reported, never changed).
        pass
    return sorted(finder.ranges)
