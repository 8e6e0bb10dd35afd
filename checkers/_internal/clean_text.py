"""Text a reader typed, made safe to put in a report.

No control or direction-override characters, and no broken (lone surrogate) characters
that would corrupt the saved file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_KEPT_CONTROLS = frozenset("\t\n\r")
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_REMOVED = str.maketrans(
    dict.fromkeys(
        [chr(c) for c in range(0x20) if chr(c) not in _KEPT_CONTROLS]
        + [chr(c) for c in range(0x7F, 0xA0)]
        + list(_BIDI_CONTROLS),
    ),
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


class CleanText(NamedTuple):
    """Cleaned text, and how many characters were removed or replaced."""

    text: str
    removed: int
    replaced: int


def clean_text(text: str) -> CleanText:
    """Remove control and direction-override characters; show broken characters as �."""
    kept = text.translate(_REMOVED)
    fixed, replaced = _LONE_SURROGATE.subn(REPLACEMENT, kept)
    return CleanText(fixed, len(text) - len(kept), replaced)


def cleaning_note(removed: int, replaced: int) -> str | None:
    """Tell the reader what cleaning changed, in one sentence (None if nothing did)."""
    parts = []
    if removed:
        what = "character" if removed == 1 else "characters"
        parts.append(f"{removed:,} invisible control or text-direction {what} removed")
    if replaced:
        what = (
            "character that could not be read was"
            if replaced == 1
            else ("characters that could not be read were")
        )
        parts.append(f"{replaced:,} {what} replaced with {REPLACEMENT}")
    if not parts:
        return None
    return "In your answers: " + "; ".join(parts) + "."
