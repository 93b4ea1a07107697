"""What the spelling check costs: `normlint check` on corpus A with and without it, same run.

    python benchmarks/bench_spelling.py [--limit N] [--repeat R]

Runs `normlint check --quiet .` twice over one .txt per article: once with the
default packs, once with `--ignore Typos.Spelling`.  Prints wall and CPU times
(best of R), the ratios with/without (the issue's bound: under 2.0), and the in-process
figures that explain it: word-list load time, distinct words looked up, and
how many of them needed suggestions.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_articles  # noqa: E402


def timed(cmd, cwd, repeat) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child), best of ``repeat``.  CPU time is the
    steadier figure on a shared machine; wall time is what a user waits."""
    best = None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = (wall, cpu) if best is None else (min(best[0], wall), min(best[1], cpu))
    return best


def in_process(folder: Path) -> None:
    """Load time of the word list and the per-process cache's figures for this corpus."""
    from normlint import lexicon
    from normlint.api import get_linter
    from normlint.config import Config

    lexicon.english.cache_clear()
    t = time.perf_counter()
    lex = lexicon.english()
    load = time.perf_counter() - t
    print(f"word list: {len(lex.words)} words, loaded in {load * 1000:.0f} ms")
    linter = get_linter(Config(select=("Typos.Spelling",)))
    check = next(c for c in linter.checks if c.kind == "spelling")
    check._cache.clear()
    check._ok.clear()
    t = time.perf_counter()
    n = 0
    for path in sorted(folder.glob("*.txt")):
        linter.lint(path.read_text(encoding="utf-8"), str(path))
        n += 1
    spent = time.perf_counter() - t
    unknown = [v for v in check._cache.values() if not v.known]
    with_sugg = sum(1 for v in unknown if v.suggestions)
    print(f"spelling alone in-process: {spent:.2f} s for {n} articles; {len(check._cache)} distinct words "
          f"looked up once each, {len(unknown)} unknown, {with_sugg} with suggestions")


def main(args):
    folder, n, size = write_articles(args.limit)
    print(f"corpus: {n} articles, {size / 1e6:.1f} MB")
    exe = shutil.which("normlint", path=str(Path(sys.executable).parent)) or shutil.which("normlint")
    # --no-cache: the results cache would answer every run after the first from disk
    base = [exe, "check", "--quiet", "--no-cache", "."]
    with_s = timed(base, folder, args.repeat)
    without = timed(base[:-1] + ["--ignore", "Typos.Spelling", "."], folder, args.repeat)
    print(f"normlint check, default packs:              {with_s[0]:7.2f} s wall {with_s[1]:7.2f} s CPU")
    print(f"normlint check --ignore Typos.Spelling:     {without[0]:7.2f} s wall {without[1]:7.2f} s CPU")
    print(f"ratio with/without spelling: {with_s[0] / without[0]:.2f}x wall, {with_s[1] / without[1]:.2f}x CPU "
          f"(bound: < 2.00x)")
    in_process(folder)
    shutil.rmtree(folder)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, default=None, help="only the first N articles")
    p.add_argument("--repeat", type=int, default=1, help="runs of each command; the best is kept")
    main(p.parse_args())
