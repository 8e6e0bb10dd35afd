"""The start page's triage: a few questions that point the reader to the check to start with.

The routes are data (checkers/data/triage.toml); the questions, their answers and the
answers' labels come from support.toml's report fields and the checks are the guide's
[[steps]], so nothing is written twice. The macro writes Markdown-in-HTML (md_in_html):
every route is a Markdown link to `<page>.md#<step id>`, which MkDocs rewrites for the
page and the strict build checks (a route to a missing page or anchor stops the build).

Without JavaScript the reader sees every situation as a list of plain links. With it,
docs/javascripts/triage.js shows the questions as radio buttons, picks the route of the
answers and remembers them in sessionStorage ("sms-help.triage") for the report builder.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from markupsafe import Markup, escape

from checkers import Field, Spec, Step, load_spec
from macros._content import MacroError
from macros._shell import widget, widget_id

SOURCE = "checkers/data/triage.toml"
UNSURE = "unsure"
"""The value of every question's "Not sure" answer (the direction has none)."""
ANSWER_KEYS = ("direction", "users_affected", "applicants_affected")
"""The answer keys of the sessionStorage contract (docs/javascripts/widget-kit.js)."""
DIRECTION = "direction"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


@dataclass(frozen=True)
class Question:
    """One triage question: the answer key and the support.toml field that asks it."""

    key: str
    """The answer's key in sessionStorage "sms-help.triage" (see `ANSWER_KEYS`)."""
    field: Field


@dataclass(frozen=True)
class Route:
    """Where a set of answers leads: the step to start with and the steps after it."""

    when: dict[str, tuple[str, ...]]
    start: Step
    then: tuple[Step, ...]
    why: str

    def matches(self, answers: dict[str, str]) -> bool:
        """True if every answer the route names is given and is one of its values."""
        return all(answers.get(key) in values for key, values in self.when.items())


@dataclass(frozen=True)
class Triage:
    """The questions and the routes, validated against support.toml."""

    questions: tuple[Question, ...]
    routes: tuple[Route, ...]

    def question(self, key: str) -> Question:
        """The question whose answer key is `key`."""
        return next(q for q in self.questions if q.key == key)

    def route(self, answers: dict[str, str]) -> Route | None:
        """The first route matching `answers`, or None (no direction answered yet)."""
        return next((r for r in self.routes if r.matches(answers)), None)

    def flow(self) -> dict[str, dict[str, object]]:
        """What to do after each sequence of answers: ask the next question that matters, or
        show the route. Keys are the answers so far, "direction=sending|users_affected=one"
        ("" before any); ``unsure`` stands for "Not sure". A question matters when some of
        its answers lead to other routes than others, whatever comes after: one that does
        not is never asked, so a route, once shown, is the reader's answer."""
        table: dict[str, dict[str, object]] = {}
        self._fill(table, [], list(self.questions))
        return table

    def _fill(
        self,
        table: dict[str, dict[str, object]],
        given: list[tuple[str, str]],
        remaining: list[Question],
    ) -> None:
        key = "|".join(f"{k}={v}" for k, v in given)
        answers = {k: v for k, v in given if v != UNSURE}
        for position, question in enumerate(remaining):
            later = remaining[position + 1 :]
            if question.key == DIRECTION or self._matters(question, answers, later):
                table[key] = {"ask": question.key}
                choices = [o.value for o in question.field.options]
                for value in choices if question.key == DIRECTION else [*choices, UNSURE]:
                    self._fill(table, [*given, (question.key, value)], later)
                return
        route = self.route(answers)
        assert route is not None
        table[key] = {"route": self.routes.index(route)}

    def _matters(self, question: Question, answers: dict[str, str], later: list[Question]) -> bool:
        outcomes = []
        for value in [None, *(o.value for o in question.field.options)]:
            given = dict(answers) if value is None else {**answers, question.key: value}
            outcomes.append(frozenset(self._reachable(given, later)))
        return len(set(outcomes)) > 1

    def _reachable(self, answers: dict[str, str], later: list[Question]) -> set[int]:
        routes = (self.route(given) for given in _completions(answers, later))
        return {self.routes.index(route) for route in routes if route}


def _completions(answers: dict[str, str], questions: list[Question]) -> Iterator[dict[str, str]]:
    """Every way `answers` can go on through `questions`, each answered or left unanswered."""
    if not questions:
        yield answers
        return
    first, rest = questions[0], questions[1:]
    for value in [None, *(o.value for o in first.field.options)]:
        yield from _completions(answers if value is None else {**answers, first.key: value}, rest)


