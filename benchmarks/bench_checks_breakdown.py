"""Seconds per rule on corpus A, measured in-process around each check's ``run``.

    python benchmarks/bench_checks_breakdown.py [--limit N] [--top K] [--warm]

Runs every enabled check over every article the way ``Linter.lint_document``
does (the gates' cost on a line of its own: letter runs, and the units scan and the
typography tests that the feature gates run) and prints the CPU seconds each rule took, the
per-document engine overhead (``Linter.lint`` minus the checks) and the total.
Shared lazy Document attributes are paid by the first check that touches them;
with ``--warm`` they are computed first and timed on their own lines, so each
rule's figure is its own work.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from _corpus import corpus_path  # noqa: E402

from normlint.config import Config  # noqa: E402
from normlint.engine import Linter, make_document  # noqa: E402

# The Document attributes checks share (those that exist in this version).
SHARED = ("tokens", "words", "lower_text", "words_lower", "words_casefold", "lower_parts")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, help="first N articles only")
    p.add_argument("--top", type=int, default=25, help="rules to list (the rest are summed)")
    p.add_argument("--warm", action="store_true", help="compute shared Document attributes first")
    p.add_argument("--ignore", action="append", default=[], help="rule or pack to leave out")
    args = p.parse_args()

    texts = []
    with open(corpus_path(), encoding="utf-8") as fh:
        for line in fh:
            if args.limit is not None and len(texts) >= args.limit:
                break
            texts.append(json.loads(line)["text"].rstrip("\n") + "\n")
    linter = Linter(Config(ignore=tuple(args.ignore)))
    clock = time.perf_counter  # process_time is a system call: its own cost would swamp small rules
    per = defaultdict(float)
    attrs = defaultdict(float)
    for i, text in enumerate(texts):
        doc = make_document(text, f"{i}.txt")
        if args.warm:
            for name in SHARED:
                if hasattr(type(doc), name):
                    t = clock()
                    getattr(doc, name)
                    attrs[name] += clock() - t
        t = clock()
        if hasattr(linter, "_to_run"):
            to_run = linter._to_run(linter.checks, doc)  # the rules the letter and feature gates leave open
        else:  # an older normlint, for before/after figures
            to_run = [c for c in linter.checks if c.letter_gate is None or not c.letter_gate.isdisjoint(doc.letter_runs)]
        per["(gates)"] += clock() - t
        for check in to_run:
            t = clock()
            for _ in check.run(doc):
                pass
            per[check.id] += clock() - t
    checks_total = sum(per.values()) + sum(attrs.values())

    t = clock()
    for i, text in enumerate(texts):
        linter.lint(text, f"{i}.txt")
    lint_total = clock() - t

    print(f"{len(texts)} articles, {len(linter.checks)} rules")
    for name, s in sorted(attrs.items(), key=lambda kv: -kv[1]):
        print(f"  {s:7.3f} s  Document.{name}")
    ranked = sorted(per.items(), key=lambda kv: -kv[1])
    for rule, s in ranked[:args.top]:
        print(f"  {s:7.3f} s  {rule}")
    rest = ranked[args.top:]
    if rest:
        print(f"  {sum(s for _, s in rest):7.3f} s  ({len(rest)} other rules)")
    print(f"checks total:        {checks_total:7.3f} s")
    print(f"Linter.lint total:   {lint_total:7.3f} s  (engine overhead {lint_total - checks_total:+.3f} s)")


if __name__ == "__main__":
    main()
