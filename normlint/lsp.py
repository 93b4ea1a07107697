"""The language server behind ``normlint lsp``: diagnostics and quick fixes in the editor.

Built on pygls, over stdio.  Rules are compiled once per server (the same
per-process caches the command line uses) and stay compiled between
keystrokes; they are re-read when a configuration or rule file changes, which
the server learns from ``workspace/didChangeWatchedFiles`` and, for clients
that do not send it, from the files' modification times.

What the editor sees:

- diagnostics when a document is opened, saved, and (debounced by
  :data:`DEBOUNCE` seconds) while it is edited;
- one quick fix per diagnostic that carries a fix (unsafe ones say so);
- "Fix all safe problems" as a ``source.fixAll.normlint`` action, which a
  request for the generic ``source.fixAll`` kind (VS Code's
  ``editor.codeActionsOnSave``) also gets.

Positions are converted to the client's position encoding (UTF-16 code units
unless the client negotiated another), so an emoji before a diagnostic does
not shift its underline.
"""
from __future__ import annotations

import asyncio
import bisect
import logging
import os
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .lazy_pattern import lazy
from . import __version__
from .api import clear_caches, get_linter
from .config import CONFIG_FILES
from .diagnostics import SAFE, Diagnostic, Severity
from .engine import rule_folders
from .errors import NormlintError
from .files import _excluded
from .fixes import apply_edits
from .loader import RULE_SUFFIXES
from .markup import markup_kind
from .runner import RunOptions

log = logging.getLogger("normlint.lsp")

#: seconds of quiet after an edit before the document is checked again
DEBOUNCE = 0.2
#: seconds between two looks at configuration and rule files' modification times
MTIME_INTERVAL = 2.0
FIX_ALL_KIND = "source.fixAll.normlint"

_LINE_BREAK = lazy(r"\r\n|\r|\n")  # what LSP counts as a line end
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: lsp.DiagnosticSeverity.Information,
}
# Suffixes for documents without a file name (untitled buffers), from the
# client's language id, so Markdown and HTML are read as such.
_LANGUAGE_SUFFIX = {"markdown": ".md", "html": ".html"}
_WATCH_GLOBS = tuple(f"**/{name}" for name in CONFIG_FILES) + tuple(f"**/*{s}" for s in RULE_SUFFIXES)


