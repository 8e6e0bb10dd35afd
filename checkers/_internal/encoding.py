"""Decode CSV files from bytes.

UTF-8 (with or without BOM), UTF-16 (with or without BOM), else cp1252 (Windows and Excel
exports). Files that are not text are refused in plain words.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from types import MappingProxyType

_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")
_SAMPLE = 4096
SAVE_AS_CSV = "Open it in Excel and choose File > Save As > CSV UTF-8, then try that file."

ENCODING_NAMES: MappingProxyType[str, str] = MappingProxyType(
    {
        "utf-8-sig": "UTF-8",
        "utf-16": "UTF-16",
        "utf-16-le": "UTF-16 without a byte-order mark",
        "utf-16-be": "UTF-16 without a byte-order mark",
        "cp1252": "Windows (cp1252)",
    },
)
"""Plain names of the encodings `detect_encoding` gives."""


class BinaryFileError(ValueError):
    """The bytes are not text, so they cannot be a CSV file."""


def detect_encoding(chunks: Iterable[bytes]) -> str:
    """Return the codec to read a CSV file with, reading its bytes chunk by chunk.

    Gives ``utf-8-sig`` when every byte is UTF-8 (a BOM is removed), ``utf-16`` when the
    file starts with a UTF-16 byte-order mark, ``utf-16-le`` or ``utf-16-be`` for UTF-16
    without one (recognised by its zero bytes), and otherwise ``cp1252``. Raises
    BinaryFileError, with a plain message, for a file that is not text. A stray zero byte
    in a text file is left for the CSV reader, which names its line.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    for chunk in chunks:
        if first:
            first = False
            if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16"
            unmarked = _utf16_without_bom(chunk[:_SAMPLE])
            if unmarked:
                return unmarked
            _reject_binary(chunk)
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


def encoding_name(encoding: str) -> str:
    """Return the plain name of a codec `detect_encoding` gave, for messages."""
    return ENCODING_NAMES.get(encoding, encoding)


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return utf-16-le or -be when one byte of each pair is mostly zero, else None."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd * 10 >= pairs * 4 and even * 20 <= pairs:
        return "utf-16-le"
    if even * 10 >= pairs * 4 and odd * 20 <= pairs:
        return "utf-16-be"
    return None


def _reject_binary(head: bytes) -> None:
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            msg = f"This is {what}, not a CSV file. {SAVE_AS_CSV}"
            raise BinaryFileError(msg)
    sample = head[:_SAMPLE]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls * 10 > len(sample):
        msg = f"This is not a text file (it contains binary data). {SAVE_AS_CSV}"
        raise BinaryFileError(msg)
