"""On-disk cache of check results for unchanged files, like ruff's ``.ruff_cache``.

An entry is keyed by the file's path and content and by a fingerprint of
everything else that decides its diagnostics: normlint's version and code, the
bytes of every rule file of the enabled rule folders, and the settings
(select, ignore, per-file ignores, profile, the tables other parts own, and the
files those tables name).  Change any of them and the old entries are simply
never read again; ``normlint clean`` removes them.

The cache lives in ``.normlint_cache/`` in the project root (the folder of the
configuration file, else the current folder); ``cache-dir`` in the
configuration or the ``NORMLINT_CACHE_DIR`` environment variable move it.

Layout: ``<cache>/<settings fingerprint>/<shard>.log``, 256 shards chosen by
the hash of the file's path.  Each record is one line,
``<path key> <content hash> <checksum> <diagnostics as JSON>``, written with a
single ``O_APPEND`` write, so parallel processes (a process pool, two
pre-commit runs) never overwrite each other; the checksum makes a torn or
interleaved record read as a miss, never as wrong results.  The last valid
record of a path wins.  When a shard holds mostly superseded records it is
rewritten through a temporary file and an atomic rename.  (One file per
entry was the first design: creating 16,000 small files made a cold run up
to three times slower than no cache at all.)
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from . import __version__
from .config import Config, on_clear_caches
from .diagnostics import Diagnostic, Fix, Severity
from .errors import ConfigError
from .files import atomic_write

CACHE_DIR_NAME = ".normlint_cache"
ENV_VAR = "NORMLINT_CACHE_DIR"
TAG_NAME = "CACHEDIR.TAG"
# https://bford.info/cachedir/: backup tools skip folders holding this tag; the
# second line says who made it, so `normlint clean` removes only its own folders.
TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by normlint.\n")
FORMAT = 2  # bump when the entry layout changes
# What other parts of normlint keep in the same folder (the grammar check's answers).
OTHER_ENTRIES = frozenset({"languagetool"})


def cache_dir(config: Config) -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).resolve()
    custom = config.table("cache-dir")
    if custom is not None:
        if not isinstance(custom, str) or not custom.strip():
            raise ConfigError(config.path, "'cache-dir' must be a folder path")
        folder = (config.root / custom).resolve()
        root = config.root.resolve()
        if folder == root or folder in root.parents:
            # `normlint clean` removes the cache folder: it must never be the project
            raise ConfigError(config.path, f"'cache-dir' must be a folder of its own, not {custom!r}")
        return folder
    return config.root / CACHE_DIR_NAME


# -- fingerprints ------------------------------------------------------------
_code_fp: str | None = None
_folder_fps: dict[str, str] = {}


def _code_fingerprint() -> str:
    """normlint's own files (size and mtime): an editable install changes without a version bump."""
    global _code_fp
    if _code_fp is None:
        h = hashlib.sha256(f"normlint {__version__} format {FORMAT}".encode())
        pkg = Path(__file__).resolve().parent
        for dirpath, dirnames, filenames in os.walk(pkg):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                st = os.stat(os.path.join(dirpath, name))
                rel = os.path.relpath(os.path.join(dirpath, name), pkg)
                h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        _code_fp = h.hexdigest()
    return _code_fp


def _folder_fingerprint(folder: str) -> str:
    """The names and bytes of every file in a rules folder."""
    fp = _folder_fps.get(folder)
    if fp is None:
        h = hashlib.sha256()
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                h.update(os.path.relpath(full, folder).encode() + b"\0")
                try:
                    h.update(hashlib.sha256(Path(full).read_bytes()).digest())
                except OSError:
                    h.update(b"unreadable")
        fp = _folder_fps[folder] = h.hexdigest()
    return fp


