"""The command line through Click's runner: outputs, options and exit codes."""
from __future__ import annotations

import json

TYPO_RULE = """\
    extends: substitution
    message: "Use '%s' instead of '%s'."
    level: error
    ignorecase: true
    case: preserve
    fix: safe
    swap: {wedmesday: Wednesday, teh: the}
    examples: [{text: "Wedmesday", fixed: "Wednesday"}]
    """
HEDGE_RULE = """\
    extends: existence
    message: "Avoid '%s'."
    level: suggestion
    tokens: [very]
    """


def setup(project):
    project.rule("Typo/Days.yml", TYPO_RULE)
    project.rule("Style/Hedge.yml", HEDGE_RULE)


def test_check_text_output_shows_caret_and_fix(project, cli):
    setup(project)
    f = project.write("story.txt", "It is very late on Wedmesday.\n")
    result = cli("check", f.name)
    assert result.exit_code == 1
    assert result.stdout == (
        "story.txt:1:7: Style.Hedge [suggestion] Avoid 'very'.\n"
        "  |\n"
        "1 | It is very late on Wedmesday.\n"
        "  |       ^^^^\n"
        "\n"
        "story.txt:1:20: Typo.Days [error] Use 'Wednesday' instead of 'Wedmesday'.\n"
        "  |\n"
        "1 | It is very late on Wedmesday.\n"
        "  |                    ^^^^^^^^^\n"
        "  = fix (safe): Wednesday\n"
        "\n"
        "Found 2 problems in 1 file (1 fixable with `normlint fix`).\n")


def test_json_contract(project, cli):
    setup(project)
    f = project.write("story.txt", "on Wedmesday\n")
    result = cli("check", "--format", "json", f.name)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "path": "story.txt", "rule": "Typo.Days", "severity": "error",
        "message": "Use 'Wednesday' instead of 'Wedmesday'.", "line": 1, "column": 4,
        "end_line": 1, "end_column": 13, "fix": {"replacement": "Wednesday", "applicability": "safe"}}]
    assert list(json.loads(result.stdout)[0]) == ["path", "rule", "severity", "message", "line", "column",
                                                  "end_line", "end_column", "fix"]


def test_line_format_and_columns_count_characters(project, cli):
    setup(project)
    f = project.write("story.txt", "😀 é very\n")
    result = cli("check", "--format", "line", f.name)
    assert result.stdout == "story.txt:1:5:Style.Hedge:Avoid 'very'.\n"


def test_fail_on_controls_exit_code(project, cli):
    setup(project)
    f = project.write("story.txt", "very good\n")
    assert cli("check", f.name).exit_code == 0  # a suggestion is below the default 'warning'
    assert cli("check", "--fail-on", "suggestion", f.name).exit_code == 1
    project.config(builtin=False, extra='fail-on = "suggestion"\n')
    assert cli("check", f.name).exit_code == 1


def test_select_and_ignore_rules_and_packs(project, cli):
    setup(project)
    f = project.write("story.txt", "very Wedmesday\n")

    def rules(*opts):
        return [d["rule"] for d in json.loads(cli("check", "--format", "json", *opts, f.name).stdout)]

    assert rules() == ["Style.Hedge", "Typo.Days"]
    assert rules("--select", "Typo") == ["Typo.Days"]
    assert rules("--select", "Style.Hedge,Typo.Days", "--ignore", "Typo.Days") == ["Style.Hedge"]
    assert rules("--ignore", "Style") == ["Typo.Days"]


def test_per_file_ignores(project, cli):
    setup(project)
    project.config(builtin=False, extra='[per-file-ignores]\n"archive/*" = ["Typo"]\n')
    project.write("archive/old.txt", "Wedmesday\n")
    project.write("new.txt", "Wedmesday\n")
    result = cli("check", "--format", "line", ".")
    assert result.stdout == "new.txt:1:1:Typo.Days:Use 'Wednesday' instead of 'Wedmesday'.\n"


