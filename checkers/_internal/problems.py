"""The number-check problem codes: a stable contract shared by the CLI, widgets and docs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Literal, NamedTuple, TypeAlias

from checkers._internal.plain import PlainData, made_quickly

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

ERROR_CODES = frozenset(code for code, kind in PROBLEM_KINDS.items() if kind.severity == "error")
"""The codes of problems that stop a text from arriving."""

_ORDER = {code: position for position, code in enumerate(PROBLEM_KINDS)}


Wording: TypeAlias = str | Callable[[], str]
"""A problem's message, or a function that words it when it is first read (for messages
that cost a parse or a format: a bulk audit reads only the codes of most rows)."""


@dataclass(frozen=True, eq=False)
class Problem(PlainData):
    """One thing wrong with a number: a stable `code`, its `severity` and a plain `message`."""

    code: str
    severity: Severity
    wording: Wording = field(repr=False)

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = ("code", "severity", "message")

    @functools.cached_property
    def message(self) -> str:
        """What is wrong and how to fix it, in plain words."""
        wording = self.wording
        return wording if isinstance(wording, str) else wording()

    def __eq__(self, other: object) -> bool:
        """Problems are equal when their code, severity and message are."""
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key == other._key

    @property
    def _key(self) -> tuple[str, str, str]:
        return self.code, self.severity, self.message

    def __hash__(self) -> int:
        """Hash the code, severity and message, as `__eq__` compares them."""
        return hash(self._key)

    def __repr__(self) -> str:
        """Show the code, severity and message."""
        return f"Problem(code={self.code!r}, severity={self.severity!r}, message={self.message!r})"


def problem(code: str, message: Wording) -> Problem:
    """Build a problem, taking its severity from the code table."""
    severity = PROBLEM_KINDS[code].severity
    return made_quickly(Problem, code=code, severity=severity, wording=message)


def in_order(problems: list[Problem]) -> tuple[Problem, ...]:
    """Return the problems in the code table's order."""
    if len(problems) < 2:  # most checks find one problem or none
        return tuple(problems)
    return tuple(sorted(problems, key=lambda item: _ORDER[item.code]))
