"""Results cache: a second `normlint check` over unchanged corpus A against the first.

Writes each article of corpus A (Reuters-21578, research-only: read from
../shared, never copied into the repository) as one .txt file into a temporary
folder, runs `normlint check` there twice in fresh processes (cold cache, then
warm) and once with --no-cache, and prints the wall times and the ratio
second/first.  Target: the second run takes at most 20 % of the first.

    python benchmarks/cache_bench.py [--limit N]
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
from _corpus import write_articles  # noqa: E402


def run(folder: Path, *extra: str) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "normlint", "check", "--quiet", "--format", "line", *extra, "."]
    env = {k: v for k, v in os.environ.items() if k not in ("NORMLINT_NO_CACHE", "NORMLINT_CACHE_DIR")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"normlint failed ({proc.returncode}): {proc.stderr}")
    return elapsed, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args()
    folder, n, size = write_articles(args.limit)
    try:
        first, rc1 = run(folder)
        second, rc2 = run(folder)
        nocache, rc3 = run(folder, "--no-cache")
        entries = sum(1 for _ in (folder / ".normlint_cache").rglob("*.log"))
    finally:
        shutil.rmtree(folder)
    ratio = second / first
    print(f"corpus A: {n} articles as .txt ({size / 1e6:.1f} MB); cache shard files written: {entries}")
    print(f"first  run (cold cache, writes it): {first:7.2f} s  exit {rc1}")
    print(f"second run (warm cache):            {second:7.2f} s  exit {rc2}")
    print(f"--no-cache run (reference):         {nocache:7.2f} s  exit {rc3}")
    print(f"second / first = {ratio:.3f} ({ratio * 100:.1f} %); target <= 20 %: {'met' if ratio <= 0.20 else 'MISSED'}")
    print(f"second / --no-cache = {second / nocache:.3f}")


if __name__ == "__main__":
    main()
