"""Audit every phone number in an exported contacts CSV, streaming, in constant memory."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, ClassVar, NamedTuple

from checkers._internal.audit_words import (
    ReaderList,
    reader_list,
    reader_row,
    summary_sentence,
)
from checkers._internal.cells import FORMULA_TRIGGERS, formulas_note, plain_cell
from checkers._internal.csv_file import (
    AuditError,
    CountedLines,
    FileFormat,
    Records,
    column_where,
    decode_file,
    text_lines,
)
from checkers._internal.delegated import Delegated
from checkers._internal.limits import MAX_SHOWN_ROWS, count
from checkers._internal.numbers import NumberCheck, check_in_region, normalise_region
from checkers._internal.plain import PlainData, made_quickly
from checkers._internal.problems import PROBLEM_KINDS, Problem
from checkers._internal.row_labels import RowLabels
from checkers._internal.tables import delimiter_name, header_key

FIXED_COLUMNS = ("e164", "sendable", "problems")
"""The columns a fixed CSV adds after the file's own."""

PROGRESS_EVERY = 500
"""`audit_file` considers reporting progress every this many rows."""

MAX_NAME_LENGTH = 80
"""Characters of the original file name kept in a download's name."""

Progress = Callable[[int, int, int], object]
"""Called as ``progress(done, total, rows)`` while a file is audited (characters, rows)."""

__all__ = [
    "FIXED_COLUMNS",
    "Audit",
    "AuditError",
    "AuditFile",
    "AuditRow",
    "AuditSummary",
    "FixedCells",
    "FixedCsv",
    "ProblemCount",
    "audit_csv",
    "audit_file",
    "checked_file_name",
    "collector_paused",
]


@dataclass(frozen=True)
class AuditRow(PlainData):
    """One data row: its line in the file, its number as typed and the number's check."""

    line: int
    row: int
    value: str
    check: NumberCheck
    cells: tuple[str, ...] = field(repr=False)


class CountLine(NamedTuple):
    """One labelled count of a summary, such as ("Can receive SMS", 1,200)."""

    key: str
    """A stable name for tests and styling: rows, sendable, ok, fixable, not_sendable."""
    label: str
    value: int


@dataclass(frozen=True)
class AuditSummary(PlainData):
    """Counts for an audit, and the sentences that say them (the CLI and the page share them)."""

    column: str
    rows: int
    sendable: int
    not_sendable: int
    ok: int
    by_problem: dict[str, int]
    by_verdict: dict[str, int]

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "column", "rows", "sendable", "not_sendable", "ok", "by_problem", "by_verdict",
        "headline", "counts", "outcome", "sentence", "answer",
    )  # fmt: skip

    @property
    def answer(self) -> str:
        """Can every number receive SMS: ``yes``, ``fix`` (once stored as corrected), ``no``."""
        if self.not_sendable:
            return "no"
        return "yes" if self.ok == self.rows else "fix"

    @property
    def headline(self) -> str:
        """The one-line verdict: how many numbers cannot receive SMS."""
        if self.rows == 0:
            return "The file has a header row but no contacts."
        if self.not_sendable == 0:
            if self.rows == 1:
                return "The 1 number in the file can receive SMS."
            return f"All {count(self.rows, 'number')} can receive SMS."
        return f"{count(self.not_sendable, 'number')} of {self.rows:,} cannot receive SMS."

    @property
    def counts(self) -> tuple[CountLine, ...]:
        """The labelled counts, in the order they are shown."""
        return (
            CountLine("rows", "Rows checked", self.rows),
            CountLine("sendable", "Can receive SMS", self.sendable),
            CountLine("ok", "… of which ready as stored", self.ok),
            CountLine(
                "fixable",
                "… of which need a format fix (the corrected file has the right form)",
                self.sendable - self.ok,
            ),
            CountLine("not_sendable", "Cannot receive SMS", self.not_sendable),
        )

    @property
    def sentence(self) -> str:
        """The whole audit in one sentence: ready as stored, to fix, cannot receive SMS."""
        return summary_sentence(self.rows, self.ok, self.sendable - self.ok, self.not_sendable)

    @property
    def outcome(self) -> str:
        """One sentence for a screen reader once the audit is done."""
        return (
            f"Checked {count(self.rows, 'row')}: {self.sendable:,} can receive SMS, "
            f"{self.not_sendable:,} cannot."
        )


@dataclass(frozen=True)
class ProblemCount:
    """How many rows have one problem, with its plain label and severity."""

    code: str
    label: str
    severity: str
    rows: int


