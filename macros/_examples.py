"""Build-time examples: what `checkers.check_number` says about a number, written into the page.

The answer, the points that matter and the number to store are worked out while the site is
built (the same words as the number checker widget; wrong characters are marked),
so the guide's examples always agree with the checker: change the checker and the page
changes with it. No JavaScript is involved; every value is escaped.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import NumberCheck, check_number
from checkers._internal.number_text import marked_characters
from macros._content import MacroError
from macros._regions import SITE, SiteRegions

NOT_SENDABLE = "Do not send: fix the problem first"
"""The "Store it as" cell of a number that cannot take an SMS as it is."""


def _raw(raw: object, where: str) -> str:
    if not isinstance(raw, str):
        msg = (
            f"{where}: {raw!r} is not text. Put the number in quotes, "
            'for example number_example("07400 123456").'
        )
        raise MacroError(msg)
    if not raw.strip():
        msg = f'{where}: the number is empty. Write the number as stored, e.g. "07400 123456".'
        raise MacroError(msg)
    return raw


def _verdict_class(result: NumberCheck) -> str:
    if not result.sendable:
        return "number-example--blocked"
    return "number-example--ok" if result.ok else "number-example--fix"


_ADMONITIONS = {"yes": "success", "fix": "warning", "maybe": "question", "no": "failure"}
"""Material's admonition type for each answer (as widget-kit.js `answerBox`): its icon and
colour repeat the words, in both colour schemes."""


def _number(raw: str) -> Markup:
    """`raw` as code that never wraps, each wrong character in a `<mark>`."""
    runs = Markup("").join(
        Markup("<mark>{}</mark>").format(text) if wrong else Markup("{}").format(text)
        for text, wrong in marked_characters(raw)
    )
    return Markup('<code class="sms-number">{}</code>').format(runs)


def _points(result: NumberCheck) -> Markup:
    if not result.points:
        return Markup("")
    items = Markup("").join(Markup("<li>{}</li>").format(point) for point in result.points)
    return Markup('<ul class="number-example__points">{}</ul>').format(items)


def _store(result: NumberCheck) -> Markup:
    if result.sendable and result.e164:
        return Markup('<code class="sms-number">{}</code>').format(result.e164)
    if result.fix:  # a guess at the number meant, such as 07400… for O7400…
        return Markup('{} <code class="sms-number">{}</code>').format(result.fix_label, result.fix)
    return Markup("{}").format(NOT_SENDABLE)


def number_example(raw: str, region: str | None = None, *, site: SiteRegions = SITE) -> Markup:
    """A small block: the number as stored, the checker's verdict, its problems, what to store.

    `region` is the country for numbers without a country code; it defaults to
    mkdocs.yml `extra.default_region` (`site`).
    """
    where = f"number_example({raw!r})"
    text = _raw(raw, where)
    result = check_number(text, site.select(region, where))
    return Markup(
        '<div class="admonition {admonition} number-example {cls}" data-verdict="{code}" '
        'data-sendable="{sendable}" data-answer="{answer}">'
        '<p class="admonition-title number-example__verdict">'
        "{raw}: <strong>{headline}</strong></p>"
        "{points}"
        '<p class="number-example__store">Store it as: {store}</p>'
        "</div>"
    ).format(
        admonition=_ADMONITIONS[result.answer],
        cls=_verdict_class(result),
        code=result.verdict_code,
        sendable="true" if result.sendable else "false",
        answer=result.answer,
        raw=_number(text),
        headline=result.headline,
        points=_points(result),
        store=_store(result),
    )


def number_examples(*raws: str, region: str | None = None, site: SiteRegions = SITE) -> Markup:
    """A table of typical stored values with the checker's verdict for each, worked out now."""
    where = "number_examples(...)"
    if not raws:
        msg = (
            f"{where}: give at least one number, for example "
            'number_examples("07400 123456", "0121 234 5678").'
        )
        raise MacroError(msg)
    texts = [_raw(raw, f"number_examples({raw!r}, ...)") for raw in raws]
    code = site.select(region, f"number_examples(..., region={region!r})")
    rows = Markup("").join(_row(check_number(text, code)) for text in texts)
    return Markup(
        '<table data-macro="number-examples" data-region="{region}">'
        "<thead><tr>"
        '<th scope="col">As stored on the record</th>'
        '<th scope="col">What the checker says</th>'
        '<th scope="col">Store it as</th>'
        "</tr></thead>"
        "<tbody>{rows}</tbody></table>"
    ).format(region=code, rows=rows)


def _row(result: NumberCheck) -> Markup:
    return Markup(
        '<tr class="{cls}" data-verdict="{code}" data-sendable="{sendable}" '
        'data-answer="{answer}">'
        '<th scope="row">{raw}</th>'
        "<td><strong>{headline}</strong>{points}</td>"
        "<td>{store}</td>"
        "</tr>"
    ).format(
        cls=_verdict_class(result),
        code=result.verdict_code,
        sendable="true" if result.sendable else "false",
        answer=result.answer,
        raw=_number(result.input),
        headline=result.headline,
        points=_points(result),
        store=_store(result),
    )


__all__ = ["NOT_SENDABLE", "number_example", "number_examples"]
