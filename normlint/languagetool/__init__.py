"""Grammar checking through LanguageTool: settings, the HTTP client, UTF-16 offsets, the cache.

Nothing here imports language-tool-python (GPL-3.0, the ``normlint[grammar]``
extra) at module level: it is imported only when local mode starts a
LanguageTool of its own.  With a ``server`` configured, or
``NORMLINT_LANGUAGETOOL_URL`` set, normlint talks to LanguageTool's HTTP API
with the standard library alone.
"""
from __future__ import annotations

from .client import LanguageToolError
from .settings import ENV_URL, LTSettings, grammar_settings, with_grammar

__all__ = ["ENV_URL", "LTSettings", "LanguageToolError", "grammar_settings", "with_grammar"]
