"""Regions (countries) by name: the English CLDR name of every region phonenumbers knows.

The names are data (checkers/data/region_names.json, written from Babel's CLDR by
scripts/region-names), so the widgets' country lists and checkers' sentences say the same
"United Kingdom (+44)" in the browser, where Babel is not shipped, and in the CLI.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from types import MappingProxyType

import phonenumbers


@functools.cache
def region_names() -> MappingProxyType[str, str]:
    """Every region code phonenumbers knows, with its English name ("GB": "United Kingdom")."""
    text = resources.files("checkers").joinpath("data/region_names.json").read_text("utf-8")
    return MappingProxyType(json.loads(text))


def region_name(code: str) -> str:
    """Return the English name of region `code`, such as "France" (the code if unknown)."""
    return region_names().get(code, code)


def region_label(code: str) -> str:
    """Return the region as a country list shows it: "United Kingdom (+44)"."""
    return f"{region_name(code)} (+{phonenumbers.country_code_for_region(code)})"


@functools.cache
def regions_by_name() -> tuple[str, ...]:
    """Every region code, sorted by the region's name (as a reader looks for it)."""
    return tuple(sorted(region_names(), key=lambda code: region_name(code).casefold()))


__all__ = ["region_label", "region_name", "region_names", "regions_by_name"]
