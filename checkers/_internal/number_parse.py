"""``phonenumbers.parse``, with a shortcut for a number typed as digits, spaces and hyphens.

Before it reads a number, ``parse`` runs four steps over the whole text: it looks for
where the number starts and ends (``_build_national_number_for_parsing``), tests that it
could be a number at all, checks the default region and looks for an extension, each with
a long regular expression. For a *plain* text, one of ASCII digits (at least three),
spaces and hyphens, starting with a digit or one ``+`` and a digit and ending with a
digit, no step can change anything: the text starts and ends where it is, it could be a
number, a ``+`` or a known region lets it be read, and every extension form needs a letter,
``#``, ``,``, ``;`` or ``~``. `parse_number` then goes straight on with ``parse``'s own
later steps (the country code, the national prefix, the lengths), calling phonenumbers'
functions for each, and builds the same `PhoneNumber`; a text without a ``+`` that starts
neither with the region's international prefix nor with its calling code has no country
code to take, so that step is skipped. Wherever ``parse`` would raise, or would read the
number a second way (a ``+`` before an unknown country code), the shortcut steps aside and
``parse`` itself runs, so the errors are phonenumbers' own.

The tests compare both ways on every region's example numbers, the benchmark's lists and
generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import phonenumbers
from phonenumbers import (
    CountryCodeSource,
    NumberParseException,
    PhoneMetadata,
    PhoneNumber,
    ValidationResult,
    phonenumberutil,
)

from checkers._internal.phonenumbers_speedups import compile_pattern

_PLAIN = re.compile(r"\+?[0-9](?:[ -]*[0-9]){2,}")
"""A plain text (see the module): three digits at least, as fewer can fail ``parse``'s test
of whether the text could be a number."""
_TOO_SHORT = frozenset(
    (
        ValidationResult.TOO_SHORT,
        ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        ValidationResult.INVALID_LENGTH,
    ),
)
"""Lengths for which ``parse`` keeps the national prefix it could have stripped."""

_extract_country_code = phonenumberutil._maybe_extract_country_code
_normalize = phonenumberutil._normalize
_strip_national_prefix = phonenumberutil._maybe_strip_national_prefix_carrier_code
_test_number_length = phonenumberutil._test_number_length
_set_leading_zeros = phonenumberutil._set_italian_leading_zeros_for_phone_number
_MIN_NATIONAL = phonenumberutil._MIN_LENGTH_FOR_NSN
_MAX_NATIONAL = phonenumberutil._MAX_LENGTH_FOR_NSN
_MAX_TEXT = phonenumberutil._MAX_INPUT_STRING_LENGTH

_SHORTCUT_CODES = frozenset(
    code
    for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    if not any(
        int(str(code)[:length]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE
        for length in range(1, len(str(code)))
    )
)
"""Calling codes that no shorter calling code starts (all of them: the ITU makes them so)."""


class _NationalPrefix(NamedTuple):
    """How ``parse`` may strip a national prefix after one calling code."""

    known: bool
    """False: no metadata says, so `read_plus` leaves the number to `plain_number`."""
    match: Callable[[str], object] | None
    """``match`` of the prefix pattern; None: the region has none."""


_NATIONAL_PREFIXES: dict[int, _NationalPrefix] = {}
"""`_national_prefix` of each calling code asked for (at most one per calling code)."""


def read_plus(country_code: int, national: str) -> tuple[int, str] | None:
    """Read ``f"+{country_code}{national}"``: (calling code, national significant number).

    `national` is ASCII digits; None where ``parse`` raises. ``parse`` reads `country_code`
    (no calling code starts another one) and keeps `national` as it is unless the national
    prefix of the calling code's main region starts it: then `plain_number` reads it.
    """
    prefix = _NATIONAL_PREFIXES.get(country_code)
    if prefix is None and country_code in _SHORTCUT_CODES:
        prefix = _NATIONAL_PREFIXES[country_code] = _national_prefix(country_code)
    if (
        prefix is not None
        and prefix.known
        and len(national) >= _MIN_NATIONAL
        and (prefix.match is None or prefix.match(national) is None)
    ):
        return (country_code, national) if len(national) <= _MAX_NATIONAL else None
    number = plain_number(f"+{country_code}{national}", None)
    if number is None:
        return None
    return number.country_code or 0, phonenumbers.national_significant_number(number)


def _national_prefix(country_code: int) -> _NationalPrefix:
    """Find the national prefix ``parse`` may strip after `country_code`."""
    region = phonenumbers.region_code_for_country_code(country_code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if metadata is None:
        return _NationalPrefix(known=False, match=None)
    pattern = metadata.national_prefix_for_parsing
    return _NationalPrefix(known=True, match=compile_pattern(pattern).match if pattern else None)


def parse_number(
    text: str,
    region: str | None = None,
    *,
    keep_raw_input: bool = False,
) -> PhoneNumber:
    """Return ``phonenumbers.parse(text, region, keep_raw_input=…)``; raise as it raises."""
    number = plain_number(text, region, keep_raw_input=keep_raw_input)
    if number is None:
        return phonenumbers.parse(text, region, keep_raw_input=keep_raw_input)
    return number


def plain_number(
    text: str,
    region: str | None,
    *,
    keep_raw_input: bool = False,
) -> PhoneNumber | None:
    """Return what ``parse`` gives for a plain text; None for another text or an error."""
    if len(text) > _MAX_TEXT or _PLAIN.fullmatch(text) is None:
        return None
    if region is None and text[0] != "+":
        return None  # parse refuses it: no region to read it in
    if region is not None and region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    metadata = None if region is None else PhoneMetadata.metadata_for_region(region, None)
    number = PhoneNumber()
    if keep_raw_input:
        number.raw_input = text
    read = _national_and_metadata(text, region, metadata, number, keep_raw_input=keep_raw_input)
    if read is None:
        return None
    return _with_national(number, *read, keep_raw_input=keep_raw_input)


def _national_and_metadata(
    text: str,
    region: str | None,
    metadata: PhoneMetadata | None,
    number: PhoneNumber,
    *,
    keep_raw_input: bool,
) -> tuple[str, PhoneMetadata] | None:
    """Read the calling code into `number` as ``parse`` does; give what is read after it.

    That is the national number and the metadata it is read with; None where ``parse``
    raises or has no metadata to go on with.
    """
    if metadata is not None and text[0] != "+":
        national = _national_digits(text, metadata)
        if national is not None:  # as _maybe_extract_country_code finds no calling code
            if keep_raw_input:
                number.country_code_source = CountryCodeSource.FROM_DEFAULT_COUNTRY
            number.country_code = metadata.country_code
            return national, metadata
    try:  # parse passes None for no region too (its stub says otherwise)
        country_code, national = _extract_country_code(
            text,
            metadata,  # type: ignore[arg-type]
            keep_raw_input,
            number,
        )
    except NumberParseException:
        return None
    if country_code == 0:
        if metadata is None:
            return None
        number.country_code = metadata.country_code
        return national + _normalize(text), metadata
    number_region = phonenumbers.region_code_for_country_code(country_code)
    if number_region != region:
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, number_region)
    return None if metadata is None else (national, metadata)


def _national_digits(text: str, metadata: PhoneMetadata) -> str | None:
    """Give the digits of a plain text without a +, when they start with no calling code.

    ``_maybe_extract_country_code`` takes a calling code from such a text only after the
    region's international prefix or the region's own calling code: None when the digits
    start with either, and phonenumbers' own function decides.
    """
    digits = text.replace(" ", "").replace("-", "")
    prefix = metadata.international_prefix
    if prefix is not None and compile_pattern(prefix).match(digits) is not None:
        return None
    if digits.startswith(str(metadata.country_code)):
        return None
    return digits


def _with_national(
    number: PhoneNumber,
    national: str,
    metadata: PhoneMetadata,
    *,
    keep_raw_input: bool,
) -> PhoneNumber | None:
    """Finish as ``parse`` does: the national prefix, the lengths, the leading zeros."""
    if len(national) < _MIN_NATIONAL:
        return None
    carrier, stripped, _ = _strip_national_prefix(national, metadata)
    if _test_number_length(stripped, metadata) not in _TOO_SHORT:
        national = stripped
        if keep_raw_input and carrier:
            number.preferred_domestic_carrier_code = carrier
    if not _MIN_NATIONAL <= len(national) <= _MAX_NATIONAL:
        return None
    _set_leading_zeros(national, number)
    number.national_number = int(national)
    return number
