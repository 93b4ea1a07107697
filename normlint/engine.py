"""Run compiled checks over a Document -> sorted, deterministic diagnostics."""
from __future__ import annotations

import bisect
import fnmatch
from itertools import accumulate
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .checks import KINDS, Check, RuleTimeout
from .checks.unused_suppression import unused_suppression_check
from .config import Config
from .diagnostics import SAFE, Diagnostic
from .document import Document, WordProbe
from .fixes import FixResult, fix_loop
from .markup import markup_document
from .packs import builtin_rules_dir, load_checks, with_preferred_forms
from .suppressions import UNUSED_ID, filter_diagnostics, unused


PER_PATH_MEMO = 4096  # paths whose per-file-ignores outcome a Linter remembers


def selector_matches(selector: str, rule_id: str) -> bool:
    """``Typos`` selects every rule of the pack, ``Typos.Weekdays`` one rule."""
    return rule_id == selector or rule_id.startswith(selector + ".")


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    p = PurePosixPath(rel)
    if p.match(pattern) or fnmatch.fnmatch(rel, pattern):
        return True
    # a bare folder name or glob also matches anything under it
    return any(fnmatch.fnmatch(part, pattern) for part in p.parts) or \
        any(fnmatch.fnmatch(str(parent), pattern) for parent in p.parents if str(parent) != ".")


def rule_folders(config: Config) -> tuple[str, ...]:
    """Built-in packs first, then the configured folders (which may override them)."""
    return ((str(builtin_rules_dir()),) if config.builtin else ()) + tuple(config.rules)


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    errors: list[str] = field(default_factory=list)


