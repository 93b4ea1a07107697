"""The Python API: ``lint_text`` and ``fix_text``.

>>> from normlint import lint_text, fix_text
>>> [d.rule for d in lint_text("It started pm Wedmesday.")]
['Typos.Context', 'Typos.Weekdays']
>>> fix_text("It started pm Wedmesday.").text
'It started on Wednesday.'
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .config import Config
from .diagnostics import Diagnostic
from .engine import Linter


@lru_cache(maxsize=16)
def _linter(config: Config) -> Linter:
    return Linter(config)


_last: list = [None, None]  # (config, its linter): a run asks for one config file after file


def get_linter(config: Config | None = None) -> Linter:
    """A compiled Linter for ``config`` (cached: rules compile once per process)."""
    if config is not None and config is _last[0]:
        return _last[1]  # (the same object: no hashing of the whole configuration)
    linter = _linter(config or Config())
    if config is not None:
        _last[:] = [config, linter]
    return linter


def forget_linters() -> None:
    """Drop every Linter this module holds (the rules stay compiled where else they are held)."""
    _linter.cache_clear()
    _last[:] = [None, None]


def clear_caches() -> None:
    """Forget compiled rules and configs (after rule or config files change on disk)."""
    from . import config, packs, vocab

    forget_linters()
    vocab.load_vocab.cache_clear()
    packs.load_checks.cache_clear()
    config.clear_caches()


def lint_text(text: str, config: Config | None = None, *, path: str = "-") -> list[Diagnostic]:
    """Diagnostics for ``text``, sorted by position then rule id."""
    return get_linter(config).lint(text, path).diagnostics


@dataclass
class FixOutcome:
    text: str  # the fixed text
    applied: list[Diagnostic]  # the problems fixed, in the pass they were fixed
    remaining: list[Diagnostic]  # what is still reported in the fixed text
    converged: bool = True
    unstable_rules: tuple[str, ...] = ()


def fix_text(text: str, config: Config | None = None, unsafe: bool = False, *, path: str = "-") -> FixOutcome:
    """Apply safe fixes (and unsafe ones if ``unsafe``) until the text is stable."""
    result, _ = get_linter(config).fix(text, path, unsafe=unsafe)
    return FixOutcome(result.text, result.applied, result.remaining, result.converged,
                      tuple(result.unstable_rules))
