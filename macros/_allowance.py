"""The allowance checker widget (Section 1, Check 1): paste the SMS Limits table, see who
cannot send SMS and why.

docs/javascripts/allowance-checker.js asks `checkers` (op "check_allowances") in the
reader's browser; nothing pasted leaves it. The guide text the widget shows next to a
result (how to fix an allowance, where to go next) is written here, so it stays with the
guide's other words.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from checkers import ALLOWANCE_FIX, ALLOWANCE_FIX_UI
from macros._content import ui
from macros._shell import actions, button, control, widget, widget_id

EXAMPLE_TABLE = (
    "User\tEmail\tDaily Allowance\n"
    "Alex Morgan\talex.morgan@example.com\t100\n"
    "Sam Patel\tsam.patel@example.com\t0\n"
    "Jo Evans\tjo.evans@example.com\t\n"
    "Chris Lee\tchris.lee@example.com\t250\n"
    "Priya Shah\tpriya.shah@example.com\t50\n"
)
"""What "Try an example" pastes: a made-up SMS Limits table, tab-separated as copied."""


def _fix() -> Markup:
    """checkers' one fix for every blocked user, its menus and buttons shown as keys."""
    keys = {key: ui(*names) for key, names in ALLOWANCE_FIX_UI.items()}
    return escape(ALLOWANCE_FIX).format(**keys)


def _attribute_text(text: str) -> Markup:
    """`text` escaped for an attribute, with tabs and line breaks as character references
    (so Markdown never sees a raw line break inside the widget's HTML)."""
    return escape(text).replace("\t", Markup("&#9;")).replace("\n", Markup("&#10;"))


def allowance_checker() -> Markup:
    """Paste the SMS Limits table; see who is blocked and why."""
    p = widget_id("allowance-checker")
    controls = control(
        p,
        "input",
        "SMS Limits table",
        tag="textarea",
        rows=6,
        autocomplete="off",
        spellcheck="false",
        described_by=f"{p}-status",
        hint="Open the SMS Limits page (steps 1 and 2 above), select the whole table including "
        "its headings, copy it and paste it here. Nothing you paste leaves this browser.",
    ) + actions(button("example", "Try an example"), button("clear", "Clear"))
    result = Markup(
        '<div class="sms-widget__result" id="{p}-result" data-part="result">'
        '<div class="sms-widget__verdict" id="{p}-verdict" data-part="verdict" aria-live="polite" '
        'aria-atomic="true"></div>'
        '<p class="allowance-checker__fix" data-part="fix" hidden>{fix}</p>'
        '<div class="allowance-checker__details" data-part="details"></div>'
        '<p class="allowance-checker__fine" data-part="fine" hidden>Every Daily Allowance is '
        "above 0, so the SMS Limits plugin is not what stops these users sending. Go on to "
        "Check 2.</p>"
        '<div class="allowance-checker__notes" data-part="notes" hidden>'
        '<p class="allowance-checker__notes-title">Also check:</p><ul data-part="note-list"></ul>'
        "</div></div>"
    ).format(p=p, fix=_fix())
    return widget(
        "allowance-checker",
        p,
        title="Check the SMS Limits table",
        fallback="The allowance checker needs JavaScript, which is off or not available in this "
        "browser. The manual steps above still apply.",
        controls=controls,
        result=result,
        data={"example": _attribute_text(EXAMPLE_TABLE)},
        what="allowance checker",
    )


__all__ = ["EXAMPLE_TABLE", "allowance_checker"]
