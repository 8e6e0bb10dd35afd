"""The command line: ``python -m checkers number|allowances|report|audit|message``.

Exit codes: 0 all good, 1 something to fix (a number not sendable, a user who cannot send,
a report with missing answers, a message that is empty or goes as Unicode), 2 a usage
error or unreadable input. Errors are one line on stderr, never a traceback. Results are
worded as the site words them: the same sentences come from the same code.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, NoReturn, cast

from checkers._internal.allowances import check_allowances
from checkers._internal.audit import FIXED_COLUMNS, Audit, FixedCsv, audit_csv, collector_paused
from checkers._internal.csv_file import CountedLines, check_no_nul
from checkers._internal.encoding import decode_csv_bytes, detect_encoding
from checkers._internal.limits import (
    MAX_ANSWERS_BYTES,
    MAX_MESSAGE_BYTES,
    MAX_TABLE_BYTES,
    megabytes,
)
from checkers._internal.local_zone import system_zone_name, zone_named
from checkers._internal.message import check_message
from checkers._internal.numbers import check_number, normalise_region
from checkers._internal.optional import MissingPackageError
from checkers._internal.reports import build_report
from checkers._internal.xlsx import FixedXlsx

_CHUNK = 1 << 16
_PROGRESS_EVERY = 2000


class CliError(Exception):
    """A usage or input error, reported as one line and exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(message)


