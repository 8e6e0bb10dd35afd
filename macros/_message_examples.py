"""Build-time examples: what `checkers.check_message` says about typical messages, written
into the page as a table.

Each row is a message as a recruiter would send it, how it goes (encoding and parts) and
the checker's verdict with its notes, all worked out while the site is built: change the
checker and the table changes with it. No JavaScript is involved; every value is escaped.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import MessageCheck, check_message
from macros._content import MacroError
from macros._shell import html

_EXAMPLE_CALL = 'message_examples("Hi {first_name}, your interview is at 10:00.")'


def _message(text: object, where: str) -> str:
    if not isinstance(text, str):
        msg = f"{where}: {text!r} is not text. Put the message in quotes: {_EXAMPLE_CALL}."
        raise MacroError(msg)
    if not text.strip():
        msg = f"{where}: the message is empty. Write it as it is sent: {_EXAMPLE_CALL}."
        raise MacroError(msg)
    return text


def _row(text: str, result: MessageCheck) -> Markup:
    notes = (
        html("ul", *(html("li", note) for note in result.notes), class_="message-examples__notes")
        if result.notes
        else Markup("")
    )
    return html(
        "tr",
        html("th", text, scope="row", class_="message-examples__text"),
        html("td", result.counts),
        html("td", html("strong", result.verdict), notes),
        data_verdict=result.verdict_code,
        data_encoding=result.encoding,
        data_segments=result.segments,
    )


def message_examples(*texts: str) -> Markup:
    """A table of typical messages, each with how it is sent and the checker's verdict."""
    if not texts:
        msg = f"message_examples(...): give at least one message, for example {_EXAMPLE_CALL}."
        raise MacroError(msg)
    messages = [_message(text, f"message_examples({text!r}, ...)") for text in texts]
    head = html(
        "tr",
        html("th", "Message", scope="col"),
        html("th", "How it is sent", scope="col"),
        html("th", "What the checker says", scope="col"),
    )
    rows = Markup("").join(_row(text, check_message(text)) for text in messages)
    return html(
        "table",
        html("thead", head),
        html("tbody", rows),
        data_macro="message-examples",
    )


__all__ = ["message_examples"]
