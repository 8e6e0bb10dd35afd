"""Benchmark the site's Python widgets in headless Chromium against the built site.

Run from the repository root: .venv/bin/python bench/bench_browser.py [--site DIR] [--runs 3]
Without --site the site is built (mkdocs build --strict) into a temporary folder, and served
as GitHub Pages serves it (text and WebAssembly gzipped, archives as they are, max-age=600,
ETags). One run prints every issue-14 browser figure with its target and PASS or MISS, each
the median of --runs repetitions:

- first verdict: navigation start to the number checker's verdict of a number typed as soon
  as its input is there, cold (fresh profile) and warm (second visit, same profile, once the
  first visit's tab has stayed open READING_MS after its answer, as a reader reads it), against
  a bare loadPyodide({indexURL}) on the same server (a page that is not part of the site),
  and the ratios (cold <= 0.6 x, warm <= 0.5 x); "ready" (the widget's data-state) too;
- gzipped bytes on the wire before the first verdict (<= 5.0 MB);
- the same cold ratio on a slow link and device: the server sends at 5 Mbit/s after 40 ms
  per answer, and Chromium's CPU is throttled x4 (CDP), for the site and the bare boot; and
  the same at 20 Mbit/s (the profile issue 14 names);
- keystroke to verdict over 200 different inputs, filled one per input (median <= 16 ms) and
  typed key by key (each keystroke to the next verdict shown, so coalescing shows);
- main-thread tasks over 50 ms during load caused by the site's scripts (none), next to the
  same page with Pyodide's files blocked and a page without a widget;
- the number audit on the Tools page: 200,000 rows from bench_audit's UK list, the click on
  Check the numbers to the verdict (<= 8 s), its progress updates and longest task.

It is a benchmark, not a test: it exits 0 whether the targets are met or not, and non-zero
only when it could not measure.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import mimetypes
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from bench.bench_audit import contact_lines, uk_numbers  # noqa: E402
from checkers import check_number  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, HOST, SiteHandler, SiteServer  # noqa: E402
from tests.sitebuild import build_site  # noqa: E402

PAGE = "/sending-fails/"
NO_WIDGET_PAGE = "/writers/"
WIDGET = 'article [data-widget="number-checker"]'
BOOT_MS = 90_000
INPUTS = 200
TYPED_NUMBERS = 8

COLD_RATIO_TARGET = 0.6  # first verdict / bare loadPyodide(), issue 14
WARM_RATIO_TARGET = 0.5
GZ_BYTES_TARGET = 5_000_000
KEYSTROKE_MEDIAN_TARGET_MS = 16.0
LONG_TASK_MS = 50.0
AUDIT_PAGE = "/tools/"
AUDIT_WIDGET = 'article [data-widget="number-audit"]'
AUDIT_ROWS = 200_000
AUDIT_TARGET_S = 8.0
FIRST_NUMBER = "07400 123456"  # typed as soon as the number checker's input is there


@dataclass(frozen=True)
class Throttle:
    """A slow link and device: the server's rate and wait per answer, Chromium's CPU slowdown."""

    mbit_s: float = 5.0
    latency_ms: float = 40.0
    cpu: float = 4.0

    def label(self) -> str:
        """Return e.g. "5 Mbit/s, 40 ms, CPU x4"."""
        return f"{self.mbit_s:g} Mbit/s, {self.latency_ms:g} ms, CPU x{self.cpu:g}"


THROTTLED_MBIT = (5.0, 20.0)
"""The throttled links measured: 5 Mbit/s (a phone on a poor connection) and 20 Mbit/s, the
profile issue 14 names; each with 40 ms per answer and the CPU slowed 4 times."""

# GitHub Pages gzips text and WebAssembly, and sends archives (.zip, .whl, .gz) as they are.
GZIPPED_SUFFIXES = (
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".wasm",
    ".svg",
    ".xml",
    ".txt",
    ".map",
)
MAX_AGE_S = 600  # GitHub Pages' Cache-Control
BYPASS_CSP = True
"""Playwright's wait_for_function evaluates its predicate with eval, which the site's CSP
(script-src without 'unsafe-eval') refuses; the site's own scripts run the same either way."""
WIDGET_SCRIPTS = "/javascripts/"  # the site's own scripts; Material's are in /assets/

BARE_PAGE = "/__bench__/bare.html"
BARE_WORKER = "/__bench__/bare-worker.mjs"
_BARE_FILES = {
    BARE_PAGE: (
        "text/html; charset=utf-8",
        """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide boot</title></head>
<body><p>Bare Pyodide boot (benchmark page, not part of the site)</p>
<script type="module">
const worker = new Worker("/__bench__/bare-worker.mjs", { type: "module" });
worker.onmessage = ({ data }) => {
  window.__bare = { ...data, ready: performance.now() };
};
worker.onerror = (event) => {
  window.__bare = { error: event.message || "the worker could not be loaded" };
};
</script></body></html>
""",
    ),
    BARE_WORKER: (
        "text/javascript; charset=utf-8",
        """const indexURL = new URL("/assets/pyodide/", self.location.href).href;
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  await loadPyodide({ indexURL });
  self.postMessage({ ok: true });
} catch (error) {
  self.postMessage({ error: String(error?.message || error) });
}
""",
    ),
}

