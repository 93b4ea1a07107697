"""The English word list behind the ``spelling`` check, and spelling suggestions.

The list (``data/words_en.tsv.gz``, built by ``tools/build_wordlist.py`` from the
symspellpy and pyspellchecker packages) maps about 160,000 lowercase words to a
Zipf frequency (log10 of occurrences per billion words).  It is read once per
process.  Suggestions are words within one Damerau edit (a transposition counts
as one edit) of an unknown word, or two edits when none is within one, ranked by
frequency plus a bonus for the slips fingers make: a key next to the intended
one, two letters swapped, a letter doubled or dropped.
"""
from __future__ import annotations

import gzip
from zlib import crc32
from array import array
from bisect import bisect_left
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple

from .lazy_pattern import lazy_re
from . import datafiles

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_AZ = lazy_re("[a-z]+")

# Neighbouring keys on a QWERTY keyboard: the staggered real layout plus the
# straight grid some people's fingers (and some slip generators) assume.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset]:
    near: dict[str, set] = {c: set() for row in _ROWS for c in row}
    for r, row in enumerate(_ROWS):
        for c, ch in enumerate(row):
            for dr in (-1, 0, 1):
                rr = r + dr
                if not 0 <= rr < 3:
                    continue
                # grid neighbours, and the staggered layout's (each row sits half a key right)
                for dc in (-1, 0, 1, -dr):
                    cc = c + dc
                    if 0 <= cc < len(_ROWS[rr]) and (dr, dc) != (0, 0):
                        near[ch].add(_ROWS[rr][cc])
    return {k: frozenset(v) for k, v in near.items()}


NEAR = _neighbours()

# Kinds of single edit, from the token the writer typed to the word meant.
SWAP, NEAR_KEY, DOUBLED, EXTRA_NEAR, DROPPED_DOUBLE, DROPPED, OTHER_KEY, EXTRA = (
    "swap", "near-key", "doubled", "extra-near", "dropped-double", "dropped", "other-key", "extra")
# Bonus (in Zipf units, i.e. powers of ten of frequency) for how typical a slip is.  A
# letter typed for a far key, or a far letter added, is seldom a slip of the fingers:
# below zero, they no longer tie a likelier slip of a rarer word ("caost" is "coast",
# a swap, more than "cost" with a stray "a").  From 0 to these figures, on the eval
# harness's injections: 24 modern articles x 8 seeds 876 -> 882 of 932 fixed; 2,000
# corpus-A articles 1,801 -> 1,813 of 1,983 keyboard slips, collateral 14.91 -> 15.04
# per 10,000 words; 1,500 with codespell's misspellings 1,291 -> 1,294 of 1,413.
EDIT_BONUS = {SWAP: 1.0, NEAR_KEY: 1.0, DOUBLED: 1.0, DROPPED_DOUBLE: 1.0, EXTRA_NEAR: 0.6,
              DROPPED: 0.6, OTHER_KEY: -0.6, EXTRA: -0.3}
TWO_EDITS_PENALTY = 2.5
# A letter typed two or more places early or late ("qutie" for "quiet", "boaut" for
# "about") is one slip of the hand, though two Damerau edits: it costs less than two.
MOVED_PENALTY = 1.0
MOVED = "moved"
# ...drawn from words this common: the table the spelling check's neighbour searches load
# anyway (its SENTENCE_START_MIN_ZIPF), so finding them costs a lookup per deletion.
MOVED_MIN_ZIPF = 4.0
TYPICAL_EDIT_BONUS = 1.0  # a neighbouring key, a swap, a doubled or undoubled letter
# Two-edit suggestions are drawn from words at least this common (Zipf): a rarer
# word two edits away is more often a coincidence than the word meant.
TWO_EDIT_MIN_ZIPF = 3.0
# The two-edit index's filter: 2**21 bytes (2 MB), about one in nine slots taken.
TWO_EDIT_FILTER_BITS = 21
# The one-edit search's filter: 2**24 bits (2 MB), about one in thirteen set; when it is not
# cached yet, built after this many one-edit searches in one process.
BLANK_FILTER_BITS = 24
BLANK_FILTER_AFTER = 5000
# The two-edit search's filter of places to put a letter in (see two_edit_crcs): 2**24 bits
# (2 MB), about one in thirteen set; when it is not cached yet, built after this many
# two-edit searches in one process.
TWO_EDIT_BLANK_BITS = 24
TWO_EDIT_BLANKS_AFTER = 200
# The bigram table's filter: 2**22 bits (512 kB), about one in seventeen set.
BIGRAM_FILTER_BITS = 22
# Look-ups answered by binary search in the sorted list before the hash table is built
# (a search costs ~4 us, building the table ~30 ms: a one-process bulk run pays ~16 ms more
# for not building it at once, a short run saves up to 30).
SORTED_LOOKUPS = 4_000
# The near-word tables' filter (see Lexicon.common_neighbours): 2**23 bits (1 MB) each, one
# in 120 set for the 69,000 keys of the words of Zipf 4 or more.
NEAR_FILTER_BITS = 23
# A word the article already uses elsewhere is a likelier target than one it never uses
# ("wehat" in a story about wheat is "wheat", not "what").
IN_CONTEXT_BONUS = 1.5
# ...and this much more for a word the article uses three times or more: "hard red winter
# wehat" in a story that says "wheat" five times is "wheat", however common "what" is.
OFTEN_IN_CONTEXT_BONUS = 0.7
OFTEN_MAX_ZIPF = 5.0  # (not for the words every article uses often: "with", "said")
# Weight of the neighbouring words: each of "left candidate" and "candidate right"
# adds this times log10 of how often that pair occurs in Google Books (above the floor).
BIGRAM_WEIGHT = 0.7
# The pair list holds only pairs seen over 10**6.8 times, so counting a listed pair
# from zero gave it a bonus of almost 5 Zipf points over an unlisted one, enough to
# outvote word frequency ("and cant" beat "cannot", "been longing" beat "ongoing").
# A pair's weight is counted from 10**BIGRAM_FLOOR instead: a listed pair still
# helps (measured on the eval: a floor of 6 or more costs keyboard-slip recall).
BIGRAM_FLOOR = 4.0
# Typing slips at the first letter are rarer than inside the word (the first letter
# is the one a writer is surest of): an edit there ("onging" read as "longing" rather
# than "ongoing") loses this much of its bonus.  Swaps of the first two letters keep it.
FIRST_LETTER_PENALTY = 0.6
# The news words shipped in data/accept_en.txt ("dlrs", "pct", "mln") have no count
# in the general list but are everyday words of wire copy: as suggestions they rank
# like a common word, so "dlrsm" is read as "dlrs" rather than two edits off ("drum").
ACCEPT_ZIPF = 4.5


