"""The number-check problem codes: a stable contract shared by the CLI, widgets and docs."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Severity = Literal["error", "warning"]

PROBLEM_SEVERITY: MappingProxyType[str, Severity] = MappingProxyType(
    {
        "empty": "error",
        "letters": "error",
        "not_a_number": "error",
        "invalid_country_code": "error",
        "too_short": "error",
        "too_long": "error",
        "fictional": "error",
        "invalid": "error",
        "landline": "error",
        "not_mobile": "error",
        "may_not_be_mobile": "warning",
        "missing_country_code": "warning",
        "missing_plus": "warning",
        "formatting_characters": "warning",
        "extension": "warning",
    },
)
"""Every problem code, in reporting order, with its severity."""

_ORDER = {code: position for position, code in enumerate(PROBLEM_SEVERITY)}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number: a stable `code`, its `severity` and a plain `message`."""

    code: str
    severity: Severity
    message: str


def problem(code: str, message: str) -> Problem:
    """Build a problem, taking its severity from the code table."""
    return Problem(code, PROBLEM_SEVERITY[code], message)


def in_order(problems: list[Problem]) -> tuple[Problem, ...]:
    """Return the problems in the code table's order."""
    return tuple(sorted(problems, key=lambda item: _ORDER[item.code]))
