"""Bulk runs: folders and JSONL, in parallel processes or on Dask, streamed, resumable, reported.

The work is cut into *units* (a batch of files, or a run of JSONL lines) and
each unit goes through one pure function (:func:`run_file_unit`,
:func:`run_jsonl_unit`) wherever it runs: in this process, in a process pool
or on a Dask worker.  Results come back in input order, so the output of
``--jobs 8`` or ``--engine dask`` is byte for byte that of ``--jobs 1``.
Only a bounded window of units is ever in flight, and each result is printed,
written and counted as it arrives, so memory does not grow with the corpus.
"""
from __future__ import annotations

import json
import os
import gc
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

import click

from .config import Config
from .errors import NormlintError
from .files import BOM, TextFile, WriteBatch, atomic_write, walk, walk_names
from .jsonl import FieldPath, RecordError, read_field, read_id, replace_string, split_line_end
from .progress import Progress, wanted as progress_wanted
from .report import Report, write_report
from .runner import FileOutcome, RunOptions, process_file, process_stdin, process_text, rule_infos, unified_diff

JSONL_SUFFIXES = (".jsonl", ".ndjson")
UNIT_BYTES = 256 * 1024  # one local task: a few hundred articles, small enough to balance two cores
DASK_UNIT_BYTES = 4 * 1024 * 1024  # a Dask partition: big enough to amortise scheduling
MAX_FILES_PER_UNIT = 256
MIN_FILES_PER_UNIT = 8
UNITS_PER_WORKER = 8  # a folder is cut into about this many tasks per process: few enough that handing
# them out costs little (64 files a task made corpus A's run ~5 % slower), enough to even out the end
AVERAGE_FILE_BYTES = 2048  # a news article; --partition-size / this = files per task
IN_FLIGHT_PER_WORKER = 4
SMALL_RUN_BYTES = 512 * 1024  # below this, starting processes costs more than it saves
# How often a JSONL run makes its output durable and records where it got to.
CHECKPOINT_SECONDS = float(os.environ.get("NORMLINT_CHECKPOINT_SECONDS", "2"))
STREAMING_FORMATS = ("text", "line", "json")
SIGINT_EXIT = 130
# Linted once before workers are forked, to build lazily loaded tables in the parent.
# ("recievd" is two edits from any word: it builds the spelling check's two-edit index.)
WARM_UP_TEXT = ("The ministers met pm Wedmesday in Geneva and agreed teh terms, officals said.  It was "
                "a 5km walk , the the talks took 3 hrs.  No reply was recievd.\n")


gc_paused = False  # cli.entry turned the garbage collector off until the rules are ready


class CorpusError(NormlintError):
    pass


# --------------------------------------------------------------------------- options

def _parse_size(ctx, param, value):
    if value is None:
        return None
    s = value.strip().upper().rstrip("B")
    mult = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}.get(s[-1:], 1)
    try:
        n = int(float(s[:-1] if s[-1:] in "KMG" else s) * mult)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size like 4MB or 262144") from None
    if n <= 0:
        raise click.BadParameter("must be positive")
    return n