def edit_bonus(typed: str, word: str, kind: str) -> float:
    """How typical the single edit from ``typed`` to ``word`` is, in Zipf units."""
    bonus = EDIT_BONUS[kind]
    if kind != SWAP and typed[:1] != word[:1]:
        bonus -= FIRST_LETTER_PENALTY
    return bonus


class Suggestion(NamedTuple):
    """A candidate word (a named tuple: ordered and compared as (score, word, distance,
    edit), as the frozen dataclass it replaced was, and ~1 us cheaper to make: reranking
    makes one per candidate per report)."""
    score: float
    word: str
    distance: int
    edit: str  # the kind of slip for one edit, "two-edits" otherwise


def classify(typed: str, word: str) -> str | None:
    """The kind of single Damerau edit turning ``typed`` into ``word`` (None if not one edit)."""
    n, m = len(typed), len(word)
    if n == m:
        diff = [i for i in range(n) if typed[i] != word[i]]
        if len(diff) == 1:
            i = diff[0]
            return NEAR_KEY if typed[i] in NEAR.get(word[i], ()) else OTHER_KEY
        if len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]] \
                and typed[diff[1]] == word[diff[0]]:
            return SWAP
        return None
    if n == m + 1:  # the writer typed a letter too many
        i = next((k for k in range(m) if typed[k] != word[k]), m)
        if typed[:i] + typed[i + 1:] != word:
            return None
        extra = typed[i]
        if (i and typed[i - 1] == extra) or (i + 1 < n and typed[i + 1] == extra):
            return DOUBLED
        around = {typed[i - 1] if i else "", typed[i + 1] if i + 1 < n else ""}
        return EXTRA_NEAR if any(extra in NEAR.get(a, ()) for a in around if a) else EXTRA
    if m == n + 1:  # the writer dropped a letter
        i = next((k for k in range(n) if typed[k] != word[k]), n)
        if word[:i] + word[i + 1:] != typed:
            return None
        missing = word[i]
        if (i and word[i - 1] == missing) or (i + 1 < m and word[i + 1] == missing):
            return DROPPED_DOUBLE
        return DROPPED
    return None


