"""Patterns compiled on first use.

Compiling the patterns the checks define at module level took about a third of a short
run's start-up (``normlint check`` on one small file), and most runs never use most of
them: they serve rare shapes of text (numbers with units in non-ASCII text, names of
another language, inline suppressions).  A :class:`LazyPattern` stands where the compiled
pattern stood and compiles it the first time one of its methods or attributes is asked
for; after that each use costs one attribute look-up more, which only matters inside a
per-token loop, where patterns stay compiled at import.
"""
from __future__ import annotations

import re

import regex


class LazyPattern:
    __slots__ = ("_args", "_engine", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, engine=regex):
        self._args = (pattern, flags)
        self._engine = engine
        self._compiled = None

    def __getattr__(self, name: str):
        # (called only for names the slots above do not hold: the pattern's own; a slot
        # not yet set, as while unpickling, is no pattern attribute)
        if name in LazyPattern.__slots__:
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._engine.compile(*self._args)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A ``regex`` pattern compiled on first use."""
    return LazyPattern(pattern, flags, regex)


def lazy_re(pattern: str, flags: int = 0) -> LazyPattern:
    """A standard-library ``re`` pattern compiled on first use."""
    return LazyPattern(pattern, flags, re)