_REPORT_CLOCK = (
    (
        "--timezone",
        "ZONE",
        "the zone dates are in (default: the answers' \"timezone\", else this computer's)",
    ),
    (
        "--now",
        "ISO-8601",
        'the time "today" and "yesterday" count from (default: the answers\' "now", else now)',
    ),
)
"""The report's clock options: flag, metavar, help."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    try:
        options = parser.parse_args(argv)
        return int(options.run(options))
    except (CliError, MissingPackageError) as error:
        print(f"checkers: {error}", file=sys.stderr)
    except (ValueError, OSError) as error:
        print(f"checkers: {_plain(error)}", file=sys.stderr)
    except MemoryError:
        print(
            "checkers: the input is too large to check with the memory available", file=sys.stderr
        )
    except RecursionError:
        print("checkers: the input is nested too deeply to read", file=sys.stderr)
    except KeyboardInterrupt:
        print("checkers: interrupted", file=sys.stderr)
        return 130
    return 2


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

    report = commands.add_parser(
        "report",
        help="write a report for support from the answers the web form asks for",
    )
    report.add_argument("--kind", required=True, help="the report kind, such as not_received")
    report.add_argument("--answers", required=True, metavar="FILE.json")
    report.add_argument("--region", default="GB")
    for flag, metavar, text in _REPORT_CLOCK:
        report.add_argument(flag, metavar=metavar, help=text)
    report.add_argument("--json", action="store_true", help="print JSON")
    report.set_defaults(run=_run_report)

    audit = commands.add_parser("audit", help="check every number in a contacts CSV")
    audit.add_argument("file", metavar="FILE.csv")
    audit.add_argument("--column", required=True, help="the column holding the mobile numbers")
    audit.add_argument("--region", default="GB")
    audit.add_argument(
        "--output",
        metavar="FIXED.csv|FIXED.xlsx",
        help="write the file with added columns: CSV, or Excel for a name ending .xlsx",
    )
    audit.set_defaults(run=_run_audit)

    message = commands.add_parser(
        "message",
        help="check SMS text: encoding, parts, characters to replace (one JSON line each)",
    )
    message.add_argument("texts", nargs="*", metavar="TEXT", help="a message, or - for stdin")
    message.add_argument("--file", metavar="FILE", help="read one message from a UTF-8 file")
    message.add_argument("--fix", action="store_true", help="print the text with replacements")
    message.set_defaults(run=_run_message)
    return parser


def _run_number(options: argparse.Namespace) -> int:
    normalise_region(options.region)
    all_sendable = True
    for raw in options.numbers:
        result = check_number(raw, options.region)
        all_sendable &= result.sendable
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    return 0 if all_sendable else 1


def _run_message(options: argparse.Namespace) -> int:
    """Print each message's check as a JSON line, or with --fix its text with replacements.

    A message is to fix (exit code 1) when it is empty or goes as Unicode (UCS-2). With --fix
    that is judged on the fixed text, so 0 means every printed message is plain GSM-7 text.
    File and stdin input lose one final line break, which editors and `echo` add.
    """
    if options.file is not None and options.texts:
        raise CliError("give the message as TEXT or --file FILE, not both")
    if options.file is not None:
        texts = [_read_message(options.file)]
    elif options.texts == ["-"]:
        texts = [_read_message("-")]
    elif options.texts:
        texts = [_argument_text(text) for text in options.texts]
    else:
        raise CliError("give the message text, --file FILE, or - to read it from stdin")
    all_ok = True
    for text in texts:
        result = check_message(text)
        if options.fix:
            all_ok &= bool(result.fixed_text) and result.fixed_encoding == "GSM-7"
            print(result.fixed_text)
        else:
            all_ok &= result.ok
            print(json.dumps(result.to_dict(), ensure_ascii=False))
    return 0 if all_ok else 1


def _read_message(name: str) -> str:
    label = "stdin" if name == "-" else name
    data = _read_capped(name, MAX_MESSAGE_BYTES, "an SMS message")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in data and not utf16:
        raise CliError(f"{label} is not a text file (it contains binary data)")
    codec = "UTF-16" if utf16 else "UTF-8"
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"{label} is not {codec} text (at byte {error.start + 1}): save it as UTF-8"
        raise CliError(message) from None
    return text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")


def _argument_text(text: str) -> str:
    """Return a command-line argument as text; its bytes must be UTF-8."""
    try:
        return os.fsencode(text).decode("utf-8")
    except UnicodeDecodeError:
        raise CliError("a TEXT argument is not UTF-8 text: check the terminal's encoding") from None


def _run_allowances(options: argparse.Namespace) -> int:
    data = _read_capped(options.file, MAX_TABLE_BYTES, "an SMS Limits table")
    report = check_allowances(decode_csv_bytes(data))  # AllowanceError: one line, exit 2
    if options.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for row in report.rows:
            status = "can send" if row.can_send else "CANNOT send"
            print(f"{row.user or '(no name)'}: {status}. {row.reason}")
        for note in report.notes:
            print(f"Note: {note}")
        print(report.verdict)
    return 0 if report.all_can_send else 1


def _run_report(options: argparse.Namespace) -> int:
    data = _read_capped(options.answers, MAX_ANSWERS_BYTES, "a report's answers")
    text = data.decode("utf-8-sig", errors="replace")
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        message = f"{options.answers} is not valid JSON ({where})"
        raise CliError(message) from None
    except RecursionError:
        message = f"{options.answers} is nested too deeply: give each answer as text or a list"
        raise CliError(message) from None
    if not isinstance(answers, dict):
        message = f'{options.answers} must hold a JSON object, such as {{"scope": "all"}}'
        raise CliError(message)
    report = build_report(options.kind, _with_time(answers, options), options.region)
    if options.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif report.complete:
        print(report.text, end="")
    for problem in report.errors:
        print(f"checkers: {problem}", file=sys.stderr)
    if report.numbers_error:
        for number in report.unsendable:
            print(f"checkers: {number.warning}", file=sys.stderr)
        kept = json.dumps([number.number for number in report.unsendable], ensure_ascii=False)
        print(f'checkers: to keep them, add "keep_numbers": {kept} to the answers', file=sys.stderr)
    if report.cleaned:
        print(f"checkers: {report.cleaned}", file=sys.stderr)
    return 0 if report.complete else 1


def _with_time(answers: dict[str, object], options: argparse.Namespace) -> dict[str, object]:
    """Add the zone (as a table) and the time "today" counts from to the answers."""
    raw_now = options.now or answers.get("now")
    if raw_now is not None and not isinstance(raw_now, str):
        raise CliError('"now" must be a date and time in ISO 8601, such as 2026-11-28T15:00')
    try:
        now = datetime.fromisoformat(raw_now) if raw_now else datetime.now(UTC)
    except ValueError:
        message = f"--now {raw_now!r} is not a date and time in ISO 8601, such as 2026-11-28T15:00"
        raise CliError(message) from None
    zone = options.timezone or answers.get("timezone") or system_zone_name()
    if isinstance(zone, str):
        zone = zone_named(zone, now if now.tzinfo else now.replace(tzinfo=UTC))
    return {**answers, "timezone": zone, "now": raw_now or None}


def _run_audit(options: argparse.Namespace) -> int:
    path = Path(options.file)
    normalise_region(options.region)
    output = Path(options.output) if options.output else None
    excel = output is not None and _is_excel(output)
    if output is not None:
        _refuse_same_file(path, output)
    with path.open("rb") as binary:
        encoding = detect_encoding(iter(lambda: binary.read(_CHUNK), b""))
    with path.open(encoding=encoding, errors="replace", newline="") as text:
        check_no_nul(iter(lambda: text.read(_CHUNK), ""))
    size = path.stat().st_size
    show_progress = sys.stderr.isatty()
    with path.open(encoding=encoding, errors="replace", newline="") as text:
        lines = CountedLines(text) if show_progress else None
        audit = audit_csv(lines or text, options.column, options.region)
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(_atomic_output(output, binary=excel))
            fixed: FixedCsv | FixedXlsx | None = None  # None: no --output, nothing to write
            if out is not None and excel:  # finished (or removed) before the output is moved
                fixed = stack.enter_context(FixedXlsx(audit, cast("IO[bytes]", out)))
            elif out is not None:
                fixed = FixedCsv(audit, cast("IO[str]", out))
            write = fixed.write if fixed else None
            with collector_paused():
                for row in audit.rows():
                    if write:
                        write(row)
                    if lines and row.row % _PROGRESS_EVERY == 0:
                        _progress(lines.characters, size)
    if show_progress:
        _progress(size, size)
        print(file=sys.stderr)
    _print_summary(audit, fixed.note if fixed else None, options.output, excel=excel)
    return 0 if audit.summary.not_sendable == 0 else 1


def _is_excel(output: Path) -> bool:
    """Whether --output names an Excel file (.xlsx); refuse the Excel names it cannot write."""
    suffix = output.suffix.lower()
    if suffix in {".xls", ".xlsm", ".xlsb", ".ods"}:
        message = (
            f"--output {output}: the checker writes .xlsx (Excel) or .csv files; "
            f"use {output.stem}.xlsx"
        )
        raise CliError(message)
    return suffix == ".xlsx"


def _refuse_same_file(source: Path, output: Path) -> None:
    """Refuse an output that is the input (the same path, a hard link or a symlink to it)."""
    try:
        same = output.exists() and source.samefile(output)
    except OSError:
        same = False
    if same or source.resolve() == output.resolve():
        message = (
            f"--output {output} is the file being checked: write the corrected copy to "
            f"another file, such as {source.stem}-checked{source.suffix or '.csv'}"
        )
        raise CliError(message)


@contextlib.contextmanager
def _atomic_output(target: Path | None, *, binary: bool = False) -> Iterator[IO[Any] | None]:
    """Open a file that replaces `target` only once it is complete.

    An interrupted run keeps the old file. Text is written as UTF-8 after a byte order mark
    (as utf-8-sig writes it), so Excel reads accented names correctly: the mark is written
    once here, and the rows go through Python's built-in UTF-8 encoder rather than the
    utf-8-sig codec's, which is Python code run for every row. `binary` opens it for bytes
    (an Excel file).
    """
    if target is None:
        yield None
        return
    folder = target.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        if binary:
            with os.fdopen(handle, "wb") as out:
                yield out
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(codecs.BOM_UTF8.decode())
                yield out
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _progress(done: int, total: int) -> None:
    share = min(done / total, 1.0) if total else 1.0
    bar = "#" * int(share * 30)
    print(f"\r[{bar:<30}] {share:4.0%}", end="", file=sys.stderr, flush=True)


def _print_summary(audit: Audit, note: str | None, output: str | None, *, excel: bool) -> None:
    summary = audit.summary
    print(summary.headline)
    print(f"Column: {summary.column}")
    for line in summary.counts:
        print(f"{line.label}: {line.value:,}")
    if summary.by_problem:
        print("Rows with each problem:")
        for problem in audit.problem_counts:
            print(f"  {problem.label}: {problem.rows:,}")
    if output:
        if note:
            print(note)
        kind = "Excel file" if excel else "Fixed CSV"
        print(f"{kind} written to {output} (added columns: {', '.join(FIXED_COLUMNS)})")


def _read_capped(name: str, cap: int, what: str) -> bytes:
    """Read a file (or stdin for "-") of at most `cap` bytes; CliError above it."""
    if name == "-":
        data = sys.stdin.buffer.read(cap + 1)
    else:
        with Path(name).open("rb") as source:
            data = source.read(cap + 1)
    if len(data) > cap:
        where = "standard input" if name == "-" else name
        message = f"{where} is over {megabytes(cap)}, far more than {what} holds: check the file"
        raise CliError(message)
    return data


def _plain(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        reason = error.strerror or type(error).__name__
        return f"cannot read or write {error.filename}: {reason}"
    return str(error)
