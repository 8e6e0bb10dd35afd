"""How the worker downloads the runtime (python-worker.js), in headless Chromium: the trimmed
standard library travels as one gzip stream (hooks/pyodide_archives.py) that the worker
inflates, and a host that already undid the gzip (Content-Encoding) works the same.
"""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import Page, Route, expect

from checkers import check_number
from tests.browser import BOOT_MS, widget_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STDLIB = "**/assets/pyodide/stdlib/*/python_stdlib.zip.gz"


def first_verdict(page: Page) -> None:
    box = widget_on(page, "number-checker")
    expect(box).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    box.get_by_label("Mobile number").fill("+447400123456")
    expect(box.locator('[data-part="headline"]')).to_have_text(
        check_number("+447400123456").headline, timeout=BOOT_MS
    )


def test_the_gzipped_stdlib_arrives_as_gzip_and_python_starts(page: Page) -> None:
    heads: list[bytes] = []

    def keep(route: Route) -> None:
        response = route.fetch()
        heads.append(response.body()[:2])
        route.fulfill(response=response)

    page.route(STDLIB, keep)
    page.goto("/sending-fails/")
    first_verdict(page)
    assert heads == [b"\x1f\x8b"]  # gzip's magic: the worker inflated it itself


def test_a_stdlib_the_host_already_inflated_works_the_same(page: Page) -> None:
    served: list[bytes] = []

    def inflated(route: Route) -> None:
        body = gzip.decompress(route.fetch().body())
        served.append(body[:2])
        route.fulfill(status=200, body=body, content_type="application/zip")

    page.route(STDLIB, inflated)
    page.goto("/sending-fails/")
    first_verdict(page)
    assert served == [b"PK"]


RECORD_STATUS = """
window.__statusTexts = [];
new MutationObserver(() => {
  const line = document.querySelector('[data-widget="number-checker"] [data-part="status-text"]');
  const text = line ? line.textContent : null;
  if (text !== null && text !== window.__statusTexts.at(-1)) window.__statusTexts.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_the_status_counts_the_download_then_says_python_is_starting(page: Page) -> None:
    page.add_init_script(RECORD_STATUS)
    page.goto("/sending-fails/")
    first_verdict(page)
    texts: list[str] = page.evaluate("window.__statusTexts")
    waiting = [text for text in texts if text]
    percents = [int(text.rsplit(" ", 1)[1].rstrip("%")) for text in waiting if text.endswith("%")]
    assert percents, texts  # the download was counted
    assert percents == sorted(percents), texts
    assert max(percents) <= 99, texts
    # Every byte in, Python starts: the last words before the answer have no percent.
    assert re.fullmatch(r"Getting the [a-z ]+ ready…", waiting[-1]), texts
    assert texts[-1] == "", texts  # ready: the status line is empty
