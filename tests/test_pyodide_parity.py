"""checkers gives the same answers in real Pyodide (under Node) as in CPython.

The runtime is built by the MkDocs hook's own builder, so Pyodide loads exactly the
standard library, wheels and lock the site ships; tests/pyodide/run_requests.mjs boots it
through the browser worker's code and runs every request once.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from checkers._internal.local_zone import zone_named
from checkers.worker import call
from tests.sitebuild import load_hook
from tests.test_checkers_message import VECTORS as MESSAGE_VECTORS
from tests.test_checkers_message import vector_text

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors" / "numbers.json"
RUNNER = ROOT / "tests" / "pyodide" / "run_requests.mjs"

pytestmark = pytest.mark.pyodide

# Requests beyond the number vectors: the other ops, and bad input handle() turns into errors.
ALLOWANCES_TSV = "User\tDaily Allowance\nJane Smith\t100\nJoe Bloggs\t0\nAnn Lee\t1 000\nBo\t2.5\n"
ALLOWANCES_CSV = 'Username;Daily limit\r\nA;"1,000"\r\nB;-3\r\nA;\r\n'
CONTACTS_CSV = (
    "Name,Mobile,Notes\n"
    "Jane,07400 123456,ok\n"
    "Joe,+44 20 7946 0000,landline\n"
    'Ann,"(0)7400-123-456",\n'
    "Bo,12345,\n"
    "Cy,+1 202 555 0123,US\n"
)
CONTACTS_CP1252 = (
    "Nom;Téléphone portable;Note\r\n"
    "Zoë;07400 123456;£5 \u2013 ok\r\n"
    "René;0121 234 5678;\r\n"
    "Åsa;+33 6 12 34 56 78;\r\n"
).encode("cp1252")
FIXED_CSV = (
    "\ufeffName;Mobile;e164;sendable;problems\r\n"
    "Zoë;+447400123456;+447400123456;yes;\r\n"
    'Bo;07400 123456;+447400123456;yes;"missing_country_code; formatting_characters"\r\n'
    "'=1+1;\x01;;no;not_a_number\r\n"
).encode()
LONDON = zone_named("Europe/London", datetime(2026, 11, 28, 15, tzinfo=UTC)).to_dict()
BIG_CSV = "id,mobile\n" + "".join(f"{i},07{400 + i % 500} {i % 999:06d}\n" for i in range(3000))
OTHER_REQUESTS: list[dict[str, Any]] = [
    {"op": "check_allowances", "text": ALLOWANCES_TSV},
    {"op": "check_allowances", "text": ALLOWANCES_CSV},
    {"op": "check_allowances", "text": ""},
    {
        "op": "build_report",
        "kind": "not_received",
        "default_region": "GB",
        "answers": {
            "account_name": "Acme",
            "what_happened": "Two applicants get nothing.\nOthers do.",
            "send_log": "Sent",
            "applicants": "Jane Smith, 07400 123456\nJoe, 020 7946 0000\nAnn, 12345",
            "sent_at": "yesterday 2pm",
            "scope": "specific",
            "users_affected": "one",
            "last_worked": "10/07/2026 14:05",  # summer time: its own offset
            "keep_numbers": ["020 7946 0000", "12345"],
            "timezone": LONDON,
            "now": "2026-11-28T15:00:00+00:00",
        },
    },
    {
        "op": "build_report",
        "kind": "replies_missing",
        "answers": {
            "started": "Tuesday 9am",
            "ever_worked": "yes",
            "scope": "all",
            "example_sent_at": "yesterday-ish",
            "timezone": LONDON,
            "now": "2026-11-28T15:00:00+00:00",
        },
    },
    {
        "op": "build_report",
        "kind": "still_not_resolved",
        "answers": {"problem": "sending", "what_happened": "a\u202eb\x00c\ud800d"},
    },
    {"op": "build_report", "kind": "service_inactive", "answers": {"account_name": "Acme"}},
    {"op": "build_report", "kind": "record_blocked", "answers": {"timezone": {"offsets": []}}},
    {"op": "build_report", "kind": "no_such_kind", "answers": {}},
    {"op": "csv_columns", "$data": CONTACTS_CSV},
    {"op": "csv_columns", "$data": CONTACTS_CP1252},
    {"op": "csv_columns", "$data": CONTACTS_CSV.encode("utf-16-le")},
    {"op": "csv_columns", "$data": b"PK\x03\x04binary"},
    {"op": "csv_columns", "$data": b""},
    {"op": "csv_columns", "$data": b"a," * 100_000 + b"\n"},
    {"op": "csv_columns", "size": 30_000_000},
    {"op": "csv_columns"},
    {"op": "audit_csv", "$data": CONTACTS_CSV, "column": "Mobile", "$progress": True},
    {"op": "audit_csv", "$data": CONTACTS_CP1252, "column": "Téléphone portable"},
    {"op": "audit_csv", "$data": BIG_CSV, "column": "mobile", "$progress": True},
    {"op": "audit_csv", "$data": "=1+1,Mobile\n@x,+447400123456\n", "column": "Mobile"},
    {"op": "audit_csv", "$data": CONTACTS_CSV, "column": "Phone"},
    {"op": "audit_csv", "$data": CONTACTS_CSV, "column": "Mobile", "id_columns": ["Name"]},
    {"op": "audit_csv", "$data": CONTACTS_CSV, "column": "Mobile", "id_columns": ["Nom"]},
    {"op": "fixed_xlsx", "$data": FIXED_CSV, "delimiter": ";"},
    {"op": "fixed_xlsx", "$data": b"\xff\xfe\x00", "delimiter": ";"},
    {"op": "audit_csv", "$data": b'a,b\n1,"2\n', "column": "b"},
    {"op": "audit_csv", "$data": b"a;b\n1;2\n3,4\n", "column": "b"},
    {"op": "audit_csv", "$data": b"a,b\n1,2\x00\n", "column": "b"},
    {"op": "check_message", "text": "We\u2019re free \u2013 call? \U0001f44d\U0001f3fd " * 200},
    {"op": "check_message", "text": "x" * 100_001},
    {"op": "check_message", "text": 5},
    {"op": "no_such_op"},
    {"op": "check_number", "raw": "07400 123456", "colour": "red"},
    {"op": "check_number", "raw": 7400123456},
    {"op": "check_number", "raw": "+44 20 7946 0000", "default_region": "ZZ"},
    {"op": "check_number", "raw": "\uff10\uff17\uff14\uff10\uff10 123456\u202c"},
]


def as_json(request: dict[str, Any]) -> dict[str, Any]:
    """The request as stored for the runner: a file's bytes ("$data") as base64."""
    data = request.get("$data")
    if data is None:
        return request
    raw = data.encode() if isinstance(data, str) else data
    return {**request, "$data": base64.b64encode(raw).decode("ascii")}


