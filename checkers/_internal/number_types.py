"""The region and type of a parsed number, found in one pass over phonenumbers' metadata.

``phonenumbers.number_type`` first finds the number's region: where several regions share
a calling code (+44 is GB, GG, IM and JE; +1 is 25 regions) it tests the number against
each candidate region's type patterns. Then it tests the found region's patterns once more.
Each test goes through four Python calls per pattern and compiles the pattern's string.

`region_and_type` gives the same two answers as ``phonenumbers.region_code_for_number`` and
``phonenumbers.number_type`` (the tests check this on numbers from every region), testing
each region once, with each calling code's regions and their patterns read from
phonenumbers' metadata once (a `_Region` with its `_TypeTable` each). The order of the
tests is phonenumbers' own (``_number_type_helper``): ``is_valid_number`` is true exactly
when the type is not ``PhoneNumberType.UNKNOWN``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberDesc, PhoneNumberType

from checkers._internal.phonenumbers_speedups import compile_pattern

_SPECIAL_TYPES = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)
"""The types phonenumbers tests before fixed line and mobile, in its order."""


class _Pattern(NamedTuple):
    """One number description: its possible lengths (none: any) and its whole-match test."""

    lengths: frozenset[int]
    fullmatch: Callable[[str], object]


class _Specials(NamedTuple):
    """The special types a number of one length may be, tested in one regular expression.

    Its alternatives are the types' patterns in test order, each in a group named after its
    type: a regular expression takes the first alternative that matches the whole number,
    so the group that matched is the type ``_number_type_helper`` finds first.
    """

    fullmatch: Callable[[str], re.Match[str] | None]
    kinds: dict[str, int]
    """The type of each group name."""


class _TypeTable(NamedTuple):
    """One region's type patterns, as ``_number_type_helper`` tests them."""

    metadata: PhoneMetadata
    general: _Pattern | None
    special: tuple[tuple[frozenset[int], str, int], ...]
    """(lengths, pattern, type) of each special type the region has, in test order."""
    special_by_length: dict[int, _Specials | None]
    """`_specials` for each length asked for (at most one per length: 17)."""
    fixed_line: _Pattern | None
    mobile: _Pattern | None
    same_mobile_and_fixed_line: bool


class _Region(NamedTuple):
    """One region of a calling code, as ``_region_code_for_number_from_list`` tests it."""

    code: str
    leading_digits: Callable[[str], object] | None
    """The ``match`` of its leading digits pattern, if its metadata has one."""
    table: _TypeTable | None
    """None when phonenumbers has no metadata for it."""


_COUNTRIES: dict[int, tuple[_Region, ...]] = {}
"""Each calling code's regions in phonenumbers' order, read once (at most one per code: 215)."""


_MOBILES: dict[int, tuple[_Pattern, ...]] = {}
"""The mobile patterns of each calling code's regions (at most one entry per code)."""


def region_and_type(number: PhoneNumber) -> tuple[str | None, int]:
    """Return (``region_code_for_number(number)``, ``number_type(number)``), in one pass."""
    national = phonenumbers.national_significant_number(number)
    return region_and_type_of(number.country_code or 0, national)


def region_and_type_of(country_code: int, national: str) -> tuple[str | None, int]:
    """`region_and_type` of the number with this calling code and national significant number."""
    regions = _COUNTRIES.get(country_code) or _regions(country_code)
    if not regions:
        return None, PhoneNumberType.UNKNOWN
    if len(regions) == 1:
        only = regions[0]
        if only.table is None:
            return only.code, PhoneNumberType.UNKNOWN
        return only.code, _type_by_table(national, only.table)
    for region in regions:
        if region.table is None:
            continue
        if region.leading_digits is not None:
            if region.leading_digits(national):
                return region.code, _type_by_table(national, region.table)
        elif (kind := _type_by_table(national, region.table)) != PhoneNumberType.UNKNOWN:
            return region.code, kind
    return None, PhoneNumberType.UNKNOWN


