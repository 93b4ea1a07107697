"""JSON Lines records, edited in place: one string field changes, every other byte stays.

Re-serialising a record with ``json.dumps`` would reorder nothing but still
change number formats, unicode escapes and spacing.  So a record is never
re-serialised: the field's string token is located in the raw line and only
the changed stretch of it is re-encoded (in the escaping style the line
already uses); a record whose text does not change is written exactly as read.
"""
from __future__ import annotations

import json
import json.decoder
from dataclasses import dataclass

from .lazy_pattern import lazy_re

_decoder = json.JSONDecoder()
_scanstring = json.decoder.scanstring
_WS = lazy_re(r"[ \t\n\r]*")
# One escape sequence or one plain character of a JSON string token.
_ESCAPE = lazy_re(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.")


class RecordError(ValueError):
    """A line that is not a usable record (bad JSON, field missing or not a string)."""


@dataclass(frozen=True)
class FieldPath:
    """A dotted path into a record: ``text`` or ``body.text``."""

    parts: tuple[str, ...]

    @classmethod
    def parse(cls, spec: str) -> "FieldPath":
        parts = tuple(spec.split("."))
        if not spec or not all(parts):
            raise ValueError(f"invalid field path {spec!r} (expected names separated by dots, like body.text)")
        return cls(parts)

    def __str__(self) -> str:
        return ".".join(self.parts)


def _skip_ws(s: str, i: int) -> int:
    # Fast paths for what writers emit: no space, or the one after ':' and ','.
    c = s[i:i + 1]
    if not c or c not in " \t\n\r":
        return i
    c = s[i + 1:i + 2]
    if not c or c not in " \t\n\r":
        return i + 1
    return _WS.match(s, i).end()


def locate(line: str, path: FieldPath) -> tuple[int, int, object]:
    """``(start, end, value)`` of the value at ``path`` in one JSON object.

    ``start:end`` spans the raw token (quotes included for a string).  Like
    ``json.loads`` the last of duplicate keys wins.  Raises RecordError.
    """
    i = _skip_ws(line, 0)
    found = None
    for depth, name in enumerate(path.parts):
        if i >= len(line) or line[i] != "{":
            what = "record" if depth == 0 else f"field {'.'.join(path.parts[:depth])!r}"
            raise RecordError(f"{what} is not a JSON object")
        found = None
        i = _skip_ws(line, i + 1)
        if line.startswith("}", i):
            end_of_object = i + 1
        else:
            while True:
                if not line.startswith('"', i):
                    raise RecordError(f"invalid JSON at column {i + 1}")
                try:
                    key, i = _scanstring(line, i + 1)
                except ValueError as exc:
                    raise RecordError(f"invalid JSON: {exc}") from None
                i = _skip_ws(line, i)
                if not line.startswith(":", i):
                    raise RecordError(f"invalid JSON at column {i + 1}: expected ':'")
                i = _skip_ws(line, i + 1)
                try:
                    value, end = _decoder.raw_decode(line, i)
                except ValueError as exc:
                    raise RecordError(f"invalid JSON: {exc}") from None
                if key == name:
                    found = (i, end, value)
                i = _skip_ws(line, end)
                if line.startswith(",", i):
                    i = _skip_ws(line, i + 1)
                    continue
                if line.startswith("}", i):
                    end_of_object = i + 1
                    break
                raise RecordError(f"invalid JSON at column {i + 1}: expected ',' or '}}'")
        if found is None:
            raise RecordError(f"no field {str(path)!r}")
        if depth == 0 and _skip_ws(line, end_of_object) != len(line):
            raise RecordError("extra data after the JSON object")
        i = found[0]
    return found


def read_field(line: str, path: FieldPath) -> tuple[int, int, str]:
    start, end, value = locate(line, path)
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        raise RecordError(f"field {str(path)!r} is not a string (it is {kind})")
    return start, end, value


def _raw_offsets(body: str, wanted: tuple[int, ...]) -> list[int]:
    """Raw offsets in a string token's ``body`` where decoded characters ``wanted`` begin.

    Plain characters map one to one; each escape (a surrogate pair counts as
    one) is one decoded character.
    """
    targets = sorted(set(wanted))
    found = {}
    decoded = raw = 0
    ti = 0
    for m in _ESCAPE.finditer(body):
        plain = m.start() - raw
        while ti < len(targets) and targets[ti] <= decoded + plain:
            found[targets[ti]] = raw + targets[ti] - decoded
            ti += 1
        if ti == len(targets):
            break
        decoded += plain + 1
        raw = m.end()
    for t in targets[ti:]:
        found[t] = raw + t - decoded
    return [found[w] for w in wanted]


def _common_affixes(a: str, b: str) -> tuple[int, int]:
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    return p, s


def replace_string(line: str, start: int, end: int, old: str, new: str) -> str:
    """``line`` with the string token at ``start:end`` (decoding to ``old``) now saying ``new``.

    Only the changed middle is re-encoded; the common prefix and suffix keep
    their original bytes, escapes included.  Non-ASCII goes in as ``\\uXXXX``
    when the line is pure ASCII (as ``json.dumps`` writes it), literally otherwise.
    """
    if old == new:
        return line
    body = line[start + 1:end - 1]
    p, s = _common_affixes(old, new)
    raw_p, raw_s = _raw_offsets(body, (p, len(old) - s))
    middle = json.dumps(new[p:len(new) - s], ensure_ascii=line.isascii())[1:-1]
    return line[:start + 1] + body[:raw_p] + middle + body[raw_s:] + line[end - 1:]


def split_line_end(raw: bytes) -> tuple[bytes, bytes]:
    """A raw line and its terminator (``\\n``, ``\\r\\n`` or nothing at end of file)."""
    if raw.endswith(b"\r\n"):
        return raw[:-2], b"\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1], b"\n"
    return raw, b""


def read_id(line: str, path: FieldPath | None) -> str | None:
    if path is None:
        return None
    try:
        _, _, value = locate(line, path)
    except RecordError:
        return None
    return value if isinstance(value, str) else json.dumps(value)
