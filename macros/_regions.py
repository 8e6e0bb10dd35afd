"""The region (country) a widget reads numbers in when they have no country code."""

from __future__ import annotations

import functools
from collections.abc import Callable

from markupsafe import Markup

from checkers import supported_regions
from macros._content import MacroError
from macros._shell import control


def check_region(region: str, where: str) -> str:
    """`region` upper-cased if `checkers` supports it; otherwise a MacroError naming the fix."""
    code = region.strip().upper() if isinstance(region, str) else ""
    codes = [known for known, _calling in supported_regions()]
    if code not in codes:
        msg = (
            f"{where}: unknown region {region!r}. Use a two-letter country code such as GB, "
            f"IE or US (one of {len(codes)} that phonenumbers knows)."
        )
        raise MacroError(msg)
    return code


def selected_region(region: str | None, default_region: str, where: str) -> str:
    """The region a widget or example uses: the writer's `region`, else the site's default."""
    if region is None:
        return check_region(default_region, "extra.default_region in mkdocs.yml")
    return check_region(region, where)


def region_options(selected: str) -> Markup:
    """The <option>s of a region select, every supported region, `selected` chosen."""
    return Markup("").join(
        Markup('<option value="{}"{}>{} (+{})</option>').format(
            code, Markup(" selected") if code == selected else "", code, calling
        )
        for code, calling in supported_regions()
    )


def with_region(name: str) -> Callable[[Callable[[str], Markup]], Callable[..., Markup]]:
    """Make `render(region)` a macro taking the writer's `region` (or the site's default).

    The macro is called as ``name(region=None, *, default_region="GB")``; a region
    phonenumbers does not know stops the build with a message naming the macro.
    """

    def wrap(render: Callable[[str], Markup]) -> Callable[..., Markup]:
        @functools.wraps(render)
        def macro(region: str | None = None, *, default_region: str = "GB") -> Markup:
            return render(selected_region(region, default_region, f"{name}({region!r})"))

        return macro

    return wrap


def region_field(prefix: str, selected: str) -> Markup:
    """The labelled select of the country for numbers typed without a country code."""
    return control(
        prefix,
        "region",
        "Country for numbers without a country code",
        tag="select",
        content=region_options(selected),
    )


__all__ = ["check_region", "region_field", "region_options", "selected_region", "with_region"]
