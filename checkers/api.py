"""The browser worker's entry point: `handle(request) -> reply`, JSON in and JSON out."""

from __future__ import annotations

from checkers._internal.api import handle

__all__ = ["handle"]