# Runs before any script of the page: long tasks (buffered) and the number checker's states;
# a number is typed into the checker as soon as it is set up (its first data-state), and the
# time its verdict is written is the first verdict.
_INIT_SCRIPT = """
(() => {
  const bench = (window.__bench = {
    longtasks: [], ready: null, error: null, states: [],
    typed: null, verdict: null, verdictText: null,
  });
  // What is compared with checkers: the answer's code and its headline (expected_verdict).
  const verdictOf = (node) =>
    `${node.dataset.verdict}|${node.querySelector('[data-part="headline"]')?.textContent}`;
  window.__verdictOf = verdictOf;
  const typeFirst = (root) => {
    const input = root.querySelector('[data-part="input"]');
    const box = root.querySelector('[data-part="result"]');
    if (bench.typed !== null || !input || !box) return;
    new MutationObserver(() => {
      const verdict = box.querySelector(':scope > [data-part="verdict"]');
      if (!verdict || bench.verdict !== null) return;
      bench.verdict = performance.now();
      bench.verdictText = verdictOf(verdict);
    }).observe(box, { childList: true });
    bench.typed = performance.now();
    input.value = FIRST_NUMBER;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    bench.longtaskError = String(error);
  }
  // Long animation frames name the scripts that ran in them: what a long task is made of.
  bench.scripts = [];
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        for (const script of frame.scripts) {
          bench.scripts.push({
            start: script.startTime,
            duration: script.duration,
            url: script.sourceURL,
            invoker: script.invoker,
          });
        }
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) {
    bench.loafError = String(error);
  }
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      const node = record.target;
      if (!node.matches?.('[data-widget="number-checker"]')) continue;
      const state = node.dataset.state;
      bench.states.push([state, now]);
      typeFirst(node);
      if (state === "ready" && bench.ready === null) bench.ready = now;
      if (state === "error" && bench.error === null) bench.error = now;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
})();
""".replace("FIRST_NUMBER", repr(FIRST_NUMBER))

# Keystroke to verdict, measured in the page: performance.now() at the input event (window,
# capture phase: before the widget's own listener) to the verdict element being written.
_LATENCY_PROBE = """
(selector) => {
  const root = document.querySelector(selector);
  const input = root.querySelector('[data-part="input"]');
  const box = root.querySelector('[data-part="result"]');
  const probe = (window.__latency = { pending: [], done: [] });
  window.addEventListener("input", (event) => {
    if (event.target !== input) return;
    if (input.value.trim()) probe.pending.push([performance.now(), input.value]);
  }, true);
  new MutationObserver(() => {
    const verdict = box.querySelector(':scope > [data-part="verdict"]');
    if (!verdict) return;
    const now = performance.now();
    const text = window.__verdictOf(verdict);
    for (const [t0, value] of probe.pending.splice(0)) {
      probe.done.push({ ms: now - t0, value, text, shownFor: input.value });
    }
  }).observe(box, { childList: true });
}
"""


class Link:
    """One network link shared by every connection of a server: `rate` bytes a second."""

    CHUNK = 16_384

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.free_at = 0.0  # when the link has sent everything it was given
        self.lock = threading.Lock()

    def wait_to_send(self, size: int) -> None:
        """Block until `size` more bytes would have left the link."""
        with self.lock:
            self.free_at = max(self.free_at, time.perf_counter()) + size / self.rate
            until = self.free_at
        time.sleep(max(0.0, until - time.perf_counter()))


