"""``substitution``: swap known wrong forms for right ones (Vale's kind).

Keys that are plain words are looked up in a dict against the document's one
token scan (cheap however long the list); the rest are combined into one
regex.  Capture groups in a key may be used in its replacement as ``$1``.
A replacement with ``|`` offers several choices: reported, never fixed, unless the rule
says ``choose: context``: then the choice the text clearly favours is the fix (weighed as
the spelling check weighs its candidates; see ``candidates.choose_in_context``).  With
``variant: article`` a replacement that has a British and an American spelling takes the
one the article's other such words take.
``prefilter`` (optional) lists literal strings, case-sensitive, of which every
match holds one: texts holding none of them skip the rule's regex pass.
``prefilter_words`` (optional) lists words (ASCII letters, any case) of which every
regex match holds one as a whole word: the linter then skips the rule, without a
call, for texts holding none of them (see ``letter_gate``).
"""
from __future__ import annotations

from itertools import compress, count, repeat
from operator import contains

import regex

from ..lazy_pattern import lazy
from ..errors import RuleFileError
from ..candidates import choose_in_context
from ..document import WordProbe, straight_apostrophes
from ..variants import house_spelling
from .base import Check, match_case

_PLAIN_WORD = lazy(r"[\p{L}\p{M}]+")
_ASCII_LETTERS = lazy(r"[A-Za-z]+")
_DOLLAR = lazy(r"\$(\d+)")
# A key that is (\b) letters \. anything: the letters must end at the full stop.
_HEAD_THEN_STOP = lazy(r"(\\b)?([\p{L}]+)\\\..*", regex.S)


def _spells(value: str, token: str, fold: bool) -> bool:
    """Whether ``token``, apostrophe and all, is one of the right forms ``value`` lists."""
    if fold:
        token, value = token.lower(), value.lower()
    return straight_apostrophes(token) in straight_apostrophes(value).split("|")