class Positions:
    """Character offsets of one text <-> LSP positions in the client's code units."""

    def __init__(self, text: str, encoding: str | None):
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        if encoding == lsp.PositionEncodingKind.Utf32:
            self.units = len
        elif encoding == lsp.PositionEncodingKind.Utf8:
            self.units = lambda s: len(s.encode("utf-8"))
        else:  # UTF-16, the protocol's default
            self.units = lambda s: len(s.encode("utf-16-le")) // 2

    def position(self, offset: int) -> lsp.Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return lsp.Position(line=line, character=self.units(self.text[self.starts[line]:offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset(self, pos: lsp.Position) -> int:
        """The character offset of an LSP position (clamped to the line)."""
        if pos.line >= len(self.starts):
            return len(self.text)
        start = self.starts[pos.line]
        end = self.starts[pos.line + 1] if pos.line + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end].rstrip("\r\n")
        if self.units is len:
            return start + min(pos.character, len(line))
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return start + i
            units += self.units(ch)
        return start + len(line)


@dataclass
class Checked:
    """The last check of one open document."""

    version: int | None
    text: str  # the text the offsets refer to (CRLF read as LF, like the command line)
    crlf: bool
    path: str
    diagnostics: list[Diagnostic]
    lsp_diagnostics: list[lsp.Diagnostic]
    positions: Positions
    linter: object


def _normalise(text: str) -> tuple[str, bool]:
    """Uniform CRLF is checked as LF, as ``normlint check`` reads files; lines and
    columns are unchanged, so positions need no mapping back."""
    n = text.count("\r\n")
    if n and n == text.count("\n") and "\r" not in text.replace("\r\n", ""):
        return text.replace("\r\n", "\n"), True
    return text, False


def _title(d: Diagnostic, text: str) -> str:
    old = text[d.fix.start:d.fix.end]
    new = d.fix.replacement
    if not new:
        title = f"Remove '{old}'"
    elif not old:
        title = f"Insert '{new}'"
    else:
        title = f"Replace '{old}' with '{new}'"
    title += f" ({d.rule})"
    return title if d.fix.applicability == SAFE else f"{title} [unsafe fix: check the meaning]"


class NormlintLanguageServer(LanguageServer):
    def __init__(self, options: RunOptions | None = None, debounce: float = DEBOUNCE):
        super().__init__("normlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.options = options or RunOptions()
        self.debounce = debounce
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.shown_errors: set[str] = set()
        self._links: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._stamps: dict[tuple, tuple] = {}
        self._stamp_checked: dict[tuple, float] = {}

    # -- documents -> diagnostics ---------------------------------------------
    def path_for(self, uri: str) -> str:
        """The file path a document is checked as.  Its suffix picks the format; when
        it names none (an untitled buffer, a ``README`` the editor shows as
        Markdown), the editor's language id does."""
        doc = self.workspace.get_text_document(uri)
        if uri.startswith("file:") and doc.path:
            path = doc.path
        else:
            root = self.workspace.root_path or os.getcwd()
            path = os.path.join(root, (doc.filename or "untitled").replace(os.sep, "_"))
        suffix = _LANGUAGE_SUFFIX.get(doc.language_id or "")
        if suffix and markup_kind(path) is None:
            path += suffix
        return path

    def _excluded(self, path: str, config) -> bool:
        if not config.exclude:
            return False
        try:
            rel = Path(path).resolve().relative_to(config.root)
        except ValueError:
            return False
        parts = rel.parts
        return any(_excluded("/".join(parts[:i]), parts[i - 1], config.exclude) for i in range(1, len(parts) + 1))

    def check(self, uri: str) -> Checked | None:
        """Check the open document ``uri`` now and publish what is found."""
        self.cancel_pending(uri)
        try:
            doc = self.workspace.get_text_document(uri)
        except KeyError:
            return None
        path = self.path_for(uri)
        text, crlf = _normalise(doc.source)
        try:
            config = self.options.config_for(path)
            if self.reload_if_changed(path, config):
                config = self.options.config_for(path)
                for other in self.workspace.text_documents:  # their diagnostics are stale too
                    if other != uri:
                        self.schedule(other)
            if self._excluded(path, config):
                diagnostics, linter = [], None
            else:
                linter = get_linter(config)
                result = linter.lint(text, path)
                diagnostics = result.diagnostics
                for e in result.errors:
                    self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Warning, message=e))
        except NormlintError as exc:
            self.report_error(str(exc))
            diagnostics, linter = [], None
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("checking %s failed", path)
            self.report_error(f"internal error while checking {path}: {exc!r} (details in the server log)")
            diagnostics, linter = [], None
        positions = Positions(text, self.workspace.position_encoding)
        out = [self.to_lsp(d, positions, self.links(linter)) for d in diagnostics]
        entry = Checked(doc.version, text, crlf, path, diagnostics, out, positions, linter)
        self.checked[uri] = entry
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=out, version=doc.version))
        return entry

    def links(self, linter) -> dict[str, str]:
        """Rule id -> the rule's ``link`` (shown by editors as the diagnostic's help link)."""
        if linter is None:
            return {}
        links = self._links.get(linter)
        if links is None:
            links = self._links[linter] = {c.id: c.rule.get("link") for c in linter.all_checks
                                           if isinstance(c.rule.get("link"), str)}
        return links

    @staticmethod
    def to_lsp(d: Diagnostic, positions: Positions, links: dict) -> lsp.Diagnostic:
        link = links.get(d.rule)
        return lsp.Diagnostic(
            range=positions.range(d.start, d.end),
            message=d.message,
            severity=_SEVERITY[d.severity],
            code=d.rule,
            code_description=lsp.CodeDescription(href=link) if link else None,
            source="normlint",
        )

    def current(self, uri: str) -> Checked | None:
        """The check of the document as it is now (re-checked if an edit is pending)."""
        entry = self.checked.get(uri)
        try:
            version = self.workspace.get_text_document(uri).version
        except KeyError:
            return None
        if entry is None or entry.version != version or uri in self.pending:
            entry = self.check(uri)
        return entry

    def report_error(self, message: str) -> None:
        log.error(message)
        if message not in self.shown_errors:  # once, not on every keystroke
            self.shown_errors.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"normlint: {message}"))
        self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error, message=message))

    def schedule(self, uri: str) -> None:
        self.cancel_pending(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self._debounced, uri)

    def _debounced(self, uri: str) -> None:
        self.pending.pop(uri, None)
        self.check(uri)

    def cancel_pending(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    # -- configuration and rule files ------------------------------------------
    def reload(self) -> None:
        """Forget configs and compiled rules; the next check reads and compiles them again."""
        clear_caches()
        self._stamps.clear()
        self._stamp_checked.clear()
        self.shown_errors.clear()

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.check(uri)

    def _stamp(self, path: str, config) -> tuple:
        """Modification times of what decides ``path``'s checks: config files that
        apply to it (or could, if created) and the files of user rule folders."""
        stamp = []
        folder = Path(path).parent
        for parent in (folder, *folder.parents):
            for name in CONFIG_FILES:
                try:
                    stamp.append(os.stat(parent / name).st_mtime_ns)
                except OSError:
                    stamp.append(None)
        for rules in config.rules:
            for dirpath, dirnames, filenames in os.walk(rules):
                dirnames.sort()
                stamp.append(os.stat(dirpath).st_mtime_ns)
                for name in sorted(filenames):
                    if name.endswith(RULE_SUFFIXES):
                        try:
                            stamp.append((name, os.stat(os.path.join(dirpath, name)).st_mtime_ns))
                        except OSError:
                            pass
        return tuple(stamp)

    def reload_if_changed(self, path: str, config) -> bool:
        """The fallback for clients that do not report file changes: look at
        modification times, at most every :data:`MTIME_INTERVAL` seconds.
        True when something changed and the rules were forgotten."""
        key = (str(Path(path).parent), rule_folders(config))
        now = time.monotonic()
        if now - self._stamp_checked.get(key, -MTIME_INTERVAL) < MTIME_INTERVAL:
            return False
        self._stamp_checked[key] = now
        stamp = self._stamp(path, config)
        old = self._stamps.get(key)
        changed = old is not None and old != stamp
        if changed:
            log.info("configuration or rules changed; reloading")
            self.reload()
            self._stamp_checked[key] = now
        self._stamps[key] = stamp
        return changed

    # -- code actions -----------------------------------------------------------
    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        entry = self.current(uri)
        if entry is None:
            return []
        only = params.context.only

        def wanted(kind: str) -> bool:
            return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)

        actions = []
        if wanted(lsp.CodeActionKind.QuickFix):
            lo = entry.positions.offset(params.range.start)
            hi = entry.positions.offset(params.range.end)
            for d, ld in zip(entry.diagnostics, entry.lsp_diagnostics):
                if d.fix is None or d.end < lo or d.start > hi:
                    continue
                edit = self.edit(uri, entry, [(d.fix.start, d.fix.end, d.fix.replacement)])
                actions.append(lsp.CodeAction(title=_title(d, entry.text), kind=lsp.CodeActionKind.QuickFix,
                                              diagnostics=[ld], edit=edit,
                                              is_preferred=d.fix.applicability == SAFE))
        if wanted(FIX_ALL_KIND) and entry.linter is not None and \
                any(d.fix is not None and d.fix.applicability == SAFE for d in entry.diagnostics):
            edits = self.fix_all_edits(entry)
            if edits:
                actions.append(lsp.CodeAction(title="Fix all safe problems (normlint)", kind=FIX_ALL_KIND,
                                              edit=self.edit(uri, entry, edits)))
        return actions

    def fix_all_edits(self, entry: Checked) -> list[tuple[int, int, str]]:
        result, _ = entry.linter.fix(entry.text, entry.path)
        if result.text == entry.text:
            return []
        if result.passes == 1:
            # One pass: the applied fixes are non-overlapping edits of this very
            # text, so the editor gets small edits and keeps the cursor in place.
            fixes = [(d.fix, d) for d in result.applied]
            if apply_edits(entry.text, fixes)[0] == result.text:
                return [(f.start, f.end, f.replacement) for f, _ in sorted(fixes, key=lambda fd: fd[0].start)]
        # Several passes: one edit over the stretch that changed.
        a, b = entry.text, result.text
        start = 0
        limit = min(len(a), len(b))
        while start < limit and a[start] == b[start]:
            start += 1
        end_a, end_b = len(a), len(b)
        while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
            end_a -= 1
            end_b -= 1
        return [(start, end_a, b[start:end_b])]

    def edit(self, uri: str, entry: Checked, edits) -> lsp.WorkspaceEdit:
        text_edits = [lsp.TextEdit(range=entry.positions.range(s, e),
                                   new_text=r.replace("\n", "\r\n") if entry.crlf else r) for s, e, r in edits]
        if self._document_changes():
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=entry.version),
                edits=text_edits)])
        return lsp.WorkspaceEdit(changes={uri: text_edits})

    def _document_changes(self) -> bool:
        ws = self.client_capabilities.workspace
        return bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)


