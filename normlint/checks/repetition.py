"""``repetition``: a word typed twice ("the the").

Vale's kind.  Legitimate doubles ("had had", "that that") are listed in
``exceptions``; a repeat across a line break or punctuation is not reported.
The fix keeps the first word.
"""
from __future__ import annotations

import regex

from .base import Check
from ..document import WORD_RE

# A word, up to three spaces or tabs, and the same word again (case-insensitively;
# the exact comparison is made in run()).
_DOUBLE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’])(%s)[ \t]{1,3}(?i:(\1))(?![\p{L}\p{M}\p{N}])" % WORD_RE.pattern)


class Repetition(Check):
    kind = "repetition"
    keys = frozenset({"tokens", "alpha", "max"})
    can_fix = True

    def compile(self):
        self.alpha = self._bool("alpha", True)
        tokens = self.rule.get("tokens")
        self.token_re = None
        if tokens is not None:
            if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
                raise self.rule.error("'tokens' must be a list of patterns", "tokens")
            self.token_re = self.compile_regex("|".join(f"(?:{t})" for t in tokens), "tokens")

    def run(self, doc):
        # One regex pass finds candidate doubles; most texts have none, so the
        # per-token work below rarely runs.
        for m in self.finditer(_DOUBLE, doc.text, doc):
            s1, e1 = m.span(1)
            s2, e2 = m.span(2)
            w1, w2 = m.group(1), m.group(2)
            same = w1.lower() == w2.lower() if self.ignorecase else w1 == w2
            if not same or (self.alpha and not w1.isalpha()):
                continue
            if self.token_re is not None and not self.token_re.fullmatch(w1):
                continue
            if not self.allowed(doc, s1, e2):
                continue
            yield self.diagnostic(doc, s1, e2, self.format(w1), w1)
