"""Results cache: a second `normlint check` over unchanged corpus A against the first.

Writes each article of corpus A (Reuters-21578, research-only, read from the
shared folder and never copied into the repository) as one .txt file into a
temporary folder, runs `normlint check` there twice (cold cache, then warm)
and prints both wall times and their ratio.  Target: the second run takes at
most 20 % of the first.

    python benchmarks/cache_bench.py [--corpus PATH] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent.parent / "shared" / "corpus" / "news-a" / \
    "reuters21578.jsonl"
FALLBACK_CORPUS = Path("/work/shared/corpus/news-a/reuters21578.jsonl")


def write_corpus(src: Path, folder: Path, limit: int | None) -> int:
    n = 0
    with src.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and n >= limit:
                break
            art = json.loads(line)
            (folder / f"{art['id']}.txt").write_text(art["text"] + "\n", encoding="utf-8")
            n += 1
    return n


def run(folder: Path, *extra: str) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "normlint", "check", "--quiet", "--format", "line", *extra, "."]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"normlint failed ({proc.returncode}): {proc.stderr}")
    return elapsed, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args()
    corpus = args.corpus or next((p for p in (DEFAULT_CORPUS, FALLBACK_CORPUS) if p.is_file()), None)
    if corpus is None or not corpus.is_file():
        sys.exit("corpus A not found (pass --corpus PATH to reuters21578.jsonl)")
    env_cache = os.environ.pop("NORMLINT_CACHE_DIR", None)
    with tempfile.TemporaryDirectory(prefix="normlint-cache-bench-") as tmp:
        folder = Path(tmp)
        n = write_corpus(corpus, folder, args.limit)
        first, rc1 = run(folder)
        second, rc2 = run(folder)
        nocache, _ = run(folder, "--no-cache")
        entries = sum(1 for _ in (folder / ".normlint_cache").rglob("*.json"))
    if env_cache is not None:
        os.environ["NORMLINT_CACHE_DIR"] = env_cache
    ratio = second / first
    print(f"files: {n} articles as .txt, cache entries written: {entries}")
    print(f"first  run (cold cache): {first:8.2f} s  exit {rc1}")
    print(f"second run (warm cache): {second:8.2f} s  exit {rc2}")
    print(f"--no-cache run:          {nocache:8.2f} s")
    print(f"second / first = {ratio:.3f} ({ratio * 100:.1f} %); target <= 20 %: {'met' if ratio <= 0.20 else 'MISSED'}")


if __name__ == "__main__":
    main()
