"""`normlint lsp` driven by a real LSP client (pytest-lsp) talking to the server in a subprocess."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the 'lsp' extra")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from pytest_lsp.client import make_test_lsp_client  # noqa: E402

PUBLISH = lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
TIMEOUT = 20  # generous: CI machines are shared

DAY_RULE = """\
extends: substitution
message: "Use '%s' instead of '%s'."
link: https://example.org/style#days
level: error
ignorecase: true
case: preserve
fix: safe
swap:
  wedmesday: Wednesday
examples:
  - text: "on Wedmesday"
    fixed: "on Wednesday"
"""
NAMES_RULE = """\
extends: consistency
message: "'%s': this story calls it '%s'."
level: warning
fix: unsafe
groups:
  - [Daesh, ISIS]
examples:
  - text: "Daesh and ISIS"
    fixed: "Daesh and Daesh"
"""
REPEAT_RULE = """\
extends: repetition
message: "'%s' is repeated."
level: suggestion
fix: safe
examples:
  - text: "the the end"
    fixed: "the end"
"""


def make_project(root: Path) -> Path:
    pack = root / "styles" / "Test"
    pack.mkdir(parents=True)
    (pack / "Day.yml").write_text(DAY_RULE, encoding="utf-8")
    (pack / "Names.yml").write_text(NAMES_RULE, encoding="utf-8")
    (pack / "Repeat.yml").write_text(REPEAT_RULE, encoding="utf-8")
    (root / "normlint.toml").write_text('builtin = false\nrules = ["styles"]\n', encoding="utf-8")
    return root


def client_factory() -> LanguageClient:
    client = make_test_lsp_client()
    client.registrations = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams):
        client.registrations.extend(params.registrations)

    return client


CAPABILITIES = lsp.ClientCapabilities(
    general=lsp.GeneralClientCapabilities(position_encodings=[lsp.PositionEncodingKind.Utf16]),
    workspace=lsp.WorkspaceClientCapabilities(
        workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=True),
        did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
    ),
    text_document=lsp.TextDocumentClientCapabilities(
        code_action=lsp.CodeActionClientCapabilities(),
        synchronization=lsp.TextDocumentSyncClientCapabilities(did_save=True),
    ),
)


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "normlint", "lsp"],
                                              client_factory=client_factory))
async def client(lsp_client: LanguageClient, project: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=CAPABILITIES, root_uri=project.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=project.as_uri(), name="project")]))
    yield
    await lsp_client.shutdown_session()


# -- helpers -----------------------------------------------------------------------

async def published(client: LanguageClient, uri: str, timeout: float = TIMEOUT) -> lsp.PublishDiagnosticsParams:
    """The next publishDiagnostics for ``uri`` (others that arrive meanwhile are kept for later)."""
    backlog = client.__dict__.setdefault("backlog", {})
    if backlog.get(uri):
        return backlog[uri].pop(0)

    async def wait():
        while True:
            params = await client.wait_for_notification(PUBLISH)
            if params.uri == uri:
                return params
            backlog.setdefault(params.uri, []).append(params)
    return await asyncio.wait_for(wait(), timeout)


async def nothing_published(client: LanguageClient, uri: str, seconds: float) -> bool:
    try:
        await published(client, uri, timeout=seconds)
    except asyncio.TimeoutError:
        return True
    return False


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id=language, version=version, text=text)))
    return uri


def change_doc(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def summary(diags):
    return [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
             d.code, d.severity, d.source) for d in diags]


def utf16_offset(text: str, pos: lsp.Position) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:pos.line])
    units = 0
    for i, ch in enumerate(lines[pos.line]):
        if units >= pos.character:
            return start + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return start + len(lines[pos.line])


def apply(text: str, edit: lsp.WorkspaceEdit) -> str:
    (change,) = edit.document_changes
    spans = sorted(((utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text)
                    for e in change.edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


async def code_actions(client, uri, rng, only=None, diagnostics=()):
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=rng,
        context=lsp.CodeActionContext(diagnostics=list(diagnostics), only=only)))


# -- diagnostics ------------------------------------------------------------------

@pytest.mark.asyncio
async def test_diagnostics_on_open(client: LanguageClient, project: Path):
    uri = open_doc(client, project / "story.txt", "It began on Wedmesday.\nDaesh and ISIS said the the same.\n")
    params = await published(client, uri)
    assert params.version == 1
    assert summary(params.diagnostics) == [
        (0, 12, 0, 21, "Test.Day", lsp.DiagnosticSeverity.Error, "normlint"),
        (1, 10, 1, 14, "Test.Names", lsp.DiagnosticSeverity.Warning, "normlint"),
        (1, 20, 1, 27, "Test.Repeat", lsp.DiagnosticSeverity.Information, "normlint"),
    ]
    assert params.diagnostics[0].message == "Use 'Wednesday' instead of 'Wedmesday'."
    assert params.diagnostics[0].code_description.href == "https://example.org/style#days"
    assert params.diagnostics[1].code_description is None


@pytest.mark.asyncio
async def test_positions_are_utf16_code_units(client: LanguageClient, project: Path):
    # Each emoji and the script capital is one character but two UTF-16 code units.
    text = "😀😀 on Wedmesday\n𝒜 é 中 Wedmesday 😀 Wedmesday\n"
    uri = open_doc(client, project / "emoji.txt", text)
    params = await published(client, uri)
    assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in params.diagnostics] == [
        (0, 8, 17), (1, 7, 16), (1, 20, 29)]


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "normlint", "lsp", "--debounce", "600"], client_factory=client_factory))
async def steady_client(lsp_client: LanguageClient, project: Path):
    """A longer debounce than the default, so a busy CI machine cannot split one burst of edits."""
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=CAPABILITIES, root_uri=project.as_uri()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_changes_are_debounced_to_one_check(steady_client: LanguageClient, project: Path):
    client = steady_client
    uri = open_doc(client, project / "typing.txt", "Clean text.\n")
    assert list((await published(client, uri)).diagnostics) == []
    typed = "Clean text. On Wedmesday"
    for version, end in enumerate(range(len("Clean text. On W"), len(typed) + 1), start=2):
        change_doc(client, uri, version, typed[:end] + "\n")
    params = await published(client, uri)
    assert params.version == version  # only the last edit was checked...
    assert summary(params.diagnostics) == [(0, 15, 0, 24, "Test.Day", lsp.DiagnosticSeverity.Error, "normlint")]
    assert await nothing_published(client, uri, 1.5)  # ...and only once


@pytest.mark.asyncio
async def test_default_debounce_checks_soon_after_typing_stops(client: LanguageClient, project: Path):
    uri = open_doc(client, project / "quick.txt", "Clean.\n")
    await published(client, uri)
    change_doc(client, uri, 2, "On Wedmesday.\n")
    params = await published(client, uri)
    assert params.version == 2 and [d.code for d in params.diagnostics] == ["Test.Day"]


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "normlint", "lsp", "--debounce", "10000"], client_factory=client_factory))
async def slow_client(lsp_client: LanguageClient, project: Path):
    """A server whose debounce outlasts the test: any check after an edit comes from a save."""
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=CAPABILITIES, root_uri=project.as_uri()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_save_checks_at_once(slow_client: LanguageClient, project: Path):
    client = slow_client
    uri = open_doc(client, project / "saved.txt", "Clean.\n")
    await published(client, uri)
    change_doc(client, uri, 2, "On Wedmesday.\n")
    assert await nothing_published(client, uri, 0.5)  # still waiting for quiet
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    params = await published(client, uri)
    assert params.version == 2 and [d.code for d in params.diagnostics] == ["Test.Day"]


@pytest.mark.asyncio
async def test_close_clears_diagnostics(client: LanguageClient, project: Path):
    uri = open_doc(client, project / "closed.txt", "On Wedmesday.\n")
    assert (await published(client, uri)).diagnostics
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert list((await published(client, uri)).diagnostics) == []


@pytest.mark.asyncio
async def test_markdown_code_and_links_are_not_reported(client: LanguageClient, project: Path):
    text = "# On Wedmesday\n\nSee `Wedmesday` and Daesh said 😀 [ISIS](http://x.org/Wedmesday).\n"
    uri = open_doc(client, project / "story.md", text, "markdown")
    params = await published(client, uri)
    assert [(d.range.start.line, d.range.start.character, d.range.end.character, d.code)
            for d in params.diagnostics] == [(0, 5, 14, "Test.Day"), (2, 35, 39, "Test.Names")]


# -- code actions -------------------------------------------------------------------

@pytest.mark.asyncio
async def test_quick_fixes_one_per_diagnostic_unsafe_labelled(client: LanguageClient, project: Path):
    text = "😀 On Wedmesday ISIS and Daesh.\n"
    uri = open_doc(client, project / "fixes.txt", text)
    params = await published(client, uri)
    day, names = params.diagnostics
    actions = await code_actions(client, uri, day.range, diagnostics=[day])
    quick = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["Replace 'Wedmesday' with 'Wednesday' (Test.Day)"]
    assert quick[0].is_preferred and list(quick[0].diagnostics) == [day]
    assert apply(text, quick[0].edit) == "😀 On Wednesday ISIS and Daesh.\n"
    assert quick[0].edit.document_changes[0].text_document.version == 1

    actions = await code_actions(client, uri, names.range, only=[lsp.CodeActionKind.QuickFix])
    assert [a.title for a in actions] == \
        ["Replace 'Daesh' with 'ISIS' (Test.Names) [unsafe fix: check the meaning]"]
    assert not actions[0].is_preferred
    assert apply(text, actions[0].edit) == "😀 On Wedmesday ISIS and ISIS.\n"


@pytest.mark.asyncio
@pytest.mark.parametrize("only", [[lsp.CodeActionKind.SourceFixAll], ["source.fixAll.normlint"], ["source"], None])
async def test_fix_all_safe_problems(client: LanguageClient, project: Path, only):
    text = "On Wedmesday the the WEDMESDAY,\nISIS and Daesh.\n"
    uri = open_doc(client, project / "all.txt", text)
    await published(client, uri)
    whole = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=2, character=0))
    actions = await code_actions(client, uri, whole, only=only)
    fix_all = [a for a in actions if a.kind == "source.fixAll.normlint"]
    assert [a.title for a in fix_all] == ["Fix all safe problems (normlint)"]
    # Safe fixes only: the unsafe consistency fix is left for a deliberate quick fix.
    assert apply(text, fix_all[0].edit) == "On Wednesday the WEDNESDAY,\nISIS and Daesh.\n"
    quick = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
    assert len(quick) == (0 if only and only != [lsp.CodeActionKind.QuickFix] else 4)


@pytest.mark.asyncio
async def test_no_fix_all_without_safe_fixes(client: LanguageClient, project: Path):
    uri = open_doc(client, project / "unsafe.txt", "ISIS and Daesh.\n")
    await published(client, uri)
    whole = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=1, character=0))
    assert list(await code_actions(client, uri, whole, only=[lsp.CodeActionKind.SourceFixAll]) or []) == []


@pytest.mark.asyncio
async def test_code_actions_follow_unchecked_edits(client: LanguageClient, project: Path):
    uri = open_doc(client, project / "fast.txt", "Clean.\n")
    await published(client, uri)
    change_doc(client, uri, 2, "Then Wedmesday.\n")  # asked for fixes before the debounce fires
    rng = lsp.Range(start=lsp.Position(line=0, character=5), end=lsp.Position(line=0, character=14))
    actions = await code_actions(client, uri, rng, only=[lsp.CodeActionKind.QuickFix])
    assert [a.title for a in actions] == ["Replace 'Wedmesday' with 'Wednesday' (Test.Day)"]
    assert actions[0].edit.document_changes[0].text_document.version == 2


# -- configuration and rule files ------------------------------------------------------

@pytest.mark.asyncio
async def test_registers_watchers_for_config_and_rules(client: LanguageClient, project: Path):
    await asyncio.sleep(0)  # the registration request follows `initialized`
    for _ in range(100):
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    (reg,) = client.registrations
    assert reg.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {w["globPattern"] if isinstance(w, dict) else w.glob_pattern for w in
             (reg.register_options["watchers"] if isinstance(reg.register_options, dict)
              else reg.register_options.watchers)}
    assert {"**/normlint.toml", "**/pyproject.toml", "**/*.yml", "**/*.yaml"} <= globs


@pytest.mark.asyncio
async def test_config_change_reported_by_the_client_is_applied(client: LanguageClient, project: Path):
    uri = open_doc(client, project / "cfg.txt", "On Wedmesday, ISIS and Daesh.\n")
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["Test.Day", "Test.Names"]
    (project / "normlint.toml").write_text('builtin = false\nrules = ["styles"]\nignore = ["Test.Day"]\n')
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=(project / "normlint.toml").as_uri(), type=lsp.FileChangeType.Changed)]))
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["Test.Names"]

    rule = project / "styles" / "Test" / "Names.yml"
    rule.write_text(NAMES_RULE.replace("level: warning", "level: error"))
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=rule.as_uri(), type=lsp.FileChangeType.Changed)]))
    (names,) = (await published(client, uri)).diagnostics
    assert names.severity == lsp.DiagnosticSeverity.Error


@pytest.mark.asyncio
async def test_rule_change_noticed_by_modification_time(client: LanguageClient, project: Path):
    # A client that sends no file events: the server looks at modification times.
    uri = open_doc(client, project / "mtime.txt", "On Wedmesday.\n")
    assert [d.message for d in (await published(client, uri)).diagnostics] == \
        ["Use 'Wednesday' instead of 'Wedmesday'."]
    other = open_doc(client, project / "other.txt", "Also Wedmesday.\n")
    await published(client, other)
    rule = project / "styles" / "Test" / "Day.yml"
    rule.write_text(DAY_RULE.replace("Use '%s' instead", "Write '%s' instead"))
    later = time.time() + 5
    os.utime(rule, (later, later))
    await asyncio.sleep(2.2)  # normlint.lsp.MTIME_INTERVAL
    change_doc(client, uri, 2, "On Wedmesday!\n")
    assert [d.message for d in (await published(client, uri)).diagnostics] == \
        ["Write 'Wednesday' instead of 'Wedmesday'."]
    # The other open document is re-checked with the new rules, unedited.
    assert [d.message for d in (await published(client, other)).diagnostics] == \
        ["Write 'Wednesday' instead of 'Wedmesday'."]


@pytest.mark.asyncio
async def test_broken_config_is_shown_not_fatal(client: LanguageClient, project: Path):
    (project / "normlint.toml").write_text('builtin = false\nrules = ["styles"]\nprofile = "nope"\n')
    uri = open_doc(client, project / "broken.txt", "On Wedmesday.\n")
    assert list((await published(client, uri)).diagnostics) == []
    assert any("unknown profile 'nope'" in m.message and m.type == lsp.MessageType.Error for m in client.messages)
    (project / "normlint.toml").write_text('builtin = false\nrules = ["styles"]\n')
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=(project / "normlint.toml").as_uri(), type=lsp.FileChangeType.Changed)]))
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["Test.Day"]


# -- without the extra -------------------------------------------------------------------

def test_missing_extra_gives_a_clear_message_and_exit_2(tmp_path):
    # Simulate an install without normlint[lsp]: pygls cannot be imported.
    code = textwrap.dedent("""
        import sys
        sys.modules["pygls"] = None
        from normlint.cli import main
        sys.argv = ["normlint", "lsp"]
        main()
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 2
    assert "pip install 'normlint[lsp]'" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.asyncio
