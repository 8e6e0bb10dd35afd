"""The number_audit() macro: escaped widget markup with labels, a fallback and the region."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup

from checkers import MAX_CSV_BYTES, supported_regions
from macros._audit import MAX_PROBLEM_ROWS, number_audit
from macros._content import MacroError
from tests.sitebuild import Build


def soup(region: str | None = None, default_region: str = "GB") -> BeautifulSoup:
    return BeautifulSoup(str(number_audit(region, default_region=default_region)), "html.parser")


def test_widget_root_carries_its_settings() -> None:
    root = soup().select_one('[data-widget="number-audit"]')
    assert root is not None
    assert "sms-widget" in root["class"]
    assert root["data-default-region"] == "GB"
    assert root["data-max-bytes"] == str(MAX_CSV_BYTES)
    assert root["data-max-rows"] == str(MAX_PROBLEM_ROWS)
    assert root["id"].startswith("number-audit-")
    assert root["role"] == "group"
    assert root.find(id=root["aria-labelledby"]) is not None


def test_every_control_has_a_label_and_starts_disabled_and_hidden() -> None:
    page = soup()
    controls = page.select_one(".number-audit__controls")
    assert controls is not None
    assert controls.has_attr("hidden")
    for control in page.select("input, select"):
        assert control.has_attr("disabled"), control
        label = page.select_one(f'label[for="{control["id"]}"]')
        assert label is not None, control
        assert label.get_text(strip=True), control
    progress = page.select_one("progress")
    assert progress is not None
    assert page.select_one(f'label[for="{progress["id"]}"]') is not None
    file_input = page.select_one('input[type="file"]')
    assert file_input is not None
    assert ".csv" in file_input["accept"]
    assert page.find(id=file_input["aria-describedby"]).get_text().count("20 MB") == 1


def test_fallback_says_the_guide_still_applies() -> None:
    fallback = soup().select_one(".number-audit__fallback")
    assert fallback is not None
    assert not fallback.has_attr("hidden")
    assert "needs JavaScript" in fallback.get_text()
    assert "guide's checks" in fallback.get_text()


def test_results_are_announced() -> None:
    page = soup()
    outcome = page.select_one(".number-audit__outcome")
    assert outcome is not None
    assert outcome["role"] == "status"
    assert page.select_one(".number-audit__status")["role"] == "status"
    retry = page.select_one(".number-audit__retry")
    assert retry is not None
    assert retry.has_attr("hidden")


@pytest.mark.parametrize(
    ("region", "default", "selected"), [(None, "GB", "GB"), ("ie", "GB", "IE"), (None, "us", "US")]
)
def test_region_select(region: str | None, default: str, selected: str) -> None:
    select = soup(region, default).select_one(".number-audit__region")
    assert select is not None
    assert [o["value"] for o in select.select("option")] == [c for c, _ in supported_regions()]
    assert [o["value"] for o in select.select("option[selected]")] == [selected]
    root = soup(region, default).select_one(".number-audit")
    assert root["data-default-region"] == selected


def test_unknown_region_fails_the_build_with_the_codes() -> None:
    with pytest.raises(
        MacroError, match=r"number_audit\('XX'\): unknown region 'XX'. Use one of: "
    ):
        number_audit("XX")
    with pytest.raises(MacroError, match=r"extra\.default_region in mkdocs\.yml"):
        number_audit(default_region="nowhere")


def test_ids_are_unique_per_widget() -> None:
    first, second = soup(), soup()
    assert first.select_one(".number-audit")["id"] != second.select_one(".number-audit")["id"]


def test_markup_is_well_formed() -> None:
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

    checker = Checker()
    checker.feed(str(number_audit()))
    assert checker.stack == []
    assert "\n" not in str(number_audit())  # Markdown never sees a line break inside it


@pytest.mark.slow
def test_tools_page_has_the_widget_and_check_2_links_to_it(built_site: Build) -> None:
    tools = built_site.page("tools/")
    assert len(tools.select('article [data-widget="number-audit"]')) == 1
    text = tools.select_one("article").get_text(" ")
    for column in ("e164", "sendable", "problems"):
        assert column in text
    assert "never uploaded" in text
    check2 = built_site.page("sending-fails/").find(id="s1-check2")
    links = []
    for element in check2.find_all_next():
        if element.name in {"h1", "h2"}:
            break
        if element.name == "a" and element.get("href", "").startswith("../tools/"):
            links.append(element)
    assert links, "Check 2 does not link to the Tools page"
