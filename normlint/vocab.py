"""Project vocabularies: Vale-style ``accept.txt`` and ``reject.txt`` lists.

A vocabulary is a folder holding ``accept.txt`` and/or ``reject.txt``, one entry a
line (``#`` starts a comment).  An entry is a word or a regular expression that
must match a whole word.  A plain word is case-sensitive, except that a word
written in lowercase also accepts its capitalised and upper-case forms ("mln" accepts
"Mln" and "MLN"), and a capitalised name accepts its upper-case form ("Yarallah",
"YARALLAH").  Regexes are taken as written; start one with ``(?i)`` to ignore case.

The configuration names vocabulary folders relative to the config file::

    vocab = ["vocab"]          # vocab/accept.txt, vocab/reject.txt
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from .lazy_pattern import lazy
from .errors import ConfigError

_PLAIN = lazy(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*")


# A regex entry made only of letters, classes of letters ("[Ee]"), optional parts ("s?") and
# groups of alternatives ("(?:e|es|ed)") matches a handful of words: those are listed as
# exact forms instead, so the combined pattern is compiled only for the entries that need
# it (compiling the shipped list's took a twentieth of a short run's start-up).
_LETTER = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-"
_MAX_FORMS = 64


def _finite_forms(entry: str) -> set[str] | None:
    """Every word ``entry`` matches whole, if it is of the simple shape above; else None."""
    def parse(i: int, stop: str):
        # returns (forms, next index) for a sequence up to ``stop`` ("" = the end)
        forms = {""}
        while i < len(entry) and entry[i] not in stop:
            c = entry[i]
            if c in _LETTER:
                part, i = {c}, i + 1
            elif c == "[":  # (letters only: no ranges, no negation)
                j = entry.find("]", i)
                if j < 0 or not entry[i + 1:j] or any(x not in _LETTER or x == "-" for x in entry[i + 1:j]):
                    return None
                part, i = set(entry[i + 1:j]), j + 1
            elif entry.startswith("(?:", i):
                part, i = set(), i + 3
                while True:
                    got = parse(i, "|)")
                    if got is None:
                        return None
                    alt, i = got
                    part |= alt
                    if i >= len(entry):
                        return None
                    i += 1
                    if entry[i - 1] == ")":
                        break
            else:
                return None
            if i < len(entry) and entry[i] == "?":
                part, i = part | {""}, i + 1
            forms = {f + p for f in forms for p in part}
            if len(forms) > _MAX_FORMS:
                return None
        return forms, i

    got = parse(0, "")
    if got is None or got[1] != len(entry) or "" in got[0]:
        return None
    return got[0]


def _forms(word: str) -> set[str]:
    forms = {word, word.upper()}
    if word.islower():
        forms.add(word[:1].upper() + word[1:])
    return forms


@dataclass
class WordList:
    """Entries of one accept or reject list: exact forms plus one combined regex."""

    words: set = field(default_factory=set)
    patterns: list = field(default_factory=list)
    # the words the simple regex entries match (see _finite_forms): matched like them, but
    # not offered as suggestions as plain entries are
    pattern_words: set = field(default_factory=set)
    _combined: object = None

    def add(self, entry: str, source: str = "", line: int = 0, validate: bool = True) -> None:
        if _PLAIN.fullmatch(entry):
            self.words |= _forms(entry)
            return
        if validate:  # (the shipped list is checked by a test: compiling each entry costs start-up time)
            try:
                regex.compile(entry)
            except regex.error as exc:
                raise ConfigError(source, f"line {line}: {entry!r} is neither a word nor a valid regex: {exc}") from None
        forms = _finite_forms(entry)
        if forms is not None:
            self.pattern_words |= forms
            return
        self.patterns.append(entry)
        self._combined = None

    def update(self, other: "WordList") -> None:
        """Add the entries of ``other``."""
        self.words |= other.words
        self.pattern_words |= other.pattern_words
        if other.patterns:
            self.patterns += other.patterns
            self._combined = None

    def __contains__(self, token: str) -> bool:
        if token in self.words or token in self.pattern_words:
            return True
        if not self.patterns:
            return False
        if self._combined is None:
            self._combined = regex.compile("|".join(f"(?:{p})" for p in self.patterns))
        return self._combined.fullmatch(token) is not None

    def __bool__(self) -> bool:
        return bool(self.words or self.patterns or self.pattern_words)

    def plain_words(self) -> set[str]:
        return self.words


@dataclass
class Vocab:
    accept: WordList = field(default_factory=WordList)
    reject: WordList = field(default_factory=WordList)


def read_list(path: Path, into: WordList) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(path, "vocabulary list is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read vocabulary list: {exc.strerror}") from None
    for n, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            into.add(entry, str(path), n)


@lru_cache(maxsize=64)
def load_vocab(folders: tuple[str, ...], config_path: str = "") -> Vocab:
    """The merged vocabularies of ``folders`` (absolute paths), read once per process."""
    vocab = Vocab()
    for folder in folders:
        p = Path(folder)
        if not p.is_dir():
            raise ConfigError(config_path or p, f"vocab folder '{folder}' does not exist")
        found = False
        for name, target in (("accept.txt", vocab.accept), ("reject.txt", vocab.reject)):
            if (p / name).is_file():
                read_list(p / name, target)
                found = True
        if not found:
            raise ConfigError(config_path or p, f"vocab folder '{folder}' has neither accept.txt nor reject.txt")
    return vocab


def vocab_folders(config) -> tuple[str, ...]:
    """The configured ``vocab`` folders, absolute, validated as strings."""
    raw = config.table("vocab")
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, tuple):  # the config freezes TOML arrays into tuples
        raw = list(raw)
    where = config.path or "configuration"
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ConfigError(where, "'vocab' must be a folder or a list of folders (each with accept.txt/reject.txt)")
    return tuple(str((config.root / f).resolve()) for f in raw)


@lru_cache(maxsize=1)
def builtin_accept() -> WordList:
    """The news words shipped with normlint (data/accept_en.txt)."""
    from . import datafiles

    wl = WordList()
    text = datafiles.read_text("accept_en.txt")
    for n, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            wl.add(entry, "accept_en.txt", n, validate=False)
    return wl
