"""The escalation report builder widget: `report_builder(kind)`.

The form is written at build time from checkers/data/support.toml (`load_spec()`): every
question of the kind (the common questions included) with its label, help text, required
mark and the right control. docs/javascripts/report-builder.js mounts on it: it keeps the
draft in sessionStorage, asks `checkers` (op "build_report", in the reader's browser) whether
the answers are complete, shows a check-your-answers page and then the finished text.
Validation is checkers' alone; the form only collects the answers.

Without JavaScript the form stays hidden and a sentence sends the reader to the guide's
own list of what to include.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from markupsafe import Markup

from checkers import Field, Kind, Spec, load_spec
from macros._content import MacroError
from macros._widgets import check_region

_ids: Iterator[int] = itertools.count(1)

PHONE_LIST_HINT = (
    "One per line: the name, a comma, then the mobile number. For example: Jane Smith, 07400 123456"
)
DATETIME_HINT = "Day/month/year and time, for example 28/11/2026 14:05."
REQUIRED = Markup(' <span class="report-builder__required">(required)</span>')


def _kind(kind: str, spec: Spec) -> Kind:
    if not isinstance(kind, str):
        kind = repr(kind)
    try:
        return spec.kind(kind)
    except ValueError as error:
        msg = f"report_builder({kind!r}): {error}"
        raise MacroError(msg) from None


def _hint(prefix: str, field: Field) -> tuple[Markup, list[str]]:
    """The field's help text (and a generic hint for phone lists and dates): HTML, ids."""
    texts = [field.help] if field.help else []
    if field.type == "phone_list" and not field.help:
        texts.append(PHONE_LIST_HINT)
    if field.type == "datetime" and "28/11/2026" not in field.help:
        texts.append(DATETIME_HINT)
    if not texts:
        return Markup(""), []
    hint_id = f"{prefix}-hint"
    html = Markup('<p class="sms-widget__hint report-builder__hint" id="{}">{}</p>').format(
        hint_id, " ".join(texts)
    )
    return html, [hint_id]


def _messages(control: str) -> Markup:
    """The (empty, hidden) error and warning slots of a field, filled by the script."""
    return Markup(
        '<p class="report-builder__error" id="{c}-error" hidden></p>'
        '<div class="report-builder__warning" id="{c}-warning" hidden></div>'
    ).format(c=control)


def _field(prefix: str, field: Field, spec: Spec, common: frozenset[str]) -> Markup:
    control = f"{prefix}-f-{field.id}"
    hint, described = _hint(control, field)
    if field.type == "datetime":
        described.append(f"{prefix}-tz")
    attrs = Markup(
        'data-field="{id}" data-type="{type}" data-required="{req}" data-common="{common}" '
        'data-label="{label}" data-control="{control}"'
    ).format(
        id=field.id,
        type=field.type,
        req="true" if field.required else "false",
        common="true" if field.id in common else "false",
        label=field.label,
        control=control,
    )
    mark = REQUIRED if field.required else Markup("")
    describedby = " ".join(described)
    if field.type in ("choice", "steps"):
        if field.type == "choice":
            items = [(o.value, o.label) for o in field.options]
            input_type, cls = "radio", "report-builder__options--radios"
        else:
            items = [(s.id, s.label) for s in spec.steps]
            input_type, cls = "checkbox", "report-builder__options--checkboxes"
        options = Markup("").join(
            Markup(
                '<div class="report-builder__option">'
                '<input type="{t}" id="{c}" name="{n}" value="{v}" disabled>'
                '<label for="{c}">{label}</label></div>'
            ).format(
                t=input_type,
                c=control if n == 0 else f"{control}-{n}",
                n=control,
                v=value,
                label=label,
            )
            for n, (value, label) in enumerate(items)
        )
        return Markup(
            '<fieldset class="report-builder__field" {attrs}{desc}>'
            '<legend class="report-builder__legend">{label}{mark}</legend>{hint}{messages}'
            '<div class="report-builder__options {cls}">{options}</div></fieldset>'
        ).format(
            attrs=attrs,
            desc=Markup(' aria-describedby="{}"').format(describedby) if describedby else "",
            label=field.label,
            mark=mark,
            hint=hint,
            messages=_messages(control),
            cls=cls,
            options=options,
        )
    desc = Markup(' aria-describedby="{}"').format(describedby) if describedby else ""
    if field.type == "phone_list":
        widget = Markup(
            '<textarea id="{c}" name="{c}" class="report-builder__input report-builder__phones" '
            'rows="4" autocomplete="off" spellcheck="false"{desc} disabled></textarea>'
        ).format(c=control, desc=desc)
    else:
        widget = Markup(
            '<input type="text" id="{c}" name="{c}" class="report-builder__input{extra}" '
            'autocomplete="off"{desc} disabled>'
        ).format(
            c=control,
            desc=desc,
            extra=" report-builder__datetime" if field.type == "datetime" else "",
        )
    return Markup(
        '<div class="sms-widget__field report-builder__field" {attrs}>'
        '<label for="{c}">{label}{mark}</label>{hint}{messages}{widget}</div>'
    ).format(
        attrs=attrs,
        c=control,
        label=field.label,
        mark=mark,
        hint=hint,
        messages=_messages(control),
        widget=widget,
    )


