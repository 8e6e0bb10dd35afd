"""The allowance checker widget (placeholder: being built)."""

from __future__ import annotations

from markupsafe import Markup


def allowance_checker() -> Markup:
    """Paste the SMS Limits table; see who is blocked and why."""
    return Markup('<div class="sms-widget" data-widget="allowance-checker"></div>')
