"""What a bulk run did: counts per rule, top replacements, examples; as text, JSON or one HTML page.

A :class:`Report` is fed one article outcome at a time (it never holds the
articles themselves), so its size depends on the rules and replacements seen
(at most ``MAX_REPLACEMENTS`` of those), not on the corpus.  It round-trips through JSON so an interrupted run can
resume with its counts.
"""
from __future__ import annotations

import json
import time
from collections import Counter

from . import __version__

EXAMPLES_PER_RULE = 3
TOP_REPLACEMENTS = 20
# Distinct (rule, from, to) replacements tallied; beyond it the rarest half is dropped, so a
# corpus of millions of articles cannot grow the report (or its resume checkpoints) without
# bound.  Counts of the replacements shown stay exact unless one was among those dropped.
MAX_REPLACEMENTS = 10_000
CONTEXT = 48  # characters of context each side of an example edit


def edit_context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT characters either side of [start, end), on the same paragraph."""
    lo = max(0, start - CONTEXT)
    hi = min(len(text), end + CONTEXT)
    before = text[lo:start]
    after = text[end:hi]
    nl = before.rfind("\n")
    if nl >= 0:
        before = before[nl + 1:]
    elif lo > 0:
        sp = before.find(" ")
        before = "…" + (before[sp + 1:] if 0 <= sp < len(before) - 1 else before)
    nl = after.find("\n")
    if nl >= 0:
        after = after[:nl]
    elif hi < len(text):
        sp = after.rfind(" ")
        after = (after[:sp] if sp > 0 else after) + "…"
    return before, after


class Report:
    def __init__(self, mode: str):
        self.mode = mode
        self.articles = 0
        self.changed = 0
        self.bytes = 0
        self.failed = 0  # articles that could not be read or parsed
        self.unstable = 0
        self.fixes: Counter = Counter()
        self.replacements: Counter = Counter()
        self.left: Counter = Counter()
        self.examples: dict[str, list[dict]] = {}
        self.elapsed = 0.0  # seconds in earlier (resumed) sessions
        self._started = time.monotonic()

    # -- feeding ------------------------------------------------------------
    def add(self, where: str, nbytes: int, outcome, failed: bool = False) -> None:
        """Count one article; ``failed`` when it could not be read or parsed at all."""
        self.articles += 1
        self.bytes += nbytes
        if failed:
            self.failed += 1
        if outcome.changed:
            self.changed += 1
        if outcome.unstable_rules:
            self.unstable += 1
        for d in outcome.diagnostics:
            self.left[d.rule] += 1
        for rule, observed, replacement, before, after in outcome.edits:
            self.fixes[rule] += 1
            self.replacements[(rule, observed, replacement)] += 1
            if len(self.replacements) > MAX_REPLACEMENTS:
                self.replacements = Counter(dict(self._top_replacements()[:MAX_REPLACEMENTS // 2]))
            examples = self.examples.setdefault(rule, [])
            if len(examples) < EXAMPLES_PER_RULE:
                examples.append({"where": where, "before": before, "observed": observed,
                                 "replacement": replacement, "after": after})

    def _top_replacements(self):
        return sorted(self.replacements.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][2], kv[0][0]))

    @property
    def seconds(self) -> float:
        return self.elapsed + (time.monotonic() - self._started)

    # -- JSON ---------------------------------------------------------------
    def to_json(self, *, top: int | None = TOP_REPLACEMENTS) -> dict:
        secs = self.seconds
        reps = self._top_replacements()
        return {
            "normlint": __version__,
            "mode": self.mode,
            "articles": self.articles,
            "articles_changed": self.changed,
            "articles_failed": self.failed,
            "articles_unstable": self.unstable,
            "bytes": self.bytes,
            "seconds": round(secs, 3),
            "articles_per_second": round(self.articles / secs, 1) if secs else None,
            "fixes": sum(self.fixes.values()),
            "fixes_per_rule": dict(sorted(self.fixes.items(), key=lambda kv: (-kv[1], kv[0]))),
            "top_replacements": [{"rule": r, "from": a, "to": b, "count": n}
                                 for (r, a, b), n in (reps if top is None else reps[:top])],
            "problems_left": sum(self.left.values()),
            "problems_left_per_rule": dict(sorted(self.left.items(), key=lambda kv: (-kv[1], kv[0]))),
            "examples": {r: self.examples[r] for r in sorted(self.examples)},
        }

    def state(self) -> dict:
        """Everything needed to continue counting after a resume."""
        data = self.to_json(top=None)
        data["seconds"] = self.seconds
        return data

    @classmethod
    def from_state(cls, data: dict) -> "Report":
        r = cls(data["mode"])
        r.articles, r.changed = data["articles"], data["articles_changed"]
        r.failed, r.unstable, r.bytes = data["articles_failed"], data["articles_unstable"], data["bytes"]
        r.fixes = Counter(data["fixes_per_rule"])
        r.left = Counter(data["problems_left_per_rule"])
        r.replacements = Counter({(x["rule"], x["from"], x["to"]): x["count"] for x in data["top_replacements"]})
        r.examples = {k: list(v) for k, v in data["examples"].items()}
        r.elapsed = data["seconds"]
        return r

    # -- text ---------------------------------------------------------------
    def summary(self) -> str:
        secs = self.seconds
        mb = self.bytes / 1e6
        rate = f"{self.articles / secs:,.0f} articles/s, {mb / secs:.1f} MB/s" if secs > 0 else ""
        lines = []
        head = f"Articles: {self.articles:,} read"
        if self.mode == "fix":
            head += f", {self.changed:,} changed"
        if self.failed:
            head += f", {self.failed:,} unreadable"
        lines.append(f"{head} ({mb:,.1f} MB in {secs:.1f} s; {rate}).")
        if self.mode == "fix":
            lines.append(_table("Fixes per rule", self.fixes))
            reps = self._top_replacements()[:10]
            if reps:
                lines.append("Top replacements:")
                width = max(len(f"{a!r} -> {b!r}") for (_, a, b), _ in reps)
                for (rule, a, b), n in reps:
                    lines.append(f"  {f'{a!r} -> {b!r}':<{width}}  {n:>7,}  {rule}")
        lines.append(_table("Problems left per rule", self.left))
        return "\n".join(line for line in lines if line) + "\n"

    # -- HTML ---------------------------------------------------------------
    def html(self, title: str = "normlint report") -> str:
        return render_html(self.to_json(), title)


def _table(title: str, counts: Counter) -> str:
    if not counts:
        return f"{title}: none."
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max(len(k) for k, _ in items)
    return "\n".join([f"{title}:"] + [f"  {k:<{width}}  {n:>7,}" for k, n in items])


def _bar_chart(counts: dict) -> str:
    """Horizontal bars, one per rule, as inline SVG (no scripts, no external assets)."""
    import html  # only for HTML reports (html.entities is large)

    if not counts:
        return "<p class=muted>No fixes were applied.</p>"
    items = list(counts.items())
    label_w = min(340, 8 * max(len(k) for k, _ in items) + 16)
    bar_w, row_h = 420, 26
    width, height = label_w + bar_w + 90, row_h * len(items) + 10
    top = max(n for _, n in items)
    rows = []
    for i, (rule, n) in enumerate(items):
        y = 5 + i * row_h
        w = max(2, round(bar_w * n / top))
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="lbl">{html.escape(rule)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" rx="3" class="bar">'
            f'<title>{html.escape(rule)}: {n:,}</title></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 17}" class="num">{n:,}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Fixes per rule" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(rows)}</svg>')


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1000px;
color:#1d2330;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde;
padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}.muted{color:#667}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}.card{background:#f3f5fa;border-radius:8px;
padding:.6rem 1rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
svg .bar{fill:#3b6fd8}svg .lbl{font-size:13px;fill:#1d2330}svg .num{font-size:12px;fill:#445}
table{border-collapse:collapse;margin:.4rem 0}td,th{padding:.25rem .7rem;border-bottom:1px solid #e6e8ef;
text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.ex{background:#fafbfd;border:1px solid #e3e6ee;border-radius:6px;padding:.5rem .8rem;margin:.4rem 0}
.ex .where{font-size:.8rem;color:#667}.ex div{font-family:ui-monospace,Menlo,Consolas,monospace;
font-size:.88rem;white-space:pre-wrap;word-break:break-word}
del{background:#fde2e1;color:#9b1c1c;text-decoration:line-through}ins{background:#dcf5e3;color:#135c2c;
text-decoration:none}.tag{display:inline-block;width:4.2em;color:#667}
"""


