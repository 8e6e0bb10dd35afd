"""What the message widget shows: a message check bounded for the page, with its fixes marked.

The page shows the message part by part, with every character GSM-7 cannot carry marked in
place and what to write instead. A reader may paste anything, so what the page builds is
bounded whatever the length: it shows the first `MAX_SHOWN_PARTS` parts (at most 700 UTF-16
units of a Unicode message), and each run of adjacent characters fixed the same way is one
highlight (a character that shows nothing is one of its own, named). The counts, the verdict
and the fixed text cover the whole message; text over `MAX_MESSAGE_CHARACTERS` is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from checkers._internal.graphemes import grapheme_classes, joined_clusters, utf16_prefix
from checkers._internal.gsm7 import is_gsm7
from checkers._internal.limits import MAX_MESSAGE_CHARACTERS, MAX_SHOWN_PARTS, more_not_shown
from checkers._internal.message import MessagePart, check_message, join_surrogate_pairs
from checkers._internal.message_words import highlight_hint, part_label
from checkers._internal.plain import PlainData, to_plain
from checkers._internal.smart_encoding import is_invisible, replacement_for, shown


class MessageError(ValueError):
    """A message the page does not check (too long), in plain words."""


@dataclass(frozen=True)
class Highlight(PlainData):
    """Characters GSM-7 cannot carry, marked where they are: UTF-16 `start` to `end`.

    `replacement` is the GSM-7 text the fixed message has instead ("" if they are removed,
    None if there is no equivalent); `hint` says so in words.
    """

    start: int
    end: int
    replacement: str | None
    hint: str


@dataclass(frozen=True)
class PartPreview(PlainData):
    """One part as the page shows it: its label and the characters to fix in it."""

    label: str
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True)
class _Cluster:
    start: int
    end: int
    text: str
    replacement: str | None

    @property
    def invisible(self) -> bool:
        return is_invisible(self.text)

    @property
    def fix(self) -> str:
        """How it is fixed: replaced, removed, or kept (no equivalent)."""
        if self.replacement is None:
            return "kept"
        return "removed" if self.replacement == "" else "replaced"

    def joins(self, other: _Cluster) -> bool:
        """Whether `other`, right after this one, goes in the same highlight."""
        visible = not (self.invisible or other.invisible)
        return visible and self.end == other.start and self.fix == other.fix


def message_for_page(text: str, max_parts: int = MAX_SHOWN_PARTS) -> dict[str, object]:
    """Check `text` for the page: `check_message`'s result with its first `max_parts` parts.

    The result also has ``parts_unlisted`` and ``parts_note`` (the parts not shown, and the
    sentence saying so) and ``preview``: per part shown, its label and highlights. Raises
    MessageError over `MAX_MESSAGE_CHARACTERS`.
    """
    if len(text) > MAX_MESSAGE_CHARACTERS:
        raise MessageError(MAX_MESSAGE_CHARACTERS.refuse(len(text)))
    text = join_surrogate_pairs(text)
    check = check_message(text)
    shown_parts = check.parts[:max_parts]
    page = dataclasses.replace(check, parts=shown_parts).to_dict()
    page["parts_unlisted"] = len(check.parts) - len(shown_parts)
    page["parts_note"] = more_not_shown(max_parts, len(check.parts), "part")
    page["preview"] = to_plain(
        tuple(
            PartPreview(
                label=part_label(number, check.segments, part.units),
                highlights=() if check.ok else _highlights(text, part),
            )
            for number, part in enumerate(shown_parts, start=1)
        )
    )
    return page


def _highlights(text: str, part: MessagePart) -> tuple[Highlight, ...]:
    """Return the characters to fix in one part (of a Unicode message: at most 70 units)."""
    piece = text[part.start : part.end]
    if is_gsm7(piece):
        return ()
    classes = grapheme_classes(piece)
    utf16 = utf16_prefix(classes)
    runs: list[list[_Cluster]] = []
    for cluster in _non_gsm_clusters(piece, classes):
        if runs and runs[-1][-1].joins(cluster):
            runs[-1].append(cluster)
        else:
            runs.append([cluster])
    return tuple(_highlight(run, part.utf16_start, utf16) for run in runs)


def _non_gsm_clusters(piece: str, classes: str) -> Iterator[_Cluster]:
    joined = dict(joined_clusters(classes))
    index = 0
    while index < len(piece):
        end = joined.get(index, index + 1)
        cluster = piece[index:end]
        if end - index > 1 or not is_gsm7(cluster):
            yield _Cluster(index, end, cluster, replacement_for(cluster))
        index = end


def _highlight(run: list[_Cluster], offset: int, utf16: list[int]) -> Highlight:
    first = run[0]
    replacements = [cluster.replacement for cluster in run]
    replacement = None if None in replacements else "".join(filter(None, replacements))
    name = shown(first.text) if first.invisible else None
    return Highlight(
        start=offset + utf16[first.start],
        end=offset + utf16[run[-1].end],
        replacement=replacement,
        hint=highlight_hint(replacement, name),
    )