def test_stdin_and_stdin_filename(project, cli):
    setup(project)
    result = cli("check", "--format", "line", "--stdin-filename", "notes/a.txt", "-", input="teh end\n")
    assert result.stdout == "notes/a.txt:1:1:Typo.Days:Use 'the' instead of 'teh'.\n"
    assert result.exit_code == 1
    fixed = cli("fix", "-", input="Teh end on Wedmesday\n")
    assert fixed.stdout == "The end on Wednesday\n"
    assert fixed.exit_code == 0


def test_fix_writes_and_reports(project, cli):
    setup(project)
    f = project.write("story.txt", "very teh Wedmesday\n")
    result = cli("fix", f.name)
    assert f.read_text(encoding="utf-8") == "very the Wednesday\n"
    assert result.exit_code == 0  # what remains is a suggestion
    assert result.stdout.endswith("Fixed 2 problems in 1 file; 1 remaining.\n")
    again = cli("fix", f.name)
    assert "Fixed 0 problems in 0 files; 1 remaining." in again.stdout


def test_fix_diff_writes_nothing(project, cli):
    setup(project)
    f = project.write("story.txt", "line one\non Wedmesday\n")
    result = cli("fix", "--diff", f.name)
    assert result.exit_code == 1
    assert result.stdout == ("--- a/story.txt\n+++ b/story.txt\n@@ -1,2 +1,2 @@\n line one\n"
                             "-on Wedmesday\n+on Wednesday\n")
    assert f.read_text(encoding="utf-8") == "line one\non Wedmesday\n"
    clean = project.write("clean.txt", "fine\n")
    assert cli("fix", "--diff", clean).exit_code == 0


def test_walks_folders_for_text_files_skipping_hidden_and_excluded(project, cli):
    setup(project)
    for name in ["a.txt", "b.md", "c.html", "d.rst", "e.htm", "f.markdown", "skip.py", ".hidden/x.txt",
                 "drafts/y.txt", "deep/er/z.txt"]:
        project.write(name, "Wedmesday\n")
    result = cli("check", "--format", "line", "--exclude", "drafts", ".")
    paths = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert paths == ["a.txt", "b.md", "c.html", "d.rst", "deep/er/z.txt", "e.htm", "f.markdown"]


def test_missing_path_is_a_usage_error(project, cli):
    result = cli("check", "nope.txt")
    assert result.exit_code == 2
    assert "path does not exist: nope.txt" in result.stderr


def test_unknown_config_key(project, cli):
    project.config(builtin=False, extra="colour = 'red'\n")
    result = cli("check", project.write("a.txt", "x\n"))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("normlint.toml: unknown key 'colour' in normlint configuration")


def test_pyproject_tool_table_is_found_walking_up(tmp_path, cli, monkeypatch):
    from normlint.api import clear_caches

    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n[tool.normlint]\nselect = ["Typos.Weekdays"]\n')
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    f = tmp_path / "sub" / "deeper" / "a.txt"
    f.write_text("pm Wedmesday the the\n")
    monkeypatch.chdir(tmp_path)
    clear_caches()
    result = cli("check", "--format", "line", "sub")
    assert [line.split(":")[3] for line in result.stdout.splitlines()] == ["Typos.Weekdays"]


def test_rules_list_show_and_test(project, cli):
    setup(project)
    listed = cli("rules", "list").stdout.splitlines()
    assert listed == ["Style.Hedge  existence     suggestion  fix: none",
                      "Typo.Days    substitution  error       fix: safe"]
    shown = cli("rules", "show", "Typo.Days")
    assert "kind:     substitution" in shown.stdout and "example:  'Wedmesday' -> 'Wednesday'" in shown.stdout
    assert cli("rules", "show", "Nope.Rule").exit_code == 2
    ok = cli("rules", "test")
    assert ok.exit_code == 0 and ok.stdout.endswith("2 rules, 1 examples, 0 failed.\n")
    project.rule("Typo/Wrong.yml", """\
        extends: substitution
        message: "x"
        fix: safe
        swap: {colour: color}
        examples: [{text: "colour", fixed: "colour"}, {text: "a colour", ok: true}]
        """)
    failed = cli("rules", "test")
    assert failed.exit_code == 1
    assert "FAIL Typo.Wrong: example 1: 'colour'\n    expected 'colour'\n    got      'color'" in failed.stdout
    assert "FAIL Typo.Wrong: example 2: 'a colour' should pass but got: x" in failed.stdout


