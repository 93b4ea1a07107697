"""Shared fixtures: temporary rule packs and a CLI runner."""
from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from normlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "anbar-article.txt"

# The CLI caches results on disk by default.  Tests run it in many temporary
# folders and change rule files between runs in one process, so the cache is
# off for the suite; tests/test_cache.py turns it back on where it is the subject.
os.environ["NORMLINT_NO_CACHE"] = "1"
# Parsed rule files are cached per user; the suite's temporary rule files go to a
# cache folder of its own instead of piling up in ~/.cache/normlint.
os.environ.setdefault("NORMLINT_RULE_CACHE_DIR", tempfile.mkdtemp(prefix="normlint-test-rule-cache-"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a normlint.toml; ``project.rule("Pack/Name.yml", yaml)`` adds rules."""

    class Project:
        root = tmp_path

        def __init__(self):
            self.config(builtin=False)

        def config(self, builtin=True, extra=""):
            (tmp_path / "styles").mkdir(exist_ok=True)
            (tmp_path / "normlint.toml").write_text(
                f'rules = ["styles"]\nbuiltin = {str(builtin).lower()}\n' + textwrap.dedent(extra), encoding="utf-8")
            from normlint.api import clear_caches
            clear_caches()

        def rule(self, name, body):
            path = tmp_path / "styles" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(body), encoding="utf-8")
            from normlint.api import clear_caches
            clear_caches()
            return path

        def write(self, name, text, **kw):
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8", newline="", **kw)
            return path

        def load(self):
            from normlint import find_config
            return find_config(tmp_path / "x.txt")

    monkeypatch.chdir(tmp_path)
    return Project()


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def fake_lt():
    """A stand-in LanguageTool server on 127.0.0.1 (a random port), speaking its HTTP API."""
    from lt_fake import FakeLanguageTool

    server = FakeLanguageTool()
    yield server
    server.close()
