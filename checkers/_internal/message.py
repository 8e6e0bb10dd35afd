"""Check an SMS message before sending: its encoding, its parts, and the characters to replace.

Parts are split as networks and Twilio's calculator split them: an extension character's
escape pair, a UTF-16 surrogate pair and a whole grapheme cluster (an emoji with its skin tone,
a letter with its accents) always stay in one part. A cluster too long for any part (dozens of
stacked accents) is split between code points, as it must be to be sent at all.

Positions are given twice: as `str` indexes (code points, for Python) and as UTF-16 indexes
(for JavaScript strings, where an emoji takes two).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import ClassVar

from checkers._internal.graphemes import grapheme_classes, joined_clusters, utf16_prefix
from checkers._internal.gsm7 import (
    BASIC,
    CAPACITY,
    EXTENSION,
    EXTENSION_CHAR,
    GSM7,
    GSM7_RUN,
    UCS2,
    is_gsm7,
)
from checkers._internal.message_words import empty_wording, word_check
from checkers._internal.plain import PlainData
from checkers._internal.smart_encoding import cluster_name, replacement_for, shown

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SEPTETS = {ord(char): "\x01" for char in BASIC} | {ord(char): "\x02" for char in EXTENSION}
_FILLER = " "
"""A GSM-7 character that stands in for a multi-code-point cluster while singles are counted."""
_CONTROLS = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_MAX_FIX_PASSES = 8
MAX_LISTED = 100
"""`non_gsm` lists at most this many different characters (the first to appear)."""


@dataclass(frozen=True)
class MessagePart:
    """One SMS part: where it starts and ends in the text, and how many units it carries."""

    start: int
    end: int
    utf16_start: int
    utf16_end: int
    units: int


@dataclass(frozen=True)
class NonGsmCharacter(PlainData):
    """A character (as the reader sees it) that GSM-7 cannot carry, so the SMS goes as Unicode.

    `index` is where it first appears; `units` is how many UTF-16 code units each occurrence
    takes; `replacement` is the GSM-7 text to write instead ("" to remove it), or None when
    there is no plain equivalent. `shown` is how a sentence shows it (invisible characters by
    name), `name` its Unicode name and `code_points` its code points, worked out when read.
    """

    char: str
    index: int
    utf16_index: int
    count: int
    units: int
    replacement: str | None

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "char", "shown", "name", "code_points", "index", "utf16_index", "count", "units",
        "replacement",
    )  # fmt: skip
    """The keys of `to_dict()`, in order."""

    @functools.cached_property
    def shown(self) -> str:
        """How a sentence shows it: the character itself, or a name such as ``tab``."""
        return shown(self.char)

    @functools.cached_property
    def name(self) -> str:
        """Its Unicode name, such as ``RIGHT SINGLE QUOTATION MARK``."""
        return cluster_name(self.char)

    @functools.cached_property
    def code_points(self) -> str:
        """Its code points, such as ``U+2019``."""
        return " ".join(f"U+{ord(code_point):04X}" for code_point in self.char)

    @property
    def is_letter(self) -> bool:
        """Whether it is a letter, such as the letters of an alphabet GSM-7 does not have."""
        return unicodedata.category(self.char[0]).startswith("L")


@dataclass(frozen=True)
class MessageCheck(PlainData):
    """The result of checking one message; `to_dict()` gives it as plain JSON-ready data.

    `characters` counts what the reader sees: grapheme clusters, so an emoji with a skin tone,
    a flag or an accented letter typed as two code points is one character, and a CR LF line
    break is one. `units` is what the network counts against `part_capacity`: septets for
    GSM-7 (an extension character is two), UTF-16 code units for UCS-2 (an emoji is two or
    more). `units_left` more fit in the last part before another part starts. `non_gsm` lists
    the characters that force UCS-2 (at most `MAX_LISTED`; `non_gsm_unlisted` counts the
    rest). `fixed_text` is the text with every replacement made. `ok` is False for an empty
    message or a Unicode one.
    """

    empty: bool
    ok: bool
    verdict_code: str
    verdict: str
    counts: str
    notes: tuple[str, ...]
    encoding: str
    segments: int
    characters: int
    units: int
    part_capacity: int
    units_left: int
    parts: tuple[MessagePart, ...]
    non_gsm: tuple[NonGsmCharacter, ...]
    non_gsm_unlisted: int
    fixed_text: str
    fixed_encoding: str
    fixed_segments: int


@dataclass(frozen=True)
class _Layout:
    """How a text is encoded and split into parts."""

    encoding: str
    ends: list[int]
    """Where each part ends."""
    characters: int
    units: Sequence[int] = field(repr=False)
    """The units before each code point index."""
    clusters: list[tuple[int, int]] = field(repr=False)
    """(start, end) of each grapheme cluster of more than one code point."""
    utf16: Sequence[int] = field(repr=False)
    """The UTF-16 index of each code point index."""

    @functools.cached_property
    def parts(self) -> tuple[MessagePart, ...]:
        units, utf16 = self.units, self.utf16
        return tuple(
            MessagePart(start, end, utf16[start], utf16[end], units[end] - units[start])
            for start, end in zip([0, *self.ends], self.ends, strict=False)
        )

    @property
    def part_capacity(self) -> int:
        single, multi = CAPACITY[self.encoding]
        return single if len(self.ends) == 1 else multi


@dataclass(frozen=True)
class _Reading:
    """A text's layout and the characters that force Unicode."""

    text: str
    layout: _Layout
    found: tuple[NonGsmCharacter, ...]


