"""The CSV number audit widget (the Tools page): choose a contacts CSV exported from the
CRM, pick the column with the mobile numbers, see the summary and the rows with a problem,
download a corrected copy. docs/javascripts/number-audit.js mounts on it and asks `checkers`
(ops "csv_columns" and "audit_csv_bytes") in the reader's browser; the file never leaves it.

Without JavaScript the controls stay hidden and a sentence says the guide's checks still
apply, one number at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from markupsafe import Markup

from checkers import MAX_CSV_BYTES
from macros._widgets import region_options, selected_region

_ids: Iterator[int] = itertools.count(1)

MAX_PROBLEM_ROWS = 200
"""How many rows with a problem the widget lists (the corrected CSV has them all)."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def number_audit(region: str | None = None, *, default_region: str = "GB") -> Markup:
    """Audit a CSV export's phone column.

    `region` is the region preselected for numbers stored without a country code; it
    defaults to mkdocs.yml `extra.default_region` (passed in as `default_region`).
    """
    selected = selected_region(region, default_region, "number_audit")
    prefix = f"number-audit-{next(_ids)}"
    options = region_options(selected)
    return Markup(
        '<div class="sms-widget number-audit" data-widget="number-audit" id="{p}" '
        'data-default-region="{region}" data-max-bytes="{max_bytes}" '
        'data-max-rows="{max_rows}" role="group" aria-labelledby="{p}-title">'
        '<p class="sms-widget__title" id="{p}-title"><strong>Check a CSV export</strong></p>'
        '<p class="number-audit__fallback">The list checker needs JavaScript, which is off or '
        "not available in this browser. You can still check numbers one at a time with the "
        "guide's checks.</p>"
        '<div class="number-audit__controls" hidden>'
        '<div class="sms-widget__field">'
        '<label for="{p}-file">CSV file exported from the CRM</label>'
        '<p class="sms-widget__hint" id="{p}-file-hint">A .csv file of up to {max_size}. It is '
        "read on this computer and never uploaded.</p>"
        '<input type="file" id="{p}-file" class="number-audit__file" '
        'accept=".csv,.txt,text/csv,text/plain" aria-describedby="{p}-file-hint" disabled>'
        "</div>"
        '<div class="sms-widget__field">'
        '<label for="{p}-column">Column with the mobile numbers</label>'
        '<select id="{p}-column" class="number-audit__column" disabled>'
        '<option value="">Choose a file first</option></select>'
        "</div>"
        '<div class="sms-widget__field">'
        '<label for="{p}-region">Country for numbers without a country code</label>'
        '<select id="{p}-region" class="number-audit__region" disabled>{options}</select>'
        "</div>"
        '<p class="number-audit__actions">'
        '<button type="button" class="md-button number-audit__run" disabled>'
        "Check the numbers</button> "
        '<button type="button" class="md-button number-audit__cancel" hidden>Cancel</button>'
        "</p>"
        '<div class="number-audit__progress" hidden>'
        '<label for="{p}-progress">Checking the numbers</label> '
        '<progress id="{p}-progress" class="number-audit__bar" max="100" value="0" '
        'aria-valuetext="0%"></progress> '
        '<span class="number-audit__progress-text" aria-hidden="true"></span>'
        "</div>"
        '<p class="sms-widget__status number-audit__status" id="{p}-status" role="status">'
        '<span class="sms-widget__status-text"></span> '
        '<button type="button" class="md-button number-audit__retry" hidden>Retry</button>'
        "</p>"
        '<p class="number-audit__outcome" id="{p}-outcome" role="status"></p>'
        '<div class="number-audit__result" id="{p}-result"></div>'
        "</div>"
        "</div>"
    ).format(
        p=prefix,
        region=selected,
        max_bytes=MAX_CSV_BYTES,
        max_rows=MAX_PROBLEM_ROWS,
        max_size=_megabytes(MAX_CSV_BYTES),
        options=options,
    )


__all__ = ["MAX_PROBLEM_ROWS", "number_audit"]
