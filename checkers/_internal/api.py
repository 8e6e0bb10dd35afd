r"""One JSON-in, JSON-out entry point for the browser worker: `handle(request)`.

A request is a dict with an ``"op"`` and that op's arguments:

- ``{"op": "check_number", "raw": "07400 123456", "default_region": "GB"}``
- ``{"op": "check_allowances", "text": "User\tDaily Allowance\n..."}``
- ``{"op": "build_report", "kind": "not_received", "answers": {...}, "default_region": "GB"}``
- ``{"op": "report_spec"}``: channels, guide steps and report kinds for the form
- ``{"op": "audit_csv_text", "text": "...", "column": "Mobile", "default_region": "GB",
  "max_rows": 200, "fixed_csv": false}``: the summary, the first `max_rows` rows with a
  problem and, when asked, the fixed CSV as text
- ``{"op": "supported_regions"}``: ``[[code, calling code], ...]`` for a region select

Two ops read a file the reader chose, as ``data`` (bytes, at most `MAX_CSV_BYTES`), which
JSON cannot carry: the browser worker adds it to the parsed request (see python-worker.js).
The bytes are decoded with `detect_encoding` (UTF-8, UTF-16 with a BOM, else cp1252):

- ``{"op": "csv_columns", "data": b"..."}``: the header's columns, the delimiter, the
  encoding and the column most likely to hold mobile numbers (``suggested``, or None)
- ``{"op": "audit_csv_bytes", "data": b"...", "column": "Mobile", "default_region": "GB",
  "max_rows": 200, "fixed_csv": true, "progress": callback}``: as ``audit_csv_text``, plus
  the encoding and ``problems``, the summary's problem counts with plain labels;
  ``progress(done, total, rows)`` (optional) is called as the file is read, ``done`` and
  ``total`` counting characters

Arguments are named as the functions' parameters; ``default_region`` defaults to GB.
An argument an op does not take is an error, so a caller's typo does not pass unseen.
The reply is ``{"ok": True, "result": ...}`` or ``{"ok": False, "error": "plain message"}``.
`handle` never raises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import NoReturn

from checkers._internal.allowances import check_allowances
from checkers._internal.audit import (
    AuditError,
    AuditSummary,
    audit_csv,
    fixed_csv_header,
    fixed_csv_line,
)
from checkers._internal.encoding import detect_encoding
from checkers._internal.numbers import check_number, supported_regions
from checkers._internal.problems import PROBLEM_SEVERITY
from checkers._internal.reports import build_report
from checkers._internal.spec import load_spec
from checkers._internal.tables import delimiter_name, detect_delimiter, header_key

DEFAULT_MAX_ROWS = 200
"""How many rows with problems `audit_csv_text` returns unless told otherwise."""

MAX_CSV_BYTES = 20_000_000
"""The largest file `csv_columns` and `audit_csv_bytes` take: 20 MB.

A browser tab holds the file several times over while it is checked (the bytes, the text,
the corrected copy); 20 MB is about 200,000 contacts exported with a few columns, a minute
of checking at most, and stays well inside a phone's or an old laptop's memory.
"""

PROGRESS_EVERY = 500
"""`audit_csv_bytes` considers reporting progress every this many rows."""

PHONE_COLUMN_HINTS = ("mobile", "cell", "sms", "phone", "tel", "number")
"""Words in a column name that suggest mobile numbers, best first."""

PROBLEM_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "empty": "No number",
        "letters": "Letters in the number",
        "not_a_number": "Not a phone number",
        "invalid_country_code": "Unknown country code",
        "too_short": "Too short",
        "too_long": "Too long",
        "fictional": "TV and drama number, not a real one",
        "invalid": "Not a valid number",
        "landline": "Landline: cannot take SMS",
        "not_mobile": "Not a mobile number",
        "may_not_be_mobile": "May not be a mobile",
        "missing_country_code": "No country code",
        "missing_plus": "No + before the country code",
        "formatting_characters": "Spaces, dashes or brackets",
        "extension": "Has an extension",
    },
)
"""A short plain label for every problem code, for counts in the audit's summary."""

ENCODING_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows (cp1252)"},
)
"""Plain names of the encodings `detect_encoding` gives."""

Reply = dict[str, object]


class RequestError(ValueError):
    """A request is missing an argument or has one of the wrong type."""


