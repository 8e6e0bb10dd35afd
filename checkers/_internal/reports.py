"""Build the report support acts on (Section 1 Checks 3-4, Sections 2-3, Still not resolved?).

The questions of each report kind come from support.toml (see `checkers.load_spec`). The
report starts with a one-line summary (the kind, then the answers its `summary` names),
names the channel once, then gives every answer in the order asked. Numbers that can never
receive SMS stop the report until the reader changes them or says they keep them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import ClassVar

from checkers._internal.clean_text import clean_text, cleaning_note
from checkers._internal.dates import EXAMPLES, read_date
from checkers._internal.limits import MAX_ANSWER_CHARACTERS
from checkers._internal.numbers import NumberCheck, check_number, normalise_region
from checkers._internal.plain import PlainData
from checkers._internal.spec import Channel, Field, Kind, Spec, load_spec
from checkers._internal.zones import Zone

_FIRST_DIGIT = re.compile(r"[+\d\uff10-\uff19]")
_LISTED_TYPES = frozenset({"phone_list", "steps"})
NOT_PROVIDED = "Not provided"
"""What the review shows for a question left unanswered."""
KEEP_NUMBERS = (
    "Keep it as it is: I know it cannot receive SMS",
    "Keep them as they are: I know they cannot receive SMS",
)
"""The box the reader ticks to keep numbers that can never receive SMS: for one, for more."""


@dataclass(frozen=True)
class PhoneEntry(PlainData):
    """One number of a phone answer: the name given (may be empty), the number and its check."""

    number: str
    """The number as the reader wrote it."""
    check: NumberCheck
    """What `check_number` says about it."""
    name: str = ""
    """The name written before the number (none when only a number was given)."""

    @property
    def line(self) -> str:
        """The number as the report writes it: "Jane: 07400 123456 (+447400123456)"."""
        shown = self.number
        if self.check.e164 and self.check.e164 != self.number:
            shown += f" ({self.check.e164})"
        if not self.check.ok and self.check.verdict_code != "fix_format":
            shown += f" — {self.check.verdict}"
        return f"{self.name}: {shown}" if self.name else shown

    @property
    def reason(self) -> str | None:
        """Why the number can never receive SMS (None when it can)."""
        if self.check.sendable:
            return None
        found = next((p for p in self.check.problems if p.severity == "error"), None)
        return found.message if found else self.check.verdict

    @property
    def warning(self) -> str | None:
        """The reason, naming the applicant or the number (None when it can receive SMS)."""
        reason = self.reason
        return f"{self.name or self.number}: {reason}" if reason else None


@dataclass(frozen=True)
class UnsendableNumber(PlainData):
    """A number in the answers that can never receive SMS."""

    field: str
    """The id of the question it answers."""
    number: str
    """As the reader wrote it: the value "keep_numbers" lists to keep it."""
    warning: str
    """Who or what, and why: "Bob Jones: It is a landline number (…), so …"."""
    line: str
    """As the report writes it."""


@dataclass(frozen=True)
class ReportField(PlainData):
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
    """What to do before the report can be made, naming the question (None when fine)."""
    warnings: tuple[str, ...] = ()
    """Numbers in the answer that can never receive SMS, each with the reason."""

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "id", "label", "type", "required", "answered", "value", "lines", "iso", "phones",
        "error", "warnings", "shown", "listed",
    )  # fmt: skip

    @property
    def shown(self) -> tuple[str, ...]:
        """The answer as the review shows it, line by line ("Not provided" when empty)."""
        if not self.answered:
            return (NOT_PROVIDED,)
        return self.lines or (self.value,)

    @property
    def listed(self) -> bool:
        """Whether the answer is a list (of numbers, of steps), one item a line."""
        return self.type in _LISTED_TYPES


@dataclass(frozen=True)
class Report(PlainData):
    """A report for support: what is wrong with the answers, or its `text`."""

    kind: str
    title: str
    channel: Channel
    fields: tuple[ReportField, ...]
    summary: str
    """The report's first line: the kind, the account, the scope, since when."""
    unsendable: tuple[UnsendableNumber, ...]
    numbers_kept: bool
    """Whether the reader keeps every number in `unsendable` (and says so in the text)."""
    text: str
    """The report as support reads it; send it only when `complete`."""
    cleaned: str | None = None
    """What was removed from the answers to keep the text safe, in one sentence (or None)."""

    PLAIN_KEYS: ClassVar[tuple[str, ...]] = (
        "kind", "title", "channel", "fields", "summary", "unsendable", "numbers_kept",
        "numbers_title", "numbers_error", "keep_label", "complete", "problems", "errors",
        "text", "cleaned",
    )  # fmt: skip

    @property
    def complete(self) -> bool:
        """Whether every answer is right and every number kept on purpose: the text may go."""
        return not any(field.error for field in self.fields) and self.numbers_error is None

    @property
    def problems(self) -> str | None:
        """Say "There are 2 problems with your answers." while a question needs fixing."""
        errors = sum(1 for field in self.fields if field.error)
        if not errors:
            return None
        there = "is 1 problem" if errors == 1 else f"are {errors} problems"
        return f"There {there} with your answers."

    @property
    def numbers_title(self) -> str | None:
        """Say "This number can never receive SMS" when there is one (None for none)."""
        count = len(self.unsendable)
        if not count:
            return None
        return (
            "This number can never receive SMS"
            if count == 1
            else (f"These {count} numbers can never receive SMS")
        )

    @property
    def keep_label(self) -> str:
        """The words of the box that keeps the numbers that can never receive SMS."""
        return KEEP_NUMBERS[0] if len(self.unsendable) == 1 else KEEP_NUMBERS[1]

    @property
    def numbers_error(self) -> str | None:
        """What to do about numbers that can never receive SMS, until they are kept."""
        if not self.unsendable or self.numbers_kept:
            return None
        which = "the number" if len(self.unsendable) == 1 else "the numbers"
        return f"Change or remove {which} that can never receive SMS, or tick “{self.keep_label}”."

    @property
    def errors(self) -> tuple[str, ...]:
        """Everything to fix before the report can go, in the order of the questions."""
        found = tuple(field.error for field in self.fields if field.error)
        return found + ((self.numbers_error,) if self.numbers_error else ())


