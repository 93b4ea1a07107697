"""The command line: parse options, call the library, print, choose the exit code.

Exit codes follow ESLint and ruff: 0 nothing left to report, 1 problems remain
(at or above ``--fail-on``), 2 usage, configuration, rule-file or input error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import STARTER
from .diagnostics import Severity
from .errors import NormlintError
from .files import walk
from .formats import WRITERS, render
from .packs import PROFILES
from .runner import FileOutcome, RunOptions, process_file, process_stdin, rule_infos


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


def _collect(paths, options: RunOptions, clean_temps: bool):
    for p in paths:
        if p != "-" and not os.path.exists(p):
            raise click.UsageError(f"path does not exist: {p}")
    files = []
    for p in paths:
        if p == "-":
            files.append("-")
        else:
            exclude = options.config_for(p).exclude
            files.extend(str(f) for f in walk([p], exclude, clean_temps=clean_temps))
    return files


def _run(mode: str, kw, options: RunOptions) -> list[FileOutcome]:
    paths = kw["paths"] or (".",)
    outcomes = []
    for path in _collect(paths, options, clean_temps=(mode == "fix")):
        if path == "-":
            data = sys.stdin.buffer.read()
            outcomes.append(process_stdin(data, kw["stdin_filename"] or "-", options, mode))
        else:
            outcomes.append(process_file(path, options, mode))
    return outcomes


def _print_errors(outcomes) -> bool:
    any_error = False
    for o in outcomes:
        for e in o.errors:
            click.echo(e, err=True)
            any_error = True
    return any_error


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normlint")
def main():
    """normlint: find and fix slips in news copy (typos, context slips, names, units, quotes)."""


@main.command()
@common_options
def check(**kw):
    """Report problems in PATHS (files, folders, or - for stdin)."""
    options = _options(kw)
    outcomes = _run("check", kw, options)
    color = _color()
    out = render(kw["fmt"], outcomes, color=color, rules=lambda: rule_infos([o.path for o in outcomes], options))
    if out:
        click.echo(out, nl=False, color=color)
    errors = _print_errors(outcomes)
    total = sum(len(o.diagnostics) for o in outcomes)
    failing = sum(o.failing for o in outcomes)
    if kw["fmt"] == "text" and not kw["quiet"]:
        fixable = sum(1 for o in outcomes for d in o.diagnostics if d.fix and d.fix.applicability == "safe")
        if total:
            hint = f" ({fixable} fixable with `normlint fix`)" if fixable else ""
            click.echo(f"{'' if out.endswith(chr(10) * 2) else chr(10)}Found {_plural(total, 'problem')}"
                       f" in {_plural(sum(1 for o in outcomes if o.diagnostics), 'file')}{hint}.")
        elif not errors:
            click.echo(f"All checks passed ({_plural(len(outcomes), 'file')}).")
    sys.exit(2 if errors else 1 if failing else 0)


@main.command()
@common_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print a unified diff instead of writing; exit 1 if anything would change.")
def fix(unsafe_fixes, diff, **kw):
    """Fix what is safe to fix in PATHS and report what is left.  With -, read stdin and write the fixed text
    to stdout."""
    options = _options(kw, unsafe=unsafe_fixes, diff=diff)
    outcomes = _run("fix", kw, options)
    color = _color()
    for o in outcomes:
        if o.unstable_rules:
            o.errors.append(f"{o.path}: fixes did not settle after repeated passes; rules still changing the "
                            f"text: {', '.join(o.unstable_rules)}")
    stdin_text = [o for o in outcomes if o.output is not None]
    if diff:
        click.echo("".join(o.diff for o in outcomes), nl=False)
    elif stdin_text:
        click.echo("".join(o.output for o in stdin_text), nl=False)
    # With stdout carrying the fixed text or a diff, the report goes to stderr.
    report_to_err = bool(diff or stdin_text)
    out = render(kw["fmt"], outcomes, color=color and not report_to_err,
                 rules=lambda: rule_infos([o.path for o in outcomes], options))
    if out and not diff:
        click.echo(out, nl=False, err=report_to_err, color=color)
    errors = _print_errors(outcomes)
    fixed = sum(len(o.applied) for o in outcomes)
    changed_files = sum(1 for o in outcomes if o.changed)
    remaining = sum(len(o.diagnostics) for o in outcomes)
    failing = sum(o.failing for o in outcomes)
    if not kw["quiet"] and (kw["fmt"] == "text" or report_to_err):
        verb = "Would fix" if diff else "Fixed"
        click.echo(f"{verb} {_plural(fixed, 'problem')} in {_plural(changed_files, 'file')}; "
                   f"{remaining} remaining.", err=report_to_err or kw["fmt"] != "text")
    if errors:
        sys.exit(2)
    if diff:
        sys.exit(1 if changed_files else 0)
    sys.exit(1 if failing else 0)


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