def edits1(word: str) -> set[str]:
    """Every string one Damerau edit away from ``word`` (Norvig's generator)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update([a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1])
    out.update([a + c + b[1:] for a, b in splits if b for c in LETTERS])
    out.update([a + c + b for a, b in splits for c in LETTERS])
    out.discard(word)
    return out


def two_edit_keys(word: str) -> set[str]:
    """Strings that some key of every word two edits from ``word`` is among, where a
    word's keys are itself and its one-letter deletions (the two-edit index).

    By the two edits' kinds (d: delete a letter of ``word``, i: insert one, s:
    substitute one, t: swap two neighbours), a word ``w`` that far has among its keys:
    dd: ``w`` itself, two deletions; ds and dt: ``w`` less the changed letter, the
    same; di: ``w`` less the inserted letter, one deletion; ii, is, it: ``w`` less one
    inserted letter, one insertion, substitution or swap; st and tt: ``w`` less the
    substituted letter or a swapped one, a deletion then a swap; ss at positions
    i < j: ``w`` less letter i, deletion i then a substitution at or after i.  That is
    about 13 n**2 strings, a third of the deletions of every one-edit string (which
    covers the same words).  Inserted and substituted letters are a-z: the index
    holds only such words.
    """
    n = len(word)
    dels = [word[:i] + word[i + 1:] for i in range(n)]
    keys = set(dels)
    for i, d in enumerate(dels):
        keys.update([d[:j] + d[j + 1:] for j in range(i, n - 1)])
        keys.update([d[:j] + d[j + 1] + d[j] + d[j + 2:] for j in range(n - 2)])
        for p in range(i, n - 1):
            a, b = d[:p], d[p + 1:]
            keys.update([a + c + b for c in LETTERS])
    for p in range(n + 1):
        a, b = word[:p], word[p:]
        keys.update([a + c + b for c in LETTERS])
        if b:
            keys.update([a + c + b[1:] for c in LETTERS])
    keys.update([word[:j] + word[j + 1] + word[j] + word[j + 2:] for j in range(n - 1)])
    return keys


@lru_cache(maxsize=4096)
def _letter_deltas(before: int, after: int) -> tuple[int, ...]:
    """For each letter c of a-z, ``crc32(A + c + B) ^ crc32(A + NUL + B)`` for any A of
    ``before`` bytes and B of ``after`` bytes: the same for all of them, since CRC-32 is
    affine (for messages of one length, crc(x) ^ crc(y) ^ crc(z) == crc(x ^ y ^ z))."""
    zeros = crc32(bytes(before + 1 + after))
    return tuple(crc32(bytes(before) + c + bytes(after)) ^ zeros for c in _LETTER_BYTES)


_LETTER_BYTES = [c.encode() for c in LETTERS]


def two_edit_crcs(word: str, bits: bytes | None = None) -> set[int]:
    """``{crc32(k) for k in two_edit_keys(word)}`` for an ASCII ``word``, without building
    the 13 n**2 keys with a letter put in: each such key's CRC is that of the key with NUL
    there, adjusted by the letter's :func:`_letter_deltas` (one CRC per place, not 26).

    With ``bits`` (:func:`_two_edit_blanks` of an index), only the keys with a letter put
    in where some key of the index has a letter with the same text around it: the rest
    cannot be among the index's keys (nine places in ten, for a typo).
    """
    n = len(word)
    dels = [word[:i] + word[i + 1:] for i in range(n)]
    plain = set(dels)
    blanks, places = [], []
    for i, d in enumerate(dels):
        plain.update([d[:j] + d[j + 1:] for j in range(i, n - 1)])
        plain.update([d[:j] + d[j + 1] + d[j] + d[j + 2:] for j in range(n - 2)])
        for p in range(i, n - 1):
            blanks.append(d[:p] + "\0" + d[p + 1:])
            places.append((p, n - 2 - p))
    for p in range(n + 1):
        blanks.append(word[:p] + "\0" + word[p:])
        places.append((p, n - p))
        if p < n:
            blanks.append(word[:p] + "\0" + word[p + 1:])
            places.append((p, n - 1 - p))
    plain.update([word[:j] + word[j + 1] + word[j] + word[j + 2:] for j in range(n - 1)])
    out = set(_crcs(plain))
    crcs = _crcs(blanks)
    if bits is not None:
        mask = len(bits) - 1
        keep = [bits[(h >> 3) & mask] >> (h & 7) & 1 for h in crcs]
        crcs, places = compress(crcs, keep), compress(places, keep)
    for h, (before, after) in zip(crcs, places):
        out.update([h ^ x for x in _letter_deltas(before, after)])
    return out


def _neighbours_under(typed: str, keys, hashes, numbers, words, near=None) -> list[str]:
    """The words ``near(typed, word)`` accepts (by default: one Damerau edit from ``typed``)
    among those filed under the key hashes ``keys`` in a sorted ``hashes`` array
    (``numbers[i]``: the word at ``hashes[i]``), sorted."""
    size = len(hashes)
    found = []
    for h in keys:
        i = bisect_left(hashes, h)
        while i < size and hashes[i] == h:
            word = words[numbers[i]]
            i += 1
            if word not in found and (classify(typed, word) is not None if near is None else near(typed, word)):
                found.append(word)
    return sorted(found)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def damerau(a: str, b: str, cap: int = 3) -> int:
    """Optimal-string-alignment distance, stopping early once it exceeds ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev2 = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cap:
            return cap + 1
        prev2, prev = prev, cur
    return prev[-1]


# Known words rarer than this (Zipf) are the ones the spelling check asks "a slip of a
# commoner word?" about; the built-in list keeps them apart so that question needs no
# frequency table.
RARE_ZIPF = 2.0