def _parse_field(ctx, param, value):
    if value is None:
        return None
    try:
        return FieldPath.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def corpus_options(mode: str):
    """The bulk-run options of ``check`` and ``fix``."""
    opts = [
        click.option("--field", callback=_parse_field, metavar="PATH",
                     help="JSONL: the string field to check (dotted for nested: body.text) [text]."),
        click.option("--id-field", callback=_parse_field, metavar="PATH",
                     help="JSONL: a field naming each record in messages (e.g. id)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                     help="Worker processes [all cores]."),
        click.option("--engine", type=click.Choice(["local", "dask"]),
                     help="Run here (processes) or on a Dask cluster (needs normlint[dask]) [local]."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler to use (tcp://host:8786); without it a local cluster is started."),
        click.option("--partition-size", callback=_parse_size, metavar="SIZE",
                     help="Bytes of input per task [256KB local, 4MB on Dask]."),
        click.option("--report", "report_path", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Write a run report: FILE.html (a page with charts and examples) or FILE.json."),
    ]
    if mode == "fix":
        opts += [
            click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
                         help="JSONL: write the fixed records here instead of replacing the input."),
            click.option("--resume", is_flag=True,
                         help="JSONL: continue an interrupted run where it stopped."),
        ]

    def deco(f):
        for opt in reversed(opts):
            f = opt(f)
        return f

    return deco


# [corpus] in the configuration: key -> (the command-line option it stands for, its parameter name)
CONFIG_KEYS = {
    "field": ("--field", "field"),
    "id-field": ("--id-field", "id_field"),
    "jobs": ("--jobs", "jobs"),
    "engine": ("--engine", "engine"),
    "scheduler": ("--scheduler", "scheduler"),
    "partition-size": ("--partition-size", "partition_size"),
    "report": ("--report", "report_path"),
}


def corpus_settings(config: Config) -> dict:
    """The ``[corpus]`` table (``[tool.normlint.corpus]`` in pyproject.toml) as command-line
    parameters; a report path is taken relative to the configuration file."""
    from .errors import ConfigError

    table = config.table("corpus")
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise ConfigError(config.path, "'corpus' must be a table ([corpus])")
    out = {}
    for key, value in table.items():
        if key not in CONFIG_KEYS:
            raise ConfigError(config.path, f"[corpus]: unknown key '{key}' (known: {', '.join(sorted(CONFIG_KEYS))})")
        option, name = CONFIG_KEYS[key]
        where = f"[corpus] {key} (like {option})"
        if key in ("field", "id-field"):
            try:
                value = FieldPath.parse(value) if isinstance(value, str) else None
            except ValueError as exc:
                raise ConfigError(config.path, f"{where}: {exc}") from None
            if value is None:
                raise ConfigError(config.path, f"{where} must be a field path like \"text\" or \"body.text\"")
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(config.path, f"{where} must be a whole number of at least 1")
        elif key == "engine":
            if value not in ("local", "dask"):
                raise ConfigError(config.path, f"{where} must be \"local\" or \"dask\"")
        elif key == "partition-size":
            try:
                value = _parse_size(None, None, str(value)) if not isinstance(value, bool) else None
            except click.BadParameter as exc:
                raise ConfigError(config.path, f"{where}: {exc.message}") from None
            if value is None:
                raise ConfigError(config.path, f"{where} must be a size like \"4MB\" or 262144")
        elif not isinstance(value, str) or not value.strip():
            raise ConfigError(config.path, f"{where} must be a string")
        elif key == "report":
            value = str(config.root / value)
        out[name] = value
    return out


@dataclass(frozen=True)
class JsonlTask:
    """What a worker needs to process JSONL lines (picklable)."""

    name: str  # the input as shown in messages
    field: FieldPath
    id_field: FieldPath | None
    options: RunOptions
    mode: str
    config: Config
    keep_text: bool
    list_clean: bool = True


# --------------------------------------------------------------------------- work units

def _lean(o: FileOutcome, keep_text: bool) -> FileOutcome | None:
    """Drop what the parent will not need before the outcome crosses a process boundary;
    None for the usual article with nothing to report (cheaper to send and to count)."""
    if not (o.diagnostics or o.errors or o.changed or o.edits or o.unstable_rules or o.diff):
        return None
    o.output = None
    if not (keep_text and o.diagnostics):
        o.text = None
    o.applied = []
    return o


class _UnitResults:
    """What a unit sends back: ``entries`` ``[(where, bytes, outcome, failed)]``, and the
    articles with nothing to report as a count (``clean``, ``clean_bytes``) unless the output
    format lists them too (JUnit, SARIF): most articles of a corpus, otherwise each sent
    and handled one by one."""

    def __init__(self, keep_text: bool, list_clean: bool):
        self.keep_text, self.list_clean = keep_text, list_clean
        self.entries: list[tuple] = []
        self.clean = self.clean_bytes = 0

    def add(self, where: str, size: int, o: FileOutcome, failed: bool) -> None:
        lean = _lean(o, self.keep_text)
        if lean is None and not self.list_clean:
            self.clean += 1
            self.clean_bytes += size
        else:
            self.entries.append((where, size, lean, failed))


def run_file_unit(paths: list[str], options: RunOptions, mode: str, keep_text: bool, list_clean: bool = True):
    """Check or fix a batch of files: ``([(path, bytes, outcome, failed)], clean files, their
    bytes)`` (see :class:`_UnitResults`)."""
    batch = WriteBatch()  # the batch's fixed files reach the disk together, before it is reported
    try:
        results = _UnitResults(keep_text, list_clean)
        for path in paths:
            o = process_file(path, options, mode, batch)
            size = o.size
            if size is None:  # not read (an error): what the file holds, if anything
                try:
                    size = os.path.getsize(path)
                except OSError:
                    size = 0
            results.add(path, size, o, bool(o.errors) and o.text is None)
        batch.commit()
        return results.entries, results.clean, results.clean_bytes
    except NormlintError as exc:  # custom exceptions do not survive pickling: send the message
        batch.discard()
        return CorpusError(str(exc))
    except BaseException:
        batch.discard()
        raise


def _record_error(task: JsonlTask, lineno: int, where: str, message: str) -> FileOutcome:
    return FileOutcome(where, errors=[f"{task.name}:{lineno}: {message}"], fail_on=task.config.fail_on)


def _process_record(text: str, where: str, task: JsonlTask) -> FileOutcome:
    """Check or fix one record's text.

    The text is linted as a snippet (path "-"), like text from stdin: file-level
    rules such as a final newline do not apply to a string inside a record.
    Messages then name the record.
    """
    o = process_text(TextFile(task.name, text), "-", task.options, task.mode, task.config)  # (no Path per record)
    o.path = where
    if o.diagnostics:
        o.diagnostics = [replace(d, path=where) for d in o.diagnostics]
    if o.errors:
        o.errors = [where + e[1:] if e.startswith("-:") else e for e in o.errors]
    if o.diff:
        o.diff = unified_diff(where, text, o.output)
    return o


def run_jsonl_unit(lines: list[bytes], first_lineno: int, task: JsonlTask):
    """Check or fix a run of JSONL lines.

    Returns ``(output bytes, [(where, bytes, outcome, failed)], input bytes, lines, clean
    records, their bytes)``; clean records are only counted unless the task lists them.

    Lines that cannot be used (bad JSON, no such field) are reported and passed
    through untouched; blank lines pass through and are not articles.
    """
    try:
        fixing = task.mode == "fix" and not task.options.diff
        out = [] if fixing else None
        results = _UnitResults(task.keep_text, task.list_clean)
        for k, raw in enumerate(lines):
            lineno = first_lineno + k
            body, eol = split_line_end(raw)
            if not body.strip():
                if fixing:
                    out.append(raw)
                continue
            where = f"{task.name}#{lineno}"
            try:
                line = body.decode("utf-8")
            except UnicodeDecodeError:
                results.entries.append((where, len(raw), _record_error(task, lineno, where, "not UTF-8"), True))
                if fixing:
                    out.append(raw)
                continue
            bom = BOM if lineno == 1 and line.startswith(BOM) else ""
            if bom:
                line = line[1:]
            try:
                start, end, text = read_field(line, task.field)
            except RecordError as exc:
                rid = read_id(line, task.id_field)
                if rid is not None:
                    where += f"[{rid}]"
                results.entries.append((where, len(raw), _record_error(task, lineno, where, str(exc)), True))
                if fixing:
                    out.append(raw)
                continue
            rid = read_id(line, task.id_field)
            if rid is not None:
                where += f"[{rid}]"
            o = _process_record(text, where, task)
            if fixing:
                if o.changed:
                    out.append((bom + replace_string(line, start, end, text, o.output)).encode("utf-8") + eol)
                else:
                    out.append(raw)
            results.add(where, len(raw), o, False)
        return ((b"".join(out) if fixing else None), results.entries, sum(map(len, lines)), len(lines),
                results.clean, results.clean_bytes)
    except NormlintError as exc:
        return CorpusError(str(exc))


# --------------------------------------------------------------------------- engines

def _ignore_sigint():
    # Ctrl-C reaches the whole process group; only the parent handles it and
    # stops the workers, so nobody prints a traceback from the middle of a task.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalEngine:
    """Units run here (one job, or a small run) or in a pool of processes, results in order."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = None

    def start(self) -> None:
        if self.jobs > 1:
            import multiprocessing as mp

            method = "fork" if "fork" in mp.get_all_start_methods() else None
            self.pool = mp.get_context(method).Pool(self.jobs, initializer=_ignore_sigint)

    def map(self, fn, units: Iterable[tuple]) -> Iterator:
        if self.pool is None:
            for args in units:
                yield fn(*args)
            return
        window: deque = deque()
        limit = self.jobs * IN_FLIGHT_PER_WORKER
        for args in units:
            window.append(self.pool.apply_async(fn, args))
            if len(window) >= limit:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def stop(self, abort: bool = False) -> None:
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
            self.pool = None


def _probe(address: str) -> None:
    """Fail in a moment, not after the client's long retry, when nothing listens at a tcp:// address."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme != "tcp" or not parts.hostname:
        return
    with socket.create_connection((parts.hostname, parts.port or 8786), timeout=10):
        pass


class DaskEngine:
    """Units run as Dask tasks; a bounded number in flight, results taken in input order."""

    def __init__(self, scheduler: str | None, jobs: int):
        self.scheduler = scheduler
        self.jobs = jobs
        self.client = None
        self.cluster = None

    def start(self) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise CorpusError("--engine dask needs Dask: pip install 'normlint[dask]'") from None
        try:
            if self.scheduler:
                _probe(self.scheduler)
                self.client = Client(self.scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except OSError as exc:
            raise CorpusError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, fn, units: Iterable[tuple]) -> Iterator:
        window: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        for args in units:
            window.append(self.client.submit(fn, *args, pure=False))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def stop(self, abort: bool = False) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None


# --------------------------------------------------------------------------- output of diagnostics

class Emitter:
    """Prints each outcome as it arrives (text, line, json), or all at the end (other formats)."""

    def __init__(self, fmt: str, color: bool, err: bool, print_output: bool = True, rules=None):
        from .formats import WRITERS

        self.fmt = fmt
        self.writer = WRITERS[fmt]
        self.rules = rules  # for writers that describe the rules that ran (SARIF)
        self.color = color
        self.err = err
        self.print_output = print_output
        self.streaming = fmt in STREAMING_FORMATS
        self.held: list[FileOutcome] = []
        self.echo = click.echo  # the run swaps in one that steps around the progress bar
        self.printed = ""  # the tail of what was printed, for the summary's spacing
        self.n_json = 0

    def _echo(self, s: str) -> None:
        if s and self.print_output:
            self.echo(s, nl=False, err=self.err, color=self.color)
            self.printed = s

    def add(self, o: FileOutcome) -> None:
        if not self.streaming:
            self.held.append(o)
            return
        if not o.diagnostics:
            return
        if self.fmt == "json":
            for d in o.diagnostics:
                item = json.dumps(d.to_json(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
                self._echo(("[\n  " if self.n_json == 0 else ",\n  ") + item)
                self.n_json += 1
        else:
            s = self.writer([o], color=self.color)
            if s:
                self._echo(("\n" if self.fmt == "text" and self.printed else "") + s)

    def finish(self) -> None:
        if self.fmt == "json":
            self._echo("\n]\n" if self.n_json else "[]\n")
        elif not self.streaming:
            from .formats import render

            self._echo(render(self.fmt, self.held, color=self.color, rules=self.rules))


# --------------------------------------------------------------------------- inputs

def is_jsonl(path: str, field: FieldPath | None) -> bool:
    if path == "-":
        return field is not None
    return path.lower().endswith(JSONL_SUFFIXES) or (field is not None and os.path.isfile(path))


class Run:
    """One ``check`` or ``fix`` command over files, folders and JSONL inputs."""

    def __init__(self, mode: str, kw: dict, options: RunOptions):
        self.mode = mode
        self.options = options
        self._configs: dict[str, Config] = {}
        self.paths = list(kw["paths"] or (".",))
        for p in self.paths:
            if p != "-" and not os.path.exists(p):
                raise click.UsageError(f"path does not exist: {p}")
        first = next((p for p in self.paths if p != "-"), None)
        config = self._config(first) if first else options.config_for(kw.get("stdin_filename"))
        # The configuration's [corpus] settings fill in what the command line left out.
        field_option = kw.get("field")
        settings = {k: v for k, v in corpus_settings(config).items() if kw.get(k) is None}
        if "scheduler" in settings and (kw.get("engine") or settings.get("engine")) != "dask":
            del settings["scheduler"]  # a configured cluster, for a run the command line keeps local
        kw = {**kw, **settings}
        self.kw = kw
        self.quiet = kw["quiet"]
        self.field = kw.get("field")
        self.id_field = kw.get("id_field")
        self.output = kw.get("output")
        self.resume = kw.get("resume", False)
        self.jobs = kw.get("jobs") or default_jobs()
        self.engine_name = kw.get("engine") or "local"
        self.fmt = kw["fmt"]
        self.color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        self.diff = bool(getattr(options, "diff", False))
        # --field makes any file named a JSONL input; a configured field only says which field
        # to read in the inputs that are JSONL by their name.
        self.jsonl = [p for p in self.paths if is_jsonl(p, field_option)]
        self.other = [p for p in self.paths if p not in self.jsonl]
        if self.jsonl and self.field is None:
            self.field = FieldPath(("text",))
        if self.output is not None and (len(self.jsonl) != 1 or self.other):
            raise click.UsageError("-o/--output needs exactly one JSONL input")
        if self.resume and not self.jsonl:
            raise click.UsageError("--resume continues JSONL runs; a folder run just reruns (fixed files stay fixed)")
        if self.resume and (len(self.jsonl) != 1 or self.other):
            raise click.UsageError("--resume continues one JSONL input at a time")
        if self.output is not None and self.diff:
            raise click.UsageError("--diff prints the changes; it cannot be combined with -o")
        self.stdin_text = "-" in self.other and mode == "fix"
        # With stdout carrying fixed text, a diff or JSONL records, the report goes to stderr.
        self.report_to_err = bool(self.diff or self.stdin_text or self.output == "-"
                                  or ("-" in self.jsonl and mode == "fix" and self.output is None))
        # Only the text format shows source excerpts, so only it needs the text back from workers.
        self.keep_text = self.fmt not in ("json", "line")
        # Whole-run formats (JUnit, SARIF) list clean files too; the others only count them.
        self.list_clean = self.fmt not in STREAMING_FORMATS
        self.report = Report(mode)
        self.bulk = bool(self.jsonl or any(os.path.isdir(p) for p in self.other) or kw.get("report_path"))
        self.unit_bytes = kw.get("partition_size") or (DASK_UNIT_BYTES if self.engine_name == "dask"
                                                       else UNIT_BYTES)
        self.progress = None
        self.errors = 0
        self.diagnostics = 0
        self.failing = 0
        self.fixable = 0
        self.files_with_problems = 0
        self.outcomes = 0
        self.interrupted = False
        self.engine = None

    # -- engine choice ---------------------------------------------------
    def _input_bytes(self, exact: bool) -> int:
        """Bytes of input: all of them for the progress bar, else just enough to tell a small run."""
        total = 0
        for p in self.jsonl + self.other:
            if p == "-":
                continue
            if not os.path.isdir(p):
                files = [p]
            elif exact:
                files = walk([p], self._config(p).exclude, force_exclude=bool(self.kw.get("force_exclude")))
            else:  # just enough to tell a small run: no sorting, no excludes
                files = (os.path.join(d, f) for d, _, names in os.walk(p) for f in names)
            for f in files:
                total += os.path.getsize(f)
                if total > SMALL_RUN_BYTES and not exact:
                    return total
        return total

    def _make_engine(self, total: int | None):
        if self.engine_name == "dask":
            return DaskEngine(self.kw.get("scheduler"), self.jobs)
        if self.kw.get("scheduler"):
            raise click.UsageError("--scheduler needs --engine dask")
        jobs = self.jobs
        # Output never depends on the number of processes, so a small run may use just this one.
        if total is not None and total <= SMALL_RUN_BYTES and "-" not in self.jsonl:
            jobs = 1
        return LocalEngine(jobs)

    def _config(self, path: str) -> Config:
        key = os.path.dirname(path) or "."
        cfg = self._configs.get(key)
        if cfg is None:
            cfg = self._configs[key] = self.options.config_for(path)
        return cfg

    # -- the run -----------------------------------------------------------
    def execute(self) -> int:
        report_path = self.kw.get("report_path")
        if report_path and not Path(report_path).resolve().parent.is_dir():
            # said now, not after hours of work
            raise CorpusError(f"{report_path}: the report's folder does not exist")
        show_bar = progress_wanted(self.quiet) and self.bulk
        total = self._input_bytes(exact=show_bar) if (show_bar or self.engine_name == "local") else None
        self.engine = self._make_engine(total)
        # Compile rules before forking so workers inherit them instead of compiling again.
        from .api import get_linter

        first = next((p for p in self.jsonl + self.other if p != "-"), None)
        pooled = isinstance(self.engine, LocalEngine) and self.engine.jobs > 1
        # A small run with the results cache may find every file there (pre-commit, an editor
        # saving twice): it builds the rules only when a file misses.  A broken rule file still
        # stops such a run: a changed rule file changes the cache key, so every file misses.
        lazy = not pooled and self.options.cache and bool(self.paths) and isinstance(self.engine, LocalEngine)
        linter = None if lazy else get_linter(self._config(first) if first else self.options.config_for(None))
        if pooled:
            # Checks build some tables on first use (the spelling check's suggestion
            # index and bigrams): build them here, once, so the forked workers share
            # those pages instead of each building its own copy; and keep the
            # collector from touching (so copying) everything inherited.
            from .packs import compile_all

            compile_all(linter.checks)
            linter.fix(WARM_UP_TEXT, "warm-up.txt")
            for check in linter.checks:  # (the spelling check's table of common words' forms)
                if hasattr(check, "prepare_bulk"):
                    check.prepare_bulk()
            # (no collection first: the collector has been off since start-up and building
            # rules leaves no cyclic garbage, while a collection walks everything: ~25 ms)
            gc.freeze()
        global gc_paused
        if gc_paused:  # off while the rules were built (cli.entry)
            # What exists now (modules, compiled rules) lives as long as the run: set it
            # aside, else the first collection walks all of it.
            gc_paused = False
            gc.freeze()
            gc.enable()
        self.emitter = Emitter(self.fmt, self.color and not self.report_to_err, self.report_to_err,
                               print_output=not (self.mode == "fix" and self.diff),
                               rules=lambda: rule_infos([o.path for o in self.emitter.held if o.path]
                                                        + [p for p in self.jsonl if p != "-"], self.options))
        # The parent keeps its rules while the workers run.  Letting them go looks thrifty
        # (its RSS falls from ~88 to ~45 MB) but costs memory: freeing writes to the pages
        # the workers share with it, so it gets its own copies of them (its private pages
        # rose from ~23 to ~31 MB), and pages that were shared three ways are then shared
        # two ways.  Over a 0.2 GB JSONL run the three processes took 142-145 MB PSS with
        # the release against 135-136 MB without, and the release cost ~30 ms of CPU.
        # The first folder is walked before the workers start, so that they have work the
        # moment they are up instead of waiting for the walk (~15 ms on 16,473 files).
        self._walked = {}
        if pooled and self.other and self.other[0] != "-":
            self._walked[self.other[0]] = self._walk(self.other[0])
        self.engine.start()
        del linter
        self.progress = Progress(total if show_bar else None, self.mode, show_bar)
        self.emitter.echo = self.progress.echo
        try:
            for p in self.other:
                self._run_files(p)
            for p in self.jsonl:
                self._run_jsonl(p)
            self.engine.stop()
        except KeyboardInterrupt:
            self.interrupted = True
            self.engine.stop(abort=True)
        except BaseException:
            self.engine.stop(abort=True)
            raise
        finally:
            self.progress.close()
        return self._finish()

    def _count_clean(self, n: int, nbytes: int) -> None:
        """Count ``n`` articles with nothing to report (``nbytes`` of input)."""
        if n:
            self.outcomes += n
            self.report.articles += n
            self.report.bytes += nbytes
            self.progress.update(n, nbytes)

    def _collect(self, o: FileOutcome | None, where: str, nbytes: int, failed: bool) -> None:
        if o is None:  # nothing to report: just count it
            self._count_clean(1, nbytes)
            if self.list_clean:
                self.emitter.add(FileOutcome(where))
            return
        if self.mode == "fix" and o.unstable_rules:
            o.errors.append(f"{o.path}: fixes did not settle after repeated passes; rules still changing the "
                            f"text: {', '.join(o.unstable_rules)}")
        self.outcomes += 1
        self.report.add(where, nbytes, o, failed)
        self.diagnostics += len(o.diagnostics)
        self.failing += o.failing
        if o.diagnostics:
            self.files_with_problems += 1
            self.fixable += sum(1 for d in o.diagnostics if d.fix and d.fix.applicability == "safe")
        echo = self.progress.echo
        if self.mode == "fix" and self.diff and o.diff:
            echo(o.diff, nl=False)
        if o.output is not None:
            echo(o.output, nl=False)
            o.output = None
        self.emitter.add(o)
        for e in o.errors:
            echo(e, err=True)
            self.errors += 1
        self.progress.update(1, nbytes)

    # -- files -------------------------------------------------------------
    def _walk(self, p: str) -> list[str]:
        return list(walk_names([p], self._config(p).exclude, clean_temps=(self.mode == "fix"),
                               force_exclude=bool(self.kw.get("force_exclude"))))

    def _run_files(self, p: str) -> None:
        if p == "-":
            data = sys.stdin.buffer.read()
            display = self.kw.get("stdin_filename") or "-"
            o = process_stdin(data, display, self.options, self.mode)
            self._collect(o, display, len(data), bool(o.errors) and o.text is None)
            return
        paths = self._walked.pop(p, None)
        if paths is None:
            paths = self._walk(p)

        # Batches of files by count: sizing each file here would cost the parent a stat per file.
        if self.kw.get("partition_size") or not isinstance(self.engine, LocalEngine):
            per_unit = max(1, min(MAX_FILES_PER_UNIT, self.unit_bytes // AVERAGE_FILE_BYTES))
            tail = 0
        else:
            paths = list(paths)  # (the walk sorted them all already)
            per_unit = max(MIN_FILES_PER_UNIT, min(MAX_FILES_PER_UNIT,
                                                   -(-len(paths) // (self.engine.jobs * UNITS_PER_WORKER))))
            # The last tasks are smaller, so that the workers finish nearly together instead
            # of one waiting up to a whole task for the other (about 20 ms on corpus A).
            tail = 2 * self.engine.jobs * per_unit if self.engine.jobs > 1 else 0

        def units():
            batch = []
            size = per_unit
            for i, f in enumerate(paths):
                batch.append(f)
                if len(batch) >= size:
                    yield (batch, self.options, self.mode, self.keep_text, self.list_clean)
                    batch = []
                    if tail and len(paths) - i - 1 <= tail:
                        size = max(MIN_FILES_PER_UNIT, per_unit // 4)
            if batch:
                yield (batch, self.options, self.mode, self.keep_text, self.list_clean)

        for result in self.engine.map(run_file_unit, units()):
            if isinstance(result, CorpusError):
                raise result
            entries, clean, clean_bytes = result
            self._count_clean(clean, clean_bytes)
            for path, nbytes, o, failed in entries:
                self._collect(o, path, nbytes, failed)

    # -- JSONL -------------------------------------------------------------
    def _run_jsonl(self, p: str) -> None:
        config = self._config(p) if p != "-" else self.options.config_for(self.kw.get("stdin_filename"))
        name = p if p != "-" else (self.kw.get("stdin_filename") or "-")
        task = JsonlTask(name, self.field, self.id_field, self.options, self.mode, config, self.keep_text,
                         self.list_clean)
        writes = self.mode == "fix" and not self.diff
        sink = None
        if writes:
            target = self.output or p
            sink = StdoutSink() if target == "-" else JsonlSink(p, target, _settings_key(task, self.kw))
        start_line, offset = 1, 0
        changed_before = self.report.changed
        if sink is not None:
            if self.resume:
                state = sink.resume()
                if state is not None:
                    offset, start_line, report_state = state
                    self.report = Report.from_state(report_state)
                    self.progress.update(0, offset)
                    if not self.quiet:
                        click.echo(f"Resuming {name} after {start_line - 1:,} lines "
                                   f"({self.report.articles:,} articles already done).", err=True)
                elif not self.quiet:
                    click.echo(f"Nothing to resume for {name}; starting from the beginning.", err=True)
            else:
                sink.start()
        src = sys.stdin.buffer if p == "-" else open(p, "rb")
        try:
            if offset:
                src.seek(offset)

            def units():
                batch, size = [], 0
                first = start_line
                for raw in src:
                    batch.append(raw)
                    size += len(raw)
                    if size >= self.unit_bytes:
                        yield (batch, first, task)
                        first += len(batch)
                        batch, size = [], 0
                if batch:
                    yield (batch, first, task)

            done_line, done_pos = start_line, offset
            for result in self.engine.map(run_jsonl_unit, units()):
                if isinstance(result, CorpusError):
                    raise result
                data, records, consumed, n_lines, clean, clean_bytes = result
                self._count_clean(clean, clean_bytes)
                for where, nbytes, o, failed in records:
                    self._collect(o, where, nbytes, failed)
                done_pos += consumed
                done_line += n_lines
                if sink is not None:
                    sink.write(data, done_pos, done_line, self.report)
        except BaseException:
            if sink is not None:
                sink.interrupt()  # keep what is done: --resume continues from here
            raise
        finally:
            if p != "-":
                src.close()
        if sink is not None:
            sink.finish(changed=self.report.changed > changed_before)

    # -- the end -------------------------------------------------------------
    def _finish(self) -> int:
        if self.interrupted:
            self.emitter.finish()
            what = "articles" if self.jsonl else "files"
            msg = f"Interrupted after {self.report.articles:,} {what}"
            if self.mode == "fix":
                msg += f" ({self.report.changed:,} changed)"
                msg += ("; run again with --resume to continue." if self.jsonl and not self.diff
                        else "; files are either untouched or fully fixed: run again to finish.")
            else:
                msg += "."
            click.echo(msg, err=True)
            return SIGINT_EXIT
        self.emitter.finish()
        report_path = self.kw.get("report_path")
        if report_path:
            write_report(self.report, report_path)
        fmt_text = self.fmt == "text"
        unit = "record" if self.jsonl and not self.other else "file"
        if self.mode == "check":
            if fmt_text and not self.quiet:
                if self.diagnostics:
                    hint = f" ({self.fixable} fixable with `normlint fix`)" if self.fixable else ""
                    lead = "" if self.emitter.printed.endswith("\n\n") else "\n"
                    click.echo(f"{lead}Found {_plural(self.diagnostics, 'problem')} in "
                               f"{_plural(self.files_with_problems, unit)}{hint}.")
                elif not self.errors:
                    click.echo(f"All checks passed ({_plural(self.outcomes, unit)}).")
        else:
            if not self.quiet and (fmt_text or self.report_to_err):
                verb = "Would fix" if self.diff else "Fixed"
                fixed = sum(self.report.fixes.values())
                click.echo(f"{verb} {_plural(fixed, 'problem')} in {_plural(self.report.changed, unit)}; "
                           f"{self.diagnostics} remaining.", err=self.report_to_err or not fmt_text)
        # Machine formats keep stdout and stderr to themselves: --report gives them the figures.
        if self.bulk and not self.quiet and fmt_text:
            click.echo(self.report.summary(), nl=False, err=self.report_to_err)
        if self.errors:
            return 2
        if self.mode == "fix" and self.diff:
            return 1 if self.report.changed else 0
        return 1 if self.failing else 0


def _plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- JSONL output

def _settings_key(task: JsonlTask, kw: dict) -> str:
    """What must match for a resumed run to produce the same output as an uninterrupted one:
    the version, field, mode and rule settings, and the rule files themselves."""
    import hashlib
    from dataclasses import asdict

    from . import __version__
    from .engine import rule_folders

    config = {k: v for k, v in asdict(task.config).items() if k not in ("root", "path")}
    rule_files = []
    for folder in rule_folders(task.config):
        for dirpath, _, names in os.walk(folder):
            for name in sorted(names):
                st = os.stat(os.path.join(dirpath, name))
                rule_files.append((os.path.join(dirpath, name), st.st_size, st.st_mtime_ns))
    desc = json.dumps([__version__, str(task.field), task.mode, task.options.unsafe, config, sorted(rule_files)],
                      default=str)
    return hashlib.sha256(desc.encode()).hexdigest()


class JsonlSink:
    """Fixed records go to a hidden partial file beside the target, renamed over it at the end.

    Every few seconds the partial file is flushed to disk and a checkpoint
    (input offset, line, report so far) is written next to it, so ``--resume``
    can truncate the partial file to the last checkpoint and go on from there.
    """

    def __init__(self, source: str, target: str, settings: str):
        self.source = os.path.abspath(source)
        self.target = Path(target)
        self.partial = self.target.with_name(f".normlint-{self.target.name}.partial")
        self.checkpoint_path = self.partial.with_name(self.partial.name + ".json")
        self.settings = settings
        self.fh = None
        self.written = 0
        self.last = (0, 1, None)
        self._saved_at = time.monotonic()

    def _identity(self) -> dict:
        st = os.stat(self.source)
        return {"input": self.source, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "settings": self.settings}

    def start(self) -> None:
        if not self.target.parent.is_dir():
            raise CorpusError(f"{self.target}: the output folder does not exist")
        self._remove(self.checkpoint_path)
        self.fh = open(self.partial, "wb")
        self.written = 0

    def resume(self):
        try:
            state = json.loads(self.checkpoint_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = None
        if state is None or not self.partial.exists():
            self.start()
            return None
        if state.get("identity") != self._identity():
            raise CorpusError(f"{self.target}: cannot resume: the input or the settings changed since the "
                              f"interrupted run (delete {self.partial} or run without --resume)")
        self.fh = open(self.partial, "r+b")
        self.fh.truncate(state["output_offset"])
        self.fh.seek(state["output_offset"])
        self.written = state["output_offset"]
        self.last = (state["input_offset"], state["line"], None)
        return state["input_offset"], state["line"], state["report"]

    def write(self, data: bytes, input_offset: int, line: int, report: Report) -> None:
        self.fh.write(data)
        self.written += len(data)
        self.last = (input_offset, line, report)
        if time.monotonic() - self._saved_at >= CHECKPOINT_SECONDS:
            self.save()

    def save(self) -> None:
        input_offset, line, report = self.last
        if report is None:
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        state = {"identity": self._identity(), "input_offset": input_offset, "line": line,
                 "output_offset": self.written, "report": report.state()}
        atomic_write(self.checkpoint_path, json.dumps(state, ensure_ascii=False).encode("utf-8"))
        self._saved_at = time.monotonic()

    def interrupt(self) -> None:
        """Keep what is done for ``--resume``."""
        if self.fh is not None:
            self.save()
            self.fh.close()
            self.fh = None

    def finish(self, changed: bool = True) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        self.fh = None
        if not changed and self.target.resolve() == Path(self.source).resolve():
            # fixing in place and nothing changed: leave the input exactly as it was (mtime too)
            self._remove(self.partial)
            self._remove(self.checkpoint_path)
            return
        if self.target.exists():
            os.chmod(self.partial, os.stat(self.target).st_mode & 0o7777)
        os.replace(self.partial, self.target)
        self._remove(self.checkpoint_path)

    @staticmethod
    def _remove(path: Path) -> None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


class StdoutSink:
    """``-o -`` (or JSONL from stdin): records stream to stdout; nothing to resume."""

    def __init__(self):
        self.out = sys.stdout.buffer

    def start(self) -> None:
        pass

    def resume(self):
        raise click.UsageError("--resume needs an output file, not stdout")

    def write(self, data: bytes, *_args) -> None:
        self.out.write(data)

    def interrupt(self) -> None:
        self.out.flush()

    def finish(self, changed: bool = True) -> None:
        self.out.flush()


def run_command(mode: str, kw: dict, options: RunOptions) -> int:
    """``normlint check`` / ``normlint fix``: run, print, and return the exit code."""
    return Run(mode, kw, options).execute()
