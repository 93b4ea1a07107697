"""Run compiled checks over a Document -> sorted, deterministic diagnostics."""
from __future__ import annotations

import bisect
import fnmatch
from itertools import accumulate
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .checks import Check, RuleTimeout
from .config import Config
from .diagnostics import Diagnostic
from .document import Document
from .fixes import FixResult, fix_loop
from .packs import builtin_rules_dir, load_checks


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
        self.checks = [c for c in self.all_checks if self._selected(c.id, self.config.ignore)]
        self._per_path: dict[str, list[Check]] = {}

    def _selected(self, rule_id: str, ignore) -> bool:
        select = self.config.select
        if select is not None and not any(selector_matches(s, rule_id) for s in select):
            return False
        return not any(selector_matches(s, rule_id) for s in ignore)

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
            self._per_path[path] = cached
        return cached

    def lint_document(self, doc: Document) -> LintResult:
        diags: list[Diagnostic] = []
        deferred: list[Diagnostic] = []
        errors: list[str] = []
        for check in self.checks_for(doc.path):
            found = []
            try:
                for d in check.run(doc):
                    if not doc.skip_spans or not doc.skipped(d.start, d.end):
                        found.append(d)
            except RuleTimeout as exc:
                errors.append(str(exc))
                continue
            if check.limit:
                found = found[:check.limit]
            (deferred if check.defers else diags).extend(found)
        if deferred:
            diags.extend(_not_overlapping(deferred, diags))
        diags = sorted(set(diags), key=Diagnostic.sort_key)
        return LintResult(diags, errors)

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


def make_document(text: str, path: str = "-") -> Document:
    """A Document for ``text``; markup formats get their non-prose regions masked."""
    return Document(text, path)
