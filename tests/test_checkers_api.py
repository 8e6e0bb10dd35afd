"""handle(): the browser worker's JSON entry point never raises."""

from __future__ import annotations

import json
from typing import Any

import pytest

from checkers import check_number
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
