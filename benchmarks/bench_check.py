"""normlint check against codespell and typos on corpus A, one .txt per article, same run.

    python benchmarks/bench_check.py [--limit N] [--repeat R]

Prints wall time (best of R), MB/s and the ratios normlint/codespell and
normlint/typos.  Tools missing from PATH are reported and skipped.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_articles  # noqa: E402


def timed(cmd, cwd) -> float:
    best = None
    for _ in range(ARGS.repeat):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    return best


def tool(name):
    exe = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    return exe


def main():
    folder, n, size = write_articles(ARGS.limit)
    mb = size / 1e6
    print(f"corpus: {n} articles, {mb:.1f} MB in {folder}")
    runs = {}
    nl = tool("normlint")
    extra = ["--jobs", str(ARGS.jobs)] if ARGS.jobs else []
    # --no-cache: repeated runs must measure checking, not the result cache.
    runs["normlint check"] = [nl, "check", "--quiet", "--no-cache", *extra, "."]
    if tool("codespell"):
        runs["codespell"] = [tool("codespell"), "."]
    else:
        print("codespell not found: pip install codespell")
    if tool("typos"):
        runs["typos"] = [tool("typos"), "."]
    else:
        print("typos not found: pip install typos")
    times = {}
    for name, cmd in runs.items():
        times[name] = timed(cmd, folder)
        print(f"{name:16s} {times[name]:7.2f} s  {mb / times[name]:7.2f} MB/s")
    base = times["normlint check"]
    for other in ("codespell", "typos"):
        if other in times:
            print(f"ratio normlint/{other}: {base / times[other]:.2f}x")
    shutil.rmtree(folder)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, default=None, help="only the first N articles")
    p.add_argument("--repeat", type=int, default=1, help="runs per tool; the best is kept")
    p.add_argument("--jobs", type=int, default=None, help="pass --jobs N to normlint (if supported)")
    ARGS = p.parse_args()
    main()
