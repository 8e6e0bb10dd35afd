"""Check the SMS Limits plugin's Daily Allowance table (the guide's Section 1, Check 1).

An administrator copies the table from Plugins > SMS Limits (tab-separated when copied
from the page) or exports it (comma- or semicolon-separated). Reading rules:

- A header row is recognised by a column named like "Daily Allowance" (or "Allowance",
  "Daily limit"); the user column is then the one named "User", "Username" or "Name",
  else the first other column. Without a header row, the first column is the user and
  the last column is the Daily Allowance.
- A Daily Allowance must be a whole number of 1 or more. Blank, 0, negative, decimal
  (``2.5``, ``100.0``) and non-numeric values block sending.
- Thousands separators are accepted when they group whole thousands: ``1,000`` (quoted in
  a comma-separated table, or unquoted as the last column), ``1 000`` and ``1'000`` all
  read as 1000. ``1.000`` is read as a decimal and blocks sending, because it is ambiguous.
- A table whose columns are separated by spaces (copied as plain text: ``Alex Morgan 100``)
  reads as the user's name, then the Daily Allowance as the last word (``1 000`` included).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar

from checkers._internal.limits import (
    MAX_SHOWN_ROWS,
    MAX_TABLE_CHARACTERS,
    count,
    more_not_shown,
)
from checkers._internal.plain import PlainData, to_plain
from checkers._internal.tables import detect_delimiter, header_key

_WHOLE = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[, '\u00a0\u202f]\d{3})+")
_DECIMAL = re.compile(r"[+-]?\d*[.,]\d+")
_USER_HEADERS = frozenset({"user", "users", "username", "name", "fullname", "consultant"})
_ALLOWANCE_HEADERS = frozenset({"dailylimit", "limit", "smslimit", "dailysmslimit"})
ALLOWANCE_FIX = (
    "To let them send SMS: in {path}, enter a whole number above 0 (such as 100) as the "
    "{column} of each user listed, then click {button}."
)
"""How to let every blocked user send, with the CRM's menus and buttons left as fields."""
ALLOWANCE_FIX_UI: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "path": ("Plugins", "SMS Limits"),
        "column": ("Daily Allowance",),
        "button": ("Save and Close",),
    }
)
"""The CRM's menu path, column and button `ALLOWANCE_FIX` names (the page shows them as keys)."""
UI_PATH_SEPARATOR = " → "
"""Between the items of a menu path, in words and on the page."""
FIX = ALLOWANCE_FIX.format(
    **{key: UI_PATH_SEPARATOR.join(names) for key, names in ALLOWANCE_FIX_UI.items()}
)
"""How to let every blocked user send, said once for them all."""
_TRAILING_ALLOWANCE = re.compile(
    r"^(?P<user>.*?)\s+(?P<allowance>[+\-\u2212]?\d{1,3}(?: \d{3})+|\S+)?\s*$"
)
_NO_TABLE = (
    "No table found. In Plugins > SMS Limits, select the rows including the User and Daily "
    "Allowance columns, copy them and paste them here."
)


@dataclass(frozen=True)
class AllowanceRow:
    """One user's Daily Allowance: whether they can send and, if not, why and what to do."""

    line: int
    user: str
    raw: str
    allowance: int | None
    can_send: bool
    code: str
    reason: str

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "line", "user", "who", "raw", "allowance", "can_send", "code", "reason",
    )  # fmt: skip

    @property
    def who(self) -> str:
        """The user as a list names them: their name, or their line when there is none."""
        return self.user or f"The user on line {self.line}"


class AllowanceError(ValueError):
    """The text holds no SMS Limits table that can be read; the message says what to paste."""


@dataclass(frozen=True)
class AllowanceReport(PlainData):
    """Every user's allowance, the counts, the verdict and `notes` (duplicates, no names)."""

    rows: tuple[AllowanceRow, ...]
    can_send: int
    cannot_send: int
    all_can_send: bool
    notes: tuple[str, ...]

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "verdict", "fix", "users", "can_send", "cannot_send", "all_can_send", "rows", "notes",
    )  # fmt: skip

    @property
    def users(self) -> int:
        """How many users the table lists."""
        return len(self.rows)

    @property
    def verdict(self) -> str:
        """The one-line answer: how many users cannot send SMS."""
        if self.users == 1:
            state = "cannot" if self.cannot_send else "can"
            return f"The 1 user in the table {state} send SMS."
        if self.cannot_send == 0:
            return f"All {count(self.users, 'user')} in the table can send SMS."
        return f"{self.cannot_send:,} of {count(self.users, 'user')} cannot send SMS."

    @property
    def fix(self) -> str | None:
        """How to let the users who cannot send send, said once for them all (None if none)."""
        return FIX if self.cannot_send else None

    @property
    def blocked(self) -> tuple[AllowanceRow, ...]:
        """The users who cannot send, in table order."""
        return tuple(row for row in self.rows if not row.can_send)

    def for_page(self, max_rows: int = MAX_SHOWN_ROWS) -> dict[str, object]:
        """Return the report for the page: answer, counts, verdict, the first blocked users.

        The answer to "Can they all send?" is ``yes`` or ``no``; `max_rows` users are listed.
        """
        blocked = self.blocked
        return {
            "answer": "yes" if self.all_can_send else "no",
            "verdict": self.verdict,
            "fix": self.fix,
            "users": self.users,
            "can_send": self.can_send,
            "cannot_send": self.cannot_send,
            "all_can_send": self.all_can_send,
            "blocked": to_plain(blocked[:max_rows]),
            "blocked_note": more_not_shown(
                max_rows, len(blocked), "user who cannot send", "users who cannot send"
            ),
            "notes": list(self.notes),
        }


