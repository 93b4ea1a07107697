"""This checkout against another revision, interleaved: did a speed change gain anything?

    python benchmarks/bench_versus.py [--base REV] [--repeat R] [--limit N]

On a shared machine the time of one command swings by 5-10 % from minute to minute, more
than most single changes gain, so two benchmark runs made minutes apart cannot tell a
change from the weather.  This runs each measurement for the base revision (default
HEAD, taken with ``git archive``) and for the working tree back to back, R times, and
prints the best and median of each and the ratio of the medians:

- ``check`` with ``--jobs 2`` and ``--jobs 1`` over corpus A as files, and ``fix`` with
  ``--jobs 2`` (from a fresh copy each time; the copy is not timed);
- a cold ``check`` of one small file (five times per round).

Each side keeps its own rule cache (what it builds and caches is part of what it costs),
warmed by two runs before timing.  Every command runs in a folder outside both checkouts:
``python -m normlint`` puts the current folder first on the module path, so a command run
inside this checkout would import this checkout whatever PYTHONPATH says.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import write_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", default="HEAD", help="git revision to compare with (default HEAD)")
    p.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    p.add_argument("--limit", type=int, default=None, help="first N articles of corpus A only")
    a = p.parse_args()
    folder, n, _ = write_articles(a.limit)
    work = Path(tempfile.mkdtemp(prefix="normlint-versus-"))
    try:
        base = work / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", a.base], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        codes = {"base": base, "now": ROOT}
        small = work / "one.txt"
        small.write_text("The ministers met pm Wedmesday in Geneva.\n")
        fixme = work / "fixme"

        def run(side: str, args: list[str], target: Path) -> float:
            env = dict(ENV, PYTHONPATH=str(codes[side]), NORMLINT_RULE_CACHE_DIR=str(work / f"cache-{side}"))
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "normlint", *args, "--no-cache", "-q", "--format", "line",
                            str(target)], cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return time.perf_counter() - t

        def fresh() -> Path:
            shutil.rmtree(fixme, ignore_errors=True)
            shutil.copytree(folder, fixme)
            os.sync()  # else the fix run's first flush pays for writing back the whole copy
            return fixme

        for side in codes:  # each side builds and caches what it builds
            for _ in range(2):
                run(side, ["check", "-j", "2"], folder)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(a.repeat):
            for side in codes:
                times.setdefault(("check -j2", side), []).append(run(side, ["check", "-j", "2"], folder))
                times.setdefault(("check -j1", side), []).append(run(side, ["check", "-j", "1"], folder))
                times.setdefault(("fix -j2", side), []).append(run(side, ["fix", "-j", "2"], fresh()))
                for _ in range(5):
                    times.setdefault(("cold start", side), []).append(run(side, ["check"], small))
        print(f"corpus A: {n} articles as files; base {a.base} against the working tree; "
              f"{a.repeat} interleaved rounds (seconds)")
        for what in ("check -j2", "check -j1", "fix -j2", "cold start"):
            b, w = times[(what, "base")], times[(what, "now")]
            print(f"  {what:<11} base best {min(b):.3f} median {statistics.median(b):.3f}   "
                  f"now best {min(w):.3f} median {statistics.median(w):.3f}   "
                  f"now/base (medians) {statistics.median(w) / statistics.median(b):.3f}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
