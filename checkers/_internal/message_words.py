"""Every sentence a reader sees about a message check, worded once for the CLI and the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from checkers._internal.gsm7 import CAPACITY, GSM7, UCS2
from checkers._internal.limits import count

MESSAGE_VERDICT_CODES = ("empty", "ready", "long", "unicode_fixable", "unicode")
"""Every message verdict code: a stable contract for widgets and scripts."""
EMPTY_VERDICT = "The message is empty: type or paste the text you will send."
_LISTED = 5
_SPELLED = {" ": "a space", "\n": "a line break"}


class Found(Protocol):
    """What the wording needs to know about one character that forces Unicode."""

    @property
    def char(self) -> str:
        """The character (a grapheme cluster)."""

    @property
    def shown(self) -> str:
        """How a sentence shows the character: itself, or its name if it is invisible."""

    @property
    def count(self) -> int:
        """How often it appears."""

    @property
    def units(self) -> int:
        """How many code units each occurrence takes."""

    @property
    def replacement(self) -> str | None:
        """Its GSM-7 replacement ("" to remove it), or None."""

    @property
    def is_letter(self) -> bool:
        """Whether it is a letter (of an alphabet GSM-7 does not have, when unreplaced)."""


@dataclass(frozen=True)
class Wording:
    """The verdict and the short lines a widget shows under the text.

    `verdict_code` is one of `MESSAGE_VERDICT_CODES` (for code and tests), `verdict` says what
    to do in one or two sentences, `counts` gives characters, parts and encoding in one line,
    and `notes` anything else worth knowing.
    """

    verdict_code: str
    verdict: str
    counts: str
    notes: tuple[str, ...]


def word_check(
    *,
    encoding: str,
    segments: int,
    units: int,
    units_left: int,
    characters: int,
    found: Sequence[Found],
    plain_segments: int,
    extension_chars: str,
    crlf: bool,
) -> Wording:
    """Word a check of a non-empty message.

    `plain_segments` is how many parts the message takes once every character in `found` is
    replaced or removed; `extension_chars` lists the GSM-7 extension characters it uses.
    """
    counts = _counts(encoding, segments, units, units_left)
    notes = _notes(encoding, found, extension_chars, crlf)
    if encoding == GSM7:
        if segments == 1:
            return Wording("ready", "Plain GSM-7 text: it goes as 1 part.", counts, notes)
        verdict = (
            f"Plain GSM-7 text, but longer than {CAPACITY[GSM7][0]} characters: it goes as "
            f"{segments} parts of up to {CAPACITY[GSM7][1]} characters, each counted and billed."
        )
        return Wording("long", verdict, counts, notes)
    stuck = [item for item in found if item.replacement is None]
    code = "unicode" if stuck else "unicode_fixable"
    if sum(item.count for item in stuck if item.is_letter) * 2 > characters:
        return Wording(code, _foreign_script(stuck, segments), counts, notes)
    verdict = f"{_cause(found, segments, plain_segments)} {_fix(found, segments, plain_segments)}"
    return Wording(code, verdict, counts, notes)


def empty_wording() -> Wording:
    """Word the check of an empty message."""
    return Wording("empty", EMPTY_VERDICT, f"0 of {CAPACITY[GSM7][0]} characters", ())


def part_label(number: int, total: int, units: int) -> str:
    """Label one part of the message as the page shows it: ``Part 2 of 3: 153 characters``."""
    size = count(units, "character")
    return f"1 part: {size}" if total == 1 else f"Part {number} of {total}: {size}"


def highlight_hint(replacement: str | None, name: str | None = None) -> str:
    """Say what to do with characters marked in the text: ``replace with '``, ``remove``.

    `replacement` is their GSM-7 replacement ("" to remove them, None if there is none);
    `name` names characters that show nothing (``tab: replace with a space``).
    """
    if replacement is None:
        action = "no GSM-7 equivalent"
    elif replacement == "":
        action = "remove"
    else:
        action = f"replace with {_spelled(replacement)}"
    return f"{name}: {action}" if name else action


def _counts(encoding: str, segments: int, units: int, units_left: int) -> str:
    single, multi = CAPACITY[encoding]
    unicode = "" if encoding == GSM7 else " (Unicode)"
    if segments == 1:
        return f"{units} of {single} characters, 1 part{unicode}"
    return (
        f"{units} characters, {segments} parts of up to {multi}{unicode}: "
        f"{units_left} left in the last part"
    )


def _notes(
    encoding: str, found: Sequence[Found], extension_chars: str, crlf: bool
) -> tuple[str, ...]:
    notes = []
    if extension_chars:
        shown = [("form feed" if char == "\f" else char) for char in extension_chars]
        each, them = (
            ("counts as 2 characters", "it")
            if len(shown) == 1
            else ("count as 2 characters each", "them")
        )
        listed = _join(shown, listed=len(shown))
        notes.append(f"{listed} {each}: GSM-7 sends {them} with an escape code.")
    wide = [item for item in found if item.units > 1]
    if encoding != GSM7 and wide:
        examples = ", ".join(f"{item.shown} as {item.units}" for item in wide[:3])
        notes.append(f"Some characters count as more than one: {examples}.")
    if crlf:
        notes.append("The line breaks are CR LF pairs: each counts as 2 characters.")
    return tuple(notes)


def _cause(found: Sequence[Found], segments: int, plain_segments: int) -> str:
    listed = _shown(found)
    if len(found) == 1:
        subject = f"One character ({listed}) makes"
    else:
        subject = f"{len(found)} characters ({listed}) make"
    if 0 < plain_segments < segments:
        cost = f"{_parts(segments)} instead of {plain_segments}"
    else:
        index = 0 if segments == 1 else 1
        cost = f"up to {CAPACITY[UCS2][index]} characters a part instead of {CAPACITY[GSM7][index]}"
    return f"{subject} this a Unicode message: {cost}."


def _fix(found: Sequence[Found], segments: int, plain_segments: int) -> str:
    stuck = [item for item in found if item.replacement is None]
    replaceable = [item for item in found if item.replacement is not None]
    one = len(stuck) == 1
    has, it = ("has", "it") if one else ("have", "them")
    if plain_segments == 0:
        return f"Without {'it' if len(found) == 1 else 'them'} there is nothing left to send."
    if plain_segments < segments:
        outcome = f"to send {_parts(plain_segments)}"
    else:
        outcome = f"to send it as plain GSM-7 text ({_parts(plain_segments)})"
    if not stuck:
        return f"{_replace_phrase(replaceable, len(found))} {outcome}."
    if not replaceable:
        return f"{'It' if one else 'They'} {has} no GSM-7 equivalent: remove {it} {outcome}."
    return (
        f"{_replace_phrase(replaceable, len(found))}; {_shown(stuck)} "
        f"{has} no GSM-7 equivalent: remove {it} too {outcome}."
    )


def _replace_phrase(replaceable: Sequence[Found], found: int) -> str:
    if found == 1:
        replacement = replaceable[0].replacement
        return "Remove it" if replacement == "" else f"Replace it with {_spelled(replacement)}"
    if len(replaceable) > _LISTED - 1:
        return f"Replace those {len(replaceable)} with their GSM-7 equivalents"
    swaps = [
        f"{_named(item)} with {_spelled(item.replacement)}"
        for item in replaceable
        if item.replacement
    ]
    removals = [_named(item) for item in replaceable if item.replacement == ""]
    phrases = []
    if swaps:
        phrases.append(f"Replace {_join(swaps)}")
    if removals:
        phrases.append(f"{'remove' if swaps else 'Remove'} {_join(removals)}")
    return " and ".join(phrases)


def _named(item: Found) -> str:
    """Name the character as a sentence's object: itself, or ``the tab`` for one shown by name."""
    return item.shown if item.shown == item.char else f"the {item.shown}"


def _foreign_script(stuck: Sequence[Found], segments: int) -> str:
    examples = _shown(stuck[:3], listed=3)
    capacity = CAPACITY[UCS2][0 if segments == 1 else 1]
    return (
        f"This message uses letters GSM-7 does not have (such as {examples}), so it goes as "
        f"Unicode: {_parts(segments)} of up to {capacity} characters."
    )


def _spelled(replacement: str | None) -> str:
    return _SPELLED.get(replacement or "", replacement or "")


def _parts(count: int) -> str:
    return f"{count} part" if count == 1 else f"{count} parts"


def _shown(found: Sequence[Found], listed: int = _LISTED) -> str:
    """List how the characters are shown, naming the first few only."""
    return _join([item.shown for item in found[: listed + 1]], len(found), listed)


def _join(items: Sequence[str], total: int | None = None, listed: int = _LISTED) -> str:
    total = len(items) if total is None else total
    if total > listed:
        return f"{', '.join(items[:listed])} and {total - listed} more"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