class Audit:
    """A started audit: `columns` and `delimiter` are known.

    Iterate `rows()` once, then read `summary`.
    """

    def __init__(self, lines: Iterable[str], column: str, default_region: str = "GB") -> None:
        """Read the header row; raise AuditError if the file is empty or has no such column."""
        region = normalise_region(default_region)
        self._records = Records(lines)
        self.delimiter = self._records.delimiter
        self.columns = self._records.columns
        self.column_index = _find_column(self.columns, column, self.delimiter)
        self.column = self.columns[self.column_index]
        self._region = region
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
        index, region = self.column_index, self._region
        problems, verdicts = self._problems, self._verdicts
        # A number repeated on the next row (a blank, an applicant listed twice) is checked
        # once. Remembering more numbers costs a list of distinct ones more than it saves:
        # memory freed by one row's check is then reused, still in the CPU's cache, by the next.
        last_value, result = None, None
        for line, cells in self._records:
            value = cells[index] if index < len(cells) else ""
            if value != last_value or result is None:
                last_value, result = value, check_in_region(value, region)
            self._rows += 1
            self._sendable += result.sendable
            self._ok += result.ok
            for found in result.problems:
                problems[found.code] += 1
            verdicts[result.verdict_code] += 1
            yield made_quickly(  # one a row: quicker than AuditRow(...)
                AuditRow, line=line, row=self._rows, value=value, check=result, cells=tuple(cells)
            )

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
                code: self._problems[code] for code in PROBLEM_KINDS if self._problems[code]
            },
            by_verdict=dict(self._verdicts.most_common()),
        )

    @property
    def problem_counts(self) -> tuple[ProblemCount, ...]:
        """Rows per problem, with each problem's plain label, in the code table's order."""
        return tuple(
            ProblemCount(code, PROBLEM_KINDS[code].label, PROBLEM_KINDS[code].severity, rows)
            for code, rows in self.summary.by_problem.items()
        )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a whole file is audited, then restore it.

    Checking and writing a row make no reference cycles (the tests check that), so
    reference counting frees each row's objects, and memory stays flat; the collector would
    only walk them, taking a twentieth of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def audit_csv(lines: Iterable[str], column: str, default_region: str = "GB") -> Audit:
    """Start auditing the numbers in `column` of a CSV given as lines of text.

    Raises AuditError at once for an empty file or a missing column (naming the columns
    found), and ValueError for an unknown region. Iterate `.rows()`, then read `.summary`.
    """
    return Audit(lines, column, default_region)


_MAYBE_FORMULA = re.compile(
    "\x00[" + "".join(map(re.escape, sorted(FORMULA_TRIGGERS))) + "]",
)
"""Finds a cell that starts with one of `FORMULA_TRIGGERS` in a row's cells, each after a
NUL (a cell holding a NUL can only make it look where nothing is: then each cell is made
plain, changing nothing where there is no formula). A pattern that starts with one
character is searched for quickly."""


class FixedCells:
    """The cells of an audit's corrected file: the file's own plus `FIXED_COLUMNS`.

    No cell can run as a formula in a spreadsheet (see `checkers._internal.cells`);
    `formulas` counts the cells that were made plain text. The added cells never can: an
    e164 number is a plain number, the others are words. `FixedCsv` and
    `checkers._internal.xlsx.FixedXlsx` write these same cells.
    """

    def __init__(self, audit: Audit) -> None:
        """Prepare the cells of the rows of `audit`; `header` is ready at once."""
        self._width = len(audit.columns)
        self.formulas = 0
        self.header = [*self._plain(list(audit.columns)), *FIXED_COLUMNS]

    def row(self, row: AuditRow) -> list[str]:
        """Return one row's cells: its own (padded to the header) plus the check's columns."""
        check = row.check
        cells = self._plain(row.cells)
        if len(cells) < self._width:
            cells = [*cells, *[""] * (self._width - len(cells))]
        return [
            *cells,
            check.e164 or "",
            "yes" if check.sendable else "no",
            _codes(check.problems),
        ]

    @property
    def note(self) -> str | None:
        """What was changed to keep formulas from running, in one sentence (or None)."""
        return formulas_note(self.formulas)

    def _plain(self, cells: Sequence[str]) -> Sequence[str]:
        if not _may_hold_formula(cells):  # nearly every row
            return cells
        plain = [plain_cell(cell) if cell[:1] in FORMULA_TRIGGERS else cell for cell in cells]
        self.formulas += sum(map(operator.is_not, plain, cells))  # the cells made plain
        return plain


def _may_hold_formula(cells: Sequence[str]) -> bool:
    """Tell whether a cell starts with one of `FORMULA_TRIGGERS` (see `_MAYBE_FORMULA`)."""
    return _MAYBE_FORMULA.search("\x00".join(["", *cells])) is not None


def _codes(problems: tuple[Problem, ...]) -> str:
    """Join the codes of `problems` as the corrected file's ``problems`` column holds them."""
    if len(problems) == 1:  # the usual case, and the join's list is a good part of a row
        return problems[0].code
    return "; ".join([problem.code for problem in problems])