def create_server(options: RunOptions | None = None, debounce: float = DEBOUNCE) -> NormlintLanguageServer:
    server = NormlintLanguageServer(options, debounce)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: NormlintLanguageServer, params: lsp.InitializedParams):
        caps = ls.client_capabilities.workspace
        watched = caps and caps.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in _WATCH_GLOBS])
            try:
                await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
                    lsp.Registration(id="normlint-config-watch", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                     register_options=options)]))
            except Exception as exc:  # a client may refuse; modification times still work
                log.warning("could not register file watchers: %s", exc)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NormlintLanguageServer, params: lsp.DidOpenTextDocumentParams):
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NormlintLanguageServer, params: lsp.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NormlintLanguageServer, params: lsp.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        name = uri.rsplit("/", 1)[-1]
        if name in CONFIG_FILES or name.endswith(RULE_SUFFIXES):
            ls.reload()
            ls.recheck_all()
        elif uri in ls.workspace.text_documents:
            ls.check(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NormlintLanguageServer, params: lsp.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.cancel_pending(uri)
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: NormlintLanguageServer, params: lsp.DidChangeWatchedFilesParams):
        names = [c.uri.rsplit("/", 1)[-1] for c in params.changes]
        if any(n in CONFIG_FILES or n.endswith(RULE_SUFFIXES) for n in names):
            ls.reload()
            ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll, FIX_ALL_KIND]))
    def code_action(ls: NormlintLanguageServer, params: lsp.CodeActionParams):
        return ls.code_actions(params)

    return server


def serve(options: RunOptions | None = None, debounce: float = DEBOUNCE) -> None:
    """Run the server on stdin/stdout until the client says exit."""
    create_server(options, debounce).start_io()
