"""The report builder widget end to end: the built site in headless Chromium, real Pyodide.

Every expected value comes from `checkers.build_report` with the same answers and the
browser's time zone (each test's context pins it with `timezone_id`).

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from checkers import build_report, load_spec
from tests.browser import BOOT_MS, assert_local, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="report-builder"]'
ZONE = "Asia/Tokyo"  # no daylight saving: the offset is always +09:00
STEPS_DONE = "sms-help.steps-done"
TRIAGE = "sms-help.triage"
COMMON = "sms-help.report.common"


def zone_answer(zone: str = ZONE) -> str:
    """What the widget sends as the "timezone" answer in `zone`: "+09:00 (Asia/Tokyo)"."""
    offset = datetime.now(ZoneInfo(zone)).strftime("%z")
    return f"{offset[:3]}:{offset[3:]} ({zone})"


def expected_report(kind: str, answers: dict[str, Any]) -> dict[str, Any]:
    return build_report(kind, {**answers, "timezone": zone_answer()}, "GB").to_dict()


@pytest.fixture
def zoned(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=site_url, timezone_id=ZONE, accept_downloads=True)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def tz_page(zoned: BrowserContext) -> Iterator[Page]:
    """A page in ZONE that fails on any dialog and checks every request stayed local."""
    seen: list[str] = []
    zoned.on("request", lambda request: seen.append(request.url))
    opened = zoned.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    assert dialogs == [], f"a dialog fired: {dialogs}"
    assert_local(seen)


def widget(page: Page, kind: str) -> Locator:
    return page.locator(f'article {WIDGET}[data-kind="{kind}"]')


def control(box: Locator, field_id: str) -> Locator:
    """The control of a text, datetime or phone_list field."""
    return box.locator(f'[data-field="{field_id}"] :is(input, textarea)').first


def option(box: Locator, field_id: str, value: str) -> Locator:
    return box.locator(f'[data-field="{field_id}"] input[value="{value}"]')


def mounted(box: Locator) -> None:
    expect(box).to_have_attribute("data-mounted", "true")
    expect(box.locator(".report-builder__form")).to_be_visible()


def session(page: Page, key: str) -> Any:
    text = page.evaluate("key => sessionStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


def fill(box: Locator, answers: dict[str, Any]) -> None:
    """Answer like a reader: type text, pick radio buttons, tick step boxes."""
    for field_id, value in answers.items():
        kind = box.locator(f'[data-field="{field_id}"]').get_attribute("data-type")
        if kind == "choice":
            option(box, field_id, value).check()
        elif kind == "steps":
            for step_id in value:
                option(box, field_id, step_id).check()
        else:
            control(box, field_id).fill(value)


def go_on(box: Locator) -> None:
    box.get_by_role("button", name="Continue").click()
    expect(box.locator(".report-builder__review")).to_be_visible(timeout=BOOT_MS)


def shown_answer(field: dict[str, Any]) -> list[str]:
    """What the review shows for a field of checkers' result: its lines, or "Not provided"."""
    if not field["value"]:
        return ["Not provided"]
    return list(field["lines"]) or [field["value"]]


def review_rows(box: Locator) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for row in box.locator(".report-builder__row").all():
        value = row.locator(".report-builder__value")
        items = value.locator("li")
        texts = items.all_inner_texts() if items.count() else [value.inner_text()]
        rows[str(row.get_attribute("data-field"))] = [t.strip() for t in texts]
    return rows


NOT_RECEIVED = {
    "applicants": "Jane Smith, 07400 123456\nBob Jones, 0121 234 5678",
    "sent_at": "28/11/2026 14:05",
    "scope": "specific",
    "applicants_affected": "many",
}