def _named_files(value, root: Path, out: list) -> None:
    """Files named by strings in the other parts' tables (a vocabulary list, say)."""
    if isinstance(value, str):
        if len(value) < 4096:
            p = root / value
            try:
                if p.is_file():
                    st = p.stat()
                    out.append(f"{value}\0{st.st_size}\0{st.st_mtime_ns}")
                elif p.is_dir():  # a folder of lists (vocab = ["vocab"]: accept.txt, reject.txt)
                    for child in sorted(p.iterdir()):
                        if child.is_file():
                            st = child.stat()
                            out.append(f"{value}/{child.name}\0{st.st_size}\0{st.st_mtime_ns}")
            except (OSError, ValueError):
                pass
    elif isinstance(value, dict):
        for v in value.values():
            _named_files(v, root, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _named_files(v, root, out)


def fingerprint(config: Config) -> str:
    from .engine import rule_folders

    files: list = []
    extra = dict(config.extra)
    _named_files(extra, config.root, files)
    settings = {
        "code": _code_fingerprint(),
        "rules": [(f, _folder_fingerprint(f)) for f in rule_folders(config)],
        "select": config.select,
        "ignore": config.ignore,
        "per_file_ignores": config.per_file_ignores,
        "profile": config.profile,
        "root": str(config.root),
        "extra": extra,
        "files": files,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


# -- entries -----------------------------------------------------------------
def _dump(d: Diagnostic) -> list:
    fix = [d.fix.start, d.fix.end, d.fix.replacement, d.fix.applicability] if d.fix else None
    return [d.rule, int(d.severity), d.message, d.line, d.column, d.end_line, d.end_column,
            d.start, d.end, fix, list(d.suggestions)]


def _load(path: str, row: list) -> Diagnostic:
    rule, sev, message, line, col, end_line, end_col, start, end, fix, suggestions = row
    return Diagnostic(path=path, rule=rule, severity=Severity(sev), message=message, line=line, column=col,
                      end_line=end_line, end_column=end_col, start=start, end=end,
                      fix=Fix(*fix) if fix else None, suggestions=tuple(suggestions))


def _checksum(key: str, chash: str, payload: str) -> str:
    return hashlib.sha256(f"{key} {chash} {payload}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_shard(path: Path) -> tuple[dict[str, tuple[str, str]], int]:
    """Valid records of a shard as {path key: (content hash, payload)}, and the number of records."""
    live: dict[str, tuple[str, str]] = {}
    n = 0
    try:
        data = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return live, 0
    for line in data.split("\n"):
        parts = line.split(" ", 3)
        if len(parts) != 4:
            continue
        key, chash, check, payload = parts
        if _checksum(key, chash, payload) == check:
            live[key] = (chash, payload)
            n += 1
    return live, n


def record(key: str, chash: str, payload: str) -> bytes:
    # the leading newline ends a record a crashed writer may have left half-written
    return f"\n{key} {chash} {_checksum(key, chash, payload)} {payload}\n".encode("utf-8", "surrogatepass")


class Cache:
    """The cache for one configuration."""

    def __init__(self, directory: Path, settings: str):
        self.directory = directory
        self.folder = directory / settings[:24]
        self.writable = True
        self.prepared = False
        self.shards: dict[str, dict[str, tuple[str, str]]] = {}
        self.fds: dict[str, int] = {}
        self.env: str | None = None

    @staticmethod
    def _key(path: str) -> str:
        return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:32]

    def _shard(self, key: str) -> dict[str, tuple[str, str]]:
        shard = self.shards.get(key[:2])
        if shard is None:
            file = self.folder / f"{key[:2]}.log"
            shard, n = read_shard(file)
            if n > 2 * len(shard) + 64 and self.writable:
                self._compact(file, shard)
            self.shards[key[:2]] = shard
        return shard

    def get(self, path: str, text: str) -> list[Diagnostic] | None:
        key = self._key(path)
        hit = self._shard(key).get(key)
        if hit is None or hit[0] != _content_hash(text):
            return None
        try:
            return [_load(path, row) for row in json.loads(hit[1])]
        except (ValueError, TypeError, KeyError):
            return None

    def put(self, path: str, text: str, diagnostics: list[Diagnostic]) -> None:
        if not self.writable:
            return
        key = self._key(path)
        chash = _content_hash(text)
        payload = json.dumps([_dump(d) for d in diagnostics], ensure_ascii=False, separators=(",", ":"))
        shard = self._shard(key)
        if shard.get(key) == (chash, payload):
            return
        try:
            self._prepare()
            fd = self.fds.get(key[:2])
            if fd is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                fd = self.fds[key[:2]] = os.open(self.folder / f"{key[:2]}.log",
                                                 os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(fd, record(key, chash, payload))
            shard[key] = (chash, payload)
        except OSError:
            self.writable = False  # read-only checkout or full disk: run on without a cache

    def _compact(self, file: Path, live: dict[str, tuple[str, str]]) -> None:
        """Rewrite a shard with only its live records (atomically; appends racing it are lost, not mixed)."""
        data = b"".join(record(k, c, p) for k, (c, p) in sorted(live.items()))
        try:
            atomic_write(file, data)
        except OSError:
            pass

    def close(self) -> None:
        for fd in self.fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        self.fds.clear()

    def __del__(self):
        self.close()

    def _prepare(self) -> None:
        """Create the cache folder with its tag and a .gitignore, once.

        The folder is built under a temporary name and renamed into place, so a
        parallel run sees either no folder or a tagged one.
        """
        if self.prepared:
            return
        self.prepared = True
        if (self.directory / TAG_NAME).exists():
            return
        if self.directory.is_dir():
            if any(p.name not in OTHER_ENTRIES and p.name not in (".gitignore", TAG_NAME)
                   for p in self.directory.iterdir()):
                # a folder with other things in it is not ours to fill (or to clean later)
                raise OSError(f"{self.directory} is not empty and not a normlint cache")
            _write_markers(self.directory)
            return
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(dir=self.directory.parent, prefix=f".{self.directory.name}-")
        try:
            _write_markers(Path(tmp))
            os.rename(tmp, self.directory)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not (self.directory / TAG_NAME).exists():
                raise
            # another run made it first


def _write_markers(folder: Path) -> None:
    (folder / ".gitignore").write_text("# Created by normlint.\n*\n", encoding="utf-8")
    (folder / TAG_NAME).write_text(TAG_TEXT, encoding="utf-8")


_caches: dict[str, Cache] = {}
_by_object: dict[int, tuple[Config, Cache]] = {}


def cache_for(config: Config) -> Cache:
    """The cache for ``config`` (one per configuration per process, like compiled rules)."""
    env = os.environ.get(ENV_VAR)
    known = _by_object.get(id(config))
    if known is not None and known[0] is config and known[1].env == env:
        return known[1]
    key = f"{config!r}\0{env}"
    cache = _caches.get(key)
    if cache is None:
        cache = _caches[key] = Cache(cache_dir(config), fingerprint(config))
        cache.env = env
    _by_object[id(config)] = (config, cache)  # holding config keeps its id from being reused
    return cache


def forget() -> None:
    """Drop the fingerprints computed so far (rule files may have changed in a long-lived process)."""
    global _code_fp
    _code_fp = None
    _folder_fps.clear()
    for cache in _caches.values():
        cache.close()
    _caches.clear()
    _by_object.clear()


on_clear_caches(forget)


def is_normlint_cache(folder: Path) -> bool:
    try:
        return (folder / TAG_NAME).read_text(encoding="utf-8") == TAG_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def remove(folder: Path) -> bool:
    """Remove a cache folder normlint made; refuse anything else (a mistaken ``cache-dir = "."``).

    Ours: it carries our tag, or has the default name (the grammar check may have
    made it before the results cache tagged it).
    """
    if not folder.is_dir() or not (is_normlint_cache(folder) or folder.name == CACHE_DIR_NAME):
        return False
    shutil.rmtree(folder)
    return True
