"""handle(): the browser worker's JSON entry point is dispatch only and never raises."""

from __future__ import annotations

import json
from typing import Any

import pytest

from checkers import (
    MAX_CSV_BYTES,
    audit_file,
    build_report,
    check_allowances,
    check_number,
    read_columns,
)
from checkers.api import handle


def call(request: Any) -> dict[str, Any]:
    reply = handle(json.loads(json.dumps(request)))
    assert json.loads(json.dumps(reply)) == reply
    return reply


def test_each_op_gives_its_function_s_result() -> None:
    assert call({"op": "check_number", "raw": "07400 123456", "default_region": "GB"}) == {
        "ok": True,
        "result": check_number("07400 123456").to_dict(),
    }
    table = "User\tDaily Allowance\nJane\t5\nBob\t0\n"
    assert call({"op": "check_allowances", "text": table})["result"] == json.loads(
        json.dumps(check_allowances(table).for_page())
    )
    answers = {"record_name": "J", "record_id": "1"}
    reply = call({"op": "build_report", "kind": "record_blocked", "answers": answers})
    assert reply["result"] == json.loads(
        json.dumps(build_report("record_blocked", answers).to_dict())
    )
    data = b"Name,Mobile\nJane,07400 123456\n"
    assert handle({"op": "csv_columns", "data": data})["result"] == read_columns(data).to_dict()
    reply = handle({"op": "audit_csv", "data": data, "column": "Mobile", "file_name": "x.csv"})
    assert reply["result"] == audit_file(data, "Mobile", file_name="x.csv").to_dict()


def test_only_the_ops_the_widgets_use() -> None:
    error = call({"op": "nope"})["error"]
    assert error == (
        "Unknown op 'nope': use one of check_number, check_allowances, check_message, "
        "build_report, csv_columns, audit_csv, fixed_xlsx."
    )


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (None, "must be an object"),
        ([], "must be an object"),
        ({}, "Unknown op None"),
        ({"op": "check_number"}, "“raw” must be text"),
        ({"op": "check_number", "raw": 5}, "“raw” must be text"),
        ({"op": "check_number", "raw": "1", "default_region": "ZZ"}, "Unknown region 'ZZ'"),
        ({"op": "check_number", "raw": "1", "region": "GB"}, "does not take region"),
        ({"op": "check_allowances", "plan": "x"}, "check_allowances does not take plan"),
        ({"op": "check_allowances", "text": "hello"}, "No table found"),
        ({"op": "check_message"}, "“text” must be text"),
        ({"op": "check_message", "text": ["a"]}, "“text” must be text"),
        ({"op": "check_message", "text": "a", "raw": "a"}, "check_message does not take raw"),
        ({"op": "build_report", "kind": "nope"}, "Unknown report kind 'nope'"),
        ({"op": "build_report", "kind": "record_blocked", "answers": []}, "“answers” must be"),
    ],
)
def test_errors_are_plain_input_errors(request_: Any, expected: str) -> None:
    reply = call(request_)
    assert reply["ok"] is False
    assert reply["kind"] == "input"
    assert expected in reply["error"]


def test_a_bug_is_an_internal_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from checkers._internal import allowances  # noqa: PLC0415 (the op imports it as it runs)

    def broken(_text: str) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(allowances, "check_allowances", broken)
    reply = handle({"op": "check_allowances", "text": "x"})
    assert reply == {
        "ok": False,
        "kind": "internal",
        "error": "Something went wrong in the checker (KeyError: 'oops').",
    }


def test_a_file_too_big_to_send_is_refused_from_its_size_alone() -> None:
    reply = handle({"op": "csv_columns", "size": MAX_CSV_BYTES + 1})
    assert reply["ok"] is False
    assert reply["error"].startswith("This file is 20.1 MB; the checker takes files up to 20 MB")
    reply = handle({"op": "csv_columns", "data": b"a" * (MAX_CSV_BYTES + 1)})
    assert reply["error"].startswith("This file is 20.1 MB")


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        ({"op": "csv_columns"}, "“data” must be the file's bytes"),
        ({"op": "csv_columns", "data": "text"}, "“data” must be the file's bytes"),
        ({"op": "csv_columns", "data": b"a\n", "column": "a"}, "does not take column"),
        ({"op": "audit_csv", "data": b"a,b\n1,2\n", "column": "m"}, "no column named “m”"),
        ({"op": "audit_csv", "data": b"a,b\n1,2\n", "column": ""}, "Choose the column"),
        ({"op": "audit_csv", "data": b'm\n"1\n', "column": "m"}, "unbalanced quote"),
        ({"op": "audit_csv", "data": b"m\n1\n", "column": "m", "progress": 5}, "progress"),
    ],
)
def test_file_ops_give_plain_errors(request_: dict[str, Any], expected: str) -> None:
    reply = handle(request_)
    assert reply["ok"] is False
    assert expected in reply["error"]


def test_audit_progress_is_reported_from_start_to_end() -> None:
    text = "id,mobile\n" + "".join(f"{i},+4474{i:08d}\n" for i in range(2_500))
    calls: list[tuple[int, int, int]] = []
    reply = handle(
        {
            "op": "audit_csv",
            "data": text.encode(),
            "column": "mobile",
            "progress": lambda *a: calls.append(a),
        }
    )
    assert reply["result"]["summary"]["rows"] == 2_500
    assert calls[0] == (0, len(text), 0)
    assert calls[-1] == (len(text), len(text), 2_500)
    assert [done for done, _, _ in calls] == sorted(done for done, _, _ in calls)


def test_check_number_tries_the_common_countries_it_is_given() -> None:
    reply = handle({"op": "check_number", "raw": "06 12 34 56 78", "try_regions": ["IE", "FR"]})
    assert reply["ok"]
    assert reply["result"]["elsewhere"] == {
        "region": "FR",
        "name": "France",
        "e164": "+33612345678",
        "choose": "Use France",
    }
    assert handle({"op": "check_number", "raw": "06 12 34 56 78"})["result"]["elsewhere"] is None


@pytest.mark.parametrize("bad", ["FR", [1], ["FR"] * 21])
def test_check_number_refuses_try_regions_it_cannot_use(bad: object) -> None:
    reply = handle({"op": "check_number", "raw": "0612345678", "try_regions": bad})
    assert reply["ok"] is False
    assert reply["kind"] == "input"
    assert "try_regions" in reply["error"]