class Lexicon:
    """Words with Zipf frequencies, plus the suggestion machinery.

    Membership and frequency come from one hash table (``zipf``, whose keys are
    ``words``); the tables behind suggestions are built on first use, so a run over clean
    text never pays for them.

    The built-in list also comes sorted (``sorted``: one string and two arrays, read from
    the cache in a millisecond): a short run answers its few hundred look-ups by binary
    search on it, where building the hash table of 160,000 words would cost ~30 ms, a
    fifth of a cold start.  Past :data:`SORTED_LOOKUPS` look-ups the table is built, and
    a bulk run builds it before it forks (:meth:`load_tables`).  Either way the answers
    are the same.
    """

    def __init__(self, zipf: dict[str, float] | None = None, *, load=None, memo=None, sorted=None):
        # The one hash table of the words: the frequency table, whose keys serve as the set
        # of words too (a frozenset beside it cost 8 MB and ~25 ms before a bulk run forks,
        # for look-ups ~35 ns faster).
        self._zipf = zipf
        self._load = load
        # (words newline-joined in code point order, array of where each starts plus the
        # end, array of Zipf x 100 of each), or None
        self._sorted = None if zipf is not None else sorted
        self._lookups = 0  # answered from ``_sorted`` so far
        # (name, build) -> build(), or its result cached on disk for this list; with build
        # None, the cached result or None
        self._memo = memo
        self._index2: tuple | None = None
        self._blanks2: bytes | None = None  # (b"": not cached yet)
        self._searches2 = 0
        self._near_keys: dict[float, tuple] = {}
        self._blank_filter: bytes | None = None
        self._searches_without = 0
        self._bigrams: tuple | None = None

    @classmethod
    def from_lines(cls, lines) -> "Lexicon":
        zipf = {}
        for line in lines:
            word, _, value = line.rstrip("\n").partition("\t")
            if word:
                zipf[word] = int(value) / 100 if value else 3.0
        return cls(zipf)

    @property
    def words(self):
        """Every listed word: the frequency table's keys (a set-like view: ``in``, ``&``)."""
        return self.zipf.keys()

    @property
    def zipf(self) -> dict[str, float]:
        if self._zipf is None:
            self._zipf = self._load()
            self._sorted = None  # (not needed any more)
        return self._zipf

    def load_tables(self) -> None:
        """Build the hash table now (a bulk run, before it forks its workers)."""
        self.zipf

    def members(self):
        """What ``word in ...`` asks of the list: the table once built, else the list itself
        (a binary search per look-up, until they pay for building the table)."""
        return self._zipf if self._zipf is not None else self

    def _index(self, word: str) -> int:
        """Where ``word`` stands in ``_sorted``, or -1; builds the hash table instead
        (and returns -2) once the binary searches have cost as much as building it."""
        self._lookups += 1
        if self._lookups > SORTED_LOOKUPS:
            self.load_tables()
            return -2
        text, starts, _ = self._sorted
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi) >> 1
            if text[starts[mid]:starts[mid + 1] - 1] < word:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(starts) - 1 and text[starts[lo]:starts[lo + 1] - 1] == word else -1

    def __contains__(self, word: str) -> bool:
        if self._zipf is None and self._sorted is not None:
            i = self._index(word)
            if i != -2:
                return i >= 0
        return word in self.zipf

    def derived(self, name: str, key: bytes, build):
        """``build()``, plain data derived from this list by code outside it, cached on disk
        (where this list's tables are) under this list and ``key``: what else it depends on."""
        return self._memo(name, build, key) if self._memo else build()

    def frequency(self, word: str) -> float:
        if self._zipf is None and self._sorted is not None:
            i = self._index(word)
            if i != -2:
                return self._sorted[2][i] / 100 if i >= 0 else 0.0  # (as the table's floats are made)
        return self.zipf.get(word, 0.0)

    def rare(self, word: str) -> bool:
        """Whether ``word`` is listed, but rarer than :data:`RARE_ZIPF`."""
        return 0 < self.frequency(word) < RARE_ZIPF

    def bigram(self, left: str, right: str) -> float:
        """log10 of the count of the pair "left right" above :data:`BIGRAM_FLOOR` (0 when
        not listed); loaded on first use."""
        if self._bigrams is None:
            self._bigrams = _bigram_table()
        keys, starts, values, bits = self._bigrams
        # Binary search over the sorted keys, kept as one bytes blob plus offsets: a
        # quarter of a million pairs as a dict cost every worker tens of megabytes.  Most
        # pairs a report asks about are not listed, which one bit tells first.
        key = f"{left} {right}".encode("utf-8")
        h = crc32(key)
        if not bits[(h >> 3) & (len(bits) - 1)] >> (h & 7) & 1:
            return 0.0
        lo, hi = 0, len(values)
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[starts[mid]:starts[mid + 1] - 1] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(values) or keys[starts[lo]:starts[lo + 1] - 1] != key:
            return 0.0
        return max(0.0, values[lo] / 10 - BIGRAM_FLOOR)

    def rerank(self, suggestions, context=frozenset(), left: str | None = None,
               right: str | None = None) -> list[Suggestion]:
        """``suggestions`` re-scored for one place in a text: words the text already
        uses, and how often each candidate follows ``left`` and precedes ``right``."""
        out = []
        weigh = getattr(context, "bonus", None)  # (an article's counts weigh a word used often more)
        for s in suggestions:
            if weigh is not None:
                score = s.score + weigh(s.word)
            else:
                score = s.score + (IN_CONTEXT_BONUS if s.word in context else 0.0)
            if len(suggestions) > 1:
                if left:
                    score += BIGRAM_WEIGHT * self.bigram(left, s.word)
                if right:
                    score += BIGRAM_WEIGHT * self.bigram(s.word, right)
            out.append(Suggestion(score, s.word, s.distance, s.edit))
        out.sort(key=lambda s: (-s.score, s.word))
        return out

    def _two_edit_index(self) -> tuple:
        # For two-edit suggestions: every word under each of its one-letter
        # deletions (SymSpell's idea).  Built on first need, for words common
        # enough to be worth suggesting, so ordinary runs never pay for it.
        # A quarter of a million keys as a dict of lists held ~45 MB in every
        # worker; here each (key, word) entry is the key's CRC-32 in a sorted array
        # beside the word's number: ~2 MB.  Two keys with one CRC only add a
        # candidate, and every candidate is checked by its true distance.  Unlike
        # hash(), a CRC is the same in every process, so the built index is cached
        # on disk like the word list (building it costs ~0.2 s).
        if self._index2 is None:
            build = lambda: _two_edit_tables(self.zipf)  # noqa: E731
            hashes, numbers, words, present = self._memo("two_edit_en", build) if self._memo else build()
            self._index2 = (_array("I", hashes), _array("I", numbers), tuple(words.split("\n")), present)
        return self._index2

    def two_edit_filter(self, build: bool = False) -> bytes | None:
        """The two-edit search's filter of places to put a letter in (see
        :func:`two_edit_crcs`), or None.  Building it takes ~0.5 s, which only a run making
        hundreds of two-edit searches repays: a process uses it at once where it is cached;
        else builds it (caching it for later runs) after TWO_EDIT_BLANKS_AFTER searches, or
        when ``build`` says so (a bulk run before it forks); never with the cache turned off."""
        if self._blanks2 is None:
            if self._memo is None:
                self._blanks2 = _two_edit_blanks(self._two_edit_index()[2])
            else:
                self._blanks2 = self._memo(self._BLANKS2, None) or b""
        if not self._blanks2 and self._memo is not None:
            self._searches2 += 1
            if build or self._searches2 >= TWO_EDIT_BLANKS_AFTER:
                from .rulecache import cache_dir

                if cache_dir():
                    words = self._two_edit_index()[2]
                    self._blanks2 = self._memo(self._BLANKS2, lambda: _two_edit_blanks(words))
        return self._blanks2 or None

    _BLANKS2 = f"two_edit_blanks{TWO_EDIT_BLANK_BITS}_en"

    def one_edit(self, typed: str) -> set[str]:
        """The listed words one edit from ``typed``: ``edits1(typed) & self.words``, but
        the 26 letters are tried only at the places where some listed word has a letter
        there with the rest of ``typed`` around it (a 2 MB bit filter of every word with
        one letter blanked, cached on disk: a typo has few such places, so a few dozen
        strings are built instead of several hundred)."""
        blanks = self.one_edit_filter()
        if blanks is None:
            return self._listed(edits1(typed))
        n = len(typed)
        out = {typed[:i] + typed[i + 1:] for i in range(n)}
        out.update([typed[:i] + typed[i + 1] + typed[i] + typed[i + 2:] for i in range(n - 1)])
        patterns = [typed[:i] + "\0" + typed[i + 1:] for i in range(n)]  # a letter replaced
        patterns += [typed[:i] + "\0" + typed[i:] for i in range(n + 1)]  # a letter inserted
        mask = len(blanks) - 1
        for pattern, h in zip(patterns, _crcs(patterns)):
            if blanks[(h >> 3) & mask] >> (h & 7) & 1:
                a, _, b = pattern.partition("\0")
                out.update([a + c + b for c in LETTERS])
        out.discard(typed)
        return self._listed(out)

    def _listed(self, strings: set[str]) -> set[str]:
        if self._zipf is None and self._sorted is not None and self._lookups + len(strings) <= SORTED_LOOKUPS:
            return {s for s in strings if s in self}
        return strings & self.zipf.keys()  # the intersection runs in C

    def one_edit_filter(self, build: bool = False) -> bytes | None:
        """The one-edit search's filter (see :meth:`one_edit`), or None.  ``build``: build
        it now if it is not cached (a bulk run before it forks: 16,473 articles make ~3,400
        one-edit searches per process, each ~55 us cheaper with it, and the next runs find
        it cached)."""
        if self._blank_filter is None:
            make = lambda: _blank_filter(self.words)  # noqa: E731
            if self._memo is None:
                self._blank_filter = make()
            else:
                # Building it takes ~0.6 s, which a run repays only after thousands of
                # searches: a run finding it cached uses it at once; one that does not
                # builds it (and caches it for the next run) only after that many
                # searches without it (or when told to), and never with the cache off.
                if not self._searches_without:
                    self._blank_filter = self._memo("blanks_en", None)
                if self._blank_filter is None:
                    self._searches_without += 1
                    if self._searches_without < BLANK_FILTER_AFTER and not build:
                        return None
                    from .rulecache import cache_dir

                    self._blank_filter = self._memo("blanks_en", make) if cache_dir() else b""
        return self._blank_filter or None

    def near_table(self, min_zipf: float) -> tuple:
        """The table behind :meth:`common_neighbours` (loaded on first use, or by a bulk
        run before it forks its workers, so they share it)."""
        table = self._near_keys.get(min_zipf)
        if table is None:
            build = lambda: _near_tables(w for w, z in self.zipf.items() if z >= min_zipf)  # noqa: E731
            name = f"near_{min_zipf}_bits{NEAR_FILTER_BITS}_en"
            hashes, numbers, words, bits = self._memo(name, build) if self._memo else build()
            table = self._near_keys[min_zipf] = (_array("I", hashes), _array("I", numbers),
                                                 tuple(words.split("\n")), bits)
        return table

    def indexed_neighbours(self, typed: str) -> list[str] | None:
        """The words of the two-edit index (at least TWO_EDIT_MIN_ZIPF common, four letters
        or more, a-z) one Damerau edit from ``typed``, found like :meth:`common_neighbours`;
        for an a-z ``typed`` of five letters or more, those are all the words that common
        :meth:`suggest` finds one edit away.  None when the index is not loaded (a short
        run need not load it for this) or ``typed`` is not such a word."""
        if self._index2 is None or len(typed) < 5 or not _AZ.fullmatch(typed):
            return None
        hashes, numbers, words, present = self._index2
        mask = len(present) - 1
        keys = [h for h in _crcs(_deletes(typed) | {typed}) if present[h & mask]]
        return _neighbours_under(typed, keys, hashes, numbers, words)

    def common_neighbours(self, typed: str, min_zipf: float, keys: set | None = None) -> list[str]:
        """The words at least ``min_zipf`` common one Damerau edit from ``typed``, found
        with a dozen lookups instead of the few hundred strings :func:`edits1` builds:
        such a word shares itself or a one-letter deletion with ``typed`` or one of its
        deletions, and each of those keys is kept as a hash beside the word's number
        (a few hundred kB, built on first use).  Unlike :meth:`suggest`, a word with a
        letter outside a-z inserted or substituted is found too.  ``keys``: ``typed`` and
        its one-letter deletions, if the caller has them already."""
        hashes, numbers, words, bits = self.near_table(min_zipf)
        mask = len(bits) - 1
        # (most keys of most names: a bit read instead of a binary search)
        hits = [h for h in _crcs(_deletes(typed) | {typed} if keys is None else keys)
                if bits[(h >> 3) & mask] >> (h & 7) & 1]
        return _neighbours_under(typed, hits, hashes, numbers, words)

    def moved_neighbours(self, typed: str) -> list[str]:
        """The words at least MOVED_MIN_ZIPF common that are ``typed`` with one letter moved
        two or more places.  Such a word and ``typed`` lose the same letter to one deletion,
        so the table of :meth:`common_neighbours` finds them with a lookup per deletion
        instead of a test for each of the few dozen strings :func:`moved_letters` makes."""
        hashes, numbers, words, bits = self.near_table(MOVED_MIN_ZIPF)
        mask = len(bits) - 1
        keys = [h for h in _crcs(_deletes(typed)) if bits[(h >> 3) & mask] >> (h & 7) & 1]
        return _neighbours_under(typed, keys, hashes, numbers, words, is_moved_letter)

    def suggest(self, typed: str, limit: int = 5, context=frozenset(), max_distance: int = 2) -> list[Suggestion]:
        """Known words near ``typed`` (lowercase), best first.

        ``context`` holds the lowercase words of the surrounding text; a candidate
        found there gets :data:`IN_CONTEXT_BONUS`.
        """
        zipf = self.frequency if self._zipf is None else self._zipf.__getitem__
        out = []
        for cand in self.one_edit(typed):
            kind = classify(typed, cand) or OTHER_KEY
            bonus = edit_bonus(typed, cand, kind) + (IN_CONTEXT_BONUS if cand in context else 0.0)
            out.append(Suggestion(zipf(cand) + bonus, cand, 1, kind))
        if len(typed) < 5 or max_distance < 2:
            pass
        elif out:
            # Words with a letter moved, only where no one-edit word is a typical slip
            # ("boaut": "boat" with a stray letter): beside "eight" with a doubled letter,
            # "height" would only add doubt.  (The two-edit search below finds them when
            # nothing is one edit away.)
            if not any(EDIT_BONUS.get(s.edit, 0.0) >= TYPICAL_EDIT_BONUS for s in out):
                taken = {s.word for s in out}
                for cand in self.moved_neighbours(typed):
                    if cand not in taken:
                        bonus = IN_CONTEXT_BONUS if cand in context else 0.0
                        out.append(Suggestion(zipf(cand) + bonus - MOVED_PENALTY, cand, 2, MOVED))
        else:
            zipf = self.zipf.__getitem__  # (the two-edit index is built from it anyway)
            hashes, numbers, words, present = self._two_edit_index()
            size = len(hashes)
            seen = set()
            keyed = list(two_edit_crcs(typed, self.two_edit_filter())) if typed.isascii() else \
                _crcs(two_edit_keys(typed))
            probe = itemgetter(*map((len(present) - 1).__and__, keyed))(present)
            for h in compress(keyed, probe if isinstance(probe, tuple) else (probe,)):
                i = bisect_left(hashes, h)
                while i < size and hashes[i] == h:
                    cand = words[numbers[i]]
                    i += 1
                    if cand not in seen:
                        seen.add(cand)
                        if damerau(typed, cand, 2) == 2:
                            bonus = IN_CONTEXT_BONUS if cand in context else 0.0
                            if is_moved_letter(typed, cand):
                                out.append(Suggestion(zipf(cand) + bonus - MOVED_PENALTY, cand, 2, MOVED))
                            else:
                                out.append(Suggestion(zipf(cand) + bonus - TWO_EDITS_PENALTY, cand, 2,
                                                      "two-edits"))
        banned = no_suggest()
        out = [s for s in out if s.word not in banned]
        out.sort(key=lambda s: (-s.score, s.word))
        return out[:limit]


