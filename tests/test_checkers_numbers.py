"""Number checks against the shared vectors (tests/vectors/numbers.json) and by rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

from checkers import PROBLEM_SEVERITY, all_verdict_codes, check_number, supported_regions
from checkers._internal.drama_numbers import DRAMA_RANGES

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "vectors" / "numbers.json").read_text(encoding="utf-8"),
)


@pytest.mark.parametrize("vector", VECTORS, ids=[repr(v["input"])[:40] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    got = check_number(vector["input"], vector["region"]).to_dict()
    assert got == vector["expect"]
    assert json.loads(json.dumps(got)) == got


def test_vectors_cover_every_problem_code_and_verdict() -> None:
    codes = {p["code"] for v in VECTORS for p in v["expect"]["problems"]}
    assert codes == set(PROBLEM_SEVERITY)
    verdicts = {v["expect"]["verdict_code"] for v in VECTORS}
    assert verdicts == set(all_verdict_codes())


def test_vectors_are_consistent() -> None:
    for vector in VECTORS:
        expect = vector["expect"]
        severities = {p["severity"] for p in expect["problems"]}
        assert expect["sendable"] == ("error" not in severities)
        assert expect["ok"] == (not expect["problems"])
        assert (expect["e164"] is None) == (expect["type"] is None)
        for problem in expect["problems"]:
            assert problem["severity"] == PROBLEM_SEVERITY[problem["code"]]
            assert problem["message"].endswith((".", "?"))


def codes(raw: str, region: str = "GB") -> list[str]:
    return [p.code for p in check_number(raw, region).problems]


def message(raw: str, code: str, region: str = "GB") -> str:
    return next(p.message for p in check_number(raw, region).problems if p.code == code)


def test_spec_examples() -> None:
    assert check_number("+447400123456").ok
    result = check_number("07400 123456")
    assert result.sendable
    assert not result.ok
    assert codes("07400 123456") == ["missing_country_code", "formatting_characters"]
    assert result.e164 == "+447400123456"
    assert codes("0121 234 5678")[0] == "landline"


def test_letter_o_message_suggests_zero_and_the_fixed_number() -> None:
    text = message("074OO 123456", "letters")
    assert "letter O — did you mean 0?" in text
    assert "Store it as +447400123456" in text


def test_us_number_in_gb_suggests_country_code() -> None:
    for raw in ("(202) 555-0143", "2025550143"):
        text = message(raw, "missing_country_code")
        assert "+12025550143" in text
        assert "+1 (US)" in text


def test_format_warnings_say_what_to_store() -> None:
    assert "Store it as +447400123456" in message("0044 7400 123456", "missing_plus")
    assert "Store it as +447400123456" in message("07400-123456", "formatting_characters")
    assert "(0)" in message("+44 (0)7400 123456", "formatting_characters")


def test_extension_forms_are_not_letters() -> None:
    for raw in (
        "+447400123456 x5",
        "+447400123456 ext. 5",
        "+447400123456;ext=5",
        "+447400123456 extension 5",
        "tel:+447400123456",
    ):
        assert "letters" not in codes(raw), raw
    assert check_number("+447400123456 ext 77").extension == "77"


@pytest.mark.parametrize("block", DRAMA_RANGES, ids=[b.area for b in DRAMA_RANGES])
def test_drama_range_edges(block: Any) -> None:
    for national in (block.first, block.last):
        result = check_number(national)
        assert "fictional" in codes(national), national
        assert result.e164 is None
        assert not {"invalid", "landline"} & set(codes(national))
    for national in (_shift(block.first, -1), _shift(block.last, +1)):
        assert "fictional" not in codes(national), national


def _shift(national: str, step: int) -> str:
    digits = national.replace(" ", "")
    return str(int(digits) + step).zfill(len(digits))


def test_unknown_region_raises_value_error() -> None:
    with pytest.raises(ValueError, match="Unknown region 'ZZ'"):
        check_number("07400123456", "ZZ")


def test_region_is_case_insensitive() -> None:
    assert check_number("07400123456", " gb ").default_region == "GB"


def test_supported_regions() -> None:
    regions = supported_regions()
    assert ("GB", 44) in regions
    assert ("US", 1) in regions
    assert [code for code, _ in regions] == sorted(phonenumbers.SUPPORTED_REGIONS)


def test_over_250_characters_is_too_long_without_parsing() -> None:
    assert codes("0" * 251) == ["too_long"]
    assert codes("x" * 10_000_000) == ["too_long"]


def test_results_are_hashable_and_frozen() -> None:
    result = check_number("+447400123456")
    with pytest.raises(AttributeError):
        result.e164 = "x"  # type: ignore[misc]
    assert hash(result) == hash(check_number("+447400123456"))


def test_the_answer_comes_first_and_the_fix_is_said_once() -> None:
    result = check_number("07400 123456", "GB")
    assert (result.answer, result.headline) == ("fix", "Yes, once it is stored correctly.")
    assert result.fix == "+447400123456"
    assert result.points == (
        "It has no country code, so it is read as a United Kingdom (+44) number.",
        "It contains spaces.",
    )
    shown = " ".join([result.headline, *result.points])
    assert "+447400123456" not in shown  # only in the fix


@pytest.mark.parametrize(
    ("raw", "answer"),
    [
        ("+447400123456", "yes"),
        ("07400 123456", "fix"),
        ("+1 202 555 0143", "maybe"),
        ("0121 234 5678", "no"),
        ("07700 900123", "no"),
    ],
)
def test_answers(raw: str, answer: str) -> None:
    assert check_number(raw, "US" if raw.startswith("+1") else "GB").answer == answer


def test_formatting_advice_is_left_out_when_the_number_is_unusable() -> None:
    for raw in ("0121 234 5678", "07700 900123"):
        result = check_number(raw, "GB")
        assert {"formatting_characters", "missing_country_code"} <= {
            p.code for p in result.problems
        }
        assert not any("spaces" in point for point in result.points)
        assert not any("country code" in point for point in result.points)


def test_a_drama_number_without_a_country_code_is_said_to_have_none() -> None:
    codes = [p.code for p in check_number("07700 900123", "GB").problems]
    assert codes == ["fictional", "missing_country_code", "formatting_characters"]


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (
            "07400 12345",
            "too_short",
            "A United Kingdom mobile number starting 07 has 11 digits; this one has 10: a digit is "
            "missing.",
        ),
        (
            "074001234567",
            "too_long",
            "A United Kingdom mobile number starting 07 has 11 digits; this one has 12: it has a "
            "digit too many.",
        ),
        (
            "+44 7400 12345",
            "too_short",
            "A United Kingdom mobile number has 10 digits after +44; this one has 9: a digit is "
            "missing.",
        ),
    ],
)
def test_a_digit_missing_or_too_many_is_named(raw: str, code: str, message: str) -> None:
    result = check_number(raw, "GB")
    found = next(p for p in result.problems if p.code in {"too_short", "too_long", "invalid"})
    assert (found.code, found.message) == (code, message)
    assert result.points[0] == message


def test_a_valid_mobile_of_a_common_country_is_suggested() -> None:
    result = check_number("06 12 34 56 78", "GB", try_regions=("GB", "IE", "FR"))
    assert result.answer == "no"
    assert result.elsewhere is not None
    assert (result.elsewhere.region, result.elsewhere.e164) == ("FR", "+33612345678")
    assert result.points[0] == (
        "This is a valid mobile number in France: choose France as the country, or store it as "
        "+33612345678."
    )
    assert check_number("06 12 34 56 78", "GB").elsewhere is None  # only when asked
    # A UK number a digit short is not called French, although its digits would be.
    assert check_number("07400 12345", "GB", try_regions=("FR",)).elsewhere is None


def test_letters_for_digits_give_the_number_meant_once() -> None:
    result = check_number("O7400 123456", "GB")
    assert result.fix == "+447400123456"
    assert result.points == ("It contains the letter O — did you mean 0?",)


def test_the_fix_says_what_it_is_once() -> None:
    stored = check_number("07400 123456")
    assert (stored.fix_label, stored.fix) == ("Store it as", "+447400123456")
    assert not any("+447400123456" in point for point in stored.points)
    meant = check_number("O7400 123456")
    assert meant.answer == "no"
    assert meant.fix == "+447400123456"
    assert meant.fix_label == "If the letters were meant as digits, store it as"
    assert not any("+447400123456" in point for point in meant.points)
    ready = check_number("+447400123456")
    assert (ready.fix, ready.fix_label) == (None, None)
