"""Every size limit of the checks, in one place, with the plain words that refuse more.

A browser tab holds what it checks several times over (the text, Python's copy, the
result), and a reader pastes or chooses files without knowing their size. Each limit is
far above what the guide's real inputs need, and each carries the message that says what
the limit is and what to do instead: ``MAX_CSV_BYTES.refuse(size)``.
"""

from __future__ import annotations


def megabytes(size: int) -> str:
    """Return 20_000_000 as "20 MB" and 20_000_001 as "20.1 MB" (rounded up, never down)."""
    tenths = -(-size // 100_000)
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"


class Limit(int):
    """A size limit (an int) with the message that refuses what is over it.

    The message is a template: ``{size}`` and ``{limit}`` are counts with thousands grouped,
    ``{size_mb}`` and ``{limit_mb}`` the same in megabytes.
    """

    refusal: str

    def __new__(cls, value: int, refusal: str) -> Limit:
        """Make the limit `value`, refused in the words of `refusal`."""
        limit = super().__new__(cls, value)
        limit.refusal = refusal
        return limit

    def refuse(self, size: int) -> str:
        """Say, in plain words, that `size` is over this limit and what to do."""
        return self.refusal.format(
            size=f"{size:,}", limit=f"{self:,}", size_mb=megabytes(size), limit_mb=megabytes(self)
        )


MAX_CSV_BYTES = Limit(
    20_000_000,
    "This file is {size_mb}; the checker takes files up to {limit_mb} (about 200,000 contacts "
    "with a few columns). Export only the name and mobile columns, or split the export into "
    "smaller files.",
)
"""The largest contacts file the audit takes: 20 MB, about 200,000 contacts."""

MAX_CSV_COLUMNS = Limit(
    2_000,
    "The first line of this file has {size} or more columns; a contacts export has far fewer "
    "(the checker reads up to {limit}). It may not be a CSV export: export the contacts again "
    "as CSV, with the name and mobile columns.",
)
"""Columns in a CSV header: a CRM export has tens; thousands means a broken file."""

MAX_TABLE_CHARACTERS = Limit(
    2_000_000,
    "The table is too large to check here ({size} characters; the limit is {limit}, about "
    "50,000 users). Copy the rows of the affected users only, or check the table in parts.",
)
"""Characters in a pasted SMS Limits table: about 50,000 users."""

MAX_ANSWER_CHARACTERS = Limit(
    10_000,
    "This answer is {size} characters long; an answer can have up to {limit}. Keep the main "
    "points here and attach anything longer to your message to support.",
)
"""Characters in one answer of a report: several pages of text."""

MAX_MESSAGE_CHARACTERS = Limit(
    100_000,
    "This text is {size} characters long; the checker takes messages of up to {limit} "
    "characters, far more than any SMS. Check one message at a time.",
)
"""Characters in a message the widget checks: over 600 SMS parts."""

MAX_TABLE_BYTES = 8_000_000
"""Bytes the CLI reads for an SMS Limits table (the characters above in any encoding)."""

MAX_ANSWERS_BYTES = 1_000_000
"""Bytes of a report's answers file (JSON) the CLI reads."""

MAX_MESSAGE_BYTES = 256 * 1024
"""Bytes the CLI reads for one message: an SMS is at most a few thousand characters."""

MAX_SHOWN_ROWS = 200
"""Rows a result lists for the page (users who cannot send, rows with a problem); the
rest are counted, and the CLI and the corrected file have them all."""


MAX_SHOWN_PARTS = 10
"""Parts of a message the page shows, each with its characters to fix marked in place: at
most 1,530 characters of GSM-7 text or 700 of Unicode, however long the message (the counts,
the verdict and the fixed text cover all of it)."""


def count(number: int, one: str, many: str | None = None) -> str:
    """Return "1 row", "2 rows", "1,234 rows": a count with its noun, thousands grouped."""
    noun = one if number == 1 else (many or f"{one}s")
    return f"{number:,} {noun}"


def more_not_shown(shown: int, total: int, noun: str, plural: str | None = None) -> str | None:
    """Say "Showing the first 200 of 1,234 …" under a list cut at `shown` (None if not cut)."""
    if total <= shown:
        return None
    return f"Showing the first {shown:,} of {count(total, noun, plural)}."
