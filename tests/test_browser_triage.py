"""The start page's triage end to end: the built site in headless Chromium, with and without
JavaScript. Each of the guide's situations must lead to the check the guide starts with.

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import Step, load_spec
from macros._triage import load_triage
from tests.browser import axe_violations, widget_on
from tests.triage_situations import SITUATIONS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="triage"]'
STORAGE_KEY = "sms-help.triage"


def step(step_id: str) -> Step:
    return next(s for s in load_spec().steps if s.id == step_id)


def widget(page: Page) -> Locator:
    """The page's first triage."""
    return widget_on(page, "triage")


def option_label(key: str, value: str) -> str:
    """The label the form shows for answer `key` = `value` (from support.toml)."""
    question = load_triage().question(key)
    return next(o.label for o in question.field.options if o.value == value)


def question(page: Page, key: str) -> Locator:
    return widget(page).locator(f'fieldset[data-answer="{key}"]')


def answer(page: Page, answers: dict[str, str]) -> None:
    """Answer like a reader: each question as it appears, "Not sure" where `answers` has none."""
    for item in load_triage().questions:
        box = question(page, item.key)
        if not box.is_visible():  # its answer cannot change the route: never asked
            continue
        value = answers.get(item.key)
        label = option_label(item.key, value) if value else "Not sure"
        box.get_by_role("radio", name=label, exact=True).check()


def result(page: Page) -> Locator:
    return widget(page).locator(".triage__result")


def expect_lands_on(page: Page, step_id: str) -> None:
    target = step(step_id)
    page.wait_for_url(re.compile(rf"/{re.escape(target.page)}/#{re.escape(target.id)}$"))
    page.wait_for_timeout(600)  # Material's navigation.tracking may rewrite the address
    assert page.evaluate("location.hash") == f"#{target.id}"
    expect(page.locator(f"#{target.id}")).to_be_in_viewport()
    expect(page.locator(f"#{target.id}")).to_contain_text(target.label.split(": ", 1)[1])


@pytest.mark.parametrize(("answers", "start", "then"), SITUATIONS)
def test_with_javascript_the_answers_pick_the_check(
    page: Page, answers: dict[str, str], start: str, then: list[str]
) -> None:
    page.goto("/")
    expect(widget(page).locator(".triage__form")).to_be_visible()
    expect(result(page)).to_contain_text("Answer the questions above")
    expect(question(page, "users_affected")).to_be_hidden()
    answer(page, answers)
    start_link = result(page).locator(".triage__start a")
    expect(start_link).to_have_text(step(start).label)
    for step_id in then:
        expect(result(page).locator(".triage__then")).to_contain_text(step(step_id).label)
    start_link.click()
    expect_lands_on(page, start)


def test_without_javascript_every_situation_is_a_plain_link(no_js_page: Page) -> None:
    page = no_js_page
    for answers, start, _then in SITUATIONS:
        page.goto("/")
        box = widget(page)
        expect(box.locator(".triage__form")).to_be_hidden()
        expect(box.locator('[data-part="fallback"]')).to_be_visible()
        route = load_triage().route(answers)
        assert route is not None
        index = load_triage().routes.index(route)
        item = box.locator(f'.triage__route[data-route="{index}"]')
        group = box.locator(f'.triage__group[data-direction="{answers["direction"]}"]')
        expect(group.locator(f'.triage__route[data-route="{index}"]')).to_have_count(1)
        # The situation reads as the answers' own labels.
        for key in ("users_affected", "applicants_affected"):
            if key in route.when:
                expect(item.locator(".triage__situation")).to_contain_text(
                    option_label(key, answers[key]), ignore_case=True
                )
        link = item.locator(".triage__start a")
        expect(link).to_have_text(step(start).label)
        link.click()
        expect_lands_on(page, start)


