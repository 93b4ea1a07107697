"""The ``spelling`` check kind and its built-in rule Typos.Spelling."""
from __future__ import annotations

import json

import pytest

from normlint import fix_text, lint_text
from normlint.config import Config
from normlint.lexicon import Lexicon, classify, damerau, english

SEED_NAMES = ("Anbar", "Daesh", "Sukhoi", "Yarallah", "Rasheed", "Sputnik", "BAGHDAD")


def spelling(text, config=None):
    return [d for d in lint_text(text, config) if d.rule == "Typos.Spelling"]


def only_spelling(**kw):
    return Config(select=("Typos.Spelling",), **kw)


def a_question(text):
    """The one spelling diagnostic of ``text``, asserting that it is a suggestion only and
    that ``fix`` leaves the text as it is."""
    assert fix_text(text).text == text
    (d,) = spelling(text)
    assert d.fix.applicability == "unsafe"
    return d


# -- the seed -------------------------------------------------------------

def test_seed_names_are_not_reported(cli):
    from conftest import SEED

    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    result = cli("check", "--select", "Typos.Spelling", "--format", "json", SEED)
    diags = json.loads(result.output)
    assert [(d["line"], d["column"], d["end_column"], d["fix"]) for d in diags] == [
        (7, 159, 168, {"replacement": "Wednesday", "applicability": "safe"})]
    flagged = {SEED.read_text(encoding="utf-8").splitlines()[d["line"] - 1][d["column"] - 1:d["end_column"] - 1]
               for d in diags}
    assert flagged == {"Wedmesday"}
    assert not flagged & set(SEED_NAMES)


def test_seed_is_fixed_with_the_default_packs(cli, tmp_path):
    from conftest import SEED

    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    cli("fix", copy)
    fixed = copy.read_text(encoding="utf-8")
    assert "neighboring Syria and Jordan on Wednesday, the Iraqi military said." in fixed
    for name in SEED_NAMES:
        assert name in fixed


# -- slips are fixed ------------------------------------------------------

def test_keyboard_slips_fixed_exactly():
    text = "They walked thrpugh the nstional park on Wedmesday.\n"
    assert fix_text(text, only_spelling()).text == "They walked through the national park on Wednesday.\n"


def test_a_far_key_or_a_stray_letter_ranks_below_a_typical_slip():
    # "coast" by a swap, before the commoner "cost" with a stray "a" and "cast" with two
    (d,) = spelling("Winds of up to 70 km/h blew along the caost.", only_spelling())
    assert tuple(d.suggestions[:3]) == ("coast", "cost", "cast")


def test_diagnostic_fields():
    (d,) = spelling("The nstional team.")
    assert (d.line, d.column, d.end_line, d.end_column) == (1, 5, 1, 13)
    assert d.message == "'nstional' is misspelt; use 'national'."
    assert d.fix.replacement == "national" and d.fix.applicability == "safe"
    assert d.suggestions[0] == "national"


def test_capitalised_slips_of_common_proper_words_are_caught():
    text = "Talks resume in Febuary with Amercian and Brtiish envoys.\n"
    fixed = fix_text(text, only_spelling()).text
    assert fixed == "Talks resume in February with American and British envoys.\n"


def test_case_is_kept():
    assert fix_text("Thrpugh the night.", only_spelling()).text == "Thrpugh the night."  # sentence start: unsafe
    assert fix_text("Thrpugh the night.", only_spelling(), unsafe=True).text == "Through the night."


def test_ambiguous_slip_is_an_unsafe_fix_with_suggestions():
    (d,) = spelling("Send it to thir office.")
    assert d.fix.applicability == "unsafe"
    assert {"their", "this"} <= set(d.suggestions)
    assert d.message.startswith("'thir' may be misspelt; did you mean ")
    assert fix_text("Send it to thir office.", only_spelling()).text == "Send it to thir office."


def test_article_context_and_neighbours_steer_the_ranking():
    from normlint.lexicon import BIGRAM_WEIGHT, IN_CONTEXT_BONUS

    lex = english()
    plain = {s.word: s.score for s in lex.rerank(lex.suggest("wehat"))}
    in_story = {s.word: s.score for s in lex.rerank(lex.suggest("wehat"), context={"wheat"})}
    assert in_story["wheat"] == pytest.approx(plain["wheat"] + IN_CONTEXT_BONUS)
    assert in_story["what"] == pytest.approx(plain["what"])
    # "wheat flour" is a common pair, "what flour" is not
    after = {s.word: s.score for s in lex.rerank(lex.suggest("wehat"), right="flour")}
    gain = after["wheat"] - plain["wheat"]
    assert gain == pytest.approx(BIGRAM_WEIGHT * lex.bigram("wheat", "flour")) and gain > 2


def test_human_misspellings_two_edits_away():
    text = "The goverment targetted commerical dificulties and recieved aid."
    assert fix_text(text, only_spelling()).text == \
        "The government targeted commercial difficulties and received aid."


def test_hyphenated_parts_and_contractions():
    assert fix_text("A well-knwon firm.", only_spelling()).text == "A well-known firm."
    assert spelling("It doesn't matter; they won't say, Iraq’s army said.") == []


def test_rule_files_win_on_the_same_span():
    diags = lint_text("It started pm Wedmesday.")
    assert [d.rule for d in diags] == ["Typos.Context", "Typos.Weekdays"]


# -- names and house style are not typos -----------------------------------

@pytest.mark.parametrize("text", [
    "Abdul Amir Rasheed Yarallah said Sukhoi jets flew over al-Anbar.",
    "BAGHDAD (Dispatches) - Daesh fled, Sputnik reported.",
    "IRAQ GETS RID OF U.S. TROOPS IN ANTI-DAESH OPRATIONS",  # all-caps headline: never checked
    "Shr 1.20 dlrs vs 95 cts; net 12 mln dlrs, up 5 pct, said <Acme Intl Corp>.",
    "Lee Teng-hui met the F16 pilots and the iPhone makers at McDonalds.",
    "Mail jdoe@exmaple.com or see https://exmaple.org/pge and www.exmaple.net.",
    "Follow @nstional and #thrpugh for news from ./docs/fiel.txt",
    "The soymeal and winterkill reports, the nonbank lenders and the refinancings.",
    "The shares were delisted as destocking of soyoil went on, at Libor plus force majeure.",
    "Pre-tax profit at Banque des Etats and Gesellschaft fuer Technik rose 5 pct per annum.",
])
def test_not_flagged(text):
    assert spelling(text) == []


def test_unknown_word_repeated_in_an_article_is_never_fixed_safely():
    text = "The grean fund. The grean fund rose."
    assert all(d.fix is None or d.fix.applicability == "unsafe" for d in spelling(text))
    assert fix_text(text, only_spelling()).text == text


def test_unknown_word_whose_plural_the_article_also_uses_is_never_fixed_safely():
    # "seamer ... seamers": one word the list lacks, used twice in two forms
    text = "The brokor bowled well. Two brokors took wickets."
    assert fix_text(text, only_spelling()).text == text
    assert [d.fix.applicability for d in spelling(text)] == ["unsafe", "unsafe"]


def test_a_short_words_first_letter_is_changed_only_by_a_near_key_or_a_swap():
    # "eport" is as likely "export" as "report"; "iftar" is not "after"
    (d,) = spelling("The firm will eport grain.")
    assert d.message == "'eport' may be misspelt; did you mean 'report' or 'sport' or 'export'?"
    assert d.fix.applicability == "unsafe"
    # a longer word has too few neighbours for that to be a guess
    assert fix_text("Its beficit grew.", only_spelling()).text == "Its deficit grew."


def test_a_slip_in_the_word_ending_a_compound_after_a_name_is_fixed():
    text = "A Tunis-besed think tank said the Iran-bakced group and Kremlin-linekd firms met."
    assert fix_text(text, only_spelling()).text == \
        "A Tunis-based think tank said the Iran-backed group and Kremlin-linked firms met."
    # any other lowercase part after a name and a hyphen is the name's
    assert spelling("Lee Teng-hui met Kim Dae-jung, Chi-cheng and Ka-shing.") == []


@pytest.mark.parametrize("text", [
    "He visited the Muséum national d’Histoire naturelle in Paris.",  # French, after "d’"
    "\"Le gouvernement a dit non,\" she said.",  # an article opening another language's sentence
    "It was one of the long-snouted predators.",  # a compound adjective of a known word
    "The economy has dollarized, and the lira weaponised.",  # known word + -ize
    "OPEC+ took pre-emptive action and co-opted rivals.",  # known closed up: "preemptive"
    "The left-hander and two right-handers bowled.",
    "The four London clearers cut rates, costing mlns of dlrs.",  # wire and banking words
    "Ferreira made a 51-yarder, and two three-pointers fell.",  # a count, a hyphen, a word + -er
    "\"It is hard,\" said Dr. Aung Zaw Htet.",  # a title's full stop opens no sentence
    "It rose. Nikos Andreadis said so. Jama'at Nusrat claimed it.",  # a name opening a sentence
    "The bid shored up the stock; they schemed with a molder.",  # rare forms of common words
    "Economists call it reflation, and yearend figures agree.",
])
def test_words_of_foreign_names_compounds_and_derivations_are_not_fixed(text):
    assert fix_text(text, only_spelling()).text == text


def test_up_is_a_prefix():
    assert spelling("Banks rely on upselling to customers.") == []


# -- British and American -------------------------------------------------

def test_a_capitalised_form_inside_a_sentence_is_a_name_not_a_mix():
    assert spelling("Union labour was cheap, said the Australian Labor Party.") == []
    text = "The Australian Labor Party met at the Kennedy Space Center."
    assert fix_text(text, only_spelling(profile="bbc")).text == text
    (d,) = spelling("Union labour was cheap. Labor costs rose.")  # opening a sentence, it counts
    assert d.message == "'Labor' mixes spellings: this article first wrote 'labour'."


def test_both_spellings_accepted_mixing_reported():
    assert spelling("The colour was bright.") == []
    assert spelling("The color was bright.") == []
    (d,) = spelling("The colour faded. The color was bright.")
    assert d.message == "'color' mixes spellings: this article first wrote 'colour'."
    assert d.fix.replacement == "colour" and d.fix.applicability == "unsafe"


def test_profile_prefers_one_spelling():
    text = "The colour of the theatre, the organised labour.\n"
    assert fix_text(text, only_spelling(profile="ap")).text == "The color of the theater, the organized labor.\n"
    back = "The color of the theater, the organized labor.\n"
    assert fix_text(back, only_spelling(profile="bbc")).text == text


def test_spelling_table_sets_variant(project, cli):
    project.config(builtin=True, extra='[spelling]\nvariant = "american"\n')
    project.write("a.txt", "The colour.\n")
    result = cli("fix", "--select", "Typos.Spelling", "a.txt")
    assert (project.root / "a.txt").read_text() == "The color.\n"
    assert result.exit_code == 0


# -- vocabularies ----------------------------------------------------------

def test_vocab_accept_and_reject(project, cli):
    project.config(builtin=True, extra='vocab = ["vocab"]\n')
    project.write("vocab/accept.txt", "# names\ngrean\n(?i)zorb[a-z]+\n")
    project.write("vocab/reject.txt", "Yarallah\n")
    project.write("a.txt", "The grean fund, zorbaxx and ZORBIX, and Yarallah said nstional.\n")
    result = cli("check", "--select", "Typos.Spelling", "--format", "json", "a.txt")
    got = [(d["column"], d["message"], d["fix"]) for d in json.loads(result.output)]
    assert got == [
        (41, "'Yarallah' is on the project's reject list.", None),
        (55, "'nstional' is misspelt; use 'national'.", {"replacement": "national", "applicability": "safe"}),
    ]
    assert result.exit_code == 1


