"""``normlint lsp``: start the language server (needs the ``lsp`` extra)."""
from __future__ import annotations

import sys

import click

from .packs import PROFILES
from .runner import RunOptions


@click.command("lsp")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this config file for every document (default: the nearest one to each document).")
@click.option("--profile", type=click.Choice(PROFILES), help="House style [config or si].")
@click.option("--debounce", type=click.IntRange(0, 10_000), default=200, show_default=True, metavar="MS",
              help="Quiet time after an edit before the document is checked again.")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for editors that pass it; stdio is the only transport.")
def lsp(config_file, profile, debounce, stdio):
    """Run the language server over stdin/stdout, for editors (VS Code, Neovim, Helix...)."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        click.echo("error: `normlint lsp` needs the language server extra: pip install 'normlint[lsp]'", err=True)
        sys.exit(2)
    from .lsp import serve

    serve(RunOptions(config_file=config_file, profile=profile), debounce=debounce / 1000)
