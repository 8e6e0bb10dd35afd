"""The GSM-7 alphabet (3GPP TS 23.038): the characters a plain-text SMS carries, and part sizes.

A GSM-7 part holds 160 septets, or 153 once the message is split (each part then carries a
6-byte header). The extension characters are sent as an escape septet and a second septet, so
each counts two. A Unicode (UCS-2) part holds 70 UTF-16 code units, or 67 once split.
"""

from __future__ import annotations

import re

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
"""The 127 characters of the basic table (the 128th septet is the escape)."""
EXTENSION = "\f^{}\\[~]|€"
"""The extension table's characters: each is sent as two septets."""

GSM7 = "GSM-7"
UCS2 = "UCS-2"
CAPACITY = {GSM7: (160, 153), UCS2: (70, 67)}
"""Per encoding: (units in a message of one part, units in each part of a split message)."""

_CLASS = "".join(re.escape(char) for char in BASIC + EXTENSION)
NOT_GSM7 = re.compile(f"[^{_CLASS}]")
"""Matches one character GSM-7 cannot carry."""
ONLY_GSM7 = re.compile(f"[{_CLASS}]*")
"""Matches a run of GSM-7 characters (use `fullmatch` to test a whole text)."""
GSM7_RUN = re.compile(f"[{_CLASS}]+")
EXTENSION_CHAR = re.compile(f"[{re.escape(EXTENSION)}]")


def is_gsm7(text: str) -> bool:
    """Return whether every character of `text` is in the GSM-7 alphabet."""
    return ONLY_GSM7.fullmatch(text) is not None
