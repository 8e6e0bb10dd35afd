"""Split a typed phone number into its parts and name the characters that do not belong.

The "number part" is what is left once a leading ``tel:`` and a trailing extension
(``x5``, ``ext. 5``, ``extension 5``, ``;ext=5``, ``#5``) are taken off.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from checkers._internal.plain import made_quickly

_TEL_PREFIX = re.compile(r"^\s*tel:\s*", re.IGNORECASE)
_EXTENSION = re.compile(
    r"(?:\s*;\s*ext\s*=\s*|[\s,]*(?:extension|extn|ext|x|\#)\.?\s*)(?P<digits>\d{1,10})\s*\#?\s*$",
    re.IGNORECASE,
)
_NON_BREAKING_SPACES = frozenset("\u00a0\u2007\u202f")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_BRACKETS = frozenset("()[]{}\uff08\uff09")
_FULL_WIDTH_DIGITS = frozenset("\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")
_PLAIN_CHARACTERS = frozenset("0123456789+ -().")
"""Characters that cannot start ``tel:``, an extension or a letter: text made of them only is
its own number part."""
_WITHOUT_ASCII_DIGITS = str.maketrans("", "", "0123456789")


@dataclass(frozen=True)
class NumberText:
    """A typed number taken apart: the number part, its extension and what is odd in it."""

    number: str
    extension: str | None
    letters: str
    """The distinct letters in the number part, in the order they first appear."""
    formatting: tuple[str, ...]
    """Plain names of everything in the number part besides one leading + and digits."""


def split_number_text(raw: str) -> NumberText:
    """Take a typed number apart (outer white space is ignored)."""
    text = raw.strip()
    if _PLAIN_CHARACTERS.issuperset(text):  # one a row of an audit: quicker than NumberText()
        formatting = _formatting(text, has_tel_prefix=False)
        return made_quickly(
            NumberText, number=text, extension=None, letters="", formatting=formatting
        )
    tel = _TEL_PREFIX.match(text)
    if tel:
        text = text[tel.end() :]
    extension = None
    match = _EXTENSION.search(text)
    if match and match.start() > 0 and any(ch.isdigit() for ch in text[: match.start()]):
        extension = unicodedata.normalize("NFKC", match.group("digits"))
        text = text[: match.start()]
    number = text.strip()
    return NumberText(
        number=number,
        extension=extension,
        letters="".join(dict.fromkeys(ch for ch in number if ch.isalpha())),
        formatting=_formatting(number, has_tel_prefix=bool(tel)),
    )


def _formatting(number: str, *, has_tel_prefix: bool) -> tuple[str, ...]:
    if number.isascii() and number.lstrip("+").isdigit() and number.count("+") <= 1:
        return ("tel:",) if has_tel_prefix else ()
    bracketed_zero = "(0)" in number
    if bracketed_zero:
        number = number.replace("(0)", "")
    others = number.removeprefix("+").translate(_WITHOUT_ASCII_DIGITS)
    return _formatting_names(others, has_tel_prefix, bracketed_zero)


@functools.lru_cache(maxsize=1024)
def _formatting_names(
    others: str,
    has_tel_prefix: bool,
    bracketed_zero: bool,
) -> tuple[str, ...]:
    """Name what `others` (a number part less its digits and leading +) holds, in order.

    Remembered: numbers written alike, such as ``07400 123456`` and ``07411 654321``, leave
    the same few characters.
    """
    found: dict[str, None] = {"tel:": None} if has_tel_prefix else {}
    if bracketed_zero:
        found["(0)"] = None
    for char in others:
        name = _character_name(char)
        if name:
            found[name] = None
    return tuple(found)


def _character_name(char: str) -> str | None:  # noqa: PLR0911 - one return a kind
    """Name `char` where it is not the first character (a leading + is not formatting)."""
    if char in "0123456789":
        return None
    if char.isalpha():
        return None  # letters are their own problem
    if char in _NON_BREAKING_SPACES:
        return "non-breaking spaces"
    if char.isspace():
        return "spaces"
    if char in _DASHES:
        return "dashes"
    if char == ".":
        return "dots"
    if char in _BRACKETS:
        return "brackets"
    if char in _FULL_WIDTH_DIGITS:
        return "full-width digits"
    if char.isdigit():
        return "digits from another script"
    if unicodedata.category(char) == "Cf":
        return "invisible characters"
    if char in "+\uff0b":
        return "an extra +"
    return f"the character “{char}”"


def marked_characters(raw: str) -> tuple[tuple[str, bool], ...]:
    """Split `raw` into runs of text, each with whether its characters are wrong in a number.

    Wrong: letters and the characters `NumberText.formatting` names (dashes, dots,
    brackets, …) besides spaces, which are shown as they are; a leading + is right.
    """
    runs: list[tuple[str, bool]] = []
    first = len(raw) - len(raw.lstrip())
    for index, char in enumerate(raw):
        if char.isspace() or (char == "+" and index == first):
            wrong = False
        else:
            wrong = char.isalpha() or _character_name(char) is not None
        if runs and runs[-1][1] == wrong:
            runs[-1] = (runs[-1][0] + char, wrong)
        else:
            runs.append((char, wrong))
    return tuple(runs)


def is_blank(raw: str) -> bool:
    """Tell whether `raw` holds nothing but white space and invisible characters."""
    visible = raw.strip()
    if visible and unicodedata.category(visible[0]) != "Cf":
        return False
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in raw)
