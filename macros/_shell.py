"""The markup every widget shares, so each widget macro only writes its own controls.

A widget is ``<div class="sms-widget" data-widget="<name>">`` with a title, a no-JavaScript
fallback (``data-part="fallback"``), and controls (``data-part="controls"``, hidden until
docs/javascripts/widget-kit.js mounts the widget) that end with the status line (loading,
failure and Retry) and the widget's result. The script finds every element by its
``data-part``; classes are for the stylesheets only. Every value is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from markupsafe import Markup

_ids: Iterator[int] = itertools.count(1)
NOTHING = Markup("")
_VOID = frozenset({"input", "br", "hr", "img"})


def html(tag: str, *children: str | Markup, **attributes: object) -> Markup:
    """One element: ``html("input", type="tel", data_part="input")`` (``_`` becomes ``-``).

    Text children and attribute values are escaped; True writes a bare attribute, False and
    None leave it out.
    """
    attrs = Markup("").join(
        Markup(" {}").format(name.rstrip("_").replace("_", "-"))
        if value is True
        else Markup(' {}="{}"').format(name.rstrip("_").replace("_", "-"), value)
        for name, value in attributes.items()
        if value is not None and value is not False
    )
    if tag in _VOID:
        return Markup("<{}{}>").format(tag, attrs)
    return Markup("<{tag}{attrs}>{inner}</{tag}>").format(
        tag=tag, attrs=attrs, inner=Markup("").join(children)
    )


def widget_id(name: str) -> str:
    """A page-unique id prefix for one widget, such as ``number-checker-3``."""
    return f"{name}-{next(_ids)}"


def widget(
    name: str,
    prefix: str,
    *,
    title: str,
    fallback: str | Markup,
    controls: Markup,
    result: Markup = NOTHING,
    data: Mapping[str, object] | None = None,
    what: str | None = None,
    status: bool = True,
    always: Markup = NOTHING,
    markdown: bool = False,
) -> Markup:
    """The whole widget: title, fallback, `controls`, the status line, then `result`.

    `data` adds ``data-*`` attributes to the root; `what` names the widget in its status
    line ("Getting the report builder ready…"; the default is "checker"); `status=False`
    leaves the status line out (a widget without Python); a widget with Python is marked
    ``data-python``, so the page starts the runtime as it loads (overrides/main.html).
    `always` follows the controls and
    shows with and without JavaScript; `markdown` lets Markdown inside it be rendered
    (md_in_html).

    The root is a ``<section>`` holding none: Material's search skips an element marked
    ``data-search-exclude`` only until the first closing tag of the same name inside it.
    """
    attributes = dict(data or {})
    if what:
        attributes["what"] = what
    data_html = Markup("").join(
        Markup(' data-{}="{}"').format(key.replace("_", "-"), value)
        for key, value in attributes.items()
    )
    return Markup(
        '<section class="sms-widget sms-widget--{name}" data-widget="{name}" id="{p}" '
        'role="group" aria-labelledby="{p}-title" data-search-exclude{python}{data}{md}>'
        '<p class="sms-widget__title" id="{p}-title"><strong>{title}</strong></p>'
        '<p class="sms-widget__fallback" data-part="fallback">{fallback}</p>'
        '<div class="sms-widget__controls" data-part="controls" hidden>'
        "{controls}{status}{result}</div>{always}</section>"
    ).format(
        md=Markup(' markdown="1"') if markdown else "",
        python=Markup(" data-python") if status else "",
        always=always,
        name=name,
        p=prefix,
        data=data_html,
        title=title,
        fallback=fallback,
        controls=controls,
        status=status_line(prefix) if status else Markup(""),
        result=result,
    )


def status_line(prefix: str) -> Markup:
    """The status line: what the runtime is doing, or why it failed, with Retry."""
    return Markup(
        '<p class="sms-widget__status" id="{p}-status" role="status">'
        '<span class="sms-widget__status-text" data-part="status-text"></span> '
        '<button type="button" class="md-button sms-widget__retry" data-part="retry" hidden>'
        "Retry</button></p>"
    ).format(p=prefix)


def field(
    control_id: str, label: str | Markup, control: Markup, *, hint: str | Markup | None = None
) -> Markup:
    """A labelled control with an optional hint (the control names ``{control_id}-hint``)."""
    hint_html = (
        Markup('<p class="sms-widget__hint" id="{}-hint">{}</p>').format(control_id, hint)
        if hint
        else Markup("")
    )
    return Markup(
        '<div class="sms-widget__field"><label for="{id}">{label}</label>{hint}{control}</div>'
    ).format(id=control_id, label=label, hint=hint_html, control=control)


def control(
    prefix: str,
    part: str,
    label: str | Markup,
    *,
    tag: str = "input",
    hint: str | Markup | None = None,
    content: Markup = NOTHING,
    described_by: str = "",
    **attributes: object,
) -> Markup:
    """A labelled control the script finds by `part`, with id ``{prefix}-{part}``.

    `hint` is shown under the label and describes the control, as does the element whose
    id is in `described_by`; `content` goes inside (a select's options).
    """
    control_id = f"{prefix}-{part}"
    described = " ".join(filter(None, [f"{control_id}-hint" if hint else "", described_by]))
    element = html(
        tag,
        content,
        id=control_id,
        data_part=part,
        aria_describedby=described or None,
        **attributes,
    )
    return field(control_id, label, element, hint=hint)


def button(
    part: str,
    label: str,
    *,
    primary: bool = False,
    hidden: bool = False,
    disabled: bool = False,
    kind: str = "button",
) -> Markup:
    """A button the script finds by `part`; a primary one is Material's filled button."""
    classes = "md-button md-button--primary" if primary else "md-button"
    return Markup('<button type="{}" class="{}" data-part="{}"{}{}>{}</button>').format(
        kind,
        classes,
        part,
        Markup(" hidden") if hidden else "",
        Markup(" disabled") if disabled else "",
        label,
    )


def actions(*buttons: Markup) -> Markup:
    """A row of buttons."""
    return Markup('<p class="sms-widget__actions">{}</p>').format(Markup(" ").join(buttons))


__all__ = [
    "actions",
    "button",
    "control",
    "field",
    "html",
    "status_line",
    "widget",
    "widget_id",
]
