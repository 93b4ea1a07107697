"""Each check kind, through the Python API, with exact diagnostics and fixed text."""
from __future__ import annotations

from normlint import fix_text, lint_text


def brief(diags):
    return [(d.rule, d.line, d.column, d.end_column, d.message, d.fix.replacement if d.fix else None)
            for d in diags]


def test_existence_reports_every_match(project):
    project.rule("House/Hedges.yml", """\
        extends: existence
        message: "Avoid '%s'."
        level: suggestion
        ignorecase: true
        tokens: [very, 'quite(?: a)?']
        """)
    diags = lint_text("It was Very big and quite a sight.", project.load())
    assert brief(diags) == [
        ("House.Hedges", 1, 8, 12, "Avoid 'Very'.", None),
        ("House.Hedges", 1, 21, 28, "Avoid 'quite a'.", None),
    ]
    assert str(diags[0].severity) == "suggestion"


def test_existence_remove_action_fixes(project):
    project.rule("House/Really.yml", """\
        extends: existence
        message: "Remove '%s'."
        tokens: ['really ']
        nonword: true
        fix: safe
        action: {name: remove}
        examples:
          - {text: "It is really big.", fixed: "It is big."}
        """)
    assert fix_text("It is really big.", project.load()).text == "It is big."


def test_substitution_words_case_preserved(project):
    project.rule("Typo/Days.yml", """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        case: preserve
        fix: safe
        swap: {wedmesday: wednesday}
        examples: [{text: "wedmesday", fixed: "wednesday"}]
        """)
    cfg = project.load()
    assert fix_text("Wedmesday, WEDMESDAY and wedmesday’s", cfg).text == "Wednesday, WEDNESDAY and wednesday’s"
    assert brief(lint_text("on Wedmesday", cfg)) == [
        ("Typo.Days", 1, 4, 13, "Use 'Wednesday' instead of 'Wedmesday'.", "Wednesday")]


def test_substitution_phrases_and_capture_groups(project):
    project.rule("Units/Square.yml", """\
        extends: substitution
        message: "Write '%s', not '%s'."
        fix: safe
        swap:
          '(\\d[\\d,]*) square km': '$1 km²'
          'per cent': '%'
        examples: [{text: "5 square km", fixed: "5 km²"}]
        """)
    out = fix_text("It covers 26,238 square km, up 5 per cent.", project.load())
    assert out.text == "It covers 26,238 km², up 5 %."
    assert [d.message for d in out.applied] == ["Write '26,238 km²', not '26,238 square km'.",
                                                "Write '%', not 'per cent'."]


def test_substitution_with_several_candidates_is_never_fixed(project):
    project.rule("Typo/Ambiguous.yml", """\
        extends: substitution
        message: "Did you mean '%s' (not '%s')?"
        fix: safe
        swap: {teh: "the|ten"}
        examples: [{text: "teh", flagged: true}]
        """)
    cfg = project.load()
    diags = lint_text("teh cat", cfg)
    assert brief(diags) == [("Typo.Ambiguous", 1, 1, 4, "Did you mean 'the' or 'ten' (not 'teh')?", None)]
    assert diags[0].suggestions == ("the", "ten")
    assert fix_text("teh cat", cfg, unsafe=True).text == "teh cat"


NAMES = """\
    extends: consistency
    message: "'%s' here, but '%s' earlier in the story."
    fix: safe
    groups:
      - [Daesh, ISIS, ISIL, Islamic State]
      - [Kyiv, Kiev]
    exceptions: ['chicken Kiev']
    examples:
      - {text: "Daesh fled. ISIS lost.", fixed: "Daesh fled. Daesh lost."}
    """


def test_consistency_first_form_wins_outside_quotes(project):
    project.rule("Names/Groups.yml", NAMES)
    text = 'Daesh attacked. ISIS said "ISIS will return". Islamic State lost Kiev; chicken Kiev is fine. Kyiv.'
    out = fix_text(text, project.load())
    assert out.text == 'Daesh attacked. Daesh said "ISIS will return". Daesh lost Kiev; chicken Kiev is fine. Kiev.'
    assert [d.message for d in out.applied] == ["'ISIS' here, but 'Daesh' earlier in the story.",
                                                "'Islamic State' here, but 'Daesh' earlier in the story.",
                                                "'Kyiv' here, but 'Kiev' earlier in the story."]


def test_consistency_prefer_majority_and_literal(project):
    project.rule("Names/Majority.yml", NAMES.replace("fix: safe", "fix: safe\n    prefer: majority")
                 .replace('fixed: "Daesh fled. Daesh lost."', 'fixed: "Daesh fled. Daesh lost."'))
    cfg = project.load()
    assert fix_text("ISIS came. Daesh went. ISIS stayed.", cfg).text == "ISIS came. ISIS went. ISIS stayed."
    project.rule("Names/Majority.yml", NAMES.replace("fix: safe", "fix: safe\n    prefer: Islamic State")
                 .replace('fixed: "Daesh fled. Daesh lost."', 'fixed: "Islamic State fled. Islamic State lost."'))
    cfg = project.load()
    # A literal preference rewrites even a story that uses one other form throughout.
    assert fix_text("ISIS came. ISIS went. Kiev.", cfg).text == "Islamic State came. Islamic State went. Kiev."


def test_repetition_fixes_doubles_but_allows_exceptions(project):
    project.rule("Typo/Twice.yml", """\
        extends: repetition
        message: "'%s' is repeated."
        ignorecase: true
        fix: safe
        exceptions: ['\\b(?i:had had|that that)\\b']
        examples: [{text: "the the end", fixed: "the end"}]
        """)
    cfg = project.load()
    assert fix_text("The the end. He had had it. So that that was all.\nend\nend", cfg).text == \
        "The end. He had had it. So that that was all.\nend\nend"
    assert brief(lint_text("a  is is b", cfg))[0][:4] == ("Typo.Twice", 1, 4, 9)


def test_occurrence_counts_per_sentence(project):
    project.rule("Style/Commas.yml", """\
        extends: occurrence
        message: "%s commas in one sentence."
        scope: sentence
        max: 2
        token: ','
        """)
    diags = lint_text("A, b, c, d. Short, fine.", project.load())
    assert brief(diags) == [("Style.Commas", 1, 1, 12, "3 commas in one sentence.", None)]


def test_conditional_acronym_needs_a_definition(project):
    project.rule("Style/Acronyms.yml", """\
        extends: conditional
        message: "'%s' has no definition."
        first: '\\b([A-Z]{3,5})\\b'
        second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
        exceptions: ['\\bNATO\\b']
        """)
    cfg = project.load()
    text = "The World Health Organization (WHO) met. WHO and OPEC spoke. NATO too."
    assert brief(lint_text(text, cfg)) == [("Style.Acronyms", 1, 50, 54, "'OPEC' has no definition.", None)]


def test_vale_kinds_not_implemented_are_named(project, cli):
    project.rule("Vale/Headings.yml", "extends: capitalization\nmessage: x\nmatch: $title\n")
    result = cli("check", project.write("a.txt", "x\n").name)
    assert result.exit_code == 2
    assert "Vale/Headings.yml:1: Vale check kind 'capitalization' is not supported by normlint" in result.stderr
