"""The built-in Typos pack: misspellings, day and month slips, "pm Wedmesday", doubled words."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from normlint import fix_text, lint_text
from normlint.config import Config

ROOT = Path(__file__).resolve().parents[1]
TYPOS = ROOT / "rules" / "Typos"
SEED = ROOT.parent / "shared" / "seed" / "anbar-article.txt"
# Only this packs, so the figures do not move when other packs land.
MINE = Config(select=("Typos", "Names"))

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()


def fixed(text, config=MINE):
    return fix_text(text, config).text


def rules(text, config=MINE):
    return [(d.rule, d.line, d.column, d.end_column) for d in lint_text(text, config)]


def swap_of(name):
    return yaml.safe_load((TYPOS / f"{name}.yml").read_text(encoding="utf-8"))["swap"]


# -- the misspelling list ------------------------------------------------------

def test_misspelling_pack_is_large_and_records_source_and_licence():
    text = (TYPOS / "Misspellings.yml").read_text(encoding="utf-8")
    assert 6000 <= len(swap_of("Misspellings")) <= 9000
    head = text.split("extends:")[0]
    assert "codespell" in head and "CC BY-SA 3.0" in head and "tools/build_typos_pack.py" in head


@pytest.mark.parametrize("wrong, right", [
    ("recieve", "receive"), ("goverment", "government"), ("occured", "occurred"),
    ("seperate", "separate"), ("definately", "definitely"), ("accomodate", "accommodate"),
])
def test_common_misspellings_are_fixed(wrong, right):
    assert fixed(f"They said the {wrong} was clear.\n") == f"They said the {right} was clear.\n"


def test_rare_slips_the_spelling_check_cannot_work_out_are_listed():
    # two edits from the word meant ("owudl", "hwihc"), or one from a likelier word
    # ("govement" is one letter from "movement")
    assert fixed("The govement said it owudl act, hwihc was new.\n") == \
        "The government said it would act, which was new.\n"


def test_a_listed_slip_with_several_corrections_is_fixed_to_the_one_the_text_favours():
    # `choose: context`: the corrections weighed as the spelling check weighs its own
    assert swap_of("Misspellings")["troups"] == "troupes|troops"
    text = "Clashes between troups and militants.\n"
    [d] = lint_text(text, MINE)
    assert (d.rule, d.message, d.suggestions) == (
        "Typos.Misspellings", "Use 'troops' instead of 'troups'.", ("troops", "troupes"))
    assert fixed(text) == "Clashes between troops and militants.\n"
    assert fixed("Officials said theri plan was noted.\n") == "Officials said their plan was noted.\n"
    # the article's own words count: "month-on-month" settles "mounth"
    assert fixed("Prices rose 2 percent mounth-on-month.\n") == "Prices rose 2 percent month-on-month.\n"


def test_a_listed_slip_is_not_fixed_against_what_its_neighbours_say():
    # "aspects" is commoner and one letter away, but "expects to" is the likelier pair; the
    # spelling check, which looks only one letter away, does not settle it either
    assert swap_of("Misspellings")["spects"] == "aspects|expects|specs"
    text = "Bangladesh spects to produce 14.5 mln tonnes of rice.\n"
    [d] = lint_text(text, MINE)
    assert (d.rule, d.fix, d.suggestions) == ("Typos.Misspellings", None, ("aspects", "expects", "specs"))
    assert fixed(text) == text


def test_informal_spellings_are_written_out():
    assert fixed("Tankers carry oil thru the Gulf, altho escorts wait; little follow-thru.\n") == \
        "Tankers carry oil through the Gulf, although escorts wait; little follow-through.\n"
    [d] = lint_text("Thru Friday.\n", MINE)
    assert (d.rule, d.message) == ("Typos.Informal", "Use 'Through' instead of 'Thru' in news copy.")
    for ok in ("The chain opened a drive-thru in 1975.\n", "The Lower Manhattan Thru Way was not built.\n"):
        assert lint_text(ok, MINE) == []


def test_a_listed_correction_takes_the_articles_british_or_american_spelling():
    # `variant: article`: the pack lists "neigbours" -> "neighbours"
    assert swap_of("Misspellings")["neigbours"] == "neighbours"
    assert fixed("The neigbours of the center.\n") == "The neighbors of the center.\n"
    assert fixed("The neigbours of the centre.\n") == "The neighbours of the centre.\n"
    assert fixed("The neigbours met.\n") == "The neighbours met.\n"  # no sign: as listed


def test_a_listed_slip_the_text_does_not_settle_is_only_suggested():
    # "could", "should" or "sold": no choice clearly wins
    text = "We sould go.\n"
    [d] = lint_text(text, MINE)
    assert (d.rule, d.fix, d.suggestions) == ("Typos.Misspellings", None, ("could", "should", "sold"))
    assert fixed(text) == text


def test_capitalised_slips_of_demonyms_and_places_are_fixed_as_written():
    text = "The Russion and Europian envoys met in the Carribean and in Massachusettes.\n"
    assert fixed(text) == "The Russian and European envoys met in the Caribbean and in Massachusetts.\n"
    assert [d.rule for d in lint_text(text, MINE)] == ["Typos.ProperNouns"] * 4
    # only the capitalised form is listed: other shapes are left to the other checks
    assert [d for d in lint_text("RUSSION envoys\n", MINE) if d.rule == "Typos.ProperNouns"] == []
    proper = yaml.safe_load((TYPOS / "ProperNouns.yml").read_text(encoding="utf-8"))
    assert "CC BY-SA 3.0" in (TYPOS / "ProperNouns.yml").read_text(encoding="utf-8")
    assert proper["ignorecase"] is False and 80 <= len(proper["swap"]) <= 150
    assert "Twosday" not in proper["swap"] and "Febuary" not in proper["swap"]


def test_case_is_kept():
    assert fixed("GOVERMENT RECIEVES\n") == "GOVERNMENT RECEIVES\n"
    assert fixed("Goverment sources said.\n") == "Government sources said.\n"
    assert fixed("WEDMESDAY\n") == "WEDNESDAY\n"


def test_entry_with_several_corrections_is_suggested_never_fixed_without_choose(project):
    # a house rule without `choose: context` keeps the old contract: suggestions, no fix
    project.config(builtin=True, extra='select = ["House", "Typos.Spelling"]\n')
    project.rule("House/Slips.yml", """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        case: preserve
        fix: safe
        swap: {mounth: "month|mouth", theri: "their|there"}
        examples: [{text: "The mounth.", fixed: "The mounth."}]
        """)
    cfg = project.load()
    text = "The mounth of March.\n"
    [d] = lint_text(text, cfg)
    assert (d.rule, d.fix, d.suggestions) == ("House.Slips", None, ("month", "mouth"))
    assert fix_text(text, cfg).text == text
    # ... unless the spelling check safely fixes the same word to one of the choices:
    # its report stands instead
    text = "Officials said theri plan was noted.\n"
    assert [(d.rule, d.message) for d in lint_text(text, cfg)] == [
        ("Typos.Spelling", "'theri' is misspelt; use 'their'.")]
    assert fix_text(text, cfg).text == "Officials said their plan was noted.\n"


@pytest.mark.parametrize("key, message", [("choose: frequency", "'choose' must be 'context'"),
                                          ("variant: british", "'variant' must be 'article'")])
def test_choose_and_variant_take_one_value(project, cli, key, message):
    project.rule("House/Slips.yml", f"""\
        extends: substitution
        message: "x"
        {key}
        swap: {{mounth: "month|mouth"}}
        """)
    project.write("a.txt", "The mounth.\n")
    r = cli("check", "a.txt")
    assert r.exit_code == 2
    assert "Slips.yml" in r.output and message in r.output


def test_capitalised_word_mid_sentence_is_taken_for_a_name():
    # "tigger" -> "trigger" is in the list; "Tigger" after a lowercase word is a name
    assert fixed("He met Tigger and the goverment.\n") == "He met Tigger and the government.\n"


def test_no_wrong_form_is_a_real_word():
    words = {"their", "there", "then", "than", "form", "from", "trial", "united", "untied", "angel", "angle"}
    swap = {k.lower() for k in swap_of("Misspellings")} | {k.lower() for k in swap_of("Weekdays")}
    assert not words & swap


# -- day and month names ----------------------------------------------------------

@pytest.mark.parametrize("slip, right", [
    ("Wedmesday", "Wednesday"), ("Wensday", "Wednesday"), ("Wendsday", "Wednesday"), ("Wednsday", "Wednesday"),
    ("Febuary", "February"), ("Thrusday", "Thursday"), ("Tuesdy", "Tuesday"), ("Satruday", "Saturday"),
    ("Agust", "August"), ("Novebmer", "November"), ("Mrch", "March"), ("Decembre", "December"),
])
def test_day_and_month_slips_are_fixed(slip, right):
    assert fixed(f"The talks end on {slip}.\n") == f"The talks end on {right}.\n"


def test_every_day_and_month_has_slips():
    # (March's slips are written "march": see the next test)
    targets = [v[0].upper() + v[1:] for v in swap_of("Weekdays").values()]
    assert set(targets) == set(WEEKDAYS + MONTHS) - {"May"}
    counts = {name: targets.count(name) for name in set(targets)}
    assert min(counts.values()) >= 20, counts


def test_a_slip_of_march_in_lower_case_is_the_word():
    assert fixed("Thousands will marhc on Sunday.\n") == "Thousands will march on Sunday.\n"
    assert fixed("The vote is in Marhc; MARHC 5.\n") == "The vote is in March; MARCH 5.\n"


def test_correct_names_and_abbreviations_are_left_alone():
    text = ", ".join(WEEKDAYS + MONTHS) + ". Sept. 3, Sep. 4, Thurs. and Tues.\n"
    assert lint_text(text, MINE) == []


@pytest.mark.parametrize("text, out", [
    ("The offer expires on Mach 31, 1987.", "The offer expires on March 31, 1987."),
    ("Prices have risen since Aril 15.", "Prices have risen since April 15."),
    ("The change is effective Octobre 1.", "The change is effective October 1."),
    ("The jet flew at Mach 2 and reached Mach 3.", None),
    ("He scored in Match 3 of the series.", None),
])
def test_month_slips_that_are_words_are_fixed_only_in_a_date(text, out):
    assert fixed(text + "\n") == (out or text) + "\n"


def test_abbreviation_slips_need_their_full_point():
    assert fixed("The vote is on Setp. 3.\n") == "The vote is on Sept. 3.\n"
    # the abbreviation rule needs the full point; the spelling check may still suggest "Step" (unsafe)
    assert [d for d in lint_text("Setp\n", MINE) if d.rule != "Typos.Spelling"] == []


def test_possessive_is_kept():
    assert fixed("Wedmesday’s vote and Thrusday's count\n") == "Wednesday’s vote and Thursday's count\n"


# -- "pm Wedmesday" --------------------------------------------------------------

def test_pm_before_misspelt_day_reports_both_and_fixes_both():
    text = "Forces attacked pm Wedmesday.\n"
    assert rules(text) == [("Typos.Context", 1, 17, 19), ("Typos.Weekdays", 1, 20, 29)]
    assert fixed(text) == "Forces attacked on Wednesday.\n"


@pytest.mark.parametrize("text, out", [
    ("Talks resumed pm Monday.", "Talks resumed on Monday."),
    ("Talks resumed PM Tuesday.", "Talks resumed on Tuesday."),
    ("Talks resumed p.m. March 3.", "Talks resumed on March 3."),
    ("Pm Friday the vote was held.", "On Friday the vote was held."),
    ("Talks resumed pm Febuary 3.", "Talks resumed on February 3."),
    ("Rates eased to 6-1/2, 1/4 pm Monday.", "Rates eased to 6-1/2, 1/4 on Monday."),
    # a vote, not a time: no "at" or "until" makes "three" an hour, and 45 is no hour at all
    ("The committee voted by six to three pm Thursday.", "The committee voted by six to three on Thursday."),
    ("The index closed at 45 pm Friday.", "The index closed at 45 on Friday."),
    # a score or a tally, not a range of hours
    ("The board voted 4-1 pm Thursday.", "The board voted 4-1 on Thursday."),
    ("They beat the Rockies 6–3 pm Monday night.", "They beat the Rockies 6–3 on Monday night."),
])
def test_context_slip_is_fixed(text, out):
    assert fixed(text + "\n") == out + "\n"


@pytest.mark.parametrize("text", [
    "The vote is at 5 pm Wednesday.", "The vote is at 5:30 p.m. Monday.", "They met at 10pm Friday.",
    "The vote ends at 12.30pm Monday.", "The talks end at eight pm Tuesday.", "PM Modi met PM May.",
    "Polls close at 8 pm Tuesday and open from seven pm Wednesday.", "The vote ends by 07:30 pm Friday.",
    "The PM said on Monday that he would go.",
    "The office is open 2-4 pm Thursday.", "They won 10-7 pm Sunday.",  # a range; a two-figure score (no guess)
])
def test_clock_times_and_prime_ministers_are_left_alone(text):
    assert [d.rule for d in lint_text(text + "\n", MINE) if d.rule == "Typos.Context"] == []


# -- doubled words -----------------------------------------------------------------

def test_doubled_word_is_fixed():
    assert fixed("He said the the vote failed. The the count ended.\n") == \
        "He said the vote failed. The count ended.\n"


@pytest.mark.parametrize("text", [
    "What he had had was gone.", "He said that that was all.", "What it is is a mess.", "What it is  is a mess.",
    "Afghan leader Abdullah Abdullah met Boutros Boutros-Ghali.", "He would ban all non-bank bank activities.",
    "He visited Walla Walla.",
])
def test_legitimate_doubles_are_allowed(text):
    assert fixed(text + "\n") == text + "\n"


def test_repeated_cells_of_a_table_row_are_left_alone():
    table = ("Acquired by CCC    nil      nil   nil\n"
             "Reserve            nil      nil   nil\n"
             "cut trmgs  550/700 700/850  loads loads  tues 4/7  103.24   414\n")
    assert [d for d in lint_text(table, MINE) if d.rule == "Typos.Repeated"] == []
    # the same words in a sentence are a slip
    assert fixed("Sales of 40 loads loads were reported.\n") == "Sales of 40 loads were reported.\n"


def test_a_species_named_twice_is_no_doubled_word():
    text = "The northern lapwing (Vanellus vanellus) and the common toad, Bufo bufo, bred here.\n"
    assert fixed(text) == text
    # opening a sentence, or a known word, a capital and a lower-case double is a slip
    assert fixed("The the plan failed.\n") == "The plan failed.\n"
    assert fixed("He saw it in The the paper.\n") == "He saw it in The paper.\n"


def repeats(text):
    """(doubled words, applicability) of Typos.Repeated's reports on ``text``."""
    return [(text[d.start:d.end], d.fix.applicability) for d in lint_text(text, MINE) if d.rule == "Typos.Repeated"]