def handle(request: object) -> Reply:
    """Run one request from the browser worker and return a JSON-ready reply; never raises."""
    try:
        if not isinstance(request, Mapping):
            _fail("The request must be an object with an “op”.")
        op = request.get("op")
        operation = _OPS.get(op) if isinstance(op, str) else None
        if operation is None:
            _fail(f"Unknown op {op!r}: use one of {', '.join(_OPS)}.")
        _check_arguments(str(op), request)
        return {"ok": True, "result": operation(request)}
    except ValueError as error:  # our errors: SpecError, AuditError, bad region or kind
        return {"ok": False, "error": str(error)}
    except Exception as error:  # the worker must always get a reply
        return {"ok": False, "error": f"Something went wrong ({type(error).__name__}: {error})."}


def _fail(message: str) -> NoReturn:
    raise RequestError(message)


def _check_arguments(op: str, request: Mapping[str, object]) -> None:
    allowed = _ARGUMENTS[op]
    unknown = sorted(str(key) for key in request if key != "op" and key not in allowed)
    if unknown:
        takes = ", ".join(allowed) if allowed else "no arguments"
        _fail(f"{op} does not take {', '.join(unknown)}: it takes {takes}.")


def _text(request: Mapping[str, object], key: str, default: str | None = None) -> str:
    value = request.get(key, default)
    if not isinstance(value, str):
        _fail(f"“{key}” must be text.")
    return value


def _check_number(request: Mapping[str, object]) -> object:
    return check_number(_text(request, "raw"), _text(request, "default_region", "GB")).to_dict()


def _check_allowances(request: Mapping[str, object]) -> object:
    return check_allowances(_text(request, "text")).to_dict()


def _build_report(request: Mapping[str, object]) -> object:
    answers = request.get("answers", {})
    if not isinstance(answers, Mapping):
        _fail("“answers” must be an object mapping question ids to answers.")
    report = build_report(_text(request, "kind"), answers, _text(request, "default_region", "GB"))
    return report.to_dict()


def _report_spec(_request: Mapping[str, object]) -> object:
    return load_spec().to_dict()


def _supported_regions(_request: Mapping[str, object]) -> object:
    return [list(pair) for pair in supported_regions()]


def _audit_csv_text(request: Mapping[str, object]) -> object:
    text = _text(request, "text")
    return _audit(text.splitlines(keepends=True), request)[0]


def _audit(
    lines: Iterable[str], request: Mapping[str, object], on_row: Callable[[int], None] | None = None
) -> tuple[dict[str, object], AuditSummary]:
    max_rows = request.get("max_rows", DEFAULT_MAX_ROWS)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 0:
        _fail("“max_rows” must be a whole number, 0 or more.")
    want_fixed = request.get("fixed_csv", False) is True
    column, region = _text(request, "column"), _text(request, "default_region", "GB")
    audit = audit_csv(lines, column, region)
    shown: list[object] = []
    fixed = [fixed_csv_header(audit)] if want_fixed else []
    for row in audit.rows():
        if not row.check.ok and len(shown) < max_rows:
            shown.append(row.to_dict())
        if want_fixed:
            fixed.append(fixed_csv_line(row, audit))
        if on_row is not None:
            on_row(row.row)
    summary = audit.summary
    result: dict[str, object] = {
        "columns": list(audit.columns),
        "column": audit.column,
        "delimiter": audit.delimiter,
        "summary": summary.to_dict(),
        "rows": shown,
        "rows_truncated": summary.rows - summary.ok > len(shown),
        "fixed_csv": "".join(fixed) if want_fixed else None,
    }
    return result, summary


def _file_text(request: Mapping[str, object]) -> tuple[str, str]:
    """Decode the request's ``data``: (text, encoding), or a plain error for a bad file."""
    data = request.get("data")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        _fail("“data” must be the file's bytes.")
    data = bytes(data)
    if len(data) > MAX_CSV_BYTES:
        _fail(
            f"This file is {_megabytes(len(data))}; the checker takes files up to "
            f"{_megabytes(MAX_CSV_BYTES)}. Export only the name and mobile columns, or split "
            "the export into smaller files."
        )
    encoding = detect_encoding([data])  # BinaryFileError (a ValueError) for a non-text file
    return data.decode(encoding, errors="replace"), encoding


