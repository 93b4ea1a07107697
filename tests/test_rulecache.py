"""The parsed-rule cache: start-up skips YAML parsing, and never serves a stale rule."""
from __future__ import annotations

import pytest

from normlint import loader
from normlint.loader import read_rule

RULE = """extends: substitution
message: "Use '%s' instead of '%s'."
level: {level}
swap:
  wensday: Wednesday
"""


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(tmp_path / "cache" / "rules"))
    monkeypatch.delenv("NORMLINT_NO_RULE_CACHE", raising=False)
    return tmp_path / "cache" / "rules"


def _no_yaml(monkeypatch):
    def fail(path, text):
        raise AssertionError("YAML parsed although the cache holds this file")
    monkeypatch.setattr(loader, "_parse", fail)


def test_second_read_comes_from_the_cache(tmp_path, cache, monkeypatch):
    path = tmp_path / "Days.yml"
    path.write_text(RULE.format(level="error"))
    first = read_rule(path, "House")
    assert len(list(cache.glob("*.marshal"))) == 1
    _no_yaml(monkeypatch)
    again = read_rule(path, "House")
    assert (again.data, again.lines) == (first.data, first.lines)
    assert again.lines["swap"] == 4


def test_an_edit_of_the_same_size_is_seen_at_once(tmp_path, cache):
    path = tmp_path / "Days.yml"
    path.write_text(RULE.format(level="error"))
    assert read_rule(path, "House").data["level"] == "error"
    path.write_text(RULE.format(level="xxxxx"))  # same size, likely the same mtime tick
    assert read_rule(path, "House").data["level"] == "xxxxx"


