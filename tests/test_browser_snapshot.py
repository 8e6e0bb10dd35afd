"""A repeat visit restores Python from the snapshot the first one kept (python-worker.js
`snapshotStore`), in headless Chromium with a profile on disk: every widget answers as
checkers does, a damaged or unusable snapshot never stops a widget, and the snapshot holds
nothing a reader typed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from checkers import check_number
from tests.browser import BOOT_MS, CHROMIUM, CHROMIUM_ARGS, widget_on, widget_part
from tests.test_browser_number_audit import CONTACTS, assert_shows, audit_file, expected_audit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HINT = "sms-help.python-snapshot"
"""The localStorage key where the page remembers whether a snapshot is kept."""
SNAPSHOTS = "sms-help-python-snapshot"
"""The Cache Storage cache that holds it."""
STATUS = "globalThis[Symbol.for('sms-help.python-runtime')].status"
"""The runtime's status: `restored` says whether Python came from a snapshot."""
TYPED = "07999 314159"
"""A number a reader types: it must never be in a snapshot."""


@pytest.fixture
def profile(browser: Browser, site_url: str, tmp_path: Path) -> Iterator[BrowserContext]:
    """A Chromium profile on disk, as a reader's browser keeps one between visits."""
    ctx = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=str(CHROMIUM), headless=True,
        args=CHROMIUM_ARGS, base_url=site_url,
    )  # fmt: skip
    try:
        yield ctx
    finally:
        ctx.close()


def visit(ctx: BrowserContext, path: str = "/sending-fails/") -> Page:
    """Open `path` in a new tab and wait until its number checker is ready."""
    page = ctx.new_page()
    page.goto(path)
    expect(widget_on(page, "number-checker")).to_have_attribute(
        "data-state", "ready", timeout=BOOT_MS
    )
    return page


def check_shows_checkers_answer(page: Page, raw: str, region: str = "GB") -> None:
    box = widget_on(page, "number-checker")
    common = str(box.get_attribute("data-common-regions")).split()
    expected = check_number(raw, region, try_regions=tuple(c for c in common if c != region))
    box.get_by_label("Country for numbers without a country code").select_option(region)
    box.get_by_label("Mobile number").fill(raw)
    headline = widget_part(page, "number-checker", "verdict").locator('[data-part="headline"]')
    expect(headline).to_have_text(expected.headline, timeout=BOOT_MS)


def wait_for_hint(page: Page, wanted: str) -> None:
    """Wait until the page remembers `wanted` (page.evaluate: the site's CSP allows no eval)."""
    deadline = time.monotonic() + BOOT_MS / 1000
    while (found := page.evaluate(f"localStorage.getItem('{HINT}')")) != wanted:
        assert time.monotonic() < deadline, f"the snapshot hint stayed {found!r}, not {wanted!r}"
        page.wait_for_timeout(100)


def wait_until_kept(page: Page) -> None:
    wait_for_hint(page, "kept")


def saved_snapshot(page: Page) -> list[int]:
    """The kept snapshot's size in bytes, one per entry in the cache."""
    return page.evaluate(
        f"""async () => {{
            const cache = await caches.open('{SNAPSHOTS}');
            const sizes = [];
            for (const key of await cache.keys())
                sizes.push((await (await cache.match(key)).arrayBuffer()).byteLength);
            return sizes;
        }}"""
    )


