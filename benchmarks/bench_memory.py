"""Peak memory of a JSONL corpus run: does it grow with the corpus?  (It must not.)

    python benchmarks/bench_memory.py --size-gb 1 --workdir /tmp/big [--jobs N] [--mode fix]

Builds a JSONL of about SIZE by repeating corpus A (each copy with fresh ids),
runs ``normlint MODE big.jsonl`` (fix writes to -o out.jsonl), samples the
resident memory of normlint and all its worker processes every 50 ms from
/proc, and prints the peak of the parent alone and of the whole process tree.
Run it at two sizes to see that the peak does not follow the input.  The
files are deleted afterwards unless --keep is given.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import corpus_path  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def build(target: Path, size: int) -> int:
    base = corpus_path().read_bytes().splitlines(keepends=True)
    written = copies = 0
    with open(target, "wb") as out:
        while written < size:
            copies += 1
            for line in base:
                # a distinct id per copy, everything else as in the corpus
                line = line.replace(b'"id": "reuters21578-', b'"id": "c%d-reuters21578-' % copies, 1)
                out.write(line)
                written += len(line)
    return copies


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def pss(pid: int) -> int:
    """Proportional set size: shared (forked, copy-on-write) pages counted once across processes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += children(p)
    return seen


def main(args):
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    big = work / "big.jsonl"
    copies = build(big, int(args.size_gb * 1e9))
    size = big.stat().st_size
    nl = shutil.which("normlint", path=str(Path(sys.executable).parent)) or "normlint"
    cmd = [nl, args.mode, str(big), "-q", "--format", "line"]
    if args.jobs:
        cmd += ["-j", str(args.jobs)]
    if args.mode == "fix":
        cmd += ["-o", str(work / "out.jsonl")]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_parent = peak_tree = peak_pss = 0
    peak_each: dict[int, int] = {}
    while proc.poll() is None:
        pids = tree(proc.pid)
        sizes = {p: rss(p) for p in pids}
        for p, n in sizes.items():
            peak_each[p] = max(peak_each.get(p, 0), n)
        peak_parent = max(peak_parent, sizes.get(proc.pid, 0))
        peak_tree = max(peak_tree, sum(sizes.values()))
        peak_pss = max(peak_pss, sum(pss(p) for p in pids))
        time.sleep(0.05)
    elapsed = time.perf_counter() - t
    articles = copies * sum(1 for _ in open(corpus_path(), "rb"))
    print(f"input: {size / 1e9:.2f} GB JSONL ({copies} copies of corpus A, ~{articles:,} articles)")
    print(f"command: {' '.join(cmd)}")
    print(f"exit code {proc.returncode}; {elapsed:.0f} s; {articles / elapsed:,.0f} articles/s; "
          f"{size / 1e6 / elapsed:.1f} MB/s")
    print(f"peak RSS of the normlint process: {peak_parent / 1e6:.0f} MB; of it and its workers: "
          f"{peak_tree / 1e6:.0f} MB summed RSS, {peak_pss / 1e6:.0f} MB PSS (shared pages counted once)")
    workers = sorted((n for p, n in peak_each.items() if p != proc.pid), reverse=True)
    if workers:
        print("peak RSS of each worker: " + ", ".join(f"{n / 1e6:.0f} MB" for n in workers))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size-gb", type=float, default=1.0)
    p.add_argument("--workdir", required=True, help="scratch folder for the big file (deleted afterwards)")
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--mode", choices=["check", "fix"], default="fix")
    p.add_argument("--keep", action="store_true")
    main(p.parse_args())
