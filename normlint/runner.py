"""Running check or fix over files: one pure function per file, so a pool can share the work.

The CLI builds :class:`RunOptions`, calls :func:`process_file` for each path and
prints; nothing here prints.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .api import get_linter
from .config import Config, find_config, load_config, on_clear_caches
from .diagnostics import Diagnostic, Severity
from .errors import InputError, NormlintError
from .files import TextFile, decode, read_text_file, write_text_file
from .fixes import applicable


@dataclass(frozen=True)
class RunOptions:
    """What the command line asked for; applied on top of each file's config."""

    config_file: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    profile: str | None = None
    fail_on: Severity | None = None
    exclude: tuple[str, ...] | None = None
    unsafe: bool = False
    diff: bool = False
    cache: bool = False  # reuse and store results in the on-disk cache (normlint.cache)
    grammar: bool | None = None  # --grammar / --no-grammar; None: as configured

    def config_for(self, path: Path | str | None) -> Config:
        base = load_config(self.config_file) if self.config_file else find_config(path)
        ignore = None if self.ignore is None else base.ignore + self.ignore
        exclude = None if self.exclude is None else base.exclude + self.exclude
        config = base.with_options(select=self.select, ignore=ignore, profile=self.profile,
                                   fail_on=self.fail_on, exclude=exclude)
        if self.grammar is not None:
            from .languagetool.settings import with_grammar

            config = with_grammar(config, self.grammar)
        return config


@dataclass
class FileOutcome:
    path: str
    text: str | None = None  # the text the remaining diagnostics refer to
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    applied: list[Diagnostic] = field(default_factory=list)
    changed: bool = False
    diff: str = ""
    output: str | None = None  # fixed text, for stdin
    unstable_rules: list[str] = field(default_factory=list)
    # (rule, replaced text, replacement, context before, context after) per applied fix
    edits: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    size: int | None = None  # bytes read from disk (process_file), for throughput figures

    @property
    def failing(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity >= self.fail_on)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that `patch` and `git apply` accept, with git's marker for a missing final newline."""
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def process_text(tf: TextFile, display: str, options: RunOptions, mode: str, config: Config) -> FileOutcome:
    linter = get_linter(config)
    out = FileOutcome(display, fail_on=config.fail_on)
    if mode == "check":
        result = linter.lint(tf.text, display)
        out.text, out.diagnostics, out.errors = tf.text, result.diagnostics, result.errors
        return out
    passes: list = []
    fixed, errors = linter.fix(tf.text, display, unsafe=options.unsafe, passes=passes)
    if fixed.applied:
        out.edits = _edits(passes, fixed.applied)
    out.errors = errors
    out.text, out.diagnostics, out.applied = fixed.text, fixed.remaining, fixed.applied
    out.unstable_rules = fixed.unstable_rules
    out.changed = fixed.text != tf.text
    out.output = fixed.text
    if out.changed and options.diff:
        out.diff = unified_diff(display, tf.text, fixed.text)
    return out


def _edits(passes, applied) -> list[tuple[str, str, str, str, str]]:
    """What each applied fix replaced, with its context, for the corpus report."""
    from .report import edit_context

    source = {id(d): t for t, diags in passes for d in diags}
    out = []
    for d in applied:
        t = source[id(d)]
        before, after = edit_context(t, d.start, d.end)
        out.append((d.rule, t[d.start:d.end], d.fix.replacement, before, after))
    return out


def rule_infos(paths, options: RunOptions):
    """Every rule that ran for ``paths`` (the union over their configurations), for writers."""
    from .formats import RuleInfo

    seen = {}
    configs = {}
    for path in paths or [None]:
        cfg = options.config_for(None) if path in (None, "-") else _file_config(options, path)
        configs.setdefault(id(cfg), cfg)
    for cfg in configs.values():
        for check in get_linter(cfg).checks:
            seen.setdefault(check.id, RuleInfo.from_check(check))
    return [seen[k] for k in sorted(seen)]


_folder_configs: dict = {}
on_clear_caches(_folder_configs.clear)
_last_folder: list = [None, None, None]  # (options, folder, config) of the file before
on_clear_caches(lambda: _last_folder.__setitem__(slice(None), [None, None, None]))


def _file_config(options: RunOptions, path: str) -> Config:
    """``options.config_for(path)``, remembered per folder: the files of a folder share one
    configuration, and one Config object keeps the per-config caches (compiled rules,
    results cache) to a dictionary look-up per file."""
    folder = os.path.dirname(path)
    if not os.path.isabs(folder):
        folder = (os.getcwd(), folder)  # (a syscall, cheaper than normalising the whole path)
    if _last_folder[0] is options and _last_folder[1] == folder:
        return _last_folder[2]  # files come folder by folder: no hashing of the options
    key = (options, folder)
    config = _folder_configs.get(key)
    if config is None:
        config = _folder_configs[key] = options.config_for(path)
    _last_folder[:] = [options, folder, config]
    return config


def process_file(path: str, options: RunOptions, mode: str, batch=None) -> FileOutcome:
    """Check or fix one file on disk.  User errors come back in ``errors``, never raised.

    With ``batch`` (a :class:`~normlint.files.WriteBatch`), a fixed file is written at the
    batch's commit, which the caller makes before reporting the file as fixed."""
    try:
        config = _file_config(options, path)
        tf = read_text_file(path)
        cache = None
        if options.cache:
            from .cache import cache_for  # (hashing and JSON: only when the results cache is used)

            cache = cache_for(config)
        if cache is not None:
            cached = cache.get(path, tf.text)
            # A fix run can use the cached check when there is nothing it would fix.
            if cached is not None and (mode == "check" or not any(applicable(d, options.unsafe) for d in cached)):
                return FileOutcome(path, text=tf.text, diagnostics=cached, fail_on=config.fail_on, size=tf.size)
        out = process_text(tf, path, options, mode, config)
        out.size = tf.size
        if mode == "fix" and out.changed and not options.diff:
            write_text_file(tf, out.output, batch)
        if cache is not None and not out.errors and not out.unstable_rules:
            # after a fix, the remaining diagnostics are the check result of the text written
            if mode == "check" or not options.diff or not out.changed:
                cache.put(path, out.text, out.diagnostics)
        out.output = None
        return out
    except InputError as exc:
        return FileOutcome(path, errors=[str(exc)])
    except NormlintError:
        raise  # configuration and rule errors stop the whole run


def process_stdin(data: bytes, display: str, options: RunOptions, mode: str) -> FileOutcome:
    config = options.config_for(display if display != "-" else None)
    try:
        tf = decode(data, display)
    except InputError as exc:
        return FileOutcome(display, errors=[str(exc)])
    out = process_text(tf, display, options, mode, config)
    if out.output is not None:
        out.output = tf.encode(out.output).decode("utf-8")
    return out