def test_fill_review_change_create_copy_and_download(tz_page: Page) -> None:
    page = tz_page
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    expect(box.locator(".report-builder__tz")).to_contain_text(zone_answer())
    fill(box, NOT_RECEIVED)
    expected = expected_report("not_received", NOT_RECEIVED)
    assert expected["complete"]
    assert expected["number_warnings"], "the landline should draw a warning"
    go_on(box)

    # Check your answers: every question, checkers' reading of each answer.
    spec_fields = [f.id for f in load_spec().kind("not_received").fields]
    rows = review_rows(box)
    assert list(rows) == spec_fields
    for field in expected["fields"]:
        assert rows[field["id"]] == shown_answer(field), field["id"]
    assert rows["last_worked"] == ["Not provided"]
    assert "+09:00 (Asia/Tokyo)" in rows["sent_at"][0]
    warnings = box.locator(".report-builder__review-warnings")
    for warning in expected["number_warnings"]:
        expect(warnings).to_contain_text(warning)

    # Change returns to the form with that question focused.
    change = box.get_by_role("link", name=re.compile("Change your answer to: The approximate date"))
    change.click()
    expect(box.locator(".report-builder__form")).to_be_visible()
    expect(control(box, "sent_at")).to_be_focused()
    answers = {**NOT_RECEIVED, "sent_at": "29/11/2026 09:30"}
    control(box, "sent_at").fill(answers["sent_at"])
    expected = expected_report("not_received", answers)
    go_on(box)
    assert review_rows(box)["sent_at"] == shown_answer(
        next(f for f in expected["fields"] if f["id"] == "sent_at")
    )

    # The finished report is checkers' own text.
    box.get_by_role("button", name="Create report").click()
    text = box.get_by_label("The report")
    expect(text).to_be_visible()
    expect(text).to_have_value(expected["text"])
    expect(box.locator(".report-builder__send-to")).to_contain_text("MyAccess Portal")
    box.get_by_role("button", name="Copy report").click()
    expect(box.get_by_text("Copied", exact=True)).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == expected["text"]
    with page.expect_download() as info:
        box.get_by_role("button", name="Download (.txt)").click()
    download = info.value
    today = datetime.now(ZoneInfo(ZONE)).date().isoformat()
    assert download.suggested_filename == f"sms-report-not_received-{today}.txt"
    saved = download.path()
    assert saved is not None
    assert Path(saved).read_text(encoding="utf-8") == expected["text"]


def test_required_questions_are_listed_in_the_error_summary(page: Page) -> None:
    page.goto("/replies-missing/")
    box = widget(page, "replies_missing")
    mounted(box)
    box.get_by_role("button", name="Continue").click()
    summary = box.locator(".report-builder__error-summary")
    expect(summary).to_be_visible(timeout=BOOT_MS)
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    expected = build_report("replies_missing", {}, "GB")
    links = summary.get_by_role("link")
    expect(links).to_have_count(len(expected.missing))
    for label, link in zip(expected.missing, links.all(), strict=True):
        expect(link).to_contain_text(label)
    # Each field shows its own message; a link takes the focus to its question.
    for field in expected.fields:
        error = box.locator(f'[data-field="{field.id}"] .report-builder__error')
        if field.required:
            expect(error).to_contain_text("Error:")
        else:
            expect(error).to_be_hidden()
    links.nth(2).click()
    expect(control(box, "example_sender")).to_be_focused()
    expect(control(box, "example_sender")).to_have_attribute("aria-invalid", "true")
    links.nth(1).click()  # a choice: its first radio button
    expect(option(box, "ever_worked", "yes")).to_be_focused()
    # A date checkers cannot read is an error too, with checkers' message.
    control(box, "started").fill("yesterday-ish")
    box.get_by_role("button", name="Continue").click()
    problem = build_report("replies_missing", {"started": "yesterday-ish"}, "GB").fields[0].problem
    assert problem
    expect(summary).to_contain_text(problem)
    expect(box.locator(".report-builder__review")).to_be_hidden()


def test_number_warnings_show_under_the_phone_list(page: Page) -> None:
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    control(box, "applicants").fill("Bob Jones, 0121 234 5678")
    control(box, "sent_at").focus()  # leaving the list asks checkers about its numbers
    expected = build_report("not_received", {"applicants": "Bob Jones, 0121 234 5678"}, "GB")
    assert expected.number_warnings
    warning = box.locator('[data-field="applicants"] .report-builder__warning')
    expect(warning).to_contain_text(f"Warning: {expected.number_warnings[0]}", timeout=BOOT_MS)
    described = control(box, "applicants").get_attribute("aria-describedby") or ""
    assert str(warning.get_attribute("id")) in described.split()


