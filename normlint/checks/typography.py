"""``typography``: quotation marks, apostrophes and whitespace.

One rule per ``aspect``:

- ``quotes``: straight and curly double quotes mixed in one article are unified
  to the article's majority family (a tie goes to curly); a curly quote facing
  the wrong way is turned round.
- ``apostrophes``: the same for apostrophes inside words ("Iraq's" / "Iraq’s").
- ``doubled-spaces``: two to four spaces between words in running prose.
- ``space-before-punctuation``: "word ," -> "word,".
- ``trailing-whitespace`` and ``final-newline``.

Intentional layout is left alone.  A line is *layout* when it is indented
(a code block in Markdown; elsewhere unless it reads as prose, as in copy that
indents every paragraph), holds a tab or a Markdown table bar, has a run of three or more spaces, or
has two or more doubled gaps without being running prose (columns: wire
tables such as "Shr  1.20 dlrs  vs  1.10 dlrs"); a short line next to a
layout line ("Super Tankers  Regular Vessels" over its columns) is layout too.  Two spaces after a full
stop, colon, question or exclamation mark are a typing convention, not a slip.
In Markdown files, two or more spaces ending a line are a hard line break.
"""
from __future__ import annotations

import bisect

import regex

from ..lazy_pattern import lazy, lazy_re
from ..diagnostics import NONE, SAFE
from ..markup import MASK
from .base import Check

ASPECTS = ("quotes", "apostrophes", "doubled-spaces", "space-before-punctuation",
           "trailing-whitespace", "final-newline")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_RUN = lazy(r"(?<=\S)( {2,})(?=\S)")
# _RUN for ASCII text on the faster ``re`` engine: regex's \S is "not White_Space", which in
# ASCII is [^\t\n\v\f\r ] (re's \S also refuses \x1c-\x1f); tests compare the two.
_RUN_ASCII = lazy_re(r"(?<=[^\x09-\x0d ])( {2,})(?=[^\x09-\x0d ])")
_TRAILING = lazy(r"[ \t\u00a0\u3000]+(?=\n|\Z)")
_BEFORE_PUNCT = lazy(r"(?<=[\p{L}\p{N}\)\]”’\"'%])[ \u00a0]+(?=[,.;:!?](?:[\s\"”’]|\Z))")
# What the patterns above need, for C-level substring tests that skip most texts.
# A space right before one of these marks, for a C-level search that rules most texts out.
# It matches the mark first (rarer than spaces: the engine skips to them) and then looks back.
_GAP_BEFORE_MARK = lazy_re("[,.;:!?](?<=[ \u00a0][,.;:!?])")
# A line ending in _TRAILING's characters (or the text ending in one), the same way round.
_TRAILING_LINE = lazy_re("\n(?<=[ \t\u00a0\u3000]\n)")
_TRAILING_CHARS = (" ", "\t", "\u00a0", "\u3000")
_WORD = lazy(r"[\p{L}\p{N}]+")
# In ASCII text: each _WORD holding a lower-case letter, whole (greedy on both sides of it).
_ASCII_LOWER_WORD = lazy_re(r"[A-Za-z0-9]*[a-z][A-Za-z0-9]*")
_CELL = lazy(r"(?<=\S) {2,}(?=\S)")
_INWORD_APOS = lazy(r"(?<=\p{L})['’‘](?=\p{L})")
# Characters after which a double quote opens a quotation.
_OPENERS = set("([{<—–-/\u00a0") | {"\n", "\t", " "}


def _may_have_quotes(text: str) -> bool:
    return "“" in text or "”" in text  # else straight quotes only: nothing to unify or turn round


def _may_have_apostrophes(text: str) -> bool:
    return "’" in text or "‘" in text


def _may_trail(text: str) -> bool:
    """Whether _TRAILING can match: a line (or the text) ending in its characters."""
    return text.endswith(_TRAILING_CHARS) or _TRAILING_LINE.search(text) is not None


def _lacks_final_newline(doc) -> bool:
    # A file property: text from stdin or the Python API (path "-") is a
    # snippet that a filter must not grow.
    path = doc.path
    if path in ("-", "") or path.startswith("<stdin"):
        return False
    text = doc.text
    return bool(text) and not text.endswith("\n")


def after_sentence(text: str, i: int) -> bool:
    """Whether the gap at ``i`` follows the end of a sentence (or a colon)."""
    before = text[i - 1] if i else ""
    return before in ".!?:" or (before in "\"”’'" and i >= 2 and text[i - 2] in ".!?:")