def moved_letters(typed: str) -> set[str]:
    """``typed`` with one letter moved two or more places ("qutie" -> "quiet", "quite" is a
    swap): a few dozen strings for a word of usual length."""
    n = len(typed)
    out = set()
    for i in range(n):
        rest = typed[:i] + typed[i + 1:]
        c = typed[i]
        for j in range(n):
            if abs(j - i) >= 2:
                out.add(rest[:j] + c + rest[j:])
    out.discard(typed)
    return out


def is_moved_letter(typed: str, word: str) -> bool:
    """Whether ``word`` is ``typed`` with one letter moved two or more places: between the
    first and the last place they differ, one is the other rotated by one letter."""
    if len(typed) != len(word) or typed == word:
        return False
    a = next(i for i in range(len(typed)) if typed[i] != word[i])
    b = next(i for i in range(len(typed) - 1, -1, -1) if typed[i] != word[i])
    x, y = typed[a:b + 1], word[a:b + 1]
    return b - a >= 2 and (x[1:] + x[0] == y or x[-1] + x[:-1] == y)


def _crcs(keys) -> list[int]:
    return list(map(crc32, map(str.encode, keys)))


def _array(code: str, raw: bytes) -> array:
    out = array(code)
    out.frombytes(raw)
    return out


def _two_edit_tables(zipf: dict[str, float]) -> tuple[bytes, bytes, str, bytes]:
    """The two-edit index as plain data: (sorted key CRCs, the word number of each,
    the words newline-joined, the filter: a byte per slot of CRC mod 2**bits)."""
    hashes, numbers, words = _deletion_tables(
        w for w, z in zipf.items() if z >= TWO_EDIT_MIN_ZIPF and len(w) >= 4 and _AZ.fullmatch(w))
    # A byte per slot, set where some key's CRC lands: most query keys are ruled out
    # by one C-level probe each (itemgetter over the lot) instead of a bisect.
    present = bytearray(1 << TWO_EDIT_FILTER_BITS)
    mask = len(present) - 1
    for h in _array("I", hashes):
        present[h & mask] = 1
    return hashes, numbers, words, bytes(present)