def test_vocab_lowercase_entry_accepts_capitalised_forms(project):
    project.config(builtin=True, extra='vocab = "vocab"\n')
    project.write("vocab/accept.txt", "thrpugh\n")
    assert spelling("Thrpugh thrpugh THRPUGH.", project.load()) == []


def test_missing_vocab_folder_is_a_config_error(project, cli):
    project.config(builtin=True, extra='vocab = ["nowhere"]\n')
    project.write("a.txt", "Text.\n")
    result = cli("check", "a.txt")
    assert result.exit_code == 2
    assert "vocab folder" in result.output and "nowhere" in result.output
    assert "Traceback" not in result.output


def test_bad_vocab_regex_names_file_and_line(project, cli):
    project.config(builtin=True, extra='vocab = ["vocab"]\n')
    project.write("vocab/accept.txt", "fine\n(unclosed\n")
    project.write("a.txt", "Text.\n")
    result = cli("check", "a.txt")
    assert result.exit_code == 2
    assert "accept.txt" in result.output and "line 2" in result.output


def test_bad_rule_keys_name_the_file(project, cli):
    project.rule("My/Spell.yml", """\
        extends: spelling
        message: "'%s' -> '%s'"
        variant: canadian
        fix: none
        """)
    project.write("x.txt", "Text.\n")
    result = cli("check", "x.txt")
    assert result.exit_code == 2
    assert "Spell.yml:3" in result.output and "variant" in result.output


# -- the machinery -----------------------------------------------------------

def test_each_distinct_word_is_looked_up_once(monkeypatch):
    from collections import Counter

    from normlint.api import get_linter

    check = next(c for c in get_linter(only_spelling()).checks if c.kind == "spelling")
    check._cache.clear()
    asked = Counter()
    known = check._known

    def counting(word):
        asked[word] += 1
        return known(word)

    monkeypatch.setattr(check, "_known", counting)
    lint_text("Zorbulon zorbulon zorbulon and the grean.", only_spelling())
    lint_text("The zorbulon was grean, zorbulon said.", only_spelling())
    assert asked["zorbulon"] == 1 and asked["grean"] == 1


def test_classify_edits():
    assert classify("thrpugh", "through") == "near-key"
    assert classify("wehat", "wheat") == "swap"
    assert classify("tradde", "trade") == "doubled"
    assert classify("goverment", "government") == "dropped"
    assert classify("ocasion", "occasion") == "dropped-double"
    assert classify("abc", "xyz") is None
    assert damerau("commerical", "commercial") == 1
    assert damerau("recievd", "received") == 2


def test_suggestions_ranked_by_slip_and_frequency():
    lex = Lexicon.from_lines(["through\t500", "trough\t300", "thorough\t400"])
    assert [s.word for s in lex.suggest("thrpugh")] == ["through"]
    assert [s.word for s in lex.suggest("thorugh")] == ["through", "thorough"]  # a swap beats a drop
    assert english().frequency("the") > english().frequency("wheat") > 0


def test_rare_word_one_slip_from_a_common_one_is_taken_as_the_slip():
    (d,) = spelling("Sales rose to 3.5 billon dlrs.")
    assert d.message == "'billon' is a rare word; 'billion' is likelier here."
    assert fix_text("Sales rose to 3.5 billon dlrs.", only_spelling()).text == "Sales rose to 3.5 billion dlrs."
    assert spelling("A wold and a tody.") == []  # rare, but no common word one slip away is that much likelier
    # a form of a word about as common as the slip's reading, with its "e" dropped, is that
    # form ("holing a putt": "hole"); before, it was safely "holding"
    assert spelling("He made a hole-in-one, holing a 7-iron from 187 yards.") == []
    # ...but not of a far rarer one ("sine", "mete")
    assert [d.fix.replacement for d in spelling("The sining room was full.")] == ["dining"]


def test_results_cache_sees_vocab_edits(project, cli, monkeypatch):
    monkeypatch.delenv("NORMLINT_NO_CACHE", raising=False)  # the suite turns the cache off; this test needs it
    project.config(builtin=True, extra='vocab = ["vocab"]\n')
    project.write("vocab/accept.txt", "# none yet\n")
    project.write("a.txt", "The grean fund.\n")
    first = cli("check", "--select", "Typos.Spelling", "a.txt")
    assert first.exit_code == 1 and "grean" in first.output
    project.write("vocab/accept.txt", "grean\n")
    from normlint.api import clear_caches
    clear_caches()
    again = cli("check", "--select", "Typos.Spelling", "a.txt")
    assert again.exit_code == 0, again.output


# -- precision on correct text (issue 4 follow-up) ---------------------------

def test_shipped_news_words_are_suggestions():
    # "dlrs" is on the shipped accept list, not in the general list: it is still the
    # word a slip of it is fixed to (not "drum", two edits away)
    assert fix_text("Sales were 5.2 mln dlrsm last year.\n", only_spelling()).text == \
        "Sales were 5.2 mln dlrs last year.\n"


def test_first_letter_edit_ranks_below_an_in_word_edit():
    # the two targets are one dropped letter away; the rarer in-word fix wins
    lex = Lexicon.from_lines(["ongoing\t350", "longing\t380"])
    assert [s.word for s in lex.suggest("onging")] == ["ongoing", "longing"]
    assert fix_text("Talks had been onging for four months.\n", only_spelling()).text == \
        "Talks had been onging for four months.\n"  # not "longing"


def test_word_pair_does_not_outvote_a_far_commoner_word():
    # "cannot" is counted from the films list (the books' tokeniser split it), and the
    # listed pair "and cant" no longer outweighs it: no safe fix to "cant"
    lex = english()
    assert lex.frequency("cannot") > lex.frequency("cant")
    text = "Saudi Arabia will not discount and canot sell its oil.\n"
    (d,) = spelling(text)
    assert d.suggestions[0] == "cannot"
    assert fix_text(text, only_spelling()).text == text
    assert fix_text(text, only_spelling(), unsafe=True).text == \
        "Saudi Arabia will not discount and cannot sell its oil.\n"


def test_short_word_with_untypical_edit_needs_a_wide_margin():
    from normlint.checks.spelling import SHORT_SAFE_MARGIN, SHORT_WORD_LENGTH

    assert SHORT_WORD_LENGTH == 6 and SHORT_SAFE_MARGIN > 1
    # "opto" before a hyphen is a combining form, not a slip of "opt"
    text = "It makes an opto-electronic receiver and agro-industrial kits.\n"
    assert fix_text(text, only_spelling()).text == text
    # "threme" is "three" with a far letter typed, or "theme" with a near one: a guess
    (d,) = spelling("A campaign under the threme of unity.")
    assert d.fix.applicability == "unsafe" and set(d.suggestions[:2]) == {"three", "theme"}
    # typical slips of short words are still fixed safely
    assert fix_text("The board alkso met iwth the comany.\n", only_spelling()).text == \
        "The board also met with the company.\n"


def test_a_plural_ending_picks_the_plural_of_a_word_and_its_plural():
    # frequency alone picks the singular ("business", "standard")
    assert fix_text("Power was cut to homes and busineses.\n", only_spelling()).text == \
        "Power was cut to homes and businesses.\n"
    assert fix_text("They said the standars do not exist.\n", only_spelling()).text == \
        "They said the standards do not exist.\n"
    # a typed "-ss" ending is a singular's only where the singular ends so
    assert fix_text("It cut rapeseed purchass.\n", only_spelling()).text == "It cut rapeseed purchases.\n"
    # ... or the plural's "s" swapped with the letter before it
    assert fix_text("Its porst and shovesl; temperaturse rose.\n", only_spelling()).text == \
        "Its ports and shovels; temperatures rose.\n"
    # ... or a count before it
    assert fix_text("It hit the city in 72 housr.\n", only_spelling()).text == "It hit the city in 72 hours.\n"
    # no such sign: frequency and the neighbours decide
    assert fix_text("The housr was sold.\n", only_spelling()).text == "The house was sold.\n"
    # a count does not turn a far likelier singular reading into a rare plural
    assert fix_text("Each jet seats 12 firsst class passengers.\n", only_spelling()).text == \
        "Each jet seats 12 first class passengers.\n"
    # "sinse" is "since" with a near key as much as "sines" with a swap
    assert fix_text("Rates rose sinse May.\n", only_spelling()).text == "Rates rose since May.\n"


def test_an_ending_typed_picks_the_form_with_it_of_a_word_and_that_form():
    # frequency alone picks the adjective ("conventional", "temporary")
    assert fix_text("The plant was conventionaly built.\n", only_spelling()).text == \
        "The plant was conventionally built.\n"
    assert fix_text("Workers were laid off temporarly at the plant.\n", only_spelling()).text == \
        "Workers were laid off temporarily at the plant.\n"
    # an adverb too rare for a safe fix ("coolly") is offered first, not the adjective
    (d,) = spelling("He said cooly.")
    assert (d.message, d.fix.replacement, d.fix.applicability) == \
        ("'cooly' may be misspelt; did you mean 'coolly' or 'Cooley' or 'cool'?", "coolly", "unsafe")
    assert fix_text("He said cooly.\n", only_spelling()).text == "He said cooly.\n"
    # no "-ly" typed: the adjective stays the reading
    assert fix_text("It was a conventinal plant.\n", only_spelling()).text == "It was a conventional plant.\n"
    # ... and a past's "-d" picks the past of a verb and its past ("complete", "completed")
    assert fix_text("RJR completd the sale in March.\n", only_spelling()).text == \
        "RJR completd the sale in March.\n".replace("completd", "completed")
    assert fix_text("Japanese authors outnumberd the rest.\n", only_spelling()).text == \
        "Japanese authors outnumbered the rest.\n"
    # (a "d" after a plural "s" is a stray key)
    assert fix_text("It sold 100 sharesd last week.\n", only_spelling()).text == "It sold 100 shares last week.\n"


def test_a_names_pack_word_in_lower_case_is_capitalised_not_respelt():
    # "daesh" is one edit from "dash", but it is the name
    (d,) = spelling("Militants of daesh attacked.")
    assert (d.message, d.fix.replacement, d.fix.applicability) == ("'daesh' is a name; write 'Daesh'.", "Daesh", "safe")
    assert fix_text("Militants of daesh attacked.\n", only_spelling()).text == "Militants of Daesh attacked.\n"


def test_a_letter_moved_two_places_is_a_candidate_beside_one_edit_words():
    from normlint.lexicon import is_moved_letter, moved_letters
    assert "quiet" in moved_letters("qutie") and "quite" not in moved_letters("qutie")  # a swap
    assert is_moved_letter("boaut", "about") and not is_moved_letter("boaut", "boat")
    # "boat", "bout" and "boast" are one edit away, but "about" is the word most often meant
    (d,) = spelling("Prices were boaut unchanged on stable supplies.")
    assert (d.fix.replacement, d.fix.applicability, d.suggestions[:3]) == ("about", "unsafe", ("about", "boat", "bout"))
    # not beside a one-edit word that is a typical slip: "eight" with a doubled letter stays a
    # safe fix, where "height" (and "height at") would only add doubt
    (d,) = spelling("It will redeem the stock on April eighht at 102.24 dlrs a share.")
    assert (d.fix.replacement, d.fix.applicability, d.suggestions) == ("eight", "safe", ("eight", "eighth"))