async def test_untitled_markdown_buffer_is_read_as_markdown(client: LanguageClient, project: Path):
    uri = "untitled:Untitled-1"
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text="On Wedmesday, not `Wedmesday`.\n")))
    params = await published(client, uri)
    assert [(d.range.start.character, d.code) for d in params.diagnostics] == [(3, "Test.Day")]


@pytest.mark.asyncio
async def test_language_id_picks_the_format_when_the_name_does_not(client: LanguageClient, project: Path):
    text = "On Wedmesday, not `Wedmesday`.\n"
    as_markdown = open_doc(client, project / "README", text, "markdown")
    assert len((await published(client, as_markdown)).diagnostics) == 1
    as_text = open_doc(client, project / "NOTES", text, "plaintext")
    assert len((await published(client, as_text)).diagnostics) == 2


@pytest.mark.asyncio
async def test_excluded_files_get_no_diagnostics(client: LanguageClient, project: Path):
    (project / "normlint.toml").write_text('builtin = false\nrules = ["styles"]\nexclude = ["drafts"]\n')
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=(project / "normlint.toml").as_uri(), type=lsp.FileChangeType.Changed)]))
    (project / "drafts").mkdir()
    uri = open_doc(client, project / "drafts" / "d.txt", "On Wedmesday.\n")
    assert list((await published(client, uri)).diagnostics) == []
    uri = open_doc(client, project / "kept.txt", "On Wedmesday.\n")
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["Test.Day"]


