"""Reading a contacts CSV: encodings, the header, strict records, and every way a file can
be unreadable, each named in plain words (with its line)."""

from __future__ import annotations

import time

import pytest

from checkers import MAX_CSV_COLUMNS, AuditError, BinaryFileError, audit_file, read_columns
from checkers._internal.columns import suggest_phone_column
from checkers._internal.csv_file import Records, text_lines
from checkers._internal.encoding import detect_encoding

CONTACTS = "Id;Name;Mobile phone;Home Tel\r\n1;Zoë;07400 123456;\r\n2;Bob;0121 234 5678;\r\n"


def test_columns_are_listed_and_the_mobile_one_suggested() -> None:
    found = read_columns(CONTACTS.encode("cp1252"))
    assert found.columns == ("Id", "Name", "Mobile phone", "Home Tel")
    assert (found.format.delimiter, found.format.encoding, found.format.encoding_name) == (
        ";",
        "cp1252",
        "Windows (cp1252)",
    )
    assert found.suggested == "Mobile phone"
    assert found.found == (
        "Found 4 columns (semicolon-separated, Windows (cp1252)): the column “Mobile phone” "
        "looks like the mobile numbers, and rows are named by “Name”."
    )
    assert (found.suggested_id, found.suggested_id_label) == (("Name",), "Name")
    assert read_columns(b"\xef\xbb\xbf" + CONTACTS.encode()).format.encoding_name == "UTF-8"
    assert read_columns(b"Name,Email\nA,b\n").found.endswith(
        "choose the column with the mobile numbers, and rows are named by “Name”."
    )
    assert read_columns(b"Mobile,Email\n1,b\n").found.endswith(
        "the column “Mobile” looks like the mobile numbers."
    )


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["Name", "Phone", "Mobile"], "Mobile"),
        (["Name", "Work phone", "Cell"], "Cell"),
        (["Telephone", "Name"], "Telephone"),
        (["Name", "Email"], None),
        ([], None),
    ],
)
def test_suggest_phone_column(columns: list[str], expected: str | None) -> None:
    assert suggest_phone_column(columns) == expected


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_byte_order_mark(codec: str) -> None:
    data = "Name\tMobile\r\nZoë\t07400 123456\r\n".encode(codec)
    assert detect_encoding([data]) == codec
    found = read_columns(data)
    assert found.columns == ("Name", "Mobile")
    assert found.format.delimiter_name == "tab"
    result = audit_file(data, "Mobile")
    assert result.summary.sendable == 1
    assert result.fixed_csv.decode("utf-8-sig").splitlines()[1].split("\t")[:3] == [
        "Zoë",
        "07400 123456",
        "+447400123456",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty"),
        (b" \r\n\r\n", "The file is empty"),
        (b"PK\x03\x04zip", r"Excel workbook \(\.xlsx\)"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "not a text file"),
    ],
)
def test_files_that_are_not_csv(data: bytes, expected: str) -> None:
    with pytest.raises((AuditError, BinaryFileError), match=expected):
        read_columns(data)


def test_a_stray_nul_is_reported_with_its_line_not_as_binary() -> None:
    data = ("Name,Mobile\n" + "Jane,07400 123456\n" * 50 + "Bob,07400\x00123457\n").encode()
    with pytest.raises(AuditError, match=r"^Line 52 of the CSV contains a zero byte"):
        audit_file(data, "Mobile")


def test_mixed_delimiters_are_detected_and_named() -> None:
    data = b"Name;Mobile\nJane;07400 123456\nBob,07400 123457\n"
    with pytest.raises(
        AuditError,
        match=r"^Line 3 of the CSV is separated by commas, but the header row by semicolons",
    ):
        audit_file(data, "Mobile")


def test_an_unbalanced_quote_names_the_line_where_the_record_starts() -> None:
    data = b'Name,Mobile\nJane,"07400 123456\nJoe,0121\nAnn,07400\n'
    with pytest.raises(AuditError, match=r"^Line 2 of the CSV cannot be read .*unbalanced quote"):
        audit_file(data, "Mobile")


def test_blank_lines_before_the_header_keep_line_numbers_right() -> None:
    records = Records(text_lines("\n\nName,Mobile\nJane,1\n\nBob,2\n"))
    assert [line for line, _cells in records] == [4, 6]


def test_a_huge_header_is_refused_at_once_in_plain_words() -> None:
    header = b"a," * 9_500_000 + b"\n"  # 9.5 million columns in 19 MB, under the size limit
    started = time.perf_counter()
    with pytest.raises(
        AuditError,
        match=rf"or more columns; a contacts export has far fewer \(the checker reads up to "
        rf"{MAX_CSV_COLUMNS:,}\)",
    ):
        read_columns(header)
    assert time.perf_counter() - started < 2
