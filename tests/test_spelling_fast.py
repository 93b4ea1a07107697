"""The spelling check's fast paths give exactly what the plain token-by-token scan gives.

``Spelling.run`` settles most articles by set operations on their words (forms sorted once
per process into ok / never reportable / British-American form / examine) and finds the
few tokens left by ``str.find``; the lexicon's searches use filters and hash tables.  Each
is checked here against the plain definition it stands for.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normlint.api import get_linter
from normlint.config import Config
from normlint.document import Document
from normlint.lexicon import Lexicon, _crcs, damerau, edits1, two_edit_crcs, two_edit_keys

# Known words, names with and without common neighbours, slips (one and two edits), rare
# slips ("billon"), British/American pairs, contractions, all-caps, digits, particles,
# prefixes before hyphens, and the glue around addresses and tags.
WORDS = ["the", "The", "said", "wheat", "Wedmesday", "Wednesday", "thrpugh", "nstional", "goverment",
         "recieveing", "Reagan", "Salomon", "Zorbulon", "zorbulon", "Yarallah", "Thrpugh", "billon",
         "colour", "color", "Colour", "theatre", "theater", "organised", "organized", "don't", "Iraq’s",
         "won't", "BAGHDAD", "F16", "mln", "dlrs", "pre", "des", "von", "soyoil", "soymeal", "wil",
         "commerical", "targetted", "Opec", "Banque", "Etats", "tax", "well", "knwon", "grean", "und"]
GLUE = [" ", " ", " ", ". ", ", ", "-", "\n", "\n\n", " \"", "\" ", " (", ") ", "@", "#", "/", ".com ",
        " <", "> ", "'", "’", "5", " http://x.org/", " www."]

# Articles with nothing to report but a British/American mix are the ones the fast path
# settles without a scan: plain words come up as often as all the others together.
PLAIN = ["the", "said", "wheat", "Wednesday", "colour", "color", "Colour", "theatre", "theater", "don't",
         "BAGHDAD", "mln", "Yarallah", "Zorbulon"]
texts = st.lists(st.tuples(st.one_of(st.sampled_from(PLAIN), st.sampled_from(WORDS)), st.sampled_from(GLUE)),
                 max_size=30).map(lambda pairs: "".join(w + g for w, g in pairs))


def _checks(profile=None):
    linter = get_linter(Config(select=("Typos.Spelling",), **({"profile": profile} if profile else {})))
    return next(c for c in linter.checks if c.kind == "spelling")


def _plain(check, doc):
    """The scan of every token by a copy of ``check`` with nothing sorted yet."""
    fresh = object.__new__(type(check))
    fresh.__dict__.update(check.__dict__)
    fresh._forget_common_forms()  # (no forms sorted ahead either)
    fresh._reset_surface()
    return fresh._scan(doc, doc.tokens)


def _same(check, text):
    fast = check.run(Document(text))
    assert [(d.start, d.end, d.message, d.fix) for d in fast] == \
        [(d.start, d.end, d.message, d.fix) for d in _plain(check, Document(text))]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=4))
def test_fast_path_gives_the_plain_scans_diagnostics(articles):
    # several articles through one check: what one article sorts, the next one relies on
    check = _checks()
    for text in articles:
        _same(check, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3), st.sampled_from(["bbc", "ap"]))
def test_fast_path_with_a_house_spelling(articles, profile):
    check = _checks(profile)
    for text in articles:
        _same(check, text)


def test_fast_path_on_known_cases():
    check = _checks()
    for text in ["The colour faded. The color was bright.", "The colour faded.", "Salomon said.",
                 "He said. Salomon said.", "Zorbulon zorbulon wil go.", "A pre-tax profit of 5 mln dlrs.",
                 "Sales rose to 3.5 billon dlrs.", "See www.example.com/wil or <Wil Corp>."]:
        _same(check, text)
        _same(check, text)  # again, with everything sorted


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["x", "5x", "x5", "ab'cd", "é", "naïve", "can't"]), max_size=20),
       st.lists(st.sampled_from(GLUE + ["", "'", "5", "é"]), max_size=20), st.data())
def test_locate_finds_the_tokens_document_finds(words, glue, data):
    text = "".join(w + g for w, g in zip(words, glue + [""] * len(words)))
    tokens = Document(text).tokens
    pool = sorted({t for _, _, t in tokens} | set(words) | {"x", "s", "t"})
    wanted = set(data.draw(st.lists(st.sampled_from(pool), max_size=5)))
    assert Document(text).tokens_of(wanted) == [t for t in tokens if t[2] in wanted]


# -- the lexicon's searches against brute force on small word lists ---------------------

small_words = st.text(alphabet="abcd", min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdé", min_size=2, max_size=8), st.sets(small_words, max_size=150))
def test_two_edit_keys_reach_every_word_two_edits_away(typed, words):
    keys = two_edit_keys(typed)
    found = {w for w in words if ({w} | {w[:i] + w[i + 1:] for i in range(len(w))}) & keys
             and damerau(typed, w, 2) == 2}
    assert found == {w for w in words if damerau(typed, w, 2) == 2}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcxyz", max_size=14))
def test_two_edit_crcs_are_the_two_edit_keys_crcs(typed):
    # the letters put in are patched into a CRC rather than typed out: the same numbers
    assert two_edit_crcs(typed) == set(_crcs(two_edit_keys(typed)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcd", max_size=10), st.sets(st.text(alphabet="abcd", min_size=4, max_size=9), max_size=60))
def test_the_blank_filter_keeps_every_key_of_the_index(typed, words):
    # two_edit_crcs with an index's blank filter leaves out only keys the index lacks
    from normlint.lexicon import _array, _two_edit_blanks, _two_edit_tables

    hashes, _, joined, _ = _two_edit_tables({w: 4.0 for w in words})
    index = set(_array("I", hashes)) if words else set()
    assert two_edit_crcs(typed, _two_edit_blanks(joined.split("\n") if words else [])) & index == \
        two_edit_crcs(typed) & index


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeé", min_size=1, max_size=8),
       st.dictionaries(st.text(alphabet="abcde", min_size=1, max_size=8), st.integers(100, 700), max_size=200))
def test_lexicon_searches_match_their_definitions(typed, table):
    lex = Lexicon({w: z / 100 for w, z in table.items()})
    assert lex.one_edit(typed) == edits1(typed) & lex.words
    # suggest(): one edit if any, else every word of the two-edit index two edits away
    got = lex.suggest(typed, limit=1000)
    one = edits1(typed) & lex.words
    if one:
        assert {s.word for s in got} == one
    elif len(typed) >= 5:
        assert {s.word for s in got} == {w for w, z in lex.zipf.items() if z >= 3.0 and len(w) >= 4
                                         and damerau(typed, w, 2) == 2}
    # common_neighbours: every word that common one edit away (what the check relies on)
    assert set(lex.common_neighbours(typed, 4.0)) >= {w for w in one if lex.frequency(w) >= 4.0}
    # indexed_neighbours: the words of the two-edit index one edit away, once it is loaded
    lex._two_edit_index()
    if len(typed) >= 5 and typed.isascii():
        assert set(lex.indexed_neighbours(typed)) == {w for w in one if lex.frequency(w) >= 3.0}
    else:
        assert lex.indexed_neighbours(typed) is None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=2, max_size=6))
def test_the_memo_starts_over_past_its_bound_and_results_stay_the_same(articles):
    from normlint.checks import spelling

    check = _checks()
    check.take_common_forms()
    bound = spelling.MAX_REMEMBERED
    try:
        spelling.MAX_REMEMBERED = 3
        for text in articles:
            _same(check, text)
            # at most the bound, plus what one article added after the memo started over
            # (besides the common words' forms, if the check took them on: never dropped):
            # a verdict for each word and at most two forms of it it looked up ("OPEC" ->
            # "opec", "colour" -> "color")
            limit = 3 + 3 * len(set(Document(text).words))
            assert len(check._ok - set(check._common or ())) <= limit and len(check._cache) <= limit
            assert check._ok >= set(check._common or ())
    finally:
        spelling.MAX_REMEMBERED = bound


def test_the_near_word_search_before_suggest_changes_no_verdict(monkeypatch):
    # _known and _verdict ask common_neighbours whether a word that common is one edit
    # away before calling suggest(); with that search answering "yes" every time, they
    # must reach the very same verdicts
    from normlint.lexicon import english

    lex = english()
    rare = sorted(w for w in lex.words if len(w) >= 5 and w.isalpha() and lex.rare(w))[::40]
    common = sorted(w for w, z in lex.zipf.items() if z >= 3.0 and w.isalpha() and len(w) >= 4)[::40]
    # forms the list may lack: plurals, -d pasts, compounds, prefixed words, and slips of them
    forms = [w + "s" for w in common] + [w + "d" for w in common if w.endswith("e")] + \
        [a + b for a, b in zip(common, common[7:])] + ["non" + w for w in common] + \
        ["froms", "warrents", "refinancings", "soymeal", "delisted", "wheats", "offs"]
    words = rare + forms
    fast, full = _fresh_check(), _fresh_check()
    lex._two_edit_index()  # (_known asks it only once loaded)
    got = [(v.known, v.rare_slip) for v in map(fast._verdict, words)]
    monkeypatch.setattr(type(lex), "common_neighbours", lambda self, typed, zipf: ["the"])
    monkeypatch.setattr(type(lex), "indexed_neighbours", lambda self, typed: None)
    assert got == [(v.known, v.rare_slip) for v in map(full._verdict, words)]
    assert sum(r is not None for _, r in got) >= 3 and 0 < sum(k for k, _ in got) < len(got)


def _fresh_check():
    check = _checks()
    fresh = object.__new__(type(check))
    fresh.__dict__.update(check.__dict__)
    fresh._cache = {}
    return fresh


def test_the_two_edit_filter_is_built_only_once_it_pays(tmp_path, monkeypatch):
    # Building the two-edit search's filter costs ~0.5 s: a process uses it where cached,
    # builds (and caches) it after TWO_EDIT_BLANKS_AFTER searches or when a bulk run asks,
    # never with the cache off; suggestions are the same with it and without
    import importlib.resources

    from normlint import lexicon

    data = importlib.resources.files("normlint") / "data"
    raw, accept = (data / "words_en.tsv.gz").read_bytes(), (data / "accept_en.txt").read_text("utf-8")
    typos = ["recievd", "goverbmnet", "acheivment", "perfromanse", "ocurrance"]
    monkeypatch.setattr(lexicon, "TWO_EDIT_BLANKS_AFTER", 3)
    monkeypatch.setenv("NORMLINT_NO_RULE_CACHE", "1")
    off = lexicon.read_list(raw, accept)
    plain = [off.suggest(w, 8) for w in typos]
    assert off.two_edit_filter(build=True) is None
    monkeypatch.delenv("NORMLINT_NO_RULE_CACHE")
    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(tmp_path))
    lex = lexicon.read_list(raw, accept)
    assert [lex.suggest(w, 8) for w in typos[:2]] == plain[:2] and lex._blanks2 == b""
    assert [lex.suggest(w, 8) for w in typos[2:]] == plain[2:] and lex._blanks2  # built at the third
    assert len(list(tmp_path.glob(f"{lex._BLANKS2}-*.marshal"))) == 1
    again = lexicon.read_list(raw, accept)
    assert [again.suggest(w, 8) for w in typos] == plain and again._blanks2 == lex._blanks2  # at once
    assert plain[0][0].word == "received"


def test_the_one_edit_filter_is_built_when_a_bulk_run_asks(tmp_path, monkeypatch):
    # Building the one-edit search's filter costs ~0.6 s: a process uses it where cached and
    # builds (and caches) it when a bulk run asks before forking, never with the cache off;
    # without that it waits for BLANK_FILTER_AFTER searches.  Suggestions are the same.
    import importlib.resources

    from normlint import lexicon

    data = importlib.resources.files("normlint") / "data"
    raw, accept = (data / "words_en.tsv.gz").read_bytes(), (data / "accept_en.txt").read_text("utf-8")
    typos = ["wedmesday", "recieve", "goverment", "teh", "bilion"]
    monkeypatch.setenv("NORMLINT_NO_RULE_CACHE", "1")
    off = lexicon.read_list(raw, accept)
    assert off.one_edit_filter(build=True) is None
    plain = [off.suggest(w, 8, max_distance=1) for w in typos]
    monkeypatch.delenv("NORMLINT_NO_RULE_CACHE")
    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(tmp_path))
    lex = lexicon.read_list(raw, accept)
    assert lex.one_edit_filter() is None  # not cached, and one search does not pay for it
    assert not list(tmp_path.glob("blanks_en-*.marshal"))
    assert lex.one_edit_filter(build=True) is not None
    assert len(list(tmp_path.glob("blanks_en-*.marshal"))) == 1
    assert [lex.suggest(w, 8, max_distance=1) for w in typos] == plain
    again = lexicon.read_list(raw, accept)
    assert again.one_edit_filter() == lex.one_edit_filter()  # found cached at once
    assert [again.suggest(w, 8, max_distance=1) for w in typos] == plain
    assert plain[0][0].word == "wednesday" and plain[2][0].word == "government"


def test_a_parallel_run_leaves_the_one_edit_filter_cached(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from normlint import corpus
    from normlint.api import clear_caches
    from normlint.cli import main

    from normlint.lexicon import english

    monkeypatch.setattr(corpus, "SMALL_RUN_BYTES", 0)  # (else two small files run in one process)
    # as in a new process, whatever tests before this one loaded
    monkeypatch.setattr(english(), "_blank_filter", None)
    monkeypatch.setattr(english(), "_searches_without", 0)
    cache = tmp_path / "cache"
    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(cache))
    clear_caches()
    for i in range(2):
        (tmp_path / f"a{i}.txt").write_text("The ministers met on Wedmesday.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "-j", "2", "-q", "--format", "line", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert len(list(cache.glob("blanks_en-*.marshal"))) == 1
    clear_caches()


def _fresh_builtin_list(tmp_path, monkeypatch):
    import importlib.resources

    from normlint import lexicon

    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(tmp_path))
    data = importlib.resources.files("normlint") / "data"
    return lexicon.read_list((data / "words_en.tsv.gz").read_bytes(), (data / "accept_en.txt").read_text("utf-8"))


_NON_WORDS = ["", "a", "zzzzqx", "wedmesday", "Wednesday", "naïve", "café", "don't", "zebra-crossing", "\uffff",
              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]


def test_a_short_run_answers_from_the_sorted_list_as_the_tables_would(tmp_path, monkeypatch):
    # A cold start searches the sorted list instead of building the 160,000-word hash tables;
    # for every listed word, and for words around and outside the list, both give the same
    # membership, frequency and rarity, and the tables get built past SORTED_LOOKUPS.
    from normlint import lexicon

    lex = _fresh_builtin_list(tmp_path, monkeypatch)
    table = lexicon.english().zipf
    probes = sorted(table)[::37] + [w + "q" for w in sorted(table)[::211]] + _NON_WORDS
    monkeypatch.setattr(lexicon, "SORTED_LOOKUPS", 10 ** 9)
    got = [(w in lex, lex.frequency(w), lex.rare(w)) for w in probes]
    assert lex._zipf is None  # answered without building anything
    want = [(w in table, table.get(w, 0.0), 0 < table.get(w, 0.0) < lexicon.RARE_ZIPF) for w in probes]
    assert got == want
    assert sum(k for k, _, _ in got) > 4000 and sum(r for _, _, r in got) > 100
    # the very words, in code point order, with their values
    text, starts, values = lex._sorted
    assert text.split("\n")[:-1] == sorted(table) and len(values) == len(table)


def test_suggestions_are_the_same_before_and_after_the_tables_are_built(tmp_path, monkeypatch):
    from normlint import lexicon

    lex = _fresh_builtin_list(tmp_path, monkeypatch)
    typos = ["wedmesday", "recieve", "goverment", "teh", "bilion", "acheivment", "perfromanse"]
    near = [lex.suggest(w, 8, max_distance=1) for w in typos]
    assert lex._zipf is None  # the one-edit searches ran on the sorted list
    before = [lex.suggest(w, 8) for w in typos]  # (the two-edit index is built from the table)
    lex.load_tables()
    assert [lex.suggest(w, 8, max_distance=1) for w in typos] == near
    assert [lex.suggest(w, 8) for w in typos] == before
    assert before[0][0].word == "wednesday" and before[2][0].word == "government"
    assert near[5] == [] and before[5][0].word == "achievement"


def test_the_tables_are_built_once_the_searches_cost_as_much(tmp_path, monkeypatch):
    from normlint import lexicon

    lex = _fresh_builtin_list(tmp_path, monkeypatch)
    monkeypatch.setattr(lexicon, "SORTED_LOOKUPS", 5)
    answers = [w in lex for w in ("the", "zzzqx", "wheat", "of", "and", "wheat", "zzzqx", "the")]
    assert answers == [True, False, True, True, True, True, False, True]
    assert lex._zipf is not None and lex.frequency("the") == lexicon.english().frequency("the")


def test_bigram_counts_are_the_table_s_with_the_filter_in_front():
    # The bit filter only skips the binary search for pairs the table lacks: every listed pair
    # still gets its count, and pairs around them (same words, swapped, one letter off) get
    # what the table holds for them, 0 when it has none.
    import gzip
    import importlib.resources

    from normlint.lexicon import BIGRAM_FLOOR, english

    raw = (importlib.resources.files("normlint") / "data" / "bigrams_en.tsv.gz").read_bytes()
    table = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        pair, _, value = line.partition("\t")
        table[pair] = int(value)
    lex = english()
    pairs = sorted(table)[::97]
    probes = pairs + [" ".join(p.split(" ")[::-1]) for p in pairs] + [p + "s" for p in pairs] + \
        ["the wheat", "wheat the", "zzq qqz", "of the", "in the"]
    want = [max(0.0, table[p] / 10 - BIGRAM_FLOOR) if p in table else 0.0 for p in probes]
    assert [lex.bigram(*p.split(" ", 1)) for p in probes] == want
    assert sum(w > 0 for w in want) > len(pairs) // 2 and want.count(0.0) > len(pairs)


def test_listed_words_are_filed_as_the_full_classification_files_them(monkeypatch):
    # _classify files a listed word that is not rare as harmless at once; the full
    # classification (every test of the token loop) files each such token the same way,
    # and rare words, British/American forms, contractions and names still take it
    from normlint.checks.spelling import Spelling, variant_pairs
    from normlint.lexicon import english

    lex = english()
    listed = sorted(lex.zipf)[::53]
    gb_us, _ = variant_pairs()
    tokens = [f(w) for w in listed + sorted(gb_us)[::7] for f in (str, str.capitalize, str.upper)] + \
        [w + "'s" for w in listed[::5]] + ["billon", "Billon", "Salomon", "zorbulon", "pre", "F16", "iPhone"] + \
        NAMES

    def filing(check):
        check._cache = {}
        check._reset_surface()
        for tok in tokens:
            check._classify(tok)
        return set(check._ok), set(check._maybe), dict(check._vok)

    fast = filing(_fresh_check())
    monkeypatch.setattr(Spelling, "_listed_not_rare", lambda self, lower: False)
    monkeypatch.setattr(Spelling, "_filed_as_name", lambda self, tok, lower: False)
    assert filing(_fresh_check()) == fast
    assert {"billon", "Salomon", "Wedmesday", "Toyko"} <= fast[1] and len(fast[0]) > 5000 and fast[2]
    assert {"Yarallah", "Zorbulon", "Reagan", "Soymeal"} <= fast[0]


# Capitalised words: names with and without a proper or common neighbour, slips of proper
# words, capitalised rare words and compounds, forms the list lacks.
NAMES = ["Salomon", "Lyng", "Bache", "Generale", "Dilson", "Allis", "Alcan", "Reagan", "Yarallah", "Zorbulon",
         "Wedmesday", "Toyko", "Febuary", "Amercian", "Billon", "Soymeal", "Nonbank", "Refinancings", "Froms",
         "Warrents", "Colour", "Theatre", "Mln", "Opec", "Cie", "Pty", "Und", "Des", "Societe", "Nationale"]
