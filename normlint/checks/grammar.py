"""``extends: grammar``: LanguageTool's grammar and style checks, as normlint diagnostics.

A rule file chooses the language and which LanguageTool rules and categories
run; each match becomes a diagnostic whose rule id is the rule file's pack plus
LanguageTool's own rule id (``LanguageTool.EN_A_VS_AN``).  The check is broad,
so it defers: where a rule-file diagnostic covers an overlapping span, that
one is reported and LanguageTool's is dropped.  It runs only when grammar
checking is switched on (``--grammar`` or ``[tool.normlint.languagetool]
enabled = true``).

Replacements are unsafe fixes (LanguageTool's first suggestion is often not
the one a sub-editor would pick) except in the categories or rules the file
lists under ``safe_categories`` / ``safe_rules``.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..lazy_pattern import lazy
from ..diagnostics import NONE, SAFE, UNSAFE
from ..document import Document
from ..languagetool.settings import LTSettings, cache_folder, grammar_settings
from .base import Check

if TYPE_CHECKING:
    from ..languagetool.service import GrammarService

LT_ID = lazy(r"[A-Za-z][A-Za-z0-9_]*")
LANGUAGE = lazy(r"auto|[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# A blank line ends a paragraph; so does a line break after the end of a sentence, because wire
# copy puts one paragraph on each line.  Smaller units mean an edit re-checks less.
PARAGRAPH_BREAK = lazy(r"\n[ \t\r\f\v]*\n|(?<=[.!?…][\"”’»)\]]*)[ \t\r]*\n")

_ID_LISTS = ("enabled_rules", "disabled_rules", "enabled_categories", "disabled_categories",
             "safe_categories", "safe_rules")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(start offset, text) of each paragraph that has anything in it, edges trimmed.

    Paragraphs are the unit of LanguageTool requests and of the cache."""
    out = []
    pos = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    trimmed = []
    for start, para in out:
        stripped = para.strip()
        if stripped:
            trimmed.append((start + (len(para) - len(para.lstrip())), stripped))
    return trimmed


class Grammar(Check):
    kind = "grammar"
    keys = frozenset({"language", "enabled_only", "picky", *_ID_LISTS})
    can_fix = True
    default_fix = UNSAFE
    # Quotations are a speaker's words: news copy does not correct them.
    default_quotes = "skip"
    defers = True
    own_rule_ids = True

    service: GrammarService | None = None

    def compile(self) -> None:
        if self.fix_mode == SAFE:
            raise self.rule.error("a grammar rule cannot make every LanguageTool replacement safe (its first "
                                  "suggestion is often wrong); use fix: unsafe and list trusted categories "
                                  "under safe_categories or rules under safe_rules", "fix")
        language = self.rule.get("language", "en-US")
        if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
            raise self.rule.error(f"'language' must be a LanguageTool language code such as en-US, en-GB or "
                                  f"de-DE, or auto (got {language!r})", "language")
        lists = {key: self._id_list(key) for key in _ID_LISTS}
        enabled_only = self._bool("enabled_only", False)
        if enabled_only and not (lists["enabled_rules"] or lists["enabled_categories"]):
            raise self.rule.error("'enabled_only: true' needs enabled_rules or enabled_categories", "enabled_only")
        for a, b in (("enabled_rules", "disabled_rules"), ("enabled_categories", "disabled_categories")):
            both = sorted(set(lists[a]) & set(lists[b]))
            if both:
                raise self.rule.error(f"{', '.join(both)} both enabled and disabled", b)
        self._settings_kw = dict(
            language=language,
            enabled_rules=lists["enabled_rules"], disabled_rules=lists["disabled_rules"],
            enabled_categories=lists["enabled_categories"], disabled_categories=lists["disabled_categories"],
            enabled_only=enabled_only, picky=self._bool("picky", False))
        self.safe_categories = frozenset(lists["safe_categories"])
        self.safe_rules = frozenset(lists["safe_rules"])

    @cached_property
    def settings(self):
        """What LanguageTool is asked to check.  Built on first use: the service module
        (HTTP client, cache) is imported only when grammar checking really runs."""
        from ..languagetool.service import CheckSettings

        return CheckSettings(**self._settings_kw)

    def _id_list(self, key: str) -> tuple[str, ...]:
        raw = self.rule.get(key, [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(x, str) and LT_ID.fullmatch(x) for x in raw):
            raise self.rule.error(f"'{key}' must be a list of LanguageTool ids such as EN_A_VS_AN or TYPOS "
                                  "(letters, digits and _)", key)
        return tuple(sorted(set(raw)))

    # -- configuration ----------------------------------------------------
    def active(self, config) -> bool:
        return grammar_settings(config).enabled

    def bind(self, config) -> "Grammar":
        from ..languagetool.service import get_service

        bound = copy.copy(self)
        bound.service = get_service(grammar_settings(config), cache_folder(config),
                                    str(config.path) if config is not None and config.path else None)
        return bound

    def examples_unavailable(self, config) -> str | None:
        s = grammar_settings(config)
        if s.enabled or s.server_url():
            return None
        return ("its examples need LanguageTool: set NORMLINT_LANGUAGETOOL_URL or "
                "[tool.normlint.languagetool] server, or enabled = true for local mode")

    # -- running ------------------------------------------------------------
    def _check_language(self, service: GrammarService) -> None:
        ok, known = service.knows_language(self.settings.language)
        if not ok:
            near = [k for k in known if k.split("-")[0] == self.settings.language.split("-")[0]]
            shown = near or known[:20]
            raise self.rule.error(f"LanguageTool at {service.client().url} does not check language "
                                  f"{self.settings.language!r} (it knows {', '.join(shown)}"
                                  f"{'' if near or len(known) <= 20 else ', ...'})", "language")

    def run(self, doc: Document):
        from ..languagetool.service import get_service

        service = self.service or get_service(LTSettings(enabled=True), None, None)
        paras = paragraphs(doc.text)
        if not paras:
            return
        found = service.matches([p for _, p in paras], self.settings, on_connect=self._check_language)
        pack = self.rule.pack
        for (base, _), matches in zip(paras, found):
            for m in matches:
                start, end = base + m.start, base + m.end
                if not self.allowed(doc, start, end):
                    continue
                replacement = m.replacements[0] if m.replacements and self.fix_mode != NONE else None
                safe = m.category in self.safe_categories or m.rule_id in self.safe_rules
                d = self.diagnostic(doc, start, end, self.format(m.message, m.rule_id), replacement,
                                    suggestions=m.replacements if self.fix_mode != NONE else (),
                                    applicability=SAFE if safe and self.fix_mode != NONE else None)
                yield replace(d, rule=f"{pack}.{m.rule_id}")
