"""One short verdict per number check, for widgets: a stable code and a plain phrase."""

from __future__ import annotations

from collections.abc import Collection

VERDICTS: tuple[tuple[str, str, str], ...] = (
    # (problem code that decides it, verdict code, verdict), first match wins
    ("empty", "empty", "No number entered"),
    ("letters", "letters", "Contains letters — not a valid number"),
    ("fictional", "fictional", "TV and drama number — not a real number"),
    ("landline", "landline", "Landline — SMS cannot be delivered"),
    ("not_mobile", "not_mobile", "Not a mobile number — SMS cannot be delivered"),
    ("may_not_be_mobile", "may_not_be_mobile", "May not be a mobile — check before sending"),
)
INVALID = ("invalid", "Not a valid number")
READY = ("ready", "Mobile number — ready to send")
FIX_FORMAT = ("fix_format", "Mobile number — store it as {e164}")


def verdict_for(codes: Collection[str], e164: str | None) -> tuple[str, str]:
    """Return (verdict code, verdict) for a check that found problems with these `codes`."""
    for deciding_code, verdict_code, verdict in VERDICTS:
        if deciding_code in codes:
            return verdict_code, verdict
    if e164 is None:
        return INVALID
    if codes:
        return FIX_FORMAT[0], FIX_FORMAT[1].format(e164=e164)
    return READY


def all_verdict_codes() -> tuple[str, ...]:
    """Return every verdict code, for tests and widget styling."""
    return (*(code for _, code, _ in VERDICTS), INVALID[0], READY[0], FIX_FORMAT[0])
