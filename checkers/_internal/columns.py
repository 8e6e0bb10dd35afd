"""A contacts CSV's header, read for the reader.

Which column holds the mobile numbers, which name each row, and one sentence saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checkers._internal.csv_file import FileFormat, Records, column_where, decode_file, text_lines
from checkers._internal.limits import count
from checkers._internal.plain import PlainData
from checkers._internal.row_labels import id_label, suggest_id_columns

PHONE_COLUMN_HINTS = ("mobile", "cell", "sms", "phone", "tel", "number")
"""Words in a column name that suggest mobile numbers, best first."""


@dataclass(frozen=True)
class ColumnsFound(PlainData):
    """A CSV file's header: its columns, how it was read, and a suggested phone column."""

    columns: tuple[str, ...]
    format: FileFormat
    suggested: str | None
    """The column most likely to hold mobile numbers, or None."""
    suggested_id: tuple[str, ...]
    """The columns that best name each row (a name, first and last name, an ID), or none."""
    suggested_id_label: str | None
    """`suggested_id` said as one choice, such as "First name + Surname"."""
    found: str
    """One sentence for the reader: what was found and what to do next."""


def _holding(part: str) -> Callable[[str], bool]:
    return lambda key: part in key


def suggest_phone_column(columns: Sequence[str]) -> str | None:
    """Return the column most likely to hold mobile numbers (the best hint wins), or None."""
    for hint in PHONE_COLUMN_HINTS:
        index = column_where(columns, _holding(hint))
        if index is not None:
            return columns[index]
    return None


def read_columns(data: bytes) -> ColumnsFound:
    """Read a CSV file's header from its bytes; raise AuditError (plain words) if unreadable."""
    text, encoding = decode_file(data)
    records = Records(text_lines(text))
    found = FileFormat(records.delimiter, encoding)
    suggested = suggest_phone_column(records.columns)
    names = suggest_id_columns(records.columns, suggested)
    advice = (
        f"the column “{suggested}” looks like the mobile numbers"
        if suggested
        else "choose the column with the mobile numbers"
    )
    if names:
        advice += f", and rows are named by “{id_label(names)}”"
    return ColumnsFound(
        columns=records.columns,
        format=found,
        suggested=suggested,
        suggested_id=names,
        suggested_id_label=id_label(names) if names else None,
        found=f"Found {count(len(records.columns), 'column')} ({found}): {advice}.",
    )
