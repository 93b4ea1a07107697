"""``[tool.normlint.languagetool]``: validated once when the configuration is read.

The table is frozen into :class:`LTSettings` so a :class:`~normlint.config.Config`
holding it stays hashable (compiled linters are cached per configuration).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError

ENV_URL = "NORMLINT_LANGUAGETOOL_URL"
TABLE = "languagetool"
CACHE_FOLDER = ".normlint_cache"


@dataclass(frozen=True)
class LTSettings:
    """How to reach LanguageTool; what to check is the rule file's business."""

    enabled: bool = False  # grammar checks run only when switched on (--grammar or here)
    server: str | None = None  # a running LanguageTool server; NORMLINT_LANGUAGETOOL_URL wins
    local: bool = True  # otherwise start one through language-tool-python (normlint[grammar])
    timeout: float = 10.0  # seconds to connect, and to receive one answer
    total_timeout: float = 20.0  # seconds for one whole operation (start-up, or one batch with retries)
    batch_chars: int = 20000  # most characters sent in one /v2/check request
    cache: bool = True  # keep answers on disk under .normlint_cache/languagetool/

    def server_url(self) -> str | None:
        """The server to use: the environment variable first, then the configuration."""
        env = os.environ.get(ENV_URL, "").strip()
        if env:
            return _check_url(env, ENV_URL, None)
        return self.server


# TOML key -> (field, accepted types, description for messages)
_KEYS = {
    "enabled": ("enabled", (bool,), "true or false"),
    "server": ("server", (str,), "a URL such as \"http://localhost:8081\""),
    "local": ("local", (bool,), "true or false"),
    "timeout": ("timeout", (int, float), "a number of seconds greater than 0"),
    "total-timeout": ("total_timeout", (int, float), "a number of seconds greater than 0"),
    "batch-chars": ("batch_chars", (int,), "a whole number of characters, at least 100"),
    "cache": ("cache", (bool,), "true or false"),
}


def _check_url(value: str, where: str, path) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        msg = f"must be an http:// or https:// URL such as \"http://localhost:8081\" (got {value!r})"
        raise ConfigError(f"${ENV_URL}" if path is None else path, msg if path is None else f"{where} {msg}")
    return value.rstrip("/")


def parse_table(table, path) -> LTSettings:
    """Validate ``[tool.normlint.languagetool]``; errors name the file and the key."""
    if not isinstance(table, dict):
        raise ConfigError(path, "'languagetool' must be a table ([tool.normlint.languagetool])")
    values = {}
    for key, value in table.items():
        spec = _KEYS.get(key)
        if spec is None:
            raise ConfigError(path, f"unknown key '{key}' in [languagetool] (known: {', '.join(_KEYS)})")
        name, types, expected = spec
        # bool is an int in Python; a flag is never a number here
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise ConfigError(path, f"[languagetool] '{key}' must be {expected} (got {value!r})")
        if name in ("timeout", "total_timeout") and not value > 0:
            raise ConfigError(path, f"[languagetool] '{key}' must be {expected} (got {value!r})")
        if name == "batch_chars" and value < 100:
            raise ConfigError(path, f"[languagetool] '{key}' must be {expected} (got {value!r})")
        if name == "server":
            value = _check_url(value, "[languagetool] 'server'", path)
        values[name] = float(value) if name in ("timeout", "total_timeout") else value
    return LTSettings(**values)


def grammar_settings(config) -> LTSettings:
    """The LanguageTool settings of a configuration (defaults when it has none)."""
    value = config.table(TABLE) if config is not None else None
    if value is None:
        return LTSettings()
    if isinstance(value, LTSettings):
        return value
    return parse_table(value, config.path or "<config>")


def with_grammar(config, enabled: bool):
    """``config`` with grammar checking switched on or off (``--grammar`` / ``--no-grammar``)."""
    settings = replace(grammar_settings(config), enabled=enabled)
    extra = dict(config.extra)
    extra[TABLE] = settings
    return replace(config, extra=tuple(sorted(extra.items(), key=lambda kv: kv[0])))


def cache_folder(config) -> Path | None:
    """Where answers are kept on disk, or None when the disk cache is off."""
    if not grammar_settings(config).cache:
        return None
    # One cache folder for normlint (results and LanguageTool answers): `cache-dir`,
    # NORMLINT_CACHE_DIR, or .normlint_cache beside the configuration.
    from ..cache import cache_dir
    from ..config import Config

    return cache_dir(config if config is not None else Config()) / "languagetool"

