"""What a long run keeps: per-path memos stay bounded, and a parallel run's parent reports exactly
what one process does (the rules it lists for SARIF included)."""
from __future__ import annotations

import json
import subprocess
import sys

from normlint import engine
from normlint.config import Config
from normlint.engine import Linter
from test_corpus import big_tree


def test_per_file_ignores_stay_right_past_the_memo_size(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "PER_PATH_MEMO", 2)
    config = Config(root=tmp_path, select=("Typos.Weekdays",), per_file_ignores=(("quiet/*", ("Typos.Weekdays",)),))
    linter = Linter(config)
    text = "It began Wedmesday.\n"
    for i in range(6):
        for folder in ("quiet", "loud"):
            path = tmp_path / folder / f"f{i}.txt"
            rules = [d.rule for d in linter.lint(text, str(path)).diagnostics]
            assert rules == ([] if folder == "quiet" else ["Typos.Weekdays"])
    assert len(linter._per_path) <= 2


def test_parallel_sarif_lists_the_same_rules_as_one_process(tmp_path):
    (tmp_path / "news").mkdir()
    big_tree(tmp_path / "news")
    runs = [subprocess.run([sys.executable, "-m", "normlint", "check", "news", "-j", jobs, "--format", "sarif"],
                           cwd=tmp_path, capture_output=True, text=True) for jobs in ("1", "2")]
    assert [r.returncode for r in runs] == [1, 1], runs[1].stderr
    one, two = (json.loads(r.stdout) for r in runs)
    assert one == two
    rules = [r["id"] for r in two["runs"][0]["tool"]["driver"]["rules"]]
    assert "Typos.Weekdays" in rules and len(rules) > 50
