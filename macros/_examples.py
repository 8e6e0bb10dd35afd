"""Build-time examples of what the checker says (placeholder: being built)."""

from __future__ import annotations

from markupsafe import Markup


def number_example(raw: str, region: str | None = None, *, default_region: str = "GB") -> Markup:
    """What the checker says about `raw`."""
    del region, default_region
    return Markup("<code>{}</code>").format(raw)


def number_examples(*raws: str, region: str | None = None, default_region: str = "GB") -> Markup:
    """A table of examples."""
    del region, default_region
    return Markup("").join(Markup("<code>{}</code>").format(r) for r in raws)
