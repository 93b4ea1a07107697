"""The hot path's shortcuts (ASCII engines, word-list pre-checks) change speed, never results."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normlint.checks.repetition import _DOUBLE, _DOUBLE_ASCII, _may_double
from normlint.document import ASCII_WORD_RE, WORD_RE, Document, WordProbe

ascii_text = st.lists(st.sampled_from(list("aAbB zZ9'\t\n.-_ÉéßſK’“”—\u00a0²ΣİK") + ["the", "The", "dog", "dog's", "dog’s", "  ",
                                                                                    "STRASSE", "Straße", "ΟΔΟΣ"]),
                      max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(ascii_text)
def test_ascii_tokeniser_and_double_pattern_agree_with_the_unicode_ones(text):
    if Document(text).plain:
        assert ASCII_WORD_RE.findall(text) == WORD_RE.findall(text)
        assert [m.span() for m in ASCII_WORD_RE.finditer(text)] == [m.span() for m in WORD_RE.finditer(text)]
    if text.isascii():
        assert [(m.span(1), m.span(2)) for m in _DOUBLE_ASCII.finditer(text)] == \
            [(m.span(1), m.span(2)) for m in _DOUBLE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(ascii_text)
def test_pre_checks_never_rule_out_a_real_finding(text):
    doc = Document(text)
    if _DOUBLE.search(text):
        assert _may_double(doc)
    keys = doc.word_keys(True)
    for _, _, tok in doc.tokens:
        low = tok.lower()  # what word lists look up: the token, or its part before an apostrophe
        assert low in keys
        for i, c in enumerate(low):
            if c in "'’":
                assert low[:i] in keys
                break
    assert doc.words_lower == [t.lower() for _, _, t in doc.tokens]


def _substitution(ignorecase: bool, nonword: bool):
    from normlint.checks.substitution import Substitution
    from normlint.loader import Rule

    data = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": ignorecase,
            "nonword": nonword, "swap": {r"\bSdept\.": "Sept.", r"\bTuse\.": "Tues.", "Sepf\\.": "Sept."}}
    if nonword:  # without \b a key may match inside a word: it would turn the pre-check off
        data["swap"][r"\bSepf\."] = data["swap"].pop("Sepf\\.")
    return Substitution(Rule(id="T.Abbr", pack="T", path="<test>", data=data))


abbrev_text = st.lists(st.sampled_from(["Sdept", "sDEPT", "Tuse", "Sepf", "o", "'", "’", ".", " ", "x", "_",
                                        "9", "é", "\u0301", "ſdept", "Tu\u017fe"]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(abbrev_text, st.booleans(), st.booleans())
@example("ſdept.x", True, False)  # the long s matches "s" case-insensitively: found by its case-folded form
def test_abbreviation_pre_check_never_hides_a_match(text, ignorecase, nonword):
    check = _substitution(ignorecase, nonword)
    assert check.heads == ({"sdept", "tuse", "sepf"} if ignorecase else {"Sdept", "Tuse", "Sepf"})
    fast = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    check.heads = None
    slow = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    assert fast == slow


def test_a_key_that_can_match_inside_a_word_turns_the_pre_check_off():
    from normlint.checks.substitution import Substitution
    from normlint.loader import Rule

    data = {"extends": "substitution", "message": "m %s %s", "nonword": True, "swap": {r"Sepf\.": "Sept."}}
    check = Substitution(Rule(id="T.Abbr", pack="T", path="<test>", data=data))
    assert check.heads is None
    assert [d.start for d in check.run(Document("xSepf. 3"))] == [1]


def _consistency(suffixes, ignorecase):
    from normlint.checks.consistency import Consistency
    from normlint.loader import Rule

    data = {"extends": "consistency", "message": "'%s' here, but first '%s'.", "ignorecase": ignorecase,
            "groups": [["al-Qaeda", "al-Qa'ida", "Daesh"], ["Kyiv", "Kiev"], ["mujahideen", "mujahedin", "IS"]]}
    if suffixes:
        data["suffixes"] = suffixes
    return Consistency(Rule(id="T.Names", pack="T", path="<test>", data=data))


names_text = st.lists(st.sampled_from(["al-Qaeda", "Al-Qaida", "al-Qa'ida", "al-Qa’ida", "AL-QAEDA", "Daesh",
                                       "Kyiv", "Kiev", "Kievs", "Kiev's", "x", " ", "-", "'", "s", "9", "_", "é",
                                       "\u0301", ". ", "Mujahideen", "mujahedin", "MUJAHEDIN", "IS", "is"]),
                      max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(names_text, st.sampled_from([None, ["'s"], ["s", "'s"], ["ite"]]), st.booleans())
def test_letter_run_pre_check_never_hides_a_name(text, suffixes, ignorecase):
    check = _consistency(suffixes, ignorecase)
    assert check.run_needles is not None
    fast = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    check.run_needles = None  # the substring pre-check it replaces
    check.case_needles = None
    slow = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    assert fast == slow


def test_case_needles_are_the_forms_longest_letter_runs_as_written():
    check = _consistency(None, False)
    assert set(check.case_needles) == {"Qaeda", "ida", "Daesh", "Kyiv", "Kiev", "mujahideen", "Mujahideen",
                                       "mujahedin", "Mujahedin", "IS"}
    assert _consistency(None, True).case_needles is None
    assert [d.start for d in check.run(Document("Mujahideen said. Later mujahedin and IS men came."))] == [23, 37]


def test_letter_run_pre_check_lets_real_findings_through():
    check = _consistency(["s"], False)
    found = [(d.start, d.message) for d in check.run(Document("Kiev said so. Kyivs mayor and Kyiv agreed."))]
    assert found == [(14, "'Kyiv' here, but first 'Kiev'."), (30, "'Kyiv' here, but first 'Kiev'.")]


def _quote_spans_char_by_char(text):
    """Document.quote_spans as first written, one character at a time: the reference the
    event scan must match."""
    spans, n, i, open_at = [], len(text), 0, -1
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at >= 0 and (i + 1 < n and text[i + 1] == "\n"):
            spans.append((open_at, i))
            open_at = -1
        elif ch in "“\"«„" or ch in "”\"»":
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            opening = ch in "“«„" or (ch == '"' and (prev.isspace() or prev in "([{—–-/") and not nxt.isspace())
            if open_at < 0:
                if opening or ch == '"' and not nxt.isspace():
                    open_at = i
            elif not opening or ch == '"':
                spans.append((open_at, i + 1))
                open_at = -1
        i += 1
    if open_at >= 0:
        spans.append((open_at, n))
    return spans


quoted_text = st.lists(st.sampled_from(list("ab \n\t(-/—“”\"«»„'") + ["\n\n", "said", " \""]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(quoted_text)
def test_quote_spans_match_the_character_by_character_reading(text):
    assert Document(text).quote_spans == _quote_spans_char_by_char(text)



def test_the_linter_calls_a_consistency_rule_only_where_its_letter_gate_is_met(monkeypatch):
    from normlint.api import get_linter

    linter = get_linter()
    check = next(c for c in linter.checks if c.id == "Names.Beijing")
    assert check.letter_gate is not None and "peking" in check.letter_gate
    calls = []
    run = check.run
    monkeypatch.setattr(check, "run", lambda doc: calls.append(doc.text) or run(doc))
    assert [d.rule for d in linter.lint("Nothing named here.").diagnostics] == []
    assert calls == []  # ruled out by one set test, before run() is called
    found = linter.lint("Beijing said so. Officials in Peking agreed.").diagnostics
    assert calls == ["Beijing said so. Officials in Peking agreed."]
    assert [(d.rule, d.start) for d in found] == [("Names.Beijing", 30)]


def _prefiltered(prefilter):
    from normlint.checks.substitution import Substitution
    from normlint.loader import Rule

    data = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "nonword": True,
            "swap": {r"(?<=on )Mach(?= \d)": "March", r"\bpm(?= Monday)": "on"}, "prefilter": prefilter}
    return Substitution(Rule(id="T.Slips", pack="T", path="<test>", data=data))


def test_prefilter_skips_texts_without_its_strings_and_keeps_every_match_that_holds_one():
    text = "Sales rose on Mach 31 and fell pm Monday."
    found = [(d.start, d.message) for d in _prefiltered(["Mach", "pm"]).run(Document(text))]
    assert found == [(14, "Use 'March' instead of 'Mach'."), (31, "Use 'on' instead of 'pm'.")]
    # the strings are a promise the rule file makes: a text holding none of them is not scanned
    assert [d.start for d in _prefiltered(["Octobre"]).run(Document(text))] == []


@pytest.mark.parametrize("bad", [[], "Mach", ["Mach", ""], [3]])
def test_a_bad_prefilter_is_a_rule_file_error_naming_the_key(bad):
    from normlint.errors import RuleFileError

    with pytest.raises(RuleFileError, match="'prefilter' must be a non-empty list of non-empty strings"):
        _prefiltered(bad)


@settings(max_examples=400, deadline=None)
@given(ascii_text, st.booleans())
def test_word_parts_are_every_token_and_every_apostrophe_separated_part(text, fold):
    doc = Document(text)
    tokens = [t.casefold() if fold else t for t in WORD_RE.findall(text)]
    expected = {part for t in tokens for part in [t, *t.replace("’", "'").split("'")]} or {""}
    assert doc.word_parts(fold) == expected


@settings(max_examples=400, deadline=None)
@given(ascii_text, st.booleans())
def test_word_keys_are_every_token_and_its_part_before_an_apostrophe(text, fold):
    doc = Document(text)
    tokens = [t.lower() if fold else t for t in WORD_RE.findall(text)]
    expected = {key for t in tokens for key in (t, t.replace("’", "'").split("'")[0])}
    assert doc.word_keys(fold) == expected


@settings(max_examples=400, deadline=None)
@given(ascii_text)
def test_letter_runs_are_the_maximal_runs_of_letters(text):
    import regex

    assert Document(text).letter_runs == set(regex.findall(r"\p{L}+", text.lower()))


@settings(max_examples=400, deadline=None)
@given(ascii_text, st.sets(st.sampled_from(["a", "b", "ab", "the", "dog", "s", "z", "zz", "ss", "k", "é", "x"])))
def test_one_shared_set_answers_every_set_test(text, words):
    import regex

    doc = Document(text)
    runs = set(regex.findall(r"\p{L}+", text.lower()))
    assert doc.letter_runs_in(WordProbe(words)) == runs & words
    # what word lists look up (the lower-cased token, cut at its own apostrophe) ...
    assert doc.word_keys(True) <= doc.lower_parts
    # ... and every token and part case-folded, which a key's case-folded form meets (lower()
    # of a part alone may differ: a final sigma before an apostrophe is not final in the token)
    for fold in (False, True):
        assert {p.casefold() for p in doc.word_parts(fold)} - {""} <= doc.lower_parts
        assert {k.casefold() for k in doc.word_keys(fold)} - {""} <= doc.lower_parts
    if doc.plain:
        assert {w for w in doc.lower_parts if w.isalpha()} <= runs


def _language(pattern: str) -> set[str]:
    """Every string a finite pattern matches (look-arounds ignored), as written in it."""
    try:
        from re import _constants as c, _parser as parser
    except ImportError:  # Python < 3.11
        import sre_constants as c
        import sre_parse as parser
    import re

    def seq(items) -> set[str]:
        out = {""}
        for op, av in items:
            out = {a + b for a in out for b in node(op, av)}
        return out

    def node(op, av) -> set[str]:
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            chars = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.add(chr(iav))
                elif iop is c.RANGE:
                    chars.update(chr(i) for i in range(iav[0], iav[1] + 1))
                else:
                    raise AssertionError(f"unexpected {iop} in a unit class")
            return chars
        if op is c.BRANCH:
            return set().union(*(seq(b) for b in av[1]))
        if op is c.SUBPATTERN:
            return seq(av[-1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, hi, body = av
            assert hi <= 1, "the unit pattern has no unbounded repeat"
            return ({""} if lo == 0 else set()) | seq(body)
        if op in (c.ASSERT, c.ASSERT_NOT):
            return {""}
        raise AssertionError(f"unexpected {op} in the unit pattern")

    return seq(parser.parse(pattern, re.VERBOSE))


def test_unit_words_hold_the_beginning_of_every_unit():
    import re

    from normlint.checks.units import _UNIT, UNIT_WORDS

    units = _language(_UNIT.replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9"))
    assert {"km", "sq. km", "per cent", "m.p.h.", "degrees Celsius", "%", "°C"} <= units
    from normlint.checks.units import _UNIT_SPAN

    assert max(map(len, units)) < _UNIT_SPAN
    starts = {re.match(r"[A-Za-z0-9]*", u).group().lower() for u in units if u.isascii() and u[0].isalpha()}
    assert starts == UNIT_WORDS


def _units_text():
    from normlint.checks.units import _UNIT

    # every unit as written (some in capitals below); \p{..} only sits in the final look-ahead
    units = sorted(_language(_UNIT.replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9")))
    number = st.sampled_from(["5", "26,238", "1.5", ".5", "1/2", "x5", "5.", "9"])
    sep = st.sampled_from(["", " ", "-", "\u00a0", "  ", "\n"])
    unit = st.sampled_from(units) | st.sampled_from(units).map(str.upper)
    after = st.sampled_from(["", "", " ", ".", "'s", "s", "2", "_", "\u0301", "/", "\n"])
    expression = st.tuples(number, sep, unit, after).map("".join)
    filler = st.sampled_from([" ", "\n", "x", "é", "K", "ſec", "the ", "per", "'", "’", "“", "—", "°", "\u2212"])
    return st.lists(expression | filler, max_size=6).map("".join)


units_text = _units_text()


@settings(max_examples=600, deadline=None)
@given(units_text)
def test_units_pre_checks_find_what_the_whole_text_scan_finds(text):
    from normlint.checks import units
    from normlint.checks.units import SCAN, scan

    # every field of every expression, as the Unicode pattern finds them over the whole text
    whole = [(m.start(), m.end(), m.group("num"), m.group("sep"), m.group("unit"), units._group(m),
              m.start("unit")) for m in SCAN.finditer(text)]
    assert [tuple(e) for e in scan(Document(text))] == whole
    visits = units._MAX_VISITS
    try:
        units._MAX_VISITS = -1  # the digit-then-unit regex instead of visiting the unit words
        assert [tuple(e) for e in scan(Document(text))] == whole
    finally:
        units._MAX_VISITS = visits


@pytest.mark.parametrize("visits", [40, -1])  # unit words visited one by one, or the digit-then-unit regex
def test_units_pre_checks_let_every_unit_through(visits, monkeypatch):
    from normlint.checks import units as module
    from normlint.checks.units import _UNIT, SCAN, scan

    monkeypatch.setattr(module, "_MAX_VISITS", visits)
    units = _language(_UNIT.replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9"))
    for unit in sorted(units):
        for u in {unit, unit.upper(), unit.title()}:
            for text in (f"5{u}", f"Up 1.5 {u}'s.", f"x\n(26,238-{u})\n", f"1/2\u00a0{u}é", f"ab 5 x{u} 5-{u}x",
                         f"{'word ' * 12}-1,000.5 {u} and then {'long ' * 12}20 {u} {'x' * 50} 7{u}"):
                whole = [(m.start(), m.end(), m.group("num"), m.group("sep"), m.group("unit"),
                          module._group(m), m.start("unit")) for m in SCAN.finditer(text)]
                assert [tuple(e) for e in scan(Document(text))] == whole, text


layout_text = st.lists(st.sampled_from(["a", "B", "Shr", "dlrs", "9", "1.20", " ", "  ", "\t", "\n", ",", ".", "?",
                                        "\u00a0", "\u3000", "é", "É", "ß", "'", '"', "|", "\x1c", "\x0b", "\r"]),
                       max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(layout_text)
def test_typography_pre_checks_never_hide_a_match(text):
    from normlint.checks import typography as T

    if T._BEFORE_PUNCT.search(text):
        assert T._GAP_BEFORE_MARK.search(text)
    if text.isascii():
        assert [m.span(1) for m in T._RUN_ASCII.finditer(text)] == [m.span(1) for m in T._RUN.finditer(text)]
    check = Document(text)
    rule = _typography("trailing-whitespace")
    assert [d.start for d in rule.run(check)] == [m.start() for m in T._TRAILING.finditer(text)]
    for line in text.split("\n"):
        if line.isascii():
            assert len(T._ASCII_LOWER_WORD.findall(line)) == \
                sum(1 for w in T._WORD.findall(line) if any(c.islower() for c in w))


def _typography(aspect):
    from normlint.checks.typography import Typography
    from normlint.loader import Rule

    data = {"extends": "typography", "message": "m", "aspect": aspect}
    return Typography(Rule(id="T.Typo", pack="T", path="x.txt", data=data))


def test_units_handlers_find_nothing_outside_their_groups():
    from normlint.checks.units import _UNIT, ASPECT_GROUPS, ASPECTS, Units, scan
    from normlint.loader import Rule

    checks = [Units(Rule(id=f"U.{a}", pack="U", path="<test>",
                         data={"extends": "units", "message": "%s %s", "aspect": a})) for a in ASPECTS]
    assert set(ASPECT_GROUPS) == set(ASPECTS)
    units = _language(_UNIT.replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9"))
    seen = set()
    for unit in sorted(units):
        for text in (f"It is 5{unit}.  A 600 {unit} road", f"Temperatures hit 1 {unit}. Then 5-{unit} (a)",
                     f"About 5 {unit}. from 1400 {unit} and 2{unit} tall"):
            doc = Document(text)
            for e in scan(doc):
                seen.add(e.group)
                for check in checks:
                    if e.group not in check.groups:
                        assert not list(check.handler(doc, e) or ()), (check.aspect, e)
    assert seen == {"area", "temp", "pct", "speed", "abbr", "sym", "name"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "the", "had", "nil", "Sirhan", "x", " ", "  ", "\n", "-", "."]),
                max_size=20).map("".join),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=8))
def test_exceptions_scanned_lazily_shelter_what_the_whole_scan_does(text, queries):
    from normlint.engine import Linter

    check = next(c for c in Linter().all_checks if c.id == "Typos.Repeated")
    doc = Document(text)
    spans = [m.span() for m in check.exceptions.finditer(text)]
    for start, length in queries:
        end = start + length
        assert check.excepted(doc, start, end) == any(s <= start and end <= e for s, e in spans)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["dog", "dog's", "o", "o'neill", "o'neill's", "s", "a", "a's", "d'a", "x"]),
                max_size=8))
def test_apostrophe_double_check_agrees_with_its_plain_definition(words):
    from itertools import islice
    from operator import eq

    from normlint.checks.repetition import _FROM_APOSTROPHE, _TWO_APOSTROPHES, _cut_doubles

    joined = " ".join(words)
    adjacent = any(map(eq, islice(words, 1, None), words))
    cut = _FROM_APOSTROPHE.sub("", joined).split(" ")
    plain = bool(_TWO_APOSTROPHES.search(joined)) or any(map(eq, islice(cut, 1, None), words))
    assert (_cut_doubles(joined) or adjacent) == (plain or adjacent)


@settings(max_examples=400, deadline=None)
@given(ascii_text, st.booleans())
def test_lower_case_words_are_the_tokens_lower_cased(text, words_first):
    doc = Document(text)
    if words_first:
        doc.words
    expected = [w.lower() for w in WORD_RE.findall(text)]
    assert doc.words_lower == expected
    assert doc._joined_lower == " ".join(expected)
    assert doc.words_casefold == [w.casefold() for w in WORD_RE.findall(text)]


def test_a_word_probe_made_after_a_document_was_tested_is_still_found():
    doc = Document("Zyzzyva and qoph went by.")
    assert doc.found(WordProbe({"zyzzyva"})) == {"zyzzyva"}
    assert doc.found(WordProbe({"qoph", "nowhere"})) == {"qoph"}  # the union grew: hits recomputed
    assert doc.letter_runs_in(WordProbe({"went", "by", "gone"})) == {"went", "by"}


def test_an_unpickled_word_probe_joins_the_union(monkeypatch):
    import pickle

    data = pickle.dumps(WordProbe({"xylograph"}))
    monkeypatch.setattr(WordProbe, "union", frozenset())  # as in a fresh worker process
    probe = pickle.loads(data)
    assert "xylograph" in WordProbe.union
    assert Document("A xylograph.").found(probe) == {"xylograph"}


word_list_text = st.lists(st.sampled_from(["Wedmesday", "wedmesday", "WEDMESDAY", "teh", "Teh's", "teh’s", "o'teh",
                                           "x", " ", "'", "’", "_", "9", "é", "Ö", "\n"]), max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(word_list_text, st.booleans())
def test_word_list_candidates_are_every_token_that_can_match(text, ignorecase):
    from normlint.checks.substitution import Substitution
    from normlint.loader import Rule

    data = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": ignorecase,
            "case": "preserve", "swap": {"wedmesday": "Wednesday", "teh": "the", "Teh": "The"}}
    check = Substitution(Rule(id="T.Words", pack="T", path="<test>", data=data))
    fast = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    check._candidates = lambda doc, ascii_: doc.tokens  # every token, as before
    slow = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    assert fast == slow


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["teh", "Teh", "teh's", "o'teh", "x", "9", " ", "\n", "\t", "'", "é", "_", "-"]),
                max_size=12).map("".join),
       st.sets(st.sampled_from(["teh", "Teh", "teh's", "o'teh", "x", "eh"])), st.booleans())
def test_tokens_of_are_the_tokens_with_those_texts(text, wanted, built):
    doc = Document(text)
    if built:
        doc.tokens
    assert doc.tokens_of(wanted) == [t for t in Document(text).tokens if t[2] in wanted]


gate_text = st.lists(st.sampled_from(["Wedmesday", "WEDMESDAY", "teh", "Teh's", "teh’s", "Straße", "STRASSE",
                                      "strasse", "ΟΔΟΣ", "οδος", "İdog", "idog's", "x", " ", "'", "’", "é", "\u0301",
                                      "\n"]), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(gate_text, st.booleans())
def test_the_shared_word_set_gate_never_hides_a_word_list_match(text, ignorecase):
    from normlint.checks.substitution import Substitution
    from normlint.loader import Rule

    data = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": ignorecase,
            "swap": {"wedmesday": "Wednesday", "teh": "the", "Straße": "Strasse", "ΟΔΟΣ": "ODOS",
                     "i̇dog": "dog"}}
    check = Substitution(Rule(id="T.Gate", pack="T", path="<test>", data=data))
    fast = [(d.start, d.end, d.message) for d in check.run(Document(text))]
    doc = Document(text)
    doc.found = lambda probe: probe.words  # the gate always open
    assert fast == [(d.start, d.end, d.message) for d in check.run(doc)]


# -- gates the linter applies before calling a rule (Linter._to_run) ---------------------------

def _gate_open(check, doc) -> bool:
    """Whether the linter's gates let ``check`` run on ``doc`` (the linter's own code path)."""
    from normlint.engine import Linter

    linter = Linter.__new__(Linter)
    linter._plans = {}
    return check in linter._to_run([check], doc)


gated_text = st.lists(st.sampled_from(["pm", "PM", "Pm", "p.m.", "P.M.", "P.m.", "5", "9", " ", "\u00a0", "\n", ".",
                                       "Monday", "Wedmesday", "Mach", "on", "since", "31", "'", "’", "o", "x", "_",
                                       "é", "\u0301", "ſ", "K", "İ", "shipment", "teh", "Teh", "TEH", "tEh",
                                       "Sdept", "Sdept.", "ſdept.", "km", "5km", "pct", "%", "12\"", "“", "”", "‘",
                                       "  ", "\t", ",", " ,"]),
                      max_size=14).map("".join)


def _substitution_gated(ignorecase, regex_keys, words=None):
    from normlint.checks.substitution import Substitution
    from normlint.loader import Rule

    swap = {"teh": "the", "Sdept": "Sept"}
    if regex_keys == "heads":
        swap[r"\bSdept\."] = "Sept."
    elif regex_keys == "words":
        swap[r"(?<![0-9] ?)\b(?:pm|p\.m)(?=\.?[ \u00a0]{1,3}(?:Monday|W(?:ednesday){e<=1}))"] = "on"
        swap[r"(?<=on )Mach(?= \d)"] = "March"
    data = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": ignorecase,
            "swap": swap}
    if words is not None:
        data["prefilter_words"] = words
    return Substitution(Rule(id="T.Gate", pack="T", path="<test>", data=data))


@settings(max_examples=600, deadline=None)
@given(gated_text, st.booleans(), st.sampled_from([None, "heads", "words"]))
@example("ſdept.", True, "heads")  # "ſ" matches "s" case-insensitively, and lower() keeps it: no gate
def test_a_substitution_rules_letter_gate_never_hides_a_match(text, ignorecase, regex_keys):
    check = _substitution_gated(ignorecase, regex_keys, ["pm", "p", "Mach"] if regex_keys == "words" else None)
    if regex_keys == "heads" and ignorecase:
        assert check.letter_gate is None
    else:
        assert check.letter_gate is not None
    doc = Document(text)
    if list(check.run(doc)):
        assert _gate_open(check, Document(text))


def test_a_substitution_rule_with_regex_keys_has_a_letter_gate_only_from_prefilter_words():
    assert _substitution_gated(False, "words").letter_gate is None
    check = _substitution_gated(False, "words", ["pm", "p", "Mach"])
    assert check.letter_gate == {"teh", "sdept", "pm", "p", "mach"}
    assert not _gate_open(check, Document("A shipment left at 5 pmx Monday."))
    assert _gate_open(check, Document("It left pm Monday."))
    assert [d.start for d in check.run(Document("It left pm Monday, p.m. Wedmesday."))] == [8, 19]


@pytest.mark.parametrize("bad", [[], "pm", ["pm", ""], [3], ["p.m."], ["São"]])
def test_bad_prefilter_words_are_a_rule_file_error_naming_the_key(bad):
    from normlint.errors import RuleFileError

    with pytest.raises(RuleFileError, match="'prefilter_words' must be a non-empty list of words of ASCII letters"):
        _substitution_gated(False, "words", bad)


typography_paths = st.sampled_from(["a.txt", "a.md", "-", "<stdin>"])


@settings(max_examples=500, deadline=None)
@given(gated_text, typography_paths)
def test_typography_feature_gates_never_hide_a_finding(text, path):
    from normlint.checks.typography import ASPECTS

    for aspect in ASPECTS:
        check = _typography(aspect)
        if list(check.run(Document(text, path))):
            assert aspect in check.doc_features(Document(text, path))
            assert _gate_open(check, Document(text, path))


def test_the_linter_calls_units_and_typography_rules_only_where_their_features_occur(monkeypatch):
    from normlint.api import get_linter

    linter = get_linter()
    calls = []
    for check in linter.checks:
        if check.kind in ("units", "typography"):
            monkeypatch.setattr(check, "run", lambda doc, run=check.run, i=check.id: calls.append(i) or run(doc))
    assert linter.lint("Nothing measured here.\n", "a.txt").diagnostics == []
    assert calls == []
    found = linter.lint("It rose 5 pct in a 10 kms  race\n", "a.txt").diagnostics
    assert sorted(set(calls)) == ["Typography.DoubledSpaces", "Units.Abbreviations", "Units.Ambiguous",
                                  "Units.Compound", "Units.Percent", "Units.Plurals", "Units.Spacing",
                                  "Units.SymbolCase"]
    assert [d.rule for d in found] == ["Units.Plurals", "Typography.DoubledSpaces"]


def test_every_built_in_rule_runs_on_its_own_examples_where_it_finds_something():
    """The gates of the shipped rules (letter runs, prefilter_words, features) against every
    rule's examples: a rule that finds something in an example is never skipped there."""
    from normlint.api import get_linter

    linter = get_linter()
    checked = 0
    for check in linter.checks:
        for ex in check.rule.get("examples") or ():
            text = ex["text"]
            if list(check.run(Document(text, "example.txt"))):
                assert _gate_open(check, Document(text, "example.txt")), (check.id, text)
                checked += 1
    assert checked > 100


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["o'neill’s", "O'NEILL's", "ΟΔΟΣ's", "ΟΔΟΣ", "Straße’s", "dog", "dog's", "a'b'c",
                                 "x", " ", "\n", "'", "’", "9", "é", "\u0301", "İ'x"]), max_size=12).map("".join))
