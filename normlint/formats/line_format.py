"""``--format line``: ``path:line:column:rule:message``, Vale's line form."""
from __future__ import annotations


def write(results, *, color: bool = False) -> str:
    return "".join(f"{d.path}:{d.line}:{d.column}:{d.rule}:{d.message}\n" for r in results for d in r.diagnostics)