def test_a_word_the_article_uses_often_weighs_more_against_a_commoner_one():
    # "what" is far commoner than "wheat", but this story says "wheat" three times: no longer
    # safely "what"; a word every story uses often ("with") gets no such weight
    text = "Wheat prices rose. Wheat exports fell. The wheat crop was big. India bought winter wehat."
    (d,) = spelling(text)
    assert (d.fix.replacement, d.fix.applicability, d.suggestions) == ("wheat", "safe", ("wheat", "what"))
    # "what to" is a likelier pair than "wheat to": then it is a question for the writer
    (d,) = spelling(text.replace("wehat.", "wehat to Sri Lanka."))
    assert (d.fix.applicability, d.suggestions) == ("unsafe", ("what", "wheat"))
    (d,) = spelling("India bought winter wehat.")  # without the article's "wheat": a guess
    assert (d.fix.replacement, d.fix.applicability) == ("wheat", "unsafe")
    (d,) = spelling("He went with her, with them and with us to the quake, wich killed many.")
    assert (d.fix.replacement, d.fix.applicability) == ("which", "safe")


def test_market_jargon_is_not_respelt():
    assert spelling("Muni bonds fell, munis eased, nearbys firmed, Other Milds rose and the "
                    "temporao crop was cut.") == []
    assert spelling("Reputational damage hit 16- to 34-year-olds and kindergartners alike.") == []


def test_a_given_name_before_a_surname_is_not_a_slip_of_a_place():
    assert spelling("He finished clear of Kenta Morikawa.") == []  # an unlisted surname
    # a listed surname the story uses again on its own
    assert spelling("It opens on Jan. 7.  Thao Nguyen, a teacher, said so. Nguyen said it was late.") == []
    # the slip is still reported before listed words, and before a name used once, but as a
    # suggestion: a given name may stand before a surname the word list knows
    for text, best in (("He flew Kenta Airways to Nairobi.", "Kenya"),
                       ("It opens on Jan. 7.  Thao Nguyen, a teacher, said so.", "Thai")):
        assert [(d.fix.replacement, d.fix.applicability) for d in spelling(text)] == [(best, "unsafe")]
    assert [(d.fix.replacement, d.fix.applicability) for d in spelling("He flew to Kenta on Monday.")] == \
        [("Kenya", "safe")]
    # opening a sentence, before a surname particle and a capitalised word: a name
    assert spelling("The talks failed. Sanne de Graaf said so.") == []
    assert [d.suggestions for d in spelling("The talks failed. Sanne said so.")] == [("Anne",)]


def test_an_abbreviation_after_what_it_stands_for_is_not_a_slip():
    text = ("Ministers failed to suspend monetary compensatory amounts, mcas, in the pork sector.\n"
            "They discussed the common agricultural policy (cap) and export refund (er) rules.\n")
    assert spelling(text) == []
    # without the phrase before it, the same word is a slip
    (d,) = spelling("Ministers failed to suspend the mcas in the pork sector.")
    assert d.fix.replacement == "macs"


def test_a_fix_takes_the_articles_british_or_american_spelling():
    text = "Doctors will prioritise care. They worked to orginize cover.\n"
    assert fix_text(text, only_spelling()).text == \
        "Doctors will prioritise care. They worked to organise cover.\n"
    assert fix_text("They worked to orginize cover.\n", only_spelling()).text == \
        "They worked to organize cover.\n"
    assert fix_text("They worked to orginize cover.\n", only_spelling(profile="bbc")).text == \
        "They worked to organise cover.\n"
    # only a form in real use on the other side: "expertize" is not
    assert fix_text("The center has epxertise.\n", only_spelling()).text == "The center has expertise.\n"


def test_a_four_letter_word_read_as_a_shorter_one_needs_a_wide_margin():
    # "noth": "not" with a letter too many, or "north" with one dropped
    (d,) = spelling("Rutba lies 40 km noth of the town.")
    assert d.fix.applicability == "unsafe" and d.suggestions[:2] == ("not", "north")
    (d,) = spelling("It keeps youg people safe.")  # "your" or "young"
    assert d.fix.applicability == "unsafe" and {"your", "young"} <= set(d.suggestions)
    # a doubled letter or a swap still leaves no doubt
    assert fix_text("He said thhe plan was dead iwth it.\n", only_spelling()).text == \
        "He said the plan was dead with it.\n"


@pytest.mark.parametrize("text", [
    "ZCCM, which monopolises copper mining in Zambia.",  # British -ise beside "monopolizes"
    "The harmonisation of rules.",
    "It imposes an ad valorem tax.",
    "Oil liftings fell in January.",
    "There would have to be a turnround soon.",
    "Mining of eluvial surface material.",
    "A tight-fisted fiscal policy.",
])
def test_real_words_are_not_fixed(text):
    assert spelling(text) == []


# -- the packed word list and pair table (issue 6: cold start and memory) -----

def _data_lines(name):
    import gzip
    import importlib.resources

    raw = (importlib.resources.files("normlint") / "data" / name).read_bytes()
    return gzip.decompress(raw).decode("utf-8").splitlines()


@pytest.mark.parametrize("rule_cache", ["on", "off"])
def test_packed_word_list_matches_the_data_file(rule_cache, tmp_path, monkeypatch):
    # the list is cached as two strings and an array of values, built on a miss: either
    # way every word keeps its exact frequency, and the rare/common split agrees with it
    from normlint import lexicon

    if rule_cache == "off":
        monkeypatch.setenv("NORMLINT_NO_RULE_CACHE", "1")
    else:
        monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(tmp_path))
    lexicon.english.cache_clear()
    try:
        for _ in range(2):  # the second pass reads the entry the first wrote
            lexicon.english.cache_clear()
            lex = lexicon.english()
            lines = _data_lines("words_en.tsv.gz")
            assert len(lex.words) >= len(lines)
            for line in lines[::37]:
                word, _, value = line.partition("\t")
                expected = int(value) / 100 if value else 3.0
                assert word in lex
                if word not in ("dlrs", "pct", "mln"):
                    assert lex.frequency(word) == expected, word
                assert lex.rare(word) == (0 < lex.frequency(word) < lexicon.RARE_ZIPF), word
            assert lex.frequency("dlrs") == lexicon.ACCEPT_ZIPF and not lex.rare("dlrs")
            assert "qwxzv" not in lex and not lex.rare("qwxzv") and lex.frequency("qwxzv") == 0.0
    finally:
        lexicon.english.cache_clear()


def test_pair_table_lookup_matches_the_data_file():
    from normlint.lexicon import BIGRAM_FLOOR

    lex = english()
    lines = _data_lines("bigrams_en.tsv.gz")
    for line in lines[::53] + [lines[0], lines[-1]]:
        pair, _, value = line.partition("\t")
        left, right = pair.split(" ", 1)
        assert lex.bigram(left, right) == max(0.0, int(value) / 10 - BIGRAM_FLOOR), pair
    # neighbours of listed keys in the sort order, and keys that are prefixes of listed ones
    assert lex.bigram("a", "") == 0.0
    assert lex.bigram("zzzz", "zzzz") == 0.0
    assert lex.bigram("", "a") == 0.0
    first = lines[0].partition("\t")[0]
    assert lex.bigram(first[:-1], "") == 0.0


# -- typographic apostrophes ------------------------------------------------------

CONTRACTIONS = ("We don’t know. It isn’t clear. They won’t go. They’re here. Couldn’t they? Wouldn’t "
                "they? Shouldn’t they? Hadn’t they? Mustn’t they? Needn’t they? Doesn’t it? Didn’t "
                "it? Aren’t they? Weren’t they? Hasn’t it? Wasn’t it? The minister’s aides said "
                "they’d go; the Smiths’ house wasn’t damaged.\n")


def test_contractions_with_typographic_apostrophes_are_known_words():
    # The word list spells contractions with a straight apostrophe; copy set with curly
    # ones (the Guardian's, the BBC's) must read the same, not as "Couldn" + "t".
    assert spelling(CONTRACTIONS) == []
    assert spelling(CONTRACTIONS.replace("’", "'")) == []
    assert [(d.message, d.column) for d in spelling("It isn’t clear and we dont know.\n")] == [
        ("'dont' may be misspelt; did you mean 'done' or 'don' or 'font'?", 23)]


def _names_pack_words():
    import re
    from pathlib import Path

    import yaml

    words = set()
    for f in sorted((Path(__file__).resolve().parents[1] / "rules" / "Names").glob("*.yml")):
        for group in yaml.safe_load(f.read_text(encoding="utf-8")).get("groups") or ():
            for form in group.get("forms", ()):
                for w in re.findall(r"[\w'’]+", form):
                    if w[0].isupper():
                        words.add(w)
    return sorted(words)


def test_the_words_of_the_names_packs_forms_are_not_slips_where_they_open_a_sentence():
    # A name opening a sentence is checked against common words one edit away ("Teh"):
    # the names the built-in packs know must not read as slips there ("Abu" for "Abs",
    # "Daesh" for "Dash").  Kazakstan, the 1990s form, is offered the current one.
    words = _names_pack_words()
    assert {"Abu", "Daesh", "Aqsa", "Jong", "Shi'a", "São", "Côte"} <= set(words)
    reported = {w: [d.message for d in spelling(f"{w} said on Monday that the talks would go on.\n")]
                for w in words}
    assert {w: m for w, m in reported.items() if m} == {
        "Kazakstan": ["'Kazakstan' is misspelt; use 'Kazakhstan'."]}


def test_a_capitalised_word_with_a_letter_outside_a_z_opening_a_sentence_is_a_name():
    # An English keyboard's slip does not add "ã" or "ç"; a foreign name has them.
    assert spelling("São Tomé voted. Çelik said so. Ölüdeniz was quiet.\n") == []
    assert spelling("Whtä happened next?\n") == []
    assert [d.message for d in spelling("Whta happened next?\n")] == ["'Whta' may be misspelt; did you mean 'What'?"]


def test_words_of_todays_news_are_not_fixed_into_other_words():
    # The list's sources (books, film subtitles) lack them; before they were accepted,
    # "repo rate" became "rep rate", "vaping" "gaping", "subsea" "subset".
    text = ("The central bank left its repo rate unchanged. Subsea cables, onboard systems and "
            "vaping rules worried influencers, as did bitcoin, blockchain and ransomware.\n")
    assert fix_text(text).text == text
    assert spelling(text) == []
    # slips of them are fixed like any other word's; a neighbour of one is left alone
    assert fix_text("The vapnig trend grew.\n").text == "The vapnig trend grew.\n".replace("vapnig", "vaping")
    assert fix_text("Korea's chaebols borrowed heavily.\n").text == "Korea's chaebols borrowed heavily.\n"


def test_an_accent_a_house_style_may_drop_is_no_misspelling():
    # Before, these were "misspelt" and safely respelt, some into other words ("résumé" ->
    # "resume", "attaché" -> "attach", "crème" -> "crime", "rosé" -> "rose").
    text = ("Her résumé lists a café, a rosé, the crème brûlée, an attaché, a naïve protégé, "
            "an exposé and the mêlée.\n")
    assert spelling(text) == []
    assert fix_text(text).text == text
    # words with letters an English keyboard does not type are foreign, not slips
    assert spelling("Her book Những ngôi nhà trên mặt nước won.\n") == []
    # the unaccented slip is still fixed
    assert fix_text("Her resuem was long.\n").text == "Her resume was long.\n"


