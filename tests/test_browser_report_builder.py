"""The report builder widget end to end: the built site in headless Chromium, real Pyodide.

Every expected value comes from `checkers.build_report` with the same answers, the same
time and the browser's zone: each test's context pins the zone (`timezone_id`) and the clock
(`page.clock`), and the zone table Python gets is the one the browser makes (checked here
against CPython's zoneinfo).

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from checkers import build_report, load_spec
from checkers._internal.local_zone import zone_named
from tests.browser import BOOT_MS, HOST, Contexts, SiteHandler, SiteServer, axe_violations
from tests.sitebuild import Build, build_site, copy_project
from tests.test_browser_pages import site_paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="report-builder"]'
ZONE = "Europe/London"
NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)  # Saturday, winter time (UTC+00:00)
STEPS_DONE = "sms-help.steps-done"
TRIAGE = "sms-help.triage"
COMMON = "sms-help.report.common"
PORTAL_URL = "https://support.example.com/myaccess"
ASSISTANT_URL = "https://assistant.example.com/chat"


def expected_report(kind: str, answers: dict[str, Any], zone: str = ZONE) -> dict[str, Any]:
    """checkers' result for `answers` as the browser sends them, at NOW in `zone`."""
    moment = NOW.astimezone(ZoneInfo(zone))
    return build_report(
        kind,
        {
            "keep_numbers": [],
            **answers,
            "timezone": zone_named(zone, NOW).to_dict(),
            "now": moment.isoformat(timespec="seconds"),
        },
        "GB",
    ).to_dict()


@pytest.fixture
def tz_page(contexts: Contexts) -> Page:
    """A page in ZONE at NOW that fails on any dialog and checks every request stayed local."""
    page = contexts.page(timezone_id=ZONE)
    page.clock.set_fixed_time(NOW)
    return page


def widget(page: Page, kind: str) -> Locator:
    return page.locator(f'article {WIDGET}[data-kind="{kind}"]')


def question(box: Locator, field_id: str) -> Locator:
    return box.locator(f'form [data-field="{field_id}"]')


def control(box: Locator, field_id: str) -> Locator:
    """The control of a text, long_text, phone, datetime or phone_list field."""
    return question(box, field_id).locator("input:not([data-picker]), textarea").first


def option(box: Locator, field_id: str, value: str) -> Locator:
    return question(box, field_id).locator(f'input[value="{value}"]')


def opener(box: Locator) -> Locator:
    return box.get_by_role("button", name="Write a report for support")


def mounted(box: Locator) -> None:
    expect(box).to_have_attribute("data-mounted", "true")
    expect(opener(box)).to_be_visible()


def open_form(box: Locator) -> None:
    mounted(box)
    if opener(box).get_attribute("aria-expanded") != "true":
        opener(box).click()
    expect(opener(box)).to_have_attribute("aria-expanded", "true")
    expect(box.locator('[data-part="panel"]')).to_be_visible()


PAGES = {"not_received": "/not-received/", "replies_missing": "/replies-missing/",
         "still_not_resolved": "/still-not-resolved/"}  # fmt: skip


def form_on(page: Page, kind: str, answers: dict[str, Any] | None = None) -> Locator:
    """Go to the page of report `kind`, open its form and give `answers`."""
    page.goto(PAGES[kind])
    box = widget(page, kind)
    open_form(box)
    fill(box, answers or {})
    return box


