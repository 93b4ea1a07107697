"""Markdown and HTML: only prose is checked, positions are the file's, fixes touch nothing else."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from normlint.api import fix_text, lint_text
from normlint.cli import main
from normlint.config import Config
from normlint.engine import make_document
from normlint.markup import MASK, markup_kind

# A private pack, so these tests do not move when the built-in packs grow.
RULES = {
    "Day.yml": """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        level: error
        ignorecase: true
        case: preserve
        fix: safe
        swap:
          wedmesday: Wednesday
        examples:
          - text: "on Wedmesday"
            fixed: "on Wednesday"
        """,
    "Km.yml": """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        nonword: true
        fix: safe
        swap:
          '(\\d)km\\b': '$1 km'
        examples:
          - text: "a 5km walk"
            fixed: "a 5 km walk"
        """,
    "DoubleSpace.yml": """\
        extends: existence
        message: "Use one space."
        nonword: true
        raw: ['(?<=\\S) {2,}(?=\\S)']
        action: {name: replace, params: [" "]}
        fix: safe
        examples:
          - text: "two  spaces"
            fixed: "two spaces"
        """,
    "Repeat.yml": """\
        extends: repetition
        message: "'%s' is repeated."
        fix: safe
        examples:
          - text: "the the end"
            fixed: "the end"
        """,
    "Names.yml": """\
        extends: consistency
        message: "'%s': this story calls it '%s'."
        fix: safe
        groups:
          - [Daesh, ISIS, Islamic State]
        examples:
          - text: "Daesh and ISIS"
            fixed: "Daesh and Daesh"
        """,
}


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Config:
    root = tmp_path_factory.mktemp("rules")
    pack = root / "Test"
    pack.mkdir()
    for name, body in RULES.items():
        (pack / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return Config(rules=(str(root),), builtin=False, root=root)


def found(text: str, path: str, config: Config):
    return [(d.line, d.column, d.end_line, d.end_column, d.rule, text[d.start:d.end])
            for d in lint_text(text, config, path=path)]


# -- which format ------------------------------------------------------------

@pytest.mark.parametrize("path,kind", [
    ("a.md", "markdown"), ("docs/A.MARKDOWN", "markdown"), ("a.html", "html"), ("a.HTM", "html"),
    ("a.txt", None), ("-", None), ("README", None), ("a.md.txt", None),
])
def test_format_follows_the_suffix(path, kind):
    assert markup_kind(path) == kind


def test_plain_text_is_not_masked(config):
    text = "See `the the` at http://x.org/Wedmesday\n"
    assert make_document(text, "a.txt").text == text
    assert [f[4] for f in found(text, "a.txt", config)] == ["Test.Repeat", "Test.Day"]


# -- Markdown ------------------------------------------------------------------

STORY_MD = """\
---
title: Raid on Wedmesday
tags: [the the, 5km]
---

# Raid on Wedmesday

