"""Inline suppressions: ignore, ignore-next-line, disable/enable, in text, Markdown and HTML."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from normlint import Config, fix_text, lint_text
from normlint.cli import main

CONTEXT = "Typos.Context Use 'on' instead of 'pm' before a day or month name."
WEEKDAY = "Typos.Weekdays Use 'Wednesday' instead of 'Wedmesday'."


def found(text, path="-", config=None):
    return [f"{d.line}:{d.column}-{d.end_column} {d.rule} {d.message}" for d in lint_text(text, config, path=path)]


def test_without_directives_both_slips_are_reported():
    assert found("It started pm Wedmesday.\n") == [f"1:12-14 {CONTEXT}", f"1:15-24 {WEEKDAY}"]


def test_bare_ignore_silences_every_rule_on_its_line_only():
    text = "It started pm Wedmesday. normlint: ignore\nIt ended pm Wedmesday.\n"
    assert found(text) == [f"2:10-12 {CONTEXT}", f"2:13-22 {WEEKDAY}"]


def test_ignore_with_rule_ids_and_packs():
    assert found("It started pm Wedmesday. normlint: ignore[Typos.Weekdays]\n") == [f"1:12-14 {CONTEXT}"]
    assert found("It started pm Wedmesday. normlint: ignore[Typos.Context, Typos.Weekdays]\n") == []
    assert found("It started pm Wedmesday. normlint: ignore[Typos]\n") == []
    # a pack name is matched whole: "Typo" is not the Typos pack
    assert found("It started pm Wedmesday. normlint: ignore[Typo]\n") == [f"1:12-14 {CONTEXT}",
                                                                          f"1:15-24 {WEEKDAY}"]


def test_ignore_next_line_applies_to_the_next_line_only():
    text = "normlint: ignore-next-line\nIt started pm Wedmesday.\nIt ended pm Wedmesday.\n"
    assert found(text) == [f"3:10-12 {CONTEXT}", f"3:13-22 {WEEKDAY}"]
    text = "normlint: ignore-next-line[Typos.Context]\nIt started pm Wedmesday.\n"
    assert found(text) == [f"2:15-24 {WEEKDAY}"]


def test_disable_enable_ranges():
    text = ("pm Wedmesday\n"
            "normlint: disable[Typos.Weekdays]\n"
            "pm Wedmesday\n"
            "normlint: enable[Typos.Weekdays]\n"
            "pm Wedmesday\n")
    assert found(text) == [f"1:1-3 {CONTEXT}", f"1:4-13 {WEEKDAY}", f"3:1-3 {CONTEXT}",
                           f"5:1-3 {CONTEXT}", f"5:4-13 {WEEKDAY}"]


def test_bare_disable_runs_to_the_end_and_enable_can_bring_back_one_rule():
    text = ("the the\n"
            "normlint: disable\n"
            "pm Wedmesday the the\n"
            "normlint: enable[Typos.Repeated]\n"
            "pm Wedmesday the the\n"
            "normlint: enable\n"
            "the the\n")
    assert found(text) == ["1:1-8 Typos.Repeated 'the' is repeated.",
                           "5:14-21 Typos.Repeated 'the' is repeated.",
                           "7:1-8 Typos.Repeated 'the' is repeated."]
    assert found("the the\nnormlint: disable\nthe the\npm Wedmesday\n") == ["1:1-8 Typos.Repeated 'the' is repeated."]


def test_disable_is_positional_within_a_line():
    text = "pm Wedmesday <!-- normlint: disable --> pm Wedmesday <!-- normlint: enable --> pm Wedmesday\n"
    assert found(text, "story.md") == [f"1:1-3 {CONTEXT}", f"1:4-13 {WEEKDAY}",
                                       f"1:80-82 {CONTEXT}", f"1:83-92 {WEEKDAY}"]


def test_markdown_and_html_comments():
    md = "It started pm Wedmesday. <!-- normlint: ignore -->\n\nIt ended pm Wedmesday.\n"
    assert found(md, "story.md") == [f"3:10-12 {CONTEXT}", f"3:13-22 {WEEKDAY}"]
    html = ("<p>pm Wedmesday <!-- normlint: ignore[Typos.Weekdays] --></p>\n"
            "<!-- normlint: ignore-next-line -->\n<p>pm Wedmesday</p>\n")
    assert found(html, "story.html") == [f"1:4-6 {CONTEXT}"]


def test_a_comment_may_span_lines():
    md = "<!--\n  normlint: disable[Typos.Weekdays]\n-->\npm Wedmesday\n<!-- normlint: enable\n-->\npm Wedmesday\n"
    assert found(md, "story.md") == [f"4:1-3 {CONTEXT}", f"7:1-3 {CONTEXT}", f"7:4-13 {WEEKDAY}"]


def test_in_markup_a_directive_outside_a_comment_is_prose():
    # a style guide that quotes the syntax must not switch rules off
    md = "Write normlint: ignore to skip a line, e.g. pm Wedmesday.\n"
    assert found(md, "guide.md") == [f"1:45-47 {CONTEXT}", f"1:48-57 {WEEKDAY}"]
    assert found(md, "guide.txt") == []


def test_suppressed_problems_are_not_fixed():
    text = "It started pm Wedmesday. normlint: ignore[Typos.Context]\nIt ended pm Wedmesday.\n"
    out = fix_text(text)
    assert out.text == ("It started pm Wednesday. normlint: ignore[Typos.Context]\n"
                        "It ended on Wednesday.\n")
    assert out.remaining == []
    assert fix_text("pm Wedmesday <!-- normlint: ignore -->\n", path="a.md").text == \
        "pm Wedmesday <!-- normlint: ignore -->\n"


def test_cli_fix_leaves_suppressed_text_and_reports_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text("Vote pm Wedmesday. normlint: ignore\nVote pm Wedmesday.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "story.txt"])
    assert result.exit_code == 0, result.output
    assert result.output == "Fixed 2 problems in 1 file; 0 remaining.\n"
    assert Path("story.txt").read_text(encoding="utf-8") == "Vote pm Wedmesday. normlint: ignore\nVote on Wednesday.\n"


def test_directive_text_itself_is_never_reported(tmp_path):
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "NoNormlint.yml").write_text(
        "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens:\n  - normlint\n", encoding="utf-8")
    config = Config(rules=(str(tmp_path / "styles"),), select=("House",))
    assert found("normlint rocks. normlint: ignore[Typos]\n", config=config) == [
        "1:1-9 House.NoNormlint Avoid 'normlint'."]


# -- normlint.UnusedSuppression ------------------------------------------------
UNUSED_TEXT = ("It started pm Wedmesday. normlint: ignore[Typos.Weekdays, Typos.Context]\n"
               "A clean line. normlint: ignore\n"
               "Another. normlint: ignore[Typos.Nonexistent]\n"
               "pm Wedmesday. normlint: ignore[Typos.Repeated]\n"
               "normlint: enable\n")


def test_unused_suppression_rule_is_off_unless_selected():
    assert found(UNUSED_TEXT) == [f"4:1-3 {CONTEXT}", f"4:4-13 {WEEKDAY}"]


def test_unused_suppression_reports_what_suppressed_nothing():
    config = Config(select=("Typos", "normlint.UnusedSuppression"))
    assert found(UNUSED_TEXT, config=config) == [
        "2:15-31 normlint.UnusedSuppression Unused suppression 'normlint: ignore': nothing was reported here.",
        "3:10-45 normlint.UnusedSuppression Unknown rule or pack 'Typos.Nonexistent' in "
        "'normlint: ignore[Typos.Nonexistent]'.",
        f"4:1-3 {CONTEXT}",
        f"4:4-13 {WEEKDAY}",
        "4:15-47 normlint.UnusedSuppression Unused suppression of 'Typos.Repeated' in "
        "'normlint: ignore[Typos.Repeated]'.",
        "5:1-17 normlint.UnusedSuppression 'normlint: enable' has no 'normlint: disable' to end.",
    ]


def test_unused_suppression_says_nothing_about_rules_that_did_not_run():
    config = Config(select=("Typos.Context", "normlint.UnusedSuppression"))
    # Typos.Weekdays was not selected, so whether its suppression is needed is unknown
    assert found("pm Wedmesday. normlint: ignore[Typos.Weekdays, Typos.Context]\n", config=config) == []
    # selected alone, it judges no bare directive (no other rule ran)
    only = Config(select=("normlint.UnusedSuppression",))
    assert found("Clean. normlint: ignore\n", config=only) == []


def test_unused_suppression_in_markdown_points_at_the_comment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Clean prose. <!-- normlint: ignore -->\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "line", "--select", "Typos,normlint.UnusedSuppression",
                                       "a.md"])
    assert result.output == ("a.md:1:14:normlint.UnusedSuppression:Unused suppression 'normlint: ignore': "
                             "nothing was reported here.\n")
    assert result.exit_code == 1


@pytest.mark.parametrize("selector", ["normlint", "normlint.UnusedSuppression"])
def test_selected_by_pack_or_id(selector, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Clean. normlint: ignore[Typos]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "line", "--select", f"Typos,{selector}", "a.txt"])
    assert result.output == ("a.txt:1:8:normlint.UnusedSuppression:Unused suppression of 'Typos' in "
                             "'normlint: ignore[Typos]'.\n")


def test_rules_show_describes_the_built_in_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["rules", "show", "normlint.UnusedSuppression"])
    assert result.exit_code == 0
    assert result.output.splitlines()[:6] == [
        "normlint.UnusedSuppression",
        "  file:     <built-in>",
        "  kind:     suppression",
        "  level:    warning",
        "  fix:      none",
        "  message:  Unused suppression: a 'normlint:' directive that suppressed nothing.",
    ]


def test_directives_are_read_from_the_source_of_a_masked_document():
    # Markup formats hand checks a Document whose text has non-prose masked
    # (same length); directives must still be found in the original source.
    from normlint.api import get_linter
    from normlint.document import Document

    source = "pm Wedmesday <!-- normlint: ignore[Typos.Weekdays] -->\npm Wedmesday\n"
    start, end = source.index("<!--"), source.index("-->") + 3
    masked = source[:start] + " " * (end - start) + source[end:]
    doc = Document(masked, "story.md", skip_spans=[(start, end)], source=source)
    result = get_linter().lint_document(doc)
    assert [f"{d.line}:{d.column} {d.rule}" for d in result.diagnostics] == [
        "1:1 Typos.Context", "2:1 Typos.Context", "2:4 Typos.Weekdays"]


def test_packs_whose_checks_name_their_own_rules_accept_any_id(monkeypatch):
    # The grammar check reports LanguageTool's ids under its pack (LanguageTool.EN_A_VS_AN):
    # those ids are not rule files, yet a suppression naming one is not "unknown".
    from normlint.api import get_linter

    config = Config(select=("Typos", "normlint.UnusedSuppression"))
    text = "Fine. normlint: ignore[Typos.EN_A_VS_AN]\n"
    assert found(text, config=config) == [
        "1:7-41 normlint.UnusedSuppression Unknown rule or pack 'Typos.EN_A_VS_AN' in "
        "'normlint: ignore[Typos.EN_A_VS_AN]'."]
    context = next(c for c in get_linter(config).checks if c.id == "Typos.Context")
    monkeypatch.setattr(context, "own_rule_ids", True, raising=False)
    assert found(text, config=config) == [
        "1:7-41 normlint.UnusedSuppression Unused suppression of 'Typos.EN_A_VS_AN' in "
        "'normlint: ignore[Typos.EN_A_VS_AN]'."]