def session(page: Page, key: str) -> Any:
    text = page.evaluate("key => sessionStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


def fill(box: Locator, answers: dict[str, Any]) -> None:
    """Answer like a reader: type text, pick radio buttons, tick step boxes."""
    for field_id, value in answers.items():
        if field_id == "keep_numbers":
            continue
        kind = question(box, field_id).get_attribute("data-type")
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


def review_rows(box: Locator) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for row in box.locator(".report-builder__row").all():
        value = row.locator(".report-builder__value")
        items = value.locator("li")
        texts = items.all_inner_texts() if items.count() else value.inner_text().split("\n")
        rows[str(row.get_attribute("data-field"))] = [t.strip() for t in texts]
    return rows


NOT_RECEIVED = {
    "account_name": "Acme Recruitment Ltd",
    "what_happened": "Two applicants say our reminders never arrive.\nOthers get them.",
    "send_log": "Sent",
    "applicants": "Jane Smith, 07400 123456\nBob Jones, 07400 654321",
    "sent_at": "yesterday 2pm",
    "scope": "specific",
}
STILL = {
    "account_name": "Acme Recruitment Ltd",
    "what_happened": "Started after the update",
    "problem": "delivery",
}


# --- the form appears when asked for -------------------------------------------------------


def test_every_form_starts_closed_and_sending_fails_stays_short(contexts: Contexts) -> None:
    page = contexts.page(viewport={"width": 390, "height": 844})
    page.goto("/sending-fails/")
    builders = page.locator(f"article {WIDGET}")
    expect(builders).to_have_count(2)
    for box in builders.all():
        mounted(box)
        expect(opener(box)).to_have_attribute("aria-expanded", "false")
        expect(box.locator('[data-part="panel"]')).to_be_hidden()
        expect(box.locator("ul.please-include")).to_be_hidden()  # the fallback, not above a form
        assert box.bounding_box()["height"] < 300  # type: ignore[index]
    page.wait_for_timeout(500)  # Material's fonts and the widgets settle
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"/sending-fails/ at 390 px, every report form closed: {height} px")
    assert height <= 5_000


def test_the_disclosure_button_opens_and_closes_the_form(tz_page: Page) -> None:
    page = tz_page
    page.goto("/not-received/")
    box = widget(page, "not_received")
    mounted(box)
    button = opener(box)
    assert button.get_attribute("aria-controls") == box.locator(
        '[data-part="panel"]'
    ).get_attribute("id")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(control(box, "account_name")).to_be_visible()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(box.locator('[data-part="panel"]')).to_be_hidden()
    assert session(page, "sms-help.report.not_received")["open"] is False


# --- what support needs, once ----------------------------------------------------------------


def test_a_report_cannot_be_made_without_what_happened(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "still_not_resolved")
    answers = {k: v for k, v in STILL.items() if k != "what_happened"}
    fill(box, answers)
    box.get_by_role("button", name="Continue").click()
    summary = box.locator('[data-part="errors"]')
    expect(summary).to_be_visible(timeout=BOOT_MS)
    expect(summary).to_be_focused()
    expected = expected_report("still_not_resolved", answers)
    assert expected["errors"] == ["Describe what happened"]
    expect(summary.get_by_role("link")).to_have_text(["Describe what happened"])
    error = question(box, "what_happened").locator('[data-part="field-error"]')
    expect(error).to_have_text("Error: Describe what happened")
    expect(control(box, "what_happened")).to_have_attribute("aria-invalid", "true")
    expect(box.locator('[data-part="review"]')).to_be_hidden()
    summary.get_by_role("link").click()
    expect(control(box, "what_happened")).to_be_focused()
    assert control(box, "what_happened").evaluate("node => node.tagName") == "TEXTAREA"


def test_every_missing_answer_is_listed_naming_its_question(page: Page) -> None:
    box = form_on(page, "replies_missing")
    box.get_by_role("button", name="Continue").click()
    summary = box.locator('[data-part="errors"]')
    expect(summary).to_be_visible(timeout=BOOT_MS)
    expect(summary).to_have_attribute("role", "alert")
    expected = build_report("replies_missing", {}, "GB")
    expect(summary.get_by_role("link")).to_have_text(list(expected.errors))
    for field in expected.fields:
        error = question(box, field.id).locator('[data-part="field-error"]')
        if field.required:
            expect(error).to_have_text(f"Error: {field.error}")
        else:
            expect(error).to_be_hidden()
    summary.get_by_role("link", name="Choose whether replies have ever arrived").click()
    expect(option(box, "ever_worked", "yes")).to_be_focused()
    # A date checkers cannot read is an error too, with checkers' message.
    control(box, "started").fill("yesterday-ish")
    box.get_by_role("button", name="Continue").click()
    problem = build_report("replies_missing", {"started": "yesterday-ish"}, "GB").fields[3].error
    assert problem
    assert "Enter when the issue started" in problem
    expect(summary).to_contain_text(problem)


