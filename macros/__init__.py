"""mkdocs-macros module: the macros writers drop into the guide's Markdown.

Each macro returns HTML built from escaped values. Content (support channels, report
fields) comes from `checkers`' data file, so the site and the checkers never disagree.
Widgets that read phone numbers get the site's default region (mkdocs.yml
`extra.default_region`) unless the writer names another.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from macros._allowance import allowance_checker
from macros._audit import number_audit
from macros._content import channel, channel_table, please_include, ui
from macros._examples import number_example, number_examples
from macros._message import message_check
from macros._message_examples import message_examples
from macros._number_checker import number_checker
from macros._regions import SiteRegions
from macros._report import report_builder
from macros._triage import triage

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros (called once per build)."""
    for macro in (
        channel,
        channel_table,
        please_include,
        ui,
        allowance_checker,
        triage,
        message_check,
        message_examples,
    ):
        env.macro(macro)
    site = SiteRegions.from_extra(env.conf.get("extra") or {})

    def number_checker_macro(region: str | None = None) -> Markup:
        """A phone-number checker widget; `region` defaults to extra.default_region."""
        return number_checker(region, site=site)

    def report_builder_macro(kind: str) -> Markup:
        """The escalation-report form for report `kind` (a [kinds.*] id in support.toml)."""
        return report_builder(kind, site=site)

    def number_audit_macro(region: str | None = None) -> Markup:
        """The CSV number audit widget; `region` defaults to extra.default_region."""
        return number_audit(region, site=site)

    def number_example_macro(raw: str, region: str | None = None) -> Markup:
        """What the checker says about `raw`, computed at build time."""
        return number_example(raw, region, site=site)

    def number_examples_macro(*raws: str, region: str | None = None) -> Markup:
        """A table of example numbers with the checker's verdicts, computed at build time."""
        return number_examples(*raws, region=region, site=site)

    env.macro(number_checker_macro, "number_checker")
    env.macro(report_builder_macro, "report_builder")
    env.macro(number_audit_macro, "number_audit")
    env.macro(number_example_macro, "number_example")
    env.macro(number_examples_macro, "number_examples")