def test_draft_survives_reload_and_instant_navigation(tz_page: Page) -> None:
    page = tz_page
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    fill(box, NOT_RECEIVED)
    draft = session(page, "sms-help.report.not_received")
    assert draft["answers"]["applicants"] == NOT_RECEIVED["applicants"]
    assert session(page, COMMON)["answers"]["applicants_affected"] == "many"
    page.reload()
    box = widget(page, "not_received")
    mounted(box)
    expect(control(box, "applicants")).to_have_value(NOT_RECEIVED["applicants"])
    expect(control(box, "sent_at")).to_have_value(NOT_RECEIVED["sent_at"])
    expect(option(box, "scope", "specific")).to_be_checked()
    expect(option(box, "applicants_affected", "many")).to_be_checked()

    # The stage is kept too: a reload on "Check your answers" stays there.
    go_on(box)
    page.reload()
    box = widget(page, "not_received")
    expect(box.locator(".report-builder__review")).to_be_visible(timeout=BOOT_MS)
    expect(box.locator(".report-builder__form")).to_be_hidden()

    # Instant navigation away and back: same answers, same stage.
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="3. Replies missing").first.click()
    page.wait_for_url(re.compile(r".*/replies-missing/(#.*)?$"))
    other = widget(page, "replies_missing")
    mounted(other)
    # The questions every report asks are answered once, for every kind.
    expect(option(other, "applicants_affected", "many")).to_be_checked()
    page.locator(".md-nav__link", has_text="2. Not received").first.click()
    page.wait_for_url(re.compile(r".*/not-received/(#.*)?$"))
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    box = widget(page, "not_received")
    expect(box.locator(".report-builder__review")).to_be_visible(timeout=BOOT_MS)
    expected = expected_report("not_received", NOT_RECEIVED)
    for field in expected["fields"]:
        assert review_rows(box)[field["id"]] == shown_answer(field)
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_value(expected["text"])


def test_forget_my_answers_empties_the_form_and_the_draft(page: Page) -> None:
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    fill(box, NOT_RECEIVED)
    box.get_by_role("button", name="Forget my answers").click()
    confirm = box.locator(".report-builder__confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Forget every answer in this form?")
    box.get_by_role("button", name="Keep my answers").click()
    expect(confirm).to_be_hidden()
    expect(control(box, "applicants")).to_have_value(NOT_RECEIVED["applicants"])
    box.get_by_role("button", name="Forget my answers").click()
    box.get_by_role("button", name="Yes, forget my answers").click()
    expect(control(box, "applicants")).to_have_value("")
    expect(control(box, "sent_at")).to_have_value("")
    expect(option(box, "scope", "specific")).not_to_be_checked()
    expect(option(box, "applicants_affected", "many")).not_to_be_checked()
    expect(box.locator(".report-builder__announce")).to_have_text(
        "Your answers have been forgotten."
    )
    assert session(page, "sms-help.report.not_received") is None
    assert session(page, COMMON) is None
    page.reload()
    box = widget(page, "not_received")
    mounted(box)
    expect(control(box, "applicants")).to_have_value("")
    expect(option(box, "applicants_affected", "many")).not_to_be_checked()


def test_ticked_steps_and_triage_answers_are_prefilled(tz_page: Page) -> None:
    page = tz_page
    page.goto("/still-not-resolved/")
    ticked = ["s1-check2", "s2-step1"]
    page.evaluate(
        "([k1, v1, k2, v2]) => { sessionStorage.setItem(k1, v1); sessionStorage.setItem(k2, v2); }",
        [STEPS_DONE, json.dumps(ticked), TRIAGE, json.dumps({"users_affected": "multiple"})],
    )
    page.reload()
    box = widget(page, "still_not_resolved")
    mounted(box)
    for step in load_spec().steps:
        expect(option(box, "steps_tried", step.id)).to_be_checked(checked=step.id in ticked)
    expect(option(box, "users_affected", "multiple")).to_be_checked()
    option(box, "problem", "delivery").check()
    answers = {"problem": "delivery", "users_affected": "multiple", "steps_tried": ticked}
    expected = expected_report("still_not_resolved", answers)
    go_on(box)
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_value(expected["text"])
    for step in ticked:
        label = next(s.label for s in load_spec().steps if s.id == step)
        assert label in expected["text"]

    # Once the reader changes the question, the ticks no longer overwrite it.
    box.get_by_role("button", name="Back to your answers").click()
    box.get_by_role("link", name=re.compile("Change your answer to: What steps")).click()
    option(box, "steps_tried", "s2-step1").uncheck()
    page.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [STEPS_DONE, json.dumps(ticked)])
    page.reload()
    box = widget(page, "still_not_resolved")
    mounted(box)
    expect(option(box, "steps_tried", "s1-check2")).to_be_checked()
    expect(option(box, "steps_tried", "s2-step1")).not_to_be_checked()


