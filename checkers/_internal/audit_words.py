"""What the audit tells a reader: one summary sentence and two lists of rows to act on.

The corrected file keeps the complete diagnosis (its ``problems`` column holds the codes).
A reader gets the rows sorted by what to do: "Cannot receive SMS" (ask the applicant for a
mobile number, or check the digits) and "Needs a format fix" (store the number given).
Each row is named (see `row_labels`), shows its value as written and says what to do in
plain words, never a code. The lists are built only from the few rows shown, so the audit
of every row costs nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from checkers._internal.limits import count, more_not_shown
from checkers._internal.number_words import join_words
from checkers._internal.plain import PlainData
from checkers._internal.row_labels import shorten

if TYPE_CHECKING:
    from checkers._internal.numbers import NumberCheck

ASK_FOR_MOBILE = "ask the applicant for a mobile number"
CHECK_DIGITS = "check the number with the applicant"

_CANNOT: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        # the error that decides it, in the code table's order: (what it is, what to do)
        "empty": ("No number", ASK_FOR_MOBILE),
        "letters": ("Letters in the number", CHECK_DIGITS),
        "not_a_number": ("Not a phone number", ASK_FOR_MOBILE),
        "invalid_country_code": ("The country code does not exist", CHECK_DIGITS),
        "too_short": ("Digits are missing", CHECK_DIGITS),
        "too_long": ("Too many digits", CHECK_DIGITS),
        "fictional": (
            "A TV and drama number that belongs to no one",
            "ask the applicant for their real mobile number",
        ),
        "invalid": ("Not a valid number", CHECK_DIGITS),
        "landline": ("A landline, which cannot receive SMS", ASK_FOR_MOBILE),
        "not_mobile": ("Not a mobile number", ASK_FOR_MOBILE),
    },
)
"""What a reader does about a number that cannot receive SMS, by the problem that decides it."""

CANNOT_TITLE = "Cannot receive SMS"
FIX_TITLE = "Needs a format fix"


@dataclass(frozen=True)
class ReaderRow(PlainData):
    """One row of a list: its name, its value as written, what to do and the number to store."""

    line: int
    label: str
    """The row's name from the chosen columns, or "Line 12"."""
    value: str
    """The value as written (shortened to one line), or "(empty)"."""
    todo: str
    """What to do, in one plain sentence."""
    store: str | None
    """The number to store (E.164), where there is one."""


@dataclass(frozen=True)
class ReaderList(PlainData):
    """One list of rows to act on: its title with the count, the rows shown, and a note."""

    key: str
    """``cannot_receive`` or ``needs_fix`` (for tests and styling)."""
    title: str
    """Such as "Cannot receive SMS (44)"."""
    count: int
    headings: tuple[str, str, str, str]
    """The column headings of a row's label, value, what to do and number to store."""
    rows: tuple[ReaderRow, ...]
    note: str | None
    """"Showing the first 200 of 1,234 rows. The corrected file lists every row." when cut."""


def what_to_do(check: NumberCheck) -> str:
    """Say in one sentence what to do about a number, such as "A landline: ask …"."""
    if not check.sendable:
        codes = {found.code for found in check.problems}
        deciding = next((code for code in _CANNOT if code in codes), "invalid")
        what, action = _CANNOT[deciding]
        if deciding == "letters" and check.suggested:
            action = f"if they meant {check.suggested}, store that"
        return f"{what}: {action}."
    steps = _fix_steps(check)
    if not steps:
        return "Store the number given."
    text = join_words(tuple(steps))
    return f"{text[0].upper()}{text[1:]}."


def _fix_steps(check: NumberCheck) -> list[str]:
    """List what to change as short imperatives ("add the country code", "remove the spaces")."""
    steps = []
    for found in check.problems:
        if found.code == "may_not_be_mobile":
            steps.append("check with the applicant that it is a mobile")
        elif found.code == "missing_country_code":
            steps.append("add the country code")
        elif found.code == "missing_plus":
            steps.append("put + before the country code")
        elif found.code == "formatting_characters":
            steps.append(f"remove the {join_words(check.formatting)}")
        elif found.code == "extension":
            steps.append(f"move the extension ({check.extension}) to a notes field")
    return steps


def reader_row(line: int, label: str, check: NumberCheck) -> ReaderRow:
    """Return the row as a list shows it."""
    value = shorten(check.input) if check.input.strip() else "(empty)"
    store = check.suggested if not check.sendable else check.e164
    return ReaderRow(line, label, value, what_to_do(check), store)


def reader_list(
    key: str, rows: Sequence[ReaderRow], total: int, *, row_heading: str, column: str
) -> ReaderList:
    """Return the list of `total` rows, of which `rows` are shown.

    `row_heading` names the rows' labels ("Name", or "Line"); `column` is the phone column.
    """
    title = CANNOT_TITLE if key == "cannot_receive" else FIX_TITLE
    cut = more_not_shown(len(rows), total, "row")
    note = f"{cut} The corrected file lists every row." if cut else None
    headings = (row_heading, f"{column} as written", "What to do", "Number to store")
    return ReaderList(key, f"{title} ({total:,})", total, headings, tuple(rows), note)


def summary_sentence(rows: int, ready: int, fixable: int, cannot: int) -> str:
    """Say the audit in one sentence: how many numbers are ready, to fix, and unusable."""
    if rows == 0:
        return "The file has a header row but no contacts."
    parts = [
        f"{ready:,} can receive SMS as stored",
        f"{fixable:,} {'needs' if fixable == 1 else 'need'} a format fix",
        f"{cannot:,} cannot receive SMS",
    ]
    return f"Of {count(rows, 'number')}, {parts[0]}, {parts[1]} and {parts[2]}."
