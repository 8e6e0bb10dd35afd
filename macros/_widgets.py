"""Interactive widgets for the guide. Each macro returns escaped HTML; the JavaScript in
docs/javascripts/ mounts on it. Without JavaScript a widget's controls stay hidden and a
sentence says the manual checks around it still apply."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from markupsafe import Markup

from checkers import supported_regions
from macros._content import MacroError

_ids: Iterator[int] = itertools.count(1)


def _region_codes() -> list[str]:
    return [code for code, _calling in supported_regions()]


def check_region(region: str, where: str) -> str:
    """`region` upper-cased if `checkers` supports it; otherwise a MacroError naming the codes."""
    code = region.strip().upper() if isinstance(region, str) else ""
    codes = _region_codes()
    if code not in codes:
        msg = f"{where}: unknown region {region!r}. Use one of: {', '.join(codes)}."
        raise MacroError(msg)
    return code


def selected_region(region: str | None, default_region: str, macro: str) -> str:
    """The region a widget preselects: the writer's `region`, else the site's default."""
    if region is None:
        return check_region(default_region, "extra.default_region in mkdocs.yml")
    return check_region(region, f"{macro}({region!r})")


def region_options(selected: str) -> Markup:
    """The <option>s of a region select, every supported region, `selected` chosen."""
    return Markup("").join(
        Markup('<option value="{}"{}>{} (+{})</option>').format(
            code, Markup(" selected") if code == selected else "", code, calling
        )
        for code, calling in supported_regions()
    )


def number_checker(region: str | None = None, *, default_region: str = "GB") -> Markup:
    """A phone-number checker: type a number, see whether SMS can be sent to it.

    `region` is the region preselected for numbers typed without a country code; it
    defaults to mkdocs.yml `extra.default_region` (passed in as `default_region`).
    """
    selected = selected_region(region, default_region, "number_checker")
    prefix = f"number-checker-{next(_ids)}"
    options = region_options(selected)
    return Markup(
        '<div class="number-checker" data-widget="number-checker" id="{p}" '
        'data-default-region="{region}" role="group" aria-labelledby="{p}-title">'
        '<p class="number-checker__title" id="{p}-title"><strong>Check a number</strong></p>'
        '<p class="number-checker__fallback">The number checker needs JavaScript, which is '
        "off or not available in this browser. The manual checks above still apply.</p>"
        '<div class="number-checker__controls" hidden>'
        '<div class="number-checker__field">'
        '<label for="{p}-input">Mobile number, as stored on the record</label>'
        '<input type="tel" id="{p}-input" class="number-checker__input" autocomplete="off" '
        'spellcheck="false" aria-describedby="{p}-status" disabled>'
        "</div>"
        '<div class="number-checker__field">'
        '<label for="{p}-region">Country for numbers without a country code</label>'
        '<select id="{p}-region" class="number-checker__region" disabled>{options}</select>'
        "</div>"
        '<p class="number-checker__status" id="{p}-status" role="status">'
        '<span class="number-checker__status-text"></span> '
        '<button type="button" class="md-button number-checker__retry" hidden>Retry</button>'
        "</p>"
        '<div class="number-checker__result" id="{p}-result" aria-live="polite"></div>'
        "</div>"
        "</div>"
    ).format(p=prefix, region=selected, options=options)


__all__ = ["check_region", "number_checker", "region_options", "selected_region"]