class Layout:
    """Which lines of a text are intentional layout (tables, indented blocks)."""

    def __init__(self, text: str, markdown: bool = False):
        self.text = text
        self.starts = [0]
        lines = text.split("\n")
        for line in lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        strong = []
        doubled = []
        prose = []
        for line in lines:
            # gaps after a sentence ("board.  It said") are a typing habit, not columns
            runs = [len(m.group(1)) for m in (_RUN_ASCII if line.isascii() else _RUN).finditer(line)
                    if not after_sentence(line, m.start(1))] \
                if "  " in line else []  # (a C-level test: most lines have no run of spaces)
            doubled.append(bool(runs))
            # running prose: many lower-case words, few of the gaps doubled
            # (table rows are mostly figures and capitals)
            if line.isascii():
                words = len(_ASCII_LOWER_WORD.findall(line))  # the same count, in one C-level pass
            else:
                words = sum(1 for w in _WORD.findall(line) if any(c.islower() for c in w))
            prose.append(words >= 8 and len(runs) * 4 < words)
            body = line.strip()
            indent = len(line) - len(line.lstrip())
            # An indented line is a code block in Markdown (four spaces or a tab)
            # and elsewhere unless it reads as prose: some copy indents every paragraph.
            indented = indent > 0 and ((markdown and (indent >= 4 or line[:1] == "\t")) or not prose[-1])
            strong.append(bool(body) and (
                indented or "\t" in body or body.startswith("|") or body.count("|") >= 2
                or any(r >= 3 for r in runs) or (len(runs) >= 2 and not prose[-1])))
        layout = list(strong)
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        for k, i in enumerate(nonblank):
            if doubled[i] and not strong[i] and not prose[i]:
                near = [nonblank[j] for j in (k - 1, k + 1) if 0 <= j < len(nonblank)]
                if any(strong[j] for j in near):
                    layout[i] = True
        self.lines = lines
        self.layout = layout
        self.prose = prose
        # Tables: runs of layout lines with only blank lines between them.  For
        # each, the columns where a cell starts after a gap of two or more spaces.
        self.table_of = [-1] * len(lines)
        self.cell_starts: list[list[set]] = []  # per table, per member row: its cell-start columns
        self.members: list[list[int]] = []
        prev = None
        for i in nonblank:
            if not layout[i]:
                prev = None
                continue
            if prev is None:
                self.members.append([])
            self.members[-1].append(i)
            self.table_of[i] = len(self.members) - 1
            prev = i
        self.cells = {i: {m.end() for m in _CELL.finditer(lines[i])} for t in self.members for i in t}

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def is_layout(self, offset: int) -> bool:
        return self.layout[self.line_of(offset)]

    def column_gap(self, line: int, column: int) -> bool:
        """Whether a cell starting at ``column`` of a table row lines up with a
        cell of another row (a column), or the row stands alone (cannot tell)."""
        t = self.table_of[line]
        rows = self.members[t] if t >= 0 else [line]
        others = [r for r in rows if r != line]
        return not others or any(column in self.cells[r] for r in others)


def layout_of(doc) -> Layout:
    cache = doc.__dict__
    lay = cache.get("_layout")
    if lay is None:
        lay = cache["_layout"] = Layout(doc.text, doc.path.lower().endswith(MARKDOWN_SUFFIXES))
    return lay


def _opening_position(text: str, i: int) -> bool | None:
    """Whether a double quote at ``i`` opens (True) or closes (False) a quotation;
    None when the context cannot tell ("a " b": spaces on both sides)."""
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev == MASK or nxt == MASK:
        # Markup next to the mark (Markdown and HTML: a tag, emphasis, a code
        # span) says nothing; look past it.  After markup, what follows
        # decides: '<p>"The' opens, 'word</i>" he said' closes.
        k = i + 1
        while k < len(text) and text[k] == MASK:
            k += 1
        nxt = text[k] if k < len(text) else "\n"
        if prev == MASK:
            return not (nxt.isspace() or nxt in ".,;:!?)]")
    if prev in _OPENERS or prev in "“‘'\"":
        if nxt.isspace() or (prev == " " and nxt in ".,;:!?)"):
            return None  # 'said " and', '“Yes ”.': a stray space, not an opening
        return True
    return False


