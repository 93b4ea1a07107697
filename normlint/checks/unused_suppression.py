"""``normlint.UnusedSuppression``: built in, not a rule-file kind.

It finds nothing by itself; the engine, after applying the document's
suppression directives, asks it to report the ones that suppressed nothing
(see :mod:`normlint.suppressions`).  The engine keeps it apart from the rule
files (``Linter.optional_checks``): it runs only when selected by id or pack.
"""
from __future__ import annotations

from .base import Check


class UnusedSuppression(Check):
    kind = "suppression"

    def run(self, doc):
        return ()


def unused_suppression_check() -> UnusedSuppression:
    from ..suppressions import UNUSED_RULE

    return UnusedSuppression(UNUSED_RULE)
