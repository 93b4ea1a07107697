"""``existence``: report every match of a list of tokens (Vale's kind).

A fix is possible through Vale's ``action``: ``remove`` deletes the match,
``replace`` with one param substitutes it.
"""
from __future__ import annotations

from .base import Check


class Existence(Check):
    kind = "existence"
    keys = frozenset({"tokens", "raw", "append"})
    can_fix = True

    def compile(self):
        tokens = self.rule.get("tokens")
        raw = self.rule.get("raw")
        if tokens is None and raw is None:
            raise self.rule.error("existence rules need 'tokens' or 'raw'")
        if raw is not None:
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                raise self.rule.error("'raw' must be a list of pattern pieces", "raw")
            pattern = "".join(raw)
        else:
            if isinstance(tokens, str):
                tokens = [tokens]
            if not isinstance(tokens, list) or not tokens or not all(isinstance(x, str) for x in tokens):
                raise self.rule.error("'tokens' must be a non-empty list of patterns", "tokens")
            for t in tokens:
                self.compile_regex(t, "tokens")  # name the bad token, not the combined pattern
            body = "|".join(f"(?:{t})" for t in tokens)
            pattern = body if self.nonword else rf"\b(?:{body})\b"
        self.pattern = self.compile_regex(pattern, "raw" if raw is not None else "tokens")
        self.replacement = None
        action = self.rule.get("action")
        if action is not None:
            if not isinstance(action, dict) or "name" not in action:
                raise self.rule.error("'action' must be a mapping with a 'name'", "action")
            name, params = action.get("name"), action.get("params") or []
            if name == "remove":
                self.replacement = ""
            elif name == "replace" and len(params) == 1 and isinstance(params[0], str):
                self.replacement = params[0]
            elif name in ("replace", "suggest", "edit", "remove"):
                self.replacement = None  # several choices: a suggestion, never a fix
                self.suggest = [p for p in params if isinstance(p, str)]
            else:
                raise self.rule.error(f"unknown action {name!r}", "action")
        if self.fix_mode != "none" and self.replacement is None:
            raise self.rule.error("a fixable existence rule needs action remove, or replace with one param", "fix")

    def run(self, doc):
        for m in self.finditer(self.pattern, doc.text, doc):
            start, end = m.span()
            if start == end or not self.allowed(doc, start, end):
                continue
            yield self.diagnostic(doc, start, end, self.format(m.group()), self.replacement)
