"""Bulk audits of exported contact CSVs, and decoding CSV bytes."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.bench_audit import contact_lines, uk_numbers, world_numbers
from checkers import (
    PROBLEM_SEVERITY,
    Audit,
    AuditError,
    AuditRow,
    BinaryFileError,
    FixedCsv,
    audit_csv,
    audit_file,
    checked_file_name,
    decode_csv_bytes,
    detect_encoding,
)
from checkers._internal.cli import main as cli_main

CONTACTS = (
    "\ufeffId;Name;Mobile Phone\r\n"
    "1;Jane;07400 123456\r\n"
    '2;"Bob; Jr";"0121 234 5678"\r\n'
    "\r\n"
    "3;Al;+447400123456\r\n"
    "4;Short\r\n"
)


def test_audit_rows_and_summary() -> None:
    audit = audit_csv(io.StringIO(CONTACTS, newline=""), "  mobile PHONE ")
    assert audit.columns == ("Id", "Name", "Mobile Phone")
    assert audit.delimiter == ";"
    rows = list(audit.rows())
    assert [(r.row, r.line, r.value, r.check.verdict_code) for r in rows] == [
        (1, 2, "07400 123456", "fix_format"),
        (2, 3, "0121 234 5678", "landline"),
        (3, 5, "+447400123456", "ready"),
        (4, 6, "", "empty"),
    ]
    summary = audit.summary.to_dict()
    assert summary.pop("answer") == "no"  # rows that cannot receive SMS outweigh the fixes
    assert summary.pop("headline") == "2 numbers of 4 cannot receive SMS."
    assert summary.pop("outcome") == "Checked 4 rows: 2 can receive SMS, 2 cannot."
    assert summary.pop("sentence") == (
        "Of 4 numbers, 1 can receive SMS as stored, 1 needs a format fix and 2 cannot receive SMS."
    )
    assert [(line["key"], line["value"]) for line in summary.pop("counts")] == [
        ("rows", 4),
        ("sendable", 2),
        ("ok", 1),
        ("fixable", 1),
        ("not_sendable", 2),
    ]
    assert summary == {
        "column": "Mobile Phone",
        "rows": 4,
        "sendable": 2,
        "not_sendable": 2,
        "ok": 1,
        "by_problem": {
            "empty": 1,
            "landline": 1,
            "missing_country_code": 2,
            "formatting_characters": 2,
        },
        "by_verdict": {"fix_format": 1, "landline": 1, "ready": 1, "empty": 1},
    }
    assert json.loads(json.dumps(rows[0].to_dict()))["check"]["e164"] == "+447400123456"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(delimiter: str) -> None:
    text = f"name{delimiter}mobile\nJane{delimiter}+447400123456\n"
    audit = audit_csv(text.splitlines(keepends=True), "Mobile")
    assert [r.check.ok for r in audit.rows()] == [True]


def test_quoted_fields_with_delimiters_and_newlines() -> None:
    text = 'name,notes,mobile\n"Smith, Jane","line one\nline two",+447400123456\n'
    rows = list(audit_csv(io.StringIO(text, newline=""), "mobile").rows())
    assert rows[0].cells == ("Smith, Jane", "line one\nline two", "+447400123456")
    assert rows[0].line == 2  # where the record starts


def test_missing_column_lists_columns_found() -> None:
    with pytest.raises(AuditError) as error:
        audit_csv(["First name,Surname,Phone\n"], "Mobile")
    assert str(error.value) == (
        "There is no column named “Mobile”. The columns found are: “First name”, “Surname”, "
        "“Phone” (read as comma-separated). Give one of these names."
    )


@pytest.mark.parametrize("lines", [[], [""], ["\ufeff\r\n", "  \n"]])
def test_empty_file(lines: list[str]) -> None:
    with pytest.raises(AuditError, match="The file is empty"):
        audit_csv(lines, "Mobile")


def test_unknown_region() -> None:
    with pytest.raises(ValueError, match="Unknown region"):
        audit_csv(["a\n"], "a", "XX")


def test_rows_can_be_read_once() -> None:
    audit = audit_csv(["m\n", "1\n"], "m")
    list(audit.rows())
    with pytest.raises(AuditError, match="already been read"):
        list(audit.rows())


def test_unbalanced_quote_on_a_huge_field_is_a_plain_error() -> None:
    lines = ["name,mobile\n", 'Jane,"07400\n'] + ["x" * 1000 + "\n"] * 200
    with pytest.raises(AuditError, match="unbalanced quote mark"):
        list(audit_csv(lines, "mobile").rows())


def test_fixed_csv() -> None:
    audit = audit_csv(io.StringIO(CONTACTS, newline=""), "mobile phone")
    out = io.StringIO()
    fixed = FixedCsv(audit, out)
    for row in audit.rows():
        fixed.write(row)
    assert fixed.formulas == 0
    assert fixed.note is None
    table = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert table[0] == ["Id", "Name", "Mobile Phone", "e164", "sendable", "problems"]
    assert table[1][3:] == ["+447400123456", "yes", "missing_country_code; formatting_characters"]
    assert table[2][1] == "Bob; Jr"
    assert table[4] == ["4", "Short", "", "", "no", "empty"]


def _generated(rows: int) -> Iterator[str]:
    yield "id,mobile\n"
    for index in range(rows):
        yield f"{index},07{400 + index % 500} {index % 1000:06d}\n"


def test_memory_stays_flat() -> None:
    def peak(rows: int) -> int:
        tracemalloc.start()
        for _ in audit_csv(_generated(rows), "mobile").rows():
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small * 1.5 + 200_000


def test_decode_utf8_with_and_without_bom() -> None:
    assert decode_csv_bytes("\ufeffnom,mobile\nZoë,1\n".encode()) == "nom,mobile\nZoë,1\n"
    assert decode_csv_bytes("Zoë".encode()) == "Zoë"


def test_decode_cp1252_fallback() -> None:
    text = "Zoë \u2013 £5"  # an en dash, as Excel writes one
    assert decode_csv_bytes(text.encode("cp1252")) == text
    assert detect_encoding([b"abc", "é".encode("cp1252")]) == "cp1252"
    # A UTF-8 character split across two chunks is still UTF-8.
    encoded = "é".encode()
    assert detect_encoding([b"a" + encoded[:1], encoded[1:]]) == "utf-8-sig"


def test_decode_utf16_excel_unicode_text() -> None:
    data = "name\tmobile\nJane\t07400123456\n".encode("utf-16")
    assert decode_csv_bytes(data) == "name\tmobile\nJane\t07400123456\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04rest", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0rest", "old-style Excel"),
        (b"abc\x00def", "not a text file"),
        (bytes(range(32)) * 10, "not a text file"),
    ],
)
def test_binary_files_are_rejected(data: bytes, expected: str) -> None:
    with pytest.raises(BinaryFileError, match=expected):
        decode_csv_bytes(data)


@pytest.mark.parametrize(
    ("rows", "not_sendable", "headline"),
    [
        (0, 0, "The file has a header row but no contacts."),
        (1, 0, "The 1 number in the file can receive SMS."),
        (1_234, 0, "All 1,234 numbers can receive SMS."),
        (1_234, 1, "1 number of 1,234 cannot receive SMS."),
    ],
)
def test_headlines(rows: int, not_sendable: int, headline: str) -> None:
    from checkers import AuditSummary  # noqa: PLC0415

    summary = AuditSummary("m", rows, rows - not_sendable, not_sendable, 0, {}, {})
    assert summary.headline == headline


def test_the_page_gets_the_first_problem_rows_and_the_whole_corrected_file() -> None:
    data = ("m\n" + "0121 234 5678\n" * 250 + "+447400123456\n" + "07400 123456\n").encode()
    result = audit_file(data, "m", file_name="My contacts.CSV")
    assert len(result.cannot_receive.rows) == 200
    assert result.cannot_receive.title == "Cannot receive SMS (250)"
    assert result.cannot_receive.note == (
        "Showing the first 200 of 250 rows. The corrected file lists every row."
    )
    assert result.needs_fix.title == "Needs a format fix (1)"
    assert result.needs_fix.note is None
    assert [row.line for row in result.needs_fix.rows] == [253]
    assert result.excel_name == "My contacts-checked.xlsx"
    lines = result.fixed_csv.decode("utf-8").splitlines()
    assert lines[0] == "\ufeffm,e164,sendable,problems"
    assert len(lines) == 253
    assert result.download_name == "My contacts-checked.csv"
    assert result.problems[0].label == "Landline: cannot take SMS"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("contacts.csv", "contacts-checked.csv"),
        ("C:\\Users\\me\\export.txt", "export-checked.csv"),
        ("../../etc/passwd", "passwd-checked.csv"),
        ("a\x00b\u202ec.csv", "abc-checked.csv"),
        ("", "contacts-checked.csv"),
        ("x" * 312 + ".csv", "x" * 80 + "-checked.csv"),
        ('re:port*?"<>|.csv', "re-port-checked.csv"),
    ],
)
def test_download_names_are_safe_and_short(name: str, expected: str) -> None:
    assert checked_file_name(name) == expected


AWKWARD = (
    "id;name;mobile;notes\r\n"
    '1;"Smith; Jane";07400 123456;"said ""text me"""\r\n'
    '2;Bob;+447400123456;"two\nlines"\r\n'
    "3;Al\r\n"
    "4;Zoë;0121 234 5678;x;extra;cells\r\n"
)


