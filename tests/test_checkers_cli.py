"""The command line: output, exit codes, and one-line errors instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checkers._internal.cli import main
from tests.cli import Cli

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_number_prints_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "number", "+447400123456", "07400 123456")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [line["e164"] for line in lines] == ["+447400123456"] * 2
    assert err == ""


def test_number_exit_1_when_not_sendable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "number", "+447400123456", "0121 234 5678")
    assert code == 1
    assert json.loads(out.splitlines()[1])["problems"][0]["code"] == "landline"


def test_number_unknown_region_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "number", "07400123456", "--region", "XX")
    assert (code, out) == (2, "")
    assert err.startswith("checkers: Unknown region 'XX'")
    assert err.count("\n") == 1


@pytest.mark.parametrize("argv", [[], ["nope"], ["number"], ["audit", "x.csv"]])
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith("checkers: ")


def test_allowances_file_and_stdin(cli: Cli) -> None:
    table = cli.file("limits.tsv", "User\tDaily Allowance\nJane\t100\nBob\t\n")
    code, out, _ = cli.run("allowances", str(table))
    assert code == 1
    assert "Bob: CANNOT send. Daily Allowance is blank" in out
    assert out.endswith("1 of 2 users cannot send SMS.\n")
    cli.stdin(b"Jane\t5\n")
    code, out, _ = cli.run("allowances", "-", "--json")
    assert code == 0
    assert json.loads(out)["can_send"] == 1


def test_allowances_no_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "limits.txt"
    table.write_text("hello\n", encoding="utf-8")
    code, _, err = run(capsys, "allowances", str(table))
    assert code == 2
    assert err.startswith("checkers: No table found.")


EXPECTED = ROOT / "tests" / "expected_reports"


@pytest.mark.parametrize(
    "kind",
    ["service_inactive", "record_blocked", "not_received", "replies_missing", "still_not_resolved"],
)
def test_report_prints_the_reviewed_text(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    # The answers file holds "now" and the zone's name: the text is the same on any computer.
    code, out, err = run(
        capsys, "report", "--kind", kind, "--answers", str(EXPECTED / f"{kind}.json")
    )
    assert (code, err) == (0, "")
    assert out == (EXPECTED / f"{kind}.txt").read_text(encoding="utf-8")


def test_report_json_and_the_time_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = json.loads((EXPECTED / "not_received.json").read_text(encoding="utf-8"))
    del answers["now"], answers["timezone"]
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    argv = ["report", "--kind", "not_received", "--answers", str(tmp_path / "answers.json")]
    code, out, _ = run(
        capsys, *argv, "--now", "2026-11-28T10:00", "--timezone", "America/New_York", "--json"
    )
    assert code == 0
    sent = next(f for f in json.loads(out)["fields"] if f["id"] == "sent_at")
    assert sent["shown"] == ["Friday 27 November 2026, 14:00 (UTC-05:00, America/New_York)"]
    last = next(f for f in json.loads(out)["fields"] if f["id"] == "last_worked")
    assert last["shown"] == ["Tuesday 20 October 2026, 09:00 (UTC-04:00, America/New_York)"]
    code, _, err = run(capsys, *argv, "--timezone", "Mars/Olympus")
    assert code == 2
    assert err == (
        "checkers: Unknown time zone 'Mars/Olympus': write a name such as Europe/London or "
        "America/New_York.\n"
    )
    code, _, err = run(capsys, *argv, "--now", "soon")
    assert code == 2
    assert "--now 'soon' is not a date and time in ISO 8601" in err


def test_report_incomplete(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"record_name": "Jane"}', encoding="utf-8")
    code, out, err = run(capsys, "report", "--kind", "record_blocked", "--answers", str(answers))
    assert code == 1
    assert out == ""  # no text until the answers are complete
    assert err.splitlines() == [
        "checkers: Enter your organisation or account name",
        "checkers: Describe what happened",
        "checkers: Enter the ID of the affected record",
    ]


def test_report_numbers_that_cannot_receive_sms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = json.loads((EXPECTED / "not_received.json").read_text(encoding="utf-8"))
    del answers["keep_numbers"]
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    argv = ["report", "--kind", "not_received", "--answers", str(tmp_path / "answers.json")]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith("checkers: Change or remove the number that can never receive SMS")
    assert lines[1].startswith("checkers: Bob Jones: It is a landline number")
    assert (
        lines[2] == 'checkers: to keep them, add "keep_numbers": ["0121 234 5678"] to the answers'
    )


@pytest.mark.parametrize(
    ("content", "kind", "expected"),
    [
        ("{bad", "record_blocked", "is not valid JSON (line 1, column 2)"),
        ("[1]", "record_blocked", "must hold a JSON object"),
        ("{}", "nope", "Unknown report kind 'nope'"),
    ],
)
def test_report_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: str,
    kind: str,
    expected: str,
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "report", "--kind", kind, "--answers", str(answers))
    assert code == 2
    assert expected in err


def test_audit_writes_fixed_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes("Name;Mobile\nZoë;07400 123456\nBob;0121 234 5678\n".encode("cp1252"))
    fixed = tmp_path / "fixed.csv"
    code, out, err = run(
        capsys,
        "audit",
        str(source),
        "--column",
        "mobile",
        "--output",
        str(fixed),
    )
    assert code == 1
    assert out.startswith("1 number of 2 cannot receive SMS.\n")
    assert "Rows checked: 2\n" in out
    assert "Cannot receive SMS: 1\n" in out
    assert "  Landline: cannot take SMS: 1\n" in out
    assert err == ""  # no progress bar when stderr is not a terminal
    assert fixed.read_text(encoding="utf-8-sig").splitlines() == [
        "Name;Mobile;e164;sendable;problems",
        'Zoë;07400 123456;+447400123456;yes;"missing_country_code; formatting_characters"',
        "Bob;0121 234 5678;+441212345678;no;"
        '"landline; missing_country_code; formatting_characters"',
    ]


def test_audit_progress_on_a_terminal(cli: Cli) -> None:
    source = cli.file("contacts.csv", "m\n" + "+447400123456\n" * 5000)
    cli.monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = cli.run("audit", str(source), "--column", "m")
    assert code == 0
    assert "100%" in err


@pytest.mark.parametrize(
    ("content", "column", "expected"),
    [
        (None, "m", "cannot read or write"),
        (b"PK\x03\x04xx", "m", "Excel workbook"),
        (b"", "m", "The file is empty"),
        (b"a,b\n1,2\n", "m", "There is no column named"),
    ],
)
def test_audit_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: bytes | None,
    column: str,
    expected: str,
) -> None:
    source = tmp_path / "contacts.csv"
    if content is not None:
        source.write_bytes(content)
    code, _, err = run(capsys, "audit", str(source), "--column", column)
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1


def test_directory_instead_of_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "allowances", str(tmp_path))
    assert code == 2
    assert err.startswith("checkers: cannot read or write")


def test_python_dash_m_has_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checkers", "audit", "missing.csv", "--column", "m"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("checkers: ")
