"""Check one phone number the way the guide asks (Section 1 Check 2, Section 2 Step 2)."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

import phonenumbers
from phonenumbers import (
    CountryCodeSource,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberType,
    ValidationResult,
)

from checkers._internal import phonenumbers_speedups
from checkers._internal.delegated import Delegated
from checkers._internal.drama_numbers import is_drama_number
from checkers._internal.number_lengths import length_help
from checkers._internal.number_parse import parse_number
from checkers._internal.number_text import NumberText, is_blank, split_number_text
from checkers._internal.number_types import region_and_type
from checkers._internal.number_words import NumberWords, join_words, number_words
from checkers._internal.plain import PlainData, made_quickly
from checkers._internal.problems import ERROR_CODES, Problem, in_order, problem
from checkers._internal.regions import region_name
from checkers._internal.verdicts import verdict_for

phonenumbers_speedups.install()

MAX_INPUT_LENGTH = 250
"""Longer input is reported as `too_long` without being parsed."""

_NOT_MOBILE_LABELS = MappingProxyType(
    {
        PhoneNumberType.TOLL_FREE: "freephone",
        PhoneNumberType.PREMIUM_RATE: "premium-rate",
        PhoneNumberType.SHARED_COST: "shared-cost",
        PhoneNumberType.UAN: "non-geographic (UAN)",
        PhoneNumberType.VOICEMAIL: "voicemail",
    },
)
_TYPE_NAMES = MappingProxyType(
    {
        kind: PhoneNumberType.to_string(kind).lower()
        for kind in (*range(PhoneNumberType.VOICEMAIL + 1), PhoneNumberType.UNKNOWN)
    },
)
"""Each type's name in a result, such as ``mobile``."""
_LOOK_ALIKES = MappingProxyType({"O": "0", "o": "0", "l": "1", "I": "1"})
"""Letters typed for the digits they look like."""
_LOOK_ALIKE_TABLE = str.maketrans("".join(_LOOK_ALIKES), "".join(_LOOK_ALIKES.values()))
_PARSE_ERRORS = MappingProxyType(
    {
        NumberParseException.INVALID_COUNTRY_CODE: "invalid_country_code",
        NumberParseException.NOT_A_NUMBER: "not_a_number",
        NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
        NumberParseException.TOO_SHORT_NSN: "too_short",
        NumberParseException.TOO_LONG: "too_long",
    },
)
_LENGTH_ERRORS = MappingProxyType(
    {
        ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "too_short",
        ValidationResult.TOO_SHORT: "too_short",
        ValidationResult.TOO_LONG: "too_long",
        ValidationResult.INVALID_COUNTRY_CODE: "invalid_country_code",
    },
)


@dataclass(frozen=True)
class NumberCheck(PlainData):
    """The result of checking one number; `to_dict()` gives it as plain JSON-ready data.

    `national`, `international` and `region` are worked out when first read, so a bulk
    audit that needs only `e164` does not pay for formatting.
    """

    input: str
    default_region: str
    sendable: bool
    ok: bool
    verdict_code: str
    verdict: str
    e164: str | None
    type: str | None
    extension: str | None
    problems: tuple[Problem, ...]
    parsed: PhoneNumber | None = field(default=None, repr=False, compare=False)
    """The parsed number, kept only when it is valid."""
    formatting: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """Plain names of the characters besides + and digits, such as ``spaces``."""
    suggested: str | None = field(default=None, repr=False, compare=False)
    """The number meant, when letters were typed for digits (``O7400…`` for ``07400…``)."""
    elsewhere: Elsewhere | None = None
    """A common country where the number, as typed, is a valid mobile (when asked for)."""

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "input", "default_region", "sendable", "ok", "verdict_code", "verdict", "e164",
        "national", "international", "region", "type", "extension", "problems",
        "answer", "headline", "fix", "fix_label", "points", "elsewhere",
    )  # fmt: skip
    """The keys of `to_dict()`, in order."""

    @functools.cached_property
    def _words(self) -> NumberWords:
        return number_words(self)

    answer = Delegated[str](
        "_words",
        "Will a text reach it? ``yes``, ``fix`` (once stored as `fix`), ``maybe``, ``no``.",
    )
    headline = Delegated[str](
        "_words", 'The answer in one sentence, such as "Yes, once it is stored correctly.".'
    )
    fix = Delegated["str | None"]("_words", "The number to store instead of what was typed.")
    fix_label = Delegated["str | None"]("_words", 'The words before `fix`, such as "Store it as".')
    points = Delegated["tuple[str, ...]"](
        "_words", "Only what matters about this number, each said once (not the fix again)."
    )

    @functools.cached_property
    def national(self) -> str | None:
        """The number as dialled inside its country, such as ``07400 123456``."""
        return self._format(PhoneNumberFormat.NATIONAL)

    @functools.cached_property
    def international(self) -> str | None:
        """The number as written for other countries, such as ``+44 7400 123456``."""
        return self._format(PhoneNumberFormat.INTERNATIONAL)

    @functools.cached_property
    def region(self) -> str | None:
        """The ISO code of the number's region, such as ``GB``."""
        return region_and_type(self.parsed)[0] if self.parsed else None

    def _format(self, style: int) -> str | None:
        return phonenumbers.format_number(self.parsed, style) if self.parsed else None


