"""Folder runs: recursion and --exclude, --jobs, progress bar, end-of-run summary."""
from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from normlint.cli import main
from normlint.corpus import SMALL_RUN_BYTES, Run
from normlint.runner import RunOptions

DIRTY = "The talks resumed pm Wedmesday in Geneva.\n\nShares fell the the most since Febuary.\n"
FIXED = "The talks resumed on Wednesday in Geneva.\n\nShares fell the most since February.\n"
CLEAN = "The board met on Tuesday and agreed a dividend.\n"


def run(*args, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


def make_tree(root: Path) -> None:
    (root / "news" / "2024").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / "news" / "a.txt").write_text(DIRTY)
    (root / "news" / "2024" / "b.md").write_text(DIRTY)
    (root / "news" / "2024" / "c.txt").write_text(CLEAN)
    (root / "drafts" / "d.txt").write_text(DIRTY)
    (root / "news" / "image.png").write_bytes(b"\x89PNG\0\0")


def test_folder_is_walked_recursively_and_exclude_skips(tmp_path):
    make_tree(tmp_path)
    r = run("check", str(tmp_path), "--exclude", "drafts", "--format", "line")
    assert r.exit_code == 1
    paths = sorted({line.split(":")[0] for line in r.stdout.splitlines()})
    assert paths == [str(tmp_path / "news" / "2024" / "b.md"), str(tmp_path / "news" / "a.txt")]


def test_fix_folder_summary_counts_rules_replacements_and_leftovers(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "news" / "left.txt").write_text("Prices rose rose sharply.\n")
    r = run("fix", str(tmp_path / "news"), "--select", "Typos.Weekdays,Typos.Context")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "news" / "a.txt").read_text() == \
        "The talks resumed on Wednesday in Geneva.\n\nShares fell the the most since February.\n"
    out = r.stdout.splitlines()
    assert out[0] == "Fixed 6 problems in 2 files; 0 remaining."
    assert out[1].startswith("Articles: 4 read, 2 changed (")
    assert out[2:] == [
        "Fixes per rule:",
        "  Typos.Weekdays        4",
        "  Typos.Context         2",
        "Top replacements:",
        "  'Febuary' -> 'February'           2  Typos.Weekdays",
        "  'Wedmesday' -> 'Wednesday'        2  Typos.Weekdays",
        "  'pm' -> 'on'                      2  Typos.Context",
        "Problems left per rule: none.",
    ]
    r = run("check", str(tmp_path / "news"))
    tail = r.stdout.splitlines()[-4:]
    assert tail[0] == "Found 3 problems in 3 files (3 fixable with `normlint fix`)."
    assert tail[1].startswith("Articles: 4 read (")
    assert tail[2:] == ["Problems left per rule:", "  Typos.Repeated        3"]


def test_files_named_one_by_one_get_the_short_summary_only(tmp_path):
    make_tree(tmp_path)
    r = run("check", str(tmp_path / "news" / "a.txt"))
    assert r.stdout.splitlines()[-1] == "Found 4 problems in 1 file (4 fixable with `normlint fix`)."
    assert "Articles:" not in r.stdout


def big_tree(root: Path, n: int = 400) -> None:
    """With the default n, more than SMALL_RUN_BYTES, so --jobs really starts processes."""
    para = DIRTY * 4 + CLEAN * 25
    for i in range(n):
        sub = root / f"d{i % 7}"
        sub.mkdir(exist_ok=True)
        (sub / f"f{i:04}.txt").write_text(para if i % 3 else CLEAN * 30)
    assert n < 400 or sum(f.stat().st_size for f in root.rglob("*.txt")) > SMALL_RUN_BYTES