def build_report(
    kind: str,
    answers: Mapping[str, object],
    default_region: str = "GB",
    spec: Spec | None = None,
) -> Report:
    """Check the answers to a report kind's questions and write the report.

    `answers` maps question ids to answers: text for text, phone, datetime and choice
    questions (a choice by value or label), a list of step ids for steps, and text (one
    "Name, number" a line) or a list of lines for phone lists. Three more keys:

    - ``"timezone"``: the reader's zone, as the browser sends it (`Zone.from_plain`);
    - ``"now"``: the reader's time, ISO 8601 (default: this computer's clock), which
      "yesterday 2pm" counts from;
    - ``"keep_numbers"``: the numbers, as written, that the reader keeps although they
      can never receive SMS.

    Raises ValueError, in plain words, for an unknown kind or region or a wrong zone or time.
    """
    spec = spec or load_spec()
    report_kind = spec.kind(kind)
    region = normalise_region(default_region)
    if not isinstance(answers, Mapping):
        msg = "The answers must be an object mapping question ids to answers."
        raise ValueError(msg)
    zone = Zone.from_plain(answers["timezone"]) if answers.get("timezone") else None
    now = _now(answers.get("now"), zone)
    cleaner = _Cleaner()
    reader = _Reader(spec, region, zone, now)
    fields = tuple(
        reader.answer(field, cleaner.clean(answers.get(field.id))) for field in report_kind.fields
    )
    unsendable = tuple(
        UnsendableNumber(field.id, entry.number, warning, entry.line)
        for field in fields
        for entry in field.phones
        if (warning := entry.warning)
    )
    kept = _kept(answers.get("keep_numbers"))
    numbers_kept = all(n.number.strip() in kept for n in unsendable)
    channel = spec.channel(report_kind.channel)
    summary = _summary(report_kind, fields)
    return Report(
        kind=report_kind.id,
        title=report_kind.title,
        channel=channel,
        fields=fields,
        summary=summary,
        unsendable=unsendable,
        numbers_kept=numbers_kept,
        text=_render(summary, channel, fields, unsendable if numbers_kept else ()),
        cleaned=cleaning_note(cleaner.removed, cleaner.replaced),
    )


