"""Length help: a number one or two digits short or long of a mobile number of its country.

phonenumbers says only that a number is too short, too long or invalid. When adding or
removing one or two digits makes it a valid mobile number of the same country, the reader
most likely missed or doubled a digit, and is told so in digits: "A United Kingdom mobile
number starting 07 has 11 digits; this one has 10: a digit is missing."
"""

from __future__ import annotations

import functools

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberType

from checkers._internal import phonenumbers_speedups
from checkers._internal.number_parse import read_plus
from checkers._internal.number_types import is_mobile_of
from checkers._internal.problems import Wording
from checkers._internal.regions import region_name

_FILL = ("0", "5")
"""Digits tried in place of a missing one (trailing digits are free in mobile patterns)."""


def length_help(number: PhoneNumber, typed: str) -> tuple[str, Wording] | None:
    """(problem code, message) when `number` is a digit or two away from a valid mobile.

    The message is worded when it is read (it looks up an example number and a name).
    """
    national = phonenumbers.national_significant_number(number)
    country = number.country_code or 0
    for missing in (1, 2):
        if any(_is_mobile(country, national + fill * missing) for fill in _FILL):
            return "too_short", functools.partial(_message, number, typed, missing, "missing")
    for extra in (1, 2):
        if len(national) > extra + 4 and _is_mobile(country, national[:-extra]):
            return "too_long", functools.partial(_message, number, typed, extra, "too many")
    return None


def _is_mobile(country: int, national: str) -> bool:
    """Tell whether ``+{country}{national}`` parses to a valid mobile number."""
    read = read_plus(country, national)
    return read is not None and is_mobile_of(*read)


def _message(number: PhoneNumber, typed: str, off: int, how: str) -> str:
    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    name = region_name(region)
    national = phonenumbers.national_significant_number(number)
    wanted = len(national) + (off if how == "missing" else -off)
    if typed.lstrip().startswith(("+", "00")) or example is None:
        return (
            f"A {name} mobile number has {wanted} digits after +{number.country_code}; this "
            f"one has {len(national)}: {_how_many(off, how)}."
        )
    digits = phonenumbers_speedups.normalize_digits_only(typed)
    prefix = len(digits) - len(national)  # the national prefix typed, such as the 0 of 07
    return (
        f"A {name} mobile number starting {digits[:2]} has {wanted + prefix} digits; this one "
        f"has {len(digits)}: {_how_many(off, how)}."
    )


def _how_many(off: int, how: str) -> str:
    if how == "missing":
        return "a digit is missing" if off == 1 else f"{off} digits are missing"
    return "it has a digit too many" if off == 1 else f"it has {off} digits too many"