def check_message(text: str) -> MessageCheck:
    """Check one SMS message: encoding, parts, and the characters that make it Unicode.

    Any text gives a result (lone surrogates, control characters, any length); the empty
    text gives the `empty` verdict. The work is linear in the length of the text.
    """
    text = join_surrogate_pairs(text)
    if not text:
        return _empty_check()
    reading = _read(text)
    layout = reading.layout
    fixed_text, fixed = _fixed(reading)
    plain = _rewrite(reading, drop_unreplaced=True)
    plain_segments = len(fixed.ends) if plain == fixed_text else len(_layout(plain).ends)
    units_left = layout.part_capacity - layout.parts[-1].units
    words = word_check(
        encoding=layout.encoding,
        segments=len(layout.ends),
        units=layout.units[-1],
        units_left=units_left,
        characters=layout.characters,
        found=reading.found,
        plain_segments=plain_segments if plain else 0,
        extension_chars=_extension_chars(text) if layout.encoding == GSM7 else "",
        crlf="\r\n" in text,
    )
    return MessageCheck(
        empty=False,
        ok=layout.encoding == GSM7,
        verdict_code=words.verdict_code,
        verdict=words.verdict,
        counts=words.counts,
        notes=words.notes,
        encoding=layout.encoding,
        segments=len(layout.ends),
        characters=layout.characters,
        units=layout.units[-1],
        part_capacity=layout.part_capacity,
        units_left=units_left,
        parts=layout.parts,
        non_gsm=reading.found[:MAX_LISTED],
        non_gsm_unlisted=max(len(reading.found) - MAX_LISTED, 0),
        fixed_text=fixed_text,
        fixed_encoding=fixed.encoding,
        fixed_segments=len(fixed.ends) if fixed_text else 0,
    )


def _empty_check() -> MessageCheck:
    words = empty_wording()
    single = CAPACITY[GSM7][0]
    return MessageCheck(
        empty=True,
        ok=False,
        verdict_code=words.verdict_code,
        verdict=words.verdict,
        counts=words.counts,
        notes=words.notes,
        encoding=GSM7,
        segments=0,
        characters=0,
        units=0,
        part_capacity=single,
        units_left=single,
        parts=(),
        non_gsm=(),
        non_gsm_unlisted=0,
        fixed_text="",
        fixed_encoding=GSM7,
        fixed_segments=0,
    )


