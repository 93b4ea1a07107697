"""Grammar checking through LanguageTool: settings, the HTTP client, UTF-16 offsets, the cache.

Nothing here imports language-tool-python (GPL-3.0, the ``normlint[grammar]``
extra) at module level: it is imported only when local mode starts a
LanguageTool of its own.  With a ``server`` configured, or
``NORMLINT_LANGUAGETOOL_URL`` set, normlint talks to LanguageTool's HTTP API
with the standard library alone.
"""
from __future__ import annotations

from .settings import ENV_URL, LTSettings, grammar_settings, with_grammar


def __getattr__(name: str):
    # The HTTP client (json, socket, urllib.request) is imported when grammar checking is used,
    # not by every run that merely loads the grammar rule.
    if name == "LanguageToolError":
        from .client import LanguageToolError

        return LanguageToolError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["ENV_URL", "LTSettings", "LanguageToolError", "grammar_settings", "with_grammar"]
