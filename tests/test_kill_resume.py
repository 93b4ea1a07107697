"""No lost data: a run killed midway leaves every article whole, and a rerun (or --resume) finishes the job."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from normlint import fix_text

PARA = ("The ministers met pm Wedmesday in Geneva and agreed the the terms of a deal due in Febuary, "
        "officials said. Trading in the shares resumed on Tuesday after a halt. ")
CLEAN = "Markets were calm and volumes were light across the region on Monday afternoon. "


def article(i: int) -> str:
    body = "\n\n".join((PARA if (i + k) % 4 == 0 else CLEAN) * 3 for k in range(16))
    return f"Story {i}.\n\n{body}\n"


def start(args, cwd, **env):
    return subprocess.Popen([sys.executable, "-m", "normlint", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, **env})


def wait_for(predicate, proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def test_sigkill_during_folder_fix_leaves_each_file_whole_and_rerun_finishes(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    originals = {}
    for i in range(240):
        p = root / f"sub{i % 3}" / f"a{i:04}.txt"
        p.parent.mkdir(exist_ok=True)
        originals[p] = article(i)
        p.write_text(originals[p])
    expected = {text: fix_text(text).text for text in set(originals.values())}
    assert all(expected[t] != t for t in expected)
    first = sorted(originals)[0]
    proc = start(["fix", str(root), "-j", "2", "-q"], tmp_path)
    assert wait_for(lambda: first.read_text() != originals[first], proc), "the run never got going"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its worker processes, mid-run
    proc.wait()
    states = {"untouched": 0, "fixed": 0}
    for p, text in originals.items():
        now = p.read_text()
        assert now in (text, expected[text]), f"{p} is neither untouched nor fully fixed"
        states["untouched" if now == text else "fixed"] += 1
    assert states["fixed"] >= 1 and states["untouched"] >= 1, states  # really killed midway
    rerun = subprocess.run([sys.executable, "-m", "normlint", "fix", str(root), "-j", "2", "-q"],
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert all(p.read_text() == expected[t] for p, t in originals.items())
    leftovers = [p for p in root.rglob("*") if p.is_file() and p not in originals]
    assert leftovers == []


def make_jsonl(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"r{i}", "n": i * 1.5, "text": article(i)}) + "\n")


@pytest.fixture()
def jsonl_job(tmp_path):
    src = tmp_path / "in.jsonl"
    make_jsonl(src, 500)
    whole = tmp_path / "whole.jsonl"
    done = subprocess.run([sys.executable, "-m", "normlint", "fix", str(src), "-o", str(whole), "-j", "1",
                           "-q", "--report", str(tmp_path / "whole.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return src, whole


def test_sigkill_jsonl_then_resume_gives_the_uninterrupted_output(tmp_path, jsonl_job):
    src, whole = jsonl_job
    out = tmp_path / "out.jsonl"
    checkpoint = tmp_path / ".normlint-out.jsonl.partial.json"
    proc = start(["fix", str(src), "-o", str(out), "-j", "2", "-q"], tmp_path, NORMLINT_CHECKPOINT_SECONDS="0.05")
    assert wait_for(checkpoint.exists, proc), "no checkpoint was written"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()  # the target appears only when the run is complete
    done_before = json.loads(checkpoint.read_text())["line"] - 1
    assert 0 < done_before < 500
    resumed = subprocess.run([sys.executable, "-m", "normlint", "fix", str(src), "-o", str(out), "--resume",
                              "-j", "2", "--report", str(tmp_path / "resumed.json")],
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    first_line = resumed.stderr.splitlines()[0]
    assert first_line.startswith(f"Resuming {src} after ") and "already done" in first_line
    skipped = int(first_line.split(" after ")[1].split(" lines")[0].replace(",", ""))
    assert skipped >= done_before
    assert out.read_bytes() == whole.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    a = json.loads((tmp_path / "whole.json").read_text())
    b = json.loads((tmp_path / "resumed.json").read_text())
    for key in ("articles", "articles_changed", "fixes_per_rule", "top_replacements", "problems_left_per_rule"):
        assert a[key] == b[key], key


def test_ctrl_c_stops_cleanly_with_one_line_and_resume_finishes(tmp_path, jsonl_job):
    src, whole = jsonl_job
    out = tmp_path / "out.jsonl"
    checkpoint = tmp_path / ".normlint-out.jsonl.partial.json"
    proc = start(["fix", str(src), "-o", str(out), "-j", "2", "-q"], tmp_path, NORMLINT_CHECKPOINT_SECONDS="0.05")
    assert wait_for(checkpoint.exists, proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].startswith("Interrupted after ") and lines[0].endswith(
        "changed); run again with --resume to continue.")
    resumed = subprocess.run([sys.executable, "-m", "normlint", "fix", str(src), "-o", str(out), "--resume", "-q"],
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == whole.read_bytes()


def test_resume_refuses_when_the_input_changed(tmp_path, jsonl_job):
    src, _ = jsonl_job
    out = tmp_path / "out.jsonl"
    checkpoint = tmp_path / ".normlint-out.jsonl.partial.json"
    proc = start(["fix", str(src), "-o", str(out), "-j", "1", "-q"], tmp_path, NORMLINT_CHECKPOINT_SECONDS="0.05")
    assert wait_for(checkpoint.exists, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with open(src, "a") as fh:
        fh.write('{"text": "one more"}\n')
    r = subprocess.run([sys.executable, "-m", "normlint", "fix", str(src), "-o", str(out), "--resume"],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert "cannot resume: the input or the settings changed" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()
