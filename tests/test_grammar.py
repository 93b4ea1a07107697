"""Grammar checking through LanguageTool, against a stand-in server speaking its HTTP API.

No LanguageTool can run on the test machines; ``tests/lt_fake.py`` answers
``/v2/languages`` and ``/v2/check`` in LanguageTool's documented JSON (UTF-16
offsets included).  ``test_real_server`` runs against a real LanguageTool when
NORMLINT_LANGUAGETOOL_URL names one.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normlint.api import clear_caches, fix_text, get_linter, lint_text
from normlint.config import Config
from normlint.languagetool import service as lt_service
from normlint.languagetool.offsets import Utf16Index, utf16_len
from normlint.languagetool.settings import ENV_URL, LTSettings, with_grammar

REAL_URL = os.environ.get(ENV_URL, "").strip()


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch):
    """Each test starts with no remembered LanguageTool answers and no server from the environment."""
    monkeypatch.delenv(ENV_URL, raising=False)
    lt_service.MEMORY.clear()
    lt_service.get_service.cache_clear()
    yield
    lt_service.MEMORY.clear()
    lt_service.get_service.cache_clear()


def use_server(project, fake, *, builtin=True, timeout=2, total=4, extra=""):
    project.config(builtin=builtin, extra=f"""
        [languagetool]
        enabled = true
        server = "{fake.url}"
        timeout = {timeout}
        total-timeout = {total}
        {extra}
        """)


def as_json(result):
    return json.loads(result.stdout)


# -- offsets ---------------------------------------------------------------------------

def test_utf16_index_maps_astral_characters():
    text = "a😀b𝒳c"
    ix = Utf16Index(text)
    assert utf16_len(text) == 7
    for i in range(len(text) + 1):
        assert ix.to_unit(i) == len(text[:i].encode("utf-16-le")) // 2
        assert ix.to_char(ix.to_unit(i)) == i
    # an offset inside a surrogate pair rounds outwards
    assert ix.to_char(2) == 1 and ix.to_char(2, end=True) == 2


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_utf16_index_agrees_with_the_utf16_codec(text):
    ix = Utf16Index(text)
    assert ix.length == len(text.encode("utf-16-le")) // 2
    for i in range(len(text) + 1):
        unit = len(text[:i].encode("utf-16-le")) // 2
        assert ix.to_unit(i) == unit
        assert ix.to_char(unit) == i == ix.to_char(unit, end=True)


def test_diagnostics_after_emoji_land_on_the_right_characters(project, fake_lt, cli):
    use_server(project, fake_lt)
    # three astral characters (two emoji, one mathematical letter) before the error
    f = project.write("story.txt", "🎉 Party 🇺🇦 in 𝒳 city. It was a ambush.\n")
    result = cli("check", "--format", "json", f.name)
    assert result.exit_code == 1
    assert as_json(result) == [{
        "path": "story.txt", "rule": "LanguageTool.EN_A_VS_AN", "severity": "warning",
        "message": "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, "
                   "‘an hour’.",
        "line": 1, "column": 30, "end_line": 1, "end_column": 31,
        "fix": {"replacement": "an", "applicability": "unsafe"}}]
    # column 30 is the 30th character; in UTF-16 units the "a" is at offset 33
    assert "🎉 Party 🇺🇦 in 𝒳 city. It was a ambush."[29] == "a"
    fixed = cli("fix", "--unsafe-fixes", f.name)
    assert fixed.exit_code == 0
    assert f.read_text(encoding="utf-8") == "🎉 Party 🇺🇦 in 𝒳 city. It was an ambush.\n"


def test_astral_characters_inside_a_match(project, fake_lt):
    use_server(project, fake_lt, builtin=False)
    project.rule("House/Grammar.yml", """\
        extends: grammar
        message: "%s"
        examples: [{text: "a", ok: true}]
        """)
    text = "Fans 🎉🎉 wait.\n\nThey say 😀 😀 twice."
    [d] = lint_text(text, project.load())
    assert d.rule == "House.ENGLISH_WORD_REPEAT_RULE"
    assert text[d.start:d.end] == "😀 😀"
    assert (d.line, d.column, d.end_line, d.end_column) == (3, 10, 3, 13)
    assert fix_text(text, project.load(), unsafe=True).text == "Fans 🎉🎉 wait.\n\nThey say 😀 twice."


# -- switching on, rule ids, select/ignore ------------------------------------------------

def test_off_by_default(project, fake_lt, cli):
    project.config(builtin=True, extra=f'[languagetool]\nserver = "{fake_lt.url}"\n')
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", f.name)
    assert result.exit_code == 0 and "All checks passed" in result.stdout
    assert fake_lt.requests == [] and fake_lt.language_requests == 0
    on = cli("check", "--grammar", "--format", "json", f.name)
    assert [d["rule"] for d in as_json(on)] == ["LanguageTool.EN_A_VS_AN"]
    assert len(fake_lt.requests) == 1


def test_no_grammar_flag_overrides_config(project, fake_lt, cli):
    use_server(project, fake_lt)
    f = project.write("story.txt", "It was a ambush.\n")
    assert cli("check", "--no-grammar", f.name).exit_code == 0
    assert fake_lt.requests == []


def test_environment_variable_names_the_server(project, fake_lt, cli, monkeypatch):
    project.config(builtin=True)
    monkeypatch.setenv(ENV_URL, fake_lt.url)
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", "--grammar", "--format", "line", f.name)
    assert result.stdout == "story.txt:1:8:LanguageTool.EN_A_VS_AN:" \
        "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, ‘an hour’.\n"


def test_environment_variable_wins_over_config(project, fake_lt, cli, monkeypatch):
    project.config(builtin=True, extra='[languagetool]\nenabled = true\nserver = "http://127.0.0.1:9"\n')
    monkeypatch.setenv(ENV_URL, fake_lt.url)
    f = project.write("story.txt", "It was a ambush.\n")
    assert cli("check", f.name).exit_code == 1
    assert len(fake_lt.requests) == 1


def test_request_carries_the_rule_files_choices(project, fake_lt, cli):
    use_server(project, fake_lt)
    f = project.write("story.txt", "It was a ambush.\n")
    cli("check", f.name)
    assert fake_lt.requests == [{"language": "en-US", "text": "It was a ambush.",
                                 "disabledRules": "DASH_RULE,EN_QUOTES", "disabledCategories": "TYPOS"}]


def test_rule_file_options_reach_languagetool(project, fake_lt, cli):
    use_server(project, fake_lt, builtin=False)
    project.rule("House/Grammar.yml", """\
        extends: grammar
        message: "Grammar: %s (%s)"
        level: error
        language: en-GB
        enabled_rules: [WHITESPACE_RULE]
        enabled_categories: [GRAMMAR]
        enabled_only: true
        picky: true
        fix: none
        """)
    f = project.write("story.txt", "We was  there, a ambush.\n")
    result = cli("check", "--format", "json", f.name)
    assert fake_lt.requests == [{"language": "en-GB", "text": "We was  there, a ambush.", "enabledOnly": "true",
                                 "enabledRules": "WHITESPACE_RULE", "enabledCategories": "GRAMMAR",
                                 "level": "picky"}]
    assert [(d["rule"], d["severity"], d["message"], d["column"], d["fix"]) for d in as_json(result)] == [
        ("House.PERS_PRONOUN_AGREEMENT", "error", "Grammar: Did you mean “were”? (PERS_PRONOUN_AGREEMENT)", 4,
         None),
        ("House.WHITESPACE_RULE", "error", "Grammar: Possible typo: you repeated a whitespace (WHITESPACE_RULE)",
         7, None)]


def test_ignore_and_select_single_languagetool_rules(project, fake_lt, cli):
    use_server(project, fake_lt)
    f = project.write("story.txt", "It was a ambush.  Then then they left.\n")
    everything = [d["rule"] for d in as_json(cli("check", "--format", "json", f.name))]
    # LanguageTool's repeated-word report defers to the built-in Typos.Repeated on the same span
    assert everything == ["LanguageTool.EN_A_VS_AN", "LanguageTool.WHITESPACE_RULE", "Typos.Repeated"]
    ignored = as_json(cli("check", "--format", "json", "--ignore", "LanguageTool.EN_A_VS_AN", f.name))
    assert [d["rule"] for d in ignored] == ["LanguageTool.WHITESPACE_RULE", "Typos.Repeated"]
    no_typos = as_json(cli("check", "--format", "json", "--ignore", "Typos", f.name))
    assert [d["rule"] for d in no_typos] == ["LanguageTool.EN_A_VS_AN", "LanguageTool.WHITESPACE_RULE",
                                             "LanguageTool.ENGLISH_WORD_REPEAT_RULE"]
    selected = as_json(cli("check", "--format", "json", "--select", "LanguageTool.WHITESPACE_RULE", f.name))
    assert [d["rule"] for d in selected] == ["LanguageTool.WHITESPACE_RULE"]
    whole_pack = as_json(cli("check", "--format", "json", "--ignore", "LanguageTool", f.name))
    assert [d["rule"] for d in whole_pack] == ["Typos.Repeated"]
    sent = len(fake_lt.requests)
    lt_service.MEMORY.clear()
    shutil.rmtree(project.root / ".normlint_cache")  # so only deselection can keep it from asking
    assert [d["rule"] for d in as_json(cli("check", "--format", "json", "--select", "Typos", f.name))] == \
        ["Typos.Repeated"]
    assert len(fake_lt.requests) == sent  # LanguageTool not even asked


def test_per_file_ignores_apply_to_languagetool_ids(project, fake_lt, cli):
    use_server(project, fake_lt, extra='')
    (project.root / "normlint.toml").write_text(
        (project.root / "normlint.toml").read_text() .replace(
            "[languagetool]", '[per-file-ignores]\n"archive/*" = ["LanguageTool.EN_A_VS_AN"]\n\n[languagetool]'),
        encoding="utf-8")
    clear_caches()
    project.write("archive/old.txt", "It was a ambush.\n")
    project.write("new.txt", "It was a ambush.\n")
    result = as_json(cli("check", "--format", "json", "."))
    assert [(d["path"], d["rule"]) for d in result] == [("new.txt", "LanguageTool.EN_A_VS_AN")]


# -- fixes -----------------------------------------------------------------------------------

def test_replacements_are_unsafe_unless_the_category_is_marked_safe(project, fake_lt, cli):
    use_server(project, fake_lt, builtin=False)
    project.rule("House/Grammar.yml", """\
        extends: grammar
        message: "%s"
        safe_categories: [TYPOGRAPHY]
        examples: [{text: "It  was.", fixed: "It was."}]
        """)
    f = project.write("story.txt", "It was a ambush,  they said.\n")
    result = cli("fix", f.name)
    assert f.read_text() == "It was a ambush, they said.\n"  # the safe whitespace fix only
    assert "Fixed 1 problem in 1 file; 1 remaining." in result.output
    assert result.exit_code == 1
    cli("fix", "--unsafe-fixes", f.name)
    assert f.read_text() == "It was an ambush, they said.\n"


def test_safe_rules_mark_single_rules_safe(project, fake_lt):
    use_server(project, fake_lt, builtin=False)
    project.rule("House/Grammar.yml", """\
        extends: grammar
        message: "%s"
        safe_rules: [EN_A_VS_AN]
        examples: [{text: "a ambush", fixed: "an ambush"}]
        """)
    out = fix_text("It was a ambush,  they said.", project.load())
    assert out.text == "It was an ambush,  they said."
    assert [d.rule for d in out.remaining] == ["House.WHITESPACE_RULE"]


def test_suggestions_carry_every_replacement(project, fake_lt):
    use_server(project, fake_lt, builtin=False)
    project.rule("House/Grammar.yml", 'extends: grammar\nmessage: "%s"\nexamples: [{text: "a", ok: true}]\n')
    [d] = lint_text("It arrived on Wedmesday.", project.load())
    assert d.rule == "House.MORFOLOGIK_RULE_EN_US"
    assert d.suggestions == ("Wednesday", "Wednesdays")
    assert d.fix.replacement == "Wednesday" and d.fix.applicability == "unsafe"


# -- no double reports --------------------------------------------------------------------------

def test_rule_file_diagnostic_wins_on_the_same_span(project, fake_lt, cli):
    use_server(project, fake_lt)
    project.rule("House/Grammar.yml", 'extends: grammar\nmessage: "%s"\nexamples: [{text: "a", ok: true}]\n')
    f = project.write("story.txt", "It began on Wedmesday with a ambush.\n")
    result = as_json(cli("check", "--format", "json", f.name))
    # LanguageTool flags "Wedmesday" too (House.MORFOLOGIK_RULE_EN_US, in TYPOS, which the House file
    # leaves on); the built-in Typos.Weekdays reports that span, so LanguageTool's report is dropped.
    # Two grammar rule files flag the article slip on the same span: it is reported once, by the
    # rule first by id (House.Grammar before LanguageTool.Grammar).
    assert [(d["rule"], d["column"]) for d in result] == [("Typos.Weekdays", 13), ("House.EN_A_VS_AN", 28)]
    assert any(r.get("disabledCategories") is None and "Wedmesday" in r["text"] for r in fake_lt.requests)
    only_house = as_json(cli("check", "--format", "json", "--ignore", "Typos", f.name))
    assert [(d["rule"], d["column"]) for d in only_house] == [
        ("House.MORFOLOGIK_RULE_EN_US", 13), ("House.EN_A_VS_AN", 28)]
    no_house = as_json(cli("check", "--format", "json", "--ignore", "House", f.name))
    assert [(d["rule"], d["column"]) for d in no_house] == [("Typos.Weekdays", 13), ("LanguageTool.EN_A_VS_AN", 28)]


def test_quotations_are_skipped_by_default(project, fake_lt):
    use_server(project, fake_lt)
    text = 'The officer said: "We was there when it happened." We was not.'
    diags = lint_text(text, project.load())
    assert [(d.rule, d.start) for d in diags] == [("LanguageTool.PERS_PRONOUN_AGREEMENT", text.rindex("was"))]


# -- speed: batches and the cache --------------------------------------------------------------

STORY = "It was a ambush.\n\nThe convoy left at dawn.\n\nThey then then returned.\n"


def test_paragraphs_are_batched_within_the_limit(project, fake_lt, cli):
    use_server(project, fake_lt, extra="batch-chars = 120")
    paras = [f"Paragraph {i} reports a ambush near the border crossing." for i in range(6)]
    f = project.write("story.txt", "\n\n".join(paras) + "\n")
    result = as_json(cli("check", "--format", "json", f.name))
    assert [(d["line"], d["column"]) for d in result] == [(1 + 2 * i, 21) for i in range(6)]
    assert len(fake_lt.requests) == 3
    assert all(len(t) <= 120 for t in fake_lt.texts)
    assert fake_lt.texts[0] == paras[0] + "\n\n" + paras[1]


def test_wire_copy_paragraphs_are_lines(project, fake_lt, cli):
    """One paragraph a line (wire copy): a line ending a sentence ends a paragraph; a wrapped line does not."""
    use_server(project, fake_lt)
    f = project.write("story.txt", "HEADLINE without a stop\nBAGHDAD - It was a ambush.\n"
                                   "Troops left at dawn, \"they said.\"\nWrapped prose\nreports a\nattack.\n")
    result = as_json(cli("check", "--format", "json", f.name))
    assert fake_lt.texts == ["HEADLINE without a stop\nBAGHDAD - It was a ambush.\n\n"
                             "Troops left at dawn, \"they said.\"\n\nWrapped prose\nreports a\nattack."]
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in result] == [(2, 18, 2, 19), (5, 9, 5, 10)]
    f.write_text(f.read_text().replace("dawn", "noon"))
    cli("check", f.name)
    assert fake_lt.texts[1:] == ["Troops left at noon, \"they said.\""]


def test_unchanged_paragraphs_are_not_asked_again(project, fake_lt):
    use_server(project, fake_lt)
    config = project.load()
    first = lint_text(STORY, config)
    assert len(fake_lt.requests) == 1
    # the same text again (a re-run in the language server): the memory answers
    assert lint_text(STORY, config) == first and len(fake_lt.requests) == 1
    # a new process: the disk answers
    lt_service.MEMORY.clear()
    lt_service.get_service.cache_clear()
    clear_caches()
    assert lint_text(STORY, project.load()) == first and len(fake_lt.requests) == 1
    assert len(list((project.root / ".normlint_cache" / "languagetool").rglob("*.json"))) == 3
    # one paragraph edited: only that one is sent
    lint_text(STORY.replace("left at dawn", "left at a hour past dawn"), project.load())
    assert fake_lt.texts[1:] == ["The convoy left at a hour past dawn."]


def test_cache_key_includes_the_settings(project, fake_lt):
    use_server(project, fake_lt, builtin=False)
    project.rule("House/Grammar.yml", 'extends: grammar\nmessage: "%s"\nexamples: [{text: "a", ok: true}]\n')
    lint_text("It was a ambush.", project.load())
    project.rule("House/Grammar.yml", 'extends: grammar\nmessage: "%s"\nlanguage: en-GB\n'
                                      'examples: [{text: "a", ok: true}]\n')
    lint_text("It was a ambush.", project.load())
    assert [r["language"] for r in fake_lt.requests] == ["en-US", "en-GB"]


def test_disk_cache_can_be_switched_off(project, fake_lt):
    use_server(project, fake_lt, extra="cache = false")
    lint_text(STORY, project.load())
    assert not (project.root / ".normlint_cache").exists()


def test_fix_loop_does_not_requery_unchanged_paragraphs(project, fake_lt):
    use_server(project, fake_lt)
    out = fix_text(STORY, project.load(), unsafe=True)
    assert out.text == "It was an ambush.\n\nThe convoy left at dawn.\n\nThey then returned.\n"
    # pass 1 asks about three paragraphs; pass 2 only about the two that changed
    assert fake_lt.texts == [STORY.strip(), "It was an ambush.\n\nThey then returned."]


def test_incomplete_results_are_not_cached(project, fake_lt):
    use_server(project, fake_lt)
    fake_lt.mode = "incomplete"
    lint_text("It was a ambush.", project.load())
    lint_text("It was a ambush.", project.load())
    assert len(fake_lt.requests) == 2


def test_a_413_splits_the_batch(project, fake_lt, cli):
    use_server(project, fake_lt)
    fake_lt.max_chars = 60
    f = project.write("story.txt", STORY)
    result = as_json(cli("check", "--format", "json", f.name))
    assert [d["rule"] for d in result] == ["LanguageTool.EN_A_VS_AN", "Typos.Repeated"]
    assert all(len(t) <= 60 for t in fake_lt.texts[1:]) and len(fake_lt.texts[0]) > 60


# -- failures: one clear message, exit 2, no traceback, no hang ------------------------------------

def run_cli(project, *args, env=None):
    """The real command in a subprocess: what a user sees, traceback or not."""
    full_env = {k: v for k, v in os.environ.items() if k != ENV_URL}
    full_env.update(env or {})
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "normlint", *args], cwd=project.root, env=full_env,
                          capture_output=True, text=True, timeout=60)
    return proc, time.monotonic() - start


def test_http_500_is_one_clear_error(project, fake_lt):
    use_server(project, fake_lt)
    fake_lt.mode = "500"
    project.write("story.txt", "It was a ambush.\n")
    proc, _ = run_cli(project, "check", "story.txt")
    assert proc.returncode == 2
    assert proc.stderr == (f"error: LanguageTool server {fake_lt.url} (from 'server' in "
                           f"{project.root / 'normlint.toml'}) failed (HTTP 500): Error: Internal Error: "
                           "java.lang.RuntimeException\n")
    assert proc.stdout == ""


def test_paragraph_too_large_for_the_server(project, fake_lt, cli):
    use_server(project, fake_lt)
    fake_lt.max_chars = 10
    f = project.write("story.txt", "It was a ambush near the border.\n")
    proc, _ = run_cli(project, "fix", "--unsafe-fixes", "story.txt")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "refused a request as too large (HTTP 413): Error: Your text exceeds the limit of 10 characters" \
        in proc.stderr
    assert "one paragraph of 32 characters is already too large" in proc.stderr
    assert f.read_text() == "It was a ambush near the border.\n"  # nothing half-written


def test_silent_server_times_out(project, fake_lt):
    use_server(project, fake_lt, timeout=0.3, total=1)
    fake_lt.sleep = 5
    project.write("story.txt", "It was a ambush.\n")
    proc, took = run_cli(project, "check", "story.txt")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "did not answer in time (timeout 0.3 s, total 1 s)" in proc.stderr
    assert took < 5


def test_silent_server_at_startup_times_out(project, fake_lt):
    use_server(project, fake_lt, timeout=0.3, total=1)
    fake_lt.sleep, fake_lt.fail_languages = 5, True
    project.write("story.txt", "It was a ambush.\n")
    proc, took = run_cli(project, "check", "story.txt")
    assert proc.returncode == 2 and "did not answer in time" in proc.stderr and took < 5


@pytest.mark.parametrize("mode, says", [
    ("not-json", "sent an answer to /v2/check that normlint cannot read: not JSON"),
    ("wrong-json", "sent an answer to /v2/check that normlint cannot read: no 'matches' list"),
    ("offset-out", "sent a match at UTF-16 offset 21 (length 1) beyond the 16 units sent"),
])
def test_malformed_answers(project, fake_lt, cli, mode, says):
    use_server(project, fake_lt)
    fake_lt.mode = mode
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", f.name)
    assert result.exit_code == 2
    assert says in result.stderr


def test_not_a_languagetool_server(project, fake_lt, cli):
    use_server(project, fake_lt)
    fake_lt.mode, fake_lt.fail_languages = "not-json", True
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", f.name)
    assert result.exit_code == 2
    assert "sent an answer to /v2/languages that normlint cannot read: not JSON" in result.stderr


def test_unknown_language_names_the_rule_file(project, fake_lt, cli):
    use_server(project, fake_lt, builtin=False)
    rule = project.rule("House/Grammar.yml", 'extends: grammar\nmessage: "%s"\nlanguage: en-AU\n'
                                             'examples: [{text: "a", ok: true}]\n')
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", f.name)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {rule}:3: LanguageTool at {fake_lt.url} does not check language 'en-AU' "
                             "(it knows en, en-GB, en-US)\n")
    assert fake_lt.requests == []


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_unreachable_server(project):
    port = closed_port()
    project.config(builtin=True, extra=f'[languagetool]\nenabled = true\nserver = "http://127.0.0.1:{port}"\n')
    project.write("story.txt", "It was a ambush.\n")
    proc, took = run_cli(project, "check", "story.txt")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"error: cannot reach LanguageTool server http://127.0.0.1:{port} (from 'server' "
                                  f"in {project.root / 'normlint.toml'}): connection refused.")
    assert "NORMLINT_LANGUAGETOOL_URL" in proc.stderr and "Traceback" not in proc.stderr
    assert took < 20


def test_a_failed_connection_is_not_retried_at_once(project, fake_lt):
    """The language server lints on every keystroke: a dead server must not cost a timeout each time."""
    use_server(project, fake_lt, timeout=0.3, total=0.5)
    fake_lt.sleep, fake_lt.fail_languages = 2, True
    config = project.load()
    from normlint.languagetool import LanguageToolError
    with pytest.raises(LanguageToolError, match="did not answer in time"):
        lint_text("It was a ambush.", config)
    start = time.monotonic()
    with pytest.raises(LanguageToolError, match="did not answer in time"):
        lint_text("It was a ambush.", config)
    assert time.monotonic() - start < 0.2 and fake_lt.language_requests == 1


def test_unreachable_server_from_environment(project):
    port = closed_port()
    project.config(builtin=True)
    project.write("story.txt", "It was a ambush.\n")
    proc, _ = run_cli(project, "check", "--grammar", "story.txt", env={ENV_URL: f"http://127.0.0.1:{port}"})
    assert proc.returncode == 2
    assert f"cannot reach LanguageTool server http://127.0.0.1:{port} (from $NORMLINT_LANGUAGETOOL_URL)" \
        in proc.stderr


def test_bad_environment_url(project):
    project.config(builtin=True)
    project.write("story.txt", "It was a ambush.\n")
    proc, _ = run_cli(project, "check", "--grammar", "story.txt", env={ENV_URL: "localhost:8081"})
    assert proc.returncode == 2
    assert proc.stderr == ("error: $NORMLINT_LANGUAGETOOL_URL: must be an http:// or https:// URL such as "
                           "\"http://localhost:8081\" (got 'localhost:8081')\n")


# -- local mode (language-tool-python), with the library replaced by stand-ins -----------------------

def fake_library(monkeypatch, make_tool):
    module = types.ModuleType("language_tool_python")
    module.LanguageTool = make_tool
    monkeypatch.setitem(sys.modules, "language_tool_python", module)


def test_neither_server_nor_library(project, cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "language_tool_python", None)  # import fails
    project.config(builtin=True)
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", "--grammar", f.name)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: grammar checking is on but no LanguageTool is available: set [tool.normlint.languagetool] "
        "server = \"http://localhost:8081\" (or $NORMLINT_LANGUAGETOOL_URL) to a running LanguageTool server, "
        "or install the grammar extra (pip install 'normlint[grammar]', needs Java 17+) to let normlint start "
        "one itself\n")


def test_local_mode_off_and_no_server(project, cli):
    project.config(builtin=True, extra="[languagetool]\nenabled = true\nlocal = false\n")
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", f.name)
    assert result.exit_code == 2
    assert "no LanguageTool server is configured and local mode is off" in result.stderr


def test_local_mode_uses_the_server_language_tool_python_starts(project, fake_lt, cli, monkeypatch):
    started = []

    class Tool:
        def __init__(self, language):
            started.append(language)
            self.url = fake_lt.url + "/v2/"

    fake_library(monkeypatch, Tool)
    project.config(builtin=True, extra="[languagetool]\nenabled = true\n")
    f = project.write("story.txt", "It was a ambush.\n")
    result = as_json(cli("check", "--format", "json", f.name))
    assert [d["rule"] for d in result] == ["LanguageTool.EN_A_VS_AN"]
    assert started == ["en-US"] and len(fake_lt.requests) == 1


def test_local_mode_failure_is_explained(project, cli, monkeypatch):
    class Tool:
        def __init__(self, language):
            raise ConnectionError("Failed to resolve 'github.com'")

    fake_library(monkeypatch, Tool)
    project.config(builtin=True, extra="[languagetool]\nenabled = true\n")
    f = project.write("story.txt", "It was a ambush.\n")
    result = cli("check", f.name)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: local LanguageTool (language-tool-python) could not start: Failed to "
                                    "resolve 'github.com'. Local mode needs Java 17+ and, on first use, internet")


def test_local_mode_that_never_starts_does_not_hang(project, cli, monkeypatch):
    class Tool:
        def __init__(self, language):
            time.sleep(30)

    fake_library(monkeypatch, Tool)
    project.config(builtin=True, extra="[languagetool]\nenabled = true\ntotal-timeout = 0.5\n")
    f = project.write("story.txt", "It was a ambush.\n")
    start = time.monotonic()
    result = cli("check", f.name)
    assert time.monotonic() - start < 5
    assert result.exit_code == 2
    assert "was not ready after 0.5 s" in result.stderr and "total-timeout" in result.stderr


def test_library_is_imported_only_in_local_mode(project, fake_lt):
    code = ("import sys, normlint.cli, normlint.checks.grammar, normlint.languagetool.service;"
            "print('language_tool_python' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


# -- configuration and rule-file errors -------------------------------------------------------------

@pytest.mark.parametrize("body, says", [
    ("enabled = 1", "[languagetool] 'enabled' must be true or false (got 1)"),
    ('server = "localhost:8081"', "[languagetool] 'server' must be an http:// or https:// URL such as "
                                  "\"http://localhost:8081\" (got 'localhost:8081')"),
    ("timeout = 0", "[languagetool] 'timeout' must be a number of seconds greater than 0 (got 0)"),
    ("total-timeout = true", "[languagetool] 'total-timeout' must be a number of seconds greater than 0 "
                             "(got True)"),
    ("batch-chars = 10", "[languagetool] 'batch-chars' must be a whole number of characters, at least 100 "
                         "(got 10)"),
    ("servr = \"http://x\"", "unknown key 'servr' in [languagetool] (known: enabled, server, local, timeout, "
                             "total-timeout, batch-chars, cache)"),
])
def test_config_errors(project, cli, body, says):
    project.config(builtin=True, extra=f"[languagetool]\n{body}\n")
    f = project.write("story.txt", "text\n")
    result = cli("check", f.name)
    assert result.exit_code == 2
    assert result.stderr == f"error: {project.root / 'normlint.toml'}: {says}\n"


def test_languagetool_must_be_a_table(project, cli):
    project.config(builtin=True, extra='languagetool = "on"\n')
    result = cli("check", project.write("s.txt", "x\n").name)
    assert result.exit_code == 2 and "'languagetool' must be a table" in result.stderr


@pytest.mark.parametrize("body, line, says", [
    ("fix: safe\n", 3, "a grammar rule cannot make every LanguageTool replacement safe"),
    ("language: English\n", 3, "'language' must be a LanguageTool language code such as en-US"),
    ("enabled_only: true\n", 3, "'enabled_only: true' needs enabled_rules or enabled_categories"),
    ("disabled_rules: [EN A VS AN]\n", 3, "'disabled_rules' must be a list of LanguageTool ids"),
    ("enabled_rules: [X]\ndisabled_rules: [X]\n", 4, "X both enabled and disabled"),
    ("max_suggestions: 3\n", 3, "unknown key 'max_suggestions' for a grammar rule"),
])
def test_rule_file_errors(project, cli, body, line, says):
    rule = project.rule("House/Grammar.yml", 'extends: grammar\nmessage: "%s"\n' + body)
    result = cli("check", project.write("s.txt", "x\n").name)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {rule}:{line}: {says}")


def test_with_grammar_keeps_configs_hashable():
    config = with_grammar(Config(), True)
    assert hash(config) == hash(with_grammar(Config(), True))
    assert dict(config.extra)["languagetool"] == LTSettings(enabled=True)
    assert get_linter(config) is get_linter(with_grammar(Config(), True))


# -- rules test ---------------------------------------------------------------------------------------

def test_rules_test_skips_grammar_examples_without_languagetool(project, cli):
    project.config(builtin=True)
    result = cli("rules", "test")
    assert result.exit_code == 0
    assert "SKIP LanguageTool.Grammar: its examples need LanguageTool" in result.stdout


def test_rules_test_runs_the_builtin_examples_against_a_server(project, fake_lt, cli, monkeypatch):
    project.config(builtin=True)
    monkeypatch.setenv(ENV_URL, fake_lt.url)
    result = cli("rules", "test")
    assert "SKIP" not in result.stdout and "FAIL" not in result.stdout
    assert result.exit_code == 0
    assert any(t == "The army said it was a ambush near the border." for t in fake_lt.texts)


# -- a real LanguageTool ---------------------------------------------------------------------------------

@pytest.mark.skipif(not REAL_URL, reason=f"set {ENV_URL} to a running LanguageTool server to run this test")
def test_real_server(project, cli, monkeypatch):
    monkeypatch.setenv(ENV_URL, REAL_URL)
    project.config(builtin=True, extra="[languagetool]\nenabled = true\ntimeout = 15\ntotal-timeout = 20\n")
    f = project.write("story.txt", "😀 🎉 The army said it was a ambush near the border.\n\n"
                                   "The convoy left the the base at dawn.\n")
    result = as_json(cli("check", "--format", "json", f.name))
    got = [(d["rule"], d["line"], d["column"], d["end_column"]) for d in result]
    # columns count characters: the two emoji before the slip are one column each
    assert ("LanguageTool.EN_A_VS_AN", 1, 26, 27) in got
    # LanguageTool's repeated-word report on "the the" defers to the built-in Typos.Repeated
    assert ("Typos.Repeated", 3, 17, 24) in got
    assert not any(r == "LanguageTool.ENGLISH_WORD_REPEAT_RULE" for r, *_ in got)
    fixed = cli("fix", "--unsafe-fixes", f.name)
    assert fixed.exit_code in (0, 1), fixed.output  # 1: LanguageTool may have more to say
    assert f.read_text(encoding="utf-8") == ("😀 🎉 The army said it was an ambush near the border.\n\n"
                                             "The convoy left the base at dawn.\n")
    assert cli("rules", "test").exit_code == 0