def test_unwritable_or_disabled_cache_just_parses(tmp_path, monkeypatch):
    path = tmp_path / "Days.yml"
    path.write_text(RULE.format(level="error"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NORMLINT_RULE_CACHE_DIR", str(blocker))
    assert read_rule(path, "House").data["level"] == "error"
    monkeypatch.setenv("NORMLINT_NO_RULE_CACHE", "1")
    assert read_rule(path, "House").data["level"] == "error"


def test_bad_yaml_still_names_file_and_line(tmp_path, cache):
    path = tmp_path / "Bad.yml"
    path.write_text("extends: substitution\nmessage: [unclosed\nlevel: error\n")
    with pytest.raises(Exception) as exc:
        read_rule(path, "House")
    assert str(exc.value).startswith(f"{path}:") and "invalid YAML" in str(exc.value)
    assert not cache.exists() or not list(cache.iterdir())


# -- compiling only what a run needs ---------------------------------------------------

GATED = """extends: consistency
message: "'%s' and '%s' name the same city in one story."
groups:
  - [Mumbai, Bombay]
"""


def _rules_folder(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / "styles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return str(tmp_path / "styles")


def _load(folder):
    from normlint import packs

    packs.load_checks.cache_clear()
    return packs.load_checks((folder,), "si")


def test_known_rules_compile_on_first_use_with_the_same_results(tmp_path, cache, monkeypatch):
    from normlint import packs
    from normlint.engine import Linter
    from normlint.config import Config

    folder = _rules_folder(tmp_path, {"House/Days.yml": RULE.format(level="error"), "House/City.yml": GATED})
    config = Config(rules=(folder,), builtin=False)
    first = Linter(config)
    text = "They met wensday in Bombay, then flew to Mumbai."
    expected = [(d.rule, d.start, d.message) for d in first.lint(text).diagnostics]
    assert [r for r, _, _ in expected] == ["House.Days", "House.City"]

    compiled = []
    real = packs.compile_rule
    monkeypatch.setattr(packs, "compile_rule", lambda rule: compiled.append(rule.id) or real(rule))
    _load(folder)
    again = Linter(config)
    assert compiled == []  # both rules are known to compile: nothing compiled at start-up
    assert [(d.rule, d.message) for d in again.lint("Nothing to see on Tuesday.").diagnostics] == []
    assert compiled == []  # neither rule's letter gate opens: neither compiles
    assert again.lint("Nothing to see on Wensday.").diagnostics == []  # (its key is lower-case)
    assert compiled == ["House.Days"]  # its gate opens; no city named: the consistency rule never ran
    assert [(d.rule, d.start, d.message) for d in again.lint(text).diagnostics] == expected
    assert compiled == ["House.Days", "House.City"]


def test_ignored_rules_are_not_compiled(tmp_path, cache, monkeypatch):
    from normlint import packs
    from normlint.config import Config
    from normlint.engine import Linter

    folder = _rules_folder(tmp_path, {"House/Days.yml": RULE.format(level="error"), "House/City.yml": GATED})
    Linter(Config(rules=(folder,), builtin=False))
    compiled = []
    real = packs.compile_rule
    monkeypatch.setattr(packs, "compile_rule", lambda rule: compiled.append(rule.id) or real(rule))
    _load(folder)
    linter = Linter(Config(rules=(folder,), builtin=False, ignore=("House.Days",)))
    assert linter.lint("They met wensday in Bombay, then Mumbai.").diagnostics[0].rule == "House.City"
    assert compiled == ["House.City"]


def test_a_rule_edited_into_an_error_fails_at_once_even_when_ignored(project, cache):
    from click.testing import CliRunner

    from normlint import api
    from normlint.cli import main

    path = project.rule("House/Days.yml", RULE.format(level="error"))
    (project.root / "a.txt").write_text("It began wensday.\n")
    runner = CliRunner()
    r = runner.invoke(main, ["check", str(project.root / "a.txt"), "--format", "line"])
    assert r.exit_code == 1 and "House.Days" in r.stdout
    path.write_text(RULE.format(level="error").replace("wensday: Wednesday", "'(wensday': Wednesday"))
    api.clear_caches()
    r = runner.invoke(main, ["check", str(project.root / "a.txt"), "--ignore", "House.Days"])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"error: {path}:4: pattern '(wensday' does not compile")


# -- pruning ------------------------------------------------------------------------------

def test_prune_drops_unused_entries_and_keeps_the_newest(tmp_path, monkeypatch):
    import os
    import time

    from normlint import rulecache

    folder = tmp_path / "rules"
    folder.mkdir()
    now = time.time()
    ages = {"fresh": 1, "month-old": 31, "week-old": 7, "newer": 0.5}
    for name, days in ages.items():
        p = folder / f"{name}.marshal"
        p.write_bytes(b"x")
        os.utime(p, (now - days * 86400, now - days * 86400))
    stale_tmp = folder / "x.marshal.123.tmp"
    stale_tmp.write_bytes(b"half")
    os.utime(stale_tmp, (now - 2 * 86400, now - 2 * 86400))
    monkeypatch.setattr(rulecache, "MAX_ENTRIES", 2)
    assert rulecache.prune(folder, now=now, force=True) == 3
    assert sorted(p.name for p in folder.iterdir()) == [".pruned", "fresh.marshal", "newer.marshal"]


def test_prune_runs_once_a_day_and_reading_an_entry_keeps_it(tmp_path, cache, monkeypatch):
    import os
    import time

    from normlint import rulecache

    path = tmp_path / "Days.yml"
    path.write_text(RULE.format(level="error"))
    read_rule(path, "House")
    (entry,) = cache.glob("*.marshal")
    old = time.time() - 40 * 86400
    os.utime(entry, (old, old))
    read_rule(path, "House")  # a hit: the entry counts as used today
    assert time.time() - entry.stat().st_mtime < 60
    os.utime(entry, (old, old))
    (cache / rulecache.PRUNE_MARKER).touch()  # pruned less than a day ago: not again
    monkeypatch.setattr(rulecache, "_pruned", set())
    other = tmp_path / "Other.yml"
    other.write_text(RULE.format(level="warning"))
    read_rule(other, "House")  # a miss writes an entry, which may prune
    assert entry.exists()
    os.utime(cache / rulecache.PRUNE_MARKER, (old, old))
    monkeypatch.setattr(rulecache, "_pruned", set())
    path3 = tmp_path / "Third.yml"
    path3.write_text(RULE.format(level="suggestion"))
    read_rule(path3, "House")
    assert not entry.exists()
    assert len(list(cache.glob("*.marshal"))) == 2


# -- derived tables (memo) --------------------------------------------------------------

def test_two_installations_keep_their_own_derived_tables(cache, monkeypatch):
    # A pre-commit hook's own normlint beside a project's (another version, or another word
    # list) share the user's cache: each must find its tables there run after run, where
    # one entry per name had each rebuild what the other had just written.
    from normlint import rulecache

    builds = []

    def build(tag):
        return lambda: builds.append(tag) or f"table for {tag}"

    monkeypatch.setattr(rulecache, "__version__", "1.0")
    assert rulecache.memo("lexicon_en", b"list", build("1.0")) == "table for 1.0"
    monkeypatch.setattr(rulecache, "__version__", "2.0")
    assert rulecache.memo("lexicon_en", b"list", build("2.0")) == "table for 2.0"
    for version in ("1.0", "2.0", "1.0", "2.0"):
        monkeypatch.setattr(rulecache, "__version__", version)
        assert rulecache.memo("lexicon_en", b"list", build(version)) == f"table for {version}"
        assert rulecache.cached("lexicon_en", b"list") == f"table for {version}"
    assert builds == ["1.0", "2.0"]
    assert len(list(cache.glob("lexicon_en-*.marshal"))) == 2
    assert rulecache.cached("lexicon_en", b"another list") is None


def test_a_new_derived_table_removes_its_old_versions_unused_for_a_week(cache, monkeypatch):
    import os
    import time

    from normlint import rulecache

    monkeypatch.setattr(rulecache, "__version__", "1.0")
    rulecache.memo("lexicon_en", b"list", lambda: "old")
    rulecache.memo("lexicon_sorted_en", b"list", lambda: "another table")
    (old,) = cache.glob("lexicon_en-*.marshal")
    monkeypatch.setattr(rulecache, "__version__", "1.1")
    rulecache.memo("lexicon_en", b"list", lambda: "in use")
    assert old.exists()  # the old version may still run beside the new one
    (in_use,) = set(cache.glob("lexicon_en-*.marshal")) - {old}
    eight_days = time.time() - 8 * 86400
    os.utime(old, (eight_days, eight_days))
    os.utime(in_use, (eight_days, eight_days))
    monkeypatch.setattr(rulecache, "__version__", "1.2")
    rulecache.memo("lexicon_en", b"list", lambda: "new")
    names = sorted(p.name.split("-")[0] for p in cache.glob("*.marshal"))
    assert names == ["lexicon_en", "lexicon_sorted_en"]  # both old lexicon_en entries went, not the other table


def test_a_known_rules_exceptions_compile_when_a_finding_first_asks(tmp_path, cache, monkeypatch):
    from normlint.config import Config
    from normlint.engine import Linter
    from normlint.lazy_pattern import LazyPattern

    rule = 'extends: repetition\nmessage: "\'%s\' is repeated."\nexceptions:\n  - \'\\bhad had\\b\'\n'
    folder = _rules_folder(tmp_path, {"House/Twice.yml": rule})
    config = Config(rules=(folder,), builtin=False)
    text = "He had had enough of the the delays.\n"
    expected = [(d.rule, text[d.start:d.end]) for d in Linter(config).lint(text).diagnostics]
    assert expected == [("House.Twice", "the the")]
    _load(folder)
    again = Linter(config)
    (check,) = [c for c in again.checks if c.id == "House.Twice"]
    assert again.lint("Nothing said twice.\n").diagnostics == []
    pattern = check.exceptions
    assert isinstance(pattern, LazyPattern) and pattern._compiled is None  # nothing found: not compiled
    assert [(d.rule, text[d.start:d.end]) for d in again.lint(text).diagnostics] == expected
    assert pattern._compiled is not None
