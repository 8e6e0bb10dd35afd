"""Every widget macro writes the same shell (macros/_shell.py): one set of tests for all.

The widget root, its title, the no-JavaScript fallback, the controls hidden until the
script mounts them, the status line with Retry, labelled controls, ids unique per widget,
escaped and well-formed markup on one line, no script.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from macros._allowance import allowance_checker
from macros._audit import number_audit
from macros._message import message_check
from macros._number_checker import number_checker
from macros._report import report_builder
from macros._triage import triage

WIDGETS: dict[str, tuple[Callable[[], Markup], str]] = {
    "number-checker": (number_checker, "Check a number"),
    "allowance-checker": (allowance_checker, "Check the SMS Limits table"),
    "number-audit": (number_audit, "Check a CSV export"),
    "report-builder": (lambda: report_builder("not_received"), "Report:"),
    "message-check": (message_check, "Check a message"),
    "triage": (triage, "Find the check to start with"),
}
WITH_PYTHON = [name for name in WIDGETS if name != "triage"]


def render(name: str) -> Tag:
    html = WIDGETS[name][0]()
    assert isinstance(html, Markup)
    root = BeautifulSoup(str(html), "html.parser").find(attrs={"data-widget": name})
    assert isinstance(root, Tag)
    return root


@pytest.mark.parametrize("name", WIDGETS)
def test_the_root_is_a_labelled_group_with_a_prefixed_id(name: str) -> None:
    root = render(name)
    assert root["class"][:2] == ["sms-widget", f"sms-widget--{name}"]
    assert str(root["id"]).startswith(f"{name}-")
    assert root["role"] == "group"
    title = root.find(id=root["aria-labelledby"])
    assert isinstance(title, Tag)
    assert title.get_text().startswith(WIDGETS[name][1])


@pytest.mark.parametrize("name", WIDGETS)
def test_without_javascript_the_fallback_shows_and_the_controls_are_hidden(name: str) -> None:
    root = render(name)
    fallback = root.select_one('[data-part="fallback"]')
    assert isinstance(fallback, Tag)
    assert not fallback.has_attr("hidden")
    assert fallback.get_text(strip=True)
    controls = root.select_one('[data-part="controls"]')
    assert isinstance(controls, Tag)
    assert controls.has_attr("hidden")
    for control in root.select("input, select, textarea, button"):
        assert controls in control.parents, control


@pytest.mark.parametrize("name", WITH_PYTHON)
def test_the_status_line_and_retry_are_there(name: str) -> None:
    root = render(name)
    status = root.find(id=f"{root['id']}-status")
    assert isinstance(status, Tag)
    assert status["role"] == "status"
    assert status.select_one('[data-part="status-text"]') is not None
    retry = status.select_one('[data-part="retry"]')
    assert isinstance(retry, Tag)
    assert retry.has_attr("hidden")
    assert retry.get_text() == "Retry"


@pytest.mark.parametrize("name", WIDGETS)
def test_every_control_has_a_name(name: str) -> None:
    root = render(name)
    for control in root.select("input, select, textarea"):
        wrapping = control.find_parent("label")
        label = wrapping or root.select_one(f'label[for="{control["id"]}"]')
        assert label is not None, control
        assert label.get_text(strip=True), control
        for ref in str(control.get("aria-describedby", "")).split():
            assert root.find(id=ref) is not None, ref
    for button in root.find_all("button"):
        assert button.get_text(strip=True), button
        assert button["type"] in {"button", "submit", "reset"}


@pytest.mark.parametrize("name", WIDGETS)
def test_ids_are_unique_across_calls_and_all_start_with_the_prefix(name: str) -> None:
    first, second = render(name), render(name)
    ids = [str(t["id"]) for root in (first, second) for t in [root, *root.find_all(id=True)]]
    assert len(ids) == len(set(ids))
    for root in (first, second):
        assert all(str(t["id"]).startswith(str(root["id"])) for t in root.find_all(id=True))


@pytest.mark.parametrize("name", WITH_PYTHON)
def test_markup_is_well_formed_on_one_line_without_script(name: str) -> None:
    class Checker(HTMLParser):
        VOID = frozenset({"input", "br", "img", "meta", "link", "hr"})

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in self.VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack.pop() == tag

    html = str(WIDGETS[name][0]())
    checker = Checker()
    checker.feed(html)
    assert checker.stack == []
    assert "\n" not in html  # Markdown never sees a line break inside it
    root = render(name)
    assert root.find("script") is None
    assert not any(str(attr).startswith("on") for tag in root.find_all(True) for attr in tag.attrs)