def vectors() -> list[dict[str, Any]]:
    return json.loads(VECTORS.read_text(encoding="utf-8"))


def number_request(vector: dict[str, Any]) -> dict[str, Any]:
    return {"op": "check_number", "raw": vector["input"], "default_region": vector["region"]}


def message_request(vector: dict[str, Any]) -> dict[str, Any]:
    return {"op": "check_message", "text": vector_text(vector["text"])}


def message_answers(in_pyodide: list[Any]) -> list[Any]:
    """Pyodide's answers to the message vectors (they follow the number vectors)."""
    start = len(vectors())
    return in_pyodide[start : start + len(MESSAGE_VECTORS)]


def other_answers(in_pyodide: list[Any]) -> list[Any]:
    """Pyodide's answers to OTHER_REQUESTS (they come last)."""
    return in_pyodide[len(vectors()) + len(MESSAGE_VECTORS) :]


def in_cpython(request: dict[str, Any], progress: list[list[int]] | None = None) -> Any:
    """The worker's `call` in this interpreter, as the browser makes it: (reply, files)."""
    request = dict(request)
    data = request.pop("$data", None)
    wants_progress = request.pop("$progress", False)
    calls = [] if progress is None else progress
    text, files = call(
        json.dumps(request),
        data.encode() if isinstance(data, str) else data,
        (lambda done, total, rows: calls.append([done, total, rows])) if wants_progress else None,
    )
    return json.loads(text), [base64.b64encode(f).decode("ascii") for f in files]


def subset_mismatches(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where `actual` differs from `expected`; dicts need only contain the expected keys."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{where}.{key}: missing")
            else:
                out += subset_mismatches(value, actual[key], f"{where}.{key}")
        return out
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]


@pytest.fixture(scope="module")
def requests() -> list[dict[str, Any]]:
    numbers = [number_request(v) for v in vectors()]
    return numbers + [message_request(v) for v in MESSAGE_VECTORS] + OTHER_REQUESTS


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runtime the site ships, built once for both ways of starting it."""
    runtime = tmp_path_factory.mktemp("pyodide") / "assets" / "pyodide"
    load_hook().build_runtime(runtime)
    return runtime


@pytest.fixture(scope="module", params=["started", "restored"])
def in_pyodide(
    request: pytest.FixtureRequest,
    requests: list[dict[str, Any]],
    runtime: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> list[Any]:
    """Responses from real Pyodide, one per request, in order: Python started as on a first
    visit, or restored from the memory snapshot that start made (a repeat visit)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the Pyodide parity tests need Node.js 18 or newer")
    if not (ROOT / "node_modules" / "pyodide" / "package.json").is_file():
        pytest.fail("node_modules/pyodide is missing: run `make setup` (npm ci) before these tests")
    work = tmp_path_factory.mktemp("requests")
    stored = [as_json(item) for item in requests]
    (work / "requests.json").write_text(json.dumps(stored), encoding="utf-8")
    command = [node, str(RUNNER), str(runtime), str(work / "requests.json"), str(work / "out.json")]
    if request.param == "restored":
        command.append("--from-snapshot")
    proc = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"node failed:\n{proc.stdout}\n{proc.stderr}"
    out = json.loads((work / "out.json").read_text(encoding="utf-8"))
    print(f"Pyodide booted in Node in {out['boot_ms']} ms")
    # Python ran on the standard library the site ships: the lock's trimmed, compiled zip.
    assert out["stdlib"] == "/lib/python314.zip/json/__init__.pyc", out["stdlib"]
    assert len(out["responses"]) == len(requests)
    for response, files, calls in zip(out["responses"], out["files"], out["progress"], strict=True):
        response["$files"] = files
        if calls is not None:
            response["$progress"] = calls
    return out["responses"]


