"""The report builder widget: `report_builder(kind)`.

The form is written at build time from checkers/data/support.toml (`load_spec()`): every
question of the kind, in order, with its label, help, required mark and control. It starts
closed behind "Write a report for support" (a disclosure button); docs/javascripts/
report-builder.js opens it, keeps the draft in sessionStorage, asks `checkers` (op
"build_report", in the reader's browser) about the answers and shows what it returns: the
errors, the numbers that can never receive SMS, "Check your answers", then the report with
Copy, Download, a link to the channel and what happens next. Every sentence about the
answers comes from checkers; the guide's own words are here.

Without JavaScript the form stays hidden and the guide's "please include" list for the kind
shows instead, with the way to reach the channel.
"""

from __future__ import annotations

from markupsafe import Markup

from checkers import KEEP_NUMBERS, Channel, Field, Kind, Spec, load_spec
from checkers._internal.dates import EXAMPLES
from checkers._internal.zones import ZONE_DAYS_AHEAD, ZONE_DAYS_BACK
from macros._content import MacroError, channel_name, include_list, reach
from macros._regions import SITE, SiteRegions
from macros._shell import NOTHING, actions, button, html, widget, widget_id

PHONE_LIST_HINT = (
    "One per line: the name, a comma, then the mobile number. For example: Jane Smith, 07400 123456"
)
DATETIME_HINT = f"For example: {EXAMPLES}."
REQUIRED = Markup(' <span class="report-builder__required">(required)</span>')
_CONTROLS = {  # field type -> (tag, attributes) of its control
    "text": ("input", {"type": "text"}),
    "datetime": ("input", {"type": "text", "class_": "report-builder__datetime"}),
    "phone": ("input", {"type": "tel", "inputmode": "tel"}),
    "long_text": ("textarea", {"rows": "4"}),
    "phone_list": ("textarea", {"rows": "4", "spellcheck": "false"}),
}


def _kind(kind: str, spec: Spec) -> Kind:
    if not isinstance(kind, str):
        kind = repr(kind)
    try:
        return spec.kind(kind)
    except ValueError as error:
        msg = f"report_builder({kind!r}): {error}"
        raise MacroError(msg) from None


def _hint(control: str, field: Field) -> tuple[Markup, list[str]]:
    """The field's help (and the generic hint of phone lists and dates): HTML, ids."""
    texts = [field.help] if field.help else []
    if field.type == "phone_list" and not field.help:
        texts.append(PHONE_LIST_HINT)
    if field.type == "datetime":
        texts.append(DATETIME_HINT)
    if not texts:
        return NOTHING, []
    hint_id = f"{control}-hint"
    return html("p", " ".join(texts), class_="sms-widget__hint", id=hint_id), [hint_id]


def _messages(control: str, field: Field) -> Markup:
    """The (empty, hidden) error slot of a field, and a phone field's number warnings."""
    error = html(
        "p",
        class_="report-builder__error",
        id=f"{control}-error",
        data_part="field-error",
        hidden=True,
    )
    if not field.type.startswith("phone"):
        return error
    return error + html(
        "div",
        html("p", "Numbers that can never receive SMS:", class_="report-builder__warning-title"),
        html("ul", data_part="field-warning-list"),
        class_="report-builder__warning",
        id=f"{control}-warning",
        data_part="field-warning",
        hidden=True,
    )


def _choices(control: str, field: Field, spec: Spec) -> Markup:
    """The radio buttons of a choice, or the tick boxes of the guide's steps."""
    if field.type == "choice":
        items, kind = [(o.value, o.label) for o in field.options], "radio"
    else:
        items, kind = [(s.id, s.label) for s in spec.steps], "checkbox"
    return html(
        "div",
        *(
            html(
                "div",
                html(
                    "input",
                    type=kind,
                    id=f"{control}-{n}" if n else control,
                    name=control,
                    value=value,
                ),
                html("label", label, for_=f"{control}-{n}" if n else control),
                class_="report-builder__option",
            )
            for n, (value, label) in enumerate(items)
        ),
        class_=f"report-builder__options report-builder__options--{kind}",
    )


