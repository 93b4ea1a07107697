"""Inline suppressions: ``normlint: ignore``, ``ignore-next-line`` and ``disable`` … ``enable``.

Directives are read from the raw source lines (``Document.source``), not from the
masked text checks see, so they work in any format: plain text writes them as
they are, Markdown and HTML inside comments (``<!-- normlint: ignore -->``).
They are applied by the engine after every check has run, so no check knows
about them and a suppressed diagnostic is neither reported nor fixed.

Forms (selectors are rule ids ``Typos.Weekdays`` or packs ``Typos``)::

    ... normlint: ignore                     every rule, on this line
    ... normlint: ignore[Typos.Weekdays]     these rules, on this line
    normlint: ignore-next-line[Typos]        these rules (or all), on the next line
    normlint: disable[Names]                 from here on ...
    normlint: enable[Names]                  ... until here (bare forms: all rules)

The optional rule ``normlint.UnusedSuppression`` (off unless selected) reports
directives, and selectors inside them, that suppressed nothing.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from .lazy_pattern import lazy
from .diagnostics import Diagnostic, Severity
from .loader import Rule

UNUSED_ID = "normlint.UnusedSuppression"

DIRECTIVE_RE = lazy(
    r"normlint:[ \t]*(?P<kind>ignore-next-line|ignore|disable|enable)\b"
    r"(?:\[(?P<sel>[^\]\n]*)\])?")
# In these formats a directive counts only inside an HTML comment: elsewhere it
# is prose (a style guide quoting the syntax), not an instruction.
MARKUP_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".xhtml")


@dataclass
class Directive:
    kind: str  # ignore, ignore-next-line, disable, enable
    selectors: tuple[str, ...] | None  # None: every rule
    line: int  # 1-based line the directive is written on
    start: int  # character offsets of the directive text (the whole comment in markup)
    end: int
    used: set = field(default_factory=set)  # selectors (or None) that suppressed something
    matched: bool = True  # an enable with no disable to close is False

    def label(self) -> str:
        sel = f"[{', '.join(self.selectors)}]" if self.selectors is not None else ""
        return f"normlint: {self.kind}{sel}"


COMMENT_RE = lazy(r"<!--.*?(?:-->|\Z)", regex.DOTALL)


def parse(source: str, path: str = "-") -> list[Directive]:
    """Every directive in ``source``, in order.

    A directive inside an HTML comment (which may span lines) stands for the
    whole comment, so the comment is what a directive's text shelters.
    """
    if "normlint:" not in source:
        return []
    markup = path.lower().endswith(MARKUP_SUFFIXES)
    comments = [m.span() for m in COMMENT_RE.finditer(source)] if "<!--" in source else []
    comment_starts = [s for s, _ in comments]
    line_starts = [0] + [m.end() for m in regex.finditer(r"\n", source)]
    directives = []
    for m in DIRECTIVE_RE.finditer(source):
        k = bisect.bisect_right(comment_starts, m.start()) - 1
        comment = comments[k] if k >= 0 and m.end() <= comments[k][1] else None
        if markup and comment is None:
            continue
        start, end = comment or m.span()
        sel = m.group("sel")
        selectors = None
        if sel is not None:
            selectors = tuple(s.strip() for s in sel.split(",") if s.strip()) or None
        line = bisect.bisect_right(line_starts, m.start())
        directives.append(Directive(m.group("kind"), selectors, line, start, end))
    return directives


def _matches(selector: str, rule_id: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector + ".")


def _find(selectors, rule_id):
    """The selector of ``selectors`` that covers ``rule_id`` (None stands for all), or False."""
    if selectors is None:
        return None
    for s in selectors:
        if _matches(s, rule_id):
            return s
    return False


@dataclass(frozen=True)
class _State:
    all_by: Directive | None = None  # a bare disable in force
    by_selector: tuple = ()  # (selector, disable directive) in force
    reenabled: tuple = ()  # selectors enabled again while a bare disable is in force


def _timeline(directives: list[Directive]) -> tuple[list[int], list[_State]]:
    """Disable/enable state after each range directive, by offset."""
    offsets, states = [0], [_State()]
    state = _State()
    for d in directives:
        if d.kind == "disable":
            if d.selectors is None:
                state = _State(all_by=d, by_selector=state.by_selector)
            else:
                sel = {s: x for s, x in state.by_selector}
                sel.update((s, d) for s in d.selectors)
                state = _State(state.all_by, tuple(sorted(sel.items(), key=lambda kv: kv[0])),
                               tuple(s for s in state.reenabled if s not in d.selectors))
        elif d.kind == "enable":
            if d.selectors is None:
                d.matched = state.all_by is not None or bool(state.by_selector)
                state = _State()
            else:
                closes = [s for s, _ in state.by_selector if s in d.selectors]
                d.matched = bool(closes) or state.all_by is not None
                sel = tuple((s, x) for s, x in state.by_selector if s not in d.selectors)
                reenabled = state.reenabled + tuple(s for s in d.selectors if state.all_by is not None
                                                    and s not in state.reenabled)
                state = _State(state.all_by, sel, reenabled if state.all_by is not None else ())
        else:
            continue
        offsets.append(d.end)
        states.append(state)
    return offsets, states


def _line_span(d: Diagnostic) -> range:
    end_line = d.end_line
    if end_line > d.line and d.end_column == 1:
        end_line -= 1  # a span ending at a line break belongs to the line before
    return range(d.line, end_line + 1)


class Suppressions:
    """The directives of one document, ready to filter its diagnostics."""

    def __init__(self, directives: list[Directive]):
        self.directives = directives
        self.by_line: dict[int, list[Directive]] = {}
        for d in directives:
            if d.kind == "ignore":
                self.by_line.setdefault(d.line, []).append(d)
            elif d.kind == "ignore-next-line":
                self.by_line.setdefault(d.line + 1, []).append(d)
        self.offsets, self.states = _timeline(directives)
        self.spans = sorted((d.start, d.end) for d in directives)

    def _range_suppressor(self, diag: Diagnostic):
        state = self.states[bisect.bisect_right(self.offsets, diag.start) - 1]
        for sel, d in state.by_selector:
            if _matches(sel, diag.rule):
                return d, sel
        if state.all_by is not None and not any(_matches(s, diag.rule) for s in state.reenabled):
            return state.all_by, None
        return None

    def suppressor(self, diag: Diagnostic):
        """(directive, selector) that suppresses ``diag``, or None."""
        for line in _line_span(diag):
            for d in self.by_line.get(line, ()):
                sel = _find(d.selectors, diag.rule)
                if sel is not False:
                    return d, sel
        return self._range_suppressor(diag)

    def in_directive(self, diag: Diagnostic) -> bool:
        k = bisect.bisect_right(self.spans, (diag.start, float("inf"))) - 1
        return k >= 0 and self.spans[k][0] <= diag.start and diag.end <= self.spans[k][1]

    def filter(self, diags: list[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics no directive suppresses; marks the directives that were used.

        A directive's own text is never reported (a spelling rule would
        otherwise flag the word "normlint" in plain text).
        """
        kept = []
        for diag in diags:
            if self.in_directive(diag):
                continue
            hit = self.suppressor(diag)
            if hit is None:
                kept.append(diag)
            else:
                hit[0].used.add(hit[1])
        return kept


