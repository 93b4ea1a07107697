"""``--format text``: ruff/rustc-style, with the source line and a caret under the span.

News paragraphs are single long lines, so only a window around the span is shown.
"""
from __future__ import annotations

import click

WINDOW = 36  # characters of context shown either side of the span


def _style(s, color, **kw):
    return click.style(s, **kw) if color else s


def _excerpt(line: str, col: int, end_col: int) -> tuple[str, int, int]:
    """Cut a long line to a window around [col, end_col) (1-based); return text and new columns."""
    start = max(col - 1 - WINDOW, 0)
    end = min(max(end_col - 1, col) + WINDOW, len(line))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    text = prefix + line[start:end] + suffix
    return text, col - start + len(prefix), end_col - start + len(prefix)


SEVERITY_COLOR = {"error": "red", "warning": "yellow", "suggestion": "cyan"}


def format_diagnostic(d, text_lines, color=False) -> str:
    sev = str(d.severity)
    out = [f"{_style(f'{d.path}:{d.line}:{d.column}', color, bold=True)}: "
           f"{_style(d.rule, color, fg=SEVERITY_COLOR[sev], bold=True)} [{sev}] {d.message}"]
    if text_lines is not None and 0 < d.line <= len(text_lines):
        src = text_lines[d.line - 1].rstrip("\r")
        end_col = d.end_column if d.end_line == d.line else len(src) + 1
        shown, c1, c2 = _excerpt(src, d.column, end_col)
        gutter = " " * len(str(d.line))
        width = max(c2 - c1, 1)
        out.append(f"{gutter} |")
        out.append(f"{d.line} | {shown}")
        out.append(f"{gutter} | {' ' * (c1 - 1)}{_style('^' * width, color, fg=SEVERITY_COLOR[sev])}")
        if d.fix is not None:
            shown_fix = repr(d.fix.replacement) if not d.fix.replacement.strip() else d.fix.replacement
            out.append(f"{gutter} = fix ({d.fix.applicability}): {shown_fix}")
        elif d.suggestions:
            out.append(f"{gutter} = suggestions: {', '.join(d.suggestions)}")
    return "\n".join(out) + "\n"


def write(results, *, color: bool = False) -> str:
    chunks = []
    for r in results:
        lines = r.text.split("\n") if r.text is not None else None
        for d in r.diagnostics:
            chunks.append(format_diagnostic(d, lines, color))
    return "\n".join(chunks)