def _two_edit_blanks(words) -> bytes:
    """A bit per CRC-32 (mod 2**TWO_EDIT_BLANK_BITS) of every key of the two-edit index
    (each of ``words`` and its one-letter deletions) with one letter replaced by NUL."""
    bits = bytearray(1 << (TWO_EDIT_BLANK_BITS - 3))
    mask = len(bits) - 1
    for w in words:
        keys = _deletes(w)
        keys.add(w)
        for h in _crcs([k[:p] + "\0" + k[p + 1:] for k in keys for p in range(len(k))]):
            bits[(h >> 3) & mask] |= 1 << (h & 7)
    return bytes(bits)


def _near_tables(words) -> tuple[bytes, bytes, str, bytes]:
    """:func:`_deletion_tables` plus a bit per CRC-32 (mod 2**NEAR_FILTER_BITS) of its keys."""
    hashes, numbers, joined = _deletion_tables(words)
    bits = bytearray(1 << (NEAR_FILTER_BITS - 3))
    mask = len(bits) - 1
    for h in _array("I", hashes):
        bits[(h >> 3) & mask] |= 1 << (h & 7)
    return hashes, numbers, joined, bytes(bits)


def _blank_filter(words) -> bytes:
    """A bit per CRC-32 (mod 2**BLANK_FILTER_BITS) of every word with one letter
    replaced by NUL, for :meth:`Lexicon.one_edit`."""
    bits = bytearray(1 << (BLANK_FILTER_BITS - 3))
    mask = len(bits) - 1
    for w in words:
        for h in _crcs([w[:p] + "\0" + w[p + 1:] for p in range(len(w))]):
            bits[(h >> 3) & mask] |= 1 << (h & 7)
    return bytes(bits)


