"""Split text into grapheme clusters: the characters a reader sees (Unicode UAX #29).

An emoji with a skin tone, a family joined by zero-width joiners, a flag, or a letter with
combining accents is one cluster. The rules are the extended grapheme cluster rules of UAX #29
with two deliberate simplifications: CR and LF stay two clusters, so an SMS part may end
between them as in Twilio's calculator (the message check still counts CR LF as one character
to the reader), and Indic conjuncts are not joined (rule GB9c, Unicode 15.1; Twilio's
calculator predates it too). Categories come from `unicodedata`; the few properties it does
not give are in `grapheme_data`.

Each code point is first mapped to a one-letter class (cached), then one regular expression
over the class string finds the clusters of more than one code point, so the work is linear
and mostly in C: a code point that joins nothing costs no Python at all.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from checkers._internal.grapheme_data import (
    EXTENDED_PICTOGRAPHIC,
    NOT_SPACING_MARK,
    OTHER_EXTEND,
    PREPEND,
    SPACING_MARK_LETTERS,
)

# Classes: C CR, N LF, c other control, x extend, z zero-width joiner, s spacing mark,
# P prepend, p extended pictographic, L V T Hangul jamo, v Hangul LV syllable, t Hangul
# LVT syllable, o anything else. Beyond the BMP (two UTF-16 units) the same classes are
# K c, X x, S s, E P, Q p, O o, and R for the regional indicators (which are all there).
_ASTRAL = {"c": "K", "x": "X", "s": "S", "P": "E", "p": "Q", "o": "O"}
_CLUSTER = re.compile(
    # Skip what is a cluster on its own: controls, and other characters nothing joins.
    r"(?=[^cCNKoO]|[oO][xzsXS])"
    # UAX #29 table 1b: precore* core postcore*, with the control alternative skipped above.
    r"[PE]*(?:L*(?:V+|vV*|t)T*|L+|T+|RR|[pQ](?:[xX]*z[pQ])*|[^cCNK])[xzsXS]*",
)
_JOINING = re.compile(r"[xzsXSPELVTvtR]")
_UTF16_UNITS = {ord(letter): "\x01" for letter in "CNcxzsPpLVTvto"} | {
    ord(letter): "\x02" for letter in "KXSEQOR"
}
_PICTOGRAPHIC_STARTS = tuple(start for start, _ in EXTENDED_PICTOGRAPHIC)
_CONTROL_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_CACHE_LIMIT = 1 << 16
_FIXED = {0x0D: "C", 0x0A: "N", 0x200D: "z"}


def _classify(code: int) -> str:
    value = _FIXED.get(code) or _listed(code) or _hangul(code) or _by_category(code)
    return _ASTRAL.get(value, value) if code > 0xFFFF else value


def _listed(code: int) -> str | None:
    if code in OTHER_EXTEND:
        return "x"
    if code in PREPEND:
        return "P"
    if 0x1F1E6 <= code <= 0x1F1FF:
        return "R"
    if code in SPACING_MARK_LETTERS:
        return "s"
    return None


def _by_category(code: int) -> str:
    category = unicodedata.category(chr(code))
    if category in ("Mn", "Me"):
        return "x"
    if category == "Mc" and code not in NOT_SPACING_MARK:
        return "s"
    if category in _CONTROL_CATEGORIES:
        return "c"
    index = bisect_right(_PICTOGRAPHIC_STARTS, code) - 1
    if index >= 0 and code <= EXTENDED_PICTOGRAPHIC[index][1]:
        return "p"
    return "o"


def _hangul(code: int) -> str | None:
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "v" if (code - 0xAC00) % 28 == 0 else "t"
    return None


class CodePointTable(dict[int, str]):
    """A `str.translate` table that works out each code point's value the first time it is met.

    The cache is emptied once it holds 65,536 code points, so memory stays bounded.
    """

    def __init__(self, value_of: Callable[[int], str]) -> None:
        super().__init__()
        self._value_of = value_of

    def __missing__(self, code: int) -> str:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        value = self[code] = self._value_of(code)
        return value


_CLASSES = CodePointTable(_classify)


def grapheme_classes(text: str) -> str:
    """Return one letter per code point of `text`: its grapheme class (see `joined_clusters`)."""
    return text.translate(_CLASSES)


def joined_clusters(classes: str) -> list[tuple[int, int]]:
    """Return (start, end) of each grapheme cluster of more than one code point, in order.

    `classes` is `grapheme_classes(text)`. Every code point outside these spans is a cluster
    of its own.
    """
    if _JOINING.search(classes) is None:
        return []
    return [match.span() for match in _CLUSTER.finditer(classes) if match.end() - match.start() > 1]


def utf16_prefix(classes: str) -> list[int]:
    """Return how many UTF-16 code units come before each index, from `grapheme_classes(text)`."""
    return list(accumulate(classes.translate(_UTF16_UNITS).encode("latin-1"), initial=0))
