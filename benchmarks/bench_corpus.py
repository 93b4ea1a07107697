"""Corpus speed: normlint check and fix against codespell and typos, jobs scaling, JSONL, cold start.

    python benchmarks/bench_corpus.py [--limit N] [--repeat R] [--jobs N]

Corpus A is written as one .txt per article (a temporary folder).  Every tool
runs R times, interleaved (tool 1, tool 2, ..., then again), and the best time
of each is kept, so load from other processes on a shared machine hits all of
them alike; quote the ratios, which come from one run, rather than lone times.
A fix run always starts from an unfixed copy (the copy is not timed).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import corpus_path, write_articles  # noqa: E402

TARGETS = [  # (label, numerator, denominator, limit)
    ("check / codespell", "check", "codespell", 1.0),
    ("check / typos", "check", "typos", 2.0),
    ("fix / check", "fix", "check", 1.3),
]


def tool(name):
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


# As after `pip install`: Python's bytecode cache in use (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every start compile normlint's sources again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd, cwd=None, before=None) -> float:
    if before:
        before()
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - t


def main(args):
    folder, n, size = write_articles(args.limit)
    work = Path(tempfile.mkdtemp(prefix="normlint-bench-work-"))
    pristine = work / "pristine"
    shutil.copytree(folder, pristine)
    fix_dir = work / "fixme"
    jsonl = work / "corpus.jsonl"
    with open(corpus_path(), "rb") as src, open(jsonl, "wb") as dst:
        for i, line in enumerate(src):
            if args.limit is not None and i >= args.limit:
                break
            dst.write(line)
    jsonl_mb = jsonl.stat().st_size / 1e6
    small = work / "one.txt"
    small.write_text("The ministers met pm Wedmesday in Geneva.\n")
    mb = size / 1e6
    jobs = args.jobs or os.cpu_count()
    nl = tool("normlint")

    def fresh_copy():
        shutil.rmtree(fix_dir, ignore_errors=True)
        shutil.copytree(pristine, fix_dir)
        os.sync()  # else the fix run's first fsync pays for writing back the whole copy

    # --no-cache everywhere: the results cache would turn every repeat into a cache read
    runs = {
        "check": ([nl, "check", "--no-cache", "-q", "--format", "line", "-j", str(jobs), "."], folder, None),
        "fix": ([nl, "fix", "--no-cache", "-q", "--format", "line", "-j", str(jobs), "."], fix_dir, fresh_copy),
        "check -j1": ([nl, "check", "--no-cache", "-q", "--format", "line", "-j", "1", "."], folder, None),
        "check -j2": ([nl, "check", "--no-cache", "-q", "--format", "line", "-j", "2", "."], folder, None),
        "jsonl check": ([nl, "check", "--no-cache", "-q", "--format", "line", "-j", str(jobs), str(jsonl)], None, None),
        "jsonl fix": ([nl, "fix", "--no-cache", "-q", "--format", "line", "-j", str(jobs), str(jsonl), "-o",
                       str(work / "out.jsonl")], None, None),
    }
    for name in ("codespell", "typos"):
        if tool(name):
            runs[name] = ([tool(name), "."], folder, None)
        else:
            print(f"{name} not found (pip install {name}); skipped")
    timed([nl, "check", "--no-cache", str(small)])  # warm-up: writes the bytecode cache
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, (cmd, cwd, before) in runs.items():
            t = timed(cmd, cwd, before)
            best[name] = min(best.get(name, t), t)
    cold = min(timed([nl, "check", "--no-cache", str(small)]) for _ in range(args.cold_repeat))
    python_start = min(timed([sys.executable, "-c", "pass"]) for _ in range(args.cold_repeat))

    print(f"corpus A: {n} articles, {mb:.1f} MB as files; JSONL {jsonl_mb:.1f} MB; normlint --jobs {jobs}; "
          f"best of {args.repeat}, interleaved; machine: {os.cpu_count()} cores (shared: compare ratios)")
    for name in runs:
        size_mb = jsonl_mb if name.startswith("jsonl") else mb
        print(f"  {name:12s} {best[name]:7.2f} s  {size_mb / best[name]:7.2f} MB/s  {n / best[name]:9,.0f} articles/s")
    print(f"  cold start   {cold:7.3f} s  (normlint check on one small file; python -c pass: {python_start:.3f} s)")
    print("ratios (target):")
    for label, a, b, limit in TARGETS:
        if a in best and b in best:
            r = best[a] / best[b]
            print(f"  {label:20s} {r:5.2f}x  (<= {limit}x: {'met' if r <= limit else 'MISSED'})")
    speedup = best["check -j1"] / best["check -j2"]
    print(f"  {'jobs 2 speed-up':20s} {speedup:5.2f}x  (>= 1.7x: {'met' if speedup >= 1.7 else 'MISSED'})")
    print(f"  {'cold start':20s} {cold:5.3f}s  (<= 0.15 s: {'met' if cold <= 0.15 else 'MISSED'})")
    shutil.rmtree(folder)
    shutil.rmtree(work)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, default=None, help="only the first N articles")
    p.add_argument("--repeat", type=int, default=3, help="interleaved rounds; the best time of each is kept")
    p.add_argument("--cold-repeat", type=int, default=15, help="runs for the cold-start figure (best kept)")
    p.add_argument("--jobs", type=int, default=None, help="normlint --jobs for the main runs [all cores]")
    main(p.parse_args())