class _CountingWriter:
    """The response stream of one connection, counting the bytes written (through `link`)."""

    def __init__(self, raw: Any, link: Link | None) -> None:
        self.raw = raw
        self.link = link
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        if self.link is None:
            written: int = self.raw.write(data)
            return written
        view = memoryview(data)
        for start in range(0, len(view), Link.CHUNK):
            piece = view[start : start + Link.CHUNK]
            self.link.wait_to_send(len(piece))
            self.raw.write(piece)
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@functools.lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int) -> bytes:  # noqa: ARG001 - part of the cache key
    """Return the file gzipped as a web server does it on the fly (level 6); by path and date."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


@dataclass(frozen=True)
class Served:
    """One response as the server sent it: bytes on the wire (headers and body)."""

    path: str
    status: int
    bytes: int
    at: float  # epoch ms when the last byte was written


class BenchHandler(SiteHandler):
    """The site as GitHub Pages serves it, plus the bare-boot page.

    Text and WebAssembly go gzipped when the browser accepts it, archives as they are; every
    file with ``Cache-Control: max-age=600`` and an ETag (a revalidation gets 304). With
    `block_pyodide`, Pyodide's files answer 404. Every response is logged to the server's
    `served` list, so the bytes a visit transferred are counted where they are sent: the
    page's, its workers', revalidations (304) included; on a throttled server (its `link`)
    they leave at the link's rate, each answer after `delay_s`.
    """

    block_pyodide = False

    def setup(self) -> None:
        """Count what is written to the connection."""
        super().setup()
        self.wfile = _CountingWriter(self.wfile, getattr(self.server, "link", None))  # type: ignore[assignment]

    def send_response(self, code: int, message: str | None = None) -> None:
        """Note the status for the log."""
        self._status = code
        super().send_response(code, message)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Answer, and log the response's size."""
        writer = self.wfile
        before = writer.count if isinstance(writer, _CountingWriter) else 0
        self._status = 0
        delay_s = float(getattr(self.server, "delay_s", 0.0))
        if delay_s:
            time.sleep(delay_s)
        try:
            self._get()
        finally:
            after = writer.count if isinstance(writer, _CountingWriter) else 0
            served: list[Served] = getattr(self.server, "served", [])
            served.append(Served(self.path, self._status, after - before, time.time() * 1000))

    def _get(self) -> None:
        path = self.path.split("?")[0]
        if path in _BARE_FILES:
            content_type, text = _BARE_FILES[path]
            self._send(200, text.encode(), content_type)
            return
        if self.block_pyodide and path.startswith("/assets/pyodide/"):
            self.send_error(404)
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            file /= "index.html"
        if path == "/sitemap.xml" or not file.is_file():
            super().do_GET()  # the sitemap with this origin; 404s and redirects
            return
        stat = file.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if etag in self.headers.get("If-None-Match", ""):
            self._send(304, b"", None, etag)
            return
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".wasm":
            content_type = "application/wasm"
        if file.suffix in GZIPPED_SUFFIXES and "gzip" in self.headers.get("Accept-Encoding", ""):
            self._send(200, _gzipped(str(file), stat.st_mtime_ns), content_type, etag, "gzip")
        else:
            self._send(200, file.read_bytes(), content_type, etag)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        etag: str | None = None,
        encoding: str | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", f"max-age={MAX_AGE_S}")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class BlockedHandler(BenchHandler):
    """The site with Pyodide's files missing: the widgets fail to start Python."""

    block_pyodide = True


