"""The command's quick way out (no teardown of every object) still delivers all output and the exit code."""
from __future__ import annotations

import json
import subprocess
import sys


def test_everything_printed_arrives_and_the_exit_code_is_kept(tmp_path):
    for i in range(40):
        (tmp_path / f"a{i:02}.txt").write_text("It began Wedmesday, pm Wedmesday.\n" * 30)
    done = subprocess.run([sys.executable, "-m", "normlint", "check", "--format", "json", "."], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert len(done.stdout) > 200_000  # more than a pipe holds: written out before leaving
    items = json.loads(done.stdout)
    assert len(items) == 40 * 30 * 3
    fixed = subprocess.run([sys.executable, "-m", "normlint", "fix", "-q", "."], cwd=tmp_path,
                           capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
    assert (tmp_path / "a39.txt").read_text() == "It began Wednesday, on Wednesday.\n" * 30
    bad = subprocess.run([sys.executable, "-m", "normlint", "check", "--select"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "requires an argument" in bad.stderr


def test_a_profiled_run_still_writes_its_profile(tmp_path):
    (tmp_path / "a.txt").write_text("It began Wedmesday.\n")
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", "run.prof", "-m", "normlint", "check", "a.txt"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert "Typos.Weekdays" in done.stdout, done.stderr  # (cProfile itself swallows the exit code)
    assert (tmp_path / "run.prof").stat().st_size > 0
