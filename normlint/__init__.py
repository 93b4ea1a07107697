"""normlint: a text-cleanup and style-normalisation linter for news copy."""
from __future__ import annotations

__version__ = "0.1.0"

from .gcpause import collector_paused  # noqa: E402

with collector_paused():
    from .api import FixOutcome, fix_text, get_linter, lint_text  # noqa: E402
    from .config import Config, find_config, load_config  # noqa: E402
    from .diagnostics import Diagnostic, Fix, Severity  # noqa: E402

__all__ = ["lint_text", "fix_text", "get_linter", "FixOutcome", "Config", "find_config", "load_config",
           "Diagnostic", "Fix", "Severity", "__version__"]
