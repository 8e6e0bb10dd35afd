"""hooks/tasklist_labels.py: every tick box of the built site has a name, an index and, on a
"Done:" box, the guide step it closes (no browser)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from checkers import load_spec
from tests.sitebuild import Build, build_site, load_hook

STEP_IDS = [step.id for step in load_spec().steps]


HOOK = load_hook("tasklist_labels")


def accessible_name(soup: BeautifulSoup, box: Tag) -> str:
    """The text a screen reader announces for `box` (the ARIA name sources used here)."""
    label = str(box.get("aria-label") or "").strip()
    if label:
        return label
    ids = str(box.get("aria-labelledby") or "").split()
    named = [soup.find(id=i) for i in ids]
    text = " ".join(n.get_text(" ", strip=True) for n in named if isinstance(n, Tag))
    if text:
        return text
    box_id = box.get("id")
    labels = soup.select(f'label[for="{box_id}"]') if box_id else []
    wrapper = box.find_parent("label")
    if wrapper is not None:
        labels.append(wrapper)
    return " ".join(label.get_text(" ", strip=True) for label in labels).strip()


def built_pages(build: Build) -> list[Path]:
    pages = [p for p in build.site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) >= 7
    return pages


@pytest.mark.slow
def test_every_checkbox_of_the_built_site_has_an_accessible_name(built_site: Build) -> None:
    nameless = []
    tick_boxes = 0
    for path in built_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select('input[type="checkbox"]'):
            # Material's own state toggles (drawer, table of contents, search) are
            # display: none inputs driven by their icon buttons, never shown as boxes.
            if "md-toggle" in (box.get("class") or []):
                continue
            tick_boxes += 1
            if not accessible_name(soup, box):
                nameless.append(f"{path.relative_to(built_site.site)}: {box}")
    assert nameless == []
    assert tick_boxes >= len(STEP_IDS)


@pytest.mark.slow
def test_tick_boxes_are_named_by_their_text_and_indexed(built_site: Build) -> None:
    soup = built_site.page("not-received/")
    boxes = soup.select('.task-list-control input[type="checkbox"]')
    assert [box["data-tick"] for box in boxes] == [str(i) for i in range(len(boxes))]
    for box in boxes:
        item = box.find_parent("li")
        assert item is not None
        assert box["aria-label"] == " ".join(item.get_text(" ").split())


@pytest.mark.slow
def test_every_done_box_carries_its_step(built_site: Build) -> None:
    found = []
    for step in load_spec().steps:
        soup = built_site.page(f"{step.page}/")
        for box in soup.select('.task-list-control input[type="checkbox"]'):
            if str(box["aria-label"]).startswith("Done:"):
                assert box.get("data-step") in STEP_IDS, box
                assert str(box["data-steps"]).split() == STEP_IDS
                found.append((step.page, box["data-step"]))
            else:
                assert not box.has_attr("data-step"), box
    # One "Done:" box per step, on the step's own page, each found once per visit.
    assert sorted(set(found)) == sorted((step.page, step.id) for step in load_spec().steps)


def box_html(text: str, checked: str = "") -> str:
    return (
        f'<li class="task-list-item"><label class="task-list-control">'
        f'<input type="checkbox"{checked}/><span class="task-list-indicator"></span>'
        f"</label> {text}</li>"
    )


def test_the_hook_names_nested_loose_and_escaped_items() -> None:
    html = (
        '<h2 id="intro">Intro</h2><ul class="task-list">'
        + box_html("Plain &amp; <code>simple</code>")
        + '<li class="task-list-item"><p><label class="task-list-control">'
        '<input type="checkbox" checked/><span class="task-list-indicator"></span></label>'
        ' A "loose" item</p><ul class="task-list">'
        + box_html("Nested")
        + "</ul></li></ul>"
        + '<h2 id="s1-check2">Check 2</h2><ul class="task-list">'
        + box_html("Done: the number is right")
        + "</ul>"
    )
    soup = BeautifulSoup(HOOK.label_tick_boxes(html, STEP_IDS), "html.parser")
    boxes = soup.select("input")
    assert [b["aria-label"] for b in boxes] == [
        "Plain & simple",
        'A "loose" item',
        "Nested",
        "Done: the number is right",
    ]
    assert [b["data-tick"] for b in boxes] == ["0", "1", "2", "3"]
    assert boxes[1].has_attr("checked")
    assert [b.get("data-step") for b in boxes] == [None, None, None, "s1-check2"]


def test_the_hook_leaves_other_checkboxes_alone() -> None:
    html = '<form><input type="checkbox" id="x"><label for="x">Mine</label></form>'
    assert HOOK.label_tick_boxes(html, STEP_IDS) == html


def test_a_done_box_outside_any_step_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    html = '<h2 id="where-to-go-next">Next</h2><ul>' + box_html("Done: stray") + "</ul>"
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.tasklist_labels"):
        out = HOOK.label_tick_boxes(html, STEP_IDS, where="page.md")
    assert "data-step" not in out
    assert "page.md: the tick box 'Done: stray' is not under a guide step's heading" in caplog.text
    assert "s1-check1" in caplog.text


@pytest.mark.slow
def test_a_done_box_outside_any_step_fails_the_strict_build(
    project_copy: Path, tmp_path: Path
) -> None:
    page = project_copy / "docs" / "still-not-resolved.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n- [ ] Done: I read this page\n", encoding="utf-8"
    )
    build = build_site(project_copy, tmp_path / "out", pythonpath=project_copy)
    assert build.returncode != 0
    assert "still-not-resolved.md: the tick box 'Done: I read this page' is not under" in build.log


def test_links_to_other_sites_are_marked_for_print_unless_they_show_their_address() -> None:
    html = (
        '<p><a href="https://example.org/help">the help</a> '
        '<a href="https://example.org/">https://example.org/</a> '
        '<a href="../sending-fails/">Section 1</a> <a href="#s1-check2">Check 2</a> '
        '<a href="mailto:help@example.org">write to us</a></p>'
    )
    soup = BeautifulSoup(HOOK.label_tick_boxes(html, STEP_IDS), "html.parser")
    marked = [a["href"] for a in soup.select("a[data-print-url]")]
    assert marked == ["https://example.org/help", "mailto:help@example.org"]


@pytest.mark.slow
def test_the_built_site_marks_its_links_to_other_sites(built_site: Build) -> None:
    for path in built_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # The "Edit this page" button comes from the theme, not the page; print hides it.
        for link in soup.select("article a[href]:not(.md-content__button)"):
            href = str(link["href"])
            external = href.startswith(("http://", "https://", "mailto:"))
            shows_address = link.get_text(strip=True) in {href, href.removeprefix("mailto:")}
            assert link.has_attr("data-print-url") == (external and not shows_address), link