@pytest.mark.asyncio
async def test_crlf_document_positions_and_fix_all(client: LanguageClient, project: Path):
    text = "First line.\r\nOn Wedmesday the the end.\r\n"
    uri = open_doc(client, project / "crlf.txt", text)
    params = await published(client, uri)
    assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in params.diagnostics] == \
        [(1, 3, 12), (1, 13, 20)]
    whole = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=2, character=0))
    (action,) = await code_actions(client, uri, whole, only=[lsp.CodeActionKind.SourceFixAll])
    lf = text.replace("\r\n", "\n")
    assert apply(lf, action.edit).replace("\n", "\r\n") == "First line.\r\nOn Wednesday the end.\r\n"


# -- position conversion (no server needed) ---------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

from normlint.lsp import Positions  # noqa: E402


@given(st.text(alphabet=st.sampled_from("ab é😀𝒜中\n\r"), max_size=40), st.data())
def test_positions_round_trip_in_every_encoding(text, data):
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1  # between the two characters of one CRLF line end: not a position
    for encoding, units in ((lsp.PositionEncodingKind.Utf16, lambda s: len(s.encode("utf-16-le")) // 2),
                            (lsp.PositionEncodingKind.Utf8, lambda s: len(s.encode("utf-8"))),
                            (lsp.PositionEncodingKind.Utf32, len)):
        positions = Positions(text, encoding)
        pos = positions.position(offset)
        line_start = [0, *[i + 1 for i, c in enumerate(text) if c == "\n" or
                           (c == "\r" and text[i + 1:i + 2] != "\n")]][pos.line]
        assert pos.character == units(text[line_start:offset])
        assert positions.offset(pos) == offset
