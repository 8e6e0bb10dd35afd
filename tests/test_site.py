"""The guide as a site: strict build, every fact of the guide, channels, links, no other origin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from checkers import load_spec
from tests.sitebuild import GUIDE, Build, build_site

pytestmark = pytest.mark.slow

PAGES = ["", "sending-fails/", "not-received/", "replies-missing/", "still-not-resolved/"]

# Guide lines whose web wording differs: each fragment must be on the site.
EDITED_LINES = {
    "SMS messages are failing to send → go to Section 1": [
        "sms messages are failing to send",
        "go to section 1",
    ],
    "Applicants are not receiving messages you sent → go to Section 2": [
        "applicants are not receiving messages you sent",
        "go to section 2",
    ],
    "You are not receiving inbound SMS replies → go to Section 3": [
        "you are not receiving inbound sms replies",
        "go to section 3",
    ],
    "When the issue started (and whether it has ever worked correctly).": [
        "when the issue started",
        "has it ever worked correctly?",
    ],
    "An example of a reply that was not received, including the sender's mobile number "
    "and the approximate date and time.": [
        "an example of a reply that was not received: the sender's mobile number",
        "an example of a reply that was not received: the approximate date and time",
    ],
}


def normalise(text: str) -> str:
    """Lower-case text with typographic quotes made plain and white space folded."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r" ([.,:;!?)])", r"\1", text)


def site_text(build: Build) -> str:
    """The text of every page's article, normalised."""
    articles = (build.page(url).select_one("article") for url in PAGES)
    return " ".join(normalise(a.get_text(" ")) for a in articles if a is not None)


def test_strict_build_is_clean(built_site: Build) -> None:
    assert built_site.warnings == []
    for url in PAGES:
        assert (built_site.site / url / "index.html").is_file(), url
        text = built_site.page(url).get_text()
        # Markdown or Jinja syntax that did not render leaks into the page as text.
        assert not any(mark in text for mark in ("{:", "{{", "{%", "!!! ")), url


def test_every_line_of_the_guide_is_on_the_site(built_site: Build) -> None:
    text = site_text(built_site)
    missing = []
    for raw in GUIDE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        fragments = EDITED_LINES.get(line)
        if fragments is None:
            fragments = [normalise(line.removeprefix("📌 Note: ")).rstrip(".")]
        missing += [f for f in fragments if f not in text]
    assert missing == []


def test_the_guide_order_is_kept(built_site: Build) -> None:
    headings = [
        normalise(h.get_text(" ")).removesuffix("¶").strip()
        for url in PAGES[1:]
        for h in built_site.page(url).select("article h1, article h2")
    ]
    order = [
        "section 1 — sms messages are failing to send",
        "check 1: verify the sms limits plugin",
        "check 2: verify the mobile number format",
        "check 3: confirm the sms service is active",
        "check 4: check for invalid data on the record",
        "section 2 — applicants are not receiving messages",
        "step 1: confirm whether the messages were sent",
        "step 2: check the mobile number",
        "step 3: contact support",
        "section 3 — not receiving inbound sms replies",
        "still not resolved?",
    ]
    positions = [headings.index(h) for h in order]
    assert positions == sorted(positions)


def test_every_page_ends_with_where_to_go_next(built_site: Build) -> None:
    for url in PAGES[1:]:
        last_h2 = built_site.page(url).select("article h2")[-1]
        assert "where to go next" in normalise(last_h2.get_text()), url


def test_steps_have_stable_anchors_and_tick_boxes(built_site: Build) -> None:
    for step in load_spec().steps:
        page = built_site.page(f"{step.page}/")
        assert page.find(id=step.id) is not None, step.id
        heading = page.find(id=step.id)
        boxes = []
        for element in heading.find_all_next():
            if element.name in {"h1", "h2"}:
                break
            if element.name == "input" and element.get("type") == "checkbox":
                boxes.append(element)
        assert boxes, f"no tick box under {step.id}"


def test_notes_are_admonitions_and_menu_paths_are_ui_elements(built_site: Build) -> None:
    page = built_site.page("sending-fails/")
    assert page.select_one("div.admonition.note") is not None
    # The guide's own menu path (the allowance checker repeats it in its fix steps).
    ui = [normalise(k.get_text()) for k in page.select("kbd.ui-element:not([data-widget] *)")]
    assert ui == ["plugins", "sms limits", "daily allowance", "save and close"]
    note = built_site.page("not-received/").select_one("div.admonition.note")
    assert note is not None
    assert "outside our control" in note.get_text()


def channel_near(build: Build, url: str, anchor_id: str) -> set[str]:
    """Channel keys named in the section that starts at heading `anchor_id`."""
    heading = build.page(url).find(id=anchor_id)
    assert heading is not None
    found = set()
    for sibling in heading.find_all_next():
        if sibling.name in {"h1", "h2"} and sibling is not heading:
            break
        if sibling.get("data-channel"):
            found.add(sibling["data-channel"])
    return found


