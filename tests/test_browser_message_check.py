"""The message checker widget end to end: the Tools page in headless Chromium, real Pyodide.

Every expected sentence comes from `checkers` (the op the widget calls, in this interpreter).
Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import MAX_MESSAGE_CHARACTERS, PART_CAPACITY, check_message
from checkers.api import handle
from tests.browser import BOOT_MS, axe_violations, widget_on
from tests.test_browser_pages import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "/tools/"
WIDGET = '[data-widget="message-check"]'
CURLY = "Hi Sam, we\u2019re free at 10:00 \u2013 see you then."
MIN_TARGET_PX = 24

widget = functools.partial(widget_on, name="message-check")


def part(page: Page, name: str) -> Locator:
    return widget(page).locator(f'[data-part="{name}"]')


def message_input(page: Page) -> Locator:
    return widget(page).get_by_label("Message", exact=True)


def page_result(text: str) -> dict[str, Any]:
    """What the widget is given for `text`: handle()'s result for the op it calls."""
    reply = handle({"op": "check_message", "text": text})
    assert reply["ok"] is True, reply
    return reply["result"]


def open_ready(page: Page) -> None:
    page.goto(PAGE)
    expect(widget(page)).to_have_attribute("data-state", "ready", timeout=BOOT_MS)


def expect_result(page: Page, text: str) -> dict[str, Any]:
    """Wait until the widget shows checkers' counts and verdict for `text`."""
    expected = page_result(text)
    expect(part(page, "counts")).to_have_text(expected["counts"], timeout=BOOT_MS)
    expect(part(page, "verdict")).to_have_text(expected["verdict"])
    return expected


def test_typing_updates_the_counts_and_the_parts(page: Page) -> None:
    open_ready(page)
    expect_result(page, "")  # "0 of 160 characters" before anything is typed
    message_input(page).press_sequentially("Hello")
    expected = expect_result(page, "Hello")
    assert expected["counts"] == "5 of 160 characters, 1 part"
    labels = part(page, "parts").locator(".message-check__part-label")
    expect(labels).to_have_text([expected["preview"][0]["label"]])
    expect(part(page, "parts").locator(".message-check__text")).to_have_text(["Hello"])
    long = "Your interview is confirmed for Tuesday. " * 4  # 164 characters: 2 parts
    message_input(page).fill(long)
    expected = expect_result(page, long)
    assert expected["segments"] == 2
    expect(labels).to_have_text([p["label"] for p in expected["preview"]])
    expect(part(page, "parts").locator("mark")).to_have_count(0)
    expect(part(page, "marks-hint")).to_be_hidden()
    expect(part(page, "fix")).to_be_hidden()


def test_a_curly_apostrophe_makes_it_unicode_marked_with_its_replacement(page: Page) -> None:
    open_ready(page)
    message_input(page).fill(CURLY)
    expected = expect_result(page, CURLY)
    assert "(Unicode)" in expected["counts"]
    marks = part(page, "parts").locator("mark")
    expect(marks).to_have_count(2)
    # Not colour alone: each mark holds the character and, in words, what to write instead.
    expect(marks.nth(0)).to_have_text("\u2019replace with '")
    expect(marks.nth(0).locator(".message-check__hint")).to_have_text("replace with '")
    expect(marks.nth(1)).to_have_text("\u2013replace with -")
    expect(part(page, "fix")).to_be_visible()
    expect(part(page, "marks-hint")).to_be_visible()
    # The whole text stays readable around the marks, in order.
    expect(part(page, "parts").locator(".message-check__text")).to_have_text(
        "Hi Sam, we\u2019replace with 're free at 10:00 \u2013replace with - see you then."
    )


def test_replace_them_all_gives_gsm7_in_one_part_and_undo_brings_the_text_back(
    page: Page,
) -> None:
    open_ready(page)
    message_input(page).fill(CURLY)
    expect_result(page, CURLY)
    widget(page).get_by_role("button", name="Replace them all").click()
    fixed = check_message(CURLY).fixed_text
    expect(message_input(page)).to_have_value(fixed)
    expected = expect_result(page, fixed)
    assert expected["encoding"] == "GSM-7"
    assert expected["counts"].endswith(", 1 part")
    expect(part(page, "counts")).to_contain_text("1 part")
    expect(part(page, "parts").locator("mark")).to_have_count(0)
    expect(part(page, "fix")).to_be_hidden()
    expect(message_input(page)).to_be_focused()
    page.keyboard.press("Control+z")  # the reader's own undo
    expect(message_input(page)).to_have_value(CURLY)
    expect_result(page, CURLY)


