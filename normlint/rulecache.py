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

Beside the parsed files, :func:`load_index`/:func:`store_index` keep per rules
folder what compiling its rules found (that each compiled, and the little a
linter needs to know of a rule before compiling it): ``packs`` uses it to
compile a rule only when a run first needs it.  Those entries are also stamped
with a fingerprint of normlint's own code and of the ``regex`` version, since
what compiles is decided by them as much as by the rule file.

The folder is pruned (:func:`prune`) at most once a day, when something new is
written to it: entries unused for ``MAX_AGE_DAYS`` go, and beyond ``MAX_ENTRIES``
the least recently used ones (an entry's modification time is refreshed when
it is read, at most once a day).  Rule files under temporary folders (test
suites, editors' scratch copies) would otherwise pile up forever.
"""
from __future__ import annotations

import marshal
import os
import sys
import time
from pathlib import Path

from . import __version__

try:  # CPython's own SHA-1: hashlib would load OpenSSL first, a few ms of every start
    from _sha1 import sha1
except ImportError:  # pragma: no cover  (other Pythons)
    from hashlib import sha1

FORMAT = 1
MAX_AGE_DAYS = 30
MAX_ENTRIES = 2000
DAY = 86400
PRUNE_MARKER = ".pruned"
MEMO_TAG_CHARS = 16
SIBLING_MAX_AGE_DAYS = 7


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
    key = sha1(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"{key}.marshal"


def digest(raw: bytes) -> str:
    return sha1(raw).hexdigest()


def _stamp(raw: bytes, raw_digest: str | None = None) -> tuple:
    return (FORMAT, __version__, raw_digest or digest(raw))


def _read(entry: Path):
    """The unmarshalled entry, its use recorded (see :func:`prune`); raises OSError and friends."""
    with open(entry, "rb") as fh:
        # loads of the bytes, not load of the file: marshal.load reads a file object piece by
        # piece, a method call per string, which made the 366 KB record of the built-in rules
        # take 23 ms to read instead of 3.5
        value = marshal.loads(fh.read())
        try:
            if time.time() - os.fstat(fh.fileno()).st_mtime > DAY:
                os.utime(entry)
        except OSError:
            pass
    return value


def _write(entry: Path, blob: bytes) -> None:
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
        return
    prune(entry.parent)


def load(path: Path, raw: bytes, raw_digest: str | None = None):
    """``(data, lines)`` cached for this version of the file, or None."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        stamp, data, lines = _read(entry)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stamp != _stamp(raw, raw_digest) or not isinstance(data, dict) or not isinstance(lines, dict):
        return None
    return data, lines


def store(path: Path, raw: bytes, data, lines, raw_digest: str | None = None) -> None:
    entry = _entry(path)
    if entry is None:
        return
    try:
        blob = marshal.dumps((_stamp(raw, raw_digest), data, lines))
    except ValueError:  # a YAML value marshal cannot hold (dates, sets): just do not cache it
        return
    _write(entry, blob)


# -- what compiling a rules folder found ----------------------------------------
_code_fp: str | None = None


def code_fingerprint() -> str:
    """normlint's own files (names, sizes, modification times), the regex and Python versions:
    an editable install changes its code without a version bump."""
    global _code_fp
    if _code_fp is None:
        import regex

        h = sha1(f"{__version__} {regex.__version__} {sys.version}".encode())
        pkg = os.path.dirname(os.path.abspath(__file__))
        for dirpath, dirnames, filenames in os.walk(pkg):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{os.path.relpath(dirpath, pkg)}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        _code_fp = h.hexdigest()
    return _code_fp


def _index_entry(folder: str, profile: str | None) -> Path | None:
    base = cache_dir()
    if base is None:
        return None
    key = sha1(f"{os.path.abspath(folder)}\0{profile}".encode("utf-8", "surrogatepass")).hexdigest()
    return base / f"compiled-{key}.marshal"


def load_index(folder: str, profile: str | None) -> dict:
    """``{rule id: (digest of the rule file, facts)}`` recorded by :func:`store_index`, or {}."""
    entry = _index_entry(folder, profile)
    if entry is None:
        return {}
    try:
        stamp, index = _read(entry)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if stamp != (FORMAT, code_fingerprint()) or not isinstance(index, dict):
        return {}
    return index


def store_index(folder: str, profile: str | None, index: dict) -> None:
    entry = _index_entry(folder, profile)
    if entry is None:
        return
    try:
        blob = marshal.dumps(((FORMAT, code_fingerprint()), index))
    except ValueError:
        return
    _write(entry, blob)


# -- pruning ----------------------------------------------------------------------
_pruned: set = set()


def prune(folder: Path, *, now: float | None = None, force: bool = False) -> int:
    """Remove entries unused for ``MAX_AGE_DAYS`` days, then the least recently used beyond
    ``MAX_ENTRIES``, and temporary files left by a killed writer.  Runs at most once a day per
    folder (``force`` makes it run now).  Returns how many files it removed."""
    now = time.time() if now is None else now
    marker = folder / PRUNE_MARKER
    if not force:
        if folder in _pruned:
            return 0
        _pruned.add(folder)
        try:
            if now - marker.stat().st_mtime < DAY:
                return 0
        except OSError:
            pass
    entries, removed = [], 0
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.endswith(".marshal"):
                    try:
                        entries.append((e.stat().st_mtime, e.path))
                    except OSError:
                        pass
                elif e.name.endswith(".tmp"):
                    try:
                        if now - e.stat().st_mtime > DAY:
                            os.unlink(e.path)
                            removed += 1
                    except OSError:
                        pass
    except OSError:
        return removed
    entries.sort(reverse=True)  # newest first
    for rank, (mtime, path) in enumerate(entries):
        if rank >= MAX_ENTRIES or now - mtime > MAX_AGE_DAYS * DAY:
            try:
                os.unlink(path)
                removed += 1
            except OSError:
                pass
    try:
        marker.touch()
    except OSError:
        pass
    return removed


def _memo_entry(folder: Path, name: str, stamp: tuple) -> Path:
    """Where ``name`` derived under ``stamp`` lives: the stamp's digest is part of the file
    name, so two normlint installations sharing this folder (a pre-commit hook's own copy
    beside a project's, a version beside the next) each keep their entry, where one name
    for both had each rebuild what the other had just written, run after run."""
    tag = sha1(repr(stamp).encode()).hexdigest()[:MEMO_TAG_CHARS]
    return folder / f"{name}-{tag}.marshal"


def _drop_old_siblings(entry: Path, name: str, now: float | None = None) -> None:
    """Remove the entries of ``name`` under other stamps not used for ``SIBLING_MAX_AGE_DAYS``
    (an upgrade's leftovers, several MB each), sooner than :func:`prune` would."""
    now = time.time() if now is None else now
    size = len(name) + 1 + MEMO_TAG_CHARS + len(".marshal")
    try:
        with os.scandir(entry.parent) as it:
            for e in it:
                if len(e.name) == size and e.name.startswith(name + "-") and e.name.endswith(".marshal") \
                        and e.name != entry.name:
                    try:
                        if now - e.stat().st_mtime > SIBLING_MAX_AGE_DAYS * DAY:
                            os.unlink(e.path)
                    except OSError:
                        pass
    except OSError:
        pass


def cached(name: str, raw: bytes):
    """What :func:`memo` holds for ``name`` and this ``raw``, or None (nothing is built)."""
    folder = cache_dir()
    if folder is None:
        return None
    stamp = _stamp(raw)
    try:
        found, data = _read(_memo_entry(folder, name, stamp))
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if found == stamp else None


def memo(name: str, raw: bytes, build):
    """Plain data derived from ``raw`` (a shipped data file), cached like parsed rules.

    ``build()`` makes it on a miss (say, a word list's frequency table parsed
    from a gzip file); the entry is keyed by ``raw``'s hash and the version.
    """
    folder = cache_dir()
    stamp = _stamp(raw)
    entry = None if folder is None else _memo_entry(folder, name, stamp)
    if entry is not None:
        try:
            found, data = _read(entry)
            if found == stamp:
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    data = build()
    if entry is not None:
        try:
            blob = marshal.dumps((stamp, data))
        except ValueError:
            return data
        _write(entry, blob)
        _drop_old_siblings(entry, name)
    return data
