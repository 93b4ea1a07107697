"""The results cache: hits for unchanged files, misses when anything that matters changes,
where it lives, `--no-cache`, `normlint clean`, and parallel writers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normlint.cache import read_shard, record
import normlint.runner
from normlint.cli import main

SLIP = "It started pm Wedmesday.\n"
LINE_OUT = ("story.txt:1:12:Typos.Context:Use 'on' instead of 'pm' before a day or month name.\n"
            "story.txt:1:15:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'.\n")


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("NORMLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("NORMLINT_CACHE_DIR", raising=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text(SLIP, encoding="utf-8")
    return tmp_path


def new_process():
    """Forget what this process compiled and fingerprinted, as a fresh `normlint` run would."""
    from normlint.api import clear_caches

    clear_caches()


def check(*args):
    new_process()
    return CliRunner().invoke(main, ["check", "--format", "line", *args])


def shards(folder=".normlint_cache"):
    return sorted(Path(folder).rglob("*.log"))


def entries(folder=".normlint_cache") -> dict:
    """The live records, {path key: (content hash, diagnostics rows)}."""
    out = {}
    for shard in shards(folder):
        live, _ = read_shard(shard)
        out.update({k: (c, json.loads(p)) for k, (c, p) in live.items()})
    return out


def tamper(message: str, folder=".normlint_cache"):
    """Rewrite every cached message, so a test can tell a cache hit from a fresh run."""
    for shard in shards(folder):
        live, _ = read_shard(shard)
        shard.write_bytes(b"".join(
            record(k, c, json.dumps([row[:2] + [message] + row[3:] for row in json.loads(p)]))
            for k, (c, p) in live.items()))


def test_second_run_reads_the_cache(project):
    first = check("story.txt")
    assert (first.exit_code, first.output) == (1, LINE_OUT)
    assert len(entries()) == 1
    tamper("from the cache")
    second = check("story.txt")
    assert (second.exit_code, second.output) == (1, "story.txt:1:12:Typos.Context:from the cache\n"
                                                    "story.txt:1:15:Typos.Weekdays:from the cache\n")
    # --no-cache neither reads nor writes
    fresh = check("--no-cache", "story.txt")
    assert (fresh.exit_code, fresh.output) == (1, LINE_OUT)
    [(_, rows)] = entries().values()
    assert [row[2] for row in rows] == ["from the cache", "from the cache"]


def test_cache_folder_is_tagged_and_ignored_by_git(project):
    check("story.txt")
    cache = Path(".normlint_cache")
    tag = (cache / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert (cache / ".gitignore").read_text(encoding="utf-8") == "# Created by normlint.\n*\n"


def test_changed_content_is_checked_again(project):
    check("story.txt")
    tamper("stale")
    Path("story.txt").write_text("All fine on Wednesday.\n", encoding="utf-8")
    result = check("story.txt")
    assert (result.exit_code, result.output) == (0, "")
    # the record for the file's new content replaces the old one
    [(_, rows)] = entries().values()
    assert rows == []


def house_rule(project) -> Path:
    """A project rule House.Started (configured), reporting 'started'; its file."""
    styles = project / "styles" / "House"
    styles.mkdir(parents=True)
    rule = styles / "Started.yml"
    rule.write_text("extends: existence\nmessage: \"Say 'began', not '%s'.\"\ntokens:\n  - started\n",
                    encoding="utf-8")
    Path("normlint.toml").write_text('rules = ["styles"]\n', encoding="utf-8")
    return rule


def test_changed_rule_file_or_settings_miss_the_cache(project):
    rule = house_rule(project)
    assert check("story.txt").output == ("story.txt:1:4:House.Started:Say 'began', not 'started'.\n" + LINE_OUT)
    tamper("stale")
    rule.write_text("extends: existence\nmessage: \"Prefer 'began' to '%s'.\"\ntokens:\n  - started\n",
                    encoding="utf-8")
    assert check("story.txt").output == ("story.txt:1:4:House.Started:Prefer 'began' to 'started'.\n" + LINE_OUT)
    # a different selection is a different cache too
    assert check("--select", "Typos.Weekdays", "story.txt").output == \
        "story.txt:1:15:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'.\n"
    Path("normlint.toml").write_text('rules = ["styles"]\nprofile = "bbc"\n', encoding="utf-8")
    assert "stale" not in check("story.txt").output


def test_cache_lives_in_the_config_root(project):
    (project / "desk" / "copy").mkdir(parents=True)
    Path("normlint.toml").write_text('profile = "si"\n', encoding="utf-8")
    Path("desk/copy/a.txt").write_text(SLIP, encoding="utf-8")
    os.chdir("desk")
    assert check("copy/a.txt").exit_code == 1
    assert not Path(".normlint_cache").exists()
    assert len(entries(project / ".normlint_cache")) == 1


def test_cache_dir_setting_and_environment(project, monkeypatch):
    Path("normlint.toml").write_text('cache-dir = "build/lint-cache"\n', encoding="utf-8")
    check("story.txt")
    assert len(entries("build/lint-cache")) == 1
    assert not Path(".normlint_cache").exists()
    monkeypatch.setenv("NORMLINT_CACHE_DIR", str(project / "elsewhere"))
    check("story.txt")
    assert len(entries("elsewhere")) == 1


def test_cache_dir_may_not_be_the_project(project):
    Path("normlint.toml").write_text('cache-dir = "."\n', encoding="utf-8")
    result = check("story.txt")
    assert result.exit_code == 2
    assert result.output.endswith("normlint.toml: 'cache-dir' must be a folder of its own, not '.'\n")


def test_a_foreign_cache_dir_is_neither_filled_nor_cleaned(project):
    Path("notes").mkdir()
    Path("notes/keep.md").write_text("mine\n", encoding="utf-8")
    Path("normlint.toml").write_text('cache-dir = "notes"\n', encoding="utf-8")
    assert check("story.txt").output == LINE_OUT
    assert sorted(p.name for p in Path("notes").iterdir()) == ["keep.md"]
    result = CliRunner().invoke(main, ["clean"])
    assert result.exit_code == 0
    assert Path("notes/keep.md").exists()


def test_fix_stores_the_result_of_the_text_it_wrote(project):
    fixed = CliRunner().invoke(main, ["fix", "story.txt"])
    assert (fixed.exit_code, fixed.output) == (0, "Fixed 2 problems in 1 file; 0 remaining.\n")
    assert Path("story.txt").read_text(encoding="utf-8") == "It started on Wednesday.\n"
    [(_, rows)] = entries().values()
    assert rows == []
    again = CliRunner().invoke(main, ["check", "story.txt"])
    assert (again.exit_code, again.output) == (0, "All checks passed (1 file).\n")


def test_fix_does_not_trust_a_cached_result_with_fixes(project):
    check("story.txt")
    fixed = CliRunner().invoke(main, ["fix", "story.txt"])
    assert fixed.exit_code == 0
    assert Path("story.txt").read_text(encoding="utf-8") == "It started on Wednesday.\n"


def test_torn_records_read_as_misses(project):
    check("story.txt")
    [shard] = shards()
    good = shard.read_bytes()
    # what a writer killed mid-record, or two interleaved writers, could leave behind
    shard.write_bytes(good[:-20] + b"\n" + good[:40] + b"\n" + good[30:-5])
    assert check("story.txt").output == LINE_OUT
    [(_, rows)] = entries().values()
    assert [row[0] for row in rows] == ["Typos.Context", "Typos.Weekdays"]
    assert check("story.txt").output == LINE_OUT


def test_superseded_records_are_compacted(project):
    for i in range(70):
        Path("story.txt").write_text(f"Version {i} started pm Wedmesday.\n", encoding="utf-8")
        check("story.txt")
    # each run appends a record for the file's new content; a run that loads a shard
    # holding more than 64 superseded records rewrites it with the live ones only
    [shard] = shards()
    _, n_records = read_shard(shard)
    assert 1 <= n_records <= 66 and n_records != 70
    assert len(entries()) == 1
    assert check("story.txt").output == LINE_OUT.replace(":12:", ":20:").replace(":15:", ":23:")


def test_unwritable_cache_is_skipped(project):
    # a file where the cache folder would go: every write fails, the run goes on without a cache
    Path("blocker").write_text("", encoding="utf-8")
    Path("normlint.toml").write_text('cache-dir = "blocker/cache"\n', encoding="utf-8")
    result = check("story.txt")
    assert (result.exit_code, result.output) == (1, LINE_OUT)


def test_clean_removes_caches(project):
    Path("sub").mkdir()
    Path("sub/normlint.toml").write_text("", encoding="utf-8")
    Path("sub/b.txt").write_text(SLIP, encoding="utf-8")
    check("story.txt", "sub/b.txt")
    assert Path(".normlint_cache").is_dir() and Path("sub/.normlint_cache").is_dir()
    result = CliRunner().invoke(main, ["clean"])
    assert (result.exit_code, result.output) == (0, "Removed .normlint_cache\nRemoved sub/.normlint_cache\n")
    assert not Path(".normlint_cache").exists() and not Path("sub/.normlint_cache").exists()
    again = CliRunner().invoke(main, ["clean"])
    assert (again.exit_code, again.output) == (0, "No cache to remove.\n")
    assert Path("story.txt").read_text(encoding="utf-8") == SLIP


def test_parallel_processes_share_the_cache_safely(project):
    for i in range(40):
        Path(f"s{i:02}.txt").write_text(f"Story {i} started pm Wedmesday.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "normlint", "check", "--format", "line", "."]
    env = {k: v for k, v in os.environ.items() if k not in ("NORMLINT_NO_CACHE", "NORMLINT_CACHE_DIR")}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1, 1]
    assert all(err == "" for _, err in outs)
    assert len({out for out, _ in outs}) == 1
    assert outs[0][0].count("\n") == 2 * 41
    found = entries()
    assert len(found) == 41
    assert all(len(rows) == 2 for _, rows in found.values())
    assert not [p for p in Path(".normlint_cache").rglob("*.tmp")]
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert (warm.returncode, warm.stdout) == (1, outs[0][0])


def test_shares_its_folder_with_the_grammar_checks_answers(project, monkeypatch):
    # LanguageTool answers live in <cache folder>/languagetool; whichever part made the
    # folder first, the results cache uses it and `normlint clean` removes both.
    from normlint.config import find_config
    from normlint.languagetool.settings import cache_folder

    assert cache_folder(find_config(project / "story.txt")) == project / ".normlint_cache" / "languagetool"
    Path(".normlint_cache/languagetool/ab").mkdir(parents=True)
    Path(".normlint_cache/languagetool/ab/answer.json").write_text("{}", encoding="utf-8")
    assert check("story.txt").output == LINE_OUT
    assert len(entries()) == 1
    assert Path(".normlint_cache/CACHEDIR.TAG").is_file()
    monkeypatch.setenv("NORMLINT_CACHE_DIR", str(project / "elsewhere"))
    assert cache_folder(find_config(project / "story.txt")) == project / "elsewhere" / "languagetool"
    monkeypatch.delenv("NORMLINT_CACHE_DIR")
    result = CliRunner().invoke(main, ["clean"])
    assert (result.exit_code, result.output) == (0, "Removed .normlint_cache\n")


def test_a_run_served_by_the_cache_builds_no_rules_yet_a_broken_rule_still_stops_it(project, monkeypatch):
    import normlint.api

    rule = house_rule(project)
    first = check("story.txt")
    assert first.output == "story.txt:1:4:House.Started:Say 'began', not 'started'.\n" + LINE_OUT
    built = []
    real = normlint.api.get_linter
    monkeypatch.setattr(normlint.api, "get_linter", lambda *a, **k: built.append(1) or real(*a, **k))
    monkeypatch.setattr(normlint.runner, "get_linter", normlint.api.get_linter)
    again = check("story.txt")
    assert (again.exit_code, again.output, built) == (1, first.output, [])  # (pre-commit's usual run)
    # A rule file broken since is not excused by the cached results.
    rule.write_text("extends: existence\nmessage: \"Say 'began'\"\ntokens: [started\n", encoding="utf-8")
    broken = check("story.txt")
    assert broken.exit_code == 2
    assert broken.output == f"error: {rule}:4: invalid YAML: expected ',' or ']', but got '<stream end>'\n"
    assert built  # this run had to build the rules, and that is where it stopped
