"""The command line: ``python -m checkers number|allowances|report|audit``.

Exit codes: 0 all good, 1 something to fix (a number not sendable, a user who cannot send,
a report with missing answers), 2 a usage error or unreadable input. Errors are one line
on stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, NoReturn

from checkers._internal.allowances import check_allowances
from checkers._internal.audit import AuditSummary, audit_csv, fixed_csv_cells, fixed_csv_header
from checkers._internal.encoding import decode_csv_bytes, detect_encoding
from checkers._internal.numbers import check_number, normalise_region
from checkers._internal.reports import build_report

_CHUNK = 1 << 16
_PROGRESS_EVERY = 2000


class CliError(Exception):
    """A usage or input error, reported as one line and exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    try:
        options = parser.parse_args(argv)
        return int(options.run(options))
    except CliError as error:
        print(f"checkers: {error}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as error:
        print(f"checkers: {_plain(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("checkers: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="checkers",
        description="Check SMS phone numbers, allowances, escalation reports and contact CSVs.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    number = commands.add_parser("number", help="check phone numbers (one JSON line each)")
    number.add_argument("numbers", nargs="+", metavar="NUMBER")
    number.add_argument("--region", default="GB", help="region for numbers without +country code")
    number.set_defaults(run=_run_number)

    allowances = commands.add_parser("allowances", help="check an SMS Limits table")
    allowances.add_argument("file", metavar="FILE", help="the copied table, or - for stdin")
    allowances.add_argument("--json", action="store_true", help="print JSON")
    allowances.set_defaults(run=_run_allowances)

    report = commands.add_parser("report", help="write an escalation report")
    report.add_argument("--kind", required=True)
    report.add_argument("--answers", required=True, metavar="FILE.json")
    report.add_argument("--region", default="GB")
    report.add_argument("--json", action="store_true", help="print JSON")
    report.set_defaults(run=_run_report)

    audit = commands.add_parser("audit", help="check every number in a contacts CSV")
    audit.add_argument("file", metavar="FILE.csv")
    audit.add_argument("--column", required=True, help="the column holding the mobile numbers")
    audit.add_argument("--region", default="GB")
    audit.add_argument("--output", metavar="FIXED.csv", help="write the CSV with added columns")
    audit.set_defaults(run=_run_audit)
    return parser


def _run_number(options: argparse.Namespace) -> int:
    normalise_region(options.region)
    all_sendable = True
    for raw in options.numbers:
        result = check_number(raw, options.region)
        all_sendable &= result.sendable
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    return 0 if all_sendable else 1


def _run_allowances(options: argparse.Namespace) -> int:
    data = sys.stdin.buffer.read() if options.file == "-" else _read_bytes(options.file)
    report = check_allowances(decode_csv_bytes(data))
    if options.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif report.error:
        raise CliError(report.error)
    else:
        for row in report.rows:
            status = "can send" if row.can_send else "CANNOT send"
            print(f"{row.user or '(no name)'}: {status}. {row.reason}")
        for note in report.notes:
            print(f"Note: {note}")
        print(f"{report.can_send} can send, {report.cannot_send} cannot.")
    if report.error:
        return 2
    return 0 if report.all_can_send else 1


def _run_report(options: argparse.Namespace) -> int:
    text = _read_bytes(options.answers).decode("utf-8-sig", errors="replace")
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        message = f"{options.answers} is not valid JSON ({where})"
        raise CliError(message) from None
    if not isinstance(answers, dict):
        message = f'{options.answers} must hold a JSON object, such as {{"scope": "all"}}'
        raise CliError(message)
    report = build_report(options.kind, answers, options.region)
    if options.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.text, end="")
    for label in report.missing:
        print(f"checkers: not answered yet: {label}", file=sys.stderr)
    for problem in report.invalid:
        print(f"checkers: {problem}", file=sys.stderr)
    return 0 if report.complete else 1


def _run_audit(options: argparse.Namespace) -> int:
    path = Path(options.file)
    normalise_region(options.region)
    with path.open("rb") as binary:
        encoding = detect_encoding(iter(lambda: binary.read(_CHUNK), b""))
    size = path.stat().st_size
    show_progress = sys.stderr.isatty()
    with path.open(encoding=encoding, errors="replace", newline="") as lines:
        counted = _Counted(lines)
        audit = audit_csv(counted if show_progress else lines, options.column, options.region)
        output = _open_output(options.output)
        try:
            fixed = csv.writer(output, delimiter=audit.delimiter) if output else None
            if output:
                output.write(fixed_csv_header(audit))
            for row in audit.rows():
                if fixed is not None:
                    fixed.writerow(fixed_csv_cells(row, audit))  # as fixed_csv_line writes it
                if show_progress and row.row % _PROGRESS_EVERY == 0:
                    _progress(counted.characters, size)
        finally:
            if output:
                output.close()
    if show_progress:
        _progress(size, size)
        print(file=sys.stderr)
    _print_summary(audit.summary, options.output)
    return 0 if audit.summary.not_sendable == 0 else 1


class _Counted:
    """Lines of a text file, counting the characters read (for the progress bar)."""

    def __init__(self, lines: IO[str]) -> None:
        self._lines = lines
        self.characters = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.characters += len(line)
            yield line


def _open_output(name: str | None) -> IO[str] | None:
    if not name:
        return None
    # utf-8-sig so Excel reads accented names correctly
    return Path(name).open("w", encoding="utf-8-sig", newline="")


def _progress(done: int, total: int) -> None:
    share = min(done / total, 1.0) if total else 1.0
    bar = "#" * int(share * 30)
    print(f"\r[{bar:<30}] {share:4.0%}", end="", file=sys.stderr, flush=True)


def _print_summary(summary: AuditSummary, output: str | None) -> None:
    print(f"Column: {summary.column}")
    print(f"Rows checked: {summary.rows}")
    print(f"Ready to send: {summary.ok}")
    print(f"Sendable but worth fixing: {summary.sendable - summary.ok}")
    print(f"Cannot be sent: {summary.not_sendable}")
    if summary.by_problem:
        print("Rows by problem:")
        for code, count in summary.by_problem.items():
            print(f"  {code}: {count}")
    if output:
        print(f"Fixed CSV written to {output} (added columns: e164, sendable, problems)")


def _read_bytes(name: str) -> bytes:
    return Path(name).read_bytes()


def _plain(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        reason = error.strerror or type(error).__name__
        return f"cannot read or write {error.filename}: {reason}"
    return str(error)
