"""Editor latency of `normlint lsp`: time from didOpen to publishDiagnostics, warm.

Starts the server in a subprocess (as an editor does), opens one document to
compile the rules, then opens a ~5 KB article N more times under new names and
times each round trip, for plain text and for the same article as Markdown.
Also prints the in-process lint time of the same text, so the protocol's share
is visible.  Target: median <= 20 ms.

    python benchmarks/bench_lsp.py [-n 50] [--size 5000] [--article FILE] [--config normlint.toml]

Needs the `lsp` extra (pip install -e '.[lsp]').
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "anbar-article.txt"
TARGET_MS = 20.0

# Used when the seed article is not there: a wire-style text written for this benchmark.
FALLBACK = """\
Flooding closes roads across the north pm Wedmesday
LONDON (Wire) – Heavy rain closed dozens of roads across northern England on Wednesday, the Environment Agency said, \
and forecasters warned that rivers would keep rising until the weekend.
"We have teams out on every major river," a spokesperson said, adding that 26,238 square km of farmland lay under \
water and that some villages had been cut off for a second day.
Rail operators cancelled services between Leeds and York, and the motorway police said a 5km stretch of the M62 was \
closed in both directions after a lorry overturned in standing water.
The agency issued 12 severe flood warnings, the highest level, meaning a danger to life, and urged people not to \
drive through flood water, which can be deeper and faster than it looks.
"""


def article(size: int, source: Path | None) -> str:
    base = (source or SEED).read_text(encoding="utf-8") if (source or SEED).is_file() else FALLBACK
    paragraphs = [p for p in base.splitlines() if p.strip()]
    out, i = [], 0
    while sum(len(p) + 2 for p in out) < size:
        out.append(paragraphs[i % len(paragraphs)])
        i += 1
    return "\n\n".join(out)[:size].rstrip() + "\n"


async def run(n: int, text: str, folder: Path, config: Path | None) -> dict[str, list[float]]:
    client = LanguageClient("normlint-bench", "1")
    waiting: dict[str, asyncio.Future] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams):
        fut = waiting.pop(params.uri, None)
        if fut is not None and not fut.done():
            fut.set_result((time.perf_counter(), len(params.diagnostics)))

    extra = ["--config", str(config)] if config else []
    await client.start_io(sys.executable, "-m", "normlint", "lsp", *extra)
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       root_uri=folder.as_uri()))
    client.initialized(lsp.InitializedParams())

    async def round_trip(name: str, language: str) -> tuple[float, int]:
        uri = (folder / name).as_uri()
        fut = asyncio.get_running_loop().create_future()
        waiting[uri] = fut
        t0 = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
            uri=uri, language_id=language, version=1, text=text)))
        t1, count = await asyncio.wait_for(fut, 60)
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri)))
        return (t1 - t0) * 1000, count

    times: dict[str, list[float]] = {"text": [], "markdown": []}
    counts = {}
    cold, _ = await round_trip("warmup-0.txt", "plaintext")  # compiles the rules
    for i in range(3):
        await round_trip(f"warmup-{i}.md", "markdown")
    for i in range(n):
        for kind, suffix, language in (("text", ".txt", "plaintext"), ("markdown", ".md", "markdown")):
            ms, counts[kind] = await round_trip(f"article-{i}{suffix}", language)
            times[kind].append(ms)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    times["cold"] = [cold]
    times["counts"] = counts
    return times


def in_process(text: str, path: str, n: int, config: Path | None) -> float:
    from normlint.api import get_linter
    from normlint.config import load_config

    linter = get_linter(load_config(config) if config else None)
    linter.lint(text, path)
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        linter.lint(text, path)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=50, help="timed round trips per format (default 50)")
    ap.add_argument("--size", type=int, default=5000, help="article size in characters (default 5000)")
    ap.add_argument("--article", type=Path, help="text to repeat up to --size (default: the seed article)")
    ap.add_argument("--config", type=Path, help="config file for the server (default: built-in packs only)")
    args = ap.parse_args()
    text = article(args.size, args.article)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = asyncio.run(run(args.n, text, folder, args.config))
        inproc = {"text": in_process(text, str(folder / "a.txt"), args.n, args.config),
                  "markdown": in_process(text, str(folder / "a.md"), args.n, args.config)}
    print(f"normlint lsp: didOpen -> publishDiagnostics, {len(text.encode('utf-8'))} byte article, "
          f"{args.n} warm round trips per format ({args.config or 'built-in packs'})")
    print(f"  first open (compiles rules): {times['cold'][0]:.1f} ms")
    for kind in ("text", "markdown"):
        s = sorted(times[kind])
        med = statistics.median(s)
        p90 = s[int(0.9 * (len(s) - 1))]
        verdict = "meets" if med <= TARGET_MS else "MISSES"
        print(f"  {kind:8}  median {med:6.1f} ms  p90 {p90:6.1f} ms  min {s[0]:6.1f} ms  "
              f"({times['counts'][kind]} diagnostics; lint alone {inproc[kind]:.1f} ms)  "
              f"{verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
