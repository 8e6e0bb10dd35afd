"""The number checker widget end to end: the built site in headless Chromium, real Pyodide.

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import functools
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import check_number
from tests.browser import BOOT_MS, axe_violations, widget_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="number-checker"]'


widget = functools.partial(widget_on, name="number-checker")


def number_input(page: Page) -> Locator:
    return widget(page).get_by_label("Mobile number")


def verdict(page: Page) -> Locator:
    return widget(page).locator('[data-part="verdict"]')


def check(page: Page, raw: str, region: str = "GB") -> dict[str, object]:
    """Type `raw`; wait until the widget shows checkers' own verdict for it."""
    expected = check_number(raw, region).to_dict()
    number_input(page).fill(raw)
    expect(verdict(page)).to_have_text(str(expected["verdict"]), timeout=BOOT_MS)
    return expected


def test_uk_mobile_shows_ready_verdict_warning_and_e164(page: Page) -> None:
    page.goto("/sending-fails/")
    expected = check(page, "07400 123456")
    assert expected["type"] == "mobile"
    assert expected["sendable"] is True
    box = widget(page)
    warning = next(p for p in expected["problems"] if p["code"] == "missing_country_code")
    expect(box.locator(".number-checker__problems")).to_contain_text(
        f"Warning: {warning['message']}"
    )
    expect(box.locator(".number-checker__store code")).to_have_text("+447400123456")
    expect(box.locator(".number-checker__store")).to_contain_text("Store it as +447400123456")
    box.get_by_role("button", name="Copy +447400123456").click()
    expect(box.get_by_text("Copied", exact=True)).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "+447400123456"


def test_uk_landline_shows_landline_verdict(page: Page) -> None:
    page.goto("/sending-fails/")
    expected = check(page, "0121 234 5678")
    assert expected["verdict_code"] == "landline"
    expect(verdict(page)).to_contain_text("Landline")
    expect(widget(page).locator(".number-checker__problems")).to_contain_text("Error: ")
    # A landline can never take an SMS: no "Store it as" offer for it.
    expect(widget(page).locator(".number-checker__store")).to_have_count(0)


def test_markup_typed_in_is_shown_as_text(page: Page) -> None:
    page.goto("/sending-fails/")
    typed = "<script>alert(1)</script>"
    check(page, typed)
    assert number_input(page).input_value() == typed
    assert widget(page).locator("script").count() == 0
    expect(widget(page).locator(".number-checker__problems")).to_contain_text("“<”")
    page.wait_for_timeout(300)  # a dialog, if one fired, is caught by the page fixture


def test_region_select_changes_how_numbers_are_read(page: Page) -> None:
    page.goto("/sending-fails/")
    select = widget(page).get_by_label("Country for numbers without a country code")
    expect(select).to_have_value("GB")
    select.select_option("US")
    expected = check(page, "(202) 555-0143", region="US")
    assert expected["verdict_code"] != "landline"
    assert expected["e164"]
    expect(widget(page).locator(".number-checker__store code")).to_have_text(str(expected["e164"]))
    expect(widget(page)).not_to_contain_text("landline")


def test_widget_works_after_instant_navigation(page: Page) -> None:
    page.goto("/sending-fails/")
    check(page, "07400 123456")
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="2. Not received").first.click()
    # Material's navigation.tracking may carry the last section's #anchor over.
    page.wait_for_url(re.compile(r".*/not-received/(#.*)?$"))
    expect(page.locator("article h1")).to_contain_text("Section 2")
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    check(page, "+44 7700 123456")
    expect(widget(page).locator(".number-checker__store code")).to_have_text("+447700123456")


def test_axe_finds_no_violation_on_the_page_with_a_verdict_shown(page: Page) -> None:
    page.goto("/sending-fails/")
    check(page, "07400 123456")
    violations = axe_violations(page, context=f"article {WIDGET}")
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_axe_finds_no_violation_in_the_widget_in_dark_mode(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto("/sending-fails/")
    check(page, "0121 234 5678")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    violations = axe_violations(page, context=f"article {WIDGET}")
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def test_keyboard_only(page: Page) -> None:
    page.goto("/sending-fails/")
    target = number_input(page)
    expect(target).to_be_enabled()
    for _ in range(200):
        page.keyboard.press("Tab")
        if target.evaluate("node => node === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the number input")
    expected = check_number("07400 123456", "GB").to_dict()
    page.keyboard.type("07400 123456")
    expect(verdict(page)).to_have_text(str(expected["verdict"]), timeout=BOOT_MS)
