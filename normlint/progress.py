"""The progress bar of bulk runs: bytes for the ETA and MB/s, articles/s beside it.

Drawn with tqdm on stderr, only when stderr is a terminal and ``--quiet`` is
not given, so pipes, CI logs and redirected output never see it.
"""
from __future__ import annotations

import sys
import time


def wanted(quiet: bool, stream=None) -> bool:
    stream = stream or sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts articles and bytes; draws a bar when ``enabled``."""

    def __init__(self, total_bytes: int | None, desc: str, enabled: bool, *, done_bytes: int = 0):
        self.articles = 0
        self.bytes = 0
        self._bar = None
        self._started = time.monotonic()
        self._shown = 0.0
        if enabled:
            import shutil

            from tqdm import tqdm

            size = shutil.get_terminal_size((100, 24))
            tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked later
            self._bar = tqdm(total=total_bytes or None, initial=done_bytes, desc=desc, unit="B", unit_scale=True,
                             unit_divisor=1000, file=sys.stderr,
                             # shutil honours COLUMNS and falls back when a terminal reports no size
                             ncols=size.columns, nrows=size.lines, mininterval=0.2,
                             smoothing=0.1, leave=True)

    def update(self, articles: int, nbytes: int) -> None:
        self.articles += articles
        self.bytes += nbytes
        bar = self._bar
        if bar is None:
            return
        now = time.monotonic()
        if now - self._shown >= 0.2:
            self._shown = now
            bar.set_postfix_str(self._postfix(now), refresh=False)
        bar.update(nbytes)

    def echo(self, message, **kw) -> None:
        """``click.echo`` that lifts the bar out of the way, so printed lines never run into it."""
        import click

        if self._bar is None:
            click.echo(message, **kw)
            return
        self._bar.clear()
        click.echo(message, **kw)
        self._bar.refresh()

    def _postfix(self, now: float) -> str:
        rate = self.articles / max(now - self._started, 1e-9)
        return f"{self.articles:,} articles, {rate:,.0f} articles/s"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(self._postfix(time.monotonic()), refresh=False)
            self._bar.close()
            self._bar = None
