"""The one life every widget shares (widget-kit.js, python-runtime.js, python-worker.js), in
headless Chromium against the built site: no-JavaScript fallback, loading, the failure state
with a plain reason and Retry for every runtime file that cannot load, and requests that
never leave 127.0.0.1. Each widget's own behaviour is in its own test file.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from checkers import check_number
from tests.browser import BOOT_MS, CHROMIUM, Contexts, assert_local, widget_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGETS = {  # widget -> (a page it is on, guide text around it that must stay readable)
    "number-checker": ("/sending-fails/", "The number includes the correct country code"),
    "allowance-checker": ("/sending-fails/", "Click Plugins, then click SMS Limits"),
    "report-builder": ("/not-received/", "The approximate date and time the messages were sent"),
    "number-audit": ("/tools/", "Export the contacts from the CRM as a CSV file"),
    "message-check": ("/tools/", "Before you send a template to many applicants"),
}
CHECKERS_ARCHIVE = "checkers-0.1.0-py314-none-any.tar.gz"
RUNTIME_FILES = (
    "pyodide.asm.wasm",
    "pyodide.asm.mjs",
    "python_stdlib.zip.gz",
    "pyodide-lock.json",
    CHECKERS_ARCHIVE,
    "phonenumberslite-9.0.42-py314-none-any.tar.gz",
)


widget = widget_on


def status(box: Locator) -> Locator:
    return box.locator('[data-part="status-text"]')


def test_chromium_is_installed() -> None:
    assert CHROMIUM.is_file(), f"Chromium is missing at {CHROMIUM}: apt-get install chromium"


@pytest.mark.parametrize("name", WIDGETS)
def test_without_javascript_the_fallback_shows_and_the_guide_applies(
    no_js_page: Page, name: str
) -> None:
    url, guide = WIDGETS[name]
    no_js_page.goto(url)
    box = widget(no_js_page, name)
    expect(box.locator('[data-part="fallback"]')).to_be_visible()
    expect(box.locator('[data-part="controls"]')).to_be_hidden()
    expect(no_js_page.locator("article")).to_contain_text(guide)


@pytest.mark.parametrize("name", WIDGETS)
def test_the_widget_gets_ready_and_says_so_while_it_loads(page: Page, name: str) -> None:
    url, _guide = WIDGETS[name]
    page.add_init_script(
        """
        window.__states = [];
        new MutationObserver(() => {
          for (const node of document.querySelectorAll('[data-part="status-text"]')) {
            if (node.textContent) window.__states.push(node.textContent);
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """
    )
    page.goto(url)
    box = widget(page, name)
    expect(box).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    expect(box.locator('[data-part="fallback"]')).to_be_hidden()
    expect(box.locator('[data-part="controls"]')).to_be_visible()
    expect(status(box)).to_have_text("")
    seen = page.evaluate("window.__states")
    what = r"((allowance |message )?checker|report builder)"
    loading = re.compile(rf"Getting the {what} ready…( \d+%)?")
    assert any(loading.fullmatch(text) for text in seen), seen
    assert not any("Python" in text for text in seen), seen


@pytest.mark.parametrize("name", WIDGETS)
def test_blocked_python_shows_the_failure_and_retry_brings_it_back(page: Page, name: str) -> None:
    url, guide = WIDGETS[name]
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto(url)
    box = widget(page, name)
    expect(status(box)).to_contain_text("could not start:", timeout=BOOT_MS)
    expect(box).to_have_attribute("data-state", "error")
    retry = box.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    expect(page.locator("article")).to_contain_text(guide)
    page.unroute("**/assets/pyodide/**")
    retry.click()
    expect(box).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    expect(retry).to_be_hidden()


def answer_404(name: str):
    def handler(route: Route) -> None:
        if route.request.url.split("?")[0].endswith(f"/{name}"):
            route.fulfill(status=404, body="Not found")
        else:
            route.continue_()

    return handler


@pytest.mark.parametrize("missing", RUNTIME_FILES)
def test_each_runtime_file_that_cannot_load_ends_in_the_failure_state_naming_it(
    page: Page, missing: str
) -> None:
    page.route("**/assets/pyodide/**", answer_404(missing))
    page.goto("/sending-fails/")
    box = widget(page, "number-checker")
    # Well inside the stall limit (python-runtime.js STALL_MS, 30 s): it is not a timeout.
    expect(status(box)).to_contain_text(f"({missing}) could not be downloaded", timeout=15_000)
    expect(box.get_by_role("button", name="Retry")).to_be_visible()


def test_a_damaged_package_archive_is_refused_naming_it(page: Page) -> None:
    def damaged(route: Route) -> None:
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0xFF  # one byte off: its sha256 is not the lock's
        route.fulfill(response=response, body=bytes(body))

    page.route(f"**/assets/pyodide/packages/*/{CHECKERS_ARCHIVE}", damaged)
    page.goto("/sending-fails/")
    box = widget(page, "number-checker")
    expect(status(box)).to_contain_text(
        f"({CHECKERS_ARCHIVE}) could not be downloaded whole", timeout=15_000
    )
    expect(box.get_by_role("button", name="Retry")).to_be_visible()


def test_a_runtime_that_never_answers_gives_up_within_the_stall_limit(page: Page) -> None:
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda _route: None)  # never answered
    page.goto("/sending-fails/")
    box = widget(page, "number-checker")
    expect(status(box)).to_contain_text("did not get ready within 30 seconds", timeout=45_000)
    expect(box.get_by_role("button", name="Retry")).to_be_visible()


def test_a_call_waiting_for_a_failed_runtime_is_answered_after_retry(page: Page) -> None:
    page.route("**/assets/pyodide/**", answer_404("pyodide.asm.wasm"))
    page.goto("/sending-fails/")
    box = widget(page, "number-checker")
    expect(box).to_have_attribute("data-state", "error", timeout=15_000)
    box.get_by_label("Mobile number").fill("+447400123456")
    page.unroute("**/assets/pyodide/**")
    box.get_by_role("button", name="Retry").click()
    expect(box.locator('[data-part="verdict"]')).to_have_text(
        check_number("+447400123456").headline, timeout=BOOT_MS
    )


def test_instant_navigation_keeps_the_one_runtime(page: Page) -> None:
    page.goto("/sending-fails/")
    expect(widget(page, "number-checker")).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    page.evaluate("window.__noReload = true")
    python = [w for w in page.workers if w.url.endswith("/python-worker.js")]
    assert len(python) == 1
    page.locator(".md-nav__link", has_text="Check a list of numbers").first.click()
    page.wait_for_url(re.compile(r".*/tools/(#.*)?$"))
    assert page.evaluate("window.__noReload") is True, "the page was reloaded, not swapped"
    expect(widget(page, "number-audit")).to_have_attribute("data-state", "ready", timeout=5_000)
    assert [w for w in page.workers if w.url.endswith("/python-worker.js")] == python


def test_every_request_stays_on_127_0_0_1(contexts: Contexts) -> None:
    page = contexts.page()
    for name, (url, _guide) in WIDGETS.items():
        page.goto(url)
        expect(widget(page, name)).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    page.goto("/")
    assert any("/assets/pyodide/" in url for url in contexts.requests), contexts.requests
    # The standard library trimmed and compiled for the site, not npm's full one.
    stdlibs = {url for url in contexts.requests if "python_stdlib.zip" in url}
    assert len(stdlibs) == 1, stdlibs
    assert re.search(r"/assets/pyodide/stdlib/[0-9a-f]{16}/python_stdlib\.zip\.gz$", stdlibs.pop())
    assert_local(contexts.requests)