def join_surrogate_pairs(text: str) -> str:
    """Join surrogate pairs given as two code points into one; keep lone surrogates."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _extension_chars(text: str) -> str:
    return "".join(dict.fromkeys(EXTENSION_CHAR.findall(text)))


def _prefix(text: str, table: dict[int, str]) -> list[int]:
    """Return the units before each index of `text`, one unit count per code point in `table`."""
    return list(accumulate(text.translate(table).encode("latin-1"), initial=0))


def _layout(text: str) -> _Layout:
    crlf = text.count("\r\n")
    indexes = range(len(text) + 1)
    if is_gsm7(text):
        septets = _prefix(text, _SEPTETS) if EXTENSION_CHAR.search(text) else indexes
        ends = _split(septets, [], CAPACITY[GSM7])
        return _Layout(GSM7, ends, len(text) - crlf, septets, [], indexes)
    classes = grapheme_classes(text)
    utf16 = utf16_prefix(classes) if _ASTRAL.search(text) else indexes
    clusters = joined_clusters(classes)
    ends = _split(utf16, clusters, CAPACITY[UCS2])
    joined = sum(end - start - 1 for start, end in clusters)
    return _Layout(UCS2, ends, len(text) - joined - crlf, utf16, clusters, utf16)


def _split(
    units: Sequence[int],
    clusters: Sequence[tuple[int, int]],
    capacity: tuple[int, int],
) -> list[int]:
    """Return where each part ends; `units[i]` counts the units before index `i`.

    A part never ends inside one of the `clusters` (multi-code-point grapheme clusters),
    unless the cluster alone is too long for a part.
    """
    length = len(units) - 1
    single, multi = capacity
    if units[length] <= single:
        return [length]
    starts = [start for start, _ in clusters]
    ends = []
    start = 0
    while start < length:
        end = bisect_right(units, units[start] + multi, lo=start + 1) - 1
        inside = bisect_right(starts, end - 1) - 1
        if inside >= 0 and start < starts[inside] and end < clusters[inside][1]:
            end = starts[inside]  # end the part before the cluster it would cut
        ends.append(end)
        start = end
    return ends


def _read(text: str) -> _Reading:
    layout = _layout(text)
    if layout.encoding == GSM7:
        return _Reading(text, layout, ())
    clusters = layout.clusters
    masked = _masked(text, clusters)
    singles = Counter(GSM7_RUN.sub("", masked))
    first = _first_indexes(masked, singles)
    seen: dict[str, list[int]] = {}
    for start, end in clusters:
        key = text[start:end]
        if key in seen:
            seen[key][1] += 1
        else:
            seen[key] = [start, 1]
    entries = [(first[char], char, count) for char, count in singles.items()]
    entries += [(index, key, count) for key, (index, count) in seen.items()]
    entries.sort()
    utf16 = layout.utf16
    found = tuple(
        NonGsmCharacter(
            char=char,
            index=index,
            utf16_index=utf16[index],
            count=count,
            units=utf16[index + len(char)] - utf16[index],
            replacement=replacement_for(char),
        )
        for index, char, count in entries
    )
    return _Reading(text, layout, found)


def _masked(text: str, clusters: Sequence[tuple[int, int]]) -> str:
    """Return `text` with each multi-code-point cluster blanked out, keeping every index."""
    if not clusters:
        return text
    pieces = []
    previous = 0
    for start, end in clusters:
        pieces += [text[previous:start], _FILLER * (end - start)]
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


def _first_indexes(text: str, chars: Counter[str]) -> dict[str, int]:
    if len(chars) < 32:
        return {char: text.index(char) for char in chars}
    return dict(zip(reversed(text), range(len(text) - 1, -1, -1), strict=True))


def _fixed(reading: _Reading) -> tuple[str, _Layout]:
    """Make every replacement; again when a removed control character lets accents rejoin."""
    for _ in range(_MAX_FIX_PASSES):
        text = _rewrite(reading, drop_unreplaced=False)
        if text == reading.text:
            break
        if not any(_is_control(item) for item in reading.found):
            return text, _layout(text)
        reading = _read(text)
    return reading.text, reading.layout


def _is_control(item: NonGsmCharacter) -> bool:
    return item.replacement is not None and unicodedata.category(item.char[0]) in _CONTROLS


def _rewrite(reading: _Reading, *, drop_unreplaced: bool) -> str:
    """Return the text with the replacements made, and unreplaceable characters dropped too."""
    swaps = {
        item.char: item.replacement if item.replacement is not None else ""
        for item in reading.found
        if item.replacement is not None or drop_unreplaced
    }
    if not swaps:
        return reading.text
    table = _SwapTable({ord(char): new for char, new in swaps.items() if len(char) == 1})
    text = reading.text
    pieces = []
    previous = 0
    for start, end in reading.layout.clusters:
        cluster = text[start:end]
        pieces += [text[previous:start].translate(table), swaps.get(cluster, cluster)]
        previous = end
    pieces.append(text[previous:].translate(table))
    return "".join(pieces)


class _SwapTable(dict[int, str]):
    """A `str.translate` table that leaves characters it does not list as they are."""

    def __missing__(self, code: int) -> str:
        value = self[code] = chr(code)
        return value
