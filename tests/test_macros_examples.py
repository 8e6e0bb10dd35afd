"""number_example() / number_examples(): the checker's real verdicts, written at build time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from checkers import check_number
from macros._content import MacroError, channel, please_include
from macros._examples import NOT_SENDABLE, number_example, number_examples
from macros._regions import SiteRegions
from tests.sitebuild import build_site

PAGE_NUMBERS = (
    "07400 123456",
    "07400-123-456",
    "7400 123456",
    "+44 7400 123456",
    "0121 234 5678",
    "07700 900123",
    "O7400 123456",
)
"""The typical stored values docs/sending-fails.md Check 2 shows."""


def soup(html: Markup) -> BeautifulSoup:
    assert isinstance(html, Markup)
    return BeautifulSoup(str(html), "html.parser")


def test_example_block_says_what_the_checker_says() -> None:
    root = soup(number_example("07400 123456")).find("div")
    assert isinstance(root, Tag)
    expected = check_number("07400 123456", "GB")
    assert root["data-verdict"] == expected.verdict_code
    assert root["data-sendable"] == "true"
    assert {"admonition", "warning"} <= set(root["class"])  # sendable once fixed
    assert root["data-answer"] == expected.answer == "fix"
    verdict = root.select_one(".number-example__verdict strong")
    assert verdict is not None
    assert verdict.get_text() == expected.headline
    points = [li.get_text() for li in root.select(".number-example__points li")]
    assert points == list(expected.points)
    assert points
    store = root.select_one(".number-example__store code")
    assert store is not None
    assert store.get_text() == expected.e164
    assert root.get_text().count("+447400123456") == 1  # said once: the number to store


def test_example_of_a_number_that_cannot_take_sms_stores_nothing() -> None:
    root = soup(number_example("0121 234 5678"))
    expected = check_number("0121 234 5678", "GB")
    assert not expected.sendable
    div = root.find("div")
    assert isinstance(div, Tag)
    assert div["data-sendable"] == "false"
    assert {"admonition", "failure"} <= set(div["class"])
    assert div["data-verdict"] == expected.verdict_code
    store = root.select_one(".number-example__store")
    assert store is not None
    assert store.find("code") is None
    assert NOT_SENDABLE in store.get_text()


def test_region_argument_reads_numbers_in_that_country() -> None:
    root = soup(number_example("087 123 4567", "ie"))
    expected = check_number("087 123 4567", "IE")
    store = root.select_one(".number-example__store code")
    assert store is not None
    assert store.get_text() == expected.e164
    assert expected.e164 is not None
    assert expected.e164.startswith("+353")


def test_table_has_one_row_per_number_with_the_checkers_verdict() -> None:
    table = soup(number_examples(*PAGE_NUMBERS)).find("table")
    assert isinstance(table, Tag)
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == ["As stored on the record", "What the checker says", "Store it as"]
    rows = table.select("tbody tr")
    assert len(rows) == len(PAGE_NUMBERS)
    for raw, row in zip(PAGE_NUMBERS, rows, strict=True):
        expected = check_number(raw, "GB")
        cells = row.find_all(["th", "td"])
        assert cells[0].get_text() == raw
        assert cells[0].select_one("code.sms-number") is not None  # never wraps
        strong = cells[1].find("strong")
        assert strong is not None
        assert strong.get_text() == expected.headline
        points = [li.get_text() for li in cells[1].find_all("li")]
        assert points == list(expected.points)
        if expected.sendable:
            assert cells[2].get_text() == expected.e164
        elif expected.fix:
            assert cells[2].get_text() == f"{expected.fix_label} {expected.fix}"
        else:
            assert cells[2].get_text() == NOT_SENDABLE
        assert row["data-verdict"] == expected.verdict_code
        assert row["data-answer"] == expected.answer


def test_the_wrong_characters_are_marked() -> None:
    table = soup(number_examples("O7400 123456", "07400-123-456", "+44 7400 123456"))
    marks = [[m.get_text() for m in row.select("th mark")] for row in table.select("tbody tr")]
    assert marks == [["O"], ["-", "-"], []]


def test_the_issues_set_of_cases_is_covered_by_the_page_numbers() -> None:
    codes = {p.code for raw in PAGE_NUMBERS for p in check_number(raw, "GB").problems}
    assert {"formatting_characters", "missing_country_code", "landline", "fictional"} <= codes
    assert "letters" in codes
    assert any("dashes" in p.message for p in check_number("07400-123-456", "GB").problems)


def test_everything_is_escaped() -> None:
    hostile = '<script>alert("x")</script>&'
    html = str(number_examples(hostile)) + str(number_example(hostile))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert BeautifulSoup(html, "html.parser").find("script") is None


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: number_example(7400123456), "Put the number in quotes"),  # type: ignore[arg-type]
        (lambda: number_example("  "), "the number is empty"),
        (lambda: number_example("07400 123456", "XX"), "unknown region 'XX'"),
        (number_examples, "give at least one number"),
        (lambda: number_examples("07400 123456", None), "is not text"),  # type: ignore[arg-type]
        (
            lambda: number_examples("07400 123456", region="ZZ"),
            "unknown region 'ZZ'",
        ),
        (lambda: SiteRegions.from_extra({"default_region": "QQ"}), "extra.default_region"),
    ],
)
def test_bad_arguments_say_what_to_write(call: object, expected: str) -> None:
    assert callable(call)
    with pytest.raises(MacroError, match=re.escape(expected)):
        call()


def test_misspelt_names_get_the_closest_one_suggested() -> None:
    with pytest.raises(MacroError, match=re.escape('Did you mean please_include("not_received")?')):
        please_include("not_recieved")
    with pytest.raises(MacroError, match=re.escape('Did you mean channel("portal")?')):
        channel("portl")
    with pytest.raises(MacroError) as caught:
        please_include("zzzz")
    assert "Did you mean" not in str(caught.value)
    assert 'Or write please_include("common")' in str(caught.value)


@pytest.mark.slow
def test_changing_the_checker_changes_the_built_page(project_copy: Path, tmp_path: Path) -> None:
    """The issue's acceptance test: the page's verdicts come from the checker at build time."""
    words = project_copy / "checkers" / "_internal" / "number_words.py"
    old = '"No: it is a landline, and a landline cannot receive texts."'
    new_verdict = "Landline (changed in this copy): no texts"
    text = words.read_text(encoding="utf-8")
    assert old in text
    words.write_text(text.replace(old, repr(new_verdict)), encoding="utf-8")
    drama = project_copy / "checkers" / "_internal" / "drama_numbers.py"
    text = drama.read_text(encoding="utf-8")
    mobile_range = 'DramaRange("Mobile", "07700 900000", "07700 900999"),'
    assert mobile_range in text
    drama.write_text(text.replace(mobile_range, ""), encoding="utf-8")

    build = build_site(project_copy, tmp_path / "site", pythonpath=project_copy)
    assert build.returncode == 0, build.log
    table = build.page("sending-fails").select_one("table[data-macro=number-examples]")
    assert table is not None
    rows = {row.find("th").get_text(): row for row in table.select("tbody tr") if row.find("th")}
    landline = rows["0121 234 5678"]
    assert new_verdict in landline.get_text()
    assert check_number("0121 234 5678", "GB").headline not in landline.get_text()
    # 07700 900123 is no longer a drama number in the copy: the page says something else.
    drama_row = rows["07700 900123"]
    assert drama_row["data-verdict"] != check_number("07700 900123", "GB").verdict_code
    assert check_number("07700 900123", "GB").headline not in drama_row.get_text()
