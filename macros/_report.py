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

from markupsafe import Markup

from checkers import Field, Kind, Spec, load_spec
from macros._content import MacroError
from macros._regions import SITE, SiteRegions
from macros._shell import actions, button, widget, widget_id

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
        '<p class="report-builder__error" id="{c}-error" data-part="field-error" hidden></p>'
        '<div class="report-builder__warning" id="{c}-warning" data-part="field-warning" '
        "hidden></div>"
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
                '<input type="{t}" id="{c}" name="{n}" value="{v}">'
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
            'rows="4" autocomplete="off" spellcheck="false"{desc}></textarea>'
        ).format(c=control, desc=desc)
    else:
        widget = Markup(
            '<input type="text" id="{c}" name="{c}" class="report-builder__input{extra}" '
            'autocomplete="off"{desc}>'
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


def report_builder(kind: str, *, site: SiteRegions = SITE, spec: Spec | None = None) -> Markup:
    """The report form for `kind` (a [kinds.*] id in support.toml).

    `site` gives the region for phone numbers typed without a country code
    (mkdocs.yml `extra.default_region`); `spec` replaces support.toml (for tests).
    """
    spec = spec or load_spec()
    found = _kind(kind, spec)
    region = site.default
    channel = spec.channel(found.channel)
    p = widget_id("report-builder")
    common = frozenset(f.id for f in spec.common_fields)
    fields = Markup("").join(_field(p, f, spec, common) for f in found.fields)
    stages = Markup(
        '<p class="report-builder__channel">This report goes to the <strong>{cn}</strong>. '
        "Nothing you type leaves this browser until you send it yourself: your answers are "
        "kept in this tab only, until you close it or choose Forget my answers.</p>"
        '<p class="sms-widget__visually-hidden" id="{p}-announce" data-part="announce" '
        'aria-live="polite"></p>'
        '<p class="sms-widget__note report-builder__unsaved" data-part="unsaved" role="alert" '
        "hidden>Your answers could not be saved in this browser (its storage is full or "
        "turned off), so they will be lost if you leave or reload the page.</p>"
        # Stage 1: the form
        # No accessible name: two builders on a page must not make two same-named landmarks.
        '<form class="report-builder__form" id="{p}-form" data-part="form" novalidate>'
        '<p class="report-builder__stage-title" id="{p}-form-title" data-part="form-title" '
        'tabindex="-1"><strong>Your answers</strong></p>'
        '<div class="report-builder__error-summary" id="{p}-errors" data-part="errors" '
        'role="alert" tabindex="-1" aria-labelledby="{p}-errors-title" hidden>'
        '<p class="report-builder__error-title" id="{p}-errors-title">'
        "<strong>There is a problem</strong></p>"
        '<ul class="report-builder__error-list" data-part="error-list"></ul></div>'
        '<p class="sms-widget__hint report-builder__tz" id="{p}-tz" data-part="tz"></p>'
        "{fields}{continue_}"
        "</form>"
        # Stage 2: check your answers
        '<div class="report-builder__review" id="{p}-review" data-part="review" hidden>'
        '<p class="report-builder__stage-title" id="{p}-review-title" data-part="review-title" '
        'tabindex="-1"><strong>Check your answers</strong></p>'
        '<div class="report-builder__review-warnings" data-part="review-warnings" hidden></div>'
        '<p class="sms-widget__note" data-part="cleaned" hidden></p>'
        '<dl class="report-builder__summary" data-part="summary"></dl>'
        "{create}</div>"
        # Stage 3: the finished report
        '<div class="report-builder__final" id="{p}-final" data-part="final" hidden>'
        '<p class="report-builder__stage-title" id="{p}-final-title" data-part="final-title" '
        'tabindex="-1"><strong>Your report is ready</strong></p>'
        '<p class="report-builder__send-to">Copy it or download it, then send it to the '
        "<strong>{cn}</strong>.</p>"
        '<p class="report-builder__text-label" id="{p}-text-label">The report</p>'
        '<pre class="report-builder__text" data-part="text" tabindex="0" role="region" '
        'aria-labelledby="{p}-text-label"></pre>'
        '<p class="sms-widget__actions" data-part="output"></p>'
        "{back}</div>"
        # Forget, on every stage
        '<div class="report-builder__forget-box">{forget}'
        '<div class="report-builder__confirm" id="{p}-confirm" data-part="confirm" role="group" '
        'aria-labelledby="{p}-confirm-text" hidden>'
        '<p id="{p}-confirm-text" data-part="confirm-text" tabindex="-1"><strong>Forget every '
        "answer?</strong> This removes from this browser tab your answers to every report, the "
        "guide's ticked boxes and the start page's answers. They cannot be brought back.</p>"
        "{confirm}</div></div>"
    ).format(
        p=p,
        cn=channel.name,
        fields=fields,
        continue_=actions(button("continue", "Continue", primary=True, kind="submit")),
        create=actions(button("create", "Create report", primary=True)),
        back=actions(button("back", "Back to your answers")),
        forget=actions(button("forget", "Forget my answers")),
        confirm=actions(
            button("forget-yes", "Yes, forget my answers"), button("forget-no", "Keep my answers")
        ),
    )
    return widget(
        "report-builder",
        p,
        title=f"Write your report: {found.title}",
        fallback=Markup(
            "The report form needs JavaScript, which is off or not available in this browser. "
            "Contact the {} yourself with the details this part of the guide asks for."
        ).format(channel.name),
        controls=Markup(""),
        result=stages,
        data={
            "kind": found.id,
            "default_region": region,
            "channel": channel.key,
            "channel_name": channel.name,
        },
        what="report builder",
    )


__all__ = ["DATETIME_HINT", "PHONE_LIST_HINT", "report_builder"]