def test_really_ticked_done_boxes_reach_the_report(tz_page: Page) -> None:
    page = tz_page
    page.goto("/sending-fails/")
    expect(page.locator("article .task-list-control input[data-step]").first).to_have_attribute(
        "data-mounted", "true"
    )
    for step in ("s1-check1", "s1-check3"):
        box = page.locator(f"article .task-list-control input[data-step='{step}']")
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    # The builders on the same page follow the ticks at once.
    builder = widget(page, "record_blocked")
    mounted(builder)
    expect(option(builder, "steps_tried", "s1-check3")).to_be_checked()
    expect(option(builder, "steps_tried", "s1-check2")).not_to_be_checked()
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="Still not resolved?").first.click()
    page.wait_for_url(re.compile(r".*/still-not-resolved/(#.*)?$"))
    box = widget(page, "still_not_resolved")
    mounted(box)
    assert page.evaluate("window.__noReload") is True
    expect(option(box, "steps_tried", "s1-check1")).to_be_checked()
    expect(option(box, "steps_tried", "s1-check3")).to_be_checked()
    option(box, "problem", "sending").check()
    answers = {"problem": "sending", "steps_tried": ["s1-check1", "s1-check3"]}
    expected = expected_report("still_not_resolved", answers)
    go_on(box)
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_value(expected["text"])


def test_two_builders_on_one_page_share_the_common_answers(page: Page) -> None:
    page.goto("/sending-fails/")
    first, second = widget(page, "service_inactive"), widget(page, "record_blocked")
    mounted(first)
    mounted(second)
    ids = page.evaluate(f"[...document.querySelectorAll('{WIDGET} [id]')].map(node => node.id)")
    assert len(ids) == len(set(ids))
    expect(first).to_contain_text("Access Digital Assistant")
    option(first, "users_affected", "all").check()
    expect(option(second, "users_affected", "all")).to_be_checked()
    control(second, "record_name").fill("Jane Smith")
    expect(control(first, "account_name")).to_have_value("")
    # Forgetting in one forgets the shared answers in the other; its own answers stay.
    first.get_by_role("button", name="Forget my answers").click()
    first.get_by_role("button", name="Yes, forget my answers").click()
    expect(option(second, "users_affected", "all")).not_to_be_checked()
    expect(control(second, "record_name")).to_have_value("Jane Smith")
    assert session(page, COMMON) is None


def test_markup_typed_in_is_shown_as_text_everywhere(tz_page: Page) -> None:
    page = tz_page
    typed = "<script>alert(1)</script><b>bold</b>"
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    answers = {
        "applicants": f"{typed}, 07400 123456",
        "sent_at": "28/11/2026 14:05",
        "scope": "all",
    }
    fill(box, answers)
    expected = expected_report("not_received", answers)
    go_on(box)
    expect(box.locator('.report-builder__row[data-field="applicants"] dd').first).to_contain_text(
        typed
    )
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_value(expected["text"])
    assert typed in expected["text"]
    assert box.locator("script, b").count() == 0
    page.reload()  # restored from the draft: still text
    box = widget(page, "not_received")
    expect(box.get_by_label("The report")).to_have_value(expected["text"], timeout=BOOT_MS)
    assert box.locator("script, b").count() == 0
    page.wait_for_timeout(300)  # a dialog, if one fired, is caught by the page fixture

    # A bad date typed as markup: the error message shows it as text too.
    page.goto("/replies-missing/")
    other = widget(page, "replies_missing")
    mounted(other)
    control(other, "started").fill(typed)
    other.get_by_role("button", name="Continue").click()
    problem = build_report("replies_missing", {"started": typed}, "GB").fields[0].problem
    assert problem
    assert "<script>" in problem
    expect(other.locator(".report-builder__error-summary")).to_contain_text(
        problem, timeout=BOOT_MS
    )
    assert other.locator("script, b").count() == 0


def test_blocked_python_shows_the_failure_and_the_guide_stays_readable(page: Page) -> None:
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    status = box.locator(".report-builder__status")
    expect(status).to_contain_text("The report builder could not start:", timeout=BOOT_MS)
    retry = box.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    # The form still keeps the draft, and the guide reads complete.
    control(box, "sent_at").fill("28/11/2026 14:05")
    assert session(page, "sms-help.report.not_received")["answers"]["sent_at"] == (
        "28/11/2026 14:05"
    )
    article = page.locator("article")
    expect(article).to_contain_text("please include")
    expect(page.locator("article ul.please-include")).to_be_visible()
    expect(article).to_contain_text("Where to go next")
    # Retry once the files are back: Continue then works.
    page.unroute("**/assets/pyodide/**")
    retry.click()
    box.get_by_role("button", name="Continue").click()
    expect(box.locator(".report-builder__error-summary")).to_be_visible(timeout=BOOT_MS)
    expect(status).not_to_contain_text("could not start")


