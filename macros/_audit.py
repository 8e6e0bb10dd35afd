"""The CSV number audit widget (the Tools page): choose a contacts CSV exported from the
CRM, pick the column with the mobile numbers, see the summary and the rows with a problem,
download a corrected copy.

docs/javascripts/number-audit.js asks `checkers` (ops "csv_columns" and "audit_csv") in the
reader's browser; the file never leaves it.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import MAX_CSV_BYTES, megabytes
from macros._regions import SiteRegions, with_region
from macros._shell import actions, button, control, html, widget, widget_id


@with_region("number_audit")
def number_audit(region: str, site: SiteRegions) -> Markup:
    """Audit a CSV export's phone column; `region` is preselected for numbers stored
    without a country code."""
    p = widget_id("number-audit")
    controls = (
        control(
            p,
            "file",
            "CSV file exported from the CRM",
            type="file",
            accept=".csv,.txt,text/csv,text/plain",
            hint=f"A .csv file of up to {megabytes(MAX_CSV_BYTES)}. It is read on this computer "
            "and never uploaded.",
        )
        + control(
            p,
            "column",
            "Column with the mobile numbers",
            tag="select",
            content=html("option", "Choose a file first", value=""),
            disabled=True,
        )
        + site.field(p, region)
        + actions(
            button("run", "Check the numbers", primary=True, disabled=True),
            button("cancel", "Cancel", hidden=True),
        )
        + Markup(
            '<div class="number-audit__progress" data-part="progress" hidden>'
            '<label for="{p}-progress">Checking the numbers</label> '
            '<progress id="{p}-progress" data-part="bar" max="100" value="0" '
            'aria-valuetext="0%"></progress> '
            '<span data-part="progress-text" aria-hidden="true"></span></div>'
        ).format(p=p)
    )
    result = Markup(
        '<p class="number-audit__outcome" id="{p}-outcome" data-part="outcome" role="status"></p>'
        '<p data-part="stopped" hidden>Stopped. Nothing was changed.</p>'
        '<div class="sms-widget__result" id="{p}-result" data-part="result"></div>'
        '<p class="number-audit__download" data-part="download" hidden>{save} '
        '<span class="sms-widget__hint"><span data-part="download-name"></span>: your columns, '
        "plus e164 (the number to store), sendable (yes or no) and problems.</span></p>"
    ).format(p=p, save=button("save", "Download corrected CSV", primary=True))
    return widget(
        "number-audit",
        p,
        title="Check a CSV export",
        fallback="The list checker needs JavaScript, which is off or not available in this "
        "browser. You can still check numbers one at a time with the guide's checks.",
        controls=controls,
        result=result,
        data={"default_region": region, "max_bytes": MAX_CSV_BYTES},
    )


__all__ = ["number_audit"]
