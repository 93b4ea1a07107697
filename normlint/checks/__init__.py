"""Check kinds, by the name a rule file gives in ``extends``.

Adding a kind: write a module with one :class:`~normlint.checks.base.Check`
subclass and register it in ``KINDS``.
"""
from __future__ import annotations

from .base import Check, RuleTimeout
from .conditional import Conditional
from .consistency import Consistency
from .existence import Existence
from .grammar import Grammar
from .occurrence import Occurrence
from .repetition import Repetition
from .spelling import Spelling
from .substitution import Substitution
from .typography import Typography
from .units import Units

KINDS: dict[str, type[Check]] = {
    cls.kind: cls for cls in (Existence, Substitution, Consistency, Repetition, Occurrence, Conditional,
                              Grammar, Units, Typography, Spelling)
}

# Vale kinds normlint does not implement: named in the error so a user loading a
# Vale style knows which rule files to drop or port.
VALE_ONLY = frozenset({"capitalization", "metric", "sequence", "script", "readability"})

__all__ = ["Check", "KINDS", "RuleTimeout"]
