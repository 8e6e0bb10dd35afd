"""Benchmark the number checker in headless Chromium against the built site.

Run from the repository root: .venv/bin/python bench/bench_browser.py [--site DIR] [--runs 3]
Without --site the site is built (mkdocs build --strict) into a temporary folder. One run
prints, each figure the median of --runs repetitions:

- ready: navigation start to the number checker's root getting data-state="ready", cold
  (fresh browser context: empty HTTP cache) and warm (second visit in the same context);
- bare Pyodide boot on the same server: a page that is not part of the site starts a module
  worker that imports /assets/pyodide/pyodide.mjs and awaits loadPyodide({indexURL}), cold
  and warm, and the ratio ready / bare;
- keystroke to verdict over 200 different inputs, filled one per input (Playwright's fill:
  one input event per number) and, as a second figure, typed key by key (each keystroke
  measured to the next verdict shown, so coalescing shows);
- bytes transferred before ready (page and worker requests, headers and bodies);
- the longest main-thread task during load, next to the same page with Pyodide's files
  blocked and a page without a widget.

It is a benchmark, not a test: it exits 0 whether the targets are met or not, and non-zero
only when it could not measure.
"""

from __future__ import annotations

import argparse
import functools
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

from playwright.sync_api import Browser, Page, Playwright, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from checkers import check_number  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, HOST, SiteHandler, SiteServer  # noqa: E402
from tests.sitebuild import build_site  # noqa: E402

PAGE = "/sending-fails/"
NO_WIDGET_PAGE = "/writers/"
WIDGET = 'article [data-widget="number-checker"]'
BOOT_MS = 90_000
INPUTS = 200
TYPED_NUMBERS = 8

READY_RATIO_TARGET = 1.15
KEYSTROKE_MEDIAN_TARGET_MS = 16.0
LONG_TASK_MS = 50.0
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

# Runs before any script of the page: long tasks (buffered) and the number checker's states.
_INIT_SCRIPT = """
(() => {
  const bench = (window.__bench = { longtasks: [], ready: null, error: null, states: [] });
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
      if (state === "ready" && bench.ready === null) bench.ready = now;
      if (state === "error" && bench.error === null) bench.error = now;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
})();
"""

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
    const text = verdict.textContent;
    for (const [t0, value] of probe.pending.splice(0)) {
      probe.done.push({ ms: now - t0, value, text, shownFor: input.value });
    }
  }).observe(box, { childList: true });
}
"""


class _CountingWriter:
    """The response stream of one connection, counting the bytes written to it."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        written: int = self.raw.write(data)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@dataclass(frozen=True)
class Served:
    """One response as the server sent it: bytes on the wire (headers and body)."""

    path: str
    status: int
    bytes: int
    at: float  # epoch ms when the last byte was written


class BenchHandler(SiteHandler):
    """The site, plus the bare-boot page; with `block_pyodide`, Pyodide's files answer 404.

    Every response is logged to the server's `served` list, so the bytes a visit transferred
    are counted where they are sent: the page's, its workers', revalidations (304) included.
    """

    block_pyodide = False
    delay_s = 0.0  # --latency: wait this long before each answer, as a network round trip

    def setup(self) -> None:
        """Count what is written to the connection."""
        super().setup()
        self.wfile = _CountingWriter(self.wfile)  # type: ignore[assignment]

    def send_response(self, code: int, message: str | None = None) -> None:
        """Note the status for the log."""
        self._status = code
        super().send_response(code, message)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Answer, and log the response's size."""
        writer = self.wfile
        before = writer.count if isinstance(writer, _CountingWriter) else 0
        self._status = 0
        if self.delay_s:
            time.sleep(self.delay_s)
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
            body = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.block_pyodide and path.startswith("/assets/pyodide/"):
            self.send_error(404)
            return
        super().do_GET()


class BlockedHandler(BenchHandler):
    """The site with Pyodide's files missing: the widgets fail to start Python."""

    block_pyodide = True


@contextmanager
def serve(site: Path, handler: type[BenchHandler]) -> Iterator[tuple[str, list[Served]]]:
    """Serve `site` on 127.0.0.1: (base URL, log of the responses)."""
    server = SiteServer((HOST, 0), functools.partial(handler, directory=str(site)))
    served: list[Served] = []
    server.served = served  # type: ignore[attr-defined]
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
    """One page load: when it was ready (ms from navigation), what it fetched, long tasks."""

    ready_ms: float
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
    """Load the page and wait for the number checker to be ready."""
    page.goto(url)
    page.wait_for_function(
        "window.__bench && (window.__bench.ready !== null || window.__bench.error !== null)",
        timeout=BOOT_MS,
        polling=50,
    )
    bench = page.evaluate("window.__bench")
    if bench["ready"] is None:
        state = page.locator(WIDGET).inner_text()
        raise RuntimeError(f"the number checker failed to start: {state}")
    origin = page.evaluate("performance.timeOrigin")
    ready = float(bench["ready"])
    size, count, urls = recorder.take(origin + ready)
    tasks = [t for t in bench["longtasks"] if t["start"] <= ready]
    return Visit(ready, size, count, tasks, urls, page.evaluate("window.__bench.scripts"))


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
    return Visit(ready, size, count, [], urls)


