"""The number checker widget: type a number, see whether an SMS can reach it.

docs/javascripts/number-checker.js asks `checkers` (op "check_number") in the reader's
browser as they type; nothing typed leaves it.
"""

from __future__ import annotations

from markupsafe import Markup

from macros._regions import SiteRegions, with_region
from macros._shell import control, widget, widget_id


@with_region("number_checker")
def number_checker(region: str, site: SiteRegions) -> Markup:
    """A phone-number checker: type a number, see whether SMS can be sent to it.

    `region` is preselected for numbers typed without a country code.
    """
    p = widget_id("number-checker")
    controls = control(
        p,
        "input",
        "Mobile number, as stored on the record",
        type="tel",
        autocomplete="off",
        spellcheck="false",
        described_by=f"{p}-status",
    ) + site.field(p, region)
    result = Markup(
        '<div class="sms-widget__result" id="{p}-result" data-part="result" aria-live="polite">'
        "</div>"
    ).format(p=p)
    return widget(
        "number-checker",
        p,
        title="Check a number",
        fallback="The number checker needs JavaScript, which is off or not available in this "
        "browser. The manual checks above still apply.",
        controls=controls,
        result=result,
        data={"default_region": region, "common_regions": " ".join(site.common)},
    )


__all__ = ["number_checker"]