def _megabytes(size: int) -> str:
    """Return 20_000_000 as "20 MB" and 20_000_001 as "20.1 MB" (rounded up)."""
    tenths = -(-size // 100_000)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


def _csv_lines(text: str) -> Iterator[str]:
    """Split the text into lines with their endings, as csv wants them (only CR and LF end one)."""
    return iter(io.StringIO(text, newline=""))


def _csv_columns(request: Mapping[str, object]) -> object:
    text, encoding = _file_text(request)
    delimiter = _read_strictly(text)
    reader = csv.reader(_csv_lines(text.lstrip("\ufeff")), delimiter=delimiter)
    columns = next((row for row in reader if any(cell.strip() for cell in row)), [])
    columns = [cell.strip() for cell in columns]
    return {
        "columns": columns,
        "delimiter": delimiter,
        "delimiter_name": delimiter_name(delimiter),
        "encoding": encoding,
        "encoding_name": ENCODING_NAMES.get(encoding, encoding),
        "suggested": suggest_phone_column(columns),
        "max_bytes": MAX_CSV_BYTES,
    }


def _read_strictly(text: str) -> str:
    """Return the CSV's delimiter after checking every record reads (see `_check_quotes`)."""
    header = next((ln for ln in _csv_lines(text) if ln.strip("\ufeff \t\r\n")), None)
    if header is None:
        msg = "The file is empty: export the contacts again with a header row of column names."
        raise AuditError(msg)
    delimiter = detect_delimiter(header.lstrip("\ufeff"))
    _check_quotes(text, delimiter)
    return delimiter


def _check_quotes(text: str, delimiter: str) -> None:
    """Raise AuditError naming the line where a record cannot be read strictly.

    The audit reads leniently: a quote mark that is never closed would swallow the rest of
    the file into one cell without a word. Reading strictly first catches that.
    """
    reader = csv.reader(_csv_lines(text), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _record in reader:
            start = reader.line_num + 1
    except csv.Error as error:
        msg = (
            f"Line {start} of the CSV cannot be read ({error}). It may have an unbalanced "
            'quote mark ("): fix that line, or export the file again.'
        )
        raise AuditError(msg) from None


def suggest_phone_column(columns: Iterable[str]) -> str | None:
    """Return the column most likely to hold mobile numbers (the best hint wins), or None."""
    names = [name for name in columns if name]
    for hint in PHONE_COLUMN_HINTS:
        for name in names:
            if hint in header_key(name):
                return name
    return None


def _audit_csv_bytes(request: Mapping[str, object]) -> object:
    progress = request.get("progress")
    if progress is not None and not callable(progress):
        _fail("“progress” must be a function taking (done, total, rows).")
    text, encoding = _file_text(request)
    total = len(text)
    done = 0
    shown = -1

    def counted(lines: Iterator[str]) -> Iterator[str]:
        nonlocal done
        for line in lines:
            done += len(line)
            yield line

    def on_row(rows: int) -> None:
        nonlocal shown
        if progress is None or rows % PROGRESS_EVERY:
            return
        permille = 1000 * done // total
        if permille > shown:
            shown = permille
            progress(done, total, rows)

    if progress is not None:
        progress(0, total, 0)
    _read_strictly(text)
    result, summary = _audit(counted(_csv_lines(text)), request, on_row)
    if progress is not None:
        progress(total, total, summary.rows)
    result["encoding"] = encoding
    result["encoding_name"] = ENCODING_NAMES.get(encoding, encoding)
    result["problems"] = [
        {
            "code": code,
            "label": PROBLEM_LABELS.get(code, code),
            "severity": PROBLEM_SEVERITY[code],
            "rows": count,
        }
        for code, count in summary.by_problem.items()
    ]
    return result


_OPS: MappingProxyType[str, Callable[[Mapping[str, object]], object]] = MappingProxyType(
    {
        "check_number": _check_number,
        "check_allowances": _check_allowances,
        "build_report": _build_report,
        "report_spec": _report_spec,
        "audit_csv_text": _audit_csv_text,
        "csv_columns": _csv_columns,
        "audit_csv_bytes": _audit_csv_bytes,
        "supported_regions": _supported_regions,
    },
)
_ARGUMENTS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "check_number": ("raw", "default_region"),
        "check_allowances": ("text",),
        "build_report": ("kind", "answers", "default_region"),
        "report_spec": (),
        "audit_csv_text": ("text", "column", "default_region", "max_rows", "fixed_csv"),
        "csv_columns": ("data",),
        "audit_csv_bytes": (
            "data",
            "column",
            "default_region",
            "max_rows",
            "fixed_csv",
            "progress",
        ),
        "supported_regions": (),
    },
)