def test_yesterday_2pm_is_written_as_a_full_date_with_the_zone(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "not_received")
    expect(box.locator('[data-part="tz-name"]')).to_have_text(ZONE)
    answers = {**NOT_RECEIVED, "last_worked": "10/07/2026 14:05"}  # summer time
    fill(box, answers)
    go_on(box)
    rows = review_rows(box)
    assert rows["sent_at"] == ["Friday 27 November 2026, 14:00 (UTC+00:00, Europe/London)"]
    assert rows["last_worked"] == ["Friday 10 July 2026, 14:05 (UTC+01:00, Europe/London)"]
    expected = expected_report("not_received", answers)
    for field in expected["fields"]:
        assert rows[field["id"]] == field["shown"], field["id"]
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_text(expected["text"])
    assert expected["text"].startswith(
        "Applicants are not receiving messages: Acme Recruitment Ltd; only specific numbers; "
        "since Friday 10 July 2026, 14:05 (UTC+01:00, Europe/London)\nTo: MyAccess Portal\n"
    )


def test_the_platform_s_date_picker_fills_the_answer(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "not_received")
    question(box, "sent_at").locator("input[data-picker]").fill("2026-11-26T09:30")
    expect(control(box, "sent_at")).to_have_value("2026-11-26T09:30")
    fill(box, {k: v for k, v in NOT_RECEIVED.items() if k != "sent_at"})
    go_on(box)
    assert review_rows(box)["sent_at"] == [
        "Thursday 26 November 2026, 09:30 (UTC+00:00, Europe/London)"
    ]


@pytest.mark.parametrize(
    "zone", ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
)
def test_the_browser_describes_its_zone_as_zoneinfo_does(contexts: Contexts, zone: str) -> None:
    page = contexts.page(timezone_id=zone)
    page.clock.set_fixed_time(NOW)
    page.goto("/not-received/")
    mounted(widget(page, "not_received"))
    table = page.evaluate(
        "async () => (await import('/javascripts/report-builder.js')).zoneTable(new Date())"
    )
    # Chromium's ICU may give an older name of the same zone (Asia/Calcutta): the report
    # writes the browser's name, and zoneinfo knows it too.
    expected = json.loads(json.dumps(zone_named(zone, NOW).to_dict()))
    assert {**table, "name": zone} == expected
    assert zone_named(table["name"], NOW).offsets == zone_named(zone, NOW).offsets


# --- numbers that can never receive SMS -------------------------------------------------------


