"""The allowance checker widget (Section 1, Check 1): paste the SMS Limits table, see who
cannot send SMS and why. docs/javascripts/allowance-checker.js mounts on it and asks
`checkers` (op "check_allowances") in the reader's browser; nothing pasted leaves it.

Without JavaScript the controls stay hidden and a sentence says the manual steps above
still apply.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from markupsafe import Markup, escape

_ids: Iterator[int] = itertools.count(1)

EXAMPLE_TABLE = (
    "User\tEmail\tDaily Allowance\n"
    "Alex Morgan\talex.morgan@example.com\t100\n"
    "Sam Patel\tsam.patel@example.com\t0\n"
    "Jo Evans\tjo.evans@example.com\t\n"
    "Chris Lee\tchris.lee@example.com\t250\n"
    "Priya Shah\tpriya.shah@example.com\t50\n"
)
"""What "Try an example" pastes: a made-up SMS Limits table, tab-separated as copied."""


def _attribute_text(text: str) -> Markup:
    """`text` escaped for an attribute, with tabs and line breaks as character references
    (so Markdown never sees a raw line break inside the widget's HTML)."""
    return escape(text).replace("\t", Markup("&#9;")).replace("\n", Markup("&#10;"))


def allowance_checker() -> Markup:
    """Paste the SMS Limits table; see who is blocked and why."""
    prefix = f"allowance-checker-{next(_ids)}"
    return Markup(
        '<div class="sms-widget allowance-checker" data-widget="allowance-checker" id="{p}" '
        'role="group" aria-labelledby="{p}-title" data-example="{example}">'
        '<p class="sms-widget__title" id="{p}-title">'
        "<strong>Check the SMS Limits table</strong></p>"
        '<p class="allowance-checker__fallback">The allowance checker needs JavaScript, which is '
        "off or not available in this browser. The manual steps above still apply.</p>"
        '<div class="allowance-checker__controls" hidden>'
        '<div class="sms-widget__field">'
        '<label for="{p}-input">SMS Limits table</label>'
        '<p class="sms-widget__hint" id="{p}-hint">Open the SMS Limits page (steps 1 and 2 '
        "above), select the whole table including its headings, copy it and paste it here. "
        "Nothing you paste leaves this browser.</p>"
        '<textarea id="{p}-input" class="allowance-checker__input" rows="6" '
        'autocomplete="off" spellcheck="false" aria-describedby="{p}-hint {p}-status" '
        "disabled></textarea>"
        "</div>"
        '<p class="allowance-checker__actions">'
        '<button type="button" class="md-button allowance-checker__example" disabled>'
        "Try an example</button> "
        '<button type="button" class="md-button allowance-checker__clear" disabled>'
        "Clear</button>"
        "</p>"
        '<p class="sms-widget__status allowance-checker__status" id="{p}-status" role="status">'
        '<span class="sms-widget__status-text allowance-checker__status-text"></span> '
        '<button type="button" class="md-button allowance-checker__retry" hidden>Retry</button>'
        "</p>"
        '<div class="allowance-checker__result" id="{p}-result">'
        '<p class="allowance-checker__verdict" id="{p}-verdict" aria-live="polite" '
        'aria-atomic="true"></p>'
        '<div class="allowance-checker__details"></div>'
        "</div>"
        "</div>"
        "</div>"
    ).format(p=prefix, example=_attribute_text(EXAMPLE_TABLE))


__all__ = ["EXAMPLE_TABLE", "allowance_checker"]
