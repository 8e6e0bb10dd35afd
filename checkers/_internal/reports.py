"""Build the escalation report the guide asks for (Section 1 Checks 3-4, Sections 2-3).

The questions of each report kind come from support.toml (see `checkers.load_spec`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from checkers._internal.clean_text import clean_text, cleaning_note
from checkers._internal.dates import read_date
from checkers._internal.limits import MAX_ANSWER_CHARACTERS
from checkers._internal.numbers import NumberCheck, check_number, normalise_region
from checkers._internal.plain import PlainData
from checkers._internal.spec import Channel, Field, Kind, Spec, load_spec

_FIRST_DIGIT = re.compile(r"[+\d\uff10-\uff19]")


@dataclass(frozen=True)
class PhoneEntry:
    """One line of a phone list: the name given (may be empty), the number and its check."""

    number: str
    """The number as the reader wrote it."""
    check: NumberCheck
    name: str = ""
    """The name written before the number (none when only a number was given)."""


@dataclass(frozen=True)
class ReportField:
    """One answered (or unanswered) question of a report, as it will be written."""

    id: str
    label: str
    type: str
    required: bool
    answered: bool
    value: str
    lines: tuple[str, ...]
    iso: str | None
    phones: tuple[PhoneEntry, ...]
    error: str | None
    """What to fix before the report can be made: a wrong answer, or a required one missing."""
    warnings: tuple[str, ...] = ()
    """Numbers in a phone list that can never receive SMS, each with the reason."""


REQUIRED = "Answer this question: it is required."


@dataclass(frozen=True)
class Report(PlainData):
    """An escalation report: where to send it, what is missing or wrong, and its `text`."""

    kind: str
    title: str
    section: str
    channel: Channel
    fields: tuple[ReportField, ...]
    missing: tuple[str, ...]
    invalid: tuple[str, ...]
    number_warnings: tuple[str, ...]
    complete: bool
    text: str
    cleaned: str | None = None
    """What was removed from the answers to keep the text safe, in one sentence (or None)."""

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "kind", "title", "section", "channel", "fields", "missing", "invalid", "number_warnings",
        "complete", "problems", "text", "cleaned",
    )  # fmt: skip

    @property
    def problems(self) -> str | None:
        """Say "There are 2 problems with your answers." while the report cannot be made."""
        errors = sum(1 for field in self.fields if field.error)
        if not errors:
            return None
        there = "is 1 problem" if errors == 1 else f"are {errors} problems"
        return f"There {there} with your answers."


def build_report(
    kind: str,
    answers: Mapping[str, object],
    default_region: str = "GB",
    spec: Spec | None = None,
) -> Report:
    """Check the answers to a report kind's questions and write the report.

    `answers` maps field ids to answers: text for text, datetime and choice fields (a choice
    may be given by value or label), a list of step ids for steps fields, and text (one
    "Name, number" per line) or a list of lines for phone_list fields. An optional
    ``"timezone"`` answer (``"Europe/London"``, ``"+00:00 (Europe/London)"``) is kept in
    every date. Raises ValueError for an unknown kind (naming the valid ones) or region.
    """
    spec = spec or load_spec()
    report_kind = spec.kind(kind)
    region = normalise_region(default_region)
    if not isinstance(answers, Mapping):
        msg = "The answers must be an object mapping question ids to answers."
        raise ValueError(msg)
    timezone = answers.get("timezone")
    timezone = timezone if isinstance(timezone, str) else None
    cleaner = _Cleaner()
    fields = tuple(
        _answer(field, cleaner.clean(answers.get(field.id)), spec, region, timezone)
        for field in report_kind.fields
    )
    missing = tuple(field.label for field in fields if field.required and not field.answered)
    invalid = tuple(
        f"{field.label}: {field.error}" for field in fields if field.answered and field.error
    )
    warnings = tuple(warning for field in fields for warning in field.warnings)
    channel = spec.channel(report_kind.channel)
    return Report(
        kind=report_kind.id,
        title=report_kind.title,
        section=report_kind.section,
        channel=channel,
        fields=fields,
        missing=missing,
        invalid=invalid,
        number_warnings=warnings,
        complete=not missing and not invalid,
        text=_render(report_kind, channel, fields),
        cleaned=cleaning_note(cleaner.removed, cleaner.replaced),
    )


class _Cleaner:
    """Cleans every answer's text (see `clean_text`), counting what it changed."""

    def __init__(self) -> None:
        self.removed = 0
        self.replaced = 0

    def clean(self, value: object) -> object:
        if isinstance(value, str):
            cleaned = clean_text(value)
            self.removed += cleaned.removed
            self.replaced += cleaned.replaced
            return cleaned.text
        if isinstance(value, (list, tuple)):
            return [self.clean(item) for item in value]
        return value


