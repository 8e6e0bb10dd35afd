"""What the number checker tells a reader, in the order a hurried reader needs it.

`problems` is the complete diagnosis (the CLI and the audit's file keep every code). This is
the presentation: first the answer to "Will a text reach this number?" (`answer`, said in
`headline`), then the fix once (`fix`: the number to store), then only the points that
matter to this number, each said once and without repeating the fix. Formatting advice is
left out when an error makes the number unusable; a missing country code that explains why
the number is not valid is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from checkers._internal.regions import region_label, region_name

if TYPE_CHECKING:
    from checkers._internal.numbers import NumberCheck

_NO = {
    "empty": "No number entered.",
    "letters": "No: a phone number has digits only.",
    "fictional": "No: it is a TV and drama number, which belongs to no one.",
    "landline": "No: it is a landline, and a landline cannot receive texts.",
    "not_mobile": "No: it is not a mobile number.",
}
"""The headline of a number that cannot take a text, by the problem that decides it."""
_NOT_VALID = "No: it is not a valid phone number as stored."
_FORMAT_CODES = frozenset({"formatting_characters", "extension", "missing_plus"})
_STORE = " Store it as "


class NumberWords(NamedTuple):
    """The answer, its headline, the fix (and the words before it) and the points that matter."""

    answer: str
    headline: str
    fix: str | None
    fix_label: str | None
    points: tuple[str, ...]


_STORE_LABEL = "Store it as"
_MEANT_LABEL = "If the letters were meant as digits, store it as"


def number_words(check: NumberCheck) -> NumberWords:
    """Word `check` for a reader (see the module's docstring)."""
    codes = {found.code for found in check.problems}
    if not check.sendable:
        return _cannot(check, codes)
    fix = check.e164 if check.e164 and check.e164 != check.input.strip() else None
    if "may_not_be_mobile" in codes:
        answer, headline = "maybe", "Probably: it is a valid number, but it may not be a mobile."
    elif check.ok or fix is None:
        answer, headline = "yes", "Yes: a text will reach this mobile number."
    else:
        answer, headline = "fix", "Yes, once it is stored correctly."
    label = _STORE_LABEL if fix else None
    return NumberWords(answer, headline, fix, label, _unique(_warning_points(check)))


def _cannot(check: NumberCheck, codes: set[str]) -> NumberWords:
    deciding = next((code for code in _NO if code in codes), None)
    if deciding:
        headline = _NO[deciding]
    elif {"invalid", "missing_country_code"} <= codes:  # read in the chosen country
        headline = f"No: it is not a valid {region_name(check.default_region)} number."
    else:
        headline = _NOT_VALID
    points = []
    if check.elsewhere is not None:
        where = check.elsewhere
        points.append(
            f"This is a valid mobile number in {where.name}: choose {where.name} as the "
            f"country, or store it as {where.e164}."
        )
    for found in check.problems:
        if found.severity == "error":
            points.append(_letters_point(check) if found.code == "letters" else found.message)
        elif found.code == "missing_country_code" and "invalid" in codes and not check.elsewhere:
            points.append(found.message)  # why it is not valid: it was read in another country
    label = _MEANT_LABEL if check.suggested else None
    return NumberWords("no", headline, check.suggested, label, _unique(points))


def _letters_point(check: NumberCheck) -> str:
    """Word the letters problem without its "Store it as …" (the fix says that once)."""
    message = next(found.message for found in check.problems if found.code == "letters")
    return message.split(_STORE, 1)[0] if check.suggested else message


def _warning_points(check: NumberCheck) -> list[str]:
    points = []
    for found in check.problems:
        if found.code == "missing_country_code":
            points.append(
                f"It has no country code, so it is read as a {region_label(check.default_region)} "
                "number."
            )
        elif found.code == "formatting_characters":
            points.append(f"It contains {join_words(check.formatting)}.")
        elif found.code == "extension":
            points.append(
                f"It has an extension ({check.extension}): a text message cannot go to an "
                "extension, so keep the extension in a notes field."
            )
        elif found.code in _FORMAT_CODES:
            points.append(found.message.split(_STORE, 1)[0])
        else:
            points.append(found.message)
    return points


def _unique(points: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(points))


def join_words(items: tuple[str, ...]) -> str:
    """Return ("spaces", "dashes", "dots") as "spaces, dashes and dots"."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