@pytest.mark.parametrize("phrase", ["in situ", "amicus curiae", "raison d'être", "raison d’etre", "laissez-faire",
                                    "Laissez faire", "papier-mâché", "sub judice", "pari passu", "enfant terrible",
                                    "film noir", "a fait accompli", "motion in limine", "avant-garde",
                                    "crème brûlée", "post mortem", "ex officio", "habeas corpus", "voir dire",
                                    "pinot noir", "en pointe", "a boda-boda", "cacio e pepe", "messa di voce",
                                    "moules frites", "xiao long bao", "bossa nova"])
def test_the_words_of_a_loan_phrase_are_left_alone_in_it(phrase):
    # Before, "in situ" became "in site", "amicus curiae" "minus curiae", "film noir"
    # "film nor", "laissez-faire" "laissez-fire" (safe fixes).
    text = f"They said {phrase} was the point.\n"
    assert spelling(text) == []
    assert fix_text(text).text == text


def test_a_loan_phrase_word_outside_its_phrase_is_still_a_slip():
    assert [d.fix.replacement for d in spelling("They said the situ was tense.\n")] == ["site"]
    # punctuation between the words breaks the phrase
    assert [d.fix.replacement for d in spelling("They said in. Situ was tense.\n")] == ["Site"]
    assert [d.fix.replacement for d in spelling("It was the noir of them.\n")] == ["nor"]


def test_the_second_word_of_a_species_name_is_not_a_slip():
    # Before: "Ciconia stormi" -> "storm" and "Aedes aegypti" -> "Egypt", "Vibrio cholerae"
    # -> "cholera", "Caenorhabditis elegans" -> "elegant".
    text = ("Teams saw Storm's stork (Ciconia stormi). Aedes aegypti spreads dengue; Vibrio cholerae and "
            "E. coli were found, as were Caenorhabditis elegans and A. gambiae.\n")
    assert spelling(text) == []
    # after a common capitalised word (a sentence's first), the same word is a slip
    assert [d.fix.replacement for d in spelling("The stormi came.\n")] == ["storm"]
    # after a name (a capitalised word after another), it is a slip too
    assert [d.fix.replacement for d in spelling("Mr Nakamura stormi out.\n")] == ["storm"]


def test_names_with_several_particles_or_a_hyphenated_lowercase_part_are_names():
    # Before: "Pieter" opening a sentence before "van der" was offered "Peter", and "Kore-eda"
    # (a Japanese surname) was safely fixed to "Korea-eda".
    assert spelling("Pieter van der Merwe scored. Siti binti Abdullah said so. Sara al-Amin won.\n") == []
    assert spelling("It recalls the films of Hirokazu Kore-eda.\n") == []
    # before a known word, a slip of a place is still fixed
    assert [(d.fix.replacement, d.fix.applicability) for d in spelling("A Kore-based firm won.\n")] == \
        [("Korea", "safe")]


def test_the_plural_of_a_particle_ends_a_compound_noun():
    assert spelling("The add-ons and run-ins grew.\n") == []
    assert [d.suggestions[:2] for d in spelling("The ons grew.\n")] == [("one", "on")]


def test_words_of_other_languages_news_uses_are_known_but_never_suggested():
    # Before: "marae" -> "mare", "tehsil" -> "thesis", "matcha" -> "match" (safe fixes)
    text = "Elders met at the marae; the tehsil office served matcha and paneer at iftar.\n"
    assert spelling(text) == []
    assert spelling("The whānau gathered.\n") == []  # with or without its macron
    # a listed loanword is never offered for a slip ("mare" stays "mare")
    assert all("marae" not in d.suggestions for d in spelling("The mrae ran.\n"))
    # a slip beside one is a question, as beside any foreign word
    assert fix_text("The sauce uses ancho, mulato and pasilla chiles.\n").text == \
        "The sauce uses ancho, mulato and pasilla chiles.\n"


def test_rewetting_is_a_word():
    assert spelling("Rewetting the peat and rewetted fields cut emissions; an amicus brief and a habeas "
                    "petition followed.\n") == []


def test_a_word_any_article_uses_gets_little_weight_for_being_in_this_one():
    # In this weekend's story "with" is used five times; before, that put "with" first for
    # "in wich Tennessee"; in a story of 600 words, the pair "in which" now decides, safely.
    filler = "The coach said the team had worked hard all season and the players had earned their places. " * 30
    text = ("Tennessee added four players with ties to the state, with more to come. With signing day "
            "near, coaches met with families and with schools on Sunday, capping a weekend in wich "
            "Tennessee added depth. " + filler + "\n")
    (d,) = spelling(text)
    assert (d.fix.replacement, d.fix.applicability) == ("which", "safe")
    # in a story of 40 words, five "with"s are more than chance: "with" stays first
    (d,) = spelling(text.replace(filler, ""))
    assert (d.fix.replacement, d.fix.applicability) == ("with", "unsafe")


def test_a_slip_among_other_unknown_words_is_a_question_not_a_fix():
    # Words of another language come in runs; before, "ancho, mulato and pasilla" became
    # "anchor, mulato and padilla" as safe fixes.  Now they are suggestions.
    for text in ("The sauce uses ancho, mulato and pasilla chiles.\n", "The aria Das ist eine Frage was sung.\n"):
        assert fix_text(text).text == text
        assert all(d.fix.applicability == "unsafe" for d in spelling(text))
    # a slip with known words around it is still fixed, and so is one a sentence away from
    # an unknown word
    assert fix_text("The goverment said so.\n").text == "The government said so.\n"
    assert fix_text("They ate ancho and mulato. The goverment said so.\n").text == \
        "They ate ancho and mulato. The government said so.\n"
    # a run of slips is a run of slips: each is one typical slip of a word
    assert fix_text("The goverment targetted commerical dificulties.\n").text == \
        "The government targeted commercial difficulties.\n"




def test_jargon_beside_a_slip_is_no_run_of_another_language():
    # Before, each of these slips was only a question: the unknown word beside it ("kelch",
    # "vivo", "stephensi", "tokamak") was taken for a word of another language.  A word glued
    # to digits, one in a listed loan phrase, a species' epithet and a long word the story
    # uses again are the English text's own terms.
    cases = [
        ("Parasites carrying muttations in the kelch13 gene spread.\n", "mutations"),
        ("Editing cells in vivo delievry using nanoparticles is new.\n", "delivery"),
        ("The mosquito A. stephensi thrives in wtaer tanks.\n", "water"),
        ("The tokamak ran. A tokamak uses poerful magnets.\n", "powerful"),
    ]
    for text, right in cases:
        (d,) = [d for d in spelling(text) if d.fix and d.fix.replacement == right]
        assert d.fix.applicability == "safe", text
    # a long unknown word used once is still a possible run ("cappelletti in brodo"), and so
    # is a repeated listed loanword, which may open a passage of its language
    text = "They served cappelletti in brodoo broth.\n"
    assert all(d.fix.applicability == "unsafe" for d in spelling(text))


def test_a_long_word_one_typical_slip_off_is_fixed_beside_unknown_words():
    # Before, both were questions for the unknown words beside them ("panchayats", "nynas")
    assert fix_text("Several gram panchayats reportdd damage.\n").text == "Several gram panchayats reported damage.\n"
    assert fix_text("It has ventures with nynas petroelum in Sweden.\n").text == \
        "It has ventures with nynas petroleum in Sweden.\n"
    # a long word two edits off stays a question there
    text = "They sent the grant apllicatin, said the vecinos.\n"
    assert fix_text(text).text == text
def test_a_short_word_two_untypical_edits_away_is_a_question():
    # Before, "anamoly" was safely "namely" (two edits, neither a typical slip; "anomaly" was
    # meant), as "suhoor" (now a listed loanword) was "school".  Now it is a question.
    text = "They said the anamoly grew.\n"
    assert fix_text(text).text == text
    (d,) = spelling(text)
    assert d.fix.applicability == "unsafe" and "anomaly" in d.suggestions
    from normlint.checks.spelling import _typical_two_edits
    assert not _typical_two_edits("suhoor", "school") and not _typical_two_edits("poblano", "poland")
    assert _typical_two_edits("exchng", "exchange") and _typical_two_edits("adequit", "adequate")
    # one of two edits typical (a swap in "shoudln"), or a longer word: still fixed
    assert fix_text("He shoudln go.\n").text == "He should go.\n"
    assert fix_text("The addional funds came.\n").text == "The additional funds came.\n"


def test_a_lone_far_key_reading_of_a_rare_word_is_a_question():
    # Before: "a white daraa" (a robe) became "a white darla", a rare name one far key away
    # and the only candidate.  Now it is a suggestion; a common word so reached is still fixed.
    text = "He wore a white daraa to the rally.\n"
    assert a_question(text).fix.replacement == "Darla"  # (a name, offered as one)
    assert fix_text("Some formidible predators lived there.\n").text == \
        "Some formidable predators lived there.\n"
    # a word of nine letters or more has too few neighbours for a stray letter to mislead
    assert fix_text("IBM faultered; a liquidiating value.\n").text == "IBM faltered; a liquidating value.\n"


def test_a_four_letter_word_is_fixed_only_into_a_common_word():
    # "tbal" drums are no "tubal" drums (Zipf 3.0); "whle" is still "while"
    text = "They danced to the beat of tbal drums.\n"
    a_question(text)
    assert fix_text("He waited whle she spoke.\n").text == "He waited while she spoke.\n"


def test_a_word_cited_in_quotation_marks_is_a_question():
    # 'The word "wyrd"' was fixed to 'The word "word"'.  A term cited after "the word",
    # "called" and the like, or glossed after it, is left to the writer ...
    for text in ('The word "wyrd", often translated as fate, appears three times.\n',
                 'He crossed the "hronrad", or whale-road, at dawn.\n'):
        assert fix_text(text).text == text
        assert [d.fix.applicability for d in spelling(text)] == ["unsafe"]
    # ... but a slip in quoted speech, however short the quotation, is fixed
    assert fix_text('Talks were "exceptioonally difficult" and "graave".\n').text == \
        'Talks were "exceptionally difficult" and "grave".\n'


def test_trade_terms_the_list_lacks_are_known():
    # Before: "designees" -> "designers", "defeased" -> "deceased", "robusta" -> "robust",
    # "kurtas" -> "kurtis", "zari" -> "sari", "encryptor" -> "encrypted" (safe fixes)
    text = ("Cross and his designees joined the board; the bank will securitize mortgages and its "
            "defeased debentures were cut. It bought robusta and arabica beans. Models wore kurtas "
            "with zari borders. The encryptor and its decryptors were sold.\n")
    assert spelling(text) == []
    # agent nouns of known verbs are words; a slip of an "-er" noun is still a slip
    assert fix_text("The developor said so.\n").text == "The developer said so.\n"
    # accepted as patterns: never offered in place of a slip
    assert all("designees" not in d.suggestions for d in spelling("The desigers met.\n"))


def test_a_capitalised_word_after_part_of_a_name_is_a_question():
    # Before: "Javier Espinosa Teran" -> "Tehran", "Thomas J. Albani" -> "Albania", "Banque du
    # Liban" -> "Libyan", "El Pais" -> "Paris", "Banco de la Republica" -> "Republican" (safe)
    for text, word in (("The minister Javier Espinosa Teran said so.\n", "Teran"),
                       ("Thomas J. Albani will stay.\n", "Albani"),
                       ("Osman of Societe Bancaire du Liban spoke.\n", "Liban"),
                       ("The Spanish daily El Pais said so.\n", "Pais"),
                       ("It is the Banco de la Republica here.\n", "Republica")):
        d = a_question(text)
        assert text[d.start:d.end] == word
    # after a listed word or a proper word, a slip of a place is still fixed
    assert fix_text("Talks ended in Teran on Monday; Fracne was not there.\n").text == \
        "Talks ended in Tehran on Monday; France was not there.\n"


