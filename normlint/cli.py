"""The command line: parse options, call the library, print, choose the exit code.

Exit codes follow ESLint and ruff: 0 nothing left to report, 1 problems remain
(at or above ``--fail-on``), 2 usage, configuration, rule-file or input error.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .gcpause import collector_paused

with collector_paused():  # (as in normlint/__init__.py)
    import click

    from . import __version__
    from .config import STARTER
    from .corpus import corpus_options, run_command
    from .diagnostics import Severity
    from .errors import NormlintError
    from .files import FLUSH_THREAD_PREFIX
    from .formats import WRITERS
    from .packs import PROFILES
    from .runner import RunOptions


class Group(click.Group):
    """Turns user errors into one line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NormlintError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


def _split(values) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


def _severity(ctx, param, value):
    return Severity.parse(value) if value else None


def common_options(f):
    opts = [
        click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=str)),
        click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), default="text", show_default=True,
                     help="Output format."),
        click.option("--select", multiple=True, metavar="IDS",
                     help="Only these rules or packs (comma-separated, repeatable)."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules or packs."),
        click.option("--fail-on", type=click.Choice(["suggestion", "warning", "error"]), callback=_severity,
                     help="Lowest level that makes the exit code 1 [config or warning]."),
        click.option("--profile", type=click.Choice(PROFILES), help="House style [config or si]."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB."),
        click.option("--force-exclude", is_flag=True,
                     help="Apply excludes to files named on the command line too (for pre-commit)."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file."),
        click.option("--stdin-filename", metavar="PATH",
                     help="Name to use for text read from stdin (for config lookup and messages)."),
        click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only, no summary."),
        click.option("--no-cache", is_flag=True, envvar="NORMLINT_NO_CACHE",
                     help="Neither read nor write the results cache (.normlint_cache) [env NORMLINT_NO_CACHE]."),
        click.option("--grammar/--no-grammar", default=None,
                     help="Check grammar with LanguageTool [config or off]; see the README's grammar section."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _options(kw, **extra) -> RunOptions:
    return RunOptions(config_file=kw["config_file"], select=_split(kw["select"]), ignore=_split(kw["ignore"]),
                      profile=kw["profile"], fail_on=kw["fail_on"], exclude=_split(kw["exclude"]),
                      cache=not kw["no_cache"], grammar=kw["grammar"], **extra)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normlint")
def main():
    """normlint: find and fix slips in news copy (typos, context slips, names, units, quotes)."""


@main.command()
@common_options
@corpus_options("check")
def check(**kw):
    """Report problems in PATHS (files, folders, JSONL, or - for stdin)."""
    sys.exit(run_command("check", kw, _options(kw)))


@main.command()
@common_options
@corpus_options("fix")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print a unified diff instead of writing; exit 1 if anything would change.")
def fix(unsafe_fixes, diff, **kw):
    """Fix what is safe to fix in PATHS and report what is left.  With -, read stdin and write the fixed text
    to stdout."""
    sys.exit(run_command("fix", kw, _options(kw, unsafe=unsafe_fixes, diff=diff)))


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing normlint.toml.")
def init(force):
    """Write a commented starter normlint.toml in the current folder."""
    target = Path("normlint.toml")
    if target.exists() and not force:
        click.echo("error: normlint.toml already exists (use --force to overwrite)", err=True)
        sys.exit(2)
    from .files import atomic_write
    atomic_write(target, STARTER.encode("utf-8"))
    click.echo(f"Wrote {target}")


from .rules_cli import rules  # noqa: E402  (a command group of its own module)

main.add_command(rules)

from .learn import learn  # noqa: E402

main.add_command(learn)

from .cache_cli import clean  # noqa: E402

main.add_command(clean)

from .lsp_cli import lsp  # noqa: E402

main.add_command(lsp)


def entry():
    """The ``normlint`` command (console script and ``python -m normlint``).

    Two costs of a short run are not the work: the cyclic garbage collector scanning the
    rule tables again and again while they are built (nothing built then is garbage), and
    the interpreter freeing every object one by one on the way out.  So the collector
    waits until the rules are ready (``corpus.Run`` turns it back on), and a run that ends
    normally flushes its output, runs the exit handlers and leaves at once.  Anything else
    (a traceback, threads still running) takes the ordinary way out.
    """
    import gc

    from . import corpus

    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in ("check", "fix") and gc.isenabled():
        gc.disable()
        corpus.gc_paused = True
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if not isinstance(code, int) and code is not None:
            raise
        _fast_exit(code or 0)


def _fast_exit(code: int) -> None:
    import atexit
    import os
    import threading

    # The file-flushing threads only ever wait between fixes: no work of theirs is lost.
    busy = [t for t in threading.enumerate()
            if t is not threading.main_thread() and not t.name.startswith(FLUSH_THREAD_PREFIX)]
    if busy or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # (a profiler or debugger writes its results after the command returns)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe and the like: let Python report it the usual way
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)