It began on Wedmesday, see `Wedmesday()` and [the the report](http://x.org/Wedmesday "Wedmesday").
Read https://example.com/Wedmesday or <http://x.org/Wedmesday> after the 5km march.

```python
Wedmesday = "the the"
```

    indented Wedmesday code

> Quoted *Wedmesday* and **ISIS** text.

- item  two spaces
-   item Wedmesday
1.  first Daesh

| Day | Note |
|-----|------|
| Wedmesday | `Wedmesday` and wedmesday |

<div class="Wedmesday">
<p title="Wedmesday">Block Wedmesday</p>
<!-- Wedmesday the the -->
</div>

![Wedmesday](img/Wedmesday.png) and <span data-x="Wedmesday">Islamic State</span>

[ref]: http://example.com/Wedmesday "the the"
"""


def test_markdown_exact_positions(config):
    # "ISIS" comes first, so the consistency rule keeps it and reports the rest.
    assert found(STORY_MD, "story.md", config) == [
        (6, 11, 6, 20, "Test.Day", "Wedmesday"),
        (8, 13, 8, 22, "Test.Day", "Wedmesday"),
        (8, 47, 8, 54, "Test.Repeat", "the the"),
        (9, 74, 9, 77, "Test.Km", "5km"),
        (17, 11, 17, 20, "Test.Day", "Wedmesday"),
        (19, 7, 19, 9, "Test.DoubleSpace", "  "),
        (20, 10, 20, 19, "Test.Day", "Wedmesday"),
        (21, 11, 21, 16, "Test.Names", "Daesh"),
        (25, 3, 25, 12, "Test.Day", "Wedmesday"),
        (25, 31, 25, 40, "Test.Day", "wedmesday"),
        (28, 28, 28, 37, "Test.Day", "Wedmesday"),
        (32, 62, 32, 75, "Test.Names", "Islamic State"),
    ]


def test_markdown_fix_changes_only_the_prose_it_reports(config):
    fixed = fix_text(STORY_MD, config, path="story.md").text
    expected = (STORY_MD
                .replace("# Raid on Wedmesday", "# Raid on Wednesday")
                .replace("It began on Wedmesday", "It began on Wednesday")
                .replace("[the the report]", "[the report]")
                .replace("the 5km march", "the 5 km march")
                .replace("> Quoted *Wedmesday* and **ISIS**", "> Quoted *Wednesday* and **ISIS**")
                .replace("- item  two", "- item two")
                .replace("-   item Wedmesday", "-   item Wednesday")
                .replace("1.  first Daesh", "1.  first ISIS")
                .replace("| Wedmesday | `Wedmesday` and wedmesday |", "| Wednesday | `Wedmesday` and Wednesday |")
                .replace("Block Wedmesday", "Block Wednesday")
                .replace(">Islamic State<", ">ISIS<"))
    assert fixed == expected
    assert fix_text(fixed, config, path="story.md").text == fixed


@pytest.mark.parametrize("snippet", [
    "`Wedmesday the the`",
    "``code with ` and Wedmesday``",
    "```\nWedmesday the the\n```",
    "~~~md\nWedmesday\n~~~",
    "    Wedmesday in an indented block",
    "[link](http://x.org/Wedmesday)",
    "[link](<http://x.org/the the>)",
    '[link](http://x.org/ "Wedmesday title")',
    "[link][Wedmesday]\n\n[Wedmesday]: http://x.org/Wedmesday",
    "<http://x.org/Wedmesday>",
    "<someone@wedmesday.org>",
    "https://x.org/Wedmesday",
    "www.wedmesday.com/the-the",
    "write to news@wedmesday.com",
    "![Wedmesday](Wedmesday.png)",
    '<span class="Wedmesday">x</span>',
    "<!-- Wedmesday the the -->",
    "<div>\n<!-- Wedmesday -->\n</div>",
    "<script>\nvar Wedmesday = 'the the';\n</script>",
])
def test_markdown_never_reports_markup(snippet, config):
    text = f"Prose before.\n\n{snippet}\n\nProse after.\n"
    assert found(text, "a.md", config) == []
    assert fix_text(text, config, path="a.md").text == text


@pytest.mark.parametrize("front", [
    "---\ntitle: Wedmesday\nnote: the the  twice\n---\n",
    "---\ntitle: Wedmesday\n...\n",
    "+++\ntitle = 'Wedmesday'\n+++\n",
])
def test_front_matter_is_never_reported(front, config):
    text = front + "\nBody on Wedmesday.\n"
    body_line = front.count("\n") + 2
    assert found(text, "a.md", config) == [(body_line, 9, body_line, 18, "Test.Day", "Wedmesday")]


def test_thematic_break_at_the_top_is_not_front_matter(config):
    text = "---\n\nOn Wedmesday.\n"
    assert found(text, "a.md", config) == [(3, 4, 3, 13, "Test.Day", "Wedmesday")]


def test_layout_whitespace_is_not_a_doubled_space(config):
    text = "-   item one\n1.  item two\n\n| a   | b |\n|-----|---|\n| x   | y |\n\nhard  \nbreak\n"
    assert found(text, "a.md", config) == []


def test_quotation_marks_in_code_do_not_open_a_quotation(config):
    # The '"' inside the code span must not start a quotation that would
    # shelter "ISIS" from the consistency rule (quotations are exempt).
    text = 'Daesh said: use `"` marks. Later ISIS struck.\n'
    assert found(text, "a.md", config) == [(1, 34, 1, 38, "Test.Names", "ISIS")]
    text = 'Daesh said `x`. "ISIS is here," he said.\n'
    assert found(text, "a.md", config) == []


def test_markdown_columns_count_characters_after_astral_chars(config):
    text = "😀 𝒜 `x` on Wedmesday\n"
    assert found(text, "a.md", config) == [(1, 12, 1, 21, "Test.Day", "Wedmesday")]


def test_markdown_mixed_line_endings_keep_offsets(config):
    text = "First `a` line\r\nOn Wedmesday\rsecond `b` Wedmesday\n"
    fixed = fix_text(text, config, path="a.md").text
    assert fixed == "First `a` line\r\nOn Wednesday\rsecond `b` Wednesday\n"


def test_masking_keeps_length_newlines_and_prose():
    text = STORY_MD
    doc = make_document(text, "story.md")
    assert len(doc.text) == len(text) and doc.source == text
    for a, b in zip(doc.text, text):
        assert a == b or (a == MASK and b not in "\r\n")
    for s, e in doc.skip_spans:
        assert set(doc.text[s:e]) == {MASK}


# -- HTML ----------------------------------------------------------------------

STORY_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <title>Raid on Wedmesday</title>
  <style>p.Wedmesday::after { content: "the the" }</style>
  <script>var day = "Wedmesday"; // the the</script>
</head>
<body>
  <!-- Wedmesday the the -->
  <p class="Wedmesday" data-note="the the">It began on Wedmesday after a 5km march,
     see <a href="http://x.org/Wedmesday" title="Wedmesday">the the report</a> at https://x.org/Wedmesday.</p>
  <pre>Wedmesday the the</pre>
  <p>Call <code>Wedmesday()</code> on Wedmesday&nbsp;night; AT&T and Daesh.</p>
  <p>Then   <b>ISIS</b>  struck.</p>
</body>
</html>
"""


def test_html_exact_positions(config):
    # Layout whitespace next to tags ("Then   <b>") is collapsed by browsers: not reported.
    assert found(STORY_HTML, "story.html", config) == [
        (4, 18, 4, 27, "Test.Day", "Wedmesday"),
        (10, 56, 10, 65, "Test.Day", "Wedmesday"),
        (10, 74, 10, 77, "Test.Km", "5km"),
        (11, 61, 11, 68, "Test.Repeat", "the the"),
        (13, 39, 13, 48, "Test.Day", "Wedmesday"),
        (14, 16, 14, 20, "Test.Names", "ISIS"),
    ]


def test_html_fix_changes_only_the_prose_it_reports(config):
    fixed = fix_text(STORY_HTML, config, path="story.html").text
    expected = (STORY_HTML
                .replace("<title>Raid on Wedmesday", "<title>Raid on Wednesday")
                .replace("It began on Wedmesday after a 5km", "It began on Wednesday after a 5 km")
                .replace(">the the report<", ">the report<")
                .replace("</code> on Wedmesday&nbsp;", "</code> on Wednesday&nbsp;")
                .replace("<b>ISIS</b>", "<b>Daesh</b>"))
    assert fixed == expected


def test_html_layout_whitespace_is_not_prose(config):
    text = "<ul>\n    <li>one</li>  <li>two</li>\n</ul>\n<p>   padded   </p>\n"
    assert found(text, "a.html", config) == []


# -- through the command line ----------------------------------------------------

def _project(tmp_path: Path, config: Config) -> Path:
    (tmp_path / "normlint.toml").write_text(f"builtin = false\nrules = [{config.rules[0]!r}]\n", encoding="utf-8")
    return tmp_path


def test_cli_fix_markdown_file_keeps_every_other_byte(tmp_path, config, monkeypatch):
    project = _project(tmp_path, config)
    monkeypatch.chdir(project)
    original = ("\ufeff# Wedmesday\r\n\r\n```\r\nWedmesday\r\n```\r\n\r\n"
                "On Wedmesday see [x](http://x.org/Wedmesday).\r\n").encode("utf-8")
    (project / "story.md").write_bytes(original)
    result = CliRunner().invoke(main, ["fix", "story.md"])
    assert result.exit_code == 0, result.output
    assert (project / "story.md").read_bytes() == original.replace(b"# Wedmesday", b"# Wednesday") \
        .replace(b"On Wedmesday", b"On Wednesday")


def test_cli_stdin_uses_the_stdin_filename_suffix(tmp_path, config, monkeypatch):
    monkeypatch.chdir(_project(tmp_path, config))
    text = "On Wedmesday, not `Wedmesday`.\n"
    md = CliRunner().invoke(main, ["fix", "-", "--stdin-filename", "story.md", "-q"], input=text)
    assert md.exit_code == 0
    assert md.stdout == "On Wednesday, not `Wedmesday`.\n"
    plain = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "story.txt", "--format", "json"],
                               input=text)
    assert plain.exit_code == 1
    assert plain.stdout.count('"rule": "Test.Day"') == 2


