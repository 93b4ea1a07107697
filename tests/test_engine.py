"""Engine and fix loop: order, overlaps, convergence, idempotence."""
from __future__ import annotations

from normlint import Config, fix_text, lint_text
from normlint.api import get_linter


def test_diagnostics_sorted_by_position_then_rule(project):
    for name in ("B", "A"):
        project.rule(f"{name}/Word.yml", f"""\
            extends: existence
            message: "{name} %s"
            tokens: [cat]
            """)
    cfg = project.load()
    first = [(d.line, d.column, d.rule) for d in lint_text("cat\ndog cat", cfg)]
    assert first == [(1, 1, "A.Word"), (1, 1, "B.Word"), (2, 5, "A.Word"), (2, 5, "B.Word")]
    assert all([(d.line, d.column, d.rule) for d in lint_text("cat\ndog cat", cfg)] == first for _ in range(5))


def test_overlapping_edits_wait_for_the_next_pass(project):
    project.rule("A/Long.yml", """\
        extends: substitution
        message: "x"
        fix: safe
        nonword: true
        swap: {'abc': 'X'}
        examples: [{text: abc, fixed: X}]
        """)
    project.rule("B/Short.yml", """\
        extends: substitution
        message: "y"
        fix: safe
        nonword: true
        swap: {'bc': 'Y', 'X': 'Z'}
        examples: [{text: bc, fixed: Y}]
        """)
    out = fix_text("abc", project.load())
    # pass 1 takes A.Long (earliest start); B.Short overlapped and waited; pass 2 rewrote X.
    assert out.text == "Z"
    assert [d.rule for d in out.applied] == ["A.Long", "B.Short"]
    assert out.converged


def test_rules_that_undo_each_other_are_named(project, cli):
    project.rule("Loop/There.yml", """\
        extends: substitution
        message: "a->b"
        fix: safe
        swap: {alpha: beta}
        examples: [{text: alpha, fixed: beta}]
        """)
    project.rule("Loop/Back.yml", """\
        extends: substitution
        message: "b->a"
        fix: safe
        swap: {beta: alpha}
        examples: [{text: beta, fixed: alpha}]
        """)
    out = fix_text("alpha", project.load())
    assert not out.converged
    assert out.unstable_rules == ("Loop.Back",)
    project.write("a.txt", "alpha\n")
    result = cli("fix", "a.txt")
    assert result.exit_code == 2
    assert "a.txt: fixes did not settle after repeated passes; rules still changing the text: Loop.Back" \
        in result.stderr


def test_fix_changes_only_reported_spans_and_is_idempotent():
    cfg = Config(select=("Typos",))
    text = "It started pm Wedmesday. The the end.\nAnother  line.\n"
    once = fix_text(text, cfg)
    assert once.text == "It started on Wednesday. The end.\nAnother  line.\n"
    assert [(d.rule, d.start, d.end) for d in once.applied] == [
        ("Typos.Context", 11, 13), ("Typos.Weekdays", 14, 23), ("Typos.Repeated", 25, 32)]
    assert fix_text(once.text, cfg).text == once.text
    assert fix_text(once.text, cfg).applied == []


def test_linter_compiles_rules_once():
    a, b = get_linter(), get_linter()
    assert a is b and a.all_checks is b.all_checks
