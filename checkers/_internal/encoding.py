"""Decode CSV files from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""

from __future__ import annotations

import codecs
from collections.abc import Iterable

_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")
_SAVE_AS_CSV = "Open it in Excel and choose File > Save As > CSV UTF-8, then try that file."


class BinaryFileError(ValueError):
    """The bytes are not text, so they cannot be a CSV file."""


def detect_encoding(chunks: Iterable[bytes]) -> str:
    """Return the codec to read a CSV file with, reading its bytes chunk by chunk.

    Gives ``utf-8-sig`` when every byte is UTF-8 (a BOM is removed), ``utf-16`` when the file
    starts with a UTF-16 byte-order mark, and otherwise ``cp1252`` (Windows and Excel
    exports). Raises BinaryFileError, with a plain message, for a file that is not text.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    for chunk in chunks:
        if first:
            first = False
            if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16"
            _reject_binary(chunk)
        if b"\x00" in chunk:
            msg = f"This is not a text file (it contains binary data). {_SAVE_AS_CSV}"
            raise BinaryFileError(msg)
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return "cp1252"
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def decode_csv_bytes(data: bytes) -> str:
    """Decode a whole CSV file's bytes to text (see `detect_encoding`)."""
    encoding = detect_encoding([data])
    return data.decode(encoding, errors="replace")


def _reject_binary(head: bytes) -> None:
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            msg = f"This is {what}, not a CSV file. {_SAVE_AS_CSV}"
            raise BinaryFileError(msg)
    sample = head[:4096]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls * 10 > len(sample):
        msg = f"This is not a text file (it contains binary data). {_SAVE_AS_CSV}"
        raise BinaryFileError(msg)
