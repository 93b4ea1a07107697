"""Packaging: the wheel carries the rule packs, and the installed command works in a subprocess."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    src = tmp_path_factory.mktemp("src") / "normlint"
    # Build from a copy so the build never writes into the checkout.
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info",
                                                            ".pytest_cache", ".hypothesis", "build", "dist"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                   check=True, capture_output=True, text=True)
    (whl,) = out.glob("normlint-*.whl")
    return whl


def test_wheel_contains_the_rule_packs(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("normlint/rules/") and n.endswith(".yml"))
    in_tree = sorted("normlint/rules/" + p.relative_to(ROOT / "rules").as_posix()
                     for p in (ROOT / "rules").rglob("*.yml"))
    assert shipped == in_tree and "normlint/rules/Typos/Weekdays.yml" in shipped
    assert "normlint/cli.py" in names
    # the spelling check's data: word list, neighbouring-word counts, variants, proper words, news words
    for data in ("words_en.tsv.gz", "bigrams_en.tsv.gz", "variants_en.tsv", "proper_en.txt", "accept_en.txt",
                 "names_near_proper_en.txt", "README.md"):
        assert f"normlint/data/{data}" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_runs_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    story = tmp_path / "story.txt"
    story.write_text("It started pm Wedmesday.\nThey walked thrpugh the park.\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    # Run outside the checkout so only the wheel's copy of the packs can be found.
    done = subprocess.run([sys.executable, "-m", "normlint", "fix", "--select", "Typos", "story.txt"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert story.read_text() == "It started on Wednesday.\nThey walked through the park.\n"
    where = subprocess.run([sys.executable, "-c", "import normlint.packs as p; print(p.builtin_rules_dir())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout.strip()
    assert Path(where) == target / "normlint" / "rules"


def test_console_script_in_subprocess(tmp_path):
    exe = shutil.which("normlint", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the normlint console script is not installed next to this Python (run `pip install -e .`)")
    story = tmp_path / "story.txt"
    story.write_text("Talks resume pm Wedmesday.\n")
    done = subprocess.run([exe, "check", "--select", "Typos", "--format", "line", str(story)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{story}:1:14:Typos.Context:Use 'on' instead of 'pm' before a day or month name.",
        f"{story}:1:17:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'."]
    done = subprocess.run([exe, "check", str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
