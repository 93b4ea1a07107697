"""The cyclic garbage collector paused while normlint is imported.

Importing the checks and the command line builds thousands of objects, none of them garbage:
the collector scanning them again and again is ~5 ms of a cold start.  Paused for the
import only, and left as the caller had it."""
from __future__ import annotations

import gc


class collector_paused:
    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.collecting:
            gc.enable()
