"""Running check or fix over files: one pure function per file, so a pool can share the work.

The CLI builds :class:`RunOptions`, calls :func:`process_file` for each path and
prints; nothing here prints.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .api import get_linter
from .config import Config, find_config, load_config
from .diagnostics import Diagnostic, Severity
from .errors import InputError, NormlintError
from .files import TextFile, decode, read_text_file, write_text_file


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

    def config_for(self, path: Path | str | None) -> Config:
        base = load_config(self.config_file) if self.config_file else find_config(path)
        ignore = None if self.ignore is None else base.ignore + self.ignore
        exclude = None if self.exclude is None else base.exclude + self.exclude
        return base.with_options(select=self.select, ignore=ignore, profile=self.profile,
                                 fail_on=self.fail_on, exclude=exclude)


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

    @property
    def failing(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity >= self.fail_on)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


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
    from .report import edit_context

    source = {id(d): t for t, diags in passes for d in diags}
    out = []
    for d in applied:
        t = source[id(d)]
        before, after = edit_context(t, d.start, d.end)
        out.append((d.rule, t[d.start:d.end], d.fix.replacement, before, after))
    return out


def process_file(path: str, options: RunOptions, mode: str, config: Config | None = None) -> FileOutcome:
    """Check or fix one file on disk.  User errors come back in ``errors``, never raised."""
    try:
        config = config or options.config_for(path)
        tf = read_text_file(path)
        out = process_text(tf, path, options, mode, config)
        if mode == "fix" and out.changed and not options.diff:
            write_text_file(tf, out.output)
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
