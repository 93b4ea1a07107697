"""What the spelling check costs: `normlint check` on corpus A with and without it, same run.

    python benchmarks/bench_spelling.py [--limit N] [--repeat R] [--folder DIR]

Runs `normlint check --quiet .` over one .txt per article: with the default packs and
with `--ignore Typos.Spelling` (the issue's bound on the ratio: under 2.0); then
`--select Typos.Spelling` against `--select Typography.FinalNewline` (a check that
costs nothing: the difference is spelling's own share of a run).  Prints wall and
CPU times (best of R), then the in-process figures that explain them: word-list load
time, spelling alone over the corpus the first time (every distinct word looked up,
suggestions searched) and again (per-process caches full), in words per second, and
how the distinct forms were sorted (most articles are settled by set operations).
`--folder` uses a folder of .txt articles already written (say, corpus A from an
earlier run) instead of writing one.
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
    """Load time of the word list and the spelling check's cost over this corpus, cold and warm."""
    from normlint import lexicon
    from normlint.api import get_linter
    from normlint.config import Config
    from normlint.document import Document

    lexicon.english.cache_clear()
    t = time.perf_counter()
    lex = lexicon.english()
    lex.zipf
    load = time.perf_counter() - t
    print(f"word list: {len(lex.words)} words, loaded in {load * 1000:.0f} ms")
    linter = get_linter(Config(select=("Typos.Spelling",)))
    check = next(c for c in linter.checks if c.kind == "spelling")
    check._cache.clear()
    check._reset_surface()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(Document(t).words) for t in texts)
    passes = []
    for _ in range(2):
        t = time.process_time()
        settled = reported = 0
        for text in texts:
            doc = Document(text)
            found = check.run(doc)
            reported += len(found)
            settled += "tokens" not in doc.__dict__ and not found and _settled(check, doc)
        passes.append((time.process_time() - t, settled, reported))
    (cold, settled, reported), (warm, _, _) = passes
    unknown = [v for v in check._cache.values() if not v.known]
    print(f"spelling alone in-process, {len(texts)} articles, {words} words, {reported} reports:")
    print(f"  first pass (caches empty): {cold:6.2f} s CPU  {words / cold:10.0f} words/s")
    print(f"  second pass (caches full): {warm:6.2f} s CPU  {words / warm:10.0f} words/s")
    print(f"  {len(check._cache)} distinct words looked up once each, {len(unknown)} unknown, "
          f"{sum(1 for v in unknown if v.suggestions)} with suggestions looked up; forms sorted: "
          f"{len(check._ok)} ok or never reported, {len(check._vok)} British/American, {len(check._maybe)} "
          f"examined in place; {settled} of {len(texts)} articles settled by set operations alone")


def _settled(check, doc) -> bool:
    rest = set(doc.words) - check._ok
    return rest.isdisjoint(check._maybe)


def main(args):
    if args.folder:
        folder = Path(args.folder)
        files = list(folder.glob("*.txt"))
        n, size = len(files), sum(f.stat().st_size for f in files)
    else:
        folder, n, size = write_articles(args.limit)
    print(f"corpus: {n} articles, {size / 1e6:.1f} MB")
    exe = shutil.which("normlint", path=str(Path(sys.executable).parent)) or shutil.which("normlint")
    # --no-cache: the results cache would answer every run after the first from disk
    base = [exe, "check", "--quiet", "--no-cache", "--jobs", "1"]
    with_s = timed(base + ["."], folder, args.repeat)
    without = timed(base + ["--ignore", "Typos.Spelling", "."], folder, args.repeat)
    alone = timed(base + ["--select", "Typos.Spelling", "."], folder, args.repeat)
    nothing = timed(base + ["--select", "Typography.FinalNewline", "."], folder, args.repeat)
    print(f"normlint check --jobs 1, default packs:        {with_s[0]:7.2f} s wall {with_s[1]:7.2f} s CPU")
    print(f"normlint check --jobs 1 --ignore Typos.Spelling: {without[0]:5.2f} s wall {without[1]:7.2f} s CPU")
    print(f"ratio with/without spelling: {with_s[0] / without[0]:.2f}x wall, {with_s[1] / without[1]:.2f}x CPU "
          f"(bound: < 2.00x)")
    print(f"--select Typos.Spelling:            {alone[0]:7.2f} s wall {alone[1]:7.2f} s CPU")
    print(f"--select Typography.FinalNewline:   {nothing[0]:7.2f} s wall {nothing[1]:7.2f} s CPU")
    print(f"spelling's own share of a run: {alone[0] - nothing[0]:.2f} s wall, {alone[1] - nothing[1]:.2f} s CPU")
    in_process(folder)
    if not args.folder:
        shutil.rmtree(folder)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, default=None, help="only the first N articles")
    p.add_argument("--repeat", type=int, default=1, help="runs of each command; the best is kept")
    p.add_argument("--folder", help="a folder of .txt articles to use instead of writing corpus A")
    main(p.parse_args())