def filter_diagnostics(source: str, path: str, diags: list[Diagnostic]) -> tuple[list[Diagnostic], Suppressions | None]:
    directives = parse(source, path)
    if not directives:
        return diags, None
    sup = Suppressions(directives)
    return sup.filter(diags), sup


def unused(sup: Suppressions, doc, known_checks, active_checks, severity: Severity) -> list[Diagnostic]:
    """Diagnostics for directives (or selectors in them) that suppressed nothing.

    A selector naming no rule at all is reported as unknown; one naming only
    rules that did not run (deselected, or another profile's) is left alone,
    since nothing can be said about it.  Bare directives are judged only when
    some rule besides this one ran.  Checks whose diagnostics carry their own
    ids under the pack (grammar: ``LanguageTool.EN_A_VS_AN``) make any id in
    that pack a known one.
    """
    def ids_and_open_packs(checks):
        ids = [c.id for c in checks if c.id != UNUSED_ID]
        packs = {c.rule.pack for c in checks if getattr(c, "own_rule_ids", False)}
        return ids, packs

    known, known_open = ids_and_open_packs(known_checks)
    others, others_open = ids_and_open_packs(active_checks)
    out = []

    def report(d: Directive, message: str):
        line, col = doc.position(d.start)
        end_line, end_col = doc.position(d.end)
        out.append(Diagnostic(path=doc.path, rule=UNUSED_ID, severity=severity, message=message,
                              line=line, column=col, end_line=end_line, end_column=end_col,
                              start=d.start, end=d.end))

    def names(sel, ids, open_packs):
        return any(_matches(sel, r) for r in ids) or sel.split(".", 1)[0] in open_packs

    for d in sup.directives:
        if d.kind == "enable":
            if not d.matched:
                report(d, f"'{d.label()}' has no 'normlint: disable' to end.")
            continue
        if d.selectors is None:
            if others and not d.used:
                report(d, f"Unused suppression '{d.label()}': nothing was reported here.")
            continue
        for sel in d.selectors:
            if sel in d.used:
                continue
            if not names(sel, known + [UNUSED_ID], known_open):
                report(d, f"Unknown rule or pack '{sel}' in '{d.label()}'.")
            elif names(sel, others, others_open):
                report(d, f"Unused suppression of '{sel}' in '{d.label()}'.")
    return out


# The rule's description, in the shape every other rule has, so `rules list`,
# `rules show` and the SARIF writer describe it like any rule file.
UNUSED_RULE = Rule(
    id=UNUSED_ID, pack="normlint", path="<built-in>",
    data={
        "extends": "suppression",
        "message": "Unused suppression: a 'normlint:' directive that suppressed nothing.",
        "level": "warning",
        "description": ("Reports 'normlint: ignore', 'ignore-next-line' and 'disable' directives (or rule "
                        "selectors inside them) that suppressed nothing, selectors naming no known rule, and "
                        "'enable' directives with no 'disable' to end. Off unless selected by id."),
    })
