"""Finding rule packs and compiling their rules into checks."""
from __future__ import annotations

import marshal
import threading
from types import MethodType
from functools import lru_cache
from pathlib import Path

from . import rulecache
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


_materialize_lock = threading.RLock()


class LazyCheck:
    """A rule that compiled before (these very bytes, this profile, this normlint code and
    ``regex`` version), compiled when a run first needs more of it than the linter asks of
    every rule: its id, pack, kind, whether it reports under its own ids, whether it defers,
    and its letter and feature gates.  A run on one short text thus compiles only the rules it selected
    whose gate the text opens (most consistency rules' never is), instead of all of them.

    On first use it turns itself into the compiled check (same object, so every list holding
    it sees the change), so the hot path pays nothing for the laziness afterwards.
    """

    def __init__(self, rule: Rule, cls: type[Check], facts: tuple):
        self.rule = rule
        self.id = rule.id
        self.kind = cls.kind
        self.letter_gate, self.own_rule_ids, self.defers, self.feature_gate = facts
        self._cls = cls

    def materialize(self) -> Check:
        with _materialize_lock:
            if type(self) is LazyCheck:
                real = compile_rule(self.rule)
                state = real.__dict__
                for key, value in state.items():
                    if isinstance(value, MethodType) and value.__self__ is real:
                        # (a method the check keeps, Units' handler say: bound to this object,
                        # else it would keep the discarded one alive and act on its state)
                        state[key] = MethodType(value.__func__, self)
                self.__dict__.clear()
                self.__dict__.update(state)
                self.__class__ = type(real)
        return self  # type: ignore[return-value]

    def __getattr__(self, name):  # only for what __init__ did not set
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.materialize(), name)

    def active(self, config) -> bool:
        if self._cls.active is Check.active:
            return True
        return self.materialize().active(config)

    def bind(self, config):
        if self._cls.bind is Check.bind:
            return self
        return self.materialize().bind(config)

    def __repr__(self):
        return f"<{self.id} (not compiled yet)>"


def _facts(check: Check) -> tuple:
    return (check.letter_gate, check.own_rule_ids, check.defers, check.feature_gate)


def _indexable(entry: tuple) -> bool:
    try:
        marshal.dumps(entry)
    except ValueError:  # a YAML value marshal cannot hold (a date): this rule is just not indexed
        return False
    return True


def load_folder(folder: Path, profile: str | None) -> dict[str, Check]:
    """The rules of a folder of packs.  A rule whose file is byte for byte one that compiled
    before (under this profile and normlint code: see ``rulecache.load_index``) is taken from the
    folder's index, parsed, and becomes a :class:`LazyCheck`; any other is read and compiled now,
    so a broken rule file still stops the run before anything is checked."""
    known = rulecache.load_index(str(folder), profile)
    index = {}
    checks = {}
    for pack in iter_packs(folder):
        for path in iter_rule_files(pack):
            rule_id = f"{pack.name}.{path.stem}"
            seen = known.get(rule_id)
            if seen is not None:
                try:
                    digest = rulecache.digest(path.read_bytes())
                except OSError:
                    digest = None  # read_rule below says why
                if digest == seen[0]:
                    index[rule_id] = seen
                    facts, data, lines = seen[1:]
                    if facts is not None:  # (None: not a rule of this profile)
                        rule = Rule(id=rule_id, pack=pack.name, path=str(path), data=data, lines=lines,
                                    digest=digest, compiled_before=True)
                        checks[rule_id] = LazyCheck(rule, KINDS[rule.kind], facts)
                    continue
            rule = read_rule(path, pack.name, profile)
            if rule is None:
                entry = (rulecache.digest(path.read_bytes()), None, None, None)
            else:
                check = checks[rule_id] = compile_rule(rule)
                entry = (rule.digest, _facts(check), rule.data, rule.lines)
            if _indexable(entry):
                index[rule_id] = entry
    if index != known:
        rulecache.store_index(str(folder), profile, index)
    return checks


def compile_all(checks) -> None:
    """Compile every rule not compiled yet (before forking workers, so they share the result)."""
    for check in checks:
        if type(check) is LazyCheck:
            check.materialize()


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
            data = {**check.rule.data, "prefer": form}
            if form not in ("first", "majority"):  # (those keep the rule's own message)
                data["message"] = "'%s': this project writes '%s'."
            changed[rule_id] = compile_rule(replace(check.rule, data=data))
        except RuleFileError as exc:
            raise ConfigError(config_path, f"prefer: {rule_id}: {exc.detail}") from None
    return tuple(changed.get(c.id, c) for c in checks)
