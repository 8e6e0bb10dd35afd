"""Fetching the runtime ahead (runtime-prefetch.js, widget-kit.js), in headless Chromium: a
page without a Python widget fetches, when idle, exactly the files the worker needs before its
first answer, and nothing when the reader saves data (Save-Data, 2G, prefers-reduced-data).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import BOOT_MS, CHROMIUM, CHROMIUM_ARGS, Contexts, widget_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

START_PAGE = "/"  # the triage widget: no Python
RUNTIME = "/assets/pyodide/"
SAVING_DATA = {
    "save-data": """Object.defineProperty(Navigator.prototype, "connection",
        { get: () => ({ saveData: true, effectiveType: "4g" }) });""",
    "2g": """Object.defineProperty(Navigator.prototype, "connection",
        { get: () => ({ saveData: false, effectiveType: "2g" }) });""",
    "prefers-reduced-data": """{
        const real = window.matchMedia.bind(window);
        window.matchMedia = (query) => query.includes("prefers-reduced-data: reduce")
          ? { matches: true, media: query, addEventListener() {}, removeEventListener() {} }
          : real(query);
      }""",
}


def lock_of(page: Page) -> dict:
    return page.request.get(f"{RUNTIME}pyodide-lock.json").json()


def runtime_paths(requests: list[str]) -> set[str]:
    return {url.split(RUNTIME, 1)[1] for url in requests if RUNTIME in url}


def test_a_page_without_a_widget_fetches_the_runtime_ahead_when_idle(
    page: Page, requests: list[str]
) -> None:
    page.goto(START_PAGE)
    expect(page.locator("html")).to_have_attribute("data-runtime-prefetch", "done", timeout=BOOT_MS)
    tool = lock_of(page)["tool"]["sms-help"]
    fetched = runtime_paths(requests)
    # Every file fetched before the first answer, and not the packages loaded on demand.
    assert set(tool["sizes"]) <= fetched
    assert tool["stdlib_url"] in fetched
    assert not any("xlsxwriter" in path for path in fetched)
    assert "python_stdlib.zip" not in fetched  # npm's whole library is for a bare boot only
    assert any(url.endswith("/javascripts/python-worker.js") for url in requests)
    # Fetched, not started: no worker runs Python on this page.
    assert not [w for w in page.workers if "python-worker" in w.url]


def test_the_runtime_fetched_ahead_serves_the_next_page_s_check(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    # A profile on disk: an incognito context caches in memory and leaves the 9.6 MB
    # WebAssembly out, as a reader's browser does not.
    ctx = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        base_url=site_url,
    )  # fmt: skip
    try:
        page = ctx.new_page()
        page.goto(START_PAGE)
        expect(page.locator("html")).to_have_attribute(
            "data-runtime-prefetch", "done", timeout=BOOT_MS
        )
        from_network: list[str] = []
        ctx.on(
            "requestfinished",
            lambda request: (
                from_network.append(request.url)
                if RUNTIME in request.url and (request.sizes()["responseBodySize"] or 0) > 0
                else None
            ),
        )
        page.goto("/sending-fails/")
        box = widget_on(page, "number-checker")
        expect(box).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    finally:
        ctx.close()
    # Every runtime file comes from the HTTP cache: no body crossed the network again.
    assert from_network == [], from_network


@pytest.mark.parametrize("saving", SAVING_DATA)
def test_a_reader_saving_data_gets_nothing_ahead(
    contexts: Contexts, requests: list[str], saving: str
) -> None:
    ctx = contexts.new()
    ctx.add_init_script(SAVING_DATA[saving])
    page = contexts.page(ctx)
    page.goto(START_PAGE)
    expect(page.locator("html")).to_have_attribute(
        "data-runtime-prefetch", "saving-data", timeout=BOOT_MS
    )
    page.wait_for_timeout(500)
    assert runtime_paths(requests) == set()


def test_a_page_with_a_python_widget_starts_the_runtime_instead(
    page: Page, requests: list[str]
) -> None:
    page.goto("/sending-fails/")
    expect(widget_on(page, "number-checker")).to_have_attribute(
        "data-state", "ready", timeout=BOOT_MS
    )
    page.wait_for_timeout(1_000)  # past the browser's next idle period
    expect(page.locator("html")).not_to_have_attribute("data-runtime-prefetch", "done")
    assert not any(url.endswith("/javascripts/runtime-prefetch.js") for url in requests)
