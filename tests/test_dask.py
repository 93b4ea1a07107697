"""--engine dask: the same job on a Dask cluster gives byte-identical output."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

distributed = pytest.importorskip("dask.distributed", reason="needs normlint[dask] (dask[distributed])")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c.scheduler_address


def _records(n):
    for i in range(n):
        text = (f"Story {i}: the vote is pm Wedmesday and the the count ends in Febuary.\n\n" if i % 3 == 0
                else f"Story {i}: markets were calm on Monday.\n\n") * 3
        yield json.dumps({"id": i, "meta": {"score": 1.50}, "text": text}, ensure_ascii=i % 2 == 0)


def normlint(*args):
    return subprocess.run([sys.executable, "-m", "normlint", *args], capture_output=True, text=True)


def test_jsonl_on_a_cluster_is_byte_identical_to_local(tmp_path, cluster):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(_records(300)) + "\n", encoding="utf-8")
    local = normlint("fix", str(src), "-o", str(tmp_path / "local.jsonl"), "-j", "1", "--id-field", "id",
                     "--format", "line")
    remote = normlint("fix", str(src), "-o", str(tmp_path / "dask.jsonl"), "--engine", "dask",
                      "--scheduler", cluster, "--partition-size", "8KB", "--id-field", "id", "--format", "line",
                      "--report", str(tmp_path / "report.json"))
    assert local.returncode == remote.returncode == 0, remote.stderr
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl").read_bytes() != src.read_bytes()
    report = json.loads((tmp_path / "report.json").read_text())
    assert (report["articles"], report["articles_changed"], report["fixes"]) == (300, 100, 1200)
    check_local = normlint("check", str(src), "-j", "1", "--format", "line", "--id-field", "id")
    check_dask = normlint("check", str(src), "--engine", "dask", "--scheduler", cluster, "--partition-size", "8KB",
                          "--format", "line", "--id-field", "id")
    assert check_dask.stdout == check_local.stdout and check_local.stdout.count("\n") == 1200
    assert f"{src}#4[3]:1:25:Typos.Weekdays:" in check_dask.stdout


def test_folder_on_a_cluster(tmp_path, cluster):
    for name in ("a", "b"):
        root = tmp_path / name
        for i in range(30):
            (root / f"s{i % 4}").mkdir(parents=True, exist_ok=True)
            (root / f"s{i % 4}" / f"f{i}.txt").write_text("It began pm Wedmesday.\n" if i % 2 else "Fine.\n")
    local = normlint("fix", str(tmp_path / "a"), "-j", "1", "--format", "json")
    remote = normlint("fix", str(tmp_path / "b"), "--engine", "dask", "--scheduler", cluster,
                      "--partition-size", "64", "--format", "json")
    assert local.returncode == remote.returncode == 0, remote.stderr
    assert local.stdout.replace("/a/", "/b/") == remote.stdout
    for f in (tmp_path / "b").rglob("*.txt"):
        assert f.read_text() in ("It began on Wednesday.\n", "Fine.\n")


def test_without_a_scheduler_a_local_cluster_is_started(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(_records(12)) + "\n", encoding="utf-8")
    r = normlint("fix", str(src), "-o", str(tmp_path / "out.jsonl"), "--engine", "dask", "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    assert normlint("fix", str(src), "-o", str(tmp_path / "local.jsonl"), "-q").returncode == 0
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "x"}\n')
    r = normlint("check", str(src), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in r.stderr and "Traceback" not in r.stderr
