"""Every page of the built site in headless Chromium: axe-core in light and dark, the guide's
tick boxes (remembered, keyboard, without JavaScript) and printing.

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import check_number, load_spec
from tests.browser import BOOT_MS, assert_local, axe_violations
from tests.engines import MARK_LEAVING, NAV_LINK
from tests.sitebuild import Build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TICKS = "sms-help.ticks"
STEPS_DONE = "sms-help.steps-done"
BOX = ".task-list-control input[type='checkbox']"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def site_paths(build: Build) -> list[str]:
    """Every page of the built site, from its sitemap, as paths ('/', '/tools/', …)."""
    tree = ElementTree.parse(build.site / "sitemap.xml")
    locs = [loc.text or "" for loc in tree.getroot().iterfind("sm:url/sm:loc", SITEMAP_NS)]
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in locs]


def test_the_sitemap_lists_every_page(built_site: Build) -> None:
    on_disk = sorted(
        "/" + "".join(f"{part}/" for part in path.parent.relative_to(built_site.site).parts)
        for path in built_site.site.rglob("index.html")
        if "assets" not in path.parts
    )
    assert sorted(site_paths(built_site)) == on_disk
    assert {"/", "/tools/", "/writers/", "/sending-fails/"} <= set(on_disk)


# --- the guide's tick boxes --------------------------------------------------------------


def wait_for_path(page: Page, path: str) -> None:
    """Wait until the page shows `path`. Any #fragment is allowed: with navigation.tracking
    Material may write the section scrolled to into the address, even just after a swap."""
    page.wait_for_url(re.compile(rf"^[^#]*{re.escape(path)}(#.*)?$"))


def boxes(page: Page) -> Locator:
    return page.locator(f"article {BOX}")


def session(page: Page, key: str) -> Any:
    text = page.evaluate("key => sessionStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


# Where Material draws a tick box: its indicator's ::before, 1.25em square, 1.5em left of
# the list item and 0.15em down (the indicator itself is an empty span).
DRAWN_BOX_CENTRE = """box => {
    const indicator = box.nextElementSibling;
    const em = parseFloat(getComputedStyle(indicator).fontSize);
    const item = box.closest("li").getBoundingClientRect();
    return [item.left - 1.5 * em + 0.625 * em, item.top + 0.15 * em + 0.625 * em];
}"""


DRAWN_BOX_STYLE = """box => {
    const style = getComputedStyle(box.nextElementSibling, "::before");
    return {width: parseFloat(style.width), mask: style.maskImage || style.webkitMaskImage,
            colour: style.backgroundColor, display: style.display};
}"""


def click_drawn_box(page: Page, box: Locator) -> None:
    box.scroll_into_view_if_needed()
    x, y = box.evaluate(DRAWN_BOX_CENTRE)
    page.mouse.click(x, y)


def tick(page: Page, index: int) -> None:
    """Click tick box `index` the way a reader does: on the box drawn on the page."""
    box = boxes(page).nth(index)
    before = box.is_checked()
    click_drawn_box(page, box)
    expect(box).to_be_checked(checked=not before)


def wait_mounted(page: Page) -> None:
    expect(boxes(page).first).to_have_attribute("data-mounted", "true")


def done_box(page: Page, step: str) -> Locator:
    return page.locator(f"article {BOX}[data-step='{step}']")


def test_ticks_survive_a_reload(page: Page) -> None:
    page.goto("/sending-fails/")
    wait_mounted(page)
    tick(page, 1)
    tick(page, 3)
    assert session(page, TICKS) == {"/sending-fails/#1": True, "/sending-fails/#3": True}
    page.reload()
    wait_mounted(page)
    states = [boxes(page).nth(i).is_checked() for i in range(boxes(page).count())]
    assert states == [i in {1, 3} for i in range(len(states))]
    tick(page, 1)  # untick
    assert session(page, TICKS) == {"/sending-fails/#3": True}
    page.reload()
    wait_mounted(page)
    expect(boxes(page).nth(1)).not_to_be_checked()
    expect(boxes(page).nth(3)).to_be_checked()


def test_ticks_survive_instant_navigation_away_and_back(page: Page) -> None:
    page.goto("/not-received/")
    wait_mounted(page)
    tick(page, 2)
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="1. Sending fails").first.click()
    wait_for_path(page, "/sending-fails/")
    expect(page.locator("article h1")).to_contain_text("Section 1")
    wait_mounted(page)
    # Same index, another page: a box of its own, not ticked.
    expect(boxes(page).nth(2)).not_to_be_checked()
    tick(page, 0)
    page.locator(".md-nav__link", has_text="2. Not received").first.click()
    wait_for_path(page, "/not-received/")
    expect(page.locator("article h1")).to_contain_text("Section 2")
    wait_mounted(page)
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    expect(boxes(page).nth(2)).to_be_checked()
    expect(boxes(page).nth(0)).not_to_be_checked()
    assert session(page, TICKS) == {"/not-received/#2": True, "/sending-fails/#0": True}


def test_done_boxes_record_their_steps_in_guide_order(page: Page) -> None:
    order = [step.id for step in load_spec().steps]
    page.goto("/not-received/")
    wait_mounted(page)
    click_drawn_box(page, done_box(page, "s2-step3"))
    expect(done_box(page, "s2-step3")).to_be_checked()
    assert session(page, STEPS_DONE) == ["s2-step3"]
    page.goto("/sending-fails/")
    wait_mounted(page)
    for step in ("s1-check4", "s1-check2"):
        click_drawn_box(page, done_box(page, step))
    expected = [s for s in order if s in {"s1-check2", "s1-check4", "s2-step3"}]
    assert session(page, STEPS_DONE) == expected
    # A check-list box that is not a "Done:" box records no step.
    tick(page, 1)
    assert session(page, STEPS_DONE) == expected
    click_drawn_box(page, done_box(page, "s1-check4"))
    expect(done_box(page, "s1-check4")).not_to_be_checked()
    assert session(page, STEPS_DONE) == [s for s in expected if s != "s1-check4"]
    page.reload()
    wait_mounted(page)
    expect(done_box(page, "s1-check2")).to_be_checked()
    expect(done_box(page, "s1-check4")).not_to_be_checked()


def test_every_step_has_a_done_box_on_its_page(page: Page) -> None:
    for step in load_spec().steps:
        page.goto(f"/{step.page}/")
        expect(done_box(page, step.id)).to_have_count(1)
        expect(done_box(page, step.id)).to_have_attribute("aria-label", re.compile("^Done: "))


def tab_to(page: Page, target: Locator, key: str = "Tab") -> None:
    """Press `key` until `target` has the focus."""
    for _ in range(200):
        page.keyboard.press(key)
        if target.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"{key} never reached {target}")


def test_tick_boxes_work_from_the_keyboard(page: Page) -> None:
    page.goto("/not-received/")
    wait_mounted(page)
    first = done_box(page, "s2-step1")
    tab_to(page, first)
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    assert session(page, STEPS_DONE) == ["s2-step1"]
    # The focused box shows a focus ring on its drawn box.
    outline = first.evaluate(
        "node => getComputedStyle(node.nextElementSibling, '::after').outlineStyle"
    )
    assert outline not in {"none", ""}, outline
    second = boxes(page).nth(1)
    tab_to(page, second)
    page.keyboard.press("Space")
    expect(second).to_be_checked()
    tab_to(page, first, key="Shift+Tab")
    page.keyboard.press("Space")
    expect(first).not_to_be_checked()
    assert session(page, STEPS_DONE) == []
    assert session(page, TICKS) == {"/not-received/#1": True}


def test_without_javascript_the_boxes_tick_and_the_guide_is_complete(
    no_js_page: Page, built_site: Build
) -> None:
    page = no_js_page
    for step in load_spec().steps:
        page.goto(f"/{step.page}/")
        expect(page.locator(f"#{step.id}")).to_be_visible()
        expect(done_box(page, step.id)).to_have_count(1)
    page.goto("/sending-fails/")
    count = boxes(page).count()
    assert count == len(built_site.page("sending-fails/").select(BOX)) > 0
    for index in range(count):
        drawn = boxes(page).nth(index).evaluate(DRAWN_BOX_STYLE)
        assert drawn["width"] > 0, drawn
        assert drawn["mask"] != "none", drawn
    tick(page, 0)  # the browser's own checkbox: ticks without any script
    article = page.locator("article")
    expect(article).to_contain_text("The number includes the correct country code")
    expect(article).to_contain_text("Done: I have sent the record's name and ID")
    expect(article).to_contain_text("Where to go next")


# --- axe-core on every page, light and dark ------------------------------------------------


def summary(violations: list[dict[str, Any]]) -> list[str]:
    """One line per failing node: rule, target, what axe says is wrong."""
    return [
        f"{v['id']} {', '.join(n['target'])}: {' '.join(n['failureSummary'].split())}"
        for v in violations
        for n in v["nodes"]
    ]


WIDGETS_SETTLED = """() => [...document.querySelectorAll("article [data-widget]")].every(
    (root) => root.dataset.mounted === "true" && root.dataset.state !== "loading")"""


def go_instantly(page: Page, site_url: str, path: str) -> None:
    """Open `path` the way a reader does: a click on the navigation, swapped in place (the
    old page's container gone: see `MARK_LEAVING`)."""
    page.evaluate(MARK_LEAVING)
    page.locator(NAV_LINK.format(href=site_url + path)).first.click()
    wait_for_path(page, f"{site_url}{path}")
    expect(page.locator("[data-leaving]")).to_have_count(0)
    assert page.evaluate("window.__noReload") is True, f"{path} was loaded, not swapped in"


SKIP_LINK_SWAPPED = """() => {
    const skip = document.querySelector("a.md-skip");
    return !skip || document.getElementById(decodeURIComponent(skip.hash.slice(1))) !== null;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(
    page: Page, built_site: Build, site_url: str, scheme: str, requests: list[str]
) -> None:
    """Every page of the sitemap, reached by instant navigation, widgets settled."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    wanted = "slate" if scheme == "dark" else "default"
    found = {}
    paths = site_paths(built_site)
    assert len(paths) >= 7
    page.goto(paths[-1])
    for path in paths:
        go_instantly(page, site_url, path)
        expect(page.locator("article h1")).to_be_visible()
        page.wait_for_function(WIDGETS_SETTLED, timeout=BOOT_MS)
        # Material swaps its skip link after the article: until then it points at the last
        # page's heading, which axe rightly counts as content outside the landmarks.
        page.wait_for_function(SKIP_LINK_SWAPPED)
        assert page.evaluate("document.body.dataset.mdColorScheme") == wanted
        violations = axe_violations(page)
        if violations:
            found[path] = summary(violations)
    assert not found, "\n".join(f"{path}: {line}" for path, v in found.items() for line in v)
    assert_local(requests)


# --- printing ------------------------------------------------------------------------------

PSEUDO_STYLE = """(node, pseudo) => {
    const style = getComputedStyle(node, pseudo);
    return {content: style.content, border: style.borderTopStyle, colour: style.borderTopColor,
            mask: style.maskImage || style.webkitMaskImage, display: style.display,
            width: parseFloat(style.width), text: style.color};
}"""


def test_print_shows_the_text_and_the_ticks_without_the_site_chrome(page: Page) -> None:
    page.goto("/sending-fails/")
    wait_mounted(page)
    click_drawn_box(page, done_box(page, "s1-check1"))
    expect(done_box(page, "s1-check1")).to_be_checked()
    chrome = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search"]
    chrome += [".md-footer", ".md-progress", "article .headerlink"]
    for selector in chrome[:4]:
        expect(page.locator(selector).first).to_be_visible()
    page.emulate_media(media="print")
    for selector in chrome:
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("#s1-check4")).to_be_visible()
    expect(page.locator("article .admonition").first).to_be_visible()
    # The reader's tick shows on paper: a bordered box with a tick mark, no mask (masks
    # are painted with a background colour, which print leaves out).
    ticked = done_box(page, "s1-check1").locator("xpath=following-sibling::span[1]")
    drawn = ticked.evaluate(PSEUDO_STYLE, "::before")
    assert drawn["content"] == '"\u2713"', drawn
    assert drawn["border"] == "solid", drawn
    assert drawn["mask"] == "none", drawn
    assert drawn["width"] > 0, drawn
    unticked = done_box(page, "s1-check2").locator("xpath=following-sibling::span[1]")
    empty = unticked.evaluate(PSEUDO_STYLE, "::before")
    assert empty["content"] in {'""', "none", "normal"} or "\u2713" not in empty["content"]
    assert empty["border"] == "solid", empty
    # Widgets showing no result print nothing, and never their controls.
    for root in page.locator("article [data-widget]").all():
        expect(root).to_be_hidden()
    # Headings stay with their first paragraph; admonitions are not split.
    assert page.locator("article h2").first.evaluate("n => getComputedStyle(n).breakAfter") == (
        "avoid"
    )
    assert page.locator("article .admonition").first.evaluate(
        "n => getComputedStyle(n).breakInside"
    ) in {"avoid", "avoid-page"}
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000


