"""Output writers.  Each takes the run's per-file results and returns the text to print.

A writer is a function ``write(results, *, color=False) -> str`` where each
result has ``path``, ``text`` (what was checked), ``diagnostics`` and
``errors``.  A writer that describes rules sets ``write.needs_rules = True``
and is also given ``rules=``, a list of :class:`RuleInfo` for every rule that
ran; :func:`render` passes it only to those, so other runs never compile rules
just to print.
"""
from __future__ import annotations

from . import github_format, json_format, junit_format, line_format, sarif_format, text_format
from .rules_info import RuleInfo

WRITERS = {
    "text": text_format.write,
    "json": json_format.write,
    "line": line_format.write,
    "sarif": sarif_format.write,
    "github": github_format.write,
    "junit": junit_format.write,
}


def render(fmt: str, results, *, color: bool = False, rules=None) -> str:
    """Run writer ``fmt``; ``rules`` is a list of RuleInfo or a callable returning one."""
    writer = WRITERS[fmt]
    if getattr(writer, "needs_rules", False):
        return writer(results, color=color, rules=list(rules() if callable(rules) else rules or ()))
    return writer(results, color=color)


__all__ = ["WRITERS", "RuleInfo", "render"]
