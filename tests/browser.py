"""Browser fixtures shared by the end-to-end tests: the built site served on 127.0.0.1,
headless Chromium (Debian's, at /usr/bin/chromium or $CHROMIUM_PATH), one factory for
browser contexts (time zone, colour scheme, JavaScript off), pages that record every
request and fail on any dialog, and an axe-core runner.

The tests fail (not skip) when Chromium is missing. conftest.py re-exports the fixtures.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright

from tests.sitebuild import Build

_CHROMIUM_SETTING = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM = Path(shutil.which(_CHROMIUM_SETTING) or _CHROMIUM_SETTING)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST = "127.0.0.1"
BOOT_MS = 90_000  # Pyodide's first start: download, compile, load the wheels


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly.

    sitemap.xml holds the build's site_url (http://127.0.0.1:8000/). Material's instant
    navigation only swaps pages listed there, matching the host but not the port, so the
    sitemap is served with this server's own origin, as a deployment would have it.
    """

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            super().do_GET()
            return
        origin = f"http://{HOST}:{self.server.server_address[1]}/"
        text = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{origin}", text).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # The browser drops connections it no longer needs (e.g. on navigation): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def served(directory: Path, handler: type[SiteHandler] = SiteHandler) -> Iterator[str]:
    """`directory` served over HTTP on 127.0.0.1 by a threaded server: its base URL."""
    server = SiteServer((HOST, 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_url(built_site: Build) -> Iterator[str]:
    """The built site, served over HTTP on 127.0.0.1 by a threaded server."""
    with served(built_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), f"Chromium is missing at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


class Contexts:
    """Makes browser contexts on the served site, each closed when the test ends.

    ``contexts.new(timezone_id="Asia/Tokyo", color_scheme="dark", java_script_enabled=False)``:
    any of Playwright's context options; clipboard access and downloads are allowed. Every
    request of every context made is recorded in `requests`.
    """

    def __init__(self, browser: Browser, site_url: str) -> None:
        self.browser = browser
        self.site_url = site_url
        self.requests: list[str] = []
        self._open: list[BrowserContext] = []
        self._dialogs: list[str] = []

    def new(self, **options: Any) -> BrowserContext:
        ctx = self.browser.new_context(base_url=self.site_url, accept_downloads=True, **options)
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=self.site_url)
        ctx.on("request", lambda request: self.requests.append(request.url))
        self._open.append(ctx)
        return ctx

    def page(self, ctx: BrowserContext | None = None, **options: Any) -> Page:
        """A new page (in `ctx`, or a new context with `options`) that fails on any dialog."""
        opened = (ctx or self.new(**options)).new_page()
        opened.on("dialog", lambda dialog: (self._dialogs.append(dialog.message), dialog.dismiss()))
        return opened

    def close(self) -> None:
        for ctx in self._open:
            ctx.close()
        assert self._dialogs == [], f"a dialog fired: {self._dialogs}"


@pytest.fixture
def contexts(browser: Browser, site_url: str) -> Iterator[Contexts]:
    made = Contexts(browser, site_url)
    try:
        yield made
    finally:
        made.close()
    if made.requests:
        assert_local(made.requests)


@pytest.fixture
def context(contexts: Contexts) -> BrowserContext:
    return contexts.new()


@pytest.fixture
def requests(contexts: Contexts) -> list[str]:
    """Every URL the pages of the test's contexts (and their workers) requested."""
    return contexts.requests


@pytest.fixture
def page(contexts: Contexts, context: BrowserContext) -> Page:
    return contexts.page(context)


@pytest.fixture
def no_js_page(contexts: Contexts) -> Page:
    """A page with JavaScript turned off."""
    return contexts.page(java_script_enabled=False)


def widget_on(page: Page, name: str) -> Locator:
    """The first widget `name` (its data-widget) in the page's article."""
    return page.locator(f'article [data-widget="{name}"]').first


def widget_part(page: Page, name: str, part: str) -> Locator:
    """The `[data-part]` called `part` of the page's first widget `name`."""
    return widget_on(page, name).locator(f'[data-part="{part}"]')


def assert_local(urls: list[str]) -> None:
    """Every request went to 127.0.0.1 (blob: and data: URLs are made in the page)."""
    assert urls, "no request was recorded"
    for url in urls:
        parts = urlsplit(url.removeprefix("blob:"))
        if parts.scheme == "data":
            continue
        assert parts.hostname == HOST, url


def axe_violations(page: Page, context: str | None = None) -> list[dict[str, Any]]:
    results = Axe().run(page, context=context)
    violations: list[dict[str, Any]] = results.response["violations"]
    assert len(violations) == results.violations_count
    return violations