@contextmanager
def serve(
    site: Path, handler: type[BenchHandler], throttle: Throttle | None = None
) -> Iterator[tuple[str, list[Served]]]:
    """Serve `site` on 127.0.0.1 (through `throttle`'s link): (base URL, log of the responses)."""
    server = SiteServer((HOST, 0), functools.partial(handler, directory=str(site)))
    # Gzip every file once before any visit, so no visit waits for the compression (GitHub
    # Pages' CDN keeps its gzipped copies too).
    for file in site.rglob("*"):
        if file.suffix in GZIPPED_SUFFIXES and file.is_file():
            _gzipped(str(file), file.stat().st_mtime_ns)
    served: list[Served] = []
    server.served = served  # type: ignore[attr-defined]
    if throttle is not None:
        if throttle.mbit_s:
            server.link = Link(throttle.mbit_s * 1_000_000 / 8)  # type: ignore[attr-defined]
        server.delay_s = throttle.latency_ms / 1000  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Visit:
    """One page load: when it answered (ms from navigation), what it fetched, long tasks.

    `ready_ms` is the number checker's data-state="ready" (loadPyodide resolving for the
    bare boot), `verdict_ms` its first verdict (the same as ready_ms for the bare boot):
    bytes, requests and tasks are those until `verdict_ms`.
    """

    ready_ms: float
    verdict_ms: float = 0.0
    verdict_text: str = ""
    bytes: int = 0
    requests: int = 0
    longtasks: list[dict[str, float]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    scripts: list[dict[str, Any]] = field(default_factory=list)  # long animation frames

    @property
    def longest_ms(self) -> float:
        """The longest task's duration (0 without any)."""
        return max((t["duration"] for t in self.longtasks), default=0.0)

    def long_over(self, limit: float) -> list[dict[str, float]]:
        """Return the tasks longer than `limit` ms."""
        return [t for t in self.longtasks if t["duration"] > limit]

    def blame(self, task: dict[str, float]) -> str:
        """Return the script file that ran longest inside `task` ("-" when no script ran long)."""
        end = task["start"] + task["duration"]
        spent: dict[str, float] = {}
        for script in self.scripts:
            if task["start"] - 1 <= script["start"] < end:
                where = urlsplit(script["url"]).path or script["invoker"] or "?"
                spent[where] = spent.get(where, 0.0) + float(script["duration"])
        return max(spent, key=lambda where: spent[where]) if spent else "-"

    def widget_tasks(self, limit: float) -> list[tuple[float, str]]:
        """Return the tasks over `limit` ms spent mostly in the site's own scripts (the widgets)."""
        blamed = [(t["duration"], self.blame(t)) for t in self.long_over(limit)]
        return [(ms, where) for ms, where in blamed if where.startswith(WIDGET_SCRIPTS)]


class Recorder:
    """The responses the server sent since the last `take`."""

    def __init__(self, served: list[Served]) -> None:
        self.served = served
        self.mark = len(served)

    def take(self, until_epoch_ms: float) -> tuple[int, int, list[str]]:
        """Bytes and count of the responses finished before a time; the list of them."""
        time.sleep(0.2)  # let the server log responses still being written
        taken = [s for s in self.served[self.mark :] if s.at <= until_epoch_ms]
        self.mark = len(self.served)
        lines = [f"{s.bytes:>12,}  {s.status}  {s.path}" for s in taken]
        return sum(s.bytes for s in taken), len(taken), lines


def visit_widget(page: Page, recorder: Recorder, url: str) -> Visit:
    """Load the page and wait for the number checker's first verdict."""
    page.goto(url)
    page.wait_for_function(
        "window.__bench && (window.__bench.verdict !== null || window.__bench.error !== null)",
        timeout=BOOT_MS,
        polling=50,
    )
    bench = page.evaluate("window.__bench")
    if bench["verdict"] is None:
        state = page.locator(WIDGET).inner_text()
        raise RuntimeError(f"the number checker failed to start: {state}")
    origin = page.evaluate("performance.timeOrigin")
    verdict = float(bench["verdict"])
    size, count, urls = recorder.take(origin + verdict)
    tasks = [t for t in bench["longtasks"] if t["start"] <= verdict]
    return Visit(
        float(bench["ready"]),
        verdict,
        str(bench["verdictText"]),
        size,
        count,
        tasks,
        urls,
        page.evaluate("window.__bench.scripts"),
    )


def visit_bare(page: Page, recorder: Recorder, url: str) -> Visit:
    """Load the bare-boot page and wait for loadPyodide to resolve in its worker."""
    page.goto(url)
    page.wait_for_function("window.__bare !== undefined", timeout=BOOT_MS, polling=50)
    bare = page.evaluate("window.__bare")
    if not bare.get("ok"):
        raise RuntimeError(f"bare Pyodide failed to start: {bare.get('error')}")
    origin = page.evaluate("performance.timeOrigin")
    ready = float(bare["ready"])
    size, count, urls = recorder.take(origin + ready)
    return Visit(ready, ready, "", size, count, [], urls)


def visit_baseline(page: Page, url: str, wait_for: str) -> Visit:
    """Long tasks of a page that starts no Python: until `wait_for` holds, plus 500 ms."""
    page.goto(url)
    page.wait_for_function(wait_for, timeout=BOOT_MS, polling=50)
    page.wait_for_timeout(500)
    bench = page.evaluate("window.__bench")
    ready = float(page.evaluate("performance.now()"))
    return Visit(ready, longtasks=bench["longtasks"], scripts=bench["scripts"])


READING_MS = 2_000
"""How long the first visit's tab stays open after its answer, before the second visit: a
reader reads the verdict. (The site keeps its snapshot of Python for the next visit then.)"""


def cold_and_warm(
    playwright: Playwright,
    served: list[Served],
    base: str,
    path: str,
    visit: Callable[[Page, Recorder, str], Visit],
    *,
    cpu: float = 1.0,
    warm: bool = True,
) -> tuple[Visit, Visit | None]:
    """Visit `path` with a fresh profile (empty disk cache), then (`warm`) again in a new tab,
    `READING_MS` after the first visit's answer.

    A persistent profile, not an incognito context: an incognito context caches in memory
    and leaves out large entries (pyodide.asm.wasm), and V8 keeps compiled WebAssembly
    only next to a disk cache, so only a profile on disk warms up as a reader's browser does.
    `cpu` > 1 slows Chromium down that many times (CDP Emulation.setCPUThrottlingRate).
    """
    with tempfile.TemporaryDirectory(
        prefix="bench-profile-", ignore_cleanup_errors=True
    ) as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            base_url=base,
            bypass_csp=BYPASS_CSP,
        )
        try:
            context.add_init_script(_INIT_SCRIPT)
            recorder = Recorder(served)

            def one_visit(*, read_ms: int = 0) -> Visit:
                page = context.new_page()
                if cpu > 1:
                    cdp = context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
                recorder.mark = len(served)
                try:
                    measured = visit(page, recorder, base + path)
                    page.wait_for_timeout(read_ms)
                    return measured
                finally:
                    page.close()

            # Before the second visit, the reader reads the first one's answer for a moment.
            cold = one_visit(read_ms=READING_MS if warm else 0)
            second = one_visit() if warm else None
        finally:
            context.close()
    return cold, second