def supported_regions() -> tuple[tuple[str, int], ...]:
    """Return every region code phonenumbers knows, with its calling code, sorted by code."""
    return tuple(
        (region, phonenumbers.country_code_for_region(region))
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
    )


def normalise_region(region: str) -> str:
    """Return `region` in upper case, or raise ValueError naming the fix if it is unknown."""
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        msg = f"Unknown region {region!r}: use a two-letter country code such as GB, IE or US."
        raise ValueError(msg)
    return code


def check_number(
    raw: str, default_region: str = "GB", *, try_regions: tuple[str, ...] = ()
) -> NumberCheck:
    """Check one typed phone number; numbers without a country code are read in `default_region`.

    When it cannot take a text there, `try_regions` (the site's common countries) are tried:
    `elsewhere` names the first where it is a valid mobile. Raises ValueError when a region
    is not one phonenumbers knows.
    """
    result = check_in_region(raw, normalise_region(default_region))
    if try_regions and not result.sendable and _read_without_country_code(result):
        found = _mobile_in(raw, [normalise_region(code) for code in try_regions], result)
        if found:
            return dataclasses.replace(result, elsewhere=found)
    return result


@dataclass(frozen=True)
class Elsewhere:
    """A country where a number typed without a country code is a valid mobile."""

    region: str
    name: str
    e164: str
    choose: str
    """The words of the button that reads it in `region` instead, such as "Use France"."""


def _read_without_country_code(result: NumberCheck) -> bool:
    """Tell whether it was typed without a country code and is not valid where it was read.

    A number a digit or two short or long of a mobile there is not one of another country.
    """
    codes = {found.code for found in result.problems}
    return "missing_country_code" in codes and not codes & {"too_short", "too_long"}


def _mobile_in(raw: str, regions: list[str], result: NumberCheck) -> Elsewhere | None:
    for other in regions:
        if other == result.default_region:
            continue
        check = check_in_region(raw, other)
        if check.sendable and check.type == "mobile" and check.e164:
            name = region_name(other)
            return Elsewhere(other, name, check.e164, f"Use {name}")
    return None


def check_in_region(raw: str, region: str) -> NumberCheck:
    """Return ``check_number(raw, region)`` for a `region` `normalise_region` gave."""
    if is_blank(raw):
        return _result(raw, region, [problem("empty", _empty_message(region))])
    if len(raw) > MAX_INPUT_LENGTH:
        message = (
            f"It is far too long to be a phone number (over {MAX_INPUT_LENGTH} characters). "
            f"Store one number only, for example {example_mobile(region)}."
        )
        return _result(raw, region, [problem("too_long", message)])
    text = split_number_text(raw)
    if text.letters:
        found = _format_problems(text, None)
        letters, suggested = _letters_problem(text, region)
        return _result(raw, region, [*found, letters], text, suggested=suggested)
    try:
        number = parse_number(text.number, region, keep_raw_input=True)
    except NumberParseException as error:
        code = _PARSE_ERRORS.get(error.error_type, "not_a_number")
        found = _format_problems(text, None)
        found.append(problem(code, _message(code, region)))
        return _result(raw, region, found, text)
    return _check_parsed(raw, region, text, number)


