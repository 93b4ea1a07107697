"""Markdown: the prose of paragraphs, headings, list items, quotes and table cells.

Parsed with markdown-it-py (CommonMark, plus GitHub tables and strikethrough).
Block tokens say which lines hold inline text; the inline rules are wrapped so
that every piece of markup they consume (code spans, link brackets and targets,
images, autolinks, inline HTML, entities, escapes, emphasis delimiters, line
break whitespace) is recorded at its exact offset.  What is left is prose.
Everything else stays masked: fenced and indented code, front matter, link
reference definitions, rules and container markers (``>``, ``-``, ``1.``,
``#``).  HTML blocks are handed to the HTML reader, so their text is checked
and their tags are not.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..lazy_pattern import lazy

_LINE_BREAK = lazy(r"\r\n?|\n")  # markdown-it's own idea of a line
_FRONT_MATTER_OPEN = lazy(r"(---|\+\+\+)[ \t]*(?:\r\n?|\n)")
_KEY = "_normlint_markup"  # env key the recording rules append to

# Inline rules whose whole match is markup.  "text" is prose; "link" is markup
# except for its label, which is tokenized (and recorded) recursively.
_MARKUP_RULES = frozenset({"newline", "escape", "backticks", "strikethrough", "emphasis", "link",
                           "image", "autolink", "html_inline", "entity", "linkify"})


def _recording(name, fn):
    def rule(state, silent):
        start = state.pos
        label_end = -1
        if name == "link" and not silent:
            if state.src[start] != "[":
                return False
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
        ok = fn(state, silent)
        if ok and not silent:
            out = state.env.get(_KEY)
            if out is not None:
                end = state.pos
                if name == "link":
                    out.append((start, start + 1))
                    out.append((label_end, end))
                else:
                    # For "newline" that is the line end and the next line's
                    # indentation; the spaces before the line end stay visible as
                    # trailing whitespace (a hard break's "  " is the typography
                    # rules' business, not a word).
                    out.append((start, end))
        return ok

    return rule


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Inline content is parsed token by token below, with a recorder per token.
    md.disable("inline")
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in _MARKUP_RULES:
            md.inline.ruler.at(rule.name, _recording(rule.name, rule.fn))
    return md


def front_matter_end(text: str) -> int:
    """End offset of a YAML (``---``) or TOML (``+++``) front matter block, or 0."""
    m = _FRONT_MATTER_OPEN.match(text)
    if not m:
        return 0
    closers = ("---", "...") if m.group(1) == "---" else ("+++",)
    pos = m.end()
    while pos < len(text):
        br = _LINE_BREAK.search(text, pos)
        line_end = br.start() if br else len(text)
        if text[pos:line_end].rstrip(" \t") in closers:
            return line_end
        if br is None:
            break
        pos = br.end()
    return 0  # never closed: a thematic break, not front matter


class _Lines:
    def __init__(self, text: str):
        self.starts = [0]
        self.ends = []
        for m in _LINE_BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))
        self.text = text

    def __len__(self):
        return len(self.starts)

    def line(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]


def _segments(content: str, first_line: int, lines: _Lines, cursor: dict | None, tails: list):
    """Map each line of a token's ``content`` onto the file: (content start, content end, file start).

    Whitespace that ends a mapped line after its content (a trimmed paragraph's
    last line, a heading's) is appended to ``tails`` as a file range: it is not
    markup, and trailing-whitespace rules should see it.

    A token's content is its source lines with container prefixes (``> ``,
    list indentation, ``# ``) and outer spaces removed, so each content line is
    found in its source line: the last occurrence for paragraphs and headings
    (what follows it is at most a closing ``#`` run or spaces), the next one
    after the previous cell for table cells.  A line that cannot be found
    (tab expansion) stays masked.
    """
    segs = []
    offset = 0
    for j, piece in enumerate(content.split("\n")):
        line_no = first_line + j
        body = piece.lstrip(" ")
        lead = len(piece) - len(body)
        if body and line_no < len(lines):
            src_line = lines.line(line_no)
            if cursor is None:
                pos = src_line.rfind(body)
            else:
                pos = src_line.find(body, cursor.get(line_no, 0))
                if pos >= 0:
                    cursor[line_no] = pos + len(body)
            if pos >= 0:
                segs.append((offset + lead, offset + len(piece), lines.starts[line_no] + pos))
                rest = pos + len(body)
                if cursor is None and rest < len(src_line) and not src_line[rest:].strip():
                    tails.append((lines.starts[line_no] + rest, lines.starts[line_no] + len(src_line)))
        offset += len(piece) + 1
    return segs


def _map(content_ranges, segs):
    """Content-offset ranges -> file-offset ranges, clipped to the mapped lines."""
    out = []
    for start, end in content_ranges:
        for c0, c1, s0 in segs:
            lo, hi = max(start, c0), min(end, c1)
            if lo < hi:
                out.append((s0 + lo - c0, s0 + hi - c0))
    return out


def _inline_prose(md, content: str, env: dict) -> list[tuple[int, int]]:
    """Prose ranges of one inline token's content (content offsets)."""
    markup: list[tuple[int, int]] = []
    env[_KEY] = markup
    try:
        md.inline.parse(content, md, env, [])
    finally:
        env.pop(_KEY, None)
    covered = bytearray(len(content))
    for start, end in markup:
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
    ranges = []
    for m in regex.finditer(rb"\x00+", bytes(covered)):
        ranges.append(m.span())
    return ranges


def prose_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets [start, end) of the prose in the Markdown ``text``."""
    md = _parser()
    fm_end = front_matter_end(text)
    # Front matter is blanked (newlines kept) so markdown-it sees the same lines
    # but no "---" heading underline.
    md_text = regex.sub(r"[^\r\n]", " ", text[:fm_end]) + text[fm_end:] if fm_end else text
    env: dict = {}
    tokens = md.parse(md_text, env)
    lines = _Lines(text)
    cell_cursor: dict[int, int] = {}
    prose: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if not tok.map:
            continue
        if tok.type == "inline":
            in_cell = i > 0 and tokens[i - 1].type in ("th_open", "td_open")
            segs = _segments(tok.content, tok.map[0], lines, cell_cursor if in_cell else None, prose)
            if segs:
                prose.extend(_map(_inline_prose(md, tok.content, env), segs))
        elif tok.type == "html_block":
            from .html import prose_ranges as html_prose

            segs = _segments(tok.content, tok.map[0], lines, None, prose)
            if segs:
                prose.extend(_map(html_prose(tok.content), segs))
    return sorted(prose)