def test_a_sentence_opening_with_a_word_said_twice_is_a_question_unless_a_function_word():
    # Before: Swahili "Pole pole." (slowly) became "Pole." as a safe fix
    text = "Pole pole. The farmers work slowly, said Mzee Ali.\n"
    assert fixed(text) == text
    assert repeats(text) == [("Pole pole", "unsafe")]
    # a common word said twice is still a slip, and so is a content word inside a sentence
    assert fixed("She she left. It it rained. The plan plan failed.\n") == "She left. It rained. The plan failed.\n"


def test_a_word_of_another_language_said_twice_is_a_question():
    # Before: "the boda boda riders" (Kenya's motorbike taxis) became "the boda riders"
    text = "Every shilling goes to the boda boda riders and the mahi mahi sellers.\n"
    assert fixed(text) == text
    assert repeats(text) == [("boda boda", "unsafe")]
    # an English word said twice inside a sentence is still a slip
    assert fixed("Every shilling goes to the the riders.\n") == "Every shilling goes to the riders.\n"


def test_a_short_uncommon_word_said_twice_is_a_question():
    # Before: Grenada's "jab jab revellers" became "jab revellers" as a safe fix
    text = "Thousands of jab jab revellers rang ding ding bells in hush hush tones.\n"
    assert fixed(text) == text
    assert repeats(text) == [("jab jab", "unsafe"), ("ding ding", "unsafe"), ("hush hush", "unsafe")]
    # short common words and longer uncommon ones doubled are slips, as in corpus A
    assert fixed("The crop crop failed as the the dlrs dlrs ran out and hourly hourly pay fell.\n") == \
        "The crop failed as the dlrs ran out and hourly pay fell.\n"


