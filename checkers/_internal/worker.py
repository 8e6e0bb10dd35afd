"""The Python side of the browser worker (docs/javascripts/python-worker.js).

The worker imports this module once Pyodide is up and calls `call` for every request:
JSON text in, JSON text out, so no Python object crosses into JavaScript. A file the
reader chose arrives as ``data`` (a JavaScript Uint8Array in Pyodide, bytes in CPython);
bytes in a reply (a corrected file) leave as a separate list, so they are handed to the
page without being copied into JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from checkers._internal.api import handle

__all__ = ["FILE_KEY", "call", "warm", "warm_later"]

FILE_KEY = "$file"
"""A reply's bytes are replaced by ``{"$file": index}`` into the list `call` returns."""


def call(
    request_json: str,
    data: object = None,
    progress: Callable[[int, int, int], object] | None = None,
) -> tuple[str, list[bytes]]:
    """Answer one request: (`handle`'s reply as JSON text, the reply's files as bytes)."""
    try:
        request = json.loads(request_json)
    except (ValueError, RecursionError):
        request = None
    if isinstance(request, dict):
        buffer = _bytes(data)
        if buffer is not None:
            request["data"] = buffer
        if progress is not None:
            request["progress"] = progress
        reply = handle(request)
    else:
        reply = {"ok": False, "kind": "internal", "error": "The request is not a JSON object."}
    files: list[bytes] = []
    return json.dumps(_files_apart(reply, files)), files


def warm() -> None:
    """Check a UK number, so the first keystroke finds phonenumbers' metadata for +44 loaded.

    The worker calls it before it says it is ready; `warm_later` once its first answers are out.
    """
    handle({"op": "check_number", "raw": "07400 123456", "default_region": "GB"})


def warm_later() -> None:
    """Check a +1 number: 25 regions share +1, and the first check loads every one of them.

    In a browser that has just started that takes tens of milliseconds, so the worker does it
    after the first answer rather than before (docs/javascripts/python-worker.js).
    """
    handle({"op": "check_number", "raw": "+1 202 555 0100", "default_region": "GB"})


def _bytes(data: object) -> bytes | None:
    """Return the bytes of a JS typed array (a Pyodide JsProxy) or a Python buffer, or None."""
    to_bytes = getattr(data, "to_bytes", None)
    if callable(to_bytes):
        return bytes(to_bytes())
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    return None  # handle() then says the data is missing


def _files_apart(value: object, files: list[bytes]) -> object:
    if isinstance(value, bytes):
        files.append(value)
        return {FILE_KEY: len(files) - 1}
    if isinstance(value, dict):
        return {key: _files_apart(item, files) for key, item in value.items()}
    if isinstance(value, list):
        return [_files_apart(item, files) for item in value]
    return value
