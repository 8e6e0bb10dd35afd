"""The allowance checker widget end to end: the built site in headless Chromium, real Pyodide.

Every expected verdict, user and reason is computed here with `checkers.check_allowances`.
Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import MAX_TABLE_CHARACTERS, AllowanceError, check_allowances
from tests.browser import BOOT_MS, axe_violations, widget_on, widget_part

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="allowance-checker"]'
PAGE = "/sending-fails/"

# As copied from Plugins > SMS Limits: tab-separated, with a header row.
COPIED = (
    "User\tEmail\tDaily Allowance\n"
    "Ann Lee\tann@example.com\t0\n"
    "Bob Kay\tbob@example.com\t\n"
    "Cara Diaz\tcara@example.com\t100\n"
    "Dev Rao\tdev@example.com\t1.000\n"
    "Eli Fox\teli@example.com\tten\n"
    "Ann Lee\tann2@example.com\t50\n"
    "Fay Ng\tfay@example.com\t-5\n"
)
EXPORTED = 'User,Daily Allowance\n"Smith, Jane",0\nOmar Said,"1,000"\nPat Low,\nRi Ito,2.5\n'
ALL_FINE = "User\tDaily Allowance\nAnn Lee\t100\nBob Kay\t1 000\nCara Diaz\t5\n"


def widget(page: Page) -> Locator:
    """The page's first allowance checker."""
    return widget_on(page, "allowance-checker")


def textarea(page: Page) -> Locator:
    return widget(page).get_by_label("SMS Limits table")


verdict = functools.partial(widget_part, name="allowance-checker", part="verdict")


def blocked_rows(page: Page) -> Locator:
    return widget(page).locator('[data-part="details"] tbody tr')


def expect_result(page: Page, text: str) -> dict[str, Any]:
    """Wait until the widget shows checkers' own result for `text` (its verdict sentence, its
    refusal); check every part of it. Returns the result, or {"error": refusal}."""
    try:
        report = check_allowances(text).to_dict()
    except AllowanceError as error:
        expect(verdict(page)).to_have_text(f"Cannot check the table: {error}", timeout=BOOT_MS)
        expect(blocked_rows(page)).to_have_count(0)
        return {"error": str(error)}
    expect(verdict(page)).to_have_text(report["verdict"], timeout=BOOT_MS)
    blocked = [row for row in report["rows"] if not row["can_send"]]
    expect(blocked_rows(page)).to_have_count(len(blocked))
    for shown, row in zip(blocked_rows(page).all(), blocked, strict=True):
        expect(shown.locator("th")).to_have_text(row["who"])
        expect(shown.locator("td")).to_have_text([row["reason"]])
    expect(widget(page).locator('[data-part="note-list"] li')).to_have_text(report["notes"])
    return {"error": None, **report}