def test_print_shows_a_widgets_result_but_not_its_controls(page: Page) -> None:
    expected = check_number("07400 123456", "GB").to_dict()
    page.goto("/sending-fails/")
    checker = page.locator('article [data-widget="number-checker"]').first
    field = checker.get_by_label("Mobile number")
    expect(field).to_be_enabled(timeout=BOOT_MS)
    field.fill("07400 123456")
    result = checker.locator('[data-part="result"]')
    expect(result).to_contain_text(str(expected["headline"]), timeout=BOOT_MS)
    page.emulate_media(media="print")
    expect(checker).to_be_visible()
    expect(result).to_be_visible()
    expect(result).to_contain_text(str(expected["headline"]))
    expect(field).to_be_hidden()
    for control in checker.locator("button, select, textarea, input").all():
        expect(control).to_be_hidden()
    expect(checker.locator('[data-part="fallback"]')).to_be_hidden()


def test_print_is_black_on_white_in_dark_mode_and_writes_out_external_links(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto("/not-received/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "https://example.org/help";
            link.textContent = "the provider's help";
            link.id = "external-link";
            link.dataset.printUrl = "";  // as hooks/tasklist_labels.py marks such links
            document.querySelector("article p").append(" See ", link, ".");
        }"""
    )
    page.emulate_media(media="print", color_scheme="dark")
    colour = page.locator("article p").first.evaluate("n => getComputedStyle(n).color")
    channels = [float(c) for c in re.findall(r"[\d.]+", colour)[:3]]
    assert max(channels) < 80, colour  # dark text, not the dark scheme's light grey
    after = page.locator("#external-link").evaluate(PSEUDO_STYLE, "::after")
    assert "https://example.org/help" in after["content"], after
    internal = page.locator("article a[href$='sending-fails/']").first
    assert internal.evaluate(PSEUDO_STYLE, "::after")["content"] in {"none", "normal"}
    assert page.pdf().startswith(b"%PDF-")


# --- targets and buttons (WCAG 2.2 2.5.8) -----------------------------------------------------

MIN_TARGET_PX = 24

TARGETS = """() => [...document.querySelectorAll(
    'article :is(button, a.md-button, select, input, textarea, summary, .task-list-item,'
    + ' label:has(> input[type=radio]))')]
  .filter((node) => node.checkVisibility()
    && !node.matches('input:is([type=checkbox], [type=radio])'))
  .map((node) => { const box = node.getBoundingClientRect();
    return {what: node.outerHTML.slice(0, 80), width: box.width, height: box.height}; })"""
"""Every control a reader aims at in the article (a tick box's target is its whole item, a
radio button's its label)."""


def test_every_target_is_at_least_24_px(page: Page, built_site: Build) -> None:
    small = []
    for path in site_paths(built_site):
        page.goto(path)
        page.wait_for_function(WIDGETS_SETTLED, timeout=BOOT_MS)
        for target in page.evaluate(TARGETS):
            if min(target["width"], target["height"]) < MIN_TARGET_PX:
                small.append((path, target))
    assert not small, small


def test_the_whole_done_label_toggles_its_box(page: Page) -> None:
    page.goto("/not-received/")
    wait_mounted(page)
    first = done_box(page, "s2-step1")
    item = first.locator("xpath=ancestor::li[1]")
    item.scroll_into_view_if_needed()  # the mouse clicks in the viewport's coordinates
    label_text = item.evaluate(
        "li => { const range = document.createRange(); range.selectNodeContents(li);"
        " const box = range.getBoundingClientRect(); return {x: box.right - 20, y: box.top + 8}; }"
    )
    page.mouse.click(label_text["x"], label_text["y"])  # the end of the words, not the box
    expect(first).to_be_checked()
    page.mouse.click(label_text["x"], label_text["y"])
    expect(first).not_to_be_checked()


def test_primary_and_secondary_buttons_look_different(page: Page) -> None:
    page.goto("/tools/")
    page.wait_for_function(WIDGETS_SETTLED, timeout=BOOT_MS)
    look = """(node) => { const s = getComputedStyle(node);
        return [s.backgroundColor, s.color, s.borderTopColor]; }"""
    primary = page.locator("article .sms-widget .md-button--primary").first
    secondary = page.locator("article .sms-widget .md-button:not(.md-button--primary)").first
    expect(primary).to_be_attached()
    expect(secondary).to_be_attached()
    primary_look, secondary_look = primary.evaluate(look), secondary.evaluate(look)
    assert primary_look[0] != secondary_look[0], (primary_look, secondary_look)
    assert primary_look[1] != secondary_look[1], (primary_look, secondary_look)