def test_lower_parts_are_every_token_lowered_and_folded_and_each_apostrophe_part(text):
    forms = {f for t in WORD_RE.findall(text) for f in (t.lower(), t.casefold())}
    assert Document(text).lower_parts == {p for f in forms for p in [f, *f.replace("’", "'").split("'")]}


ONE_LINE_EXCEPTIONS = [r"\bthe[ \t]+the\b", r"(?m)^the", r"(?<=x)the|(?<![a-z] )had", r"(?=the)", r"x*", r"\b",
                       r"(?i:(?P<w>\p{L}+))[ \t]+(?P=w)", r"the(?! ?x)", r"(?<=\bx )x x", r"\Bhe\b|\Ax",
                       r"x(?!\p{L})|(?<!\p{L})x\b", r"(?m)^x|x(?![ \t]?the)"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "had", "x", " ", "\t", "\n", "-", ".", "é", "the the the", "x x x"]),
                max_size=16).map("".join),
       st.sampled_from(ONE_LINE_EXCEPTIONS),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=8))
@example("x x x\nthe the the", r"(?<=\bx )x x", [(4, 1), (14, 3)])  # a scan from mid-line pairs them otherwise
@example("x\nthe the the", r"\bthe[ \t]+the\b", [(6, 7), (10, 3), (3, 3)])  # (6, 7): not the scan's pair
def test_exceptions_of_one_line_scanned_by_line_shelter_what_the_whole_scan_does(text, pattern, queries):
    from normlint.checks.repetition import Repetition
    from normlint.loader import Rule

    check = Repetition(Rule(id="T.Rep", pack="T", path="<test>",
                            data={"extends": "repetition", "message": "%s", "exceptions": [pattern]}))
    assert check.exceptions_one_line
    doc = Document(text)
    spans = [m.span() for m in check.exceptions.finditer(text)]
    for start, length in queries:
        end = start + length
        assert check.excepted(doc, start, end) == any(s <= start and end <= e for s, e in spans), (start, end)