class FixedCsv:
    """Writes the corrected CSV of an audit into `out`: the `FixedCells` of every row."""

    def __init__(self, audit: Audit, out: IO[str]) -> None:
        """Prepare to write the rows of `audit` into `out` (a text file or a StringIO)."""
        self._cells = FixedCells(audit)
        self._writerow = csv.writer(out, delimiter=audit.delimiter).writerow
        self._writerow(self._cells.header)
        self._row = self._cells.row  # bound once: this runs for every row

    def write(self, row: AuditRow) -> None:
        """Write one row: its cells (padded to the header) plus the check's columns."""
        self._writerow(self._row(row))

    formulas = Delegated[int]("_cells", "How many cells were made plain text so far.")
    note = Delegated["str | None"](
        "_cells", "What was changed to keep formulas from running, in one sentence (or None)."
    )


@dataclass(frozen=True)
class AuditFile(PlainData):
    """A whole file audited for the page.

    The summary, the rows to act on in two lists (`cannot_receive`, `needs_fix`), and the
    corrected CSV as UTF-8 bytes (with a BOM, so Excel keeps every accent).
    """

    columns: tuple[str, ...]
    column: str
    id_columns: tuple[str, ...]
    """The columns that name each row (none: rows are named by their line)."""
    format: FileFormat
    summary: AuditSummary
    problems: tuple[ProblemCount, ...]
    cannot_receive: ReaderList
    needs_fix: ReaderList
    formulas_note: str | None
    fixed_csv: bytes
    download_name: str
    excel_name: str
    """The name of the Excel copy of `fixed_csv` (see `checkers._internal.xlsx`)."""


def audit_file(
    data: bytes,
    column: str,
    default_region: str = "GB",
    *,
    id_columns: Sequence[str] = (),
    file_name: str = "contacts.csv",
    max_rows: int = MAX_SHOWN_ROWS,
    progress: Progress | None = None,
) -> AuditFile:
    """Audit a whole CSV file given as bytes, as the Tools page does.

    Rows are named by the cells of `id_columns` (none: by line). `progress(done, total,
    rows)` is called now and then (done and total count characters). Raises AuditError
    (plain words) for a file that cannot be read.
    """
    if not column.strip():
        msg = "Choose the column that holds the mobile numbers first."
        raise AuditError(msg)
    text, encoding = decode_file(data)
    total = len(text)
    lines = CountedLines(text_lines(text))
    audit = audit_csv(lines, column, default_region)
    labels = RowLabels(audit.columns, id_columns)
    out = io.StringIO()
    out.write("\ufeff")  # a byte-order mark, so Excel reads the UTF-8 with every accent
    fixed = FixedCsv(audit, out)
    cannot: list[AuditRow] = []
    fixable: list[AuditRow] = []
    reported = -1
    if progress is not None:
        progress(0, total, 0)
    with collector_paused():
        for row in audit.rows():
            fixed.write(row)
            if not row.check.ok:
                shown = fixable if row.check.sendable else cannot
                if len(shown) < max_rows:
                    shown.append(row)
            if progress is not None and row.row % PROGRESS_EVERY == 0:
                permille = 1000 * lines.characters // max(total, 1)
                if permille > reported:
                    reported = permille
                    progress(lines.characters, total, row.row)
    summary = audit.summary
    if progress is not None:
        progress(total, total, summary.rows)

    def listed(key: str, rows: list[AuditRow], total: int) -> ReaderList:
        named = [reader_row(r.line, labels.label(r.line, r.cells), r.check) for r in rows]
        return reader_list(key, named, total, row_heading=labels.heading, column=audit.column)

    return AuditFile(
        columns=audit.columns,
        column=audit.column,
        id_columns=labels.names,
        format=FileFormat(audit.delimiter, encoding),
        summary=summary,
        problems=audit.problem_counts,
        cannot_receive=listed("cannot_receive", cannot, summary.not_sendable),
        needs_fix=listed("needs_fix", fixable, summary.sendable - summary.ok),
        formulas_note=fixed.note,
        fixed_csv=out.getvalue().encode("utf-8"),
        download_name=checked_file_name(file_name),
        excel_name=checked_file_name(file_name, ".xlsx"),
    )


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def checked_file_name(name: str, suffix: str = ".csv") -> str:
    """Return the name of a checked copy: "contacts.csv" gives "contacts-checked.csv".

    The name is safe on every system and keeps at most `MAX_NAME_LENGTH` characters of the
    original.
    """
    base = unicodedata.normalize("NFC", name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    base = re.sub(r"\.(csv|txt|tsv|xlsx?)$", "", base, flags=re.IGNORECASE)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE_NAME.sub("-", base).strip(" .-") or "contacts"
    return f"{base[:MAX_NAME_LENGTH].rstrip(' .-')}-checked{suffix}"


def _find_column(columns: tuple[str, ...], wanted: str, delimiter: str) -> int:
    key = header_key(wanted)
    index = column_where(columns, lambda name: name == key)
    if index is not None:
        return index
    found = ", ".join(f"“{name}”" for name in columns[:30]) or "none"
    more = f" and {len(columns) - 30} more" if len(columns) > 30 else ""
    msg = (
        f"There is no column named “{wanted.strip()[:60]}”. The columns found are: {found}{more} "
        f"(read as {delimiter_name(delimiter)}-separated). Give one of these names."
    )
    raise AuditError(msg)
