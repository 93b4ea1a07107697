"""``repetition``: a word typed twice ("the the").

Vale's kind.  Legitimate doubles ("had had", "that that") are listed in
``exceptions``; a repeat across a line break or punctuation is not reported.
The fix keeps the first word.
"""
from __future__ import annotations

from itertools import islice

from .base import Check


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
        # A repeat needs two equal neighbouring words; one C-level pass over the
        # word strings rules out most documents before positions are computed.
        words = doc.words_lower if self.ignorecase else doc.words
        if not any(map(str.__eq__, words, islice(words, 1, None))):
            return
        text = doc.text
        toks = doc.tokens
        for (s1, e1, w1), (s2, e2, w2) in zip(toks, toks[1:]):
            gap = text[e1:s2]
            if not gap or gap.strip(" \t") or len(gap) > 3:
                continue
            same = w1.lower() == w2.lower() if self.ignorecase else w1 == w2
            if not same or (self.alpha and not w1.isalpha()):
                continue
            if self.token_re is not None and not self.token_re.fullmatch(w1):
                continue
            if not self.allowed(doc, s1, e2):
                continue
            yield self.diagnostic(doc, s1, e2, self.format(w1), w1)
