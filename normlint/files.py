"""Reading and writing text files without losing anything.

Line endings, a UTF-8 byte-order mark and the file mode survive a fix; writes go
through a temporary file in the same folder and ``os.replace`` so a crash leaves
either the old file or the new one, never half of each.
"""
from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, WriteError

BOM = "\ufeff"
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".rst")
TEMP_PREFIX = ".normlint-"
TEMP_SUFFIX = ".tmp"


@dataclass
class TextFile:
    path: Path | str  # as given (writes make a Path of it: most files read are never written)
    text: str  # what checks see: BOM removed, CRLF turned into LF when uniform
    bom: bool = False
    crlf: bool = False
    size: int | None = None  # bytes on disk, for files read by read_text_file

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ((BOM if self.bom else "") + text).encode("utf-8")


def decode(data: bytes, path) -> TextFile:
    if b"\0" in data[:8192]:
        raise InputError(path, "binary file, skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text, skipped") from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = False
    n_crlf = text.count("\r\n")
    # Uniform CRLF is read as LF so rules see one kind of line end, and written
    # back as CRLF.  Mixed endings are left exactly as they are.
    if n_crlf and n_crlf == text.count("\n") and "\r" not in text.replace("\r\n", ""):
        text = text.replace("\r\n", "\n")
        crlf = True
    return TextFile(path, text, bom, crlf)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_bytes(path) -> bytes:
    """The file's bytes, by descriptor: a buffered file object per article costs more than
    reading it (on Linux a folder opens and fails on the read, with IsADirectoryError)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_text_file(path) -> TextFile:
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    tf = decode(data, path)
    tf.size = len(data)
    return tf


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode."""
    batch = WriteBatch()
    batch.add(path, data)
    batch.commit()


class WriteBatch:
    """Atomic replacement of several files, made durable together.

    Each file's new bytes go to a temporary file beside it; :meth:`commit` flushes them all
    to disk and only then renames each over its file.  A crash or kill at any point leaves
    every file either as it was or fully replaced (a rerun of ``fix`` removes leftover
    temporary files).  Flushing a batch at once, rather than one file at a time, lets the
    file system commit its journal once for the lot: writing a few dozen fixed articles
    costs about what writing one did.
    """

    def __init__(self):
        self.pending: list[tuple[Path, str, int]] = []  # (file, temporary file, its open descriptor)

    def add(self, path: Path, data: bytes) -> None:
        import tempfile

        path = Path(path)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", suffix=TEMP_SUFFIX, dir=path.parent)
        except OSError as exc:
            raise _write_error(path, exc) from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if mode is None:  # a new file gets the usual permissions, not mkstemp's private 0600
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.fchmod(fd, mode)
        except BaseException as exc:  # includes KeyboardInterrupt: never leave the temp file behind
            os.close(fd)
            _unlink(tmp)
            if isinstance(exc, OSError):
                raise _write_error(path, exc) from None
            raise
        self.pending.append((path, tmp, fd))  # kept open: the commit flushes it without opening it again

    def commit(self) -> None:
        pending, self.pending = self.pending, []
        try:
            try:
                _flush_all([fd for _, _, fd in pending])
            except OSError as exc:
                more = f" ({len(pending) - 1} more fixed files left as they were)" if len(pending) > 1 else ""
                raise WriteError(pending[0][0], f"cannot write: {exc.strerror or exc}{more}") from None
            for i, (path, tmp, fd) in enumerate(pending):
                os.close(fd)
                pending[i] = (path, tmp, -1)
            while pending:
                path, tmp, _ = pending[0]
                try:
                    _replace(tmp, path)
                except OSError as exc:
                    raise _write_error(path, exc) from None
                pending.pop(0)
        except BaseException:
            self._drop(pending)
            raise

    def discard(self) -> None:
        pending, self.pending = self.pending, []
        self._drop(pending)

    @staticmethod
    def _drop(pending) -> None:
        for _, tmp, fd in pending:
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
            _unlink(tmp)


FLUSH_THREADS = 8
FLUSH_THREAD_PREFIX = "normlint-fsync"
_flusher = None  # (process id, executor): threads do not survive a fork


# Replacing a file frees the old one's inode and blocks, and the rename waits for that: ~55 us
# of the ~70 us a rename took on ext4 here, most of it waiting, not computing.  So the old file
# is held open across the rename (which then takes ~5 us) and let go by a background thread,
# whose wait overlaps the next articles' checking (fix over corpus A, 2 jobs: 2.69 -> 2.56 s).
# Not on Windows, where a file held open cannot be renamed over.
HOLD_REPLACED = os.name == "posix"
MAX_HELD = 256  # descriptors waiting to be let go; past that, one is closed at once
_HOLD_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # (a FIFO would block an open)
_closer = None  # (process id, queue of descriptors): threads do not survive a fork


def _replace(tmp: str, path) -> None:
    """``os.replace(tmp, path)``, holding the replaced file open across it where that pays."""
    old = _hold(path) if HOLD_REPLACED else -1
    try:
        os.replace(tmp, path)
    except OSError:
        if old < 0:
            raise
        os.close(old)  # some file systems (SMB shares) refuse to replace an open file: again
        os.replace(tmp, path)
    else:
        if old >= 0:
            _close_later(old)


