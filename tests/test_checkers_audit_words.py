"""The audit for readers: rows named by a chosen column, two lists, one sentence, no codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import openpyxl
import pytest

from checkers import PROBLEM_KINDS, AuditError, audit_file, check_number, handle, read_columns
from checkers._internal import xlsx
from checkers._internal.audit_words import summary_sentence, what_to_do
from checkers._internal.cli import main as cli_main
from checkers._internal.row_labels import RowLabels, suggest_id_columns

CONTACTS = (
    b"Id,First name,Surname,Mobile\r\n"
    b"1,Jane,Smith,07400 123456\r\n"
    b"2,Joe,Bloggs,+44 121 234 5678\r\n"
    b"3,Ann,Lee,+447400123456\r\n"
    b"4,,,12345\r\n"
    b"5,Cy,Young,\r\n"
    b"6,Di,Page,0044 7400 123456\r\n"
)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["Id", "Name", "Mobile"], ("Name",)),
        (["ID", "First name", "Last name", "Mobile"], ("First name", "Last name")),
        (["Reference", "Forename", "Surname", "Tel"], ("Forename", "Surname")),
        (["Full name", "Mobile", "Candidate ID"], ("Full name",)),
        (["Candidate", "Phone"], ("Candidate",)),
        (["Username", "Mobile", "Applicant ID"], ("Applicant ID",)),
        (["Owner name", "Mobile", "Ref"], ("Ref",)),
        (["Mobile", "Email"], ()),
        (["Phone name", "Mobile"], ()),
    ],
)
def test_the_column_naming_each_row_is_suggested_from_the_header(
    columns: list[str], expected: tuple[str, ...]
) -> None:
    assert suggest_id_columns(columns, "Mobile") == expected


def test_the_phone_column_is_never_suggested_to_name_rows() -> None:
    assert suggest_id_columns(["Name", "Notes"], "name") == ()


def test_csv_columns_suggests_the_phone_and_the_name_columns() -> None:
    found = read_columns(CONTACTS)
    assert found.suggested == "Mobile"
    assert found.suggested_id == ("First name", "Surname")
    assert found.suggested_id_label == "First name + Surname"
    assert found.found.endswith(", and rows are named by “First name + Surname”.")
    reply = handle({"op": "csv_columns", "data": CONTACTS})
    assert reply["result"]["suggested_id"] == ["First name", "Surname"]


def test_rows_are_named_by_their_cells_or_their_line() -> None:
    labels = RowLabels(("Id", "First name", "Surname"), ["first NAME", "surname"])
    assert labels.names == ("First name", "Surname")
    assert labels.heading == "First name + Surname"
    assert labels.label(2, ["1", " Jane ", "Smith"]) == "Jane Smith"
    assert labels.label(3, ["2", "", "Bloggs"]) == "Bloggs"
    assert labels.label(1234, ["3", "", ""]) == "Line 1,234"
    assert labels.label(5, ["3"]) == "Line 5"  # a short row
    assert labels.label(6, ["4", "x" * 100, "y"]) == "x" * 59 + "…"
    none = RowLabels(("Id",), [])
    assert (none.names, none.heading, none.label(7, ["1"])) == ((), "Line", "Line 7")


def test_an_unknown_column_to_name_rows_is_refused_in_plain_words() -> None:
    with pytest.raises(AuditError, match="There is no column named “Nom” to name the rows by"):
        audit_file(CONTACTS, "Mobile", id_columns=["Nom"])
    reply = handle({"op": "audit_csv", "data": CONTACTS, "column": "Mobile", "id_columns": "Id"})
    assert reply == {
        "ok": False,
        "kind": "input",
        "error": "“id_columns” must be a list of column names.",
    }


def test_two_lists_with_counts_labels_and_what_to_do() -> None:
    result = audit_file(CONTACTS, "Mobile", id_columns=["First name", "Surname"])
    cannot, fix = result.cannot_receive, result.needs_fix
    assert (cannot.title, fix.title) == ("Cannot receive SMS (3)", "Needs a format fix (2)")
    assert cannot.headings == ("First name + Surname", "Mobile as written", "What to do",
                               "Number to store")  # fmt: skip
    assert [(r.line, r.label, r.value, r.store) for r in cannot.rows] == [
        (3, "Joe Bloggs", "+44 121 234 5678", None),
        (5, "Line 5", "12345", None),
        (6, "Cy Young", "(empty)", None),
    ]
    assert [r.todo for r in cannot.rows] == [
        "A landline, which cannot receive SMS: ask the applicant for a mobile number.",
        "Digits are missing: check the number with the applicant.",
        "No number: ask the applicant for a mobile number.",
    ]
    assert [(r.label, r.store, r.todo) for r in fix.rows] == [
        ("Jane Smith", "+447400123456", "Add the country code and remove the spaces."),
        ("Di Page", "+447400123456", "Put + before the country code and remove the spaces."),
    ]
    assert result.summary.sentence == (
        "Of 6 numbers, 1 can receive SMS as stored, 2 need a format fix and 3 cannot receive SMS."
    )
    assert result.id_columns == ("First name", "Surname")


def test_the_lists_match_the_corrected_file() -> None:
    result = audit_file(CONTACTS, "Mobile")
    lines = result.fixed_csv.decode("utf-8-sig").splitlines()[1:]
    sendable = {number: row.split(",")[-2] for number, row in enumerate(lines, start=2)}
    assert {r.line for r in result.cannot_receive.rows} == {
        line for line, value in sendable.items() if value == "no"
    }
    for row in result.needs_fix.rows:
        assert sendable[row.line] == "yes"
        assert row.store in lines[row.line - 2]  # the e164 value the file has
    assert [r.label for r in result.needs_fix.rows] == ["Line 2", "Line 7"]
    assert result.needs_fix.headings[0] == "Line"


def test_no_code_reaches_a_reader() -> None:
    numbers = ["07400 123456", "0121 234 5678", "12", "", "O7400 123456", "abc", "+999 1",
               "07700 900123", "0800 123 4567", "+1 202 555 0100", "0044 7400 123456 x2",
               "447400123456", "+44 7400 1234567", "(0)7400-123-456"]  # fmt: skip
    data = ("Mobile\r\n" + "".join(f'"{n}"\r\n' for n in numbers)).encode()
    result = audit_file(data, "Mobile").to_dict()
    shown = json.dumps(
        [result["cannot_receive"], result["needs_fix"], result["summary"]["sentence"]]
    )
    assert result["cannot_receive"]["count"] + result["needs_fix"]["count"] == len(numbers) - 1
    codes = [code for code in PROBLEM_KINDS if "_" in code]  # the rest are plain words
    assert len(codes) > 5
    assert [code for code in codes if code in shown] == []
    assert all(code in result["fixed_csv"].decode() for code in ("missing_country_code",))


def test_letters_for_digits_offer_the_number_meant() -> None:
    check = check_number("O7400 123456")
    assert what_to_do(check) == "Letters in the number: if they meant +447400123456, store that."


def test_a_number_that_may_not_be_a_mobile_says_to_check() -> None:
    assert what_to_do(check_number("+1 202 555 0100")) == (
        "Check with the applicant that it is a mobile and remove the spaces."
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            (1234, 1100, 90, 44),
            "Of 1,234 numbers, 1,100 can receive SMS as stored, 90 need a "
            "format fix and 44 cannot receive SMS.",
        ),
        (
            (1, 1, 0, 0),
            "Of 1 number, 1 can receive SMS as stored, 0 need a format fix and 0 "
            "cannot receive SMS.",
        ),
        ((0, 0, 0, 0), "The file has a header row but no contacts."),
    ],
)
def test_one_summary_sentence(counts: tuple[int, int, int, int], expected: str) -> None:
    assert summary_sentence(*counts) == expected


def test_lists_are_bounded_and_say_so() -> None:
    data = ("m\n" + "0121 234 5678\n" * 5 + "07400 123456\n" * 3).encode()
    result = audit_file(data, "m", max_rows=2)
    assert [len(result.cannot_receive.rows), len(result.needs_fix.rows)] == [2, 2]
    assert result.cannot_receive.note == (
        "Showing the first 2 of 5 rows. The corrected file lists every row."
    )
    assert result.needs_fix.note == (
        "Showing the first 2 of 3 rows. The corrected file lists every row."
    )


def cells(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_excel_file_has_the_corrected_csvs_cells_all_as_text() -> None:
    data = b"Name,Mobile\r\nJane,+447400123456\r\nBo,=1+1\r\nCy,07400 123456\r\n"
    result = audit_file(data, "Mobile")
    reply = handle({"op": "fixed_xlsx", "data": result.fixed_csv, "delimiter": ","})
    assert reply["ok"] is True, reply
    assert reply["result"]["rows"] == 3
    book = openpyxl.load_workbook(io.BytesIO(reply["result"]["xlsx"]))
    sheet = book.active
    csv_rows = [line.split(",") for line in result.fixed_csv.decode("utf-8-sig").splitlines()]
    assert cells(sheet) == [[cell or None for cell in row] for row in csv_rows]
    header = [cell.value for cell in sheet[1]]
    mobile, e164 = header.index("Mobile") + 1, header.index("e164") + 1
    for column in (mobile, e164):
        cell = sheet.cell(row=2, column=column)
        assert (cell.value, cell.data_type, cell.number_format) == ("+447400123456", "s", "@")
    assert sheet.cell(row=4, column=mobile).value == "07400 123456"
    assert sheet.cell(row=3, column=mobile).value == "'=1+1"  # plain text, as in the CSV
    assert sheet.freeze_panes == "A2"


def test_the_excel_file_keeps_a_semicolon_files_cells() -> None:
    data = "Nom;Téléphone\r\nZoë;07400 123456\r\n".encode("cp1252")
    result = audit_file(data, "Téléphone")
    made = xlsx.csv_to_xlsx(result.fixed_csv, result.format.delimiter)
    sheet = openpyxl.load_workbook(io.BytesIO(made.xlsx)).active
    assert cells(sheet)[1][:4] == ["Zoë", "07400 123456", "+447400123456", "yes"]


def test_a_file_that_is_not_the_corrected_csv_is_refused() -> None:
    reply = handle({"op": "fixed_xlsx", "data": b"\xff\xfe\x00", "delimiter": ","})
    assert reply == {
        "ok": False,
        "kind": "input",
        "error": "This is not the corrected CSV the check made: check the numbers again.",
    }
    assert handle({"op": "fixed_xlsx", "data": b"a\n", "delimiter": "|"})["kind"] == "input"


def test_a_sheet_past_excels_last_row_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    with pytest.raises(AuditError, match="An Excel sheet holds at most 2 rows after the header"):
        xlsx.csv_to_xlsx(b"a\n1\n2\n3\n", ",")


def test_without_xlsxwriter_the_op_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # import fails as if not installed
    reply = handle({"op": "fixed_xlsx", "data": b"a\n1\n", "delimiter": ","})
    assert reply == {
        "ok": False,
        "kind": "package",
        "package": "xlsxwriter",
        "error": "Writing an Excel file needs the xlsxwriter package: install it with "
        "pip install 'checkers[xlsx]'.",
    }


def test_cli_writes_the_excel_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(CONTACTS)
    assert (
        cli_main(["audit", str(source), "--column", "Mobile", "--output", str(tmp_path / "a.csv")])
        == 1
    )
    csv_out = capsys.readouterr().out
    code = cli_main(
        ["audit", str(source), "--column", "Mobile", "--output", str(tmp_path / "F.XLSX")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert (
        out.replace("Excel file written to", "Fixed CSV written to").replace("F.XLSX", "a.csv")
        == csv_out
    )
    sheet = openpyxl.load_workbook(tmp_path / "F.XLSX").active
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert cells(sheet) == [
        [cell or None for cell in line.split(",")] for line in text.splitlines()
    ]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "+447400123456")
    assert (row[3].data_type, row[4].value, row[4].data_type) == ("s", "+447400123456", "s")
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("name", ["fixed.xls", "fixed.xlsm", "fixed.ods"])
def test_cli_refuses_excel_names_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(CONTACTS)
    code = cli_main(["audit", str(source), "--column", "Mobile", "--output", str(tmp_path / name)])
    err = capsys.readouterr().err
    assert code == 2
    stem = name.split(".", maxsplit=1)[0]
    assert err == (
        f"checkers: --output {tmp_path / name}: the checker writes .xlsx (Excel) or .csv files; "
        f"use {stem}.xlsx\n"
    )
    assert not (tmp_path / name).exists()


def test_cli_without_xlsxwriter_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    source = tmp_path / "contacts.csv"
    source.write_bytes(CONTACTS)
    code = cli_main(
        ["audit", str(source), "--column", "Mobile", "--output", str(tmp_path / "f.xlsx")]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        "checkers: Writing an Excel file needs the xlsxwriter package: install it with "
        "pip install 'checkers[xlsx]'.\n"
    )
    assert list(tmp_path.iterdir()) == [source]


def test_cli_excel_into_a_missing_folder_is_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(CONTACTS)
    target = tmp_path / "missing" / "f.xlsx"
    code = cli_main(["audit", str(source), "--column", "Mobile", "--output", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"checkers: cannot read or write {tmp_path / 'missing'}")
    assert "Traceback" not in err
