"""The spelling check's first look at each word: what one process pays for it on corpus A.

    python benchmarks/bench_first_look.py [--limit N] [--no-table] [--repeat R]

Lints corpus A twice in one process, set up as a bulk run sets up its workers (rules
compiled, the warm-up text fixed, the spelling check's ``prepare_bulk``), and prints the
CPU seconds of each pass, and of the spelling check within each: the first pass pays for
the first look at every distinct token (sorting it, finding its suggestions), the second
finds them all sorted, so the difference is what the first look costs.  With ``--jobs 2``
each worker pays it for the tokens it meets.  ``--no-table`` leaves out the table of common
words' forms, to show what it saves.  Each pass runs in a fresh process R times (best kept).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import corpus_path  # noqa: E402


def one_process(limit: int | None, table: bool) -> tuple[float, float, float, float]:
    from normlint.api import get_linter
    from normlint.checks.spelling import Spelling
    from normlint.config import Config
    from normlint.corpus import WARM_UP_TEXT
    from normlint.packs import compile_all

    with open(corpus_path(), encoding="utf-8") as fh:
        texts = [json.loads(line)["text"].rstrip("\n") + "\n" for line in fh][:limit]
    linter = get_linter(Config())
    compile_all(linter.checks)
    linter.fix(WARM_UP_TEXT, "warm-up.txt")
    for check in linter.checks:
        if isinstance(check, Spelling) and hasattr(check, "prepare_bulk"):  # (older code: none)
            check.prepare_bulk()
            if not table:
                check._forget_common_forms()
                check._reset_surface()
                check._sorted = -10**9  # never taken on
    spent = [0.0]
    run = Spelling.run

    def timed_run(self, doc):
        t = time.process_time()
        try:
            return run(self, doc)
        finally:
            spent[0] += time.process_time() - t

    Spelling.run = timed_run
    out = []
    for _ in range(2):
        spent[0] = 0.0
        t = time.process_time()
        for i, text in enumerate(texts):
            linter.lint(text, f"{i}.txt")
        out += [time.process_time() - t, spent[0]]
    return tuple(out)


def main(args):
    if args.child:
        print(json.dumps(one_process(args.limit, not args.no_table)))
        return
    cmd = [sys.executable, __file__, "--child"] + (["--limit", str(args.limit)] if args.limit else []) + \
        (["--no-table"] if args.no_table else [])
    runs = [json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            for _ in range(args.repeat)]
    first, first_sp, second, second_sp = (min(r[i] for r in runs) for i in range(4))
    from normlint.checks.spelling import Spelling

    table = "with" if hasattr(Spelling, "prepare_bulk") and not args.no_table else "without"
    print(f"corpus A{'' if not args.limit else f' (first {args.limit})'}, one process, "
          f"{table} the common forms table; CPU s, best of {args.repeat}")
    print(f"  first pass   {first:6.2f} s   spelling {first_sp:5.2f} s")
    print(f"  second pass  {second:6.2f} s   spelling {second_sp:5.2f} s")
    print(f"  first look   {first - second:6.2f} s   spelling {first_sp - second_sp:5.2f} s")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-table", action="store_true")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    main(p.parse_args())
