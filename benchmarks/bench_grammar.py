"""Grammar checking: what batching and the cache save, in requests and time.

    python benchmarks/bench_grammar.py [--stories N] [--latency S] [--batch-chars C]

Against the stand-in LanguageTool of the tests (tests/lt_fake.py) with an
artificial per-request latency (default 0.05 s, a local LanguageTool answers a
short paragraph in roughly that), or against a real server when
NORMLINT_LANGUAGETOOL_URL is set.  Prints requests and wall time for: a cold
run, a re-run in the same process (memory cache), a new process (disk cache),
and one edited paragraph; and the ratios to sending one request per paragraph
without a cache.  Text: N copies of the seed article, every paragraph numbered.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SEED = ROOT.parent / "shared" / "seed" / "anbar-article.txt"


def paragraphs(n: int) -> list[str]:
    """``n`` stories: the seed article's paragraphs (one a line), each made unique by a number."""
    lines = [x.strip() for x in SEED.read_text(encoding="utf-8").splitlines() if x.strip()] if SEED.exists() \
        else ["It was a ambush near the border, the army said on Wednesday."]
    return [f"({i}.{j}) {line}" for i in range(n) for j, line in enumerate(lines)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--batch-chars", type=int, default=20000)
    args = ap.parse_args()

    from normlint.config import Config
    from normlint.engine import Linter
    from normlint.languagetool import service as svc
    from normlint.languagetool.settings import ENV_URL, LTSettings

    fake = None
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        from lt_fake import FakeLanguageTool
        fake = FakeLanguageTool()
        fake.sleep = args.latency
        url = fake.url
    where = "stand-in server, %.0f ms a request" % (args.latency * 1000) if fake else f"LanguageTool at {url}"
    paras = paragraphs(args.stories)
    text = "\n\n".join(paras) + "\n"
    print(f"text: {len(paras)} paragraphs, {len(text)} characters; {where}; batch-chars {args.batch_chars}")

    with tempfile.TemporaryDirectory() as tmp:
        def linter(cache=True, batch=args.batch_chars):
            settings = LTSettings(enabled=True, server=url, timeout=30, total_timeout=60, batch_chars=batch,
                                  cache=cache)
            return Linter(Config(root=Path(tmp), select=("LanguageTool",), extra=(("languagetool", settings),)))

        def run(label, lint, t):
            svc_obj = next(c.service for c in lint.checks if c.kind == "grammar")
            before = svc_obj.requests
            start = time.perf_counter()
            n = len(lint.lint(t, "story.txt").diagnostics)
            elapsed = time.perf_counter() - start
            print(f"{label:<34} {svc_obj.requests - before:>5} requests {elapsed:>8.3f} s  {n} diagnostics")
            return elapsed

        # Baseline: one request per paragraph, no cache (what a naive client does).
        svc.MEMORY.clear()
        svc.get_service.cache_clear()
        naive = run("one request per paragraph, no cache", linter(cache=False, batch=100), text)
        svc.MEMORY.clear()
        svc.get_service.cache_clear()
        cold = run("cold (batched)", linter(), text)
        warm = run("re-run, same process (memory)", linter(), text)
        svc.MEMORY.clear()
        svc.get_service.cache_clear()
        disk = run("new process (disk cache)", linter(), text)
        edited = text.replace(paras[len(paras) // 2], paras[len(paras) // 2] + " It was a ambush.")
        one = run("one paragraph edited", linter(), edited)
        print(f"ratios to one-request-per-paragraph: cold {naive / cold:.1f}x faster, memory "
              f"{naive / max(warm, 1e-9):.0f}x, disk {naive / max(disk, 1e-9):.0f}x, one edit "
              f"{naive / max(one, 1e-9):.0f}x")
    if fake:
        fake.close()


if __name__ == "__main__":
    main()