class Substitution(Check):
    kind = "substitution"
    keys = frozenset({"swap", "vocab", "capitalize", "prefilter", "prefilter_words", "choose", "variant"})
    required = frozenset({"swap"})
    can_fix = True

    def compile(self):
        swap = self.rule.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise self.rule.error("'swap' must be a non-empty mapping of wrong -> right", "swap")
        case = self.rule.get("case")
        if case not in (None, "preserve", "exact"):
            raise self.rule.error("'case' must be 'preserve' or 'exact'", "case")
        self.preserve = case == "preserve"
        choose = self.rule.get("choose")
        if choose not in (None, "context"):
            raise self.rule.error("'choose' must be 'context'", "choose")
        self.choose = choose == "context"
        variant = self.rule.get("variant")
        if variant not in (None, "article"):
            raise self.rule.error("'variant' must be 'article'", "variant")
        self.follow_variant = variant == "article"
        self.words: dict[str, str] = {}
        self.patterns: list[tuple[str, object, str]] = []
        for key, value in swap.items():
            if not isinstance(key, str) or not isinstance(value, (str, int, float)):
                raise self.rule.error(f"swap entry {key!r}: keys and values must be strings", "swap")
            value = str(value)
            if _PLAIN_WORD.fullmatch(key) and not self.nonword:
                self.words[key.lower() if self.ignorecase else key] = value
            else:
                self.patterns.append((key, None, _DOLLAR.sub(r"\\g<\1>", value)))
        self.combined = None
        if self.patterns:
            body = "|".join(f"(?P<k{i}>{key})" for i, (key, _, _) in enumerate(self.patterns))
            pattern = body if self.nonword else rf"\b(?:{body})\b"
            try:
                self.combined = self.compile_regex(pattern, "swap")
            except RuleFileError:
                for key, _, _ in self.patterns:  # name the key that is wrong
                    self.compile_regex(key, "swap")
                raise
            if not self.rule.compiled_before:
                # Each key must compile alone too ("a)|(b" compiles inside the combined
                # pattern, meaning something else there).  Checked when these bytes are first
                # compiled; after that the rule cache vouches for them and each key is
                # compiled on its first match (see run()).
                self.patterns = [(key, self.compile_regex(key, "swap"), template)
                                 for key, _, template in self.patterns]
        self.heads = self._literal_heads()
        # What a match puts in Document.lower_parts, which holds every token and part both
        # lower-cased and case-folded: a key's own two forms (the dict path compares lower(),
        # the regex path folds case).
        self.probe_words = WordProbe(f for k in self.words for f in (k.casefold(), k.lower()))
        self.probe_heads = WordProbe(f for h in self.heads or () for f in (h.casefold(), h.lower()))
        prefilter = self.rule.get("prefilter")
        if prefilter is not None and (not isinstance(prefilter, list) or not prefilter
                                      or not all(isinstance(s, str) and s for s in prefilter)):
            raise self.rule.error("'prefilter' must be a non-empty list of non-empty strings", "prefilter")
        self.prefilter = tuple(prefilter) if prefilter is not None else None
        words = self.rule.get("prefilter_words")
        if words is not None and (not isinstance(words, list) or not words
                                  or not all(isinstance(w, str) and _ASCII_LETTERS.fullmatch(w) for w in words)):
            raise self.rule.error("'prefilter_words' must be a non-empty list of words of ASCII letters",
                                  "prefilter_words")
        self.letter_gate = self._letter_gate(words)

    def _letter_gate(self, words) -> frozenset | None:
        """Lower-case words of which the text must hold one as a letter run for any match.

        A listed word matches a whole token (or its part before an apostrophe) equal to it, or
        equal but for case with ``ignorecase`` (the dict path compares ``lower()``).  For a word
        of ASCII letters that token, lower-cased character by character in
        ``Document.lower_text``, is a maximal run of letters: its neighbours are not letters,
        and only letters lower-case to letters.  A regex key's match holds a ``prefilter_words``
        word as a whole word (the rule file's promise), or, without ``ignorecase``, one of the
        literal heads (``\\bSdept\\.``).  With ``ignorecase``, a regex matches "ſ" for "s", which
        ``lower()`` keeps: heads give no gate then.  Non-ASCII
        words give none either (a mark splits a letter run)."""
        gate = set()
        for key in self.words:
            if not _ASCII_LETTERS.fullmatch(key):
                return None
            gate.add(key.lower())
        if self.combined is not None:
            if words is not None:
                gate.update(w.lower() for w in words)
            elif self.heads is not None and not self.ignorecase \
                    and all(_ASCII_LETTERS.fullmatch(h) for h in self.heads):
                gate.update(h.lower() for h in self.heads)
            else:
                return None
        return frozenset(gate) or None

    def _literal_heads(self) -> frozenset | None:
        """When every pattern key is a word then a full stop (``\\bSdept\\.``, abbreviation
        slips), the words it can match: such a match is a whole word of the text or the
        part after an apostrophe, so texts with none of them skip the regex pass."""
        heads = set()
        for key, _, _ in self.patterns:
            m = _HEAD_THEN_STOP.fullmatch(key)
            if m is None or not (m.group(1) or not self.nonword):
                return None
            heads.add(m.group(2).casefold() if self.ignorecase else m.group(2))
        return frozenset(heads) or None

    def _finding(self, doc, start, end, observed, replacement):
        if "|" in replacement:
            options = [o for o in replacement.split("|") if o]
            if self.preserve:
                options = [match_case(observed, o) for o in options]
            if observed in options:
                return None
            if self.choose:
                chosen = choose_in_context(doc, start, end, observed, options)
                if chosen is not None:
                    if self.follow_variant:
                        chosen = self._in_article_variant(doc, chosen)
                    return self.diagnostic(doc, start, end, self.format(chosen, observed), chosen,
                                           suggestions=[chosen] + [o for o in options if o != chosen])
            return self.diagnostic(doc, start, end, self.format("' or '".join(options), observed),
                                   None, suggestions=options)
        if self.follow_variant:
            replacement = self._in_article_variant(doc, replacement)
        if self.preserve:
            replacement = match_case(observed, replacement)
        if replacement == observed:
            return None
        return self.diagnostic(doc, start, end, self.format(replacement, observed), replacement,
                               suggestions=(replacement,))

    @staticmethod
    def _in_article_variant(doc, replacement: str) -> str:
        """``replacement`` spelt as the article spells its other British or American words
        ("neigbours" in a story that writes "center" is "neighbors")."""
        lower = replacement.lower()
        spelt = house_spelling(doc, [lower])[0]
        return replacement if spelt == lower else match_case(replacement, spelt)

    def _candidates(self, doc, plain: bool):
        """The tokens that may be listed words: those whose key is listed, and those holding
        an apostrophe (looked up without their suffix).  Which words they are comes from
        C-level passes over the document's word list, and only their tokens are located."""
        fold = self.ignorecase
        if fold and not plain:
            return doc.tokens  # words_lower is lower() of the joined words: per token here
        keys = doc.words_lower if fold else doc.words
        found = set(compress(count(), map(self.words.__contains__, keys)))
        text = doc.text
        for mark in ("'", "’"):
            if mark in text:
                found.update(compress(count(), map(contains, keys, repeat(mark))))
        surfaces = doc.words  # (a token's candidacy depends only on its text)
        return doc.tokens_of({surfaces[i] for i in found})

    def run(self, doc):
        found = []
        text = doc.text
        if self.prefilter is not None:
            for literal in self.prefilter:  # C-level substring tests: every match holds one
                if literal in text:
                    break
            else:
                return
        # Most documents contain none of the listed words: one set test, against the set all
        # rules share (Document.lower_parts), rules them out.
        if self.words and doc.found(self.probe_words):
            words, fold = self.words, self.ignorecase
            for start, end, tok in self._candidates(doc, doc.plain):
                key = tok.lower() if fold else tok
                value = words.get(key)
                if value is None:
                    if "'" not in tok and "’" not in tok:
                        continue
                    cut = min(i for i in (tok.find("'"), tok.find("’")) if i >= 0)
                    end = start + cut  # "Wedmesday’s": look the word up without its suffix
                    # (cut the lower-cased key at its own apostrophe: lower() may lengthen "İ")
                    key = key[:min(i for i in (key.find("'"), key.find("’")) if i >= 0)]
                    value = words.get(key)
                    if value is None or _spells(value, tok, fold):
                        continue  # ("couldn": "could|couldn't" says nothing against "couldn't")
                if (start and (text[start - 1].isalnum() or text[start - 1] == "_")) or \
                        (end < len(text) and text[end] == "_"):
                    continue  # same word boundaries as the regex path's \b
                if self.allowed(doc, start, end):
                    found.append((start, end, text[start:end], value))
        if self.combined is not None and (self.heads is None or doc.found(self.probe_heads)):
            for m in self.finditer(self.combined, text, doc):
                start, end = m.span()
                if start == end or not self.allowed(doc, start, end):
                    continue
                i = next(j for j in range(len(self.patterns)) if m.group(f"k{j}") is not None)
                key, single, template = self.patterns[i]
                if "\\" not in template:  # no group to fill in: the key need not be compiled alone
                    found.append((start, end, m.group(), template))
                    continue
                if single is None:
                    # Each key alone is compiled on its first match, not at start-up:
                    # abbreviation packs hold hundreds of keys that rarely match.
                    single = self.compile_regex(key, "swap")
                    self.patterns[i] = (key, single, template)
                sub = single.fullmatch(m.group())
                replacement = sub.expand(template) if sub else template
                found.append((start, end, m.group(), replacement))
        found.sort(key=lambda f: (f[0], f[1]))
        for start, end, observed, replacement in found:
            d = self._finding(doc, start, end, observed, replacement)
            if d is not None:
                yield d
