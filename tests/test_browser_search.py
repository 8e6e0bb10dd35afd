"""Search finds the guide: Material's own search in Chromium, over the built index.

The writers' page and the widgets' markup stay out of the index (Material's ``search:
exclude`` front matter and ``data-search-exclude``); a reader's words find the guide's own
section first.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.sitebuild import Build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST_HITS = {
    "allowance": "sending-fails/#s1-check1",
    "landline": "sending-fails/#s1-check2",
    "Do Not Disturb": "not-received/#s2-step2",
    "country code": "sending-fails/#s1-check2",
}
"""What a reader types, and the guide section the first result must lead to."""

WIDGET_WORDS = (
    "Country for numbers without a country code",
    "Getting the checker ready",
    "needs JavaScript",
    "Afghanistan (+93)",
)
"""Text only the widgets' markup holds."""


def test_the_index_holds_neither_the_writers_page_nor_widget_markup(built_site: Build) -> None:
    index = json.loads((built_site.site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(location.startswith("sending-fails/") for location in locations)
    assert not [location for location in locations if location.startswith("writers/")]
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert [words for words in WIDGET_WORDS if words in text] == []
    assert "Do Not Disturb" in text  # the guide's own words are there


def search(page: Page, query: str) -> list[str]:
    """Type `query` into Material's search; the links of the first result, best first."""
    field = page.locator(".md-search__input")
    field.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_contain_text("Initializing", timeout=60_000)
    field.fill("")
    field.press_sequentially(query, delay=20)
    last_word = query.rsplit(maxsplit=1)[-1].lower()
    # Results are for the whole query once a link of the first result highlights its last word
    # (?h=…): that word is typed last, so results for a part of the query never have it.
    page.wait_for_function(
        """word => [...document.querySelectorAll(
              ".md-search-result__list > .md-search-result__item:first-child a")]
            .some(a => (new URL(a.href).searchParams.get("h") || "").split(" ").includes(word))""",
        arg=last_word,
        timeout=30_000,
    )
    first = page.locator(".md-search-result__list > .md-search-result__item").first
    return [str(link.get_attribute("href")) for link in first.locator("a").all()]


@pytest.mark.parametrize(("query", "section"), FIRST_HITS.items(), ids=list(FIRST_HITS))
def test_a_readers_words_find_the_guide_section_first(page: Page, query: str, section: str) -> None:
    page.goto("/")
    links = search(page, query)
    page_path, anchor = section.split("#")
    assert links, f"no result for {query!r}"
    assert f"/{page_path}" in links[0], (query, links)
    best_section = next((link for link in links if "#" in link), "")
    assert best_section.endswith(f"#{anchor}"), (query, links)
