"""The parse and type shortcuts give phonenumbers' own answers, on every region's numbers.

The reference is phonenumbers on its own (`phonenumbers_speedups` undone): ``parse``,
``is_valid_number``, ``region_code_for_number``, ``number_type`` and ``format_number``. The
shortcuts are `parse_number`, `read_plus` and `region_and_type_of`; each must give the same
number (every field ``PhoneNumber.__eq__`` compares), the same error, the same validity,
region, type and E.164.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from bench.bench_audit import world_examples, world_templates
from checkers._internal import phonenumbers_speedups
from checkers._internal.number_parse import parse_number, plain_number, read_plus
from checkers._internal.number_types import is_mobile_of, region_and_type, region_and_type_of

DEFAULT_REGIONS = ("GB", "US", "FR", "IN", "DE", "BR", "JE", "CA", "IT", "RU", "AR", "MX")
"""Default regions texts are read in (shared calling codes, national prefixes, leading zeros)."""
REGIONS = st.sampled_from([*DEFAULT_REGIONS, *sorted(phonenumbers.SUPPORTED_REGIONS)])
PLAIN_TEXT = st.text(alphabet="0123456789 -+", min_size=1, max_size=22)
"""Texts mostly of the form the shortcut takes (digits, spaces, hyphens, a +), some not."""
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Answer = tuple[object, ...]
"""(number, or the error type) and then validity, region, type and E.164 for a number."""


@contextmanager
def _phonenumbers_own() -> Iterator[None]:
    phonenumbers_speedups.uninstall()
    try:
        yield
    finally:
        phonenumbers_speedups.install()


def _phonenumbers_answer(text: str, region: str | None, *, keep_raw_input: bool) -> Answer:
    with _phonenumbers_own():
        try:
            number = phonenumbers.parse(text, region, keep_raw_input=keep_raw_input)
        except NumberParseException as error:
            return ("error", error.error_type)
        return _facts(
            number,
            phonenumbers.is_valid_number(number),
            phonenumbers.region_code_for_number(number),
            phonenumbers.number_type(number),
        )


def _shortcut_answer(text: str, region: str | None, *, keep_raw_input: bool) -> Answer:
    try:
        number = parse_number(text, region, keep_raw_input=keep_raw_input)
    except NumberParseException as error:
        return ("error", error.error_type)
    found, kind = region_and_type(number)
    return _facts(number, kind != PhoneNumberType.UNKNOWN, found, kind)


def _facts(number: PhoneNumber, valid: bool, region: str | None, kind: int) -> Answer:
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return (number, valid, region, kind, e164)


def _assert_same(text: str, region: str | None) -> Answer:
    for keep in (False, True):
        expected = _phonenumbers_answer(text, region, keep_raw_input=keep)
        assert _shortcut_answer(text, region, keep_raw_input=keep) == expected, (text, region)
    return expected


def _written_examples() -> Iterator[str]:
    """Every region's example number of every type, in every way a CRM export writes it."""
    for written, suffix in world_templates():
        yield written + suffix
        yield written.replace(" ", "")
        yield written.replace(" ", "-")


def test_every_example_number_reads_the_same_in_many_default_regions() -> None:
    texts = sorted(set(_written_examples()))
    assert len(texts) > 5_000
    shortcut_taken = 0
    kinds: set[object] = set()
    for text in texts:
        for region in (None, *DEFAULT_REGIONS):
            answer = _assert_same(text, region)
            kinds.add(answer[3] if answer[0] != "error" else answer)
            shortcut_taken += plain_number(text, region) is not None
    assert shortcut_taken > len(texts)  # the shortcut is taken, not only stepped aside from
    assert set(range(PhoneNumberType.VOICEMAIL + 1)) | {PhoneNumberType.UNKNOWN} <= kinds
    assert ("error", NumberParseException.INVALID_COUNTRY_CODE) in kinds  # errors too


def test_every_example_number_reads_the_same_in_its_own_region() -> None:
    for example in world_examples():
        region = phonenumbers.region_code_for_number(example)
        national = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
        for text in (national, national.replace(" ", ""), "0" + national.replace(" ", "")):
            _assert_same(text, region)


@SETTINGS
@given(text=PLAIN_TEXT, region=REGIONS)
def test_plain_texts_read_the_same(text: str, region: str) -> None:
    _assert_same(text, region)
    _assert_same(text, None)


@SETTINGS
@given(
    example=st.sampled_from(world_examples()),
    tail=st.text(alphabet="0123456789", max_size=4),
    cut=st.integers(0, 4),
    region=REGIONS,
)
def test_example_numbers_with_other_digits_read_the_same(
    example: PhoneNumber, tail: str, cut: int, region: str
) -> None:
    """Examples a few digits short or over, or with other last digits: valid or not."""
    digits = phonenumbers.format_number(example, PhoneNumberFormat.E164)[1:]
    digits = digits[: len(digits) - cut] + tail
    national = str(example.national_number)
    national = national[: len(national) - cut] + tail
    for text in ("+" + digits, digits, "00" + digits, national, "0" + national):
        _assert_same(text, region)


def _read_plus_by_phonenumbers(country_code: int, national: str) -> tuple[int, str] | None:
    with _phonenumbers_own():
        try:
            number = phonenumbers.parse(f"+{country_code}{national}", None)
        except NumberParseException:
            return None
        return number.country_code or 0, phonenumbers.national_significant_number(number)


CALLING_CODES = st.sampled_from(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)) | st.integers(
    0, 999
)


@SETTINGS
@given(country_code=CALLING_CODES, national=st.text(alphabet="0123456789", max_size=19))
def test_read_plus_reads_as_parse_does(country_code: int, national: str) -> None:
    read = read_plus(country_code, national)
    assert read == _read_plus_by_phonenumbers(country_code, national)
    if read is not None:
        with _phonenumbers_own():
            number = phonenumbers.parse(f"+{country_code}{national}", None)
            expected = phonenumbers.region_code_for_number(number), phonenumbers.number_type(number)
        assert region_and_type_of(*read) == expected
        assert is_mobile_of(*read) == (expected[1] == PhoneNumberType.MOBILE)


def test_read_plus_reads_every_example_number_as_parse_does() -> None:
    for example in world_examples():
        national = phonenumbers.national_significant_number(example)
        code = example.country_code or 0
        for digits in (national, "0" + national, national[:-1], national + "1"):
            read = read_plus(code, digits)
            assert read == _read_plus_by_phonenumbers(code, digits)
            if read is not None:
                kind = region_and_type_of(*read)[1]
                assert is_mobile_of(*read) == (kind == PhoneNumberType.MOBILE)