# -- the seed and the CLI ------------------------------------------------------------

@pytest.mark.skipif(not SEED.exists(), reason="seed article not found at ../shared/seed (outside this checkout)")
def test_seed_only_pm_wedmesday_changes():
    original = SEED.read_text(encoding="utf-8")
    out = fixed(original)
    assert out == original.replace("pm Wedmesday", "on Wednesday")
    assert out != original


def test_cli_fix_and_json_report(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "story.txt"
    story.write_text("Forces attacked pm Wedmesday and the the town fell.\n", encoding="utf-8")
    result = cli("check", "--select", "Typos", "--format", "json", story)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(d["rule"], d["line"], d["column"], d["end_column"], d["fix"]["replacement"]) for d in report] == [
        ("Typos.Context", 1, 17, 19, "on"),
        ("Typos.Weekdays", 1, 20, 29, "Wednesday"),
        ("Typos.Repeated", 1, 34, 41, "the"),
    ]
    result = cli("fix", "--select", "Typos", story)
    assert result.exit_code == 0
    assert story.read_text(encoding="utf-8") == "Forces attacked on Wednesday and the town fell.\n"


def test_rules_test_passes_on_the_built_in_packs(cli):
    result = cli("rules", "test", ROOT / "rules" / "Typos")
    assert result.exit_code == 0, result.stdout
    assert re.search(r"\d+ rules, \d+ examples, 0 failed\.", result.stdout)


