"""Read dates and times as people type them and write them so no one can misread them.

Accepted: ISO 8601 (``2026-11-28``, ``2026-11-28T14:05``, ``2026-11-28 14:05:00+00:00``),
UK day-first numbers (``28/11/2026 14:05``, ``28-11-26``, ``28.11.2026``) and month names
(``28 Nov 2026 2:05pm``, ``Saturday 28th November 2026 at 14:05``, ``Nov 28, 2026``).
``03/04/2026`` is 3 April: the day always comes first. A time zone may follow the time
(``Z``, ``UTC``, ``GMT``, ``BST``, ``+01:00``) or come from the browser (see `read_date`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from checkers._internal.plain import PlainData

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
_MONTH = r"(?P<month_name>" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?=$|[t\s])"),
    re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4}|\d{2})(?!\d)"),
    re.compile(_DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(_MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})"),
)
_WEEKDAY = re.compile(r"^(?:" + "|".join(day[:3].lower() for day in WEEKDAYS) + r")[a-z]*\.?,?\s+")
_TAIL = re.compile(
    r"\s*(?:,|t|at)?\s*"
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<ampm>[ap])?\.?(?:m\.?)?)?"
    r"\s*(?P<zone>z|utc|gmt|bst|[+-]\d{2}:?\d{2})?\s*",
)
_ZONE_OFFSETS = {"z": "+00:00", "utc": "+00:00", "gmt": "+00:00", "bst": "+01:00"}
_BROWSER_ZONE = re.compile(
    r"\s*(?P<offset>[+-]\d{2}:?\d{2}|z)?\s*\(?\s*(?P<name>[A-Za-z][\w+\-]*(?:/[\w+\-]+)*)?\s*\)?\s*",
    re.IGNORECASE,
)
_EXAMPLE = "Write it as day/month/year and time, for example 28/11/2026 14:05."


@dataclass(frozen=True)
class DateReading(PlainData):
    """A date read from text: `iso` for machines, `text` for people."""

    iso: str
    text: str


def read_date(raw: str, timezone: str | None = None) -> DateReading:
    """Read a typed date or date and time; raise ValueError with a plain message if unreadable.

    `timezone` is what the browser knows, such as ``"Europe/London"``, ``"+01:00"`` or
    ``"+00:00 (Europe/London)"``; it is kept in the output. An offset typed in `raw` wins.
    """
    text = " ".join(raw.split()).casefold()
    text = _WEEKDAY.sub("", text)
    for form in _DATE_FORMS:
        date_match = form.match(text)
        if date_match:
            break
    else:
        msg = f"“{raw.strip()[:60]}” is not a date we can read. {_EXAMPLE}"
        raise ValueError(msg)
    tail = _TAIL.fullmatch(text[date_match.end() :])
    if tail is None or (tail["hour"] and not (tail["minute"] or tail["ampm"])):
        msg = f"The time in “{raw.strip()[:60]}” cannot be read. {_EXAMPLE}"
        raise ValueError(msg)
    moment = _moment(raw, date_match, tail)
    has_time = tail["hour"] is not None
    offset, zone_name = _zone(tail["zone"], timezone)
    return DateReading(
        iso=_iso(moment, has_time, offset),
        text=_text(moment, has_time, offset, zone_name),
    )


def _moment(raw: str, date_match: re.Match[str], tail: re.Match[str]) -> datetime:
    parts = date_match.groupdict()
    year = int(parts["year"])
    year += 2000 if year < 100 else 0
    month = _MONTH_NUMBERS[parts["month_name"]] if parts.get("month_name") else int(parts["month"])
    hour = int(tail["hour"] or 0)
    if tail["ampm"]:
        if not 1 <= hour <= 12:
            msg = f"“{raw.strip()[:60]}” has a 12-hour time with an hour of {hour}. {_EXAMPLE}"
            raise ValueError(msg)
        hour = hour % 12 + (12 if tail["ampm"] == "p" else 0)
    try:
        minute, second = int(tail["minute"] or 0), int(tail["second"] or 0)
        # naive on purpose: the zone is kept as text, never converted
        return datetime(year, month, int(parts["day"]), hour, minute, second)
    except ValueError:
        hint = " The day comes first: 28/11/2026." if month > 12 else ""
        msg = f"“{raw.strip()[:60]}” is not a real date or time.{hint} {_EXAMPLE}"
        raise ValueError(msg) from None


def _zone(typed: str | None, browser: str | None) -> tuple[str | None, str | None]:
    offset = name = None
    if browser:
        match = _BROWSER_ZONE.fullmatch(browser)
        if match:
            offset, name = match["offset"], match["name"]
            offset = _ZONE_OFFSETS.get(offset.casefold(), offset) if offset else None
    if typed:
        offset = _ZONE_OFFSETS.get(typed, typed)
        if typed in ("utc", "gmt", "bst"):
            name = typed.upper()
    if offset and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:]}"
    return offset, name


def _iso(moment: datetime, has_time: bool, offset: str | None) -> str:
    if not has_time:
        return moment.date().isoformat()
    spec = "seconds" if moment.second else "minutes"
    return moment.isoformat(timespec=spec) + (offset or "")


def _text(moment: datetime, has_time: bool, offset: str | None, zone_name: str | None) -> str:
    day = f"{WEEKDAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if not has_time:
        return day
    clock = f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"
    zone = " ".join(part for part in (offset, f"({zone_name})" if zone_name else None) if part)
    return f"{day}, {clock}" + (f" {zone}" if zone else "")