def test_answers_are_stored_for_the_report_and_survive_reload(page: Page) -> None:
    page.goto("/")
    chosen = {"direction": "sending", "users_affected": "multiple", "applicants_affected": "many"}
    answer(page, chosen)
    stored = page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')")
    assert json.loads(stored) == chosen
    page.reload()
    for key, value in chosen.items():
        expect(
            question(page, key).get_by_role("radio", name=option_label(key, value))
        ).to_be_checked()
    expect(result(page).locator(".triage__start a")).to_have_text(step("s1-check3").label)
    # Start again forgets them.
    widget(page).get_by_role("button", name="Start again").click()
    expect(result(page)).to_contain_text("Answer the questions above")
    assert page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None


def test_stored_answers_from_elsewhere_are_kept_and_bad_ones_ignored(page: Page) -> None:
    page.goto("/")
    page.evaluate(
        f"sessionStorage.setItem('{STORAGE_KEY}', JSON.stringify("
        "{direction: 'replies', users_affected: '<b>x</b>', other: 1}))"
    )
    page.reload()
    expect(result(page).locator(".triage__start a")).to_have_text(step("s3").label)
    expect(question(page, "users_affected")).to_be_hidden()  # it cannot change the route
    expect(question(page, "users_affected").locator("input:checked")).to_have_count(0)
    question(page, "direction").get_by_role(
        "radio", name=option_label("direction", "sending")
    ).check()
    expect(question(page, "users_affected")).to_be_visible()
    question(page, "users_affected").get_by_role("radio", name="One user").check()
    stored = json.loads(page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')"))
    assert stored == {"direction": "sending", "users_affected": "one", "other": 1}


def focused(page: Page) -> dict[str, str]:
    return page.evaluate(
        "(() => { const a = document.activeElement;"
        " return {tag: a.tagName, name: a.name || '', value: a.value || '',"
        " text: a.textContent || '', inWidget: String(!!a.closest('[data-widget=triage]'))}; })()"
    )


def tab_until(page: Page, wanted: dict[str, str], limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if all(now.get(k) == v for k, v in wanted.items()):
            return
    pytest.fail(f"Tab never reached {wanted}")


def test_keyboard_only(page: Page) -> None:
    page.goto("/")
    expect(widget(page).locator(".triage__form")).to_be_visible()
    name = (
        widget(page).locator('fieldset[data-answer="direction"] input').first.get_attribute("name")
    )
    assert name is not None
    prefix = name.removesuffix("-direction")
    tab_until(page, {"tag": "INPUT", "name": f"{prefix}-direction"})
    page.keyboard.press("Space")  # the first option: failing to send
    page.keyboard.press("Tab")
    assert focused(page)["name"] == f"{prefix}-users_affected"
    page.keyboard.press("Space")  # One user
    page.keyboard.press("ArrowDown")  # Multiple users
    expect(result(page).locator(".triage__start a")).to_have_count(0)  # one more question
    page.keyboard.press("Tab")
    assert focused(page)["name"] == f"{prefix}-applicants_affected"
    page.keyboard.press("Space")  # One applicant or contact
    page.keyboard.press("ArrowDown")  # Many
    expect(result(page).locator(".triage__start a")).to_have_text(step("s1-check3").label)
    tab_until(page, {"tag": "A", "text": step("s1-check3").label})
    page.keyboard.press("Enter")
    expect_lands_on(page, "s1-check3")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto("/")
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    answer(page, {"direction": "sending", "applicants_affected": "one"})
    expect(result(page).locator(".triage__then a")).to_have_count(1)
    widget(page).locator(".triage__all > summary").click()
    expect(widget(page).locator(".triage__all")).to_have_attribute("open", "")
    assert axe_violations(page, context=WIDGET) == []


def test_works_after_instant_navigation(page: Page) -> None:
    page.goto("/sending-fails/")
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="What is happening?").first.click()
    page.wait_for_url(re.compile(r"/$"))
    expect(widget(page).locator(".triage__form")).to_be_visible()
    answer(page, {"direction": "delivery"})
    expect(result(page).locator(".triage__start a")).to_have_text(step("s2-step1").label)
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
