"""The reader's time zone as a table: its name and its UTC offsets over a span of years.

Pyodide 314.0.7 has the `zoneinfo` module but no time zone database (measured:
``ZoneInfo("Europe/London")`` raises ZoneInfoNotFoundError until Pyodide's 350 KB tzdata
wheel is loaded), while the browser knows its own zone exactly. So the browser sends the
table (docs/javascripts/report-builder.js `zoneTable`): the offset at the start of the
span and every change after it, found to the second. The command line makes the same
table from CPython's zoneinfo (`checkers._internal.local_zone`), with the same steps.

The span is `ZONE_DAYS_BACK` days before today (UTC) to `ZONE_DAYS_AHEAD` after it: a date
in it gets its own offset, summer time or not; a date outside it keeps only the zone name.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from checkers._internal.plain import PlainData

ZONE_DAYS_BACK = 3653
"""How far back the table reaches: ten years, far beyond any date a report asks for."""
ZONE_DAYS_AHEAD = 2
DAY_SECONDS = 86_400
MAX_ZONE_CHANGES = 200
"""More changes than this in ten years is not a real zone (London has 20)."""
_MAX_OFFSET_MINUTES = 18 * 60
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*")
_BAD_ZONE = "The browser's time zone could not be read"


def span(now: datetime) -> tuple[int, int]:
    """Return the first and last UTC second of a table made at `now` (whole UTC days)."""
    today = int(now.timestamp()) // DAY_SECONDS * DAY_SECONDS
    return today - ZONE_DAYS_BACK * DAY_SECONDS, today + ZONE_DAYS_AHEAD * DAY_SECONDS


def offset_text(minutes: int) -> str:
    """Return 60 as "UTC+01:00", -330 as "UTC-05:30"."""
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


@dataclass(frozen=True)
class Zone(PlainData):
    """A time zone: its IANA name and its offsets from `offsets[0]`'s second to `until`."""

    name: str
    """Such as ``Europe/London``; empty when the browser does not say."""
    offsets: tuple[tuple[int, int], ...] = ()
    """(UTC second, minutes east of UTC from that second on), in time order."""
    until: int = 0
    """The last UTC second the table speaks for."""

    @classmethod
    def from_plain(cls, data: object) -> Zone:
        """Read a zone as the browser sends it: ``{"name", "offsets", "until"}``, or a name.

        Raises ValueError, in plain words, for anything else.
        """
        if isinstance(data, Zone):
            return data
        if isinstance(data, str):
            return cls(_name(data))
        if not isinstance(data, Mapping):
            raise ValueError(f"{_BAD_ZONE}: it must be a name or a table of offsets.")
        offsets = data.get("offsets", [])
        until = data.get("until", 0)
        if not isinstance(offsets, list) or not 0 < len(offsets) <= MAX_ZONE_CHANGES + 1:
            raise ValueError(f"{_BAD_ZONE}: its offsets must be a list of [second, minutes].")
        pairs = tuple(_pair(item) for item in offsets)
        if not _is_int(until) or any(a[0] >= b[0] for a, b in itertools.pairwise(pairs)):
            raise ValueError(f"{_BAD_ZONE}: its offsets must be in time order.")
        if until < pairs[-1][0]:
            raise ValueError(f"{_BAD_ZONE}: it ends before its last offset.")
        return cls(_name(data.get("name", "")), pairs, until)

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [second for second, _ in self.offsets]

    @functools.cached_property
    def _wall_changes(self) -> list[int]:
        """Each change as a local time read as UTC, at the later of its two wall clocks.

        A local time in the hour a change skips, or in the hour it repeats, then takes the
        offset from before the change: what zoneinfo does with fold=0.
        """
        return [
            second + 60 * max(before, after)
            for (_, before), (second, after) in itertools.pairwise(self.offsets)
        ]

    def offset_at(self, instant: datetime) -> int | None:
        """Minutes east of UTC at the aware `instant`, or None outside the table."""
        second = int(instant.timestamp())
        if not self.offsets or not self._starts[0] <= second <= self.until:
            return None
        return self.offsets[bisect.bisect_right(self._starts, second) - 1][1]

    def offset_of(self, wall: datetime) -> int | None:
        """Minutes east of UTC of the local time `wall` (naive), or None outside the table."""
        if not self.offsets:
            return None
        local = int(wall.replace(tzinfo=UTC).timestamp())
        minutes = self.offsets[bisect.bisect_right(self._wall_changes, local)][1]
        second = local - 60 * minutes
        return minutes if self._starts[0] <= second <= self.until else None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _pair(item: object) -> tuple[int, int]:
    if (
        isinstance(item, list)
        and len(item) == 2
        and all(_is_int(part) for part in item)
        and abs(item[1]) <= _MAX_OFFSET_MINUTES
    ):
        return item[0], item[1]
    raise ValueError(f"{_BAD_ZONE}: each offset must be [second, minutes east of UTC].")


def _name(value: object) -> str:
    if not isinstance(value, str) or (value and not _NAME.fullmatch(value)) or len(value) > 64:
        raise ValueError(f"{_BAD_ZONE}: its name must be like Europe/London.")
    return value


__all__ = ["ZONE_DAYS_AHEAD", "ZONE_DAYS_BACK", "Zone", "offset_text", "span"]
