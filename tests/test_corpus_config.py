"""[corpus] in normlint.toml / [tool.normlint.corpus] in pyproject.toml: defaults for the bulk-run
options, the command line winning over them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from normlint import corpus
from normlint.cli import main

RECORDS = (
    '{"id": "a1", "body": {"text": "Talks resumed pm Wedmesday."}}\n'
    '{"id": "a2", "body": {"text": "Nothing to see here."}}\n'
)


def run(*args, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


@pytest.fixture
def jsonl(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(RECORDS)
    return src


def test_field_and_id_field_from_normlint_toml(tmp_path, jsonl):
    (tmp_path / "normlint.toml").write_text('[corpus]\nfield = "body.text"\nid-field = "id"\n')
    r = run("check", str(jsonl), "--format", "line")
    assert r.exit_code == 1, r.output
    assert r.stdout.splitlines() == [
        f"{jsonl}#1[a1]:1:15:Typos.Context:Use 'on' instead of 'pm' before a day or month name.",
        f"{jsonl}#1[a1]:1:18:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'.",
    ]


def test_pyproject_table_and_the_command_line_wins(tmp_path, jsonl):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.normlint.corpus]\nfield = "body.title"\nid-field = "id"\n')
    # the configured field does not exist in these records: every record is an error...
    r = run("check", str(jsonl), "--format", "line")
    assert r.exit_code == 2
    assert f"{jsonl}:1: no field 'body.title'" in r.stderr
    # ...and --field on the command line replaces it, keeping the configured id field
    r = run("check", str(jsonl), "--format", "line", "--field", "body.text")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0].startswith(f"{jsonl}#1[a1]:1:15:Typos.Context:")


def test_report_path_is_relative_to_the_config_file(tmp_path, jsonl, monkeypatch):
    (tmp_path / "normlint.toml").write_text('[corpus]\nfield = "body.text"\nreport = "out/report.json"\n')
    (tmp_path / "out").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = run("fix", str(jsonl), "-o", str(tmp_path / "fixed.jsonl"), "-q")
    assert r.exit_code == 0, r.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["fixes_per_rule"] == {"Typos.Context": 1, "Typos.Weekdays": 1}
    assert not (elsewhere / "out").exists()
    # --report on the command line writes there instead
    r = run("check", str(jsonl), "-q", "--report", str(elsewhere / "mine.json"))
    assert (elsewhere / "mine.json").is_file()


def test_jobs_engine_and_partition_size_reach_the_run(tmp_path, jsonl, monkeypatch):
    (tmp_path / "normlint.toml").write_text(
        '[corpus]\njobs = 3\nengine = "local"\npartition-size = "1KB"\nscheduler = "tcp://nowhere:8786"\n')
    seen = {}

    def execute(self):
        seen.update(jobs=self.jobs, engine=self.engine_name, unit=self.unit_bytes,
                    scheduler=self.kw.get("scheduler"))
        return 0

    monkeypatch.setattr(corpus.Run, "execute", execute)
    assert run("check", str(jsonl)).exit_code == 0
    # a scheduler is for Dask runs only: with the engine local it is left out
    assert seen == {"jobs": 3, "engine": "local", "unit": 1024, "scheduler": None}
    assert run("check", str(jsonl), "-j", "1", "--partition-size", "2KB").exit_code == 0
    assert (seen["jobs"], seen["unit"]) == (1, 2048)
    assert run("check", str(jsonl), "--engine", "dask").exit_code == 0
    assert (seen["engine"], seen["scheduler"]) == ("dask", "tcp://nowhere:8786")


@pytest.mark.parametrize("table,message", [
    ('jobs = 0', "[corpus] jobs (like --jobs) must be a whole number of at least 1"),
    ('jobs = "2"', "[corpus] jobs (like --jobs) must be a whole number of at least 1"),
    ('field = "body..text"', "[corpus] field (like --field): invalid field path 'body..text' "
                              "(expected names separated by dots, like body.text)"),
    ('engine = "spark"', '[corpus] engine (like --engine) must be "local" or "dask"'),
    ('partition-size = "lots"', "[corpus] partition-size (like --partition-size): 'lots' is not a size "
                                "like 4MB or 262144"),
    ('report = 3', "[corpus] report (like --report) must be a string"),
    ('workers = 2', "[corpus]: unknown key 'workers' (known: engine, field, id-field, jobs, "
                    "partition-size, report, scheduler)"),
])
def test_bad_settings_name_the_file_and_exit_2(tmp_path, jsonl, table, message):
    (tmp_path / "normlint.toml").write_text(f"[corpus]\n{table}\n")
    r = run("check", str(jsonl))
    assert r.exit_code == 2
    assert r.stderr == f"error: {tmp_path / 'normlint.toml'}: {message}\n"
    assert r.stdout == ""


def test_a_configured_field_does_not_make_text_files_jsonl(tmp_path, jsonl):
    (tmp_path / "normlint.toml").write_text('[corpus]\nfield = "body.text"\n')
    (tmp_path / "a.txt").write_text("It began Wedmesday.\n")
    r = run("check", str(tmp_path / "a.txt"), str(jsonl), "--format", "line")
    assert r.stdout.splitlines() == [
        f"{tmp_path / 'a.txt'}:1:10:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'.",
        f"{jsonl}#1:1:15:Typos.Context:Use 'on' instead of 'pm' before a day or month name.",
        f"{jsonl}#1:1:18:Typos.Weekdays:Use 'Wednesday' instead of 'Wedmesday'.",
    ]
