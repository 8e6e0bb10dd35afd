"""The CSV number audit widget (placeholder: being built)."""

from __future__ import annotations

from markupsafe import Markup


def number_audit(region: str | None = None, *, default_region: str = "GB") -> Markup:
    """Audit a CSV export's phone column."""
    del region, default_region
    return Markup('<div class="sms-widget" data-widget="number-audit"></div>')