class Linter:
    """The checks a configuration enables, compiled once, ready to run on many texts."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.all_checks: tuple[Check, ...] = load_checks(rule_folders(self.config), self.config.profile)
        if self.config.table("prefer"):
            self.all_checks = with_preferred_forms(self.all_checks, self.config.table("prefer"), self.config.path)
        self.checks = [c.bind(self.config) for c in self.all_checks
                       if self._check_selected(c) and c.active(self.config)]
        # built-in optional checks (normlint.UnusedSuppression) run only when `select` names them
        self.optional_checks: tuple[Check, ...] = (unused_suppression_check(),)
        if self.config.select is not None:
            self.checks += [c for c in self.optional_checks if self._selected(c.id, self.config.ignore)]
        self._per_path: dict[str, list[Check]] = {}
        self._per_path_ignore: dict[str, tuple[str, ...]] = {}
        self._plans: dict[int, tuple] = {}  # id(checks list) -> what _to_run needs

    def _selected(self, rule_id: str, ignore) -> bool:
        select = self.config.select
        if select is not None and not any(selector_matches(s, rule_id) for s in select):
            return False
        return not any(selector_matches(s, rule_id) for s in ignore)

    def _check_selected(self, check: Check) -> bool:
        if not check.own_rule_ids:
            return self._selected(check.id, self.config.ignore)
        # Its diagnostics are named pack.RULE_ID: "--select LanguageTool.EN_A_VS_AN" keeps the check
        # (the diagnostics are filtered one by one in lint_document).
        select, pack = self.config.select, check.rule.pack
        if select is not None and not any(selector_matches(s, check.id) or s.startswith(pack + ".")
                                          for s in select):
            return False
        return not any(selector_matches(s, check.id) for s in self.config.ignore)

    def _diagnostic_selected(self, check: Check, d: Diagnostic, ignore: tuple[str, ...]) -> bool:
        """For checks with their own rule ids: select/ignore by the rule file's id or the diagnostic's."""
        select = self.config.select
        ids = (check.id, d.rule)
        if select is not None and not any(selector_matches(s, i) for s in select for i in ids):
            return False
        return not any(selector_matches(s, i) for s in ignore for i in ids)

    def checks_for(self, path: str) -> list[Check]:
        if not self.config.per_file_ignores or path in ("-", ""):
            return self.checks
        cached = self._per_path.get(path)
        if cached is None:
            try:
                rel = Path(path).resolve().relative_to(self.config.root).as_posix()
            except ValueError:
                rel = Path(path).as_posix()
            ignore = [s for glob, sels in self.config.per_file_ignores if _glob_match(rel, glob) for s in sels]
            cached = [c for c in self.checks if not any(selector_matches(s, c.id) for s in ignore)] \
                if ignore else self.checks
            if len(self._per_path) >= PER_PATH_MEMO:  # a corpus of millions of files: do not grow with it
                self._per_path.clear()
                self._per_path_ignore.clear()
            self._per_path[path] = cached
            self._per_path_ignore[path] = tuple(ignore)
        return cached

    def lint_document(self, doc: Document) -> LintResult:
        diags: list[Diagnostic] = []
        deferred: list[tuple[str, Diagnostic]] = []  # (check id, diagnostic)
        errors: list[str] = []
        checks = self.checks_for(doc.path)
        skips = bool(doc.skip_spans)
        for check in self._to_run(checks, doc):
            try:
                found = list(check.run(doc))
            except RuleTimeout as exc:
                errors.append(str(exc))
                continue
            if not found:
                continue  # most rules on most articles
            if skips:
                found = [d for d in found if doc.reportable(d)]
            if check.own_rule_ids:
                ignore = self.config.ignore + self._per_path_ignore.get(doc.path, ())
                found = [d for d in found if self._diagnostic_selected(check, d, ignore)]
            if check.limit:
                found = found[:check.limit]
            if check.defers:
                deferred.extend((check.id, d) for d in found)
            else:
                diags.extend(found)
        if deferred:
            diags = _choices_settled(diags, deferred)
            diags.extend(_one_per_span(deferred, diags))
        diags = sorted(set(diags), key=Diagnostic.sort_key)
        if "normlint:" in doc.source:
            diags = self._suppress(doc, diags, checks)
        return LintResult(diags, errors)

    def _to_run(self, checks: list[Check], doc: Document) -> list[Check]:
        """``checks`` less those whose letter gate or feature gate the document shuts, in order.
        One set intersection with the union of the letter gates finds the few that open, instead
        of a test per rule (most articles name none of the consistency rules' forms); each kind
        with feature gates computes its features once, and its rules whose keys the document
        lacks are dropped without a call (most articles have no number + unit of most kinds)."""
        plan = self._plans.get(id(checks))
        if plan is None or plan[0] is not checks:
            if len(self._plans) >= 64:
                self._plans.clear()  # per-file-ignores make a list per path: do not grow with a corpus
            index: dict[str, list[int]] = {}
            for i, c in enumerate(checks):
                for word in c.letter_gate or ():
                    index.setdefault(word, []).append(i)
            ungated = [i for i, c in enumerate(checks) if c.letter_gate is None]
            kinds: dict[str, list[tuple[int, frozenset]]] = {}
            for i, c in enumerate(checks):
                if c.feature_gate is not None:
                    kinds.setdefault(c.kind, []).append((i, c.feature_gate))
            # per kind: its features function, its gated rules, and what a set of features closes
            featured = tuple((KINDS[kind].doc_features, frozenset().union(*(keys for _, keys in members)), members, {})
                             for kind, members in sorted(kinds.items()))
            plan = self._plans[id(checks)] = (checks, WordProbe(index) if index else None, index, ungated,
                                              [checks[i] for i in ungated], featured, {})
        _, union, index, ungated, ungated_checks, featured, ungated_less = plan
        hits = doc.letter_runs_in(union) if union else None
        closed = None
        for features_of, wanted, members, memo in featured:
            features = frozenset(features_of(doc, wanted))
            shut = memo.get(features)
            if shut is None:  # a handful of distinct feature sets over a corpus
                shut = memo[features] = frozenset(i for i, keys in members if keys.isdisjoint(features))
            if shut:
                closed = shut if closed is None else closed | shut
        if not union or not hits:  # (most articles hit no letter gate)
            if closed is None:
                return ungated_checks if union else checks
            less = ungated_less.get((bool(union), closed))
            if less is None:
                kept = ungated if union else range(len(checks))
                less = ungated_less[(bool(union), closed)] = [checks[i] for i in kept if i not in closed]
            return less
        opened = {i for word in hits for i in index[word]}.union(ungated)
        if closed is not None:
            opened.difference_update(closed)
        return [checks[i] for i in sorted(opened)]

    def _suppress(self, doc: Document, diags: list[Diagnostic], checks: list[Check]) -> list[Diagnostic]:
        """Drop what inline directives suppress; report unused ones when that rule is on."""
        diags, sup = filter_diagnostics(doc.source, doc.path, diags)
        report = next((c for c in checks if c.id == UNUSED_ID), None)
        if sup is not None and report is not None:
            found = unused(sup, doc, self.all_checks + self.optional_checks, checks, report.severity)
            diags = sorted(diags + found, key=Diagnostic.sort_key)
        return diags

    def lint(self, text: str, path: str = "-") -> LintResult:
        return self.lint_document(make_document(text, path))

    def fix(self, text: str, path: str = "-", *, unsafe: bool = False,
            passes: list | None = None) -> tuple[FixResult, list[str]]:
        """Fix ``text``; with ``passes``, append each pass's (text, diagnostics) to it
        (the corpus report uses it to show what each applied fix replaced)."""
        errors: list[str] = []

        def lint(t):
            r = self.lint(t, path)
            for e in r.errors:
                if e not in errors:
                    errors.append(e)
            if passes is not None:
                passes.append((t, r.diagnostics))
            return r.diagnostics

        return fix_loop(text, lint, unsafe=unsafe), errors


def _not_overlapping(candidates: list[Diagnostic], primary: list[Diagnostic]) -> list[Diagnostic]:
    """One report per span: drop candidates overlapping a primary diagnostic."""
    spans = sorted((d.start, d.end) for d in primary)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # furthest end among spans[:i+1]
    keep = []
    for d in candidates:
        i = bisect.bisect_left(starts, max(d.end, d.start + 1))  # spans starting before d ends
        if i and reach[i - 1] > d.start:
            continue
        keep.append(d)
    return keep


def _choices_settled(primary: list[Diagnostic], deferred: list[tuple[str, Diagnostic]]) -> list[Diagnostic]:
    """``primary`` less the reports that offer several words and fix none ("theri": "their" or
    "there"?) where a broad check safely fixes the very same span to one of those words: the
    spelling check has weighed them in context, and its report stands instead."""
    safe = {(d.start, d.end): d for _, d in deferred
            if d.fix is not None and d.fix.applicability == SAFE}
    if not safe:
        return primary
    return [d for d in primary
            if (d.fix is not None and d.fix.applicability == SAFE)
            or not _weighed_all(safe.get((d.start, d.end)), d.suggestions or ())]


def _weighed_all(broad: Diagnostic | None, words) -> bool:
    """Whether ``broad`` safely fixes to one of ``words`` having weighed them all: "spects"
    (aspects, expects or specs?) is not settled by a check that only looked one letter
    away ("aspects", "specs") and never at "expects"."""
    if broad is None or broad.fix.replacement not in words:
        return False
    considered = set(broad.suggestions or ()) | {broad.fix.replacement}
    return all(w in considered for w in words)


def _one_per_span(deferred: list[tuple[str, Diagnostic]], primary: list[Diagnostic]) -> list[Diagnostic]:
    """Broad checks report what no rule file did, and a span once: where two broad rules flag the
    very same span (the built-in grammar rule and a house one, or grammar and spelling), the rule
    first by id keeps it."""
    kept = set(_not_overlapping([d for _, d in deferred], primary))
    owner: dict[tuple[int, int], str] = {}
    for check_id, d in sorted(deferred, key=lambda cd: cd[0]):
        if d in kept:
            owner.setdefault((d.start, d.end), check_id)
    return [d for check_id, d in deferred if d in kept and owner[(d.start, d.end)] == check_id]


def make_document(text: str, path: str = "-") -> Document:
    """A Document for ``text``; markup formats get their non-prose regions masked.

    The format comes from ``path``'s suffix (.md/.markdown, .html/.htm); for
    stdin that is the ``--stdin-filename``.
    """
    doc = markup_document(text, path)
    return doc if doc is not None else Document(text, path)