def test_a_misspelling_that_is_the_stem_of_a_contraction_is_not_reported_inside_it():
    # codespell's "couldn" -> "could|couldn't": the part of "couldn't" before its apostrophe
    # is not that slip (an error-level false positive on every "couldn't" in a corpus).
    from normlint import lint_text

    def misspellings(text):
        return [(d.message, d.column) for d in lint_text(text) if d.rule == "Typos.Misspellings"]

    assert misspellings("The Fed couldn't have waited.\n") == []
    assert misspellings("The Fed couldn’t have waited.\n") == []
    assert misspellings("\"The Fed couldn't wait,\" he said.\n") == []
    assert misspellings("The Fed couldn do it.\n") == [("Use 'could' or 'couldn't' instead of 'couldn'.", 9)]
    # never chosen in context: a guess could drop the negation
    assert fixed("The Fed couldn do it.\n", Config()) == "The Fed couldn do it.\n"
    assert misspellings("The Wedmesday's talks and the goverment's plan.\n") == [
        ("Use 'government' instead of 'goverment'.", 31)]


# -- slips that land on another word, fixed where the words around leave no doubt ------

@pytest.mark.parametrize("text,want", [
    ("Nabisco Brands Ltd, 80 pct-owed by RJR Nabisco, said it wold receive funding.\n",
     "Nabisco Brands Ltd, 80 pct-owned by RJR Nabisco, said it would receive funding.\n"),
    ("It has abut 475,000 dlrs; exports in the first four moths rose to a three-moth high.\n",
     "It has about 475,000 dlrs; exports in the first four months rose to a three-month high.\n"),
    ("It forecast growth of there pct, as it did six moths ago.\n",
     "It forecast growth of three pct, as it did six months ago.\n"),
])
def test_real_word_slips_in_a_telling_place_are_fixed(text, want):
    assert fixed(text) == want
    assert {r for r, *_ in rules(text)} == {"Typos.RealWordSlips"}


