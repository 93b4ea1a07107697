"""normlint: a text-cleanup and style-normalisation linter for news copy."""
from __future__ import annotations

__version__ = "0.1.0"

import gc as _gc  # noqa: E402

# Importing the checks builds thousands of objects, none of them garbage: the cyclic
# collector scanning them again and again is ~5 ms of a cold start.  Paused for the
# import only, and left as the caller had it.
_collecting = _gc.isenabled()
_gc.disable()
try:
    from .api import FixOutcome, fix_text, get_linter, lint_text  # noqa: E402
    from .config import Config, find_config, load_config  # noqa: E402
    from .diagnostics import Diagnostic, Fix, Severity  # noqa: E402
finally:
    if _collecting:
        _gc.enable()
    del _collecting

__all__ = ["lint_text", "fix_text", "get_linter", "FixOutcome", "Config", "find_config", "load_config",
           "Diagnostic", "Fix", "Severity", "__version__"]