def inputs(count: int, seed: int = 4) -> list[str]:
    """`count` different numbers as readers paste them: UK and foreign, good and bad."""
    formats = (
        "07{a:03d} {b:06d}",
        "+44 7{a:03d} {b:06d}",
        "447{a:03d}{b:06d}",
        "0044 7{a:03d} {b:06d}",
        "01{a:03d} {b:06d}",
        "020 {c:04d} {d:04d}",
        "+1 (202) {a:03d}-{d:04d}",
        "07{a:03d}-{b:06d} x12",
        "07{a:03d} {e:05d}",
        "O7{a:03d} {b:06d}",
        "+33 6 {c:02d} {d:02d} {e:02d} {b:02d}",
        "7{a:03d} {b:06d}",
    )
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    seen: dict[str, None] = {}
    while len(seen) < count:
        raw = rng.choice(formats).format(
            a=rng.randrange(400, 1000),
            b=rng.randrange(1_000_000),
            c=rng.randrange(10_000),
            d=rng.randrange(10_000),
            e=rng.randrange(100_000),
        )
        seen.setdefault(raw)
    return list(seen)


def expected_verdict(raw: str) -> str:
    """Checkers' own answer for `raw` (region GB): "<verdict code>|<headline>", as shown."""
    result = check_number(raw, "GB")
    return f"{result.verdict_code}|{result.headline}"


def keystroke_latency(page: Page, base: str) -> tuple[list[float], int, list[float]]:
    """(fill-per-input latencies, wrong verdicts, typed per-keystroke latencies) in ms."""
    page.goto(base + PAGE)
    page.wait_for_function("window.__bench.ready !== null", timeout=BOOT_MS, polling=50)
    page.evaluate(_LATENCY_PROBE, WIDGET)
    box = page.locator(WIDGET).get_by_label("Mobile number")
    wrong = 0
    filled: list[float] = []
    for index, raw in enumerate(inputs(INPUTS)):
        box.fill(raw)
        page.wait_for_function(f"window.__latency.done.length > {index}", polling="raf")
        done = page.evaluate(f"window.__latency.done[{index}]")
        filled.append(float(done["ms"]))
        wrong += done["value"] != raw or done["text"] != expected_verdict(raw)
    page.evaluate("window.__latency.done = []; window.__latency.pending = []")
    box.fill("")
    typed_inputs = inputs(TYPED_NUMBERS, seed=5)
    for raw in typed_inputs:
        box.fill("")
        box.press_sequentially(raw, delay=60)  # about 100 words a minute, as a fast typist
        page.wait_for_function("window.__latency.pending.length === 0", polling="raf")
        last = page.evaluate("window.__latency.done.at(-1)")
        wrong += last["shownFor"] != raw or last["text"] != expected_verdict(raw)
    typed = [float(d["ms"]) for d in page.evaluate("window.__latency.done")]
    return filled, wrong, typed


# The audit's click on "Check the numbers" to its verdict, measured in the page, with the
# progress text's updates counted on the way.
_AUDIT_PROBE = """
(selector) => {
  const root = document.querySelector(selector);
  const summary = root.querySelector('[data-part="summary"]');
  const progress = root.querySelector('[data-part="progress-text"]');
  const probe = (window.__audit = { start: null, end: null, updates: 0, headline: null });
  root.querySelector('[data-part="run"]').addEventListener("click", () => {
    probe.start = performance.now();
  }, true);
  new MutationObserver(() => {
    probe.updates += 1;
  }).observe(progress, { childList: true, characterData: true, subtree: true });
  new MutationObserver(() => {
    const verdict = summary.querySelector('[data-part="verdict"]');
    if (!verdict || probe.end !== null) return;
    probe.end = performance.now();
    probe.headline = verdict.textContent;
  }).observe(summary, { childList: true, subtree: true });
}
"""


@dataclass(frozen=True)
class AuditRun:
    """One browser audit of the generated list: time, progress updates, long tasks."""

    seconds: float
    rows: int
    bytes: int
    updates: int
    longest_task_ms: float
    tasks_over: int
    headline: str


def audit_csv_bytes(rows: int = AUDIT_ROWS) -> bytes:
    """bench_audit's UK list of `rows` contacts, as a CRM exports it."""
    return "".join(contact_lines(uk_numbers(rows, seed=1))).encode()


def audit_in_browser(browser: Browser, base: str, data: bytes) -> AuditRun:
    """Audit `data` with the Tools page's number audit: click to verdict, in the page."""
    context = browser.new_context(base_url=base, bypass_csp=BYPASS_CSP)
    context.add_init_script(_INIT_SCRIPT)
    try:
        page = context.new_page()
        page.goto(base + AUDIT_PAGE)
        root = page.locator(AUDIT_WIDGET)
        root.and_(page.locator('[data-state="ready"]')).wait_for(timeout=BOOT_MS)
        page.evaluate(_AUDIT_PROBE, AUDIT_WIDGET)
        root.get_by_label("CSV file").set_input_files(
            files=[{"name": "contacts.csv", "mimeType": "text/csv", "buffer": data}]
        )
        column = root.locator('[data-part="column"]')
        expect(column).to_be_enabled(timeout=BOOT_MS)
        column.select_option("Mobile")
        root.get_by_role("button", name="Check the numbers").click()
        page.wait_for_function("window.__audit.end !== null", timeout=BOOT_MS * 2, polling=100)
        probe = page.evaluate("window.__audit")
        start, end = float(probe["start"]), float(probe["end"])
        tasks = [
            t["duration"]
            for t in page.evaluate("window.__bench.longtasks")
            if start <= t["start"] <= end
        ]
    finally:
        context.close()
    return AuditRun(
        (end - start) / 1000,
        AUDIT_ROWS,
        len(data),
        int(probe["updates"]),
        max(tasks, default=0.0),
        sum(t > LONG_TASK_MS for t in tasks),
        str(probe["headline"]),
    )


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def verdict(ok: bool) -> str:
    """Return PASS or MISS."""
    return "PASS" if ok else "MISS"