def test_a_capitalised_word_linked_into_a_name_is_a_question():
    # Before: "Te Aitanga-a-Hauiti" (an iwi) became "Te Aitanga-a-Haiti" and the Irish title
    # "Cuan na Rón" became "Cuban na Rón" (safe fixes)
    for text, word in (("The marae belongs to a hapū of Te Aitanga-a-Hauiti now.\n", "Hauiti"),
                       ("The novel Cuan na Rón won.\n", "Cuan"),
                       ("The novel Cuan na mBan won.\n", "Cuan")):
        d = a_question(text)
        assert text[d.start:d.end] == word
    # a slip of a place in a plain compound or list is still fixed
    assert fix_text("An Anglo-Amercan deal with Cuab and Hiati.\n").text == \
        "An Anglo-American deal with Cuba and Haiti.\n"


def test_a_comma_typed_inside_a_word_is_taken_out():
    # Before: "adjustm,ent" became "adjust,ent" and "chairm,an" "chair,an"
    text = "It paid 3 cts after adjustm,ent for the split, and he was chairm,an of IBM.\n"
    (a, b) = spelling(text)
    assert (text[a.start:a.end], a.message, a.fix.replacement, a.fix.applicability) == \
        ("adjustm,ent", "'adjustm,ent' has a stray comma; write 'adjustment'.", "adjustment", "safe")
    assert (text[b.start:b.end], b.fix.replacement) == ("chairm,an", "chairman")
    assert fix_text(text).text == "It paid 3 cts after adjustment for the split, and he was chairman of IBM.\n"
    # words run together after a comma are left alone (a missing space is not this slip)
    assert spelling("Costs rose,fell and rose.\n") == []


def test_a_long_prefixed_word_is_no_slip_of_a_word_one_far_key_away():
    # Before: "retiming" -> "retiring", "undocking" -> "unlocking", "remarket" -> "remarked"
    text = "Retiming the signals, undocking the ship and the plan to remarket the notes took weeks.\n"
    assert spelling(text) == []
    # a vowel for a vowel is the commonest spelling slip, "ex" makes no such words, and a rare
    # tail is no sign: these stay slips ...
    assert fix_text("It has recommanded the exchances and prelimitary talks.\n").text == \
        "It has recommended the exchanges and preliminary talks.\n"
    # ... as is one extra letter away ("producted"), and a compound one far key away
    # ("warrents" reads as "war" and "rents")
    assert fix_text("The unit producted sugar; the warrents expired.\n").text == \
        "The unit produced sugar; the warrants expired.\n"


LOWERCASED = ("venezuela will seek 2.4 billion dollars in export financing during 1987, double the amount "
              "it received last year, public finance director jorge marcano said. he told reporters in "
              "caracas that opec was weighing the plan, and the consuemr price index rose in sweden.\n")


def test_a_text_that_lower_cases_its_names_gets_safe_fixes_only_for_long_common_words():
    # Before: "jorge marcano" -> "jorge marciano" and "opec" -> "open" (safe fixes); names are
    # lower-cased here ("venezuela", "sweden"), so only long slips of common words are fixed
    fixed = fix_text(LOWERCASED).text
    assert "jorge marcano" in fixed and "opec was" in fixed and "consumer price" in fixed
    assert fixed == LOWERCASED.replace("consuemr", "consumer")
    # the same story with its capitals: "Marcano" is a name, "OPEC" an acronym, and nothing
    # else changes
    cased = ("Venezuela will seek financing, public finance director Jorge Marcano said. He told reporters "
             "that OPEC was weighing the plan, and the consuemr price index rose in Sweden.\n")
    assert fix_text(cased).text == cased.replace("consuemr", "consumer")
    # a single lower-case country is no sign: a short slip is still fixed there
    assert fix_text("Talks with sweden stalled, the goverment said on Monday.\n").text == \
        "Talks with sweden stalled, the government said on Monday.\n"


def test_two_slips_one_at_the_first_letter_are_a_question():
    # Before: "ceviche" -> "device" (a near key at the first letter and a stray "h"; it is a
    # listed loanword now).  Even into a word as common as "industry", two slips in a short
    # word, one of them at the first letter, are a guess ("andusry" was a safe fix) ...
    assert spelling("At lunch the ceviche is served with sweet potato.\n") == []
    for text, target in (("At lunch the beviche is served with sweet potato.\n", "device"),
                         ("The andusry was announced on Monday.\n", "industry")):
        assert a_question(text).fix.replacement == target
    # ... but a word of nine letters or more has too few neighbours to mislead
    assert fix_text("The hovernent and a trgistration statement.\n").text == \
        "The government and a registration statement.\n"
    # two slips after the first letter, or with a swap of the first two, are still fixed
    assert fix_text("Its exchng rate rose.\n").text == "Its exchange rate rose.\n"
    assert fix_text("The ocmpnay said so.\n").text == "The company said so.\n"


def test_a_first_letter_slip_into_a_rare_word_is_a_question():
    # Before: "harissa" -> "marissa", "pastilla" -> "castilla" (safe fixes into names; both
    # are listed loanwords now: "narissa" and "hastilla", made-up dishes, stand in for them)
    assert spelling("Tunisian harissa and a pastilla.\n") == []
    for text, target in (("Tunisian narissa works beautifully.\n", "Marissa"),
                         ("The medina is the place for hastilla, a flaky pie.\n", "Castilla")):
        assert a_question(text).fix.replacement == target
    # a first-letter slip of a common word is still fixed, and so is a long word's
    assert fix_text("The fovernment said so.\n").text == "The government said so.\n"
    assert fix_text("The elinquent debt rose.\n").text == "The delinquent debt rose.\n"


def test_a_rare_word_is_not_taken_for_a_slip_across_its_first_letter():
    # Before: "tried to rebook flights" -> "ebook" ("rebook" is a rare listed word, one stray
    # letter before "ebook"); "billon" is still "billion"
    text = "Passengers tried to rebook flights.\n"
    assert spelling(text) == []
    assert fix_text("It raised 3 billon dlrs.\n").text == "It raised 3 billion dlrs.\n"


def test_every_listed_loanword_passes_the_lists_test():
    # data/loanwords_en.txt holds only words the word list lacks and that no typical slip (a
    # neighbouring key, a swap, a doubled, dropped or extra letter) of an English word of
    # Zipf 3.5 or more lands on: listing one of those would hide that slip
    from normlint.checks.spelling import _PROPER_EDITS, loanwords

    lex = english()
    words = sorted(loanwords())
    assert len(words) > 800
    known = [w for w in words if w in lex]
    hiding = [(w, s.word) for w in words for s in lex.suggest(w, limit=8, max_distance=1)
              if s.edit in _PROPER_EDITS and lex.frequency(s.word) >= 3.5]
    assert known == [] and hiding == []


@pytest.mark.parametrize("pair", ["criss-crossing", "willy-nilly", "helter-skelter", "argy-bargy", "hurly-burly",
                                  "shilly-shally", "wishy-washy", "knick-knacks", "boogie-woogie", "heebie-jeebies",
                                  "dilly-dallying", "wibbly-wobbly", "okey-dokey"])
def test_the_halves_of_a_rhyming_or_vowel_changing_pair_are_words(pair):
    # Before, "criss-crossing" became "cross-crossing", "willy-nilly" "willy-billy" and
    # "helter-skelter" "helter-shelter", each a safe fix; no half was left unreported.
    text = f"The plan went {pair} from the start, officials said.\n"
    assert spelling(text) == []
    assert fix_text(text).text == text


def test_a_slip_inside_a_hyphened_compound_that_does_not_rhyme_is_still_fixed():
    assert fix_text("It was a well-knwon fact and a long-trem plan.\n").text == \
        "It was a well-known fact and a long-term plan.\n"
    assert fix_text("The state-onwed firm.\n").text == "The state-owned firm.\n"
    from normlint.checks.spelling import _reduplicative
    assert _reduplicative("helter", "skelter") and _reduplicative("criss", "crossing")
    assert not _reduplicative("well", "knwon") and not _reduplicative("high", "high")


def test_a_last_vowel_far_from_the_right_one_is_a_question_not_a_fix():
    # "abusa" (a Ghanaian share-cropping term) was safely "abuse": a far vowel at the end
    # is another language's ending more often than a slip.  Slips inside a word are fixed
    # as before.
    text = "Farmers work under the traditional abusa share-cropping system.\n"
    assert fix_text(text).text == text
    (d,) = spelling(text)
    assert d.fix.applicability == "unsafe" and d.fix.replacement == "abuse"
    assert fix_text("The goverment said so.\n").text == "The government said so.\n"
    assert fix_text("They reached the fimal stage.\n").text == "They reached the final stage.\n"


def test_ship_classes_lahar_and_currencies_are_news_words():
    text = "Every week we load more Panamax and Supramax vessels; lahar buried two villages.\n"
    assert spelling(text) == []
    text = "The dollar jumps 3,000 tomans; the renminbi and chip fabs held, the mid-infrared imager said.\n"
    assert spelling(text) == []


@pytest.mark.parametrize("text,word,fix", [
    ("Groups including the radical Coordination rurale organised separate convoys.\n", "rurale", "rural"),
    ("A slip dress in bias-cut duchesse satin opened the show.\n", "duchesse", "duchess"),
    ("The 20-year-old won the juryo division title at 12-3.\n", "juryo", "jury"),
    ("She visited a washi paper workshop in Gifu Prefecture.\n", "washi", "wash"),
])
def test_a_vowel_after_a_words_last_letter_is_a_question_not_a_fix(text, word, fix):
    # Before, each was safely "fixed" into the English word: such an ending is another
    # language's more often than a slip (a slip at the end doubles the letter).
    assert fix_text(text).text == text
    (d,) = [d for d in spelling(text) if text[d.start:d.end] == word]
    assert d.fix.applicability == "unsafe" and d.fix.replacement == fix


def test_a_vowel_after_one_of_the_commonest_words_is_still_fixed():
    assert fix_text("He stood belowe the bridge.\n").text == "He stood below the bridge.\n"
    assert fix_text("The new committeee met.\n").text == "The new committee met.\n"  # a doubled letter


def test_a_long_word_with_a_foreign_ending_makes_its_neighbours_foreign():
    # "brodo" was safely "brood": "cappelletti" beside it is no English jargon (now "in
    # brodo" is a listed phrase, so the menu says "and")
    text = "Families queued for cappelletti and brodo at the festival.\n"
    assert fix_text(text).text == text
    (d,) = [d for d in spelling(text) if text[d.start:d.end] == "brodo"]
    assert d.fix.applicability == "unsafe"
    # ... and so does one ending in a plural of another language's "-a" or "-o": "madres
    # buscadoras" (Mexico's mothers who search for the disappeared) was "mares buscadoras"
    text = "He pointed to the madres buscadoras, the volunteer search collectives.\n"
    d = a_question(text)
    assert text[d.start:d.end] == "madres"
    # a long unknown word ending as English words do leaves a slip beside it a fix
    assert fix_text("The thermoset resin goverment said.\n").text == "The thermoset resin government said.\n"


# Two languages in one story: a Spanish-speaking health campaign, a Maori land claim.
_BILINGUAL = ("Promotoras de salud set up tables outside tiendas; the clínica opened late and a "
              "colchón was donated. The iwi will oversee the whenua in its rohe.\n")