def _field(prefix: str, field: Field, spec: Spec, shared: frozenset[str]) -> Markup:
    control = f"{prefix}-f-{field.id}"
    hint, described = _hint(control, field)
    if field.type == "datetime":
        described.append(f"{prefix}-tz")
    data = {
        "data_field": field.id,
        "data_type": field.type,
        "data_required": "true" if field.required else "false",
        "data_common": "true" if field.id in shared else "false",
        "data_label": field.label,
        "data_control": control,
        "aria_describedby": " ".join(described) or None,
    }
    label = Markup("{}{}").format(field.label, REQUIRED if field.required else NOTHING)
    if field.type in ("choice", "steps"):
        return html(
            "fieldset",
            html("legend", label, class_="report-builder__legend"),
            hint,
            _messages(control, field),
            _choices(control, field, spec),
            class_="report-builder__field",
            **data,
        )
    tag, attributes = _CONTROLS[field.type]
    classes = " ".join(filter(None, ["report-builder__input", attributes.get("class_")]))
    attrs = {k: v for k, v in attributes.items() if k != "class_"}
    answer = html(
        tag,
        id=control,
        name=control,
        class_=classes,
        autocomplete="off",
        aria_describedby=data.pop("aria_describedby"),
        **attrs,
    )
    if field.type == "datetime":
        answer += html(
            "p",
            html("label", "Or choose it:", for_=f"{control}-picker"),
            " ",
            html(
                "input",
                type="datetime-local",
                id=f"{control}-picker",
                data_picker="true",
                step="60",
            ),
            class_="report-builder__picker",
        )
    return html(
        "div",
        html("label", label, for_=control),
        hint,
        _messages(control, field),
        answer,
        class_="sms-widget__field report-builder__field",
        **data,
    )


def _stage(
    prefix: str, part: str, title: str, *content: Markup, tag: str = "div", **attributes: object
) -> Markup:
    """One stage of the builder: its focusable title, then `content`."""
    return html(
        tag,
        html(
            "p",
            html("strong", title),
            class_="report-builder__stage-title",
            id=f"{prefix}-{part}-title",
            data_part=f"{part}-title",
            tabindex="-1",
        ),
        *content,
        class_=f"report-builder__{part}",
        id=f"{prefix}-{part}",
        data_part=part,
        hidden=part != "form",
        **attributes,
    )


def _numbers(prefix: str) -> Markup:
    """The review's box for numbers that can never receive SMS: change them, or keep them."""
    return html(
        "div",
        html("p", html("strong", data_part="numbers-title"), id=f"{prefix}-numbers-title"),
        html("ul", data_part="numbers-list"),
        html(
            "p",
            class_="report-builder__error",
            id=f"{prefix}-numbers-error",
            data_part="numbers-error",
            tabindex="-1",
            hidden=True,
        ),
        html(
            "div",
            html(
                "input",
                type="checkbox",
                id=f"{prefix}-keep",
                data_part="keep",
                aria_describedby=f"{prefix}-numbers-error",
            ),
            html("label", KEEP_NUMBERS[1], for_=f"{prefix}-keep", data_part="keep-label"),
            class_="report-builder__option",
        ),
        class_="report-builder__numbers",
        data_part="numbers",
        role="group",
        aria_labelledby=f"{prefix}-numbers-title",
        hidden=True,
    )


def _final(prefix: str, found: Channel) -> Markup:
    steps = html("ol", *(html("li", step) for step in found.next)) if found.next else NOTHING
    next_ = html(
        "div",
        html("p", html("strong", "What happens next"), id=f"{prefix}-next-title"),
        steps,
        class_="report-builder__next",
        data_part="next",
        role="region",
        aria_labelledby=f"{prefix}-next-title",
        hidden=True,
    )
    return _stage(
        prefix,
        "final",
        "Your report is ready",
        html(
            "p",
            "Copy it or download it, then send it to the ",
            channel_name(found),
            ".",
            class_="report-builder__send-to",
        ),
        html("p", "The report", class_="report-builder__text-label", id=f"{prefix}-text-label"),
        html(
            "pre",
            class_="report-builder__text",
            data_part="text",
            tabindex="0",
            role="region",
            aria_labelledby=f"{prefix}-text-label",
        ),
        html(
            "p",
            class_="sms-widget__actions",
            data_part="output",
            data_copy="Copy report",
            data_download="Download (.txt)",
        ),
        reach(found),
        next_,
        actions(button("back", "Back to your answers")),
    )


