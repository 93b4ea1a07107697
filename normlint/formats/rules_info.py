"""What writers may know about rules: plain data, built from the compiled checks.

Writers that describe rules (SARIF lists them in ``tool.driver.rules``) get a
list of :class:`RuleInfo`; checks themselves never reach a writer.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    kind: str
    severity: str  # suggestion, warning, error
    message: str  # the rule's message template (with %s slots)
    description: str = ""
    link: str = ""
    fix: str = "none"  # safe, unsafe, none
    examples: tuple[tuple[str, str | None], ...] = ()  # (text, fixed or None when the text is fine)

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]

    @classmethod
    def from_check(cls, check) -> "RuleInfo":
        rule = check.rule
        examples = []
        for ex in rule.get("examples") or []:
            if isinstance(ex, dict) and isinstance(ex.get("text"), str):
                if "fixed" in ex:
                    examples.append((ex["text"], str(ex["fixed"])))
                elif ex.get("ok"):
                    examples.append((ex["text"], None))
        return cls(id=check.id, kind=check.kind, severity=str(check.severity), message=check.message,
                   description=str(rule.get("description") or "").strip(), link=str(rule.get("link") or ""),
                   fix=check.fix_mode, examples=tuple(examples))
