"""The start page's triage questions (placeholder: being built)."""

from __future__ import annotations

from markupsafe import Markup


def triage() -> Markup:
    """Questions that point the reader to the check to start with."""
    return Markup('<div class="triage" data-widget="triage"></div>')