def test_cli_json_positions_for_html(tmp_path, config, monkeypatch):
    import json

    monkeypatch.chdir(_project(tmp_path, config))
    (tmp_path / "a.html").write_text('<p title="Wedmesday">On <i>Wedmesday</i></p>\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "a.html", "--format", "json"])
    assert result.exit_code == 1
    assert [(d["line"], d["column"], d["end_column"], d["rule"]) for d in json.loads(result.stdout)] == \
        [(1, 28, 37, "Test.Day")]


def test_builtin_pack_on_markdown():
    text = "It began pm Wedmesday.\n\n    pm Wedmesday\n\n`pm Wedmesday`\n"
    cfg = Config(select=("Typos.Context", "Typos.Weekdays"))
    assert fix_text(text, cfg, path="a.md").text == "It began on Wednesday.\n\n    pm Wedmesday\n\n`pm Wedmesday`\n"


# -- properties ------------------------------------------------------------------

_PIECES = st.sampled_from([
    "Wedmesday", "the the", "Daesh", "ISIS", "5km", "  ", " ", "\n", "\n\n", "`", "``", "*", "_", "[", "]", "(",
    ")", "<", ">", "</b>", "<b>", "&amp;", "&", "\\", "#", "# ", "- ", "> ", "1. ", "|", "---", "```", "    ",
    "\t", "http://x.org/a", '"', "“", "!", "![", "<!--", "-->", "\r\n", "😀", "<![", "<![CDATA[", "]]>", "<!",
    "<?", "<!DOCTYPE",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.sampled_from(["a.md", "a.html"]))
def test_property_masking_is_length_preserving_and_fixes_avoid_markup(config, pieces, path):
    text = "".join(pieces)
    doc = make_document(text, path)
    assert len(doc.text) == len(text)
    assert all(a == b or (a == MASK and b not in "\r\n") for a, b in zip(doc.text, text))
    for d in lint_text(text, config, path=path):
        if d.fix is not None:
            assert MASK not in doc.text[d.fix.start:d.fix.end]
        assert doc.text[d.start] != MASK and doc.text[d.end - 1] != MASK


def test_reports_over_prose_with_markup_inside_stand_but_fixes_across_it_do_not(tmp_path):
    pack = tmp_path / "P"
    pack.mkdir()
    (pack / "Span.yml").write_text(textwrap.dedent("""\
        extends: existence
        message: "A sentence from 'began' to 'Wedmesday'."
        raw: ['\\bbegan\\b[^.]*\\bWedmesday\\b']
        """), encoding="utf-8")
    (pack / "SpanFix.yml").write_text(textwrap.dedent("""\
        extends: existence
        message: "Cut it."
        raw: ['\\bstarted\\b[^.]*\\bWedmesday\\b']
        action: {name: remove}
        fix: safe
        examples:
          - text: "It started on Wedmesday."
            fixed: "It ."
        """), encoding="utf-8")
    cfg = Config(rules=(str(tmp_path),), builtin=False, root=tmp_path)
    text = "It began with `code` on Wedmesday. It started with `code` on Wedmesday.\n"
    # The report with no fix spans a code span but starts and ends in prose: it stands.
    # The one whose fix would delete the code span is dropped.
    assert [(d.column, d.end_column, d.rule) for d in lint_text(text, cfg, path="a.md")] == [(4, 34, "P.Span")]
    assert [d.rule for d in lint_text(text, cfg, path="a.txt")] == ["P.Span", "P.SpanFix"]
    assert fix_text(text, cfg, path="a.md").text == text


def test_malformed_marked_section_is_a_bogus_comment_and_positions_stay_right(config):
    # Python 3.11's html.parser asserts on these; browsers read a bogus comment up to ">".
    text = "<p>a <![5km the the> b\non Wedmesday</p>\n<![never closed Wedmesday\n"
    assert found(text, "a.html", config) == [(2, 4, 2, 13, "Test.Day", "Wedmesday")]


def test_html_trailing_whitespace_is_kept_but_indentation_is_layout():
    text = "<ul>\n    <li>one</li>   \n</ul>\n<p>text   \n  more</p>\n<p>\u00a0 x</p>\n"
    masked = make_document(text, "a.html").text.replace(MASK, "·")
    assert masked == "····\n········one·····   \n·····\n···text   \n  more····\n···\u00a0 x····\n"


def test_markdown_trailing_whitespace_is_kept_on_prose_lines_only():
    text = "# Head   \n\n- item  \n  more \n\n```\ncode   \n```\n"
    masked = make_document(text, "a.md").text.replace(MASK, "·")
    assert masked == "··Head   \n\n··item  \n··more \n\n···\n·······\n···\n"


def test_quotation_marks_next_to_markup_face_the_right_way():
    # Typography.Quotes turns straight marks curly when the article's majority is curly;
    # a mark right after a tag or emphasis star must open, one before "</b>" close.
    cfg = Config(select=("Typography.Quotes",))
    html = ('<p>“Yes,” he said. “Fine,” she said.</p>\n<p>"The army’s air force," he added.</p>\n'
            '<p>He said <b>"No"</b>.</p>\n')
    assert fix_text(html, cfg, path="a.html").text == (
        '<p>“Yes,” he said. “Fine,” she said.</p>\n<p>“The army’s air force,” he added.</p>\n'
        '<p>He said <b>“No”</b>.</p>\n')
    md = '“Yes,” he said. “Fine,” she said.\n\n*"The army,"* he added, `"code"`.\n'
    assert fix_text(md, cfg, path="a.md").text == \
        '“Yes,” he said. “Fine,” she said.\n\n*“The army,”* he added, `"code"`.\n'
