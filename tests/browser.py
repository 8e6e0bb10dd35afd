"""Browser fixtures shared by the end-to-end tests: the built site served on 127.0.0.1,
headless Chromium (Debian's, at /usr/bin/chromium or $CHROMIUM_PATH), pages that record
every request and fail on any dialog, and an axe-core runner.

The tests fail (not skip) when Chromium is missing. conftest.py re-exports the fixtures.
"""

from __future__ import annotations

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
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

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


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
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


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # The browser drops connections it no longer needs (e.g. on navigation): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def site_url(built_site: Build) -> Iterator[str]:
    """The built site, served over HTTP on 127.0.0.1 by a threaded server."""
    handler = functools.partial(_SiteHandler, directory=str(built_site.site))
    server = _SiteServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


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


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=site_url)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def requests(context: BrowserContext) -> list[str]:
    """Every URL the pages of `context` (and their workers) requested."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.fixture
def page(context: BrowserContext, requests: list[str]) -> Iterator[Page]:
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    assert dialogs == [], f"a dialog fired: {dialogs}"
    assert_local(requests)


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


# Public names for bench/bench_browser.py, which serves the built site the same way.
SiteHandler = _SiteHandler
SiteServer = _SiteServer
