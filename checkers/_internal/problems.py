"""The number-check problem codes: a stable contract shared by the CLI, widgets and docs."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class ProblemKind(NamedTuple):
    """What a problem code means: its severity and a short plain label for counts."""

    severity: Severity
    label: str


PROBLEM_KINDS: MappingProxyType[str, ProblemKind] = MappingProxyType(
    {
        "empty": ProblemKind("error", "No number"),
        "letters": ProblemKind("error", "Letters in the number"),
        "not_a_number": ProblemKind("error", "Not a phone number"),
        "invalid_country_code": ProblemKind("error", "Unknown country code"),
        "too_short": ProblemKind("error", "Too short"),
        "too_long": ProblemKind("error", "Too long"),
        "fictional": ProblemKind("error", "TV and drama number, not a real one"),
        "invalid": ProblemKind("error", "Not a valid number"),
        "landline": ProblemKind("error", "Landline: cannot take SMS"),
        "not_mobile": ProblemKind("error", "Not a mobile number"),
        "may_not_be_mobile": ProblemKind("warning", "May not be a mobile"),
        "missing_country_code": ProblemKind("warning", "No country code"),
        "missing_plus": ProblemKind("warning", "No + before the country code"),
        "formatting_characters": ProblemKind("warning", "Spaces, dashes or brackets"),
        "extension": ProblemKind("warning", "Has an extension"),
    },
)
"""Every problem code, in reporting order, with its severity and label."""

PROBLEM_SEVERITY: MappingProxyType[str, Severity] = MappingProxyType(
    {code: kind.severity for code, kind in PROBLEM_KINDS.items()},
)
"""Every problem code, in reporting order, with its severity (a view of `PROBLEM_KINDS`)."""

_ORDER = {code: position for position, code in enumerate(PROBLEM_KINDS)}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number: a stable `code`, its `severity` and a plain `message`."""

    code: str
    severity: Severity
    message: str


def problem(code: str, message: str) -> Problem:
    """Build a problem, taking its severity from the code table."""
    return Problem(code, PROBLEM_KINDS[code].severity, message)


def in_order(problems: list[Problem]) -> tuple[Problem, ...]:
    """Return the problems in the code table's order."""
    if len(problems) < 2:  # most checks find one problem or none
        return tuple(problems)
    return tuple(sorted(problems, key=lambda item: _ORDER[item.code]))
