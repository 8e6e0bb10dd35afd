"""The triage() macro: routes from checkers/data/triage.toml, labels from support.toml,
errors a writer can act on, and links the strict build checks."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from checkers import load_spec, parse_spec
from macros._content import MacroError
from macros._triage import ANSWER_KEYS, load_triage, render_triage, triage
from tests.sitebuild import Build, build_site
from tests.triage_situations import SITUATIONS

TRIAGE_TOML = resources.files("checkers").joinpath("data/triage.toml").read_text("utf-8")
SUPPORT_TOML = resources.files("checkers").joinpath("data/support.toml").read_text("utf-8")


@pytest.mark.parametrize(("answers", "start", "then"), SITUATIONS)
def test_each_situation_routes_to_the_guides_check(
    answers: dict[str, str], start: str, then: list[str]
) -> None:
    route = load_triage().route(answers)
    assert route is not None
    assert route.start.id == start
    assert [s.id for s in route.then] == then


def test_no_route_until_the_direction_is_known() -> None:
    assert load_triage().route({}) is None
    assert load_triage().route({"users_affected": "all", "applicants_affected": "one"}) is None


def test_questions_are_the_report_fields_with_their_labels() -> None:
    spec = load_spec()
    common = {f.id: f for f in spec.common_fields}
    problem = next(f for f in spec.kind("still_not_resolved").fields if f.id == "problem")
    data = load_triage()
    assert [q.key for q in data.questions] == list(ANSWER_KEYS)
    assert data.question("direction").field == problem
    assert data.question("users_affected").field == common["users_affected"]
    assert data.question("applicants_affected").field == common["applicants_affected"]
    # The storage contract of widget-kit.js names these values.
    assert [o.value for o in common["users_affected"].options] == ["one", "multiple", "all"]
    assert [o.value for o in common["applicants_affected"].options] == ["one", "many"]


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def test_form_has_a_labelled_radio_per_option() -> None:
    html = soup(str(triage()))
    root = html.select_one('[data-widget="triage"]')
    assert root is not None
    assert root.select_one('[data-part="controls"]').has_attr("hidden")
    for question in load_triage().questions:
        fieldset = root.select_one(f'fieldset[data-answer="{question.key}"]')
        assert fieldset is not None
        assert fieldset.legend.get_text() == question.field.label
        labels = [lab.get_text(" ", strip=True) for lab in fieldset.select("label")]
        values = [i["value"] for i in fieldset.select("input[type=radio]")]
        if question.key == "direction":  # always asked, first, and has no "Not sure"
            assert not fieldset.has_attr("hidden")
            assert labels == [o.label for o in question.field.options]
            assert values == [o.value for o in question.field.options]
        else:  # shown only when it matters
            assert fieldset.has_attr("hidden")
            assert labels == [*(o.label for o in question.field.options), "Not sure"]
            assert values == [*(o.value for o in question.field.options), "unsure"]


def test_every_route_is_a_markdown_link_to_its_step() -> None:
    data = load_triage()
    text = str(triage())
    root = soup(text).select_one('[data-widget="triage"]')
    assert root is not None
    assert json.loads(root["data-flow"]) == data.flow()
    for route in data.routes:
        for step in (route.start, *route.then):
            assert f"]({step.page}.md#{step.id})" in text
    # Every direction has its group; every route is listed once.
    groups = [g["data-direction"] for g in root.select(".triage__group")]
    assert groups == [o.value for o in data.question("direction").field.options]
    assert sorted(int(li["data-route"]) for li in root.select("li.triage__route")) == list(
        range(len(data.routes))
    )


def test_labels_come_from_support_toml() -> None:
    spec = parse_spec(SUPPORT_TOML.replace('label = "Multiple users"', 'label = "Several people"'))
    text = str(render_triage(load_triage(spec=spec)))
    assert "Several people" in text
    assert "Multiple users" not in text


def test_text_is_escaped_for_markdown_and_html() -> None:
    hostile = "A <b>bold</b> [link](x.md) *star* {: .x } & more"
    spec = parse_spec(SUPPORT_TOML.replace('label = "One user"', f'label = "{hostile}"'))
    text = str(render_triage(load_triage(TRIAGE_TOML.replace("Work through", "*Work*"), spec)))
    assert "<b>" not in text
    assert "&lt;b&gt;" in text
    assert "\\[link\\]\\(x.md\\)" in text
    assert "\\*Work\\*" in text
    assert "\\{: .x \\}" in text


BROKEN = [
    ('start = "s3"', 'start = "s9"', "'s9' is not a step of the guide; write one of s1-check1"),
    (
        'then = ["s1-check4"]',
        'then = ["s1-check5"]',
        "then: 's1-check5' is not a step of the guide",
    ),
    (
        'users_affected = "one" }',
        'users_affected = "single" }',
        "users_affected = 'single' is not an answer; write one of 'one', 'multiple', 'all'",
    ),
    (
        'when = { direction = "replies" }',
        'when = { direction = "reply" }',
        "direction = 'reply' is not an answer; write one of 'sending', 'delivery', 'replies'",
    ),
    (
        'when = { direction = "replies" }',
        'when = { who = "me", direction = "replies" }',
        "when names 'who'; the answers are direction, users_affected, applicants_affected",
    ),
    (
        'when = { direction = "sending" }',
        'when = { direction = "sending", users_affected = "all" }',
        "no route for {'direction': 'sending'}; add a last [[routes]]",
    ),
    (
        'when = { direction = "replies" }',
        'when = { users_affected = "one" }',
        '[[routes]] number 6: when = { direction = "..." } is missing',
    ),
    (
        'direction = "still_not_resolved.problem"',
        'direction = "still_not_resolved.details"',
        "'still_not_resolved.details' is not a choice field in support.toml; write one of "
        "still_not_resolved.problem",
    ),
    (
        'direction = "still_not_resolved.problem"',
        'direction = "nope.problem"',
        "'nope' is not a report kind; write one of common",
    ),
    ('why = "This', 'reason = "This', "unknown key 'reason'; the keys allowed here are"),
    ('[[routes]]\nwhen = { direction = "replies" }', "[[routes]\n", "is not valid TOML"),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN)
def test_mistakes_in_the_data_file_say_what_to_write(old: str, new: str, message: str) -> None:
    assert old in TRIAGE_TOML
    with pytest.raises(MacroError) as error:
        load_triage(TRIAGE_TOML.replace(old, new, 1))
    assert "checkers/data/triage.toml" in str(error.value)
    assert message in str(error.value)


def test_a_broken_route_stops_the_build_with_its_message(
    project_copy: Path, tmp_path: Path
) -> None:
    data = project_copy / "checkers" / "data" / "triage.toml"
    data.write_text(TRIAGE_TOML.replace('start = "s3"', 'start = "s3-step1"'), encoding="utf-8")
    build = build_site(project_copy, tmp_path / "out", pythonpath=project_copy)
    assert build.returncode != 0
    assert "'s3-step1' is not a step of the guide" in build.log, build.log


def test_a_route_to_a_missing_anchor_stops_the_build(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "sending-fails.md"
    text = page.read_text(encoding="utf-8")
    assert "{ #s1-check3 }" in text
    page.write_text(text.replace("{ #s1-check3 }", "{ #service-status }"), encoding="utf-8")
    build = build_site(project_copy, tmp_path / "out", pythonpath=project_copy)
    assert build.returncode != 0
    assert any("index.md" in w and "sending-fails.md#s1-check3" in w for w in build.warnings), (
        build.log
    )


@pytest.mark.slow
def test_the_built_start_page_links_every_route(built_site: Build) -> None:
    page = built_site.page("")
    root = page.select_one('article [data-widget="triage"]')
    assert root is not None
    for n, route in enumerate(load_triage().routes):
        item = root.select_one(f'li.triage__route[data-route="{n}"]')
        assert item is not None
        hrefs = [a["href"] for a in item.select(".triage__advice a")]
        assert hrefs == [f"{s.page}/#{s.id}" for s in (route.start, *route.then)]
        target = built_site.page(f"{route.start.page}/").find(id=route.start.id)
        assert target is not None
    # The three symptom cards are still there.
    cards = [a["href"] for a in page.select("article .grid.cards a")]
    assert cards == ["sending-fails/", "not-received/", "replies-missing/"]
    assert not re.search(r"\]\([^)]*\.md", root.get_text())  # no unrendered Markdown link


def test_a_question_is_asked_only_when_its_answer_can_change_the_route() -> None:
    data = load_triage()
    flow = data.flow()
    assert flow[""] == {"ask": "direction"}
    # Replies and delivery have one route whatever else is answered: no more questions.
    assert "route" in flow["direction=replies"]
    assert "route" in flow["direction=delivery"]
    assert flow["direction=sending"] == {"ask": "users_affected"}
    # Every sequence of answers ends at a route, and that route is the one the answers give.
    for key, step in flow.items():
        if "route" not in step:
            continue
        answers = dict(part.split("=") for part in key.split("|"))
        known = {k: v for k, v in answers.items() if v != "unsure"}
        assert data.routes[step["route"]] is data.route(known), key


def test_the_route_shown_never_changes_as_more_answers_come() -> None:
    """A route is shown only once no question that matters is left: its key is a leaf."""
    flow = load_triage().flow()
    leaves = [key for key, step in flow.items() if "route" in step]
    for leaf in leaves:
        assert not any(other.startswith(f"{leaf}|") for other in flow if other != leaf), leaf