def target(figure: float, limit: float, text: str) -> str:
    """Return "target <= <text>: PASS" (or MISS) for `figure` against `limit`."""
    return f"target <= {text}: {verdict(figure <= limit)}"


@dataclass
class Results:
    """Everything one run measured."""

    widget: list[tuple[Visit, Visit]] = field(default_factory=list)  # (cold, warm) per run
    bare: list[tuple[Visit, Visit]] = field(default_factory=list)
    # Per throttle: the cold visits of the page and of the bare boot.
    slow: dict[Throttle, tuple[list[Visit], list[Visit]]] = field(default_factory=dict)
    blocked: list[Visit] = field(default_factory=list)  # the page, Pyodide's files blocked
    no_widget: list[Visit] = field(default_factory=list)
    filled: list[float] = field(default_factory=list)
    typed: list[float] = field(default_factory=list)
    audits: list[AuditRun] = field(default_factory=list)
    wrong: int = 0
    phases: list[tuple[str, float]] = field(default_factory=list)


def baselines(browser: Browser, base: str, blocked_base: str, results: Results) -> None:
    """Long tasks of the page with Pyodide's files blocked, and of a page without a widget."""
    for url, wait_for, into in (
        (blocked_base + PAGE, "window.__bench.error !== null", results.blocked),
        (base + NO_WIDGET_PAGE, "document.readyState === 'complete'", results.no_widget),
    ):
        context = browser.new_context(bypass_csp=BYPASS_CSP)
        context.add_init_script(_INIT_SCRIPT)
        try:
            into.append(visit_baseline(context.new_page(), url, wait_for))
        finally:
            context.close()


def _pair(pair: tuple[Visit, Visit | None]) -> tuple[Visit, Visit]:
    cold, warm = pair
    if warm is None:
        raise RuntimeError("the warm visit is missing")
    return cold, warm


def measure(
    site: Path,
    runs: int,
    throttles: tuple[Throttle, ...],
    *,
    slow_runs: int = 1,
    audit_runs: int = 1,
    latency_ms: float = 0.0,
) -> Results:
    """Serve `site` and take every measurement."""
    results = Results()
    expected = expected_verdict(FIRST_NUMBER)
    started = time.perf_counter()
    plain = Throttle(0, latency_ms, 1) if latency_ms else None
    with (
        serve(site, BenchHandler, plain) as (base, served),
        serve(site, BlockedHandler) as (blocked_base, _),
        sync_playwright() as playwright,
    ):
        for _ in range(runs):  # interleaved, so load on the machine hits both alike
            results.bare.append(
                _pair(cold_and_warm(playwright, served, base, BARE_PAGE, visit_bare))
            )
            pair = _pair(cold_and_warm(playwright, served, base, PAGE, visit_widget))
            results.widget.append(pair)
            results.wrong += sum(v.verdict_text != expected for v in pair)
        results.phases.append(("cold and warm visits", time.perf_counter() - started))
        for throttle in throttles:
            with serve(site, BenchHandler, throttle) as (slow_base, slow_served):
                pages, bares = results.slow.setdefault(throttle, ([], []))
                for _ in range(slow_runs):
                    for path, visit, into in (
                        (BARE_PAGE, visit_bare, bares),
                        (PAGE, visit_widget, pages),
                    ):
                        cold, _none = cold_and_warm(
                            playwright, slow_served, slow_base, path, visit,
                            cpu=throttle.cpu, warm=False,
                        )  # fmt: skip
                        into.append(cold)
                results.wrong += sum(v.verdict_text != expected for v in pages)
        results.phases.append(("throttled visits", time.perf_counter() - started))
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for _ in range(runs):
                baselines(browser, base, blocked_base, results)
            results.phases.append(("baselines", time.perf_counter() - started))
            context = browser.new_context(bypass_csp=BYPASS_CSP)
            context.add_init_script(_INIT_SCRIPT)
            try:
                results.filled, wrong, results.typed = keystroke_latency(context.new_page(), base)
                results.wrong += wrong
            finally:
                context.close()
            results.phases.append(("keystrokes", time.perf_counter() - started))
            data = audit_csv_bytes()
            for _ in range(audit_runs):
                results.audits.append(audit_in_browser(browser, base, data))
            results.phases.append(("audit", time.perf_counter() - started))
        finally:
            browser.close()
    return results


def row(label: str, value: str, goal: str = "") -> None:
    """Print one line of the table."""
    print(f"  {label:<52} {value:>14}  {goal}".rstrip())


