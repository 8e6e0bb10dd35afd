"""Macros for the guide's text: support channels, "please include" lists, UI elements."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape

from checkers import UI_PATH_SEPARATOR, Field, load_spec

COMMON = "common"


class MacroError(ValueError):
    """A macro was called with arguments it cannot use; the message says what to write."""


def did_you_mean(word: object, choices: list[str], template: str = "{}") -> str:
    """ " Did you mean …?" with the choice closest to `word` (written with `template`), or ""."""
    if not isinstance(word, str):
        return ""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean {template.format(found[0])}?" if found else ""


def channel(key: str) -> Markup:
    """Name of support channel `key` ("assistant" or "portal"), from support.toml."""
    spec = load_spec()
    keys = [c.key for c in spec.channels]
    if key not in keys:
        suggestions = ", ".join(f'channel("{k}")' for k in keys)
        hint = did_you_mean(key, keys, 'channel("{}")')
        msg = f"channel({key!r}): no such support channel.{hint} Write one of: {suggestions}."
        raise MacroError(msg)
    found = spec.channel(key)
    return Markup('<strong class="support-channel" data-channel="{}">{}</strong>').format(
        found.key, found.name
    )


def channel_table() -> Markup:
    """A table of the support channels and what each is for."""
    rows = Markup("").join(
        Markup("<tr><td><strong>{}</strong></td><td>{}</td></tr>").format(c.name, c.purpose)
        for c in load_spec().channels
    )
    return Markup(
        "<table><thead><tr><th>Channel</th><th>Use it for</th></tr></thead>"
        "<tbody>{}</tbody></table>"
    ).format(rows)


def _fields_for(kind: str) -> tuple[Field, ...]:
    spec = load_spec()
    if kind == COMMON:
        return spec.common_fields
    try:
        found = spec.kind(kind)
    except ValueError as error:
        hint = did_you_mean(kind, [k.id for k in spec.kinds], 'please_include("{}")')
        msg = f'please_include({kind!r}): {error}{hint} Or write please_include("{COMMON}").'
        raise MacroError(msg) from None
    common = {f.id for f in spec.common_fields}
    return tuple(f for f in found.fields if f.id not in common)


def please_include(kind: str) -> Markup:
    """The guide's "please include" list for report `kind`, from support.toml.

    `please_include("common")` lists the questions asked in every report.
    """
    items = Markup("").join(
        Markup('<li data-field="{}">{}</li>').format(f.id, f.label) for f in _fields_for(kind)
    )
    return Markup('<ul class="please-include" data-kind="{}">{}</ul>').format(kind, items)


def ui(*parts: str) -> Markup:
    """A menu path or button in the CRM, e.g. ui("Plugins", "SMS Limits")."""
    if not parts or not all(isinstance(p, str) and p.strip() for p in parts):
        msg = 'ui(): name at least one menu item or button, e.g. ui("Save and Close").'
        raise MacroError(msg)
    items = escape(UI_PATH_SEPARATOR).join(
        Markup('<kbd class="ui-element"><samp>{}</samp></kbd>').format(p.strip()) for p in parts
    )
    return Markup('<kbd class="ui-path">{}</kbd>').format(items)


__all__ = ["MacroError", "channel", "channel_table", "did_you_mean", "please_include", "ui"]
