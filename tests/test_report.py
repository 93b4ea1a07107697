"""--report FILE.json and FILE.html: what a run did, for machines and for people."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from normlint.cli import main
from normlint.report import Report, edit_context

ARTICLES = {
    "a.txt": "The talks resumed pm Wedmesday in Geneva, officials said.\n\nShares fell the the most since Febuary.\n",
    "b.txt": "Voting starts on wensday & results come <Thursday>.\n",
    "c.txt": "Nothing wrong here at all.\n",
    "d.txt": "Prices rose rose sharply.\n",
    "e.txt": "The board said it would raise  the dividend and buy back more of its shares.\n",
}


def make(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text)
    return root


def test_json_report(tmp_path):
    root = make(tmp_path)
    r = CliRunner().invoke(main, ["fix", str(root), "--select", "Typos.Weekdays,Typos.Context",
                                  "--report", str(tmp_path / "report.json")])
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["mode"] == "fix"
    assert (data["articles"], data["articles_changed"], data["fixes"], data["problems_left"]) == (5, 2, 4, 0)
    assert data["fixes_per_rule"] == {"Typos.Weekdays": 3, "Typos.Context": 1}
    assert data["top_replacements"] == [
        {"rule": "Typos.Weekdays", "from": "Febuary", "to": "February", "count": 1},
        {"rule": "Typos.Weekdays", "from": "Wedmesday", "to": "Wednesday", "count": 1},
        {"rule": "Typos.Context", "from": "pm", "to": "on", "count": 1},
        {"rule": "Typos.Weekdays", "from": "wensday", "to": "Wednesday", "count": 1},
    ]
    assert data["examples"]["Typos.Context"] == [
        {"where": str(root / "a.txt"), "before": "The talks resumed ", "observed": "pm",
         "replacement": "on", "after": " Wedmesday in Geneva, officials said."}]
    assert data["bytes"] == sum(len(t.encode()) for t in ARTICLES.values())


def test_edit_context_stays_in_its_paragraph_and_cuts_at_words():
    text = "First paragraph.\n\n" + "word " * 20 + "Wedmesday " + "more " * 20
    start = text.index("Wedmesday")
    before, after = edit_context(text, start, start + 9)
    assert before.startswith("…word ") and before.endswith("word ")
    assert after.startswith(" more") and after.endswith("…") and "\n" not in before + after


def test_report_state_round_trips_for_resume():
    r = Report("fix")

    class O:
        diagnostics, errors, changed, unstable_rules = [], [], True, []
        edits = [("Typos.Weekdays", "Wedmesday", "Wednesday", "on ", ".")]

    r.add("x#1", 10, O())
    again = Report.from_state(json.loads(json.dumps(r.state())))
    a, b = r.to_json(), again.to_json()
    a.pop("seconds"), b.pop("seconds"), a.pop("articles_per_second"), b.pop("articles_per_second")
    assert a == b


def test_a_long_tail_of_distinct_replacements_is_bounded_and_the_top_stays_exact(monkeypatch):
    from normlint import report

    monkeypatch.setattr(report, "MAX_REPLACEMENTS", 100)
    r = Report("fix")

    def outcome(*edits):
        class O:
            diagnostics, errors, changed, unstable_rules = [], [], True, []
        O.edits = [(rule, a, b, "", "") for rule, a, b in edits]
        return O()

    for i in range(1000):
        r.add(f"x#{i}", 10, outcome(("Typos.Spelling", f"wrod{i}", f"word{i}"),
                                    ("Typos.Weekdays", "Wedmesday", "Wednesday")))
        if i % 10 == 0:
            r.add(f"y#{i}", 10, outcome(("Typos.Weekdays", "Febuary", "February")))
    top = r.to_json()["top_replacements"]
    assert top[:2] == [{"rule": "Typos.Weekdays", "from": "Wedmesday", "to": "Wednesday", "count": 1000},
                       {"rule": "Typos.Weekdays", "from": "Febuary", "to": "February", "count": 100}]
    assert len(r.to_json(top=None)["top_replacements"]) <= 100
    assert r.to_json()["fixes_per_rule"] == {"Typos.Spelling": 1000, "Typos.Weekdays": 1100}


def _html_report(tmp_path):
    root = make(tmp_path)
    out = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["fix", str(root), "--report", str(out)])
    assert r.exit_code == 0, r.output
    return out, out.read_text(encoding="utf-8")


def test_html_report_is_self_contained_with_chart_and_examples(tmp_path):
    _, page = _html_report(tmp_path)
    assert page.startswith("<!doctype html>")
    # nothing fetched from anywhere: no scripts, links, images or remote URLs
    assert not re.search(r"<script|<link|<img|src=|href=|url\(|https?://(?!www\.w3\.org/2000/svg)", page)
    svg = re.search(r"<svg.*?</svg>", page, re.S).group()
    bars = re.findall(r'<rect [^>]*class="bar"><title>([^<]*)</title>', svg)
    assert bars == ["Typos.Weekdays: 3", "Typos.Repeated: 2", "Typography.DoubledSpaces: 1", "Typos.Context: 1"]
    assert "<h3>Typos.Repeated <span class=muted>(2 fixes)</span></h3>" in page
    # before/after examples, escaped
    assert ("<div><span class=tag>before</span>Voting starts on <del>wensday</del> &amp; results come "
            "&lt;Thursday&gt;.</div>") in page
    assert "<div><span class=tag>after</span>Voting starts on <ins>Wednesday</ins> &amp; results" in page
    # a whitespace fix is shown with visible spaces
    assert "<tr><td><del>␣␣</del></td><td><ins>␣</ins></td><td>Typography.DoubledSpaces</td>" in page
    assert "would raise<del>␣␣</del>the dividend" in page


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(_chromium() is None, reason="no Chromium on PATH (Debian: apt-get install chromium); "
                                                  "the page is still checked by the test above")
def test_html_report_renders_in_headless_chromium(tmp_path):
    page, _ = _html_report(tmp_path)
    shot = tmp_path / "report.png"
    profile = tmp_path / "profile"
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1100,1400",
           f"--screenshot={shot}", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1100, 1400)
    assert len(png) > 20_000  # a rendered page, not a blank one
    keep = os.environ.get("NORMLINT_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
