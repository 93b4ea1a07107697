"""The Units pack and the ``units`` check kind: exact diagnostics, fixed text, profiles."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from normlint import fix_text, lint_text
from normlint.cli import main
from normlint.config import Config
from normlint.errors import RuleFileError
from normlint.loader import read_rule
from normlint.packs import compile_rule

SEED = Path("/work/shared/seed/anbar-article.txt")


def units(profile="si"):
    return Config(select=("Units",), profile=profile)


def report(text, profile="si"):
    return [(d.rule, d.line, d.column, d.end_column, d.message, d.fix.replacement if d.fix else None,
             d.fix.applicability if d.fix else None)
            for d in lint_text(text, units(profile))]


def fixed(text, profile="si", unsafe=False):
    out = fix_text(text, units(profile), unsafe=unsafe)
    assert out.converged
    again = fix_text(out.text, units(profile), unsafe=unsafe)
    assert again.text == out.text, "fix twice must equal fix once"
    return out.text


# -- every profile -------------------------------------------------------------------

@pytest.mark.parametrize("profile", ["si", "ap", "bbc", "guardian", "reuters"])
def test_plural_and_case_are_fixed_in_every_profile(profile):
    text = "Troops drove 12 kms, seized 40 KGs and 3 kgs, crossed 300 mtrs on 900 Mhz with a 60 kw motor.\n"
    out = fixed(text, profile)
    for wrong in ("kms", "KGs", "kgs", "mtrs", "Mhz", "kw "):
        assert wrong not in out
    assert "MHz" in out and "kW" in out and "300 m " in out


def test_plural_diagnostics_are_exact():
    assert report("They drove 12 kms north.") == [
        ("Units.Plurals", 1, 15, 18, "Use 'km' instead of 'kms': unit symbols have no plural.", "km", "safe"),
    ]
    assert fixed("10 KMs and 5 Kms") == "10 km and 5 km"


def test_symbol_case_exact_and_collisions_left_alone():
    assert report("a 10 KM walk") == [
        ("Units.SymbolCase", 1, 6, 8, "Use 'km' instead of 'KM': unit symbols are case-sensitive.", "km", "safe"),
    ]
    # milliwatt, millihertz, moment magnitude are right as written
    assert report("a 5 mW laser at 3 mHz after a 7.8 Mw quake") == []
    # lower-case "mw": milli or mega?  Reported with a suggestion, never fixed
    diags = lint_text("a 600 mw plant", units())
    assert [(d.rule, d.fix, d.suggestions) for d in diags] == [("Units.SymbolCase", None, ("MW",))]


def test_fractions_and_decimals_are_figures():
    assert fixed("It ran 6-1/2 kms, then .5 kgs and 1/2 kms.") == "It ran 6-1/2 km, then .5 kg and 1/2 km."
    assert fixed("a 10-15 kms stretch") == "a 10-15 km stretch"


def test_units_need_a_number():
    assert report("KM Corp and the kms of road; KG is a name; Mhz alone.") == []


def test_area_forms_become_km2_in_si():
    text = "clear 26,238 square km, 500 sq. km, 40 sq km, 12 km2 and 9 sq m.\n"
    assert fixed(text) == "clear 26,238 km², 500 km², 40 km², 12 km² and 9 m².\n"


def test_abbreviations_reported_with_unsafe_fix_and_clock_times_left_alone():
    diags = report("The siege lasted 36 hrs and 10 secs; curfew at 2200 hrs.")
    assert [(d[0], d[4], d[5], d[6]) for d in diags] == [
        ("Units.Abbreviations", "Use 'h' instead of 'hrs'.", "h", "unsafe"),
        ("Units.Abbreviations", "Use 's' instead of 'secs'.", "s", "unsafe"),
    ]
    assert fixed("It lasted 36 hrs.") == "It lasted 36 hrs."  # safe fixes only
    assert fixed("It lasted 36 hrs.", unsafe=True) == "It lasted 36 h."
    assert fixed("It lasted 1 hr.", "bbc", unsafe=True) == "It lasted 1 hour."


def test_ambiguous_m_is_reported_never_fixed():
    diags = lint_text("The wall is 5m.\n", units())
    assert [(d.rule, d.message, d.fix, d.suggestions) for d in diags] == [
        ("Units.Ambiguous", "Write '5 m' or '5 million' instead of '5m': metres or million?", None,
         ("5 m", "5 million")),
    ]
    assert fixed("The wall is 5m.\n", unsafe=True) == "The wall is 5m.\n"
    assert report("It cost £5m and $3m; 5m tonnes of coal; a 5m tall wall.") == []
    # a currency's name or a count noun after it decides too
    assert report("Revenue reached 310m shillings; 3.6m hours of sewage; 2m naira.") == []


# -- per profile ---------------------------------------------------------------------

def test_spacing_per_profile():
    text = "It is 5km away, 20 kg heavier, at 90 mph.\n"
    assert fixed(text, "si") == text  # si: advice only (unsafe) for a consistent article
    assert fixed(text, "si", unsafe=True) == "It is 5 km away, 20 kg heavier, at 90 mph.\n"
    assert fixed(text, "ap") == "It is 5 km away, 20 kg heavier, at 90 mph.\n"
    assert fixed(text, "reuters") == "It is 5 km away, 20 kg heavier, at 90 mph.\n"
    assert fixed(text, "bbc") == "It is 5km away, 20kg heavier, at 90mph.\n"
    assert fixed(text, "guardian") == "It is 5km away, 20kg heavier, at 90mph.\n"
    [d] = lint_text("It is 5km away.", units("si"))
    assert (d.rule, str(d.severity), d.message) == ("Units.Spacing", "suggestion", "Write '5 km' instead of '5km'.")


def test_two_forms_of_one_unit_in_one_article_are_fixed_to_the_style_form():
    # Under si a closed-up "5km" alone is only advice; next to "10 km" it is a safe fix.
    text = "It is 5km away and 10 km further on.\n"
    [d] = lint_text(text, units("si"))
    assert (d.rule, str(d.severity), d.fix.applicability) == ("Units.Spacing", "warning", "safe")
    assert d.message == "Write '5 km' instead of '5km'. This article already writes it that way elsewhere."
    assert fixed(text) == "It is 5 km away and 10 km further on.\n"
    assert fixed("Winds of 120 km/h, then 90 kph.") == "Winds of 120 km/h, then 90 km/h."
    assert fixed("Prices rose 5% and then 3 %.") == "Prices rose 5 % and then 3 %."
    assert fixed("Output fell 5 pct; prices rose 3%.", "reuters") == "Output fell 5%; prices rose 3%."
    assert fixed("Output fell 5 pct; prices rose 3 pct.", "reuters") == "Output fell 5 pct; prices rose 3 pct."


def test_temperature_per_profile():
    text = "Temperatures reached 25°C, up from 20° C.\n"
    assert fixed(text, "si") == "Temperatures reached 25 °C, up from 20 °C.\n"  # mixed: both fixed
    assert fixed("Temperatures reached 25°C.", "si") == "Temperatures reached 25°C."  # closed alone: advice
    assert fixed("Temperatures reached 25°C.", "si", unsafe=True) == "Temperatures reached 25 °C."
    assert fixed(text, "bbc") == "Temperatures reached 25C, up from 20C.\n"
    assert fixed(text, "guardian") == "Temperatures reached 25C, up from 20C.\n"
    assert fixed(text, "ap") == "Temperatures reached 25 C, up from 20 C.\n"
    assert fixed(text, "reuters") == "Temperatures reached 25 degrees Celsius, up from 20 degrees Celsius.\n"
    # a bare letter is a temperature only when the sentence is about one
    assert fixed("He lives in Apartment 25C.", "si", unsafe=True) == "He lives in Apartment 25C."
    assert fixed("Temperatures hit 25C.", "si", unsafe=True) == "Temperatures hit 25 °C."
    assert fixed("Temperatures hit 25C.", "si") == "Temperatures hit 25C."  # unsafe under si


def test_percent_per_profile():
    text = "Prices rose 5 per cent, 3 percent and 2 pct.\n"
    assert fixed(text, "si") == text
    assert fixed(text, "bbc") == "Prices rose 5%, 3% and 2%.\n"
    # once "per cent" is "%", the kept "pct" is a second form of the unit in the article
    assert fixed(text, "reuters") == "Prices rose 5%, 3% and 2%.\n"
    assert fixed("Prices rose 5%.", "si") == "Prices rose 5%."
    assert fixed("Prices rose 5%.", "si", unsafe=True) == "Prices rose 5 %."


def test_speed_per_profile():
    text = "Winds of 120 kmh and 80 km/hr at 60 MPH.\n"
    assert fixed(text, "si") == "Winds of 120 km/h and 80 km/h at 60 mph.\n"
    assert fixed(text, "reuters") == "Winds of 120 kph and 80 kph at 60 mph.\n"
    assert fixed("Winds of 120 km/h.", "reuters") == "Winds of 120 kph."


def test_compound_adjectives():
    text = "They share a 600 kilometre border.\n"
    assert fixed(text, "si") == text  # wire copy omits the hyphen: advice
    assert fixed(text, "si", unsafe=True) == "They share a 600-kilometre border.\n"
    assert fixed(text, "ap") == "They share a 600-kilometre border.\n"
    # an article that already hyphenates one gets the others fixed safely
    assert fixed("a 10-mile walk and a 600 kilometre border") == "a 10-mile walk and a 600-kilometre border"
    assert report("It is 600 kilometres long; a 1 kilometre walk; 600 kilometre long.") == []
    assert fixed("They share a 600-km border.", "si", unsafe=True) == "They share a 600 km border."
    assert fixed("They share a 600-km border.", "bbc", unsafe=True) == "They share a 600km border."
    assert fixed("They share a 600-km border.", "reuters", unsafe=True) == "They share a 600-km border."


def test_units_inside_quotations_are_checked_too():
    assert fixed('He said: "We drove 12 kms."') == 'He said: "We drove 12 km."'


# -- the seed and the CLI ------------------------------------------------------------

SEED_LIKE = ("The troops pushed in five routes to clear 26,238 square km of areas.\n"
             "They infiltrate through the roughly 600 km long border.")


def test_seed_like_text_gets_different_unit_advice_under_bbc():
    si = [(d.rule, d.message) for d in lint_text(SEED_LIKE, units("si"))]
    bbc = [(d.rule, d.message) for d in lint_text(SEED_LIKE, units("bbc"))]
    assert si == [("Units.Area", "Use '26,238 km²' instead of '26,238 square km'.")]
    assert bbc == [("Units.Area", "Use '26,238 sq km' instead of '26,238 square km'."),
                   ("Units.Spacing", "Write '600km' instead of '600 km'.")]


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed article not found at {SEED}")
def test_seed_profile_bbc_gives_different_unit_advice(tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copyfile(SEED, path)
    runner = CliRunner()
    advice = {}
    for profile in ("si", "bbc"):
        res = runner.invoke(main, ["check", "--format", "json", "--select", "Units", "--profile", profile, str(path)])
        assert res.exit_code == 1, res.output
        advice[profile] = [(d["rule"], d["line"], d["column"], d["fix"]["replacement"] if d["fix"] else None)
                           for d in json.loads(res.output)]
    assert advice["si"] == [("Units.Area", 9, 43, "26,238 km²")]
    assert advice["bbc"] == [("Units.Area", 9, 43, "26,238 sq km"), ("Units.Spacing", 12, 135, "600km")]


def test_config_profile_reaches_the_units_rules(tmp_path):
    (tmp_path / "normlint.toml").write_text('profile = "guardian"\nselect = ["Units"]\n', encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("It is 5 km away.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["fix", str(art)])
    assert res.exit_code == 0, res.output
    assert art.read_text(encoding="utf-8") == "It is 5km away.\n"


# -- rule-file errors ------------------------------------------------------------------

def _rule(tmp_path, body):
    pack = tmp_path / "Mine"
    pack.mkdir(exist_ok=True)
    path = pack / "Bad.yml"
    path.write_text(body, encoding="utf-8")
    return read_rule(path, "Mine", None)


def test_bad_aspect_and_style_name_the_file_and_line(tmp_path):
    with pytest.raises(RuleFileError) as exc:
        compile_rule(_rule(tmp_path, "extends: units\nmessage: x %s\naspect: plurals\nfix: none\n"))
    assert "Bad.yml:3" in str(exc.value) and "'aspect' must be one of" in str(exc.value)
    with pytest.raises(RuleFileError) as exc:
        compile_rule(_rule(tmp_path, "extends: units\nmessage: x %s\naspect: spacing\nstyle: tight\nfix: none\n"))
    assert "Bad.yml:4" in str(exc.value) and "'style' for aspect 'spacing'" in str(exc.value)


# -- properties -------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["5", "26,238", "1/2", "-", " ", "  ", "\n", "kms", "KM", "km", "kg", "m", "mtrs", "hrs", "°C", "° C",
          "C", "degrees", "temperature", "%", "pct", "per cent", "kph", "km/h", "kmh", "sq", "square", "km2",
          "km²", "kilometre", "border", "long", "mw", "Mhz", '"', "“", "”", "'", "’", ",", ".", "£", "tonnes"]
unit_text = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_text, st.sampled_from(["si", "ap", "bbc", "guardian", "reuters"]))
def test_units_and_typography_fixes_converge_and_stay_in_their_spans(text, profile):
    config = Config(select=("Units", "Typography"), profile=profile)
    once = fix_text(text, config, unsafe=True, path="a.txt")
    assert once.converged, once.unstable_rules
    assert fix_text(once.text, config, unsafe=True, path="a.txt").text == once.text
    for d in lint_text(text, config, path="a.txt"):
        if d.fix:
            assert d.start <= d.fix.start <= d.fix.end <= d.end
