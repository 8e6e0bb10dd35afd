"""Reading a contacts CSV exported from the CRM: bytes to text, the header, strict records.

Every way a file can be unreadable is an `AuditError` whose message names the line and
says what to do: an unbalanced quote mark, a stray zero byte, rows separated by another
delimiter than the header, a header with thousands of columns.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar, NoReturn

from checkers._internal.encoding import detect_encoding, encoding_name
from checkers._internal.limits import MAX_CSV_BYTES, MAX_CSV_COLUMNS
from checkers._internal.tables import DELIMITERS, delimiter_name, detect_delimiter, header_key

EMPTY_FILE = "The file is empty: export the contacts again with a header row of column names."


class AuditError(ValueError):
    """The CSV cannot be read or audited; the message says why in plain words."""


@dataclass(frozen=True)
class FileFormat:
    """How a CSV file was read: its delimiter and encoding, with their plain names."""

    delimiter: str
    encoding: str
    """The codec `detect_encoding` chose, such as ``utf-8-sig`` or ``cp1252``."""

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "delimiter",
        "delimiter_name",
        "encoding",
        "encoding_name",
    )

    @property
    def delimiter_name(self) -> str:
        """The delimiter in words: "comma", "semicolon" or "tab"."""
        return delimiter_name(self.delimiter)

    @property
    def encoding_name(self) -> str:
        """The encoding in words, such as "UTF-8" or "Windows (cp1252)"."""
        return encoding_name(self.encoding)

    def __str__(self) -> str:
        """Say "semicolon-separated, Windows (cp1252)"."""
        return f"{self.delimiter_name}-separated, {self.encoding_name}"


class CountedLines:
    """Lines of text with their endings, counting the characters handed out so far."""

    def __init__(self, lines: Iterable[str]) -> None:
        """Wrap `lines` (each with its line ending, as csv wants them)."""
        self._lines = lines
        self.characters = 0

    def __iter__(self) -> Iterator[str]:
        """Yield the lines, counting their characters."""
        for line in self._lines:
            self.characters += len(line)
            yield line


def check_size(size: int) -> None:
    """Raise AuditError with a plain message for a file over `MAX_CSV_BYTES`."""
    if size > MAX_CSV_BYTES:
        raise AuditError(MAX_CSV_BYTES.refuse(size))


def decode_file(data: bytes) -> tuple[str, str]:
    """Return (text, codec) of a whole file's bytes.

    Raises AuditError if it is too big, not text, or holds a stray zero byte (naming its line).
    """
    check_size(len(data))
    encoding = detect_encoding([data])  # BinaryFileError (a ValueError) for a non-text file
    text = data.decode(encoding, errors="replace")
    check_no_nul([text])
    return text, encoding


def check_no_nul(chunks: Iterable[str]) -> None:
    """Raise AuditError naming the line of the first zero byte (NUL) in text read in chunks.

    A text file never has one; csv would read it as part of a cell without a word.
    """
    lines = 0
    for chunk in chunks:
        at = chunk.find("\x00")
        if at >= 0:
            _nul_found(lines + chunk.count("\n", 0, at) + 1)
        lines += chunk.count("\n")


def text_lines(text: str) -> Iterator[str]:
    """Split text into lines with their endings, as csv wants them (only CR and LF end one)."""
    return iter(io.StringIO(text, newline=""))


class Records:
    """The records of a CSV given as lines of text, read strictly, header first.

    `delimiter` and `columns` are known once it is made; iterate it for the data rows as
    (line where the row starts, cells). Blank rows are skipped.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        """Read the header; raise AuditError for an empty file or an impossible header."""
        self._lines = iter(lines)
        self._skipped = 0  # blank lines before the header
        for line in self._lines:
            if line.strip("\ufeff \t\r\n"):
                header = line.lstrip("\ufeff")
                break
            self._skipped += 1
        else:
            raise AuditError(EMPTY_FILE)
        self.delimiter = detect_delimiter(header)
        if header.count(self.delimiter) >= MAX_CSV_COLUMNS:
            raise AuditError(MAX_CSV_COLUMNS.refuse(header.count(self.delimiter) + 1))
        self._reader = csv.reader(
            itertools.chain([header], self._lines), delimiter=self.delimiter, strict=True
        )
        try:
            first = next(self._reader, [])
        except csv.Error as error:
            raise AuditError(_unreadable(error, self._skipped + 1)) from None
        self.columns: tuple[str, ...] = tuple(cell.strip() for cell in first)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (line, cells) for each data row that is not blank; `line` is where it starts."""
        reader, skipped, width = self._reader, self._skipped, len(self.columns)
        last = reader.line_num
        try:
            for cells in reader:
                start, last = skipped + last + 1, reader.line_num
                if not any(cells):
                    continue
                if len(cells) == 1 and width > 1:
                    _check_delimiter(cells[0], self.delimiter, start)
                yield start, cells
        except csv.Error as error:
            raise AuditError(_unreadable(error, skipped + last + 1)) from None


def _unreadable(error: csv.Error, start: int) -> str:
    """Say, in plain words, that the record starting at line `start` cannot be read."""
    if "field larger than field limit" in str(error):
        return (
            f"Line {start} of the CSV has a cell of over {csv.field_size_limit():,} characters, "
            'which no contact has: it may have an unbalanced quote mark (") that runs on '
            "through the file. Fix that line, or export the file again."
        )
    return (
        f"Line {start} of the CSV cannot be read ({error}). It may have an unbalanced quote "
        'mark ("): fix that line, or export the file again.'
    )


def _nul_found(line: int) -> NoReturn:
    msg = (
        f"Line {line} of the CSV contains a zero byte (an invisible NUL character), which a "
        "contacts export never has. Delete that line's odd character in a text editor, or "
        "export the file again."
    )
    raise AuditError(msg)


def _check_delimiter(cell: str, delimiter: str, line: int) -> None:
    """Refuse a one-cell row that another delimiter would split: the file mixes two."""
    for other in DELIMITERS:
        if other != delimiter and other in cell:
            msg = (
                f"Line {line} of the CSV is separated by {delimiter_name(other)}s, but the header "
                f"row by {delimiter_name(delimiter)}s, so its columns cannot be told apart. Save "
                "the file again with one separator (in Excel: File > Save As > CSV UTF-8)."
            )
            raise AuditError(msg)


def column_where(columns: Sequence[str], test: Callable[[str], bool]) -> int | None:
    """Return the index of the first named column whose `header_key` passes `test`."""
    return next((i for i, name in enumerate(columns) if name and test(header_key(name))), None)