def _answer(
    field: Field,
    value: object,
    spec: Spec,
    region: str,
    timezone: str | None,
) -> ReportField:
    blank = ReportField(
        field.id,
        field.label,
        field.type,
        field.required,
        False,
        "",
        (),
        None,
        (),
        None,
    )
    if value is None or (isinstance(value, (str, list, tuple)) and not _has_text(value)):
        return _with_error(blank, REQUIRED) if field.required else blank
    size = _size(value)
    if size > MAX_ANSWER_CHARACTERS:
        return _with(blank, problem=MAX_ANSWER_CHARACTERS.refuse(size))
    if field.type == "phone_list":
        return _phone_list(blank, value, region)
    if field.type == "steps":
        return _steps(blank, value, spec)
    return _single(blank, field, value, timezone)


def _single(blank: ReportField, field: Field, value: object, timezone: str | None) -> ReportField:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _with(blank, problem="Write the answer as text.")
    text = str(value).strip()
    if field.type == "datetime":
        return _datetime(blank, text, timezone)
    if field.type == "choice":
        return _choice(blank, field, text)
    return _with(blank, value=text)


def _datetime(blank: ReportField, text: str, timezone: str | None) -> ReportField:
    try:
        reading = read_date(text, timezone)
    except ValueError as error:
        return _with(blank, value=text, problem=str(error))
    return _with(blank, value=reading.text, iso=reading.iso)


def _size(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(_size(item) for item in value)
    return 0


def _with_error(blank: ReportField, error: str) -> ReportField:
    return ReportField(
        blank.id,
        blank.label,
        blank.type,
        blank.required,
        False,
        "",
        (),
        None,
        (),
        error,
    )


def _has_text(value: str | list[object] | tuple[object, ...]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return any(not isinstance(item, str) or item.strip() for item in value)


def _with(
    blank: ReportField,
    *,
    value: str = "",
    lines: tuple[str, ...] = (),
    iso: str | None = None,
    phones: tuple[PhoneEntry, ...] = (),
    problem: str | None = None,
) -> ReportField:
    warnings = tuple(
        f"{entry.name or entry.number}: {found.message}"
        for entry in phones
        for found in entry.check.problems
        if found.severity == "error"
    )
    return ReportField(
        blank.id,
        blank.label,
        blank.type,
        blank.required,
        True,
        value,
        lines,
        iso,
        phones,
        problem,
        warnings,
    )


def _lines_of(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    return None


def _choice(blank: ReportField, field: Field, text: str) -> ReportField:
    for option in field.options:
        if text.casefold() in (option.value.casefold(), option.label.casefold()):
            return _with(blank, value=option.label)
    labels = "; ".join(option.label for option in field.options)
    return _with(blank, value=text, problem=f"“{text[:60]}” is not one of the choices: {labels}.")


def _steps(blank: ReportField, value: object, spec: Spec) -> ReportField:
    ids = value.split(",") if isinstance(value, str) else _lines_of(value)
    if ids is None:
        return _with(blank, problem="Give the steps as a list of step ids.")
    ids = [step_id.strip() for step_id in ids]
    unknown = [step_id for step_id in ids if step_id and spec.step_label(step_id) is None]
    if unknown:
        valid = ", ".join(step.id for step in spec.steps)
        problem = f"Unknown step {unknown[0][:40]!r}: the steps are {valid}."
        return _with(blank, problem=problem)
    labels = tuple(step.label for step in spec.steps if step.id in ids)
    return _with(blank, value="; ".join(labels), lines=labels)


def _phone_list(blank: ReportField, value: object, region: str) -> ReportField:
    lines = _lines_of(value)
    if lines is None:
        return _with(blank, problem="Write one name and number per line.")
    entries = []
    for line in lines:
        name, number = split_name_and_number(line)
        if not number:
            problem = f"“{line[:60]}” has no phone number: write the name, a comma, the number."
            return _with(blank, problem=problem)
        entries.append(PhoneEntry(number, check_number(number, region), name))
    rendered = tuple(_phone_line(entry) for entry in entries)
    return _with(blank, value="; ".join(rendered), lines=rendered, phones=tuple(entries))


def split_name_and_number(line: str) -> tuple[str, str]:
    """Split "Name, number" (or "Name number", or just "number") into (name, number)."""
    if "," in line:
        name, _, number = line.rpartition(",")
        return name.strip(), number.strip()
    first_digit = _FIRST_DIGIT.search(line)
    if first_digit is None:
        return line.strip(), ""
    return line[: first_digit.start()].strip(" \t:-"), line[first_digit.start() :].strip()


def _phone_line(entry: PhoneEntry) -> str:
    check = entry.check
    shown = entry.number
    if check.e164 and check.e164 != entry.number:
        shown += f" ({check.e164})"
    if not check.ok and check.verdict_code != "fix_format":
        shown += f" — {check.verdict}"
    return f"{entry.name}: {shown}" if entry.name else shown


def _render(kind: Kind, channel: Channel, fields: tuple[ReportField, ...]) -> str:
    heading = f"{kind.title} ({kind.section})" if kind.section else kind.title
    out = [heading, f"Send this to: {channel.name}", ""]
    for field in fields:
        if not field.value:
            continue
        out.append(field.label)
        if field.lines:
            out.extend(f"  - {line}" for line in field.lines)
        else:
            out.append(f"  {field.value}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
