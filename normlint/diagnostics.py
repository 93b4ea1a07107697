"""The objects that flow out of checks: diagnostics and the edits they may carry."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Vale's three levels, ordered so ``--fail-on`` can compare them."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown level {name!r} (expected suggestion, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


SAFE = "safe"
UNSAFE = "unsafe"
NONE = "none"
APPLICABILITIES = (SAFE, UNSAFE, NONE)


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with ``replacement``.

    Offsets are character offsets into the text the diagnostic was found in; a
    fix only ever touches the span its diagnostic reports.
    """

    start: int
    end: int
    replacement: str
    applicability: str = SAFE

    def to_json(self) -> dict:
        return {"replacement": self.replacement, "applicability": self.applicability}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int  # character offsets, for fixes and editors; not in the JSON contract
    end: int
    fix: Fix | None = None
    suggestions: tuple[str, ...] = field(default=(), compare=False)

    def sort_key(self):
        return (self.line, self.column, self.end_line, self.end_column, self.rule, self.message)

    def to_json(self) -> dict:
        """The JSON contract of DESIGN.md: exactly these keys, in this order."""
        return {
            "path": self.path,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_json() if self.fix else None,
        }
