"""How the audit names a row for a reader: by the name or ID columns a reader picks.

A line number means little to a recruiter; "Jane Smith" or "A-1042" finds the record. The
header suggests the columns (`suggest_id_columns`): a full name, else first and last name
together, else a candidate or applicant column, else an ID or reference. A row whose
columns are empty, or an audit without any, is named by its line in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checkers._internal.csv_file import AuditError, column_where
from checkers._internal.tables import header_key

MAX_LABEL_LENGTH = 60
"""Characters of a cell shown as a row's label or value; longer ones end in "…"."""

_FULL_NAMES = frozenset(
    {"name", "fullname", "candidatename", "applicantname", "contactname", "displayname"}
)
_FIRST = ("firstname", "forename", "givenname", "first")
_LAST = ("lastname", "surname", "familyname", "last")
_PEOPLE = ("candidate", "applicant", "contact", "person")
_IDS = frozenset({"id", "ref", "reference"})
"""Keys of ID columns; a key ending in "id" or "ref" after a word ("candidateid") too."""
_NOT_PEOPLE = (
    "user",
    "file",
    "company",
    "account",
    "owner",
    "recruiter",
    "email",
    "phone",
    "mobile",
)
"""Words of name-like columns that do not name the applicant ("Username", "Owner name")."""


def _matching(test: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda key: not any(word in key for word in _NOT_PEOPLE) and test(key)


def _is_id(key: str) -> bool:
    return key in _IDS or (key.endswith(("id", "ref", "reference")) and len(key) > 3)


def suggest_id_columns(columns: Sequence[str], phone: str | None = None) -> tuple[str, ...]:
    """Return the columns that best name each row: one, two (first and last name) or none.

    The phone column `phone` is never suggested.
    """
    skip = header_key(phone) if phone else None
    usable = [name if header_key(name) != skip else "" for name in columns]

    def first(test: Callable[[str], bool]) -> str | None:
        index = column_where(usable, _matching(test))
        return usable[index] if index is not None else None

    full = first(lambda key: key in _FULL_NAMES)
    if full:
        return (full,)
    given = first(lambda key: key.startswith(_FIRST))
    family = first(lambda key: key.startswith(_LAST))
    if given and family:
        return (given, family)
    for test in (
        lambda key: key.startswith(_PEOPLE) and not _is_id(key),
        lambda key: "name" in key,
        _is_id,
    ):
        found = first(test)
        if found:
            return (found,)
    return ()


def id_label(names: Sequence[str]) -> str:
    """Say the chosen columns as one choice: ("First name", "Surname") -> "First name + Surname"."""
    return " + ".join(names)


def shorten(text: str, limit: int = MAX_LABEL_LENGTH) -> str:
    """Return `text` on one line, at most `limit` characters (the rest cut, with "…")."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


class RowLabels:
    """Names rows by the cells of the chosen columns (their indexes in the header)."""

    def __init__(self, columns: Sequence[str], chosen: Sequence[str]) -> None:
        """Find each chosen column in `columns`; raise AuditError naming one that is missing."""
        self.names: tuple[str, ...] = ()
        indexes = []
        for wanted in chosen:
            key = header_key(wanted)
            if not key:
                continue
            index = column_where(columns, key.__eq__)
            if index is None:
                msg = (
                    f"There is no column named “{shorten(wanted)}” to name the rows by: choose "
                    "another, or none to name them by line number."
                )
                raise AuditError(msg)
            indexes.append(index)
            self.names += (columns[index],)
        self._indexes = tuple(indexes)

    @property
    def heading(self) -> str:
        """What the labels are, as a column heading: "First name + Surname", or "Line"."""
        return shorten(id_label(self.names)) if self.names else "Line"

    def label(self, line: int, cells: Sequence[str]) -> str:
        """Return the row's name: its chosen cells joined by a space, else "Line 12"."""
        parts = [cells[i].strip() for i in self._indexes if i < len(cells)]
        text = " ".join(part for part in parts if part)
        return shorten(text) if text else f"Line {line:,}"
