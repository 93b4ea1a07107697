"""Property tests: fix never crashes on arbitrary Unicode, and fixing twice equals fixing once."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normlint import fix_text, lint_text

WORDS = ["pm", "Wedmesday", "the", "The", "26,238", "square", "km", "“", "”", '"', "'", "ISIS", "Daesh",
         "5km", "10 KMs", "  ", "\n", "\n\n", " ", ",", ".", "😀", "é", "\r\n", "\t", "had", "Islamic State"]

texty = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), texty))
def test_fix_never_crashes_and_is_idempotent(text):
    once = fix_text(text)
    if once.converged:
        twice = fix_text(once.text)
        assert twice.text == once.text
    for d in lint_text(text):
        assert 0 <= d.start <= d.end <= len(text)
        assert (d.line, d.column) <= (d.end_line, d.end_column)