def _check_parsed(raw: str, region: str, text: NumberText, number: PhoneNumber) -> NumberCheck:
    if number.country_code == 44 and is_drama_number(number.national_number or 0):
        found = _format_problems(text, None)
        if number.country_code_source == CountryCodeSource.FROM_DEFAULT_COUNTRY:
            read_as = f"It has no country code, so it was read as a +44 ({region}) number."
            found.append(problem("missing_country_code", read_as))
        else:
            found += _country_code_problems(number, region, text, None, None)
        found.append(problem("fictional", _message("fictional", region)))
        return _result(raw, region, found, text)
    length = phonenumbers.is_possible_number_with_reason(number)
    # number_type is UNKNOWN exactly when is_valid_number is False, so one call does both.
    kind = region_and_type(number)[1] if length == ValidationResult.IS_POSSIBLE else None
    valid = kind not in (None, PhoneNumberType.UNKNOWN)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164) if valid else None
    found = _format_problems(text, e164)
    found += _country_code_problems(number, region, text, e164, kind)
    if length in _LENGTH_ERRORS or kind is None or not valid:
        help_ = length_help(number, text.number)
        if help_ is not None:
            return _result(raw, region, [*found, problem(*help_)], text)
    if length in _LENGTH_ERRORS:
        code = _LENGTH_ERRORS[length]
        message = _message(code, region)
        if length == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
            message = "It is a local number without its area code. " + message
        return _result(raw, region, [*found, problem(code, message)], text)
    if kind is None or not valid:
        found.append(problem("invalid", _invalid_message(number)))
        return _result(raw, region, found, text)
    found += _type_problems(number, kind)
    return _result(raw, region, found, text, parsed=number, kind=kind, e164=e164)


def _result(
    raw: str,
    region: str,
    found: list[Problem],
    text: NumberText | None = None,
    *,
    parsed: PhoneNumber | None = None,
    kind: int | None = None,
    suggested: str | None = None,
    e164: str | None = None,
) -> NumberCheck:
    """Build a result; `parsed`, `kind` and its `e164` are given only for a valid number."""
    codes = {item.code for item in found}
    verdict_code, verdict = verdict_for(codes, e164)
    return made_quickly(  # the audit builds one a row: quicker than NumberCheck(...)
        NumberCheck,
        input=raw,
        default_region=region,
        sendable=codes.isdisjoint(ERROR_CODES),
        ok=not found,
        verdict_code=verdict_code,
        verdict=verdict,
        e164=e164,
        type=None if kind is None else _TYPE_NAMES[kind],
        extension=text.extension if text else None,
        problems=in_order(found),
        parsed=parsed,
        formatting=text.formatting if text else (),
        suggested=suggested,
    )


@functools.lru_cache(maxsize=64)
def example_mobile(region: str) -> str:
    """Return an example mobile number for `region` in E.164, from phonenumbers' metadata."""
    example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    example = example or phonenumbers.example_number(region)
    if example is None:
        return "+447400123456"
    return phonenumbers.format_number(example, PhoneNumberFormat.E164)


def _store_as(e164: str | None) -> str:
    if e164:
        return f"Store it as {e164}."
    return "Store digits only, starting with + and the country code."


def _format_problems(text: NumberText, e164: str | None) -> list[Problem]:
    found = []
    if text.formatting:
        found.append(
            problem(
                "formatting_characters",
                f"It contains {join_words(text.formatting)}. {_store_as(e164)}",
            ),
        )
    if text.extension:
        found.append(
            problem(
                "extension",
                f"It has an extension ({text.extension}), and a text message cannot go to an "
                f"extension. {_store_as(e164)} Keep the extension in a notes field if needed.",
            ),
        )
    return found


def _letters_problem(text: NumberText, region: str) -> tuple[Problem, str | None]:
    """Word the letters problem; give the number meant when the letters look like digits."""
    letters = text.letters
    if set(letters) <= _LOOK_ALIKES.keys():
        corrected = text.number.translate(_LOOK_ALIKE_TABLE)
        suggestion = _valid_e164(corrected, region)
        store = f"Store it as {suggestion}." if suggestion else "A phone number has digits only."
        guesses = " ".join(
            f"It contains the letter {letter} — did you mean {_LOOK_ALIKES[letter]}?"
            for letter in letters
        )
        return problem("letters", f"{guesses} {store}"), suggestion
    shown = ", ".join(letters[:5]) + (", …" if len(letters) > 5 else "")
    message = (
        f"It contains letters ({shown}), but a phone number has digits only. Store just the "
        f"number, for example {example_mobile(region)}."
    )
    return problem("letters", message), None


