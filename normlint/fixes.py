"""Applying fixes: non-overlapping edits per pass, re-lint, repeat until stable.

Following ruff: an edit that overlaps one already taken waits for the next
pass; the loop stops when a pass changes nothing, and when it does not settle
within ``MAX_PASSES`` it says which rules kept changing the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import SAFE, UNSAFE, Diagnostic, Fix

MAX_PASSES = 10


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (d.fix.applicability == SAFE or (unsafe and d.fix.applicability == UNSAFE))


def apply_edits(text: str, fixes: list[tuple[Fix, Diagnostic]]) -> tuple[str, list[Diagnostic]]:
    """Apply the non-overlapping subset of ``fixes`` (earliest first)."""
    parts, applied = [], []
    last = 0
    for fix, diag in sorted(fixes, key=lambda fd: (fd[0].start, fd[0].end, fd[1].rule)):
        if fix.start < last or (applied and fix.start == last == fix.end and applied[-1].fix.start == fix.start):
            continue  # overlaps an edit already taken: next pass
        if text[fix.start:fix.end] == fix.replacement:
            continue
        parts.append(text[last:fix.start])
        parts.append(fix.replacement)
        last = fix.end
        applied.append(diag)
    parts.append(text[last:])
    return "".join(parts), applied


@dataclass
class FixResult:
    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    converged: bool = True
    unstable_rules: list[str] = field(default_factory=list)
    passes: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_loop(text: str, lint, *, unsafe: bool = False, max_passes: int = MAX_PASSES) -> FixResult:
    """``lint(text) -> list[Diagnostic]``; returns the fixed text and what is left."""
    result = FixResult(text)
    seen = {text}
    for attempt in range(max_passes + 1):
        diags = lint(text)
        fixes = [(d.fix, d) for d in diags if applicable(d, unsafe)]
        new_text, applied = apply_edits(text, fixes) if fixes else (text, [])
        if not applied:
            result.remaining = diags
            break
        if attempt == max_passes or new_text in seen:
            # Still changing after the cap, or back to an earlier text: rules
            # that undo each other.  Keep the last settled text and say who.
            result.converged = False
            result.unstable_rules = sorted({d.rule for d in applied})
            result.remaining = diags
            break
        result.passes += 1
        result.applied.extend(applied)
        seen.add(new_text)
        text = new_text
    result.text = text
    return result
