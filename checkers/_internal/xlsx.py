"""The corrected contacts file as an Excel workbook (.xlsx), written with XlsxWriter.

Opened in Excel, a CSV's ``+447400123456`` becomes the number 4.47E+11 and ``07400…`` loses
its 0. In this workbook every cell is a text cell in a text-formatted column (Excel's ``@``),
so phone numbers, IDs and postcodes keep the exact form the CSV has; a cell that looked
like a formula is the CSV's plain text too (see `checkers._internal.cells`).

XlsxWriter is optional (``pip install 'checkers[xlsx]'``; the browser loads it only when a
reader asks for the Excel file): it is imported when a workbook is made, and a missing one
raises `MissingPackageError`. The sheet is written row by row in XlsxWriter's constant-memory
mode, so a 200,000-row file takes a few megabytes, not hundreds (XlsxWriter keeps the rows
in a temporary file meanwhile; in the browser that is memory). A cell holds at most 32,767
characters in Excel: a longer one (no contacts export has one) is cut there.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Self

from checkers._internal.csv_file import AuditError, text_lines
from checkers._internal.delegated import Delegated
from checkers._internal.optional import MissingPackageError
from checkers._internal.plain import PlainData
from checkers._internal.tables import DELIMITERS

if TYPE_CHECKING:
    from checkers._internal.audit import Audit, AuditRow

XLSX_PACKAGE = "xlsxwriter"
"""The package that writes the workbook, as pip and Pyodide's lock file name it."""

SHEET_NAME = "Checked contacts"
CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
"""The workbook's creation date: fixed, so the same file gives the same bytes everywhere."""
MAX_ROWS = 1_048_575
"""Rows an Excel sheet holds after its header (1,048,576 in all)."""
_WIDTHS = (10, 40)
"""Narrowest and widest column, in characters (the header's length in between)."""


class TextSheet:
    """A one-sheet workbook written into `out` row by row, every cell stored as text.

    Use it as a context manager (or call `close`): `add` each row after the header; leaving
    the block writes the file and removes XlsxWriter's temporary file, even after an error.
    """

    def __init__(self, header: Sequence[str], out: IO[bytes]) -> None:
        """Start the workbook with its header row (bold, frozen at the top)."""
        try:
            import xlsxwriter  # type: ignore[import-untyped]  # noqa: PLC0415 (optional)
        except ImportError:
            raise MissingPackageError(XLSX_PACKAGE, "Writing an Excel file", "xlsx") from None
        self._book: Any = xlsxwriter.Workbook(out, {"constant_memory": True})
        self._book.set_properties({"created": CREATED})
        text = self._book.add_format({"num_format": "@"})
        bold = self._book.add_format({"num_format": "@", "bold": True})
        sheet = self._book.add_worksheet(SHEET_NAME)
        for column, name in enumerate(header):
            width = min(max(len(name) + 2, _WIDTHS[0]), _WIDTHS[1])
            sheet.set_column(column, column, width, text)
        sheet.freeze_panes(1, 0)
        # Every cell is text on purpose: no "number stored as text" warning triangles.
        sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
        self._write = sheet.write_string
        self._text = text
        self._row = 0
        for column, name in enumerate(header):
            self._write(0, column, name, bold)

    def add(self, cells: Iterable[str]) -> None:
        """Add one row of cells, each as a text cell (AuditError past Excel's last row)."""
        if self._row >= MAX_ROWS:
            msg = (
                f"An Excel sheet holds at most {MAX_ROWS:,} rows after the header, and this "
                "file has more: write the corrected file as CSV instead."
            )
            raise AuditError(msg)
        self._row += 1
        write, row, text = self._write, self._row, self._text
        for column, cell in enumerate(cells):
            if cell:
                write(row, column, cell, text)

    @property
    def rows(self) -> int:
        """The rows added after the header."""
        return self._row

    def close(self) -> None:
        """Finish the workbook: its bytes are all in `out` once this returns."""
        self._book.close()

    def __enter__(self) -> Self:
        """Return the sheet, to `add` rows to."""
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Close the workbook; after an error, only so its temporary file goes."""
        if kind is None:
            self.close()
        else:
            with contextlib.suppress(Exception):
                self.close()


class FixedXlsx:
    """Writes the corrected file of an audit as .xlsx: the same cells as `FixedCsv`'s."""

    def __init__(self, audit: Audit, out: IO[bytes]) -> None:
        """Prepare to write the rows of `audit` into `out` (a binary file or a BytesIO)."""
        from checkers._internal.audit import FixedCells  # noqa: PLC0415 (audit imports this)

        self._cells = FixedCells(audit)
        self._sheet = TextSheet(self._cells.header, out)

    def write(self, row: AuditRow) -> None:
        """Write one row: its cells plus the check's columns."""
        self._sheet.add(self._cells.row(row))

    note = Delegated["str | None"](
        "_cells", "What was changed to keep formulas from running, in one sentence (or None)."
    )

    def __enter__(self) -> Self:
        """Return the writer; leaving the block finishes the workbook (see `TextSheet`)."""
        return self

    def __exit__(self, *exception: Any) -> None:
        """Finish the workbook (after an error, only remove its temporary file)."""
        self._sheet.__exit__(*exception)


@dataclass(frozen=True)
class ExcelFile(PlainData):
    """A corrected CSV made into a workbook: its bytes and how many rows it has."""

    xlsx: bytes
    rows: int


def csv_to_xlsx(data: bytes, delimiter: str) -> ExcelFile:
    """Make the corrected CSV `audit_file` gave (UTF-8 bytes) into an Excel workbook.

    Raises AuditError for bytes that are not such a CSV, and `MissingPackageError` without
    XlsxWriter.
    """
    if delimiter not in DELIMITERS:
        msg = "The separator of the corrected file must be a comma, a semicolon or a tab."
        raise AuditError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        msg = "This is not the corrected CSV the check made: check the numbers again."
        raise AuditError(msg) from None
    rows = csv.reader(text_lines(text), delimiter=delimiter, strict=True)
    out = io.BytesIO()
    try:
        with TextSheet(next(rows, []), out) as sheet:
            for cells in rows:
                sheet.add(cells)
    except csv.Error:
        msg = "This is not the corrected CSV the check made: check the numbers again."
        raise AuditError(msg) from None
    return ExcelFile(out.getvalue(), sheet.rows)


__all__ = ["XLSX_PACKAGE", "ExcelFile", "FixedXlsx", "TextSheet", "csv_to_xlsx"]