def test_in_an_article_written_in_two_languages_an_untypical_slip_is_a_question():
    # Before: "tiendas" -> "trends" (two edits) and "rohe" -> "role" (a far key), safe fixes
    # in copy full of another language's words
    assert fix_text(_BILINGUAL).text == _BILINGUAL
    found = {_BILINGUAL[d.start:d.end]: d.fix.applicability for d in spelling(_BILINGUAL) if d.fix}
    assert found["tiendas"] == "unsafe" and found["rohe"] == "unsafe"
    # ... and so is a typical one that takes a foreign ending away ("familia" -> "familiar")
    text = _BILINGUAL + "Flyers read: protect your familia.\n"
    assert fix_text(text).text == text
    # ... a typical slip there (a swap, also at the end: "eurso"), or an untypical one of a
    # long word, is still fixed
    assert fix_text(_BILINGUAL + "It costs 75 eurso.\n").text == _BILINGUAL + "It costs 75 euros.\n"
    assert fix_text(_BILINGUAL + "They siad the settelement was fair.\n").text == \
        _BILINGUAL + "They said the settlement was fair.\n"
    # ... and in English copy the same untypical slip is fixed as before
    assert fix_text("Retail tiendas rose in the quarter.\n").text == "Retail trends rose in the quarter.\n"
    # ("rohe" there is a question too: "role", a far key, ranks first on the article's
    # "role", but "robe", a near key, is ahead on frequency alone)
    assert questions("The role of the council grew, and its rohe.\n") == [("rohe", "unsafe")]


def test_a_rare_regular_form_with_its_consonant_doubled_is_a_word():
    # Before: "snipping clusters of pinot noir" -> "shipping" ("snipping" is rare, "shipping"
    # common, one neighbouring key away); "snip" doubles its "p" as English spells it
    text = "Pickers were snipping clusters of pinot noir into crates.\n"
    assert spelling(text) == [] and fix_text(text).text == text
    # a rare word that is no such form is still taken for the slip it looks like
    assert fix_text("The billon dollar deal.\n").text == "The billion dollar deal.\n"


def test_a_persons_name_one_slip_from_a_place_after_a_given_name_is_a_question():
    # Before: "Mohammed Irfan" -> "Mohammed Iran", and on corpus A "President Stefan Koren"
    # -> "Korean": names Faker's lists hold, one slip from a proper word
    for text, name in (("The union is led by Mohammed Irfan, its general secretary.\n", "Irfan"),
                       ("The study will be chaired by President Stefan Koren.\n", "Koren")):
        d = a_question(text)
        assert text[d.start:d.end] == name
    # with no capitalised word before it, or for a slip no name list holds, still a fix
    assert fix_text("Trade with South Afrcian firms grew.\n").text == "Trade with South African firms grew.\n"
    assert fix_text("He flew to Isreal on Monday.\n").text == "He flew to Israel on Monday.\n"


def test_a_noun_glossed_in_an_aside_after_it_is_a_question():
    # Before: "a local geometra, or building surveyor," -> "geometry", a safe fix
    text = "Calogero Sciortino, a local geometra, or building surveyor, has overseen 11 of them.\n"
    d = a_question(text)
    assert text[d.start:d.end] == "geometra"
    # ... and so is one glossed by an apposition: "his hotte, a plastic basket strapped to his back,"
    text = ("Hotter summers have produced riper wines. He emptied his hotte, a plastic basket "
            "strapped to his back, into a waiting trailer.\n")
    d = a_question(text)
    assert text[d.start:d.end] == "hotte"
    # a slip before ", or" with no determiner is still fixed
    assert fix_text("In two mnths, or sooner, it ends.\n").text == "In two months, or sooner, it ends.\n"


@pytest.mark.parametrize("text,word", [
    # Before: each a safe fix ("ellis", "ask")
    ('"We had our chances. But this is sport. Felicitaciones a ellos." He left.\n', "ellos"),
    ("“We had our chances. Felicitaciones a ellos.” He left.\n", "ellos"),
    ('"Eskerrik asko," a diner calls to the kitchen.\n', "asko"),
])
def test_a_slip_after_an_unknown_capitalised_word_opening_a_quotation_is_a_question(text, word):
    d = a_question(text)
    assert text[d.start:d.end] == word


def test_a_slip_after_a_known_word_opening_a_quotation_is_still_fixed():
    assert fix_text('"Officials siad it was over," he said.\n').text == '"Officials said it was over," he said.\n'
    assert fix_text('He said so. "Then a mistkae was made."\n').text == 'He said so. "Then a mistake was made."\n'
    # ... and after a long unknown word the story uses again: a term of its subject
    text = 'Doctors gave ivermectin to children. "Ivermectin gievs us a way in," she said.\n'
    assert fix_text(text).text == text.replace("gievs", "gives")


def test_a_call_that_is_no_name_given():
    # Before: "call that" read as "call it", so the slip after was a name given, left alone
    assert fix_text("Executives said on an earnings call that veiwers spend more.\n").text == \
        "Executives said on an earnings call that viewers spend more.\n"
    assert questions('Fans called that bazbal.\n') == [("bazbal", "unsafe")]


def test_long_jargon_does_not_make_an_article_bilingual():
    # five long unknown words ending as English ones do are jargon, not another language
    text = ("The recall covers valsartan, irbesartan and olmesartan tablets holding "
            "nitrosodimethylamine or nitrosodiethylamine above 96 nanograms. The expiriy dates vary.\n")
    assert fix_text(text).text == text.replace("expiriy", "expiry")


def test_a_word_cited_after_known_as_is_a_question_even_with_the_stop_inside_the_quote():
    # Before: Silesian "godka" -> "vodka" (American style closes the quote after the stop)
    text = 'The miners speak a dialect known to its speakers as "godka." It is spoken at home.\n'
    d = a_question(text)
    assert text[d.start:d.end] == "godka"


@pytest.mark.parametrize("word", ["haemorrhagic", "oesophageal", "haematologist", "hyperglycaemia"])
def test_british_ae_and_oe_spellings_of_listed_words_are_words(word):
    # Before: "dengue haemorrhagic fever" -> "hemorrhagic" (the list has only the American form)
    text = f"Doctors said the {word} cases rose.\n"
    assert spelling(text) == [] and fix_text(text).text == text


def test_a_slip_shaped_like_a_british_ae_is_still_a_slip():
    # "ae" where the British spellings never write it ("paeople", "thaem") is no spelling
    assert fix_text("The paeople left.\n").text == "The people left.\n"
    assert [d.fix.replacement for d in spelling("We told thaem so.\n")][:1] == ["them"]


def test_every_pattern_of_the_shipped_news_words_compiles():
    # builtin_accept() skips compiling each entry on its own (start-up time): this does it
    import importlib.resources

    import regex

    from normlint.vocab import WordList, builtin_accept

    text = (importlib.resources.files("normlint") / "data" / "accept_en.txt").read_text("utf-8")
    checked = WordList()
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            checked.add(line.strip(), "accept_en.txt", n)  # raises ConfigError naming the line
    assert builtin_accept().patterns == checked.patterns
    assert builtin_accept().pattern_words == checked.pattern_words and len(checked.pattern_words) > 200
    assert "Panamax" in builtin_accept() and "tomans" in builtin_accept() and "Romans" not in builtin_accept()
    regex.compile("|".join(f"(?:{p})" for p in checked.patterns))
    # every entry is simple enough to be listed as the words it matches: no pattern to compile
    # at start-up (see vocab._finite_forms; tests/test_fast_paths.py holds it to the regex)
    assert checked.patterns == []


@pytest.mark.parametrize("text,word", [
    # straight after "the (French) word": cited, not used
    ("Smugglers are known here by the French word passeurs, he said.\n", "passeurs"),
    # beside a word with a letter no English keyboard types: another language
    ("The race changed on the hors catégorie climb.\n", "hors"),
    # an "s" after a word: a plural English makes of it (the tyres)
    ("He started sixth, switched to softs for a final stint and won.\n", "softs"),
    # a known word with a regular ending, a first letter away from another word
    ("Several teams reported graining on the front-left tyre.\n", "graining"),
])
def test_words_a_race_or_a_gloss_uses_are_questions_not_fixes(text, word):
    # Before, each was safely "fixed": passers, hours, soft, training.
    assert fix_text(text).text == text
    assert all(d.fix is None or d.fix.applicability == "unsafe" for d in spelling(text) if text[d.start:d.end] == word)


def test_term_and_a_plural_of_the_commonest_words_do_not_shelter_slips():
    # "short-term" and "a five-year term" cite nothing; "befores" is a slip of "before"
    assert fix_text("They face short-term presssure; a five-year term expirin in June.\n").text == \
        "They face short-term pressure; a five-year term expiring in June.\n"
    assert fix_text("The unit producted sugar.\n").text == "The unit produced sugar.\n"


def test_cycling_phrases_from_french_are_accepted_in_place():
    text = "Hoekstra, the lanterne rouge, rode alone under the flamme rouge.\n"
    assert spelling(text) == []
    text = ("The peloton and its soigneurs passed the hors catégorie climb; the directeur sportif "
            "waited by the parc fermé. Bunkering fees and dilutive risk premia rose; the dzud hit two aimags.\n")
    assert spelling(text) == []
    assert [d.fix.replacement for d in spelling("The flamme burned.\n")] == ["flame"]


# -- the fourteenth round: terms glossed or introduced, French quotes, unit symbols -----

def questions(text):
    """The spelling diagnostics of ``text`` as (word, applicability), asserting that ``fix``
    leaves the text as it is."""
    assert fix_text(text).text == text
    return [(text[d.start:d.end], d.fix.applicability) for d in spelling(text)]


@pytest.mark.parametrize("text,words", [
    # Before: "sensus" -> "census", "as-salama" -> "as-salaam" (safe fixes)
    ('It invokes the sensus fidei, the "sense of the faithful", as a source.\n', ["sensus", "fidei"]),
    ('The pilot radioed a farewell: "Ma\'a as-salama" ("Go in safety").\n', ["salama"]),
])
def test_a_word_followed_by_a_quoted_gloss_is_a_question(text, words):
    assert questions(text) == [(w, "unsafe") for w in words]


def test_a_term_introduced_by_known_as_is_a_question_unless_a_slip_of_a_common_word():
    # Before: "sansho" -> "sancho" (a rare word one key away)
    text = "The three prizes, known collectively as sansho, were announced on Sunday.\n"
    assert questions(text) == [("sansho", "unsafe")]
    assert fix_text("The plan was known as teh Big Push.\n").text == "The plan was known as the Big Push.\n"


def test_a_french_elision_nearby_makes_a_quotation_another_language():
    # Before: "belle nuit" -> "belle unit"
    text = "“C’est une belle nuit pour l’Europe,” said Pierre Rousseau.\n"
    assert questions(text) == [("une", "unsafe"), ("nuit", "unsafe")]
    # a place name's "d’" or "M’" is no French sentence, nor an English possessive: the
    # slip beside it is still fixed
    for text, fixed in (("He made a solo attck on Alpe d’Huez.\n", "He made a solo attack on Alpe d’Huez.\n"),
                        ("Farmers sell beabs in Cu M’gar.\n", "Farmers sell beans in Cu M’gar.\n"),
                        # (the 60 characters before "customr" start at "l's")
                        ("It gave them an exemption from Kestrel's automatic liquidation system, which "
                         "normally closed out customr positions.\n",
                         "It gave them an exemption from Kestrel's automatic liquidation system, which "
                         "normally closed out customer positions.\n")):
        assert fix_text(text).text == fixed


