"""Markdown and HTML: only the prose is checked.

A markup file becomes a :class:`~normlint.document.Document` whose ``text`` is
the file with every character that is not prose (code, URLs and link targets,
tags and attributes, comments, front matter, markup punctuation such as list
markers and emphasis stars) replaced by :data:`MASK`.  Newlines are kept and
the length is unchanged, so offsets, lines and columns are the file's own and a
fix is applied to the original file byte for byte.  ``skip_spans`` lists the
masked runs: the engine drops any diagnostic whose edit would touch one.

MASK is a private-use character: it is not a letter, digit, space or quotation
mark, so word tokens, ``\\b`` boundaries, doubled-space rules and quotation
pairing all treat a masked run like opaque punctuation, and no rule can match
text that was never there.
"""
from __future__ import annotations

from ..lazy_pattern import lazy
from ..document import Document

MASK = "\ue000"
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

# Bare URLs and e-mail addresses in prose are not words to check either.  The
# last character may not be sentence punctuation ("see https://x.org.").
_URL = lazy(
    r"(?i)(?<![\w@])(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>\ue000]*[^\s<>\ue000.,;:!?'\"’”)\]]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<![.])")
_MASKED_RUN = lazy(rb"\x01+")
_NEWLINE = lazy(r"[\r\n]")


def markup_kind(path: str | None) -> str | None:
    """``"markdown"``, ``"html"`` or None (plain text), from the file name's suffix."""
    if not path or path == "-":
        return None
    lower = str(path).lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return None


def masked_document(source: str, path: str, prose) -> Document:
    """A Document checking only the ``prose`` ranges (source offsets) of ``source``."""
    n = len(source)
    mask = bytearray(b"\x01") * n
    for start, end in prose:
        if end > start:
            mask[start:end] = bytes(end - start)
    for m in _NEWLINE.finditer(source):
        mask[m.start()] = 0
    text = _apply(source, mask)
    # URLs are found on the masked text so a link target already masked never
    # glues onto the prose next to it.
    urls = [m.span() for m in _URL.finditer(text)]
    if urls:
        for start, end in urls:
            mask[start:end] = b"\x01" * (end - start)
        for m in _NEWLINE.finditer(source):
            mask[m.start()] = 0
        text = _apply(source, mask)
    spans = [m.span() for m in _MASKED_RUN.finditer(mask)]
    return Document(text, path, skip_spans=spans, source=source)


def _apply(source: str, mask: bytearray) -> str:
    parts = []
    last = 0
    for m in _MASKED_RUN.finditer(mask):
        start, end = m.span()
        parts.append(source[last:start])
        parts.append(MASK * (end - start))
        last = end
    parts.append(source[last:])
    return "".join(parts)


def markup_document(text: str, path: str) -> Document | None:
    """The masked Document for a Markdown or HTML ``path``; None for plain text."""
    kind = markup_kind(path)
    if kind == "markdown":
        from .markdown import prose_ranges
    elif kind == "html":
        from .html import prose_ranges
    else:
        return None
    return masked_document(text, path, prose_ranges(text))
