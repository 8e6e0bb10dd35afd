"""The report builder widget end to end: the built site in headless Chromium, real Pyodide.

Every expected value comes from `checkers.build_report` with the same answers and the
browser's time zone (each test's context pins it with `timezone_id`).

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect

from checkers import build_report, load_spec
from tests.browser import BOOT_MS, Contexts, axe_violations

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
def tz_page(contexts: Contexts) -> Page:
    """A page in ZONE that fails on any dialog and checks every request stayed local."""
    return contexts.page(timezone_id=ZONE)


def widget(page: Page, kind: str) -> Locator:
    return page.locator(f'article {WIDGET}[data-kind="{kind}"]')


def control(box: Locator, field_id: str) -> Locator:
    """The control of a text, datetime or phone_list field."""
    return box.locator(f'[data-field="{field_id}"] :is(input, textarea)').first


def option(box: Locator, field_id: str, value: str) -> Locator:
    return box.locator(f'[data-field="{field_id}"] input[value="{value}"]')


def mounted(box: Locator) -> None:
    expect(box).to_have_attribute("data-mounted", "true")
    expect(box.locator('[data-part="form"]')).to_be_visible()


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
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)


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
    expect(box.locator('[data-part="tz"]')).to_contain_text(zone_answer())
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
    warnings = box.locator('[data-part="review-warnings"]')
    for warning in expected["number_warnings"]:
        expect(warnings).to_contain_text(warning)

    # Change returns to the form with that question focused.
    change = box.get_by_role("link", name=re.compile("Change your answer to: The approximate date"))
    change.click()
    expect(box.locator('[data-part="form"]')).to_be_visible()
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
    expect(text).to_have_text(expected["text"])
    # The text is in no form field, so the browser never keeps it in its form history or
    # session-restore files; every field that holds an answer says autocomplete="off".
    assert text.evaluate("node => node.tagName") == "PRE"
    for field in box.locator("input[type=text], textarea").all():
        expect(field).to_have_attribute("autocomplete", "off")
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
    summary = box.locator('[data-part="errors"]')
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
        error = box.locator(f'[data-field="{field.id}"] [data-part="field-error"]')
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
    problem = build_report("replies_missing", {"started": "yesterday-ish"}, "GB").fields[0].error
    assert problem
    expect(summary).to_contain_text(problem)
    expect(box.locator('[data-part="review"]')).to_be_hidden()


def test_number_warnings_show_under_the_phone_list(page: Page) -> None:
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    control(box, "applicants").fill("Bob Jones, 0121 234 5678")
    control(box, "sent_at").focus()  # leaving the list asks checkers about its numbers
    expected = build_report("not_received", {"applicants": "Bob Jones, 0121 234 5678"}, "GB")
    assert expected.number_warnings
    warning = box.locator('[data-field="applicants"] [data-part="field-warning"]')
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
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expect(box.locator('[data-part="form"]')).to_be_hidden()

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
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expected = expected_report("not_received", NOT_RECEIVED)
    for field in expected["fields"]:
        assert review_rows(box)[field["id"]] == shown_answer(field)
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_text(expected["text"])


def test_forget_my_answers_empties_the_form_and_the_draft(page: Page) -> None:
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    fill(box, NOT_RECEIVED)
    page.locator("article .task-list-control input").first.evaluate("box => box.click()")
    assert session(page, "sms-help.ticks")
    page.evaluate("sessionStorage.setItem('sms-help.triage', '{\"direction\": \"send\"}')")
    page.evaluate("sessionStorage.setItem('someone-else', 'kept')")  # not the site's own
    box.get_by_role("button", name="Forget my answers").click()
    confirm = box.locator('[data-part="confirm"]')
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Forget every answer?")
    box.get_by_role("button", name="Keep my answers").click()
    expect(confirm).to_be_hidden()
    expect(control(box, "applicants")).to_have_value(NOT_RECEIVED["applicants"])
    box.get_by_role("button", name="Forget my answers").click()
    box.get_by_role("button", name="Yes, forget my answers").click()
    expect(control(box, "applicants")).to_have_value("")
    expect(control(box, "sent_at")).to_have_value("")
    expect(option(box, "scope", "specific")).not_to_be_checked()
    expect(option(box, "applicants_affected", "many")).not_to_be_checked()
    expect(box.locator('[data-part="announce"]')).to_have_text("Your answers have been forgotten.")
    assert session(page, "sms-help.report.not_received") is None
    assert session(page, COMMON) is None
    keys = page.evaluate("Object.keys(sessionStorage)")
    assert keys == ["someone-else"], keys  # every key the site wrote is gone
    expect(page.locator("article .task-list-control input").first).not_to_be_checked()
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
    expect(box.get_by_label("The report")).to_have_text(expected["text"])
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
    expect(box.get_by_label("The report")).to_have_text(expected["text"])


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
    # Forgetting in one forgets everything the site keeps, the other form's answers too.
    first.get_by_role("button", name="Forget my answers").click()
    first.get_by_role("button", name="Yes, forget my answers").click()
    expect(option(second, "users_affected", "all")).not_to_be_checked()
    expect(control(second, "record_name")).to_have_value("")
    assert session(page, COMMON) is None
    assert session(page, "sms-help.report.record_blocked") is None


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
    expect(box.get_by_label("The report")).to_have_text(expected["text"])
    assert typed in expected["text"]
    assert box.locator("script, b").count() == 0
    page.reload()  # restored from the draft: still text
    box = widget(page, "not_received")
    expect(box.get_by_label("The report")).to_have_text(expected["text"], timeout=BOOT_MS)
    assert box.locator("script, b").count() == 0
    page.wait_for_timeout(300)  # a dialog, if one fired, is caught by the page fixture

    # A bad date typed as markup: the error message shows it as text too.
    page.goto("/replies-missing/")
    other = widget(page, "replies_missing")
    mounted(other)
    control(other, "started").fill(typed)
    other.get_by_role("button", name="Continue").click()
    problem = build_report("replies_missing", {"started": typed}, "GB").fields[0].error
    assert problem
    assert "<script>" in problem
    expect(other.locator('[data-part="errors"]')).to_contain_text(problem, timeout=BOOT_MS)
    assert other.locator("script, b").count() == 0


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
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expect(box.locator('[data-part="review-title"]')).to_be_focused()
    change = box.get_by_role("link", name=re.compile("Change your answer to: Anything else"))
    tab_to(page, change)
    page.keyboard.press("Enter")
    expect(control(box, "details")).to_be_focused()
    page.keyboard.type(".")
    tab_to(page, box.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    tab_to(page, box.get_by_role("button", name="Create report"))
    page.keyboard.press("Enter")
    answers = {"problem": "delivery", "details": "Started after the update."}
    expected = expected_report("still_not_resolved", answers)
    expect(box.get_by_label("The report")).to_have_text(expected["text"])
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
    expect(box.locator('[data-part="errors"]')).to_be_visible(timeout=BOOT_MS)
    control(box, "applicants").fill("Bob Jones, 0121 234 5678")
    control(box, "sent_at").focus()
    expect(box.locator('[data-part="field-warning"]').first).to_be_visible(timeout=BOOT_MS)
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
    expect(box.locator('[data-part="status-text"]')).to_contain_text(
        "Getting the report builder ready"
    )
    option(box, "problem", "replies").check()
    box.get_by_role("button", name="Continue").click()
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expect(box.locator('[data-part="status-text"]')).to_have_text("")
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


def test_a_draft_too_big_to_save_says_so_and_the_answer_is_refused(page: Page) -> None:
    page.goto("/still-not-resolved/")
    box = widget(page, "still_not_resolved")
    mounted(box)
    huge = 6_000_000  # over sessionStorage's quota (5 MB in Chromium) and the answer limit
    control(box, "details").evaluate(
        """(area, size) => {
            area.value = "x".repeat(size);
            area.dispatchEvent(new Event("input", { bubbles: true }));
        }""",
        huge,
    )
    unsaved = box.locator('[data-part="unsaved"]')
    expect(unsaved).to_be_visible()
    expect(unsaved).to_contain_text("could not be saved in this browser")
    option(box, "problem", "sending").check()
    box.get_by_role("button", name="Continue").click()
    error = box.locator('[data-field="details"] [data-part="field-error"]')
    expect(error).to_contain_text(f"This answer is {huge:,} characters long", timeout=BOOT_MS)
    control(box, "details").fill("Short again")
    expect(unsaved).to_be_hidden()