def test_without_javascript_the_form_is_hidden_and_the_guide_applies(
    browser: Browser, site_url: str
) -> None:
    ctx = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto("/not-received/")
        box = widget(page, "not_received")
        expect(box.locator(".report-builder__fallback")).to_be_visible()
        expect(box.locator(".report-builder__fallback")).to_contain_text("MyAccess Portal")
        expect(box.locator(".report-builder__form")).to_be_hidden()
        expect(page.locator("article ul.please-include")).to_be_visible()
    finally:
        ctx.close()


def tab_to(page: Page, target: Locator) -> None:
    for _ in range(300):
        page.keyboard.press("Tab")
        if target.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def test_keyboard_only(tz_page: Page) -> None:
    page = tz_page
    page.goto("/still-not-resolved/")
    box = widget(page, "still_not_resolved")
    mounted(box)
    tab_to(page, option(box, "problem", "sending"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radio buttons: arrows move the choice
    expect(option(box, "problem", "delivery")).to_be_checked()
    tab_to(page, control(box, "details"))
    page.keyboard.type("Started after the update")
    tab_to(page, box.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(box.locator(".report-builder__review")).to_be_visible(timeout=BOOT_MS)
    expect(box.locator(".report-builder__review .report-builder__stage-title")).to_be_focused()
    change = box.get_by_role("link", name=re.compile("Change your answer to: Anything else"))
    tab_to(page, change)
    page.keyboard.press("Enter")
    expect(control(box, "details")).to_be_focused()
    page.keyboard.type(".")
    tab_to(page, box.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(box.locator(".report-builder__review")).to_be_visible(timeout=BOOT_MS)
    tab_to(page, box.get_by_role("button", name="Create report"))
    page.keyboard.press("Enter")
    answers = {"problem": "delivery", "details": "Started after the update."}
    expected = expected_report("still_not_resolved", answers)
    expect(box.get_by_label("The report")).to_have_value(expected["text"])
    tab_to(page, box.get_by_role("button", name="Copy report"))
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == expected["text"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_widget_at_each_stage(tz_page: Page, scheme: str) -> None:
    page = tz_page
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    wanted = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == wanted
    scope = f'article {WIDGET}[data-kind="not_received"]'

    def check(stage: str) -> None:
        page.wait_for_timeout(300)  # Material's buttons fade colours in 125 ms: let them settle
        violations = axe_violations(page, context=scope)
        assert violations == [], (
            stage,
            [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations],
        )

    check("form")
    box.get_by_role("button", name="Continue").click()
    expect(box.locator(".report-builder__error-summary")).to_be_visible(timeout=BOOT_MS)
    control(box, "applicants").fill("Bob Jones, 0121 234 5678")
    control(box, "sent_at").focus()
    expect(box.locator(".report-builder__warning").first).to_be_visible(timeout=BOOT_MS)
    check("errors and warnings")
    fill(box, {"sent_at": "28/11/2026 14:05", "scope": "all"})
    go_on(box)
    check("review")
    box.get_by_role("button", name="Create report").click()
    box.get_by_role("button", name="Copy report").click()
    expect(box.get_by_text("Copied", exact=True)).to_be_visible()
    check("final")
    box.get_by_role("button", name="Forget my answers").click()
    check("confirm forget")


def test_the_form_works_while_python_loads_and_continue_waits_for_it(page: Page) -> None:
    page.goto("/still-not-resolved/")
    box = widget(page, "still_not_resolved")
    mounted(box)
    # Usable at once: the reader answers while Python downloads.
    expect(box.locator(".report-builder__status")).to_contain_text("Loading the report builder")
    option(box, "problem", "replies").check()
    box.get_by_role("button", name="Continue").click()
    expect(box.locator(".report-builder__review")).to_be_visible(timeout=BOOT_MS)
    expect(box.locator(".report-builder__status-text")).to_have_text("")
    expected = build_report("still_not_resolved", {"problem": "replies"}, "GB")
    assert review_rows(box)["problem"] == [expected.fields[0].value]


def test_axe_on_a_page_with_two_builders(page: Page) -> None:
    page.goto("/sending-fails/")
    for kind in ("service_inactive", "record_blocked"):
        mounted(widget(page, kind))
    inside = []
    for violation in axe_violations(page):
        for node in violation["nodes"]:
            for target in node["target"]:
                found = page.locator(target).first.evaluate(
                    f"node => node.closest('{WIDGET}') !== null"
                )
                if found:
                    inside.append((violation["id"], target))
    assert inside == []
