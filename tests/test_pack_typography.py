"""The Typography pack: quotes, apostrophes and whitespace; layout left alone; the seed acceptance."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from normlint import fix_text, lint_text
from normlint.cli import main
from normlint.config import Config

SEED = Path("/work/shared/seed/anbar-article.txt")
TYPO = Config(select=("Typography",))


def report(text, path="-"):
    return [(d.rule, d.line, d.column, d.end_line, d.end_column, d.message,
             d.fix.replacement if d.fix else None) for d in lint_text(text, TYPO, path=path)]


def fixed(text, path="-", config=TYPO):
    out = fix_text(text, config, path=path)
    assert out.converged
    assert fix_text(out.text, config, path=path).text == out.text, "fix twice must equal fix once"
    return out.text


# -- quotes ----------------------------------------------------------------------------

def test_straight_openers_join_curly_majority_on_a_tie():
    text = '"The army’s jets started,” he said.\n"Warplanes flew low,” it said.\n'
    assert report(text) == [
        ("Typography.Quotes", 1, 1, 1, 2, "Use “ instead of \" (the article's quotation marks).", "“"),
        ("Typography.Quotes", 2, 1, 2, 2, "Use “ instead of \" (the article's quotation marks).", "“"),
    ]
    assert fixed(text) == "“The army’s jets started,” he said.\n“Warplanes flew low,” it said.\n"


def test_straight_majority_wins():
    text = '“Yes,” he said. "No," she said. "Maybe," they said.\n'
    assert fixed(text) == '"Yes," he said. "No," she said. "Maybe," they said.\n'


def test_curly_quotes_facing_the_wrong_way_are_turned():
    assert fixed("”Yes,“ he said.\n") == "“Yes,” he said.\n"


def test_a_stray_space_before_a_closing_quote_is_not_read_as_an_opening():
    assert report("“Yes ”. “No,” he said.\n") == []


def test_consistent_articles_and_inch_marks_are_left_alone():
    assert report('"Yes," he said of the 12" pipe.\n') == []
    assert report("“Yes,” he said.\n") == []


def test_a_quote_with_spaces_on_both_sides_is_reported_not_fixed():
    diags = lint_text("“Yes,” he said \" and left.\n", TYPO)
    assert [(d.rule, d.fix, d.suggestions) for d in diags] == [("Typography.Quotes", None, ("“", "”"))]


def test_apostrophes_follow_the_majority():
    assert fixed("Iraq’s army, Syria’s border, Jordan's king.\n") == "Iraq’s army, Syria’s border, Jordan’s king.\n"
    assert fixed("Iraq's army, Syria's border, Jordan’s king.\n") == "Iraq's army, Syria's border, Jordan's king.\n"
    assert fixed("Iraq's army and Syria’s border.\n") == "Iraq’s army and Syria’s border.\n"  # tie: curly
    assert fixed("He didn‘t go.\n") == "He didn’t go.\n"


# -- whitespace ------------------------------------------------------------------------

def test_doubled_space_between_words_exact():
    assert report("The company said  it was receiving no proceeds.\n") == [
        ("Typography.DoubledSpaces", 1, 17, 1, 19, "Use one space between words.", " "),
    ]


def test_doubled_spaces_in_layout_are_left_alone():
    earnings = "Shr  1.20 dlrs  vs  1.10 dlrs\n\nNet  5.30 mln   vs  4.10 mln\n"
    assert report(earnings) == []
    assert report("Northern European Price               66.32\n") == []
    assert report("    indented  code  block\n") == []
    assert report("| a  | b |\n") == []
    assert report("Super Tankers  Regular Vessels\n\nNorth End:  13 hrs      15 hrs\n") == []
    assert report("He resigned from the board.  It gave no reason for the move at all.\n") == []


def test_a_slip_inside_a_table_cell_is_fixed_when_the_rows_show_the_columns():
    table = ("Sep/May  no quote     8-1/4   over\n\n"
             "Jul/Aug  even          even\n\n"
             "Dec/Jan  no  quote     0.60   under\n")
    # "May  no" lines up with "Aug  even" (a column); "no  quote" lines up with nothing
    assert fixed(table) == table.replace("no  quote", "no quote")


def test_indented_paragraphs_are_prose_but_markdown_code_blocks_are_layout():
    text = "    The company said  it was receiving no proceeds from the offering.\n"
    assert fixed(text) == "    The company said it was receiving no proceeds from the offering.\n"
    assert fixed(text, path="notes.md") == text
    assert fixed("    Shr  1.20 dlrs vs  1.10 dlrs\n") == "    Shr  1.20 dlrs vs  1.10 dlrs\n"


def test_several_slips_in_one_prose_line_are_still_prose():
    text = "United  said it will add flights between Los Angeles and  Phoenix, Chicago and  Salt Lake City.\n"
    assert fixed(text) == " ".join(text.split()) + "\n"


def test_space_before_punctuation():
    assert fixed("Prices rise , the bank said .\nIs it true ? Yes !\n") == \
        "Prices rise, the bank said.\nIs it true? Yes!\n"
    assert report("He paused ... then spoke. The rate was .5 pct.\n") == []


def test_trailing_whitespace_and_markdown_hard_breaks(tmp_path):
    text = "First line.   \nSecond line.\t\n"
    assert report(text) == [
        ("Typography.TrailingWhitespace", 1, 12, 1, 15, "Remove trailing whitespace.", ""),
        ("Typography.TrailingWhitespace", 2, 13, 2, 14, "Remove trailing whitespace.", ""),
    ]
    assert fixed(text) == "First line.\nSecond line.\n"
    md = "Roses are red,  \nviolets are blue.   \n"
    # the first is a hard line break; the last line's trailing spaces break nothing
    assert fixed(md, path="poem.md") == "Roses are red,  \nviolets are blue.\n"
    assert fixed(md, path="poem.txt") == "Roses are red,\nviolets are blue.\n"


def test_final_newline_exact():
    assert report("The end.", path="a.txt") == [
        ("Typography.FinalNewline", 1, 9, 1, 9, "Add a newline at the end of the file.", "\n"),
    ]
    assert fixed("The end.  ", path="a.txt") == "The end.\n"
    assert report("", path="a.txt") == []
    # stdin and the Python API hand over snippets, not files
    assert fixed("The end.") == "The end."
    res = CliRunner().invoke(main, ["fix", "--select", "Typography", "-"], input="The end.")
    assert res.exit_code == 0 and res.stdout == "The end."


def test_fix_on_disk_keeps_crlf_and_adds_final_newline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Line one ,\r\nLine two")
    res = CliRunner().invoke(main, ["fix", "--select", "Typography", str(path)])
    assert res.exit_code == 0, res.output
    assert path.read_bytes() == b"Line one,\r\nLine two\r\n"


# -- the seed acceptance -----------------------------------------------------------------

@pytest.mark.skipif(not SEED.is_file(), reason=f"seed article not found at {SEED}")
def test_seed_fix_changes_exactly_the_accepted_spans(tmp_path):
    original = SEED.read_text(encoding="utf-8")
    path = tmp_path / "anbar-article.txt"
    shutil.copyfile(SEED, path)
    runner = CliRunner()
    res = runner.invoke(main, ["check", "--format", "line", str(path)])
    assert res.exit_code == 1
    reported = {line.split(":")[3] for line in res.output.splitlines() if line.count(":") >= 4}
    assert {"Typography.Quotes", "Typography.FinalNewline", "Units.Area", "Typos.Context"} <= reported
    res = runner.invoke(main, ["fix", str(path)])
    assert res.exit_code == 0, res.output
    expected = (original
                .replace("pm Wedmesday", "on Wednesday")
                .replace("\n\"The Iraqi army’s", "\n“The Iraqi army’s")
                .replace("\n\"Iraqi warplanes", "\n“Iraqi warplanes")
                .replace("26,238 square km", "26,238 km²")) + "\n"
    assert original.count('"') == 2 and not original.endswith("\n")
    assert path.read_text(encoding="utf-8") == expected
    res = runner.invoke(main, ["fix", str(path)])  # idempotent on disk
    assert path.read_text(encoding="utf-8") == expected


def test_seed_like_text_with_all_packs():
    text = ('"The army’s jets started,” he added.\n'
            "Forces launched an operation pm Wedmesday, the military said.\n"
            "They cleared 26,238 square km of land.\n"
            '"Warplanes flew low,” the statement said.')
    out = fix_text(text, Config(), path="story.txt")
    assert out.text == ("“The army’s jets started,” he added.\n"
                        "Forces launched an operation on Wednesday, the military said.\n"
                        "They cleared 26,238 km² of land.\n"
                        "“Warplanes flew low,” the statement said.\n")
