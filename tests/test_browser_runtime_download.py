"""How the worker downloads the runtime (python-worker.js), in headless Chromium: the trimmed
standard library travels as one gzip stream (hooks/pyodide_archives.py) that the worker
inflates, and a host that already undid the gzip (Content-Encoding) works the same.
"""

from __future__ import annotations

import gzip

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
