"""Plain GSM-7 replacements for characters that force a Unicode SMS, and how to name them.

The table follows Twilio's Smart Encoding table (sms-segments-calculator's
`SmartEncodingMap.ts`), with these differences: spaces and tabs become one space (Twilio
writes two, and seven for a tab); line and paragraph separators become a line break; every
format character (zero-width, bidirectional marks, soft hyphen, variation selectors) and
control character is removed; combining marks are left out of the table, because
"a" + combining circumflex is better written "â" than "a^". A cluster with no entry is tried
in NFC form (so a decomposed "é" becomes the GSM-7 "é") and in NFKC form (fullwidth letters,
ligatures, "™" becomes "TM").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from checkers._internal.gsm7 import is_gsm7


def _table(groups: Mapping[str, str]) -> dict[str, str]:
    return {char: replacement for chars, replacement in groups.items() for char in chars}


REPLACEMENTS: Mapping[str, str] = MappingProxyType(
    _table(
        {
            "\u00ab\u00bb\u201c\u201d\u02ba\u02ee\u201f\u201e\u275d\u275e\u301d\u301e\uff02"
            "\u2033": '"',
            "\u2018\u2019\u02bb\u02c8\u02bc\u02bd\u02b9\u201b\uff07\u00b4\u02ca\u0060\u02cb"
            "\u275b\u275c\ufe10\ufe11\u2032": "'",
            "\u00f7\u29f8\u2044\u2215\uff0f": "/",
            "\u00bc": "1/4",
            "\u00bd": "1/2",
            "\u00be": "3/4",
            "\u29f9\u29f5\ufe68\uff3c": "\\",
            "\uff3f\u2017": "_",
            "\u2223\uff5c\u23b8\u23b9\u23d0\u239c\u239f": "|",
            "\u23bc\u23bd\u2015\ufe63\uff0d\u2010\u2011\u2012\u2013\u2014\ufe58\u2212\u2043"
            "\u2022": "-",
            "\ufe6b\uff20": "@",
            "\ufe69\uff04": "$",
            "\u01c3\ufe15\ufe57\uff01": "!",
            "\ufe5f\uff03": "#",
            "\ufe6a\uff05": "%",
            "\ufe60\uff06": "&",
            "\u201a\ufe50\ufe51\uff0c\uff64\u3001": ",",
            "\u2768\u276a\ufe59\uff08\u27ee\u2985": "(",
            "\u2769\u276b\ufe5a\uff09\u27ef\u2986": ")",
            "\u204e\u2217\u229b\u2722\u2723\u2724\u2725\u2731\u2732\u2733\u273a\u273b\u273c"
            "\u273d\u2743\u2749\u274a\u274b\u29c6\ufe61\uff0a": "*",
            "\u02d6\ufe62\uff0b": "+",
            "\u3002\ufe52\uff0e\uff61": ".",
            "\u02d0\u02f8\u2982\ua789\ufe13\uff1a": ":",
            "\u204f\ufe14\ufe54\uff1b": ";",
            "\ufe64\uff1c\u2039": "<",
            "\ua78a\ufe66\uff1d": "=",
            "\ufe65\uff1e\u203a": ">",
            "\ufe16\ufe56\uff1f": "?",
            "\u02c6\uff3e": "^",
            "\u2774\ufe5b\uff5b": "{",
            "\u2775\ufe5c\uff5d": "}",
            "\uff3b": "[",
            "\uff3d": "]",
            "\u02dc\u02f7\u223c\uff5e": "~",
            "\u203c": "!!",
            "\u2026": "...",
            "\t": " ",
            "\x0b\x85\u2028\u2029": "\n",
            "\u1d00": "A",
            "\u0299": "B",
            "\u1d04": "C",
            "\u1d05": "D",
            "\u1d07": "E",
            "\ua730": "F",
            "\u0262": "G",
            "\u029c": "H",
            "\u026a": "I",
            "\u1d0a": "J",
            "\u1d0b": "K",
            "\u029f": "L",
            "\u1d0d": "M",
            "\u0274": "N",
            "\u1d0f": "O",
            "\u1d18": "P",
            "\u0280": "R",
            "\ua731": "S",
            "\u1d1b": "T",
            "\u1d1c": "U",
            "\u1d20": "V",
            "\u1d21": "W",
            "\u028f": "Y",
            "\u1d22": "Z",
        },
    ),
)
"""Character to its GSM-7 replacement; characters not listed follow `replacement_for`."""

LABELS: Mapping[str, str] = MappingProxyType(
    {
        "\t": "tab",
        "\x00": "null character",
        "\u00a0": "non-breaking space",
        "\u00ad": "soft hyphen",
        "\u200b": "zero-width space",
        "\u200c": "zero-width non-joiner",
        "\u200d": "zero-width joiner",
        "\u200e": "left-to-right mark",
        "\u200f": "right-to-left mark",
        "\u2060": "word joiner",
        "\u202f": "narrow non-breaking space",
        "\ufe0e": "text style selector",
        "\ufe0f": "emoji style selector",
        "\ufeff": "zero-width no-break space (byte order mark)",
    },
)
"""Plain names for invisible characters, where the Unicode name is not plain enough."""

_BY_CATEGORY = {"Zs": " ", "Zl": "\n", "Zp": "\n", "Cc": "", "Cf": "", "Cs": ""}
_KEEP_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
"""Format characters that are visible signs (Arabic number marks): not removed."""
_NAMED = 6
"""A cluster of more code points is named by its first few."""
_LONGEST_REPLACED = 6
"""A cluster of more code points has no replacement (and is not worth normalising)."""
_INVISIBLE = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Cn", "Co", "Mn", "Me", "Mc"))


def _char_replacement(char: str) -> str | None:
    replacement = REPLACEMENTS.get(char)
    if replacement is not None:
        return replacement
    if char in _KEEP_FORMAT:
        return None
    return _BY_CATEGORY.get(unicodedata.category(char))


def replacement_for(cluster: str) -> str | None:
    """Return the GSM-7 text to write instead of `cluster` ("" to remove it), or None.

    `cluster` is one character as the reader sees it (a grapheme cluster) that GSM-7 cannot
    carry. None means there is no plain equivalent (an emoji, a letter of another alphabet,
    or a cluster of more than a few code points, such as a letter under a pile of accents).
    """
    if len(cluster) > _LONGEST_REPLACED:
        return None
    if len(cluster) == 1:
        replacement = _char_replacement(cluster)
        if replacement is not None:
            return replacement
        if not unicodedata.decomposition(cluster):
            return None
    for form in (cluster, unicodedata.normalize("NFC", cluster)):
        candidate = _replace_chars(form)
        if is_gsm7(candidate):
            return candidate
    candidate = _replace_chars(unicodedata.normalize("NFKC", cluster))
    return candidate if candidate and is_gsm7(candidate) else None


def _replace_chars(text: str) -> str:
    replaced = (_char_replacement(char) for char in text)
    return "".join(char if new is None else new for char, new in zip(text, replaced, strict=True))


def cluster_name(cluster: str) -> str:
    """Return the Unicode names of a cluster's code points, such as ``RIGHT SINGLE QUOTATION MARK``.

    A long cluster (dozens of stacked accents) is named by its first few code points.
    """
    return _listed([_char_name(char) for char in cluster[:_NAMED]], len(cluster))


def _listed(names: list[str], total: int) -> str:
    more = f" + {total - len(names)} more" if total > len(names) else ""
    return " + ".join(names) + more


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "")
    if name:
        return name
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"LONE SURROGATE U+{code:04X}"
    return f"U+{code:04X}"


def _label(char: str) -> str:
    label = LABELS.get(char)
    if label:
        return label
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"broken character U+{code:04X}"
    if unicodedata.category(char) == "Cc":
        return f"control character U+{code:04X}"
    return _char_name(char).lower()


def is_invisible(cluster: str) -> bool:
    """Return whether `cluster` shows nothing of its own: a space, a control, a format mark."""
    return unicodedata.category(cluster[0]) in _INVISIBLE


def shown(cluster: str) -> str:
    """Return how a sentence shows `cluster`: itself if it is visible, else its name in words.

    A visible letter with invisible or combining characters attached is shown as its parts,
    such as ``e + combining acute accent``, because it looks like a GSM-7 letter.
    """
    first = cluster[0]
    if is_invisible(cluster):
        return _listed([_label(char) for char in cluster[:_NAMED]], len(cluster))
    if len(cluster) > 1 and is_gsm7(first):
        return _listed([first, *(_label(char) for char in cluster[1:_NAMED])], len(cluster))
    return cluster