def _reference_line(row: AuditRow, audit: Audit) -> str:
    """A fixed CSV line as the audit first wrote it: a fresh csv.writer for each line."""
    cells = list(row.cells) + [""] * (len(audit.columns) - len(row.cells))
    check = row.check
    cells += [check.e164 or "", "yes" if check.sendable else "no"]
    cells.append("; ".join(problem.code for problem in check.problems))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=audit.delimiter).writerow(cells)
    return buffer.getvalue()


def test_fixed_lines_are_what_a_fresh_csv_writer_writes() -> None:
    audit = audit_csv(io.StringIO(AWKWARD, newline=""), "mobile")
    out = io.StringIO()
    fixed = FixedCsv(audit, out)
    lines = []
    for row in audit.rows():
        start = out.tell()
        fixed.write(row)
        lines.append((out.getvalue()[start:], _reference_line(row, audit)))
    assert len(lines) == 4
    assert all(got == expected for got, expected in lines)
    assert '"said ""text me"""' in lines[0][0]
    assert '"two\nlines"' in lines[1][0]


def test_cli_writes_the_fixed_csv_fixed_csv_line_gives(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(AWKWARD + "".join(list(contact_lines(uk_numbers(500, seed=2)))[1:]))
    fixed = tmp_path / "fixed.csv"
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(["audit", str(source), "--column", "mobile", "--output", str(fixed)])
    assert code == 1  # some numbers cannot be sent
    with source.open(encoding="utf-8", newline="") as lines:
        audit = audit_csv(lines, "mobile")
        out = io.StringIO()
        fixed_csv = FixedCsv(audit, out)
        for row in audit.rows():
            fixed_csv.write(row)
        expected = out.getvalue()
    assert fixed.read_bytes().decode("utf-8-sig") == expected
    assert expected.count("\r\n") > 500


def test_summary_counts_every_row() -> None:
    audit = audit_csv(contact_lines(world_numbers(3_000, seed=5)), "mobile")
    rows = list(audit.rows())
    summary = audit.summary
    assert summary.rows == len(rows) == 3_000
    assert summary.sendable == sum(row.check.sendable for row in rows)
    assert summary.ok == sum(row.check.ok for row in rows)
    codes = Counter(problem.code for row in rows for problem in row.check.problems)
    assert summary.by_problem == {code: codes[code] for code in PROBLEM_SEVERITY if codes[code]}
    assert summary.by_verdict == dict(Counter(row.check.verdict_code for row in rows).most_common())
    assert [row.row for row in rows] == list(range(1, 3_001))
    assert [row.line for row in rows] == list(range(2, 3_002))