def _deletion_tables(words) -> tuple[bytes, bytes, str]:
    """Each of ``words`` under itself and its one-letter deletions, as plain data: (the
    keys' CRCs sorted, the number of each key's word, the words sorted, newline-joined)."""
    words = sorted(words)
    keys, numbers = [], []
    for n, w in enumerate(words):
        own = {w[:i] + w[i + 1:] for i in range(len(w))}
        own.add(w)
        keys += own
        numbers += repeat(n, len(own))
    crcs = _crcs(keys)
    order = sorted(range(len(crcs)), key=crcs.__getitem__)
    pick = itemgetter(*order) if len(order) > 1 else lambda seq: tuple(seq[i] for i in order)
    return array("I", pick(crcs)).tobytes(), array("I", pick(numbers)).tobytes(), "\n".join(words)


def _bigram_table() -> tuple:
    """(sorted "left right" keys, each ending in a newline, as one bytes blob; an
    array of where each key starts, plus the end; an array of the counts; the filter)."""
    from .rulecache import memo, sha1

    raw = datafiles.read_bytes("bigrams_en.tsv.gz")

    def build():
        pairs = {}
        for line in gzip.decompress(raw).decode("utf-8").splitlines():
            pair, _, value = line.partition("\t")
            pairs[pair.encode("utf-8")] = int(value)  # a repeated pair: the last count, as before
        keys = sorted(pairs)
        starts = array("I", [0])
        for k in keys:
            starts.append(starts[-1] + len(k) + 1)
        return b"".join(k + b"\n" for k in keys), starts.tobytes(), bytes(pairs[k] for k in keys)

    stamp = sha1(raw).digest()  # (once: memo would hash the megabyte for each entry)
    keys, starts, values = memo("bigrams_en", stamp, build)
    offsets = array("I")
    offsets.frombytes(starts)
    bits = memo(f"bigram_bits{BIGRAM_FILTER_BITS}_en", stamp, lambda: _bigram_bits(keys))
    return keys, offsets, values, bits


