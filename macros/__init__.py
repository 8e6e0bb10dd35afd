"""mkdocs-macros module: the macros writers drop into the guide's Markdown.

Each macro returns HTML built from escaped values. Content (support channels, report
fields) comes from `checkers`' data file, so the site and the checkers never disagree.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from macros._content import channel, channel_table, please_include, ui
from macros._widgets import number_checker

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros (called once per build)."""
    for macro in (channel, channel_table, please_include, ui):
        env.macro(macro)
    extra = env.conf.get("extra") or {}
    default_region = str(env.variables.get("default_region", extra.get("default_region", "GB")))

    def number_checker_macro(region: str | None = None) -> Markup:
        """A phone-number checker widget; `region` defaults to extra.default_region."""
        return number_checker(region, default_region=default_region)

    env.macro(number_checker_macro, "number_checker")