def load_triage(text: str | None = None, spec: Spec | None = None) -> Triage:
    """Read triage.toml (or `text`) and check it against support.toml (or `spec`).

    Every mistake is a MacroError that names the place in triage.toml and what to write.
    """
    if text is None:
        text = resources.files("checkers").joinpath("data/triage.toml").read_text("utf-8")
    spec = spec or load_spec()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{SOURCE} is not valid TOML: {error}. Check quotes and brackets on that line."
        raise MacroError(msg) from None
    _only_keys(data, SOURCE, {"questions", "routes"})
    questions = _questions(data.get("questions"), spec)
    raw_routes = data.get("routes")
    if not isinstance(raw_routes, list) or not raw_routes:
        msg = f"{SOURCE}: add at least one [[routes]] table."
        raise MacroError(msg)
    steps = {step.id: step for step in spec.steps}
    routes = tuple(
        _route(item, f"{SOURCE} [[routes]] number {n}", questions, steps)
        for n, item in enumerate(raw_routes, start=1)
    )
    triage = Triage(questions, routes)
    _check_every_direction_has_a_route(triage)
    return triage


def _only_keys(table: dict[str, object], where: str, allowed: set[str]) -> None:
    unknown = sorted(table.keys() - allowed)
    if unknown:
        msg = (
            f"{where}: unknown key {unknown[0]!r}; the keys allowed here are "
            f"{', '.join(sorted(allowed))}."
        )
        raise MacroError(msg)


def _questions(value: object, spec: Spec) -> tuple[Question, ...]:
    where = f"{SOURCE} [questions]"
    if not isinstance(value, dict):
        msg = f'{where} is missing: add it, e.g. users_affected = "common.users_affected".'
        raise MacroError(msg)
    if set(value) != set(ANSWER_KEYS):
        msg = f"{where}: ask exactly these answers: {', '.join(ANSWER_KEYS)}."
        raise MacroError(msg)
    questions = []
    for key, ref in value.items():
        field = _field(ref, f"{where} {key}", spec)
        questions.append(Question(key, field))
    return tuple(questions)


def _field(ref: object, where: str, spec: Spec) -> Field:
    kinds = ", ".join(["common", *(k.id for k in spec.kinds)])
    if not isinstance(ref, str) or ref.count(".") != 1:
        msg = f'{where}: write "<kind>.<field id>", where <kind> is one of {kinds}.'
        raise MacroError(msg)
    kind_id, field_id = ref.split(".")
    if kind_id == "common":
        fields = spec.common_fields
    else:
        try:
            fields = spec.kind(kind_id).fields
        except ValueError:
            msg = f"{where}: {kind_id!r} is not a report kind; write one of {kinds}."
            raise MacroError(msg) from None
    choices = [f for f in fields if f.type == "choice"]
    found = next((f for f in choices if f.id == field_id), None)
    if found is None:
        valid = ", ".join(f"{kind_id}.{f.id}" for f in choices)
        msg = f"{where}: {ref!r} is not a choice field in support.toml; write one of {valid}."
        raise MacroError(msg)
    return found


def _route(
    item: object, where: str, questions: tuple[Question, ...], steps: dict[str, Step]
) -> Route:
    if not isinstance(item, dict):
        msg = f"{where} must be a table of keys and values."
        raise MacroError(msg)
    _only_keys(item, where, {"when", "start", "then", "why"})
    when_raw = item.get("when")
    if not isinstance(when_raw, dict) or DIRECTION not in when_raw:
        msg = f'{where}: when = {{ direction = "..." }} is missing; every route names a direction.'
        raise MacroError(msg)
    by_key = {q.key: q for q in questions}
    when: dict[str, tuple[str, ...]] = {}
    for key, raw in when_raw.items():
        if key not in by_key:
            msg = f"{where}: when names {key!r}; the answers are {', '.join(by_key)}."
            raise MacroError(msg)
        values = tuple(raw) if isinstance(raw, list) else (raw,)
        allowed = [o.value for o in by_key[key].field.options]
        for value in values:
            if value not in allowed:
                msg = (
                    f"{where}: {key} = {value!r} is not an answer; write one of "
                    f"{', '.join(repr(a) for a in allowed)} (the options in support.toml)."
                )
                raise MacroError(msg)
        when[key] = values
    start = _step(item.get("start"), f"{where} start", steps)
    then_raw = item.get("then", [])
    if not isinstance(then_raw, list):
        msg = f'{where}: then must be a list of step ids, e.g. then = ["s1-check4"].'
        raise MacroError(msg)
    then = tuple(_step(s, f"{where} then", steps) for s in then_raw)
    why = item.get("why", "")
    if not isinstance(why, str):
        msg = f'{where}: why must be text in quotes, e.g. why = "..."'
        raise MacroError(msg)
    return Route(when, start, then, why.strip())


def _step(value: object, where: str, steps: dict[str, Step]) -> Step:
    step = steps.get(value) if isinstance(value, str) else None
    if step is None:
        msg = (
            f"{where}: {value!r} is not a step of the guide; write one of "
            f"{', '.join(steps)} (the [[steps]] ids in support.toml)."
        )
        raise MacroError(msg)
    if not step.page:
        msg = f'{where}: step {step.id!r} has no page in support.toml; add page = "<page>".'
        raise MacroError(msg)
    return step


def _check_every_direction_has_a_route(triage: Triage) -> None:
    """Every combination of answers, unanswered ones included, must lead somewhere."""
    others = [q for q in triage.questions if q.key != DIRECTION]
    for option in triage.question(DIRECTION).field.options:
        for answers in _completions({DIRECTION: option.value}, others):
            if triage.route(answers) is None:
                msg = (
                    f"{SOURCE}: no route for {answers}; add a last [[routes]] with "
                    f'when = {{ direction = "{option.value}" }} that catches every other case.'
                )
                raise MacroError(msg)


