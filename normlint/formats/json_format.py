"""``--format json``: one JSON array of diagnostics with the keys DESIGN.md fixes."""
from __future__ import annotations

import json


def write(results, *, color: bool = False) -> str:
    items = [d.to_json() for r in results for d in r.diagnostics]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