def test_the_landline_is_flagged_before_the_text_exists(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "not_received")
    answers = {**NOT_RECEIVED, "applicants": "Jane Smith, 07400 123456\nBob Jones, 0121 234 5678"}
    fill(box, answers)
    # Leaving the list asks checkers about its numbers.
    control(box, "sent_at").focus()
    expected = expected_report("not_received", answers)
    warning = question(box, "applicants").locator('[data-part="field-warning"]')
    [applicants] = [f for f in expected["fields"] if f["id"] == "applicants"]
    expect(warning.locator("li")).to_have_text(
        [f"Warning: {text}" for text in applicants["warnings"]], timeout=BOOT_MS
    )
    described = control(box, "applicants").get_attribute("aria-describedby") or ""
    assert str(warning.get_attribute("id")) in described.split()

    # The review shows it with the reason, and the report waits for a decision.
    go_on(box)
    numbers = box.locator('[data-part="numbers"]')
    expect(numbers).to_be_visible()
    expect(numbers.locator('[data-part="numbers-title"]')).to_have_text(expected["numbers_title"])
    [landline] = expected["unsendable"]
    expect(numbers.locator("li")).to_contain_text([landline["warning"]])
    box.get_by_role("button", name="Create report").click()
    error = box.locator('[data-part="numbers-error"]')
    expect(error).to_have_text(f"Error: {expected['numbers_error']}")
    expect(error).to_be_focused()
    expect(box.locator('[data-part="final"]')).to_be_hidden()
    expect(box.get_by_label("The report")).to_have_text("")

    # Keep it, and say so: the text lists the numbers the reader knows are not mobiles.
    numbers.get_by_label(expected["keep_label"]).check()
    kept = expected_report("not_received", {**answers, "keep_numbers": [landline["number"]]})
    assert kept["complete"]
    assert "I know this number cannot receive SMS" in kept["text"]
    expect(error).to_be_hidden(timeout=BOOT_MS)
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_text(kept["text"])
    assert session(page, "sms-help.report.not_received")["keep"] == [landline["number"]]

    # Or change it: back to the list, a mobile instead, nothing left to keep.
    box.get_by_role("button", name="Back to your answers").click()
    numbers.get_by_role("link", name=re.compile("Change")).click()
    expect(control(box, "applicants")).to_be_focused()
    control(box, "applicants").fill(NOT_RECEIVED["applicants"])
    go_on(box)
    expect(numbers).to_be_hidden()
    box.get_by_role("button", name="Create report").click()
    fixed = expected_report("not_received", NOT_RECEIVED)
    expect(box.get_by_label("The report")).to_have_text(fixed["text"])


# --- the report, and the way to support ---------------------------------------------------------


def test_fill_review_change_create_copy_download_and_what_happens_next(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "not_received", NOT_RECEIVED)
    go_on(box)
    spec_fields = [f.id for f in load_spec().kind("not_received").fields]
    rows = review_rows(box)
    assert list(rows) == spec_fields
    assert rows["last_worked"] == ["Not provided"]

    # Change returns to the form with that question focused.
    change = box.get_by_role(
        "link", name=re.compile("Change your answer to: When were the messages")
    )
    change.click()
    expect(box.locator('[data-part="form"]')).to_be_visible()
    expect(control(box, "sent_at")).to_be_focused()
    answers = {**NOT_RECEIVED, "sent_at": "Tuesday 9:30"}
    control(box, "sent_at").fill(answers["sent_at"])
    expected = expected_report("not_received", answers)
    go_on(box)
    assert review_rows(box)["sent_at"] == [
        "Tuesday 24 November 2026, 09:30 (UTC+00:00, Europe/London)"
    ]

    # The finished report is checkers' own text; the last step names the channel.
    box.get_by_role("button", name="Create report").click()
    text = box.get_by_label("The report")
    expect(text).to_be_visible()
    expect(text).to_have_text(expected["text"])
    assert text.evaluate("node => node.tagName") == "PRE"
    for field in box.locator("input[type=text], input[type=tel], textarea").all():
        expect(field).to_have_attribute("autocomplete", "off")
    channel = load_spec().channel("portal")
    expect(box.locator(".report-builder__send-to")).to_have_text(
        f"Copy it or download it, then send it to the {channel.name}."
    )
    expect(box.locator('[data-part="final"] .report-builder__how')).to_have_text(channel.how)
    nxt = box.locator('[data-part="next"]')
    expect(nxt).to_be_hidden()
    box.get_by_role("button", name="Copy report").click()
    expect(box.get_by_text("Copied", exact=True)).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == expected["text"]
    expect(nxt).to_be_visible()
    expect(nxt.get_by_role("listitem")).to_have_text(list(channel.next))
    with page.expect_download() as info:
        box.get_by_role("button", name="Download (.txt)").click()
    download = info.value
    assert download.suggested_filename == "sms-report-not_received-2026-11-28.txt"
    saved = download.path()
    assert saved is not None
    assert Path(saved).read_text(encoding="utf-8") == expected["text"]


