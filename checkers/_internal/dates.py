"""Read dates and times as people write them, and write them so no one can misread them.

Read in the reader's time zone, with "today" from `now`:

- relative: ``today 14:05``, ``yesterday 2pm``, ``Tuesday 9am`` (the latest Tuesday up to
  today), ``last Tuesday 9am`` (the one before, when today is Tuesday), ``now``;
- day first: ``27/11 2pm`` (the latest 27 November up to today), ``27/11/2026 14:05``,
  ``27-11-26``, ``27.11.2026``; ``03/04/2026`` is 3 April;
- month names: ``27 Nov 2026 2:05pm``, ``Friday 27th November at 14:05``, ``Nov 27, 2026``;
- ISO 8601: ``2026-11-27``, ``2026-11-27T14:05`` (what a datetime-local picker gives),
  ``2026-11-27 14:05:30+01:00``, ``2026-11-27T14:05Z``.

The time may come first (``2pm yesterday``) and ends, if at all, with a zone (``Z``,
``UTC``, ``GMT``, ``BST``, ``+01:00``) that wins over the reader's. A weekday written with
a date must be that date's. Every date is written with the offset its own day had in the
reader's zone (`Zone`), summer time or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from checkers._internal.plain import PlainData
from checkers._internal.zones import Zone, offset_text

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EXAMPLES = "27/11/2026 14:05, yesterday 2pm or Tuesday 9am"
"""How the messages show what can be written."""

_MONTH_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
_WEEKDAY_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(WEEKDAYS)},
    **{name[:3].casefold(): number for number, name in enumerate(WEEKDAYS)},
    **{"tues": 1, "weds": 2, "thurs": 3},
}


def _words(names: dict[str, int]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


_MONTH = rf"(?P<month_name>{_words(_MONTH_NUMBERS)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|\d{2})(?![\d:.])"
_WEEKDAY = re.compile(rf"(?P<last>last\s+)?(?P<weekday>{_words(_WEEKDAY_NUMBERS)})\.?,?(?:\s+|$)")
_RELATIVE = re.compile(r"(?P<word>today|yesterday)(?=$|[\s,@])")
_NOW = re.compile(r"(?:just\s+|right\s+)?now")
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?=$|[t\s])"),
    re.compile(
        rf"(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?:(?P=sep){_YEAR})?(?![\d:])"
    ),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
    re.compile(rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"),
)
_TIME = (
    r"(?:(?P<word>noon|midday|midnight)"
    r"|(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<ampm>[ap])?\.?(?:m\.?)?)"
)
_ZONE = r"(?P<zone>z|utc|gmt|bst|[+-]\d{2}:?\d{2})"
_TAIL = re.compile(rf"\s*(?:,|t|at|@)?\s*(?:{_TIME})?\s*{_ZONE}?\s*")
_TIME_FIRST = re.compile(rf"(?:at\s+)?{_TIME}\s*{_ZONE}?,?\s+(?:on\s+)?(?P<rest>.+)")
_ZONE_ONLY = re.compile(rf"\s*,?\s*{_ZONE}?\s*")
_TYPED_ZONES = {
    "z": ("+00:00", ""),
    "utc": ("+00:00", ""),
    "gmt": ("+00:00", "GMT"),
    "bst": ("+01:00", "BST"),
}
_WORD_HOURS = {"noon": 12, "midday": 12, "midnight": 0}
_NEEDS_TODAY = "“{shown}” needs today's date, which this check was not given."


@dataclass(frozen=True)
class DateReading(PlainData):
    """A date read from text: `iso` for machines, `text` for people."""

    iso: str
    text: str


class _UnreadableError(ValueError):
    """Not a date form at all (as opposed to a date that is wrong)."""


def read_date(raw: str, zone: Zone | None = None, now: datetime | None = None) -> DateReading:
    """Read a written date, or date and time; raise ValueError saying what is wrong.

    `zone` is the reader's (its offsets are written with each time); `now` is the reader's
    current time, aware, needed for "today", "Tuesday", "27/11" and to refuse a day after
    today. The messages quote at most 60 characters of `raw`.
    """
    shown = raw.strip()[:60]
    text = " ".join(raw.split()).casefold().rstrip(".")
    today = now.date() if now else None
    try:
        day, clock, typed_zone = _read(text, today, now)
    except _UnreadableError:
        msg = f"“{shown}” is not a date we can read."
        raise ValueError(msg) from None
    except _WrongDateError as error:
        msg = str(error).format(shown=shown)
        raise ValueError(msg) from None
    if today and day > today:
        msg = f"“{shown}” is after today ({_day_text(today)})."
        raise ValueError(msg)
    if clock is None:
        return DateReading(iso=day.isoformat(), text=_day_text(day))
    moment = datetime.combine(day, clock)
    offset, name = _zone_of(moment, typed_zone, zone)
    spec = "seconds" if moment.second else "minutes"
    iso = moment.isoformat(timespec=spec) + (
        f"{offset_text(offset)[3:]}" if offset is not None else ""
    )
    shown_zone = ", ".join(filter(None, [offset_text(offset) if offset is not None else "", name]))
    clock_text = f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"
    return DateReading(
        iso=iso,
        text=f"{_day_text(day)}, {clock_text}" + (f" ({shown_zone})" if shown_zone else ""),
    )


class _WrongDateError(ValueError):
    """A date form with a wrong value; the message has ``{shown}`` for the raw text."""


def _read(
    text: str, today: date | None, now: datetime | None
) -> tuple[date, time | None, str | None]:
    """Return the day, the time (None for a date alone) and the zone typed (or None)."""
    if _NOW.fullmatch(text):
        if now is None:
            raise _WrongDateError(_NEEDS_TODAY)
        return now.date(), now.time().replace(second=0, microsecond=0), None
    first = _TIME_FIRST.fullmatch(text)
    if first and (first["word"] or first["minute"] or first["ampm"]):
        try:
            day, rest = _date(first["rest"], today)
            tail = _ZONE_ONLY.fullmatch(rest)
            if tail is not None:
                return day, _clock(first), first["zone"] or tail["zone"]
        except (_UnreadableError, _WrongDateError):
            pass  # not a time then a date: read it the other way round
    day, rest = _date(text, today)
    tail = _TAIL.fullmatch(rest)
    if tail is None or (tail["hour"] and not (tail["minute"] or tail["ampm"])):
        raise _WrongDateError("The time in “{shown}” cannot be read.")
    has_time = tail["hour"] is not None or tail["word"] is not None
    return day, _clock(tail) if has_time else None, tail["zone"]


def _date(text: str, today: date | None) -> tuple[date, str]:
    """Return the date at the start of `text`, and what follows it."""
    text = text.removeprefix("on ")
    relative = _RELATIVE.match(text)
    if relative:
        if today is None:
            raise _WrongDateError(_NEEDS_TODAY)
        back = 1 if relative["word"] == "yesterday" else 0
        return today - timedelta(days=back), text[relative.end() :]
    weekday = _WEEKDAY.match(text)
    body = text[weekday.end() :] if weekday else text
    for form in _DATE_FORMS:
        found = form.match(body)
        if found and not (found.groupdict().get("sep") == "." and not found["year"]):
            day = _real_date(found, today)
            if weekday and day.weekday() != _WEEKDAY_NUMBERS[weekday["weekday"]]:
                written = WEEKDAYS[_WEEKDAY_NUMBERS[weekday["weekday"]]]
                actual = (
                    f"{day.day} {MONTHS[day.month - 1]} {day.year} is a {WEEKDAYS[day.weekday()]}"
                )
                raise _WrongDateError(f"In “{{shown}}”, {actual}, not a {written}.")
            return day, body[found.end() :]
    if weekday is None:
        raise _UnreadableError
    if today is None:
        raise _WrongDateError(_NEEDS_TODAY)
    back = (today.weekday() - _WEEKDAY_NUMBERS[weekday["weekday"]]) % 7
    return today - timedelta(days=back or (7 if weekday["last"] else 0)), " " + body


def _real_date(found: re.Match[str], today: date | None) -> date:
    parts = found.groupdict()
    month = _MONTH_NUMBERS[parts["month_name"]] if parts.get("month_name") else int(parts["month"])
    day = int(parts["day"])
    if parts.get("year"):
        year = int(parts["year"])
        year += 2000 if year < 100 else 0
    elif today is None:
        raise _WrongDateError("“{shown}” has no year, and this check was not given today's date.")
    else:
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    try:
        return date(year, month, day)
    except ValueError:
        hint = " The day comes first, as in 27/11/2026." if month > 12 else ""
        raise _WrongDateError(f"“{{shown}}” is not a real date.{hint}") from None


def _clock(found: re.Match[str]) -> time:
    if found["word"]:
        return time(_WORD_HOURS[found["word"]])
    hour = int(found["hour"])
    if found["ampm"]:
        if not 1 <= hour <= 12:
            raise _WrongDateError(f"“{{shown}}” has a 12-hour time with an hour of {hour}.")
        hour = hour % 12 + (12 if found["ampm"] == "p" else 0)
    try:
        return time(hour, int(found["minute"] or 0), int(found["second"] or 0))
    except ValueError:
        raise _WrongDateError("“{shown}” is not a real time.") from None


def _zone_of(moment: datetime, typed: str | None, zone: Zone | None) -> tuple[int | None, str]:
    """Return the offset in minutes (None if unknown) and the zone name for `moment`."""
    if typed:
        offset, name = _TYPED_ZONES.get(typed, (typed, ""))
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        return sign * (int(digits[:2]) * 60 + int(digits[2:])), name
    if zone is None:
        return None, ""
    return zone.offset_of(moment), zone.name


def _day_text(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


__all__ = ["EXAMPLES", "MONTHS", "WEEKDAYS", "DateReading", "read_date"]