def test_each_section_names_the_channel_the_guide_names(built_site: Build) -> None:
    assert channel_near(built_site, "sending-fails/", "s1-check3") == {"assistant"}
    assert channel_near(built_site, "sending-fails/", "s1-check4") == {"assistant"}
    assert channel_near(built_site, "not-received/", "s2-step3") == {"portal"}
    assert channel_near(built_site, "replies-missing/", "s3") == {"portal"}
    still = built_site.page("still-not-resolved/").select("article p [data-channel]")
    assert {s["data-channel"] for s in still} == {"portal"}


def test_channel_names_come_from_the_data_file(project_copy: Path, tmp_path: Path) -> None:
    data = project_copy / "checkers" / "data" / "support.toml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("MyAccess Portal", "Support Hub"),
        encoding="utf-8",
    )
    # The macros read checkers from the copy: put it first on the path.
    build = build_site(project_copy, tmp_path / "out", pythonpath=project_copy)
    assert build.returncode == 0, build.log
    text = site_text(build)
    assert "support hub" in text
    assert "myaccess portal" not in text
    assert "access digital assistant" in text


def test_please_include_lists_render_the_report_fields(built_site: Build) -> None:
    # Above a report form the list is not repeated: it is the form's no-JavaScript fallback.
    spec = load_spec()
    for url, kind in [
        ("sending-fails/", "service_inactive"),
        ("sending-fails/", "record_blocked"),
        ("not-received/", "not_received"),
        ("replies-missing/", "replies_missing"),
        ("still-not-resolved/", "still_not_resolved"),
    ]:
        lists = built_site.page(url).select(f'article ul.please-include[data-kind="{kind}"]')
        assert len(lists) == 1, (url, kind)
        assert lists[0].find_parent(attrs={"data-widget": "report-builder"}) is not None
        listed = [li["data-field"] for li in lists[0].select("li")]
        assert listed == [f.id for f in spec.kind(kind).fields]


def test_broken_links_and_anchors_fail_the_strict_build(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "not-received.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n[gone](no-such-page.md) and [lost](sending-fails.md#no-such-anchor)\n",
        encoding="utf-8",
    )
    build = build_site(project_copy, tmp_path / "out")
    assert build.returncode != 0
    assert any("no-such-page.md" in w for w in build.warnings), build.log
    assert any("no-such-anchor" in w for w in build.warnings), build.log


def test_the_site_requests_nothing_from_another_origin(built_site: Build) -> None:
    for html in built_site.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for attr in re.findall(
            r'<(?:script|img|iframe|source|audio|video)[^>]*\bsrc="([^"]+)"', text
        ):
            assert not urlsplit(attr).netloc, f"{html}: {attr}"
        for tag in re.findall(r"<link\b[^>]*>", text):
            if re.search(r'rel="(stylesheet|preload|modulepreload|preconnect|icon|manifest)"', tag):
                href = re.search(r'href="([^"]+)"', tag)
                assert href is None or not urlsplit(href.group(1)).netloc, f"{html}: {tag}"
        assert "fonts.googleapis" not in text
    for css in built_site.site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css
        assert "@import" not in css.read_text(encoding="utf-8") or "//" not in css.name


def test_material_features_are_on(built_site: Build) -> None:
    html = (built_site.site / "index.html").read_text(encoding="utf-8")
    for feature in ("navigation.instant", "search.suggest"):
        assert feature in html
    assert 'data-md-component="palette"' in html or "md-option" in html
    assert (built_site.site / "search" / "search_index.json").is_file()
    # No edit pencil pointing at a placeholder: the link appears only when EDIT_URI is set.
    assert built_site.page("sending-fails/").select_one('a[rel="edit"]') is None


def test_the_edit_link_follows_edit_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDIT_URI", "https://example.org/team/help/edit/main/docs/")
    mkdocs_yml = str(Path(__file__).parents[1] / "mkdocs.yml")
    config = load_config(mkdocs_yml)
    assert config.edit_uri == "https://example.org/team/help/edit/main/docs/"
    monkeypatch.delenv("EDIT_URI")
    assert not load_config(mkdocs_yml).edit_uri


def test_a_macro_table_inside_a_collapsible_block_is_not_in_a_paragraph(built_site: Build) -> None:
    html = (built_site.site / "sending-fails" / "index.html").read_text(encoding="utf-8")
    assert '<details class="example">' in html
    assert "<p><table" not in html
    page = built_site.page("sending-fails/")
    table = page.select_one("details.example > table[data-macro=number-examples]")
    assert table is not None
    assert table.find_parent("p") is None
