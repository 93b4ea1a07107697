"""LanguageTool counts offsets in UTF-16 code units (it is Java); Python counts code points.

Every character beyond U+FFFF (emoji, many CJK extensions, mathematical letters)
is two UTF-16 units and one Python character, so without this mapping every
match after an emoji lands one character too far right.
"""
from __future__ import annotations

import bisect


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """Maps UTF-16 offsets into one string to Python character offsets."""

    __slots__ = ("length", "_astral", "_units")

    def __init__(self, text: str):
        self.length = utf16_len(text)
        # Python offsets of the astral characters, and the UTF-16 offset each starts at.
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral = astral
        self._units = [i + k for k, i in enumerate(astral)]

    def to_char(self, unit: int, *, end: bool = False) -> int:
        """The character offset at UTF-16 offset ``unit``.

        An offset that falls between the two halves of a surrogate pair (a
        server bug, but cheap to survive) rounds outwards: a start moves back
        to the character's start, an end moves on past the character.
        """
        if not self._astral:
            return unit
        k = bisect.bisect_left(self._units, unit)  # astral characters starting before ``unit``
        if k and self._units[k - 1] + 1 == unit:  # inside a pair
            return self._astral[k - 1] + (1 if end else 0)
        return unit - k

    def to_unit(self, char: int) -> int:
        """The UTF-16 offset of Python character offset ``char``."""
        return char + bisect.bisect_left(self._astral, char)