def test_a_repeat_visit_is_restored_and_every_widget_answers_as_checkers(
    profile: BrowserContext, tmp_path: Path
) -> None:
    first = visit(profile)
    assert first.evaluate(STATUS)["restored"] is False
    check_shows_checkers_answer(first, "07400 123456")
    wait_until_kept(first)
    sizes = saved_snapshot(first)
    assert len(sizes) == 1
    assert 5_000_000 < sizes[0] < 31_457_408, "kept without its pages of zeros"
    first.close()

    again = visit(profile)
    assert again.evaluate(STATUS)["restored"] is True
    check_shows_checkers_answer(again, "07400 123456")
    check_shows_checkers_answer(again, "06 12 34 56 78", region="FR")  # data not loaded before
    check_shows_checkers_answer(again, "+1 202 555 0123")
    again.goto("/tools/")  # the audit, and the Excel writer loaded on demand
    audit_file(again, "contacts.csv", CONTACTS)
    assert_shows(again, expected_audit(CONTACTS, "Mobile"))
    audit = widget_on(again, "number-audit")
    with again.expect_download() as download:
        audit.get_by_role("button", name="Download Excel file").click()
    download.value.save_as(tmp_path / "fixed.xlsx")
    assert (tmp_path / "fixed.xlsx").read_bytes()[:2] == b"PK"
    message = widget_on(again, "message-check")
    message.get_by_label("Message", exact=True).fill("Hello 👋")
    expect(widget_part(again, "message-check", "verdict")).to_be_visible(timeout=BOOT_MS)
    assert again.evaluate(STATUS)["restored"] is True, "the same worker all along"


def test_the_snapshot_holds_nothing_a_reader_typed(profile: BrowserContext) -> None:
    page = visit(profile)
    check_shows_checkers_answer(page, TYPED)
    wait_until_kept(page)
    found = page.evaluate(
        f"""async (typed) => {{
            const cache = await caches.open('{SNAPSHOTS}');
            const [key] = await cache.keys();
            const bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
            const text = new TextDecoder("latin1").decode(bytes);
            return [text.includes(typed), text.includes(typed.replace(" ", "")),
                    text.includes("07400 123456")];
        }}""",
        TYPED,
    )
    assert found[:2] == [False, False], "what the reader typed is in the snapshot"
    assert found[2] is True, "the warm-up's own number is there: the search finds numbers"


def put_snapshot(page: Page, script: str) -> None:
    """Replace the kept snapshot's bytes with what `script` (a JS expression) gives."""
    page.evaluate(
        f"""async () => {{
            const cache = await caches.open('{SNAPSHOTS}');
            const [key] = await cache.keys();
            await cache.put(key, new Response({script}));
        }}"""
    )


@pytest.mark.parametrize(
    ("damage", "bytes_js"),
    [
        ("cut short", "new Uint8Array([1, 2, 3])"),
        # Well formed, but not Python's memory: Pyodide refuses it, so this browser stops
        # making snapshots.
        ("not a snapshot", "new Uint8Array([64, 0, 0, 0, 0, 0, 0, 0])"),
    ],
)
def test_a_snapshot_that_cannot_be_used_never_stops_a_widget(
    profile: BrowserContext, damage: str, bytes_js: str
) -> None:
    first = visit(profile)
    wait_until_kept(first)
    put_snapshot(first, bytes_js)
    first.close()
    again = visit(profile)
    assert again.evaluate(STATUS)["restored"] is False
    check_shows_checkers_answer(again, "07400 123456")
    if damage == "cut short":  # unreadable: read as none, and a new one is kept
        wait_until_kept(again)
        assert len(saved_snapshot(again)) == 1
        assert saved_snapshot(again)[0] > 5_000_000
    else:  # restoring failed: dropped, and none is made again in this browser
        wait_for_hint(again, "off")
        assert saved_snapshot(again) == []
        again.close()
        third = visit(profile)
        assert third.evaluate(STATUS)["restored"] is False
        check_shows_checkers_answer(third, "07400 123456")
        third.wait_for_timeout(1_000)
        assert saved_snapshot(third) == []


def test_a_restore_that_hangs_is_given_up_and_not_tried_again(profile: BrowserContext) -> None:
    first = visit(profile)
    wait_until_kept(first)
    first.close()
    page = profile.new_page()
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda _route: None)  # never answered
    page.goto("/sending-fails/")
    box = widget_on(page, "number-checker")
    expect(box).to_have_attribute("data-state", "error", timeout=45_000)
    assert page.evaluate(f"localStorage.getItem('{HINT}')") == "off"
    page.unroute("**/assets/pyodide/pyodide.asm.wasm")
    box.get_by_role("button", name="Retry").click()
    expect(box).to_have_attribute("data-state", "ready", timeout=BOOT_MS)
    assert page.evaluate(STATUS)["restored"] is False
    check_shows_checkers_answer(page, "07400 123456")
