"""Document: the text being checked, with a line index, word tokens and quotation spans.

Everything a check needs to know about the text is computed here once, lazily,
so that many checks share one scan.
"""
from __future__ import annotations

import bisect
import re
from itertools import filterfalse

import regex

from .lazy_pattern import lazy, lazy_re

# A word: letters and marks (so "Zelenskyy" and "São" are one token), digits
# allowed after the first letter ("F16"), inner apostrophes ("don't", "Iraq’s").
WORD_RE = lazy(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*")

# The same tokens for plain text (see Document.plain: \p{L} is A-Za-z there, \p{N} is
# 0-9, no marks), with the faster standard ``re`` engine.  Possessive: nothing follows the
# repeats, so giving characters back never leads to a match, and ``re`` then keeps no
# backtracking state for them (the scan of corpus A: 0.27 -> 0.22 s).
ASCII_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*+(?:['’][A-Za-z]++)*+")
# A character that can be part of a word and is not ASCII: texts without one are "plain".
_NON_ASCII_WORD_CHAR = lazy(r"[[\p{L}\p{M}\p{N}]--[\x00-\x7f]]", regex.V1)

_LETTERS = lazy(r"\p{L}+")
# What stands before a word that opens a sentence (or a line, or the text): end punctuation
# and closing quotes or brackets, then space; opening quotes or brackets may follow.
_SENTENCE_START = lazy(r"(?:[.!?:;]['\"’”)\]]*\s+|\n\s*|^\s*)['\"“‘(\[]*$")


# A title whose full stop ends no sentence: "Dr. Aung", "Gen. Ali", "St. Louis" (not
# "Inc." or "Jr.", which often do).
_TITLE_BEFORE = lazy(
    r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Adm|Sgt|Cpl|Gov|Sen|Rep|Rev|Hon|Pres|Supt|"
    r"Insp|Det|Fr|St|Mt|vs)\.[ \t]+$")


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or the text (a title's full
    stop, "Dr. Aung", ends no sentence)."""
    return _SENTENCE_START.search(text, max(0, start - 8), start) is not None and \
        _TITLE_BEFORE.search(text, max(0, start - 12), start) is None


_NOT_LETTER = str.maketrans("0123456789'’", " " * 12)  # what else a lower-cased plain token holds
_FROM_APOSTROPHE = lazy_re(r"'[^ ]*")  # in words joined by spaces: from an apostrophe to the word's end


def straight_apostrophes(word: str) -> str:
    """``word`` with typographic apostrophes made straight, as word lists spell contractions
    ("couldn’t" is listed as "couldn't")."""
    return word.replace("’", "'") if "’" in word else word


OPEN_QUOTES = "“\"«„"
CLOSE_QUOTES = "”\"»"
# Where Document.quote_spans has something to do: a mark, or a newline that starts a blank line.
_QUOTE_EVENTS = lazy_re("[%s]|\n(?=\n)" % re.escape("".join(sorted(set(OPEN_QUOTES + CLOSE_QUOTES)))))


def _add_apostrophe_parts(parts: set, joined: str, curly: bool) -> None:
    """Add to ``parts`` the apostrophe-separated parts of each word of ``joined`` (words
    joined by single spaces) holding an apostrophe: visits the few apostrophes, not every
    word (a word without one is its own only part)."""
    find, rfind, n = joined.find, joined.rfind, len(joined)
    for mark in ("'", "’") if curly else ("'",):
        i = find(mark)
        while i != -1:
            end = find(" ", i)
            end = n if end == -1 else end
            word = joined[rfind(" ", 0, i) + 1:end]
            parts.update((word.replace("’", "'") if curly else word).split("'"))
            i = find(mark, end)


class cached_property:  # noqa: N801 (named for what it replaces)
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    access, a good part of a short document's cost): a document is read by one thread, and
    two computing the same attribute at once would store equal values."""

    def __init__(self, func):
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        # a non-data descriptor: once stored, the instance attribute is found first
        value = obj.__dict__[self.attrname] = self.func(obj)
        return value


class WordProbe:
    """Lower-case words a set-test pre-check looks for among a document's words
    (:meth:`Document.found`).  Every probe joins one process-wide union: a document
    intersects its words with the union once, and each rule's test is then against that
    handful of hits, not the document's few hundred words again."""

    union: frozenset = frozenset()

    def __init__(self, words):
        self.words = frozenset(words)
        if not self.words <= WordProbe.union:
            WordProbe.union = WordProbe.union | self.words  # a new object: documents see the change

    def __reduce__(self):  # unpickled probes join the union of the process they land in
        return WordProbe, (self.words,)


# Measured on a 1.7 MB text: 100 str.find passes cost about as much as building its tokens.
_FIND_AT_MOST = 64


class Document:
    """Text plus the indexes checks share.

    ``text`` is what checks scan.  For markup formats it is the source with
    non-prose regions masked (same length, so offsets still map 1:1 onto the
    file); ``skip_spans`` are regions where nothing may be reported or changed.
    """

    def __init__(self, text: str, path: str = "-", *, skip_spans=(), source: str | None = None):
        self.text = text
        self.path = path
        self.source = text if source is None else source
        self.skip_spans: list[tuple[int, int]] = sorted(skip_spans)

    # -- positions -------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + 1, offset - self.line_starts[idx] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (1-based in, 0-based offset out)."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    @cached_property
    def plain(self) -> bool:
        """Whether every letter, mark and digit of the text is ASCII.  Most copy is plain
        even when it is not ASCII: curly quotes and apostrophes, dashes, ellipses and
        no-break spaces are not word characters, so words are A-Za-z0-9 and apostrophes,
        and the fast paths below (``re`` tokeniser, one shared word set) hold."""
        text = self.text
        return text.isascii() or _NON_ASCII_WORD_CHAR.search(text) is None

    # -- tokens ----------------------------------------------------------
    @cached_property
    def tokens(self) -> list[tuple[int, int, str]]:
        """Every word as (start, end, text), in order; computed once per document."""
        word_re = ASCII_WORD_RE if self.plain else WORD_RE
        return [(m.start(), m.end(), m.group()) for m in word_re.finditer(self.text)]

    def tokens_of(self, wanted) -> list[tuple[int, int, str]]:
        """The tokens (as ``tokens`` holds them) whose text is in ``wanted``, in order.  Unless
        ``tokens`` is built already, found with str.find and a scan from the last space or
        line break before each hit (a token holds neither, so that scan is in step with one
        of the whole text) instead of building every token of the document."""
        # Each wanted word costs a pass of str.find over the whole text, so past a few dozen
        # (a long file of many stories) building every token once is cheaper.
        if "tokens" in self.__dict__ or len(wanted) > _FIND_AT_MOST:
            return [t for t in self.tokens if t[2] in wanted]
        text = self.text
        word_re = ASCII_WORD_RE if self.plain else WORD_RE
        out = []
        for s in wanted:
            size = len(s)
            i = text.find(s)
            while i != -1:
                j = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
                for m in word_re.finditer(text, j):
                    if m.start() >= i:
                        if m.start() == i and m.end() == i + size:
                            out.append((i, i + size, s))
                        break
                    if m.end() > i:
                        break  # inside a longer token
                i = text.find(s, i + 1)
        out.sort()
        return out

    @cached_property
    def lower_text(self) -> str:
        return self.text.lower()

    @cached_property
    def letter_runs(self) -> set[str]:
        """Every maximal run of letters of the lower-cased text (for set-test pre-checks;
        :meth:`letter_runs_in` answers the usual question without building it)."""
        if self.plain:
            # Each run lies inside one word token: split the distinct lower-cased words at
            # their digits and apostrophes, in C.
            return set(" ".join(self.lower_parts).translate(_NOT_LETTER).split())
        return set(_LETTERS.findall(self.lower_text))

    # -- set-test pre-checks ---------------------------------------------------
    # Rules rule most documents out with one set test against the document's words.
    # Building a set of a few hundred words is what costs, so each text builds one,
    # ``lower_parts``, that answers every such test: it holds word_keys(True) and each
    # of word_parts(fold) lower-cased and case-folded, and (in plain text) its
    # letters-only members are letter runs.  A test against it may let a document through that the
    # exact set would not (the rule's own pass then finds nothing), never the reverse.

    @cached_property
    def lower_parts(self) -> set[str]:
        """Every token lower-cased and case-folded (the same in plain text), and every part of
        those between apostrophes ("o'neill's" -> "o'neill's", "o", "neill", "s")."""
        parts = set(self.words_lower)
        joined = (self._joined_lower,)
        if not self.plain and self._joined_casefold != self._joined_lower:  # ("ß", "ſ", "ς")
            parts.update(self.words_casefold)
            joined += (self._joined_casefold,)
        if parts:
            text = self.text
            curly = "’" in text
            if curly or "'" in text:
                for words in joined:
                    _add_apostrophe_parts(parts, words, curly)
        return parts

    def found(self, probe: WordProbe) -> set[str]:
        """The words of ``probe`` that ``lower_parts`` holds."""
        cached = self.__dict__.get("_probe_hits")
        union = WordProbe.union
        if cached is None or cached[0] is not union:
            cached = self.__dict__["_probe_hits"] = (union, self.lower_parts.intersection(union))
        return probe.words.intersection(cached[1])

    def letter_runs_in(self, probe: WordProbe) -> set[str]:
        """``probe.words & letter_runs`` for letters-only lower-case words (the union of the
        consistency rules' gates, say), with at most extra members, never a missing one."""
        words = probe.words
        if not self.plain:
            return self.letter_runs.intersection(words)
        hits = self.found(probe)
        # tokens holding a digit ("f16") have letter runs that are not members: few
        odd = self.__dict__.get("_digit_runs")
        if odd is None:
            odd = self.__dict__["_digit_runs"] = set(
                " ".join(filterfalse(str.isalpha, self.lower_parts)).translate(_NOT_LETTER).split())
        if odd:
            hits |= odd.intersection(words)
        return hits

    @cached_property
    def words(self) -> list[str]:
        """The token strings alone (one C-level scan, no match objects): checks use
        them to rule a document out before they need positions."""
        if "tokens" in self.__dict__:
            return [t for _, _, t in self.tokens]
        return (ASCII_WORD_RE if self.plain else WORD_RE).findall(self.text)

    @cached_property
    def _joined_lower(self) -> str:
        # Tokens hold no spaces and lower-casing never makes one: one C-level lower() for all.
        return " ".join(self.words).lower()

    @cached_property
    def _joined_casefold(self) -> str:
        # casefold() is lower() on ASCII letters: share the one string
        return self._joined_lower if self.plain else " ".join(self.words).casefold()

    @cached_property
    def words_lower(self) -> list[str]:
        # From ``words``, not a scan of the lower-cased text: the spelling check needs the
        # words as written anyway, and one scan plus a join/lower/split beats two scans.
        return self._joined_lower.split(" ") if self.words else []

    @cached_property
    def words_casefold(self) -> list[str]:
        if self.plain:
            return self.words_lower
        return self._joined_casefold.split(" ") if self.words else []

    def word_parts(self, fold: bool) -> set[str]:
        """Every token and every apostrophe-separated part of one ("o’Neill" -> "o", "Neill"),
        case-folded when ``fold``: where a pattern anchored by ``\\b`` can start a word."""
        attr = "_word_parts_folded" if fold else "_word_parts"
        parts = self.__dict__.get(attr)
        if parts is None:
            words = self.words_casefold if fold else self.words
            parts = set(words) if words else {""}
            if words and ("'" in self.text or "’" in self.text):
                # Every distinct word split at its apostrophes, in C-level passes (a word
                # without one splits into itself, already in the set).
                parts.update(" ".join(parts).replace("’", " ").replace("'", " ").split(" "))
            self.__dict__[attr] = parts
        return parts

    def word_keys(self, fold: bool) -> set[str]:
        """Every token, and the part before an apostrophe ("Wedmesday’s" -> "Wedmesday"),
        lower-cased when ``fold``: a superset of what word-list lookups can match."""
        attr = "_word_keys_lower" if fold else "_word_keys"
        keys = self.__dict__.get(attr)
        if keys is None:
            keys = set(self.words_lower if fold else self.words)
            if keys and ("'" in self.text or "’" in self.text):
                # Every distinct word cut at its first apostrophe, in C-level passes
                # (a word without one stays whole, already in the set).
                keys.update(_FROM_APOSTROPHE.sub("", " ".join(keys).replace("’", "'")).split(" "))
            self.__dict__[attr] = keys
        return keys

    # -- quotations ------------------------------------------------------
    @cached_property
    def quote_spans(self) -> list[tuple[int, int]]:
        """Spans of text inside double quotation marks, the marks included.

        Straight and curly marks are paired by position (an opening mark
        follows a space or the start of a paragraph).  A quotation left open
        at the end of a paragraph runs to that end, as in wire copy where a
        quote continues into the next paragraph.
        """
        spans = []
        text = self.text
        n = len(text)
        open_at = -1
        # Only quotation marks and paragraph breaks matter: a C-level scan visits just those.
        for m in _QUOTE_EVENTS.finditer(text):
            i = m.start()
            ch = text[i]
            if ch == "\n":
                if open_at >= 0:
                    spans.append((open_at, i))
                    open_at = -1
                continue
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            opening = ch in "“«„" or (ch == '"' and (prev.isspace() or prev in "([{—–-/") and not nxt.isspace())
            if open_at < 0:
                if opening or ch == '"' and not nxt.isspace():
                    open_at = i
            elif not opening or ch == '"':
                spans.append((open_at, i + 1))
                open_at = -1
        if open_at >= 0:
            spans.append((open_at, n))
        return spans

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when [start, end) lies inside a quotation."""
        end = start if end is None else end
        spans = self.quote_spans
        k = bisect.bisect_right(spans, (start, float("inf"))) - 1
        return k >= 0 and spans[k][0] <= start and end <= spans[k][1]

    @cached_property
    def _skip_index(self) -> tuple[list[int], list[int]]:
        """Skip spans merged where they overlap, as parallel start/end lists for bisect."""
        merged: list[list[int]] = []
        for s, e in self.skip_spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        return [s for s, _ in merged], [e for _, e in merged]

    def skipped(self, start: int, end: int) -> bool:
        """True when [start, end) touches a region nothing may report on
        (a zero-width position touches a region it lies strictly inside)."""
        starts, ends = self._skip_index
        k = bisect.bisect_left(starts, end) - 1  # the last region starting before ``end``
        return k >= 0 and ends[k] > start

    def reportable(self, diag) -> bool:
        """Whether a diagnostic may stand, given the skipped regions.

        Never when its fix would change a skipped region, or when it starts or
        ends in one.  A report with no fix over a stretch of prose that merely
        contains markup (a long sentence holding a code span) stands.
        """
        if not self.skipped(diag.start, diag.end):
            return True
        if diag.fix is not None and self.skipped(diag.fix.start, diag.fix.end):
            return False
        return diag.end > diag.start and not self.skipped(diag.start, diag.start + 1) \
            and not self.skipped(diag.end - 1, diag.end)
