"""The allowance_checker() macro's HTML: escaped, unique ids, labelled controls, no-JS fallback."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

import macros._allowance
from checkers import check_allowances
from macros._allowance import EXAMPLE_TABLE, allowance_checker
from tests.sitebuild import Build


def render() -> Tag:
    html = allowance_checker()
    assert isinstance(html, Markup)
    root = BeautifulSoup(str(html), "html.parser").find(attrs={"data-widget": "allowance-checker"})
    assert isinstance(root, Tag)
    return root


def test_the_textarea_is_labelled_and_described() -> None:
    root = render()
    textarea = root.select_one('[data-part="input"]')
    assert isinstance(textarea, Tag)
    assert textarea.name == "textarea"
    assert textarea["autocomplete"] == "off"
    assert root.find("label", attrs={"for": textarea["id"]}).get_text() == "SMS Limits table"
    assert [b.get_text() for b in root.find_all("button")] == ["Try an example", "Clear", "Retry"]


def test_the_verdict_is_announced_and_the_guide_text_is_in_the_html() -> None:
    root = render()
    verdict = root.select_one('[data-part="verdict"]')
    assert verdict is not None
    assert verdict["aria-live"] == "polite"
    fix = root.select_one('[data-part="fix"]')
    assert fix is not None
    assert fix.has_attr("hidden")  # checkers' own words go in it
    fine = root.select_one('[data-part="fine"]')
    assert fine is not None
    assert "Go on to Check 2" in fine.get_text()


def test_the_example_round_trips_and_shows_both_verdicts() -> None:
    root = render()
    assert root["data-example"] == EXAMPLE_TABLE
    report = check_allowances(EXAMPLE_TABLE)
    assert report.cannot_send >= 2
    assert report.can_send >= 1


def test_the_example_attribute_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = 'User\tDaily Allowance\n"><script>alert(1)</script>&amp;\t0\n'
    monkeypatch.setattr(macros._allowance, "EXAMPLE_TABLE", hostile)
    html = str(allowance_checker())
    assert "<script>" not in html
    assert "\t" not in html
    assert "\n" not in html
    root = BeautifulSoup(html, "html.parser").find(attrs={"data-widget": "allowance-checker"})
    assert isinstance(root, Tag)
    assert root["data-example"] == hostile
    assert root.find("script") is None


def test_the_built_page_has_the_widget_under_check_1(built_site: Build) -> None:
    page = built_site.page("sending-fails/")
    heading = page.find(id="s1-check1")
    assert heading is not None
    widget = None
    for element in heading.find_all_next():
        if element.name == "h2":
            break
        if element.get("data-widget") == "allowance-checker":
            widget = element
            break
    assert isinstance(widget, Tag), "no allowance checker under Check 1"
    assert widget["data-example"] == EXAMPLE_TABLE
    assert widget.find("textarea") is not None