def check_allowances(text: str) -> AllowanceReport:
    """Read a pasted or exported SMS Limits table and say, per user, whether they can send.

    Raises AllowanceError, in plain words, when the text holds no table it can read.
    """
    if len(text) > MAX_TABLE_CHARACTERS:
        raise AllowanceError(MAX_TABLE_CHARACTERS.refuse(len(text)))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise AllowanceError("Nothing was pasted. " + _NO_TABLE)
    delimiter = detect_delimiter(text.lstrip(" \r\n"))
    try:
        table = [
            (line, row)
            for line, row in _read_rows(text, delimiter)
            if any(cell.strip() for cell in row)
        ]
        if _space_separated(table):
            table = [(line, _split_at_last_word(row[0])) for line, row in table]
    except csv.Error as error:
        raise AllowanceError(f"The table could not be read ({error}). {_NO_TABLE}") from None
    header, user_column, allowance_column = _columns(table)
    body = table[1:] if header else table
    if allowance_column < 1 and not header:
        raise AllowanceError(_NO_TABLE)
    if not body:
        raise AllowanceError("The table has a header row but no users. " + _NO_TABLE)
    rows = tuple(
        _check_row(line, cells, user_column, allowance_column, delimiter) for line, cells in body
    )
    able = sum(row.can_send for row in rows)
    return AllowanceReport(
        rows=rows,
        can_send=able,
        cannot_send=len(rows) - able,
        all_can_send=able == len(rows),
        notes=_duplicate_notes(rows),
    )


def _space_separated(table: list[tuple[int, list[str]]]) -> bool:
    """Whether one-column rows are really "name allowance" rows separated by spaces."""
    if not all(len(row) == 1 for _, row in table):
        return False
    last_words = [row[0].split()[-1] for _, row in table if len(row[0].split()) > 1]
    return any(any(ch.isdigit() for ch in word) for word in last_words)


def _split_at_last_word(line: str) -> list[str]:
    """Split "Alex Morgan 100" into ["Alex Morgan", "100"] (a header keeps its words)."""
    if "allowance" in header_key(line) or header_key(line) in _ALLOWANCE_HEADERS:
        words = line.split()
        at = next(
            (i for i, w in enumerate(words) if header_key(w) in {"daily", "allowance", "limit"}),
            len(words) - 1,
        )
        return [" ".join(words[:at]), " ".join(words[at:])]
    found = _TRAILING_ALLOWANCE.match(" " + line.strip())
    if found is None:
        return [line.strip(), ""]
    allowance = found["allowance"] or ""
    if not any(ch.isdigit() for ch in allowance) and allowance not in {"-"}:
        return [line.strip(), ""]  # no number at the end: the allowance is blank
    return [found["user"].strip(), allowance]


def _read_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]


def _columns(table: list[tuple[int, list[str]]]) -> tuple[bool, int, int]:
    """Return (has header, user column, allowance column)."""
    if not table:
        return False, 0, -1
    keys = [header_key(cell) for cell in table[0][1]]
    allowance = next(
        (i for i, key in enumerate(keys) if "allowance" in key or key in _ALLOWANCE_HEADERS),
        None,
    )
    if allowance is not None:
        user = next((i for i, key in enumerate(keys) if key in _USER_HEADERS), None)
        if user is None:
            user = next(i for i in range(len(keys)) if i != allowance) if len(keys) > 1 else -1
        return True, user, allowance
    widths = Counter(len(row) for _, row in table)
    common_width = min(widths, key=lambda width: (-widths[width], width))
    return False, 0, common_width - 1


def _check_row(
    line: int,
    cells: list[str],
    user_column: int,
    allowance_column: int,
    delimiter: str,
) -> AllowanceRow:
    user = cells[user_column].strip() if 0 <= user_column < len(cells) else ""
    raw = cells[allowance_column] if allowance_column < len(cells) else ""
    if delimiter == "," and len(cells) > allowance_column + 1:
        joined = ",".join(cells[allowance_column:])
        if _GROUPED.fullmatch(joined.strip()):
            raw = joined
    allowance, code, reason = read_allowance(raw)
    return AllowanceRow(line, user, raw, allowance, code == "ok", code, reason)


def read_allowance(raw: str) -> tuple[int | None, str, str]:
    """Read one Daily Allowance cell: (whole number or None, code, plain reason)."""
    value = unicodedata.normalize("NFKC", raw).replace("\u2212", "-").strip()
    shown = raw.strip()
    if not value:
        return None, "blank", "Daily Allowance is blank."
    if _WHOLE.fullmatch(value) or _GROUPED.fullmatch(value):
        number = int(re.sub(r"[^\d-]", "", value))
        if number == 0:
            return 0, "zero", "Daily Allowance is 0."
        if number < 0:
            return number, "negative", f"Daily Allowance is {shown}, a negative number."
        return number, "ok", f"Can send up to {number:,} SMS a day."
    if _DECIMAL.fullmatch(value):
        return None, "not_whole", f"Daily Allowance is {shown}, not a whole number."
    return None, "not_a_number", f"Daily Allowance is “{shown[:40]}”, not a number."


def _duplicate_notes(rows: tuple[AllowanceRow, ...]) -> tuple[str, ...]:
    lines_by_user: defaultdict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        key = " ".join(row.user.split()).casefold()
        lines_by_user[key].append(row.line)
        names.setdefault(key, row.user)
    notes = []
    for key, lines in lines_by_user.items():
        if not key:
            notes.append(f"Rows without a user name on line(s) {_lines(lines)}.")
        elif len(lines) > 1:
            notes.append(
                f"User “{names[key]}” appears {len(lines)} times (lines {_lines(lines)}): "
                "check which Daily Allowance is right.",
            )
    return tuple(notes)


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:10])
    return shown + (", …" if len(lines) > 10 else "")
