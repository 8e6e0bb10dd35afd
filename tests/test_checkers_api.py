"""handle(): the browser worker's JSON entry point never raises."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from checkers import (
    PROBLEM_SEVERITY,
    audit_csv,
    check_number,
    fixed_csv_header,
    fixed_csv_line,
)
from checkers._internal.api import (
    MAX_CSV_BYTES,
    PROBLEM_LABELS,
    PROGRESS_EVERY,
    suggest_phone_column,
)
from checkers.api import handle


def call(request: Any) -> dict[str, Any]:
    reply = handle(json.loads(json.dumps(request)))
    assert json.loads(json.dumps(reply)) == reply
    return reply


def test_check_number() -> None:
    reply = call({"op": "check_number", "raw": "07400 123456", "default_region": "GB"})
    assert reply == {"ok": True, "result": check_number("07400 123456").to_dict()}
    assert call({"op": "check_number", "raw": "+447400123456"})["result"]["ok"] is True


def test_other_ops() -> None:
    assert call({"op": "check_allowances", "text": "Jane\t5\n"})["result"]["can_send"] == 1
    report = call(
        {
            "op": "build_report",
            "kind": "record_blocked",
            "answers": {"record_name": "J", "record_id": "1"},
        }
    )
    assert report["result"]["complete"] is True
    spec = call({"op": "report_spec"})["result"]
    assert {c["key"] for c in spec["channels"]} == {"assistant", "portal"}
    regions = call({"op": "supported_regions"})["result"]
    assert ["GB", 44] in regions


def test_audit_csv_text() -> None:
    text = "name,mobile\n" + "Jane,+447400123456\n" * 3 + "Bob,0121 234 5678\n" * 3
    reply = call(
        {"op": "audit_csv_text", "text": text, "column": "Mobile", "max_rows": 2, "fixed_csv": True}
    )
    result = reply["result"]
    assert result["summary"]["rows"] == 6
    assert len(result["rows"]) == 2
    assert result["rows_truncated"] is True
    assert result["fixed_csv"].splitlines()[0] == "name,mobile,e164,sendable,problems"
    plain = call({"op": "audit_csv_text", "text": text, "column": "mobile"})["result"]
    assert plain["fixed_csv"] is None
    assert plain["rows_truncated"] is False


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (None, "must be an object"),
        ([], "must be an object"),
        ({}, "Unknown op None"),
        ({"op": "nope"}, "Unknown op 'nope': use one of check_number"),
        ({"op": "check_number"}, "“raw” must be text"),
        ({"op": "check_number", "raw": 5}, "“raw” must be text"),
        ({"op": "check_number", "raw": "1", "default_region": "ZZ"}, "Unknown region 'ZZ'"),
        ({"op": "check_number", "raw": "1", "region": "GB"}, "does not take region"),
        ({"op": "check_allowances", "plan": "x"}, "check_allowances does not take plan"),
        ({"op": "build_report", "kind": "nope"}, "Unknown report kind 'nope'"),
        ({"op": "build_report", "kind": "record_blocked", "answers": []}, "“answers” must be"),
        ({"op": "audit_csv_text", "text": "a,b\n", "column": "m"}, "no column named “m”"),
        ({"op": "audit_csv_text", "text": "", "column": "m"}, "The file is empty"),
        ({"op": "audit_csv_text", "text": "m\n", "column": "m", "max_rows": -1}, "max_rows"),
        ({"op": "audit_csv_text", "text": "m\n", "column": "m", "max_rows": True}, "max_rows"),
    ],
)
def test_errors_are_plain_messages(request_: Any, expected: str) -> None:
    reply = call(request_)
    assert reply["ok"] is False
    assert expected in reply["error"]


CONTACTS = "Id;Name;Mobile phone;Home Tel\r\n1;Zoë;07400 123456;\r\n2;Bob;0121 234 5678;\r\n"


def test_csv_columns_lists_columns_and_suggests_the_mobile_one() -> None:
    reply = handle({"op": "csv_columns", "data": CONTACTS.encode("cp1252")})
    assert reply == {
        "ok": True,
        "result": {
            "columns": ["Id", "Name", "Mobile phone", "Home Tel"],
            "delimiter": ";",
            "delimiter_name": "semicolon",
            "encoding": "cp1252",
            "encoding_name": "Windows (cp1252)",
            "suggested": "Mobile phone",
            "max_bytes": MAX_CSV_BYTES,
        },
    }
    utf8 = handle({"op": "csv_columns", "data": b"\xef\xbb\xbf" + CONTACTS.encode()})["result"]
    assert utf8["encoding_name"] == "UTF-8"
    assert utf8["columns"][0] == "Id"


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


def test_audit_csv_bytes_matches_the_text_op_and_checkers() -> None:
    data = CONTACTS.encode("cp1252")
    calls: list[tuple[int, int, int]] = []
    reply = handle(
        {
            "op": "audit_csv_bytes",
            "data": data,
            "column": "mobile phone",
            "fixed_csv": True,
            "progress": lambda *args: calls.append(args),
        }
    )
    assert reply["ok"] is True, reply
    result = reply["result"]
    text = data.decode("cp1252")
    same = handle(
        {"op": "audit_csv_text", "text": text, "column": "mobile phone", "fixed_csv": True}
    )
    for key, value in same["result"].items():
        assert result[key] == value, key
    audit = audit_csv(io.StringIO(text, newline=""), "mobile phone")
    fixed = [fixed_csv_header(audit)] + [fixed_csv_line(row, audit) for row in audit.rows()]
    assert result["fixed_csv"] == "".join(fixed)
    assert result["fixed_csv"].splitlines()[1].startswith("1;Zoë;07400 123456;;+447400123456;yes;")
    assert result["encoding"] == "cp1252"
    assert result["summary"] == audit.summary.to_dict()
    assert result["problems"] == [
        {"code": code, "label": PROBLEM_LABELS[code], "severity": PROBLEM_SEVERITY[code], "rows": n}
        for code, n in audit.summary.by_problem.items()
    ]
    assert calls[0] == (0, len(text), 0)
    assert calls[-1] == (len(text), len(text), 2)


def test_audit_csv_bytes_progress_moves_in_steps() -> None:
    rows = 5 * PROGRESS_EVERY
    text = "id,mobile\n" + "".join(f"{i},+4474{i:08d}\n" for i in range(rows))
    calls: list[tuple[int, int, int]] = []
    reply = handle(
        {
            "op": "audit_csv_bytes",
            "data": text.encode(),
            "column": "mobile",
            "progress": lambda *args: calls.append(args),
        }
    )
    assert reply["result"]["summary"]["rows"] == rows
    assert [rows_done for _, _, rows_done in calls] == [
        0,
        *range(PROGRESS_EVERY, rows + 1, PROGRESS_EVERY),
        rows,
    ]
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones)
    assert all(total == len(text) for _, total, _ in calls)


def test_every_problem_code_has_a_plain_label() -> None:
    assert set(PROBLEM_LABELS) == set(PROBLEM_SEVERITY)
    assert all(label and label[0].isupper() for label in PROBLEM_LABELS.values())


def test_a_file_over_the_limit_is_refused_before_reading() -> None:
    reply = handle({"op": "csv_columns", "data": b"a" * (MAX_CSV_BYTES + 1)})
    assert reply["ok"] is False
    assert reply["error"].startswith("This file is 20.1 MB; the checker takes files up to 20 MB.")


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        ({"op": "csv_columns"}, "“data” must be the file's bytes"),
        ({"op": "csv_columns", "data": "text"}, "“data” must be the file's bytes"),
        ({"op": "csv_columns", "data": b""}, "The file is empty"),
        ({"op": "csv_columns", "data": b" \r\n\r\n"}, "The file is empty"),
        ({"op": "csv_columns", "data": b"PK\x03\x04zip"}, "Excel workbook (.xlsx)"),
        ({"op": "csv_columns", "data": b"a\x00b\x00c"}, "not a text file"),
        ({"op": "csv_columns", "data": b'a,b\n1,"2\n3,4\n'}, "Line 2 of the CSV cannot be read"),
        ({"op": "csv_columns", "data": b"a\n", "column": "a"}, "does not take column"),
        ({"op": "audit_csv_bytes", "data": b"a,b\n1,2\n", "column": "m"}, "no column named “m”"),
        ({"op": "audit_csv_bytes", "data": b'm\n"1\n', "column": "m"}, "unbalanced quote"),
        ({"op": "audit_csv_bytes", "data": b"m\n1\n", "column": "m", "progress": 5}, "progress"),
        ({"op": "audit_csv_bytes", "data": b"m\n", "column": "m", "max_rows": -1}, "max_rows"),
    ],
)
def test_file_ops_give_plain_errors(request_: dict[str, Any], expected: str) -> None:
    reply = handle(request_)
    assert reply["ok"] is False
    assert expected in reply["error"]


def test_excel_unicode_text_utf16_tab_separated() -> None:
    data = "Name\tMobile\r\nZoë\t07400 123456\r\n".encode("utf-16")
    columns = handle({"op": "csv_columns", "data": data})["result"]
    assert columns["columns"] == ["Name", "Mobile"]
    assert columns["delimiter_name"] == "tab"
    assert columns["encoding_name"] == "UTF-16"
    reply = handle({"op": "audit_csv_bytes", "data": data, "column": "Mobile", "fixed_csv": True})
    result = reply["result"]
    assert result["summary"]["sendable"] == 1
    assert result["fixed_csv"].splitlines()[1].split("\t")[:3] == [
        "Zoë",
        "07400 123456",
        "+447400123456",
    ]
