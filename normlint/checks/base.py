"""The one interface every check kind implements.

A check is built from one :class:`~normlint.loader.Rule`; it validates and
compiles the rule's keys in ``compile()`` (raising ``self.rule.error(...)`` on
bad input) and yields :class:`~normlint.diagnostics.Diagnostic` objects from
``run(doc)``.  A check never prints and never writes files.
"""
from __future__ import annotations

from typing import ClassVar, Iterable, Iterator

import regex

from ..diagnostics import APPLICABILITIES, NONE, SAFE, UNSAFE, Diagnostic, Fix, Severity
from ..document import Document
from ..lazy_pattern import LazyPattern, lazy_re
from ..loader import Rule

# One bad user pattern must not hang a run: every regex search runs with this
# timeout (seconds), and the engine turns TimeoutError into an error naming the rule.
REGEX_TIMEOUT = 2.0

_PRINTF = lazy_re(r"%%|%s")


# What _one_line accepts: escapes that match one character other than a line break, or none
# (assertions), and the Unicode properties that hold no control character.
_SAFE_ESCAPES = frozenset("wdSbBAmMtrfae")
_SAFE_PROPERTIES = frozenset("L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So".split())
_QUANTIFIER = lazy_re(r"\{\d*(?:,\d*)?\}")
_PROPERTY = lazy_re(r"p(?:\{(\w+)\}|([A-Z]))")
_INLINE_FLAGS = lazy_re(r"\(\?([im-]+)[:)]")
_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?P=", "(?#")
_NAMED_GROUP = lazy_re(r"\(\?P?<\w+>")


def _one_line(pattern: str) -> bool:
    """Whether no match of ``pattern`` (as compile_regex compiles it: VERSION0, at most
    IGNORECASE) can hold a line break, read conservatively: any construct not known to
    keep to one line ("\\s", "[^...]", "\\W", "\\P{..}", "(?s)", fuzzy "{e<=1}", "\\G",
    escapes by code point, ...) gives False.  So do "$", "\\Z" and "\\z", which test where the
    text ends: with this, a scan of one line that ends just past its line break finds what a
    scan of the whole text finds on that line."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\n" or c == "$":
            return False
        if c == "\\":
            if i + 1 >= n:
                return False
            e = pattern[i + 1]
            if e in _SAFE_ESCAPES or (not e.isalnum() and e not in "\n"):
                i += 2
                continue
            if e == "p":
                m = _PROPERTY.match(pattern, i + 1)
                if m is None or (m.group(1) or m.group(2)) not in _SAFE_PROPERTIES:
                    return False
                i = m.end()
                continue
            if e in "123456789" and not pattern[i + 2:i + 3].isdigit():
                i += 2  # a back-reference: what a group of this pattern matched
                continue
            if e == "g" and pattern.startswith("<", i + 2):
                close = pattern.find(">", i + 3)
                if close == -1:
                    return False
                i = close + 1
                continue
            return False
        if c == "[":
            j = i + 1
            if pattern.startswith("^", j):
                return False
            if pattern.startswith("]", j):
                j += 1  # a leading "]" is literal
            prev_literal = None
            while j < n and pattern[j] != "]":
                d = pattern[j]
                if d == "\n":
                    return False
                if d == "\\":
                    if j + 1 >= n:
                        return False
                    e = pattern[j + 1]
                    if e == "p":
                        m = _PROPERTY.match(pattern, j + 1)
                        if m is None or (m.group(1) or m.group(2)) not in _SAFE_PROPERTIES:
                            return False
                        j, prev_literal = m.end(), "\\"
                        continue
                    if e in "wdtrfa" or (not e.isalnum() and e != "\n"):
                        j, prev_literal = j + 2, "\\"
                        continue
                    return False
                if d == "-" and prev_literal is not None and j + 1 < n and pattern[j + 1] != "]":
                    hi = pattern[j + 1]
                    if prev_literal == "\\" or hi in "\\[" or ord(prev_literal) <= 10 <= ord(hi):
                        return False  # a range from or to an escape, or one spanning the line break
                    j, prev_literal = j + 2, None
                    continue
                if d == "[":
                    return False  # (a nested set means another syntax: not read here)
                prev_literal = d
                j += 1
            if j >= n:
                return False
            i = j + 1
            continue
        if c == "{":
            m = _QUANTIFIER.match(pattern, i)
            if m is None:
                return False  # fuzzy matching ("{e<=1}") may insert any character
            i = m.end()
            continue
        if c == "(":
            if pattern.startswith("(?", i):
                m = _INLINE_FLAGS.match(pattern, i)
                if m is not None:
                    i = m.end()
                    continue
                m = _NAMED_GROUP.match(pattern, i)
                if m is not None:
                    i = m.end()
                    continue
                opener = next((o for o in _GROUP_OPENERS if pattern.startswith(o, i)), None)
                if opener is None:
                    return False
                if opener in ("(?P=", "(?#"):
                    close = pattern.find(")", i)
                    if close == -1:
                        return False
                    i = close + 1
                    continue
                i += len(opener)
                continue
            if pattern.startswith("(*", i):
                return False
        i += 1
    return True


class RuleTimeout(Exception):
    def __init__(self, rule_id: str, path: str):
        self.rule_id, self.path = rule_id, path
        super().__init__(f"{path}: rule {rule_id} timed out after {REGEX_TIMEOUT:g}s "
                         "(its pattern backtracks catastrophically); rule skipped for this file")


class Check:
    kind: ClassVar[str] = ""
    #: kind-specific YAML keys this check accepts (besides loader.COMMON_KEYS)
    keys: ClassVar[frozenset] = frozenset()
    #: kind-specific keys that must be present
    required: ClassVar[frozenset] = frozenset()
    #: whether this kind can produce fixes at all (``fix: safe|unsafe`` allowed)
    can_fix: ClassVar[bool] = False
    #: default ``fix`` when the rule file does not say (Vale styles never do)
    default_fix: ClassVar[str] = NONE
    #: default ``quotes`` policy: "check" text in quotations, or "skip" it
    default_quotes: ClassVar[str] = "check"
    #: broad checks (spelling, grammar) defer to rule files: their diagnostics are
    #: dropped where a non-deferring rule already reported an overlapping span
    defers: ClassVar[bool] = False
    #: diagnostics carry their own rule ids under the rule's pack (``LanguageTool.EN_A_VS_AN``),
    #: so ``select``/``ignore`` also apply to each diagnostic, not only to the rule file
    own_rule_ids: ClassVar[bool] = False
    #: lower-case letter runs of which a document must hold one (``Document.letter_runs``)
    #: for ``run`` to find anything, or None: the linter skips the call outright where
    #: none occurs (most articles name none of a consistency rule's forms)
    letter_gate: frozenset | None = None
    #: whether no match of ``exceptions`` can hold a line break (see :func:`_one_line`)
    exceptions_one_line: bool = False
    #: keys of which :meth:`doc_features` must return one for ``run`` to find anything, or None:
    #: the linter computes a kind's features once per document (the units rules share one
    #: scan; the typography rules' pre-tests are a few substring tests) and skips the rules
    #: whose keys the document lacks, instead of calling each of them
    feature_gate: frozenset | None = None

    @staticmethod
    def doc_features(doc: Document, wanted: frozenset):
        """What a document holds that this kind's ``feature_gate`` keys name (a set); those
        outside ``wanted`` (the union of the running rules' keys) may be left out."""
        raise NotImplementedError

    def __init__(self, rule: Rule):
        self.rule = rule
        self.id = rule.id
        try:
            self.severity = Severity.parse(str(rule.get("level", "warning")))
        except ValueError as exc:
            raise rule.error(str(exc), "level") from None
        self.message = rule.get("message")
        if not isinstance(self.message, str):
            raise rule.error("'message' must be a string", "message")
        self.fix_mode = rule.get("fix", self.default_fix)
        if self.fix_mode not in APPLICABILITIES:
            raise rule.error(f"'fix' must be one of safe, unsafe, none (got {self.fix_mode!r})", "fix")
        if self.fix_mode != NONE and not self.can_fix:
            raise rule.error(f"'{self.kind}' rules cannot fix text; use fix: none", "fix")
        self.ignorecase = self._bool("ignorecase", False)
        self.nonword = self._bool("nonword", False)
        self.quotes = rule.get("quotes", self.default_quotes)
        if self.quotes not in ("check", "skip"):
            raise rule.error("'quotes' must be 'check' or 'skip'", "quotes")
        limit = rule.get("limit", 0)
        if not isinstance(limit, int) or limit < 0:
            raise rule.error("'limit' must be a non-negative integer", "limit")
        self.limit = limit
        self.exceptions = self._exceptions()
        self.compile()

    # -- for subclasses ---------------------------------------------------
    def compile(self) -> None:
        """Validate and compile kind-specific keys."""

    def run(self, doc: Document) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def active(self, config) -> bool:
        """Whether this check runs under ``config`` (grammar runs only when switched on)."""
        return True

    def bind(self, config) -> "Check":
        """This check ready to run under ``config``: checks needing a service (LanguageTool)
        return a copy holding it; compiled rules themselves stay shared between configs."""
        return self

    def examples_unavailable(self, config) -> str | None:
        """Why ``normlint rules test`` cannot run this rule's examples here (None: it can)."""
        return None

    # -- helpers ------------------------------------------------------------
    def _bool(self, key, default):
        value = self.rule.get(key, default)
        if not isinstance(value, bool):
            raise self.rule.error(f"'{key}' must be true or false", key)
        return value

    def choice(self, key: str, options, default=None):
        """A key whose value must be one of ``options``; errors name the key's line."""
        value = self.rule.get(key, default)
        if value not in options:
            raise self.rule.error(f"'{key}' must be one of {', '.join(options)} (got {value!r})", key)
        return value

    def regex_flags(self, flags: int = 0) -> int:
        """The flags a rule's patterns compile with."""
        return flags | regex.VERSION0 | (regex.IGNORECASE if self.ignorecase else 0)

    def compile_regex(self, pattern: str, key: str, flags: int = 0):
        """Compile a user pattern with the ``regex`` package; errors name the file and key's line."""
        try:
            return regex.compile(pattern, self.regex_flags(flags))
        except (regex.error, TypeError, ValueError) as exc:
            raise self.rule.error(f"pattern {pattern!r} does not compile: {exc}", key) from None

    def finditer(self, pattern, text: str, doc: Document, pos: int = 0, endpos: int | None = None) -> Iterator:
        """``pattern.finditer`` under the per-rule timeout."""
        try:
            if endpos is None:
                yield from pattern.finditer(text, pos, timeout=REGEX_TIMEOUT)
            else:
                yield from pattern.finditer(text, pos, endpos, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            raise RuleTimeout(self.id, doc.path) from None

    def _exceptions(self):
        """``exceptions``: patterns whose matches shelter what they cover ("chicken Kiev")."""
        raw = self.rule.get("exceptions")
        if raw is None:
            return None
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise self.rule.error("'exceptions' must be a list of patterns", "exceptions")
        if not raw:
            return None
        combined = "|".join(f"(?:{p})" for p in raw)
        # Matches that keep to one line let a finding's line alone be scanned (see excepted)
        self.exceptions_one_line = _one_line(combined)
        if self.rule.compiled_before:
            # the rule cache vouches that it compiles: compiled when a finding first asks
            # (most runs of most rules find nothing to except)
            return LazyPattern(combined, self.regex_flags())
        return self.compile_regex(combined, "exceptions")

    def excepted(self, doc: Document, start: int, end: int) -> bool:
        """Whether a match of ``exceptions`` covers [start, end): the matches being those of
        one scan of the whole text (each search resuming where the last match ended)."""
        if self.exceptions is None:
            return False
        cache = doc.__dict__.setdefault("_exc_cache", {})
        key, pos = self.id, 0
        if self.exceptions_one_line:
            # No match holds a line break, so none reaches across one: the whole-text scan,
            # past the start of a line, matches what a scan from that line's start does (whose
            # look-behinds and \b see the text before it, as the whole scan's do).  So a
            # finding's line alone is scanned, not the text before it.
            # Its end is just past its line break (nothing but an end-of-text test, which
            # _one_line refuses, tells that from the whole text).
            text = doc.text
            if text.find("\n", start, end) != -1:
                return False  # no match of one line covers a line break
            pos = text.rfind("\n", 0, start) + 1
            endpos = text.find("\n", start) + 1 or len(text)
            key = (self.id, pos)
        entry = cache.get(key)
        if entry is None:
            # The exceptions' matches come in order of their starts, and only those starting
            # at or before ``start`` can cover a finding: scan no further than the findings
            # asked about (most end well before the text does).
            entry = cache[key] = ([], self.finditer(self.exceptions, doc.text, doc, pos,
                                                    endpos if self.exceptions_one_line else None))
        spans, matches = entry
        while matches is not None and (not spans or spans[-1][0] <= start):
            m = next(matches, None)
            if m is None:
                matches = None
                cache[key] = (spans, None)
            else:
                spans.append(m.span())
        return any(s <= start and end <= e for s, e in spans)

    def allowed(self, doc: Document, start: int, end: int) -> bool:
        """Whether a finding at [start, end) may be reported at all."""
        if self.quotes == "skip" and doc.in_quote(start, end):
            return False
        return not self.excepted(doc, start, end)

    def format(self, *args) -> str:
        """Fill the message's ``%s`` slots with ``args``; extra args are dropped."""
        it = iter(args)

        def sub(m):
            if m.group() == "%%":
                return "%"
            return str(next(it, ""))

        return _PRINTF.sub(sub, self.message)

    def diagnostic(self, doc: Document, start: int, end: int, message: str,
                   replacement: str | None = None, *, suggestions=(),
                   applicability: str | None = None) -> Diagnostic:
        line, col = doc.position(start)
        end_line, end_col = doc.position(end)
        fix = None
        mode = applicability or self.fix_mode
        if replacement is not None and mode in (SAFE, UNSAFE):
            fix = Fix(start, end, replacement, mode)
        return Diagnostic(path=doc.path, rule=self.id, severity=self.severity, message=message,
                          line=line, column=col, end_line=end_line, end_column=end_col,
                          start=start, end=end, fix=fix, suggestions=tuple(suggestions))


def match_case(template: str, replacement: str) -> str:
    """``case: preserve``: give the replacement the case pattern of the matched text."""
    return case_matcher(template)(replacement)


def _same(replacement: str) -> str:
    return replacement


def _first_upper(replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if replacement[:1].islower() else replacement


def case_matcher(template: str):
    """:func:`match_case` for one template, decided once: a function of the replacement
    (a spelling report fits up to eight suggestions to one misspelt word)."""
    letters = [c for c in template if c.isalpha()]
    if not letters:
        return _same
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return str.upper
    if all(c.islower() for c in letters):
        return _same  # keep the rule's own capitals ("wedmesday" -> "Wednesday")
    if letters[0].isupper():
        return _first_upper
    return _same
