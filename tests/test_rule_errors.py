"""Bad rule files: one message naming the file (and line), exit 2, nothing checked, no traceback."""
from __future__ import annotations

import pytest

GOOD_TEXT = "pm Wedmesday the the\n"

CASES = {
    "invalid-yaml": ("extends: substitution\nmessage: 'x\nswap: {a: b}\n", r"Bad.Rule.yml:\d+: invalid YAML"),
    "unknown-extends": ("extends: magic\nmessage: x\n", r"Bad/Rule.yml:1: unknown check kind 'extends: magic'"),
    "unknown-key": ("extends: existence\nmessage: x\ntokens: [a]\ncolour: red\n",
                    r"Bad/Rule.yml:4: unknown key 'colour' for a existence rule"),
    "missing-message": ("extends: existence\ntokens: [a]\n", r"Bad/Rule.yml: missing required key 'message'"),
    "missing-swap": ("extends: substitution\nmessage: x\n",
                     r"Bad/Rule.yml: missing required key 'swap' for a substitution rule"),
    "bad-regex": ("extends: existence\nmessage: x\n\ntokens:\n  - 'a(b'\n",
                  r"Bad/Rule.yml:4: pattern 'a\(b' does not compile"),
    # compiles inside the combined pattern ("(?P<k0>a)|(b)"), not alone: caught at load, not on a match
    "swap-key-alone": ("extends: substitution\nmessage: x\nnonword: true\nswap:\n  'zq)|(zr': b\n",
                       r"Bad/Rule.yml:4: pattern 'zq\)\|\(zr' does not compile"),
    "fixable-without-examples": ("extends: substitution\nmessage: x\nfix: safe\nswap: {a: b}\n",
                                 r"Bad/Rule.yml:3: rule can fix text \(fix: safe\) but has no 'examples'"),
    "bad-level": ("extends: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n",
                  r"Bad/Rule.yml:3: unknown level 'fatal'"),
    "not-a-mapping": ("- just\n- a list\n", r"Bad/Rule.yml:1: a rule file must be a YAML mapping"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_rule_file_stops_the_run(project, cli, name):
    body, pattern = CASES[name]
    project.config(builtin=True)
    (project.root / "styles" / "Bad").mkdir(parents=True)
    (project.root / "styles" / "Bad" / "Rule.yml").write_text(body, encoding="utf-8")
    target = project.write("story.txt", GOOD_TEXT)
    result = cli("check", target)
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing was checked
    import re
    assert re.search(r"^error: .*" + pattern, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    # fix must not touch the file either
    assert cli("fix", target).exit_code == 2
    assert target.read_text(encoding="utf-8") == GOOD_TEXT


def test_yaml_error_gives_the_line(project, cli):
    project.rule("Bad/Rule.yml", "extends: existence\nmessage: x\ntokens: [a\nlevel: error\n")
    result = cli("check", project.write("a.txt", "a\n"))
    assert result.exit_code == 2
    assert "styles/Bad/Rule.yml:4: invalid YAML" in result.stderr


def test_catastrophic_regex_times_out_and_run_goes_on(project, cli, monkeypatch):
    from normlint.checks import base

    monkeypatch.setattr(base, "REGEX_TIMEOUT", 0.2)
    project.rule("Slow/Backtrack.yml", """\
        extends: existence
        message: "slow %s"
        nonword: true
        raw: ['(x+x+)+y']
        """)
    project.rule("Slow/Fine.yml", """\
        extends: existence
        message: "found %s"
        tokens: [needle]
        """)
    target = project.write("a.txt", "needle " + "x" * 5000 + "\n")
    result = cli("check", "--format", "line", target)
    assert result.exit_code == 2
    assert "a.txt:1:1:Slow.Fine:found needle" in result.stdout
    assert "a.txt: rule Slow.Backtrack timed out after 0.2s" in result.stderr
