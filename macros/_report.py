"""The escalation report builder widget (placeholder: being built)."""

from __future__ import annotations

from markupsafe import Markup


def report_builder(kind: str, *, default_region: str = "GB") -> Markup:
    """The report form for `kind`."""
    del default_region
    return Markup(
        '<div class="sms-widget" data-widget="report-builder" data-kind="{}"></div>'
    ).format(kind)