def test_a_draft_survives_reload_and_reopens_its_form(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "not_received", NOT_RECEIVED)
    draft = session(page, "sms-help.report.not_received")
    assert draft["answers"]["applicants"] == NOT_RECEIVED["applicants"]
    assert draft["open"] is True
    assert session(page, COMMON)["answers"]["account_name"] == NOT_RECEIVED["account_name"]
    page.reload()
    box = widget(page, "not_received")
    mounted(box)
    expect(opener(box)).to_have_attribute("aria-expanded", "true")
    expect(box.locator('[data-part="panel"]')).to_be_visible()
    expect(control(box, "applicants")).to_have_value(NOT_RECEIVED["applicants"])
    expect(control(box, "what_happened")).to_have_value(NOT_RECEIVED["what_happened"])
    expect(option(box, "scope", "specific")).to_be_checked()

    # A draft saved before the form could be opened (or by an older page) opens it too.
    page.evaluate(
        "key => { const d = JSON.parse(sessionStorage.getItem(key)); delete d.open;"
        " sessionStorage.setItem(key, JSON.stringify(d)); }",
        "sms-help.report.not_received",
    )
    page.reload()
    expect(opener(widget(page, "not_received"))).to_have_attribute("aria-expanded", "true")

    # The stage is kept too: a reload on "Check your answers" stays there.
    box = widget(page, "not_received")
    go_on(box)
    page.reload()
    box = widget(page, "not_received")
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expect(box.locator('[data-part="form"]')).to_be_hidden()

    # Instant navigation away and back: same answers, same stage; shared answers travel.
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav__link", has_text="3. Replies missing").first.click()
    page.wait_for_url(re.compile(r".*/replies-missing/(#.*)?$"))
    other = widget(page, "replies_missing")
    mounted(other)
    expect(opener(other)).to_have_attribute("aria-expanded", "false")  # no draft of its own
    open_form(other)
    expect(control(other, "account_name")).to_have_value(NOT_RECEIVED["account_name"])
    expect(control(other, "what_happened")).to_have_value("")  # each report its own story
    page.locator(".md-nav__link", has_text="2. Not received").first.click()
    page.wait_for_url(re.compile(r".*/not-received/(#.*)?$"))
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    box = widget(page, "not_received")
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expected = expected_report("not_received", NOT_RECEIVED)
    for field in expected["fields"]:
        assert review_rows(box)[field["id"]] == field["shown"]
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_text(expected["text"])


def test_forget_my_answers_empties_the_form_and_the_draft(tz_page: Page) -> None:
    page = tz_page
    box = form_on(page, "not_received", NOT_RECEIVED)
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
    expect(control(box, "account_name")).to_have_value("")
    expect(option(box, "scope", "specific")).not_to_be_checked()
    expect(box.locator('[data-part="announce"]')).to_have_text("Your answers have been forgotten.")
    assert session(page, "sms-help.report.not_received") is None
    assert session(page, COMMON) is None
    keys = page.evaluate("Object.keys(sessionStorage)")
    assert keys == ["someone-else"], keys  # every key the site wrote is gone
    expect(page.locator("article .task-list-control input").first).not_to_be_checked()
    page.reload()
    box = widget(page, "not_received")
    mounted(box)
    expect(opener(box)).to_have_attribute("aria-expanded", "false")


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
    open_form(box)
    for step in load_spec().steps:
        expect(option(box, "steps_tried", step.id)).to_be_checked(checked=step.id in ticked)
    expect(option(box, "users_affected", "multiple")).to_be_checked()
    fill(box, STILL)
    answers = {**STILL, "users_affected": "multiple", "steps_tried": ticked}
    expected = expected_report("still_not_resolved", answers)
    go_on(box)
    box.get_by_role("button", name="Create report").click()
    expect(box.get_by_label("The report")).to_have_text(expected["text"])
    assert "multiple users" in expected["text"].splitlines()[0]

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