def _bigram_bits(keys: bytes) -> bytes:
    """A bit per CRC-32 (mod 2**BIGRAM_FILTER_BITS) of each pair of the bigram table."""
    bits = bytearray(1 << (BIGRAM_FILTER_BITS - 3))
    mask = len(bits) - 1
    for h in map(crc32, keys.split(b"\n")[:-1]):
        bits[(h >> 3) & mask] |= 1 << (h & 7)
    return bytes(bits)


def _english_tables(raw: bytes, accept: str) -> tuple[str, str, bytes]:
    """The built-in list as (common words, rare words, Zipf x 100 of each in that order):
    the words newline-joined, the values an array of unsigned shorts."""
    zipf = Lexicon.from_lines(gzip.decompress(raw).decode("utf-8").splitlines()).zipf
    # The shipped news words become candidates too (only plain words: the file may hold patterns).
    for line in accept.splitlines():
        word = line.strip()
        if word.isalpha() and word.islower() and word.isascii():
            zipf[word] = max(zipf.get(word, 0.0), ACCEPT_ZIPF)
    common = [w for w, z in zipf.items() if not 0 < z < RARE_ZIPF]
    rare = [w for w, z in zipf.items() if 0 < z < RARE_ZIPF]
    values = array("H", [round(zipf[w] * 100) for w in common + rare])
    return "\n".join(common), "\n".join(rare), values.tobytes()


def data_lines(name: str) -> list[str]:
    """The entries of a file of normlint/data: its lines, stripped, less blank lines and # comments."""
    text = datafiles.read_text(name)
    return [w for w in map(str.strip, text.splitlines()) if w and not w.startswith("#")]


@lru_cache(maxsize=1)
def no_suggest() -> frozenset[str]:
    """Words never offered as suggestions, though known: slurs and obscenities."""
    return frozenset(data_lines("nosuggest_en.txt"))


@lru_cache(maxsize=1)
def english() -> Lexicon:
    """The built-in English list, read once per process."""
    return read_list(datafiles.read_bytes("words_en.tsv.gz"), datafiles.read_text("accept_en.txt"))


def read_list(raw: bytes, accept: str) -> Lexicon:
    """A word list (gzipped lines of word TAB Zipf x 100) plus the accepted news words, with
    the tables derived from them cached under their digest."""
    from .rulecache import cached, memo, sha1

    # Parsing 160,000 lines is most of a cold start: the words are cached (marshal) like
    # parsed rules, as two strings and an array, which load far faster than a dict of floats;
    # and sorted, which a short run searches instead of building any table at all.
    key = sha1(raw + b"\0" + accept.encode("utf-8")).digest()  # (once: memo hashes its key)
    source = [raw, accept]  # (dropped once the lists are read: ~1 MB)
    read: list = []  # the lists, once read

    def lists() -> tuple[str, str, bytes]:
        if not read:
            raw, accept = source
            read.append(memo("lexicon_en", key, lambda: _english_tables(raw, accept)))
        return read[0]

    text, starts, values = memo("lexicon_sorted_en", key, lambda: _sorted_tables(*lists()))
    order = (text, _array("I", starts), _array("H", values))

    def load() -> dict[str, float]:  # (called once)
        common_text, rare_text, packed = lists()
        read.clear()
        source.clear()
        common = common_text.split("\n") if common_text else []
        rare = rare_text.split("\n") if rare_text else []
        values = array("H")
        values.frombytes(packed)
        # one float object per distinct value, and the very floats int(v) / 100 gives
        table = [i / 100 for i in range(max(values, default=0) + 1)]
        return dict(zip(common + rare, map(table.__getitem__, values)))

    # the tables derived from the list are cached under a digest of it (memo hashes its key on every call)
    stamp = key + f"{TWO_EDIT_MIN_ZIPF}/{TWO_EDIT_FILTER_BITS}/{BLANK_FILTER_BITS}/crc32".encode()
    def tables(name, build, key=b""):
        return cached(name, stamp + key) if build is None else memo(name, stamp + key, build)

    return Lexicon(load=load, sorted=order, memo=tables)


def _sorted_tables(common_text: str, rare_text: str, packed: bytes) -> tuple[str, bytes, bytes]:
    """The list in code point order: (the words newline-joined, where each starts (an array
    of unsigned ints, plus the end), their Zipf x 100 (unsigned shorts))."""
    words = (common_text.split("\n") if common_text else []) + (rare_text.split("\n") if rare_text else [])
    values = array("H")
    values.frombytes(packed)
    order = sorted(range(len(words)), key=words.__getitem__)
    starts = array("I", [0])
    for i in order:
        starts.append(starts[-1] + len(words[i]) + 1)
    return "\n".join(words[i] for i in order) + "\n", starts.tobytes(), array("H", [values[i] for i in order]).tobytes()