def test_jobs_output_is_identical_to_one_job(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    big_tree(one), big_tree(two)
    kw = dict(paths=(str(two),), quiet=True, fmt="line", jobs=2, engine="local")
    engine = Run("check", kw, RunOptions())._make_engine(Run("check", kw, RunOptions())._input_bytes(exact=False))
    assert engine.jobs == 2  # the pool is really used at this size
    c1 = subprocess.run([sys.executable, "-m", "normlint", "check", "one", "-j", "1"], cwd=tmp_path,
                        capture_output=True, text=True)
    c2 = subprocess.run([sys.executable, "-m", "normlint", "check", "one", "-j", "2"], cwd=tmp_path,
                        capture_output=True, text=True)
    assert c1.returncode == c2.returncode == 1
    body = lambda s: s.split("\nArticles:")[0]  # noqa: E731  (the timing line differs)
    assert body(c1.stdout) == body(c2.stdout) and "Wedmesday" in c1.stdout
    f1 = subprocess.run([sys.executable, "-m", "normlint", "fix", "one", "-j", "1", "--format", "json"],
                        cwd=tmp_path, capture_output=True, text=True)
    f2 = subprocess.run([sys.executable, "-m", "normlint", "fix", "two", "-j", "2", "--format", "json"],
                        cwd=tmp_path, capture_output=True, text=True)
    assert f1.returncode == f2.returncode == 0
    assert f1.stdout.replace("one/", "") == f2.stdout.replace("two/", "")
    for a in sorted(one.rglob("*.txt")):
        assert a.read_text() == (two / a.relative_to(one)).read_text()
        assert a.read_text() in (FIXED * 4 + CLEAN * 25, CLEAN * 30)


def test_a_parallel_run_counts_every_article_it_only_counts(tmp_path):
    # Workers send back the clean articles of a task as a count: the report still has all.
    (tmp_path / "news").mkdir()
    big_tree(tmp_path / "news")
    files = sorted((tmp_path / "news").rglob("*.txt"))
    with open(tmp_path / "news.jsonl", "w") as out:
        for f in files:
            out.write(json.dumps({"text": f.read_text()}) + "\n")
    reports = {}
    for source in ("news", "news.jsonl"):
        for jobs in ("1", "2"):
            report = tmp_path / f"{source}-{jobs}.json"
            r = subprocess.run([sys.executable, "-m", "normlint", "check", source, "-j", jobs, "-q", "--no-cache",
                                "--format", "line", "--report", str(report)], cwd=tmp_path, capture_output=True,
                               text=True)
            assert r.returncode == 1, r.stderr
            data = json.loads(report.read_text())
            reports[source, jobs] = (data["articles"], data["bytes"], data["problems_left"])
    assert reports["news", "1"] == reports["news", "2"]
    assert reports["news.jsonl", "1"] == reports["news.jsonl", "2"]
    assert reports["news", "2"][:2] == (400, sum(f.stat().st_size for f in files))
    assert reports["news.jsonl", "2"][0] == 400


def _run_with_tty_stderr(args, cwd):
    """Run normlint with stderr on a pseudo-terminal (stdout to a file, so a full pipe cannot block it)."""
    master, slave = pty.openpty()
    out_path = Path(cwd) / ".." / "stdout.txt"
    with open(out_path, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "normlint", *args], cwd=cwd, stdout=out, stderr=slave,
                                env={**os.environ, "COLUMNS": "160"})
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return proc.returncode, out_path.read_text(), b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    big_tree(tmp_path, 120)
    code, stdout, tty = _run_with_tty_stderr(["check", ".", "-j", "1"], tmp_path)
    assert code == 1
    # bytes per second, scaled by tqdm (kB/s on this small run, MB/s on a corpus), and articles/s
    assert re.search(r"[\d.]+[kMG]?B/s, 120 articles, [\d,]+ articles/s\]", tty), tty
    assert "100%" in tty
    assert "articles/s]" not in stdout.split("Articles:")[0]  # the bar never reaches stdout
    code, _, tty = _run_with_tty_stderr(["check", ".", "-j", "1", "--quiet"], tmp_path)
    assert "articles/s" not in tty and "%|" not in tty
    piped = subprocess.run([sys.executable, "-m", "normlint", "check", ".", "-j", "1"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert "%|" not in piped.stderr and piped.stderr == ""


def test_walk_order_is_path_parts_order_and_spelt_as_paths(tmp_path, monkeypatch):
    # Names chosen where comparing whole strings and comparing parts disagree
    # ("a b" < "a.txt" < "a/..." as strings, but folder "a" sorts before "a b" by parts).
    from normlint.files import walk, walk_names

    for rel in ["a.txt", "a b.txt", "a/z.txt", "a/b/c.txt", "a-b/x.txt", "ab.txt", "A.txt", ".hidden/h.txt",
                ".normlint-a.txt.1.tmp", "b.png"]:
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x\n")
    monkeypatch.chdir(tmp_path)
    expected = ["A.txt", "a/b/c.txt", "a/z.txt", "a b.txt", "a-b/x.txt", "a.txt", "ab.txt"]
    assert expected == [str(p) for p in sorted(map(Path, expected), key=lambda p: p.parts)]
    assert list(walk_names(["."])) == expected
    assert list(walk_names(["./"])) == expected
    assert list(walk([str(tmp_path)])) == [tmp_path / e for e in expected]
    assert list(walk_names(["a", "a.txt", "./a.txt"])) == ["a/b/c.txt", "a/z.txt", "a.txt"]