@pytest.mark.parametrize("pattern,one_line", [
    (r"\bthe[ \t]+the\b", True), (r"[\p{L}\p{M}]+ x", True), (r"(?P<a>\w+) (?P=a)", True), (r"a{2,3}\.", True),
    (r"the\s+the", False), (r"[^a]", False), (r"\W", False), (r"\D", False), (r"(?s).", False), (r"a{e<=1}", False),
    (r"\x0a", False), (r"\n", False), ("a\nb", False), (r"\P{L}", False), (r"\p{Cc}", False), (r"[\t-\r]", False),
    (r"[\x00-z]", False), (r"\Gx", False), (r"(?V1)a", False), (r"\012", False), (r"(?R)", False), (r"\X", False),
    (r"[\s]", False), ("[\t-\r]", False), (r"(?>a)", False), (r"the$", False), (r"(?m)the$", False),
    (r"the\Z", False), (r"the\z", False), (r"[$]x\$", True),
])
def test_exceptions_are_read_as_one_line_only_when_no_match_can_hold_a_line_break(pattern, one_line):
    from normlint.checks.base import _one_line

    assert _one_line(pattern) is one_line


article_text = st.lists(st.sampled_from(["the", "The", "dog", "dogs", "dog's", "o’dog", "x'dog's", "2dog", "dog2",
                                         "dog-", "-dog", "_dog_", "don't", "don’t", "x-ray", " ", " ", "\n", ".", "'",
                                         "’", "é", "\u0301", "²", "“", "—", "DOG"]), max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(article_text)
@example("x'don't dog2 2dog _dog_ x-ray")
def test_a_spelling_report_counts_words_the_same_with_the_plain_text_shortcut(text):
    # _ArticleWords answers "how often does the article use this word" for the suggestions a
    # report weighs; in plain text it skips the scan for a letters-only word that
    # Document.lower_parts lacks: the counts are those of the scan, for every kind of word
    from normlint.checks.spelling import _ArticleWords

    doc = Document(text)
    words = ["dog", "dogs", "the", "don't", "don", "t", "x-ray", "ray", "x", "o", "s", "cat", "dog2", "é", "e"]
    scan = _ArticleWords(text)
    fast = _ArticleWords.of(doc)
    assert [fast[w] for w in words] == [scan[w] for w in words]


@settings(max_examples=500, deadline=None)
@given(article_text, st.booleans())
@example("x'don't dog2 2dog _dog_ x-ray ² é DOG", False)
def test_a_long_text_s_word_counts_from_one_count_are_those_of_the_scans(text, plain):
    # In a long text (a file of many stories) _ArticleWords stops scanning the text once per
    # word asked and counts every run of letters and digits once: same answers
    from normlint.checks.spelling import _SCANS_BEFORE_COUNTING, _ArticleWords

    words = ["dog", "dogs", "the", "don't", "don", "t", "x-ray", "ray", "x", "o", "s", "cat", "dog2", "é", "e",
             "²", "_dog_", "2dog"]
    scan = _ArticleWords(text)
    counted = _ArticleWords.of(Document(text)) if plain else _ArticleWords(text)
    counted._scans = _SCANS_BEFORE_COUNTING + 1
    assert [counted[w] for w in words] == [scan[w] for w in words]
    assert counted._runs is not None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ'’é\u0301-9 ßΣ", max_size=8))
def test_the_spelling_check_s_token_tests_are_its_patterns(tok):
    from normlint.checks.spelling import _APOSTROPHES, _LETTERS, _first_apostrophe, _letters_only

    assert _letters_only(tok) == (_LETTERS.fullmatch(tok) is not None)
    assert _first_apostrophe(tok) == next((i for i, c in enumerate(tok) if c in _APOSTROPHES), -1)


# Simple regex entries of a vocabulary: letters, classes of letters, "?" and groups of
# alternatives, as the shipped accept list writes them ("[Pp]anamaxe?s?", "[Ss]ecuriti[sz](?:e|es|ed)")
_piece = st.one_of(st.sampled_from(list("abPs'")),
                   st.lists(st.sampled_from(list("aAbz")), min_size=1, max_size=3, unique=True)
                   .map(lambda cs: "[" + "".join(cs) + "]"),
                   st.lists(st.text(alphabet="abe", min_size=1, max_size=3), min_size=1, max_size=3)
                   .map(lambda alts: "(?:" + "|".join(alts) + ")"))
vocab_entry = st.lists(st.tuples(_piece, st.booleans()), min_size=1, max_size=5).map(
    lambda parts: "".join(p + ("?" if opt else "") for p, opt in parts))


@settings(max_examples=400, deadline=None)
@given(vocab_entry)
def test_a_simple_vocabulary_regex_is_listed_as_the_words_it_matches(entry):
    import regex

    from normlint.vocab import WordList, _finite_forms

    forms = _finite_forms(entry)
    pattern = regex.compile(entry)
    if forms is None:  # too many forms, or one of them empty: left a regex
        return
    assert all(pattern.fullmatch(f) for f in forms)
    # every word one edit from a form matches the regex only if it is a form too
    for f in forms:
        for i in range(len(f) + 1):
            for c in "abezAPs'":
                for near in (f[:i] + c + f[i:], f[:i] + c + f[i + 1:], f[:i] + f[i + 1:]):
                    assert (pattern.fullmatch(near) is not None) == (near in forms), (entry, near)
    listed, compiled = WordList(), WordList()
    listed.add(entry)
    compiled.patterns.append(entry)  # as a regex entry was always matched
    for f in forms:
        assert f in listed and f in compiled
    assert not listed.patterns  # nothing left to compile


def test_a_vocabulary_regex_of_another_shape_stays_a_regex():
    from normlint.vocab import WordList

    wl = WordList()
    for entry in ("[A-Z]x", "(?i)mln", "x+y", r"\d+m"):
        wl.add(entry)
    assert wl.patterns == ["[A-Z]x", "(?i)mln", "x+y", r"\d+m"] and not wl.pattern_words
    assert "Qx" in wl and "MLN" in wl and "xxy" in wl and "12m" in wl