def _panel(prefix: str, found: Channel, fields: Markup) -> Markup:
    errors = html(
        "div",
        html(
            "p",
            html("strong", "There is a problem"),
            class_="report-builder__error-title",
            id=f"{prefix}-errors-title",
        ),
        html("ul", class_="report-builder__error-list", data_part="error-list"),
        class_="report-builder__error-summary",
        id=f"{prefix}-errors",
        data_part="errors",
        role="alert",
        tabindex="-1",
        aria_labelledby=f"{prefix}-errors-title",
        hidden=True,
    )
    zone = html(
        "p",
        "Dates and times are read in your time zone: ",
        html("span", data_part="tz-name"),
        ".",
        class_="sms-widget__hint report-builder__tz",
        id=f"{prefix}-tz",
    )
    forget = html(
        "div",
        actions(button("forget", "Forget my answers")),
        html(
            "div",
            html(
                "p",
                html("strong", "Forget every answer?"),
                " This removes from this browser tab your answers to every report, the "
                "guide's ticked boxes and the start page's answers. They cannot be brought back.",
                id=f"{prefix}-confirm-text",
                data_part="confirm-text",
                tabindex="-1",
            ),
            actions(
                button("forget-yes", "Yes, forget my answers"),
                button("forget-no", "Keep my answers"),
            ),
            class_="report-builder__confirm",
            id=f"{prefix}-confirm",
            data_part="confirm",
            role="group",
            aria_labelledby=f"{prefix}-confirm-text",
            hidden=True,
        ),
        class_="report-builder__forget-box",
    )
    return html(
        "div",
        html(
            "p",
            "This report goes to the ",
            channel_name(found),
            ". Nothing you type leaves this "
            "browser until you send it yourself: your answers are kept in this tab only, until "
            "you close it or choose Forget my answers.",
            class_="report-builder__channel",
        ),
        html(
            "p",
            class_="sms-widget__visually-hidden",
            id=f"{prefix}-announce",
            data_part="announce",
            aria_live="polite",
            data_say_review="Check your answers.",
            data_say_final="Your report is ready.",
            data_say_forgotten="Your answers have been forgotten.",
            data_say_waiting="Your answers will be checked as soon as the report builder is ready.",
        ),
        html(
            "p",
            "Your answers could not be saved in this browser (its storage is full or turned "
            "off), so they will be lost if you leave or reload the page.",
            class_="sms-widget__note report-builder__unsaved",
            data_part="unsaved",
            role="alert",
            hidden=True,
        ),
        # No accessible name: two builders on a page must not make two same-named landmarks.
        _stage(
            prefix,
            "form",
            "Your answers",
            errors,
            zone,
            fields,
            actions(button("continue", "Continue", primary=True, kind="submit")),
            tag="form",
            novalidate=True,
        ),
        _stage(
            prefix,
            "review",
            "Check your answers",
            _numbers(prefix),
            html("p", class_="sms-widget__note", data_part="cleaned", hidden=True),
            html(
                "dl",
                class_="report-builder__summary",
                data_part="summary",
                data_change="Change",
                data_change_hint=" your answer to: ",
            ),
            actions(button("create", "Create report", primary=True)),
        ),
        _final(prefix, found),
        forget,
        class_="report-builder__panel",
        id=f"{prefix}-panel",
        data_part="panel",
        hidden=True,
    )


def report_builder(kind: str, *, site: SiteRegions = SITE, spec: Spec | None = None) -> Markup:
    """The report form for `kind` (a [kinds.*] id in support.toml), closed until asked for.

    `site` gives the region for phone numbers typed without a country code
    (mkdocs.yml `extra.default_region`); `spec` replaces support.toml (for tests).
    """
    spec = spec or load_spec()
    found = _kind(kind, spec)
    region = site.default
    channel = spec.channel(found.channel)
    p = widget_id("report-builder")
    shared = frozenset(f.id for f in spec.common_fields if f.shared)
    fields = Markup("").join(_field(p, f, spec, shared) for f in found.fields)
    opener = html(
        "button",
        "Write a report for support",
        type="button",
        class_="md-button md-button--primary report-builder__open-form",
        data_part="open",
        aria_expanded="false",
        aria_controls=f"{p}-panel",
    )
    fallback = html(
        "div",
        include_list(found.id, found.fields),
        reach(channel),
        class_="report-builder__fallback",
    )
    return widget(
        "report-builder",
        p,
        title=f"Report: {found.title}",
        fallback=Markup(
            "The report form needs JavaScript, which is off or not available in this browser. "
            "Send the {} the answers to these questions:"
        ).format(channel_name(channel)),
        controls=html(
            "p",
            "The form asks what support needs, checks your answers and writes the report for you "
            "to send to the ",
            channel_name(channel),
            ".",
            class_="report-builder__intro",
        )
        + html("p", opener),
        result=_panel(p, channel, fields),
        always=fallback,
        data={
            "kind": found.id,
            "default_region": region,
            "channel": channel.key,
            "zone_span": f"{ZONE_DAYS_BACK},{ZONE_DAYS_AHEAD}",
        },
        what="report builder",
    )


__all__ = ["DATETIME_HINT", "PHONE_LIST_HINT", "report_builder"]