def details(results: Results) -> None:
    """Print each run's figures and the long tasks with their scripts."""
    loads = [visit for pair in results.widget for visit in pair]
    print("\n  Each run, ms (cold / warm):")
    for name, pairs, figure in (
        ("verdict", results.widget, "verdict_ms"),
        ("ready", results.widget, "ready_ms"),
        ("bare", results.bare, "ready_ms"),
    ):
        cold = [round(getattr(c, figure)) for c, _ in pairs]
        warm = [round(getattr(w, figure)) for _, w in pairs]
        print(f"    {name:<8} {cold} / {warm}")
    for throttle, (pages, bares) in results.slow.items():
        if not pages:
            continue
        slow = [round(v.verdict_ms) for v in pages]
        slow_bare = [round(v.ready_ms) for v in bares]
        print(f"    {throttle.label()}, cold: verdict {slow}, bare {slow_bare}")
    for run in results.audits:
        print(
            f"    audit: {run.seconds:.2f} s, {run.updates} progress updates, "
            f"longest task {run.longest_task_ms:.0f} ms: {run.headline}"
        )
    print(f"  Tasks over {LONG_TASK_MS:.0f} ms (ms, the script that ran longest in it):")
    named = [("page", v) for v in loads] + [("blocked", v) for v in results.blocked]
    for name, visit in [*named, *(("no widget", v) for v in results.no_widget)]:
        tasks = [f"{t['duration']:.0f} {visit.blame(t)}" for t in visit.long_over(LONG_TASK_MS)]
        print(f"    {name:<9} {'; '.join(tasks) or '-'}")


def _report_work(results: Results) -> None:
    """Print the keystroke, long-task and audit rows of the table."""
    med = statistics.median
    loads = [visit for pair in results.widget for visit in pair]
    longest = max(v.longest_ms for v in loads)
    blocked = max(v.longest_ms for v in results.blocked)
    plain = max(v.longest_ms for v in results.no_widget)
    # A long task is put down to the widgets when the scripts that ran longest in it (long
    # animation frames name them) are the site's own, not Material's or the browser's.
    over = max(len(v.long_over(LONG_TASK_MS)) for v in loads)
    over_base = max(len(v.long_over(LONG_TASK_MS)) for v in results.blocked + results.no_widget)
    # Every page loads every widget's script, so the pages without Python count too.
    everywhere = loads + results.blocked + results.no_widget
    caused = [t for v in everywhere for t in v.widget_tasks(LONG_TASK_MS)]
    filled, typed = results.filled, results.typed

    row(
        f"keystroke to verdict, fill per input ({len(filled)}), median",
        f"{med(filled):.1f} ms",
        target(med(filled), KEYSTROKE_MEDIAN_TARGET_MS, f"{KEYSTROKE_MEDIAN_TARGET_MS:.0f} ms"),
    )
    row("  p95", f"{p95(filled):.1f} ms")
    row(f"keystroke to verdict, typed ({len(typed)} keys), median", f"{med(typed):.1f} ms")
    row("  p95", f"{p95(typed):.1f} ms")
    row(
        "verdicts not matching checkers",
        str(results.wrong),
        f"target 0: {verdict(not results.wrong)}",
    )
    row("longest main-thread task before the first verdict", f"{longest:.0f} ms")
    row("  same page, Pyodide's files blocked", f"{blocked:.0f} ms")
    row(f"  page without a widget ({NO_WIDGET_PAGE})", f"{plain:.0f} ms")
    row(
        f"  most tasks over {LONG_TASK_MS:.0f} ms in a load: page / baselines",
        f"{over} / {over_base}",
    )
    row(
        f"  tasks over {LONG_TASK_MS:.0f} ms in the widgets' scripts",
        str(len(caused)),
        f"target none: {verdict(not caused)}",
    )
    if not results.audits:  # --audit-runs 0
        return
    audit_s = med([a.seconds for a in results.audits])
    audit = results.audits[0]
    row(
        f"audit in the browser, {audit.rows:,} rows ({audit.bytes / 1e6:.1f} MB), click to verdict",
        f"{audit_s:.2f} s",
        target(audit_s, AUDIT_TARGET_S, f"{AUDIT_TARGET_S:.0f} s"),
    )
    row(
        "  progress updates shown / longest task",
        f"{audit.updates} / {audit.longest_task_ms:.0f} ms",
    )