def visit_baseline(page: Page, url: str, wait_for: str) -> Visit:
    """Long tasks of a page that starts no Python: until `wait_for` holds, plus 500 ms."""
    page.goto(url)
    page.wait_for_function(wait_for, timeout=BOOT_MS, polling=50)
    page.wait_for_timeout(500)
    bench = page.evaluate("window.__bench")
    ready = float(page.evaluate("performance.now()"))
    return Visit(ready, longtasks=bench["longtasks"], scripts=bench["scripts"])


def cold_and_warm(
    playwright: Playwright,
    served: list[Served],
    base: str,
    path: str,
    visit: Callable[[Page, Recorder, str], Visit],
) -> tuple[Visit, Visit]:
    """Visit `path` with a fresh profile (empty disk cache), then again in a new tab.

    A persistent profile, not an incognito context: an incognito context caches in memory
    and leaves out large entries (pyodide.asm.wasm), and V8 keeps compiled WebAssembly
    only next to a disk cache, so only a profile on disk warms up as a reader's browser does.
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
        )
        try:
            context.add_init_script(_INIT_SCRIPT)
            recorder = Recorder(served)
            first = context.new_page()
            cold = visit(first, recorder, base + path)
            first.close()
            second = context.new_page()
            recorder.mark = len(served)
            warm = visit(second, recorder, base + path)
            second.close()
        finally:
            context.close()
    return cold, warm


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
    """Checkers' own verdict for `raw` (region GB)."""
    return str(check_number(raw, "GB").to_dict()["verdict"])


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


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def met(ok: bool) -> str:
    """Return MET or MISSED."""
    return "MET" if ok else "MISSED"


@dataclass
class Results:
    """Everything one run measured."""

    widget: list[tuple[Visit, Visit]] = field(default_factory=list)  # (cold, warm) per run
    bare: list[tuple[Visit, Visit]] = field(default_factory=list)
    blocked: list[Visit] = field(default_factory=list)  # the page, Pyodide's files blocked
    no_widget: list[Visit] = field(default_factory=list)
    filled: list[float] = field(default_factory=list)
    typed: list[float] = field(default_factory=list)
    wrong: int = 0
    phases: list[tuple[str, float]] = field(default_factory=list)


def baselines(browser: Browser, base: str, blocked_base: str, results: Results) -> None:
    """Long tasks of the page with Pyodide's files blocked, and of a page without a widget."""
    for url, wait_for, into in (
        (blocked_base + PAGE, "window.__bench.error !== null", results.blocked),
        (base + NO_WIDGET_PAGE, "document.readyState === 'complete'", results.no_widget),
    ):
        context = browser.new_context()
        context.add_init_script(_INIT_SCRIPT)
        try:
            into.append(visit_baseline(context.new_page(), url, wait_for))
        finally:
            context.close()


def measure(site: Path, runs: int, latency_ms: float = 0.0) -> Results:
    """Serve `site` and take every measurement."""
    BenchHandler.delay_s = latency_ms / 1000
    results = Results()
    started = time.perf_counter()
    with (
        serve(site, BenchHandler) as (base, served),
        serve(site, BlockedHandler) as (blocked_base, _),
        sync_playwright() as playwright,
    ):
        for _ in range(runs):  # interleaved, so load on the machine hits both alike
            results.bare.append(cold_and_warm(playwright, served, base, BARE_PAGE, visit_bare))
            results.widget.append(cold_and_warm(playwright, served, base, PAGE, visit_widget))
        results.phases.append(("cold and warm visits", time.perf_counter() - started))
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for _ in range(runs):
                baselines(browser, base, blocked_base, results)
            results.phases.append(("baselines", time.perf_counter() - started))
            context = browser.new_context()
            context.add_init_script(_INIT_SCRIPT)
            try:
                results.filled, results.wrong, results.typed = keystroke_latency(
                    context.new_page(), base
                )
            finally:
                context.close()
            results.phases.append(("keystrokes", time.perf_counter() - started))
        finally:
            browser.close()
    return results


