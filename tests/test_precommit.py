"""The pre-commit hooks, run by the real `pre-commit try-repo` against this repository.

try-repo clones the project at HEAD (plus a temporary commit of uncommitted
changes to tracked files), builds the hook environment with pip, and runs the
hooks on the files staged in a throw-away git repository, as a user's commit
would.  Building the environment needs PyPI (hatchling, click, regex, PyYAML).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)
if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode != 0:
    pytest.skip("the project is not a git checkout, so pre-commit cannot clone it", allow_module_level=True)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Desk")
    git(repo, "config", "user.email", "desk@example.invalid")
    git(repo, "config", "commit.gpgsign", "false")
    (repo / "story.txt").write_text("It started pm Wedmesday.\n", encoding="utf-8")
    (repo / "notes.md").write_text("# Notes\n\nThe the notes.\n", encoding="utf-8")
    # not text, Markdown or HTML: the hooks must not touch it
    (repo / "tool.py").write_text('print("pm Wedmesday")\n', encoding="utf-8")
    git(repo, "add", ".")
    return repo


def try_repo(repo: Path, *hook: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "NORMLINT_")) and k != "VIRTUAL_ENV"}
    env.update(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"), GIT_AUTHOR_NAME="Test Desk",
               GIT_AUTHOR_EMAIL="desk@example.invalid", GIT_COMMITTER_NAME="Test Desk",
               GIT_COMMITTER_EMAIL="desk@example.invalid")
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *hook, "--color", "never"]
    return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def hook_lines(output: str) -> list[str]:
    return re.findall(r"^(normlint(?: \(fix\))?)\.+(Passed|Failed|\(no files to check\)Skipped)$", output, re.M)


def test_check_hook_fails_and_fix_hook_rewrites_staged_files(repo):
    result = try_repo(repo)  # every hook of .pre-commit-hooks.yaml: normlint, then normlint-fix
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert hook_lines(out) == [("normlint", "Failed"), ("normlint (fix)", "Failed")]
    check_part, fix_part = out.split("- hook id: normlint-fix")
    assert "- hook id: normlint\n- exit code: 1\n" in check_part
    for line in ("notes.md:3:1: Typos.Repeated [warning] 'The' is repeated.",
                 "story.txt:1:12: Typos.Context [error] Use 'on' instead of 'pm' before a day or month name.",
                 "story.txt:1:15: Typos.Weekdays [error] Use 'Wednesday' instead of 'Wedmesday'.",
                 "Found 3 problems in 2 files (3 fixable with `normlint fix`)."):
        assert line + "\n" in check_part
    assert "tool.py" not in out
    # pre-commit fails a hook that changed files, so the fixes can be reviewed and staged
    assert fix_part.startswith("\n- files were modified by this hook\n\nFixed 3 problems in 2 files; 0 remaining.\n")
    assert (repo / "story.txt").read_text(encoding="utf-8") == "It started on Wednesday.\n"
    assert (repo / "notes.md").read_text(encoding="utf-8") == "# Notes\n\nThe notes.\n"
    assert (repo / "tool.py").read_text(encoding="utf-8") == 'print("pm Wedmesday")\n'
    # the results cache the hooks wrote is invisible to git
    assert git(repo, "status", "--porcelain").splitlines() == ["AM notes.md", "AM story.txt", "A  tool.py"]

    git(repo, "add", ".")
    again = try_repo(repo, "normlint")
    assert again.returncode == 0, again.stdout + again.stderr
    assert hook_lines(again.stdout) == [("normlint", "Passed")]
