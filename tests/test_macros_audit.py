"""The number_audit() macro: escaped widget markup with labels, a fallback and the region."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from checkers import MAX_CSV_BYTES, regions_by_name, supported_regions
from macros._audit import number_audit
from macros._content import MacroError
from macros._regions import COMMON_REGIONS, SiteRegions
from tests.sitebuild import Build


def soup(region: str | None = None, default_region: str = "GB") -> BeautifulSoup:
    site = SiteRegions(default_region.upper())
    return BeautifulSoup(str(number_audit(region, site=site)), "html.parser")


def test_widget_root_carries_its_settings() -> None:
    root = soup().select_one('[data-widget="number-audit"]')
    assert root is not None
    assert root["data-default-region"] == "GB"
    assert root["data-max-bytes"] == str(MAX_CSV_BYTES)


def test_the_file_input_takes_csv_and_names_the_limit_once() -> None:
    page = soup()
    progress = page.select_one("progress")
    assert progress is not None
    assert page.select_one(f'label[for="{progress["id"]}"]') is not None
    file_input = page.select_one('input[type="file"]')
    assert file_input is not None
    assert ".csv" in file_input["accept"]
    assert page.find(id=file_input["aria-describedby"]).get_text().count("20 MB") == 1
    assert "guide's checks" in page.select_one('[data-part="fallback"]').get_text()
    assert page.select_one('[data-part="outcome"]')["role"] == "status"


@pytest.mark.parametrize(
    ("region", "default", "selected"),
    [(None, "GB", "GB"), ("ie", "GB", "IE"), (None, "us", "US"), ("jp", "GB", "JP")],
)
def test_region_select(region: str | None, default: str, selected: str) -> None:
    select = soup(region, default).select_one('[data-part="region"]')
    assert select is not None
    common, every = select.select("optgroup")
    assert common["label"] == "Common countries"
    assert [o["value"] for o in common.select("option")] == list(COMMON_REGIONS)
    assert [o["value"] for o in every.select("option")] == list(regions_by_name())
    assert {o["value"] for o in every.select("option")} == {c for c, _ in supported_regions()}
    assert [o["value"] for o in select.select("option[selected]")] == [selected]
    assert every.select_one('option[value="GB"]').get_text() == "United Kingdom (+44)"
    root = soup(region, default).select_one('[data-widget="number-audit"]')
    assert root["data-default-region"] == selected


def test_unknown_region_fails_the_build_naming_the_fix() -> None:
    with pytest.raises(
        MacroError, match=r"number_audit\('XX'\): unknown region 'XX'. Use a two-letter country "
    ):
        number_audit("XX")
    with pytest.raises(MacroError, match=r"extra\.default_region in mkdocs\.yml"):
        SiteRegions.from_extra({"default_region": "nowhere"})


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
