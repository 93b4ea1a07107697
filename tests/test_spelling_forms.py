"""The spelling check's table of common words' forms, sorted ahead of any text.

A bulk run (and any process once it has sorted COMMON_FORMS_AFTER tokens) takes on the
lowercase and capitalised forms of the common listed words that need no look, instead of
sorting each in every worker.  It is derived from the word list alone, cached on disk, and
must never change a result: it is rebuilt when the list or the code changes, a reject list
takes its words back out, and a check with it reports exactly what one without it does.
"""
from __future__ import annotations

import gzip
import importlib.resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normlint.api import get_linter
from normlint.checks import spelling
from normlint.document import Document
from normlint.lexicon import read_list

from test_spelling_fast import _checks, _plain, texts


def _fresh(check):
    """A copy of ``check`` with nothing sorted and no table."""
    fresh = object.__new__(type(check))
    fresh.__dict__.update(check.__dict__)
    fresh._cache = {}
    fresh._forget_common_forms()
    fresh._reset_surface()
    return fresh


def _found(check, text):
    return [(d.start, d.end, d.message, d.fix) for d in check.run(Document(text))]


def test_the_table_holds_common_forms_that_need_no_look():
    table = set(spelling.common_forms())
    assert {"the", "The", "said", "Said", "wheat", "Wheat", "billion", "Billion"} <= table
    # British/American forms are looked at (a mix is reported), rare words may be slips,
    # names and slips are not listed words at all
    assert not {"colour", "Colour", "color", "organised", "billon", "Yarallah", "wil", "Wedmesday"} & table


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=4))
def test_a_check_with_the_table_reports_what_one_without_reports(articles):
    with_table = _fresh(_checks())
    with_table.take_common_forms()
    assert with_table._common
    without = _fresh(_checks())
    for text in articles:
        assert _found(with_table, text) == _found(without, text)
        assert _found(with_table, text) == [(d.start, d.end, d.message, d.fix)
                                            for d in _plain(with_table, Document(text))]


def test_a_small_check_does_not_load_the_table_and_a_long_one_does(monkeypatch):
    monkeypatch.setattr(spelling, "COMMON_FORMS_AFTER", 30)
    check = _fresh(_checks())
    check.run(Document("The minister said the talks went well.\n"))
    assert check._common is None
    words = " ".join(f"word{i}" for i in range(40))
    check.run(Document(f"The minister said {words}.\n"))
    assert check._common == spelling.common_forms() and check._ok >= set(check._common)


def test_a_project_reject_list_takes_its_words_out_of_the_table(project):
    project.config(builtin=True, extra='vocab = ["vocab"]\n')
    project.write("vocab/reject.txt", "said\n(?i)whe[a-z]t\n")
    check = next(c for c in get_linter(project.load()).checks if c.kind == "spelling")
    check.take_common_forms()
    assert not {"said", "Said", "wheat", "Wheat"} & set(check._common) and "the" in check._common
    assert [m for _, _, m, _ in _found(check, "The minister said wheat was cheap.\n")] == [
        "'said' is on the project's reject list.", "'wheat' is on the project's reject list."]
    assert "said" in spelling.common_forms()  # the shared table itself is untouched


def test_no_table_without_a_rule_cache(monkeypatch):
    monkeypatch.setenv("NORMLINT_NO_RULE_CACHE", "1")
    spelling.common_forms.cache_clear()
    try:
        assert spelling.common_forms() is None
        check = _fresh(_checks())
        check.take_common_forms()
        assert check._common == ()
        assert _found(check, "The minister said teh talks.\n") == _found(_fresh(_checks()), "The minister said teh talks.\n")
    finally:
        spelling.common_forms.cache_clear()


def test_the_table_is_rebuilt_when_the_word_list_or_the_code_changes(tmp_path, monkeypatch):
    from normlint import rulecache

    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(spelling, "COMMON_FORMS_ZIPF", 5.0)  # a small table: quick to build
    builds = []
    sort = spelling._sort_common_forms
    monkeypatch.setattr(spelling, "_sort_common_forms", lambda: builds.append(1) or sort())

    def table():
        spelling.common_forms.cache_clear()
        return spelling.common_forms()

    try:
        first = set(table())
        assert len(builds) == 1 and "said" in first and "minister" not in first  # (Zipf 4.6)
        assert set(table()) == first and len(builds) == 1  # read back from the cache
        monkeypatch.setattr(rulecache, "code_fingerprint", lambda: "other code")
        assert set(table()) == first and len(builds) == 2
        data = importlib.resources.files("normlint") / "data"
        raw = gzip.decompress((data / "words_en.tsv.gz").read_bytes()) + b"zorbulon\t550\n"
        lex = read_list(gzip.compress(raw), (data / "accept_en.txt").read_text("utf-8"))
        monkeypatch.setattr(spelling, "english", lambda: lex)
        assert set(table()) == first | {"zorbulon", "Zorbulon"} and len(builds) == 3
    finally:
        spelling.common_forms.cache_clear()


@pytest.mark.parametrize("entry", ["said", "(?i)s[a-z]id"])
def test_a_rule_reject_list_takes_its_words_out_too(entry):
    check = _fresh(_checks())
    check.vocab = type(check.vocab)()
    check.vocab.reject.add(entry)
    check.take_common_forms()
    assert "said" not in check._common and "the" in check._common
    assert _found(check, "He said so.\n")[0][2] == "'said' is on the project's reject list."