def test_rules_test_runs_examples_through_the_rules_gate(project, cli):
    # prefilter_words is a promise the rule file makes; an example the promise shuts out
    # fails the test, as the linter would never call the rule on such a text.
    rule = """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        nonword: true
        fix: safe
        prefilter_words: [WORDS]
        swap:
          '\\bpm(?= Monday)': "on"
        examples: [{text: "It began pm Monday.", fixed: "It began on Monday."}]
        """
    project.rule("House/Pm.yml", rule.replace("WORDS", "tuesday"))
    failed = cli("rules", "test")
    assert failed.exit_code == 1
    assert failed.stdout == (
        "FAIL House.Pm: example 1: 'It began pm Monday.'\n    expected 'It began on Monday.'\n"
        "    got      'It began pm Monday.'\n"
        "    (the rule's gate shuts this text: it holds none of the words tuesday)\n"
        "1 rules, 1 examples, 1 failed.\n")
    assert cli("check", "--format", "line", project.write("a.txt", "It began pm Monday.\n")).stdout == ""
    project.rule("House/Pm.yml", rule.replace("WORDS", "pm"))
    assert cli("rules", "test").stdout == "1 rules, 1 examples, 0 failed.\n"


def test_builtin_rules_test_passes(cli):
    result = cli("rules", "test")
    assert result.exit_code == 0, result.stdout


def test_init_writes_a_valid_config(project, cli):
    (project.root / "normlint.toml").unlink()
    result = cli("init")
    assert result.exit_code == 0
    text = (project.root / "normlint.toml").read_text()
    assert 'profile = "si"' in text and "# rules = " in text
    assert cli("init").exit_code == 2  # never overwrites silently
    assert cli("check", project.write("a.txt", "fine\n")).exit_code == 0


def test_config_tables_keep_the_config_hashable(project, cli):
    from normlint.config import freeze

    project.config(builtin=False, extra='[corpus]\nfield = "text"\njobs = 2\n')
    cfg = project.load()
    assert hash(cfg) == hash(project.load())
    assert cfg.table("corpus") == {"field": "text", "jobs": 2}
    assert cli("check", project.write("a.txt", "fine\n").name).exit_code == 0
    nested = freeze({"nested": {"a": [1, 2]}})
    assert nested == {"nested": {"a": (1, 2)}} and hash(nested) == hash(freeze({"nested": {"a": [1, 2]}}))


def test_diff_marks_a_missing_final_newline_and_applies(project, cli):
    import subprocess
    setup(project)
    f = project.write("story.txt", "on Wedmesday")
    result = cli("fix", "--diff", "--select", "Typo", f.name)
    assert result.stdout.endswith("-on Wedmesday\n\\ No newline at end of file\n+on Wednesday\n"
                                  "\\ No newline at end of file\n")
    (project.root / "p.diff").write_text(result.stdout)
    subprocess.run(["patch", "-s", "-p1", "-i", "p.diff"], cwd=project.root, check=True)
    assert f.read_text() == "on Wednesday"


def test_force_exclude_applies_config_excludes_to_named_files(project, cli):
    setup(project)
    project.config(builtin=False, extra='exclude = ["drafts/*"]\n')
    project.write("drafts/a.txt", "Wedmesday\n")
    project.write("b.txt", "Wedmesday\n")
    named = cli("check", "--format", "line", "drafts/a.txt", "b.txt")
    assert [line.split(":")[0] for line in named.stdout.splitlines()] == ["drafts/a.txt", "b.txt"]
    forced = cli("check", "--format", "line", "--force-exclude", "drafts/a.txt", "b.txt")
    assert [line.split(":")[0] for line in forced.stdout.splitlines()] == ["b.txt"]
