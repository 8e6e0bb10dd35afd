"""mkdocs-macros module: the macros writers drop into the guide's Markdown.

Each macro returns HTML built from escaped values. Content (support channels, report
fields) comes from `checkers`' data file, so the site and the checkers never disagree.
Widgets that read phone numbers get the site's default region (mkdocs.yml
`extra.default_region`) unless the writer names another.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
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
    # Widgets that read phone numbers take the site's regions (mkdocs.yml `extra`).
    site = SiteRegions.from_extra(env.conf.get("extra") or {})
    for regional in (number_checker, report_builder, number_audit, number_example, number_examples):
        env.macro(_with_site(regional, site), regional.__name__)


_BUILDS = frozenset({"site", "spec"})
"""Arguments the build (or a test) passes to a macro, never a writer."""


def _with_site(macro: Callable[..., Markup], site: SiteRegions) -> Callable[..., Markup]:
    """`macro` given the site's regions. Its name, docstring and signature are the ones a
    writer uses (without `_BUILDS`): mkdocs-macros lists them, and writer errors quote them."""
    given: Any = functools.partial(macro, site=site)
    signature = inspect.signature(macro, follow_wrapped=False)  # not with_region's render
    writers = [param for name, param in signature.parameters.items() if name not in _BUILDS]
    given.__signature__ = signature.replace(parameters=writers)
    given.__name__, given.__doc__ = macro.__name__, macro.__doc__
    return given  # type: ignore[no-any-return]
