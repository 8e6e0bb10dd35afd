"""Make phonenumbers' own matching code faster, without changing any answer it gives.

`install()` changes two names that ``phonenumbers.phonenumberutil`` (where parsing,
validation and formatting live) looks up each time it runs; nothing else is touched, and
``phonenumbers.normalize_digits_only`` and ``re`` stay as they were for everyone else.
It is installed once, when the number check (``checkers._internal.numbers``) is imported;
`uninstall()` undoes it (for tests that compare the two).

- ``re``: phonenumbers keeps its metadata's regular expressions as strings and calls
  ``re.compile(pattern)`` each time it matches one. Python's `re` remembers only its last
  512 patterns and the metadata holds about 2,100, so a list with numbers from many regions
  had most of them compiled again on every row (179 µs a row instead of 21 µs). The module
  it sees instead is `re` in every name but ``compile``, which is `compile_pattern`: it
  remembers up to `MAX_PATTERNS` compiled patterns. A pattern compiled twice is the same.
- ``normalize_digits_only``: phonenumbers turns typed digits into ASCII ones one character
  at a time (twice per national number). `normalize_digits_only` does the same to ASCII
  text at once (the only ASCII characters with a digit value are 0 to 9) and hands any
  other text to phonenumbers' own function.
"""

from __future__ import annotations

import functools
import re
import types
from typing import TypeVar

from phonenumbers import phonenumberutil

MAX_PATTERNS = 4096
"""How many compiled patterns are kept: more than phonenumbers' metadata holds (2,095
distinct ones in 9.0.42, see the tests), so none is compiled twice, and a bound, so
memory stays flat whatever the input."""

compile_pattern = functools.lru_cache(maxsize=MAX_PATTERNS)(re.compile)
"""`re.compile`, remembering what it compiled."""

_T = TypeVar("_T")
OWN = "phonenumbers_own"
"""The attribute each speed-up keeps phonenumbers' own object under, so `checkers` imported
again in the same process (``mkdocs serve`` reloads it after an edit) finds phonenumbers'
names, not the speed-ups of its first import."""


def _own(value: _T) -> _T:
    """Return phonenumbers' object behind `value` (maybe an earlier import's speed-up)."""
    own: _T = getattr(value, OWN, value)
    return own


_PHONENUMBERS_NORMALIZE = _own(phonenumberutil.normalize_digits_only)
_ASCII_NON_DIGITS = re.compile("[^0-9]+")


def normalize_digits_only(number: str, keep_non_digits: bool = False) -> str:
    """Return ``phonenumbers.normalize_digits_only(number, keep_non_digits)``, quicker."""
    if not number.isascii():
        return _PHONENUMBERS_NORMALIZE(number, keep_non_digits)
    if keep_non_digits or number.isdigit():
        return number
    return _ASCII_NON_DIGITS.sub("", number)


setattr(normalize_digits_only, OWN, _PHONENUMBERS_NORMALIZE)


def _caching_re() -> types.ModuleType:
    module = types.ModuleType(re.__name__, re.__doc__)
    vars(module).update(vars(re))
    module.compile = compile_pattern  # type: ignore[attr-defined]
    setattr(module, OWN, re)
    return module


CACHING_RE = _caching_re()
"""The `re` phonenumbers sees once installed: `re` with `compile_pattern` as ``compile``."""

_SPEEDUPS = {
    "re": (re, CACHING_RE),
    "normalize_digits_only": (_PHONENUMBERS_NORMALIZE, normalize_digits_only),
}
"""Each name changed in ``phonenumbers.phonenumberutil``: (what phonenumbers has, ours)."""


def install() -> None:
    """Put the speed-ups in place (idempotent).

    Raises RuntimeError if phonenumbers no longer has these names where this module expects
    them, so a phonenumbers release that moves its code fails loudly rather than slowly.
    """
    names = vars(phonenumberutil)
    for name, (theirs, _ours) in _SPEEDUPS.items():
        if _own(names.get(name)) is not theirs:
            msg = (
                f"phonenumbers.phonenumberutil.{name} is not what checkers expects: "
                "checkers/_internal/phonenumbers_speedups.py needs updating for this "
                "phonenumbers version."
            )
            raise RuntimeError(msg)
    for name, (_theirs, ours) in _SPEEDUPS.items():
        names[name] = ours


def uninstall() -> None:
    """Give phonenumbers its own names back."""
    names = vars(phonenumberutil)
    for name, (theirs, _ours) in _SPEEDUPS.items():
        names[name] = theirs


def installed() -> bool:
    """Tell whether the speed-ups are in place."""
    names = vars(phonenumberutil)
    return all(names.get(name) is ours for name, (_theirs, ours) in _SPEEDUPS.items())
