"""Reading pasted or exported tables: delimiter detection and header matching."""

from __future__ import annotations

import csv
import io

DELIMITERS = ("\t", ";", ",")
"""The delimiters we recognise, in order of preference when counts tie."""

_SAMPLE_SIZE = 1 << 16
"""How much of the first line `detect_delimiter` reads."""


def detect_delimiter(sample: str) -> str:
    """Return the delimiter that splits the sample's first line into the most fields.

    A tab wins ties (tables copied from a web page are tab-separated), then ``;`` (Excel in
    many European locales), then ``,``; a one-column sample gives ``,``.
    """
    first_line = next(iter(sample[:_SAMPLE_SIZE].splitlines()), "")
    best, best_count = ",", 1
    for delimiter in DELIMITERS:
        try:
            count = len(next(csv.reader(io.StringIO(first_line), delimiter=delimiter), []))
        except csv.Error:  # such as a field over csv's size limit: not this delimiter
            continue
        if count > best_count:
            best, best_count = delimiter, count
    return best


def header_key(name: str) -> str:
    """Return a column name folded for matching: case, spaces and underscores ignored."""
    return "".join(name.replace("\ufeff", "").replace("_", " ").split()).casefold()


def delimiter_name(delimiter: str) -> str:
    """Return a plain name for a delimiter, for messages."""
    return {"\t": "tab", ";": "semicolon", ",": "comma"}.get(delimiter, repr(delimiter))
