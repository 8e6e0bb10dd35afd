"""The message checker widget (the Tools page): type or paste an SMS, see as you type how it
is sent (encoding, parts) and every character that makes it Unicode, marked in place with
what to write instead; replace them all or copy the fixed text.

docs/javascripts/message-check.js asks `checkers` (op "check_message") in the reader's
browser; nothing typed leaves it. The limits the no-JavaScript fallback gives are checkers'
own (`PART_CAPACITY`, `GSM7_EXTENSION`), and the guide text next to a result is written here.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import GSM7_EXTENSION, PART_CAPACITY
from checkers._internal.gsm7 import GSM7, UCS2
from macros._shell import button, control, html, widget, widget_id

INPUT_HINT = (
    "Type or paste the message as you will send it, merge fields and all. Nothing you type "
    "leaves this browser."
)


def limits_sentence() -> Markup:
    """What a part holds, in words, from checkers' table (for readers without JavaScript)."""
    gsm_one, gsm_split = PART_CAPACITY[GSM7]
    unicode_one, unicode_split = PART_CAPACITY[UCS2]
    doubled = [char for char in GSM7_EXTENSION if char.isprintable()]
    return Markup(
        "Plain GSM-7 text fits {gsm_one} characters in one SMS part, or {gsm_split} a part "
        "once the message is split into several; {doubled} and {last} count as two each. One "
        "character outside GSM-7, such as a curly apostrophe (\u2019), a long dash (\u2013) "
        "or an emoji, sends the whole message as Unicode: {unicode_one} characters in one "
        "part, {unicode_split} a part once split."
    ).format(
        gsm_one=gsm_one,
        gsm_split=gsm_split,
        doubled=Markup(" ").join(html("code", char) for char in doubled[:-1]),
        last=html("code", doubled[-1]),
        unicode_one=unicode_one,
        unicode_split=unicode_split,
    )


def message_check() -> Markup:
    """Type or paste a message; see its parts and the characters to fix as you type."""
    p = widget_id("message-check")
    controls = control(
        p, "input", "Message", tag="textarea", rows=5, autocomplete="off",
        described_by=f"{p}-counts {p}-status", hint=INPUT_HINT,
    )  # fmt: skip
    fix = html(
        "p",
        button("replace", "Replace them all", primary=True),
        class_="sms-widget__actions",
        data_part="fix",
        data_copy_label="Copy the fixed text",
        hidden=True,
    )
    preview = html(
        "div",
        html(
            "p",
            "How it is sent, part by part",
            class_="message-check__preview-title",
            id=f"{p}-preview-title",
        ),
        html(
            "p",
            "Characters GSM-7 does not have are marked, each with what to write instead.",
            class_="sms-widget__hint",
            data_part="marks-hint",
            hidden=True,
        ),
        html(
            "ol",
            class_="message-check__parts",
            data_part="parts",
            aria_labelledby=f"{p}-preview-title",
        ),
        html("p", class_="sms-widget__hint", data_part="parts-note", hidden=True),
        class_="message-check__preview",
        data_part="preview",
        hidden=True,
    )
    result = html(
        "div",
        html("p", class_="message-check__counts", id=f"{p}-counts", data_part="counts"),
        html("p", class_="sms-widget__verdict", data_part="verdict"),
        html("ul", class_="message-check__notes", data_part="notes", hidden=True),
        fix,
        preview,
        html(
            "p",
            class_="sms-widget__visually-hidden",
            data_part="announce",
            aria_live="polite",
            aria_atomic="true",
        ),
        class_="sms-widget__result",
        id=f"{p}-result",
        data_part="result",
    )
    return widget(
        "message-check",
        p,
        title="Check a message",
        fallback=Markup(
            "The message checker needs JavaScript, which is off or not available in this "
            "browser. Count the message yourself. {}"
        ).format(limits_sentence()),
        controls=controls,
        result=result,
        what="message checker",
    )


__all__ = ["limits_sentence", "message_check"]
