"""What a long run keeps: per-path memos stay bounded, and a parallel run's parent, which lets go
of its compiled rules once the workers are started, still reports exactly what one process does."""
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


def _rules_kept_by_parent(tmp_path, release_after: int) -> str:
    (tmp_path / "news").mkdir(exist_ok=True)
    big_tree(tmp_path / "news")
    probe = (
        "import gc, sys\n"
        "import normlint.corpus as corpus\n"
        f"corpus.RELEASE_AFTER_BYTES = {release_after}\n"
        "from normlint.checks.spelling import Spelling\n"
        "from normlint.engine import Linter\n"
        "finish = corpus.Run._finish\n"
        "def counted(self):\n"
        "    gc.unfreeze()  # (frozen objects are not among gc.get_objects())\n"
        "    gc.collect()\n"
        "    kept = [o for o in gc.get_objects() if isinstance(o, (Linter, Spelling))]\n"
        "    print('kept', len(kept), file=sys.stderr)\n"
        "    return finish(self)\n"
        "corpus.Run._finish = counted\n"
        "from normlint.cli import main\n"
        "main(['check', 'news', '-j', '2', '-q', '--no-cache', '--format', 'line'])\n")
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    return run.stderr.splitlines()[-1]


def test_a_long_parallel_runs_parent_keeps_no_compiled_rules_once_workers_run(tmp_path):
    # The parent only collects results: holding the rules and the spelling tables too would
    # add some 40 MB to a long bulk run.  Checked where the run ends, in the parent itself,
    # for a run past RELEASE_AFTER_BYTES.
    assert _rules_kept_by_parent(tmp_path, 0) == "kept 0"


def test_a_short_parallel_run_spares_itself_the_release(tmp_path):
    # Letting go walks every object (~30 ms of a CPU the workers could use): a run shorter
    # than RELEASE_AFTER_BYTES keeps the rules to its end.
    assert _rules_kept_by_parent(tmp_path, 1 << 40) != "kept 0"
