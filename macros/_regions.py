"""The countries a widget reads numbers in: the site's default, its common countries first.

mkdocs.yml `extra.default_region` is preselected and `extra.common_regions` lists the
countries readers use most: they come first in every country list, and the number checker
tries them when a number is not valid in the country chosen.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from checkers import region_label, regions_by_name, supported_regions
from macros._content import MacroError
from macros._shell import control, html

COMMON_REGIONS = ("GB", "IE", "US", "CA", "AU", "NZ", "FR", "DE", "ES", "IT", "NL", "PL", "IN")
"""The common countries when mkdocs.yml names none."""


def check_region(region: object, where: str) -> str:
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


@dataclass(frozen=True)
class SiteRegions:
    """The site's default country and its common countries (default first)."""

    default: str = "GB"
    common: tuple[str, ...] = COMMON_REGIONS

    @classmethod
    def from_extra(cls, extra: Mapping[str, object]) -> SiteRegions:
        """Read mkdocs.yml's `extra`; a wrong code stops the build naming the setting."""
        default = check_region(
            extra.get("default_region", "GB"), "extra.default_region in mkdocs.yml"
        )
        listed = extra.get("common_regions", COMMON_REGIONS)
        if not isinstance(listed, (list, tuple)):
            msg = "extra.common_regions in mkdocs.yml: write a list of codes, e.g. [GB, IE, US]."
            raise MacroError(msg)
        common = [check_region(code, "extra.common_regions in mkdocs.yml") for code in listed]
        return cls(default, tuple(dict.fromkeys([default, *common])))

    def select(self, region: str | None, where: str) -> str:
        """The region a widget or example uses: the writer's `region`, else the default."""
        return self.default if region is None else check_region(region, where)

    def options(self, selected: str) -> Markup:
        """A country list's options: the common countries, then every country by name."""

        in_common = selected in self.common  # else it is selected in the whole list

        def options(codes: tuple[str, ...], chosen: str | None) -> Markup:
            return Markup("").join(
                html("option", region_label(code), value=code, selected=code == chosen)
                for code in codes
            )

        common = options(self.common, selected if in_common else None)
        every = options(regions_by_name(), None if in_common else selected)
        return html("optgroup", common, label="Common countries") + html(
            "optgroup", every, label="All countries"
        )

    def field(self, prefix: str, selected: str) -> Markup:
        """The labelled country list for numbers typed without a country code."""
        return control(
            prefix,
            "region",
            "Country for numbers without a country code",
            tag="select",
            content=self.options(selected),
        )


SITE = SiteRegions()
"""The regions of a site that sets none (and of tests that call the macros directly)."""


def with_region(
    name: str,
) -> Callable[[Callable[[str, SiteRegions], Markup]], Callable[..., Markup]]:
    """Make `render(region, site)` a macro taking the writer's `region` (or the site's default).

    The macro is called as ``name(region=None, *, site=SITE)``; a region phonenumbers does
    not know stops the build with a message naming the macro.
    """

    def wrap(render: Callable[[str, SiteRegions], Markup]) -> Callable[..., Markup]:
        @functools.wraps(render)
        def macro(region: str | None = None, *, site: SiteRegions = SITE) -> Markup:
            return render(site.select(region, f"{name}({region!r})"), site)

        return macro

    return wrap


__all__ = ["COMMON_REGIONS", "SITE", "SiteRegions", "check_region", "with_region"]