def test_two_builders_on_one_page_share_the_common_answers(page: Page) -> None:
    page.goto("/sending-fails/")
    first, second = widget(page, "service_inactive"), widget(page, "record_blocked")
    open_form(first)
    mounted(second)
    ids = page.evaluate(f"[...document.querySelectorAll('{WIDGET} [id]')].map(node => node.id)")
    assert len(ids) == len(set(ids))
    expect(first).to_contain_text("Access Digital Assistant")
    option(first, "users_affected", "all").check()
    control(first, "account_name").fill("Acme")
    expect(opener(second)).to_have_attribute("aria-expanded", "false")
    open_form(second)
    expect(option(second, "users_affected", "all")).to_be_checked()
    expect(control(second, "account_name")).to_have_value("Acme")
    control(second, "record_name").fill("Jane Smith")
    control(second, "what_happened").fill("Only Jane's record fails.")
    expect(control(first, "what_happened")).to_have_value("")
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
    box = form_on(page, "not_received")
    answers = {**NOT_RECEIVED, "applicants": f"{typed}, 07400 123456", "what_happened": typed}
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
    tab_to(page, opener(box))
    page.keyboard.press("Enter")
    tab_to(page, control(box, "account_name"))
    page.keyboard.type(STILL["account_name"])
    tab_to(page, control(box, "what_happened"))
    page.keyboard.type("Started after the update")
    tab_to(page, option(box, "problem", "sending"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radio buttons: arrows move the choice
    expect(option(box, "problem", "delivery")).to_be_checked()
    tab_to(page, box.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expect(box.locator('[data-part="review-title"]')).to_be_focused()
    change = box.get_by_role("link", name=re.compile("Change your answer to: What happened"))
    tab_to(page, change)
    page.keyboard.press("Enter")
    expect(control(box, "what_happened")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(".")
    tab_to(page, box.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    tab_to(page, box.get_by_role("button", name="Create report"))
    page.keyboard.press("Enter")
    answers = {**STILL, "what_happened": "Started after the update."}
    expected = expected_report("still_not_resolved", answers)
    expect(box.get_by_label("The report")).to_have_text(expected["text"])
    tab_to(page, box.get_by_role("button", name="Copy report"))
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == expected["text"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_widget_at_each_stage(
    contexts: Contexts, scheme: str
) -> None:
    page = contexts.page(timezone_id=ZONE, color_scheme=scheme)
    page.clock.set_fixed_time(NOW)
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

    check("closed")
    open_form(box)
    check("open")
    box.get_by_role("button", name="Continue").click()
    expect(box.locator('[data-part="errors"]')).to_be_visible(timeout=BOOT_MS)
    control(box, "applicants").fill("Bob Jones, 0121 234 5678")
    control(box, "sent_at").focus()
    warning = question(box, "applicants").locator('[data-part="field-warning"]')
    expect(warning).to_be_visible(timeout=BOOT_MS)
    check("errors and warnings")
    fill(box, {k: v for k, v in NOT_RECEIVED.items() if k != "applicants"})
    go_on(box)
    box.get_by_role("button", name="Create report").click()
    expect(box.locator('[data-part="numbers-error"]')).to_be_visible()
    check("review with a number to change or keep")
    box.locator('[data-part="keep"]').check()
    expect(box.locator('[data-part="numbers-error"]')).to_be_hidden(timeout=BOOT_MS)
    box.get_by_role("button", name="Create report").click()
    box.get_by_role("button", name="Copy report").click()
    expect(box.locator('[data-part="next"]')).to_be_visible()
    check("final, what happens next")
    box.get_by_role("button", name="Forget my answers").click()
    check("confirm forget")


def test_the_form_works_while_python_loads_and_continue_waits_for_it(page: Page) -> None:
    box = form_on(page, "still_not_resolved")
    # Usable at once: the reader answers while Python downloads.
    expect(box.locator('[data-part="status-text"]')).to_contain_text(
        "Getting the report builder ready"
    )
    fill(box, STILL)
    box.get_by_role("button", name="Continue").click()
    expect(box.locator('[data-part="review"]')).to_be_visible(timeout=BOOT_MS)
    expect(box.locator('[data-part="status-text"]')).to_have_text("")
    expected = build_report("still_not_resolved", STILL, "GB")
    assert review_rows(box)["problem"] == [
        next(f.value for f in expected.fields if f.id == "problem")
    ]


def test_axe_on_a_page_with_two_builders(page: Page) -> None:
    page.goto("/sending-fails/")
    for kind in ("service_inactive", "record_blocked"):
        open_form(widget(page, kind))
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
    box = form_on(page, "still_not_resolved")
    huge = 6_000_000  # over sessionStorage's quota (5 MB in Chromium) and the answer limit
    control(box, "what_happened").evaluate(
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
    error = question(box, "what_happened").locator('[data-part="field-error"]')
    expect(error).to_contain_text(f"This answer is {huge:,} characters long", timeout=BOOT_MS)
    control(box, "what_happened").fill("Short again")
    expect(unsaved).to_be_hidden()


# --- with a url in support.toml: every contact point links to the channel ---------------------


@pytest.fixture(scope="module")
def url_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    """A copy of the site whose support.toml gives both channels a url, built and served."""
    project = copy_project(tmp_path_factory.mktemp("url-site"))
    data = project / "checkers" / "data" / "support.toml"
    text = data.read_text(encoding="utf-8")
    for name, url in (("MyAccess Portal", PORTAL_URL), ("Access Digital Assistant", ASSISTANT_URL)):
        text = text.replace(f'name = "{name}"', f'name = "{name}"\nurl = "{url}"', 1)
    data.write_text(text, encoding="utf-8")
    build = build_site(project, project / "site", pythonpath=project)
    assert build.returncode == 0, build.log
    handler = functools.partial(SiteHandler, directory=str(build.site))
    server = SiteServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield build, f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_with_a_url_every_contact_point_and_the_last_step_link_to_the_channel(
    browser: Browser, url_site: tuple[Build, str]
) -> None:
    build, url = url_site
    urls = {"portal": PORTAL_URL, "assistant": ASSISTANT_URL}
    # Every page: each place the guide names a channel is a link to it.
    named = 0
    for path in site_paths(build):
        page = build.page(path.strip("/"))
        for mention in page.select("article .support-channel"):
            assert mention.name == "a", (path, str(mention))
            assert mention["href"] == urls[str(mention["data-channel"])], path
            named += 1
    assert named >= 8
    ctx = browser.new_context(base_url=url, timezone_id=ZONE)
    try:
        page = ctx.new_page()
        page.clock.set_fixed_time(NOW)
        page.goto("/still-not-resolved/")
        table = page.locator("article table").filter(has_text="How to reach it")
        expect(table.get_by_role("link", name="Open the MyAccess Portal")).to_have_attribute(
            "href", PORTAL_URL
        )
        box = widget(page, "still_not_resolved")
        open_form(box)
        fill(box, STILL)
        go_on(box)
        box.get_by_role("button", name="Create report").click()
        final = box.locator('[data-part="final"]')
        expect(final.locator(".report-builder__send-to a")).to_have_attribute("href", PORTAL_URL)
        link = final.get_by_role("link", name="Open the MyAccess Portal (opens in a new tab)")
        expect(link).to_have_attribute("href", PORTAL_URL)
        expect(link).to_have_attribute("target", "_blank")
        expect(final.locator(".report-builder__how")).to_have_count(0)
        assert axe_violations(page, context=f"article {WIDGET}") == []
        # Without JavaScript, the fallback names the channel as a link too.
        nojs = browser.new_context(base_url=url, java_script_enabled=False).new_page()
        nojs.goto("/not-received/")
        fallback = widget(nojs, "not_received").locator('[data-part="fallback"]')
        expect(fallback.get_by_role("link", name="MyAccess Portal")).to_have_attribute(
            "href", PORTAL_URL
        )
        expect(widget(nojs, "not_received").locator("ul.please-include")).to_be_visible()
        nojs.context.close()
    finally:
        ctx.close()
