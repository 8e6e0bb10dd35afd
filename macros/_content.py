"""Macros for the guide's text: support channels, "please include" lists, UI elements."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape

from checkers import UI_PATH_SEPARATOR, Channel, Field, load_spec
from macros._shell import NOTHING, actions, html

COMMON = "common"


class MacroError(ValueError):
    """A macro was called with arguments it cannot use; the message says what to write."""


def did_you_mean(word: object, choices: list[str], template: str = "{}") -> str:
    """ " Did you mean …?" with the choice closest to `word` (written with `template`), or ""."""
    if not isinstance(word, str):
        return ""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean {template.format(found[0])}?" if found else ""


def _channel(key: str) -> Channel:
    spec = load_spec()
    keys = [c.key for c in spec.channels]
    if key not in keys:
        suggestions = ", ".join(f'channel("{k}")' for k in keys)
        hint = did_you_mean(key, keys, 'channel("{}")')
        msg = f"channel({key!r}): no such support channel.{hint} Write one of: {suggestions}."
        raise MacroError(msg)
    return spec.channel(key)


def channel_name(found: Channel) -> Markup:
    """The channel's name, a link to it when it has a url."""
    name = html("strong", found.name)
    if found.url:
        return html("a", name, class_="support-channel", data_channel=found.key, href=found.url)
    return html("strong", found.name, class_="support-channel", data_channel=found.key)


def channel(key: str) -> Markup:
    """Name of support channel `key` ("assistant" or "portal"), from support.toml.

    A link to the channel when support.toml gives its `url`.
    """
    return channel_name(_channel(key))


def reach(found: Channel) -> Markup:
    """How to reach a channel: an "Open the …" link when it has a url, else its `how` line."""
    if found.url:
        return actions(
            html(
                "a",
                found.open_label,
                html("span", " (opens in a new tab)", class_="sms-widget__visually-hidden"),
                class_="md-button md-button--primary report-builder__open",
                href=found.url,
                target="_blank",
                rel="noopener",
                data_channel_link=found.key,
            )
        )
    return html("p", found.how, class_="report-builder__how") if found.how else NOTHING


def channel_table() -> Markup:
    """A table of the support channels: what each is for and how to reach it."""
    rows = Markup("").join(
        Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            channel_name(c),
            c.purpose,
            html("a", c.open_label, href=c.url) if c.url else c.how,
        )
        for c in load_spec().channels
    )
    return Markup(
        "<table><thead><tr><th>Channel</th><th>Use it for</th><th>How to reach it</th></tr>"
        "</thead><tbody>{}</tbody></table>"
    ).format(rows)


def _fields_for(kind: str) -> tuple[Field, ...]:
    spec = load_spec()
    if kind == COMMON:
        return spec.common_fields
    try:
        return spec.kind(kind).fields
    except ValueError as error:
        hint = did_you_mean(kind, [k.id for k in spec.kinds], 'please_include("{}")')
        msg = f'please_include({kind!r}): {error}{hint} Or write please_include("{COMMON}").'
        raise MacroError(msg) from None


def please_include(kind: str) -> Markup:
    """The guide's "please include" list for report `kind`, from support.toml.

    Every question the kind's report asks, in its order, in the guide's words where it has
    them; `please_include("common")` lists the questions every report asks. The report
    builder shows the same list when JavaScript is off.
    """
    return include_list(kind, _fields_for(kind))


def include_list(kind: str, fields: tuple[Field, ...]) -> Markup:
    """The "please include" list of `fields` (its items in the guide's words)."""
    items = Markup("").join(html("li", f.listed, data_field=f.id) for f in fields)
    return html("ul", items, class_="please-include", data_kind=kind)


def ui(*parts: str) -> Markup:
    """A menu path or button in the CRM, e.g. ui("Plugins", "SMS Limits")."""
    if not parts or not all(isinstance(p, str) and p.strip() for p in parts):
        msg = 'ui(): name at least one menu item or button, e.g. ui("Save and Close").'
        raise MacroError(msg)
    items = escape(UI_PATH_SEPARATOR).join(
        Markup('<kbd class="ui-element"><samp>{}</samp></kbd>').format(p.strip()) for p in parts
    )
    return Markup('<kbd class="ui-path">{}</kbd>').format(items)


__all__ = [
    "MacroError",
    "channel",
    "channel_name",
    "channel_table",
    "did_you_mean",
    "include_list",
    "please_include",
    "reach",
    "ui",
]
