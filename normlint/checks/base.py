"""The one interface every check kind implements.

A check is built from one :class:`~normlint.loader.Rule`; it validates and
compiles the rule's keys in ``compile()`` (raising ``self.rule.error(...)`` on
bad input) and yields :class:`~normlint.diagnostics.Diagnostic` objects from
``run(doc)``.  A check never prints and never writes files.
"""
from __future__ import annotations

import re as _stdre
from typing import ClassVar, Iterable, Iterator

import regex

from ..diagnostics import APPLICABILITIES, NONE, SAFE, UNSAFE, Diagnostic, Fix, Severity
from ..document import Document
from ..loader import Rule

# One bad user pattern must not hang a run: every regex search runs with this
# timeout (seconds), and the engine turns TimeoutError into an error naming the rule.
REGEX_TIMEOUT = 2.0

_PRINTF = _stdre.compile(r"%%|%s")


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
    #: keys of which :meth:`doc_features` must return one for ``run`` to find anything, or None:
    #: the linter computes a kind's features once per document (the units rules share one
    #: scan; the typography rules' pre-tests are a few substring tests) and skips the rules
    #: whose keys the document lacks, instead of calling each of them
    feature_gate: frozenset | None = None

    @staticmethod
    def doc_features(doc: Document):
        """What a document holds that this kind's ``feature_gate`` keys name (a set)."""
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

    def compile_regex(self, pattern: str, key: str, flags: int = 0):
        """Compile a user pattern with the ``regex`` package; errors name the file and key's line."""
        if self.ignorecase:
            flags |= regex.IGNORECASE
        try:
            return regex.compile(pattern, flags | regex.VERSION0)
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
        return self.compile_regex("|".join(f"(?:{p})" for p in raw), "exceptions")

    def excepted(self, doc: Document, start: int, end: int) -> bool:
        if self.exceptions is None:
            return False
        cache = doc.__dict__.setdefault("_exc_cache", {})
        entry = cache.get(self.id)
        if entry is None:
            # The exceptions' matches come in order of their starts, and only those starting
            # at or before ``start`` can cover a finding: scan no further than the findings
            # asked about (most end well before the text does).
            entry = cache[self.id] = ([], self.finditer(self.exceptions, doc.text, doc))
        spans, matches = entry
        while matches is not None and (not spans or spans[-1][0] <= start):
            m = next(matches, None)
            if m is None:
                matches = None
                cache[self.id] = (spans, None)
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
    letters = [c for c in template if c.isalpha()]
    if not letters:
        return replacement
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return replacement.upper()
    if all(c.islower() for c in letters):
        return replacement  # keep the rule's own capitals ("wedmesday" -> "Wednesday")
    if letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