def report(results: Results, runs: int, show_requests: bool) -> None:
    """Print the table."""
    med = statistics.median
    widget, bare = results.widget, results.bare
    cold_verdict = med([c.verdict_ms for c, _ in widget])
    warm_verdict = med([w.verdict_ms for _, w in widget])
    cold_bare = med([c.ready_ms for c, _ in bare])
    warm_bare = med([w.ready_ms for _, w in bare])
    cold_ratio, warm_ratio = cold_verdict / cold_bare, warm_verdict / warm_bare
    cold_bytes = med([float(c.bytes) for c, _ in widget])
    print(f"\nNumber checker on {PAGE} in headless Chromium, median of {runs} runs, served as")
    print("GitHub Pages serves it (gzip for text and WebAssembly, max-age=600, ETags).")
    print(f"(cold: fresh profile; warm: second visit, same profile; bare: {BARE_PAGE})\n")
    row("first verdict, cold", f"{cold_verdict:,.0f} ms")
    row("first verdict, warm", f"{warm_verdict:,.0f} ms")
    row(
        "ready, cold / warm",
        f"{med([c.ready_ms for c, _ in widget]):,.0f} / "
        f"{med([w.ready_ms for _, w in widget]):,.0f} ms",
    )
    row("bare loadPyodide(), cold", f"{cold_bare:,.0f} ms")
    row("bare loadPyodide(), warm", f"{warm_bare:,.0f} ms")
    row(
        "ratio first verdict / bare, cold",
        f"{cold_ratio:.2f} x",
        target(cold_ratio, COLD_RATIO_TARGET, f"{COLD_RATIO_TARGET} x"),
    )
    row(
        "ratio first verdict / bare, warm",
        f"{warm_ratio:.2f} x",
        target(warm_ratio, WARM_RATIO_TARGET, f"{WARM_RATIO_TARGET} x"),
    )
    row(
        "bytes on the wire before the first verdict, cold",
        f"{cold_bytes / 1e6:.2f} MB",
        target(cold_bytes, GZ_BYTES_TARGET, f"{GZ_BYTES_TARGET / 1e6:.1f} MB"),
    )
    row("  the same, warm", f"{med([float(w.bytes) for _, w in widget]) / 1e6:.3f} MB")
    row("  bare loadPyodide(), cold", f"{med([float(c.bytes) for c, _ in bare]) / 1e6:.2f} MB")
    for throttle, (pages, bares) in results.slow.items():
        if not pages:  # --throttled-runs 0
            continue
        slow_verdict = med([v.verdict_ms for v in pages])
        slow_bare = med([v.ready_ms for v in bares])
        slow_ratio = slow_verdict / slow_bare
        row(f"first verdict, cold, throttled ({throttle.label()})", f"{slow_verdict:,.0f} ms")
        row("  bare loadPyodide(), the same", f"{slow_bare:,.0f} ms")
        row(
            "  ratio",
            f"{slow_ratio:.2f} x",
            target(slow_ratio, COLD_RATIO_TARGET, f"{COLD_RATIO_TARGET} x"),
        )
        if throttle.mbit_s:  # what the bytes alone take on this link: the ratio's floor
            page_link, bare_link = (
                med([float(v.bytes) for v in visits]) * 8 / (throttle.mbit_s * 1e3)
                for visits in (pages, bares)
            )
            row(
                "  the bytes alone over the link, page / bare",
                f"{page_link:,.0f} / {bare_link:,.0f} ms",
                f"ratio {page_link / bare_link:.2f} x at best",
            )
    _report_work(results)
    details(results)
    phases = ", ".join(f"{name} by {at:.0f} s" for name, at in results.phases)
    print(f"  Time taken: {phases}")
    if show_requests:
        shown = (
            ("page, cold", widget[0][0]),
            ("page, warm", widget[0][1]),
            ("bare, cold", bare[0][0]),
            ("bare, warm", bare[0][1]),
        )
        for title, visit in shown:
            print(f"\n  Responses before the first verdict, {title} ({visit.requests}):")
            for line in visit.urls:
                print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    """Build the site (unless --site), measure, print the table; 0 unless it cannot measure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="cold and warm repetitions")
    parser.add_argument("--throttled-runs", type=int, default=1, help="throttled cold visits")
    parser.add_argument("--audit-runs", type=int, default=1, help="browser audits")
    parser.add_argument(
        "--mbit",
        type=float,
        nargs="+",
        default=THROTTLED_MBIT,
        help="throttled links, Mbit/s (each a figure)",
    )
    parser.add_argument("--cpu", type=float, default=Throttle.cpu, help="throttled CPU slowdown")
    parser.add_argument("--requests", action="store_true", help="list the responses")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="ms the (unthrottled) server waits per answer"
    )
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        print(f"error: Chromium is missing at {CHROMIUM}", file=sys.stderr)
        return 2
    throttles = tuple(Throttle(mbit, Throttle.latency_ms, args.cpu) for mbit in args.mbit)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            site = args.site
            if site is None:
                built = build_site(ROOT, Path(tmp) / "site")
                if built.returncode:
                    print(built.log, file=sys.stderr)
                    print("error: the site did not build", file=sys.stderr)
                    return 2
                site = built.site
            results = measure(
                site,
                args.runs,
                throttles,
                slow_runs=args.throttled_runs,
                audit_runs=args.audit_runs,
                latency_ms=args.latency,
            )
    except (RuntimeError, PlaywrightError, OSError) as error:
        print(f"error: could not measure: {error}", file=sys.stderr)
        return 2
    report(results, args.runs, args.requests)
    if results.wrong:
        print(f"error: {results.wrong} verdicts did not match checkers'", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