def _valid_e164(candidate: str, region: str) -> str | None:
    try:
        number = parse_number(candidate, region)
    except NumberParseException:
        return None
    if region_and_type(number)[1] == PhoneNumberType.UNKNOWN:  # is_valid_number, cheaper
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _country_code_problems(
    number: PhoneNumber,
    region: str,
    text: NumberText,
    e164: str | None,
    kind: int | None,
) -> list[Problem]:
    source = number.country_code_source
    if source == CountryCodeSource.FROM_DEFAULT_COUNTRY:  # worded when read: it may parse
        missing = functools.partial(_missing_country_code, number, region, text, e164, kind)
        return [problem("missing_country_code", missing)]
    if source == CountryCodeSource.FROM_NUMBER_WITH_IDD:
        written = "starts with 00 instead of +"
    elif source == CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN:
        written = f"starts with {number.country_code} instead of +{number.country_code}"
    else:
        return []
    message = f"The country code is there, but it {written}. {_store_as(e164)}"
    return [problem("missing_plus", message)]


def _missing_country_code(
    number: PhoneNumber,
    region: str,
    text: NumberText,
    e164: str | None,
    kind: int | None,
) -> str:
    read_as = (
        f"It has no country code, so it was read as a +{number.country_code} ({region}) number"
    )
    if e164 and kind == PhoneNumberType.MOBILE:
        return f"{read_as}. Store it as {e164}."
    elsewhere = _mobile_elsewhere(text.number, region)
    if elsewhere:
        other_region, other_e164 = elsewhere
        return f"{read_as}. If it is a {other_region} number, store it as {other_e164}."
    if e164:
        return f"{read_as}: {e164}."
    return (
        f"{read_as}, and it is not a valid one. If it is from another country, add its country "
        "code after a +, for example +1 for the USA and Canada."
    )


def _mobile_elsewhere(number_part: str, region: str) -> tuple[str, str] | None:
    """Find a reading of the digits, with a country code added, that could be a mobile."""
    digits = phonenumbers_speedups.normalize_digits_only(number_part)
    candidates = []
    if len(digits) == 10 and digits[0] not in "01":
        candidates.append("+1" + digits)
    if digits[:1] not in ("", "0"):
        candidates.append("+" + digits)
    for candidate in candidates:
        try:
            number = parse_number(candidate, None)
        except NumberParseException:
            continue
        other, kind = region_and_type(number)
        # A mobile-like type is a valid number's: is_valid_number would add nothing.
        mobile_like = kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if other and other != region and mobile_like:
            return f"+{number.country_code} ({other})", phonenumbers.format_number(
                number,
                PhoneNumberFormat.E164,
            )
    return None


def _type_problems(number: PhoneNumber, kind: int) -> list[Problem]:
    if kind == PhoneNumberType.MOBILE:
        return []
    if kind == PhoneNumberType.FIXED_LINE:  # worded when read: formatting costs
        return [problem("landline", functools.partial(_landline_message, number))]
    if kind in _NOT_MOBILE_LABELS:
        return [
            problem(
                "not_mobile",
                f"It is a {_NOT_MOBILE_LABELS[kind]} number, not a mobile, so text messages cannot "
                "be delivered to it. Ask the applicant for a mobile number.",
            ),
        ]
    return [
        problem(
            "may_not_be_mobile",
            "It is a valid number, but its digits do not show whether it is a mobile. Check "
            "with the applicant that it can receive text messages.",
        ),
    ]


def _landline_message(number: PhoneNumber) -> str:
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return (
        f"It is a landline number ({national}), so text messages cannot be delivered to it. "
        "Ask the applicant for a mobile number and store that in the mobile field."
    )


def _invalid_message(number: PhoneNumber) -> str:
    return (
        f"It has the right length but is not a valid +{number.country_code} number: no phone "
        "numbers start like this. Check the digits against the applicant's records."
    )


def _empty_message(region: str) -> str:
    return f"No number is entered. Enter the mobile number, for example {example_mobile(region)}."


_TEMPLATES: MappingProxyType[str, str] = MappingProxyType(
    {
        "not_a_number": (
            "This does not look like a phone number. Store the mobile number with its country "
            "code, for example {example}."
        ),
        "invalid_country_code": (
            "The country code (the digits after + or 00) does not exist. Check it: a {region} "
            "mobile looks like {example}."
        ),
        "too_short": (
            "It is too short to be a phone number: check for missing digits. A full number "
            "looks like {example}."
        ),
        "too_long": (
            "It is too long to be a phone number: check for extra digits or two numbers typed "
            "together. Store one number, for example {example}."
        ),
        "fictional": (
            "It is one of the numbers Ofcom keeps for TV and drama, so it belongs to no one "
            "and a text message can never arrive. Ask the applicant for their real mobile number."
        ),
    },
)


def _message(code: str, region: str) -> str:
    return _TEMPLATES[code].format(region=region, example=example_mobile(region))