class Typography(Check):
    kind = "typography"
    keys = frozenset({"aspect"})
    required = frozenset({"aspect"})
    can_fix = True
    default_fix = SAFE

    def compile(self):
        self.aspect = aspect = self.choice("aspect", ASPECTS)
        self.handler = getattr(self, "_" + aspect.replace("-", "_"))
        self.feature_gate = frozenset((aspect,))

    @staticmethod
    def doc_features(doc, wanted=frozenset(ASPECTS)) -> set[str]:
        """The aspects (of those ``wanted``) whose handler's pre-test the text passes (each
        handler returns at once otherwise): one call for the six rules, most of whose tests
        fail on most articles."""
        text = doc.text
        out = set()
        if "quotes" in wanted and _may_have_quotes(text):
            out.add("quotes")
        if "apostrophes" in wanted and _may_have_apostrophes(text):
            out.add("apostrophes")
        if "doubled-spaces" in wanted and "  " in text:
            out.add("doubled-spaces")
        if "space-before-punctuation" in wanted and _GAP_BEFORE_MARK.search(text):
            out.add("space-before-punctuation")
        if "trailing-whitespace" in wanted and _may_trail(text):
            out.add("trailing-whitespace")
        if "final-newline" in wanted and _lacks_final_newline(doc):
            out.add("final-newline")
        return out

    def run(self, doc):
        for start, end, replacement, message_args, suggestions in self.handler(doc):
            if start != end and not self.allowed(doc, start, end):
                continue
            yield self.diagnostic(doc, start, end, self.format(*message_args), replacement,
                                  suggestions=suggestions or ((replacement,) if replacement is not None else ()),
                                  applicability=None if replacement is not None else NONE)

    # -- quotation marks -----------------------------------------------------
    def _quotes(self, doc):
        text = doc.text
        if not _may_have_quotes(text):
            return  # straight quotes only: consistent, nothing to turn round (a C-level test)
        marks = []
        for m in regex.finditer(r"[\"“”]", text):
            i = m.start()
            if text[i] == '"' and i and text[i - 1].isdigit():
                continue  # 12" is inches (or seconds of arc), not a quotation mark
            marks.append(i)
        straight = sum(1 for i in marks if text[i] == '"')
        curly = len(marks) - straight
        want_curly = curly >= straight
        for i in marks:
            ch = text[i]
            if ch == '"':
                if not want_curly or not curly:
                    continue  # no curly quotes at all: the article is consistent
                opening = _opening_position(text, i)
                if opening is None:
                    yield (i, i + 1, None, ("“' or '”", ch), ("“", "”"))
                    continue
                new = "“" if opening else "”"
                yield (i, i + 1, new, (new, ch), ())
            elif not want_curly:
                yield (i, i + 1, '"', ('"', ch), ())
            else:
                opening = _opening_position(text, i)
                if opening is None:
                    continue
                right = "“" if opening else "”"
                if right != ch:
                    yield (i, i + 1, right, (right, ch), ())

    def _apostrophes(self, doc):
        text = doc.text
        if not _may_have_apostrophes(text):
            return  # straight apostrophes only: consistent
        marks = [m.start() for m in _INWORD_APOS.finditer(text)]
        straight = sum(1 for i in marks if text[i] == "'")
        curly = len(marks) - straight
        want = "’" if curly >= straight else "'"
        for i in marks:
            ch = text[i]
            if ch == want:
                continue
            if ch == "'" and not curly:
                continue
            yield (i, i + 1, want, (want, ch), ())

    # -- whitespace ------------------------------------------------------------
    def _doubled_spaces(self, doc):
        text = doc.text
        if "  " not in text:
            return
        lay = None  # analysed on the first run of spaces: most articles have none
        for m in (_RUN_ASCII if text.isascii() else _RUN).finditer(text):
            start, end = m.span(1)
            if end - start > 4 or after_sentence(text, start):
                continue  # two spaces after a sentence: a typing convention, not a slip (in layout too)
            lay = lay or layout_of(doc)
            if lay.is_layout(start):
                # Inside a table, two spaces between lower-case letters that do
                # not line up with any other row's cells are a slip ("no  quote").
                line = lay.line_of(start)
                if not (end - start == 2 and text[start - 1].islower() and text[end].islower()) \
                        or lay.table_of[line] < 0 or lay.column_gap(line, end - lay.starts[line]):
                    continue
            if not lay.prose[lay.line_of(start)] and not (text[start - 1].islower() and text[end].islower()):
                continue  # short lines ("Super Tankers  Regular Vessels", "TOLEDO  58") may be laid out by hand
            yield (start, end, " ", (), ())

    def _space_before_punctuation(self, doc):
        text = doc.text
        if not _GAP_BEFORE_MARK.search(text):
            return  # _BEFORE_PUNCT needs a space right before one of these marks
        lay = None  # analysed on the first match only
        for m in _BEFORE_PUNCT.finditer(text):
            start, end = m.span()
            lay = lay or layout_of(doc)
            if lay.is_layout(start):
                continue
            mark = text[end]
            if mark == "." and text[end + 1:end + 3] == " .":
                continue  # a spaced ellipsis ". . ."
            after = text[end + 1:end + 3]
            if after[:1] in "\"“" and after[1:2] and not after[1:2].isspace():
                # 'he added :"If' -> 'he added: "If': the space belongs after the mark
                yield (start, end + 1, mark + " ", (mark,), ())
            else:
                yield (start, end, "", (mark,), ())

    def _trailing_whitespace(self, doc):
        text = doc.text
        if not _may_trail(text):
            return  # nothing _TRAILING could match
        markdown = doc.path.lower().endswith(MARKDOWN_SUFFIXES)
        for m in _TRAILING.finditer(text):
            start, end = m.span()
            if markdown and end - start >= 2 and text[start - 1:start] not in ("", "\n") \
                    and set(m.group()) == {" "} and regex.match(r"\n[ \t]*\S", text[end:end + 200]):
                continue  # a Markdown hard line break
            yield (start, end, "", (), ())

    def _final_newline(self, doc):
        # A file property: text from stdin or the Python API (path "-") is a
        # snippet that a filter must not grow.
        if _lacks_final_newline(doc):
            n = len(doc.text)
            yield (n, n, "\n", (), ())
