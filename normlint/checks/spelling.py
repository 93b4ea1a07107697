"""``spelling``: words missing from the English word list, with ranked suggestions.

What is checked, and why (news copy is full of names):

- lowercase words: checked.  An unknown word with a suggestion is reported;
  the fix is safe when one candidate clearly wins (see :data:`SAFE_MARGIN`),
  unsafe (suggestions only) otherwise.  Unknown words with no near neighbour
  (jargon, transliterations) are not reported: a slip is one or two edits
  from a real word.
- Capitalised words: names, so not checked, except that a slip of a common
  proper word ("Wedmesday", "Febuary", "Amercian": data/proper_en.txt) is.  A
  capitalised word opening a sentence is checked like a lowercase one, but
  only ever with an unsafe fix (it may be a name).
- ALL-CAPS words (acronyms, wire headlines such as "BAGHDAD"), words with
  digits ("F16") or mixed case ("iPhone"), and text in URLs, e-mail
  addresses, @handles, #hashtags, file names and <angle-bracket> company tags:
  never checked.
- Hyphenated words are checked part by part ("well-knwon"); a part that is a
  name stays a name ("al-Anbar").
- A word used twice or more in one article is taken as deliberate (house
  style, a term of art): reported at most with an unsafe fix.
- Closed compounds of two known words ("soymeal", "winterkill") are accepted.

British and American spellings are both accepted by default (``variant:
any``); ``variant: british`` or ``american`` reports the other form, and
``mixed: true`` reports an article that uses both forms of one word.
"""
from __future__ import annotations

import importlib.resources
from collections import Counter
from functools import lru_cache

import regex

from ..diagnostics import SAFE, UNSAFE
from ..lexicon import english
from ..vocab import Vocab, builtin_accept, load_vocab, vocab_folders
from .base import Check, match_case

#: the best suggestion must beat the next by this many Zipf points (powers of
#: ten of frequency, after slip bonuses) for the fix to be safe
SAFE_MARGIN = 0.7
#: safe fixes need a word at least this long; shorter ones have too many neighbours
SAFE_MIN_LENGTH = 4
#: capitalised words opening a sentence are suggested only common targets
SENTENCE_START_MIN_ZIPF = 4.0

# Regions where no word is a word of prose.
_SHELTER = regex.compile(
    r"""(?x)
      (?:https?|ftp)://\S+ | \bwww\.\S+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+            # e-mail
    | (?<![\w@])@\w+                          # handle
    | (?<![\w#&])\#\w+                        # hashtag
    | <[^<>\n]{1,80}>                         # <Company Inc> tags, markup
    | \b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|co|uk|de|fr|info|biz|txt|pdf|html?|json|ya?ml|py|csv)\b
    | (?:[\w.-]*/){2,}[\w.-]*                 # paths
    """)
_SENTENCE_START = regex.compile(r"(?:[.!?:;]['\"’”)\]]*\s+|\n\s*|^\s*)['\"“‘(\[]*$")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_PREFIXES = ("non", "re", "un", "pre", "post", "over", "under", "co", "anti", "mid", "multi", "inter",
             "semi", "sub", "super", "counter", "cross", "out", "mis", "de", "dis", "bi", "tri", "micro",
             "macro", "mega", "mini", "ex", "self", "pro")
_APOSTROPHES = "'’"
_PARTICLES = {"up", "in", "on", "out", "off", "down", "over", "back", "away"}
# Slips a capitalised proper word is corrected for: the keyboard kinds, not any edit
# (a name like "Arap" or "Rudman" is one or two edits from "Arab" or "Sudan").
_PROPER_EDITS = {"swap", "near-key", "doubled", "dropped-double", "dropped", "extra-near"}


_LEFT_WORD = regex.compile(r"([\p{L}]+)[ \t]+$")
_RIGHT_WORD = regex.compile(r"[ \t]+([\p{L}]+)")


