"""Finding rule packs and compiling their rules into checks."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .checks import KINDS, VALE_ONLY, Check
from .diagnostics import NONE
from .errors import RuleFileError
from .loader import COMMON_KEYS, Rule, iter_packs, iter_rule_files, read_rule

PROFILES = ("si", "ap", "bbc", "guardian", "reuters")
DEFAULT_PROFILE = "si"


def builtin_rules_dir() -> Path:
    """The packs shipped with normlint: inside the package when installed from a
    wheel, at the top of the source tree in a checkout or editable install."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleFileError(here / "rules", "built-in rule packs are missing from this installation")


def _check_examples(rule: Rule, check: Check) -> None:
    examples = rule.get("examples")
    if examples is None:
        if check.fix_mode != NONE:
            raise rule.error(f"rule can fix text (fix: {check.fix_mode}) but has no 'examples'; "
                             "add {text: ..., fixed: ...} cases so `normlint rules test` can prove it", "fix")
        return
    if not isinstance(examples, list) or not examples:
        raise rule.error("'examples' must be a non-empty list", "examples")
    for ex in examples:
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            raise rule.error("each example needs a 'text' string", "examples")
        extra = set(ex) - {"text", "fixed", "ok", "flagged", "profile"}
        if extra:
            raise rule.error(f"unknown example key(s): {', '.join(sorted(extra))}", "examples")
        outcomes = [k for k in ("fixed", "ok", "flagged") if k in ex]
        if len(outcomes) != 1:
            raise rule.error("each example needs exactly one of 'fixed', 'ok: true' or 'flagged: true'",
                             "examples")


def compile_rule(rule: Rule) -> Check:
    kind = rule.kind
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None and kind in VALE_ONLY:
        raise rule.error(f"Vale check kind '{kind}' is not supported by normlint; remove or port this rule",
                         "extends")
    if cls is None:
        raise rule.error(f"unknown check kind 'extends: {kind}' (known: {', '.join(sorted(KINDS))})", "extends")
    allowed = COMMON_KEYS | cls.keys
    for key in rule.data:
        if key not in allowed:
            raise rule.error(f"unknown key '{key}' for a {kind} rule", key)
    for key in sorted(cls.required):
        if key not in rule.data:
            raise rule.error(f"missing required key '{key}' for a {kind} rule")
    check = cls(rule)
    _check_examples(rule, check)
    return check


def load_folder(folder: Path, profile: str | None) -> dict[str, Check]:
    checks = {}
    for pack in iter_packs(folder):
        for path in iter_rule_files(pack):
            rule = read_rule(path, pack.name, profile)
            if rule is not None:
                checks[rule.id] = compile_rule(rule)
    return checks


def load_pack_dir(pack: Path, profile: str | None) -> dict[str, Check]:
    """A single pack folder (for `normlint rules test FOLDER`)."""
    checks = {}
    for path in iter_rule_files(pack):
        rule = read_rule(path, pack.name, profile)
        if rule is not None:
            checks[rule.id] = compile_rule(rule)
    return checks


@lru_cache(maxsize=32)
def load_checks(folders: tuple[str, ...], profile: str) -> tuple[Check, ...]:
    """All checks of the given rules folders, compiled once per process.

    A later folder's rule replaces an earlier one with the same id, so a
    project can override a built-in rule by shipping a file of the same name.
    """
    checks: dict[str, Check] = {}
    for folder in folders:
        checks.update(load_folder(Path(folder), profile))
    return tuple(checks[k] for k in sorted(checks))


def with_preferred_forms(checks: tuple[Check, ...], prefer, config_path) -> tuple[Check, ...]:
    """The config's ``prefer`` table: recompile the named consistency rules so
    each keeps the given form (as a house-style profile would)."""
    from dataclasses import replace

    from .errors import ConfigError

    by_id = {c.id: c for c in checks}
    changed = {}
    for rule_id, form in prefer:
        check = by_id.get(rule_id)
        if check is None:
            raise ConfigError(config_path, f"prefer: no rule {rule_id!r} (see `normlint rules list`)")
        if check.kind != "consistency":
            raise ConfigError(config_path, f"prefer: {rule_id} is a {check.kind} rule; only consistency rules "
                                           "choose a form")
        try:
            changed[rule_id] = compile_rule(replace(check.rule, data={
                **check.rule.data, "prefer": form, "message": "'%s': this project writes '%s'."}))
        except RuleFileError as exc:
            raise ConfigError(config_path, f"prefer: {rule_id}: {exc.detail}") from None
    return tuple(changed.get(c.id, c) for c in checks)