# --- HTML and Markdown -------------------------------------------------------------------


def _md(text: str) -> str:
    """`text` as Markdown that shows exactly that text (specials escaped, then HTML)."""
    return str(escape(_MD_SPECIAL.sub(r"\\\1", text)))


def _link(step: Step) -> str:
    return f"[{_md(step.label)}]({step.page}.md#{step.id})"


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _situation(triage: Triage, route: Route, alone: bool) -> str:
    parts = []
    for key, values in route.when.items():
        if key == DIRECTION:
            continue
        labels = {o.value: o.label for o in triage.question(key).field.options}
        words = [labels[v] for v in values]
        parts.append(" or ".join([words[0], *map(_lower_first, words[1:])]))
    if parts:
        return ", ".join([parts[0], *map(_lower_first, parts[1:])])
    return "Whoever is affected" if alone else "Not sure, or another case"


def _advice(route: Route) -> str:
    lines = [f'<p class="triage__start" markdown="span">Start with {_link(route.start)}</p>']
    if route.then:
        links = ", then ".join(_link(s) for s in route.then)
        lines.append(
            f'<p class="triage__then" markdown="span">If that does not fix it: {links}</p>'
        )
    if route.why:
        lines.append(f'<p class="triage__why" markdown="span">{_md(route.why)}</p>')
    return "\n".join(lines)


def _form(prefix: str, triage: Triage) -> str:
    fieldsets = []
    for question in triage.questions:
        choices = [(o.value, o.label) for o in question.field.options]
        if question.key != DIRECTION:
            choices.append((UNSURE, "Not sure"))
        radios = "".join(
            f'<label class="triage__option"><input type="radio" '
            f'name="{prefix}-{question.key}" value="{escape(value)}"> '
            f"{escape(label)}</label>"
            for value, label in choices
        )
        hidden = "" if question.key == DIRECTION else " hidden"
        fieldsets.append(
            f'<fieldset class="triage__question" data-answer="{question.key}"{hidden}>'
            f"<legend>{escape(question.field.label)}</legend>{radios}</fieldset>"
        )
    return (
        f'<form class="triage__form" id="{prefix}-form" data-part="form">{"".join(fieldsets)}'
        '<p class="sms-widget__actions"><button type="reset" class="md-button" '
        'data-part="reset">Start again</button></p></form>'
    )


def triage() -> Markup:
    """Questions that point the reader to the check to start with.

    Without JavaScript: every situation, grouped by problem, each a link to its check.
    The page must sit at the top of docs/ (its links are relative to it).
    """
    return render_triage(load_triage())


def render_triage(data: Triage) -> Markup:
    """The triage widget's Markdown-in-HTML for `data` (see `triage`)."""
    prefix = widget_id("triage")
    flow_json = json.dumps(data.flow(), separators=(",", ":"))
    groups = []
    for option in data.question(DIRECTION).field.options:
        in_group = [(n, r) for n, r in enumerate(data.routes) if option.value in r.when[DIRECTION]]
        items = "\n".join(
            f'<li class="triage__route" data-route="{n}" markdown="1">\n'
            f'<p class="triage__situation" markdown="span">'
            f"{_md(_situation(data, route, len(in_group) == 1))}:</p>\n"
            f'<div class="triage__advice" markdown="1">\n{_advice(route)}\n</div>\n</li>'
            for n, route in in_group
        )
        groups.append(
            f'<div class="triage__group" data-direction="{escape(option.value)}" markdown="1">\n'
            f'<p class="triage__group-title"><strong>{escape(option.label)}</strong></p>\n'
            f'<ul class="triage__routes" markdown="1">\n{items}\n</ul>\n</div>'
        )
    every_route = Markup(  # noqa: S704 - every value above is escaped
        f'\n<details class="triage__all" id="{prefix}-all" data-part="all" open markdown="1">\n'
        "<summary>Every situation and where to start</summary>\n"
        + "\n".join(groups)
        + "\n</details>\n"
    )
    return widget(
        "triage",
        prefix,
        title="Find the check to start with",
        fallback="Find your situation below: each link goes straight to the check to start with.",
        controls=Markup(_form(prefix, data)),  # noqa: S704 - every value in it is escaped
        result=Markup(
            '<p class="triage__prompt" data-part="prompt" hidden>Answer the questions above to see '
            "which check to start with.</p>"
            '<p class="triage__result-title" data-part="start-title" hidden>Where to start</p>'
            '<div class="triage__result" id="{}-result" data-part="result" aria-live="polite">'
            "</div>"
        ).format(prefix),
        data={"flow": flow_json},
        status=False,
        always=every_route,
        markdown=True,
    )


__all__ = [
    "ANSWER_KEYS",
    "Question",
    "Route",
    "Triage",
    "load_triage",
    "render_triage",
    "triage",
]
