"""mkdocs-macros module: the macros writers drop into the guide's Markdown.

Each macro returns HTML built from escaped values. Content (support channels, report
fields) comes from `checkers`' data file, so the site and the checkers never disagree.
"""

from __future__ import annotations

from typing import Any

from macros._content import channel, channel_table, please_include, ui

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros (called once per build)."""
    for macro in (channel, channel_table, please_include, ui):
        env.macro(macro)