@pytest.mark.parametrize("text", [
    "The state owed 5 mln dlrs and the money owed by the family was repaid.\n",
    "The fields abut the river and abut 12th Street.\n",
    "They walked the wold; the wold not far off is Lincolnshire's.\n",
    "Three moths were found, and the moth flew off. Are there million-dollar homes? There are.\n",
])
def test_the_same_words_where_they_are_meant_are_left_alone(text):
    assert fixed(text) == text
    assert rules(text) == []


@pytest.mark.parametrize("text,want", [
    # a vote whose first figure is no hour of 12, with an en dash or "to"
    ("The committee voted 14–9 pm Thursday.\n", "The committee voted 14–9 on Thursday.\n"),
    ("The assembly voted 52 to 11 pm Friday.\n", "The assembly voted 52 to 11 on Friday.\n"),
    # a price and a channel's name are no clock times
    ("Tickets sold for €9 pm Saturday.\n", "Tickets sold for €9 on Saturday.\n"),
    ("State broadcaster Rossiya-1 pm Wednesday said so.\n", "State broadcaster Rossiya-1 on Wednesday said so.\n"),
    # ranges of hours stay times
    ("The bar is open from 9 to 11 pm Friday and 10–12 pm Saturday.\n",
     "The bar is open from 9 to 11 pm Friday and 10–12 pm Saturday.\n"),
])
def test_pm_after_a_vote_a_price_or_a_label_is_on(text, want):
    assert fixed(text) == want