@pytest.mark.parametrize("text", [
    # Before: "princeps" -> "princess", "frescoed" -> "frescoes", "mmol" -> "mol"
    "They include figurines carved from the shell of Spondylus princeps, the spiny oyster.\n",
    "In the frescoed ballroom she showed a collection.\n",
    "Levels above 5.5 mmol per liter were recorded; doses of 200 mcg.\n",
])
def test_latin_epithets_vowel_nouns_made_verbs_and_prefixed_unit_symbols_are_words(text):
    assert spelling(text) == [] and fix_text(text).text == text


def test_an_o_noun_made_verb_one_slip_from_a_common_word_is_still_a_slip():
    # "eco" + "ed" is a listed word's verb in shape, but "echoed" is one dropped letter away
    assert fix_text("His words ecoed round the hall.\n").text == "His words echoed round the hall.\n"
    # ... and a noun's "-d" form one key from its common plural is that plural mistyped
    assert fix_text("It sold debentured due 2012.\n").text == "It sold debentures due 2012.\n"


def test_slurs_and_obscenities_stay_words_but_are_never_offered():
    from normlint.lexicon import english, no_suggest

    banned = no_suggest()
    assert {"kike", "fuck", "wetback"} <= banned
    for word in sorted(banned):
        typo = word[1] + word[0] + word[2:]  # a swap: the commonest slip
        assert not banned.intersection(s.word for s in english().suggest(typo, limit=8)), word
    # Before: "did you mean 'ike' or 'kike'?"
    text = "Det er ikke sant, he said.\n"
    (d,) = [d for d in spelling(text) if text[d.start:d.end] == "ikke"]
    assert d.suggestions == ("Ike",)
    # Before: "fcuk" -> "fuck", a safe fix
    assert fix_text("The fcuk label.\n").text == "The fcuk label.\n"
    assert spelling('He shouted "shit" and left.\n') == []


def test_a_two_edit_fix_that_drops_a_romance_ending_is_a_question():
    # Before: "no hay turismo" -> "no hay tourism" (a letter moved and the last vowel dropped)
    text = "“Sin corriente no hay turismo,” Pérez said.\n"
    assert ("turismo", "unsafe") in questions(text)
    # two edits of which dropping the last vowel is not one are still fixed
    assert fix_text("The recieveo was late.\n").text == "The received was late.\n"


def test_a_lowercase_word_one_slip_from_a_name_is_a_question_offering_the_name():
    # Before: "tsampa" (roasted barley flour) -> "tampa", a safe fix into a city in lower case
    d = a_question("Climbers throw tsampa into the air.\n")
    assert d.suggestions == ("Tampa",)
    # the proper words the check knows as such (countries, days, nationalities) are still fixed
    assert fix_text("Exports to chinna rose.\n").text == "Exports to China rose.\n"


@pytest.mark.parametrize("text,words", [
    # Before: "boeren" -> "been", "eten" -> "teen"; "amidral" -> "admiral" (safe fixes)
    ('Tractors bore signs reading "Geen boeren, geen eten" — no farmers, no food.\n', ["boeren", "geen", "eten"]),
    ("“Us bol amidral,” said Tsetsegmaa Dorj, 61, a herder – “water is life”.\n", ["amidral"]),
])
def test_a_quotation_glossed_after_a_dash_is_another_language(text, words):
    assert questions(text) == [(w, "unsafe") for w in words]


def test_a_quotation_followed_by_its_attribution_and_a_dash_is_still_english():
    text = '"We will fihgt on," he said — and he did.\n'
    assert fix_text(text).text == text.replace("fihgt", "fight")


# -- the fifteenth round: appositive glosses, translated quotations, bound foreign words ----

@pytest.mark.parametrize("text,words", [
    # Before: "soums" -> "souls", "akim" -> "aim" (safe fixes)
    ("Snow cut road links to dozens of soums, or rural districts, in the west.\n", ["soums"]),
    ("The akim, or head of the district administration, spoke to reporters.\n", ["akim"]),
    # Before: "fiqh" -> "fish", "suber" -> "super", "succinite" -> "succinate"
    ("The texts cover Islamic jurisprudence, or fiqh, and astronomy.\n", ["fiqh"]),
    ("Portugal has 720,000 hectares of cork oak, or Quercus suber, in the south.\n", ["suber"]),
    ("It was a piece of succinite, the mineralogical name for Baltic amber.\n", ["succinite"]),
])
def test_a_term_set_beside_its_gloss_is_a_question(text, words):
    assert [(w, a) for w, a in questions(text) if w in words] == [(w, "unsafe") for w in words]


def test_a_slip_beside_or_in_an_aside_is_still_fixed():
    # typical slips of common words are slips wherever they stand
    assert fix_text("The goverment, or its agencies, will pay.\n").text == \
        "The government, or its agencies, will pay.\n"
    assert fix_text("It was a draw, or a stalmate, at best.\n").text == "It was a draw, or a stalemate, at best.\n"
    # ", known in Catalan as" follows the English word, not the term
    assert fix_text("He faces a charge of embezzlemet, known in Catalan as malversació.\n").text == \
        "He faces a charge of embezzlement, known in Catalan as malversació.\n"


def test_a_quotation_followed_by_what_it_means_is_another_language():
    # Before: "neart" -> "heart", a safe fix (the story used "heart" elsewhere)
    text = ('A banner read "Ní neart go cur le chéile", an Irish proverb meaning "there is no '
            'strength without unity".\n\n"My heart is still going like a train," she said.\n')
    assert ("neart", "unsafe") in questions(text)
    # a quotation followed by its speaker's title is English: its slip is still fixed
    text = '"We will fihgt on", the minister for defence said.\n'
    assert fix_text(text).text == text.replace("fihgt", "fight")
    # ... and so is an English gloss, quoted and explained in its turn
    text = ('It translates roughly as "here, ecerything is done with our fingernails," meaning with '
            'the barest of means.\n')
    assert fix_text(text).text == text.replace("ecerything", "everything")


def test_a_word_hyphened_to_an_unknown_word_is_a_question():
    # Before: "mestre-sala" -> "meter-sala" (a safe fix, then the house spelling)
    text = "Judges score the mestre-sala and porta-bandeira, the master of ceremonies and the flag-bearer.\n"
    assert ("mestre", "unsafe") in questions(text)
    # with a known word on the other side, the slip is fixed
    assert fix_text("A long-trem plan.\n").text == "A long-term plan.\n"
    assert fix_text("A well-knwon face.\n").text == "A well-known face.\n"
    # ... and so is one beside a word the story uses on its own too
    assert fix_text("An iwi-owneed company. The iwi has 9,000 members.\n").text == \
        "An iwi-owned company. The iwi has 9,000 members.\n"


@pytest.mark.parametrize("text,word", [
    # Before: "casu" -> "cash", "skinn" -> "skin" (safe fixes)
    ('"In Sardinian we say su casu, the cheese, as if there were no other," she said.\n', "casu"),
    ("Shares were measured in skinn, an old Faroese unit of land.\n", "skinn"),
])
def test_a_word_of_a_language_the_sentence_names_is_a_question(text, word):
    assert (word, "unsafe") in questions(text)


@pytest.mark.parametrize("text,fixed", [
    # a language named after the word is the next word's ...
    ("He faces a charge of embezzlemet, known in Catalan as malversacio.\n",
     "He faces a charge of embezzlement, known in Catalan as malversacio.\n"),
    # ... one named far before it, or beyond a comma, is not its own ...
    ("It is the Dutch word for nitrogen, and in particaulr ammonia.\n",
     "It is the Dutch word for nitrogen, and in particular ammonia.\n"),
    # ... and a nationality is no language: "the Japanese for the first time"
    ("They said the Japanese for the first time saw the enormous volatality.\n",
     "They said the Japanese for the first time saw the enormous volatility.\n"),
    ("In Spanish politics the scandal was a disgrase.\n", "In Spanish politics the scandal was a disgrace.\n"),
])
def test_a_slip_near_a_language_name_is_still_fixed(text, fixed):
    assert fix_text(text).text == fixed


def test_words_in_el_inflected_either_way_are_words():
    # Before: "corbelled" -> "compelled" (a safe fix); the list has "corbel" only
    for text in ("Its corbelled vault split.\n", "Its corbeled vault split.\n", "The corbelling is old.\n"):
        assert spelling(text) == [] and fix_text(text).text == text
    # not where the list has the other way: English doubles the "l" of a stressed "-el"
    text = "They were compeled to go.\n"
    assert [text[d.start:d.end] for d in spelling(text)] == ["compeled"]


def test_a_quotation_a_language_name_opens_is_that_language():
    # Before: "passeport" -> "passport" (a safe fix: one stray key)
    text = 'She applied for a French "passeport talent", a multi-year visa.\n'
    assert ("passeport", "unsafe") in questions(text)


def test_a_listed_nouns_plural_a_stray_letter_from_a_word_is_a_word():
    # Before: "winzes" -> "wines" ("winze", a mine shaft, is listed; its plural is not)
    text = "Crews still speak of stopes, winzes and adits.\n"
    assert "winzes" not in [text[d.start:d.end] for d in spelling(text)] and fix_text(text).text == text
    # a swap is a slip, plural-shaped or not ("from" is listed; "froms" is "forms" swapped)
    text = "The froms were filed.\n"
    assert fix_text(text).text == "The forms were filed.\n"


# -- the sixteenth round: new verbs made of common nouns ------------------------------

@pytest.mark.parametrize("text,word,before", [
    # "kettle" with its "e" dropped before "-ing", a first letter away from "settling"
    ("Police used kettling tactics on the bridge.\n", "kettling", "settling"),
    # "desk" with "-ing", a key away from "decking" inside the stem (the rarer word)
    ("Staff now share desks under hot-desking rules.\n", "desking", "decking"),
])
def test_a_common_word_made_a_verb_is_a_question_not_a_fix(text, word, before):
    # Before, each was safely "fixed" to ``before``
    assert questions(text) == [(word, "unsafe")]


def test_a_slip_inside_a_rarer_stem_is_still_fixed():
    # "granged" reads as "grange" inflected, but "grant" is the commoner stem; a doubled
    # letter at the ending ("stoped") changes the length, not the stem
    assert fix_text("The board granged approval.\n").text == "The board granted approval.\n"
    assert fix_text("The factory stoped production.\n").text == "The factory stopped production.\n"


@pytest.mark.parametrize("text,word", [
    # "up" and "skilled", not "ups" and "killed": "unskilled" is the word with another prefix
    ("Teaching assistants were upskilled to cover classes.\n", None),
    # a prefix and a common word inflected: not "rewarded", "reading" (two edits away)
    ("Strips of land can be rewilded with native grasses.\n", None),
    ("Ministers were accused of rebadging old funds.\n", None),
    # a common word and "-ify" or an agent noun's "-ers": not "promptly", "livestreamed"
    ("You can't promptify your way out of a skills gap.\n", None),
    ("It was promoted by several livestreamers on Monday.\n", None),
    # a listed noun's plural, not a slip at its last letter: not "quanta"
    ("Fantasy players have become amateur quants.\n", None),
    # a name given ("call it"), not a word used: not "baseball"
    ('"People call it bazball," said Ashcroft.\n', "bazball"),
    # a letter far from the next before a word: a prefix or a blend, not a stray key
    # ("visas", "influencer")
    ("Travellers can now apply for evisas online.\n", "evisas"),
    ('Advisers warn against "finfluencer" tips.\n', "finfluencer"),
])
def test_new_words_formed_from_old_ones_are_never_fixed(text, word):
    # Before, each was safely "fixed" to the word in the comment
    assert questions(text) == ([(word, "unsafe")] if word else [])


