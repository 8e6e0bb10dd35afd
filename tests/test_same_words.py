"""The command line and the widgets say the same sentences for the same result.

For each op the widgets call, the CLI's output is compared with what `handle()` gives the
browser: the words come from one place in checkers, so they cannot drift apart. (The
browser tests check that each widget shows handle()'s words as they are.)
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from checkers._internal.cli import main
from checkers._internal.local_zone import zone_named
from checkers.api import handle

EXPECTED = Path(__file__).parent / "expected_reports"
TABLE = "User\tDaily Allowance\nAnn Lee\t0\nBob Kay\t\nCara Diaz\t100\nAnn Lee\t5\n"
CONTACTS = "Name,Mobile\n=1+1,07400 123456\nBob,0121 234 5678\nCy,+447400123456\n"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    main(list(argv))
    return capsys.readouterr()


def test_number(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = cli(capsys, "number", "07400 123456", "--region", "GB")
    reply = handle({"op": "check_number", "raw": "07400 123456", "default_region": "GB"})
    assert json.loads(out) == reply["result"]


def test_allowances(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "limits.tsv").write_text(TABLE, encoding="utf-8")
    out, _ = cli(capsys, "allowances", str(tmp_path / "limits.tsv"))
    result = handle({"op": "check_allowances", "text": TABLE})["result"]
    lines = out.splitlines()
    assert lines[-1] == result["verdict"]
    for row in result["blocked"]:
        assert f"{row['user']}: CANNOT send. {row['reason']}" in lines
    for note in result["notes"]:
        assert f"Note: {note}" in lines


def test_allowances_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "limits.tsv").write_text("hello\n", encoding="utf-8")
    _, err = cli(capsys, "allowances", str(tmp_path / "limits.tsv"))
    assert err == f"checkers: {handle({'op': 'check_allowances', 'text': 'hello'})['error']}\n"


def test_message(capsys: pytest.CaptureFixture[str]) -> None:
    text = "We\u2019re free \u2013 call? \U0001f44d\U0001f3fd {name}"
    out, _ = cli(capsys, "message", text)
    line = json.loads(out)
    result = handle({"op": "check_message", "text": text})["result"]
    assert line["verdict_code"] == "unicode"
    for key in ("verdict", "counts", "notes", "non_gsm", "fixed_text"):
        assert line[key] == result[key], key


def test_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answers = {
        "applicants": "Bob, 0121 234 5678",
        "scope": "nope",
        "sent_at": "yesterday 2pm",
        "now": "2026-11-28T15:00:00+00:00",
        "timezone": "Europe/London",
    }
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    out, err = cli(
        capsys, "report", "--kind", "not_received", "--answers", str(tmp_path / "answers.json")
    )
    # The browser sends its zone as a table; the CLI makes the same table from the name.
    zone = zone_named("Europe/London", datetime.fromisoformat(answers["now"])).to_dict()
    request = {
        "op": "build_report",
        "kind": "not_received",
        "answers": {**answers, "timezone": zone},
    }
    result = handle(request)["result"]
    assert result["complete"] is False
    assert out == ""
    lines = err.splitlines()
    for problem in result["errors"]:
        assert f"checkers: {problem}" in lines
    for number in result["unsendable"]:
        assert f"checkers: {number['warning']}" in lines
    complete = json.loads((EXPECTED / "not_received.json").read_text(encoding="utf-8"))
    out, _ = cli(
        capsys, "report", "--kind", "not_received", "--answers", str(EXPECTED / "not_received.json")
    )
    zone = zone_named(complete["timezone"], datetime.fromisoformat(complete["now"])).to_dict()
    request = {
        "op": "build_report",
        "kind": "not_received",
        "answers": {**complete, "timezone": zone},
    }
    assert out == handle(request)["result"]["text"]


def test_audit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    out, _ = cli(
        capsys, "audit", str(tmp_path / "contacts.csv"), "--column", "Mobile",
        "--output", str(tmp_path / "fixed.csv"),
    )  # fmt: skip
    data = CONTACTS.encode()
    result = handle({"op": "audit_csv", "data": data, "column": "Mobile"})["result"]
    lines = out.splitlines()
    summary = result["summary"]
    assert lines[0] == summary["headline"]
    for line in summary["counts"]:
        assert f"{line['label']}: {line['value']:,}" in lines
    for problem in result["problems"]:
        assert f"  {problem['label']}: {problem['rows']:,}" in lines
    assert result["formulas_note"] in lines
    assert (tmp_path / "fixed.csv").read_bytes() == result["fixed_csv"]


def test_audit_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text("Name,Phone\nA,1\n", encoding="utf-8")
    _, err = cli(capsys, "audit", str(tmp_path / "contacts.csv"), "--column", "Mobile")
    reply = handle({"op": "audit_csv", "data": b"Name,Phone\nA,1\n", "column": "Mobile"})
    assert err == f"checkers: {reply['error']}\n"
