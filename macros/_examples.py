"""Build-time examples: what `checkers.check_number` says about a number, written into the page.

The verdict, the problems and the number to store are worked out while the site is built,
so the guide's examples always agree with the checker: change the checker and the page
changes with it. No JavaScript is involved; every value is escaped.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import NumberCheck, check_number
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


def _admonition(result: NumberCheck) -> str:
    """Material's admonition type for the verdict (its colours work in both schemes)."""
    if not result.sendable:
        return "failure"
    return "success" if result.ok else "warning"


def _problems(result: NumberCheck) -> Markup:
    if not result.problems:
        return Markup("")
    items = Markup("").join(
        Markup('<li data-problem="{}" data-severity="{}">{}</li>').format(
            item.code, item.severity, item.message
        )
        for item in result.problems
    )
    return Markup('<ul class="number-example__problems">{}</ul>').format(items)


def _store(result: NumberCheck) -> Markup:
    if result.sendable and result.e164:
        return Markup("<code>{}</code>").format(result.e164)
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
        'data-sendable="{sendable}">'
        '<p class="admonition-title number-example__verdict">'
        "<code>{raw}</code>: <strong>{verdict}</strong></p>"
        "{problems}"
        '<p class="number-example__store">Store it as: {store}</p>'
        "</div>"
    ).format(
        admonition=_admonition(result),
        cls=_verdict_class(result),
        code=result.verdict_code,
        sendable="true" if result.sendable else "false",
        raw=text,
        verdict=result.verdict,
        problems=_problems(result),
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
        '<tr class="{cls}" data-verdict="{code}" data-sendable="{sendable}">'
        '<th scope="row"><code>{raw}</code></th>'
        "<td><strong>{verdict}</strong>{problems}</td>"
        "<td>{store}</td>"
        "</tr>"
    ).format(
        cls=_verdict_class(result),
        code=result.verdict_code,
        sendable="true" if result.sendable else "false",
        raw=result.input,
        verdict=result.verdict,
        problems=_problems(result),
        store=_store(result),
    )


__all__ = ["NOT_SENDABLE", "number_example", "number_examples"]
