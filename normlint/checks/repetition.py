"""``repetition``: a word typed twice ("the the").

Vale's kind.  Legitimate doubles ("had had", "that that") are listed in
``exceptions``; a repeat across a line break or punctuation is not reported,
nor one where both words are capitalised (names) or the first ends a
hyphenated compound ("non-bank bank"), nor one in a table row ("nil      nil   nil").
The fix keeps the first word.
"""
from __future__ import annotations

from itertools import islice
from operator import eq

from ..lazy_pattern import lazy, lazy_re
from ..diagnostics import SAFE, UNSAFE
from .base import Check
from ..document import WORD_RE, opens_sentence
from ..lexicon import english
from .typography import after_sentence

# A sentence that opens with a word said twice, the second in lower case, is a slip when the
# word is this common (Zipf: "The the", "In in", "It it"); a rarer word is said twice on
# purpose as often ("Pole pole", "Bye bye", "Knock knock").
FUNCTION_WORD_ZIPF = 5.5
# Words doubled on purpose are short and uncommon ("jab jab", "chop chop", "tut tut", "pom
# pom", "bye bye"); slips double common words (corpus A: the rarest short word doubled by
# slip is "crop", Zipf 4.3).  Such a double anywhere is a question, not a safe fix.
REDUPLICATED_MAX_LENGTH = 4
REDUPLICATED_MAX_ZIPF = 4.2

# A word, up to three spaces or tabs, and the same word again (case-insensitively;
# the exact comparison is made in run()).
_DOUBLE = lazy(r"(?<![\p{L}\p{M}\p{N}'’-])(%s)[ \t]{1,3}(?i:(\1))(?![\p{L}\p{M}\p{N}-])" % WORD_RE.pattern)

# _DOUBLE where \p{L} is A-Za-z, \p{N} is 0-9 and there are no marks or curly apostrophes.
# Keep the two in step: tests/test_fast_paths.py compares them on generated text.
_DOUBLE_ASCII = lazy_re(r"(?<![A-Za-z0-9'-])([A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)*)[ \t]{1,3}(?i:(\1))(?![A-Za-z0-9-])")


_FROM_APOSTROPHE = lazy_re(r"'[^ ]*")
_TWO_APOSTROPHES = lazy_re(r"'[^ ']*'")


def _may_double(doc) -> bool:
    """False only when _DOUBLE cannot match: no token is followed by an equal one (folded),
    nor by one whose part before an apostrophe equals it ("dog dog's").  C-level passes
    over the document's shared word list rule out most texts before any regex runs."""
    # lower() equals casefold() on ASCII, and the lower-cased list is shared with word-list checks
    text = doc.text
    plain = doc.plain
    folded = doc.words_lower if plain else doc.words_casefold
    # operator.eq, not str.__eq__: a C function, without the slot wrapper's call cost
    if any(map(eq, islice(folded, 1, None), folded)):
        return True
    if "'" not in text and "’" not in text:
        return False
    if plain:  # the words joined by spaces, as ``folded`` was split from
        joined = doc._joined_lower
        return _cut_doubles(joined.replace("’", "'") if "’" in text else joined)
    joined = " ".join(folded).replace("’", "'")
    words = joined.split(" ")
    if _TWO_APOSTROPHES.search(joined):
        return True  # a word with two apostrophes: rare, so let the pattern decide
    # each word cut at its apostrophe ("dog's" -> "dog"), compared with the word before it
    cut = _FROM_APOSTROPHE.sub("", joined).split(" ")
    return any(map(eq, islice(cut, 1, None), words))


def _cut_doubles(joined: str) -> bool:
    """For words joined by single spaces: whether a word holds two apostrophes, or one whose
    part before its apostrophe equals the word before it ("dog dog's").  Visits only the
    apostrophes (a few per article) instead of every word."""
    find, rfind = joined.find, joined.rfind
    i = find("'")
    while i != -1:
        start = rfind(" ", 0, i) + 1
        cut = joined[start:i]
        if "'" in cut:
            return True  # a word with two apostrophes: rare, so let the pattern decide
        if start and joined[rfind(" ", 0, start - 1) + 1:start - 1] == cut:
            return True
        i = find("'", i + 1)
    return False


_GAP = lazy_re(r"\t|[ \u00a0]{2,}")


def _table_row(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a table row: a tab, a gap of three spaces or more,
    or two doubled gaps that do not follow a sentence ("said.  It" is a typing habit)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:] if end < 0 else text[start:end]
    body = line.lstrip()  # (an indent is no column)
    gaps = [m for m in _GAP.finditer(body) if not after_sentence(body, m.start())]
    return len(gaps) >= 2 or any(m.group() == "\t" or len(m.group()) >= 3 for m in gaps)


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
        if not _may_double(doc):
            return
        # One regex pass finds candidate doubles; most texts have none, so the
        # per-token work below rarely runs.
        text = doc.text
        # Pure-ASCII text: the same pattern for the faster standard engine (a fixed
        # pattern, so it needs no timeout).
        for m in (_DOUBLE_ASCII.finditer(text) if text.isascii() else self.finditer(_DOUBLE, text, doc)):
            s1, e1 = m.span(1)
            s2, e2 = m.span(2)
            w1, w2 = m.group(1), m.group(2)
            same = w1.lower() == w2.lower() if self.ignorecase else w1 == w2
            if not same or (self.alpha and not w1.isalpha()):
                continue
            if w1[0].isupper() and w2[0].isupper():
                continue  # names ("Boutros Boutros-Ghali", "Sirhan Sirhan") and table headings
            if w1[0].isupper() and not w2[0].isupper() and not opens_sentence(text, s1) \
                    and w2 not in english().members():
                continue  # a species named twice ("Vanellus vanellus", "Bufo bufo"); "The the" opens a sentence

            if self.token_re is not None and not self.token_re.fullmatch(w1):
                continue
            if _table_row(text, s1):
                continue  # a table's cells repeat ("nil      nil   nil", "loads loads  tues 4/7")
            if not self.allowed(doc, s1, e2):
                continue
            if w2.lower() not in english().members():
                # a word of another language said twice on purpose ("boda boda", "mahi mahi",
                # "pole pole"): English doubles its own words by slip, so only a question
                yield self.diagnostic(doc, s1, e2, self.format(w1), w1,
                                      applicability=UNSAFE if self.fix_mode == SAFE else None)
                continue
            zipf = english().frequency(w2.lower())
            if (w1[0].isupper() and not w2[0].isupper() and zipf < FUNCTION_WORD_ZIPF) or \
                    (len(w2) <= REDUPLICATED_MAX_LENGTH and zipf < REDUPLICATED_MAX_ZIPF):
                # "The the" opens a sentence with a slip; "Pole pole" ("slowly", Swahili),
                # "Bye bye", "Chop chop" open one with a word said twice, and "jab jab"
                # (Grenada's carnival devils) is one anywhere: only a question
                yield self.diagnostic(doc, s1, e2, self.format(w1), w1,
                                      applicability=UNSAFE if self.fix_mode == SAFE else None)
                continue
            yield self.diagnostic(doc, s1, e2, self.format(w1), w1)
