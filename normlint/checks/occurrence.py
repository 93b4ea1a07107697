"""``occurrence``: too many (or too few) of something in a scope (Vale's kind).

``token`` is counted per ``scope`` (sentence, paragraph or text); ``max`` and
``min`` bound the count.  Reported on the whole scope; never fixed.
"""
from __future__ import annotations

import regex

from ..lazy_pattern import lazy
from .base import Check

_SENTENCE = lazy(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|$)", regex.M)
_PARAGRAPH = lazy(r"(?:[^\n]|\n(?!\s*\n))+")


class Occurrence(Check):
    kind = "occurrence"
    keys = frozenset({"token", "max", "min"})
    required = frozenset({"token"})

    def compile(self):
        token = self.rule.get("token")
        if not isinstance(token, str) or not token:
            raise self.rule.error("'token' must be a pattern", "token")
        self.token = self.compile_regex(token, "token")
        self.max = self.rule.get("max")
        self.min = self.rule.get("min")
        for key in ("max", "min"):
            value = self.rule.get(key)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise self.rule.error(f"'{key}' must be a non-negative integer", key)
        if self.max is None and self.min is None:
            raise self.rule.error("occurrence rules need 'max' or 'min'")
        scope = self.rule.get("scope", "sentence")
        if isinstance(scope, list):
            scope = scope[0] if scope else "sentence"
        self.unit = {"sentence": _SENTENCE, "paragraph": _PARAGRAPH}.get(str(scope))

    def run(self, doc):
        text = doc.text
        spans = [(0, len(text))] if self.unit is None else [m.span() for m in self.unit.finditer(text)]
        for start, end in spans:
            chunk = text[start:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            start += len(chunk) - len(chunk.lstrip())
            end = start + len(stripped)
            n = sum(1 for _ in self.finditer(self.token, text, doc, start, end))
            if (self.max is not None and n > self.max) or (self.min is not None and n < self.min):
                if self.allowed(doc, start, end):
                    yield self.diagnostic(doc, start, end, self.format(n))
