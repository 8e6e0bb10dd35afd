"""The number checker widget end to end: the built site in headless Chromium, real Pyodide.

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import functools
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import check_number
from tests.browser import BOOT_MS, Contexts, axe_violations, widget_on, widget_part

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="number-checker"]'
PLACES = (("/sending-fails/", "#s1-check2"), ("/not-received/", "#s2-step2"))
"""Where the guide checks a number: each page and the heading the checker sits under."""


widget = functools.partial(widget_on, name="number-checker")


def number_input(page: Page) -> Locator:
    return widget(page).get_by_label("Mobile number")


def region_select(page: Page) -> Locator:
    return widget(page).get_by_label("Country for numbers without a country code")


verdict = functools.partial(widget_part, name="number-checker", part="verdict")


def expected_for(page: Page, raw: str, region: str) -> dict[str, object]:
    """checkers' result for `raw`, trying the common countries the page's widget tries."""
    common = str(widget(page).get_attribute("data-common-regions")).split()
    tried = tuple(code for code in common if code != region)
    return check_number(raw, region, try_regions=tried).to_dict()


def check(page: Page, raw: str, region: str = "GB") -> dict[str, object]:
    """Type `raw`; wait until the widget shows checkers' own answer for it."""
    expected = expected_for(page, raw, region)
    number_input(page).fill(raw)
    expect(verdict(page).locator('[data-part="headline"]')).to_have_text(
        str(expected["headline"]), timeout=BOOT_MS
    )
    expect(verdict(page)).to_have_attribute("data-answer", str(expected["answer"]))
    points = verdict(page).locator('[data-part="points"] li')
    expect(points).to_have_text([str(point) for point in expected["points"]])  # type: ignore[attr-defined]
    return expected


def test_uk_mobile_answers_yes_once_stored_and_says_the_number_once(page: Page) -> None:
    page.goto("/sending-fails/")
    expected = check(page, "07400 123456")
    assert expected["answer"] == "fix"
    box = verdict(page)
    expect(box).to_contain_text("Yes, once it is stored correctly.")
    expect(box.locator('[data-part="fix"] code')).to_have_text("+447400123456")
    expect(box.locator('[data-part="fix"]')).to_contain_text("Store it as +447400123456")
    # The number is said once: the fix (its Copy button names it for a screen reader).
    shown = box.inner_text()
    assert shown.count("+447400123456") <= 2, shown
    names = box.evaluate(
        "node => node.textContent + [...node.querySelectorAll('[aria-label]')]"
        ".map(n => n.getAttribute('aria-label')).join(' ')"
    )
    assert names.count("+447400123456") <= 2, names
    box.get_by_role("button", name="Copy +447400123456").click()
    expect(box.get_by_text("Copied", exact=True)).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "+447400123456"


def test_the_answer_is_words_an_icon_and_a_colour(page: Page) -> None:
    """Never colour alone: each answer has its own words and Material admonition icon."""
    page.goto("/sending-fails/")
    looks = {}
    for raw, answer in (("+447400123456", "yes"), ("07400 123456", "fix"), ("0121 234 5678", "no")):
        expected = check(page, raw)
        assert expected["answer"] == answer
        title = verdict(page).locator(".admonition-title")
        icon = title.evaluate("node => getComputedStyle(node, '::before').maskImage")
        colour = verdict(page).evaluate("node => getComputedStyle(node).borderColor")
        assert icon.startswith('url("data:image/svg+xml'), icon
        looks[answer] = (icon, colour)
    assert len({icon for icon, _ in looks.values()}) == 3, "each answer has its own icon"
    assert len({colour for _, colour in looks.values()}) == 3, "and its own colour"


def test_a_landline_answers_no_without_formatting_advice(page: Page) -> None:
    page.goto("/sending-fails/")
    expected = check(page, "0121 234 5678")
    assert expected["verdict_code"] == "landline"
    expect(verdict(page)).to_contain_text("No: it is a landline")
    expect(verdict(page)).not_to_contain_text("spaces")
    expect(verdict(page).locator('[data-part="fix"]')).to_have_count(0)


def test_a_missing_digit_is_named(page: Page) -> None:
    page.goto("/sending-fails/")
    check(page, "07400 12345")
    expect(verdict(page)).to_contain_text("has 11 digits; this one has 10: a digit is missing")
    expect(verdict(page)).not_to_contain_text("right length")


def test_a_french_mobile_read_as_british_suggests_france(page: Page) -> None:
    page.goto("/sending-fails/")
    expect(region_select(page).locator("option:checked")).to_have_text("United Kingdom (+44)")
    check(page, "06 12 34 56 78")
    expect(verdict(page)).to_contain_text("This is a valid mobile number in France")
    expect(verdict(page)).to_contain_text("+33612345678")
    verdict(page).get_by_role("button", name="Use France").click()
    expect(region_select(page)).to_have_value("FR")
    expected = check(page, "06 12 34 56 78", region="FR")
    assert expected["answer"] == "fix"
    expect(verdict(page).locator('[data-part="fix"] code')).to_have_text("+33612345678")
    expect(number_input(page)).to_be_focused()


