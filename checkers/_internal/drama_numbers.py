"""Ofcom's UK telephone numbers reserved for TV, radio and drama.

These numbers are never allocated to anyone, so an SMS to one of them can never arrive.
The ranges are Ofcom's published list "Telephone numbers for drama purposes", written
as national numbers (with the leading 0) exactly as Ofcom writes them.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple


class DramaRange(NamedTuple):
    """One block of drama numbers: the first and last national number, inclusive."""

    area: str
    first: str
    last: str


DRAMA_RANGES: tuple[DramaRange, ...] = (
    DramaRange("Leeds", "0113 496 0000", "0113 496 0999"),
    DramaRange("Sheffield", "0114 496 0000", "0114 496 0999"),
    DramaRange("Nottingham", "0115 496 0000", "0115 496 0999"),
    DramaRange("Leicester", "0116 496 0000", "0116 496 0999"),
    DramaRange("Bristol", "0117 496 0000", "0117 496 0999"),
    DramaRange("Reading", "0118 496 0000", "0118 496 0999"),
    DramaRange("Birmingham", "0121 496 0000", "0121 496 0999"),
    DramaRange("Edinburgh", "0131 496 0000", "0131 496 0999"),
    DramaRange("Glasgow", "0141 496 0000", "0141 496 0999"),
    DramaRange("Liverpool", "0151 496 0000", "0151 496 0999"),
    DramaRange("Manchester", "0161 496 0000", "0161 496 0999"),
    DramaRange("Tyneside", "0191 498 0000", "0191 498 0999"),
    DramaRange("London", "020 7946 0000", "020 7946 0999"),
    DramaRange("Northern Ireland", "028 9649 6000", "028 9649 6999"),
    DramaRange("Cardiff", "029 2018 0000", "029 2018 0999"),
    DramaRange("No area", "01632 960000", "01632 960999"),
    DramaRange("Mobile", "07700 900000", "07700 900999"),
    DramaRange("Freephone", "08081 570000", "08081 570999"),
    DramaRange("Premium rate", "0909 8790000", "0909 8790999"),
    DramaRange("UK-wide", "03069 990000", "03069 990999"),
)


def _national_significant(national: str) -> int:
    return int(national.replace(" ", "")[1:])


_BOUNDS: tuple[tuple[int, int], ...] = tuple(
    sorted(
        (_national_significant(block.first), _national_significant(block.last))
        for block in DRAMA_RANGES
    )
)
"""Each block's (first, last) national significant number, in order (they do not overlap)."""
_FIRSTS = tuple(first for first, _ in _BOUNDS)


def is_drama_number(national_significant_number: int) -> bool:
    """Tell whether a UK national significant number (no leading 0) is a drama number."""
    block = bisect.bisect_right(_FIRSTS, national_significant_number) - 1
    return block >= 0 and national_significant_number <= _BOUNDS[block][1]