def _now(value: object, zone: Zone | None) -> datetime:
    """Return the reader's current time, aware, in their zone's offset when it is known."""
    if value is None or value == "":
        moment = datetime.now(UTC)
        offset = zone.offset_at(moment) if zone else None
        return moment.astimezone(UTC if offset is None else _fixed(offset))
    try:
        found = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        found = None
    if found is None:
        msg = "“now” must be a date and time in ISO 8601, such as 2026-11-28T15:00:00+00:00."
        raise ValueError(msg)
    if found.tzinfo is None:
        offset = zone.offset_of(found) if zone else None
        found = found.replace(tzinfo=UTC if offset is None else _fixed(offset))
    return found


def _fixed(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


def _kept(value: object) -> frozenset[str]:
    if isinstance(value, (list, tuple)):
        return frozenset(item.strip() for item in value if isinstance(item, str))
    return frozenset()


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


class _Reader:
    """Reads each answer as its question's type asks, and words what is wrong with it."""

    def __init__(self, spec: Spec, region: str, zone: Zone | None, now: datetime) -> None:
        self.spec = spec
        self.region = region
        self.zone = zone
        self.now = now

    def answer(self, field: Field, value: object) -> ReportField:
        blank = ReportField(
            field.id, field.label, field.type, field.required, False, "", (), None, (), None
        )
        if value is None or (isinstance(value, (str, list, tuple)) and not _has_text(value)):
            return dataclasses.replace(blank, error=field.instruction) if field.required else blank
        size = _size(value)
        if size > MAX_ANSWER_CHARACTERS:
            refusal = MAX_ANSWER_CHARACTERS.refuse(size)
            error = f"{field.instruction} in fewer words. {refusal}"
            return dataclasses.replace(blank, error=error)
        if field.type in _LISTED_TYPES:
            read = self._phone_list if field.type == "phone_list" else self._steps
            return read(blank, field, value)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return _answered(blank, error=f"{field.instruction}: write it as text.")
        return self._text(blank, field, str(value).strip())

    def _text(self, blank: ReportField, field: Field, text: str) -> ReportField:
        if field.type == "datetime":
            return self._datetime(blank, field, text)
        if field.type == "choice":
            return _choice(blank, field, text)
        if field.type == "phone":
            return self._phone(blank, field, text)
        return _answered(blank, value=text, lines=tuple(text.splitlines()))

    def _datetime(self, blank: ReportField, field: Field, text: str) -> ReportField:
        try:
            reading = read_date(text, self.zone, self.now)
        except ValueError as error:
            problem = f"{error} {field.instruction}, for example {EXAMPLES}."
            return _answered(blank, value=text, error=problem)
        return _answered(blank, value=reading.text, iso=reading.iso)

    def _phone(self, blank: ReportField, field: Field, text: str) -> ReportField:
        if not _FIRST_DIGIT.search(text):
            problem = f"“{text[:60]}” is not a phone number. {field.instruction}."
            return _answered(blank, value=text, error=problem)
        entry = PhoneEntry(text, check_number(text, self.region))
        return _answered(blank, value=entry.line, lines=(entry.line,), phones=(entry,))

    def _phone_list(self, blank: ReportField, field: Field, value: object) -> ReportField:
        lines = _lines_of(value)
        if lines is None:
            return _answered(blank, error=f"{field.instruction}: one name and number a line.")
        entries = []
        for line in lines:
            name, number = split_name_and_number(line)
            if not number:
                problem = (
                    f"“{line[:60]}” has no phone number. {field.instruction}: the name, "
                    "a comma, then the number."
                )
                return _answered(blank, value="; ".join(lines), error=problem)
            entries.append(PhoneEntry(number, check_number(number, self.region), name))
        rendered = tuple(entry.line for entry in entries)
        return _answered(blank, value="; ".join(rendered), lines=rendered, phones=tuple(entries))

    def _steps(self, blank: ReportField, field: Field, value: object) -> ReportField:
        ids = value.split(",") if isinstance(value, str) else _lines_of(value)
        if ids is None:
            return _answered(blank, error=f"{field.instruction}: give a list of step ids.")
        ids = [step_id.strip() for step_id in ids]
        unknown = [step_id for step_id in ids if step_id and self.spec.step_label(step_id) is None]
        if unknown:
            valid = ", ".join(step.id for step in self.spec.steps)
            problem = f"There is no step {unknown[0][:40]!r}. {field.instruction}: {valid}."
            return _answered(blank, error=problem)
        labels = tuple(step.label for step in self.spec.steps if step.id in ids)
        return _answered(blank, value="; ".join(labels), lines=labels)


def _size(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(_size(item) for item in value)
    return 0


def _has_text(value: str | list[object] | tuple[object, ...]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return any(not isinstance(item, str) or item.strip() for item in value)


def _answered(
    blank: ReportField,
    *,
    value: str = "",
    lines: tuple[str, ...] = (),
    iso: str | None = None,
    phones: tuple[PhoneEntry, ...] = (),
    error: str | None = None,
) -> ReportField:
    warnings = tuple(warning for entry in phones if (warning := entry.warning))
    return dataclasses.replace(
        blank, answered=True, value=value, lines=lines, iso=iso, phones=phones, error=error,
        warnings=warnings,
    )  # fmt: skip


def _lines_of(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    return None


def _choice(blank: ReportField, field: Field, text: str) -> ReportField:
    for option in field.options:
        if text.casefold() in (option.value.casefold(), option.label.casefold()):
            return _answered(blank, value=option.label)
    labels = " or ".join(f"“{option.label}”" for option in field.options)
    problem = f"“{text[:60]}” is not one of the choices. {field.instruction}: {labels}."
    return _answered(blank, value=text, error=problem)


def split_name_and_number(line: str) -> tuple[str, str]:
    """Split "Name, number" (or "Name number", or just "number") into (name, number)."""
    if "," in line:
        name, _, number = line.rpartition(",")
        return name.strip(), number.strip()
    first_digit = _FIRST_DIGIT.search(line)
    if first_digit is None:
        return line.strip(), ""
    return line[: first_digit.start()].strip(" \t:-"), line[first_digit.start() :].strip()


def _summary(kind: Kind, fields: tuple[ReportField, ...]) -> str:
    """Write the first line: the kind's title, then the answers its `summary` names."""
    answers = {field.id: field for field in fields}
    questions = {question.id: question for question in kind.fields}
    parts = []
    for field_id in kind.summary:
        field, question = answers[field_id], questions[field_id]
        if field.answered and not field.error:
            answer = field.lines[0] if field.lines else field.value
            chosen = next((o for o in question.options if o.label == answer), None)
            if chosen:
                answer = chosen.short or _lower_first(answer)
            parts.append(question.short.format(answer))
    return f"{kind.title}: {'; '.join(parts)}" if parts else kind.title


def _lower_first(text: str) -> str:
    """Return "Only specific numbers" as "only specific numbers" (but "SMS …" as it is)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _render(
    summary: str,
    channel: Channel,
    fields: tuple[ReportField, ...],
    kept: tuple[UnsendableNumber, ...],
) -> str:
    out = [summary, f"To: {channel.name}", ""]
    for field in fields:
        if not field.answered or field.error:
            continue
        out.append(field.label)
        out.extend(f"  - {line}" if field.listed else f"  {line}".rstrip() for line in field.shown)
        out.append("")
    if kept:
        these = "this number" if len(kept) == 1 else "these numbers"
        them = "it" if len(kept) == 1 else "them"
        out += [
            "Numbers that cannot receive SMS",
            f"  I know {these} cannot receive SMS and kept {them} in this report on purpose:",
            *(f"  - {number.line}" for number in kept),
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


__all__ = [
    "KEEP_NUMBERS",
    "NOT_PROVIDED",
    "PhoneEntry",
    "Report",
    "ReportField",
    "UnsendableNumber",
    "build_report",
    "split_name_and_number",
]
