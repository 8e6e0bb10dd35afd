"""The browser worker's Python side: `call(request_json, data, progress)` and `warm()`."""

from __future__ import annotations

from checkers._internal.worker import FILE_KEY, call, warm, warm_later

__all__ = ["FILE_KEY", "call", "warm", "warm_later"]