def _hold(path) -> int:
    """A descriptor of the file at ``path``, or -1 (nothing there, or not readable)."""
    try:
        return os.open(path, _HOLD_FLAGS)
    except OSError:
        return -1


def _close_later(fd: int) -> None:
    global _closer
    if _closer is None or _closer[0] != os.getpid():
        import queue
        import threading

        fds = queue.SimpleQueue()

        def close_all():
            while True:
                os.close(fds.get())

        threading.Thread(target=close_all, name=FLUSH_THREAD_PREFIX + "-close", daemon=True).start()
        _closer = (os.getpid(), fds)
    fds = _closer[1]
    if fds.qsize() >= MAX_HELD:  # the disk is slower than the checking: do not pile up descriptors
        os.close(fd)
    else:
        fds.put(fd)


def _flush_all(fds: list[int]) -> None:
    """fsync every descriptor, all of them before returning (the first error is raised).

    Several at once: the file system then commits its journal for many files together,
    where one after another each waits for its own commit (64 small files: about 2.5 ms
    at once against 10 ms in turn, on ext4).  fsync lets go of the GIL while it waits.
    """
    global _flusher
    if len(fds) < 2:
        for fd in fds:
            os.fsync(fd)
        return
    if _flusher is None or _flusher[0] != os.getpid():
        from concurrent.futures import ThreadPoolExecutor

        _flusher = (os.getpid(), ThreadPoolExecutor(FLUSH_THREADS, thread_name_prefix=FLUSH_THREAD_PREFIX))
    futures = [_flusher[1].submit(os.fsync, fd) for fd in fds]
    errors = [f.exception() for f in futures]  # waits for each: no descriptor is closed under a flush
    for exc in errors:
        if exc is not None:
            raise exc


def _write_error(path, exc: OSError) -> WriteError:
    return WriteError(path, f"cannot write: {exc.strerror or exc}")


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_text_file(tf: TextFile, new_text: str, batch: WriteBatch | None = None) -> None:
    """Write a fixed text back; with ``batch``, as part of it (done at its commit)."""
    if batch is None:
        atomic_write(tf.path, tf.encode(new_text))
    else:
        batch.add(tf.path, tf.encode(new_text))


def is_stale_temp(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _excluded(rel: str, name: str, exclude) -> bool:
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g.rstrip("/") + "/*")
               for g in exclude)


def walk(paths, exclude=(), suffixes=TEXT_SUFFIXES, *, clean_temps: bool = False, force_exclude: bool = False):
    """:func:`walk_names` as Paths."""
    return map(Path, walk_names(paths, exclude, suffixes, clean_temps=clean_temps, force_exclude=force_exclude))


def walk_names(paths, exclude=(), suffixes=TEXT_SUFFIXES, *, clean_temps: bool = False,
               force_exclude: bool = False):
    """Files to check, as path strings, in a stable order.

    Files named on the command line are taken even when excluded, unless
    ``force_exclude``; folders are walked for text files, skipping hidden
    folders and ``exclude`` globs.  With ``clean_temps``, temporary files left
    by an interrupted earlier run are removed on the way.
    """
    seen = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            # sorted as strings split into parts (the order of Path.parts, without
            # building a Path per file first: folders can hold millions of articles); a
            # separator read as "\0", below every character a name can hold, orders
            # whole strings the same way
            # (strings, not Paths: a bulk run hands them on as strings, and a Path each costs
            # as much as the walk itself)
            yield from sorted(_walk_dir(p, exclude, suffixes, clean_temps, seen), key=lambda f: f.replace(os.sep, "\0"))
        else:
            # ``force_exclude`` (ruff's name): apply excludes to named files too, for
            # pre-commit, which passes every staged file by name.
            if force_exclude and exclude and _excluded(os.path.normpath(str(p)), p.name, exclude):
                continue
            if str(p) not in seen:
                seen.add(str(p))
                yield str(p)


def _walk_dir(p: Path, exclude, suffixes, clean_temps, seen):
    """Text files under one folder (any order; the caller sorts), spelt as ``str(Path(...))``
    would spell them ("./a.txt" is "a.txt")."""
    lead = 2 if str(p) == "." else 0  # every other root is as Path wrote it, so are the joins
    for dirpath, dirnames, filenames in os.walk(p):
        rel_dir = os.path.relpath(dirpath, p)
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and not _excluded(os.path.normpath(os.path.join(rel_dir, d)), d, exclude))
        if clean_temps:
            for name in filter(is_stale_temp, filenames):
                try:
                    os.unlink(os.path.join(dirpath, name))
                except OSError:
                    pass
        # (a folder can hold a million articles: a list comprehension per test, not a loop
        # with all of them; temporary files start with "." too)
        names = [n for n in filenames if n.lower().endswith(suffixes) and not n.startswith(".")]
        if exclude:
            names = [n for n in names if not _excluded(os.path.normpath(os.path.join(rel_dir, n)), n, exclude)]
        prefix = os.path.join(dirpath, "")[lead:]
        found = [prefix + n for n in names]
        if seen:
            found = [f for f in found if f not in seen]
        seen.update(found)
        yield from found
