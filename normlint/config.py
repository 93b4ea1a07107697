"""Finding and reading configuration: ``normlint.toml`` or ``[tool.normlint]`` in
``pyproject.toml``, the nearest one walking up from the checked file."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .diagnostics import Severity
from .errors import ConfigError
from .packs import DEFAULT_PROFILE, PROFILES

CONFIG_FILES = ("normlint.toml", ".normlint.toml", "pyproject.toml")

# Keys other parts of normlint own (their own tables or values); validated there.
TABLE_KEYS = {"languagetool", "spelling", "vocab", "corpus", "cache-dir"}


class FrozenTable(dict):
    """A config table that can sit in a frozen, hashable Config (linters are cached by Config)."""

    def __hash__(self):
        return hash(tuple(sorted(self.items(), key=lambda kv: kv[0])))

    def _readonly(self, *a, **k):
        raise TypeError("configuration tables are read-only")

    __setitem__ = __delitem__ = update = pop = popitem = setdefault = clear = _readonly


def freeze(value):
    """TOML values made hashable: tables -> FrozenTable, arrays -> tuples."""
    if isinstance(value, dict):
        return FrozenTable({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Config:
    """Effective settings for one file.  Paths in it are absolute."""

    path: Path | None = None  # the config file, if any
    root: Path = field(default_factory=Path.cwd)  # folder globs are relative to
    rules: tuple[str, ...] = ()  # user rules folders (each a folder of packs)
    builtin: bool = True
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    profile: str = DEFAULT_PROFILE
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    extra: tuple[tuple[str, object], ...] = ()  # the TABLE_KEYS values, frozen

    def table(self, key: str):
        return dict(self.extra).get(key)

    def with_options(self, **changes) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _str_list(value, key, path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, f"'{key}' must be a list of strings")
    return tuple(value)


def parse_table(table: dict, path: Path) -> Config:
    root = path.parent
    kwargs: dict = {"path": path, "root": root}
    extra = {}
    for key, value in table.items():
        if key == "rules":
            folders = []
            for folder in _str_list(value, key, path):
                p = (root / folder).resolve()
                if not p.is_dir():
                    raise ConfigError(path, f"rules folder '{folder}' does not exist (looked in {p})")
                folders.append(str(p))
            kwargs["rules"] = tuple(folders)
        elif key == "builtin":
            if not isinstance(value, bool):
                raise ConfigError(path, "'builtin' must be true or false")
            kwargs["builtin"] = value
        elif key in ("select", "ignore", "exclude"):
            kwargs[key] = _str_list(value, key, path)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(path, "'per-file-ignores' must map globs to lists of rules")
            kwargs["per_file_ignores"] = tuple((g, _str_list(v, key, path)) for g, v in value.items())
        elif key == "profile":
            if value not in PROFILES:
                raise ConfigError(path, f"unknown profile {value!r} (choose from {', '.join(PROFILES)})")
            kwargs["profile"] = value
        elif key == "fail-on":
            try:
                kwargs["fail_on"] = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(path, f"'fail-on': {exc}") from None
        elif key == "prefer":
            # The form a consistency rule keeps, per rule: {"Names.IslamicState" = "Islamic State"}
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                      for k, v in value.items()):
                raise ConfigError(path, "'prefer' must map rule ids to the form to keep, "
                                        "e.g. \"Names.IslamicState\" = \"Islamic State\"")
            extra[key] = tuple(sorted(value.items()))
        elif key == "languagetool":
            from .languagetool.settings import parse_table as parse_languagetool

            extra[key] = parse_languagetool(value, path)
        elif key in TABLE_KEYS:
            extra[key] = freeze(value)
        else:
            raise ConfigError(path, f"unknown key '{key}' in normlint configuration")
    kwargs["extra"] = tuple(sorted(extra.items(), key=lambda kv: kv[0]))
    return Config(**kwargs)


@lru_cache(maxsize=256)
def read_config_file(path: Path) -> Config | None:
    """The config in ``path``, or None for a pyproject.toml without [tool.normlint]."""
    import tomllib  # only when there is a config file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read configuration: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("normlint")
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("normlint", data) if "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError(path, "configuration must be a table")
    return parse_table(table, path)


@lru_cache(maxsize=1024)
def _find_in(folder: Path) -> Config | None:
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file():
            cfg = read_config_file(candidate)
            if cfg is not None:
                return cfg
    parent = folder.parent
    return None if parent == folder else _find_in(parent)


def find_config(start: Path | str | None = None) -> Config:
    """The nearest configuration above ``start`` (a file or folder), or defaults."""
    start = Path(start or Path.cwd()).resolve()
    folder = start if start.is_dir() else start.parent
    return _find_in(folder) or Config(root=Path.cwd())


def load_config(path: Path | str) -> Config:
    """An explicitly named configuration file (``--config``)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ConfigError(path, "configuration file does not exist")
    cfg = read_config_file(path)
    if cfg is None:
        raise ConfigError(path, "no [tool.normlint] table in this file")
    return cfg


def clear_caches() -> None:
    """Forget configs read so far (the language server calls this when a file changes)."""
    read_config_file.cache_clear()
    _find_in.cache_clear()
    for hook in _clear_hooks:
        hook()


_clear_hooks: list = []


def on_clear_caches(hook) -> None:
    """Have :func:`clear_caches` also call ``hook`` (for memos built on configs elsewhere)."""
    _clear_hooks.append(hook)


STARTER = '''\
# normlint configuration.  normlint reads the nearest normlint.toml (or the
# [tool.normlint] table of pyproject.toml) walking up from each checked file.

# House style: si (default), ap, bbc, guardian or reuters.  It decides between
# conventions that differ (SI "5 km" and "25 °C", BBC "5km" and "25C").
profile = "si"

# Folders of your own rule packs, like Vale's StylesPath: every subfolder is a
# pack of YAML rule files, enabled unless deselected.
# rules = ["styles"]

# Use only these rules or packs (ids like "Typos" or "Typos.Weekdays")...
# select = ["Typos", "Units"]
# ...or everything except these.
# ignore = ["Punctuation.TrailingSpace"]

# Rules or packs to skip for some files (globs relative to this file).
# [per-file-ignores]
# "archive/**" = ["Names"]

# Exit with 1 when a problem at or above this level remains.
fail-on = "warning"

# Files and folders not to walk into (globs).
# exclude = ["drafts/*", "vendor"]

# Grammar checking with LanguageTool (off by default; `--grammar` turns it on for one run).
# [languagetool]
# enabled = true
# server = "http://localhost:8081"   # or NORMLINT_LANGUAGETOOL_URL; without either, local mode
#                                    # (pip install 'normlint[grammar]', Java 17+)
'''
