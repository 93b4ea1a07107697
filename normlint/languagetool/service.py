"""Asking LanguageTool about paragraphs: batching, UTF-16 mapping, and a two-level cache.

Answers are cached per (paragraph text, check settings) in memory (so the
language server and the fix loop's re-lints never re-ask about a paragraph
that did not change) and on disk under ``.normlint_cache/languagetool/`` (so
re-runs do not either).  A run whose paragraphs are all cached never contacts
LanguageTool at all.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..files import atomic_write
from .client import LanguageToolClient, LanguageToolError, RequestTooLarge
from .offsets import Utf16Index, utf16_len
from .settings import ENV_URL, LTSettings

CACHE_VERSION = 1  # bump when the stored form of a match changes
MEMORY_ENTRIES = 50000
MAX_SUGGESTIONS = 5  # LanguageTool may offer dozens; an editor menu wants a few
RETRY_AFTER = 30.0  # seconds before trying again to reach a LanguageTool that failed
SEPARATOR = "\n\n"  # LanguageTool treats a blank line as a paragraph break


@dataclass(frozen=True)
class CheckSettings:
    """What LanguageTool is asked to check: a rule file's choices, part of every cache key."""

    language: str = "en-US"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False

    def params(self) -> dict:
        """The /v2/check form fields (besides ``text``)."""
        p = {"language": self.language}
        for name, field in (("enabledRules", self.enabled_rules), ("disabledRules", self.disabled_rules),
                            ("enabledCategories", self.enabled_categories),
                            ("disabledCategories", self.disabled_categories)):
            if field:
                p[name] = ",".join(field)
        if self.enabled_only:
            p["enabledOnly"] = "true"
        if self.picky:
            p["level"] = "picky"
        return p


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match, offsets in Python characters relative to its paragraph."""

    start: int
    end: int
    message: str
    short_message: str
    replacements: tuple[str, ...]
    rule_id: str
    category: str

    def to_json(self) -> list:
        return [self.start, self.end, self.message, self.short_message, list(self.replacements),
                self.rule_id, self.category]

    @classmethod
    def from_json(cls, row) -> "LTMatch":
        s, e, msg, short, reps, rid, cat = row
        return cls(int(s), int(e), str(msg), str(short), tuple(str(r) for r in reps), str(rid), str(cat))


def cache_key(paragraph: str, settings: CheckSettings) -> str:
    payload = json.dumps([CACHE_VERSION, settings.params(), paragraph], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _Memory:
    """A bounded LRU shared by every service in the process (keys already include the settings)."""

    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict[str, tuple[LTMatch, ...]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)

    def clear(self):
        with self.lock:
            self.data.clear()


MEMORY = _Memory(MEMORY_ENTRIES)


class DiskCache:
    """One small JSON file per answer, written atomically (parallel runs may share the folder)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[LTMatch, ...] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("v") != CACHE_VERSION:
                return None
            return tuple(LTMatch.from_json(row) for row in data["matches"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing or damaged entries are simply asked again

    def put(self, key: str, matches: tuple[LTMatch, ...]) -> None:
        path = self._path(key)
        data = json.dumps({"v": CACHE_VERSION, "matches": [m.to_json() for m in matches]}, ensure_ascii=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data.encode("utf-8"))
        except OSError:
            pass  # a read-only or full disk costs speed, never the run


class GrammarService:
    """LanguageTool for one configuration: reached lazily, on the first paragraph not in a cache."""

    def __init__(self, settings: LTSettings, cache_folder: Path | None = None, config_path=None):
        self.settings = settings
        self.disk = DiskCache(cache_folder) if cache_folder else None
        self.config_path = config_path
        self._client: LanguageToolClient | None = None
        self._languages: frozenset[str] | None = None
        self._local_tool = None  # language-tool-python's handle; kept so its server lives as long as we do
        self._lock = threading.Lock()
        self._failed: tuple[float, LanguageToolError] | None = None
        self.requests = 0  # /v2/check requests sent (tests and benchmarks read it)

    # -- reaching LanguageTool --------------------------------------------
    def client(self) -> LanguageToolClient:
        with self._lock:
            if self._client is None:
                # A long-lived process (the language server) must not wait out the timeouts again
                # on every keystroke: a failure is remembered for a while and repeated at once.
                if self._failed is not None and time.monotonic() - self._failed[0] < RETRY_AFTER:
                    raise self._failed[1]
                try:
                    self._client = self._connect()
                except LanguageToolError as exc:
                    self._failed = (time.monotonic(), exc)
                    raise
                self._failed = None
            return self._client

    def _connect(self) -> LanguageToolClient:
        s = self.settings
        url = s.server_url()
        if url:
            source = f"from ${ENV_URL}" if os.environ.get(ENV_URL, "").strip() else \
                f"from 'server' in {self.config_path}" if self.config_path else "from 'server'"
            client = LanguageToolClient(url, timeout=s.timeout, total_timeout=s.total_timeout, source=source)
        elif s.local:
            client = self._start_local()
        else:
            raise LanguageToolError(
                "grammar checking is on but no LanguageTool server is configured and local mode is off "
                "(local = false): set [tool.normlint.languagetool] server = \"http://localhost:8081\" or "
                f"${ENV_URL} to a running LanguageTool server")
        langs = client.languages()
        self._languages = frozenset(x for d in langs for x in (d.get("code"), d.get("longCode"))
                                    if isinstance(x, str))
        return client

    def _start_local(self) -> LanguageToolClient:
        """language-tool-python's local mode: it downloads LanguageTool once and runs it on Java."""
        try:
            import language_tool_python  # GPL-3.0: only in the normlint[grammar] extra, only imported here
        except ImportError:
            raise LanguageToolError(
                "grammar checking is on but no LanguageTool is available: set [tool.normlint.languagetool] "
                f"server = \"http://localhost:8081\" (or ${ENV_URL}) to a running LanguageTool server, or "
                "install the grammar extra (pip install 'normlint[grammar]', needs Java 17+) to let normlint "
                "start one itself") from None
        box: dict = {}

        def start():
            try:
                box["tool"] = language_tool_python.LanguageTool("en-US")
            except BaseException as exc:  # reported below, in the caller's thread
                box["error"] = exc

        # A daemon thread, so a download or a Java start that never returns cannot hold the run.
        worker = threading.Thread(target=start, name="normlint-languagetool-start", daemon=True)
        worker.start()
        worker.join(self.settings.total_timeout)
        hint = (f"or set [tool.normlint.languagetool] server = \"http://localhost:8081\" (or ${ENV_URL}) "
                "to a running LanguageTool server")
        if worker.is_alive():
            raise LanguageToolError(
                f"local LanguageTool (language-tool-python) was not ready after {self.settings.total_timeout:g} s. "
                "Its first start downloads LanguageTool (about 250 MB): raise [tool.normlint.languagetool] "
                f"total-timeout for that run, {hint}")
        if "error" in box:
            exc = box["error"]
            detail = " ".join(str(exc).split())[:300] or type(exc).__name__
            raise LanguageToolError(
                f"local LanguageTool (language-tool-python) could not start: {detail}. Local mode needs "
                f"Java 17+ and, on first use, internet access to download LanguageTool; {hint}")
        tool = box["tool"]
        self._local_tool = tool
        url = getattr(tool, "url", None) or getattr(tool, "_url")
        return LanguageToolClient(url, timeout=self.settings.timeout, total_timeout=self.settings.total_timeout,
                                  source="started by language-tool-python")

    def knows_language(self, language: str) -> tuple[bool, list[str]]:
        """Whether the server checks ``language`` ("auto" always passes), and what it knows."""
        self.client()
        known = self._languages or frozenset()
        return (language == "auto" or language in known), sorted(known)

    # -- checking ---------------------------------------------------------
    def matches(self, paragraphs: list[str], settings: CheckSettings, *, on_connect=None):
        """For each paragraph, its matches (a tuple of :class:`LTMatch`), from a cache or the server.

        ``on_connect`` runs once before the first request (the grammar check
        validates its language there, when the server's list is known).
        """
        keys = [cache_key(p, settings) for p in paragraphs]
        results: list[tuple[LTMatch, ...] | None] = [None] * len(paragraphs)
        todo: dict[str, int] = {}  # key -> first paragraph index needing it
        for i, key in enumerate(keys):
            hit = MEMORY.get(key)
            if hit is None and self.disk is not None:
                hit = self.disk.get(key)
                if hit is not None:
                    MEMORY.put(key, hit)
            if hit is None:
                todo.setdefault(key, i)
            else:
                results[i] = hit
        if todo:
            client = self.client()
            if on_connect is not None:
                on_connect(self)
            fresh: dict[str, tuple[LTMatch, ...]] = {}
            for batch in self._batches([paragraphs[i] for i in todo.values()]):
                self._ask(client, batch, settings, fresh)
            for i, key in enumerate(keys):
                if results[i] is None:
                    results[i] = fresh[key]
        return results

    def _batches(self, paragraphs: list[str]):
        """Consecutive groups of paragraphs whose joined length stays within ``batch-chars``."""
        limit = self.settings.batch_chars
        batch, size = [], 0
        for p in paragraphs:
            extra = len(p) + (len(SEPARATOR) if batch else 0)
            if batch and size + extra > limit:
                yield batch
                batch, size = [], 0
                extra = len(p)
            batch.append(p)
            size += extra
        if batch:
            yield batch

    def _ask(self, client: LanguageToolClient, batch: list[str], settings: CheckSettings, out: dict) -> None:
        text = SEPARATOR.join(batch)
        try:
            self.requests += 1
            answer = client.check(text, settings.params(), time.monotonic() + self.settings.total_timeout)
        except RequestTooLarge as exc:
            if len(batch) == 1:
                raise RequestTooLarge(f"{exc} (one paragraph of {len(batch[0])} characters is already too "
                                      "large for it)") from None
            half = len(batch) // 2
            self._ask(client, batch[:half], settings, out)
            self._ask(client, batch[half:], settings, out)
            return
        # Where each paragraph starts, in UTF-16 units of the joined text.
        starts, lengths, pos = [], [], 0
        for p in batch:
            n = utf16_len(p)
            starts.append(pos)
            lengths.append(n)
            pos += n + len(SEPARATOR)
        total = pos - len(SEPARATOR)
        found: list[list[LTMatch]] = [[] for _ in batch]
        indexes: dict[int, Utf16Index] = {}
        for m in answer["matches"]:
            off, length = m["offset"], m["length"]
            if off + length > total:
                raise LanguageToolError(f"LanguageTool server {client.url} sent a match at UTF-16 offset {off} "
                                        f"(length {length}) beyond the {total} units sent; is it a "
                                        "LanguageTool server?")
            j = bisect.bisect_right(starts, off) - 1
            rel = off - starts[j]
            if rel + length > lengths[j]:
                continue  # spans the paragraph break: not about either paragraph alone
            ix = indexes.get(j) or indexes.setdefault(j, Utf16Index(batch[j]))
            rule = m["rule"]
            reps = tuple(r["value"] for r in m.get("replacements", ())[:MAX_SUGGESTIONS])
            found[j].append(LTMatch(ix.to_char(rel), ix.to_char(rel + length, end=True), m["message"],
                                    m.get("shortMessage") or "", reps, rule["id"],
                                    (rule.get("category") or {}).get("id", "")))
        incomplete = bool((answer.get("warnings") or {}).get("incompleteResults"))
        for p, ms in zip(batch, found):
            key = cache_key(p, settings)
            value = tuple(sorted(ms, key=lambda x: (x.start, x.end, x.rule_id)))
            out[key] = value
            if not incomplete:  # LanguageTool gave up part-way: ask again next time
                MEMORY.put(key, value)
                if self.disk is not None:
                    self.disk.put(key, value)


@lru_cache(maxsize=32)
def get_service(settings: LTSettings, cache_folder: Path | None, config_path=None) -> GrammarService:
    """One service per configuration and process: the connection and local server are made once."""
    return GrammarService(settings, cache_folder, config_path)
