"""Patterns compiled on first use.

Compiling the patterns the checks define at module level took about a third of a short
run's start-up (``normlint check`` on one small file), and most runs never use most of
them: they serve rare shapes of text (numbers with units in non-ASCII text, names of
another language, inline suppressions).  A :class:`LazyPattern` stands where the compiled
pattern stood and compiles it the first time one of its methods or attributes is asked
for.  What was asked for is then kept on the instance, so from the second use on
``p.search`` is one dictionary look-up, as cheap as on the compiled pattern itself: a
pattern used once per token costs nothing for being lazy.
"""
from __future__ import annotations

import re

import regex

_ENGINES = {"regex": regex, "re": re}


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0, engine=regex):
        self._args = (pattern, flags)
        self._engine = engine
        self._compiled = None

    def __getattr__(self, name: str):
        # Called only for names the instance does not hold yet: the pattern's own.  A
        # private name is none of them (and, while the instance is being built, asking
        # for ``_args`` must not recurse).
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._engine.compile(*self._args)
        value = getattr(compiled, name)
        self.__dict__[name] = value  # (a bound method of the compiled pattern: reused as is)
        return value

    def __reduce__(self):
        return _rebuild, (self._args[0], self._args[1], self._engine.__name__)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r})"


def _rebuild(pattern: str, flags: int, engine: str) -> LazyPattern:
    return LazyPattern(pattern, flags, _ENGINES[engine])


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A ``regex`` pattern compiled on first use."""
    return LazyPattern(pattern, flags, regex)


def lazy_re(pattern: str, flags: int = 0) -> LazyPattern:
    """A standard-library ``re`` pattern compiled on first use."""
    return LazyPattern(pattern, flags, re)
