"""Turn result values into plain JSON-ready data (dicts, lists, str, int, bool, None)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping


def to_plain(value: object) -> object:
    """Return `value` as plain data: dataclasses become dicts, tuples become lists.

    A dataclass gives its fields shown in its repr, or the names in its `PLAIN_KEYS`.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        keys = getattr(value, "PLAIN_KEYS", None) or [
            field.name for field in dataclasses.fields(value) if field.repr
        ]
        return {key: to_plain(getattr(value, key)) for key in keys}
    if isinstance(value, Mapping):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    return value
