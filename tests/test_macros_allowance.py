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


def test_root_is_a_labelled_sms_widget_with_a_prefixed_id() -> None:
    root = render()
    assert "sms-widget" in root["class"]
    assert str(root["id"]).startswith("allowance-checker-")
    assert root["role"] == "group"
    title = root.find(id=root["aria-labelledby"])
    assert title is not None
    assert title.get_text() == "Check the SMS Limits table"


def test_ids_are_unique_across_calls_and_all_start_with_the_prefix() -> None:
    first, second = render(), render()
    ids = [str(t["id"]) for root in (first, second) for t in [root, *root.find_all(id=True)]]
    assert len(ids) == len(set(ids))
    for root in (first, second):
        assert all(str(t["id"]).startswith(str(root["id"])) for t in root.find_all(id=True))


def test_every_control_has_a_label_or_text_and_references_exist() -> None:
    root = render()
    textarea = root.find("textarea")
    assert isinstance(textarea, Tag)
    label = root.find("label", attrs={"for": textarea["id"]})
    assert label is not None
    assert label.get_text() == "SMS Limits table"
    for ref in str(textarea["aria-describedby"]).split():
        assert root.find(id=ref) is not None, ref
    names = [b.get_text() for b in root.find_all("button")]
    assert names == ["Try an example", "Clear", "Retry"]
    assert all(b["type"] == "button" for b in root.find_all("button"))


def test_results_are_announced_through_live_regions() -> None:
    root = render()
    verdict = root.select_one(".allowance-checker__verdict")
    assert verdict is not None
    assert verdict["aria-live"] == "polite"
    status = root.select_one(".allowance-checker__status")
    assert status is not None
    assert status["role"] == "status"


def test_without_javascript_the_fallback_shows_and_the_controls_are_hidden_and_off() -> None:
    root = render()
    fallback = root.select_one(".allowance-checker__fallback")
    assert fallback is not None
    assert not fallback.has_attr("hidden")
    assert "The manual steps above still apply." in fallback.get_text()
    controls = root.select_one(".allowance-checker__controls")
    assert controls is not None
    assert controls.has_attr("hidden")
    for control in root.find_all(["textarea", "button"]):
        assert control.has_attr("disabled") or control.has_attr("hidden"), control


def test_no_script_and_no_menu_path_markup_in_the_static_html() -> None:
    root = render()
    assert root.find("script") is None
    assert not any(str(attr).startswith("on") for tag in root.find_all(True) for attr in tag.attrs)
    # The page's kbd.ui-element list is the guide's own menu path (tests/test_site.py).
    assert root.select("kbd") == []


def test_the_example_round_trips_and_shows_both_verdicts() -> None:
    root = render()
    assert root["data-example"] == EXAMPLE_TABLE
    report = check_allowances(EXAMPLE_TABLE)
    assert report.error is None
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