def test_countries_are_named_with_the_common_ones_first(page: Page) -> None:
    page.goto("/sending-fails/")
    select = region_select(page)
    groups = select.locator("optgroup")
    expect(groups).to_have_count(2)
    assert groups.nth(0).get_attribute("label") == "Common countries"
    common = groups.nth(0).locator("option").all_inner_texts()
    assert common[:3] == ["United Kingdom (+44)", "Ireland (+353)", "United States (+1)"]
    everything = groups.nth(1).locator("option").all_inner_texts()
    assert len(everything) > 200
    assert "France (+33)" in everything
    assert not any(re.fullmatch(r"[A-Z]{2} \(\+\d+\)", name) for name in everything)


def test_markup_typed_in_is_shown_as_text(page: Page) -> None:
    page.goto("/sending-fails/")
    typed = "<script>alert(1)</script>"
    check(page, typed)
    assert number_input(page).input_value() == typed
    assert widget(page).locator("script").count() == 0
    page.wait_for_timeout(300)  # a dialog, if one fired, is caught by the page fixture


def test_region_select_changes_how_numbers_are_read(page: Page) -> None:
    page.goto("/sending-fails/")
    select = region_select(page)
    expect(select).to_have_value("GB")
    select.select_option("US")
    expected = check(page, "(202) 555-0143", region="US")
    assert expected["verdict_code"] != "landline"
    assert expected["e164"]
    expect(verdict(page).locator('[data-part="fix"] code')).to_have_text(str(expected["e164"]))


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
    expect(verdict(page).locator('[data-part="fix"] code')).to_have_text("+447700123456")


@pytest.mark.parametrize(("width", "height", "most"), [(1280, 900, 600), (390, 844, 844)])
@pytest.mark.parametrize(("path", "heading"), PLACES)
def test_the_checker_is_right_under_its_heading(
    contexts: Contexts, path: str, heading: str, width: int, height: int, most: int
) -> None:
    page = contexts.page(viewport={"width": width, "height": height})
    page.goto(path + heading)
    title = page.locator(heading)
    box = page.locator(f"{heading} ~ {WIDGET}").first
    field = box.get_by_label("Mobile number")
    expect(field).to_be_visible()
    top = title.bounding_box()
    below = field.bounding_box()
    assert top is not None
    assert below is not None
    gap = below["y"] + below["height"] - top["y"]
    assert gap <= most, f"the input ends {gap:.0f} px below its heading at {width} px"
    # Nothing of the check comes between the heading and the checker.
    between = title.evaluate(
        "(h, box) => { const out = []; for (let n = h.nextElementSibling; n && n !== box;"
        " n = n.nextElementSibling) out.push(n.tagName); return out; }",
        box.element_handle(),
    )
    assert between == [], between


def test_the_examples_are_collapsed_marked_and_never_wrap(contexts: Contexts) -> None:
    page = contexts.page(viewport={"width": 390, "height": 844})
    page.goto("/sending-fails/")
    block = page.locator("details.example", has=page.locator("table[data-macro=number-examples]"))
    expect(block).to_have_count(1)
    assert block.get_attribute("open") is None, "the examples start collapsed"
    table = block.locator("table[data-macro=number-examples]")
    expect(table).to_be_hidden()
    block.locator("summary").click()
    expect(table).to_be_visible()
    letter = table.locator("tbody tr", has_text="O7400 123456")
    expect(letter.locator("th mark")).to_have_text("O")
    expect(table.locator("tbody tr", has_text="07400-123-456").locator("th mark")).to_have_text(
        ["-", "-"]
    )
    numbers = table.locator("code.sms-number")
    assert numbers.count() >= 10
    lines = numbers.evaluate_all("nodes => nodes.map(n => n.getClientRects().length)")
    assert set(lines) == {1}, "a number broke across lines"
    expect(table.locator("tbody tr").first).to_have_attribute("data-answer", "fix")


def test_axe_finds_no_violation_with_each_answer_shown(page: Page) -> None:
    page.goto("/sending-fails/")
    for raw in ("07400 123456", "06 12 34 56 78", "+447400123456"):
        check(page, raw)
        violations = axe_violations(page, context=f"article {WIDGET}")
        assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_axe_finds_no_violation_in_the_widget_in_dark_mode(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto("/sending-fails/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    for raw in ("0121 234 5678", "07400 123456", "06 12 34 56 78"):
        check(page, raw)
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
    expected = expected_for(page, "06 12 34 56 78", "GB")
    page.keyboard.type("06 12 34 56 78")
    expect(verdict(page).locator('[data-part="headline"]')).to_have_text(
        str(expected["headline"]), timeout=BOOT_MS
    )
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.part") == "use-region":
            break
    else:
        pytest.fail("Tab never reached the Use France button")
    page.keyboard.press("Enter")
    expect(region_select(page)).to_have_value("FR")