def is_mobile_of(country_code: int, national: str) -> bool:
    """Tell whether ``region_and_type_of(country_code, national)`` gives a mobile.

    A number is a mobile only where it matches a region's mobile pattern: when no region
    of the calling code has one it matches, the other patterns are not tested.
    """
    mobiles = _MOBILES.get(country_code)
    if mobiles is None:
        regions = _COUNTRIES.get(country_code) or _regions(country_code)
        mobiles = tuple(
            region.table.mobile
            for region in regions
            if region.table is not None and region.table.mobile is not None
        )
        if regions:
            _MOBILES[country_code] = mobiles
    length = len(national)
    for lengths, fullmatch in mobiles:
        if (not lengths or length in lengths) and fullmatch(national) is not None:
            return region_and_type_of(country_code, national)[1] == PhoneNumberType.MOBILE
    return False


def _regions(country_code: int) -> tuple[_Region, ...]:
    codes = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if codes is None:
        return ()  # not remembered, so memory stays bounded whatever the codes asked for
    if len(codes) == 1:  # the one region (or 001, non-geographic) by its calling code
        metadatas = [PhoneMetadata.metadata_for_region_or_calling_code(country_code, codes[0])]
    else:
        metadatas = [PhoneMetadata.metadata_for_region(code, None) for code in codes]
    regions = _COUNTRIES[country_code] = tuple(
        _Region(
            code,
            None
            if metadata is None or metadata.leading_digits is None
            else compile_pattern(metadata.leading_digits).match,
            None if metadata is None else _type_table(metadata),
        )
        for code, metadata in zip(codes, metadatas, strict=True)
    )
    return regions


def _type_by_table(national: str, table: _TypeTable) -> int:
    """Return the type of a national significant number in one region (phonenumbers' order)."""
    length = len(national)
    if not _matches(table.general, national, length):
        return PhoneNumberType.UNKNOWN
    specials = table.special_by_length.get(length, _UNREAD)
    if specials is _UNREAD:
        specials = table.special_by_length[length] = _specials(table, length)
    if specials is not None and (found := specials.fullmatch(national)) is not None:
        return specials.kinds[found.lastgroup or ""]
    if _matches(table.fixed_line, national, length):
        if table.same_mobile_and_fixed_line or _matches(table.mobile, national, length):
            return PhoneNumberType.FIXED_LINE_OR_MOBILE
        return PhoneNumberType.FIXED_LINE
    if not table.same_mobile_and_fixed_line and _matches(table.mobile, national, length):
        return PhoneNumberType.MOBILE
    return PhoneNumberType.UNKNOWN


_UNREAD = _Specials(re.compile("").fullmatch, {})
"""Stands for a length whose `_Specials` are not read yet."""


def _specials(table: _TypeTable, length: int) -> _Specials | None:
    """Combine the special types whose possible lengths hold `length`; None if there are none."""
    kinds = {
        f"type{kind}": (pattern, kind)
        for lengths, pattern, kind in table.special
        if not lengths or length in lengths
    }
    if not kinds:
        return None
    either = "|".join(f"(?P<{name}>{pattern})" for name, (pattern, _) in kinds.items())
    return _Specials(
        re.compile(either).fullmatch,
        {name: kind for name, (_, kind) in kinds.items()},
    )


def _matches(pattern: _Pattern | None, national: str, length: int) -> bool:
    """``_is_number_matching_desc``: the length is possible and the whole number matches."""
    if pattern is None or (pattern.lengths and length not in pattern.lengths):
        return False
    return pattern.fullmatch(national) is not None


def _type_table(metadata: PhoneMetadata) -> _TypeTable:
    special = tuple(
        (frozenset(desc.possible_length or ()), desc.national_number_pattern, kind)
        for name, kind in _SPECIAL_TYPES
        if (desc := getattr(metadata, name)) is not None and desc.national_number_pattern
    )
    return _TypeTable(
        metadata=metadata,
        general=_pattern(metadata.general_desc),
        special=special,
        special_by_length={},
        fixed_line=_pattern(metadata.fixed_line),
        mobile=_pattern(metadata.mobile),
        same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
    )


def _pattern(desc: PhoneNumberDesc | None) -> _Pattern | None:
    """Read one description (one without a pattern matches nothing, as in phonenumbers)."""
    if desc is None or not desc.national_number_pattern:
        return None
    lengths = frozenset(desc.possible_length or ())
    return _Pattern(lengths, compile_pattern(desc.national_number_pattern).fullmatch)