def report_builder(kind: str, *, default_region: str = "GB", spec: Spec | None = None) -> Markup:
    """The report form for `kind` (a [kinds.*] id in support.toml).

    `default_region` is the region for phone numbers typed without a country code
    (mkdocs.yml `extra.default_region`); `spec` replaces support.toml (for tests).
    """
    spec = spec or load_spec()
    found = _kind(kind, spec)
    region = check_region(default_region, "extra.default_region in mkdocs.yml")
    channel = spec.channel(found.channel)
    prefix = f"report-builder-{next(_ids)}"
    common = frozenset(f.id for f in spec.common_fields)
    fields = Markup("").join(_field(prefix, f, spec, common) for f in found.fields)
    return Markup(
        '<div class="sms-widget report-builder" data-widget="report-builder" id="{p}" '
        'data-kind="{kind}" data-default-region="{region}" data-channel="{ck}" '
        'data-channel-name="{cn}" role="group" aria-labelledby="{p}-title">'
        '<p class="sms-widget__title report-builder__title" id="{p}-title">'
        "<strong>Write your report: {title}</strong></p>"
        '<p class="report-builder__fallback">The report form needs JavaScript, which is off or '
        "not available in this browser. Contact the {cn} yourself with the details this part "
        "of the guide asks for.</p>"
        '<div class="report-builder__body" hidden>'
        '<p class="report-builder__channel">This report goes to the <strong>{cn}</strong>. '
        "Nothing you type leaves this browser until you send it yourself.</p>"
        '<p class="report-builder__status sms-widget__status" id="{p}-status" role="status">'
        '<span class="sms-widget__status-text report-builder__status-text"></span> '
        '<button type="button" class="md-button report-builder__retry" hidden>Retry</button>'
        "</p>"
        '<p class="report-builder__announce" id="{p}-announce" aria-live="polite"></p>'
        # Stage 1: the form
        # No accessible name: two builders on a page must not make two same-named landmarks.
        '<form class="report-builder__form" id="{p}-form" novalidate>'
        '<p class="report-builder__stage-title" id="{p}-form-title" tabindex="-1">'
        "<strong>Your answers</strong></p>"
        '<div class="report-builder__error-summary" id="{p}-errors" role="alert" '
        'tabindex="-1" aria-labelledby="{p}-errors-title" hidden>'
        '<p class="report-builder__error-title" id="{p}-errors-title">'
        "<strong>There is a problem</strong></p>"
        '<ul class="report-builder__error-list"></ul></div>'
        '<p class="sms-widget__hint report-builder__tz" id="{p}-tz"></p>'
        "{fields}"
        '<p class="report-builder__actions">'
        '<button type="submit" class="md-button report-builder__continue" disabled>'
        "Continue</button></p>"
        "</form>"
        # Stage 2: check your answers
        '<div class="report-builder__review" id="{p}-review" hidden>'
        '<p class="report-builder__stage-title" id="{p}-review-title" tabindex="-1">'
        "<strong>Check your answers</strong></p>"
        '<div class="report-builder__review-warnings" hidden></div>'
        '<dl class="report-builder__summary"></dl>'
        '<p class="report-builder__actions">'
        '<button type="button" class="md-button report-builder__create">Create report</button>'
        "</p></div>"
        # Stage 3: the finished report
        '<div class="report-builder__final" id="{p}-final" hidden>'
        '<p class="report-builder__stage-title" id="{p}-final-title" tabindex="-1">'
        "<strong>Your report is ready</strong></p>"
        '<p class="report-builder__send-to">Copy it or download it, then send it to the '
        "<strong>{cn}</strong>.</p>"
        '<div class="sms-widget__field">'
        '<label for="{p}-text">The report</label>'
        '<textarea id="{p}-text" class="report-builder__text" rows="12" readonly></textarea>'
        "</div>"
        '<p class="report-builder__actions report-builder__output"></p>'
        '<p class="report-builder__actions">'
        '<button type="button" class="md-button report-builder__back">'
        "Back to your answers</button></p>"
        "</div>"
        # Forget, on every stage
        '<div class="report-builder__forget-box">'
        '<p class="report-builder__actions">'
        '<button type="button" class="md-button report-builder__forget" disabled>'
        "Forget my answers</button></p>"
        '<div class="report-builder__confirm" id="{p}-confirm" role="group" '
        'aria-labelledby="{p}-confirm-text" hidden>'
        '<p id="{p}-confirm-text" tabindex="-1"><strong>Forget every answer in this form?'
        "</strong> They are removed from this browser and cannot be brought back. The "
        "answers to the questions every report asks are forgotten on every page.</p>"
        '<p class="report-builder__actions">'
        '<button type="button" class="md-button report-builder__forget-yes">'
        "Yes, forget my answers</button> "
        '<button type="button" class="md-button report-builder__forget-no">'
        "Keep my answers</button></p>"
        "</div></div>"
        "</div>"
        "</div>"
    ).format(
        p=prefix,
        kind=found.id,
        region=region,
        ck=channel.key,
        cn=channel.name,
        title=found.title,
        fields=fields,
    )


__all__ = ["DATETIME_HINT", "PHONE_LIST_HINT", "report_builder"]
