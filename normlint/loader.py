"""Rule files (YAML, one rule per file, packs as folders) -> validated Rule objects.

Errors name the file and, where YAML gives one, the line; a bad rule file stops
the run before anything is checked.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


from . import rulecache
from .errors import RuleFileError

# Vale's shared header, plus normlint's additions.  Kind-specific keys live on
# each check class (``Check.keys``).
COMMON_KEYS = frozenset({
    # Vale
    "extends", "message", "level", "scope", "ignorecase", "nonword", "link", "limit",
    "action", "description", "code",
    # normlint
    "fix", "case", "examples", "profile", "profiles", "exceptions", "quotes", "tokens_only",
})
REQUIRED_KEYS = ("extends", "message")
RULE_SUFFIXES = (".yml", ".yaml")


@dataclass
class Rule:
    """One rule file, parsed but not compiled.

    ``data`` is the YAML mapping after the profile's overrides are applied;
    ``lines`` maps each top-level key to its line in the file.
    """

    id: str
    pack: str
    path: str
    data: dict
    lines: dict = field(default_factory=dict)
    digest: str = ""  # of the file's bytes (what compiling it found is cached under it)
    #: these very bytes compiled before (the rule cache says so): checks that validate each
    #: part of a rule up front may leave that to the first use
    compiled_before: bool = False

    @property
    def kind(self) -> str:
        return self.data["extends"]

    def get(self, key, default=None):
        return self.data.get(key, default)

    def error(self, message: str, key: str | None = None) -> RuleFileError:
        return RuleFileError(self.path, message, self.lines.get(key) if key else None)


def _parse(path: Path, text: str) -> tuple[object, dict]:
    """The YAML mapping and the line of each top-level key; errors name file and line.

    PyYAML is imported here, not at start-up: with the rule cache warm, a run never parses YAML.
    """
    import yaml

    try:
        # libyaml's parser when PyYAML has it (several times faster on big word lists)...
        fast = getattr(yaml, "CSafeLoader", None)
        if fast is not None:
            try:
                return yaml.load(text, Loader=fast), _key_lines(yaml, text, fast)
            except yaml.YAMLError:
                pass  # ...and the pure-Python one for the wording of error messages
        return yaml.safe_load(text), _key_lines(yaml, text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleFileError(path, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, f"invalid YAML: {exc}") from None


def _key_lines(yaml, text: str, loader) -> dict:
    node = yaml.compose(text, Loader=loader)
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode):
                lines[k.value] = k.start_mark.line + 1
    return lines


def read_rule(path: str | os.PathLike, pack: str, profile: str | None = None) -> Rule | None:
    """Parse one rule file.  Returns None when the rule does not apply to ``profile``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        digest = rulecache.digest(raw)
        cached = rulecache.load(path, raw, digest)
        if cached is None:
            text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(path, "rule file is not UTF-8 text") from None
    except OSError as exc:
        raise RuleFileError(path, f"cannot read rule file: {exc.strerror}") from None
    if cached is None:
        data, lines = _parse(path, text)
        if isinstance(data, dict):
            rulecache.store(path, raw, data, lines, digest)
    else:
        data, lines = cached
    if not isinstance(data, dict):
        raise RuleFileError(path, "a rule file must be a YAML mapping of keys to values", 1)
    rule = Rule(id=f"{pack}.{path.stem}", pack=pack, path=str(path), data=data, lines=lines, digest=digest)
    for key in REQUIRED_KEYS:
        if key not in data:
            raise rule.error(f"missing required key '{key}'")
    for key, value in data.items():
        if not isinstance(key, str):
            raise rule.error(f"keys must be strings, got {key!r}")
    # A rule may be limited to some house styles, and may override keys per style.
    only = data.get("profile")
    if only is not None:
        only = [only] if isinstance(only, str) else only
        if not isinstance(only, list) or not all(isinstance(p, str) for p in only):
            raise rule.error("'profile' must be a profile name or a list of them", "profile")
        if profile is not None and profile not in only:
            return None
    overrides = data.get("profiles")
    if overrides is not None:
        if not isinstance(overrides, dict) or not all(isinstance(v, dict) for v in overrides.values()):
            raise rule.error("'profiles' must map profile names to mappings of keys", "profiles")
        if profile in overrides:
            rule.data = {**data, **overrides[profile]}
    return rule


def iter_rule_files(pack_dir: Path):
    """Rule files of one pack, sorted so the run order never depends on the file system."""
    for entry in sorted(pack_dir.iterdir(), key=lambda p: p.name):
        if entry.is_file() and entry.suffix in RULE_SUFFIXES and not entry.name.startswith("."):
            yield entry


def iter_packs(folder: Path):
    """Every subfolder of a rules folder is a pack (Vale's StylesPath layout)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RuleFileError(folder, "rules folder does not exist")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir() and not entry.name.startswith((".", "_")):
            yield entry
