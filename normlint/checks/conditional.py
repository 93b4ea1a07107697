"""``conditional``: the presence of ``first`` requires ``second`` (Vale's kind).

The classic use: an acronym ("WHO") must be defined somewhere in the story
("World Health Organization (WHO)").  Group 1 of each pattern is compared.
"""
from __future__ import annotations

from .base import Check


class Conditional(Check):
    kind = "conditional"
    keys = frozenset({"first", "second"})
    required = frozenset({"first", "second"})

    def compile(self):
        for key in ("first", "second"):
            if not isinstance(self.rule.get(key), str):
                raise self.rule.error(f"'{key}' must be a pattern", key)
        self.first = self.compile_regex(self.rule.get("first"), "first")
        self.second = self.compile_regex(self.rule.get("second"), "second")

    @staticmethod
    def _key(m):
        return m.group(1) if m.re.groups else m.group()

    def run(self, doc):
        defined = {self._key(m) for m in self.finditer(self.second, doc.text, doc)}
        for m in self.finditer(self.first, doc.text, doc):
            key = self._key(m)
            if key in defined or not self.allowed(doc, *m.span(1 if m.re.groups else 0)):
                continue
            start, end = m.span(1 if m.re.groups else 0)
            yield self.diagnostic(doc, start, end, self.format(key))
