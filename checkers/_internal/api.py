r"""One JSON-in, JSON-out entry point for the browser worker: `handle(request)`.

A request is a dict with an ``"op"`` and that op's arguments, named as the functions'
parameters (``default_region`` defaults to GB):

- ``{"op": "check_number", "raw": "07400 123456", "default_region": "GB", "try_regions":
  ["IE", "FR"]}``: `check_number`; ``try_regions`` (optional) are the common countries tried
  when the number cannot take a text in ``default_region``
- ``{"op": "check_allowances", "text": "User\tDaily Allowance\n..."}``: the verdict and the
  first users who cannot send (`AllowanceReport.for_page`)
- ``{"op": "check_message", "text": "We\u2019re free at 10:00"}``: `check_message` with the
  first parts and the characters to fix in them, for the page (`message_for_page`)
- ``{"op": "build_report", "kind": "not_received", "answers": {...}, "default_region": "GB"}``
- ``{"op": "csv_columns", "data": b"...", "size": 123}``: a file's header (`read_columns`);
  ``size`` alone, for a file too big to send, gets the plain refusal
- ``{"op": "audit_csv", "data": b"...", "column": "Mobile", "id_columns": ["Name"],
  "default_region": "GB", "file_name": "contacts.csv", "progress": callback}``: `audit_file`;
  ``progress(done, total, rows)`` is called while the file is read
- ``{"op": "fixed_xlsx", "data": b"...", "delimiter": ";"}``: the corrected CSV that
  ``audit_csv`` gave, as an Excel workbook (`csv_to_xlsx`; it needs XlsxWriter)

``data`` is a file's bytes, which JSON cannot carry: the worker adds it to the parsed
request (see `checkers._internal.worker`). An argument an op does not take is an error, so
a caller's typo does not pass unseen.

The reply is ``{"ok": True, "result": ...}`` or ``{"ok": False, "kind": ..., "error": "plain
message"}``, where ``kind`` is ``"input"`` (the request or what the reader gave cannot be
checked: the message says what to do), ``"package"`` (the op needs an optional package that
is not there: ``"package"`` names it, for the browser worker to load; see
`checkers._internal.optional`) or ``"internal"`` (a bug). `handle` never raises.

Each op imports its check the first time it runs (see the ``_<op>`` functions), so the
worker's start imports only what the number check needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NoReturn

from checkers._internal.optional import MissingPackageError

Reply = dict[str, object]
Request = Mapping[str, object]


class RequestError(ValueError):
    """A request is missing an argument or has one of the wrong type."""


@dataclass(frozen=True)
class _Op:
    run: Callable[[Request], object]
    takes: tuple[str, ...]


def handle(request: object) -> Reply:
    """Run one request from the browser worker and return a JSON-ready reply; never raises."""
    try:
        if not isinstance(request, Mapping):
            _fail("The request must be an object with an “op”.")
        name = request.get("op")
        op = _OPS.get(name) if isinstance(name, str) else None
        if op is None:
            _fail(f"Unknown op {name!r}: use one of {', '.join(_OPS)}.")
        unknown = sorted(str(key) for key in request if key != "op" and key not in op.takes)
        if unknown:
            _fail(f"{name} does not take {', '.join(unknown)}: it takes {', '.join(op.takes)}.")
        return {"ok": True, "result": op.run(request)}
    except MissingPackageError as error:
        return {"ok": False, "kind": "package", "package": error.package, "error": str(error)}
    except ValueError as error:  # AuditError, AllowanceError, MessageError, a bad region or kind
        return {"ok": False, "kind": "input", "error": str(error)}
    except RecursionError:
        return {"ok": False, "kind": "input", "error": "The request is nested too deeply."}
    except Exception as error:  # the worker must always get a reply
        message = f"Something went wrong in the checker ({type(error).__name__}: {error})."
        return {"ok": False, "kind": "internal", "error": message}


_MAX_TRY_REGIONS = 20
"""The most common countries a number is tried in (mkdocs.yml `extra.common_regions`)."""


def _fail(message: str) -> NoReturn:
    raise RequestError(message)


def _text(request: Request, key: str, default: str | None = None) -> str:
    value = request.get(key, default)
    if not isinstance(value, str):
        _fail(f"“{key}” must be text.")
    return value


def _codes(request: Request, key: str) -> tuple[str, ...]:
    value = request.get(key, ())
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        _fail(f"“{key}” must be a list of country codes.")
    if len(value) > _MAX_TRY_REGIONS:
        _fail(f"“{key}” takes at most {_MAX_TRY_REGIONS} country codes.")
    return tuple(value)


def _data(request: Request) -> bytes:
    size = request.get("size")
    if isinstance(size, int) and not isinstance(size, bool):
        from checkers._internal.csv_file import check_size  # noqa: PLC0415 (see the docstring)

        check_size(size)  # refused before the bytes are needed
    data = request.get("data")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        _fail("“data” must be the file's bytes.")
    return bytes(data)


def _check_number(request: Request) -> object:
    from checkers._internal.numbers import check_number  # noqa: PLC0415

    raw, region = _text(request, "raw"), _text(request, "default_region", "GB")
    return check_number(raw, region, try_regions=_codes(request, "try_regions")).to_dict()


def _check_allowances(request: Request) -> object:
    from checkers._internal.allowances import check_allowances  # noqa: PLC0415

    return check_allowances(_text(request, "text")).for_page()


def _check_message(request: Request) -> object:
    from checkers._internal.message_page import message_for_page  # noqa: PLC0415

    return message_for_page(_text(request, "text"))


def _build_report(request: Request) -> object:
    from checkers._internal.reports import build_report  # noqa: PLC0415

    answers = request.get("answers", {})
    if not isinstance(answers, Mapping):
        _fail("“answers” must be an object mapping question ids to answers.")
    report = build_report(_text(request, "kind"), answers, _text(request, "default_region", "GB"))
    return report.to_dict()


def _texts(request: Request, key: str) -> list[str]:
    value = request.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        _fail(f"“{key}” must be a list of column names.")
    return value


def _csv_columns(request: Request) -> object:
    from checkers._internal.columns import read_columns  # noqa: PLC0415

    return read_columns(_data(request)).to_dict()


def _audit_csv(request: Request) -> object:
    from checkers._internal.audit import audit_file  # noqa: PLC0415

    progress = request.get("progress")
    if progress is not None and not callable(progress):
        _fail("“progress” must be a function taking (done, total, rows).")
    return audit_file(
        _data(request),
        _text(request, "column"),
        _text(request, "default_region", "GB"),
        id_columns=_texts(request, "id_columns"),
        file_name=_text(request, "file_name", "contacts.csv"),
        progress=progress,
    ).to_dict()


def _fixed_xlsx(request: Request) -> object:
    from checkers._internal.xlsx import csv_to_xlsx  # noqa: PLC0415

    return csv_to_xlsx(_data(request), _text(request, "delimiter")).to_dict()


_OPS: MappingProxyType[str, _Op] = MappingProxyType(
    {
        "check_number": _Op(_check_number, ("raw", "default_region", "try_regions")),
        "check_allowances": _Op(_check_allowances, ("text",)),
        "check_message": _Op(_check_message, ("text",)),
        "build_report": _Op(_build_report, ("kind", "answers", "default_region")),
        "csv_columns": _Op(_csv_columns, ("data", "size")),
        "audit_csv": _Op(
            _audit_csv,
            ("data", "size", "column", "id_columns", "default_region", "file_name", "progress"),
        ),
        "fixed_xlsx": _Op(_fixed_xlsx, ("data", "delimiter")),
    },
)