def test_copy_puts_the_fixed_text_on_the_clipboard(page: Page) -> None:
    open_ready(page)
    text = "\u201cGreat news\u201d \U0001f389 you\u2019re in\u2026"
    message_input(page).fill(text)
    expect_result(page, text)
    widget(page).get_by_role("button", name="Copy the fixed text").click()
    expect(part(page, "fix")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == check_message(text).fixed_text
    assert message_input(page).input_value() == text  # copying changes nothing


def test_keyboard_only(page: Page) -> None:
    open_ready(page)
    tab_to(page, message_input(page))
    page.keyboard.type(CURLY)
    expect_result(page, CURLY)
    tab_to(page, widget(page).get_by_role("button", name="Replace them all"))
    page.keyboard.press("Enter")
    fixed = check_message(CURLY).fixed_text
    expect(message_input(page)).to_have_value(fixed)
    expect_result(page, fixed)
    page.keyboard.type(" \u2019")  # focus is back in the text area, at the end
    again = fixed + " \u2019"
    expect_result(page, again)
    tab_to(page, widget(page).get_by_role("button", name="Copy the fixed text"))
    page.keyboard.press("Space")
    expect(part(page, "fix")).to_contain_text("Copied")


def test_the_counts_are_announced_once_typing_pauses(page: Page) -> None:
    open_ready(page)
    announce = part(page, "announce")
    expect(announce).to_have_attribute("aria-live", "polite")
    message_input(page).fill(CURLY)
    expected = expect_result(page, CURLY)
    expect(announce).to_have_text(f"{expected['counts']} {expected['verdict']}", timeout=5_000)
    assert announce.evaluate("node => node.getBoundingClientRect().width") <= 1  # for AT only


def test_targets_are_at_least_24_px(page: Page) -> None:
    open_ready(page)
    message_input(page).fill(CURLY)
    expect_result(page, CURLY)
    for target in (
        message_input(page),
        widget(page).get_by_role("button", name="Replace them all"),
        widget(page).get_by_role("button", name="Copy the fixed text"),
    ):
        box = target.bounding_box()
        assert box is not None
        assert box["width"] >= MIN_TARGET_PX, target
        assert box["height"] >= MIN_TARGET_PX, target


def test_without_javascript_the_limits_are_given(no_js_page: Page) -> None:
    no_js_page.goto(PAGE)
    fallback = widget(no_js_page).locator('[data-part="fallback"]')
    expect(fallback).to_be_visible()
    (gsm_one, gsm_split), (ucs_one, ucs_split) = PART_CAPACITY["GSM-7"], PART_CAPACITY["UCS-2"]
    expect(fallback).to_contain_text(f"fits {gsm_one} characters in one SMS part, or {gsm_split}")
    expect(fallback).to_contain_text(f"{ucs_one} characters in one part, {ucs_split} a part")
    expect(widget(no_js_page).locator('[data-part="controls"]')).to_be_hidden()
    # The example table is written at build time: it is there without JavaScript.
    rows = no_js_page.locator("article table[data-macro=message-examples] tbody tr")
    expect(rows.first).to_contain_text(check_message(rows.first.locator("th").inner_text()).counts)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_marks_shown(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_ready(page)
    text = CURLY + "\u00a0\u200b \U0001f44d\U0001f3fd " + "x" * 120  # three parts
    message_input(page).fill(text)
    expect_result(page, text)
    expect(part(page, "parts").locator("li")).to_have_count(3)
    assert page.evaluate("document.body.dataset.mdColorScheme") == (
        "slate" if scheme == "dark" else "default"
    )
    violations = axe_violations(page, context=f"article {WIDGET}")
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) {
    window.__longest = Math.max(window.__longest, task.duration);
  }
}).observe({ type: "longtask" });
"""


def paste(page: Page, text: str) -> None:
    """Paste `text` into the message box through the clipboard, as a reader does."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    message_input(page).focus()
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+v")


def test_a_paste_over_the_limit_is_refused_in_plain_words_without_freezing(page: Page) -> None:
    open_ready(page)
    page.evaluate(LONG_TASKS)
    message_input(page).fill(CURLY)
    expect_result(page, CURLY)
    too_long = "We\u2019re hiring. " * (MAX_MESSAGE_CHARACTERS // 14 + 10)
    assert len(too_long) > MAX_MESSAGE_CHARACTERS
    paste(page, too_long)
    expect(message_input(page)).to_have_value(too_long)
    refusal = MAX_MESSAGE_CHARACTERS.refuse(len(too_long))
    assert refusal.startswith(f"This text is {len(too_long):,} characters long")
    expect(part(page, "verdict")).to_have_text(refusal, timeout=10_000)
    expect(part(page, "counts")).to_have_text("")
    expect(part(page, "preview")).to_be_hidden()
    expect(part(page, "fix")).to_be_hidden()
    # The page kept answering: typing after the paste is checked at once.
    page.keyboard.press("Control+a")
    page.keyboard.type("Thanks")
    expect_result(page, "Thanks")
    longest = page.evaluate("window.__longest")
    assert longest < 500, f"the main thread was blocked for {longest:.0f} ms"


def test_the_longest_message_taken_builds_a_bounded_page(page: Page) -> None:
    open_ready(page)
    # The worst case for marks: a character to fix every other one, in runs that do not join.
    text = ("\u2019a\U0001f600b\u00a0" * 20_000)[:MAX_MESSAGE_CHARACTERS]
    paste(page, text)
    expected = page_result(text)
    expect(part(page, "counts")).to_have_text(expected["counts"], timeout=20_000)
    expect(part(page, "parts-note")).to_have_text(expected["parts_note"])
    assert expected["parts_note"].startswith("Showing the first 10 of ")
    expect(part(page, "parts").locator("li")).to_have_count(10)
    marks = sum(len(p["highlights"]) for p in expected["preview"])
    expect(part(page, "parts").locator("mark")).to_have_count(marks)
    nodes = widget(page).evaluate(
        "root => { const all = document.createNodeIterator(root, NodeFilter.SHOW_ALL);"
        " let count = 0; while (all.nextNode()) count += 1; return count; }"
    )
    # Six nodes a mark (the mark, the character, the hint, the text before it), not one a
    # character: a few thousand for the 100,000 characters pasted.
    assert nodes <= 6 * marks + 300, nodes
    assert nodes < len(text) / 30, nodes
