"""Audit every phone number in an exported contacts CSV, streaming, in constant memory."""

from __future__ import annotations

import csv
import functools
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from checkers._internal.numbers import NumberCheck, check_number, normalise_region
from checkers._internal.plain import to_plain
from checkers._internal.problems import PROBLEM_SEVERITY
from checkers._internal.tables import delimiter_name, detect_delimiter, header_key

FIXED_COLUMNS = ("e164", "sendable", "problems")
"""The columns `fixed_csv_header` adds to a fixed CSV."""

CACHE_SIZE = 4096
"""How many distinct typed numbers one audit remembers (bounded, so memory stays flat)."""


class AuditError(ValueError):
    """The CSV cannot be audited; the message says why in plain words."""


@dataclass(frozen=True)
class AuditRow:
    """One data row: its line in the file, its number as typed and the number's check."""

    line: int
    row: int
    value: str
    check: NumberCheck
    cells: tuple[str, ...] = field(repr=False)

    def to_dict(self) -> dict[str, object]:
        """Return the row as plain data (without its other cells)."""
        return to_plain(self)  # type: ignore[return-value]


@dataclass(frozen=True)
class AuditSummary:
    """Counts for an audit: rows, how many are sendable, and rows per problem and verdict."""

    column: str
    rows: int
    sendable: int
    not_sendable: int
    ok: int
    by_problem: dict[str, int]
    by_verdict: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        """Return the summary as plain data."""
        return to_plain(self)  # type: ignore[return-value]


class Audit:
    """A started audit: `columns` and `delimiter` are known.

    Iterate `rows()` once, then read `summary`.
    """

    def __init__(self, lines: Iterable[str], column: str, default_region: str = "GB") -> None:
        """Read the header row; raise AuditError if the file is empty or has no such column."""
        region = normalise_region(default_region)
        self._lines = iter(lines)
        header_line = next((line for line in self._lines if line.strip("\ufeff \t\r\n")), None)
        if header_line is None:
            msg = "The file is empty: export the contacts again with a header row of column names."
            raise AuditError(msg)
        header_line = header_line.lstrip("\ufeff")
        self.delimiter = detect_delimiter(header_line)
        all_lines = itertools.chain([header_line], self._lines)
        self._reader = csv.reader(all_lines, delimiter=self.delimiter)
        self.columns: tuple[str, ...] = tuple(cell.strip() for cell in self._next_row() or [])
        self.column_index = _find_column(self.columns, column, self.delimiter)
        self.column = self.columns[self.column_index]
        self._check: Callable[[str], NumberCheck] = functools.lru_cache(maxsize=CACHE_SIZE)(
            functools.partial(check_number, default_region=region),
        )
        self._fixed_lines = _CsvLines(self.delimiter)
        self._rows = 0
        self._sendable = 0
        self._ok = 0
        self._problems: Counter[str] = Counter()
        self._verdicts: Counter[str] = Counter()
        self._started = False

    def rows(self) -> Iterator[AuditRow]:
        """Yield each data row's result; blank lines are skipped. Can be read only once."""
        if self._started:
            msg = "This audit has already been read: start a new one."
            raise AuditError(msg)
        self._started = True
        index, check, reader = self.column_index, self._check, self._reader
        problems, verdicts = self._problems, self._verdicts
        try:
            for cells in reader:
                if not any(cells):
                    continue
                value = cells[index] if index < len(cells) else ""
                result = check(value)
                self._rows += 1
                self._sendable += result.sendable
                self._ok += result.ok
                for found in result.problems:
                    problems[found.code] += 1
                verdicts[result.verdict_code] += 1
                yield AuditRow(reader.line_num, self._rows, value, result, tuple(cells))
        except csv.Error as error:
            raise AuditError(self._unreadable(error)) from None

    @property
    def summary(self) -> AuditSummary:
        """The counts of the rows read so far (all of them once `rows()` is exhausted)."""
        return AuditSummary(
            column=self.column,
            rows=self._rows,
            sendable=self._sendable,
            not_sendable=self._rows - self._sendable,
            ok=self._ok,
            by_problem={
                code: self._problems[code] for code in PROBLEM_SEVERITY if self._problems[code]
            },
            by_verdict=dict(self._verdicts.most_common()),
        )

    def _next_row(self) -> list[str] | None:
        try:
            return next(self._reader, None)
        except csv.Error as error:
            raise AuditError(self._unreadable(error)) from None

    def _unreadable(self, error: csv.Error) -> str:
        return (
            f"Line {self._reader.line_num} of the CSV cannot be read ({error}). It may have an "
            'unbalanced quote mark ("): fix that line, or export the file again.'
        )


def audit_csv(lines: Iterable[str], column: str, default_region: str = "GB") -> Audit:
    """Start auditing the numbers in `column` of a CSV given as lines of text.

    Raises AuditError at once for an empty file or a missing column (naming the columns
    found), and ValueError for an unknown region. Iterate `.rows()`, then read `.summary`.
    """
    return Audit(lines, column, default_region)


def fixed_csv_header(audit: Audit) -> str:
    """Return the fixed CSV's header line: the original columns plus `FIXED_COLUMNS`."""
    return csv_line([*audit.columns, *FIXED_COLUMNS], audit.delimiter)


def fixed_csv_line(row: AuditRow, audit: Audit) -> str:
    """Return one row of the fixed CSV: its cells (padded to the header) plus the check."""
    return audit._fixed_lines.line(fixed_csv_cells(row, audit))


def fixed_csv_cells(row: AuditRow, audit: Audit) -> list[str]:
    """Return the cells of `fixed_csv_line`, for a `csv.writer` of the audit's delimiter."""
    check = row.check
    return [
        *row.cells,
        *[""] * (len(audit.columns) - len(row.cells)),
        check.e164 or "",
        "yes" if check.sendable else "no",
        "; ".join([problem.code for problem in check.problems]),
    ]


def csv_line(cells: Sequence[str], delimiter: str) -> str:
    """Return one CSV line (ending in CRLF) with the cells quoted as needed."""
    return _CsvLines(delimiter).line(cells)


class _CsvLines:
    """Turns rows of cells into CSV lines (ending in CRLF), with one `csv.writer` for all."""

    def __init__(self, delimiter: str) -> None:
        self._parts: list[str] = []
        self._writer = csv.writer(self, delimiter=delimiter)

    def write(self, text: str) -> int:
        """Take what the writer writes (it is the writer's file)."""
        self._parts.append(text)
        return len(text)

    def line(self, cells: Sequence[str]) -> str:
        """Return the cells as one CSV line."""
        self._writer.writerow(cells)
        line = "".join(self._parts)
        self._parts.clear()
        return line


def _find_column(columns: tuple[str, ...], wanted: str, delimiter: str) -> int:
    key = header_key(wanted)
    for index, name in enumerate(columns):
        if header_key(name) == key:
            return index
    found = ", ".join(f"“{name}”" for name in columns[:30]) or "none"
    more = f" and {len(columns) - 30} more" if len(columns) > 30 else ""
    msg = (
        f"There is no column named “{wanted.strip()}”. The columns found are: {found}{more} "
        f"(read as {delimiter_name(delimiter)}-separated). Give one of these names."
    )
    raise AuditError(msg)