def test_slips_that_look_formed_are_still_fixed():
    # a prefix and a word after it are no shelter for a typed-twice letter or a slip of a
    # commoner word; a -d past form is no plural ("debentured")
    assert fix_text("Work starts in eearly 1988.\n").text == "Work starts in early 1988.\n"
    assert fix_text("It will increase edomestic output.\n").text == "It will increase domestic output.\n"
    assert fix_text("Output of the ne wmodels starts.\n").text == "Output of the ne models starts.\n"
    assert fix_text("It sold subordinated debentured due 2012.\n").text == \
        "It sold subordinated debentures due 2012.\n"


def test_words_of_recent_news_are_known():
    # each was safely "fixed" before: vitality, trades, sucker, bikes
    text = ("Creator-driven virality helps. A shortage of tradies bites. Suckler herds graze, "
            "and ebikes and robotaxis share the road.\n")
    assert questions(text) == []


def test_animal_families_of_nature_copy_are_known():
    # Before: "canid" was safely "fixed" to "candid"
    text = "The bush dog, a rarely seen wild canid, shares the forest with mustelids and corvids.\n"
    assert fix_text(text).text == text


def test_a_word_the_text_calls_a_word_is_cited_even_one_slip_from_another():
    # Before: "payas" (Tagalog) was safely "fixed" to "pays": one extra letter, a typical slip
    text = "The name comes from payas, an old word for decoration.\n"
    assert questions(text) == [("payas", "unsafe")]
    # a slip glossed with ", or" is still a slip ("goverment" is one letter short)
    assert fix_text("The goverment, or state, paid.\n").text == "The government, or state, paid.\n"


def test_phrases_of_food_and_craft_keep_their_words():
    # Before: "tortellini in brood", "batik tulips", and the Highland game "shiny"
    text = ("The menu: tortellini in brodo and a torta. A piece of batik tulis takes a month. "
            "Its coverage of shinty has won it fans.\n")
    assert questions(text) == []
    assert fix_text("The brodo was cold.\n").text == "The brood was cold.\n"  # alone, a slip


def test_a_lowercase_slip_keeps_its_case_unless_the_word_is_only_a_name():
    # Before: "a Democratic country with a strong Parliament": a lowercase slip of a word news
    # also writes in lower case was fixed into the capitalised form
    assert fix_text("It was a democatic country with a strong parlament.\n").text == \
        "It was a democratic country with a strong parliament.\n"
    # a word written capitalised only is still fixed capitalised
    assert fix_text("It rained on wednsday in janury.\n").text == "It rained on Wednesday in January.\n"


def test_terms_of_sport_film_geology_and_te_reo_are_known():
    # each was safely "fixed" before: outback, dietetic, kills, protestant, kappa
    text = ("His putback tied it. The diegetic noise grows. Granite and killas walls stand. "
            "Use a multisite protectant such as folpet. "
            "After the speeches, kapa haka groups performed.\n")
    assert questions(text) == [] and fix_text(text).text == text


def test_a_noun_in_y_made_a_verb_is_a_word():
    # "commodity" + "-ize": was safely "fixed" to "commodities"
    assert questions('"Rideshare has basically commoditized access to orbit," he said.\n') == []


def test_a_coinage_alone_in_quotes_is_a_question_and_a_quoted_slip_is_fixed():
    # "swicy" (sweet and spicy) was safely "fixed" to "spicy"; "constructve" is a typical
    # slip (a letter dropped) and is fixed inside its quotation marks too
    text = 'The menu is going all in on "swicy." Talks were "constructve", he said.\n'
    assert fix_text(text).text == 'The menu is going all in on "swicy." Talks were "constructive", he said.\n'
    assert [(text[d.start:d.end], d.fix.applicability) for d in spelling(text)] == \
        [("swicy", "unsafe"), ("constructve", "safe")]


@pytest.mark.parametrize("text,word", [
    # Before: safe fixes to a far key's word that the pair "is allowed" and the article ranked
    # first ("allowed", "intent"), over a dropped double letter or a near key
    ("The defense, which is alloted five challenges, used two.\n", "alloted"),
    ("The plan calls for intest to be paid.\n", "intest"),
])
def test_a_far_key_does_not_win_on_context_over_a_typical_slip(text, word):
    assert questions(text) == [(word, "unsafe")]


def test_a_speller_s_letter_for_a_like_sound_still_wins_on_context():
    # "extendet": "extended" (t for d), though "extender" is a near key and commoner alone
    assert fix_text("The offer was extendet to May.\n").text == "The offer was extended to May.\n"


def test_speech_with_the_g_of_ing_dropped_is_left_alone():
    # Before: "fixin'" -> "fixing'" (the apostrophe ends no token)
    text = '"Since I was fixin\' to walk, nothin’ else," she said.\n'
    assert fix_text(text).text == text
    # a slip so written is a question: its fix would leave "wedding'"
    assert questions("You cannot have a Scouse weddiin' without it.\n") == [("weddiin", "unsafe")]


def test_a_word_closing_a_sentence_is_no_article_or_conjunction():
    # Before: "pure noir." -> "pure nor." ("noir", an extra near key after "nor")
    assert questions("The film is pure noir.\n") == [("noir", "unsafe")]
    # ... and listed phrases: "mot juste" ("just" with a vowel after the last letter is too
    # common a word for the ending guard), the crime-fiction kinds of noir
    for text in ('"le mot juste", the exact word.\n', "He loved Scandi noir thrillers.\n"):
        assert fix_text(text).text == text


def test_after_a_or_an_the_singular_of_a_pair_goes_first():
    # Before: "a nures he met" -> "a nurses he met"
    assert fix_text("Rosalie Brennan, a nures he met in Burlington, died.\n").text == \
        "Rosalie Brennan, a nurse he met in Burlington, died.\n"
    assert fix_text("It is a busineses.\n").text == "It is a business.\n"
    # a plural used as a modifier keeps its ending
    assert fix_text("They passed a salse tax.\n").text == "They passed a sales tax.\n"


def test_a_typical_slip_in_a_long_word_is_undone_for_a_rarer_word():
    # Before: questions, the words meant being rarer than a safe fix asks (Zipf 2.1 to 2.4)
    assert fix_text("It is the loneeliest sound.\n").text == "It is the loneliest sound.\n"
    assert fix_text("He let a disssonant chord ring.\n").text == "He let a dissonant chord ring.\n"
    assert fix_text("It made reputchases of stock.\n").text == "It made repurchases of stock.\n"
    assert fix_text("A recapitalizatino plan.\n").text == "A recapitalization plan.\n"
    # a letter dropped is another matter: the rarer word stays a question
    assert fix_text("He let a disonant chord ring.\n").text == "He let a disonant chord ring.\n"


def test_a_short_quotation_with_no_english_function_word_is_another_language():
    # Before: "tsaro" (Hausa, "security") was safely "fixed" to "taro"
    text = '"Ba mu da tsaro," said Hadiza Souley, a mother of five.\n'
    assert questions(text) == [("tsaro", "unsafe")]
    # English in a quotation has its function words: a slip there is fixed
    assert fix_text('"Stop teh war nwo," they chanted.\n').text == '"Stop the war nwo," they chanted.\n'
    assert fix_text('"We have no securty," she said.\n').text == '"We have no security," she said.\n'


def test_a_typical_slip_after_a_word_of_a_language_named_before_is_a_question():
    # Before: "shtab" (Ukrainian, "headquarters") was safely "fixed" to "stab"
    text = "The Coordination Headquarters, known in Ukrainian as the Koordynatsiinyi shtab, said so.\n"
    assert questions(text) == [("shtab", "unsafe")]
    # with no such word between, a typical slip after the language is fixed as before
    assert fix_text("The leaflets were printed in Spanish as well as Englsh.\n").text == \
        "The leaflets were printed in Spanish as well as English.\n"


def test_two_spellings_of_one_word_count_as_one_candidate():
    # Before: a question, "favourite" (a vowel for a vowel) and "favorite" (a letter typed
    # twice) being too close to call; either is the word, and the article's spelling decides
    assert fix_text("Marisol Vance is the favoorite in the race.\n").text == \
        "Marisol Vance is the favorite in the race.\n"
    assert fix_text("She is the favoorite, and the colour was grey.\n").text == \
        "She is the favourite, and the colour was grey.\n"


def test_a_slip_of_meaning_after_a_language_s_expression_is_no_term_cited():
    # Before: "a Hausa expression meaing" read as "the French word passeurs": a question
    text = 'He used a Hausa expression meaing "may God grant success."\n'
    assert fix_text(text).text == text.replace("meaing", "meaning")


def test_a_slip_that_reads_as_a_function_word_and_a_word_is_no_compound():
    # Before: "hadvests" was accepted as "had" + "vests", a closed compound
    assert fix_text("Prices rose due to poor hadvests last year.\n").text == \
        "Prices rose due to poor harvests last year.\n"
    # compounds of content words are still accepted
    text = "Soymeal signups rose.\n"
    assert fix_text(text).text == text


def test_a_slip_of_a_common_word_after_a_capitalised_one_is_no_epithet():
    # Before: "Nordic countris" read as a species name ("Ciconia stormi"), not checked
    assert fix_text("It hit Nordic countris hard.\n").text == "It hit Nordic countries hard.\n"
    text = "Mosquitoes (Aedes aegypti) and Anopheles stephensi spread it.\n"
    assert fix_text(text).text == text


def test_a_lowercase_abbreviation_beside_a_slip_is_no_foreign_word():
    # Before: "vlcc" (a very large crude carrier) made "sumilar" a question, like "cacio e pepe"
    assert fix_text("They built a vlcc of sumilar size.\n").text == "They built a vlcc of similar size.\n"


def test_a_hyphened_part_picks_the_candidate_that_makes_a_listed_compound():
    # Before: "wtite-downs" -> "white-downs" ("white" is commoner alone; "writedowns" is listed)
    assert fix_text("It took a series of wtite-downs on projects.\n").text == \
        "It took a series of write-downs on projects.\n"
    # a compound the list holds but English seldom writes decides nothing ("nonelective")
    assert fix_text("He is a non-exective director.\n").text == "He is a non-executive director.\n"


_PATOIS = ('"Mi cyaan believe it, fi real," Clarke said. "Mi granny used to tek mi to dances inna '
           'Brixton when mi was likkle." "Yuh waan rush, guh a Kingston," said the driver. "Jerk fi '
           'cook pon wood, wid love."\n')


def test_in_an_article_quoting_dialect_a_slip_in_a_quotation_is_a_question():
    # Before: "cyaan" -> "cyan", "likkle" -> "like": safe fixes of speech written as it sounds
    assert fix_text(_PATOIS).text == _PATOIS
    found = {_PATOIS[d.start:d.end]: d.fix.applicability for d in spelling(_PATOIS) if d.fix}
    assert found["cyaan"] == "unsafe" and found["likkle"] == "unsafe"
    # ... while the narration around the quotations is checked as ever
    assert fix_text(_PATOIS + "The drievr laughed.\n").text == _PATOIS + "The driver laughed.\n"
    # a quotation in an ordinary story keeps its safe fixes
    assert fix_text('"We were walkign home," she said.\n').text == '"We were walking home," she said.\n'


def test_dishes_and_trades_of_feature_copy_are_known():
    # Before: "doro" -> "door" (the dish doro wat), "raftsman" -> "craftsman"
    text = "The doro wat is rich, and a raftsman sang.\n"
    assert fix_text(text).text == text
