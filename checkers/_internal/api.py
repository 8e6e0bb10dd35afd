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

Arguments are named as the functions' parameters; ``default_region`` defaults to GB.
An argument an op does not take is an error, so a caller's typo does not pass unseen.
The reply is ``{"ok": True, "result": ...}`` or ``{"ok": False, "error": "plain message"}``.
`handle` never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import NoReturn

from checkers._internal.allowances import check_allowances
from checkers._internal.audit import audit_csv, fixed_csv_header, fixed_csv_line
from checkers._internal.numbers import check_number, supported_regions
from checkers._internal.reports import build_report
from checkers._internal.spec import load_spec

DEFAULT_MAX_ROWS = 200
"""How many rows with problems `audit_csv_text` returns unless told otherwise."""

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
    max_rows = request.get("max_rows", DEFAULT_MAX_ROWS)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 0:
        _fail("“max_rows” must be a whole number, 0 or more.")
    want_fixed = request.get("fixed_csv", False) is True
    text = _text(request, "text")
    column, region = _text(request, "column"), _text(request, "default_region", "GB")
    audit = audit_csv(text.splitlines(keepends=True), column, region)
    shown: list[object] = []
    fixed = [fixed_csv_header(audit)] if want_fixed else []
    for row in audit.rows():
        if not row.check.ok and len(shown) < max_rows:
            shown.append(row.to_dict())
        if want_fixed:
            fixed.append(fixed_csv_line(row, audit))
    summary = audit.summary
    return {
        "columns": list(audit.columns),
        "column": audit.column,
        "delimiter": audit.delimiter,
        "summary": summary.to_dict(),
        "rows": shown,
        "rows_truncated": summary.rows - summary.ok > len(shown),
        "fixed_csv": "".join(fixed) if want_fixed else None,
    }


_OPS: MappingProxyType[str, Callable[[Mapping[str, object]], object]] = MappingProxyType(
    {
        "check_number": _check_number,
        "check_allowances": _check_allowances,
        "build_report": _build_report,
        "report_spec": _report_spec,
        "audit_csv_text": _audit_csv_text,
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
        "supported_regions": (),
    },
)
