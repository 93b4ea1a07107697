"""Output writers.  Each takes the run's per-file results and returns the text to print.

A writer is a function ``write(results, *, color=False) -> str`` where each
result has ``path``, ``text`` (what was checked), ``diagnostics`` and
``errors``.  A writer that describes rules sets ``write.needs_rules = True``
and is also given ``rules=``, a list of :class:`RuleInfo` for every rule that
ran; :func:`render` passes it only to those, so other runs never compile rules
just to print.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping

# Writer modules are imported when used: a plain run needs one of them, and
# some pull in sizeable parts of the standard library (JUnit: xml.etree).
_MODULES = {
    "text": "text_format",
    "json": "json_format",
    "line": "line_format",
    "sarif": "sarif_format",
    "github": "github_format",
    "junit": "junit_format",
}


class _Writers(Mapping):
    def __getitem__(self, fmt: str):
        return importlib.import_module(f".{_MODULES[fmt]}", __name__).write

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


WRITERS = _Writers()


def __getattr__(name: str):
    if name == "RuleInfo":
        from .rules_info import RuleInfo

        return RuleInfo
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(fmt: str, results, *, color: bool = False, rules=None) -> str:
    """Run writer ``fmt``; ``rules`` is a list of RuleInfo or a callable returning one."""
    writer = WRITERS[fmt]
    if getattr(writer, "needs_rules", False):
        return writer(results, color=color, rules=list(rules() if callable(rules) else rules or ()))
    return writer(results, color=color)


__all__ = ["WRITERS", "RuleInfo", "render"]
