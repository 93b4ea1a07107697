"""A cache of parsed rule files, so start-up does not re-parse thousands of lines of YAML.

Parsing the built-in packs is most of a cold start (word lists run to
thousands of lines).  The parsed mapping and its key lines are stored with
``marshal`` (plain data only, no code is ever loaded) under the user's cache
folder, one entry per rule file, keyed by the file's absolute path and
checked against a hash of its bytes and the normlint version (reading and
hashing a file costs a fraction of parsing it, and unlike a modification
time it cannot miss a quick same-size edit).  Any
problem with the cache (unwritable folder, damaged entry) just means parsing
the YAML again; ``NORMLINT_RULE_CACHE_DIR`` moves it and ``NORMLINT_NO_RULE_CACHE=1``
turns it off.  (The results cache of ``normlint.cache`` is per project; parsed
rules are the same for every project, so they live in the user's cache.)
"""
from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

from . import __version__

FORMAT = 1


def cache_dir() -> Path | None:
    if os.environ.get("NORMLINT_NO_RULE_CACHE"):
        return None
    base = os.environ.get("NORMLINT_RULE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "normlint" / "rules"


def _entry(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha1(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"{key}.marshal"


def _stamp(raw: bytes) -> tuple:
    return (FORMAT, __version__, hashlib.sha1(raw).hexdigest())


def load(path: Path, raw: bytes):
    """``(data, lines)`` cached for this version of the file, or None."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        with open(entry, "rb") as fh:
            stamp, data, lines = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stamp != _stamp(raw) or not isinstance(data, dict) or not isinstance(lines, dict):
        return None
    return data, lines


def store(path: Path, raw: bytes, data, lines) -> None:
    entry = _entry(path)
    if entry is None:
        return
    try:
        blob = marshal.dumps((_stamp(raw), data, lines))
    except ValueError:  # a YAML value marshal cannot hold (dates, sets): just do not cache it
        return
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, entry)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def cached(name: str, raw: bytes):
    """What :func:`memo` holds for ``name`` and this ``raw``, or None (nothing is built)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}.marshal", "rb") as fh:
            stamp, data = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if stamp == _stamp(raw) else None


def memo(name: str, raw: bytes, build):
    """Plain data derived from ``raw`` (a shipped data file), cached like parsed rules.

    ``build()`` makes it on a miss (say, a word list's frequency table parsed
    from a gzip file); the entry is keyed by ``raw``'s hash and the version.
    """
    folder = cache_dir()
    entry = None if folder is None else folder / f"{name}.marshal"
    if entry is not None:
        try:
            with open(entry, "rb") as fh:
                stamp, data = marshal.load(fh)
            if stamp == _stamp(raw):
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    data = build()
    if entry is not None:
        try:
            blob = marshal.dumps((_stamp(raw), data))
            tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
            entry.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, entry)
        except (OSError, ValueError):
            pass
    return data
