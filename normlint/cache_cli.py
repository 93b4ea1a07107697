"""``normlint clean``: remove the results cache."""
from __future__ import annotations

import os
from pathlib import Path

import click

from .runner import RunOptions


def _display(p: Path) -> str:
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)


@click.command()
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file.")
def clean(config_file):
    """Remove the results cache: this project's, and any .normlint_cache folder below the current one."""
    from .cache import CACHE_DIR_NAME, cache_dir, remove

    targets = [cache_dir(RunOptions(config_file=config_file).config_for(None))]
    for dirpath, dirnames, _ in os.walk("."):
        for d in sorted(dirnames):
            if d == CACHE_DIR_NAME:
                targets.append(Path(dirpath, d).resolve())
        # do not walk into caches, version control or virtual environments
        dirnames[:] = sorted(d for d in dirnames if d != CACHE_DIR_NAME and d not in (".git", ".hg", ".venv",
                                                                                       "node_modules"))
    removed = 0
    seen = set()
    for t in targets:
        t = t.resolve()
        if t in seen or not t.exists():
            continue
        seen.add(t)
        if remove(t):
            click.echo(f"Removed {_display(t)}")
            removed += 1
        else:
            click.echo(f"Left {_display(t)} alone: it is not a cache normlint made (no {t.name}/CACHEDIR.TAG).",
                       err=True)
    if not removed:
        click.echo("No cache to remove.")