def _visible(s: str) -> str:
    """Whitespace edits ("two spaces -> one") made visible: ␣ for a space, ⏎ for a line break."""
    if s and s.strip() == s:
        return s
    return s.replace(" ", "␣").replace("\t", "⇥").replace("\n", "⏎") or "∅"


def render_html(data: dict, title: str = "normlint report") -> str:
    import html

    esc = html.escape
    cards = [("articles read", data["articles"]), ("articles changed", data["articles_changed"]),
             ("fixes", data["fixes"]), ("problems left", data["problems_left"])]
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(title)}</title>"
             f"<meta name=viewport content='width=device-width,initial-scale=1'><style>{_CSS}</style></head><body>",
             f"<h1>{esc(title)}</h1>",
             f"<p class=muted>normlint {esc(data['normlint'])} · {esc(data['mode'])} · "
             f"{data['bytes'] / 1e6:,.1f} MB in {data['seconds']:.1f} s</p>",
             "<div class=cards>" + "".join(f"<div class=card><b>{n:,}</b>{esc(label)}</div>" for label, n in cards)
             + "</div>",
             "<h2>Fixes per rule</h2>", _bar_chart(data["fixes_per_rule"])]
    if data["top_replacements"]:
        parts.append("<h2>Top replacements</h2><table><tr><th>from</th><th>to</th><th>rule</th><th>count</th></tr>")
        for r in data["top_replacements"]:
            parts.append(f"<tr><td><del>{esc(_visible(r['from']))}</del></td>"
                         f"<td><ins>{esc(_visible(r['to']))}</ins></td>"
                         f"<td>{esc(r['rule'])}</td><td class=n>{r['count']:,}</td></tr>")
        parts.append("</table>")
    if data["examples"]:
        parts.append("<h2>Before and after, by rule</h2>")
        for rule, examples in data["examples"].items():
            n = data["fixes_per_rule"].get(rule, 0)
            parts.append(f"<h3>{esc(rule)} <span class=muted>({n:,} fix{'' if n == 1 else 'es'})</span></h3>")
            for ex in examples:
                b, a = esc(ex["before"]), esc(ex["after"])
                parts.append(f"<div class=ex><span class=where>{esc(ex['where'])}</span>"
                             f"<div><span class=tag>before</span>{b}<del>{esc(_visible(ex['observed']))}</del>{a}</div>"
                             f"<div><span class=tag>after</span>{b}<ins>{esc(_visible(ex['replacement']))}</ins>{a}"
                             "</div>"
                             "</div>")
    parts.append("<h2>Problems left per rule</h2>")
    if data["problems_left_per_rule"]:
        parts.append("<table><tr><th>rule</th><th>count</th></tr>" + "".join(
            f"<tr><td>{esc(r)}</td><td class=n>{n:,}</td></tr>" for r, n in data["problems_left_per_rule"].items())
            + "</table>")
    else:
        parts.append("<p class=muted>None.</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def write_report(report: Report, path: str) -> None:
    """``--report FILE``: HTML for .html/.htm, JSON otherwise; written atomically."""
    from .files import atomic_write

    if path.lower().endswith((".html", ".htm")):
        data = report.html().encode("utf-8")
    else:
        data = (json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    atomic_write(path, data)