def row(label: str, value: str, target: str = "") -> None:
    """Print one line of the table."""
    print(f"  {label:<48} {value:>14}  {target}".rstrip())


def details(results: Results) -> None:
    """Print each run's figures and the long tasks with their scripts."""
    loads = [visit for pair in results.widget for visit in pair]
    print("\n  Each run, ms (cold / warm):")
    for name, pairs in (("ready", results.widget), ("bare", results.bare)):
        cold = [round(c.ready_ms) for c, _ in pairs]
        warm = [round(w.ready_ms) for _, w in pairs]
        print(f"    {name:<6} {cold} / {warm}")
    print(f"  Tasks over {LONG_TASK_MS:.0f} ms (ms, the script that ran longest in it):")
    named = [("page", v) for v in loads] + [("blocked", v) for v in results.blocked]
    for name, visit in [*named, *(("no widget", v) for v in results.no_widget)]:
        tasks = [f"{t['duration']:.0f} {visit.blame(t)}" for t in visit.long_over(LONG_TASK_MS)]
        print(f"    {name:<9} {'; '.join(tasks) or '-'}")


def report(results: Results, runs: int, show_requests: bool) -> None:
    """Print the table."""
    med = statistics.median
    widget, bare = results.widget, results.bare
    cold_ready = med([c.ready_ms for c, _ in widget])
    warm_ready = med([w.ready_ms for _, w in widget])
    cold_bare = med([c.ready_ms for c, _ in bare])
    warm_bare = med([w.ready_ms for _, w in bare])
    ratio = cold_ready / cold_bare
    loads = [visit for pair in widget for visit in pair]
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

    print(f"\nNumber checker on {PAGE} in headless Chromium, median of {runs} runs")
    print(f"(cold: fresh profile; warm: second visit, same profile; bare: {BARE_PAGE})\n")
    row("ready, cold", f"{cold_ready:,.0f} ms")
    row("ready, warm", f"{warm_ready:,.0f} ms")
    row("bare Pyodide boot, cold", f"{cold_bare:,.0f} ms")
    row("bare Pyodide boot, warm", f"{warm_bare:,.0f} ms")
    row(
        "ratio ready / bare boot, cold",
        f"{ratio:.2f} x",
        f"target <= {READY_RATIO_TARGET:.2f} x: {met(ratio <= READY_RATIO_TARGET)}",
    )
    row("ratio ready / bare boot, warm", f"{warm_ready / warm_bare:.2f} x")
    row(
        f"keystroke to verdict, fill per input ({len(filled)}), median",
        f"{med(filled):.1f} ms",
        f"target <= {KEYSTROKE_MEDIAN_TARGET_MS:.0f} ms: "
        f"{met(med(filled) <= KEYSTROKE_MEDIAN_TARGET_MS)}",
    )
    row("keystroke to verdict, fill per input, p95", f"{p95(filled):.1f} ms")
    row(f"keystroke to verdict, typed ({len(typed)} keys), median", f"{med(typed):.1f} ms")
    row("keystroke to verdict, typed, p95", f"{p95(typed):.1f} ms")
    row("verdicts not matching checkers", str(results.wrong))
    row("bytes before ready, cold", f"{med([float(c.bytes) for c, _ in widget]):,.0f} B")
    row("bytes before ready, warm", f"{med([float(w.bytes) for _, w in widget]):,.0f} B")
    row("bytes of the bare boot, cold", f"{med([float(c.bytes) for c, _ in bare]):,.0f} B")
    row("longest main-thread task before ready", f"{longest:.0f} ms")
    row("  same page, Pyodide's files blocked", f"{blocked:.0f} ms")
    row(f"  page without a widget ({NO_WIDGET_PAGE})", f"{plain:.0f} ms")
    row(
        f"  most tasks over {LONG_TASK_MS:.0f} ms in a load: page / baselines",
        f"{over} / {over_base}",
    )
    row(
        f"  tasks over {LONG_TASK_MS:.0f} ms in the widgets' scripts",
        str(len(caused)),
        f"target none: {met(not caused)}",
    )
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
            print(f"\n  Responses before ready, {title} ({visit.requests}):")
            for line in visit.urls:
                print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    """Build the site (unless --site), measure, print the table; 0 unless it cannot measure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="cold and warm repetitions")
    parser.add_argument("--requests", action="store_true", help="list the responses")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="ms the server waits before each answer"
    )
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        print(f"error: Chromium is missing at {CHROMIUM}", file=sys.stderr)
        return 2
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
            results = measure(site, args.runs, args.latency)
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
