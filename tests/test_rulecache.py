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
    assert len(list(cache.iterdir())) == 1
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