def paste(page: Page, text: str) -> None:
    """Put `text` on the clipboard and paste it into the textarea with Ctrl+V."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    textarea(page).focus()
    page.keyboard.press("Control+V")


def test_tab_separated_table_pasted_from_the_crm(page: Page) -> None:
    page.goto(PAGE)
    paste(page, COPIED)
    assert textarea(page).input_value() == COPIED
    report = expect_result(page, COPIED)
    assert report["cannot_send"] == 5
    assert report["notes"]
    todo = widget(page).locator('[data-part="fix"]')
    expect(todo).to_contain_text("whole number above 0")
    expect(todo.locator("kbd.ui-path kbd.ui-element")).to_have_text(
        ["Plugins", "SMS Limits", "Daily Allowance", "Save and Close"]
    )


def test_a_space_separated_paste_reads_as_name_then_allowance(page: Page) -> None:
    page.goto(PAGE)
    text = "Alex Morgan 100\nSam Lee 0\nJo Park 0\n"
    textarea(page).fill(text)
    report = expect_result(page, text)
    assert [row["user"] for row in report["rows"]] == ["Alex Morgan", "Sam Lee", "Jo Park"]
    expect(blocked_rows(page).locator("th")).to_have_text(["Sam Lee", "Jo Park"])
    expect(widget(page)).not_to_contain_text("which is not a number")


def test_results_name_the_user_and_say_the_fix_once_above_the_list(page: Page) -> None:
    page.goto(PAGE)
    text = "User\tDaily Allowance\nAnn Lee\t0\n\t0\nBob Kay\t0\n"
    textarea(page).fill(text)
    report = expect_result(page, text)
    expect(blocked_rows(page).locator("th")).to_have_text(
        ["Ann Lee", "The user on line 3", "Bob Kay"]
    )
    fix = widget(page).locator('[data-part="fix"]')
    expect(fix).to_have_text(report["fix"])
    details = widget(page).locator('[data-part="details"]')
    assert fix.evaluate(
        "(fix, details) => !!(fix.compareDocumentPosition(details)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)",
        details.element_handle(),
    ), "the fix comes before the list"
    assert widget(page).inner_text().count("Save and Close") == 1, "the fix is said once"
    answer = verdict(page).locator('[data-part="answer"]')
    expect(answer).to_have_attribute("data-answer", "no")
    expect(answer).to_have_class("admonition failure sms-answer")


def test_comma_separated_export(page: Page) -> None:
    page.goto(PAGE)
    textarea(page).fill(EXPORTED)
    report = expect_result(page, EXPORTED)
    users = {row["user"]: row["can_send"] for row in report["rows"]}
    assert users == {"Smith, Jane": False, "Omar Said": True, "Pat Low": False, "Ri Ito": False}


def test_a_table_where_everyone_can_send_says_so(page: Page) -> None:
    page.goto(PAGE)
    paste(page, ALL_FINE)
    report = expect_result(page, ALL_FINE)
    assert report["all_can_send"] is True
    expect(verdict(page)).to_have_attribute("data-verdict", "all-can-send")
    expect(verdict(page).locator('[data-part="answer"]')).to_have_attribute("data-answer", "yes")
    expect(widget(page).locator('[data-part="fine"]')).to_contain_text("Go on to Check 2")
    expect(widget(page).locator("table")).to_have_count(0)
    expect(widget(page).locator('[data-part="fix"]')).to_be_hidden()


def test_results_follow_typing(page: Page) -> None:
    page.goto(PAGE)
    expect(textarea(page)).to_be_enabled()
    expect(verdict(page)).to_be_empty()
    textarea(page).fill(ALL_FINE)
    expect_result(page, ALL_FINE)
    textarea(page).press("End")
    textarea(page).press_sequentially("Zed Ho", delay=20)
    expect_result(page, ALL_FINE + "Zed Ho")


def test_markup_in_a_user_name_is_shown_as_text(page: Page) -> None:
    page.goto(PAGE)
    text = "User\tDaily Allowance\n<script>alert(1)</script>\t0\n<img src=x onerror=alert(2)>\t\n"
    textarea(page).fill(text)
    expect_result(page, text)
    expect(blocked_rows(page).first.locator("th")).to_have_text("<script>alert(1)</script>")
    result = widget(page).locator('[data-part="result"]')
    expect(result.locator("script, img")).to_have_count(0)
    page.wait_for_timeout(300)  # a dialog, if one fired, is caught by the page fixture


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("   \n\t\n", id="blank"),
        pytest.param("just some words", id="no-table"),
        pytest.param("User\tDaily Allowance\n", id="header-only"),
        pytest.param("\x00\x01\x02PK\x03\x04\x00\x00binary\x00", id="binary"),
        pytest.param("Name\tMobile\nAnn Lee\t07400 123456\n", id="other-columns"),
    ],
)
def test_input_that_is_not_an_allowance_table_gets_checkers_message(page: Page, text: str) -> None:
    page.goto(PAGE)
    textarea(page).fill(text)
    report = expect_result(page, text)
    if report["error"]:
        expect(verdict(page)).to_have_attribute("data-verdict", "unreadable")
        expect(widget(page).locator('[data-part="fix"]')).to_be_hidden()
    assert textarea(page).input_value() == text, "the reader's paste was changed"


def test_a_huge_paste_lists_the_first_blocked_users_and_counts_them_all(page: Page) -> None:
    page.goto(PAGE)
    text = "User\tDaily Allowance\n" + "".join(
        f"User {n}\t{n % 2 * 10}\n" for n in range(1, 20_001)
    )
    report = check_allowances(text).to_dict()
    paste(page, text)  # Playwright's fill() stalls on text this long; a real paste does not
    expect(verdict(page)).to_have_text(report["verdict"], timeout=BOOT_MS)
    shown = blocked_rows(page)
    first = [row for row in report["rows"] if not row["can_send"]][: shown.count()]
    assert 0 < shown.count() < report["cannot_send"]
    expect(shown.locator("th")).to_have_text([row["user"] for row in first])
    expect(widget(page).locator(".allowance-checker__more")).to_have_text(
        f"Showing the first {shown.count()} of {report['cannot_send']:,} users who cannot send."
    )


def test_a_paste_over_the_limit_is_refused_in_plain_words(page: Page) -> None:
    page.goto(PAGE)
    expect(widget(page)).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    text = "User\tDaily Allowance\n" + "Jane Smith\t100\n" * (20_000_000 // 16)  # 20 MB
    assert len(text) > MAX_TABLE_CHARACTERS
    paste(page, text)
    expect(verdict(page)).to_contain_text(
        "Cannot check the table: The table is too large to check here", timeout=BOOT_MS
    )
    expect(blocked_rows(page)).to_have_count(0)
    assert textarea(page).evaluate("node => node.value.length") == len(text)  # nothing lost


def test_try_an_example_then_clear(page: Page) -> None:
    page.goto(PAGE)
    box = widget(page)
    example = box.get_attribute("data-example")
    assert example
    box.get_by_role("button", name="Try an example").click()
    expect(textarea(page)).to_have_value(example)
    expect_result(page, example)
    box.get_by_role("button", name="Clear").click()
    expect(textarea(page)).to_have_value("")
    expect(textarea(page)).to_be_focused()
    expect(verdict(page)).to_have_text("")
    expect(box.locator('[data-part="details"]')).to_be_empty()


def test_widget_mounts_after_instant_navigation(page: Page) -> None:
    page.goto("/not-received/")
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="1. Sending fails").first.click()
    page.wait_for_url(f"**{PAGE}")
    expect(page.locator("article h1")).to_contain_text("Section 1")
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    paste(page, COPIED)
    expect_result(page, COPIED)


def test_failure_state_when_python_cannot_load(page: Page) -> None:
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto(PAGE)
    box = widget(page)
    expect(box.locator('[data-part="status-text"]')).to_contain_text(
        "The allowance checker could not start:", timeout=BOOT_MS
    )
    expect(box.get_by_role("button", name="Retry")).to_be_visible()
    expect(box).to_have_attribute("data-state", "error")
    expect(page.locator("#s1-check1")).to_be_visible()
    article = page.locator("article")
    expect(article).to_contain_text("Find the affected user and enter a number in the")
    expect(article.locator("kbd.ui-element", has_text="Save and Close").first).to_be_visible()
    # The reader's paste is kept, and Clear still works.
    textarea(page).fill(ALL_FINE)
    expect(textarea(page)).to_have_value(ALL_FINE)
    box.get_by_role("button", name="Clear").click()
    expect(textarea(page)).to_have_value("")


def tab_to(page: Page, target: Locator, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def test_keyboard_only(page: Page) -> None:
    page.goto(PAGE)
    area = textarea(page)
    expect(area).to_be_enabled()
    tab_to(page, area)
    typed = "User,Daily Allowance\nAnn Lee,0\nBob Kay,20"
    page.keyboard.type(typed)
    expect_result(page, typed)
    live = widget(page).locator("[aria-live]", has_text="cannot send SMS")
    expect(live).to_have_attribute("aria-live", "polite")
    # Ctrl+V from the keyboard, after selecting everything.
    page.evaluate("text => navigator.clipboard.writeText(text)", ALL_FINE)
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+V")
    expect_result(page, ALL_FINE)
    clear = widget(page).get_by_role("button", name="Clear")
    tab_to(page, clear)
    page.keyboard.press("Enter")
    expect(area).to_have_value("")
    expect(area).to_be_focused()


# Outside the widget axe reports Material's chrome and the guide's tick boxes (see
# tests/test_browser_number_checker.py); inside it, nothing.
def axe_inside_widget(page: Page) -> None:
    violations = axe_violations(page, context=f"article {WIDGET}")
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def test_axe_finds_no_violation_in_the_widget_with_a_result_shown(page: Page) -> None:
    page.goto(PAGE)
    paste(page, COPIED)
    expect_result(page, COPIED)
    axe_inside_widget(page)


def test_axe_finds_no_violation_in_the_widget_in_dark_mode(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(PAGE)
    paste(page, COPIED)
    expect_result(page, COPIED)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    axe_inside_widget(page)
    textarea(page).fill(ALL_FINE)
    expect_result(page, ALL_FINE)
    axe_inside_widget(page)


def test_axe_finds_no_violation_in_the_failure_state(page: Page) -> None:
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto(PAGE)
    expect(widget(page).get_by_role("button", name="Retry")).to_be_visible(timeout=BOOT_MS)
    axe_inside_widget(page)
