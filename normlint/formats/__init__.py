"""Output writers.  Each takes the run's per-file results and returns the text to print.

A writer is a function ``write(results, *, color=False) -> str`` where each
result has ``path``, ``text`` (what was checked) and ``diagnostics``.
"""
from __future__ import annotations

from . import json_format, line_format, text_format

WRITERS = {
    "text": text_format.write,
    "json": json_format.write,
    "line": line_format.write,
}

__all__ = ["WRITERS"]
