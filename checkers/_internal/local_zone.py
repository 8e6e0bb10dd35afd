"""The zone table from CPython's time zone database, for the command line and the tests.

CPython only: the browser has no database in Pyodide and sends its own table (see
`checkers._internal.zones`). The steps are the browser's (report-builder.js `zoneTable`):
the offset at each whole UTC day of the span, and each change found to the second by
halving, so both give the same table for the same day.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from checkers._internal.zones import DAY_SECONDS, Zone, span


def zone_named(name: str, now: datetime) -> Zone:
    """Return the table of zone `name` (such as ``Europe/London``) around `now`.

    Raises ValueError naming a valid zone when `name` is not one.
    """
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"Unknown time zone {name!r}: write a name such as Europe/London or America/New_York."
        raise ValueError(msg) from None

    def offset(second: int) -> int:
        delta = datetime.fromtimestamp(second, zone).utcoffset()
        return int(delta.total_seconds() // 60) if delta else 0

    start, until = span(now)
    offsets = [(start, offset(start))]
    second = start
    while second < until:
        step = min(second + DAY_SECONDS, until)
        if offset(step) == offsets[-1][1]:
            second = step
            continue
        low, high = second, step  # the offset changes after low, by high
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if offset(middle) == offsets[-1][1] else (low, middle)
        offsets.append((high, offset(high)))
        second = high
    return Zone(name, tuple(offsets), until)


def system_zone_name() -> str:
    """Return this computer's zone: $TZ, else the one /etc/localtime points to, else UTC."""
    names = available_timezones()
    wanted = os.environ.get("TZ", "").removeprefix(":")
    if wanted in names:
        return wanted
    try:
        target = Path("/etc/localtime").resolve().as_posix()
    except OSError:
        return "UTC"
    found = target.partition("/zoneinfo/")[2]
    return found if found in names else "UTC"


__all__ = ["system_zone_name", "zone_named"]