def test_big_file_reports_progress_in_between(in_pyodide: list[Any]) -> None:
    position = next(i for i, r in enumerate(OTHER_REQUESTS) if r.get("$data") is BIG_CSV)
    got = other_answers(in_pyodide)[position]
    assert got["ok"] is True, got
    calls = got["$progress"]
    total = calls[0][1]
    assert calls[0] == [0, total, 0]
    assert calls[-1] == [total, total, 3000]
    assert any(0 < done < total for done, _, _ in calls), calls


def test_vectors_exist() -> None:
    assert len(vectors()) >= 10


def test_every_number_vector_matches_cpython(in_pyodide: list[Any]) -> None:
    diffs = []
    for vector, answer in zip(vectors(), in_pyodide, strict=False):
        got = {key: value for key, value in answer.items() if key != "$files"}
        want, _files = in_cpython(number_request(vector))
        if got != want:
            diffs.append(
                f"{vector['input']!r} ({vector['region']}): CPython {want} != Pyodide {got}"
            )
    assert not diffs, "\n".join(diffs)


def test_every_number_vector_meets_its_expectation(in_pyodide: list[Any]) -> None:
    diffs = []
    for vector, got in zip(vectors(), in_pyodide, strict=False):
        assert got["ok"] is True, f"{vector['input']!r}: {got}"
        problems = subset_mismatches(vector["expect"], got["result"], "result")
        diffs += [f"{vector['input']!r} ({vector['region']}) {p}" for p in problems]
    assert not diffs, "\n".join(diffs)


def comparable(files: list[str]) -> list[object]:
    """A reply's files, an Excel file as its members' contents (zip dates follow the clock)."""
    out: list[object] = []
    for encoded in files:
        raw = base64.b64decode(encoded)
        if raw.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                out.append({name: archive.read(name) for name in archive.namelist()})
        else:
            out.append(encoded)
    return out


def test_other_ops_match_cpython(in_pyodide: list[Any]) -> None:
    for request, answer in zip(OTHER_REQUESTS, other_answers(in_pyodide), strict=True):
        got = dict(answer)
        progress = got.pop("$progress", None)
        files = got.pop("$files")
        calls: list[list[int]] = []
        want, want_files = in_cpython(request, calls)
        assert (got, comparable(files)) == (want, comparable(want_files)), request
        if request.get("$progress"):
            assert progress == calls, request
            assert len(calls) >= 2, request
        assert isinstance(got["ok"], bool)
        assert ("result" if got["ok"] else "error") in got, request


def test_some_other_op_succeeds(in_pyodide: list[Any]) -> None:
    # Guards against OTHER_REQUESTS drifting from the API and only comparing errors.
    answers = other_answers(in_pyodide)
    ops = ("check_allowances", "check_message", "build_report", "csv_columns", "audit_csv")
    for op in (*ops, "fixed_xlsx"):
        assert any(
            a["ok"] for r, a in zip(OTHER_REQUESTS, answers, strict=True) if r["op"] == op
        ), op


def test_every_message_vector_matches_cpython(in_pyodide: list[Any]) -> None:
    diffs = []
    for vector, answer in zip(MESSAGE_VECTORS, message_answers(in_pyodide), strict=True):
        got = {key: value for key, value in answer.items() if key != "$files"}
        want, _files = in_cpython(message_request(vector))
        if got != want:
            diffs.append(f"{vector['name']}: CPython {want} != Pyodide {got}")
    assert not diffs, "\n".join(diffs)


def test_every_message_vector_meets_its_expectation(in_pyodide: list[Any]) -> None:
    diffs = []
    for vector, got in zip(MESSAGE_VECTORS, message_answers(in_pyodide), strict=True):
        assert got["ok"] is True, f"{vector['name']}: {got}"
        problems = subset_mismatches(vector["expect"], got["result"], "result")
        diffs += [f"{vector['name']} {p}" for p in problems]
    assert not diffs, "\n".join(diffs)


def test_the_excel_file_made_in_pyodide_keeps_numbers_as_text(in_pyodide: list[Any]) -> None:
    position = next(i for i, r in enumerate(OTHER_REQUESTS) if r.get("$data") is FIXED_CSV)
    got = other_answers(in_pyodide)[position]
    assert got["ok"] is True, got
    assert got["result"]["rows"] == 3
    (made,) = got["$files"]
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(made))).active
    assert [cell.value for cell in sheet[1]] == ["Name", "Mobile", "e164", "sendable", "problems"]
    for cell in sheet[2][1:3]:
        assert (cell.value, cell.data_type) == ("+447400123456", "s")
    assert sheet["A2"].value == "Zoë"
    assert sheet["A4"].value == "'=1+1"
