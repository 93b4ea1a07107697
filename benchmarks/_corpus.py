"""Shared by the benchmarks: corpus A written as one .txt file per article (in a temp folder)."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news-a" / "reuters21578.jsonl"


def corpus_path() -> Path:
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS}: the benchmarks need ../shared/corpus/news-a beside the repo")
    return CORPUS


def write_articles(limit: int | None = None) -> tuple[Path, int, int]:
    """Return (folder, number of files, total bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="normlint-bench-"))
    n = size = 0
    with open(corpus_path(), encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and n >= limit:
                break
            art = json.loads(line)
            data = (art["text"].rstrip("\n") + "\n").encode("utf-8")
            (folder / f"{art['id']}.txt").write_bytes(data)
            n += 1
            size += len(data)
    return folder, n, size
