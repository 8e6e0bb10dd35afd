"""The CSV number audit widget (the Tools page): choose a contacts CSV exported from the
CRM, pick the column with the mobile numbers and the one that names each row, see one
summary sentence and the rows to act on in two lists, download a corrected copy as CSV or
Excel.

docs/javascripts/number-audit.js asks `checkers` (ops "csv_columns", "audit_csv" and
"fixed_xlsx") in the reader's browser; the file never leaves it.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import MAX_CSV_BYTES, megabytes
from macros._regions import SiteRegions, with_region
from macros._shell import actions, button, control, html, widget, widget_id


def _column_choice(p: str, part: str, label: str, first: str, hint: str | None = None) -> Markup:
    """A select of the file's columns, disabled until a file is read; `first` is its one option."""
    return control(
        p,
        part,
        label,
        tag="select",
        content=html("option", first, value=""),
        disabled=True,
        hint=hint,
    )


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
        + _column_choice(p, "column", "Column with the mobile numbers", "Choose a file first")
        + _column_choice(
            p,
            "id-column",
            "Column that names each row",
            "None (use line numbers)",
            hint="A name or ID, so you can find each record in the CRM.",
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
        '<div class="number-audit__summary" data-part="summary"></div>'
        '<div class="number-audit__download" data-part="download" hidden>'
        '<p class="number-audit__buttons">{save} {excel} '
        '<span class="sms-widget__note" data-part="excel-status" role="status"></span></p>'
        '<p class="sms-widget__hint">Both have your columns, plus e164 (the number to store), '
        "sendable (yes or no) and problems. In the Excel file every cell is text, so Excel "
        "keeps numbers such as +447400123456 and 07400 123456 exactly as written.</p></div>"
        '<div class="sms-widget__result" id="{p}-result" data-part="result"></div>'
    ).format(
        p=p,
        save=button("save", "Download corrected CSV", primary=True),
        excel=button("save-xlsx", "Download Excel file"),
    )
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