def _neighbour_words(text: str, start: int, end: int):
    """The words right before and after [start, end) in the same clause (lowercase), or None."""
    m = _LEFT_WORD.search(text, max(0, start - 40), start)
    n = _RIGHT_WORD.match(text, end, min(len(text), end + 40))
    return (m.group(1).lower() if m else None), (n.group(1).lower() if n else None)


def _name_part_before(text: str, hyphen: int) -> bool:
    """Whether the word before the hyphen at ``hyphen`` is capitalised."""
    i = hyphen
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i < hyphen and text[i].isupper()


def _read_data(name: str) -> str:
    return (importlib.resources.files("normlint") / "data" / name).read_text("utf-8")


@lru_cache(maxsize=1)
def proper_words() -> dict[str, str]:
    """lowercase -> usual form of the proper words whose slips are caught."""
    out = {}
    for line in _read_data("proper_en.txt").splitlines():
        w = line.strip()
        if w and not w.startswith("#"):
            out[w.lower()] = w
    return out


@lru_cache(maxsize=1)
def variant_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """(british -> american, american -> british), from data/variants_en.tsv."""
    gb_us, us_gb = {}, {}
    for line in _read_data("variants_en.tsv").splitlines():
        if line and not line.startswith("#"):
            gb, _, us = line.partition("\t")
            gb_us[gb] = us
            us_gb.setdefault(us, gb)
    return gb_us, us_gb


class _Verdict:
    """What the per-process cache remembers about one lowercase word."""

    __slots__ = ("known", "suggestions")

    def __init__(self, known: bool, suggestions=()):
        self.known, self.suggestions = known, suggestions


