"""``normlint.UnusedSuppression``: built in, not a rule-file kind.

It finds nothing by itself; the engine, after applying the document's
suppression directives, asks it to report the ones that suppressed nothing
(see :mod:`normlint.suppressions`).  Being ``optional``, it runs only when
selected by id or pack, as ruff's RUF100.
"""
from __future__ import annotations

from .base import Check


class UnusedSuppression(Check):
    kind = "suppression"
    optional = True

    def run(self, doc):
        return ()


def unused_suppression_check() -> UnusedSuppression:
    from ..suppressions import UNUSED_RULE

    return UnusedSuppression(UNUSED_RULE)