class Spelling(Check):
    kind = "spelling"
    keys = frozenset({"variant", "mixed", "accept", "reject"})
    can_fix = True
    default_fix = SAFE
    defers = True

    def compile(self):
        self.variant = self.rule.get("variant", "any")
        if self.variant not in ("any", "british", "american"):
            raise self.rule.error("'variant' must be any, british or american", "variant")
        self.mixed = self._bool("mixed", True)
        self.vocab = Vocab()
        for key, target in (("accept", self.vocab.accept), ("reject", self.vocab.reject)):
            raw = self.rule.get(key)
            if raw is None:
                continue
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                raise self.rule.error(f"'{key}' must be a list of words or patterns", key)
            for entry in raw:
                try:
                    target.add(entry, self.rule.path)
                except Exception as exc:  # a bad regex names the rule file and key
                    raise self.rule.error(str(exc), key) from None
        self.lexicon = english()
        self.builtin = builtin_accept()
        # per-process cache: lowercase word -> verdict (each distinct token is looked up once)
        self._cache: dict[str, _Verdict] = {}

    def bind(self, config) -> "Spelling":
        """A copy bound to the project's vocab folders and [spelling] settings."""
        folders = vocab_folders(config)
        settings = config.table("spelling") or {}
        variant = settings.get("variant") if isinstance(settings, dict) else None
        if not folders and variant is None:
            return self
        from ..errors import ConfigError

        if not isinstance(settings, dict) or set(settings) - {"variant"} or \
                variant not in (None, "any", "british", "american"):
            raise ConfigError(config.path, "[spelling] takes only variant = \"any\" | \"british\" | \"american\"")
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        if variant is not None:
            clone.variant = variant
        if folders:
            project = load_vocab(folders, str(config.path or ""))
            merged = Vocab()
            for src in (self.vocab, project):
                merged.accept.words |= src.accept.words
                merged.accept.patterns += src.accept.patterns
                merged.reject.words |= src.reject.words
                merged.reject.patterns += src.reject.patterns
            clone.vocab = merged
            clone._cache = {}
        return clone

    # -- lookups ------------------------------------------------------------
    def _known(self, word: str) -> bool:
        lex = self.lexicon
        if word in lex or word in self.builtin:
            return True
        # Forms the list lacks of words it has: plurals ("refinancings"), -d past
        # forms ("collateralized"), the other of -ise/-ize ("vitalising").  The
        # form is accepted unless a common word other than its base is one slip
        # away ("froms" is "forms", "warrents" is "warrants").
        base = None
        if len(word) > 4 and word.endswith("s") and word[-2] not in "sxz'" and word[:-1] in lex \
                and not (word[-2] == "y" and word[-3] not in "aeiou"):
            base = word[:-1]
        elif len(word) > 5 and word.endswith("d") and word[-2] == "e" and word[:-1] in lex:
            base = word[:-1]
        else:
            for a, b in (("is", "iz"), ("iz", "is")):
                k = word.rfind(a)
                if k >= 3 and word[k + 2:] in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers") \
                        and word[:k] + b + word[k + 2:] in lex:
                    base = word[:k] + b + word[k + 2:]
                    break
        # Closed compounds and prefixed forms ("soymeal", "signup", "nonbank").
        shaped = False
        if base is None:
            for i in range(3, len(word) - 1):
                head, tail = word[:i], word[i:]
                if (len(tail) >= 4 or (tail in _PARTICLES and i >= 4)) and head in lex and tail in lex \
                        and lex.frequency(head) >= 3.0 and lex.frequency(tail) >= 3.0:
                    shaped = True
                    break
            if not shaped:
                for p in _PREFIXES:
                    if word.startswith(p) and len(word) - len(p) >= 4 and word[len(p):].lstrip("-") in lex:
                        shaped = True
                        break
            if not shaped:
                return False
        best = lex.suggest(word, limit=1)
        if not best or best[0].word == base:
            return True
        return not (best[0].distance == 1 and lex.frequency(best[0].word) >= 4.0)

    def _verdict(self, word: str) -> _Verdict:
        v = self._cache.get(word)
        if v is None:
            v = _Verdict(True) if self._known(word) else _Verdict(False, None)
            self._cache[word] = v
        return v

    def _suggest(self, word: str, verdict: _Verdict, context, left=None, right=None) -> list:
        # Only the context-free list is cached per word; the article's own words
        # and the neighbours of this occurrence re-rank it each time (cheap).
        if verdict.suggestions is None:
            verdict.suggestions = tuple(self.lexicon.suggest(word, limit=8))
        return self.lexicon.rerank(verdict.suggestions, context, left, right)

    # -- the run -------------------------------------------------------------
    def run(self, doc):
        text = doc.text
        sheltered = [m.span() for m in _SHELTER.finditer(text)]
        tokens = doc.tokens
        lower_counts = Counter(tok.lower() for _, _, tok in tokens)
        context = frozenset(lower_counts)
        found = []
        variant_hits: list[tuple[int, int, str, str]] = []  # start, end, observed, variant key
        gb_us, us_gb = variant_pairs()
        si = 0
        for start, end, tok in tokens:
            while si < len(sheltered) and sheltered[si][1] <= start:
                si += 1
            if si < len(sheltered) and sheltered[si][0] < end:
                continue
            word, wend = tok, end
            cut = next((i for i, c in enumerate(tok) if c in _APOSTROPHES), -1)
            if cut > 0:
                word, wend = tok[:cut], start + cut
            if not _LETTERS.fullmatch(word):
                continue  # digits ("F16")
            if word in self.vocab.reject:
                found.append(self.diagnostic(doc, start, wend, f"'{word}' is on the project's reject list.",
                                             None))
                continue
            if word in self.vocab.accept or tok in self.vocab.accept:
                continue
            lower = word.lower()
            if lower in gb_us or lower in us_gb:
                variant_hits.append((start, wend, word, lower))
            if len(word) < 3 or (word.isupper() and len(word) > 1):
                continue  # acronyms and all-caps headlines
            if word.islower():
                shape = "lower"
                if start and text[start - 1] in "-‐" and _name_part_before(text, start - 1):
                    continue  # "Teng-hui", "Abu-dhabi": a part of a name
            elif word[0].isupper() and word[1:].islower():
                shape = "title"
            else:
                continue  # mixed case: "iPhone", "McDonald"
            if cut > 0 and tok.lower() in self.lexicon:
                continue  # contractions the list holds whole ("won't")
            verdict = self._verdict(lower)
            if verdict.known:
                continue
            if not self.allowed(doc, start, wend):
                continue
            left, right = _neighbour_words(text, start, wend)
            d = self._report(doc, start, wend, word, lower, shape, verdict, context, lower_counts[lower],
                             left, right)
            if d is not None:
                found.append(d)
        found.extend(self._variants(doc, variant_hits, gb_us, us_gb))
        found.sort(key=lambda d: (d.start, d.end))
        return found

    def _report(self, doc, start, end, word, lower, shape, verdict, context, count, left, right):
        others = context - {lower}
        proper = proper_words()
        if shape == "title":
            sentence_start = _SENTENCE_START.search(doc.text[max(0, start - 8):start]) is not None
            sugg = self._suggest(lower, verdict, others, left, right)
            cands = [s for s in sugg if s.word in proper]
            if cands and cands[0].distance == 1 and cands[0].edit in _PROPER_EDITS:
                return self._emit(doc, start, end, word, [proper[s.word] for s in cands], cands,
                                  safe_allowed=count == 1, preserve=False)
            if not sentence_start:
                return None  # a name
            cands = [s for s in sugg if self.lexicon.frequency(s.word) >= SENTENCE_START_MIN_ZIPF]
            if not cands or count > 1:
                return None
            return self._emit(doc, start, end, word, [match_case(word, s.word) for s in cands], cands,
                              safe_allowed=False)
        sugg = self._suggest(lower, verdict, others, left, right)
        if not sugg:
            return None
        words = [proper.get(s.word, s.word) for s in sugg]
        return self._emit(doc, start, end, word, words, sugg, safe_allowed=count == 1)

    def _emit(self, doc, start, end, word, words, sugg, safe_allowed, preserve=True):
        if preserve:
            words = [match_case(word, w) for w in words]
        best = words[0]
        clear = len(sugg) == 1 or sugg[0].score - sugg[1].score >= SAFE_MARGIN
        safe = safe_allowed and clear and len(word) >= SAFE_MIN_LENGTH
        shown = list(dict.fromkeys(words))[:5]
        if safe:
            message = self.format(word, best) if "%s" in self.message else self.message
            return self.diagnostic(doc, start, end, message, best, suggestions=shown)
        message = f"'{word}' may be misspelt; did you mean " + " or ".join(f"'{w}'" for w in shown[:3]) + "?"
        return self.diagnostic(doc, start, end, message, best, suggestions=shown,
                               applicability=UNSAFE if self.fix_mode == SAFE else None)

    def _variants(self, doc, hits, gb_us, us_gb):
        """British/American forms: the profile's preference, then mixing within the article."""
        if not hits:
            return []
        out = []
        if self.variant in ("british", "american"):
            table, name = (us_gb, "British") if self.variant == "british" else (gb_us, "American")
            for start, end, observed, lower in hits:
                target = table.get(lower)
                if target and self.allowed(doc, start, end):
                    fixed = match_case(observed, target)
                    out.append(self.diagnostic(doc, start, end, f"Use the {name} spelling '{fixed}' "
                                               f"instead of '{observed}'.", fixed, suggestions=(fixed,)))
            return out
        if not self.mixed:
            return out
        first: dict[str, str] = {}  # pair key (british form) -> form used first
        for start, end, observed, lower in hits:
            if not self.allowed(doc, start, end):
                continue
            key = lower if lower in gb_us else us_gb[lower]
            used = first.setdefault(key, lower)
            if used != lower:
                fixed = match_case(observed, used)
                out.append(self.diagnostic(
                    doc, start, end, f"'{observed}' mixes spellings: this article first wrote '{used}'.",
                    fixed, suggestions=(fixed,), applicability=UNSAFE if self.fix_mode != "none" else None))
        return out
